"""Property: any text typed into a content field reaches the reader's page exactly as typed.

For each text field of the registry (actors, issues, sources, the desk), of an explainer's
who's who (what an actor is in that story), of its story, positions, figures and events,
Hypothesis writes arbitrary text (any Unicode a content file can carry: everything but
surrogates, control characters other than tab and newline, and the few characters the load
step refuses, so Markdown, HTML and Jinja punctuation, emoji shortcodes, line breaks…) into a
copy of tests/fixtures/minimal (a desk of one explainer, given a desk.yml and a who's who),
written with PyYAML's safe dumper. The pages come from ``generate(content).pages``; their front
matter is read as MkDocs reads it, and their Markdown is converted with the Markdown
extensions MkDocs uses (those of mkdocs.yml), as the plugin narrows them for its pages
(generator/syntax.py), without running MkDocs per example. Then:

- the element that shows the field (the h1 for a name or title, a table cell, a list item…)
  has exactly the typed text, whitespace-normalized (runs of whitespace become one space and
  the ends are stripped, which is what the generator does); registry fields are checked on
  the desk's shared pages (an actor's page, the who's who, the issues list, the sources), and
  an explainer's who's who on the actor's page;
- every page the change reached still has its front matter, which MkDocs reads as data (a
  page's description holds the typed text exactly), and the same elements, with the same
  attribute names, as with the fixture's own text: no <script>, no <img>, no on* attribute, no
  extra link, emphasis or list can come from content text.

A field written at one place and shown in several (an actor's name on its page and in the
who's who) is checked in every place. An example writes a text into many fields at once, one
generate() for them all: every field but those a check reads beside it (``BESIDE``), which
are in other groups. Each field gets the written-out texts (``WRITTEN_OUT``) and as many
random ones as an example per group.

``PROPERTY_EXAMPLES=1000 pytest tests/test_properties.py`` runs more examples per group
(default 100).
"""

from __future__ import annotations

import copy
import functools
import html
import html.parser
import importlib
import os
import re
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import markdown
import pytest
import yaml
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st
from mkdocs.utils.meta import get_data

from generator import ContentError, generate, load, syntax, urls
from generator.checks import placeholders, story
from generator.values import TEXT_PATTERN

from .conftest import FIXTURES, ROOT

MINIMAL = FIXTURES / "minimal"
EXAMPLES = int(os.environ.get("PROPERTY_EXAMPLES", "100"))


# -- Markdown as MkDocs converts it -------------------------------------------------------------


def _python_name(loader, suffix: str, node) -> Any:
    module, _, name = suffix.rpartition(".")
    return getattr(importlib.import_module(module), name)


