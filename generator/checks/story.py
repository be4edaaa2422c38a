"""What holds within one explainer: one position per actor, issue and date, nothing dated
after its last update (its positions, events, numbers and the sources it cites), one who's-who
entry per actor, numbers for each party only where there are parties, and comparisons of its
own, like numbers; a headline the share card can show whole. And across the desk: one stance
per actor, issue and date."""

from __future__ import annotations

from collections.abc import Iterator

from .. import messages
from ..diagnostics import Diagnostic
from ..parsing import Document, Key
from ..model import Event, Figure, Position, Source, Story
from ..values import after, sort_key
from .card_text import headline_problem
from .found import Checked, Folder
from .references import file_references


def check_story(x: Folder, figures_of: dict[str, tuple[Folder, Figure]]) -> Iterator[Diagnostic]:
    """What only makes sense within one explainer: one position per actor, issue and date, none
    after the explainer's last update, one who's-who entry per actor, no date, change, event
    or number after that update either, numbers for each party only where there are parties,
    and comparisons of this explainer's own, like numbers."""
    story_entries = x.entries("explainer.yml", Story)
    story = story_entries[0][1] if story_entries else None
    document = x.documents.get("positions.yml")
    first: dict[tuple[str, str, str], Key] = {}
    for key, position in x.entries("positions.yml", Position):
        when = (position.actor, position.issue, position.date)
        if when in first and document is not None:
            line, _ = document.place(first[when])
            yield document.diagnostic(
                key, f"second position of '{when[0]}' on '{when[1]}' dated {when[2]} (first at line {line}; "
                "expected one position per actor, issue and date: give a changed position its own date)",
            )
        first.setdefault(when, key)
        if position.quote and document is not None and in_quotation_marks(position.quote):
            yield document.diagnostic((*key, "quote"), QUOTED)
        if story and document is not None and _later(position.date, story):
            yield document.diagnostic(
                (*key, "date"), f"position dated {position.date} is after the explainer's last update, {story.updated} "
                "(expected a date no later than 'updated' in explainer.yml, or a later 'updated')",
            )
    if story is not None:
        seen: dict[str, int] = {}
        for i, cast in enumerate(story.actors):
            if cast.actor in seen:
                line, _ = x.documents["explainer.yml"].place(("actors", seen[cast.actor]))
                yield x.documents["explainer.yml"].diagnostic(
                    ("actors", i, "actor"), f"second entry for '{cast.actor}' (first at line {line}; expected one entry per actor)"
                )
            seen.setdefault(cast.actor, i)
        yield from _check_story_dates(x.documents["explainer.yml"], story)
        if problem := headline_problem(x.documents["explainer.yml"], ("title",), story.title):
            yield problem
        yield from _check_later_than_story(x, story)
        figures = x.documents.get("figures.yml")
        for key, figure in x.entries("figures.yml", Figure):
            if figure.key and figure.status == "superseded" and figures is not None:
                # The key numbers, and the share card with the first of them, would lead with it.
                instead = f"key: true on '{figure.replaced_by}', which replaced it" if figure.replaced_by else "key: true on the number that replaced it"
                yield figures.diagnostic(
                    (*key, "key"), f"number '{figure.id}' is superseded but still a key number, shown first to readers and "
                    f"on the share card (expected {instead}, and no `key:` here)", severity="warning",
                )
            if figure.scope == "per-side" and not story.parties and figures is not None:
                yield figures.diagnostic(
                    (*key, "scope"), "scope per-side, but the explainer names no parties (expected `parties:` in "
                    "explainer.yml, or scope: per-actor with `actors:`)",
                )
        yield from _check_comparisons(x, story, figures_of)


