"""Our copies of the themes' templates stay copies: a theme upgrade that changes one fails here.

overrides/ replaces a few of the theme's own templates, Material's (MkDocs, ProperDocs) or
Zensical's, with a copy changed in a few places that the top of each file explains. Such a copy
rots silently: the theme changes its file, ours keeps the old one. Each test here compares a
copy with the installed theme's file, line by line, and requires exactly the changes listed
below, no more and no fewer. After upgrading a theme, bring the copy in step (its comment says
why each change is there) and keep this list true.
"""

from __future__ import annotations

import difflib
from importlib.metadata import version
from pathlib import Path

import material
import pytest

from .conftest import ROOT

OVERRIDES = ROOT / "overrides"
MATERIAL = Path(material.__file__).parent / "templates"
# What the themes' own files start with, in place of our comment on what we changed and why.
GENERATED = "{#-\n  This file was automatically generated - do not edit\n-#}\n"

Change = tuple[tuple[str, ...], tuple[str, ...]]  # (the theme's lines, ours in their place)

# partials/toc.html: the translations imported where Zensical's MiniJinja needs them, as
# Zensical's own file does…
TOC_IMPORTS_LANG: Change = ((), ('{% import "partials/language.html" as lang with context %}',))
# …and the title a <label for="__toc"> only where that switch exists.
TOC_LABEL: Change = (
    ('    <label class="md-nav__title" for="__toc">',),
    (
        "    {#- The page's entry in the navigation, found by address: Zensical does not mark its",
        "        nav.pages active. `generator` names Zensical, which MkDocs does not define. -#}",
        '    {% set in_nav = nav.pages | selectattr("url", "equalto", page.url) | first %}',
        '    {% set zensical_modern = generator is defined and "zensical" in generator and config.theme.variant != "classic" %}',
        '    <label class="md-nav__title"{% if in_nav or zensical_modern %} for="__toc"{% endif %}>',
    ),
)
# …and on an explainer's pages it is the explainer's own contents (partials/explainer-toc.html),
# the theme's table of contents left as it is for every other page. In Material's copy the
# first lines come right before the translations' import, and so make one change with it.
TOC_EXPLAINER_OPENS: Change = (
    (),
    ("{% if page.meta and page.meta.sections %}", '  {% include "partials/explainer-toc.html" %}', "{% else %}"),
)
TOC_EXPLAINER_CLOSES: Change = ((), ("{% endif %}",))
TOC_EXPLAINER_OPENS_AND_IMPORTS_LANG: Change = ((), TOC_EXPLAINER_OPENS[1] + TOC_IMPORTS_LANG[1])
# partials/nav.html: the menu lists the current explainer's pages first.
NAV_EXPLAINER_MENU: Change = ((), ('    {% include "partials/explainer-menu.html" %}',))
# partials/header.html, each theme's: the desk's name, or on a phone its short_title.
HEADER_MASTHEAD: Change = (
    ("            {{ config.site_name }}",),
    ('            {% include "partials/explainer-masthead.html" %}',),
)
# The logo's tooltip: the site's name as given, already escaped (templating.theme_text), as in the
# aria-label beside it; Zensical reads it from zensical.yml as text, and escaped it a second time.
LOGO_TOOLTIP_AS_GIVEN = {
    button: (
        (f'    <a href="{{{{ config.extra.homepage | d(nav.homepage.url, true) | url }}}}" title="{{{{ config.site_name | e }}}}" class="md-{button}__button md-logo" aria-label="{{{{ config.site_name }}}}" data-md-component="logo">',),
        (f'    <a href="{{{{ config.extra.homepage | d(nav.homepage.url, true) | url }}}}" title="{{{{ config.site_name }}}}" class="md-{button}__button md-logo" aria-label="{{{{ config.site_name }}}}" data-md-component="logo">',),
    )
    for button in ("nav", "header")
}
# partials/header.html, Zensical's: the palette's toggles from our copy of its palette.html…
HEADER_PALETTE_NAMED: Change = (
    ('        {% include "partials/palette.html" %}',),
    ('        {% include "partials/zensical/palette.html" %}',),
)
# …which names each toggle in the site's language (extra.explainer_toggles, by its English name).
PALETTE_NAME_SPOKEN: list[Change] = [
    (
        ("""    <input class="md-option" data-md-color-media="{{ option.media }}" data-md-color-scheme="{{ scheme | replace(' ', '-') }}" data-md-color-primary="{{ primary | replace(' ', '-') }}" data-md-color-accent="{{ accent | replace(' ', '-') }}" {% if option.toggle %} aria-label="{{ option.toggle.name }}" {% else %} aria-hidden="true" {% endif %} type="radio" name="__palette" id="__palette_{{ loop.index0 }}">""",),
        (
            """    {% set name = (config.extra.explainer_toggles or {})[option.toggle.name] | d(option.toggle.name, true) if option.toggle else "" %}""",
            """    <input class="md-option" data-md-color-media="{{ option.media }}" data-md-color-scheme="{{ scheme | replace(' ', '-') }}" data-md-color-primary="{{ primary | replace(' ', '-') }}" data-md-color-accent="{{ accent | replace(' ', '-') }}" {% if option.toggle %} aria-label="{{ name }}" {% else %} aria-hidden="true" {% endif %} type="radio" name="__palette" id="__palette_{{ loop.index0 }}">""",
        ),
    ),
    (
        ("""      <label class="md-header__button md-icon" title="{{ option.toggle.name }}" for="__palette_{{ loop.index % loop.length }}" hidden>""",),
        ("""      <label class="md-header__button md-icon" title="{{ name }}" for="__palette_{{ loop.index % loop.length }}" hidden>""",),
    ),
]
# partials/search.html, Material's: the search dialog named, as Zensical's is.
SEARCH_DIALOG_NAMED: Change = (
    ('<div class="md-search" data-md-component="search" role="dialog">',),
    ('<div class="md-search" data-md-component="search" role="dialog" aria-label="{{ lang.t(\'search\') }}">',),
)
# partials/tags.html: a tag's name (an explainer's title, text) escaped, with a link or without.
TAG_NAME_ESCAPED: Change = (("          {{- tag.name -}}",), ("          {{- tag.name | e -}}",))

