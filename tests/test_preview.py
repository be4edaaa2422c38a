"""The preview of a desk: a save re-renders only what it touched, and shows everywhere it should.

Two levels. ``Preview`` (generator/preview.py), which renders again only the pages an edit can
change, must give the very Markdown and downloads that a full ``generate()`` gives, edit after
edit, whatever the edit. Then the real ``mkdocs serve --dirty`` (what ``make serve`` runs), which
builds again only the pages whose Markdown changed, must serve after each save what a full build
of the same content holds: the edited explainer's page, the hub, the shared actor pages, the
search index, the navigation on pages it did not rebuild; and pages of a removed explainer must
be gone. The desks are synthetic (bench.synth, fictional by design). Every wait is a bounded
poll with a generous hang guard; nothing is timed (speed lives in ``make bench``).
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from bench import synth
from generator import generate, kinds, load, urls, validate
from generator.desk_index import desk_index
from generator.diagnostics import ContentError
from generator.paging import PER_PAGE
from generator.model import EXPLAINERS_FOLDER
from generator.render import NAV_EXPLAINERS
from generator.preview import Preview

from .conftest import CONTENT, make_project, mkdocs
from .test_serve import WITHIN, _get, _wait_for, serving
from .test_two_cores import served_site


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _same_as_full(preview: Preview, content: Path) -> set[str] | None:
    got = preview.generate(content)
    full = generate(content)
    assert list(got.pages) == list(full.pages)
    for path, markdown in full.pages.items():
        assert got.pages[path] == markdown, path
    assert got.downloads == full.downloads
    assert got.files == full.files  # the feeds and share cards
    assert got.nav == full.nav and got.warnings == full.warnings
    return preview.rendered


def test_the_preview_renders_what_a_full_render_does_edit_after_edit(tmp_path: Path):
    content = tmp_path / "content"
    synth.write(content, explainers=7)
    preview = Preview()
    assert _same_as_full(preview, content) is None  # the first call renders everything
    every = len(generate(content).pages)
    slugs = [synth.desk_slug(k) for k in range(7)]
    middle = content / EXPLAINERS_FOLDER / slugs[3]

    # Text of one explainer: its pages, the desk's and those of the actors and issues it names.
    _edit(middle / "explainer.yml", "standfirst: ", "standfirst: Freshly edited. ")
    rendered = _same_as_full(preview, content)
    assert rendered is not None and 0 < len(rendered) < every
    assert {p for p in rendered if p.startswith(f"{slugs[3]}/")} and not {p for p in rendered if p.startswith(f"{slugs[2]}/")}

    # A stance in the middle of the desk (an issue's history: "was:" on later explainers' reports).
    positions = middle / "positions.yml"
    old = next(line for line in positions.read_text(encoding="utf-8").splitlines() if line.strip().startswith("stance: "))
    _edit(positions, old, old.split(":")[0] + (": opposes" if "opposes" not in old else ": supports"))
    assert _same_as_full(preview, content) is not None

    # More stances, one explainer at a time, each where its issue's pages go on over two.
    for k in (1, 4, 6):
        positions = content / EXPLAINERS_FOLDER / slugs[k] / "positions.yml"
        lines = [line for line in positions.read_text(encoding="utf-8").splitlines() if line.strip().startswith("stance: ")]
        old = lines[len(lines) // 2]
        _edit(positions, old, old.split(":")[0] + (": opposes" if "opposes" not in old else ": supports"))
        assert _same_as_full(preview, content) is not None

    # A figure's value, an event's title, in other explainers.
    figures = content / EXPLAINERS_FOLDER / slugs[1] / "figures.yml"
    _edit(figures, "value: ", "value: 1")
    events = content / EXPLAINERS_FOLDER / slugs[5] / "events.yml"
    _edit(events, "title: ", "title: Edited ")
    assert _same_as_full(preview, content) is not None

    # The registry, the newest explainer's title (the navigation names it), a removed explainer,
    # and one added back: each renders everything, and still the same.
    _edit(content / "actors.yml", "name: ", "name: Renamed ")
    assert _same_as_full(preview, content) is None
    newest = content / EXPLAINERS_FOLDER / slugs[-1] / "explainer.yml"
    _edit(newest, 'title: "', 'title: "Newest: ')
    assert _same_as_full(preview, content) is not None  # titles are in the pages; the nav lists paths
    removed = tmp_path / "removed"
    shutil.move(content / EXPLAINERS_FOLDER / slugs[0], removed)
    assert _same_as_full(preview, content) is None
    shutil.move(removed, content / EXPLAINERS_FOLDER / slugs[0])
    assert _same_as_full(preview, content) is None
    # Nothing changed: nothing but the desk's own pages is rendered.
    rendered = _same_as_full(preview, content)
    assert rendered is not None and all(not p.startswith(tuple(f"{s}/" for s in slugs)) for p in rendered)


# One edit to each kind of content file of the shipped desk (which has every kind), as (file, old
# text, new text): the file's first occurrence of the old text is replaced.
ISTANBUL = f"{EXPLAINERS_FOLDER}/istanbul-talks-2025-06-02"
WANTS = f"{EXPLAINERS_FOLDER}/what-each-side-wants"
EDITS = [
    ("desk.yml", "description: Explainers", "description: Edited explainers"),
    ("actors.yml", "name: ", "name: Renamed "),
    ("issues.yml", "question: ", "question: Edited, "),
    ("sources.yml", "title: ", "title: Edited "),
    ("documents.yml", "title: ", "title: Edited "),
    (f"{ISTANBUL}/explainer.yml", "standfirst: ", "standfirst: Freshly edited. "),
    (f"{WANTS}/explainer.yml", "title: ", "title: Edited "),
    (f"{ISTANBUL}/positions.yml", "summary: ", "summary: Edited. "),
    # A position moved to another issue: how many hold a position on each, on the desk's issues page
    # (its Bulgarian translation, keyed by actor, issue and date, moved with it).
    (f"{ISTANBUL}/positions.yml", "- actor: russian-military-bloggers\n  issue: retaliation",
     "- actor: russian-military-bloggers\n  issue: ceasefire"),
    # A stance: an issue's history, and the "was: …" of the other explainer's reports (Russia's
    # on territory in June 2024, which only this explainer gives: a stance both give for one day
    # must be the same in both).
    (f"{WANTS}/positions.yml", "issue: territory\n  stance: demands", "issue: territory\n  stance: conditional"),
    (f"{ISTANBUL}/figures.yml", "label: ", "label: Edited "),
    (f"{WANTS}/events.yml", "title: ", "title: Edited "),
]
# Page sizes small enough that the shipped desk's lists go on over several pages.
SMALL = {"desk": 1, "desk-timeline": 3, "desk-actors": 4, "desk-issues": 3, "desk-sources": 2, "actor": 1, "issue": 1}


@pytest.mark.parametrize("file, old, new", EDITS, ids=[f"{edit[0]}-{n}" for n, edit in enumerate(EDITS)])
def test_the_preview_rerenders_every_page_an_edit_to_each_kind_of_file_changes(tmp_path: Path, monkeypatch, file, old, new):
    for kind, size in SMALL.items():
        monkeypatch.setitem(PER_PAGE, kind, size)
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    preview = Preview()
    before = preview.generate(content).pages
    # The desk's lists went on over several pages.
    assert {urls.path(kind, page=2) for kind in SMALL if kind not in ("actor", "issue")} <= before.keys()
    _edit(content / file, old, new)
    if file.endswith("positions.yml") and "russian-military-bloggers" in old:
        _edit(content / file.replace(".yml", ".bg.yml"), "russian-military-bloggers/retaliation/", "russian-military-bloggers/ceasefire/")
    rendered = _same_as_full(preview, content)  # every page, re-rendered or kept, as a full render
    after = generate(content).pages
    changed = {path for path, page in after.items() if before.get(path) != page}
    assert changed, "the edit changed no page"
    if file.startswith(f"{EXPLAINERS_FOLDER}/"):
        # Only what the edit can change is rendered again, and that holds every changed page.
        assert rendered is not None and changed <= rendered < after.keys(), sorted(changed - (rendered or set()))
    else:
        assert rendered is None or changed <= rendered


def test_a_new_spelling_with_accents_reaches_the_search_words_of_pages_the_edit_did_not_touch(tmp_path: Path):
    # Ukraine spelled with an accent in one explainer's standfirst: every page that says Ukraine
    # answers to that spelling in search too, on the pages of issues that explainer never names.
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    preview = Preview()
    before = preview.generate(content).pages
    _edit(content / ISTANBUL / "explainer.yml", "standfirst: ", "standfirst: Ukráine. ")
    _same_as_full(preview, content)
    after = preview.last.generated.pages
    elsewhere = [path for path in after if path.startswith("issues/") and "ukráine" in after[path] and "ukráine" not in before[path]]
    assert elsewhere


def _seven_previewed(tmp_path: Path) -> tuple[Path, Preview]:
    """A synthetic desk of seven explainers, and a preview that has rendered it once."""
    content = tmp_path / "content"
    synth.write(content, explainers=7)
    preview = Preview()
    preview.generate(content)
    return content, preview


@pytest.mark.parametrize("field", sorted(kinds.OWN_STORY))
def test_a_story_field_only_an_explainers_own_pages_and_the_front_show_renders_only_those(tmp_path: Path, monkeypatch, field):
    # The registry says which fields of an explainer's story no actor's, issue's or other desk
    # page shows: a page that showed one anyway would be left stale here, unlike a full render.
    monkeypatch.setitem(PER_PAGE, "desk", 2)
    content, preview = _seven_previewed(tmp_path)
    slug = synth.desk_slug(3)
    story = content / EXPLAINERS_FOLDER / slug / "explainer.yml"
    lines = story.read_text(encoding="utf-8").splitlines()
    line = f"{field}: Freshly edited {field.replace('_', ' ')}."
    at = [i for i, text in enumerate(lines) if text.startswith(f"{field}: ")]
    if at:
        lines[at[0]] = line
    else:
        lines.insert(next(i for i, text in enumerate(lines) if text.startswith("standfirst: ")) + 1, line)
    story.write_text("\n".join(lines) + "\n", encoding="utf-8")
    rendered = _same_as_full(preview, content)
    assert f"Freshly edited {field.replace('_', ' ')}." in preview.last.generated.pages[f"{slug}/index.md"]
    assert rendered is not None and not {p for p in rendered if p.startswith(("actors/", "issues/", "timeline", "sources"))}


def test_a_title_edit_renders_the_pages_listing_the_explainer_and_the_front_page(tmp_path: Path, monkeypatch):
    # Every list goes on over pages, so the edited explainer's entries are on none of the first
    # pages but the front page's, which lists the latest changes of every explainer.
    for kind, size in {"desk": 2, "desk-timeline": 4, "actor": 1, "issue": 1}.items():
        monkeypatch.setitem(PER_PAGE, kind, size)
    content = tmp_path / "content"
    synth.write(content, explainers=7)
    preview = Preview()
    before = preview.generate(content).pages
    slug = synth.desk_slug(3)
    _edit(content / EXPLAINERS_FOLDER / slug / "explainer.yml", 'title: "', 'title: "Retitled ')
    rendered = _same_as_full(preview, content)
    after = preview.last.generated.pages
    changed = {path for path, page in after.items() if before[path] != page}
    assert rendered is not None and changed <= rendered
    assert "Retitled" in after["index.md"] and {p for p in changed if "/page/" in p and not p.startswith(slug)}


def test_a_title_edit_renders_only_the_sources_pages_that_cite_the_explainer(tmp_path: Path, monkeypatch):
    # The desk's sources list, two to a page: an explainer's title shows on it only in its own
    # sources' "Cited in", so the pages holding none of them are kept, the first among them.
    monkeypatch.setitem(PER_PAGE, "desk-sources", 2)
    content, preview = _seven_previewed(tmp_path)
    before = preview.last.generated.pages
    _edit(content / EXPLAINERS_FOLDER / synth.desk_slug(3) / "explainer.yml", 'title: "', 'title: "Retitled ')
    rendered = _same_as_full(preview, content)
    after = preview.last.generated.pages
    sources = {path for path in after if path.startswith("sources")}
    changed = {path for path in sources if before[path] != after[path]}
    assert changed and len(sources - changed) >= 2 and urls.path("desk-sources") not in changed, (
        "the fixture's sources pages no longer fit this test"
    )
    assert rendered is not None and rendered & sources == changed


def test_an_edit_that_errs_changes_nothing_kept_for_the_next_call(tmp_path: Path):
    content = tmp_path / "content"
    synth.write(content, explainers=3)
    preview = Preview()
    preview.generate(content)
    story = content / EXPLAINERS_FOLDER / synth.desk_slug(1) / "explainer.yml"
    good = story.read_text(encoding="utf-8")
    story.write_text(good.replace("parties: [", "parties: [nobody-at-all, ", 1), encoding="utf-8")
    with pytest.raises(Exception):
        preview.generate(content)
    story.write_text(good.replace("standfirst: ", "standfirst: Back again. ", 1), encoding="utf-8")
    assert _same_as_full(preview, content) is not None


def test_a_files_problems_are_said_at_every_save_until_it_is_fixed(tmp_path: Path):
    content = tmp_path / "content"
    synth.write(content, explainers=3)
    preview = Preview()
    preview.generate(content)
    folder = content / EXPLAINERS_FOLDER / synth.desk_slug(1)
    # A value the model refuses, and a reference to no actor: said again at a save of another
    # explainer's file, as a full validation says them, though the file was not saved since.
    _edit(folder / "figures.yml", "status: claimed", "status: rumoured")
    made_up = "- actor: nobody-at-all\n  issue: x-y\n  stance: supports\n  summary: Made up.\n  date: 2022-01-01\n  source: x-y\n\n"
    _edit(folder / "positions.yml", "- actor: ", made_up + "- actor: ")
    # A mark of text still to come, and a source of its dated after its last update: each found
    # once in a file, and said again at every save, as the file's own problems are.
    _edit(folder / "explainer.yml", "standfirst: ", "standfirst: TK ")
    sources = content / "sources.yml"
    cited = sources.read_text(encoding="utf-8").split("- id: x002-report-1\n", 1)[1].split("\n\n", 1)[0]
    date = next(line for line in cited.splitlines() if line.startswith("  date: "))
    _edit(sources, cited, cited.replace(date, "  date: 2031-01-01"))
    with pytest.raises(ContentError) as first:
        preview.generate(content)
    _edit(content / EXPLAINERS_FOLDER / synth.desk_slug(2) / "explainer.yml", "standfirst: ", "standfirst: Saved again. ")
    with pytest.raises(ContentError) as again:
        preview.generate(content)
    with pytest.raises(ContentError) as full:
        generate(content)
    said = sorted(str(d) for d in again.value.diagnostics)
    assert said == sorted(str(d) for d in full.value.diagnostics)
    assert said == sorted(str(d) for d in first.value.diagnostics)
    assert any("rumoured" in line for line in said) and any("nobody-at-all" in line for line in said)
    assert any("'TK', a mark for text still to come" in line for line in said)
    assert any("source 'x002-report-1' is dated 2031-01-01" in line for line in said)
    _edit(folder / "figures.yml", "status: rumoured", "status: claimed")
    _edit(folder / "positions.yml", made_up, "")
    _edit(folder / "explainer.yml", "standfirst: TK ", "standfirst: ")
    _edit(sources, "  date: 2031-01-01", date)
    _same_as_full(preview, content)


# -- the real preview ------------------------------------------------------------------------


def _url(base: str, kind: str, **params: str) -> str:
    return f"{base}/{urls.url(urls.path(kind, **params))}"


def _search_docs(index: str) -> list[dict]:
    return json.loads(index)["docs"]


def _built_search_docs(tmp_path: Path, content: Path, name: str, site_url: str) -> list[dict]:
    """The search index of a full `mkdocs build` of the same content (not --strict: once an
    explainer is removed, registry entries only it used are warned about, and the build goes on),
    at the address the preview serves it at (embed codes give full addresses under a site_url)."""
    project = make_project(tmp_path / name)
    built = mkdocs(project, "build", content=content, env={**os.environ, "SITE_URL": site_url})
    assert built.returncode == 0, built.stderr
    return json.loads((project / "site" / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]


def _title(page: str) -> str:
    h1 = BeautifulSoup(page, "html.parser").select_one("article h1")
    for permalink in h1.select("a.headerlink"):
        permalink.decompose()
    return " ".join(h1.get_text(" ").split())


def _text(page: str) -> str:
    return " ".join(BeautifulSoup(page, "html.parser").get_text(" ").split())


def _nav_titles(page: str) -> list[str]:
    nav = BeautifulSoup(page, "html.parser").select_one("nav.md-nav--primary")
    return [" ".join(a.get_text(" ").split()) for a in nav.select("a.md-nav__link")]


def test_serve_dirty_shows_an_explainer_edit_everywhere_and_drops_a_removed_explainer(tmp_path: Path):
    content = tmp_path / "content"
    synth.write(content, explainers=7)
    desk = validate(load(content))
    slugs = list(desk.explainers)  # newest first
    # Older than the newest explainers the navigation lists: the save changes no navigation.
    edited = slugs[NAV_EXPLAINERS]
    x = desk.explainers[edited]
    party = x.story.parties[0]
    project = make_project(tmp_path / "project")
    log = tmp_path / "serve.log"
    ready = html.escape(desk.explainers[slugs[0]].story.title, quote=False)
    with serving(project, content, log, ready=lambda body: ready in body, args=("--dirty",)) as base:
        first = _get(_url(base, "explainer", slug=slugs[0]))
        nav_before = _nav_titles(first)

        # One explainer's title: its page, the hub, the shared actor page and search show it.
        story = content / EXPLAINERS_FOLDER / edited / "explainer.yml"
        _edit(story, 'title: "', 'title: "Zebra crossing: ')
        wanted = f"Zebra crossing: {x.story.title}"
        page = _wait_for(_url(base, "explainer", slug=edited), lambda body: wanted in _text(body))
        assert _title(page) == wanted
        assert wanted in _text(_get(_url(base, "desk")))
        # The party's page that lists this explainer (its explainers go on over pages).
        page_number = desk_index(desk).page_of("actor", urls.anchor("explainer", slug=edited), id=party)
        actor_page = BeautifulSoup(_get(f"{base}/{urls.url(urls.path('actor', id=party, page=page_number))}"), "html.parser")
        headings = [" ".join(h.get_text(" ").split()) for h in actor_page.select("article h3")]
        assert any(wanted in h for h in headings), headings
        served = _search_docs(_get(f"{base}/search/search_index.json"))
        assert any(wanted in entry["title"] or wanted in entry["text"] for entry in served)
        # Exactly the entries a full build has: none left over from before the edit, none lost.
        assert served == _built_search_docs(tmp_path, content, "after-edit", f"{base}/")
        # A page the save did not rebuild still shows the navigation whole, titles and all.
        assert _nav_titles(_get(_url(base, "explainer", slug=slugs[0]))) == nav_before

        # The newest explainer's title is in the navigation: every page shows the new one.
        newest = content / EXPLAINERS_FOLDER / slugs[0] / "explainer.yml"
        _edit(newest, 'title: "', 'title: "Quagga: ')
        other = _url(base, "explainer-figures", slug=slugs[-1])
        body = _wait_for(other, lambda body: any("Quagga: " in t for t in _nav_titles(body)))
        assert [t for t in _nav_titles(body) if "Quagga: " in t]

        # A removed explainer: its pages and downloads are gone, and so is it from everywhere else.
        gone = slugs[1]
        gone_title = desk.explainers[gone].story.title
        shutil.move(content / EXPLAINERS_FOLDER / gone, tmp_path / "gone")
        assert gone_title in _text(_get(_url(base, "desk")))
        _wait_for(_url(base, "desk"), lambda body: gone_title not in _text(body))
        for kind in urls.PAGES:
            if kind.startswith("explainer"):
                assert _status(_url(base, kind, slug=gone)) == 404, kind
        assert _status(f"{base}/{urls.download('explainer-data', slug=gone, name='explainer.json')}") == 404
        assert gone_title not in _text(_get(_url(base, "actor", id=party)))
        served = _search_docs(_get(f"{base}/search/search_index.json"))
        assert not [e for e in served if e["location"].startswith(f"{gone}/")]
        assert served == _built_search_docs(tmp_path, content, "after-removal", f"{base}/")
    output = log.read_text()
    assert "Traceback" not in output, output[-3000:]
    # MkDocs' warning that a dirty build may leave the navigation and links wrong is not true
    # here, and not shown.
    assert "A 'dirty' build" not in output, output[-3000:]


def _status(url: str) -> int:
    import urllib.error
    import urllib.request

    try:
        with urllib.request.urlopen(url, timeout=WITHIN) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_an_explainer_naming_another_explainers_figure_follows_its_edits(tmp_path: Path):
    content = tmp_path / "content"
    synth.write(content, explainers=3)
    older, newer = (content / EXPLAINERS_FOLDER / synth.desk_slug(k) / "figures.yml" for k in (0, 1))
    replacement = yaml.safe_load(newer.read_text(encoding="utf-8"))[0]
    # The older explainer's last figure was superseded by one of the newer explainer's, whose
    # label its pages and its rows in the downloads then show.
    old = older.read_text(encoding="utf-8").rsplit("  status: claimed\n", 1)
    older.write_text(f"  status: superseded\n  replaced_by: {replacement['id']}\n".join(old), encoding="utf-8")
    preview = Preview()
    _same_as_full(preview, content)
    _edit(newer, f"label: {replacement['label']}", "label: Relabelled")
    assert _same_as_full(preview, content) is not None
    shown = preview.generate(content)
    assert "Relabelled" in shown.pages[urls.path("explainer-figures", slug=synth.desk_slug(0))]
    assert "Relabelled" in shown.downloads[urls.download("explainer-data", slug=synth.desk_slug(0), name="figures.csv")]



CONVERTED = re.compile(r"Pages converted again: (\d+) of the (\d+) built again")


def test_a_save_that_changes_every_page_converts_again_only_the_pages_whose_markdown_changed(tmp_path: Path):
    content = tmp_path / "content"
    synth.write(content, explainers=3)
    newest = synth.desk_slug(2)
    before = generate(content).pages

    def retitle(url: str) -> None:
        # The newest explainer is in the navigation, which every page carries.
        _edit(content / EXPLAINERS_FOLDER / newest / "explainer.yml", 'title: "', 'title: "Quagga: ')
        _wait_for(_url(url, "explainer", slug=newest), lambda body: "Quagga: " in _title(body))

    site, started, said = served_site(tmp_path / "edited", content, retitle)
    after = generate(content).pages
    changed = [path for path, markdown in after.items() if before.get(path) != markdown]
    (first, pages), (again, built) = (tuple(map(int, CONVERTED.findall(log)[-1])) for log in (started, said))
    assert first == pages == len(after), CONVERTED.findall(started)  # the server's first build converts every page
    # The save builds every page again, and converts again exactly those whose Markdown
    # changed: the explainer's own pages and those that list it.
    assert (again, built) == (len(changed), pages) and 0 < again < pages, (CONVERTED.findall(said), changed)
    # It serves what a server started on the saved content serves, byte for byte.
    fresh, _, _ = served_site(tmp_path / "fresh", content)
    assert site.keys() == fresh.keys()
    assert [path for path in site if site[path] != fresh[path]] == []