def _markdown() -> markdown.Markdown:
    """A converter with mkdocs.yml's markdown_extensions and their settings, plus MkDocs's own."""

    class Loader(yaml.SafeLoader):
        pass

    # mkdocs.yml names Python objects (!!python/name:) and environment variables (!ENV).
    Loader.add_multi_constructor("tag:yaml.org,2002:python/name:", _python_name)
    Loader.add_constructor("!ENV", lambda loader, node: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    extensions, configs = [], {}
    for item in config["markdown_extensions"]:
        name, options = next(iter(item.items())) if isinstance(item, dict) else (item, None)
        extensions.append(name)
        configs[name] = options or {}
    assert {"attr_list", "tables", "toc", "pymdownx.emoji"} <= set(extensions)
    # MkDocs always adds these (mkdocs.config.defaults: markdown_extensions builtins).
    extensions += [name for name in ("toc", "tables", "fenced_code") if name not in extensions]
    # As the plugin converts the generator's pages: with only the Markdown the templates write,
    # which converts any page, and any content text, as all of Markdown does (tests/test_syntax.py).
    return syntax.narrow(markdown.Markdown(extensions=extensions, extension_configs=configs))


MD = _markdown()


def front_matter(page: str) -> tuple[str, dict[str, Any]]:
    """A page's Markdown and its front matter, split as MkDocs splits them."""
    body, meta = get_data(page)
    # An embed page (a bare page for other sites' frames) describes nothing in JSON-LD.
    needed = {"description", "updated"} | (set() if meta.get("template") == "embed.html" else {"structured_data"})
    assert page.startswith("---\n") and needed <= meta.keys(), page[:200]
    return body, meta


def to_html(page: str) -> str:
    """A page's HTML, without the words its sections answer to in search: those are other
    spellings of the page's own text (generator/search.py), in a hidden paragraph of plain
    text, which no content text can turn into anything else."""
    return _body_html(front_matter(page)[0])


# The hidden paragraph of search words, as the templates write it: text only, no element in it.
SEARCH_ONLY = re.compile(r'<p class="search-only" hidden>[^<]*</p>')
# Any paragraph of that class, whatever its attributes and content.
ANY_SEARCH_ONLY = re.compile(r"<p\b[^>]*\bsearch-only\b")


@functools.lru_cache(maxsize=512)
def _body_html(body: str) -> str:
    """``to_html`` of a page's Markdown, kept: many edits change only some pages' front matter,
    whose bodies stay the fixture's, converted once. The search words are cut out of the HTML
    as converted (parsing it and writing it out again cost as much as converting it): every
    paragraph of their class must be one of them, hidden and holding only text."""
    MD.reset()
    converted = MD.convert(body)
    kept, cut = SEARCH_ONLY.subn("", converted)
    assert cut == len(ANY_SEARCH_ONLY.findall(converted)), converted
    return kept


def to_soup(page: str) -> BeautifulSoup:
    return BeautifulSoup(to_html(page), "html.parser")


def normalize(text: str) -> str:
    return " ".join(text.split())


def visible(element) -> str:
    """What a reader sees of ``element``: its text without the ¶ permalinks, normalized."""
    element = copy.copy(element)
    for permalink in element.select("a.headerlink"):
        permalink.decompose()
    return normalize(element.get_text())


def without_cite(element) -> str:
    """A paragraph's text without the source link that ends every claim."""
    element = copy.copy(element)
    for cite in element.select("a.cite"):
        cite.decompose()
    return visible(element)


class _Elements(html.parser.HTMLParser):
    """Every element of a page as (tag, attribute names), in order: its structure."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, tuple[str, ...]]] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.found.append((tag, tuple(sorted(name for name, _ in attrs))))

    def handle_comment(self, data: str) -> None:
        self.found.append(("<!--", ()))

    def handle_decl(self, decl: str) -> None:
        self.found.append(("<!", ()))

    def handle_pi(self, data: str) -> None:
        self.found.append(("<?", ()))


# Elements content text must never create (the structure check below covers every element;
# these are named for a readable failure).
FOREIGN = {"script", "img", "iframe", "object", "embed", "style", "link", "meta", "form", "input", "<!--", "<!", "<?"}


# Pictures wrap long text over as many SVG lines as it needs: a run of these counts as one.
WRAPPED = {"text", "tspan"}


@functools.lru_cache(maxsize=512)
def structure(html_text: str) -> list[tuple[str, tuple[str, ...]]]:
    """Kept, as ``_body_html``: only compared, never changed."""
    parser = _Elements()
    parser.feed(html_text)
    parser.close()
    found: list[tuple[str, tuple[str, ...]]] = []
    for element in parser.found:
        if not (found and element[0] in WRAPPED and found[-1] == element):
            found.append(element)
    return found


# -- where each field shows -------------------------------------------------------------------

# The minimal fixture is a content folder of the old layout: a desk of one explainer, whose
# address comes from its title ("Harbour talks").
SLUG = "harbour-talks"


def at(kind: str, **params: str) -> str:
    """The page of a kind: ``at("actor", id="north")`` → ``actors/north.md``."""
    return urls.path(kind, **params)


def _item(page: BeautifulSoup, row: int = 0) -> str:
    """The text of a list item, without its citation: an actor in a who's who, an issue in the
    issues list, a position on an actor's page."""
    return without_cite(page.find_all("li")[row])


def _card(page: BeautifulSoup, part: str, row: int = 0) -> str:
    """One part of a number's card: its value, label, status or source."""
    return without_cite(page.select(".number-card")[row].select_one(f".number-card__{part}"))


def _paragraph_with_cite(page: BeautifulSoup, after=None) -> str:
    cite = after.find_next("a", class_="cite") if after is not None else page.find("a", class_="cite")
    return without_cite(cite.find_parent("p"))


def _section_paragraphs(page: BeautifulSoup, heading_id: str) -> list[str]:
    texts = []
    for sibling in page.find(id=heading_id).find_next_siblings():
        if sibling.name and sibling.name.startswith("h"):
            break
        if sibling.name == "p":
            texts.append(visible(sibling))
    return texts


def _according_to(page: BeautifulSoup, figure_id: str) -> str:
    """In a number's section, the line that says who gives it, without its citation."""
    for sibling in page.find(id=urls.anchor("figure", id=figure_id)).find_next_siblings():
        if sibling.name and sibling.name.startswith("h"):
            break
        if sibling.name == "p" and visible(sibling).startswith("According to"):
            return without_cite(sibling)
    return ""


def _in_explainer(page: BeautifulSoup):
    """On an actor's page, the heading of what they are and do in the explainer."""
    return page.find(id=urls.anchor("explainer", slug=SLUG))


# (file, path to the entry, field, page, what the page shows for `text`, the page's text there)
Field = tuple[str, tuple[Any, ...], str, str, Callable[[str], str], Callable[[BeautifulSoup], Any]]

FIELDS: dict[str, Field] = {
    # The registry, on the desk's shared pages.
    "actor.name": ("actors.yml", (0,), "name", at("actor", id="north"), normalize, lambda p: visible(p.find("h1"))),
    "actor.role": ("actors.yml", (1,), "role", at("actor", id="south"), normalize, lambda p: visible(p.find("strong"))),
    "actor.description": ("actors.yml", (0,), "description", at("actor", id="north"), normalize, _paragraph_with_cite),
    "actor.alias": (
        "actors.yml", (0, "aliases", 0), None, at("actor", id="north"),
        lambda t: f"One town · Also called: {normalize(t)}", lambda p: visible(p.find("strong").find_parent("p")),
    ),
    # The name as a sentence says it: who gives a number.
    "actor.name_in_text": (
        "actors.yml", (0,), "name_in_text", at("explainer-figures", slug=SLUG),
        lambda t: f"According to {normalize(t)}", lambda p: _according_to(p, "share"),
    ),
    "membership.role": (
        "actors.yml", (2, "memberships", 0), "role", at("actor", id="mayor-north"),
        lambda t: f"{normalize(t)}: North", lambda p: visible(p.find(id="part-of").find_next("li")),
    ),
    "actor.name in the who's who": (
        "actors.yml", (0,), "name", at("desk-actors"), lambda t: f"{normalize(t)}: One town · in 1 explainer", _item,
    ),
    "actor.role in the who's who": (
        "actors.yml", (1,), "role", at("desk-actors"), lambda t: f"South: {normalize(t)} · in 1 explainer",
        lambda p: _item(p, row=1),
    ),
    "issue.title": ("issues.yml", (0,), "title", at("issue", id="harbour"), normalize, lambda p: visible(p.find("h1"))),
    "issue.question": ("issues.yml", (0,), "question", at("issue", id="harbour"), normalize, lambda p: visible(p.find("strong"))),
    "issue.description": ("issues.yml", (0,), "description", at("issue", id="harbour"), normalize, _paragraph_with_cite),
    "issue.title in the issues list": (
        "issues.yml", (0,), "title", at("desk-issues"),
        lambda t: f"{normalize(t)}: Who runs the harbour? · 2 actors with a position, in 1 explainer", _item,
    ),
    "issue.question in the issues list": (
        "issues.yml", (0,), "question", at("desk-issues"),
        lambda t: f"Harbour: {normalize(t)} · 2 actors with a position, in 1 explainer", _item,
    ),
    "source.title": ("sources.yml", (0,), "title", at("desk-sources"), normalize, lambda p: visible(p.find("strong"))),
    "source.publisher": (
        "sources.yml", (0,), "publisher", at("desk-sources"),
        # The source's name is one phrase, whitespace-normalized as a whole: a space typed at the
        # end of the publisher stays before the comma.
        lambda t: normalize(f"Wire Service via {t}, 4 March 2025"), lambda p: visible(p.find(id=urls.anchor("source", id="gazette"))),
    ),
    "source.reported_by": (
        "sources.yml", (0,), "reported_by", at("desk-sources"),
        lambda t: normalize(f"{t} via The Gazette, 4 March 2025"), lambda p: visible(p.find(id=urls.anchor("source", id="gazette"))),
    ),
    "source.headline": (
        "sources.yml", (0,), "headline", at("desk-sources"),
        lambda t: f"Headline as published: “{normalize(t)}”",
        lambda p: visible(p.find(id=urls.anchor("source", id="gazette")).find_next("p").find_next("p")),
    ),
    "source.author": (
        "sources.yml", (0,), "author", at("desk-sources"),
        # A name that ends in a full stop ends the sentence too ("Acme Inc."): no second stop.
        lambda t: f"By {normalize(t)}{'' if normalize(t).endswith('.') else '.'} Published by The Gazette, relaying a report by Wire Service, on 4 March 2025.",
        lambda p: visible(p.find(id=urls.anchor("source", id="gazette")).find_next("p").find_next("p").find_next("p")),
    ),
    "document.title": (
        "documents.yml", (0,), "title", at("desk-sources"), normalize, lambda p: visible(p.find(id=urls.anchor("document", id="accord"))),
    ),
    "document.description": (
        "documents.yml", (0,), "description", at("desk-sources"), normalize,
        lambda p: visible(p.find(id=urls.anchor("document", id="accord")).find_next("p")),
    ),
    "desk.title": ("desk.yml", (), "title", at("desk"), normalize, lambda p: visible(p.find("h1"))),
    # The desk's own vocabularies, in the legend of its stances and the headings of its who's who.
    "stance.label": (
        "desk.yml", ("stances", 0), "label", at("explainer-positions", slug=SLUG),
        lambda t: f"{normalize(t)}: wants it on its own terms.", lambda p: visible(p.find_all("ul")[-1].find("li")),
    ),
    "stance.legend": (
        "desk.yml", ("stances", 0), "legend", at("explainer-positions", slug=SLUG),
        lambda t: f"Insists: {normalize(t)}.", lambda p: visible(p.find_all("ul")[-1].find("li")),
    ),
    "kind.heading": ("desk.yml", ("kinds", 0), "heading", at("desk-actors"), normalize, lambda p: visible(p.find("h2"))),
    "desk.description": ("desk.yml", (), "description", at("desk"), normalize, lambda p: visible(p.find(class_="desk-standfirst"))),
    # What an actor is in the explainer (its who's who), on the actor's page and the explainer's.
    "cast.role": (
        "explainer.yml", ("actors", 0), "role", at("actor", id="north"),
        lambda t: f"4 March 2025 · {normalize(t)}", lambda p: visible(_in_explainer(p).find_next("p")),
    ),
    "cast.description": (
        "explainer.yml", ("actors", 0), "description", at("actor", id="north"),
        normalize, lambda p: without_cite(_in_explainer(p).find_next("p").find_next("p")),
    ),
    "cast.membership.role": (
        "explainer.yml", ("actors", 1, "memberships", 0), "role", at("actor", id="mayor-north"),
        lambda t: f"{normalize(t)}: North", lambda p: visible(_in_explainer(p).find_next("li")),
    ),
    "cast.role in the explainer's who's who": (
        "explainer.yml", ("actors", 0), "role", at("explainer-actors", slug=SLUG),
        lambda t: f"North: {normalize(t)} · also referred to as Northville",
        lambda p: without_cite(p.find("strong").find_parent("li")),
    ),
    # The explainer's own text, on its overview.
    "story.standfirst": (
        "explainer.yml", (), "standfirst", at("explainer", slug=SLUG), normalize, lambda p: visible(p.find(class_="standfirst")),
    ),
    "story.summary": (
        "explainer.yml", ("summary", 0), "text", at("explainer", slug=SLUG), normalize,
        lambda p: _paragraph_with_cite(p, after=p.find(id="what-happened")),
    ),
    "change.text": (
        "explainer.yml", ("changes", 1), "text", at("explainer", slug=SLUG),
        lambda t: f"4 March 2025: {normalize(t)}", lambda p: visible(p.find(id=urls.anchor("changes")).find_next("ul").find_all("li")[1]),
    ),
    # Positions, figures and events, on the pages that show them.
    "position.summary": (
        "positions.yml", (0,), "summary", at("actor", id="north"),
        # The position's own quote (the fixture's) ends it on its holder's page.
        lambda t: f"Harbour: Insists · 4 March 2025 {normalize(t)} Set out in the harbour accord. “ours alone” — Ann Mayor",
        lambda p: without_cite(_in_explainer(p).find_next("li")),
    ),
    "position.quote": (
        "positions.yml", (0,), "quote", at("issue", id="harbour"),
        lambda t: f"“{normalize(t)}” — Ann Mayor", lambda p: visible(p.find("blockquote")),
    ),
    "figure.label": (
        "figures.yml", (0,), "label", at("explainer-figures", slug=SLUG), normalize,
        lambda p: visible(p.find(id=urls.anchor("figure", id="boats"))),
    ),
    "figure.unit": (
        "figures.yml", (0,), "unit", at("explainer-figures", slug=SLUG),
        # A per cent sign is written against the number: "1,000% each".
        lambda t: f"1,000{'' if normalize(t) == '%' else ' '}{normalize(t)} each", lambda p: _card(p, "value"),
    ),
    "figure.wording": (
        "figures.yml", (1,), "wording", at("explainer-figures", slug=SLUG),
        lambda t: f"just under {normalize(t)} of the harbour", lambda p: _card(p, "value", row=1),
    ),
    "figure.note": (
        "figures.yml", (1,), "note", at("explainer-figures", slug=SLUG), normalize,
        lambda p: _section_paragraphs(p, urls.anchor("figure", id="share")),
    ),
    "event.title": (
        "events.yml", (0,), "title", at("explainer-timeline", slug=SLUG),
        lambda t: f"4 March 2025: {normalize(t)}", lambda p: visible(p.find(id=urls.anchor("event", id="meeting"))),
    ),
    "event.summary": (
        "events.yml", (0,), "summary", at("explainer-timeline", slug=SLUG), normalize,
        lambda p: _paragraph_with_cite(p, after=p.find(id=urls.anchor("event", id="meeting"))),
    ),
}

# Fields that are also a page's description (its link preview), kept exactly as typed in the
# front matter: field → (page, the description the typed text makes).
_as_typed: Callable[[str], str] = lambda text: text  # noqa: E731
DESCRIPTIONS: dict[str, tuple[str, Callable[[str], str]]] = {
    # After the actor's role, as the page shows them ("One town. The town to the north."),
    # its sentence ending once.
    "actor.description": (at("actor", id="north"), lambda text: f"One town. {text}"),
    "actor.role": (at("actor", id="south"), lambda text: f"{text}{'' if text.rstrip().endswith('.') else '.'} The town to the south."),
    "issue.question": (at("issue", id="harbour"), _as_typed),
    "desk.description": (at("desk"), _as_typed),
    "story.standfirst": (at("explainer", slug=SLUG), _as_typed),
}


# -- content ----------------------------------------------------------------------------------


class _Dumper(yaml.SafeDumper):
    """PyYAML's safe dumper, with every string double-quoted: a double-quoted YAML string can
    carry any text (escapes for the rest), and is never read as a number, date or boolean."""


_Dumper.add_representer(str, lambda dumper, text: dumper.represent_scalar("tag:yaml.org,2002:str", text, style='"'))


def _seed() -> dict[str, Any]:
    """The minimal fixture's data, with a desk.yml (with a stance vocabulary of its own and a
    reworded kind of actor), an actor's name as a sentence says it, a document, a source's
    headline and author, and a who's who in its explainer."""
    data = {name: document.data for name, document in load(MINIMAL).items()}
    data["desk.yml"] = {
        "title": "Harbour desk",
        "description": "Every story about the bay.",
        "stances": [
            {"id": "demands", "label": "Insists", "legend": "wants it on its own terms", "icon": "material-alert-decagram", "tone": "mixed"},
            {"id": "not-stated", "label": "Unknown", "legend": "no position given", "icon": "material-help-circle-outline"},
        ],
        "kinds": [{"id": "state", "heading": "Towns"}],
    }
    data["documents.yml"] = [{"id": "accord", "title": "The harbour accord", "description": "What both towns signed.", "source": "gazette"}]
    data["actors.yml"][0]["name_in_text"] = "the North"
    data["positions.yml"][0]["document"] = "accord"
    data["sources.yml"][0] |= {"headline": "Towns meet", "author": "Jo Reporter"}
    data["explainer.yml"]["actors"] = [
        {"actor": "north", "role": "Host of the talks", "description": "North invited South to its harbour.", "source": ["gazette"]},
        {
            "actor": "mayor-north",
            "role": "North's negotiator",
            "memberships": [{"of": "north", "role": "Head of North's team"}],
            "source": "gazette",
        },
    ]
    return data


ORIGINAL = _seed()


def write_file(content: Path, name: str, data: Any) -> None:
    (content / name).write_text(yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _seeded(folder: Path) -> Path:
    shutil.copytree(MINIMAL, folder)
    for name, data in ORIGINAL.items():
        write_file(folder, name, data)
    return folder


_BASELINE_FOLDER = Path(tempfile.mkdtemp(prefix="properties-baseline-"))
try:
    BASELINE = generate(_seeded(_BASELINE_FOLDER / "content")).pages
finally:
    shutil.rmtree(_BASELINE_FOLDER)
BASELINE_HTML = {path: to_html(page) for path, page in BASELINE.items()}
BASELINE_STRUCTURE = {path: structure(page) for path, page in BASELINE_HTML.items()}


@pytest.fixture(scope="module")
def content() -> Path:
    folder = _seeded(Path(tempfile.mkdtemp(prefix="properties-")) / "content")
    yield folder
    shutil.rmtree(folder.parent)


# Characters a content file can carry, written or escaped: no surrogates, no control characters
# but tab and line feed, and none of the characters the load step refuses (NEL, U+2028 and
# U+2029, which libyaml counts as line breaks, and the noncharacters U+FFFE and U+FFFF).
# Text with nothing visible in it (only spaces, or only characters such as U+200B or U+00AD
# that show as nothing) is left out: it is blank, and refused (values.TEXT_PATTERN).
_NOT_CARRIED = [chr(c) for c in (*range(0x00, 0x09), *range(0x0B, 0x20), 0x7F, *range(0x80, 0xA0), 0x2028, 0x2029, 0xFFFE, 0xFFFF)]
# Nor a mark for text still to come ("TK", "???"): refused outside a draft (tests/corpus/placeholder-*).
TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters=_NOT_CARRIED), min_size=1).filter(
    lambda t: re.search(TEXT_PATTERN, t) and not placeholders.MARKS.search(t)
)
MARKUP = st.lists(
    st.sampled_from(list("<>&*_`[](){}#|!:\\~^=$+-.\"' \n\t") + ["{{", "{%", "-->", "<!--", "&amp;", "1.", ":smile:", "javascript:", "---", "\n---\n"]),
    min_size=1,
).map("".join).filter(lambda t: t.split())
# A quote is the words alone: one in quotation marks is refused (tests/corpus/quote-in-quotation-marks).
QUOTE = st.one_of(TEXT, MARKUP).filter(lambda t: not story.in_quotation_marks(t))


