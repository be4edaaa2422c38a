"""Render: golden Markdown for a small desk, escaping of content text, template errors, and how
dates and numbers are worded."""

from __future__ import annotations

import html
import os
import re
import shutil
from pathlib import Path

import pytest

from generator import ContentError, TEMPLATES, generate, kinds, load, render, urls, validate
from generator.model import Figure, Source
from generator.values import sort_key
from generator.render import escape_markdown
from generator.wording import Wording

from .conftest import FIXTURES

# The shipped desk and the fixtures are published in English: its words, dates and numbers.
ENGLISH = Wording.of("en")

GOLDEN = Path(__file__).parent / "golden" / "minimal"
# UPDATE_GOLDEN=1 rewrites the expected pages; review the diff like code.
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"
# The minimal fixture is a content folder of the old layout: a desk of one explainer, named
# after its title.
SLUG = "harbour-talks"


def test_pages_match_golden_markdown():
    pages = generate(FIXTURES / "minimal").pages
    if UPDATE:
        shutil.rmtree(GOLDEN, ignore_errors=True)
        for path, markdown in pages.items():
            (GOLDEN / path).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / path).write_text(markdown, encoding="utf-8")
    # Every file under the golden folder is a page: a page the renderer no longer writes, or
    # a new one nobody has read yet, fails here.
    expected = {p.relative_to(GOLDEN).as_posix(): p.read_text(encoding="utf-8") for p in GOLDEN.rglob("*") if p.is_file()}
    assert sorted(pages) == sorted(expected)
    for path, markdown in pages.items():
        assert markdown == expected[path], f"{path} differs from tests/golden/minimal/{path}"


def test_the_golden_pages_are_the_desks_and_its_explainers():
    # What the golden folder holds, spelled out: each kind of page, once per thing it is about.
    content = validate(load(FIXTURES / "minimal"))
    assert list(content.explainers) == [SLUG]
    # (The kinds are the registry's: a kind added there is a page here, once its golden file is written.)
    wanted = [urls.path(kind.name) for kind in kinds.pages("desk")]
    wanted += [urls.path(kind.name, id=a) for a in ("north", "south", "mayor-north") for kind in kinds.pages("actor")]
    wanted += [urls.path(kind.name, id="harbour") for kind in kinds.pages("issue")]
    wanted += [urls.path(kind.name, slug=SLUG) for kind in kinds.pages("explainer")]
    # Its embed pages: the key numbers, both stance tables, the map and its one chart drawn
    # (the boats each town may moor, bars all of one length, are said, not drawn).
    wanted += [urls.embed(block, SLUG) for block in ("key-numbers", "glance", "positions", "actor-map")]
    wanted += [urls.embed("figure-chart", SLUG, id="share")]
    assert len(wanted) == len(set(wanted)) >= 21
    assert sorted(p.relative_to(GOLDEN).as_posix() for p in GOLDEN.rglob("*") if p.is_file()) == sorted(wanted)


def test_every_page_starts_with_front_matter():
    for path, page in generate(FIXTURES / "minimal").pages.items():
        assert page.startswith("---\ndescription: "), path
        front, body = page.split("\n---\n", 1)
        assert "\n# " in "\n" + body.lstrip("\n"), path  # a title after the front matter


def test_one_page_per_actor_and_issue():
    content = validate(load(FIXTURES / "minimal"))
    pages = render(content)
    assert {urls.path("actor", id=a) for a in content.actors} <= pages.keys()
    assert {urls.path("issue", id=i) for i in content.issues} <= pages.keys()
    assert {urls.path(kind, slug=s) for s in content.explainers for kind in urls.PAGES if kind.startswith("explainer")} <= pages.keys()


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script>",
        "{{ 7*7 }} and {% if x %}",
        "*not emphasis* _nor this_",
        "[a link](javascript:alert(1))",
        "| a | table |",
        "# not a heading",
        "- not a list",
        "1. not a list either",
        "`not code`",
        "<!-- not a comment -->",
        ":smile: is not an emoji",
        "&amp; stays as typed",
        "a\\b",
    ],
)
def test_escaped_text_holds_no_markdown_or_html(text):
    escaped = escape_markdown(text)
    outside_references = re.sub(r"&#[0-9]+;", "", escaped)
    for special in "<>&*_[]`|#{}:\\":
        assert special not in outside_references
    assert not escaped.startswith(("-", "1."))
    assert html.unescape(escaped) == text


