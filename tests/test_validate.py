"""Step 2, validate: loaded documents → a cross-checked ``Content``, or every problem at once.

Most broken cases are a copy of tests/fixtures/minimal (a content folder in the old, one-folder
layout, which still builds as a desk of one explainer) with one file changed. The rules that
only a desk has (several explainers sharing one registry) are tested on the same files in the
desk layout: the registry at the top, the explainer in ``explainers/<slug>/``. The tests run
in the copy's parent folder, so diagnostics read ``content/FILE:LINE:COL: error: …`` exactly
as an editor sees them.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator import ContentError, load, validate
from generator.files import DESK_FILES, EXPLAINER_FILES
from generator.model import Actor, Event, Position
from generator.validate import Content

from .conftest import CONTENT, FIXTURES

MINIMAL = FIXTURES / "minimal"
# A content folder in the old layout is a desk of one: its explainer's id is its title, slugified.
SLUG = "harbour-talks"


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


def described(cls, field: str) -> str:
    """What a 'missing field' message says a field is: its documented description."""
    description = cls.model_fields[field].description.rstrip(".")
    return description[:1].lower() + description[1:]


def problems(content: Path) -> list[str]:
    """The diagnostics of load + validate, as printed; fails when the content is valid."""
    with pytest.raises(ContentError) as caught:
        validate(load(Path("content")))
    return [str(d) for d in caught.value.diagnostics]


def warnings(content: Path) -> list[str]:
    """The warnings of valid content, as printed; fails when the content has errors."""
    return [str(d) for d in validate(load(Path("content"))).warnings]


def test_minimal_fixture_is_valid(content):
    result = validate(load(Path("content")))
    assert isinstance(result, Content)
    assert list(result.actors) == ["north", "south", "mayor-north"]
    assert result.actors["mayor-north"].memberships[0].of == "north"
    assert result.actors["north"].source == ["gazette"]  # one source id reads as a list of one
    # The old one-folder layout is a desk of one explainer, named after its title.
    assert list(result.explainers) == [SLUG]
    x = result.explainers[SLUG]
    assert x.slug == SLUG and x.story.title == "Harbour talks"
    assert [(p.actor, p.issue, p.stance, p.date) for p in x.positions] == [
        ("north", "harbour", "demands", "2025-03-04"),
        ("south", "harbour", "not-stated", "2025-03"),
    ]
    assert x.events["founding"].date == "1900-06"
    assert x.figures["days"].as_of == "2025"  # an unquoted year is still a date
    assert x.figures["boats"].value == 1000
    assert x.story.changes[0].correction is True
    assert result.updated == "2025-03-05"
    assert result.desk.title == "Explainers"  # no desk.yml: the default name
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
    patch(content, "positions.yml", "  summary: The report does not say.\n", "")
    assert problems(content) == [
        f"content/positions.yml:9:3: error: missing field 'summary' (expected {described(Position, 'summary')})"
    ]


def test_missing_reference_field_names_the_file(content):
    patch(content, "events.yml", "  summary: The harbour was built.\n  source: gazette\n", "  summary: The harbour was built.\n")
    patch(content, "positions.yml", "- actor: south\n  issue:", "- issue:")
    assert problems(content) == [
        "content/events.yml:8:3: error: missing field 'source' "
        "(expected where it comes from: the id of an entry in sources.yml, or a list of them)",
        "content/positions.yml:9:3: error: missing field 'actor' (expected the id of an entry in actors.yml)",
    ]


def test_a_misspelt_field_is_one_mistake_said_where_it_was_typed(content):
    patch(content, "events.yml", "  summary: The towns met.", "  sumary: The towns met.")
    # The required name is missing and the typed one unknown: one message, at the typed name.
    assert problems(content) == [
        f"content/events.yml:4:3: error: unknown field 'sumary' and no field 'summary' (expected 'summary': {described(Event, 'summary')})",
    ]


def test_unknown_field_with_did_you_mean(content):
    patch(content, "events.yml", "  issues: [harbour]", "  isues: [harbour]")
    # An optional field misspelt: nothing is missing, and the nearest name is suggested.
    assert problems(content) == [
        "content/events.yml:6:3: error: unknown field 'isues' (expected one of: id, date, title, summary, "
        "actors, issues, source; did you mean 'issues'?)",
    ]


def test_unknown_top_level_field_of_the_explainer(content):
    patch(content, "explainer.yml", "place: Portown", "plaec: Portown")
    assert problems(content) == [
        "content/explainer.yml:6:1: error: unknown field 'plaec' (expected one of: title, standfirst, why_it_matters, date, "
        "updated, place, parties, actors, summary, unknowns, next, comparisons, changes, draft; did you mean 'place'?)"
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
    patch(content, "positions.yml", "quote: ours alone", f"quote: {typed}")
    assert problems(content) == [
        f"content/positions.yml:6:10: error: expected text, got {got} (put it in quotes to keep it exactly as written)"
    ]


def test_empty_value_where_text_is_expected(content):
    patch(content, "positions.yml", "summary: The report does not say.", "summary:")
    assert problems(content) == ["content/positions.yml:12:11: error: expected text, got nothing"]


def test_empty_text(content):
    patch(content, "positions.yml", "summary: The report does not say.", "summary: ''")
    assert problems(content) == ["content/positions.yml:12:12: error: 'summary' is empty (expected some text)"]


def test_text_where_true_or_false_is_expected(content):
    patch(content, "figures.yml", "key: true", "key: 'true'")
    assert problems(content) == ["content/figures.yml:10:8: error: expected true or false, got the text 'true' (remove the quotes)"]


def test_infinite_number_is_refused(content):
    patch(content, "figures.yml", "value: 1000", "value: .inf")
    assert problems(content) == ["content/figures.yml:3:10: error: the number is too large (expected at most 1e30)"]


@pytest.mark.parametrize("typed", ["1e30", "-1e30", "999999999999999999999999999999"])
def test_the_largest_value_either_side_of_zero_is_accepted(content, typed):
    patch(content, "figures.yml", "value: 1000", f"value: {typed}")
    boats = validate(load(Path("content"))).explainers[SLUG].figures["boats"]
    assert boats.value == float(typed) and abs(boats.value) == 1e30


@pytest.mark.parametrize(
    "typed, place, expected",
    [
        # The next number after 1e30 that a float can hold.
        ("value: 1.0000000000000002e30", "3:10", "the number 1.0000000000000002e+30 is too large (expected at most 1e30)"),
        ("value: -1e31", "3:10", "the number -1e+31 is too small (expected at least -1e30)"),
        # Beyond what a float holds: refused as it is read, as typed.
        ("value: 1e999", "3:10", "'1e999' is too large to be a number (expected at most 1e30, or \"1e999\" in quotes for text)"),
        ("value: -.inf", "3:10", "the number is too small (expected at least -1e30)"),
        ("value: 1000\n  value_max: 2e30", "4:14", "the number 2e+30 is too large (expected at most 1e30)"),
    ],
)
def test_a_value_beyond_the_largest_is_refused_with_the_limit(content, typed, place, expected):
    patch(content, "figures.yml", "value: 1000", typed)
    assert problems(content) == [f"content/figures.yml:{place}: error: {expected}"]


STANCES = (
    "supports, agrees, proposes, requests, demands, conditional, noncommittal, disputes, opposes, boycotts, not-stated"
)


def test_stance_not_in_vocabulary_with_did_you_mean(content):
    patch(content, "positions.yml", "stance: demands", "stance: suports")
    assert problems(content) == [
        f"content/positions.yml:3:11: error: 'suports' is not allowed here (expected one of: {STANCES}; "
        "did you mean 'supports'?)"
    ]


def test_status_not_in_vocabulary_without_a_close_word(content):
    patch(content, "figures.yml", "status: proposed", "status: maybe")
    assert problems(content) == [
        "content/figures.yml:30:11: error: 'maybe' is not allowed here (expected one of: agreed, delivered, "
        "proposed, target, urged, demanded, claimed, estimate, reported, superseded)"
    ]


@pytest.mark.parametrize(
    "bad, meant",
    [("Founding", "founding"), ("founding_1900", "founding-1900"), ("founding--1900", "founding-1900"),
     ("-founding", "founding"), ("'12 June'", "12-june")],
)
def test_bad_id(content, bad, meant):
    # The message gives the id as it would be written.
    patch(content, "events.yml", "id: founding", f"id: {bad}")
    shown = bad.strip("'")
    assert problems(content) == [
        f"content/events.yml:8:7: error: '{shown}' is not an id (expected lowercase letters, digits and hyphens, "
        f"such as '{meant}')"
    ]


def test_empty_list_where_one_item_is_needed(content):
    # Every claim needs a source: `source:` takes one id or a list of at least one.
    patch(content, "issues.yml", "source: gazette", "source: []")
    assert problems(content) == ["content/issues.yml:5:11: error: 'source' has 0 items (expected at least 1)"]


def test_an_explainer_may_name_no_parties(content):
    # The parties choose the columns of "Where they stand at a glance" and who a per-side
    # number is for: none is fine, with a number for each of actors it names itself.
    patch(content, "explainer.yml", "parties: [north, south]", "parties: []")
    patch(content, "figures.yml", "  scope: per-side\n", "  scope: per-actor\n  actors: [north, south]\n")
    result = validate(load(Path("content")))
    assert result.explainers[SLUG].story.parties == []
    assert result.warnings == ()


def test_a_per_side_number_needs_parties(content):
    patch(content, "explainer.yml", "parties: [north, south]", "parties: []")
    assert problems(content) == [
        "content/figures.yml:5:10: error: scope per-side, but the explainer names no parties (expected `parties:` in "
        "explainer.yml, or scope: per-actor with `actors:`)"
    ]


SECOND_SOURCE = """\
- id: wire
  publisher: Wire Service
  title: Harbour talks go on
  date: 2025-03-05
