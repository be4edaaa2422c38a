"""The same site from every MkDocs-family engine: ProperDocs and Zensical against MkDocs.

Material for MkDocs reaches end of life on 5 May 2027 (README: "Other engines"). ProperDocs,
the maintained MkDocs 1.x, runs the explainer plugin as MkDocs does; Zensical, Material's
successor, runs no MkDocs plugins, so ``make zensical`` writes the pages first. Each test builds
the shipped desk (or a fixture) with the engine, as a user would, and compares what a reader
gets with the ``mkdocs build --strict`` of the same content: the same pages, the same text, the
same metadata, no warnings.

Zensical lives in its own virtualenv, ``.venv-zensical``, which ``make test`` creates from
requirements-zensical.lock; ProperDocs is one of the test dependencies in ``.venv``.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from playwright.sync_api import Page, expect

from generator import load, urls, validate
from generator.render import navigation
from generator.wording import Wording

from . import test_browser
from .conftest import CONTENT, FIXTURES, ROOT, digest, engine_inputs, make_project, run_cli, served
from .test_accessibility import serious_in_each_palette
from .test_hostile import DESK_TITLE, HOSTILE, _plant, _scripts

TIMEOUT = 600  # s: a hang guard for one build, far above what one takes


# The shipped desk's languages but the first, whose sites are under /<code>/.
OTHER_LANGUAGES = tuple(validate(load(CONTENT)).desk.languages[1:])


def pages(site: Path) -> list[str]:
    """Every HTML page of a built site, as paths relative to it."""
    return sorted(path.relative_to(site).as_posix() for path in site.rglob("*.html"))


def files(site: Path) -> dict[str, bytes]:
    """The files of a built site that are not pages or the theme's own (assets, search index):
    the downloads and the sitemap."""
    theirs = ("assets/", "search/", "search.json", "sitemap.xml.gz")
    found = {}
    for path in sorted(site.rglob("*")):
        rel = path.relative_to(site).as_posix()
        # Each language's site (/<code>/) has the theme's files of its own, as the root's.
        own = rel.split("/", 1)[1] if rel.split("/")[0] in OTHER_LANGUAGES and "/" in rel else rel
        if path.is_file() and path.suffix != ".html" and not own.startswith(theirs):
            found[rel] = path.read_bytes()
    return found


def _soup(page: Path) -> BeautifulSoup:
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    # What no reader sees: scripts, styles, and what the page marks hidden.
    for unseen in soup.select("script:not([type='application/ld+json']), style, template, [hidden]"):
        unseen.decompose()
    return soup


def _text(element) -> str:
    return " ".join(element.get_text(" ").split())


def visible_text(page: Path) -> str:
    """The browser's title and everything the page shows, whitespace normalised."""
    soup = _soup(page)
    for data in soup.select("script"):
        data.decompose()
    return f"{_text(soup.title)}\n{_text(soup.body)}"


def metadata(page: Path) -> dict:
    """What a page tells search engines and link previews: the title, the meta tags (but the
    engine's name) and the JSON-LD, parsed."""
    soup = _soup(page)
    tags = sorted(
        (tag.get("name") or tag.get("property"), tag.get("content"))
        for tag in soup.select("head meta[name], head meta[property]")
        if tag.get("name") != "generator"
    )
    data = [json.loads(script.string) for script in soup.select("script[type='application/ld+json']")]
    return {"title": _text(soup.title), "meta": tags, "json-ld": data}


# -- ProperDocs ---------------------------------------------------------------------------------


def properdocs(project: Path, *args: str, content: Path = CONTENT) -> subprocess.CompletedProcess:
    """Run the real ``properdocs`` command in ``project``; ``-f mkdocs.yml``, as ProperDocs would
    otherwise suggest renaming the file."""
    env = {**os.environ, "EXPLAINER_CONTENT": str(content), "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "properdocs", *args, "-f", "mkdocs.yml"],
        cwd=project, env=env, capture_output=True, text=True, timeout=TIMEOUT,
    )


@pytest.fixture(scope="module")
def properdocs_site(shared) -> Path:
    """The shipped desk built by ProperDocs, once a run for all the workers."""
    def make(where: Path) -> None:
        project = make_project(where / "project")
        result = properdocs(project, "build", "--strict")
        assert result.returncode == 0, result.stderr
        assert "WARNING" not in result.stderr, result.stderr

    return shared(f"properdocs {engine_inputs()} {digest(CONTENT)}", make) / "project" / "site"


