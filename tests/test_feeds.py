"""Feeds of updates: the Atom feeds of the built site, read by a feed parser as a reader's app would.

The desk has a feed of every explainer's updates and each explainer one of its own, built from
the change logs (explainer.yml ``changes:``). The sites are built with ``mkdocs build --strict``
and served on 127.0.0.1; feedparser fetches each feed by its address, as a feed reader does, so
relative links resolve as they would for a reader. What each feed must hold is worked out here
from the content (through the model), not from the feed module under test.
"""

from __future__ import annotations

import datetime
import functools
import re
import shutil
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import feedparser
import pytest
import yaml
from bs4 import BeautifulSoup

from generator import generate, load, urls, validate
from generator.feeds import DESK_ENTRIES
from generator.validated_desk import Content, Explainer
from generator.values import sort_key

from .conftest import CONTENT, FIXTURES, build, served

DESK = FIXTURES / "desk"
SITE_URL = "https://news.example/explainers/"
ATOM = "application/atom+xml"


@functools.cache
def desk_content() -> Content:
    return validate(load(DESK))


@pytest.fixture(scope="module")
def desk_url(desk_site: Path) -> Iterator[str]:
    with served(desk_site) as base:
        yield base + "/"


class _Plain(yaml.SafeDumper):
    """Writes YAML as editors do: a value used twice is written twice, never as an alias."""

    def ignore_aliases(self, data: object) -> bool:
        return True


def write_yaml(path: Path, data: object) -> None:
    path.write_text(yaml.dump(data, Dumper=_Plain, allow_unicode=True, sort_keys=False), encoding="utf-8")


def read_feed(address: str) -> feedparser.FeedParserDict:
    """A feed as a feed reader gets it: fetched by its address, which its relative links resolve against."""
    feed = feedparser.parse(address)
    assert feed.get("status") == 200, address
    assert not feed.bozo, f"{address}: {feed.get('bozo_exception')!r}"
    assert feed.version == "atom10", address
    return feed


def expected_entries(content: Content, explainers: list[Explainer]) -> list[tuple[str, str, bool, str]]:
    """(date, text, correction, slug) of every update of these explainers, newest first."""
    found = [(c.date, c.text, c.correction, x.slug) for x in explainers for c in x.story.changes]
    return sorted(found, key=lambda e: sort_key(e[0]), reverse=True)


def as_read(entry: feedparser.FeedParserDict) -> tuple[str, str, bool, str]:
    """What a reader sees of an entry: its date, what changed, whether it is a correction, its explainer."""
    correction = entry.title.startswith("Correction")
    assert correction == any(tag.term == "correction" for tag in entry.get("tags", [])), entry.title
    slug = urllib.parse.urlsplit(entry.link).path.strip("/").split("/")[-1]
    return entry.updated[:10], entry.summary, correction, slug


def day(date: str) -> str:
    """The first day of a (possibly partial) date: ``2024-06`` → ``2024-06-01``."""
    year, month, dd = sort_key(date)
    return f"{year:04d}-{month or 1:02d}-{dd or 1:02d}"


# -- what a feed reader shows ---------------------------------------------------------------------


def test_the_desk_feed_has_one_entry_per_update_newest_first(desk_url: str):
    content = desk_content()
    feed = read_feed(desk_url + urls.download("desk-feed"))
    assert feed.feed.title == f"{content.desk.title}: updates"
    assert feed.feed.subtitle == content.desk.description
    assert feed.feed.author == content.desk.title
    expected = [(day(d), text, correction, slug) for d, text, correction, slug in expected_entries(content, list(content.explainers.values()))]
    assert len(expected) > 3
    assert [as_read(entry) for entry in feed.entries] == expected
    # The newest update is the feed's own date.
    assert feed.feed.updated == f"{day(expected[0][0])}T00:00:00Z"


@pytest.mark.parametrize("slug", list(desk_content().explainers))
def test_each_explainer_has_a_feed_of_its_own_updates(desk_url: str, slug: str):
    content = desk_content()
    x = content.explainers[slug]
    feed = read_feed(desk_url + urls.download("explainer-feed", slug=slug))
    assert feed.feed.title == f"{x.story.title}: updates"
    assert feed.feed.subtitle == x.story.standfirst
    expected = [(day(d), text, correction, s) for d, text, correction, s in expected_entries(content, [x])]
    assert [as_read(entry) for entry in feed.entries] == expected
    # Each title says which explainer, and what changed.
    for entry, change in zip(feed.entries, sorted(x.story.changes, key=lambda c: sort_key(c.date), reverse=True)):
        assert x.story.title in entry.title and change.text in entry.title


