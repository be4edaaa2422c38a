"""Fuzzing load + validate: whatever bytes are in the content files, the generator either
returns a ``Content`` or raises ``ContentError``: never another exception, never a hang.

Inputs are mutations of tests/fixtures/minimal's files (given a desk.yml, a who's who in the
explainer and a list of sources, so every kind of field is there to break), made by
Hypothesis, one or two files at a time: bytes flipped, inserted or deleted; lines deleted,
duplicated, swapped, repeated or re-indented; YAML punctuation (``: - [ ] { } & * ! | > ' " #
% @ ` ---`` …) and random Unicode inserted; a run of bytes repeated up to 5,000 times; the
value of a ``key: value`` line replaced by one an editor might type (``no``, ``1:30``,
``1e999``, 5,000 digits, a tag, an id, a list of ids…). The same files are also fuzzed in the
desk layout, two explainers sharing one registry, where files are moved, renamed, copied and
deleted too. When the content still validates, it is rendered, exported and given its
navigation too. Each example must finish within ``LIMIT`` seconds. Crashes and slowness that
are already known bugs (``KNOWN_CRASHES``, ``KNOWN_SLOW``, each a strict-xfail case in
tests/corpus/) are let through.

Runs 200 examples by default (a few seconds). For a real fuzzing session:

    FUZZ_EXAMPLES=20000 .venv/bin/python -m pytest tests/test_fuzz.py -p no:cacheprovider

Hypothesis keeps failing inputs in .hypothesis/ and replays them first on the next run.
Every crash found becomes a case in tests/corpus/ (see tests/test_corpus.py).
"""

from __future__ import annotations

import os
import shutil
import signal
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import ContentError, load, render, validate
from generator.export import export
from generator.render import navigation
from generator.validate import Content

from .conftest import FIXTURES

MINIMAL = FIXTURES / "minimal"
# What the minimal fixture leaves out, so that the fuzzer breaks it too: a desk.yml, a who's
# who in the explainer (with a tie of this story) and a list of sources.
CAST = b"""\
actors:
  - actor: mayor-north
    role: North's negotiator
    description: Led North's side at the talks.
    memberships:
      - of: north
        role: Head of delegation
    source: [gazette]
"""
DESK = b"title: Harbour desk\ndescription: Every story about the bay.\n"


def _originals() -> dict[str, bytes]:
    files = {path.name: path.read_bytes() for path in sorted(MINIMAL.glob("*.yml"))}
    files["explainer.yml"] += CAST
    files["issues.yml"] = files["issues.yml"].replace(b"source: gazette", b"source: [gazette, gazette]")
    files["desk.yml"] = DESK
    return files


ORIGINALS = _originals()
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "200"))
# A hang guard per example, not a speed target (`make bench` measures speed): generous, so
# that a machine busy with other work never fails the test.
LIMIT = 60

PUNCTUATION = [
    b":", b": ", b"-", b"- ", b"[", b"]", b"{", b"}", b",", b"&a ", b"*a", b"!", b"!!str ", b"!!python/name:os.system ",
    b"|", b">", b"'", b'"', b"#", b"%", b"@", b"`", b"?", b"? ", b"---\n", b"...\n", b"\t", b"\n", b"\r", b"\r\n",
    b"  ", b"\\", b"~", b"<<: ", b"0x", b"1e999", b"yes", b"1:30", b"\xef\xbb\xbf", b"\x00", b"\x1b", b"\xc2\x85",
    b"\xe2\x80\xa8", b"\xff", b"\xc3", b"%YAML 1.1\n", b"%TAG ! tag:x,2000:\n", b"&a [*a]",
]


# Crashes already known, each a strict-xfail case in tests/corpus/: (exception, words in its
# message) → the case. The fuzzer may find them again; any other exception fails the test.
# None known: each one found so far is fixed and kept as a corpus case.
KNOWN_CRASHES: dict[tuple[type, str], str] = {}


# Values an editor (or a paste) might put after "key: ".
VALUES = [
    b"", b"~", b"null", b"true", b"no", b"On", b"1:30", b"0", b"-1", b"1e999", b"-.inf", b".nan", b"0x1F", b"0o17",
    b"1_000", b"12,000", b"2025-02-30", b"2025-13-45", b"0999", b"2025.5", b"9" * 400, b"9" * 5000, b"0x" + b"f" * 5000,
    b"[]", b"{}", b"[a, b]", b"{a: 1}", b"- x", b"|\n  text", b">-", b"'quoted'", b'"\\e[2J"', b'"\\0"', b'"a\\nb"',
    b"!!str 1", b"!!int 1", b"!custom x", b"!!python/object/apply:os.system [x]", b"&a x", b"*a", b"javascript:alert(1)",
    b"<script>x</script>", b"{{ 7*7 }}", b"north", b"gazette", b"harbour", b"mayor-north", b"North Town", b"   ",
    b"[gazette, gazette]", b"[gazette, nowhere]", b"[[gazette]]", b"index", b"search", b"requests", b"boycotts",
    b"noncommittal", b"2025-03-04", b"2025-03-06", b"2025-03", b"- actor: north\n    role: x\n    source: gazette",
]


