"""What MkDocs does with each page of a build, and what it leaves on the page: what a dirty
build skips, and the two steps a plugin may do in MkDocs' place (reusing a page built before, or
one another process converted).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.commands import build as build_command
from mkdocs.structure.pages import Page

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig



# -- dirty builds -----------------------------------------------------------------------------


def skipped(page: Page) -> bool:
    """Whether a dirty build left the page unread: its source file was not newer than the page
    MkDocs built from it before (``File.is_modified``)."""
    return page.markdown is None


# What a page read in a build knows of itself that others show or check: its title (the
# navigation names it), front matter, and anchors (links to them are checked).
PageState = tuple  # (title, meta, present_anchor_ids)


def page_state(page: Page) -> PageState:
    return (page.title, page.meta, page.present_anchor_ids)


def restore_page_state(page: Page, state: PageState) -> None:
    """A page a dirty build skipped, given what it knew when it was read (MkDocs checks anchors
    only against a page's ``present_anchor_ids``, None when it was not rendered)."""
    page.title, page.meta, page.present_anchor_ids = state


# -- `mkdocs build` reusing pages ------------------------------------------------------------

# What MkDocs does with one page: ``step()`` runs MkDocs' own code for it; a hook may instead
# not call it, having done what it would have done. ``step(other)`` does it for another page of
# the same build (``two_cores.py`` does some in a second process).
PageStep = Callable[["Page", Callable[..., None]], None]


def reuse_pages(populate: PageStep, build: PageStep) -> Callable[[], None]:
    """MkDocs' build reads and converts every page (``_populate_page``), then renders each with
    the theme and writes it (``_build_page``), and has no event in which a plugin may do either
    step in its place: the build command looks both up in its module at each call, and wrapped
    there each is given to a hook with the page. Returns what undoes the wrapping."""
    populate_page, build_page = build_command._populate_page, build_command._build_page

    def populating(page: Page, config: MkDocsConfig, files, dirty: bool = False) -> None:
        def step(other: Page = page) -> None:
            populate_page(other, config, files, dirty)

        populate(page, step)

    def building(page: Page, config: MkDocsConfig, doc_files, nav, env, dirty: bool = False, excluded: bool = False) -> None:
        def step(other: Page = page) -> None:
            build_page(other, config, doc_files, nav, env, dirty, excluded if other is page else other.file.inclusion.is_excluded())

        build(page, step)

    def undo() -> None:
        build_command._populate_page, build_command._build_page = populate_page, build_page

    build_command._populate_page, build_command._build_page = populating, building
    return undo


# What a converted page knows of itself that the rest of a build reads: its title (the
# navigation and the previous/next links name it), front matter, the anchors it has, and the
# anchors it links to (by the linked page's path), which MkDocs checks after every page is built.
ReadPage = tuple  # (title, meta, present_anchor_ids, {src_uri: {anchor: link}})


def read_page(page: Page) -> ReadPage:
    return (page.title, page.meta, page.present_anchor_ids, _links_by_path(page.links_to_anchors or {}))


def restore_read_page(page: Page, read: ReadPage, files) -> bool:
    """A page given what it knew when it was converted, as if converted again; False when a page
    it links to is no longer among ``files`` (the caller converts it instead)."""
    title, meta, anchors, links = read
    targets = _links_to_files(links, files)
    if targets is None:
        return False
    page.title, page.meta, page.present_anchor_ids, page.links_to_anchors = title, meta, anchors, targets
    return True


# What MkDocs' conversion of a page (``_populate_page``: its source read, the plugins' page
# events, Markdown to HTML) leaves on it for the rest of the build, by attribute; the title is
# one when a plugin set it (ours does, in on_page_content).
CONVERTED = frozenset({"markdown", "meta", "content", "toc", "_title_from_render", "present_anchor_ids",
                       "links_to_anchors", "title"})


def converted(page: Page) -> dict:
    """What converting the page left on it, to be handed to another process: the pages it links
    to by path."""
    found = {name: value for name, value in vars(page).items() if name in CONVERTED}
    if found.get("links_to_anchors") is not None:
        found["links_to_anchors"] = _links_by_path(found["links_to_anchors"])
    return found


def restore_converted(page: Page, found: dict, files) -> bool:
    """A page as another process converted it (``converted``); False when a page it links to is
    not among ``files`` (the caller converts it instead)."""
    if found.get("links_to_anchors") is not None:
        targets = _links_to_files(found["links_to_anchors"], files)
        if targets is None:
            return False
        found = {**found, "links_to_anchors": targets}
    for name, value in found.items():
        setattr(page, name, value)
    return True


def _links_by_path(links: dict) -> dict[str, dict[str, str]]:
    """A page's links to anchors (``links_to_anchors``), each linked page by its path."""
    return {file.src_uri: dict(anchors) for file, anchors in links.items()}


def _links_to_files(links: dict[str, dict[str, str]], files) -> dict | None:
    """``_links_by_path`` undone, with ``files``' File objects; None when one is not among them."""
    targets = {uri: files.get_file_from_path(uri) for uri in links}
    if any(target is None for target in targets.values()):
        return None
    return {targets[uri]: dict(anchors) for uri, anchors in links.items()}


def new_page(file, config: MkDocsConfig) -> Page:
    """The page of a file the navigation does not list, made as MkDocs makes it at its turn."""
    return file.page if file.page is not None else Page(None, file, config)




def link_page(page: Page, built: Path) -> None:
    """A page's finished HTML, the file ``built`` (a page of the last build), put where MkDocs
    writes it: a hard link (no copy, and the file keeps its time, so that rsync passes it by),
    or a copy where the file system has none."""
    target = page.file.abs_dest_path
    os.makedirs(os.path.dirname(target), exist_ok=True)
    try:
        os.link(built, target)
    except OSError:
        shutil.copyfile(built, target)
