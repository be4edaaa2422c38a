"""The site in each of the desk's languages (issue 25): the default at the root, each other
under /<code>/, each page linking the same page in every language.

The desk is the fictional climate fixture published in English and Bulgarian
(`languages: [en, bg]`). Until the content's translations and the tool's Bulgarian words land,
its Bulgarian pages carry English text: these tests check the machinery, the same either way.
"""

from __future__ import annotations

import json
import re
import shutil
import time
import urllib.parse
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from playwright.sync_api import expect

from generator import urls
from generator.wording import Wording

from .conftest import FIXTURES, Pages, build_log, html_file, make_project, mkdocs, run_cli, served
from .test_browser import DESKTOP, PHONE, TIMEOUT, search, settled
from .test_engines import make_zensical, properdocs
from .test_serve import PANEL, WITHIN, _get, _touch, _wait_for, serving

LANGUAGES = ("en", "bg")
SITE_URL = "https://example.org/desk/"
DEEP = urls.path("actor", id="coral-states")
SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
ATOM = "http://www.w3.org/2005/Atom"


@pytest.fixture(scope="session")
def two_languages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The climate desk, published in English (the default) and Bulgarian, every text field
    translated (as "БГ " and the English, which is all these tests need of it)."""
    return published_in(LANGUAGES, tmp_path_factory.mktemp("two-languages") / "content")


def published_in(languages: tuple[str, ...], content: Path) -> Path:
    """The climate desk in ``content``, published in ``languages``, the first its own."""
    shutil.copytree(FIXTURES / "climate", content)
    with (content / "desk.yml").open("a", encoding="utf-8") as desk:
        desk.write(f"languages: [{', '.join(languages)}]\n")
    # `translate` writes every translation file with the original above each empty field; once
    # they are filled, again, to record what each translates. Until the translations part of
    # issue 25 is merged there is no `translate`, and the other language's pages are the first's.
    for language in languages[1:]:
        if run_cli("--content", str(content), "translate", language).returncode == 0:
            for translation in content.rglob(f"*.{language}.yml"):
                translation.write_text(_filled(translation.read_text(encoding="utf-8")), encoding="utf-8")
            assert run_cli("--content", str(content), "translate", language).returncode == 0
    return content


_EMPTY_FIELD = re.compile(r"^(\s*(?:- )?)(\w+):$")


def _filled(skeleton: str) -> str:
    """A translation skeleton with each empty field given "БГ " and the original written above it."""
    lines = skeleton.splitlines()
    for i, line in enumerate(lines):
        found = _EMPTY_FIELD.match(line)
        above = lines[i - 1].strip() if i else ""
        below = lines[i + 1] if i + 1 < len(lines) else ""
        if found and above.startswith("# ") and not below.startswith(found.group(1) + "  "):
            text = "БГ " + above[2:]
            value = [text] if found.group(2) == "aliases" else text
            lines[i] = f"{found.group(1)}{found.group(2)}: {json.dumps(value, ensure_ascii=False)}"
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="session")
def site(shared_build: Callable[..., Path], two_languages: Path) -> Path:
    return shared_build(two_languages)


@pytest.fixture(scope="session")
def published(shared_build: Callable[..., Path], two_languages: Path) -> Path:
    """The same, built for publication at SITE_URL."""
    return shared_build(two_languages, env={"SITE_URL": SITE_URL})


def pages(site: Path) -> set[str]:
    """Every page of the default language's site, by HTML file, relative to its root."""
    return {str(p.relative_to(site)) for p in site.rglob("*.html") if p.relative_to(site).parts[0] != "bg"}


