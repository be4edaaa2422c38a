"""The hidden search words each section of a page answers to (``generator.search``), worked out
from the shipped desk's own names: what the browser tests in test_search.py rely on, checked
word by word, including the edges of numbers written with separators."""

from __future__ import annotations

import pytest

from generator import load, search, validate
from generator.load import display_path
from generator.numerals import Numerals

from generator.wording import Wording

from .conftest import CONTENT

# The shipped desk and the fixtures are published in English: its words, dates and numbers.
ENGLISH = Wording.of("en")
BULGARIAN = Wording.of("bg")


@pytest.fixture(scope="module")
def lexicon() -> search.Lexicon:
    return search.Lexicon(validate(load(CONTENT), display_path(CONTENT)), ENGLISH)


@pytest.mark.parametrize(("text", "expected"), [
    ("113,100 bodies", {("113100", "113,100")}),
    ("1,234.5 and 2,000,000", {("1234.5", "1,234.5"), ("2000000", "2,000,000")}),
    ("1.2 million people", {("1200000", "1.2 million")}),
    ("300 billion and 4 thousand", {("300000000000", "300 billion"), ("4000", "4 thousand")}),
    # Not numbers grouped by thousands: digits before the first comma, a short group, a group
    # running on, and a number right after a point or a comma.
    ("12345,678", set()),
    ("1,23 and 1,2345", set()),
    ("v2.1,000 and 5,1,000", set()),
    ("thousands of them, 12 millions", set()),
])
def test_numbers_written_with_separators_or_words_answer_to_bare_digits(text, expected):
    assert Numerals.of(ENGLISH).digits(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("$300 billion a year", {("300bn", "$300 billion"), ("$300bn", "$300 billion"), ("300", "$300")}),
    ("€4.5 billion", {("4.5bn", "€4.5 billion"), ("€4.5bn", "€4.5 billion"), ("4.5", "€4.5")}),
    ("1.2 million people", {("1.2m", "1.2 million")}),
    ("177 billion yuan", {("177bn", "177 billion")}),
    # Both ends of a range, the low end taking the scale word of the high end.
    ("$1.3–1.5 trillion", {
        ("1.3tn", "$1.3–1.5 trillion"), ("$1.3tn", "$1.3–1.5 trillion"), ("1.5tn", "$1.3–1.5 trillion"),
        ("$1.5tn", "$1.3–1.5 trillion"), ("1.3", "$1.3"), ("1.5", "–1.5"),
    }),
    # A number glued to a sign, as written: the search would see only "$115.9" and "$1,200".
    ("$115.9 in 2022, $1,200 each", {("115.9", "$115.9"), ("1,200", "$1,200")}),
    # Nothing to shorten: digits the search already sees as words of their own.
    ("2 days, 18% and 1.3 of them", set()),
])
def test_amounts_answer_to_newsroom_shorthand_and_to_digits_as_written(text, expected):
    assert Numerals.of(ENGLISH).shorthand(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # Grouped by a no-break space, as the Bulgarian pages write numbers, or by a space as typed.
    ("12\u00a0000 души", {("12000", "12\u00a0000")}),
    ("1 200 000,5 и 6 000", {("1200000.5", "1 200 000,5"), ("6000", "6 000")}),
    # Scale words, whole and shortened, and the decimal comma as a reader may type it: a point.
    ("1,2 милиона души", {("1200000", "1,2 милиона"), ("1.2", "1,2")}),
    ("300\u00a0млрд. долара и 4 хиляди", {("300000000000", "300\u00a0млрд."), ("4000", "4 хиляди")}),
    # Not numbers: a date's day and year, a year, digits run together, English groups.
    ("2 юни 2025 г., през 2022 г.", set()),
    ("12345 и 113,100", set()),
])
def test_bulgarian_numbers_answer_to_bare_digits(text, expected):
    assert Numerals.of(BULGARIAN).digits(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # Arabic pages write Latin digits (Babel's for ar, as Arabic news sites do), grouped by commas,
    # and scale words in each of their forms, a prefix such as "و" (and) glued on.
    ("12,000 شخص و1.2 مليون", {("12000", "12,000"), ("1200000", "1.2 مليون")}),
    ("300 مليار دولار و5 ملايين و3 آلاف", {("300000000000", "300 مليار"), ("5000000", "5 ملايين"), ("3000", "3 آلاف")}),
    ("2 يونيو 2025", set()),
])
def test_arabic_numbers_answer_to_bare_digits(text, expected):
    assert Numerals.of(Wording.of("ar")).digits(text) == expected


def test_bulgarian_amounts_have_no_english_shorthand():
    assert Numerals.of(BULGARIAN).shorthand("300 млрд. долара, 1,3–1,5 трлн. юана") == {("1,5", "–1,5")}


def test_a_decimal_is_a_hidden_word_only_where_the_search_would_not_see_it(lexicon):
    assert dict(lexicon.terms("The goal: $1.3 trillion."))["1.3"] == "$1.3"
    assert "1.3" not in dict(lexicon.terms("A rise of 1.3 points."))


def test_a_word_answers_to_its_spelling_with_and_without_accents(lexicon):
    def lowered(text: str) -> set[tuple[str, str]]:
        return {(term.lower(), word) for term, word in lexicon.terms(text)}

    assert ("erdoğan", "Erdogan") in lowered("Erdogan hoped")
    assert ("erdogan", "Erdoğan") in lowered("Erdoğan hoped")


def test_another_name_of_an_actor_brings_its_other_names(lexicon):
    terms = dict(lexicon.terms("Kyiv asked for the children's return."))
    assert terms["Kiev"] == "Kyiv"
    assert terms["Ukraine"] == "Kyiv"


def test_words_the_section_spells_are_not_repeated(lexicon):
    # The section spells both Kyiv and Kiev, and Ukraine: none of them is a hidden word.
    spelled = {term.lower() for term, _ in lexicon.terms("Kyiv, or Kiev, the capital of Ukraine.")}
    assert not spelled & {"kyiv", "kiev", "ukraine"}


def test_an_actor_called_by_its_own_name_brings_no_other_names(lexicon):
    # Saying "Ukraine" would otherwise make nearly every page answer to "Kiev".
    assert "Kiev" not in dict(lexicon.terms("Ukraine asked for the children's return."))


def test_a_bulgarian_letter_with_a_mark_is_a_letter_of_its_own():
    # "й" is a letter of the Bulgarian alphabet, not "и" with an accent: "най" is not folded to
    # "наи"; an accent on a Latin letter still is.
    assert [search.fold(word) for word in ("най", "Йордан", "Erdoğan")] == ["най", "Йордан", "Erdogan"]
