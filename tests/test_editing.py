"""The editor's workflow: schemas that match the model, the generated guide, starting a new
explainer, warnings, change log."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import jsonschema
import pytest
from bs4 import BeautifulSoup

from generator import load, urls, validate
from generator.guide import render_guide
from generator.load import parse
from generator.files import EXPLAINER_FILES, FILES, translation_name, translation_of
from generator.schema import SCHEMA_DIR, schema_name, schemas

from .conftest import CONTENT, FIXTURES, html_file, make_project, mkdocs, run_cli

# The files of one explainer, in the order `new` writes them.
EXPLAINER = [f.name for f in EXPLAINER_FILES]
# Every content file of the shipped desk, by its path in content/: the registry's files at the
# top, and each explainer's in explainers/<slug>/.
CONTENT_FILES = sorted(
    p.relative_to(CONTENT).as_posix() for pattern in ("*.y*ml", "explainers/*/*.y*ml") for p in CONTENT.glob(pattern)
)


def test_every_yaml_file_in_the_shipped_desk_is_content():
    # Nothing the walk above finds is left unread, and no YAML file hides elsewhere.
    assert CONTENT_FILES == sorted(load(CONTENT))
    assert sorted(p.relative_to(CONTENT).as_posix() for p in CONTENT.rglob("*.y*ml")) == CONTENT_FILES


def test_there_is_a_schema_for_every_content_file():
    assert sorted(p.name for p in SCHEMA_DIR.glob("*.schema.json") if ".translation." not in p.name) == sorted(
        [
            "desk.schema.json",
            "sources.schema.json",
            "actors.schema.json",
            "issues.schema.json",
            "documents.schema.json",
            "explainer.schema.json",
            "positions.schema.json",
            "figures.schema.json",
            "events.schema.json",
        ]
    )
    # And one for each file's translations (actors.bg.yml…).
    assert sorted(p.name for p in SCHEMA_DIR.glob("*.translation.schema.json")) == sorted(
        f.name.replace(".yml", ".translation.schema.json") for f in FILES
    )
    assert sorted(schemas()) == sorted([f.schema for f in FILES] + [schema_name(translation_name(f.name, "bg")) for f in FILES])


def test_the_shipped_desk_has_every_kind_of_content_file():
    # Translations (actors.bg.yml) count as the file they translate.
    names = {path.rsplit("/", 1)[-1] for path in CONTENT_FILES}
    assert {translated[0].name if (translated := translation_of(name)) else name for name in names} == {f.name for f in FILES}
    assert len({path.split("/")[1] for path in CONTENT_FILES if path.startswith("explainers/")}) >= 2


def test_committed_schemas_match_the_model():
    # Fails when the model changes without `python -m generator schema` being run.
    generated = schemas()
    committed = {p.name: json.loads(p.read_text()) for p in SCHEMA_DIR.glob("*.schema.json")}
    assert committed == generated


def test_committed_guide_matches_the_model():
    # Fails when the model changes without `python -m generator guide` being run.
    assert (CONTENT / "README.md").read_text() == render_guide()


def test_the_guide_introduces_each_file_in_words_an_editor_reads_as_typed():
    """Each file's section opens with what its entries are, a sentence as the model's docstring
    words it: no character references (``&#58;``), no word run into the next ("Aperson")."""
    guide = render_guide()
    for file in FILES:
        about = file.model.__doc__.split(": ", 1)[1]
        sentence = about[:1].upper() + about[1:]
        assert f"### `{file.name}`\n\n{sentence}" in guide, (file.name, sentence)
    assert "&#" not in guide.partition("## The desk's files")[2].partition("\n|")[0]


def _schema_of(path: str) -> str:
    return schema_name(path.rsplit("/", 1)[-1])


@pytest.mark.parametrize("path", CONTENT_FILES)
def test_every_content_file_names_its_schema_first(path):
    # Relative to where the file is: the registry's files are one folder below the project,
    # an explainer's three (content/explainers/<slug>/).
    up = "../" * (1 + path.count("/"))
    first_line = (CONTENT / path).read_text(encoding="utf-8").splitlines()[0]
    assert first_line == f"# yaml-language-server: $schema={up}generator/schema/{_schema_of(path)}"
    assert (CONTENT / path).parent.joinpath(first_line.split("=", 1)[1]).resolve() == SCHEMA_DIR / _schema_of(path)


@pytest.mark.parametrize("path", CONTENT_FILES)
def test_schema_accepts_the_real_content(path):
    jsonschema.validate(load(CONTENT)[path].data, schemas()[_schema_of(path)])


X = "explainers/istanbul-talks-2025-06-02/"
BROKEN = [
    ("desk.yml", lambda d: d.update(titel="typo")),
    ("desk.yml", lambda d: d.pop("title")),
    ("actors.yml", lambda d: d[0].update(kind="empire")),
    ("actors.yml", lambda d: d[0].update(nmae="typo")),
    ("actors.yml", lambda d: d[0].pop("name")),
    ("actors.yml", lambda d: d[0].update(id="Russia")),
    ("actors.yml", lambda d: d[0].update(aliases="Moscow")),
    ("actors.yml", lambda d: d[0].update(source=[])),
    ("issues.yml", lambda d: d[0].update(source=["Reuters"])),
    (X + "figures.yml", lambda d: d[0].update(value="12,000")),
    (X + "figures.yml", lambda d: d[0].update(key="yes")),
    (X + "events.yml", lambda d: d[0].update(date="2 June 2025")),
    (X + "positions.yml", lambda d: d[0].update(stance="suports")),
    (X + "positions.yml", lambda d: d[0].pop("date")),
    ("sources.yml", lambda d: d[0].update(url="javascript:alert(1)")),
    (X + "explainer.yml", lambda d: d.update(title=42)),
    (X + "explainer.yml", lambda d: d["actors"][0].pop("role")),
    (X + "explainer.yml", lambda d: d["actors"][0].update(roel="typo")),
    ("explainers/what-each-side-wants/explainer.yml", lambda d: d.update(parties="russia")),
]


@pytest.mark.parametrize(("path", "breakage"), BROKEN)
def test_schema_and_check_reject_the_same_mistakes(tmp_path, path, breakage):
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    data = load(content)[path].data
    breakage(data)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schemas()[_schema_of(path)])
    (content / path).write_text(json.dumps(data))  # JSON is YAML: the same data, for check
    result = run_cli("--content", str(content), "check")
    assert result.returncode == 1
    assert [line for line in result.stderr.splitlines() if f"content/{path}:" in line and ": error: " in line], result.stderr