def soup(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")


def hreflang(page: BeautifulSoup) -> dict[str, str]:
    """A page's alternates: hreflang → href, of every <link> whose rel says alternate."""
    return {link["hreflang"]: link["href"] for link in page.find_all("link", hreflang=True) if "alternate" in link["rel"]}


def resolved(page: str, href: str) -> str:
    """Where a link on the page at file ``page`` leads, as a file relative to the site's root."""
    base = "http://site.invalid/"
    target = urllib.parse.urljoin(base + page, href)
    assert target.startswith(base), f"{href} on {page} leaves the site"
    path = target[len(base):].split("#")[0]
    return path + "index.html" if path == "" or path.endswith("/") else path


def test_every_page_is_built_in_each_language_and_says_its_language(site: Path):
    english = pages(site)
    bulgarian = {str(p.relative_to(site / "bg")) for p in (site / "bg").rglob("*.html")}
    assert len(english) > 20 and english == bulgarian
    for page in ("index.html", "404.html", html_file(DEEP)):
        assert soup(site, page).html["lang"] == "en"
        assert soup(site, f"bg/{page}").html["lang"] == "bg"
    # Material's own words, in each language.
    assert soup(site, "bg/index.html").select_one("input[data-md-component=search-query]")["placeholder"] == "Търси"
    assert soup(site, "index.html").select_one("input[data-md-component=search-query]")["placeholder"] == "Search"


def test_every_hreflang_pair_resolves_both_ways_to_pages_that_exist(site: Path):
    checked = 0
    for page in sorted(pages(site) - {"404.html"}):
        for lang, at in (("en", page), ("bg", f"bg/{page}")):
            links = hreflang(soup(site, at))
            if not links:
                assert "/embed/" in at, f"{at} links no other language"
                continue
            assert set(links) == {*LANGUAGES, "x-default"}, at
            assert resolved(at, links[lang]) == at and resolved(at, links["x-default"]) == page
            for other, href in links.items():
                target = resolved(at, href)
                assert (site / target).is_file(), f"{href} on {at} leads nowhere"
                assert resolved(target, hreflang(soup(site, target))[lang]) == at, f"{target} does not link back to {at}"
                checked += 1
    assert checked > 100


def test_each_section_has_the_same_address_in_every_language(site: Path):
    """The sections' anchors come from the URL scheme, not from their headings' words, which
    Markdown would turn into "_2" in Cyrillic: a link to a section of a page reaches the same
    section in either language."""
    checked = 0
    for page in sorted(pages(site)):
        english, bulgarian = (
            [h.get("id") for h in soup(site, at).select("article :is(h2, h3, h4, h5, h6)")] for at in (page, f"bg/{page}")
        )
        assert bulgarian == english, page
        assert all(anchor and not anchor.startswith("_") for anchor in english), f"{page}: {english}"
        checked += len(english)
    assert checked > 100


def test_the_switcher_names_each_language_as_it_writes_itself_and_marks_this_one(site: Path):
    switcher = soup(site, f"bg/{html_file(DEEP)}").select(".md-select__link")
    assert [(a.get_text(strip=True), a["hreflang"], a["lang"], a.get("aria-current")) for a in switcher] == [
        ("English", "en", "en", None), ("Български", "bg", "bg", "page"),
    ]
    assert resolved(f"bg/{html_file(DEEP)}", switcher[0]["href"]) == html_file(DEEP)


def test_a_site_in_one_language_has_no_switcher_and_no_hreflang(climate_site: Path):
    page = soup(climate_site, html_file(DEEP))
    assert page.select(".md-select__link") == [] and hreflang(page) == {}


def test_each_language_has_its_own_search_index_sitemap_feeds_cards_and_structured_data(published: Path):
    for root, lang in (("", "en"), ("bg/", "bg")):
        index = json.loads((published / root / "search" / "search_index.json").read_text(encoding="utf-8"))
        assert index["config"]["lang"] == (["en"] if lang == "en" else ["ru"])  # Material's stemmer for the language
        assert {doc["location"] for doc in index["docs"] if doc["location"].startswith("bg/")} == set()
        sitemap = ET.parse(published / root / "sitemap.xml").getroot()
        locations = [loc.text or "" for loc in sitemap.iter(f"{{{SITEMAP}}}loc")]
        assert locations and all(loc.startswith(SITE_URL + root) for loc in locations)
        assert len([loc for loc in locations if loc.startswith(SITE_URL + "bg/")]) == (0 if lang == "en" else len(locations))
        feed = ET.parse(published / root / "feed.xml").getroot()
        assert feed.find(f"{{{ATOM}}}link[@rel='alternate']").get("href") == SITE_URL + root
        page = soup(published, f"{root}finance-deal/index.html")
        assert page.find("meta", property="og:image")["content"] == f"{SITE_URL}{root}finance-deal/card.png"
        assert (published / root / "finance-deal" / "card.png").is_file()
        data = json.loads(page.find("script", type="application/ld+json").string)
        assert data["inLanguage"] == lang and data["isPartOf"]["inLanguage"] == lang
        links = hreflang(soup(published, f"{root}{html_file(DEEP)}"))
        assert links == {"en": SITE_URL + urls.url(DEEP), "bg": f"{SITE_URL}bg/{urls.url(DEEP)}", "x-default": SITE_URL + urls.url(DEEP)}
    assert soup(published, "bg/404.html").html["lang"] == "bg" and soup(published, "404.html").html["lang"] == "en"


def test_without_a_site_url_the_404_page_of_each_language_leads_to_its_own_pages(site: Path, two_languages: Path):
    """The 404 page is served at any missing address, so its links start at the server's root:
    the English site's at /, the Bulgarian site's at /bg/, not the English pages. It has no
    description of its own: the desk's, in its language, is the one search engines and link
    previews get."""
    for root, desk in (("", "desk.yml"), ("bg/", "desk.bg.yml")):
        page = soup(site, f"{root}404.html")
        addresses = [a["href"] for a in page.find_all("a", href=True)] + [link["href"] for link in page.find_all("link", rel="stylesheet")]
        rooted = [address for address in addresses if address.startswith("/")]
        assert rooted and all(address.startswith(f"/{root}") for address in rooted), (root, rooted)
        described = yaml.safe_load((two_languages / desk).read_text(encoding="utf-8"))["description"]
        assert page.find("meta", attrs={"name": "description"})["content"] == described


def test_the_strict_build_of_two_languages_warns_of_nothing(site: Path):
    log = build_log(site)
    assert "WARNING" not in log and "Building the site in Български (bg/)" in log


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_the_switcher_on_a_deep_page_leads_to_the_same_page_in_the_other_language(site: Path, browser, viewport):
    context = browser.new_context(viewport=viewport)
    failures: list[str] = []
    context.on("response", lambda response: response.status >= 400 and failures.append(f"{response.status} {response.url}"))
    try:
        page = context.new_page()
        with served(site) as address:
            page.goto(f"{address}/{urls.url(DEEP)}", wait_until="load")
            for lang, name, goal in (("bg", "Български", f"bg/{urls.url(DEEP)}"), ("en", "English", urls.url(DEEP))):
                page.locator(".md-header .md-select button").click()  # as a reader opens it, with a click or a tap
                link = page.locator(f".md-select__link[hreflang={lang}]")
                expect(link).to_be_visible(timeout=TIMEOUT)
                expect(link).to_have_text(name)
                link.click()
                page.wait_for_url(f"{address}/{goal}", timeout=TIMEOUT)
                expect(page.locator("html")).to_have_attribute("lang", lang, timeout=TIMEOUT)
            page.wait_for_load_state("networkidle", timeout=TIMEOUT)
    finally:
        context.close()
    # The theme's script fetches the sitemap.xml beside every <link rel="alternate"> it finds.
    assert not failures, "failed requests:\n" + "\n".join(failures)


def test_the_bulgarian_search_index_spells_its_words_in_utf8(built_site: Path):
    # Not a \uXXXX escape for every Cyrillic letter (Material's way), which took the index
    # two and a half times the bytes; the reader's browser parses it as UTF-8 all the same
    # (test_the_shipped_desks_bulgarian_search_finds_a_cyrillic_word_and_a_number).
    text = (built_site / "bg" / "search" / "search_index.json").read_bytes().decode("utf-8")
    assert "Медински" in text and "\\u04" not in text
    assert any("Медински" in doc["text"] for doc in json.loads(text)["docs"])


def test_bulgarian_search_finds_the_bulgarian_sites_own_pages(site: Path, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        with served(site) as address:
            page.goto(f"{address}/bg/", wait_until="load")
            search(page, "Coral")
            results = page.locator(".md-search-result__item a")
            expect(results.first).to_be_visible(timeout=TIMEOUT)
            hrefs = settled(results)
            assert hrefs and all(urllib.parse.urljoin(f"{address}/bg/", href).startswith(f"{address}/bg/") for href in hrefs), hrefs
            assert any(urls.url(DEEP) in href for href in hrefs), hrefs
    finally:
        context.close()


def test_the_cli_lists_the_desks_languages_the_default_first(two_languages: Path):
    result = run_cli("--content", str(two_languages), "languages")
    assert (result.returncode, result.stdout, result.stderr) == (0, "en\nbg\n", "")
    assert run_cli("--content", str(FIXTURES / "climate"), "languages").stdout == "en\n"


def test_a_second_build_reuses_each_languages_pages_and_builds_the_same_site(tmp_path: Path, two_languages: Path):
    project = make_project(tmp_path / "project")
    first = mkdocs(project, "build", "--strict", content=two_languages)
    assert first.returncode == 0, first.stderr
    before = {str(p.relative_to(project / "site")): p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()}
    again = mkdocs(project, "build", "--strict", content=two_languages)
    assert again.returncode == 0, again.stderr
    reused = [line for line in again.stderr.splitlines() if "Pages reused from the last build" in line]
    assert len(reused) == 2 and all(line.split(": ")[-1].split(" of ")[0] == line.split(" of ")[-1] for line in reused), reused
    after = {str(p.relative_to(project / "site")): p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()}
    assert after == before


# -- `make serve` (`mkdocs serve --dirty`) -------------------------------------------------


def _served_folder(log: Path) -> Path:
    """The folder `mkdocs serve` builds into: each other language's build names its own in it."""
    found = re.findall(r"Building documentation to directory: (\S+)/bg$", log.read_text(), re.MULTILINE)
    assert found, log.read_text()[-3000:]
    return Path(found[-1])


def _stamps(folder: Path) -> dict[str, int]:
    """Each page's file and when it was last written (not the 404 pages, which every build writes)."""
    return {str(p.relative_to(folder)): p.stat().st_mtime_ns for p in folder.rglob("*.html") if p.name != "404.html"}


def _rebuilt(log: Path, saves: int) -> None:
    """Waits until `mkdocs serve` has built the site again, in every language, after ``saves``
    saves in all: it says "Reloading browsers" once a rebuild is done. Not its "Documentation
    built in" lines: MkDocs drops a line of its build's log it has printed before, so a
    language's rebuild that takes as long as an earlier one says nothing (a run failed so)."""
    deadline = time.monotonic() + WITHIN
    while log.read_text().count("Reloading browsers") < saves:
        assert time.monotonic() < deadline, f"no rebuild within {WITHIN} s:\n{log.read_text()[-3000:]}"
        time.sleep(0.1)


@pytest.fixture
def serving_two(tmp_path: Path, two_languages: Path):
    content = tmp_path / "content"
    shutil.copytree(two_languages, content)
    project = make_project(tmp_path / "project")
    log = tmp_path / "serve.log"
    return content, project, log


def test_each_problem_is_said_once_however_many_languages_the_desk_builds(tmp_path: Path, two_languages: Path):
    """Each language's build checks the whole desk again and finds the same problems: the
    editor reads each once, from the default language's build."""
    content = tmp_path / "content"
    shutil.copytree(two_languages, content)
    # An issue nothing refers to, not translated into Bulgarian: two warnings.
    with (content / "issues.yml").open("a", encoding="utf-8") as issues:
        issues.write("\n- id: harbour-dues\n  title: Harbour dues\n  question: Who pays them?\n"
                     "  description: Nobody has said.\n  source: wire-1124\n")
    result = mkdocs(make_project(tmp_path / "project"), "build", content=content)
    assert result.returncode == 0, result.stderr
    warned = [line for line in result.stderr.splitlines() if line.startswith("WARNING")]
    assert len(warned) == 2 and len(set(warned)) == 2, warned
    assert any("not translated into bg" in line for line in warned), warned
    # Both sites were built all the same.
    site = tmp_path / "project" / "site"
    assert (site / "index.html").is_file() and (site / "bg" / "index.html").is_file()


def test_an_edit_to_a_translation_builds_again_only_that_languages_pages(serving_two):
    content, project, log = serving_two
    translation = content / "actors.bg.yml"
    assert translation.is_file(), "no translation files: `translate` is not there yet"
    with serving(project, content, log, ready=lambda body: "Climate finance desk" in body, args=("--dirty",)) as url:
        # Served once the first build, of every language, is done.
        _wait_for(f"{url}/bg/{urls.url(DEEP)}", lambda body: "БГ Coral States Alliance" in body)
        folder = _served_folder(log)
        before = _stamps(folder)
        text = translation.read_text(encoding="utf-8")
        translation.write_text(text.replace('"БГ Coral States Alliance"', '"Коралов съюз"'), encoding="utf-8")
        _wait_for(f"{url}/bg/{urls.url(DEEP)}", lambda body: "Коралов съюз" in body)
        after = _stamps(folder)
    rewritten = {page for page in after if after[page] != before.get(page)}
    assert f"bg/{html_file(DEEP)}" in rewritten
    assert rewritten and all(page.startswith("bg/") for page in rewritten), sorted(rewritten)


# -- other engines -------------------------------------------------------------------------


def test_make_zensical_builds_every_language_as_the_plugin_does(tmp_path: Path, two_languages: Path, site: Path,
                                                              zensical_venv: Path):
    project = make_project(tmp_path / "project")
    result = make_zensical(project, zensical_venv, two_languages)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    zensical = project / "site-zensical"
    assert pages(zensical) == pages(site)
    assert {str(p.relative_to(zensical)) for p in (zensical / "bg").rglob("*.html")} == {
        str(p.relative_to(site)) for p in (site / "bg").rglob("*.html")
    }
    deep = soup(zensical, f"bg/{html_file(DEEP)}")
    assert deep.html["lang"] == "bg"
    assert resolved(f"bg/{html_file(DEEP)}", hreflang(deep)["en"]) == html_file(DEEP)
    assert [a.get_text(strip=True) for a in deep.select(".md-select__link")] == ["English", "Български"]
    # The words mkdocs.yml gives the theme in English (the palette's toggles, the title of the
    # link after each heading) in each site's language, as under MkDocs, though Zensical's
    # INHERIT appends to mkdocs.yml's lists rather than replacing them.
    english = ["Switch to dark mode", "Switch to light mode", "Permanent link"]
    bulgarian = [Wording.of("bg").gettext(word) for word in english]
    assert not set(bulgarian) & set(english)
    for page, words in ((soup(zensical, html_file(DEEP)), english), (deep, bulgarian)):
        palette = page.select_one("form[data-md-component=palette]")
        assert [i["aria-label"] for i in palette.select("input[aria-label]")] == words[:2]
        assert sorted(label["title"] for label in palette.select("label")) == sorted(words[:2])
        assert {a["title"] for a in page.select("a.headerlink")} == {words[2]}
    # Zensical's own search index, each language's its own.
    assert json.loads((zensical / "bg" / "search.json").read_text(encoding="utf-8"))["config"]["lang"] == ["bg"]
    assert json.loads((zensical / "search.json").read_text(encoding="utf-8"))["config"]["lang"] == ["en"]


def test_render_refuses_a_language_the_desk_is_not_published_in(tmp_path: Path, two_languages: Path):
    result = run_cli("--content", str(two_languages), "render", str(tmp_path / "out"), "--language", "de")
    assert result.returncode == 1
    assert result.stderr == (
        "--language: error: 'de' is not one of the desk's languages (expected one that desk.yml lists: en, bg)\n"
    )


def test_properdocs_builds_every_language_as_mkdocs_does(tmp_path: Path, two_languages: Path, site: Path):
    project = make_project(tmp_path / "project")
    result = properdocs(project, "build", "--strict", content=two_languages)
    assert result.returncode == 0 and "WARNING" not in result.stderr, result.stderr[-3000:]
    built = project / "site"
    assert {str(p.relative_to(built)) for p in built.rglob("*.html")} == {str(p.relative_to(site)) for p in site.rglob("*.html")}
    for page in pages(site):
        assert hreflang(soup(built, f"bg/{page}")) == hreflang(soup(site, f"bg/{page}")), page
    assert soup(built, f"bg/{html_file(DEEP)}").html["lang"] == "bg"


def test_the_first_language_is_the_one_at_the_root_whatever_mkdocs_yml_says(tmp_path: Path):
    content = published_in(("bg", "en"), tmp_path / "content")
    project = make_project(tmp_path / "project")
    result = mkdocs(project, "build", "--strict", content=content)  # mkdocs.yml's theme says `language: en`
    assert result.returncode == 0, result.stderr[-3000:]
    built = project / "site"
    assert soup(built, html_file(DEEP)).html["lang"] == "bg" and soup(built, f"en/{html_file(DEEP)}").html["lang"] == "en"
    assert json.loads((built / "search" / "search_index.json").read_text(encoding="utf-8"))["config"]["lang"] == ["ru"]
    links = hreflang(soup(built, f"en/{html_file(DEEP)}"))
    assert resolved(f"en/{html_file(DEEP)}", links["x-default"]) == resolved(f"en/{html_file(DEEP)}", links["bg"]) == html_file(DEEP)


def test_the_pages_of_each_language_are_valid_html(site: Path):
    from .test_html_validity import ALLOWED, describe, nu_errors

    files = [site / root / page for root in ("", "bg/") for page in ("index.html", html_file(DEEP), "finance-deal/index.html")]
    errors = [e for e in nu_errors(files) if not any(a.matches(e) for a in ALLOWED)]
    assert not errors, describe(errors, site)


def test_the_preview_of_each_language_shows_a_broken_save_and_recovers(serving_two):
    content, project, log = serving_two
    with serving(project, content, log, ready=lambda body: "Climate finance desk" in body, args=("--dirty",)) as url:
        bulgarian = f"{url}/bg/{urls.url(DEEP)}"
        _wait_for(bulgarian, lambda body: 'lang="bg"' in body)
        # Content with an error: each language's pages stay as they were, the problem above them.
        actors = content / "actors.yml"
        good = actors.read_text(encoding="utf-8")
        actors.write_text(good.replace("name: Coral States Alliance", "name: [Coral]"), encoding="utf-8")
        for page in (f"{url}/{urls.url(DEEP)}", bulgarian):
            assert "Coral States Alliance" in _wait_for(page, lambda body: PANEL in body)
        actors.write_text(good, encoding="utf-8")
        _wait_for(bulgarian, lambda body: PANEL not in body and 'lang="bg"' in body)
        # A theme template that no longer builds: every address of every language says so, at once.
        main = project / "overrides" / "main.html"
        theme = main.read_text(encoding="utf-8")
        main.write_text(theme + "{% if %}\n", encoding="utf-8")
        _touch(content)
        failed = "The site could not be built"
        _wait_for(f"{url}/", lambda body: failed in body)
        assert failed in _get(bulgarian)
        main.write_text(theme, encoding="utf-8")
        _touch(content)
        _wait_for(bulgarian, lambda body: failed not in body and 'lang="bg"' in body and "Coral States Alliance" in body)
    assert "Traceback" not in log.read_text(), log.read_text()[-3000:]


def test_the_preview_builds_again_only_the_pages_a_save_changes_in_each_language(serving_two, tmp_path: Path):
    content, project, log = serving_two
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    with serving(project, content, log, ready=lambda body: "Climate finance desk" in body, args=("--dirty",),
                 scratch=scratch) as url:
        # Every language is served, each page linking the other's.
        english = _wait_for(f"{url}/{urls.url(DEEP)}", lambda body: 'lang="en"' in body)
        bulgarian = _wait_for(f"{url}/bg/{urls.url(DEEP)}", lambda body: 'lang="bg"' in body)
        assert 'hreflang="bg"' in english and 'hreflang="en"' in bulgarian
        folder = _served_folder(log)
        before = _stamps(folder)
        actors = content / "actors.yml"
        good = actors.read_text(encoding="utf-8")
        actors.write_text(good + "# a comment changes no page\n", encoding="utf-8")
        _rebuilt(log, 1)
        assert _stamps(folder) == before
        # An edit that shows in every language: the island states counted a state, not a bloc.
        shown = {root: _get(f"{url}/{root}{urls.url(DEEP)}") for root in ("", "bg/")}
        edited = good.replace("the Coral States Alliance\n  kind: bloc", "the Coral States Alliance\n  kind: state")
        assert edited != good, "the fixture's Coral States Alliance is no longer a bloc"
        actors.write_text(edited, encoding="utf-8")
        _rebuilt(log, 2)
        for root, before_edit in shown.items():
            assert _get(f"{url}/{root}{urls.url(DEEP)}") != before_edit, root
        after = _stamps(folder)
        # Each language's site keeps its pages' Markdown in one temporary folder, however many saves.
        assert len(list(scratch.glob("explainer-preview-*"))) == 2, sorted(scratch.iterdir())
    # Stopped, the preview leaves nothing behind but Jinja's compiled templates, kept for the next start.
    assert [p.name for p in scratch.iterdir() if not p.name.startswith("_jinja2-cache")] == []
    rewritten = {page for page in after if after[page] != before.get(page)}
    assert {html_file(DEEP), f"bg/{html_file(DEEP)}"} <= rewritten < set(after)
    assert {page.removeprefix("bg/") for page in rewritten if page.startswith("bg/")} == {p for p in rewritten if not p.startswith("bg/")}


def test_a_page_of_each_language_with_its_switcher_passes_axe(site: Path, pages: Pages):
    from .test_accessibility import AXE, BLOCKING, describe, open_page

    with served(site) as address:
        for root in ("", "bg/"):
            page = open_page(pages, f"{address}/{root}{urls.url(DEEP)}")
            page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
            violations = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")["violations"]
            blocking = [v for v in violations if v["impact"] in BLOCKING]
            assert not blocking, f"/{root}{urls.url(DEEP)}:\n" + describe(blocking)


def test_without_directory_urls_each_page_links_the_other_languages_html_file(tmp_path: Path, two_languages: Path):
    project = make_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "use_directory_urls: false\n", encoding="utf-8")
    result = mkdocs(project, "build", "--strict", content=two_languages)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Pages reused from the last build (.cache/explainer/bg): 0 of" in result.stderr
    built, deep = project / "site", DEEP.removesuffix(".md") + ".html"
    for at, other, lang in ((deep, f"bg/{deep}", "bg"), (f"bg/{deep}", deep, "en")):
        links = hreflang(soup(built, at))
        assert resolved(at, links[lang]) == other and (built / other).is_file()
        assert resolved(at, soup(built, at).select_one(f".md-select__link[hreflang={lang}]")["href"]) == other


@pytest.mark.parametrize("query, found", [
    # A Cyrillic word: the name of Russia's negotiator, as Bulgarian writes it; his page under /bg/.
    ("Медински", urls.path("actor", id="vladimir-medinsky")),
    # A number as Bulgarian writes it (a no-break space between thousands), typed with a space.
    ("12 000", urls.path("explainer-figures", slug="istanbul-talks-2025-06-02")),
])
def test_the_shipped_desks_bulgarian_search_finds_a_cyrillic_word_and_a_number(site_url: str, browser, query: str, found: str):
    context = browser.new_context(viewport=DESKTOP)
    try:
        page = context.new_page()
        page.goto(f"{site_url}/bg/", wait_until="load")
        search(page, query)
        # The results for the whole query (each link carries it, lower-cased, to highlight it), not its first letters..
        results = page.locator(f'.md-search-result__item a[href*="{urllib.parse.urlencode({"h": query.lower()})}"]')
        expect(results.first).to_be_visible(timeout=TIMEOUT)
        hrefs = [urllib.parse.urljoin(f"{site_url}/bg/", href) for href in settled(results)]
        assert all(href.startswith(f"{site_url}/bg/") for href in hrefs), hrefs
        assert f"{site_url}/bg/{urls.url(found)}" in {href.split("?")[0] for href in hrefs}, hrefs
    finally:
        context.close()


def test_a_language_with_a_region_is_declared_as_the_theme_names_it(tmp_path: Path):
    """Material names Brazilian Portuguese ``pt-BR``: a desk declares it so, and Babel words
    it; the underscore form of gettext's folders is not a code a desk writes."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "climate", content)
    desk = content / "desk.yml"
    original = desk.read_text(encoding="utf-8")
    desk.write_text(original + "\nlanguages: [en, pt-BR]\n", encoding="utf-8")
    accepted = run_cli("--content", str(content), "check")
    assert accepted.returncode == 0 and "error" not in accepted.stderr, accepted.stderr
    assert run_cli("--content", str(content), "languages").stdout == "en\npt-BR\n"
    desk.write_text(original + "\nlanguages: [en, pt_BR]\n", encoding="utf-8")
    refused = run_cli("--content", str(content), "check")
    assert refused.returncode == 1
    assert "error: 'pt_BR' is not a language code (expected a code such as en, bg or ar)" in refused.stderr
