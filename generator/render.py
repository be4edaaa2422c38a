"""Step 3, render: a validated desk → ``{page path: Markdown}``.

The templates in ``templates/`` are the only place that writes Markdown. Text from the
content is data: every value printed by a template is escaped for Markdown and HTML unless
the template itself produced it, so a name like ``<script>`` or ``{{ x }}`` shows literally.
Every path and link comes from ``urls``; every word that is not content, from the ``Wording``
of the language being rendered (the templates' through gettext, ``jinja2.ext.i18n``).
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import json
import posixpath
import re
import urllib.parse
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from . import blocks, charts, desk_index, embeds, kinds, lookups, search, structured, urls, values
from .diagnostics import ContentError, Diagnostic, shown
from .load import display_path
from .templating import BREAKING_SPACE, PARTIALS, gettext_callables, jinja_environment, partials_environment
from .validated_desk import Content
from .wording import Wording

TEMPLATES = Path(__file__).parent / "templates"
# The newest explainers listed in the navigation: a constant, so that the navigation every
# page carries does not grow with the desk.
NAV_EXPLAINERS = 5

# Characters that mean something to Markdown, its extensions (emoji, attribute lists,
# tables, footnotes…) or HTML, written as character references so they show as typed.
_MARKDOWN_SPECIAL = re.compile(r"[\\`*_{}\[\]()#+!|<>&:~^=$]")
# Only special at the start of a line: list markers, numbered lists, rules.
_LINE_START = re.compile(r"^(-|[0-9]+(?=\.))")


# The same names, titles and dates are printed on page after page (an actor's name on every
# page that mentions them): each text is escaped once per process, not once per mention.
@functools.lru_cache(maxsize=1 << 16)
def escape_markdown(text: str) -> Markup:
    """Plain text → Markdown that renders as exactly that text, on one line."""
    # Runs of spaces and line breaks would read as Markdown's structure.
    text = BREAKING_SPACE.sub(" ", text).strip()
    text = _MARKDOWN_SPECIAL.sub(lambda m: f"&#{ord(m.group())};", text)
    text = _LINE_START.sub(lambda m: "".join(f"&#{ord(c)};" for c in m.group()), text)
    return Markup(text)


def _finalize(value: Any) -> Any:
    # Runs on every {{ … }}: template-made Markdown (Markup) passes, content text is escaped.
    if type(value) is str:  # most values: the same test as below, without its hasattr
        return escape_markdown(value)
    if isinstance(value, str) and not hasattr(value, "__html__"):
        return escape_markdown(value)
    return value


def _continuation(text: str) -> Markup:
    """Text that continues the text before it, as typed: a space it starts with is kept (as a
    character reference, which Markdown does not take for the end of an emphasis)."""
    escaped = escape_markdown(text)
    return Markup("&#32;") + escaped if text[:1].isspace() else escaped


def _join(items: Any, separator: str = "") -> Markup:
    return Markup(separator).join(_finalize(item) for item in items)


def _url(address: str) -> Markup:
    # Addresses are validated as http(s) without spaces, quotes or brackets; percent-encoding
    # anything else keeps the Markdown link intact.
    return Markup(urllib.parse.quote(address, safe=":/?#@!$&'*+,;=%~-._"))


# One encoder for every value (json.dumps with options would make one a value).
_JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def _json(value: Any) -> Markup:
    # Front matter values as JSON, which YAML reads as the same value: one line, every
    # character that could end the value or the block escaped.
    return Markup(_JSON.encode(value))


@jinja2.pass_context
def _link(context: jinja2.runtime.Context, kind: str, at: str | None = None, page: int | None = None,
          entry: str | None = None, **params: str) -> Markup:
    """A link from the page being rendered (``here``) to a page of the given kind. On a list that
    goes on over several pages, it is to ``page``, or else to the page holding the entry whose
    anchor is ``entry`` (by default ``at``)."""
    if page is None:
        key = entry or at
        page = context["desk"].page_of(kind, key, **params) if key and kinds.KINDS[kind].paging else 1
    return _link_from(context["here"], kind, page, at, tuple(params.items()))


# Pages link to the same few thousand places over and over (an actor's page from every page
# that names them): each link is worked out once per process.
@functools.lru_cache(maxsize=1 << 16)
def _link_from(here: str, kind: str, page: int, at: str | None, params: tuple[tuple[str, str], ...]) -> Markup:
    return Markup(urls.link(here, urls.path(kind, page=page, **dict(params)), at))


def _drawn_once() -> Callable[..., Markup]:
    """``once``, for a macro that draws the same Markdown on page after page (a claim's
    citations): ``{% call once(key…) %}…{% endcall %}`` keeps what it drew for the rest of the
    render, by the key, the folder of the page (its links are relative to that) and the
    explainer the page is of (``x``). A macro that reads anything else of its page must not use it."""
    drawn: dict[tuple, Markup] = {}

    @jinja2.pass_context
    def once(context: jinja2.runtime.Context, *key: Any, caller: Any) -> Markup:
        x = context.get("x")
        found = (posixpath.dirname(context["here"]), x.x.slug if x is not None else None,
                 *(tuple(part) if isinstance(part, list) else part for part in key))
        if found not in drawn:
            drawn[found] = caller()
        return drawn[found]

    return once


@jinja2.pass_context
def _download(context: jinja2.runtime.Context, kind: str, **params: str) -> Markup:
    return Markup(urls.link(context["here"], urls.download(kind, **params)))


@functools.lru_cache(maxsize=1 << 14)  # tens of thousands of calls, for a few thousand anchors
def _anchor(kind: str, **params: str) -> Markup:
    return Markup(urls.anchor(kind, **params))


@jinja2.pass_context
def _listing(context: jinja2.runtime.Context, items: Any, style: str = "standard") -> Markup:
    # Babel joins the items (content text escaped, links made by templates kept) with words of its own.
    return Markup(context["w"].listing([str(_finalize(item)) for item in items], style))


def _worded(name: str) -> Any:
    """A filter that words a value as the page's language does: ``Wording.<name>``."""

    @jinja2.pass_context
    def filter_(context: jinja2.runtime.Context, *args: Any, **kwargs: Any) -> Any:
        return getattr(context["w"], name)(*args, **kwargs)

    return filter_