def test_corrections_are_marked_in_the_title_and_as_a_category(desk_url: str):
    content = desk_content()
    feed = read_feed(desk_url + urls.download("desk-feed"))
    corrections = [c for x in content.explainers.values() for c in x.story.changes if c.correction]
    assert len(corrections) >= 2  # the fixture has some, or this test proves nothing
    marked = [e for e in feed.entries if e.title.startswith("Correction to ")]
    assert sorted(e.summary for e in marked) == sorted(c.text for c in corrections)
    for entry in marked:
        assert [(tag.term, tag.label) for tag in entry.tags] == [("correction", "Correction")]
    for entry in feed.entries:
        if entry not in marked:
            assert "tags" not in entry and "Correction" not in entry.title


def test_every_link_in_every_feed_leads_to_a_page_of_the_site(desk_url: str, desk_site: Path):
    # Fetched by a reader, the links resolve against the feed's address: each one must lead to a
    # page that is there, and to its "What changed" section.
    content = desk_content()
    feeds = [urls.download("desk-feed")] + [urls.download("explainer-feed", slug=slug) for slug in content.explainers]
    for path in feeds:
        feed = read_feed(desk_url + path)
        self_link = next(link.href for link in feed.feed.links if link.rel == "self")
        assert self_link == desk_url + path
        home = next(link.href for link in feed.feed.links if link.rel == "alternate")
        with urllib.request.urlopen(home, timeout=30) as response:
            assert response.status == 200 and "text/html" in response.headers["Content-Type"]
        for entry in feed.entries:
            address, _, fragment = entry.link.partition("#")
            assert address.startswith(desk_url), entry.link
            with urllib.request.urlopen(address, timeout=30) as response:
                page = BeautifulSoup(response.read().decode("utf-8"), "html.parser")
            heading = page.find(id=fragment)
            assert heading is not None and heading.get_text(" ", strip=True).startswith("What changed"), entry.link


# -- what RFC 4287 requires, checked on the XML itself ---------------------------------------------
# feedparser reads feeds leniently, as readers do; these are the rules a strict reader relies on.

A = "{http://www.w3.org/2005/Atom}"
# RFC 3339 date-times, as Atom's dates must be (section 3.3).
DATE_TIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")
# An absolute IRI: a scheme, then anything (section 4.2.6: an id is an absolute IRI).
ABSOLUTE = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:\S+$")


def atom_problems(xml: bytes) -> list[str]:
    """What in a feed breaks RFC 4287's rules for feeds and entries (sections 4.1.1 and 4.1.2)."""
    root = ET.fromstring(xml)
    found = []
    if root.tag != f"{A}feed":
        return [f"the root is {root.tag}, not an Atom feed"]

    def once(parent: ET.Element, name: str, where: str, required: bool = True) -> None:
        n = len(parent.findall(f"{A}{name}"))
        if n > 1 or (required and n == 0):
            found.append(f"{where}: {n} <{name}> (expected {'exactly' if required else 'at most'} one)")

    def dates(parent: ET.Element, where: str) -> None:
        for name in ("updated", "published"):
            for element in parent.findall(f"{A}{name}"):
                if not DATE_TIME.match(element.text or ""):
                    found.append(f"{where}: <{name}> {element.text!r} is not an RFC 3339 date-time")

    def links(parent: ET.Element, where: str) -> None:
        seen = set()
        for link in parent.findall(f"{A}link"):
            if not link.get("href"):
                found.append(f"{where}: a <link> with no href")
            key = (link.get("rel", "alternate"), link.get("type"), link.get("hreflang"))
            if key[0] == "alternate" and key in seen:
                found.append(f"{where}: two alternate links of the same type and language")
            seen.add(key)

    for name in ("id", "title", "updated"):
        once(root, name, "feed")
    once(root, "subtitle", "feed", required=False)
    dates(root, "feed")
    links(root, "feed")
    if not any(link.get("rel") == "self" for link in root.findall(f"{A}link")):
        found.append("feed: no self link (a SHOULD)")
    for element in [root, *root.findall(f"{A}entry")]:
        identifier = element.find(f"{A}id")
        if identifier is not None and not ABSOLUTE.match(identifier.text or ""):
            found.append(f"{element.tag}: id {identifier.text!r} is not an absolute IRI")
    feed_author = root.find(f"{A}author")
    for i, entry in enumerate(root.findall(f"{A}entry")):
        where = f"entry {i}"
        for name in ("id", "title", "updated"):
            once(entry, name, where)
        once(entry, "summary", where, required=False)
        dates(entry, where)
        links(entry, where)
        if entry.find(f"{A}content") is None and not any(link.get("rel", "alternate") == "alternate" for link in entry.findall(f"{A}link")):
            found.append(f"{where}: neither content nor an alternate link")
        if feed_author is None and entry.find(f"{A}author") is None:
            found.append(f"{where}: no author, and the feed has none")
        for category in entry.findall(f"{A}category"):
            if not category.get("term"):
                found.append(f"{where}: a category with no term")
    if feed_author is not None and not (feed_author.findtext(f"{A}name") or "").strip():
        found.append("feed: an author with no name")
    return found


