"""The editors' guide (content/README.md), generated so that it cannot drift from the code.

Field lists come from the model; the example entries are validated while the guide is made;
the error messages are the real ones, produced by running real mistakes through load and
validate.
"""

from __future__ import annotations

import dataclasses
import typing
from typing import Any

from markupsafe import Markup
from pydantic import BaseModel

from . import files, messages, model, values
from .diagnostics import ContentError
from .load import MAX_FILE_BYTES
from .parsing import parse
from .render import environment
from .validate import validate, validate_desk

# One small, valid desk of one explainer (a fictional story of two towns and a harbour), made
# of every file's example (files.py), by its path in the content folder.
X = f"{model.EXPLAINERS_FOLDER}/harbour-talks/"
EXAMPLES: dict[str, str] = {(X if f.where == "explainer" else "") + f.name: f.example for f in files.FILES}

# A desk.yml with a stance vocabulary of its own, which replaces the built-in one.
OWN_VOCABULARY = """\
title: Climate talks desk
stances:
  - id: backs
    label: Backs
    legend: is in favour
    icon: material-thumb-up
    tone: for
  - id: took-note
    label: Took note
    legend: took note of it without endorsing it
    icon: material-note-check-outline
  - id: walked-out
    label: Walked out
    legend: left the talks rather than decide
    icon: material-exit-run
    tone: against
kinds:
  - id: negotiating-group
    heading: Negotiating groups
kind_order: [negotiating-group, state]
"""

# Mistakes editors make, as (what happened, file, text in the example, text instead).
MISTAKES: list[tuple[str, str, str, str]] = [
    ("A misspelt id", X + "positions.yml", "actor: south", "actor: suoth"),
    ("A field left out", X + "figures.yml", "  unit: moorings\n", ""),
    ("A misspelt field name", "actors.yml", "  role: Mayor of North", "  rol: Mayor of North"),
    ("A number written with commas", X + "figures.yml", "value: 1000", "value: 1,000"),
    ("A word outside the vocabulary", X + "positions.yml", "stance: demands", "stance: insists"),
    ("A label typed for its id", X + "figures.yml", "status: superseded", "status: Replaced"),
    ("Money or a period in the unit", X + "figures.yml", "unit: moorings", "unit: EUR a year"),
    ("A placeholder left in an explainer that is not a draft", X + "explainer.yml", "standfirst: Two towns met to share a harbour and agreed on moorings.",
     "standfirst: " + files.PLACEHOLDERS["standfirst"]),
    ("A currency written as a word", X + "figures.yml", "currency: EUR\n  rate: year\n  by:", "currency: euros\n  rate: year\n  by:"),
    ("Numbers of different kinds compared", X + "explainer.yml", "[first-fund-offer, repair-fund]", "[first-fund-offer, moorings]"),
    ("An unquoted yes or no", X + "explainer.yml", "place: Portown", "place: no"),
    ("A day that is not in the calendar", X + "events.yml", "date: 2025-03-04", "date: 2025-02-30"),
    ("The same key twice", "issues.yml", "  title: Harbour\n", "  title: Harbour\n  title: Port\n"),
    ("The same id twice", "actors.yml", "- id: south", "- id: north"),
    ("Two positions on one date", X + "positions.yml", "date: 2025-02", "date: 2025-03-04"),
    ("A position dated after the explainer's last update", X + "positions.yml", "date: 2025-02", "date: 2025-04"),
    ("A merge conflict left in a file", "issues.yml", "  title: Harbour\n",
     "<<<<<<< HEAD\n  title: Harbour\n=======\n  title: Port\n>>>>>>> port-rename\n"),
    ("A claim without a source", X + "events.yml", "  issues: [harbour]\n  source: gazette\n", "  issues: [harbour]\n"),
    ("Broken YAML", "sources.yml", "  headline: Towns meet over harbour", "  headline: [Towns meet over harbour"),
]


@dataclasses.dataclass(frozen=True)
class FieldDoc:
    name: Markup
    required: bool
    # Written in this package, with Markdown (`code`) meant as such: trusted, not escaped.
    kind: Markup
    description: Markup


