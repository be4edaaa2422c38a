"""Every address the built site writes leads somewhere, with directory URLs (MkDocs' default:
``actors/russia/``) and without (``use_directory_urls: false``: ``actors/russia.html``, a site
that can be read from disk). MkDocs checks the links in the pages' Markdown; these are all the
others too: raw HTML blocks (charts, cards, tables of stances), the theme's, the 404 page's and
the embed pages', the structured data's and the feeds'."""

from __future__ import annotations

import json
import re
import urllib.parse
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from .conftest import CONTENT

# An address with a scheme (http:, https:, mailto:, data:, javascript:) or a host of its own.
EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//)", re.IGNORECASE)


# Every address in a site, as (file, what holds it, the address), and the ids of each page.
Read = tuple[list[tuple[str, str, str]], dict[str, set[str]]]


def addresses(site: Path) -> Read:
    """Every address in the site's pages (any element's href or src, the structured data's @id)
    and feeds (each link's href), and each page's ids, by its path: each page read once."""
    found = []
    ids: dict[str, set[str]] = {}
    for page in sorted(site.rglob("*.html")):
        rel = page.relative_to(site).as_posix()
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        ids[rel] = {element["id"] for element in soup.find_all(id=True)}
        for element in soup.find_all(True):
            for attribute in ("href", "src"):
                if element.has_attr(attribute):
                    found.append((rel, f"<{element.name} {attribute}>", element[attribute]))
        for script in soup.find_all("script", type="application/ld+json"):
            found += [(rel, "JSON-LD @id", at) for at in _ids(json.loads(script.string))]
    for feed in sorted(site.glob("*.xml")):
        if feed.name.startswith("sitemap"):
            continue  # MkDocs' own, with full addresses only
        links = ET.parse(feed).getroot().iter("{http://www.w3.org/2005/Atom}link")
        found += [(feed.name, "<link href>", link.get("href")) for link in links]
    return found, ids


def _ids(data: object) -> list[str]:
    if isinstance(data, dict):
        return [*([data["@id"]] if isinstance(data.get("@id"), str) else []), *(i for v in data.values() for i in _ids(v))]
    if isinstance(data, list):
        return [i for v in data for i in _ids(v)]
    return []


def broken(site: Path, directory_urls: bool, read: Read | None = None) -> list[str]:
    """Every address that does not lead to a file of the site (or to an id on the page it
    names), of the site as ``addresses`` read it (read again when not given)."""
    problems = []
    found, ids = read or addresses(site)
    for rel, holder, address in found:
        if EXTERNAL.match(address) or address.startswith("#"):
            continue  # another site's, or a place on the same page (test_site checks those)
        parts = urllib.parse.urlsplit(urllib.parse.urljoin(f"http://site.invalid/{rel}", address))
        path = urllib.parse.unquote(parts.path).lstrip("/")
        if directory_urls and (path == "" or path.endswith("/")):
            path += "index.html"  # a folder's address is served as its index.html
        if not (site / path).is_file():
            problems.append(f"{rel}: {holder} {address!r} → no file {path}")
            continue
        if parts.fragment and path.endswith(".html"):
            if urllib.parse.unquote(parts.fragment) not in ids[path]:
                problems.append(f"{rel}: {holder} {address!r} → {path} has no #{parts.fragment}")
    return problems


@pytest.mark.parametrize("directory_urls", [True, False], ids=["directory-urls", "html-file-urls"])
def test_every_address_in_the_built_site_leads_to_one_of_its_files(shared_build, directory_urls):
    # Without: MkDocs' own switch, as `use_directory_urls: false` in mkdocs.yml sets it.
    site = shared_build(CONTENT, *([] if directory_urls else ["--no-directory-urls"]))
    read = addresses(site)
    found, _ = read
    # Every kind of file the site writes addresses into is looked at.
    assert {"404.html", "feed.xml"} <= {rel for rel, _, _ in found}
    assert any("/embed/" in rel for rel, _, _ in found)
    assert any(holder == "JSON-LD @id" for _, holder, _ in found)
    assert broken(site, directory_urls, read) == []
