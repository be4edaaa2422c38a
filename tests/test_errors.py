"""Error paths end to end: what an editor sees from `python -m generator` and `mkdocs build`.

Each broken project is a copy of tests/fixtures/minimal in ``tmp_path/content`` with one or two
files changed; the commands run in ``tmp_path``, so diagnostics read ``content/FILE:LINE:COL``.
The minimal fixture is a content folder of the old, one-folder layout: it builds as a desk of
one explainer. The desk's own mistakes are checked on the same files in the desk layout.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator import TEMPLATES, ContentError, generate, kinds, urls
from generator.files import DESK_FILES, EXPLAINER_FILES

from .conftest import FIXTURES, make_project, mkdocs, own_templates, run_cli

MINIMAL = FIXTURES / "minimal"
# The desk of one's explainer is named after its title, "Harbour talks".
SLUG = "harbour-talks"
# Its pages: the desk's own (five), one of each kind per actor (3) and issue (1), the
# explainer's own (seven), and its five embed pages (key numbers, both stance tables, the map,
# the one chart drawn): 21, counted from the registry of page kinds, so that a kind added there counts.
PAGES = len(kinds.pages("desk")) + 3 * len(kinds.pages("actor")) + len(kinds.pages("issue")) + len(kinds.pages("explainer")) + 5
# Its downloads: four for the desk and the same four for its one explainer.
DOWNLOADS = 8
# Its feeds of updates (the desk's and its explainer's) and its explainer's share card.
FEEDS, CARDS = 2, 1

DUPLICATE_ISSUE = """\
- id: harbour
  title: Harbour again
  question: Who runs it?
  description: A copy.
  source: gazette
"""

# name → ({file: (old, new)}, the expected stderr lines: diagnostics, then the summary)
BROKEN: dict[str, tuple[dict[str, tuple[str, str]], list[str]]] = {
    "syntax error": (
        {"actors.yml": ("aliases: [Northville]", "aliases: [Northville")},
        [
            "content/actors.yml:7:9: error: YAML syntax: did not find expected ',' or ']' (for the [ opened at line 6)",
            "1 error in 1 file",
        ],
    ),
    "wrong type": (
        {"figures.yml": ("value: 1000", "value: 1,000")},
        [
            "content/figures.yml:3:10: error: expected a number, got the text '1,000' "
            "(write the number without commas or units, e.g. 12000)",
            "1 error in 1 file",
        ],
    ),
    "unknown reference": (
        {"positions.yml": ("actor: south", "actor: souht")},
        [
            "content/positions.yml:9:10: error: unknown actor 'souht' "
            "(expected the id of an entry in actors.yml; did you mean 'south'?)",
            "1 error in 1 file",
        ],
    ),
    "duplicate id": (
        {"issues.yml": ("source: gazette\n", "source: gazette\n" + DUPLICATE_ISSUE)},
        [
            "content/issues.yml:6:7: error: duplicate id 'harbour' "
            "(first defined at content/issues.yml:1:7; expected each id once)",
            "1 error in 1 file",
        ],
    ),
    "duplicate key": (
        {"events.yml": ("  title: Harbour built\n", "  title: Harbour built\n  title: Harbour opened\n")},
        [
            "content/events.yml:11:3: error: duplicate key 'title' (first at line 10; expected each key once)",
            "1 error in 1 file",
        ],
    ),
    "two files": (
        {
            "figures.yml": ("value: 1000", "value: 1,000"),
            "events.yml": ("date: 2025-03-04", "date: 2025-02-30"),
        },
        [
            "content/events.yml:2:9: error: '2025-02-30' is not a date in the calendar "
            "(expected a real day, e.g. 2025-06-02)",
            "content/figures.yml:3:10: error: expected a number, got the text '1,000' "
            "(write the number without commas or units, e.g. 12000)",
            "2 errors in 2 files",
        ],
    ),
}


def broken_project(where: Path, changes: dict[str, tuple[str, str]]) -> Path:
    """``where/content``: the minimal fixture with each ``old`` text replaced by ``new``."""
    content = where / "content"
    shutil.copytree(MINIMAL, content)
    for file, (old, new) in changes.items():
        path = content / file
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, f"{old!r} is not once in {file}"
        path.write_text(text.replace(old, new), encoding="utf-8")
    return content


def assert_no_traceback(result) -> None:
    assert "Traceback" not in result.stdout + result.stderr


@pytest.mark.parametrize("name", BROKEN)
def test_check_prints_every_problem_and_a_summary(tmp_path, name):
    changes, expected = BROKEN[name]
    broken_project(tmp_path, changes)
    result = run_cli("--content", "content", "check", cwd=tmp_path)
    assert_no_traceback(result)
    assert result.returncode == 1
    assert result.stderr.splitlines() == expected
    assert result.stdout == ""


def test_check_of_a_missing_content_folder(tmp_path):
    result = run_cli("--content", "nowhere", "check", cwd=tmp_path)
    assert_no_traceback(result)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "nowhere: error: content folder not found (expected a folder of .yml files)",
        "1 error in 1 file",
    ]


def test_check_of_a_control_character(tmp_path):
    broken_project(tmp_path, {"actors.yml": ("name: South", "name: So\x1buth")})
    result = run_cli("--content", "content", "check", cwd=tmp_path)
    assert_no_traceback(result)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "content/actors.yml:9:11: error: character 0x1b is not allowed (expected printable text)",
        "1 error in 1 file",
    ]


def test_check_of_valid_content(tmp_path):
    broken_project(tmp_path, {})
    result = run_cli("--content", "content", "check", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == f"content: no problems found ({PAGES} pages)\n"


def test_check_reports_warnings_and_fails_on_them_only_with_strict(tmp_path):
    unused = "- id: unused\n  publisher: Other\n  title: Not cited\n  date: 2025\n"
    broken_project(tmp_path, {"sources.yml": ("url: https://example.org/harbour\n", "url: https://example.org/harbour\n" + unused)})
    expected = [
        "content/sources.yml:7:7: warning: source 'unused' is not cited by anything (expected it cited, or removed)",
        "1 warning in 1 file",
    ]
    result = run_cli("--content", "content", "check", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stderr.splitlines() == expected
    strict = run_cli("--content", "content", "check", "--strict", cwd=tmp_path)
    assert strict.returncode == 1
    assert strict.stderr.splitlines() == expected


def _body(page: Path) -> str:
    """A page's Markdown after its front matter."""
    text = page.read_text(encoding="utf-8")
    assert text.startswith("---\n"), page
    return text.split("\n---\n", 1)[1].lstrip("\n")


