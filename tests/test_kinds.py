"""The registry of page kinds (generator/kinds.py): a kind added there is a page of the site.

The README's "How to add a page kind" steps, followed once: a kind of page that lists every
explainer's standfirst, made of a template (in the site's own templates folder, the plugin's
`templates` option), its registry entry and its words, registered before MkDocs starts (a
``sitecustomize`` module on the server's path, as a test-only registration). The real
``mkdocs serve --dirty`` must show it in the navigation and in search, and after an edit to an
explainer, which the kind reads, serve it re-rendered: the preview's dependencies come from the
registry, so a new kind of page cannot go stale.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator import kinds, urls
from generator.model import EXPLAINERS_FOLDER

from .conftest import CONTENT, make_project, own_templates
from .test_serve import _get, _wait_for, serving

NAME = "desk-briefs"
TITLE = "In brief"
# Steps 2 and 3: the registry entry and the words, as a site (here, a test) registers them.
REGISTRATION = f"""
from generator import kinds, messages

messages.PAGE_TITLES[{NAME!r}] = {TITLE!r}
messages.PAGE_PURPOSES[{NAME!r}] = "what each explainer is about, in a sentence"
kinds.register(kinds.Kind(
    {NAME!r}, "briefs.md", frozenset({{kinds.EXPLAINERS}}), nav=7,
    schema=lambda site, page: site.item_list(page, [site.article_ref(x) for x in page.desk.explainers]),
))
"""
# Step 1: the template.
TEMPLATE = """{% extends "_page.md.j2" %}
{% block body %}
# {{ TITLES[kind] }}

{% for x in desk.explainers %}
## {{ x.story.title }}

{{ x.story.standfirst }}

{% endfor %}
{% endblock %}
"""
EXPLAINER = "istanbul-talks-2025-06-02"


def _text(page: str) -> str:
    return " ".join(BeautifulSoup(page, "html.parser").get_text(" ").split())


def test_a_kind_added_through_the_registry_is_in_the_navigation_search_and_preview(tmp_path: Path, monkeypatch):
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    project = make_project(tmp_path / "project")
    (own_templates(project) / f"{NAME}.md.j2").write_text(TEMPLATE, encoding="utf-8")
    registration = tmp_path / "registration"
    registration.mkdir()
    (registration / "sitecustomize.py").write_text(REGISTRATION, encoding="utf-8")
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [str(registration), os.environ.get("PYTHONPATH")])))
    address = urls.url("briefs.md")
    with serving(project, content, tmp_path / "serve.log", ready=lambda body: "</html>" in body, args=("--dirty",)) as base:
        home = BeautifulSoup(_get(f"{base}/"), "html.parser")
        nav = {" ".join(a.get_text(" ").split()): a["href"] for a in home.select("nav.md-nav--primary a.md-nav__link")}
        assert nav.get(TITLE) == address, nav
        page = _get(f"{base}/{address}")
        assert BeautifulSoup(page, "html.parser").select_one("article h1").get_text(" ").strip().startswith(TITLE)
        data = json.loads(BeautifulSoup(page, "html.parser").select_one('script[type="application/ld+json"]').string)
        assert data["@type"] == "ItemList" and data["name"] == TITLE

        # An edit to an explainer, which the kind reads: the preview renders the page again.
        story = content / EXPLAINERS_FOLDER / EXPLAINER / "explainer.yml"
        story.write_text(story.read_text(encoding="utf-8").replace("standfirst: ", "standfirst: Zebra crossing. ", 1),
                         encoding="utf-8")
        _wait_for(f"{base}/{address}", lambda body: "Zebra crossing." in _text(body))
        docs = json.loads(_get(f"{base}/search/search_index.json"))["docs"]
        found = [d for d in docs if d["location"].startswith(address)]
        assert found and any("Zebra crossing." in d["text"] for d in found), found
    assert "Traceback" not in (tmp_path / "serve.log").read_text()


@pytest.mark.parametrize("path, subject, expected", [
    ("briefs/{slug}.md", "explainers", "kind 'desk-briefs': subject 'explainers' (expected one of desk, actor, issue, explainer)"),
    ("briefs/{slug}.md", "actor", "kind 'desk-briefs': path 'briefs/{slug}.md' for pages about each actor (expected {id} in it)"),
    ("briefs/{id}.md", "desk", "kind 'desk-briefs': path 'briefs/{id}.md' for the desk's one page (expected no {…} in it)"),
    ("briefs.md", "explainer", "kind 'desk-briefs': path 'briefs.md' for pages about each explainer (expected {slug} in it)"),
    # {name} is a bare page's own (an embed's block).
    ("briefs/{name}.md", "desk", "kind 'desk-briefs': path 'briefs/{name}.md' for the desk's one page (expected no {…} in it)"),
])
def test_a_kind_whose_path_does_not_fit_its_subject_is_refused_where_it_is_declared(path: str, subject: str, expected: str):
    with pytest.raises(ValueError) as refused:
        kinds.Kind(NAME, path, frozenset({kinds.EXPLAINERS}), subject=subject)
    assert str(refused.value) == expected
    assert NAME not in kinds.KINDS