# partials/alternate.html, the language switcher: the same page in each language, from the
# page's front matter, rather than the site-wide list in mkdocs.yml's `extra.alternate`…
ALTERNATE_PER_PAGE: Change = (
    (),
    ("{% set alternates = page.meta.alternates if page and page.meta and page.meta.alternates else [] %}", "{% if alternates %}"),
)
ALTERNATE_LOOP: Change = (("        {% for alt in config.extra.alternate %}",), ("        {% for alt in alternates %}",))
# …each link in its language, the page's own marked, the text escaped…
ALTERNATE_LINK: Change = (
    (
        '            <a href="{{ alt.link | url }}" hreflang="{{ alt.lang }}" class="md-select__link">',
        "              {{ alt.name }}",
    ),
    (
        '            <a href="{{ alt.href | e }}" hreflang="{{ alt.lang | e }}" lang="{{ alt.lang | e }}" class="md-select__link"'
        '{% if alt.current %} aria-current="page"{% endif %}>',
        "              {{ alt.name | e }}",
    ),
)
# …and nothing on a site in one language.
ALTERNATE_ENDS: Change = ((), ("{% endif %}",))
ALTERNATE = [ALTERNATE_PER_PAGE, ALTERNATE_LOOP, ALTERNATE_LINK, ALTERNATE_ENDS]