"""


def test_source_takes_one_id_or_a_list(content):
    append(content, "sources.yml", SECOND_SOURCE)
    patch(content, "issues.yml", "source: gazette", "source: [gazette, wire]")
    patch(content, "explainer.yml", "  - text: A second meeting.\n    source: gazette", "  - text: A second meeting.\n    source:\n      - wire")
    result = validate(load(Path("content")))
    assert result.issues["harbour"].source == ["gazette", "wire"]
    assert result.explainers[SLUG].story.next[0].source == ["wire"]
    assert result.actors["north"].source == ["gazette"]
    assert result.warnings == ()


def test_unknown_source_in_a_list_is_placed_at_the_id(content):
    patch(content, "issues.yml", "source: gazette", "source: [gazette, wier]")
    assert problems(content) == [
        "content/issues.yml:5:21: error: unknown source 'wier' (expected the id of an entry in sources.yml)"
    ]


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
    assert validate(load(Path("content"))).explainers[SLUG].events["meeting"].date == stored


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


def test_second_position_of_the_same_actor_on_the_same_issue_and_date(content):
    patch(content, "positions.yml", "actor: south", "actor: north")
    patch(content, "positions.yml", "date: 2025-03\n", "date: 2025-03-04\n")
    assert problems(content) == [
        "content/positions.yml:9:3: error: second position of 'north' on 'harbour' dated 2025-03-04 (first at line 1; "
        "expected one position per actor, issue and date: give a changed position its own date)"
    ]


def test_positions_of_the_same_actor_on_the_same_issue_on_other_dates_are_its_history(content):
    # A changed stance is a new position with a later date; the explainer shows the latest.
    patch(content, "positions.yml", "actor: south", "actor: north")
    x = validate(load(Path("content"))).explainers[SLUG]
    assert [(p.actor, p.issue, p.stance, p.date) for p in x.positions] == [
        ("north", "harbour", "demands", "2025-03-04"),
        ("north", "harbour", "not-stated", "2025-03"),
    ]


@pytest.mark.parametrize(
    "old, new, expected",
    [
        pytest.param(
            "date: 2025-03-04\n", "date: 2025-03-06\n",
            "content/positions.yml:7:9: error: position dated 2025-03-06 is after the explainer's last update, "
            "2025-03-05 (expected a date no later than 'updated' in explainer.yml, or a later 'updated')",
            id="day",
        ),
        pytest.param(
            "date: 2025-03\n", "date: 2025-04\n",
            "content/positions.yml:13:9: error: position dated 2025-04 is after the explainer's last update, "
            "2025-03-05 (expected a date no later than 'updated' in explainer.yml, or a later 'updated')",
            id="month",
        ),
    ],
)
def test_position_dated_after_the_explainers_last_update(content, old, new, expected):
    # An explainer's positions are as of its last update: a later one means 'updated' was not moved on.
    patch(content, "positions.yml", old, new)
    assert problems(content) == [expected]


def test_position_dated_on_the_day_of_the_last_update_is_fine(content):
    patch(content, "positions.yml", "date: 2025-03-04\n", "date: 2025-03-05\n")
    assert validate(load(Path("content"))).explainers[SLUG].positions[0].date == "2025-03-05"


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
        "(expected a mapping of the explainer's fields: 'title:', …)"
    ]


def test_missing_file(content):
    (content / "issues.yml").unlink()
    assert problems(content) == ["content/issues.yml: error: file is missing (expected a list of issue entries)"]


@pytest.mark.parametrize("name", ["positions.yml", "figures.yml", "events.yml"])
def test_an_explainer_may_have_no_positions_numbers_or_events_yet(content, name):
    (content / name).unlink()
    result = validate(load(Path("content")))
    x = result.explainers[SLUG]
    assert {"positions.yml": x.positions, "figures.yml": x.figures, "events.yml": x.events}[name] in ((), {})
    assert result.warnings == ()


def test_missing_files_name_the_folder_given(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("mycontent").mkdir()
    with pytest.raises(ContentError) as caught:
        validate(load(Path("mycontent")), "mycontent")
    assert [str(d) for d in caught.value.diagnostics] == [
        "mycontent/actors.yml: error: file is missing (expected a list of actor entries)",
        "mycontent/explainers: error: no explainers (expected a folder explainers/<slug>/ with an explainer.yml in it)",
        "mycontent/issues.yml: error: file is missing (expected a list of issue entries)",
        "mycontent/sources.yml: error: file is missing (expected a list of source entries)",
    ]


# In a content folder of the old layout, the explainer's files sit beside the registry's.
LEGACY_FILES = "desk.yml, sources.yml, actors.yml, issues.yml, documents.yml, explainer.yml, positions.yml, figures.yml, events.yml"


def test_unexpected_extra_file(content):
    (content / "notes.yml").write_text("todo: check the boats\n")
    (content / "people.yaml").write_text("- id: x\n")
    expected_only = f"expected only: {LEGACY_FILES}, and explainers/<slug>/…"
    assert problems(content) == [
        f"content/notes.yml:1:1: error: unexpected file ({expected_only})",
        f"content/people.yaml:1:1: error: unexpected file ({expected_only})",
    ]


@pytest.mark.parametrize(
    "name, meant",
    [("actor.yml", "actors.yml"), ("Figures.yml", "figures.yml"), ("events.yaml", "events.yml"), ("postions.yml", "positions.yml")],
)
def test_unexpected_file_with_a_near_name_says_which_was_meant(content, name, meant):
    (content / name).write_text("- id: x\n")
    assert problems(content) == [
        f"content/{name}:1:1: error: unexpected file (expected only: {LEGACY_FILES}, and explainers/<slug>/…; "
        f"did you mean '{meant}'?)"
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
    ["javascript:alert(1)", "'JavaScript:alert(1)'", "data:text/html,hi", "ftp://example.org/x"],
)
def test_url_must_be_http(content, url):
    append(content, "sources.yml", OTHER_SOURCE.format(url=url))
    shown = url.strip("'")
    assert problems(content) == [
        f"content/sources.yml:11:8: error: '{shown}' is not an http(s) address (expected e.g. https://example.org/report)"
    ]


@pytest.mark.parametrize(
    "url, problem",
    [
        ("https://example.org/a b", "holds a space at character 22, which no address holds as it is (expected it percent-encoded: a space is %20, a double quote %22)"),
        ("'https://example.org/\"x'", "holds a double quote at character 21, which no address holds as it is (expected it percent-encoded: a space is %20, a double quote %22)"),
        ("https://reuters,com/x", "has no host name an address can have after 'https://' (expected e.g. https://example.org/report)"),
        ("https://", "has no host name an address can have after 'https://' (expected e.g. https://example.org/report)"),
    ],
)
def test_an_address_that_cannot_be_one_says_what_is_wrong_with_it(content, url, problem):
    append(content, "sources.yml", OTHER_SOURCE.format(url=url))
    shown = url.strip("'").replace('\\"', '"')
    assert problems(content) == [f"content/sources.yml:11:8: error: '{shown}' {problem}"]


@pytest.mark.parametrize("url", ["https://en.wikipedia.org/wiki/Istanbul_(disambiguation)", "https://example.org/it's?a=(1)#b"])
def test_an_address_with_brackets_or_an_apostrophe_in_its_path_is_one(content, url):
    append(content, "sources.yml", OTHER_SOURCE.format(url=f'"{url}"'))
    assert validate(load(Path("content"))).sources["other"].url == url


# -- everything at once ---------------------------------------------------------------------------


def test_all_problems_across_files_are_collected_in_one_error(content):
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
            f"content/positions.yml:11:11: error: 'not-said' is not allowed here (expected one of: {STANCES}; "
            "did you mean 'not-stated'?)",
            id="position with a typo",
        ),
    ],
)
def test_an_invalid_entry_does_not_make_its_id_unknown(content, file, old, new, expected):
    # One mistake gives one error: the entry's id still counts for references elsewhere, and
    # no "unknown actor 'south' (did you mean 'north'?)" or "is not connected to anything"
    # warning follows from it.
    patch(content, file, old, new)
    assert problems(content) == [expected]


# -- warnings -------------------------------------------------------------------------------------

LONELY_ISSUE = """\
- id: lonely
  title: Lonely
  question: Who cares?
  description: Nobody.
  source: gazette