@jinja2.pass_context
def _citations(context: jinja2.runtime.Context, ids: list[str]) -> list[tuple[str, str, str]]:
    """(source id, what its marker shows, the rest of its name) for each source of a claim."""
    found = list(dict.fromkeys(ids))
    parts = context["w"].citations(context["c"].sources[s] for s in found)
    return [(source_id, short, rest) for source_id, (short, rest) in zip(found, parts)]


@jinja2.pass_context
def _translated_from(context: jinja2.runtime.Context, position: Any) -> str:
    """"translated from English": the language of the words said is their source's, when it
    names one, else the desk's own."""
    c = context["c"]
    said_in = next((c.sources[s].language for s in position.source if c.sources[s].language), c.desk.languages[0])
    return context["w"].translated_from(said_in)


@jinja2.pass_context
def _source_language(context: jinja2.runtime.Context, source: Any) -> str:
    """"In Russian.", for a source in another language than the page's ("" for one in the page's)."""
    w = context["w"]
    return w.source_language(source.language) if source.language and source.language != w.language else ""


def environment(templates: Sequence[Path] = (TEMPLATES,)) -> jinja2.Environment:
    """The Jinja environment; ``templates`` are searched in order, so a folder placed before
    the built-in one overrides any template by giving a file the same name."""
    return _environment(tuple(templates))