# A text the load step refuses in a number's unit (money, a period, a currency sign) or wording
# (another number), with a hint (tests/corpus/unit-holds-*, wording-holds-*): so never on a page.
_REFUSED = re.compile(r"(unit|wording) '.*' (holds money|holds a period|holds a currency sign|says '.*', but the value is)", re.DOTALL)
_REFUSED_IN = {"unit": ("figures.yml", (0,), "unit"), "wording": ("figures.yml", (1,), "wording")}

# A place: where a text is written (file, path to the entry, field).
Place = tuple[str, tuple[Any, ...], Any]


def _place(name: str) -> Place:
    file, path, key, *_ = FIELDS[name]
    return file, path, key


def check_places(content: Path, texts: dict[Place, str]) -> None:
    """Each text written into its place at once (one generate() for them all), then every
    field of those places checked where it shows. A text the load step refuses in a unit or
    wording leaves that place as it was, and the others are checked."""
    while True:
        written = write_places(content, texts)
        try:
            pages = generate(content).pages
            break
        except ContentError as error:
            refused = [_REFUSED.match(d.message) for d in error.diagnostics if d.severity == "error"]
            if not all(refused):
                raise
            for match in refused:
                texts.pop(_REFUSED_IN[match.group(1)], None)
        finally:
            for file in written:
                write_file(content, file, ORIGINAL[file])
    assert pages.keys() == BASELINE.keys()
    changed = [path for path, page in pages.items() if page != BASELINE[path]]
    html_pages = {path: to_html(pages[path]) for path in changed}
    for path, page in html_pages.items():
        elements = structure(page)
        assert not [e for e in elements if e[0] in FOREIGN or any(a.startswith("on") for a in e[1])], path
        assert elements == BASELINE_STRUCTURE[path], f"{path}: elements differ from the fixture's page"
    for place, text in texts.items():
        for name in PLACE_NAMES[place]:
            field = FIELDS[name]
            *_, page_path, expected, shown = field
            assert page_path in changed or normalize(text) == normalize(_original(field)), name
            got = shown(BeautifulSoup(html_pages.get(page_path) or BASELINE_HTML[page_path], "html.parser"))
            if isinstance(got, list):
                assert expected(text) in got, name
            else:
                assert got == expected(text), name
            if name in DESCRIPTIONS:
                # MkDocs reads the front matter as data: the link preview's text is the text as typed.
                page_path, described = DESCRIPTIONS[name]
                _, meta = front_matter(pages[page_path])
                assert html.unescape(meta["description"]) == described(text), name