"""


def test_issue_referenced_by_nothing_warns(content):
    append(content, "issues.yml", LONELY_ISSUE)
    assert warnings(content) == [
        "content/issues.yml:6:7: warning: issue 'lonely' is not connected to anything "
        "(expected a position, figure or event on it, or removed)"
    ]


def test_issue_with_a_single_position_is_not_a_warning(content):
    # A side's stance is worth showing before the other side has one: the old "fewer than 2
    # positions" warning is gone on purpose.
    (content / "positions.yml").write_text((MINIMAL / "positions.yml").read_text().split("- actor: south")[0])
    assert validate(load(Path("content"))).warnings == ()


def test_explainer_without_a_summary_warns(content):
    patch(content, "explainer.yml", "summary:\n  - text: North and South met for the first time.\n    source: gazette\n", "")
    assert warnings(content) == [
        "content/explainer.yml:2:1: warning: the explainer has no summary (expected at least one paragraph "
        "under 'summary:', so readers learn what happened)"
    ]


def test_actor_named_only_in_the_explainers_cast_is_connected(content):
    append(content, "actors.yml", "- id: harbourmaster\n  name: Harbourmaster\n  kind: person\n  description: Runs the port.\n  source: gazette\n")
    assert warnings(content) == [
        "content/actors.yml:23:7: warning: actor 'harbourmaster' is not connected to anything (expected a position, "
        "figure, event, explainer or membership that names it, or a membership of its own)"
    ]
    append(content, "explainer.yml", "actors:\n  - actor: harbourmaster\n    role: Keeps the peace at the quay\n    source: gazette\n")
    result = validate(load(Path("content")))
    assert result.warnings == ()
    assert result.explainers[SLUG].story.actors[0].role == "Keeps the peace at the quay"


CAST = """\
actors:
  - actor: north
    role: Host of the talks
    source: gazette
  - actor: mayor-north
    role: North's negotiator
    source: gazette
