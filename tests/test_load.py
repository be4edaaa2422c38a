"""Step 1, load: YAML text → plain data with the place of every value and key.

What an editor relies on: values read the way they were typed (YAML 1.2 core, no YAML 1.1
surprises), and every problem reported at the right ``FILE:LINE:COL``.
"""

from __future__ import annotations

import math
import shutil
from pathlib import Path

import pytest

from .conftest import CONTENT, FIXTURES
from generator.diagnostics import ContentError
from generator.load import load, load_file, parse
from generator.validate import validate

FILE = "content/x.yml"


def diagnostics(text: str, file: str = FILE) -> list[str]:
    """The printed diagnostics for ``text``; fails if it loads without any."""
    with pytest.raises(ContentError) as caught:
        parse(text, file)
    return [str(d) for d in caught.value.diagnostics]


def value(text: str):
    """The value of ``a`` in ``a: TEXT``."""
    return parse(f"a: {text}\n", FILE).data["a"]


# -- places -----------------------------------------------------------------------------------

PLACES_TEXT = """\
title: Harbour talks
parties: [north, south]
summary:
  - text: They met.
    source: gazette
  - text: |
      Two lines
      of text.
    source: wire
"""


def test_places_of_values_are_one_based_line_and_column():
    document = parse(PLACES_TEXT, FILE)
    assert document.file == FILE
    assert document.data == {
        "title": "Harbour talks",
        "parties": ["north", "south"],
        "summary": [
            {"text": "They met.", "source": "gazette"},
            {"text": "Two lines\nof text.\n", "source": "wire"},
        ],
    }
    places = document.value_places
    assert places[()] == (1, 1)
    assert places[("title",)] == (1, 8)
    assert places[("parties",)] == (2, 10)  # the "["
    assert places[("parties", 0)] == (2, 11)
    assert places[("parties", 1)] == (2, 18)
    assert places[("summary", 0)] == (4, 5)  # the entry's first key, after "- "
    assert places[("summary", 0, "text")] == (4, 11)
    assert places[("summary", 0, "source")] == (5, 13)
    assert places[("summary", 1, "text")] == (6, 11)  # the "|" of the block
    assert places[("summary", 1, "source")] == (9, 13)


def test_places_of_keys():
    document = parse(PLACES_TEXT, FILE)
    keys = document.key_places
    assert keys[("title",)] == (1, 1)
    assert keys[("parties",)] == (2, 1)
    assert keys[("summary",)] == (3, 1)
    assert keys[("summary", 0, "text")] == (4, 5)
    assert keys[("summary", 1, "source")] == (9, 5)


def test_place_of_a_missing_key_is_the_nearest_enclosing_value():
    document = parse(PLACES_TEXT, FILE)
    assert document.place(("summary", 1, "date")) == (6, 5)
    assert document.place(("summary", 1, "source"), of_key=True) == (9, 5)
    assert str(document.diagnostic(("summary", 0, "source"), "unknown source 'gazette'")) == (
        "content/x.yml:5:13: error: unknown source 'gazette'"
    )


# -- YAML 1.2 core scalars ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("true", True),
        ("True", True),
        ("false", False),
        ("FALSE", False),
        ("null", None),
        ("~", None),
        ("", None),
        ("12", 12),
        ("-3", -3),
        ("0x1F", 31),
        ("1.5", 1.5),
        ("0.2", 0.2),
        (".5", 0.5),
        ("1.0e-2", 0.01),
        (".inf", math.inf),
        ("-.inf", -math.inf),
        ("plain words", "plain words"),
        ("'quoted'", "quoted"),
        ('"12"', "12"),
        ("'true'", "true"),
        ("'no'", "no"),
        ('"1:30"', "1:30"),
        ("1_000", "1_000"),  # YAML 1.1 read 1000; YAML 1.2 core: text
        ("0b11", "0b11"),  # YAML 1.1 read 3; YAML 1.2 core: text
        ("y", "y"),
        ("n", "n"),
    ],
)
def test_scalars_follow_yaml_1_2_core(typed, expected):
    got = value(typed)
    assert got == expected
    assert type(got) is type(expected)