# Compiling templates was most of a build's generator time: one environment per template
# folder is kept for the life of the process (Jinja still reloads a template edited on disk).
@functools.lru_cache(maxsize=16)
def _environment(templates: tuple[Path, ...]) -> jinja2.Environment:
    env = jinja_environment(list(templates), _finalize, keep_trailing_newline=True)
    env.filters.update(
        join=_join,
        continuation=_continuation,
        listing=_listing,
        **{name: _worded(name) for name in ("number", "figure_value", "figure_for", "equivalent", "source_name", "mid_sentence", "date", "period")},
        url=_url,
        json=_json,
    )
    # `{% if story.date is after(p.date) %}`: a stance reported before the story's day, as
    # precisely as its date says, is dated beside it; one of that day goes without saying.
    env.tests["after"] = values.after
    # `dates|select("before", story.date)`: those the story's day is after, so dated.
    env.tests["before"] = lambda date, than: values.after(than, date)
    env.tests["pointing"] = values.points_a_way
    env.globals.update(
        link=_link,
        download=_download,
        anchor=_anchor,
        each=lookups.each,
        citations=_citations,
        translated_from=_translated_from,
        source_language=_source_language,
        run_ends=blocks.run_ends,
        reported_alike=lookups.reported_alike,
        over_time=lookups.over_time,
        shown=lookups.shown,
        MAX_MEMBERSHIP_DEPTH=charts.MAX_MEMBERSHIP_DEPTH,
        embed_name=embeds.embed_name,
        share=embeds.share,
    )
    return env


def words(w: Wording) -> dict[str, Any]:
    """What a render in the language of ``w`` gives every template besides its page: the
    wording itself (``w``, which the filters word dates and numbers with), gettext's callables
    for the templates' own words, and the vocabularies they print."""
    return {
        "w": w,
        **gettext_callables(w, _finalize),
        "STATUSES": w.statuses,
        "STATUS_ICONS": w.status_icons,
        "TITLES": w.page_titles,  # by kind name (kinds.py)
        "PAGER": w.pager,
        "paged": w.paged,
        # The language's own punctuation between items: the templates' own Markdown, as their words are.
        "comma": Markup(w.comma),
        "semicolon": Markup(w.semicolon),
    }


@dataclasses.dataclass(frozen=True)
class Job:
    """One page to render: where it goes, with which template, and what it is about."""

    path: str
    kind: str
    template: str
    variables: dict[str, Any]


@dataclasses.dataclass(frozen=True)
class Only:
    """Which pages to render when not all are wanted (a preview's rebuild, see preview.py): of
    the kinds in ``kinds``, the pages of these explainers, actors and issues (and the desk's)."""

    kinds: frozenset[str]
    explainers: frozenset[str]
    actors: frozenset[str]
    issues: frozenset[str]
    # Of a page kind listed here, only these pages (their paths), not all of its pages.
    pages: dict[str, frozenset[str]] = dataclasses.field(default_factory=dict)

    def wants(self, job: Job) -> bool:
        return job.kind in self.kinds and (job.kind not in self.pages or job.path in self.pages[job.kind])


def jobs(content: Content, desk: desk_index.DeskIndex, views: dict[str, lookups.View], only: Only | None = None) -> list[Job]:
    """Every page of the site, in a stable order: the desk's, each actor's, each issue's, then
    each explainer's, each in the registry's order of kinds (``views`` says which explainers;
    ``only``, which actors' and issues' pages, and which pages of each kind)."""
    actors = [a for a in content.actors.values() if only is None or a.id in only.actors]
    issues = [i for i in content.issues.values() if only is None or i.id in only.issues]
    found = [job for kind in kinds.pages("desk") for job in _pages(kind, desk, {}, {})]
    found += [job for a in actors for kind in kinds.pages("actor") for job in _pages(kind, desk, {"id": a.id}, {"actor": a})]
    found += [job for i in issues for kind in kinds.pages("issue") for job in _pages(kind, desk, {"id": i.id}, {"issue": i})]
    found += [job for slug, view in views.items() for kind in kinds.pages("explainer")
              for job in _pages(kind, desk, {"slug": slug}, {"x": view})]
    return found if only is None else [job for job in found if only.wants(job)]


def _pages(kind: kinds.Kind, desk: desk_index.DeskIndex, params: dict[str, str], variables: dict[str, Any]) -> list[Job]:
    """A page's jobs: one, or one per page of its list (``pager``) when it goes on over several."""
    if kind.paging is None:
        return [Job(urls.path(kind.name, **params), kind.name, kind.template, variables)]
    return [
        Job(urls.path(kind.name, page=pager.number, **params), kind.name, kind.template, {**variables, "pager": pager})
        for pager in desk.pages(kind.name, **params)
    ]


