"""Hostile text in YAML reaches readers as literal text: never HTML, Markdown or a template."""

from __future__ import annotations

import contextlib
import copy
import inspect
import itertools
import shutil
import string
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from playwright.sync_api import expect

from generator import load, model, urls, validate, values

from .conftest import FIXTURES, html_file, make_project, mkdocs, served
from .test_browser import TIMEOUT, search

HOSTILE = {
    "name": '<script>alert("name")</script> {{ 7*7 }}',
    "role": '<img src=x onerror="alert(1)"> *role* | cell',
    "description": "# heading? [link](javascript:alert(1)) `code` <!-- comment --> :smile: {% if %}",
    "title": "- list? ==mark== ~~del~~ ^^ins^^ &amp; &lt;b&gt;",
    "summary": '1. ordered? > quote {: #id .class } [^1] <a href="https://evil.test">x</a>',
    "explainer": "</title><script>alert('explainer')</script> _em_ {{ 7*7 }}",
    "desk": "</span><script>alert('desk')</script> **bold** & {{ 7*7 }}",
}
# A figure holding the digits of the hostile texts (`1.`, `alert(1)`, `7*7`): prose whose
# numbers no figure holds is a warning (generator/checks/prose.py), and the builds are --strict.
HOSTILE_DIGITS = {"id": "hostile-digits", "label": "Digits", "value": 1, "value_max": 7, "unit": "digits",
                  "status": "reported", "as_of": "2025-03"}
# A content folder of the old layout is a desk of one: its explainer's address comes from its title.
SLUG = urls.slugify(HOSTILE["explainer"])


def _plant(content: Path) -> None:
    def edit(name: str, change) -> None:
        path = content / name
        data = yaml.safe_load(path.read_text())
        change(data)
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))

    def story(data: dict) -> None:
        data.update(title=HOSTILE["explainer"], standfirst=HOSTILE["summary"])
        # What North is in this story: its cast entry, shown on its page across explainers.
        data["actors"] = [{"actor": "north", "role": HOSTILE["title"], "description": HOSTILE["description"], "source": ["gazette"]}]

    edit("actors.yml", lambda d: d[0].update(name=HOSTILE["name"], role=HOSTILE["role"], description=HOSTILE["description"]))
    edit("issues.yml", lambda d: d[0].update(title=HOSTILE["title"], description=HOSTILE["summary"]))
    edit("positions.yml", lambda d: d[0].update(summary=HOSTILE["summary"], quote=HOSTILE["role"]))
    # The figure drawn as a chart (a share of a whole: a number the same for each side is said).
    edit("figures.yml", lambda d: next(f for f in d if f["id"] == "share").update(label=HOSTILE["name"], unit=HOSTILE["role"]))
    # The digits of the hostile prose (`1.`, `alert(1)`, `7*7`), held by a figure: prose whose
    # numbers no figure holds is a warning (generator/checks/prose.py), and the build is --strict.
    edit("figures.yml", lambda d: d.append({**HOSTILE_DIGITS, "source": "gazette"}))
    edit("explainer.yml", story)
    # A desk.yml beside the old layout's files names the site.
    (content / "desk.yml").write_text(yaml.safe_dump({"title": HOSTILE["desk"], "description": HOSTILE["summary"]}, allow_unicode=True))


def _scripts(soup):
    """The scripts a browser runs: JSON-LD is data, holding the text as typed (tests/test_structured.py)."""
    return [s for s in soup.find_all("script") if s.get("type") != "application/ld+json"]


def _text(element) -> str:
    """What a reader sees: the text, without the ¶ permalinks beside headings."""
    element = BeautifulSoup(str(element), "html.parser")
    for permalink in element.select("a.headerlink"):
        permalink.decompose()
    return " ".join(element.get_text(" ").split())


def _page(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / html_file(page)).read_text(), "html.parser")