def test_the_checker_catches_what_rfc_4287_forbids():
    good = b'<feed xmlns="http://www.w3.org/2005/Atom"><id>urn:uuid:1</id><title>t</title><updated>2025-06-02T00:00:00Z</updated>' \
           b'<link rel="self" href="feed.xml"/><author><name>a</name></author></feed>'
    assert atom_problems(good) == []
    assert atom_problems(good.replace(b"2025-06-02T00:00:00Z", b"2025-06-02"))
    assert atom_problems(good.replace(b"urn:uuid:1", b"feed/1"))
    assert atom_problems(good.replace(b"<title>t</title>", b""))
    entry = b"<entry><id>urn:uuid:2</id><title>e</title><updated>2025-06-02T00:00:00Z</updated></entry></feed>"
    assert atom_problems(good.replace(b"</feed>", entry)) == ["entry 0: neither content nor an alternate link"]


def test_every_feed_keeps_rfc_4287s_rules(desk_site: Path, built_site: Path):
    for site, content in ((desk_site, desk_content()), (built_site, validate(load(CONTENT)))):
        paths = [urls.download("desk-feed")] + [urls.download("explainer-feed", slug=slug) for slug in content.explainers]
        for path in paths:
            xml = (site / path).read_bytes()
            assert xml.startswith(b'<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">')
            assert atom_problems(xml) == [], path


def test_ids_are_unique_and_urns(desk_url: str):
    content = desk_content()
    paths = [urls.download("desk-feed")] + [urls.download("explainer-feed", slug=slug) for slug in content.explainers]
    every: dict[str, str] = {}
    for path in paths:
        feed = read_feed(desk_url + path)
        ids = [entry.id for entry in feed.entries]
        assert len(set(ids)) == len(ids), path
        assert all(re.fullmatch(r"urn:uuid:[0-9a-f-]{36}", i) for i in [feed.feed.id, *ids]), path
        # An update has the same id in its explainer's feed as in the desk's: it is one entry.
        for entry in feed.entries:
            assert every.setdefault(entry.summary + entry.updated + entry.link, entry.id) == entry.id
    assert len({read_feed(desk_url + path).feed.id for path in paths}) == len(paths)


# -- stable: builds, ids and dates --------------------------------------------------------------


def test_two_builds_give_the_same_feeds_byte_for_byte(desk_site: Path, tmp_path: Path):
    again = build(tmp_path / "elsewhere" / "project", DESK)
    paths = [urls.download("desk-feed")] + [urls.download("explainer-feed", slug=slug) for slug in desk_content().explainers]
    for path in paths:
        assert (again / path).read_bytes() == (desk_site / path).read_bytes(), path