"""


def test_second_cast_entry_for_the_same_actor(content):
    append(content, "explainer.yml", CAST + "  - actor: north\n    role: Again\n    source: gazette\n")
    assert problems(content) == [
        "content/explainer.yml:30:12: error: second entry for 'north' (first at line 24; expected one entry per actor)"
    ]


def test_unknown_actor_in_the_cast(content):
    append(content, "explainer.yml", CAST.replace("actor: mayor-north", "actor: mayor-nort"))
    assert problems(content) == [
        "content/explainer.yml:27:12: error: unknown actor 'mayor-nort' (expected the id of an entry in actors.yml; "
        "did you mean 'mayor-north'?)"
    ]


# -- a desk: several explainers sharing one registry ----------------------------------------------


def make_desk(where: Path, slug: str = SLUG) -> Path:
    """``where/content``: the minimal fixture in the desk layout: the registry at the top, its
    explainer's files in ``explainers/<slug>/``, unchanged (so lines are the fixture's)."""
    content = where / "content"
    folder = content / "explainers" / slug
    folder.mkdir(parents=True)
    for name in (f.name for f in DESK_FILES):
        if (MINIMAL / name).exists():
            shutil.copy(MINIMAL / name, content / name)
    for name in (f.name for f in EXPLAINER_FILES):
        shutil.copy(MINIMAL / name, folder / name)
    return content


# A second explainer, about the same towns: it shares their actors, issue and source.
PORT_FEES = {
    "explainer.yml": """\
title: Port fees
standfirst: The towns argue over what ships pay.
date: 2025-04-01
updated: 2025-04-02
parties: [north, south]
summary:
  - text: North wants higher fees.
    source: gazette
changes:
  - date: 2025-04-02
    text: Added what North wants.
""",
    "positions.yml": """\
