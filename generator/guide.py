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

from . import model, wording
from .diagnostics import ContentError
from .load import MAX_FILE_BYTES, parse
from .render import environment
from .validate import validate, validate_desk

# One small, valid desk of one explainer (a fictional story of two towns and a harbour): every
# file's example for the guide, and the commented examples `new` writes.
X = "explainers/harbour-talks/"
EXAMPLES: dict[str, str] = {
    "desk.yml": """\
title: Harbour desk
short_title: Harbour
description: Explainers on the towns around the bay.
publisher:
  name: The Gazette
  url: https://example.org/gazette
kinds:
  - id: harbour-board
    heading: Harbour boards
    schema_type: GovernmentOrganization
""",
    "sources.yml": """\
- id: gazette
  publisher: The Gazette
  reported_by: Wire Service
  title: Report on the first harbour talks
  headline: Towns meet over harbour
  author: Jo Reporter
  date: 2025-03-04
  url: https://example.org/harbour
""",
    "actors.yml": """\
- id: north
  name: North
  kind: state
  role: Harbour town
  description: The town on the north shore.
  aliases: [Northville]
  source: gazette
- id: south
  name: South
  kind: state
  role: Harbour town
  description: The town on the south shore.
  source: gazette
- id: ann-mayor
  name: Ann Mayor
  kind: person
  role: Mayor of North
  description: The mayor of North since 2020.
  memberships:
    - of: north
      role: Mayor
  source: gazette
- id: bay-board
  name: Bay Harbour Board
  kind: harbour-board
  description: Runs the harbour for both towns.
  source: gazette
""",
    "documents.yml": """\
- id: harbour-accord
  title: The harbour accord
  description: The text both towns signed at the end of the talks.
  issued_by: [north, south]
  date: 2025-03-04
  url: https://example.org/harbour-accord
  source: gazette
""",
    "issues.yml": """\
- id: harbour
  title: Harbour
  question: Who runs the harbour?
  description: Both towns want to run it.
  source: gazette
""",
    X + "explainer.yml": """\
title: Harbour talks
standfirst: Two towns met to share a harbour and agreed on moorings.
why_it_matters: Whoever runs the harbour sets the fees every boat in both towns pays.
date: 2025-03-04
updated: 2025-03-05
place: Portown
parties: [north, south]
actors:
  - actor: ann-mayor
    role: North's negotiator
    description: Led North's team at the talks.
    source: gazette
summary:
  - text: North and South met for the first time and agreed on moorings.
    source: gazette
unknowns:
  - text: When the harbour will open.
    source: gazette
next:
  - text: A second meeting, not yet dated.
    source: gazette
comparisons:
  - id: repair-funds
    title: The repair fund, offered and agreed
    figures: [first-fund-offer, repair-fund]
    key: true
changes:
  - date: 2025-03-05
    text: Corrected the number of moorings.
    correction: true
  - date: 2025-03-04
    text: First published.
""",
    X + "positions.yml": """\
- actor: north
  issue: harbour
  stance: proposes
  summary: North proposed running the harbour jointly.
  date: 2025-02
  source: gazette
- actor: north
  issue: harbour
  stance: demands
  summary: North now wants to run the harbour alone.
  said_by: ann-mayor
  quote: ours alone
  date: 2025-03-04
  source: gazette
- actor: south
  issue: harbour
  stance: noncommittal
  summary: South took note of North's demand without saying yes or no.
  document: harbour-accord
  date: 2025-03-04
  source: gazette
""",
    X + "figures.yml": """\
- id: moorings
  label: Moorings each town gets
  value: 1000
  unit: moorings
  scope: per-side
  status: agreed
  claimed_by: [north, south]
  issue: harbour
  as_of: 2025-03-04
  key: true
  source: gazette
- id: harbour-share
  label: Share of the harbour North uses
  value: 0.2
  wording: a fifth
  qualifier: just-under
  unit: of the harbour
  status: reported
  as_of: 2025-03
  note: The news agency's figure; neither town gave one.
  source: gazette
- id: repair-fund
  label: Harbour repair fund
  value: 4500000
  currency: EUR
  rate: year
  by: 2030
  status: target
  document: harbour-accord
  issue: harbour
  as_of: 2025-03-04
  source: gazette
- id: first-fund-offer
  label: Repair fund North first offered
  value: 2000000
  currency: EUR
  rate: year
  status: superseded
  replaced_by: repair-fund
  claimed_by: [north]
  as_of: 2025-02
  source: gazette
- id: berths-each
  label: Berths the harbour board keeps for each town
  value: 12
  unit: berths
  scope: per-actor
  actors: [north, south]
  status: agreed
  claimed_by: [bay-board]
  as_of: 2025-03-04
  chart: true
  source: gazette
""",
    X + "events.yml": """\
- id: first-meeting
  date: 2025-03-04
  title: First meeting
  summary: The towns met in Portown and agreed on moorings.
  actors: [north, south, ann-mayor]
  issues: [harbour]
  source: gazette
- id: harbour-built
  date: 1900-06
  title: Harbour built
  summary: The harbour was built; the source gives only the month.
  source: gazette
""",
}

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
"""

# Mistakes editors make, as (what happened, file, text in the example, text instead).
MISTAKES: list[tuple[str, str, str, str]] = [
    ("A misspelt id", X + "positions.yml", "actor: south", "actor: suoth"),
    ("A field left out", X + "figures.yml", "  unit: moorings\n", ""),
    ("A misspelt field name", "actors.yml", "  role: Mayor of North", "  rol: Mayor of North"),
    ("A number written with commas", X + "figures.yml", "value: 1000", "value: 1,000"),
    ("A word outside the vocabulary", X + "positions.yml", "stance: demands", "stance: insists"),
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


def describe_type(annotation: Any) -> str:
    """A field's type in an editor's words: ``text``, ``list of actor ids``, ``one of: …``."""
    for meta in getattr(annotation, "__metadata__", ()):
        if isinstance(meta, model.RefTo):
            return f"{meta.noun} id"
        if isinstance(meta, model.Term):
            return f"{meta.noun}, from the desk's {meta.vocabulary}"
    if annotation is model.PartialDate:
        return "date"
    if annotation is model.Icon:
        return "icon name"
    if annotation is model.Currency:
        return "currency code"
    if annotation is model.Url:
        return "web address"
    if annotation is model.Sources:
        return "source id, or list of source ids"
    if annotation is model.Id:
        return "id"
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is typing.Annotated:
        return describe_type(args[0])
    if origin is list:
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


def example_of(name: str) -> str:
    """The example of one content file, by its name (``positions.yml``)."""
    return next(text for path, text in EXAMPLES.items() if path.rsplit("/", 1)[-1] == name)


def own_vocabulary_example() -> str:
    """desk.yml declaring a vocabulary of its own, as the guide shows it (checked here)."""
    validate_desk(parse(OWN_VOCABULARY, "content/desk.yml"))
    return OWN_VOCABULARY


def render_guide() -> str:
    """The editors' guide, as Markdown."""
    registry = [(name, cls, fields(cls)) for name, cls in model.REGISTRY.items()]
    explainer = [(name, cls, fields(cls)) for name, cls in model.EXPLAINER.items()]
    parts = [
        (name, cls, fields(cls))
        for name, cls in (
            ("Cast", model.Cast), ("Note", model.Note), ("Change", model.Change), ("Membership", model.Membership),
            ("Comparison", model.Comparison), ("Stance", model.StanceTerm), ("Kind", model.KindTerm),
            ("Publisher", model.Publisher),
        )
    ]
    return environment().get_template("guide.md.j2").render(
        registry=registry,
        explainer=explainer,
        parts=parts,
        examples={name: Markup(example_of(name)) for name in model.FILES},
        own_vocabulary=Markup(own_vocabulary_example()),
        errors=example_errors(),
        KINDS=wording.KINDS,
        STANCES=wording.STANCES,
        STATUSES=wording.STATUSES,
        QUALIFIERS=wording.QUALIFIERS,
        RATES=wording.RATES,
        MAX_ID_LENGTH=model.MAX_ID_LENGTH,
        MAX_TEXT_LENGTH=model.MAX_TEXT_LENGTH,
        MAX_FILE_MB=MAX_FILE_BYTES // 1024 // 1024,
    )