def _minimal_copy(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "minimal", content)
    return content


def test_loose_ends_are_warnings_with_a_summary(tmp_path):
    content = _minimal_copy(tmp_path)
    with (content / "actors.yml").open("a") as f:
        f.write("- id: hermit\n  name: Hermit\n  kind: person\n  role: Nobody\n  description: Unconnected.\n  source: gazette\n")
    with (content / "sources.yml").open("a") as f:
        f.write("- id: unused\n  publisher: Nobody\n  title: Never cited\n  date: 2025\n")
    with (content / "issues.yml").open("a") as f:
        f.write("- id: lonely\n  title: Lonely\n  question: Who cares?\n  description: Nobody.\n  source: gazette\n")

    result = run_cli("check", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stderr.splitlines() == [
        "content/actors.yml:23:7: warning: actor 'hermit' is not connected to anything (expected a position, "
        "figure, event, explainer or membership that names it, or a membership of its own)",
        "content/issues.yml:6:7: warning: issue 'lonely' is not connected to anything (expected a position, "
        "figure or event on it, or removed)",
        "content/sources.yml:7:7: warning: source 'unused' is not cited by anything (expected it cited, or removed)",
        "3 warnings in 3 files",
    ]
    assert run_cli("check", "--strict", cwd=tmp_path).returncode == 1

    project = make_project(tmp_path / "project")
    build = mkdocs(project, "build", "--strict", content=content)
    assert build.returncode == 1
    assert "warning: actor 'hermit' is not connected" in build.stderr


def test_errors_and_warnings_are_counted_together(tmp_path):
    content = _minimal_copy(tmp_path)
    positions = content / "positions.yml"
    positions.write_text(positions.read_text().replace("actor: south", "actor: sooth"))
    with (content / "sources.yml").open("a") as f:
        f.write("- id: unused\n  publisher: Nobody\n  title: Never cited\n  date: 2025\n")
    result = run_cli("check", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.splitlines()[-1] == "1 error, 1 warning in 2 files"


def test_every_page_says_when_it_was_updated_and_corrections_are_marked(tmp_path):
    project = make_project(tmp_path / "project")
    result = mkdocs(project, "build", "--strict", content=FIXTURES / "minimal")
    assert result.returncode == 0, result.stderr
    pages = list((project / "site").rglob("index.html"))
    # Every page of the desk of one: its five, three actors, one issue, the explainer's seven,
    # and five embed pages (key numbers, both stance tables, the map, the one chart drawn: the
    # boats each town may moor, the same for each, are said, not drawn).
    assert len(pages) == 21
    for page in pages:
        article = BeautifulSoup(page.read_text(), "html.parser").find("article")
        assert "Last updated 5 March 2025" in article.get_text(" "), page

    # The explainer's change log, on its overview…
    overview = BeautifulSoup((project / "site" / html_file(urls.path("explainer", slug="harbour-talks"))).read_text(), "html.parser")
    changes = overview.find(id=urls.anchor("changes")).find_next("ul").find_all("li")
    assert [" ".join(li.get_text(" ").split()) for li in changes] == [
        "5 March 2025: Correction: Corrected the number of boats.",
        "4 March 2025: First published.",
    ]
    # …and on the desk's home page, with the explainer each change belongs to.
    home = BeautifulSoup((project / "site" / html_file(urls.path("desk"))).read_text(), "html.parser")
    changes = home.find(id=urls.anchor("changes")).find_next("ul").find_all("li")
    assert [" ".join(li.get_text(" ").split()) for li in changes] == [
        "5 March 2025 , Harbour talks : Correction: Corrected the number of boats.",
        "4 March 2025 , Harbour talks : First published.",
    ]
    assert [a["href"] for li in changes for a in li.find_all("a")] == ["harbour-talks/#what-changed"] * 2


def test_every_field_is_described():
    # The guide lists these descriptions, and "missing field" messages say what was expected with them.
    from generator import model

    classes = [*(f.model for f in FILES), model.Cast, model.Note, model.Change, model.Membership]
    undescribed = [f"{cls.__name__}.{name}" for cls in classes for name, info in cls.model_fields.items() if not info.description]
    assert undescribed == []


# -- `python -m generator new SLUG`: a new explainer's folder ------------------------------------

NEW = "budget-talks-2026"


def _desk_copy(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content, ignore=shutil.ignore_patterns("README.md"))
    return content


def _uncommented(text: str) -> str:
    """A scaffolded file with its commented example uncommented (its own comments stay)."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if "(a fictional story)" in line) + 1
    return "\n".join(lines[:start] + [line.removeprefix("# ").removeprefix("#") for line in lines[start:]]) + "\n"


def test_new_writes_an_explainer_that_builds(tmp_path):
    content = _desk_copy(tmp_path)
    before = sorted(load(content))
    result = run_cli("--content", "content", "new", NEW, cwd=tmp_path)
    assert (result.returncode, result.stderr) == (0, "")
    folder = content / "explainers" / NEW
    # The package's schemas are outside this desk's project (a path to them would climb to this
    # machine's checkout): the desk gets its own, which its files name.
    own = [f"wrote content/schema/{name}" for name in [f.schema for f in FILES] + [schema_name(translation_name(f.name, "bg")) for f in FILES]]
    assert result.stdout.splitlines() == own + [f"wrote content/explainers/{NEW}/{name}" for name in EXPLAINER]
    assert sorted(p.name for p in folder.iterdir()) == sorted(EXPLAINER)
    # No other content file changed.
    assert sorted(load(content)) == sorted(before + [f"explainers/{NEW}/{name}" for name in EXPLAINER])

    for name in EXPLAINER:
        text = (folder / name).read_text(encoding="utf-8")
        first_line = text.splitlines()[0]
        assert first_line.startswith("# yaml-language-server: $schema="), name
        # Relative to where the file is, and to the schema of this kind of file.
        schema = first_line.split("=", 1)[1]
        assert not os.path.isabs(schema), name
        assert (folder / schema).resolve() == (content / "schema" / schema_name(name)).resolve(), name
        assert schema == f"../../schema/{schema_name(name)}", name
        # What the file holds now is valid, and so is every commented example, uncommented.
        data = load(content)[f"explainers/{NEW}/{name}"].data
        if name != "explainer.yml":
            assert data is None, name
        example = parse(_uncommented(text), name).data
        assert example, name
        jsonschema.validate(example, schemas()[schema_name(name)])

    # A draft: the desk checks and builds --strict without it, whatever it still lacks; with
    # --drafts, as a preview reads it, its missing summary is a warning.
    check = run_cli("--content", "content", "check", "--strict", cwd=tmp_path)
    assert (check.returncode, check.stderr) == (0, "")
    drafts = run_cli("--content", "content", "check", "--drafts", cwd=tmp_path)
    assert drafts.returncode == 0
    assert drafts.stderr.splitlines() == [
        f"content/explainers/{NEW}/explainer.yml:4:1: warning: the explainer has no summary (expected at least one "
        "paragraph under 'summary:', so readers learn what happened)",
        "1 warning in 1 file",
    ]
    project = make_project(tmp_path / "project")
    build = mkdocs(project, "build", "--strict", content=content)
    assert build.returncode == 0, build.stderr
    assert not (project / "site" / html_file(urls.path("explainer", slug=NEW))).exists()


def test_new_takes_the_headline_and_the_day_of_the_story(tmp_path):
    content = _desk_copy(tmp_path)
    # A headline YAML would misread unquoted: a colon, a hash, quotes.
    title = 'EU–US summit: "no deal" #2'
    result = run_cli("--content", "content", "new", NEW, "--title", title, "--date", "2026-03-24", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (0, "")
    story = load(content)[f"explainers/{NEW}/explainer.yml"].data
    assert (story["title"], story["date"], story["updated"], story["changes"][0]["date"]) == (title, "2026-03-24", "2026-03-24", "2026-03-24")
    # A day not written as one is refused before anything is written.
    bad = run_cli("--content", "content", "new", "other-story", "--date", "24/03/2026", cwd=tmp_path)
    assert bad.returncode == 2
    assert "argument --date: '24/03/2026' is not a day written YYYY-MM-DD, such as 2026-03-24" in bad.stderr
    assert "Traceback" not in bad.stderr
    assert not (content / "explainers" / "other-story").exists()


def test_new_in_a_desk_without_explainers_yet(tmp_path):
    content = _desk_copy(tmp_path)
    shutil.rmtree(content / "explainers")
    result = run_cli("--content", "content", "new", NEW, cwd=tmp_path)
    assert (result.returncode, result.stderr) == (0, "")
    assert sorted(p.name for p in (content / "explainers" / NEW).iterdir()) == sorted(EXPLAINER)


@pytest.mark.parametrize(
    "slug, expected",
    [
        pytest.param(
            "what-each-side-wants",
            "content/explainers/what-each-side-wants: error: already exists (expected a new name)",
            id="existing",
        ),
        pytest.param(
            "search",
            "content/explainers/search: error: folder name 'search' is the name of one of the site's own pages "
            "(expected another name)",
            id="taken by the theme",
        ),
        pytest.param(
            "actors",
            "content/explainers/actors: error: folder name 'actors' is the name of one of the site's own pages "
            "(expected another name)",
            id="taken by a page",
        ),
        pytest.param(
            "Budget Talks",
            "content/explainers/Budget Talks: error: folder name 'Budget Talks' is not an id (expected lowercase "
            "letters, digits and hyphens, e.g. 'istanbul-talks')",
            id="not an id",
        ),
        pytest.param(
            "",
            "content/explainers: error: the new explainer's name is empty (expected lowercase letters, digits and "
            "hyphens, e.g. 'budget-talks-2026')",
            id="empty",
        ),
        pytest.param(
            "..",
            "content/explainers/..: error: folder name '..' is not an id (expected lowercase letters, digits and "
            "hyphens, e.g. 'istanbul-talks')",
            id="the folder above",
        ),
        pytest.param(
            "../evil",
            "content/explainers/../evil: error: folder name '../evil' is not an id (expected lowercase letters, "
            "digits and hyphens, e.g. 'istanbul-talks')",
            id="a path out of the explainers' folder",
        ),
        pytest.param(
            "con",
            "content/explainers/con: error: folder name 'con' is a name Windows keeps for a device, which no file or "
            "folder there can have (expected another name: a desk is shared through git with editors on Windows)",
            id="a Windows device",
        ),
    ],
)
def test_new_refuses_a_name_it_cannot_use(tmp_path, slug, expected):
    content = _desk_copy(tmp_path)
    before = {p: p.read_bytes() for p in content.rglob("*") if p.is_file()}
    result = run_cli("--content", "content", "new", slug, cwd=tmp_path)
    assert "Traceback" not in result.stderr
    assert result.returncode == 1
    assert result.stderr.splitlines() == [expected, "1 error in 1 file"]
    assert result.stdout == ""
    assert {p: p.read_bytes() for p in content.rglob("*") if p.is_file()} == before


def test_new_refuses_a_content_folder_of_the_old_layout(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "minimal", content)
    result = run_cli("--content", "content", "new", NEW, cwd=tmp_path)
    assert "Traceback" not in result.stderr
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "content/explainer.yml: error: this content folder is a desk of one explainer (expected that explainer moved "
        "into explainers/<slug>/ first, with its positions, figures and events)",
        "1 error in 1 file",
    ]
    assert not (content / "explainers").exists()


def test_new_refuses_a_missing_content_folder(tmp_path):
    result = run_cli("--content", "nowhere", "new", NEW, cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "nowhere: error: content folder not found (expected a desk's folder, with actors.yml, issues.yml and sources.yml)",
        "1 error in 1 file",
    ]
    assert not (tmp_path / "nowhere").exists()