def test_escaping_keeps_plain_prose_readable():
    assert escape_markdown("Russia–Ukraine talks, 2 June 2025 (in Istanbul)") == (
        "Russia–Ukraine talks, 2 June 2025 &#40;in Istanbul&#41;"
    )


def test_content_text_is_never_evaluated_as_a_template(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "minimal", content)
    actors = content / "actors.yml"
    actors.write_text(actors.read_text().replace("name: North", 'name: "{{ 7*7 }} {% raw %}"'))
    page = generate(content).pages[urls.path("actor", id="north")]
    assert "49" not in page
    assert "# &#123;&#123; 7&#42;7 &#125;&#125; &#123;% raw %&#125;\n" in page


def test_undefined_variable_in_a_template_is_an_error_with_its_place(tmp_path):
    templates = tmp_path / "templates"
    templates.mkdir()
    lines = (TEMPLATES / "issue.md.j2").read_text().splitlines()
    at = lines.index("{% block body %}") + 1
    lines.insert(at, "{{ issue.no_such_field }}")
    (templates / "issue.md.j2").write_text("\n".join(lines) + "\n")
    with pytest.raises(ContentError) as raised:
        generate(FIXTURES / "minimal", [templates, TEMPLATES])
    (diagnostic,) = raised.value.diagnostics
    assert diagnostic.file.endswith("templates/issue.md.j2")
    assert diagnostic.line == at + 1
    assert "no_such_field" in diagnostic.message


@pytest.mark.parametrize(
    ("date", "shown"),
    [("2025-06-02", "2 June 2025"), ("2024-06", "June 2024"), ("2022", "2022"), ("1900-01-09", "9 January 1900")],
)
def test_partial_dates_are_shown_as_precisely_as_given(date, shown):
    assert ENGLISH.date(date) == shown


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (6000.0, "6,000"),
        (12000, "12,000"),
        (999_999, "999,999"),
        (1_200_000, "1.2 million"),
        (3_000_000, "3 million"),
        (1_250_000, "1.25 million"),
        # Words would round it: every digit is shown instead.
        (1_234_567, "1,234,567"),
        (300_000_000_000, "300 billion"),
        (1.3e12, "1.3 trillion"),
        (4.5e9, "4.5 billion"),
        # Past the trillions, digits again, rather than "1000 trillion".
        (1e15, "1,000,000,000,000,000"),
        (0.2, "0.2"),
        (2, "2"),
        (1500.5, "1,500.5"),
        (-4500, "-4,500"),
        (-2_500_000, "-2.5 million"),
        (0.0000001, "0.0000001"),
    ],
)
def test_numbers_are_shown_with_thousands_separators_and_large_ones_in_words(value, shown):
    assert ENGLISH.number(value) == shown


@pytest.mark.parametrize(
    ("language", "value", "shown"),
    [
        # Where CLDR's minimumGroupingDigits is 2, four digits stay together ("1000"), as
        # newsrooms there write them; from five, the locale's groups ("10 000", no-break spaces).
        ("bg", 1000, "1000"),
        ("bg", 9999.5, "9999,5"),
        ("bg", -4500, "-4500"),
        ("bg", 10_000, "10\u00a0000"),
        ("bg", 113_100, "113\u00a0100"),
        ("pl", 4500, "4500"),
        ("pl", 12_000, "12\u00a0000"),
        ("es", 1000, "1000"),
        ("es", 12_000, "12.000"),
        ("pt-PT", 1000, "1000"),
        # Latin American Spanish and Brazilian Portuguese group from four digits, as their
        # parents in CLDR (es_419, pt) do, unlike Spain's and Portugal's.
        ("es-MX", 1000, "1,000"),
        ("pt-BR", 1000, "1.000"),
        ("fr", 1000, "1\u202f000"),
        ("de", 1000, "1.000"),
    ],
)
def test_four_digits_are_grouped_only_where_the_language_groups_them(language, value, shown):
    assert Wording.of(language).number(value) == shown


