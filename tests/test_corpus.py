"""A corpus of bad inputs: each case in tests/corpus/ is run through ``python -m generator check``.

Every case is a folder (see tests/corpus/README.md for the format):

- ``case.yml``: what the case is about, and how to make its content folder from a copy of
  tests/fixtures/minimal: ``patch`` (replace text that occurs exactly once in a file),
  ``delete`` (remove files), ``layout: desk`` (the fixture's explainer moved into
  ``explainers/<folder>/``, ``folder`` defaulting to ``harbour-talks``), ``rename`` (files, after
  the move), optionally ``bug`` (a known bug: the case is a strict xfail and ``expected.txt``
  holds the correct behaviour) and ``regex`` (expected lines are regexes).
- ``files/``: files copied verbatim over the fixture, sub-folders included (a replaced or an
  added content file, ``files/explainers/harbour-talks/notes.yml``).
- ``hook.py``: ``make(content: Path)``, for inputs that cannot be stored as text (bytes that
  are not UTF-8, a 20 MB file, 10,000-deep nesting) or that are not files (a missing folder).
- ``expected.txt``: ``exit N`` on the first line, then stderr, exactly.

The command runs in the case's temporary folder (so places read ``content/FILE:LINE:COL``).
A case made by a ``hook.py`` (huge files, deep nesting, an alias bomb, a FIFO, odd bytes) runs
``python -m generator`` in a subprocess with a 1.5 GB address-space cap and a hang guard
(TIMEOUT): a hang or a memory blow-up fails the case instead of the machine. The guard is
generous on purpose, so that a busy machine never fails a case; speed is measured by `make bench`.
Every other case is text an editor could type: its command is the CLI's ``main`` called in
this process (a Python start is most of such a case's time), with the same folder, arguments
and output.

``UPDATE_CORPUS=1 pytest tests/test_corpus.py`` rewrites every ``expected.txt`` (except those
of ``bug`` cases, which hold hand-written correct behaviour) from what the generator prints.
Review the diff like code: every message must be one an editor can act on.
"""

from __future__ import annotations

import os
import re
import resource
import runpy
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from .conftest import FIXTURES, run_cli

CORPUS = Path(__file__).parent / "corpus"
MINIMAL = FIXTURES / "minimal"
UPDATE = os.environ.get("UPDATE_CORPUS") == "1"
# A hang guard, not a speed target: `check` answers in well under a second, but a machine
# running two test suites at once can be many times slower than an idle one.
TIMEOUT = 120
MEMORY = 1536 * 1024 * 1024
CASE_KEYS = {"about", "patch", "delete", "layout", "folder", "rename", "bug", "regex", "note"}
# The fixture's explainer files, which ``layout: desk`` moves into explainers/<folder>/.
EXPLAINER_FILES = ("explainer.yml", "positions.yml", "figures.yml", "events.yml")


def _cap_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def _cases() -> list:
    params = []
    for folder in sorted(p for p in CORPUS.iterdir() if (p / "case.yml").is_file()):
        case = yaml.safe_load((folder / "case.yml").read_text(encoding="utf-8")) or {}
        marks = [pytest.mark.xfail(reason=case["bug"], strict=True)] if case.get("bug") else []
        params.append(pytest.param(folder.name, id=folder.name, marks=marks))
    return params