def test_render_writes_the_pages_as_markdown(tmp_path):
    out = tmp_path / "out"
    result = run_cli("--content", str(MINIMAL), "render", str(out), cwd=tmp_path)
    assert_no_traceback(result)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == f"wrote {PAGES} pages, {DOWNLOADS} data files, {FEEDS} feeds and {CARDS} share card to {out}\n"
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert len(written) == PAGES + DOWNLOADS + FEEDS + CARDS
    assert {urls.download("desk-feed"), urls.download("explainer-feed", slug=SLUG), urls.download("explainer-card", slug=SLUG)} <= set(written)
    # The desk's home page, then the explainer's overview at its own address.
    assert _body(out / urls.path("desk")).startswith("# Explainers\n")
    assert "[Harbour talks](harbour-talks/index.md)" in _body(out / urls.path("desk"))
    assert _body(out / urls.path("explainer", slug=SLUG)).startswith("# Harbour talks\n")
    for kind in urls.PAGES:
        if kind.startswith("explainer"):
            assert urls.path(kind, slug=SLUG) in written, kind
    assert sorted(p.name for p in (out / "actors").glob("*.md")) == ["index.md", "mayor-north.md", "north.md", "south.md"]
    assert _body(out / urls.path("actor", id="mayor-north")).startswith("# Ann Mayor\n")
    names = ["events.csv", "figures.csv", "positions.csv"]
    assert sorted(p.name for p in (out / urls.download("desk-data", name="x")).parent.iterdir()) == sorted(["desk.json", *names])
    assert sorted(p.name for p in (out / urls.download("explainer-data", slug=SLUG, name="x")).parent.iterdir()) == sorted(
        ["explainer.json", *names]
    )


def desk_project(where: Path) -> Path:
    """``where/content``: the minimal fixture in the desk layout, and a second explainer that
    reuses its figure id 'boats' and names an actor the registry does not have."""
    content = where / "content"
    first = content / "explainers" / SLUG
    first.mkdir(parents=True)
    for name in (f.name for f in DESK_FILES):
        if (MINIMAL / name).exists():
            shutil.copy(MINIMAL / name, content / name)
    for name in (f.name for f in EXPLAINER_FILES):
        shutil.copy(MINIMAL / name, first / name)
    second = content / "explainers" / "port-fees"
    second.mkdir()
    (second / "explainer.yml").write_text(
        "title: Port fees\nstandfirst: The towns argue over what ships pay.\ndate: 2025-04-01\nupdated: 2025-04-01\n"
        "parties: [north, sooth]\n",
        encoding="utf-8",
    )
    (second / "figures.yml").write_text(
        "- id: boats\n  label: Ships paying the fee\n  value: 40\n  unit: ships\n  status: proposed\n"
        "  as_of: 2025-04-01\n  source: gazette\n",
        encoding="utf-8",
    )
    return content


