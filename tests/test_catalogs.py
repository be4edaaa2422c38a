"""The tool's own words in each language (generator/locale/): every word the Python and the
templates say is in every shipped catalog, translated, with the language's plural forms; and a
desk built in Bulgarian says none of the tool's words in English, and writes its dates and
numbers the Bulgarian way."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.lists import format_list
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po
from bs4 import BeautifulSoup

from generator import load, render, search, translated, urls, validate
from generator.load import display_path
from generator.wording import LOCALE_DIR

from .conftest import CONTENT, ROOT, html_file

LANGUAGES = sorted(p.name for p in LOCALE_DIR.iterdir() if (p / "LC_MESSAGES" / "messages.po").is_file())
# A message's variables: "%(date)s", "{amount}".
VARIABLE = re.compile(r"%\(\w+\)s|\{\w+\}")


def catalog(language: str) -> Catalog:
    with (LOCALE_DIR / language / "LC_MESSAGES" / "messages.po").open("rb") as file:
        return read_po(file, locale=language)


@pytest.fixture(scope="module")
def extracted(tmp_path_factory: pytest.TempPathFactory) -> Catalog:
    """The words in the sources now, extracted as `make catalogs` extracts them."""
    pot = tmp_path_factory.mktemp("catalogs") / "messages.pot"
    subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", "--quiet", "extract", "-F", str(LOCALE_DIR / "babel.cfg"),
         "-k", "N_", "-k", "NP_:1c,2", "-o", str(pot), "."],
        cwd=ROOT, check=True, capture_output=True,
    )
    with pot.open("rb") as file:
        return read_po(file)


def test_english_and_bulgarian_are_shipped():
    assert {"en", "bg"} <= set(LANGUAGES)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_word_of_the_tool_is_translated_in_each_shipped_catalog(extracted: Catalog, language: str):
    shipped = catalog(language)
    problems = []
    for message in extracted:
        if not message.id:
            continue
        name = f"{message.context + ': ' if message.context else ''}{message.id!r}"
        found = shipped.get(message.id, message.context)
        if found is None:
            problems.append(f"missing {name}")
            continue
        strings = found.string if isinstance(found.string, tuple) else (found.string,)
        if found.fuzzy:
            problems.append(f"fuzzy {name}")
        if not all(strings):
            problems.append(f"untranslated {name}")
        if message.pluralizable and len(strings) != shipped.num_plurals:
            problems.append(f"{len(strings)} plural forms for {name} (expected {shipped.num_plurals})")
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        for string in strings:
            if string and message.context != "date pattern" and set(VARIABLE.findall(string)) != set(VARIABLE.findall(ids[-1])):
                problems.append(f"variables of {name} differ in {string!r}")
    assert problems == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_catalog_counts_as_its_language_does(language: str):
    # Babel's (CLDR's) plural rule for the language: Bulgarian, like English, has two forms.
    shipped, babels = catalog(language), Catalog(locale=language)
    assert (shipped.num_plurals, shipped.plural_expr) == (babels.num_plurals, babels.plural_expr)


# -- a desk built in Bulgarian --------------------------------------------------------------------

# Words of the tool that are the same in every language: names of formats, and addresses.
SAME_IN_EVERY_LANGUAGE = {"json", "html", "atom", "yaml", "https"}


@pytest.fixture(scope="module")
def bulgarian_site(built_site: Path) -> Path:
    """The shipped desk's site in Bulgarian: its content translated, under /bg/."""
    return built_site / "bg"


def visible_text(page: Path) -> str:
    """What a reader sees of a built page's article, as words: not what is hidden (the words only
    search reads), nor code (the embed codes to copy); no-break spaces as the spaces they are.
    Empty for a file with no article."""
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    body = soup.select_one("article.md-content__inner")
    if body is None:
        return ""
    for hidden in body.select("[hidden], textarea, code, pre"):
        hidden.decompose()
    return " ".join(body.get_text(" ").replace("\u00a0", " ").replace("\u202f", " ").split())


def tools_english_words(content: Path, language: str | None = None) -> set[str]:
    """The tool's English words: those of the English catalog of four letters or more, but the
    ones the desk's content (in ``content``, in ``language``) says too, and names of formats."""
    said = {word.lower() for text in search.texts(translated(validate(load(content), display_path(content)), language))
            for word in re.findall(r"[A-Za-z]+", text)}
    english = set()
    for message in catalog("en"):
        for string in message.string if isinstance(message.string, tuple) else (message.string,):
            english |= {word.lower() for word in re.findall(r"[A-Za-z]{4,}", VARIABLE.sub(" ", string or ""))}
    return english - said - SAME_IN_EVERY_LANGUAGE


def english_words_on(site: Path, pages: list[Path], english: set[str]) -> dict[str, str]:
    """Each of the tool's ``english`` words that ``pages`` of a built ``site`` say, with the first
    page that says it."""
    found: dict[str, str] = {}
    for page in pages:
        # The downloads' file names (positions.csv) and the settings' (site_url) are names, not words.
        text = re.sub(r"\b\w+\.(?:csv|json)\b|\b\w+_\w+\b", " ", visible_text(page))
        for word in re.findall(r"[A-Za-z]{4,}", text):
            if word.lower() in english:
                found.setdefault(word, page.relative_to(site).as_posix())
    return found


def test_a_bulgarian_page_says_none_of_the_tools_english_words(bulgarian_site: Path):
    english = tools_english_words(CONTENT, "bg")
    assert {"updated", "settled", "statuses"} <= english
    pages = [page for page in sorted(bulgarian_site.rglob("*.html")) if visible_text(page)]
    assert len(pages) > 40
    assert english_words_on(bulgarian_site, pages, english) == {}