def test_nan_is_a_float():
    assert math.isnan(value(".nan"))


@pytest.mark.parametrize("typed", ["2025-06-02", "2024-06", "2025-06-02T10:00:00", "1900-06"])
def test_dates_stay_text(typed):
    assert value(typed) == typed


def test_one_point_ten_is_the_number_1_1():
    # YAML reads `1.10` as the float 1.1: a version number or a "chapter 1.10" needs quotes.
    # The validator says so for text fields (see test_one_point_ten_in_a_text_field_asks_for_quotes).
    assert value("1.10") == 1.1
    assert value("'1.10'") == "1.10"


def test_one_point_ten_in_a_text_field_asks_for_quotes(tmp_path, monkeypatch):
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "minimal", content)
    events = content / "events.yml"
    events.write_text(events.read_text().replace("title: First meeting", "title: 1.10"))
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ContentError) as caught:
        validate(load(Path("content")))
    assert [str(d) for d in caught.value.diagnostics] == [
        "content/events.yml:3:10: error: expected text, got the number 1.1 (put it in quotes to keep it exactly as written)"
    ]


@pytest.mark.parametrize("typed, expected", [("0o17", 15), ("1e3", 1000.0), ("1.5e3", 1500.0), ("-.5", -0.5)])
def test_yaml_1_2_core_numbers_that_yaml_1_1_reads_as_text(typed, expected):
    got = value(typed)
    assert got == expected
    assert type(got) is type(expected)


def test_explicit_str_tag_keeps_text():
    assert value("!!str 123") == "123"
    assert value("!!str true") == "true"


def test_block_and_quoted_text_is_never_resolved():
    assert parse("a: |\n  no\nb: >\n  12\n", FILE).data == {"a": "no\n", "b": "12\n"}


# -- YAML 1.1 surprises are errors --------------------------------------------------------------


@pytest.mark.parametrize("word", ["no", "Yes", "off", "ON"])
def test_yaml_1_1_booleans_are_errors(word):
    assert diagnostics(f"answer: {word}\n") == [
        f"content/x.yml:1:9: error: '{word}' is ambiguous: some YAML readers take it as true/false "
        f'(expected "{word}" in quotes for text, or true or false)'
    ]


def test_yaml_1_1_boolean_in_a_flow_list_is_placed_at_the_word():
    assert diagnostics("list: [a, off]\n") == [
        "content/x.yml:1:11: error: 'off' is ambiguous: some YAML readers take it as true/false "
        '(expected "off" in quotes for text, or true or false)'
    ]


@pytest.mark.parametrize("typed, number", [("012", 12), ("01000", 1000), ("-007", -7)])
def test_numbers_with_a_leading_zero_are_errors(typed, number):
    # YAML 1.2 reads 012 as 12, YAML 1.1 as octal 10.
    assert diagnostics(f"value: {typed}\n") == [
        f"content/x.yml:1:8: error: '{typed}' is ambiguous: some YAML readers take a number with a leading zero as octal "
        f'(expected {number} without the zero, or "{typed}" in quotes for text)'
    ]


@pytest.mark.parametrize("typed", ["1:30", "1:30:00"])
def test_base_60_numbers_are_errors(typed):
    assert diagnostics(f"time: {typed}\n") == [
        f"content/x.yml:1:7: error: '{typed}' is ambiguous: some YAML readers take it as a base-60 number "
        f'(expected "{typed}" in quotes for text, or else one number, such as 90)'
    ]


def test_duplicate_key_names_the_first_line():
    assert diagnostics("- id: one\n  name: One\n  role: x\n  name: Uno\n") == [
        "content/x.yml:4:3: error: duplicate key 'name' (first at line 2; expected each key once)"
    ]


def test_anchor_and_alias_are_rejected():
    assert diagnostics("a: &x 1\nb: *x\n") == [
        "content/x.yml:2:4: error: alias '*x' is not supported (expected the value written out in full)"
    ]


