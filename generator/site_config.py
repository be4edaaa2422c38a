"""The site's configuration (mkdocs.yml) as the plugin reads and completes it."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from . import PARTIALS, Generated, site_url_problem
from .diagnostics import ContentError, Diagnostic
from .load import display_path
from .messages import PERMALINK_TITLE
from .templating import site_name, theme
from .wording import Wording

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

# The theme's stylesheets, in the order a page loads them (print last, so that it wins on
# paper): added to extra_css when mkdocs.yml does not list them.
STYLESHEETS = ("assets/stylesheets/explainer.css", "assets/stylesheets/visuals.css", "assets/stylesheets/print.css")


def add_theme(config: MkDocsConfig) -> None:
    """The package's theme (main.html, the pictures' partials, the stylesheets) for a Material
    site, searched after the site's own custom_dir, which may replace any of its files."""
    if config.theme.name != "material":
        return
    dirs = config.theme.dirs
    if os.path.realpath(theme()) not in map(os.path.realpath, dirs):
        dirs.insert(1 if config.theme.custom_dir else 0, str(theme()))
    config.extra_css.extend(sheet for sheet in STYLESHEETS if sheet not in config.extra_css)


def speak_words(config: MkDocsConfig, language: str) -> None:
    """The words mkdocs.yml gives the theme, in ``language`` where the catalogs have them
    (messages.PALETTE_TOGGLES, PERMALINK_TITLE; other words stay as written): each colour-scheme
    toggle's name, and the title of the link after every heading. Each language's site reads
    mkdocs.yml anew, in English."""
    w = Wording.of(language)
    palette = config.theme.get("palette") or []
    # (Each word is put in a variable first: Babel takes any string literal in a gettext call,
    # such as a key, for a word to translate.)
    for option in [palette] if isinstance(palette, dict) else palette:
        toggle = option.get("toggle") if isinstance(option, dict) else None
        name = toggle.get("name") if isinstance(toggle, dict) else None
        if isinstance(name, str):
            toggle["name"] = w.gettext(name)
    toc = config.mdx_configs.get("toc")
    if isinstance(toc, dict) and toc.get("permalink"):
        title = toc.get("permalink_title") or PERMALINK_TITLE
        toc["permalink_title"] = w.gettext(title)


def partials(config: MkDocsConfig) -> Path:
    """The pictures' HTML partials: the site's own (custom_dir's partials/explainer/), else the package's."""
    custom = Path(config.theme.custom_dir) / "partials" / "explainer" if config.theme.custom_dir else None
    return custom if custom is not None and custom.is_dir() else PARTIALS


def site_url_problem_of(config: MkDocsConfig) -> Diagnostic | None:
    """What is wrong with site_url, named as the editor gave it: SITE_URL when it comes from
    there (mkdocs.yml's `!ENV [SITE_URL, null]`; MkDocs adds a slash), else mkdocs.yml's own."""
    given = os.environ.get("SITE_URL")
    if given is not None and config.site_url is not None and config.site_url.rstrip("/") == given.rstrip("/"):
        return site_url_problem(given, "SITE_URL")
    return site_url_problem(config.site_url, display_path(Path(config.config_file_path)), "site_url ")


def templates_found(folder: Path | None) -> None:
    """The folder the plugin's ``templates`` option names is there (a content problem, shown
    while previewing, until it is)."""
    if folder is not None and not folder.is_dir():
        raise ContentError([Diagnostic(
            display_path(folder), 0, 0, "error",
            "templates folder not found (expected the folder the plugin's 'templates' option names)",
        )])


def from_content(config: MkDocsConfig, generated: Generated | None, pages: Iterable[str]) -> None:
    """What the content sets in the configuration: the navigation, the desk's name and the
    theme's own words (404.html) in the site's language. Before the content was ever valid
    there is no desk.yml to say them: the stand-in ``pages`` are the navigation, in English.

    The navigation is the generator's short list of key pages (MkDocs reads config.nav right
    after on_files), every other page left out of it: its size, which every page carries,
    does not grow with the desk."""
    config.nav = generated.nav if generated is not None else list(pages)
    if generated is not None and generated.site_name:
        config.site_name = site_name(generated.site_name)
    config.extra["explainer_words"] = generated.theme_words if generated is not None else Wording.of("en").theme_words