def _check_story_dates(document: Document, story: Story) -> Iterator[Diagnostic]:
    """The explainer's date and its change log's dates, none after its last update (a change
    dated later would head the feeds for ever), the change log newest first and none before
    the explainer's date. An update the change log does not tell of is a
    warning: readers would see "Last updated" over an older "What changed". Without a change
    log, an explainer never updated since its date tells of nothing."""
    newest = max((change.date for change in story.changes), key=sort_key, default=None)
    if after(story.updated, newest or story.date):
        said = f"is later than the newest change, {newest}" if newest else f"is later than the explainer's date, {story.date}, and no change tells of it"
        yield document.diagnostic(
            ("updated",), f"updated {story.updated} {said} (expected a `changes:` entry dated {story.updated} "
            "saying what changed, for readers)", severity="warning",
        )
    for i, change in enumerate(story.changes):
        # Newest first, as the page lists them and the feeds count them; none before the story.
        if i and after(change.date, story.changes[i - 1].date) and not _later(change.date, story):
            yield document.diagnostic(
                ("changes", i, "date"), f"change dated {change.date} is listed below an older one, dated "
                f"{story.changes[i - 1].date} (expected the newest first: each update added at the top of `changes:`)",
            )
        if after(story.date, change.date) and not after(story.date, story.updated):  # (else said once, at 'date')
            yield document.diagnostic(
                ("changes", i, "date"), f"change dated {change.date} is before the explainer's date, {story.date} "
                "(expected a date no earlier than 'date')",
            )
    dated = [(("date",), "date", story.date)]
    dated += [(("changes", i, "date"), "change dated", change.date) for i, change in enumerate(story.changes)]
    for key, what, date in dated:
        # The explainer's own date against `updated`; all else as _later says.
        if after(date, story.updated) if key == ("date",) else _later(date, story):
            yield document.diagnostic(
                key, f"{what} {date} is after the explainer's last update, {story.updated} "
                "(expected a date no later than 'updated', or a later 'updated')",
            )


QUOTED = "the quote is in quotation marks (expected the words alone: the pages put them in the quotation marks of their language)"
# Quotation marks of the languages a desk may be written in, opening and closing: "…", “…”,
# ‘…’, „…“, «…», »…«, '…', 「…」.
_QUOTATION_MARKS = "\"'\u201c\u201d\u2018\u2019\u201e\u201a\u00ab\u00bb\u2039\u203a\u300c\u300d"


def in_quotation_marks(text: str) -> bool:
    """Whether a quote was written in quotation marks, which the pages add themselves."""
    text = text.strip()
    return len(text) > 1 and text[0] in _QUOTATION_MARKS and text[-1] in _QUOTATION_MARKS


def _later(date: str, story: Story) -> bool:
    """Whether something the explainer tells of is dated after its last update. Where `updated`
    is itself before the explainer's `date`, that is the one mistake (said at `date`): what is
    dated between the two is not said again, for each position and change."""
    if after(story.date, story.updated):
        return after(date, story.date)
    return after(date, story.updated)


def _check_later_than_story(x: Folder, story: Story) -> Iterator[Diagnostic]:
    """An event or a number later than the explainer's last update: it cannot have been
    reported in it. (A typo in the year, most often; what is still to come belongs in `next:`.)"""
    expected = f"expected a date no later than 'updated' in explainer.yml, {story.updated}, or a later 'updated'"
    dated: list[tuple[str, Key, str, str]] = [
        ("events.yml", (*key, "date"), "event dated", event.date) for key, event in x.entries("events.yml", Event)
    ]
    dated += [("figures.yml", (*key, "as_of"), "number as of", figure.as_of) for key, figure in x.entries("figures.yml", Figure)]
    for file, key, what, date in dated:
        if _later(date, story):
            yield x.documents[file].diagnostic(key, f"{what} {date} is after the explainer's last update ({expected})")