@pytest.mark.parametrize(
    ("value", "currency", "shown"),
    [
        # A sign where the currency is usually written with one.
        (300_000_000_000, "USD", "$300 billion"),
        (1.3e12, "USD", "$1.3 trillion"),
        (4.5e9, "EUR", "€4.5 billion"),
        (12000, "GBP", "£12,000"),
        (4.5, "USD", "$4.50"),
        (500, "JPY", "¥500"),
        (2e12, "JPY", "¥2 trillion"),
        (-4.5e9, "USD", "-$4.5 billion"),
        # Otherwise the name after the number: the currency's own word where newsrooms write it alone.
        (177e9, "CNY", "177 billion yuan"),
        (50e6, "INR", "50 million rupees"),
        (1, "INR", "1 rupee"),
        (3e9, "RUB", "3 billion rubles"),
        (4.5e9, "CHF", "4.5 billion Swiss francs"),
        (1, "CHF", "1 Swiss franc"),
        (12.5, "CHF", "12.50 Swiss francs"),
        (5e9, "CAD", "5 billion Canadian dollars"),
        (2e6, "BRL", "2 million Brazilian reals"),
        (-2.5e9, "CNY", "-2.5 billion yuan"),
    ],
)
def test_money_is_written_with_its_currency_as_that_currency_is_written(value, currency, shown):
    assert ENGLISH.quantity(value, currency) == shown


@pytest.mark.parametrize(
    ("low", "high", "currency", "shown"),
    [
        (1.3e12, 1.5e12, "CNY", "1.3–1.5 trillion yuan"),
        (500e9, 1.3e12, "INR", "500 billion–1.3 trillion rupees"),
        (900_000, 1.2e6, "CHF", "900,000 to 1.2 million Swiss francs"),
    ],
)
def test_a_range_of_a_named_currency_names_it_once(low, high, currency, shown):
    assert ENGLISH.span(low, high, currency) == shown


@pytest.mark.parametrize(
    ("value", "currency", "shown"),
    [
        # Arabic newsrooms name the currency after the number by its noun alone, which comes
        # first in its name ("دولار أمريكي"); the pound in full, "جنيه" alone being Egypt's.
        (3e11, "USD", "300 مليار دولار"),
        (4.5e9, "EUR", "4.5 مليار يورو"),
        (177e9, "CNY", "177 مليار يوان"),
        (12000, "USD", "12,000 دولار"),
        (2e6, "GBP", "2 مليون جنيه إسترليني"),
        (5e6, "CHF", "5 ملايين فرنك سويسري"),
    ],
)
def test_arabic_money_names_its_currency_after_the_number(value, currency, shown):
    assert Wording.of("ar").quantity(value, currency) == shown


def _figure(**fields) -> Figure:
    base = dict(id="x", label="X", value=1000, unit="boats", status="agreed", as_of="2025", source="gazette")
    return Figure.model_validate({**base, **fields})


MONEY = {"unit": None, "currency": "USD"}