def test_properdocs_builds_the_same_pages_as_mkdocs(properdocs_site: Path, built_site: Path):
    assert pages(properdocs_site) == pages(built_site)
    assert len(pages(built_site)) > 40
    assert files(properdocs_site) == files(built_site)


def test_properdocs_pages_show_the_same_text_as_mkdocs_pages(properdocs_site: Path, built_site: Path):
    for page in pages(built_site):
        mine, theirs = built_site / page, properdocs_site / page
        assert visible_text(theirs) == visible_text(mine), page
        assert metadata(theirs) == metadata(mine), page


def test_properdocs_strict_failure_keeps_the_last_good_site(tmp_path: Path):
    # A hand-made page in docs/ with a broken link: ProperDocs' own warning, which it logs under
    # its own name, must fail the build before the plugin puts the new site in place.
    project = make_project(tmp_path / "project")
    content = shutil.copytree(FIXTURES / "minimal", tmp_path / "content")
    good = properdocs(project, "build", "--strict", content=content)
    assert good.returncode == 0, good.stderr
    site = project / "site"
    before = {path: path.read_bytes() for path in site.rglob("*") if path.is_file()}

    (project / "docs" / "extra.md").write_text("# Extra\n\n[Nowhere](nowhere.md)\n", encoding="utf-8")
    broken = properdocs(project, "build", "--strict", content=content)
    assert broken.returncode == 1
    assert "contains a link 'nowhere.md', but the target is not found" in broken.stderr
    assert "in strict mode!" in broken.stdout + broken.stderr
    assert {path: path.read_bytes() for path in site.rglob("*") if path.is_file()} == before
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".site")) == []


# -- Zensical -----------------------------------------------------------------------------------


def make_zensical(project: Path, zensical_venv: Path, content: Path = CONTENT) -> subprocess.CompletedProcess:
    """``make zensical`` in ``project``, a copy of the site's configuration and the Makefile,
    with the virtualenvs `make test` made (``-o``: use them as they are; ``zensical_venv`` is
    the fixture's)."""
    shutil.copy(ROOT / "Makefile", project / "Makefile")
    venv = Path(sys.prefix)
    env = {key: value for key, value in os.environ.items() if key not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}
    env["EXPLAINER_CONTENT"] = str(content)
    return subprocess.run(
        [
            "make", "--no-print-directory", "zensical",
            f"VENV={venv}", f"ZENSICAL_VENV={zensical_venv}",
            "-o", f"{venv}/.ready", "-o", f"{zensical_venv}/.ready",
        ],
        cwd=project, env=env, capture_output=True, text=True, timeout=TIMEOUT,
    )


@pytest.fixture(scope="module")
def zensical_build(shared, zensical_venv: Path) -> tuple[Path, subprocess.CompletedProcess]:
    """``make zensical`` of the shipped desk, once a run for all the workers: the project, and
    the command's result."""
    def make(where: Path) -> None:
        project = make_project(where / "project")
        # A hand-made extra in docs/, which the site must carry too.
        (project / "docs" / "extra.txt").write_text("made by hand\n", encoding="utf-8")
        result = make_zensical(project, zensical_venv)
        (where / "result.json").write_text(json.dumps([result.returncode, result.stdout, result.stderr]), encoding="utf-8")

    where = shared(f"zensical {engine_inputs()} {digest(CONTENT)} {digest(ROOT / 'Makefile')}", make)
    returncode, stdout, stderr = json.loads((where / "result.json").read_text(encoding="utf-8"))
    return where / "project", subprocess.CompletedProcess(["make", "zensical"], returncode, stdout, stderr)


@pytest.fixture(scope="module")
def zensical_site(zensical_build) -> Path:
    project, result = zensical_build
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site-zensical"


def test_make_zensical_builds_the_same_pages_as_mkdocs_without_warnings(zensical_build, zensical_site: Path, built_site: Path):
    _, result = zensical_build
    output = result.stdout + result.stderr
    assert "No issues found" in output
    assert "warning" not in output.lower()
    assert pages(zensical_site) == pages(built_site)
    # The downloads and docs/' own files. Not the sitemap: Zensical's has no dates (README).
    expected = {**files(built_site), **{f"{root}extra.txt": b"made by hand\n" for root in ("", *(f"{c}/" for c in OTHER_LANGUAGES))}}
    assert files(zensical_site).keys() == expected.keys()
    assert {**files(zensical_site), "sitemap.xml": b""} == {**expected, "sitemap.xml": b""}