def check_sources_cited_later(sources: Checked | None, folders: list[Folder]) -> Iterator[Diagnostic]:
    """A source published after the last update of an explainer that cites it: once, at the
    source's date, naming those explainers (its date is the one mistake, most often, not each
    citation of it)."""
    if sources is None:
        return
    cited: dict[str, list[tuple[str, Story]]] = {}
    for x in folders:
        for _, story in x.entries("explainer.yml", Story):
            for source in _cited(x):
                cited.setdefault(source, []).append((x.slug or "the explainer", story))
    for key, source in sources.of(Source):
        later = [f"{slug}, updated {s.updated}" for slug, s in cited.get(source.id, []) if _later(source.date, s)]
        if later:
            yield sources.document.diagnostic(
                (*key, "date"), f"source '{source.id}' is dated {source.date}, after the last update of "
                f"{'an explainer' if len(later) == 1 else 'explainers'} citing it: {'; '.join(later)} "
                "(expected the day it was published, no later than that update)",
            )


def _cited(x: Folder) -> set[str]:
    """The sources an explainer's files cite, found as every reference is, from the model's
    marks (references.file_references): a new field that cites one is counted without a word here."""
    return {id_ for checked in x.checked.values() for file, id_ in file_references(checked).named if file == "sources.yml"}


def check_stances_agree(folders: list[Folder]) -> Iterator[Diagnostic]:
    """One stance per actor, issue and date across the desk: two explainers that give one
    actor's stance on one day differently contradict each other on the shared issue page."""
    first: dict[tuple[str, str, str], tuple[Folder, Key, Position]] = {}
    for x in folders:
        for key, position in x.entries("positions.yml", Position):
            when = (position.actor, position.issue, position.date)
            if when not in first:
                first[when] = (x, key, position)
                continue
            other, other_key, earlier = first[when]
            if other is not x and earlier.stance != position.stance:
                line, _ = other.documents["positions.yml"].place((*other_key, "stance"))
                yield x.documents["positions.yml"].diagnostic(
                    (*key, "stance"), f"'{when[0]}' on '{when[1]}' dated {when[2]} is '{position.stance}' here but "
                    f"'{earlier.stance}' in {other.documents['positions.yml'].file}:{line} (expected one stance per actor, "
                    "issue and date across the desk: the same in both, or a different date for a change)",
                )


def _check_comparisons(x: Folder, story: Story, figures_of: dict[str, tuple[Folder, Figure]]) -> Iterator[Diagnostic]:
    document = x.documents["explainer.yml"]
    seen: dict[str, int] = {}
    for i, comparison in enumerate(story.comparisons):
        if comparison.id in seen:
            line, _ = document.place(("comparisons", seen[comparison.id], "id"))
            yield document.diagnostic(
                ("comparisons", i, "id"), f"second comparison '{comparison.id}' (first at line {line}; expected each id once)"
            )
        seen.setdefault(comparison.id, i)
        first: Figure | None = None
        # A sum per year beside a sum in one year (or a one-off sum) compares: each bar's words
        # say which it is. Sums per year beside sums per month do not.
        rated: Figure | None = None
        for j, figure_id in enumerate(comparison.figures):
            found = figures_of.get(figure_id)
            if found is None:
                continue  # an unknown figure: already said
            owner, figure = found
            where = ("comparisons", i, "figures", j)
            if owner is not x:
                yield document.diagnostic(
                    where, f"figure '{figure_id}' is in another explainer, {owner.slug} (expected one of this explainer's figures)"
                )
                continue
            first = first or figure
            unlike = first if _measure(figure) != _measure(first) else None
            if unlike is None and figure.rate and rated and figure.rate != rated.rate:
                unlike = rated
            if unlike is not None:
                yield document.diagnostic(
                    where, f"figure '{figure_id}' counts {_measure_words(figure)}, '{unlike.id}' counts {_measure_words(unlike)} "
                    "(expected numbers of the same unit and currency, and of the same rate where both have one, "
                    "to compare like with like)",
                )
            elif figure.rate:
                rated = rated or figure


def _measure(figure: Figure) -> tuple[str | None, str | None]:
    return (figure.unit, figure.currency)


def _measure_words(figure: Figure) -> str:
    words = [w for w in (figure.currency, figure.unit, messages.RATES[figure.rate] if figure.rate else None) if w]
    return "'" + " ".join(words) + "'"

