"""The desk's vocabularies: the stances positions take and the kinds of actor, desk.yml's own
or the built-in ones, and the words other files use from them."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from typing import Any

from .. import messages
from ..diagnostics import Diagnostic
from ..diagnostics import shown as _shown
from ..parsing import Document
from ..model import DEFAULT_DESK, Desk, KindTerm, StanceTerm
from ..values import FigureStatus, Qualifier, Rate, Scope
from .found import Checked

def stances(desk: Desk) -> dict[str, StanceTerm]:
    """desk.yml's stances, or the built-in ones, in legend order."""
    return {t.id: t for t in (desk.stances or messages.STANCES)}


def kinds(desk: Desk) -> dict[str, KindTerm]:
    """The built-in kinds of actor with those desk.yml adds (or rewords), in the order lists
    grouped by kind follow: desk.yml's `kind_order` first, then the others as declared."""
    declared = {**{t.id: t for t in messages.KINDS}, **{t.id: t for t in desk.kinds}}
    return {id_: declared[id_] for id_ in [*desk.kind_order, *declared] if id_ in declared}


def vocabularies(desk: Desk) -> dict[str, dict[str, StanceTerm] | dict[str, KindTerm]]:
    """The words a desk's positions and actors may use, by vocabulary (``Term.vocabulary``)."""
    return {"stances": stances(desk), "kinds": kinds(desk)}


def in_use(desk: Checked | None, problems: list[Diagnostic]) -> dict[str, dict[str, Any]]:
    """The desk's vocabularies. While desk.yml has errors, the ids it declares stand for its
    terms: one wrong icon then hides neither desk.yml's other problems nor the words the other
    files use that it does not declare."""
    if desk is None:
        return vocabularies(DEFAULT_DESK)
    problems.extend(_second_terms(desk.document))
    valid = desk.of(Desk)
    if valid:
        return vocabularies(valid[0][1])
    return _declared_vocabularies(desk.document.data)


def _declared(data: Any, field: str) -> list[tuple[int, str]]:
    """Where in desk.yml's ``field`` (``stances``, ``kinds``) each term is, and its id: every
    term that gives an id, valid or not."""
    terms = data.get(field) if isinstance(data, dict) else None
    if not isinstance(terms, list):
        return []
    return [(i, term["id"]) for i, term in enumerate(terms) if isinstance(term, dict) and isinstance(term.get("id"), str)]


def _second_terms(document: Document) -> Iterator[Diagnostic]:
    for field, noun in (("stances", "stance"), ("kinds", "kind")):
        first: dict[str, int] = {}
        for i, id_ in _declared(document.data, field):
            if id_ in first:
                line, _ = document.place((field, first[id_], "id"))
                yield document.diagnostic((field, i, "id"), f"second {noun} '{_shown(id_)}' (first at line {line}; expected each {noun} once)")
            first.setdefault(id_, i)
    order = document.data.get("kind_order") if isinstance(document.data, dict) else None
    first_place: dict[str, int] = {}
    for i, id_ in enumerate(order if isinstance(order, list) else []):
        if isinstance(id_, str) and id_ in first_place:
            line, _ = document.place(("kind_order", first_place[id_]))
            yield document.diagnostic(("kind_order", i), f"second '{_shown(id_)}' in kind_order (first at line {line}; expected each kind once)")
        first_place.setdefault(id_, i)


def _declared_vocabularies(data: Any) -> dict[str, dict[str, Any]]:
    """The words desk.yml declares, by their ids alone, as ``vocabularies`` gives a valid desk's."""
    built_in = vocabularies(DEFAULT_DESK)
    stances = dict.fromkeys(id_ for _, id_ in _declared(data, "stances"))
    kinds = dict.fromkeys(id_ for _, id_ in _declared(data, "kinds"))
    return {"stances": stances or built_in["stances"], "kinds": {**built_in["kinds"], **kinds}}


def not_in_vocabulary(word: Any, words: list[str], labels: dict[str, str] | None = None) -> str:
    """The message for a word not in a vocabulary: its words, plainly, and the one meant."""
    meant = suggestion(str(word), words, labels or {})
    tail = f"; did you mean '{meant}'?" if meant else ""
    return f"'{_shown(word)}' is not allowed here (expected one of: {', '.join(words)}{tail})"


def suggestion(word: str, ids: list[str], labels: dict[str, str]) -> str | None:
    """The id ``word`` most likely means: the id whose label readers see it as (``Called for``
    → ``demanded``), case, hyphens and spaces aside; else the id or label closest to it."""
    readable = {_plain(label): id_ for label, id_ in labels.items() if label} | {_plain(id_): id_ for id_ in ids}
    close = difflib.get_close_matches(_plain(word), list(readable), n=1)
    return readable[close[0]] if close else None


def _plain(text: str) -> str:
    return " ".join(text.replace("-", " ").replace("_", " ").split()).casefold()


def term_labels(terms: dict[str, Any]) -> dict[str, str]:
    """What readers see of each term of a desk vocabulary (a stance's label, a kind's heading), to its id."""
    found = {}
    for id_, term in terms.items():
        label = getattr(term, "label", None) or getattr(term, "heading", None)
        if label:
            found[label] = id_
    return found


# The words the vocabularies of numbers (values.py) are shown as, to their ids; and, for rates,
# the words editors also write for them.
_PERIOD_WORDS = {"year": ("annual", "annually", "yearly", "per year"), "month": ("monthly", "per month"),
                 "week": ("weekly", "per week"), "day": ("daily", "per day"), "hour": ("hourly", "per hour")}
LITERAL_LABELS: dict[Any, dict[str, str]] = {
    FigureStatus: {label: id_ for id_, (label, _) in messages.STATUSES.items()},
    Qualifier: {label: id_ for id_, label in messages.QUALIFIERS.items()},
    Scope: {label: id_ for id_, labels in messages.SCOPES.items() for label in labels if label != "each"},
    Rate: {**{label: id_ for id_, label in messages.RATES.items()},
           **{word: id_ for id_, words in _PERIOD_WORDS.items() for word in words}},
}