def test_zensical_pages_say_what_mkdocs_pages_say(zensical_site: Path, built_site: Path):
    # The theme around the article differs ("On this page" for "Table of contents", Zensical's
    # search box); the article, the browser's title, the meta tags and the JSON-LD do not.
    for page in pages(built_site):
        mine, theirs = _soup(built_site / page), _soup(zensical_site / page)
        assert _text(theirs.select_one("article")) == _text(mine.select_one("article")), page
        assert metadata(zensical_site / page) == metadata(built_site / page), page


def test_zensical_uses_the_generated_navigation_and_the_desks_title(zensical_site: Path):
    content = validate(load(CONTENT))
    home = BeautifulSoup((zensical_site / "index.html").read_text(encoding="utf-8"), "html.parser")
    # The full name (and on a phone the short one the desk declares, explainer-masthead.html).
    topic = home.select_one(".md-header__topic .md-ellipsis")
    assert _text(topic.select_one(".explainer-masthead__full") or topic) == content.desk.title
    primary = home.select_one("nav.md-nav--primary")
    # Top-level entries: the navigation's own titles, in its order, and no page beyond them.
    top = [_text(item.select_one(".md-nav__link .md-ellipsis")) for item in primary.select(":scope > ul > li")]
    assert top == [next(iter(entry)) for entry in navigation(content)]


@contextlib.contextmanager
def browsing(site: Path, browser, color_scheme: str = "light") -> Iterator[tuple[Page, list[str]]]:
    """A browser page on a desktop screen, open at ``site``'s home served on 127.0.0.1, and
    the list of every address it requests."""
    with served(site) as base:
        context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=color_scheme)
        context.set_default_timeout(test_browser.TIMEOUT)
        requests: list[str] = []
        context.on("request", lambda request: requests.append(request.url))
        try:
            page = context.new_page()
            page.goto(f"{base}/")
            yield page, requests
        finally:
            context.close()


def zensical_search(page: Page, text: str) -> None:
    """Zensical's own search, which partials/search.html keeps under Zensical (Material's
    search box would be hidden and dead there): the header's named dialog, its button, then
    the query typed as a person types."""
    header = page.get_by_role("navigation", name="Header")
    header.get_by_role("dialog", name="Search").get_by_role("button", name="Search").click()
    # The query is typed once the search's field has the focus (within Zensical's shadow DOM).
    page.wait_for_function(
        "() => { let a = document.activeElement; while (a && a.shadowRoot && a.shadowRoot.activeElement) a = a.shadowRoot.activeElement; return a instanceof HTMLInputElement; }"
    )
    page.keyboard.type(text, delay=20)


def test_zensical_search_finds_pages_and_offers_their_explainers(zensical_site: Path, browser):
    slug = "what-each-side-wants"
    title = validate(load(CONTENT)).explainers[slug].story.title
    with browsing(zensical_site, browser) as (page, requests):
        origin = page.url
        zensical_search(page, "capitulate")
        # The results come once Zensical's worker has read the index: slow on a busy machine.
        found = page.locator(f"[role=option][href*='/{urls.url(urls.path('explainer', slug=slug))}']").first
        expect(found).to_be_visible(timeout=test_browser.TIMEOUT)
        # Each explainer's pages are tagged with its title: Zensical offers the tags as filters.
        expect(page.get_by_role("toolbar", name="Tags").get_by_role("button", name=title)).to_be_visible(timeout=test_browser.TIMEOUT)
    # The page, the search index and its worker come from the site itself: nothing from elsewhere.
    assert any(url.endswith("search.json") for url in requests), requests
    assert all(url.startswith(origin) for url in requests), requests


def test_zensical_pages_pass_axe(zensical_site: Path, browser):
    # The accessibility audit of tests/test_accessibility.py, on one page of every kind as
    # Zensical builds it, in the light and the dark palette (switched with the header's toggle,
    # which Zensical's theme has as Material's does): the theme around our pages is Zensical's
    # own there.
    content = validate(load(CONTENT))
    slug, actor, issue = next(iter(content.explainers)), next(iter(content.actors)), next(iter(content.issues))
    targets = [urls.path(kind, slug=slug, id=issue if kind == "issue" else actor) for kind in urls.PAGES]
    axe = (ROOT / "node_modules" / "axe-core" / "axe.min.js").read_text(encoding="utf-8")
    found = []
    with browsing(zensical_site, browser) as (page, _):
        home = page.url
        for target in targets:
            page.goto(home + urls.url(target))
            found += serious_in_each_palette(page, axe, target)
    assert not found, "\n\n".join(found)


