"""Step 2, validate: loaded documents → a cross-checked ``Content``, or every problem at once.

Each broken case is a copy of tests/fixtures/minimal with one file changed. The tests run in
the copy's parent folder, so diagnostics read ``content/FILE:LINE:COL: error: …`` exactly as
an editor sees them.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator import ContentError, load, validate
from generator.model import Actor, Event, Position
from generator.validate import Content

from .conftest import CONTENT, FIXTURES

MINIMAL = FIXTURES / "minimal"


def copy_minimal(where: Path) -> Path:
    content = where / "content"
    shutil.copytree(MINIMAL, content)
    return content


def patch(content: Path, file: str, old: str, new: str) -> None:
    """Replace the one occurrence of ``old`` in ``content/file`` with ``new``."""
    path = content / file
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} is not once in {file}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def append(content: Path, file: str, text: str) -> None:
    path = content / file
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


@pytest.fixture
def content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh copy of the minimal fixture in ``tmp_path/content``, with ``tmp_path`` as cwd."""
    monkeypatch.chdir(tmp_path)
    return copy_minimal(tmp_path)


THIRD_POSITION = """\
- actor: mayor-north
  issue: harbour
  stance: supports
  summary: The mayor backs North.
  date: 2025-03-04
  source: gazette
"""


def with_third_position(content: Path) -> Path:
    """Positions with a third one, so that breaking one still leaves two on 'harbour'.

    (An issue with fewer than two positions gets a warning; these tests are about the error.)
    """
    append(content, "positions.yml", THIRD_POSITION)
    return content


def described(cls, field: str) -> str:
    """What a 'missing field' message says a field is: its documented description."""
    description = cls.model_fields[field].description.rstrip(".")
    return description[:1].lower() + description[1:]


def problems(content: Path) -> list[str]:
    """The diagnostics of load + validate, as printed; fails when the content is valid."""
    with pytest.raises(ContentError) as caught:
        validate(load(Path("content")))
    return [str(d) for d in caught.value.diagnostics]


def test_minimal_fixture_is_valid(content):
    result = validate(load(Path("content")))
    assert isinstance(result, Content)
    assert list(result.actors) == ["north", "south", "mayor-north"]
    assert result.actors["mayor-north"].memberships[0].of == "north"
    assert [(p.actor, p.issue, p.stance) for p in result.positions] == [
        ("north", "harbour", "demands"),
        ("south", "harbour", "not-stated"),
    ]
    assert result.events["founding"].date == "1900-06"
    assert result.figures["days"].as_of == "2025"  # an unquoted year is still a date
    assert result.figures["boats"].value == 1000
    assert result.explainer.changes[0].correction is True
    assert result.warnings == ()


# -- fields ---------------------------------------------------------------------------------------

EAST_WITHOUT_NAME = """\
- id: east
  kind: state
  role: A third town
  description: The town to the east.
  source: gazette
"""


def test_missing_required_field_is_placed_at_the_entry(content):
    append(content, "actors.yml", EAST_WITHOUT_NAME)
    assert problems(content) == [
        f"content/actors.yml:23:3: error: missing field 'name' (expected {described(Actor, 'name')})"
    ]


def test_missing_field_with_a_description_says_what_it_is(content):
    with_third_position(content)
    patch(content, "positions.yml", "  summary: The report does not say.\n", "")
    assert problems(content) == [
        f"content/positions.yml:9:3: error: missing field 'summary' (expected {described(Position, 'summary')})"
    ]


def test_missing_reference_field_names_the_file(content):
    patch(content, "events.yml", "  summary: The harbour was built.\n  source: gazette\n", "  summary: The harbour was built.\n")
    assert problems(content) == [
        "content/events.yml:8:3: error: missing field 'source' (expected the id of an entry in sources.yml)"
    ]


def test_unknown_field_with_did_you_mean(content):
    patch(content, "events.yml", "  summary: The towns met.", "  sumary: The towns met.")
    # Renaming a field is both: the old name is missing and the new one is unknown.
    assert problems(content) == [
        f"content/events.yml:1:3: error: missing field 'summary' (expected {described(Event, 'summary')})",
        "content/events.yml:4:3: error: unknown field 'sumary' (expected one of: id, date, title, summary, "
        "actors, issues, source; did you mean 'summary'?)",
    ]