def test_check_of_a_desk_names_each_explainers_files(tmp_path):
    desk_project(tmp_path)
    result = run_cli("--content", "content", "check", cwd=tmp_path)
    assert_no_traceback(result)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "content/explainers/port-fees/explainer.yml:1:1: warning: the explainer has no summary "
        "(expected at least one paragraph under 'summary:', so readers learn what happened)",
        "content/explainers/port-fees/explainer.yml:5:18: error: unknown actor 'sooth' "
        "(expected the id of an entry in actors.yml; did you mean 'south'?)",
        "content/explainers/port-fees/figures.yml:1:7: error: duplicate id 'boats' "
        "(first defined at content/explainers/harbour-talks/figures.yml:1:7; expected each id once)",
        "2 errors, 1 warning in 2 files",
    ]
    assert result.stdout == ""


def test_check_of_a_half_moved_desk(tmp_path):
    # An editor moving a one-folder explainer into explainers/<slug>/ has not moved explainer.yml yet.
    content = desk_project(tmp_path)
    shutil.rmtree(content / "explainers" / "port-fees")
    shutil.move(content / "explainers" / SLUG / "explainer.yml", content / "explainer.yml")
    result = run_cli("--content", "content", "check", cwd=tmp_path)
    assert_no_traceback(result)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "content/explainer.yml:2:1: error: explainer.yml beside an explainers/ folder (expected every explainer in "
        "its own folder: move this one and its positions, figures and events into explainers/<slug>/)",
        "content/explainers/harbour-talks/explainer.yml: error: file is missing "
        "(expected a mapping of the explainer's fields)",
        "2 errors in 2 files",
    ]