def write_places(content: Path, texts: dict[Place, str]) -> set[str]:
    """Each text written into its place in a copy of the fixture's files: the files written."""
    files = {file for file, _, _ in texts}
    for file in files:
        data = copy.deepcopy(ORIGINAL[file])
        for (in_file, path, key), text in texts.items():
            if in_file != file:
                continue
            target = data
            for part in path if key is not None else path[:-1]:
                target = target[part]
            target[key if key is not None else path[-1]] = text
        write_file(content, file, data)
    return files


def _original(field: Field) -> str:
    file, path, key, *_ = field
    value = ORIGINAL[file]
    for part in path:
        value = value[part]
    return value if key is None else value[key]


# The fields written at one place (the name of an actor on its page and in the who's who…),
# checked in every place it shows.
PLACE_NAMES: dict[Place, tuple[str, ...]] = {}
for _name in FIELDS:
    PLACE_NAMES[_place(_name)] = (*PLACE_NAMES.get(_place(_name), ()), _name)

# Where a field shows beside the text of another field: each check expects the other's text as
# the fixture has it, so the two are never written in the same example. (Two such fields left
# out here and grouped together would fail the written-out examples below: every text differs
# from the fixture's.)
BESIDE: dict[str, tuple[str, ...]] = {
    "membership.role": ("actor.name",),
    "cast.membership.role": ("actor.name",),
    "cast.role in the explainer's who's who": ("actor.name", "actor.alias"),
    "issue.title in the issues list": ("issue.question",),
    "issue.question in the issues list": ("issue.title",),
    "source.publisher": ("source.reported_by",),
    "source.reported_by": ("source.publisher",),
    "source.author": ("source.publisher", "source.reported_by"),
    "stance.label": ("stance.legend",),
    "stance.legend": ("stance.label",),
    "position.summary": ("issue.title", "stance.label", "document.title", "position.quote"),
}