def test_unknown_top_level_field_of_the_explainer(content):
    patch(content, "explainer.yml", "place: Portown", "plaec: Portown")
    assert problems(content) == [
        "content/explainer.yml:6:1: error: unknown field 'plaec' (expected one of: title, standfirst, date, "
        "updated, place, parties, summary, unknowns, next, changes; did you mean 'place'?)"
    ]


def test_unknown_nested_field_lists_the_nested_fields(content):
    patch(content, "explainer.yml", "    correction: true", "    corection: true")
    assert problems(content) == [
        "content/explainer.yml:20:5: error: unknown field 'corection' (expected one of: date, text, correction; "
        "did you mean 'correction'?)"
    ]


def test_unknown_field_without_a_close_name(content):
    patch(content, "events.yml", "  summary: The harbour was built.", "  summary: The harbour was built.\n  zzz: 1")
    assert problems(content) == [
        "content/events.yml:12:3: error: unknown field 'zzz' (expected one of: id, date, title, summary, "
        "actors, issues, source)"
    ]


@pytest.mark.parametrize(
    "typed, hint",
    [
        ("1,000", "write the number without commas or units, e.g. 12000"),
        ("lots", "write the number without commas or units, e.g. 12000"),
        ("'1000'", "remove the quotes"),
    ],
)
def test_text_where_a_number_is_expected(content, typed, hint):
    patch(content, "figures.yml", "value: 1000", f"value: {typed}")
    shown = typed.strip("'")
    assert problems(content) == [f"content/figures.yml:3:10: error: expected a number, got the text '{shown}' ({hint})"]


@pytest.mark.parametrize(
    "typed, got",
    [("1.10", "the number 1.1"), ("2025", "the number 2025"), ("true", "true")],
)
def test_number_where_text_is_expected_asks_for_quotes(content, typed, got):
    with_third_position(content)
    patch(content, "positions.yml", "quote: ours alone", f"quote: {typed}")
    assert problems(content) == [
        f"content/positions.yml:6:10: error: expected text, got {got} (put it in quotes to keep it exactly as written)"
    ]


def test_empty_value_where_text_is_expected(content):
    with_third_position(content)
    patch(content, "positions.yml", "summary: The report does not say.", "summary:")
    assert problems(content) == ["content/positions.yml:12:11: error: expected text, got nothing"]


def test_empty_text(content):
    with_third_position(content)
    patch(content, "positions.yml", "summary: The report does not say.", "summary: ''")
    assert problems(content) == ["content/positions.yml:12:12: error: is empty (expected some text)"]


def test_text_where_true_or_false_is_expected(content):
    patch(content, "figures.yml", "key: true", "key: 'true'")
    assert problems(content) == ["content/figures.yml:10:8: error: expected true or false, got the text 'true'"]


def test_infinite_number_is_refused(content):
    patch(content, "figures.yml", "value: 1000", "value: .inf")
    assert problems(content) == ["content/figures.yml:3:10: error: expected an ordinary number, got the number inf"]


def test_stance_not_in_vocabulary_with_did_you_mean(content):
    with_third_position(content)
    patch(content, "positions.yml", "stance: demands", "stance: suports")
    assert problems(content) == [
        "content/positions.yml:3:11: error: 'suports' is not allowed here (expected one of: supports, opposes, "
        "conditional, demands, proposes, agrees, disputes, not-stated; did you mean 'supports'?)"
    ]


def test_status_not_in_vocabulary_without_a_close_word(content):
    patch(content, "figures.yml", "status: proposed", "status: maybe")
    assert problems(content) == [
        "content/figures.yml:30:11: error: 'maybe' is not allowed here (expected one of: agreed, delivered, "
        "proposed, claimed, estimate, reported)"
    ]