- actor: north
  issue: harbour
  stance: demands
  summary: North wants to run it alone.
  date: 2025-03-04
  source: gazette
- actor: south
  issue: harbour
  stance: opposes
  summary: South wants a share.
  date: 2025-04-01
  source: gazette
""",
    "figures.yml": """\
- id: ships
  label: Ships paying the new fee
  value: 40
  unit: ships
  status: proposed
  as_of: 2025-04-01
  source: gazette
""",
    "events.yml": """\
- id: fee-talks
  date: 2025-04-01
  title: Fee talks
  summary: The towns met about fees.
  actors: [north, south]
  source: gazette
""",
}


@pytest.fixture
def desk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A desk of two explainers in ``tmp_path/content`` (harbour-talks and port-fees), with
    ``tmp_path`` as cwd."""
    monkeypatch.chdir(tmp_path)
    content = make_desk(tmp_path)
    folder = content / "explainers" / "port-fees"
    folder.mkdir()
    for name, text in PORT_FEES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return content


def test_minimal_fixture_in_the_desk_layout_is_the_same_desk(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    make_desk(tmp_path)
    desk_of_one = validate(load(Path("content")))
    legacy = validate(load(MINIMAL))
    assert desk_of_one == legacy
    assert desk_of_one.warnings == ()


def test_a_desk_of_two_explainers_is_valid(desk):
    result = validate(load(Path("content")))
    assert list(result.explainers) == ["port-fees", SLUG]  # newest first
    assert [x.story.title for x in result.explainers.values()] == ["Port fees", "Harbour talks"]
    # Both report North's stance of 4 March: one position per actor, issue and date *within* an explainer.
    assert {x.slug: [(p.actor, p.date) for p in x.positions] for x in result.explainers.values()} == {
        "port-fees": [("north", "2025-03-04"), ("south", "2025-04-01")],
        SLUG: [("north", "2025-03-04"), ("south", "2025-03")],
    }
    assert result.updated == "2025-04-02"
    assert result.warnings == ()


@pytest.mark.parametrize(
    "file, old, new, expected",
    [
        pytest.param(
            "figures.yml", "id: ships", "id: boats",
            "content/explainers/port-fees/figures.yml:1:7: error: duplicate id 'boats' "
            "(first defined at content/explainers/harbour-talks/figures.yml:1:7; expected each id once)",
            id="figure",
        ),
        pytest.param(
            "events.yml", "id: fee-talks", "id: founding",
            "content/explainers/port-fees/events.yml:1:7: error: duplicate id 'founding' "
            "(first defined at content/explainers/harbour-talks/events.yml:8:7; expected each id once)",
            id="event",
        ),
    ],
)
def test_figure_and_event_ids_are_unique_across_the_desk(desk, file, old, new, expected):
    # Figures and events have pages' anchors and rows in the desk's downloads: one id, one thing.
    patch(desk, f"explainers/port-fees/{file}", old, new)
    assert problems(desk) == [expected]


@pytest.mark.parametrize(
    "file, old, new, expected",
    [
        pytest.param(
            "positions.yml", "actor: south", "actor: souht",
            "content/explainers/port-fees/positions.yml:7:10: error: unknown actor 'souht' "
            "(expected the id of an entry in actors.yml; did you mean 'south'?)",
            id="position",
        ),
        pytest.param(
            "explainer.yml", "parties: [north, south]", "parties: [north, mayor-nort]",
            "content/explainers/port-fees/explainer.yml:5:18: error: unknown actor 'mayor-nort' "
            "(expected the id of an entry in actors.yml; did you mean 'mayor-north'?)",
            id="parties",
        ),
        pytest.param(
            "events.yml", "actors: [north, south]", "actors: [nort, south]",
            "content/explainers/port-fees/events.yml:5:12: error: unknown actor 'nort' "
            "(expected the id of an entry in actors.yml; did you mean 'north'?)",
            id="event",
        ),
        pytest.param(
            "positions.yml", "issue: harbour\n  stance: opposes", "issue: harbor\n  stance: opposes",
            "content/explainers/port-fees/positions.yml:8:10: error: unknown issue 'harbor' "
            "(expected the id of an entry in issues.yml; did you mean 'harbour'?)",
            id="issue",
        ),
        pytest.param(
            "figures.yml", "source: gazette", "source: gazete",
            "content/explainers/port-fees/figures.yml:7:11: error: unknown source 'gazete' "
            "(expected the id of an entry in sources.yml; did you mean 'gazette'?)",
            id="source",
        ),
    ],
)
def test_unknown_reference_from_an_explainer_suggests_an_id_of_the_registry(desk, file, old, new, expected):
    patch(desk, f"explainers/port-fees/{file}", old, new)
    assert problems(desk) == [expected]


PAGE_NAMED_ACTOR = """\
- id: {id}
  name: Someone
  kind: person
  description: Works for North.
  memberships:
    - of: north
      role: Clerk
  source: gazette
"""


@pytest.mark.parametrize("file, id_", [("actors.yml", "index"), ("issues.yml", "index")])
def test_an_id_that_would_take_the_address_of_a_page(desk, file, id_):
    # actors/index.md is the desk's who's who: an actor 'index' would replace it.
    if file == "actors.yml":
        append(desk, file, PAGE_NAMED_ACTOR.format(id=id_))
        line = 23
    else:
        append(desk, file, LONELY_ISSUE.replace("id: lonely", f"id: {id_}"))
        append(desk, "explainers/port-fees/events.yml", f"  issues: [{id_}]\n")
        line = 6
    assert problems(desk) == [
        f"content/{file}:{line}:7: error: '{id_}' is the name of one of the site's own pages (expected another id)"
    ]


@pytest.mark.parametrize(
    "folder, problem",
    [
        ("search", "'search' is the name of one of the site's own pages (expected another name)"),
        ("actors", "'actors' is the name of one of the site's own pages (expected another name)"),
        ("data", "'data' is the name of one of the site's own pages (expected another name)"),
        ("Port_Fees", "'Port_Fees' is not an id (expected lowercase letters, digits and hyphens, e.g. 'istanbul-talks')"),
        ("port fees", "'port fees' is not an id (expected lowercase letters, digits and hyphens, e.g. 'istanbul-talks')"),
        ("p" * 101, f"'{'p' * 37}…' is 101 characters long (expected at most 100)"),
    ],
)
def test_an_explainer_folder_whose_name_is_not_a_free_id(desk, folder, problem):
    # The folder's name is the explainer's id and the start of its pages' addresses; a name
    # longer than 60 characters is shown by its start and its end.
    (desk / "explainers" / "port-fees").rename(desk / "explainers" / folder)
    shown = folder if len(folder) <= 60 else f"{folder[:30]}…{folder[-29:]}"
    assert problems(desk) == [f"content/explainers/{shown}: error: folder name {problem}"]


def test_unexpected_file_in_an_explainer_folder(desk):
    (desk / "explainers" / "port-fees" / "notes.yml").write_text("todo: fees\n")
    (desk / "explainers" / "port-fees" / "figure.yml").write_text("- id: x\n")
    expected_only = "expected only: explainer.yml, positions.yml, figures.yml, events.yml"
    assert problems(desk) == [
        f"content/explainers/port-fees/figure.yml:1:1: error: unexpected file ({expected_only}; did you mean 'figures.yml'?)",
        f"content/explainers/port-fees/notes.yml:1:1: error: unexpected file ({expected_only})",
    ]


def test_misplaced_files_give_no_loose_end_warnings(content):
    # Without explainer.yml the folder is read as a desk: the explainer's files are misplaced,
    # and what they connect would wrongly look unconnected.
    (content / "explainer.yml").unlink()
    assert not [line for line in problems(content) if ": warning: " in line]


def test_unexpected_file_at_the_top_of_a_desk(desk):
    # In a desk, an explainer's files belong in its folder, not beside the registry.
    (desk / "notes.yml").write_text("todo: fees\n")
    shutil.copy(MINIMAL / "positions.yml", desk / "positions.yml")
    expected_only = "expected only: desk.yml, sources.yml, actors.yml, issues.yml, documents.yml, and explainers/<slug>/…"
    assert problems(desk) == [
        f"content/notes.yml:1:1: error: unexpected file ({expected_only})",
        f"content/positions.yml:1:1: error: unexpected file ({expected_only})",
    ]


def test_registry_file_with_the_wrong_case_says_which_was_meant(desk):
    # Once: the misnamed file is what the missing actors.yml is, so its absence is not reported too.
    (desk / "actors.yml").rename(desk / "actors.YML")
    assert problems(desk) == [
        "content/actors.YML:1:1: error: unexpected file (expected only: desk.yml, sources.yml, actors.yml, "
        "issues.yml, documents.yml, and explainers/<slug>/…; did you mean 'actors.yml'?)",
    ]


def test_file_directly_in_the_explainers_folder(desk):
    shutil.copy(MINIMAL / "explainer.yml", desk / "explainers" / "explainer.yml")
    assert problems(desk) == [
        "content/explainers/explainer.yml:2:1: error: unexpected file "
        "(expected each explainer in a folder of its own: explainers/<slug>/explainer.yml)"
    ]


def test_legacy_explainer_beside_an_explainers_folder(desk):
    # Half-way through moving a one-folder explainer into the desk layout.
    shutil.copy(MINIMAL / "explainer.yml", desk / "explainer.yml")
    shutil.copy(MINIMAL / "positions.yml", desk / "positions.yml")
    assert problems(desk) == [
        "content/explainer.yml:2:1: error: explainer.yml beside an explainers/ folder (expected every explainer in "
        "its own folder: move this one and its positions, figures and events into explainers/<slug>/)"
    ]


def test_explainer_folder_without_its_explainer_file(desk):
    (desk / "explainers" / "port-fees" / "explainer.yml").unlink()
    assert problems(desk) == [
        "content/explainers/port-fees/explainer.yml: error: file is missing (expected a mapping of the explainer's fields)"
    ]


def test_desk_without_explainers(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    content = make_desk(tmp_path)
    shutil.rmtree(content / "explainers")
    # No "actor 'south' is not connected to anything" warnings: they would only repeat the error.
    assert problems(content) == [
        "content/explainers: error: no explainers (expected a folder explainers/<slug>/ with an explainer.yml in it)",
    ]


def test_desk_file_names_the_site(desk):
    (desk / "desk.yml").write_text("title: Harbour desk\ndescription: Every story about the harbour.\n")
    result = validate(load(Path("content")))
    assert (result.desk.title, result.desk.description) == ("Harbour desk", "Every story about the harbour.")


def test_desk_file_with_an_unknown_field(desk):
    (desk / "desk.yml").write_text("title: Harbour desk\nname: Harbour\n")
    assert problems(desk) == [
        "content/desk.yml:2:1: error: unknown field 'name' (expected one of: title, description, short_title, publisher, stances, kinds, languages, kind_order)"
    ]


def test_explainer_without_a_summary_warns_in_a_desk(desk):
    patch(desk, "explainers/port-fees/explainer.yml", "summary:\n  - text: North wants higher fees.\n    source: gazette\n", "")
    assert warnings(desk) == [
        "content/explainers/port-fees/explainer.yml:1:1: warning: the explainer has no summary (expected at least "
        "one paragraph under 'summary:', so readers learn what happened)"
    ]


# -- the real content -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def real_content() -> Content:
    return validate(load(CONTENT))


def test_real_content_is_a_desk():
    # The shipped content is in the desk layout: the registry at the top, one folder per explainer.
    assert not (CONTENT / "explainer.yml").exists()
    assert sorted(p.name for p in (CONTENT / "explainers").iterdir()) == ["istanbul-talks-2025-06-02", "what-each-side-wants"]


def test_real_content_validates(real_content):
    assert real_content.warnings == ()  # `mkdocs build --strict` fails on warnings
    assert real_content.desk.title
    assert sorted(real_content.explainers) == ["istanbul-talks-2025-06-02", "what-each-side-wants"]
    assert real_content.sources and real_content.actors and real_content.issues
    for slug, x in real_content.explainers.items():
        assert x.story.title and x.story.summary, slug
        assert x.positions and x.figures and x.events, slug
        assert x.story.actors, slug  # every explainer says who is who in it


def _cited(real_content: Content) -> dict[str, list[str]]:
    """Everything that cites sources, by a name for the failure message → its source ids."""
    cited = {
        **{f"actor {id_}": a.source for id_, a in real_content.actors.items()},
        **{f"issue {id_}": i.source for id_, i in real_content.issues.items()},
    }
    for slug, x in real_content.explainers.items():
        cited.update({f"{slug}: figure {id_}": f.source for id_, f in x.figures.items()})
        cited.update({f"{slug}: event {id_}": e.source for id_, e in x.events.items()})
        cited.update({f"{slug}: position {p.actor}/{p.issue}/{p.date}": p.source for p in x.positions})
        cited.update({f"{slug}: cast {c.actor}": c.source for c in x.story.actors})
        for part in ("summary", "unknowns", "next"):
            for i, note in enumerate(getattr(x.story, part)):
                cited[f"{slug}: {part}[{i}]"] = note.source
    return cited


def test_everything_in_the_real_content_cites_an_existing_source(real_content):
    cited = _cited(real_content)
    uncited = {what: ids for what, ids in cited.items() if not ids or not set(ids) <= real_content.sources.keys()}
    assert uncited == {}
    positions = sum(len(x.positions) for x in real_content.explainers.values())
    assert len(cited) >= positions + len(real_content.actors)


def test_every_reference_in_the_real_content_resolves(real_content):
    actors, issues = real_content.actors, real_content.issues
    for x in real_content.explainers.values():
        for position in x.positions:
            assert position.actor in actors and position.issue in issues
            assert position.said_by is None or position.said_by in actors
        for figure in x.figures.values():
            assert set(figure.claimed_by) <= actors.keys()
            assert figure.issue is None or figure.issue in issues
        for event in x.events.values():
            assert set(event.actors) <= actors.keys() and set(event.issues) <= issues.keys()
        assert set(x.story.parties) <= actors.keys()
        for cast in x.story.actors:
            assert cast.actor in actors and all(m.of in actors for m in cast.memberships)
    for actor in actors.values():
        assert all(m.of in actors for m in actor.memberships)


# -- issue 10: a desk's own vocabularies, documents, and figures of any kind -------------------

OWN_STANCES = """\
title: Harbour desk
stances:
  - id: insists
    label: Insists
    legend: will have it no other way
    icon: material-alert-decagram
    tone: mixed
  - id: silent
    label: Silent
    legend: has said nothing on it
    icon: material-help-circle-outline
"""


def test_a_desk_may_declare_its_own_stances_which_replace_the_built_in_ones(content):
    (content / "desk.yml").write_text(OWN_STANCES)
    patch(content, "positions.yml", "stance: demands", "stance: insists")
    patch(content, "positions.yml", "stance: not-stated", "stance: silent")
    result = validate(load(Path("content")))
    assert list(result.stances) == ["insists", "silent"]
    assert result.stances["silent"].tone == "neutral"
    assert [p.stance for p in result.explainers[SLUG].positions] == ["insists", "silent"]


def test_a_built_in_stance_is_refused_where_the_desk_has_its_own(content):
    (content / "desk.yml").write_text(OWN_STANCES)
    patch(content, "positions.yml", "stance: not-stated", "stance: silent")
    assert problems(content) == [
        "content/positions.yml:3:11: error: 'demands' is not allowed here (expected one of: insists, silent)"
    ]


def test_a_stance_close_to_one_of_the_desks_is_suggested(content):
    (content / "desk.yml").write_text(OWN_STANCES)
    patch(content, "positions.yml", "stance: demands", "stance: insist")
    patch(content, "positions.yml", "stance: not-stated", "stance: silent")
    assert problems(content) == [
        "content/positions.yml:3:11: error: 'insist' is not allowed here (expected one of: insists, silent; did you mean 'insists'?)"
    ]


def test_an_icon_the_theme_lacks_is_refused_with_a_suggestion(content):
    (content / "desk.yml").write_text(OWN_STANCES.replace("icon: material-help-circle-outline", "icon: material-help-circle-outlin"))
    patch(content, "positions.yml", "stance: demands", "stance: insists")
    patch(content, "positions.yml", "stance: not-stated", "stance: silent")
    assert problems(content) == [
        "content/desk.yml:11:11: error: the theme has no icon 'material-help-circle-outlin' (expected a name from its icon set, "
        "e.g. material-check-circle; did you mean 'material-help-circle-outline'?)",
    ]


def test_a_stance_declared_twice_is_refused(content):
    (content / "desk.yml").write_text(OWN_STANCES.replace("  - id: silent", "  - id: insists"))
    patch(content, "positions.yml", "stance: demands", "stance: insists")
    patch(content, "positions.yml", "stance: not-stated", "stance: insists")
    assert problems(content) == ["content/desk.yml:8:9: error: second stance 'insists' (first at line 3; expected each stance once)"]


def test_an_icon_is_a_name_not_markup(content):
    (content / "desk.yml").write_text(OWN_STANCES.replace("icon: material-alert-decagram", "icon: ':smile: <b>'"))
    patch(content, "positions.yml", "stance: demands", "stance: insists")
    patch(content, "positions.yml", "stance: not-stated", "stance: silent")
    assert problems(content) == [
        "content/desk.yml:6:11: error: ':smile: <b>' is not an icon name (expected a name from the theme's icon set, e.g. material-check-circle)"
    ]


def test_a_desk_may_add_kinds_of_actor(content):
    (content / "desk.yml").write_text("title: Harbour desk\nkinds:\n  - id: town\n    heading: Towns\n    schema_type: GovernmentOrganization\n")
    patch(content, "actors.yml", "- id: north\n  name: North\n  kind: state", "- id: north\n  name: North\n  kind: town")
    result = validate(load(Path("content")))
    assert result.actors["north"].kind == "town"
    assert list(result.kinds)[-1] == "town" and "state" in result.kinds
    assert result.kinds["town"].heading == "Towns"


DOCUMENTS = """\
- id: accord
  title: The harbour accord
  issued_by: [north, south]
  source: gazette
"""


def test_a_document_says_so_and_a_document_nothing_names_is_a_loose_end(content):
    (content / "documents.yml").write_text(DOCUMENTS)
    assert warnings(content) == [
        "content/documents.yml:1:7: warning: document 'accord' is not connected to anything "
        "(expected a position or figure that names it, or removed)"
    ]
    patch(content, "figures.yml", "  claimed_by: [south]\n", "  document: acord\n")
    assert problems(content) == [
        # (still a loose end: the one figure that names it misspells it)
        "content/documents.yml:1:7: warning: document 'accord' is not connected to anything "
        "(expected a position or figure that names it, or removed)",
        "content/figures.yml:31:13: error: unknown document 'acord' (expected the id of an entry in documents.yml; did you mean 'accord'?)",
    ]
    patch(content, "figures.yml", "  document: acord\n", "  document: accord\n")
    result = validate(load(Path("content")))
    assert (result.warnings, result.explainers[SLUG].figures["days"].document) == ((), "accord")


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("  unit: boats\n", "  currency: US$\n", "'US$' is not a currency code (expected a three-letter ISO 4217 code, e.g. USD, EUR or GBP)"),
        ("  unit: boats\n", "  currency: XYZ\n", "'XYZ' is not a currency code (expected a three-letter ISO 4217 code, e.g. USD, EUR or GBP)"),
        ("  unit: boats\n", "", "missing field 'unit' (expected what the number counts, e.g. `bodies`, or a `currency` for money)"),
        ("  scope: per-side\n", "  scope: per-actor\n", "scope per-actor names no actors (expected `actors:`, the actors who each give or get this many)"),
        ("  scope: per-side\n", "  actors: [north]\n", "actors listed without a scope (expected scope: per-actor with `actors:`)"),
        ("  status: agreed\n", "  status: agreed\n  replaced_by: days\n", "replaced_by with status agreed (expected status: superseded for a value that was replaced)"),
        ("  status: agreed\n", "  status: tarket\n", "'tarket' is not allowed here (expected one of: agreed, delivered, proposed, target, urged, demanded, claimed, estimate, reported, superseded; did you mean 'target'?)"),
    ],
)
def test_figures_of_any_kind_are_checked(content, old, new, message):
    patch(content, "figures.yml", old, new)
    assert [p.split(": error: ", 1)[1] for p in problems(content)] == [message]


