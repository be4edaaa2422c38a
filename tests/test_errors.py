"""Error paths end to end: what an editor sees from `python -m generator` and `mkdocs build`.

Each broken project is a copy of tests/fixtures/minimal in ``tmp_path/content`` with one or two
files changed; the commands run in ``tmp_path``, so diagnostics read ``content/FILE:LINE:COL``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from .conftest import FIXTURES, make_project, mkdocs, run_cli

MINIMAL = FIXTURES / "minimal"

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
    assert result.stdout == "content: no problems found (11 pages)\n"


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


def test_render_writes_the_pages_as_markdown(tmp_path):
    out = tmp_path / "out"
    result = run_cli("--content", str(MINIMAL), "render", str(out), cwd=tmp_path)
    assert_no_traceback(result)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == f"wrote 11 pages and 4 data files to {out}\n"
    assert (out / "index.md").read_text(encoding="utf-8").startswith("# Harbour talks\n")
    assert sorted(p.name for p in (out / "actors").glob("*.md")) == ["index.md", "mayor-north.md", "north.md", "south.md"]
    assert "Ann Mayor" in (out / "actors" / "mayor-north.md").read_text(encoding="utf-8")
    assert sorted(p.name for p in (out / "data").iterdir()) == ["events.csv", "explainer.json", "figures.csv", "positions.csv"]


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