@pytest.mark.parametrize("bad", ["Founding", "founding_1900", "founding--1900", "-founding", "'12 June'"])
def test_bad_id(content, bad):
    patch(content, "events.yml", "id: founding", f"id: {bad}")
    shown = bad.strip("'")
    assert problems(content) == [
        f"content/events.yml:8:7: error: '{shown}' is not an id (expected lowercase letters, digits and hyphens, "
        "e.g. 'russian-delegation')"
    ]


def test_empty_list_where_one_item_is_needed(content):
    patch(content, "explainer.yml", "parties: [north, south]", "parties: []")
    assert problems(content) == ["content/explainer.yml:7:10: error: has 0 items (expected at least 1)"]


# -- dates ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed, message",
    [
        ("2025-13-45", "'2025-13-45' has no month 13 (expected a month from 01 to 12)"),
        ("2025-00", "'2025-00' has no month 0 (expected a month from 01 to 12)"),
        ("2025-02-30", "'2025-02-30' is not a date in the calendar (expected a real day, e.g. 2025-06-02)"),
        ("2023-02-29", "'2023-02-29' is not a date in the calendar (expected a real day, e.g. 2025-06-02)"),
        ("4 March 2025", "'4 March 2025' is not a date (expected YYYY-MM-DD, YYYY-MM or YYYY, e.g. 2025-06-02)"),
        ("2025-3-4", "'2025-3-4' is not a date (expected YYYY-MM-DD, YYYY-MM or YYYY, e.g. 2025-06-02)"),
        ("25", "'25' is not a date (expected YYYY-MM-DD, YYYY-MM or YYYY, e.g. 2025-06-02)"),
        ("2025.03", "expected text, got the number 2025.03 (put it in quotes to keep it exactly as written)"),
    ],
)
def test_bad_dates(content, typed, message):
    patch(content, "events.yml", "date: 2025-03-04", f"date: {typed}")
    assert problems(content) == [f"content/events.yml:2:9: error: {message}"]


@pytest.mark.parametrize("typed, stored", [("2024-06", "2024-06"), ("2022", "2022"), ("'2022'", "2022"), ("2024-02-29", "2024-02-29")])
def test_partial_dates_and_unquoted_years_are_accepted(content, typed, stored):
    patch(content, "events.yml", "date: 2025-03-04", f"date: {typed}")
    assert validate(load(Path("content"))).events["meeting"].date == stored


# -- references -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "file, old, new, expected",
    [
        pytest.param(
            "positions.yml",
            "actor: south",
            "actor: souht",
            "content/positions.yml:9:10: error: unknown actor 'souht' (expected the id of an entry in actors.yml; "
            "did you mean 'south'?)",
            id="actor",
        ),
        pytest.param(
            "positions.yml",
            "said_by: mayor-north",
            "said_by: mayor-nort",
            "content/positions.yml:5:12: error: unknown actor 'mayor-nort' (expected the id of an entry in actors.yml; "
            "did you mean 'mayor-north'?)",
            id="said_by",
        ),
        pytest.param(
            "events.yml",
            "issues: [harbour]",
            "issues: [harbor]",
            "content/events.yml:6:12: error: unknown issue 'harbor' (expected the id of an entry in issues.yml; "
            "did you mean 'harbour'?)",
            id="issue in a list",
        ),
        pytest.param(
            "issues.yml",
            "source: gazette",
            "source: gazete",
            "content/issues.yml:5:11: error: unknown source 'gazete' (expected the id of an entry in sources.yml; "
            "did you mean 'gazette'?)",
            id="source",
        ),
        pytest.param(
            "explainer.yml",
            "  - text: A second meeting.\n    source: gazette",
            "  - text: A second meeting.\n    source: gazzette",
            "content/explainer.yml:16:13: error: unknown source 'gazzette' (expected the id of an entry in sources.yml; "
            "did you mean 'gazette'?)",
            id="source of a note",
        ),
        pytest.param(
            "actors.yml",
            "of: north",
            "of: nort",
            "content/actors.yml:20:11: error: unknown actor 'nort' (expected the id of an entry in actors.yml; "
            "did you mean 'north'?)",
            id="membership of",
        ),
        pytest.param(
            "figures.yml",
            "claimed_by: [south]",
            "claimed_by: [west]",
            "content/figures.yml:31:16: error: unknown actor 'west' (expected the id of an entry in actors.yml)",
            id="no close id",
        ),
    ],
)
def test_unknown_references(content, file, old, new, expected):
    patch(content, file, old, new)
    assert problems(content) == [expected]