# Our copy → {theme: (the theme's file it copies, the changes)}.
COPIES: dict[str, dict[str, tuple[str, list[Change]]]] = {
    "partials/toc.html": {
        "material": ("partials/toc.html", [TOC_EXPLAINER_OPENS_AND_IMPORTS_LANG, TOC_LABEL, TOC_EXPLAINER_CLOSES]),
        "zensical": ("partials/toc.html", [TOC_EXPLAINER_OPENS, TOC_LABEL, TOC_EXPLAINER_CLOSES]),
    },
    "partials/nav.html": {
        "material": ("partials/nav.html", [LOGO_TOOLTIP_AS_GIVEN["nav"], NAV_EXPLAINER_MENU]),
        "zensical": ("partials/nav.html", [LOGO_TOOLTIP_AS_GIVEN["nav"], NAV_EXPLAINER_MENU]),
    },
    # partials/header.html picks one of these two by engine, as for the search.
    "partials/material/header.html": {"material": ("partials/header.html", [HEADER_MASTHEAD])},
    "partials/zensical/header.html": {
        "zensical": ("partials/header.html", [LOGO_TOOLTIP_AS_GIVEN["header"], HEADER_MASTHEAD, HEADER_PALETTE_NAMED]),
    },
    "partials/zensical/palette.html": {"zensical": ("partials/palette.html", PALETTE_NAME_SPOKEN)},
    "partials/tags.html": {
        "material": ("partials/tags.html", [TAG_NAME_ESCAPED, TAG_NAME_ESCAPED]),
        "zensical": ("partials/tags.html", [TAG_NAME_ESCAPED, TAG_NAME_ESCAPED]),
    },
    # partials/search.html picks one of these two by engine: the themes' searches differ.
    "partials/material/search.html": {"material": ("partials/search.html", [SEARCH_DIALOG_NAMED])},
    "partials/zensical/search.html": {"zensical": ("partials/search.html", [])},
    "partials/alternate.html": {theme: ("partials/alternate.html", ALTERNATE) for theme in ("material", "zensical")},
}
# Templates of ours that take a theme template's name without copying it, and why.
OWN = {
    "main.html": "extends the theme's base.html, adding to its blocks",
    "404.html": "extends main.html: the page for a missing address, with a way on (search, the explainers, home) "
    "in place of a bare heading, which lists a preview's content problems first",
    "partials/search.html": "chooses Material's or Zensical's search (the copies above) by engine",
    "partials/header.html": "chooses Material's or Zensical's header (the copies above) by engine",
    "partials/copyright.html": "the footer's line names who publishes the desk (desk.yml's publisher), not the theme",
}


def zensical_templates(venv: Path) -> Path:
    found = sorted(venv.glob("lib/python*/site-packages/zensical/templates"))
    if not found:
        pytest.fail(f"Zensical is not installed in {venv}: `make test` creates it from requirements-zensical.lock")
    return found[0]


def theme(name: str, request: pytest.FixtureRequest) -> Path:
    # Zensical's virtualenv only for Zensical's templates: the test is marked by its parameter.
    return MATERIAL if name == "material" else zensical_templates(request.getfixturevalue("zensical_venv"))


def _body(text: str, file: str) -> list[str]:
    """A template's lines after its opening comment: the theme's "generated" note, or ours on
    what we changed."""
    assert text.startswith("{#-"), f"{file} does not start with a comment saying what it is"
    return text.split("-#}\n", 1)[1].splitlines()


def changes(theirs: list[str], ours: list[str]) -> list[Change]:
    """Where two templates differ, as (their lines, our lines) in order."""
    matcher = difflib.SequenceMatcher(a=theirs, b=ours, autojunk=False)
    return [
        (tuple(theirs[i1:i2]), tuple(ours[j1:j2]))
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
        if tag != "equal"
    ]


@pytest.mark.parametrize(
    ("copy", "theme_name"), [(copy, name) for copy, themes in COPIES.items() for name in themes]
)
def test_copy_differs_from_the_installed_theme_only_as_documented(copy: str, theme_name: str, request: pytest.FixtureRequest):
    source, expected = COPIES[copy][theme_name]
    original = (theme(theme_name, request) / source).read_text(encoding="utf-8")
    assert original.startswith(GENERATED), f"{theme_name}'s {source} no longer starts as a generated file"
    ours = (OVERRIDES / copy).read_text(encoding="utf-8")
    found = changes(_body(original, source), _body(ours, copy))
    assert found == expected, (
        f"overrides/{copy} and {theme_name}'s {source} differ in other places than the documented ones: "
        f"bring the copy in step with the theme, then update tests/test_overrides.py"
    )


def test_every_template_that_replaces_a_themes_is_checked_or_our_own(zensical_venv: Path):
    themes = {"material": MATERIAL, "zensical": zensical_templates(zensical_venv)}
    for path in sorted(OVERRIDES.rglob("*.html")):
        name = path.relative_to(OVERRIDES).as_posix()
        replaces = [theme_name for theme_name, folder in themes.items() if (folder / name).is_file()]
        if name in OWN:
            assert replaces, f"overrides/{name} no longer replaces a theme template: remove it from OWN"
        elif replaces:
            assert name in COPIES and set(COPIES[name]) == set(replaces), (
                f"overrides/{name} replaces {' and '.join(replaces)}'s own: add it to COPIES with its changes"
            )


def test_the_copies_name_the_installed_material():
    # Their comments say which Material they copy: an upgrade brings them up to date too.
    major, minor = version("mkdocs-material").split(".")[:2]
    for copy, themes in COPIES.items():
        if "material" in themes:
            assert f"Material {major}.{minor}'s" in (OVERRIDES / copy).read_text(encoding="utf-8"), copy