def render(content: Content, templates: Sequence[Path] = (TEMPLATES,), partials: Path = PARTIALS,
           site_url: str | None = None, *, only: Only | None = None, desk: desk_index.DeskIndex | None = None,
           language: str | None = None, annotations: search.Annotations | None = None) -> dict[str, str]:
    """Every page of the site as Markdown, keyed by its path under the docs folder; with
    ``only``, the desk's pages and those ``only`` names (the same Markdown as in a full render).

    ``partials`` holds the HTML templates that draw the pictures, cards and tables embedded in
    the pages; ``site_url``, the address the site is published at, if known, gives the full
    addresses of the feeds and share cards in the pages' front matter. Each section of each
    page ends with the words it answers to in search beyond those it spells (``search.py``;
    ``annotations``, a preview's, keeps them from one render to the next).
    """
    env = environment(templates)
    w = Wording.built(content, language)
    # The HTML partials too: a stance table includes an icon's template in each of its cells.
    with _checked_once(env), _checked_once(partials_environment(partials)):
        return _render(env, w, w.vocabularies(content), partials, site_url, only, desk or desk_index.desk_index(content),
                       annotations or search.Annotations())


@contextlib.contextmanager
def _checked_once(env: jinja2.Environment):
    """Jinja looks whether a template's file changed every time the template is used: some
    fifty times a page (the page's own, the layout it extends, the macros it imports…), a
    tenth of a desk's render. The files are looked at once, before the first page, instead: a
    template edited while previewing is still used from the next save on."""
    if env.cache is not None:
        for key, template in env.cache.items():
            if not template.is_up_to_date:
                del env.cache[key]
    reload, env.auto_reload = env.auto_reload, False
    try:
        yield
    finally:
        env.auto_reload = reload


def _render(env: jinja2.Environment, w: Wording, content: Content, partials: Path, site_url: str | None, only: Only | None,
            desk: desk_index.DeskIndex, annotations: search.Annotations) -> dict[str, str]:
    drawing = blocks.Drawing(w, content, partials)
    views = {}
    problems: list[Diagnostic] = []
    for slug, x in content.explainers.items():
        if only is not None and slug not in only.explainers:
            continue
        plain = lookups.view(content, x)
        try:
            pictures = charts.draw(w, plain, content, partials)
        except Exception as error:  # noqa: BLE001 - any error in a template is reported where it is
            problems.append(template_problem(error, str(partials)))
            pictures = {}
        views[slug] = dataclasses.replace(plain, pictures=pictures)

    embedded = {slug: embeds.embeds(w, view, content) for slug, view in views.items()}
    # What every template may draw besides its page: the "Embed" disclosures need the
    # explainer's embeds, the theme's partials and the site's address.
    shared = {"c": content, "desk": desk, "site_url": site_url, "partials": partials, "drawing": drawing,
              "once": _drawn_once(), **words(w)}
    pages: dict[str, str] = {}
    for job in jobs(content, desk, views, only):
        meta = structured.front_matter(w, job.kind, job.path, content, desk, site_url=site_url, **job.variables)
        view = job.variables.get("x")
        try:
            pages[job.path] = env.get_template(job.template).render(
                **shared, here=job.path, kind=job.kind, meta=meta, embeds=embedded[view.x.slug] if view else {}, **job.variables
            )
        except Exception as error:  # noqa: BLE001 - any error in a template is reported where it is
            problems.append(template_problem(error, job.template))
    # Each picture and table on a bare page of its own, for other sites' <iframe>s.
    bare = kinds.KINDS["embed"]
    for slug, view in views.items():
        for embed in embedded[slug].values():
            try:
                pages[embed.path] = env.get_template(bare.template).render(
                    **shared, here=embed.path, kind="embed", meta=embeds.front_matter(w, embed, view, content, site_url),
                    embeds=embedded[slug], x=view, embed=embed,
                )
            except Exception as error:  # noqa: BLE001 - as above
                problems.append(template_problem(error, bare.template))
    if problems:
        raise ContentError(set(problems))
    lexicon = annotations.lexicon(content, w)
    # Bare pages (kinds.Kind.bare) are left out of search (their front matter says so): they
    # need no search words.
    unsearched = {embed.path for found in embedded.values() for embed in found.values()} if bare.bare else set()
    return {path: page if path in unsearched else annotations.annotate(path, page, lexicon, drawing.search_terms)
            for path, page in pages.items()}