DUPLICATE_ISSUE = """\
- id: harbour
  title: Harbour again
  question: Who runs it?
  description: A copy.
  source: gazette
"""


def test_duplicate_id_names_where_it_was_first_defined(content):
    append(content, "issues.yml", DUPLICATE_ISSUE)
    assert problems(content) == [
        "content/issues.yml:6:7: error: duplicate id 'harbour' (first defined at content/issues.yml:1:7; "
        "expected each id once)"
    ]


def test_second_position_of_the_same_actor_on_the_same_issue(content):
    patch(content, "positions.yml", "actor: south", "actor: north")
    assert problems(content) == [
        "content/positions.yml:9:3: error: second position of 'north' on 'harbour' (first at line 1; "
        "expected one position per actor and issue)"
    ]


# -- file shapes ----------------------------------------------------------------------------------


def test_mapping_where_a_list_is_expected(content):
    (content / "events.yml").write_text("id: meeting\ndate: 2025-03-04\n")
    assert problems(content) == [
        "content/events.yml:1:1: error: a mapping is not a list of event entries "
        "(expected a list of event entries, each starting with '- id:')"
    ]


def test_entry_that_is_not_a_mapping(content):
    (content / "events.yml").write_text("- meeting\n")
    assert problems(content) == ["content/events.yml:1:3: error: expected a mapping of fields, got the text 'meeting'"]


def test_list_where_the_explainer_mapping_is_expected(content):
    explainer = content / "explainer.yml"
    explainer.write_text("- " + explainer.read_text().split("\n", 1)[1].replace("\n", "\n  "))
    assert problems(content) == [
        "content/explainer.yml:1:1: error: a list is not a mapping of the explainer's fields "
        "(expected a mapping of the explainer's fields: 'title:', 'date:', …)"
    ]


def test_missing_file(content):
    (content / "events.yml").unlink()
    assert problems(content) == ["content/events.yml: error: file is missing (expected a list of event entries)"]