def test_hostile_text_is_shown_literally_in_the_built_site(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "minimal", content)
    _plant(content)
    project = make_project(tmp_path / "project")
    result = mkdocs(project, "build", "--strict", content=content)
    assert result.returncode == 0, result.stderr
    site = project / "site"
    assert SLUG and (site / html_file(urls.path("explainer", slug=SLUG))).is_file()

    actor = _page(site, urls.path("actor", id="north"))
    article = actor.find("article")
    assert _text(article.find("h1")) == HOSTILE["name"]
    assert HOSTILE["role"] in _text(article)
    assert " ".join(HOSTILE["description"].split()) in _text(article)
    # The cast entry: what North is in the explainer, under the explainer's name.
    section = article.find(id=urls.anchor("explainer", slug=SLUG))
    assert _text(section) == HOSTILE["explainer"]
    assert HOSTILE["title"] in _text(section.find_next("p"))
    assert _text(section.find_next("p").find_next("p")).startswith(" ".join(HOSTILE["description"].split()))

    issue = _page(site, urls.path("issue", id="harbour"))
    assert _text(issue.find("article").find("h1")) == HOSTILE["title"]
    assert HOSTILE["summary"] in _text(issue.find("article"))

    # Charts are inline SVG: text reaches <title>, <desc> and <text> as text, never markup.
    figures = _page(site, urls.path("explainer-figures", slug=SLUG))
    chart = figures.find("figure", id="chart-share")
    assert chart.find("title").get_text() == HOSTILE["name"]
    assert HOSTILE["role"] in chart.find("desc").get_text()
    assert chart.find("script") is None and chart.find("img") is None

    overview = _page(site, urls.path("explainer", slug=SLUG))
    assert _text(overview.find("article").find("h1")) == HOSTILE["explainer"]
    assert HOSTILE["summary"] in _text(overview.find("article"))

    home = _page(site, urls.path("desk"))
    assert _text(home.find("article").find("h1")) == HOSTILE["desk"]
    assert HOSTILE["summary"] in _text(home.find("article"))
    assert HOSTILE["explainer"] in _text(home.find("article"))

    # MkDocs takes the page title from the h1; it reaches <title>, the header and the nav. The
    # desk's title is the site's name; an explainer's pages name the explainer too.
    assert home.find("title").get_text() == HOSTILE["desk"]
    assert actor.find("title").get_text() == f"{HOSTILE['name']} - {HOSTILE['desk']}"
    assert overview.find("title").get_text() == f"{HOSTILE['explainer']} - {HOSTILE['desk']}"
    assert figures.find("title").get_text() == f"The numbers · {HOSTILE['explainer']} - {HOSTILE['desk']}"
    assert HOSTILE["desk"] in [_text(e) for e in actor.select(".md-header__topic .md-ellipsis")]
    assert [s.get_text() for s in _scripts(actor) if "alert" in s.get_text()] == []
    # The desk's description is the site's, where a page has none of its own: the 404 page's.
    missing = BeautifulSoup((site / "404.html").read_text(), "html.parser")
    assert missing.find("meta", attrs={"name": "description"})["content"] == HOSTILE["summary"]
    assert missing.find("meta", property="og:description")["content"] == HOSTILE["summary"]

    pages = list(site.rglob("*.html"))
    assert len(pages) > 16
    for page in pages:
        soup = BeautifulSoup(page.read_text(), "html.parser")
        assert not [s for s in _scripts(soup) if "alert" in s.get_text()], page
        body = soup.find("article") or soup
        assert body.find("script") is None, page
        assert body.find("img") is None, page
        assert not soup.find_all(attrs={"onerror": True}), page
        assert not [a for a in body.find_all("a", href=True) if a["href"].startswith(("javascript:", "https://evil"))], page
        assert "49" not in _text(body.find("h1") or body), page
        assert "49" not in soup.find("title").get_text(), page