def test_alias_of_an_entry_is_rejected():
    assert diagnostics("- &e {id: x}\n- *e\n") == [
        "content/x.yml:2:3: error: alias '*e' is not supported (expected the value written out in full)"
    ]


def test_each_alias_is_reported_once_at_its_own_place():
    found = diagnostics("a: &x 1\nb: *x\nc: *x\n")
    assert len(found) == len(set(found)), found


def test_python_tag_is_rejected():
    assert diagnostics("a: !!python/object:os.system echo\n") == [
        "content/x.yml:1:4: error: tag 'tag:yaml.org,2002:python/object:os.system' is not allowed "
        "(expected plain text, numbers, lists and mappings)"
    ]


def test_local_tag_is_rejected():
    assert diagnostics("a: !custom x\n") == [
        "content/x.yml:1:4: error: tag '!custom' is not allowed (expected plain text, numbers, lists and mappings)"
    ]


def test_key_that_is_not_text_is_an_error():
    assert diagnostics("name: x\n12: y\n") == [
        "content/x.yml:2:1: error: a key must be a plain name (expected text such as 'name:')"
    ]


def test_all_problems_of_one_file_are_reported_together():
    assert diagnostics("a: no\nb: 1:30\na: 1\n") == [
        "content/x.yml:1:4: error: 'no' is ambiguous: some YAML readers take it as true/false "
        '(expected "no" in quotes for text, or true or false)',
        "content/x.yml:2:4: error: '1:30' is ambiguous: some YAML readers take it as a base-60 number "
        '(expected "1:30" in quotes for text, or else one number, such as 90)',
        "content/x.yml:3:1: error: duplicate key 'a' (first at line 1; expected each key once)",
    ]


# -- syntax errors ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        pytest.param(
            # The parser reports where it gave up: the next line, at the ":" it did not expect.
            "- id: north\n  aliases: [Northville\n  source: gazette\n",
            "content/x.yml:3:9: error: YAML syntax: did not find expected ',' or ']' (for the [ opened at line 2)",
            id="unclosed bracket",
        ),
        pytest.param(
            "- id: north\n  name: North\n kind: state\n",
            "content/x.yml:3:2: error: YAML syntax: did not find expected '-' indicator (expected every item of the list to start with '- ' at the same indentation)",
            id="bad indentation",
        ),
        pytest.param(
            "- id: north\n  name: North\n\tkind: state\n",
            "content/x.yml:3:1: error: YAML syntax: the indentation holds a tab (expected spaces only)",
            id="tab",
        ),
        pytest.param(
            "- id: north\n  role: Mayor: North\n",
            "content/x.yml:2:14: error: YAML syntax: mapping values are not allowed in this context (expected text that contains ': ' to be in quotes)",
            id="unquoted colon",
        ),
        pytest.param(
            "a: 1\n---\nb: 2\n",
            "content/x.yml:2:1: error: YAML syntax: a second document starts here (expected one document per file: remove the '---' line)",
            id="two documents",
        ),
    ],
)
def test_syntax_errors_are_placed(text, expected):
    assert diagnostics(text) == [expected]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("a: b\n\x1b\n", "content/x.yml:2:1: error: character 0x1b is not allowed (expected printable text)"),
        ("a: éé\x07\n", "content/x.yml:1:6: error: character 0x7 is not allowed (expected printable text)"),
    ],
)
def test_control_character_is_an_error(text, expected):
    assert diagnostics(text) == [expected]


def test_too_deep_nesting_is_an_error():
    assert diagnostics("a: " + "[" * 70 + "]" * 70 + "\n") == [
        "content/x.yml:1:68: error: nested more than 64 levels deep (expected a flat structure)"
    ]


CONFLICT_HINT = "(expected the conflict resolved: keep the lines you want and delete the marker lines)"


def test_conflict_markers_are_found_in_files_with_windows_line_endings():
    text = "a: 1\r\n<<<<<<< HEAD\r\nb: 2\r\n======= \r\nb: 3\r\n>>>>>>> main\r\n"
    assert diagnostics(text) == [
        f"content/x.yml:2:1: error: merge conflict marker '<<<<<<< HEAD' {CONFLICT_HINT}",
        f"content/x.yml:4:1: error: merge conflict marker '=======' {CONFLICT_HINT}",
        f"content/x.yml:6:1: error: merge conflict marker '>>>>>>> main' {CONFLICT_HINT}",
    ]