def _groups() -> list[tuple[Place, ...]]:
    """The places in as few groups as fields shown side by side allow: each group's texts are
    written at once, one generate() for them all (a field's checks are its own)."""
    apart: dict[Place, set[Place]] = {place: set() for place in PLACE_NAMES}
    for name, others in BESIDE.items():
        for other in others:
            apart[_place(name)].add(_place(other))
            apart[_place(other)].add(_place(name))
    groups: list[list[Place]] = []
    for place in PLACE_NAMES:
        group = next((g for g in groups if not apart[place] & set(g)), None)
        if group is None:
            groups.append(group := [])
        group.append(place)
    return [tuple(group) for group in groups]


GROUPS = _groups()
GROUP_IDS = [f"group {i + 1} of {len(GROUPS)}" for i in range(len(GROUPS))]

# Texts written into every field, whatever Hypothesis draws: markup of each kind content text
# could be mistaken for, and the edges of the sentences around a value.
WRITTEN_OUT = [
    "{{ 7*7 }}",
    "<script>x</script>",
    "| a |",
    "# h",
    "1. x",
    "- x",
    ":smile:",
    "&amp;",
    "\\*",
    "[x](javascript:alert(1))",
    '<img src=x onerror="alert(1)">',
    "a\n\n  b\t c  ",
    "\n```\n",
    "North",
    "Acme Inc.",  # a value that ends its sentence: the stop is not doubled
    "Acme Inc.\n ",
    ".",
    ".*",  # typed text, not emphasis: its stop is not the end a reader sees
    '---\ndescription: "x"\n---\n# h',
    '"}, "structured_data": {"a": 1',
    "\ufeff é 𝄞 \u202e",
]