# -- every text field, in a real browser ---------------------------------------------------
# One attack for every text field the model has: breaking out of an attribute (a quote), an
# element (<img onerror>), the <title> (</title><script>), entities that must not be read
# twice (&amp;), a template and Markdown. Each field gets it with a number of its own, so that
# each can be found on the pages; all start with "talks", which the search is asked for.
ATTACK = (
    'talks x" autofocus onfocus="alert(1)" y=" <img src=x onerror=alert(2)> </title><script>alert(3)</script> '
    "\"Brexit\" & co's &amp; {{ 7*7 }} *em* `code`"
)
# The explainer's headline: the same attack, short enough for the share card to show whole (a
# longer one is a warning, and the build is --strict).
HEADLINE_ATTACK = (
    'talks x" onfocus="alert(1)" <img src=x onerror=alert(2)></title><script>alert(3)</script> '
    "& co's &amp; {{7*7}} *em* `c`"
)
# The desk's title, the theme's site_name, printed in the header and attributes of every page.
DESK_TITLE = 'Trade "desk" x" autofocus onfocus="alert(1)" y="'
# The desk's short_title, the header's on a phone: at most 30 characters (model.MAX_SHORT_TITLE).
SHORT_TITLE = '<b onclick=alert(4)>"S"&amp;'


def _is_text(schema: object) -> bool:
    """Whether a field's JSON Schema is the model's Text (or a list of it, or Text or nothing)."""
    if not isinstance(schema, dict):
        return False
    return (schema.get("pattern") == values.TEXT_PATTERN or any(map(_is_text, schema.get("anyOf", [])))
            or _is_text(schema.get("items")))


def text_fields() -> set[str]:
    """The name of every text field of every content file's entries, from the model itself."""
    found = set()
    for entry in vars(model).values():
        if inspect.isclass(entry) and issubclass(entry, model.Entry):
            found |= {name for name, schema in entry.model_json_schema().get("properties", {}).items() if _is_text(schema)}
    return found


def plant_everywhere(content: Path) -> dict[str, str]:
    """ATTACK, numbered, in every text field of every file of ``content``; the desk's title is
    DESK_TITLE. The planted texts, with the field each is in."""
    # Each text's own tag is three letters, not a number: prose whose numbers no figure holds is
    # a warning (generator/checks/prose.py), and the build is --strict.
    fields, planted, tags = text_fields(), {}, ("".join(t) for t in itertools.product(string.ascii_lowercase, repeat=3))

    def hostile(field: str, attack: str = ATTACK) -> str:
        text = f"{attack} {next(tags)}"
        planted[text] = field
        return text

    def walk(node):
        if isinstance(node, list):
            return [walk(item) for item in node]
        if not isinstance(node, dict):
            return node
        changed = {}
        for key, value in node.items():
            if key in fields and isinstance(value, str):
                changed[key] = hostile(key)
            elif key in fields and isinstance(value, list) and all(isinstance(item, str) for item in value):
                changed[key] = [hostile(key) for _ in value]  # aliases
            else:
                changed[key] = walk(value)  # an explainer's summary is a list of notes, each a text
        return changed

    # A legend explains the stances its explainer gives: each of the desk's is given at least once.
    stances = [s["id"] for s in yaml.safe_load((content / "desk.yml").read_text(encoding="utf-8")).get("stances", [])]
    for path in sorted(content.rglob("*.yml")):
        data = walk(yaml.safe_load(path.read_text(encoding="utf-8")))
        if path.name == "positions.yml":
            given = {p["stance"] for p in data}
            # Dated before the others, so that each stays its side's latest.
            data += [{**copy.deepcopy(data[0]), "stance": s, "date": "2030-01-01"} for s in stances if s not in given]
        if path.name == "explainer.yml":
            del planted[data["title"]]
            data["title"] = hostile("title", HEADLINE_ATTACK)
        if path.name == "desk.yml":
            del planted[data["title"]]
            data["title"] = DESK_TITLE
            data["short_title"] = SHORT_TITLE
            planted[SHORT_TITLE] = "short_title"
            data["publisher"] = {"name": hostile("name"), "url": "https://example.org/?a=1&b=%22x%22"}
        if path.name == "figures.yml" and "wording" not in planted.values():
            # The one text field the fixture leaves out; a number's wording may hold no other
            # number than its value (checks/figure_words.py), so its attack has no digits.
            data[0]["wording"] = hostile("wording", ATTACK.translate(str.maketrans("", "", string.digits)))
            data.append({**HOSTILE_DIGITS, "source": copy.deepcopy(data[0]["source"])})
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert set(planted.values()) == fields, "a text field of the model is in no content file"
    return planted


