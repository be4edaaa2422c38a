"""What the Markdown and the HTML template environments share: where the HTML theme is, the
cache of compiled templates, and how a message's placeholders are filled, each sentence ending
once (``stopped_once``, which messages.filled uses too)."""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import re
import types
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
from markupsafe import Markup, escape

if TYPE_CHECKING:
    from .wording import Wording


@functools.cache
def theme() -> Path:
    """The HTML theme: ``overrides/`` in a checkout (or an editable install); an installed
    package carries the same folder as ``generator/theme`` (pyproject.toml maps it there). It
    holds no ``__init__.py``: Zensical would publish one, as it copies a theme's other files."""
    installed = Path(__file__).parent / "theme"
    return installed if installed.is_dir() else Path(__file__).resolve().parents[1] / "overrides"


# The HTML partials that draw pictures, cards and tables into pages (the theme is the only
# place that knows HTML).
PARTIALS = theme() / "partials" / "explainer"


def theme_text(text: str) -> Markup:
    """Content text as the theme's ``site_name`` or ``site_description`` (the desk's title and
    description). Material and Zensical print both as HTML, as they are, in element text and
    inside attributes alike (the logo's aria-label, the <title>, the description meta tag, the
    share tags of partials/explainer-meta.html): so each is escaped once, quotes included. A
    Markup, so that the places where Material escapes site_name itself (the logo's ``title``,
    ``config.site_name | e``) leave it as it is; Zensical reads it back from YAML as plain text
    and escapes it again there, in the logo's tooltip alone."""
    return escape(text)


class _Kept(jinja2.BytecodeCache):
    """Compiled templates kept in memory for the life of the process, and on disk where
    ``behind`` is a cache there, each used only while its template's source is the same (Jinja
    checks): a new process then finds them compiled.

    Jinja keys an entry by the template's name and full path; here it is keyed by name and
    source, so that every copy of a project (each test's, a second checkout) shares its
    templates' entries, where keyed by path each would add its own for good. Compiled code
    names the file it was compiled from, which Jinja gives as the template's file in errors, so
    it is told the file it is loaded for."""

    def __init__(self, behind: jinja2.BytecodeCache | None = None) -> None:
        self.kept: dict[str, bytes] = {}
        self.behind = behind

    def get_bucket(self, environment: jinja2.Environment, name: str, filename: str | None, source: str) -> jinja2.bccache.Bucket:
        checksum = self.get_source_checksum(source)
        bucket = jinja2.bccache.Bucket(environment, self.get_cache_key(name, checksum), checksum)
        self.load_bytecode(bucket)
        if bucket.code is not None and filename is not None and bucket.code.co_filename != filename:
            bucket.code = _compiled_from(bucket.code, filename)
        return bucket

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self.kept.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)
        elif self.behind is not None:
            self.behind.load_bytecode(bucket)
            if bucket.code is not None:
                self.kept[bucket.key] = bucket.bytecode_to_string()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.kept[bucket.key] = bucket.bytecode_to_string()
        if self.behind is not None:
            try:
                self.behind.dump_bytecode(bucket)
            except OSError:  # a full or read-only disk: compiled again by the next process
                pass


def _compiled_from(code: types.CodeType, filename: str) -> types.CodeType:
    """Compiled code as if compiled from ``filename``: its functions' code (blocks, macros) too."""
    inner = tuple(_compiled_from(c, filename) if isinstance(c, types.CodeType) else c for c in code.co_consts)
    return code.replace(co_filename=filename, co_consts=inner)


def keep_compiled(env: jinja2.Environment) -> None:
    """``env`` (once its settings are made, before it loads a template) using compiled templates
    kept in this process and in Jinja's folder of compiled templates: the generator's own
    environments (``jinja_environment``) and the theme's, which MkDocs makes anew for every build
    (each save of the preview, each language's site) and every `mkdocs` command in a new process.
    Compiling Material's templates took a third of a second each time.

    Jinja's default folder is shared by every checkout on the machine, which is safe: an entry
    is keyed by the template's name and source (``_Kept``), written whole (a temporary
    file renamed into place) and used only while its source is unchanged. Jinja does not key it
    by the environment's settings, which are compiled into the code: entries are kept apart by
    those (``_compiled_with``)."""
    env.bytecode_cache = _compiled(_compiled_with(env))