# Slowness already known: a predicate on the files of an example that took too long → the case.
# None known: the one found (a file of NUL bytes) is fixed and kept as a corpus case.
KNOWN_SLOW: dict = {}


class _Slow(Exception):
    pass


def _known(error: BaseException) -> str | None:
    for (kind, words), case in KNOWN_CRASHES.items():
        if isinstance(error, kind) and words in str(error):
            return case
    return None


@st.composite
def mutation(draw, data: bytes) -> bytes:
    """``data`` with one to eight random edits."""
    out = bytearray(data)
    for _ in range(draw(st.integers(1, 8))):
        kind = draw(st.sampled_from(["flip", "insert", "delete", "line", "punctuation", "unicode", "stretch", "value"]))
        at = draw(st.integers(0, len(out)))
        if kind == "flip" and out:
            at = min(at, len(out) - 1)
            out[at] ^= 1 << draw(st.integers(0, 7))
        elif kind == "insert":
            out[at:at] = draw(st.binary(min_size=1, max_size=4))
        elif kind == "delete":
            del out[at : at + draw(st.integers(1, 16))]
        elif kind == "punctuation":
            out[at:at] = draw(st.sampled_from(PUNCTUATION))
        elif kind == "unicode":
            out[at:at] = draw(st.text(min_size=1, max_size=4)).encode("utf-8", "surrogatepass")
        elif kind == "value" and b": " in out:  # a value replaced: the rest of a "key: value" line
            starts = [i + 2 for i in range(len(out)) if out[i : i + 2] == b": "]
            start = starts[min(draw(st.integers(0, len(starts) - 1)), len(starts) - 1)]
            end = out.find(b"\n", start)
            end = len(out) if end < 0 else end
            value = draw(st.one_of(st.sampled_from(VALUES), st.text(max_size=12).map(lambda t: t.encode("utf-8", "surrogatepass"))))
            out[start:end] = value
        elif kind == "stretch":  # a run of the same bytes: long numbers, long lines, deep brackets
            piece = bytes(out[at : at + draw(st.integers(1, 3))]) or b"9"
            out[at:at] = piece * draw(st.sampled_from([2, 10, 100, 1000, 5000]))
        else:
            lines = out.split(b"\n")
            i = min(draw(st.integers(0, len(lines) - 1)), len(lines) - 1)
            how = draw(st.sampled_from(["delete", "duplicate", "swap", "indent", "dedent", "repeat"]))
            if how == "delete":
                del lines[i]
            elif how == "duplicate":
                lines.insert(i, lines[i])
            elif how == "swap":
                j = draw(st.integers(0, len(lines) - 1))
                lines[i], lines[j] = lines[j], lines[i]
            elif how == "indent":
                lines[i] = b" " * draw(st.integers(1, 6)) + lines[i]
            elif how == "dedent":
                lines[i] = lines[i].lstrip(b" ")
            else:
                lines[i:i] = [lines[i]] * draw(st.integers(2, 50))
            out = bytearray(b"\n".join(lines))
    return bytes(out)


@st.composite
def broken_content(draw) -> dict[str, bytes]:
    """One or two of the fixture's files, mutated."""
    names = draw(st.lists(st.sampled_from(sorted(ORIGINALS)), min_size=1, max_size=2, unique=True))
    return {name: draw(mutation(ORIGINALS[name])) for name in names}


@pytest.fixture(scope="module")
def content() -> Iterator[Path]:
    folder = Path(tempfile.mkdtemp(prefix="fuzz-")) / "content"
    shutil.copytree(MINIMAL, folder)
    for name, data in ORIGINALS.items():
        (folder / name).write_bytes(data)
    yield folder
    shutil.rmtree(folder.parent)


# -- the desk layout: two explainers sharing one registry --------------------------------------