def template_problem(error: Exception, template: str) -> Diagnostic:
    """Any error raised while rendering a template (a syntax error, an include of a template that
    does not exist, an undefined name, a filter given the wrong thing…) as a diagnostic at the
    template's file and line. ``template`` names the template being rendered, for an error with
    no place of its own."""
    if isinstance(error, jinja2.TemplateSyntaxError):
        file = display_path(Path(error.filename)) if error.filename else error.name or template
        return Diagnostic(file, error.lineno, 1, "error", f"template: {shown(error.message or '', 200)}")
    file, line = _template_place(error, template)
    if isinstance(error, jinja2.TemplatesNotFound):
        names = ", ".join(f"'{shown(name)}'" for name in error.templates)
        message = f"no template {names} (expected a file of that name in the templates folder)"
    elif isinstance(error, jinja2.TemplateNotFound):
        message = f"no template '{shown(error.name)}' (expected a file of that name in the templates folder)"
    elif isinstance(error, jinja2.TemplateError):
        message = shown(error.message or type(error).__name__, 200)
    else:
        message = f"{type(error).__name__}: {shown(error, 200)}"
    return Diagnostic(file, line, 1 if line else 0, "error", f"template: {message}")


def navigation(content: Content, language: str | None = None) -> list[Any]:
    """The site's navigation, in MkDocs' ``nav`` form: the kinds with a place in it (kinds.py),
    in that order; the explainers' as a list of the newest ones: a fixed number of entries
    however large the desk grows. Its titles are in ``language`` (by default the desk's first)."""
    w = Wording.built(content, language)
    found = []
    for kind in sorted((k for k in kinds.pages() if k.nav is not None), key=lambda k: k.nav):
        title = w.nav_titles.get(kind.name) or w.page_titles[kind.name]
        if kind.subject == "explainer":
            # Listed by path alone: the navigation then shows each page's own title, which MkDocs
            # has already made safe HTML, rather than content text it would print raw.
            found.append({title: [urls.path(kind.name, slug=slug) for slug in list(content.explainers)[:NAV_EXPLAINERS]]})
        else:
            found.append({title: urls.path(kind.name)})
    return found


def render_unavailable(templates: Sequence[Path] = (TEMPLATES,)) -> dict[str, str]:
    """Stand-ins for the desk's own pages, in English, for a preview whose content has never been
    valid (and so has no desk.yml to say its language)."""
    page = environment(templates).get_template("unavailable.md.j2").render(**words(Wording.of("en")))
    return {urls.path(kind.name): page for kind in kinds.pages("desk")}


def problem_of(error: Exception, where: str) -> Diagnostic:
    """Any error of a build as a diagnostic: at a template's file and line when a template raised
    it (one of ours, the site's own, or the HTML theme's), else as a problem of ``where``."""
    if isinstance(error, jinja2.TemplateError) or _template_place(error, "")[0]:
        return template_problem(error, where)
    return Diagnostic(where, 0, 0, "error", f"the site could not be built: {type(error).__name__}: {shown(error, 200)}")


def _template_place(error: BaseException, fallback: str) -> tuple[str, int]:
    # Jinja rewrites tracebacks so that template frames carry the template's own file and line
    # (and mark their globals); the innermost one is where the error is.
    place = (fallback, 0)
    tb = error.__traceback__
    while tb is not None:
        if "__jinja_exception__" in tb.tb_frame.f_globals:
            place = (display_path(Path(tb.tb_frame.f_code.co_filename)), tb.tb_lineno)
        tb = tb.tb_next
    return place