@functools.cache
def _compiled(settings: str) -> _Kept:
    try:
        on_disk: jinja2.BytecodeCache | None = jinja2.FileSystemBytecodeCache(pattern=f"__jinja2_%s.{settings}.cache")
    except (OSError, RuntimeError):  # no folder of its own to be had: kept in memory only
        on_disk = None
    return _Kept(on_disk)


def _compiled_with(env: jinja2.Environment) -> str:
    """What of an environment goes into its compiled templates: Jinja's version, its syntax and
    whitespace settings, its extensions (``{% trans %}``) and how they compile, escaping and
    finalizing."""
    settings = (
        jinja2.__version__, env.block_start_string, env.block_end_string, env.variable_start_string,
        env.variable_end_string, env.comment_start_string, env.comment_end_string, env.line_statement_prefix,
        env.line_comment_prefix, env.trim_blocks, env.lstrip_blocks, env.newline_sequence,
        env.keep_trailing_newline, env.optimized, env.is_async, sorted(env.extensions),
        getattr(env, "newstyle_gettext", None), env.policies.get("ext.i18n.trimmed"),
        _name(env.autoescape), _name(env.finalize),
    )
    return hashlib.sha256(repr(settings).encode()).hexdigest()[:16]


def _name(setting: Any) -> Any:
    return f"{setting.__module__}.{setting.__qualname__}" if callable(setting) else setting


def theme_templates() -> Path | None:
    """The theme's (Material for MkDocs') template folder, whose ``.icons/`` the partials
    include as inline SVG, as the theme's own templates do; None when it is not installed."""
    spec = importlib.util.find_spec("material")
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations))) / "templates"
    return folder if folder.is_dir() else None


@functools.cache
def theme_languages() -> frozenset[str]:
    """The languages the theme has its own words in (``partials/languages/<code>.html``);
    empty when the theme is not installed, and then any language Babel knows is taken."""
    folder = theme_templates()
    found = folder / "partials" / "languages" if folder else None
    return frozenset(p.stem for p in found.glob("*.html")) if found and found.is_dir() else frozenset()


# Runs of spaces and line breaks, not the no-break spaces (U+00A0, U+2007, U+202F) that keep a
# number or a date on one line as some languages write them ("12 000", "2 юни 2025 г.").
BREAKING_SPACE = re.compile(r"[^\S\u00a0\u2007\u202f]+")


def _one_line(value: Any) -> Any:
    # Content text stays on the line of the HTML around it, as in the Markdown templates: Markdown
    # passes a partial's HTML through whole only as one block, and a line of a title that reads as
    # Markdown of its own (a ``` fence) would end it. HTML shows every run of spaces as one anyway.
    if isinstance(value, str) and not hasattr(value, "__html__"):
        return BREAKING_SPACE.sub(" ", value)
    return value


@functools.lru_cache(maxsize=8)
def partials_environment(partials: Path) -> jinja2.Environment:
    """The HTML partials' environment, one per folder for the life of the process, as for the
    Markdown templates. A theme folder of one's own is searched first; the built-in partials
    stand in for any it does not have, and the theme's folder provides the icons."""
    theme = theme_templates()
    return jinja_environment([partials, PARTIALS, *([theme] if theme else [])], _one_line)