@pytest.fixture(scope="module")
def hostile_desk(tmp_path_factory: pytest.TempPathFactory, shared_build) -> tuple[Path, dict[str, str], Path]:
    """The climate desk (every kind of page and entry) with ATTACK in every text field, built
    with `mkdocs build --strict`: the site folder, the planted texts and the content folder."""
    where = tmp_path_factory.mktemp("hostile")
    content = shutil.copytree(FIXTURES / "climate", where / "content")
    planted = plant_everywhere(content)
    # The same planted bytes on every worker: built once (tests only read the site).
    return shared_build(content), planted, content


# What a page holds that content could have made: attributes that run script or take the focus,
# images and scripts nobody wrote (JSON-LD is data, holding the text as typed), and every
# attribute and visible text that holds a planted text, in full or cut.
PROBE = """() => {
  const injected = [];
  for (const element of document.querySelectorAll("*"))
    for (const attribute of element.attributes)
      if (/^on/i.test(attribute.name) || attribute.name === "autofocus")
        injected.push(`${element.tagName} ${attribute.name}`);
  for (const element of document.querySelectorAll("img[src='x'], script:not([type='application/ld+json'])"))
    if (element.tagName === "IMG" || element.textContent.includes("alert")) injected.push(element.outerHTML.slice(0, 80));
  const attributes = [];
  for (const element of document.querySelectorAll("*"))
    for (const attribute of element.attributes)
      if (attribute.value.includes("talks x") || attribute.value.includes("Trade"))
        attributes.push([`${element.tagName} ${attribute.name}`, attribute.value]);
  const meta = name => document.querySelector(`meta[property='${name}'], meta[name='${name}']`)?.content;
  return {
    injected, attributes, title: document.title, text: document.body.innerText,
    h1: document.querySelector("article h1")?.innerText.replace(/¶$/, "").trim(),
    og: {site: meta("og:site_name"), title: meta("og:title"), twitter: meta("twitter:title")},
    header: document.querySelector(".md-header__topic .md-ellipsis")?.innerText,
    logo: [...document.querySelectorAll("a.md-logo")].map(a => [a.getAttribute("aria-label"), a.title]),
  };
}"""


def _one_line(text: str) -> str:
    return " ".join(text.split())


@contextlib.contextmanager
def _tab(browser, site: Path, width: int, height: int, dialogs: list[str]):
    """A Chromium tab of the given size on ``site`` served over HTTP, with the site's address;
    every dialog a page opens is counted in ``dialogs`` and dismissed."""
    context = browser.new_context(viewport={"width": width, "height": height})
    context.set_default_timeout(TIMEOUT)
    try:
        tab = context.new_page()
        tab.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        with served(site) as address:
            yield tab, address
    finally:
        context.close()