def test_missing_files_name_the_folder_given(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("mycontent").mkdir()
    with pytest.raises(ContentError) as caught:
        validate(load(Path("mycontent")), "mycontent")
    assert str(caught.value.diagnostics[0]) == (
        "mycontent/actors.yml: error: file is missing (expected a list of actor entries)"
    )


def test_unexpected_extra_file(content):
    (content / "notes.yml").write_text("todo: check the boats\n")
    (content / "people.yaml").write_text("- id: x\n")
    expected_only = "expected only: explainer.yml, sources.yml, actors.yml, issues.yml, positions.yml, figures.yml, events.yml"
    assert problems(content) == [
        f"content/notes.yml:1:1: error: unexpected file ({expected_only})",
        f"content/people.yaml:1:1: error: unexpected file ({expected_only})",
    ]


# -- urls -----------------------------------------------------------------------------------------

OTHER_SOURCE = """\
- id: other
  publisher: Other
  title: Another report
  date: 2025-03-04
  url: {url}
"""


@pytest.mark.parametrize(
    "url",
    ["javascript:alert(1)", "'JavaScript:alert(1)'", "data:text/html,hi", "ftp://example.org/x", "https://example.org/a b"],
)
def test_url_must_be_http(content, url):
    append(content, "sources.yml", OTHER_SOURCE.format(url=url))
    shown = url.strip("'")
    assert problems(content) == [
        f"content/sources.yml:11:8: error: '{shown}' is not an http(s) address (expected e.g. https://example.org/report)"
    ]


# -- everything at once ---------------------------------------------------------------------------


def test_all_problems_across_files_are_collected_in_one_error(content):
    with_third_position(content)
    patch(content, "positions.yml", "stance: demands", "stance: suports")
    patch(content, "events.yml", "date: 1900-06", "date: 1900-13")
    patch(content, "issues.yml", "source: gazette", "source: gazete")
    patch(content, "figures.yml", "value: 1000", "value: 1,000")
    patch(content, "explainer.yml", "place: Portown", "plaec: Portown")
    patch(content, "actors.yml", "of: north", "of: nort")
    with pytest.raises(ContentError) as caught:
        validate(load(Path("content")))
    found = [str(d) for d in caught.value.diagnostics]
    assert len(found) == 6
    assert [line.split(": error:")[0] for line in found] == [
        "content/actors.yml:20:11",
        "content/events.yml:9:9",
        "content/explainer.yml:6:1",
        "content/figures.yml:3:10",
        "content/issues.yml:5:11",
        "content/positions.yml:3:11",
    ]
    assert str(caught.value) == "6 errors in 6 files"


@pytest.mark.parametrize(
    "file, old, new, expected",
    [
        pytest.param(
            "actors.yml",
            "  name: South\n",
            "",
            f"content/actors.yml:8:3: error: missing field 'name' (expected {described(Actor, 'name')})",
            id="actor without name",
        ),
        pytest.param(
            "sources.yml",
            "url: https://example.org/harbour",
            "url: javascript:alert(1)",
            "content/sources.yml:6:8: error: 'javascript:alert(1)' is not an http(s) address "
            "(expected e.g. https://example.org/report)",
            id="source with bad url",
        ),
        pytest.param(
            "positions.yml",
            "stance: not-stated",
            "stance: not-said",
            "content/positions.yml:11:11: error: 'not-said' is not allowed here (expected one of: supports, opposes, "
            "conditional, demands, proposes, agrees, disputes, not-stated; did you mean 'not-stated'?)",
            id="position with a typo",
        ),
    ],
)
def test_an_invalid_entry_does_not_make_its_id_unknown(content, file, old, new, expected):
    # One mistake gives one error: the entry's id still counts for references elsewhere, and
    # no "unknown actor 'south' (did you mean 'north'?)" or "has 1 position" follows from it.
    patch(content, file, old, new)
    assert problems(content) == [expected]


# -- the real content -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def real_content() -> Content:
    return validate(load(CONTENT))


def test_real_content_validates(real_content):
    assert real_content.warnings == ()  # `mkdocs build --strict` fails on warnings
    assert real_content.explainer.title
    assert real_content.sources and real_content.actors and real_content.issues
    assert real_content.positions and real_content.figures and real_content.events


def test_everything_in_the_real_content_cites_an_existing_source(real_content):
    sources = real_content.sources
    cited = {
        **{f"actor {id_}": a.source for id_, a in real_content.actors.items()},
        **{f"issue {id_}": i.source for id_, i in real_content.issues.items()},
        **{f"figure {id_}": f.source for id_, f in real_content.figures.items()},
        **{f"event {id_}": e.source for id_, e in real_content.events.items()},
        **{f"position {p.actor}/{p.issue}": p.source for p in real_content.positions},
    }
    explainer = real_content.explainer
    for part in ("summary", "unknowns", "next"):
        for i, note in enumerate(getattr(explainer, part)):
            cited[f"explainer {part}[{i}]"] = note.source
    uncited = {what: source for what, source in cited.items() if source not in sources}
    assert uncited == {}
    assert len(cited) >= len(real_content.positions) + len(real_content.actors)


def test_every_reference_in_the_real_content_resolves(real_content):
    actors, issues = real_content.actors, real_content.issues
    for position in real_content.positions:
        assert position.actor in actors and position.issue in issues
        assert position.said_by is None or position.said_by in actors
    for figure in real_content.figures.values():
        assert set(figure.claimed_by) <= actors.keys()
        assert figure.issue is None or figure.issue in issues
    for event in real_content.events.values():
        assert set(event.actors) <= actors.keys() and set(event.issues) <= issues.keys()
    for actor in actors.values():
        assert all(m.of in actors for m in actor.memberships)
    assert set(real_content.explainer.parties) <= actors.keys()