def _ids(site: Path, path: str, slug: str) -> dict[str, str]:
    """What changed → the entry's id, for one explainer's updates in a feed."""
    # Read as if fetched from its address in the site, so that its relative links resolve.
    headers = {"content-location": f"http://site.invalid/{path}", "content-type": ATOM}
    feed = feedparser.parse((site / path).read_bytes(), response_headers=headers)
    return {entry.summary: entry.id for entry in feed.entries if entry.link.startswith(f"http://site.invalid/{slug}/")}


def test_an_update_keeps_its_id_when_others_are_added_or_it_is_reworded(desk_site: Path, tmp_path: Path):
    # Feed readers know an entry by its id: a new update must not make old ones new again, nor
    # must fixing a typo in an update's text.
    content = shutil.copytree(DESK, tmp_path / "content")
    slug = "budget-deal"
    path = content / "explainers" / slug / "explainer.yml"
    story = yaml.safe_load(path.read_text(encoding="utf-8"))
    first = story["changes"][0]
    reworded = first["text"].replace("Corrected", "Fixed")
    assert reworded != first["text"]
    story["changes"] = [
        {"date": first["date"], "text": "Added the final vote count."},  # the same day, newer
        {**first, "text": reworded},
        *story["changes"][1:],
    ]
    write_yaml(path, story)
    site = build(tmp_path / "project", content)

    feed = urls.download("explainer-feed", slug=slug)
    before, after = _ids(desk_site, feed, slug), _ids(site, feed, slug)
    assert after[reworded] == before[first["text"]]
    for text, entry_id in before.items():
        if text != first["text"]:
            assert after[text] == entry_id, text
    assert after["Added the final vote count."] not in before.values()
    # The desk's feed carries the same ids.
    assert _ids(site, urls.download("desk-feed"), slug) == after


def test_with_a_site_url_every_address_is_full(tmp_path: Path):
    site = build(tmp_path / "project", DESK, env={"SITE_URL": SITE_URL})
    content = desk_content()
    for slug in [None, *content.explainers]:
        path = urls.download("explainer-feed", slug=slug) if slug else urls.download("desk-feed")
        feed = feedparser.parse((site / path).read_bytes())
        assert not feed.bozo
        addresses = [link.href for link in feed.feed.links] + [entry.link for entry in feed.entries]
        assert next(link.href for link in feed.feed.links if link.rel == "self") == SITE_URL + path
        for address in addresses:
            assert address.startswith(SITE_URL), address
            page = urllib.parse.urlsplit(address[len(SITE_URL):]).path
            target = site / (page + "index.html" if page == "" or page.endswith("/") else page)
            assert target.is_file(), address
        raw = (site / path).read_text(encoding="utf-8")
        assert 'href="http' in raw and 'href=".' not in raw
    # The pages' links to the feeds are full addresses too.
    overview = BeautifulSoup((site / urls.url(urls.path("explainer", slug="budget-deal")) / "index.html").read_text(encoding="utf-8"), "html.parser")
    hrefs = [link["href"] for link in overview.select(f"head link[rel=alternate][type='{ATOM}']")]
    assert hrefs == [SITE_URL + urls.download("explainer-feed", slug="budget-deal"), SITE_URL + urls.download("desk-feed")]


def test_the_desk_feed_holds_the_newest_updates_and_each_explainer_all_of_its_own(tmp_path: Path):
    # A long-running explainer: more updates than the desk's feed carries.
    content = shutil.copytree(FIXTURES / "minimal", tmp_path / "content")
    path = content / "explainer.yml"
    story = yaml.safe_load(path.read_text(encoding="utf-8"))
    many = DESK_ENTRIES + 20
    newest = story["updated"]  # a date, as YAML reads it
    story["changes"] = [{"date": (newest - datetime.timedelta(days=i)).isoformat(), "text": f"Update {many - i}."} for i in range(many)]
    story["date"] = story["changes"][-1]["date"]  # first published with the oldest update
    write_yaml(path, story)
    files = generate(content).files
    (slug,) = validate(load(content)).explainers
    own = feedparser.parse(files[urls.download("explainer-feed", slug=slug)].encode())
    desk = feedparser.parse(files[urls.download("desk-feed")].encode())
    assert len(own.entries) == many
    assert [e.summary for e in desk.entries] == [e.summary for e in own.entries][:DESK_ENTRIES]
    dates = [e.updated for e in own.entries]
    assert dates == sorted(dates, reverse=True)


