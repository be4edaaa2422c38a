"""Lighthouse 12.2.3 (the npm package pinned in package-lock.json, driving Debian's Chromium) on
every kind of page of the shipped desk: accessibility, best practices and SEO score 100.

The site is built with ``mkdocs build --strict`` and served as a real host serves it (bench.host:
gzip, caching, the site's 404 page). Lighthouse runs with its default settings (the mobile
preset), but for the full-page screenshot, which no audit reads, once per shard of the pages
(SHARDS runs of pages in a row), each once per run for all the test workers (conftest
``shared``), so that the workers audit different pages at the same time; each page is a
test of its own, which lists every audit that cost a point. Performance is measured by
``make bench``, not here: it depends on the machine.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from bench import lighthouse
from generator import load, urls, validate

from .conftest import CONTENT

CATEGORIES = ["accessibility", "best-practices", "seo"]
CONTENT_NOW = validate(load(CONTENT))


def page_types() -> list[str]:
    """One page of every kind, by address: the desk's own pages, an actor's (a country and a
    person), an issue's, every page of every explainer, and the page for a missing address."""
    people = [a.id for a in CONTENT_NOW.actors.values() if a.kind == "person"]
    first = next(iter(CONTENT_NOW.explainers.values()))
    paths = [urls.path(kind) for kind, pattern in urls.PAGES.items() if "{" not in pattern]
    paths += [urls.path("actor", id=a) for a in dict.fromkeys([first.story.parties[0], *people[:1]])]
    paths += [urls.path("issue", id=next(iter(CONTENT_NOW.issues)))]
    paths += [urls.path(kind, slug=slug) for slug in CONTENT_NOW.explainers for kind, p in urls.PAGES.items() if "{slug}" in p]
    return [urls.url(path) for path in paths] + ["404.html"]


PAGES = page_types()
# Lighthouse runs per shard: as many as keep the workers busy, each paying one start of
# Lighthouse and Chromium.
SHARDS = 4


@pytest.fixture(scope="session")
def results(built_site: Path, shared: Callable[[str, Callable[[Path], None]], Path]) -> Callable[[str], dict]:
    """``results(page)``: Lighthouse's result for the page, run on the page's shard once per run."""
    try:
        assert lighthouse.installed() == lighthouse.VERSION, "package-lock.json pins another Lighthouse"
    except lighthouse.Missing as missing:
        pytest.fail(str(missing))

    def result(page: str) -> dict:
        shard = PAGES.index(page) * SHARDS // len(PAGES)
        pages = [p for n, p in enumerate(PAGES) if n * SHARDS // len(PAGES) == shard]

        def audit(where: Path) -> None:
            (where / "results.json").write_text(json.dumps(lighthouse.run(built_site, pages, CATEGORIES)), encoding="utf-8")

        # The shared build's folder is named by everything the build read.
        folder = shared(f"lighthouse {built_site} {pages} {CATEGORIES}", audit)
        return json.loads((folder / "results.json").read_text(encoding="utf-8"))[page]

    return result


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p or "home")
def test_lighthouse_scores_100(results: Callable[[str], dict], page: str):
    lhr = results(page)
    assert lhr.get("runtimeError") is None, lhr["runtimeError"]
    assert lhr["lighthouseVersion"] == lighthouse.VERSION
    problems = []
    for category in CATEGORIES:
        score = lhr["categories"][category]["score"]
        if score != 1:
            problems.append(f"{category}: {score if score is None else round(score * 100)}")
            problems += [f"    {line}" for line in lighthouse.failing(lhr, category)]
    assert not problems, f"/{page}:\n" + "\n".join(problems)