@pytest.mark.parametrize(
    ("fields", "shown"),
    [
        ({}, "1,000 boats"),
        ({"scope": "per-side"}, "1,000 boats each"),
        ({"scope": "per-actor", "actors": ["north", "south"]}, "1,000 boats each"),
        ({"scope": "per-person", "value": 2000, **MONEY, "rate": "year"}, "$2,000 per person a year"),
        ({"qualifier": "about"}, "about 1,000 boats"),
        ({"value": 0.2, "wording": "a fifth", "qualifier": "just-under", "unit": "of the harbour"}, "just under a fifth of the harbour"),
        ({"value": 2, "value_max": 3, "unit": "days"}, "2–3 days"),
        ({"value": 113100, "qualifier": "more-than", "unit": "km²"}, "more than 113,100 km²"),
        ({"value": 18, "unit": "%"}, "18%"),
        ({"value": 2, "value_max": 3, "unit": "%"}, "2–3%"),
        ({"value": 300_000_000_000, **MONEY, "rate": "year", "by": 2035, "status": "target"}, "$300 billion a year by 2035"),
        ({"value": 1.3e12, **MONEY, "rate": "year", "qualifier": "at-least", "status": "demanded"}, "at least $1.3 trillion a year"),
        ({"value": 1.3e12, "value_max": 1.5e12, **MONEY}, "$1.3–1.5 trillion"),
        ({"value": 500e9, "value_max": 1.3e12, **MONEY}, "$500 billion–$1.3 trillion"),
        # Not "900,000–1.2 million", which reads as 900,000 million to 1.2 million.
        ({"value": 900_000, "value_max": 1_200_000, "unit": "people"}, "900,000 to 1.2 million people"),
        ({"value": -5, "value_max": 3, "unit": "%"}, "-5% to 3%"),
        ({"value": 4.5e9, "unit": "in loans", "currency": "EUR", "by": "2026-06"}, "€4.5 billion in loans by June 2026"),
        ({"value": 40, "unit": "flights", "rate": "day"}, "40 flights a day"),
        ({"value": 115.9e9, **MONEY, "period": "2022"}, "$115.9 billion in 2022"),
        # The source's words for money, with the currency that `currency:` holds (never a sign in
        # the wording itself): the sign before the digits, or the currency named after.
        ({"value": 300e9, **MONEY, "wording": "nearly 300 billion"}, "nearly $300 billion"),
        ({"value": 177e9, "unit": None, "currency": "CNY", "wording": "some 177 billion"}, "some 177 billion yuan"),
        ({"value": 0.5e9, **MONEY, "wording": "half a billion"}, "half a billion US dollars"),
        (
            {"value": 177e9, "unit": None, "currency": "CNY", "period": 2022, "equivalent": {"value": 24.5e9, "currency": "USD", "as_of": "2022-12-31"}},
            "177 billion yuan (about $24.5 billion) in 2022",
        ),
    ],
)
def test_a_figure_is_worded_as_the_source_words_it(fields, shown):
    assert ENGLISH.figure_value(_figure(**fields)) == shown


@pytest.mark.parametrize(
    ("fields", "shown"),
    [
        # Only where the content says a total is meant: a length of 30 hours is no total.
        ({}, ""),
        ({"scope": "total"}, "in total"),
        # A yearly sum is not a total: its value already says "a year".
        ({"scope": "total", "rate": "year", **MONEY}, ""),
        ({"scope": "per-person"}, "per person"),
        ({"scope": "per-actor", "actors": ["north"]}, "for each of"),
    ],
)
def test_who_a_figure_is_for_is_worded_for_its_own_line(fields, shown):
    assert ENGLISH.figure_for(_figure(**fields)) == shown


def test_partial_dates_sort_before_days_of_that_month():
    assert sorted(["2025-06-02", "2024-06", "2025-06", "2022-02-24"], key=sort_key) == [
        "2022-02-24",
        "2024-06",
        "2025-06",
        "2025-06-02",
    ]


@pytest.mark.parametrize(
    ("fields", "shown"),
    [
        ({"publisher": "BTA", "reported_by": "Reuters", "date": "2025-06-02"}, "Reuters via BTA, 2 June 2025"),
        ({"publisher": "The Gazette", "date": "2024-06"}, "The Gazette, June 2024"),
    ],
)
def test_a_source_is_named_by_who_reported_it_through_whom_and_when(fields, shown):
    assert ENGLISH.source_name(Source.model_validate({"id": "s", "title": "T", **fields})) == shown


def test_a_source_is_named_with_the_commas_of_the_pages_language():
    # Arabic writes its own comma (U+060C), in the pattern with an outlet and without one.
    arabic = Wording.of("ar")
    both = [Source.model_validate({"id": f"s{i}", "title": "T", "publisher": "BTA", "date": "2025-06-02", **fields})
            for i, fields in enumerate(({}, {}, {"reported_by": "Reuters"}))]
    for source in both:
        assert "،" in arabic.source_name(source) and ", " not in arabic.source_name(source)
    # The same publisher cited twice in one claim: each marker shows the date, after that comma.
    assert [short for short, _ in arabic.citations(both[:2])] == [f"BTA، {arabic.date('2025-06-02')}"] * 2