def test_render_of_broken_content_writes_nothing(tmp_path):
    broken_project(tmp_path, BROKEN["wrong type"][0])
    result = run_cli("--content", "content", "render", "out", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.splitlines() == BROKEN["wrong type"][1]
    assert not (tmp_path / "out").exists()


def test_help(tmp_path):
    result = run_cli("--help", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (0, "")
    assert "check" in result.stdout and "render" in result.stdout
    assert "FILE:LINE:COL" in result.stdout


def test_mkdocs_build_fails_on_broken_content_and_keeps_the_last_good_site(tmp_path):
    project = make_project(tmp_path / "project")
    content = broken_project(project, {})

    good = mkdocs(project, "build", "--strict", content=content)
    assert good.returncode == 0, good.stderr
    index = project / "site" / "index.html"
    good_index = index.read_bytes()
    assert b"Harbour talks" in good_index

    changes, expected = BROKEN["two files"]
    shutil.rmtree(content)
    broken_project(project, changes)
    broken = mkdocs(project, "build", "--strict", content=content)
    output = broken.stdout + broken.stderr
    assert "Traceback" not in output
    assert broken.returncode == 1
    *diagnostics, summary = expected
    for line in diagnostics:
        assert f"ERROR   -  {line}\n" in broken.stderr
    assert f"explainer content: {summary}" in broken.stderr
    assert "Aborted with a BuildError!" in output
    # Checked before MkDocs empties site/: the last good site is still there, unchanged.
    assert index.read_bytes() == good_index


# -- template mistakes: every kind is a problem at the template's file and line -----------------

# (what goes in the body of the builder's timeline template, a second template it may use, the
# line of the mistake, the file it is in, and the message)
TEMPLATE_MISTAKES = {
    "an include of a missing template": (
        '{% include "no-such-part.md.j2" %}', None, "explainer-timeline.md.j2",
        "template: no template 'no-such-part.md.j2' (expected a file of that name in the templates folder)",
    ),
    "a syntax error": ("{% if %}", None, "explainer-timeline.md.j2", "template: Expected an expression, got 'end of statement block'"),
    "a syntax error in an included template": (
        '{% include "part.md.j2" %}', "Fine.\n{% for %}\n", "part.md.j2", "template: Expected an expression, got 'end of statement block'",
    ),
    "an unknown filter": ("{{ 1 | no_such_filter }}", None, "explainer-timeline.md.j2", "template: No filter named 'no_such_filter'."),
    "an undefined name": ("{{ no_such_name }}", None, "explainer-timeline.md.j2", "template: 'no_such_name' is undefined"),
    "an error raised while rendering": (
        '{{ 1 + "a" }}', None, "explainer-timeline.md.j2", "template: TypeError: unsupported operand type(s) for +: 'int' and 'str'",
    ),
    "a filter given a value it cannot take": (
        '{{ "June" | date }}', None, "explainer-timeline.md.j2", "template: ValueError: invalid literal for int() with base 10: 'June'",
    ),
}


@pytest.mark.parametrize("mistake", TEMPLATE_MISTAKES)
def test_a_template_mistake_of_any_kind_is_placed_in_the_template(tmp_path, monkeypatch, mistake):
    text, part, file, message = TEMPLATE_MISTAKES[mistake]
    templates = tmp_path / "templates"
    templates.mkdir()
    good = (TEMPLATES / "explainer-timeline.md.j2").read_text()
    end = good.rindex("{% endblock %}")
    page = f"{good[:end]}{text}\n{good[end:]}"
    (templates / "explainer-timeline.md.j2").write_text(page)
    if part is not None:
        (templates / "part.md.j2").write_text(part)
    line = next(i for i, found in enumerate((part or page).splitlines(), 1) if found.startswith(("{% for %}", text)))
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ContentError) as caught:
        generate(MINIMAL, (Path("templates"), TEMPLATES))
    assert [str(d) for d in caught.value.diagnostics] == [f"templates/{file}:{line}:1: error: {message}"]


def test_mkdocs_build_with_a_template_including_a_missing_one_says_where_without_a_traceback(tmp_path):
    project = make_project(tmp_path / "project")
    content = broken_project(project, {})
    (own_templates(project) / "issue.md.j2").write_text('{% extends "_page.md.j2" %}\n{% block body %}\n{% include "gone.md.j2" %}\n{% endblock %}\n')
    result = mkdocs(project, "build", "--strict", content=content)
    assert_no_traceback(result)
    assert result.returncode == 1
    assert "ERROR   -  templates/issue.md.j2:3:1: error: template: no template 'gone.md.j2' " \
        "(expected a file of that name in the templates folder)\n" in result.stderr
    assert "explainer content: 1 error in 1 file" in result.stderr


def test_mkdocs_build_with_a_missing_templates_folder_says_so(tmp_path):
    project = make_project(tmp_path / "project")
    content = broken_project(project, {})
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace(
        "content: !ENV [EXPLAINER_CONTENT, content]", "content: !ENV [EXPLAINER_CONTENT, content]\n      templates: my-templates"
    ))
    result = mkdocs(project, "build", "--strict", content=content)
    assert_no_traceback(result)
    assert result.returncode == 1
    assert "ERROR   -  my-templates: error: templates folder not found " \
        "(expected the folder the plugin's 'templates' option names)\n" in result.stderr


def test_a_source_named_like_the_downloads_anchor_cannot_take_it(tmp_path):
    # "get-the-data" is the anchor of "Get the data" on a Sources page; sources' anchors have a
    # prefix of their own, so a source of that id keeps both where they belong.
    project = make_project(tmp_path / "project")
    content = broken_project(project, {
        "sources.yml": ("url: https://example.org/harbour\n", "url: https://example.org/harbour\n"
                        "- id: get-the-data\n  publisher: The Bulletin\n  title: Data on the harbour\n  date: 2025-03-04\n"),
        "events.yml": ("summary: The harbour was built.\n  source: gazette", "summary: The harbour was built.\n  source: [gazette, get-the-data]"),
    })
    result = mkdocs(project, "build", "--strict", content=content)
    assert result.returncode == 0, result.stderr
    for kind, params in (("explainer-sources", {"slug": SLUG}), ("desk-sources", {})):
        page = BeautifulSoup((project / "site" / (urls.url(urls.path(kind, **params)) + "index.html")).read_text(), "html.parser")
        downloads = page.find_all(id=urls.anchor("data"))
        assert len(downloads) == 1 and downloads[0].name.startswith("h"), kind
        (source,) = page.find_all(id=urls.anchor("source", id="get-the-data"))
        assert source.get_text().startswith("The Bulletin, 4 March 2025"), kind