@pytest.mark.parametrize("group", GROUPS, ids=GROUP_IDS)
@pytest.mark.parametrize("text", WRITTEN_OUT)
def test_written_out_text_reaches_the_page_as_typed(content, group, text):
    check_places(content, dict.fromkeys(group, text))


@pytest.mark.parametrize("group", GROUPS, ids=GROUP_IDS)
@settings(max_examples=EXAMPLES, deadline=None)
@given(data=st.data())
def test_text_reaches_the_page_as_typed(content, group, data):
    texts = data.draw(st.fixed_dictionaries({place: QUOTE if place[2] == "quote" else st.one_of(TEXT, MARKUP) for place in group}))
    check_places(content, texts)


def test_every_field_is_in_one_group_apart_from_the_fields_beside_it():
    assert sorted(place for group in GROUPS for place in group) == sorted(PLACE_NAMES)
    for name, others in BESIDE.items():
        group = next(g for g in GROUPS if _place(name) in g)
        assert not {_place(other) for other in others} & set(group), name


def test_the_fields_are_found_in_the_fixture_pages():
    for name, field in FIELDS.items():
        file, path, key, page_path, expected, shown = field
        got = shown(BeautifulSoup(BASELINE_HTML[page_path], "html.parser"))
        want = expected(_original(field))
        assert (want in got) if isinstance(got, list) else (got == want), name