def test_hostile_text_in_an_update_is_text_in_the_feed(tmp_path: Path):
    content = shutil.copytree(FIXTURES / "minimal", tmp_path / "content")
    path = content / "explainer.yml"
    story = yaml.safe_load(path.read_text(encoding="utf-8"))
    hostile = "<script>alert(1)</script> ]]> &amp; {{ 7*7 }} <![CDATA[ x"
    story["title"] = "Harbour <b>talks</b> & co"
    story["changes"][0]["text"] = hostile
    write_yaml(path, story)
    generated = generate(content)
    (slug,) = validate(load(content)).explainers
    for path in (urls.download("desk-feed"), urls.download("explainer-feed", slug=slug)):
        feed = feedparser.parse(generated.files[path].encode())
        assert not feed.bozo, feed.get("bozo_exception")
        entry = feed.entries[0]
        assert entry.summary == hostile
        assert entry.title == f"Correction to Harbour <b>talks</b> & co: {hostile}"
        assert "<script>" not in generated.files[path]


# -- where the feeds are offered ----------------------------------------------------------------


def _head_feeds(page: BeautifulSoup) -> list[tuple[str, str]]:
    return [(link["title"], link["href"]) for link in page.select(f"head link[rel=alternate][type='{ATOM}']")]


def test_every_page_links_the_desk_feed_and_an_explainers_pages_its_own_first(desk_url: str, desk_site: Path):
    content = desk_content()
    desk_feed = urls.download("desk-feed")
    pages = sorted(p for p in desk_site.rglob("index.html"))
    assert len(pages) > 20
    for file in pages:
        rel = file.relative_to(desk_site).as_posix()
        page_address = desk_url + rel[: -len("index.html")]
        page = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
        found = [(title, urllib.parse.urljoin(page_address, href)) for title, href in _head_feeds(page)]
        slug = next((s for s in content.explainers if rel.startswith(f"{s}/")), None)
        expected = [(f"{content.desk.title}: updates", desk_url + desk_feed)]
        if slug:
            x = content.explainers[slug]
            expected.insert(0, (f"{x.story.title}: updates", desk_url + urls.download("explainer-feed", slug=slug)))
        assert found == expected, rel
    # And each address is a feed.
    for _, address in expected:
        with urllib.request.urlopen(address, timeout=30) as response:
            assert response.read().startswith(b'<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"')


def _links_to(page: BeautifulSoup, page_address: str, target: str) -> list[str]:
    return [a.get_text(" ", strip=True) for a in page.select("article a[href]") if urllib.parse.urljoin(page_address, a["href"]) == target]


def test_the_home_page_and_each_overview_show_their_feeds(desk_url: str, desk_site: Path):
    content = desk_content()
    home = BeautifulSoup((desk_site / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert _links_to(home, desk_url, desk_url + urls.download("desk-feed")) == ["the site's Atom feed"]
    for slug in content.explainers:
        address = desk_url + urls.url(urls.path("explainer", slug=slug))
        overview = BeautifulSoup((desk_site / urls.url(urls.path("explainer", slug=slug)) / "index.html").read_text(encoding="utf-8"), "html.parser")
        assert _links_to(overview, address, desk_url + urls.download("explainer-feed", slug=slug)) == ["this explainer's Atom feed"], slug
        assert _links_to(overview, address, desk_url + urls.download("desk-feed")) == ["the site's feed"], slug
        # Shown under "What changed", where a reader looks for it.
        link = overview.select_one(f"article a[href='{urls.href(urls.path('explainer', slug=slug), urls.download('explainer-feed', slug=slug))}']")
        heading = link.find_previous(["h2"])
        assert heading.get_text(" ", strip=True).startswith("What changed"), slug


def test_the_shipped_desk_has_feeds_for_every_explainer(built_site: Path):
    content = validate(load(CONTENT))
    for slug, x in content.explainers.items():
        feed = feedparser.parse((built_site / urls.download("explainer-feed", slug=slug)).read_bytes())
        assert not feed.bozo and len(feed.entries) == len(x.story.changes) >= 1, slug
    desk = feedparser.parse((built_site / urls.download("desk-feed")).read_bytes())
    assert len(desk.entries) == sum(len(x.story.changes) for x in content.explainers.values())