def fields(cls: type[BaseModel]) -> list[FieldDoc]:
    hints = typing.get_type_hints(cls, include_extras=True)
    return [
        FieldDoc(Markup(name), info.is_required(), Markup(describe_type(hints[name])), Markup(info.description or ""))
        for name, info in cls.model_fields.items()
    ]


# The kinds of value (values.py) an editor knows by a name of their own.
_NAMED_KINDS = (
    (values.PartialDate, "date"),
    (values.Icon, "icon name"),
    (values.Currency, "currency code"),
    (values.Url, "web address"),
    (values.Sources, "source id, or list of source ids"),
    (values.Id, "id"),
)


def describe_type(annotation: Any) -> str:
    """A field's type in an editor's words: ``text``, ``list of actor ids``, ``one of: …``."""
    mark = values.marker(annotation)
    if isinstance(mark, values.RefTo):
        return f"{mark.noun} id"
    if isinstance(mark, values.Term):
        return f"{mark.noun}, from the desk's {mark.vocabulary}"
    named = next((words for kind, words in _NAMED_KINDS if annotation is kind), None)
    if named:
        return named
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is typing.Annotated:
        return describe_type(args[0])
    if origin is list:
        item = values.marker(args[0])
        if isinstance(item, values.Term):  # "list of kind of actor, from the desk's kindss" would not read
            return f"list of ids of the desk's {item.vocabulary}"
        return f"list of {describe_type(args[0])}s"
    if origin is typing.Literal:
        return "one of: " + ", ".join(f"`{a}`" for a in args)
    if args and type(None) in args:
        return describe_type(next(a for a in args if a is not type(None)))
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return {"StanceTerm": "stance", "KindTerm": "kind"}.get(annotation.__name__, annotation.__name__.lower())
    return {str: "text", float: "number", bool: "true or false"}.get(annotation, str(annotation))


def _documents(texts: dict[str, str]) -> dict:
    return {path: parse(text, f"content/{path}") for path, text in texts.items()}


def example_errors() -> list[tuple[str, list[str]]]:
    """Each mistake and the exact lines `check` prints for it."""
    validate(_documents(EXAMPLES))  # the examples themselves must be valid
    result = []
    for what, file, old, new in MISTAKES:
        assert old in EXAMPLES[file], (file, old)
        texts = {**EXAMPLES, file: EXAMPLES[file].replace(old, new, 1)}
        try:
            validate(_documents(texts))
        except ContentError as error:
            result.append((what, [Markup(str(d)) for d in error.diagnostics]))
        else:
            raise AssertionError(f"the mistake {what!r} is not caught")
    return result


def own_vocabulary_example() -> str:
    """desk.yml declaring a vocabulary of its own, as the guide shows it (checked here)."""
    validate_desk(parse(OWN_VOCABULARY, "content/desk.yml"))
    return OWN_VOCABULARY


def render_guide() -> str:
    """The editors' guide, as Markdown."""
    registry = [(f, fields(f.model)) for f in files.DESK_FILES]
    explainer = [(f, fields(f.model)) for f in files.EXPLAINER_FILES]
    parts = [
        (name, cls, fields(cls))
        for name, cls in (
            ("Cast", model.Cast), ("Note", model.Note), ("Change", model.Change), ("Membership", model.Membership),
            ("Comparison", model.Comparison), ("Stance", model.StanceTerm), ("Kind", model.KindTerm),
            ("Publisher", model.Publisher),
        )
    ]
    # The built-in words the guide lists, by their names in messages.py, and the limits it states.
    listed = {name: getattr(messages, name) for name in ("KINDS", "STANCES", "STATUSES", "QUALIFIERS", "RATES")}
    limits = {
        "MAX_ID_LENGTH": values.MAX_ID_LENGTH, "MAX_TEXT_LENGTH": values.MAX_TEXT_LENGTH,
        "MAX_FILE_MB": MAX_FILE_BYTES // 1024 // 1024,
    }
    return environment().get_template("guide.md.j2").render(
        registry=registry,
        explainer=explainer,
        parts=parts,
        # Written in this package and checked above: trusted, not escaped.
        examples={f.name: Markup(f.example) for f in files.FILES},
        own_vocabulary=Markup(own_vocabulary_example()),
        errors=example_errors(),
        **listed,
        **limits,
    )