REGISTRY_FILES = ("desk.yml", "actors.yml", "issues.yml", "sources.yml")
PORT_FEES = {
    "explainer.yml": b"""\
title: Port fees
standfirst: The towns argue over what ships pay.
date: 2025-04-01
updated: 2025-04-02
parties: [north, south]
actors:
  - actor: north
    role: Wants higher fees
    source: gazette
summary:
  - text: North wants higher fees.
    source: [gazette]
changes:
  - date: 2025-04-02
    text: Added what North wants.
""",
    "positions.yml": b"""\
- actor: north
  issue: harbour
  stance: demands
  summary: North wants to run it alone.
  date: 2025-03-04
  source: gazette
- actor: north
  issue: harbour
  stance: requests
  summary: North asks for higher fees.
  date: 2025-04-01
  source: [gazette]
""",
}
DESK_ORIGINALS: dict[str, bytes] = {
    **{name: ORIGINALS[name] for name in REGISTRY_FILES},
    **{f"explainers/harbour-talks/{name}": data for name, data in ORIGINALS.items() if name not in REGISTRY_FILES},
    **{f"explainers/port-fees/{name}": data for name, data in PORT_FEES.items()},
}
# Where an editor might put a file by mistake, or what they might call it.
PLACES = [
    "notes.yml", "Actors.yml", "actors.yaml", "explainer.yml", "positions.yml", "explainers/stray.yml",
    "explainers/port-fees/notes.yml", "explainers/port-fees/figures.yml", "explainers/port-fees/events.yml",
    "explainers/search/explainer.yml", "explainers/Port_Fees/explainer.yml", "explainers/index/events.yml",
    "explainers/new-one/positions.yml", "explainers/new-one/explainer.yml", "explainers/harbour-talks/drafts/x.yml",
]


@st.composite
def broken_desk(draw) -> dict[str, bytes | None]:
    """A desk with one or two files mutated, and up to two files deleted, moved or copied
    elsewhere: path → new bytes, or None for a file that is gone."""
    files: dict[str, bytes | None] = {}
    for path in draw(st.lists(st.sampled_from(sorted(DESK_ORIGINALS)), max_size=2, unique=True)):
        files[path] = draw(mutation(DESK_ORIGINALS[path]))
    for _ in range(draw(st.integers(0, 2))):
        path = draw(st.sampled_from(sorted(DESK_ORIGINALS)))
        how = draw(st.sampled_from(["delete", "move", "copy"]))
        data = files.get(path, DESK_ORIGINALS[path])
        if how in ("move", "copy"):
            files[draw(st.sampled_from(PLACES))] = data
        if how in ("delete", "move"):
            files[path] = None
    return files


def write_desk(folder: Path, files: dict[str, bytes | None]) -> None:
    shutil.rmtree(folder, ignore_errors=True)
    for path, data in {**DESK_ORIGINALS, **files}.items():
        if data is not None:
            (folder / path).parent.mkdir(parents=True, exist_ok=True)
            (folder / path).write_bytes(data)


@pytest.fixture(scope="module")
def desk() -> Iterator[Path]:
    folder = Path(tempfile.mkdtemp(prefix="fuzz-desk-")) / "content"
    write_desk(folder, {})
    yield folder
    shutil.rmtree(folder.parent)


def _alarm(signum, frame):
    raise _Slow


def load_and_validate(content: Path, files: dict[str, bytes] | None = None) -> Content | Exception:
    """What the generator makes of ``content``: a Content, the ContentError it raised, or a
    crash in KNOWN_CRASHES (or slowness in KNOWN_SLOW for ``files``, the changed ones)."""
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, LIMIT)
    try:
        try:
            result = validate(load(content))
        except ContentError as error:
            assert error.diagnostics, "a ContentError without diagnostics"
            return error
        assert isinstance(result, Content)
        pages = render(result)
        assert pages and all(isinstance(page, str) for page in pages.values())
        downloads = export(result)
        assert downloads and all(isinstance(text, str) for text in downloads.values())
        assert navigation(result)
        return result
    except _Slow as error:
        if any(known(files or {}) for known in KNOWN_SLOW):
            return error
        pytest.fail(f"load + validate took more than {LIMIT} s")
    except Exception as error:
        if _known(error):
            return error
        raise
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(files=broken_content())
def test_load_and_validate_only_ever_raise_content_error(content, files):
    try:
        for name, data in files.items():
            (content / name).write_bytes(data)
        load_and_validate(content, files)
    finally:
        for name in files:
            (content / name).write_bytes(ORIGINALS[name])


def test_the_unmutated_fixture_is_valid(content):
    result = load_and_validate(content)
    assert isinstance(result, Content)
    assert result.warnings == ()
    # What was added to the fixture is there to be fuzzed.
    x = result.explainers["harbour-talks"]
    assert x.story.actors[0].memberships and result.issues["harbour"].source == ["gazette", "gazette"]
    assert result.desk.title == "Harbour desk"


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(files=broken_desk())
def test_a_desk_with_misplaced_and_broken_files_only_ever_raises_content_error(desk, files):
    try:
        write_desk(desk, files)
        load_and_validate(desk, {path: data for path, data in files.items() if data is not None})
    finally:
        write_desk(desk, {})


def test_the_unmutated_desk_is_valid(desk):
    result = load_and_validate(desk)
    assert isinstance(result, Content)
    assert list(result.explainers) == ["port-fees", "harbour-talks"]
    assert result.warnings == ()