def test_an_actor_or_issue_no_explainer_names_yet_is_listed_as_such(tmp_path):
    # The shared registry may hold an actor and an issue that no explainer names yet: the desk's
    # lists say so in words, not "in 0 explainers".
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "minimal", content)
    with (content / "actors.yml").open("a", encoding="utf-8") as out:
        out.write("- id: east\n  name: East\n  kind: state\n  description: The town to the east.\n  source: gazette\n")
    with (content / "issues.yml").open("a", encoding="utf-8") as out:
        out.write("\n- id: ferry\n  title: Ferry\n  question: Who runs the ferry?\n  description: Both towns use it.\n  source: gazette\n")
    pages = generate(content).pages
    actors = [line for line in pages[urls.path("desk-actors")].splitlines() if line.startswith("- **[East]")]
    assert len(actors) == 1 and actors[0].endswith(": The town to the east. · in no explainer yet")
    issues = [line for line in pages[urls.path("desk-issues")].splitlines() if line.startswith("- **[Ferry]")]
    assert len(issues) == 1 and issues[0].endswith(": Who runs the ferry? · no actor with a position, in no explainer yet")
    # Those the fixture's explainer names are still counted.
    assert "in 1 explainer" in pages[urls.path("desk-actors")]


def _line_before(page: str, attributes: str) -> list[str]:
    """The paragraphs (as written) that ``{: attributes }`` gives a class to."""
    lines = page.splitlines()
    return [lines[n - 1] for n, line in enumerate(lines) if line == f"{{: {attributes} }}"]


def _retitled(tmp_path: Path, title: str, updated: str = "2025-03-05") -> tuple[str, dict[str, str]]:
    """The minimal fixture (dated 4 March 2025, in Portown) with ``title`` and last ``updated``
    then: its explainer's slug and its pages."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "minimal", content)
    story = content / "explainer.yml"
    text = story.read_text(encoding="utf-8")
    assert "title: Harbour talks\n" in text and "updated: 2025-03-05\n" in text
    story.write_text(
        text.replace("title: Harbour talks\n", f"title: {title}\n")
        .replace("updated: 2025-03-05\n", f"updated: {updated}\n")
        # No change is dated after the last update.
        .replace("  - date: 2025-03-05\n", f"  - date: {updated}\n"),
        encoding="utf-8",
    )
    (slug,) = validate(load(content)).explainers
    return slug, generate(content).pages


@pytest.mark.parametrize("updated, under_title", [("2025-03-04", []), ("2025-03-05", ["Last updated 5 March 2025"])])
def test_a_title_that_gives_its_place_and_date_is_not_followed_by_them_again(tmp_path, updated, under_title):
    """The overview's dateline says where and when only if its title does not: under "Harbour
    talks in Portown, 4 March 2025" (spaced as an editor may type it) it says nothing, or only
    when the story was last updated. The front's card still closes with its dateline."""
    slug, pages = _retitled(tmp_path, "Harbour  talks in Portown, 4\u00a0March 2025", updated)
    assert _line_before(pages[urls.path("explainer", slug=slug)], ".explainer-dateline") == under_title
    later = " · Last updated 5 March 2025" if under_title else ""
    assert _line_before(pages[urls.path("desk")], ".front-dateline") == [f"Portown, 4 March 2025{later}"]
    # The fixture's own title gives neither: its overview says both.
    assert _line_before(generate(FIXTURES / "minimal").pages[urls.path("explainer", slug=SLUG)], ".explainer-dateline") == [
        "Portown, 4 March 2025 · Last updated 5 March 2025"
    ]


def test_a_title_with_another_date_that_contains_the_stories_is_followed_by_its_dateline(tmp_path):
    """ "14 March 2025" in a title does not give the story's date, 4 March 2025: the dateline
    says it, as it says the place the title gives with it."""
    slug, pages = _retitled(tmp_path, "Harbour talks in Portown resume on 14 March 2025")
    assert _line_before(pages[urls.path("explainer", slug=slug)], ".explainer-dateline") == [
        "Portown, 4 March 2025 · Last updated 5 March 2025"
    ]


def test_an_explainer_with_no_positions_yet_says_so_where_they_would_be(tmp_path):
    # A story just begun: its parties named, nobody's position reported yet. Its page of
    # stances gave the stances' legend and said the silent "are named below the stances",
    # below no stance.
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "minimal", content)
    (content / "positions.yml").unlink()
    pages = generate(content).pages
    (slug,) = validate(load(content)).explainers
    page = pages[urls.path("explainer-positions", slug=slug)]
    assert "This explainer has no positions yet." in page
    assert "named below the stances" not in page and "What the stances mean" not in page
    # Its issues (named by its numbers and events) each say whose position is not reported.
    assert "This explainer reports no position on this for [North]" in pages[urls.path("explainer-issues", slug=slug)]