def jinja_environment(folders: list[Path], finalize: Any, **options: Any) -> jinja2.Environment:
    """A Jinja environment as both kinds of template want it: escaping on (content text is
    text), a missing variable an error rather than an empty string, block tags taking no line
    of their own, and templates compiled once per machine (``keep_compiled``).

    Its words go through gettext (``jinja2.ext.i18n``: ``{% trans %}``, ``_()``, ``ngettext``),
    whose callables each render passes in (``gettext_callables``), so that one environment
    serves every language; the words of a ``{% trans %}`` block are taken with their runs of
    spaces as one, as the catalogs hold them."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(folders),
        autoescape=True,
        finalize=finalize,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        extensions=["jinja2.ext.i18n"],
        **options,
    )
    env.newstyle_gettext = True  # type: ignore[attr-defined]
    env.policies["ext.i18n.trimmed"] = True
    env.tests["said_in"] = said_in
    env.tests["saying"] = saying
    keep_compiled(env)
    return env


def said_in(part: Any, text: Any) -> bool:
    """``{% if when is said_in(title) %}``: whether ``text`` already says ``part``, in any
    spacing (an editor's double space, a date's no-break spaces) and as whole words, so that
    what a title gives is not said again beside it."""
    words = re.escape(" ".join(str(part).split()))
    # Whole words only: "5 June 2025" is not said by "15 June 2025".
    return re.search(rf"(?<!\w){words}(?!\w)", " ".join(str(text).split())) is not None


def saying(text: Any, part: Any) -> bool:
    """``titles|select("saying", when)``: ``said_in`` the other way round, for filters that
    test each of many texts for one part."""
    return said_in(part, text)


# What follows the last word a reader sees of a value that is Markdown or HTML already (a
# Markup: a template's link, ``m.actor(…)``): a link's address ("[… 2025 г.](../x.md)"), an end
# tag ("…Inc.</a>"), emphasis not escaped. Content text as typed is not markup: its "*" is seen.
_TRAILING_MARKUP = re.compile(r"(?:\]\([^()\s]*\)|</[A-Za-z][^<>]*>|(?<!\\)[*_])+$")


def stopped_once(message: str, values: Mapping[str, Any], placeholder: str = "{{{}}}") -> str:
    """``message`` with the full stop after a placeholder dropped where that placeholder's value
    ends with one ("2 юни 2025 г.", "Inc.") as a reader sees it (of a value that is markup
    already, a Markup, its link's text): a sentence ends once, as typographers set it.
    ``placeholder`` is how the message writes a value, ``{name}`` or ``%(name)s``."""
    for name, value in values.items():
        # The end a reader sees: "Inc. " typed with a trailing space ends its sentence too.
        if not isinstance(value, str):
            continue
        seen = _TRAILING_MARKUP.sub("", value.rstrip()).rstrip() if hasattr(value, "__html__") else value.rstrip()
        if seen.endswith("."):
            message = message.replace(placeholder.format(name) + ".", placeholder.format(name))
    return message


def gettext_callables(w: Wording, escape: Callable[[Any], Markup]) -> dict[str, Callable[..., Markup]]:
    """The gettext functions a template's words call, in the language of ``w``: ``_``/``gettext``,
    ``ngettext`` and ``pgettext``, as Jinja's "new style" gettext has them (the variables given
    as keywords, ``%(name)s`` in the message). The words are ours; the variables, often content
    text, are escaped with ``escape`` for the place they land (Markdown, HTML)."""

    def formatted(message: str, variables: dict[str, Any]) -> Markup:
        message = stopped_once(message, variables, "%({})s")
        return Markup(message) % {name: escape(value) for name, value in variables.items()}

    def gettext(message: str, **variables: Any) -> Markup:
        return formatted(w.gettext(message), variables)

    def ngettext(singular: str, plural: str, num: int, **variables: Any) -> Markup:
        variables.setdefault("num", w.number(num))
        return formatted(w.ngettext(singular, plural, num), variables)

    def pgettext(context: str, message: str, **variables: Any) -> Markup:
        return formatted(w.pgettext(context, message), variables)

    return {"_": gettext, "gettext": gettext, "ngettext": ngettext, "pgettext": pgettext}


def html_block(html: str) -> Markup:
    """A partial's HTML as one raw HTML block of Markdown: Markdown passes raw HTML through only
    as one block, with no blank lines inside it, and leaves it as it is (no links resolved)."""
    return Markup("\n".join(line for line in html.splitlines() if line.strip()))