def test_zensical_shows_hostile_text_literally(tmp_path: Path, browser, zensical_venv: Path):
    content = shutil.copytree(FIXTURES / "minimal", tmp_path / "content")
    _plant(content)
    project = make_project(tmp_path / "project")
    result = make_zensical(project, zensical_venv, content)
    assert result.returncode == 0, result.stdout + result.stderr
    site = project / "site-zensical"
    for page in pages(site):
        soup = BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")
        assert not any("alert" in (script.string or "") for script in _scripts(soup)), page
        assert not soup.select("img[onerror], a[href^='javascript:']"), page
    home = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert home.title.get_text() == HOSTILE["desk"]
    assert _text(home.select_one(".md-header__topic .md-ellipsis")) == " ".join(HOSTILE["desk"].split())
    # The desk's description, the site's on the 404 page, in its description and share tags.
    missing = BeautifulSoup((site / "404.html").read_text(encoding="utf-8"), "html.parser")
    assert missing.find("meta", attrs={"name": "description"})["content"] == HOSTILE["summary"]
    assert missing.find("meta", property="og:description")["content"] == HOSTILE["summary"]
    # Zensical's search shows titles, tags and text from its index: as text too.
    with browsing(site, browser) as (page, _):
        alerts: list[str] = []
        page.on("dialog", lambda dialog: (alerts.append(dialog.message), dialog.dismiss()))
        zensical_search(page, "alert")
        expect(page.get_by_role("option").first).to_be_visible(timeout=test_browser.TIMEOUT)
        expect(page.get_by_role("toolbar", name="Tags").get_by_role("button", name=HOSTILE["explainer"])).to_be_visible(timeout=test_browser.TIMEOUT)
        assert page.locator("dialog img, dialog script").count() == 0
    assert alerts == []



def test_zensical_keeps_a_desk_title_with_quotes_inside_its_attributes(tmp_path: Path, zensical_venv: Path):
    content = shutil.copytree(FIXTURES / "minimal", tmp_path / "content")
    (content / "desk.yml").write_text(yaml.safe_dump({"title": DESK_TITLE}), encoding="utf-8")
    project = make_project(tmp_path / "project")
    result = make_zensical(project, zensical_venv, content)
    assert result.returncode == 0, result.stdout + result.stderr
    site = project / "site-zensical"
    for page in pages(site):
        soup = BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")
        assert not soup.select("[onfocus], [autofocus]"), page
    home = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert home.title.get_text() == home.find("meta", property="og:site_name")["content"] == DESK_TITLE
    assert [a["aria-label"] for a in home.select("a.md-logo")] == [DESK_TITLE] * 2
    # The logo's tooltip too: escaped once (our copies of the theme's header and menu).
    assert [a["title"] for a in home.select("a.md-logo")] == [DESK_TITLE] * 2

UNCITED = "- id: unused\n  publisher: Other\n  title: Not cited\n  date: 2025\n"
# A broken content folder (the minimal fixture, one file changed) and what make zensical says.
BROKEN = {
    "an error": (
        ("figures.yml", "value: 1000", "value: 1,000"),
        "content/figures.yml:3:10: error: expected a number, got the text '1,000'",
    ),
    # As `make build` does, a warning fails the build too.
    "a warning": (
        ("sources.yml", "url: https://example.org/harbour\n", "url: https://example.org/harbour\n" + UNCITED),
        "content/sources.yml:7:7: warning: source 'unused' is not cited by anything",
    ),
}


@pytest.mark.parametrize("problem", BROKEN)
def test_a_failed_make_zensical_keeps_the_previous_site(tmp_path: Path, zensical_site: Path, problem: str, zensical_venv: Path):
    project = make_project(tmp_path / "project")
    shutil.copytree(zensical_site, project / "site-zensical")
    before = {path: path.read_bytes() for path in (project / "site-zensical").rglob("*") if path.is_file()}
    (file, old, new), message = BROKEN[problem]
    content = shutil.copytree(FIXTURES / "minimal", project / "content")
    text = (content / file).read_text(encoding="utf-8")
    assert text.count(old) == 1
    (content / file).write_text(text.replace(old, new), encoding="utf-8")
    result = make_zensical(project, zensical_venv, Path("content"))
    assert result.returncode != 0
    assert message in result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    after = {path: path.read_bytes() for path in (project / "site-zensical").rglob("*") if path.is_file()}
    assert after == before


