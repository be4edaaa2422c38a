"""Feeds: a validated desk → Atom feeds (RFC 4287) of its updates, ``{path in the site: XML}``.

Each explainer's change log (explainer.yml ``changes:``) is a feed, and the desk's feed holds
every explainer's updates, newest first. An update is an entry: its date, what changed, and a
link to the explainer's "What changed"; a correction says so in its title and is filed under
the category "correction".

Everything in a feed comes from the content, so that two builds give the same bytes:

- **ids** are ``urn:uuid:`` names derived from the desk's title, the explainer's folder name and
  the update's date and place among that day's updates (the oldest is 0). Rewording an update
  keeps its id, so feed readers do not show it again; renaming the desk or an explainer's
  folder gives new ids.
- **dates** are the updates' own, at midnight UTC (a month or a year: its first day).
- **links** are full addresses under ``site_url`` when the site has one (``SITE_URL``). Without
  it they are relative to the feed's own address, which RFC 4287 allows and feed readers
  resolve against the address they fetched the feed from; a copy of the feed read from
  anywhere else has links that lead nowhere.

Written with the standard library's ElementTree, which escapes text; characters XML cannot
hold at all (control characters) are replaced with U+FFFD.
"""

from __future__ import annotations

import dataclasses
import re
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Set as AbstractSet

from . import urls
from .messages import filled
from .wording import Wording
from .model import Change
from .validated_desk import Content, Explainer
from .values import sort_key

ATOM = "http://www.w3.org/2005/Atom"
MEDIA_TYPE = "application/atom+xml"
# The namespace of every id this generator makes (a random UUID, drawn once): changing it would
# give every entry of every desk a new id.
NAMESPACE = uuid.UUID("9eaebb74-98b2-4c04-80e4-00187e578643")
# The desk's feed holds its newest updates, as feeds usually do, so its size does not grow with
# the desk; each explainer's feed holds all of that explainer's.
DESK_ENTRIES = 100

# What XML 1.0 cannot hold, even escaped: control characters other than tab and line breaks,
# lone surrogates, and U+FFFE and U+FFFF.
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


@dataclasses.dataclass(frozen=True)
class Update:
    """One entry of a change log, with what its id is made from."""

    x: Explainer
    change: Change
    # Its place among the explainer's updates of the same date, the oldest (last listed) first.
    ordinal: int


def updates(x: Explainer) -> list[Update]:
    """An explainer's updates, newest first (file order among updates of the same date)."""
    changes = x.story.changes
    found = []
    for i, change in enumerate(changes):
        later_same_day = sum(1 for other in changes[i + 1:] if other.date == change.date)
        found.append(Update(x, change, later_same_day))
    return sorted(found, key=lambda u: sort_key(u.change.date), reverse=True)


def feeds(w: Wording, content: Content, site_url: str | None = None, explainers: AbstractSet[str] | None = None) -> dict[str, str]:
    """The desk's feed and each explainer's, keyed by their paths in the site; with
    ``explainers``, the desk's and those explainers' only (a preview's save, see preview.py)."""
    files: dict[str, str] = {}
    every: list[Update] = []
    for slug, x in content.explainers.items():
        found = updates(x)
        every += found
        if explainers is not None and slug not in explainers:
            continue
        here = urls.download("explainer-feed", slug=slug)
        files[here] = _feed(
            w, content, here, site_url, found,
            name=f"{content.desk.title}\n{slug}",
            title=feed_title(w, "explainer-feed", x.story.title),
            subtitle=x.story.standfirst,
            home=urls.path("explainer", slug=slug),
            updated=x.story.updated,
        )
    # Newest first; among updates of the same day, the desk's order (newest explainer first).
    every.sort(key=lambda u: sort_key(u.change.date), reverse=True)
    here = urls.download("desk-feed")
    files[here] = _feed(
        w, content, here, site_url, every[:DESK_ENTRIES],
        name=content.desk.title,
        title=feed_title(w, "desk-feed", content.desk.title),
        subtitle=content.desk.description,
        home=urls.path("desk"),
        updated=content.updated,
    )
    return files


def feed_title(w: Wording, kind: str, title: str) -> str:
    """What feed readers and browsers call a feed: ``Riverton budget desk: updates``."""
    return filled(w.feed_titles[kind], title=_line(title))


def entry_title(w: Wording, update: Update) -> str:
    """``The deal: First published.``; ``Correction to The deal: Corrected the date.``"""
    words = w.FEED_CORRECTION if update.change.correction else w.FEED_ENTRY
    return filled(words, title=_line(update.x.story.title), text=_line(update.change.text))


def entry_id(content: Content, update: Update) -> str:
    name = f"{content.desk.title}\n{update.x.slug}\n{update.change.date}\n{update.ordinal}"
    return _id(name)


def _id(name: str) -> str:
    return uuid.uuid5(NAMESPACE, name).urn


def _feed(w: Wording, content: Content, here: str, site_url: str | None, entries: list[Update], *, name: str, title: str,
          subtitle: str | None, home: str, updated: str) -> str:
    # Atom's namespace as the default one, declared on the root: the elements are named without
    # it, as ElementTree cannot write a default namespace beside attributes that have none.
    feed = ET.Element("feed", {"xmlns": ATOM, "xml:lang": w.language})
    _text(feed, "title", title)
    if subtitle:
        _text(feed, "subtitle", subtitle)
    _link(feed, "self", MEDIA_TYPE, urls.absolute(site_url, here, here))
    _link(feed, "alternate", "text/html", urls.absolute(site_url, here, home))
    _text(feed, "id", _id(name))
    newest = max([updated, *(u.change.date for u in entries)], key=sort_key)
    _text(feed, "updated", _instant(newest))
    author = ET.SubElement(feed, "author")
    _text(author, "name", content.desk.title)
    for update in entries:
        entry = ET.SubElement(feed, "entry")
        _text(entry, "title", entry_title(w, update))
        changes = urls.path("explainer", slug=update.x.slug)
        _link(entry, "alternate", "text/html", urls.absolute(site_url, here, changes, urls.anchor("changes")))
        _text(entry, "id", entry_id(content, update))
        _text(entry, "published", _instant(update.change.date))
        _text(entry, "updated", _instant(update.change.date))
        if update.change.correction:
            ET.SubElement(entry, "category", term="correction", label=w.FEED_CORRECTION_CATEGORY)
        _text(entry, "summary", update.change.text)
    ET.indent(feed)
    body = ET.tostring(feed, encoding="unicode")
    return f'<?xml version="1.0" encoding="utf-8"?>\n{body}\n'


def _text(parent: ET.Element, tag: str, text: str) -> None:
    ET.SubElement(parent, tag).text = _NOT_XML.sub("\ufffd", text)


def _link(parent: ET.Element, rel: str, media_type: str, href: str) -> None:
    ET.SubElement(parent, "link", rel=rel, type=media_type, href=_NOT_XML.sub("\ufffd", href))


def _line(text: str) -> str:
    """Text on one line, as a title is shown."""
    return " ".join(text.split())


def _instant(date: str) -> str:
    """An RFC 3339 date-time for a (possibly partial) date: its first moment, in UTC."""
    year, month, day = sort_key(date)
    return f"{year:04d}-{month or 1:02d}-{day or 1:02d}T00:00:00Z"