def test_hostile_text_in_every_field_is_text_on_every_page(hostile_desk, browser):
    site, planted, _ = hostile_desk
    pages = sorted(str(page.relative_to(site)) for page in site.rglob("*.html"))
    # Every kind of page: the desk's, each explainer page, actors, issues, embeds, the 404 page.
    climate = validate(load(FIXTURES / "climate"))
    ids = {"slug": next(iter(climate.explainers))}
    kinds = [urls.path(kind, id=next(iter(climate.issues if kind == "issue" else climate.actors)), **ids) for kind in urls.PAGES]
    assert {html_file(kind) for kind in kinds} <= set(pages) and "404.html" in pages
    assert any("/embed/" in page for page in pages)
    dialogs: list[str] = []
    shown = []
    titled = 0  # pages whose title is a planted text
    with _tab(browser, site, 1280, 900, dialogs) as (tab, address):
        for page in pages:
            tab.goto(f"{address}/{page}", wait_until="load")
            found = tab.evaluate(PROBE)
            assert found["injected"] == [], page
            shown.append(found["text"])
            # Wherever a planted text is in an attribute, it is there whole, as typed.
            for where, value in found["attributes"]:
                assert any(attack in value for attack in (ATTACK, HEADLINE_ATTACK, DESK_TITLE)), (page, where, value)
            if "/embed/" in page:
                continue  # an embed is the bare block, without the theme around it
            assert found["og"]["site"] == DESK_TITLE, page
            assert found["header"] == DESK_TITLE, page
            assert found["logo"] == [[DESK_TITLE, DESK_TITLE]] * 2, page
            if page == "index.html":
                assert found["title"] == found["og"]["title"] == DESK_TITLE
            elif found["h1"] in planted:
                titled += 1
                assert found["title"].startswith(found["h1"]) and found["title"].endswith(f" - {DESK_TITLE}"), page
                assert found["og"]["title"] == found["og"]["twitter"] == found["h1"], page
    assert dialogs == []
    assert titled >= 10  # the explainer's overview, the actors' and the issues' pages
    # Every planted text is shown whole somewhere, as typed: every field reaches a reader; the
    # desk's short_title in the header on a phone.
    with _tab(browser, site, 360, 740, dialogs) as (tab, address):
        tab.goto(f"{address}/", wait_until="load")
        found = tab.evaluate(PROBE)
        assert found["injected"] == [] and found["header"].strip() == SHORT_TITLE, found["header"]
        shown.append(found["text"])
    assert dialogs == []
    everything = _one_line("\n".join(shown))
    assert [field for text, field in planted.items() if _one_line(text) not in everything] == []


def test_hostile_titles_are_text_in_the_search(hostile_desk, browser):
    # Material's search draws titles, text and tags (an explainer's title) from its index as
    # HTML; a shared link with ?q= opens it with the query already typed.
    site, _, content = hostile_desk
    explainer = yaml.safe_load((content / "explainers" / "finance-deal" / "explainer.yml").read_text(encoding="utf-8"))["title"]
    dialogs: list[str] = []
    with _tab(browser, site, 1280, 900, dialogs) as (tab, address):
        for how in ("typed", "linked"):
            if how == "typed":
                tab.goto(f"{address}/", wait_until="load")
                search(tab, "talks")
            else:
                tab.goto(f"{address}/?q=talks", wait_until="load")
            results = tab.locator(".md-search-result__item")
            expect(results.first).to_be_visible(timeout=TIMEOUT)
            # Each result from the explainer's pages is tagged with its title, as typed.
            expect(tab.locator(".md-search-result .md-tag").first).to_have_text(explainer, timeout=TIMEOUT)
            found = tab.evaluate(PROBE)
            assert found["injected"] == [], how
            # (The search marks the word found: the text, not the lines, is compared.)
            titles = map(_one_line, tab.locator(".md-search-result__article :is(h1, h2)").all_text_contents())
            hostile = [title for title in titles if title.startswith("talks x")]
            assert hostile and all(ATTACK in title or HEADLINE_ATTACK in title for title in hostile), (how, hostile)
            tags = set(map(_one_line, tab.locator(".md-search-result .md-tag").all_text_contents()))
            assert tags == {explainer}, how
    assert dialogs == []


def test_a_desk_title_with_quotes_and_an_ampersand_is_shown_as_typed(tmp_path):
    title = 'The "Brexit" desk & co'
    content = shutil.copytree(FIXTURES / "minimal", tmp_path / "content")
    (content / "desk.yml").write_text(yaml.safe_dump({"title": title}), encoding="utf-8")
    project = make_project(tmp_path / "project")
    result = mkdocs(project, "build", "--strict", content=content)
    assert result.returncode == 0, result.stderr
    for page in (urls.path("desk"), urls.path("desk-timeline")):
        soup = _page(project / "site", page)
        assert _text(soup.select_one(".md-header__topic .md-ellipsis")) == title, page
        assert soup.find("meta", property="og:site_name")["content"] == title, page
        # The logo's name and its tooltip: one escape, not two (no "&amp;" shown).
        assert [(a["aria-label"], a["title"]) for a in soup.select("a.md-logo")] == [(title, title)] * 2, page
    assert _page(project / "site", urls.path("desk")).title.get_text() == title
    assert _page(project / "site", urls.path("desk-timeline")).title.get_text().endswith(f" - {title}")