# -- the configuration the generator writes for Zensical ------------------------------------------


def test_render_config_inherits_mkdocs_yml_and_adds_the_pages_navigation_and_title(tmp_path: Path):
    content = shutil.copytree(FIXTURES / "desk", tmp_path / "content")
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    result = run_cli("--content", "content", "render", "build/docs", "--config", "zensical.yml",
                     "--site-dir", "build/site", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.splitlines()[-1] == "wrote zensical.yml"
    config = yaml.safe_load((tmp_path / "zensical.yml").read_text(encoding="utf-8"))
    desk = validate(load(content))
    assert config == {
        "INHERIT": "mkdocs.yml",
        "docs_dir": "build/docs",
        "site_dir": "build/site",
        "site_name": desk.desk.title,
        # The desk's description too, for the pages with none of their own (the 404 page).
        "site_description": desk.desk.description,
        "nav": navigation(desk),
        # The theme's own words (404.html), in the desk's language, as the plugin gives them,
        # and the palette's toggles named in it by their English names (here the same).
        "extra": {
            "explainer_words": Wording.of("en").theme_words,
            "explainer_toggles": {"Switch to dark mode": "Switch to dark mode", "Switch to light mode": "Switch to light mode"},
        },
        # mkdocs.yml's toc options again, whole (Zensical appends to lists), with the permalink's title.
        "markdown_extensions": [{"toc": {"permalink": True, "permalink_title": "Permanent link"}}],
    }
    for entry in config["nav"]:
        for target in entry.values():
            for path in target if isinstance(target, list) else [target]:
                assert (tmp_path / "build" / "docs" / path).is_file(), path
    assert (tmp_path / "build" / "docs" / urls.path("desk")).is_file()


def test_render_config_escapes_the_desks_title_for_the_theme(tmp_path: Path):
    # The theme prints site_name as HTML, in text and attributes alike, as the plugin sets it:
    # the desk's title is text, escaped once, its quotes too.
    content = shutil.copytree(FIXTURES / "minimal", tmp_path / "content")
    (content / "desk.yml").write_text(yaml.safe_dump({"title": HOSTILE["desk"]}), encoding="utf-8")
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    result = run_cli("--content", "content", "render", "docs", "--config", "zensical.yml", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    config = yaml.safe_load((tmp_path / "zensical.yml").read_text(encoding="utf-8"))
    assert config["site_name"] == "&lt;/span&gt;&lt;script&gt;alert(&#39;desk&#39;)&lt;/script&gt; **bold** &amp; {{ 7*7 }}"
    assert "site_dir" not in config


def test_render_config_needs_mkdocs_yml_and_site_dir_needs_config(tmp_path: Path):
    shutil.copytree(FIXTURES / "minimal", tmp_path / "content")
    missing = run_cli("--content", "content", "render", "docs", "--config", "zensical.yml", cwd=tmp_path)
    assert missing.returncode == 1
    assert missing.stderr == (
        "mkdocs.yml: error: file is missing (expected the site's configuration, which --config inherits: "
        "run from its folder)\n"
    )
    assert not (tmp_path / "docs").exists() and not (tmp_path / "zensical.yml").exists()
    alone = run_cli("--content", "content", "render", "docs", "--site-dir", "site", cwd=tmp_path)
    assert alone.returncode == 2
    assert "--site-dir needs --config" in alone.stderr


def test_make_zensical_without_directory_urls_links_every_page_by_its_html_file(tmp_path: Path, zensical_venv: Path):
    # mkdocs.yml's use_directory_urls reaches the pages the generator writes for Zensical too.
    from tests.test_links import broken

    project = make_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text() + "\nuse_directory_urls: false\n")
    result = make_zensical(project, zensical_venv)
    assert result.returncode == 0, result.stdout + result.stderr
    site = project / "site-zensical"
    assert (site / "actors" / "index.html").is_file()
    assert 'href="actors/index.html"' in (site / "index.html").read_text(encoding="utf-8")
    assert broken(site, directory_urls=False) == []