def test_a_replaced_value_names_a_figure_that_exists(content):
    patch(content, "figures.yml", "  status: proposed\n", "  status: superseded\n  replaced_by: bots\n")
    assert problems(content) == [
        "content/figures.yml:31:16: error: unknown figure 'bots' (expected the id of an entry in figures.yml; did you mean 'boats'?)"
    ]


def _patterns(node: object, found: set[str]) -> set[str]:
    """The patterns a pydantic core schema checks text against, wherever they sit in it."""
    if isinstance(node, dict):
        if node.get("type") == "str" and "pattern" in node:
            found.add(node["pattern"])
        for value in node.values():
            _patterns(value, found)
    elif isinstance(node, (list, tuple)):
        for value in node:
            _patterns(value, found)
    return found


def test_every_pattern_a_content_file_checks_has_its_own_words():
    # A value that does not match gets words saying what it is not (checks/shape.py), never the
    # regular expression: a pattern added to the model without them fails here.
    from generator.checks.shape import PATTERN_PROBLEMS
    from generator.files import FILES
    from generator.values import SLUG_PATTERN

    found: set[str] = set()
    for file in FILES:
        _patterns(file.model.__pydantic_core_schema__, found)
    assert SLUG_PATTERN in found
    assert found <= PATTERN_PROBLEMS.keys(), found - PATTERN_PROBLEMS.keys()
