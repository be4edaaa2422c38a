"""The site's configuration (mkdocs.yml) as the plugin reads and completes it, and as the
generator writes it for an engine that runs no plugins (``engine_config``)."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from . import PARTIALS, Generated, site_url_problem
from .diagnostics import ContentError, Diagnostic
from .load import display_path
from .messages import PALETTE_TOGGLES, PERMALINK_TITLE
from .templating import theme, theme_text
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
        toc["permalink_title"] = permalink_title(w, toc)


def permalink_title(w: Wording, toc: dict) -> str:
    """The title of the link after each heading, as the ``toc`` options give it (else
    Python-Markdown's), in the language of ``w`` where the catalogs have it."""
    return w.gettext(toc.get("permalink_title") or PERMALINK_TITLE)


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
        config.site_name = theme_text(generated.site_name)
    if generated is not None and generated.site_description:
        config.site_description = theme_text(generated.site_description)
    config.extra["explainer_words"] = generated.theme_words if generated is not None else Wording.of("en").theme_words


def error_page(context: dict, template_name: str, config: MkDocsConfig, language: str | None) -> dict:
    """The 404 page of another language's site, whose links are from the server's root: with no
    site_url to say where the site is, MkDocs takes that root for the site's own (mkdocs#1598),
    and it is the default language's. This site is published under it, at /CODE/."""
    if language is not None and template_name == "404.html" and not config.site_url:
        context["base_url"] = f"/{language}/"
    return context


def mkdocs_yml() -> dict:
    """mkdocs.yml, read with MkDocs' own reader, for its tags."""
    from mkdocs.utils import yaml_load  # only here: `check` and `new` need no MkDocs

    with open("mkdocs.yml", encoding="utf-8") as file:
        return yaml_load(file) or {}


def _toc_options(config: dict) -> dict | None:
    """mkdocs.yml's options for Python-Markdown's ``toc``, when it gives some in plain values
    (text, numbers, true or false), which another configuration can repeat."""
    for entry in config.get("markdown_extensions") or []:
        if isinstance(entry, dict) and isinstance(entry.get("toc"), dict):
            options = entry["toc"]
            return options if all(isinstance(v, (str, int, float, bool)) for v in options.values()) else None
    return None


def engine_config(generated: Generated, config: Path, docs_dir: Path, site_dir: Path | None,
                  language: str | None = None, site_url: str | None = None) -> str:
    """mkdocs.yml for an engine that runs no MkDocs plugins, such as Zensical: what the
    ``explainer`` plugin adds to a build (the pages, the navigation, the desk's title), written
    into a configuration that inherits mkdocs.yml (``INHERIT``, which MkDocs, ProperDocs and
    Zensical all read). Paths in it are relative to its own folder, as the engines read them."""
    here = config.resolve().parent
    settings: dict[str, object] = {
        "INHERIT": os.path.relpath(Path("mkdocs.yml").resolve(), here),
        "docs_dir": os.path.relpath(docs_dir.resolve(), here),
    }
    if site_dir is not None:
        settings["site_dir"] = os.path.relpath(site_dir.resolve(), here)
    if generated.site_name:
        # As the plugin sets them (templating.theme_text), as the plain text YAML can hold.
        settings["site_name"] = str(theme_text(generated.site_name))
    if generated.site_description:
        settings["site_description"] = str(theme_text(generated.site_description))
    settings["nav"] = generated.nav
    # The theme's own words (404.html) in the site's language, as the plugin gives them (INHERIT
    # merges this `extra` into mkdocs.yml's). So are the words mkdocs.yml gives the theme in
    # English (speak_words), but Zensical's INHERIT appends to a list rather than
    # replacing it: the palette's toggles are named here by their English names, for
    # overrides/partials/zensical/palette.html, and the toc's entry is given again, whole, with
    # its permalink title (of two entries for one extension, Zensical keeps the later).
    w = Wording.of(language or generated.languages[0])
    settings["extra"] = {
        "explainer_words": generated.theme_words,
        "explainer_toggles": {name: w.gettext(name) for name in PALETTE_TOGGLES},
    }
    toc = _toc_options(mkdocs_yml())
    if toc and toc.get("permalink"):
        settings["markdown_extensions"] = [{"toc": {**toc, "permalink_title": permalink_title(w, toc)}}]
    if language is not None:
        # Another language's site, as the plugin builds it: the theme speaks it, and it is
        # published under /CODE/. Each key of the theme's is inherited (INHERIT merges mappings).
        settings["theme"] = {"language": language}
        if site_url:
            settings["site_url"] = site_url
    header = (
        "# Written by `python -m generator render --config`: mkdocs.yml with the pages the generator\n"
        "# wrote, its navigation and the desk's title, for engines that run no MkDocs plugins (Zensical).\n"
        "# Do not edit: it is written anew on every render; change mkdocs.yml or the content instead.\n"
    )
    return header + yaml.safe_dump(settings, allow_unicode=True, sort_keys=False, width=1000)