def make_content(folder: Path, where: Path) -> Path:
    """``where/content``: the minimal fixture, changed as the case in ``folder`` says."""
    case = yaml.safe_load((folder / "case.yml").read_text(encoding="utf-8")) or {}
    unknown = set(case) - CASE_KEYS
    assert not unknown, f"{folder.name}/case.yml: unknown keys {sorted(unknown)}"
    content = where / "content"
    shutil.copytree(MINIMAL, content)
    if (folder / "files").is_dir():
        shutil.copytree(folder / "files", content, dirs_exist_ok=True)
    for file, edits in (case.get("patch") or {}).items():
        path = content / file
        text = path.read_bytes().decode("utf-8")
        for old, new in edits:
            assert text.count(old) == 1, f"{folder.name}: {old!r} is not exactly once in {file}"
            text = text.replace(old, new)
        path.write_bytes(text.encode("utf-8"))
    for file in case.get("delete") or []:
        (content / file).unlink()
    layout = case.get("layout", "one folder")
    assert layout in ("one folder", "desk"), f"{folder.name}: layout is 'desk' or left out"
    assert layout == "desk" or "folder" not in case, f"{folder.name}: 'folder' goes with 'layout: desk'"
    if layout == "desk":
        explainer = content / "explainers" / case.get("folder", "harbour-talks")
        explainer.mkdir(parents=True, exist_ok=True)
        for name in EXPLAINER_FILES:
            if (content / name).exists():
                shutil.move(content / name, explainer / name)
    for old, new in (case.get("rename") or {}).items():
        (content / old).rename(content / new)
    if (folder / "hook.py").is_file():
        runpy.run_path(str(folder / "hook.py"))["make"](content)
    return content


def read_expected(folder: Path) -> tuple[int, list[str]]:
    text = (folder / "expected.txt").read_bytes().decode("utf-8")
    first, _, stderr = text.partition("\n")
    match = re.fullmatch(r"exit (\d+)", first)
    assert match, f"{folder.name}/expected.txt must start with 'exit N'"
    return int(match.group(1)), _lines(stderr)


def _lines(text: str) -> list[str]:
    lines = text.split("\n")
    return lines[:-1] if lines[-1] == "" else lines


def write_expected(folder: Path, status: int, stderr: str) -> None:
    (folder / "expected.txt").write_bytes(f"exit {status}\n{stderr}".encode("utf-8"))


def in_a_process(where: Path) -> tuple[int, str, str]:
    """``python -m generator --content content check`` in ``where``, capped and guarded."""
    try:
        result = subprocess.run(
            [sys.executable, "-m", "generator", "--content", "content", "check"],
            cwd=where,
            capture_output=True,
            timeout=TIMEOUT,
            preexec_fn=_cap_memory,
            env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"`check` took more than {TIMEOUT} s: it hangs (this guard is far above any real run)")
    return result.returncode, result.stdout.decode("utf-8", "backslashreplace"), result.stderr.decode("utf-8", "backslashreplace")


def in_this_process(where: Path) -> tuple[int, str, str]:
    """The same command, its ``main`` called here: in ``where``, with no EXPLAINER_CONTENT or
    SITE_URL of the test run's, its output captured as the terminal would show it. An
    exception escaping ``main`` is what a user would see as a traceback."""
    result = run_cli("--content", "content", "check", cwd=where, env={"EXPLAINER_CONTENT": None, "SITE_URL": None})
    return result.returncode, result.stdout, result.stderr


@pytest.mark.parametrize("name", _cases())
def test_corpus_case(name: str, tmp_path: Path) -> None:
    folder = CORPUS / name
    case = yaml.safe_load((folder / "case.yml").read_text(encoding="utf-8")) or {}
    make_content(folder, tmp_path)
    if (folder / "hook.py").is_file():
        returncode, stdout, stderr = in_a_process(tmp_path)
    else:
        returncode, stdout, stderr = in_this_process(tmp_path)
    assert "Traceback" not in stdout + stderr, stderr
    assert returncode >= 0, f"killed by signal {-returncode}"
    if UPDATE and not case.get("bug"):
        write_expected(folder, returncode, stderr)
    status, lines = read_expected(folder)
    got = _lines(stderr)
    assert returncode == status, stderr
    if case.get("regex"):
        assert len(got) == len(lines), got
        for pattern, line in zip(lines, got):
            assert re.fullmatch(pattern, line), f"{line!r} does not match {pattern!r}"
    else:
        assert got == lines
    if status == 0 and not lines:
        assert stdout.startswith("content: no problems found")
    else:
        assert stdout == ""


def test_corpus_is_large_enough() -> None:
    assert len(_cases()) >= 40