@pytest.mark.parametrize("line", ["========", "  =======", "<<<<<<<<", ">>>>>>>x", "a <<<<<<< b"])
def test_lines_like_conflict_markers_are_text(line):
    # git writes its markers at the start of a line, seven characters long: a row of eight
    # '=' under a heading, or an indented row, is the editor's own text.
    assert parse(f'a: "x\n{line}\n  y"\n', FILE).data == {"a": f"x {line.strip()} y"}


# -- files and folders --------------------------------------------------------------------------


def test_empty_file_loads_as_none(tmp_path, monkeypatch):
    assert parse("", FILE).data is None
    assert parse("# only a comment\n", FILE).data is None
    monkeypatch.chdir(tmp_path)
    (tmp_path / "empty.yml").write_bytes(b"")
    assert load_file(Path("empty.yml")).data is None


def test_non_utf8_bytes_are_an_error_at_their_place(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("content").mkdir()
    Path("content/actors.yml").write_bytes("- id: mayor\n  name: Ann Mayör\n".encode("latin-1"))
    with pytest.raises(ContentError) as caught:
        load_file(Path("content/actors.yml"))
    assert [str(d) for d in caught.value.diagnostics] == [
        "content/actors.yml:2:16: error: byte 0xf6 is not UTF-8 text (expected the file saved as UTF-8)"
    ]


def test_utf8_bom_is_accepted_and_places_are_unchanged(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    text = "- id: mayor\n  name: Ann Mayör\n"
    Path("bom.yml").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    document = load_file(Path("bom.yml"))
    assert document.data == [{"id": "mayor", "name": "Ann Mayör"}]
    assert document.value_places[(0, "id")] == (1, 7)
    assert document.key_places[(0, "id")] == (1, 3)


def test_file_names_are_shown_relative_to_the_working_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copytree(FIXTURES / "minimal", "content")
    documents = load(Path("content"))
    assert sorted(documents) == [
        "actors.yml",
        "events.yml",
        "explainer.yml",
        "figures.yml",
        "issues.yml",
        "positions.yml",
        "sources.yml",
    ]
    assert documents["actors.yml"].file == "content/actors.yml"
    assert documents["actors.yml"].data[0]["aliases"] == ["Northville"]
    assert documents["actors.yml"].value_places[(2, "memberships", 0, "of")] == (20, 11)
    assert documents["explainer.yml"].data["date"] == "2025-03-04"


def test_missing_content_folder_is_a_file_level_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ContentError) as caught:
        load(Path("nowhere"))
    [diagnostic] = caught.value.diagnostics
    assert (diagnostic.line, diagnostic.col) == (0, 0)
    assert str(diagnostic) == "nowhere: error: content folder not found (expected a folder of .yml files)"


def test_problems_in_several_files_are_all_reported(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copytree(FIXTURES / "minimal", "content")
    Path("content/issues.yml").write_text("- id: [harbour\n")
    events = Path("content/events.yml")
    events.write_text(events.read_text().replace("  title: Harbour built\n", "  title: Harbour built\n  title: Again\n"))
    Path("content/sources.yml").write_bytes(b"- id: gazette\n  title: Caf\xe9\n")
    with pytest.raises(ContentError) as caught:
        load(Path("content"))
    assert [str(d) for d in caught.value.diagnostics] == [
        "content/events.yml:11:3: error: duplicate key 'title' (first at line 10; expected each key once)",
        "content/issues.yml:2:1: error: YAML syntax: did not find expected ',' or ']' (for the [ opened at line 1)",
        "content/sources.yml:2:13: error: byte 0xe9 is not UTF-8 text (expected the file saved as UTF-8)",
    ]
    assert str(caught.value) == "3 errors in 3 files"


# -- a desk: the registry at the top, one folder per explainer ----------------------------------


def _desk(content: Path) -> None:
    """The minimal fixture's files in the desk layout, with an explainer in explainers/harbour-talks/."""
    folder = content / "explainers" / "harbour-talks"
    folder.mkdir(parents=True)
    for path in (FIXTURES / "minimal").iterdir():
        top = path.name in ("actors.yml", "issues.yml", "sources.yml")
        shutil.copy(path, (content if top else folder) / path.name)


def test_a_desks_documents_are_keyed_by_their_path_in_the_content_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _desk(Path("content"))
    documents = load(Path("content"))
    assert sorted(documents) == [
        "actors.yml",
        "explainers/harbour-talks/events.yml",
        "explainers/harbour-talks/explainer.yml",
        "explainers/harbour-talks/figures.yml",
        "explainers/harbour-talks/positions.yml",
        "issues.yml",
        "sources.yml",
    ]
    # Diagnostics name the file as the editor finds it, from where they run the command.
    assert documents["explainers/harbour-talks/positions.yml"].file == "content/explainers/harbour-talks/positions.yml"
    assert documents["explainers/harbour-talks/explainer.yml"].data["title"] == "Harbour talks"
    assert documents["actors.yml"].value_places[(2, "memberships", 0, "of")] == (20, 11)


def test_a_desk_reads_only_yaml_files_at_the_top_in_explainers_and_in_each_explainers_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    content = Path("content")
    _desk(content)
    # Not content: other files, other folders (pictures, notes), deeper folders, hidden ones.
    (content / "README.md").write_text("# Notes\n")
    (content / "images").mkdir()
    (content / "images" / "map.yml").write_text("not: [content\n")
    (content / "explainers" / "harbour-talks" / "drafts").mkdir()
    (content / "explainers" / "harbour-talks" / "drafts" / "old.yml").write_text("not: [content\n")
    (content / "explainers" / "harbour-talks" / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    (content / "explainers" / ".git").mkdir()
    (content / "explainers" / ".git" / "config.yml").write_text("not: [content\n")
    (content / "explainers" / "harbour-talks" / ".#events.yml").symlink_to("nowhere")
    # Content, even where no content file belongs (validation reports those): YAML files at
    # the top, directly in explainers/ and in each explainer's folder.
    (content / "notes.yml").write_text("a: 1\n")
    (content / "explainers" / "stray.yaml").write_text("a: 1\n")
    assert sorted(load(content)) == [
        "actors.yml",
        "explainers/harbour-talks/events.yml",
        "explainers/harbour-talks/explainer.yml",
        "explainers/harbour-talks/figures.yml",
        "explainers/harbour-talks/positions.yml",
        "explainers/stray.yaml",
        "issues.yml",
        "notes.yml",
        "sources.yml",
    ]


def test_problems_in_an_explainers_folder_are_placed_in_its_files(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _desk(Path("content"))
    Path("content/explainers/harbour-talks/positions.yml").write_text("- actor: north\n  stance: no\n")
    Path("content/explainers/harbour-talks/figures.yml").write_bytes(b"- id: boats\n  label: Bo\xe4ts\n")
    with pytest.raises(ContentError) as caught:
        load(Path("content"))
    assert [str(d) for d in caught.value.diagnostics] == [
        "content/explainers/harbour-talks/figures.yml:2:12: error: byte 0xe4 is not UTF-8 text (expected the file saved as UTF-8)",
        "content/explainers/harbour-talks/positions.yml:2:11: error: 'no' is ambiguous: some YAML readers take it as "
        'true/false (expected "no" in quotes for text, or true or false)',
    ]


def test_the_shipped_desk_loads_in_the_desk_layout():
    documents = load(CONTENT)
    assert {"actors.yml", "issues.yml", "sources.yml", "desk.yml"} <= documents.keys()
    assert "explainer.yml" not in documents
    explainers = {key.split("/")[1] for key in documents if key.startswith("explainers/")}
    assert explainers == {"istanbul-talks-2025-06-02", "what-each-side-wants"}
    for slug in explainers:
        assert f"explainers/{slug}/explainer.yml" in documents