def test_no_sentence_ends_twice_on_any_page_in_either_language(built_site: Path):
    # A value that ends with a stop ("2 юни 2025 г.", "Inc.") ends its sentence: the message's
    # own stop is dropped after it, a link's text included ("В [… на 2 юни 2025 г.](…).").
    doubled = {}
    for page in sorted(built_site.rglob("*.html")):
        text = visible_text(page)
        for found in re.finditer(r"(?<!\.)\. ?\.(?!\.)", text):
            doubled.setdefault(page.relative_to(built_site).as_posix(), text[max(0, found.start() - 60):found.end()])
    assert doubled == {}


def test_render_words_the_pages_in_the_language_asked_for():
    content = validate(load(CONTENT), display_path(CONTENT))
    slug = "istanbul-talks-2025-06-02"
    english, bulgarian = render(content), render(content, language="bg")
    assert english == render(content, language="en")
    page = urls.path("explainer", slug=slug)
    # The dateline's date, and a heading, as each language writes them (its anchor the same).
    assert "Istanbul, 2 June 2025\n" in english[page] and "\n## What happened { #what-happened }\n" in english[page]
    assert "Istanbul, 2 юни 2025\u202fг.\n" in bulgarian[page] and "\n## Какво се случи { #what-happened }\n" in bulgarian[page]


def test_a_bulgarian_page_writes_dates_and_numbers_the_bulgarian_way(bulgarian_site: Path):
    slug = "istanbul-talks-2025-06-02"
    overview = visible_text(bulgarian_site / html_file(urls.path("explainer", slug=slug)))
    assert "2 юни 2025 г." in overview
    assert "Последна актуализация:" in overview
    figures = visible_text(bulgarian_site / html_file(urls.path("explainer-figures", slug=slug)))
    assert "12 000" in figures and "12,000" not in figures
    assert "1,2 милиона" in figures
    # A number's groups are held together by no-break spaces, in the Markdown's text and in the
    # theme's cards alike, so that "113 100" never breaks across two lines on a phone.
    page = BeautifulSoup((bulgarian_site / html_file(urls.path("explainer", slug=slug))).read_text(encoding="utf-8"), "html.parser")
    amounts = [span.get_text() for span in page.select(".number-card__amount")]
    assert "12\u00a0000" in amounts and "около 113\u00a0100" in amounts
    # Four digits together, as in the prose beside them ("по 1000 пленници"), CLDR's way for Bulgarian.
    assert "1000" in amounts and "по 1000 пленници" in overview
    assert not [amount for amount in amounts if re.search(r"\d\s(?<!\u00a0)\d", amount)], amounts
    # The theme's own page, with the words the generator gives it.
    assert visible_text(bulgarian_site / "404.html").startswith("Страницата не е намерена")


def test_a_sentence_ending_in_a_bulgarian_date_ends_once(bulgarian_site: Path):
    # "2 юни 2025 г." ends with its abbreviation's full stop, which also ends the sentence.
    twice = {page.relative_to(bulgarian_site).as_posix(): text[max(0, text.find("г..") - 40):text.find("г..") + 3]
             for page in sorted(bulgarian_site.rglob("*.html")) if "г.." in (text := page.read_text(encoding="utf-8"))}
    assert twice == {}
    assert "юни 2025 г." in (bulgarian_site / "index.html").read_text(encoding="utf-8")


def test_the_theme_words_mkdocs_yml_gives_in_english_are_said_in_each_sites_language(built_site: Path):
    # The colour-scheme toggles (their tooltips and what screen readers call them) and the
    # title of the link after each heading come from mkdocs.yml and Python-Markdown in English.
    english_words = ["Switch to dark mode", "Switch to light mode", "Permanent link"]
    bulgarian = catalog("bg")
    for site, words in ((built_site, english_words), (built_site / "bg", [bulgarian[w].string for w in english_words])):
        assert all(words), words
        for page in (site / "index.html", site / html_file(urls.path("explainer", slug="istanbul-talks-2025-06-02"))):
            soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
            palette = soup.select_one("form[data-md-component=palette]")
            assert [i["aria-label"] for i in palette.select("input[aria-label]")] == words[:2], page
            assert sorted(label["title"] for label in palette.select("label")) == sorted(words[:2]), page
            links = {a["title"] for a in soup.select("a.headerlink")}
            assert links == {words[2]}, page


@pytest.mark.parametrize("language", ["en", "bg"])
def test_an_actors_page_says_their_lasting_role_once_in_each_language(built_site: Path, language: str):
    # "Kremlin adviser and head of Russia's delegation" under an explainer, after "Kremlin
    # adviser" at the top: the rest, joined by the page language's "and" ("и" in Bulgarian).
    site = built_site if language == "en" else built_site / language
    pages = sorted((site / "actors").glob("*/index.html"))
    assert pages
    shortened = 0
    for page in pages:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        article = soup.select_one("article")
        top = article.find("h1").find_next("p")
        lasting = " ".join(top.strong.get_text().split()) if top.strong and top.strong.parent is top else None
        for heading in article.select("h3[id^=explainer-]"):
            line = heading.find_next_sibling("p")
            role = " ".join(line.strong.get_text().split()) if line is not None and line.strong else ""
            # (A role that goes on after a comma, "Party to the war, with a roadmap of its own",
            # stays whole: what follows the comma may not stand alone.)
            assert not (lasting and role.startswith(format_list([lasting, ""], locale=language))), (page, role)
            shortened += bool(lasting and role and role[:1].isupper() and role != lasting)
    assert shortened  # the shipped desk has such roles (Medinsky's, Umerov's)
