"""Synthetic desks for the benchmarks, valid for the real validator.

``python -m bench.synth --explainers E OUT_DIR`` writes a desk of ``E`` explainers of typical
size (about 15 actors, 10 issues, 30 positions, 12 figures and 8 events each), drawn from one
shared registry, so that actors and issues recur across explainers as they do on a real desk:
the same two parties in most explainers, a core of people, states and issues that come back
with different frequencies, and each explainer's own newcomers, some of whom return later.
Explainer ``k`` is the same in every desk that has one: a desk of 5 is the first 5 of a desk of
40, and the registry holds exactly what its explainers use.

``python -m bench.synth --actors N OUT_DIR`` writes a desk of one explainer of any size. The
mix follows the first explainer, scaled per 100 actors: about 10 issues, 60 positions, 30
figures, 40 events and 3 sources. Actors come in blocs of ten (two states, a delegation, five
people, an organization, a group), people belong to their bloc's state or delegation, and most
actors have a who's-who entry in the explainer (what they are in this story; the first person
of a bloc heads its delegation there). The two main parties take a position on every issue,
some of them with an earlier, different stance; the other positions are spread over the
states, delegations, organizations and groups.

Both are written in the desk's layout: the registry (``desk.yml``, ``actors.yml``,
``issues.yml``, ``sources.yml``) at the top and each explainer's own files in
``explainers/<slug>/``. ``python -m generator --content OUT_DIR check --strict`` passes without
a single warning: every actor is connected, every source cited, every issue has positions,
every explainer has a summary. Output is deterministic for a given size and seed.
"""

from __future__ import annotations

import argparse
import datetime
import json
import random
import re
import sys
from pathlib import Path
from typing import Any

# Per 100 actors.
ISSUES_PER_100 = 10
POSITIONS_PER_100 = 60
FIGURES_PER_100 = 30
EVENTS_PER_100 = 40
SOURCES_PER_100 = 3

MIN_ACTORS = 10
BLOC = ["state", "state", "delegation", "person", "person", "person", "person", "organization", "group", "person"]
PERSON_ROLES = ["President", "Foreign minister", "Defence minister", "Spokesperson", "Chief negotiator", "Envoy"]
STORY_ROLES = ["Host of the talks", "Mediator", "Guarantor", "Backer of the proposal", "Observer", "Called for retaliation"]
STANCES = [
    "supports", "opposes", "conditional", "demands", "proposes", "agrees", "disputes", "not-stated",
    "requests", "noncommittal", "boycotts",
]
STANCE_WEIGHTS = [20, 15, 15, 10, 10, 10, 10, 10, 5, 5, 2]
STATUSES = ["agreed", "delivered", "proposed", "claimed", "estimate", "reported"]
QUALIFIERS = ["exactly", "about", "just-under", "less-than", "more-than", "at-least", "up-to"]
QUALIFIER_WEIGHTS = [50, 20, 5, 5, 10, 5, 5]
# Money is a currency, never a unit (generator/checks/figure_words.py).
UNITS = ["prisoners", "bodies", "km²", "people", "days", "drones", "soldiers", "children", "villages", "tonnes"]
PUBLISHERS = ["BTA", "Reuters", "AP", "AFP", "BBC", "Kyiv Independent", "TASS", "Anadolu Agency"]
# Share of positions that are an earlier stance of a main party, changed since.
EARLIER_SHARE = 0.2
# Share of actors with a who's-who entry in the explainer.
CAST_SHARE = 0.85
# Share of claims that cite two sources rather than one.
TWO_SOURCES = 0.1
EXPLAINERS = "explainers"

_SYLLABLES = [
    "va", "lo", "ri", "mar", "ten", "so", "ka", "dor", "el", "vin", "ta", "nor", "bel", "za", "mi", "ros",
    "an", "kel", "ti", "gor", "ul", "fen", "da", "sar", "ove", "len", "pra", "kin", "ste", "mun",
]
_FIRST = [
    "Anna", "Boris", "Carla", "Dmytro", "Elif", "Farid", "Galina", "Hakan", "Iryna", "Jonas", "Katya", "Lev",
    "Maria", "Nikolai", "Olena", "Pavel", "Rustem", "Sofia", "Taras", "Yulia",
]
_WORDS = (
    "talks delegation ceasefire exchange prisoners front region agreement proposal memorandum "
    "sanctions border corridor observers monitors envoy meeting summit statement report round "
    "conditions guarantees security troops withdrawal reconstruction aid grain port energy "
    "infrastructure negotiators mediation roadmap timetable draft officials spokesperson minister "
    "parliament vote referendum territory claims reparations return children families"
).split()
_PLAIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9 ,.'’²()–-]*[A-Za-z0-9.)²]|[A-Za-z0-9]")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}(-[0-9]{2})?")
_AMBIGUOUS = re.compile(r"(?i)(y|n|yes|no|on|off|true|false|null|~)|[-+0-9.:_]+")


def scaled(actors: int, per_100: int, minimum: int = 1) -> int:
    return max(minimum, round(actors * per_100 / 100))


class _Text:
    """Deterministic filler that reads like the first explainer's text."""

    def __init__(self, rng: random.Random):
        self.rng = rng

    def word_name(self, syllables: int = 3) -> str:
        return "".join(self.rng.choice(_SYLLABLES) for _ in range(syllables)).capitalize()

    def sentence(self, words: int = 14) -> str:
        picked = [self.rng.choice(_WORDS) for _ in range(words)]
        if self.rng.random() < 0.3:
            # A year: a number written in prose that no figure holds would be a warning
            # (generator/checks/prose.py), and the benchmarks build --strict.
            picked.insert(self.rng.randrange(1, len(picked)), str(1990 + self.rng.randint(2, 12000) % 36))
        if self.rng.random() < 0.2:
            picked.insert(self.rng.randrange(1, len(picked)), "the sides’ –")
        text = " ".join(picked)
        return text[0].upper() + text[1:] + "."

    def sentences(self, low: int, high: int) -> str:
        return " ".join(self.sentence(self.rng.randint(10, 22)) for _ in range(self.rng.randint(low, high)))


def _date(rng: random.Random, start: datetime.date, end: datetime.date, *, partial: bool = True) -> str:
    day = datetime.date.fromordinal(rng.randint(start.toordinal(), end.toordinal()))
    precision = rng.random() if partial else 0.0
    if precision > 0.95:
        return f"{day.year}"
    if precision > 0.80:
        return f"{day.year}-{day.month:02d}"
    return day.isoformat()


def slug_for(actors: int) -> str:
    """The synthetic explainer's folder name under ``explainers/``."""
    return f"synthetic-{actors}-actors"


def synthesize(actors: int, seed: int = 1) -> dict[str, Any]:
    """The content of a desk of one explainer with ``actors`` actors, as plain data per file,
    keyed by the file's path in the content folder (``explainers/<slug>/positions.yml``)."""
    if actors < MIN_ACTORS:
        raise ValueError(f"--actors must be at least {MIN_ACTORS}")
    rng = random.Random(f"explainer-{actors}-{seed}")
    text = _Text(rng)
    start, end = datetime.date(2022, 1, 1), datetime.date(2025, 6, 2)

    n_issues = scaled(actors, ISSUES_PER_100, 2)
    n_positions = max(2 * n_issues, scaled(actors, POSITIONS_PER_100))
    n_figures = scaled(actors, FIGURES_PER_100)
    n_events = scaled(actors, EVENTS_PER_100)
    n_sources = scaled(actors, SOURCES_PER_100)

    # Sources: everything else cites them in turn, so each is cited.
    sources = []
    for i in range(n_sources):
        publisher = PUBLISHERS[i % len(PUBLISHERS)]
        source: dict[str, Any] = {"id": f"source-{i + 1}", "publisher": publisher}
        if i % 3 == 0:
            source["reported_by"] = "Reuters" if publisher != "Reuters" else "AP"
        source["title"] = f"Report {i + 1} on the talks: " + text.sentence(8)[:-1].lower()
        source["date"] = _date(rng, datetime.date(2025, 5, 1), end, partial=False)
        if i % 2 == 0:
            source["url"] = f"https://news.example.org/{i + 1}/talks-report"
        sources.append(source)
    cite_count = 0

    def cite() -> str | list[str]:
        # One source, or now and then two: `source:` takes one id or a list of them.
        nonlocal cite_count
        cite_count += 1
        first = sources[(cite_count - 1) % n_sources]["id"]
        if n_sources > 1 and rng.random() < TWO_SOURCES:
            cite_count += 1
            return [first, sources[(cite_count - 1) % n_sources]["id"]]
        return first

    # Actors, in blocs of ten.
    actor_list: list[dict[str, Any]] = []
    states_of_bloc: dict[int, list[str]] = {}
    delegation_of_bloc: dict[int, str] = {}
    people_of: dict[str, list[str]] = {}  # state or delegation id → people who speak for it
    names: dict[str, str] = {}
    for i in range(actors):
        bloc, kind = divmod(i, len(BLOC))
        kind = BLOC[kind]
        country = states_of_bloc.get(bloc)
        if kind == "state":
            name = text.word_name(3)
            role = "Party to the war" if i < 2 else rng.choice(["Mediator", "Neighbour", "Ally", "Guarantor"])
        elif kind == "delegation":
            name = f"{names[country[0]] if country else text.word_name()} delegation"
            role = "Negotiating team"
        elif kind == "person":
            name = f"{rng.choice(_FIRST)} {text.word_name(rng.randint(2, 3))}"
            role = rng.choice(PERSON_ROLES)
        elif kind == "organization":
            name = f"{text.word_name(2)} Monitoring Mission"
            role = "Observer"
        else:
            name = f"{text.word_name(2)} Coalition"
            role = None  # as in the first desk, a group is described rather than given a role
        actor_id = f"{_slug(name)}-{i + 1}"
        actor: dict[str, Any] = {"id": actor_id, "name": name, "kind": kind}
        if role:
            actor["role"] = role
        actor["description"] = text.sentences(1, 3)
        if kind in ("state", "person") and rng.random() < 0.4:
            actor["aliases"] = [text.word_name(2) for _ in range(rng.randint(1, 2))]
        memberships = []
        if kind == "delegation" and country:
            memberships.append({"of": country[0], "role": "Negotiating team"})
            delegation_of_bloc[bloc] = actor_id
        elif kind == "person":
            target = delegation_of_bloc.get(bloc) if rng.random() < 0.4 else None
            target = target or (rng.choice(country) if country else None)
            if target:
                memberships.append({"of": target, "role": role})
                people_of.setdefault(target, []).append(actor_id)
        if memberships:
            actor["memberships"] = memberships
        actor["source"] = cite()
        actor_list.append(actor)
        names[actor_id] = name
        if kind == "state":
            states_of_bloc.setdefault(bloc, []).append(actor_id)
    parties = [actor_list[0]["id"], actor_list[1]["id"]]
    holders = [a["id"] for a in actor_list if a["kind"] != "person" and a["id"] not in parties]
    claimants = [a["id"] for a in actor_list if a["kind"] in ("state", "person", "organization")]

    # Who's who in the story: what most actors are in it; the first person of each bloc with a
    # delegation heads it in this story (a tie of the story, not a lasting one).
    cast = []
    heads: set[int] = set()
    for i, actor in enumerate(actor_list):
        bloc = i // len(BLOC)
        if actor["id"] not in parties and rng.random() >= CAST_SHARE:
            continue
        entry: dict[str, Any] = {"actor": actor["id"]}
        heading = actor["kind"] == "person" and bloc in delegation_of_bloc and bloc not in heads
        if actor["id"] in parties:
            entry["role"] = "Party to the talks"
        elif heading:
            entry["role"] = f"{actor['role']} and head of the {names[delegation_of_bloc[bloc]]}"
        else:
            entry["role"] = rng.choice(STORY_ROLES) if actor["kind"] != "person" else f"{actor['role']} at the talks"
        if rng.random() < 0.7:
            entry["description"] = text.sentences(1, 3)
        if heading:
            heads.add(bloc)
            entry["memberships"] = [{"of": delegation_of_bloc[bloc], "role": "Head of delegation"}]
        entry["source"] = cite()
        cast.append(entry)

    issues = []
    for i in range(n_issues):
        title = f"{text.word_name(2)} {rng.choice(['corridor', 'exchange', 'ceasefire', 'guarantees', 'border', 'sanctions'])}"
        issues.append({
            "id": f"{_slug(title)}-{i + 1}", "title": title,
            "question": f"Will the sides agree on the {title.lower()}?",
            "description": text.sentences(1, 3), "source": cite(),
        })

    # Positions: both parties on every issue, the rest spread over the other non-people or, for
    # some, an earlier stance of a party that has changed since (dated a year before).
    positions = []
    extra = n_positions - 2 * n_issues
    for i, issue in enumerate(issues):
        share = extra // n_issues + (1 if i < extra % n_issues else 0)
        earlier = [p for p in parties if rng.random() < EARLIER_SHARE][:share]
        holding = parties + rng.sample(holders, min(share - len(earlier), len(holders)))
        latest: dict[str, str] = {}
        for actor_id in holding + earlier:
            stance = rng.choices(STANCES, STANCE_WEIGHTS)[0]
            if actor_id in latest and actor_id in earlier:
                was = latest.pop(actor_id)
                stance = rng.choice([s for s in STANCES if s != was])
                date = _date(rng, datetime.date(2024, 1, 1), datetime.date(2024, 12, 31))
            else:
                latest[actor_id] = stance
                date = _date(rng, datetime.date(2025, 1, 1), end)
            position: dict[str, Any] = {"actor": actor_id, "issue": issue["id"], "stance": stance,
                                        "summary": text.sentences(1, 2)}
            speakers = people_of.get(actor_id)
            if speakers and rng.random() < 0.4:
                position["said_by"] = rng.choice(speakers)
                if rng.random() < 0.3:
                    position["quote"] = text.sentence(12)[:-1].lower()
            position["date"] = date
            position["source"] = cite()
            positions.append(position)

    figures = []
    for i in range(n_figures):
        label = f"{rng.choice(['Number of', 'Share of', 'Total of', 'Estimated'])} {rng.choice(_WORDS)} {rng.choice(_WORDS)}"
        figure: dict[str, Any] = {"id": f"figure-{i + 1}", "label": label}
        status = rng.choice(STATUSES)
        if rng.random() < 0.1:
            figure.update(value=0.2, unit="of the territory", wording="a fifth", qualifier="just-under")
        else:
            figure["value"] = rng.randint(1, 120_000) if rng.random() < 0.9 else round(rng.uniform(0.1, 99), 1)
            if rng.random() < 0.15:
                figure["value_max"] = figure["value"] * 2
            figure["unit"] = rng.choice(UNITS)
            figure["qualifier"] = rng.choices(QUALIFIERS, QUALIFIER_WEIGHTS)[0]
        figure["scope"] = "per-side" if rng.random() < 0.2 else "total"
        figure["status"] = status
        if status != "reported":
            figure["claimed_by"] = rng.sample(claimants, rng.randint(1, 2))
        if rng.random() < 0.7:
            figure["issue"] = rng.choice(issues)["id"]
        figure["as_of"] = _date(rng, datetime.date(2024, 1, 1), end)
        figure["key"] = i < 6
        if (figure["scope"] == "per-side" or 0 < figure["value"] <= 1) and rng.random() < 0.5:
            figure["chart"] = True
        if rng.random() < 0.5:
            figure["note"] = text.sentences(1, 1)
        figure["source"] = cite()
        figures.append(figure)

    events = []
    others = [a["id"] for a in actor_list if a["id"] not in parties]
    for i in range(n_events):
        title = text.sentence(6)[:-1]
        events.append({
            "id": f"event-{i + 1}", "date": _date(rng, start, end), "title": title,
            "summary": text.sentences(1, 3),
            "actors": ([rng.choice(parties)] if rng.random() < 0.5 else []) + rng.sample(others, rng.randint(1, 3)),
            "issues": sorted({rng.choice(issues)["id"] for _ in range(rng.randint(0, 2))}),
            "source": cite(),
        })
    # Every actor connected: those nothing names yet take part in an event.
    named = set(parties) | {c["actor"] for c in cast}
    for p in positions:
        named.update(filter(None, [p["actor"], p.get("said_by")]))
    for f in figures:
        named.update(f.get("claimed_by", []))
    for e in events:
        named.update(e["actors"])
    for a in actor_list:
        named.update(m["of"] for m in a.get("memberships", []))
    loose = [a["id"] for a in actor_list if a["id"] not in named and not a.get("memberships")]
    for i, actor_id in enumerate(loose):
        events[(i * 7) % n_events]["actors"].append(actor_id)

    explainer = {
        "title": f"Synthetic explainer with {actors:,} actors",
        "standfirst": text.sentence(20),
        # First published with the first round, updated with the second (its change log's dates).
        "date": "2025-05-16",
        "updated": "2025-06-02",
        "place": "Istanbul",
        "parties": parties,
        "actors": cast,
        "summary": [{"text": text.sentences(2, 3), "source": cite()} for _ in range(6)],
        "unknowns": [{"text": text.sentences(1, 1), "source": cite()} for _ in range(4)],
        "next": [{"text": text.sentences(1, 1), "source": cite()} for _ in range(3)],
        "changes": [
            {"date": "2025-06-02", "text": "Added the second round of talks.", "correction": False},
            {"date": "2025-05-16", "text": "First published.", "correction": False},
        ],
    }
    folder = f"{EXPLAINERS}/{slug_for(actors)}"
    return {
        "desk.yml": {"title": "Synthetic desk", "description": f"One synthetic explainer with {actors:,} actors, for benchmarks."},
        "sources.yml": sources,
        "actors.yml": actor_list,
        "issues.yml": issues,
        f"{folder}/explainer.yml": explainer,
        f"{folder}/positions.yml": positions,
        f"{folder}/figures.yml": figures,
        f"{folder}/events.yml": events,
    }


# -- a desk of typical explainers (--explainers) ------------------------------------------------

# What each explainer holds.
DESK_ACTORS = 15
DESK_ISSUES = 10
DESK_POSITIONS = 30
DESK_FIGURES = 12
DESK_EVENTS = 8
DESK_SOURCES = 3  # each explainer's own reports
DESK_CAST = 12  # of its actors with a who's-who entry (the parties always)
# How an explainer's actors are drawn: the desk's two parties, CORE_PICKS from the desk's core
# (the prominent ones more often), up to RETURNING newcomers of earlier explainers, and the rest
# new to the desk. Issues likewise: CORE_ISSUE_PICKS from the core, the rest new.
CORE = ["state", "state", "state", "state", "delegation", "delegation"] + ["person"] * 10 + ["organization"] * 4 + ["group"] * 4
CORE_PICKS = 5
RETURNING = 2
CORE_ISSUES = 12
CORE_ISSUE_PICKS = 6
EARLIER_STANCES = 3  # positions that are a party's earlier, different stance
FIRST_DATE = datetime.date(2023, 1, 9)
DESK_INTERVAL = 14  # days between one explainer and the next
NEWCOMER_KINDS = ["person", "person", "person", "organization", "group", "state", "delegation", "person"]
ISSUE_NOUNS = ["corridor", "exchange", "ceasefire", "guarantees", "border", "sanctions", "monitoring", "reconstruction"]


def desk_slug(k: int) -> str:
    """The folder name of the desk's ``k``-th explainer (0 is the oldest)."""
    return f"synthetic-{k + 1:03d}"


def _weighted_sample(rng: random.Random, items: list[str], n: int) -> list[str]:
    """``n`` distinct items, the earlier ones in ``items`` more likely (weight 1/rank)."""
    pool = list(items)
    picked: list[str] = []
    while pool and len(picked) < n:
        choice = rng.choices(range(len(pool)), [1 / (i + 1) for i in range(len(pool))])[0]
        picked.append(pool.pop(choice))
    return picked


def synthesize_desk(explainers: int, seed: int = 1) -> dict[str, Any]:
    """The content of a desk of ``explainers`` typical explainers sharing one registry, as plain
    data per file, keyed by the file's path in the content folder."""
    if explainers < 1:
        raise ValueError("--explainers must be at least 1")
    core_rng = random.Random(f"desk-{seed}-core")
    text = _Text(core_rng)
    background = [
        {"id": "background-1", "publisher": "Reuters", "title": "Factbox: who is who in the talks",
         "date": "2022-12-01", "url": "https://news.example.org/factbox/who-is-who"},
        {"id": "background-2", "publisher": "AP", "title": "Explainer: the questions in dispute",
         "date": "2022-12-05"},
    ]

    # The desk's core: two parties (states 0 and 1) and their delegations, two more states, the
    # people who speak for them, and the organizations and groups that keep coming back.
    core: list[dict[str, Any]] = []
    for i, kind in enumerate(CORE):
        if kind == "state":
            name = text.word_name(3)
            role = "Party to the conflict" if i < 2 else core_rng.choice(["Mediator", "Neighbour", "Guarantor"])
        elif kind == "delegation":
            name = f"{core[i - 4]['name']} delegation"
            role = "Negotiating team"
        elif kind == "person":
            name = f"{core_rng.choice(_FIRST)} {text.word_name(core_rng.randint(2, 3))}"
            role = core_rng.choice(PERSON_ROLES)
        elif kind == "organization":
            name = f"{text.word_name(2)} Monitoring Mission"
            role = "Observer"
        else:
            name = f"{text.word_name(2)} Coalition"
            role = None
        actor: dict[str, Any] = {"id": f"{_slug(name)}-{i + 1}", "name": name, "kind": kind}
        if role:
            actor["role"] = role
        actor["description"] = text.sentences(1, 2)
        if kind == "delegation":
            actor["memberships"] = [{"of": core[i - 4]["id"], "role": "Negotiating team"}]
        elif kind == "person":
            # The first people speak for the parties and their delegations, the others for the other states.
            of = core[[0, 1, 4, 5, 0, 1, 2, 3, 2, 3][i - 6]]
            actor["memberships"] = [{"of": of["id"], "role": role}]
        actor["source"] = ["background-1", "background-2"] if i < 2 else "background-1"
        core.append(actor)
    core_issues: list[dict[str, Any]] = []
    for i in range(CORE_ISSUES):
        title = f"{text.word_name(2)} {ISSUE_NOUNS[i % len(ISSUE_NOUNS)]}"
        core_issues.append({
            "id": f"{_slug(title)}-{i + 1}", "title": title, "question": f"Will the sides agree on the {title.lower()}?",
            "description": text.sentences(1, 2), "source": "background-2" if i % 2 else "background-1",
        })
    parties = [core[0]["id"], core[1]["id"]]
    by_id = {a["id"]: a for a in core}
    # Who may speak for whom: the people whose lasting membership is of that actor.
    speakers: dict[str, list[str]] = {}
    for a in core:
        for m in a.get("memberships", []):
            if a["kind"] == "person":
                speakers.setdefault(m["of"], []).append(a["id"])

    newcomers: list[dict[str, Any]] = []  # actors new to the desk, in the order they came
    new_issues: list[dict[str, Any]] = []
    files: dict[str, Any] = {}
    # Each stance the desk gives, by actor, issue and date: the check refuses two explainers
    # giving one actor two stances on one issue on one day.
    stated: dict[tuple[str, str, datetime.date], str] = {}
    for k in range(explainers):
        rng = random.Random(f"desk-{seed}-explainer-{k}")
        text = _Text(rng)
        day = FIRST_DATE + datetime.timedelta(days=DESK_INTERVAL * k)
        updated = day + datetime.timedelta(days=rng.randint(0, 6))
        prefix = f"x{k + 1:03d}"
        sources = []
        for i in range(DESK_SOURCES):
            publisher = PUBLISHERS[(k + i) % len(PUBLISHERS)]
            source: dict[str, Any] = {"id": f"{prefix}-report-{i + 1}", "publisher": publisher}
            if i == 0:
                source["reported_by"] = "Reuters" if publisher != "Reuters" else "AP"
            source["title"] = f"Report {i + 1} on round {k + 1}: " + text.sentence(7)[:-1].lower()
            source["date"] = (day - datetime.timedelta(days=rng.randint(0, 3))).isoformat()
            if i != 1:
                source["url"] = f"https://news.example.org/{k + 1}/{i + 1}/report"
            sources.append(source)
        cited = [0]

        def cite() -> str | list[str]:
            cited[0] += 1
            first = sources[(cited[0] - 1) % DESK_SOURCES]["id"]
            if rng.random() < TWO_SOURCES:
                cited[0] += 1
                return [first, sources[(cited[0] - 1) % DESK_SOURCES]["id"]]
            return first

        # Its actors: the parties, some of the core, some earlier newcomers, and its own newcomers.
        chosen = parties + _weighted_sample(rng, [a["id"] for a in core[2:]], CORE_PICKS)
        returning = [a["id"] for a in newcomers if a["id"] not in chosen]
        chosen += rng.sample(returning, min(RETURNING, len(returning)))
        own_states = [a for a in chosen if by_id[a]["kind"] in ("state", "delegation")]
        for j, kind in enumerate(NEWCOMER_KINDS[: DESK_ACTORS - len(chosen)]):
            if kind == "person":
                name = f"{rng.choice(_FIRST)} {text.word_name(rng.randint(2, 3))}"
                role = rng.choice(PERSON_ROLES)
            elif kind == "state":
                name = text.word_name(3)
                role = rng.choice(["Neighbour", "Ally", "Observer state"])
            elif kind == "delegation":
                name = f"{text.word_name(2)} delegation"
                role = "Negotiating team"
            elif kind == "organization":
                name = f"{text.word_name(2)} Relief Agency"
                role = "Aid organization"
            else:
                name = f"{text.word_name(2)} Movement"
                role = None
            actor = {"id": f"{prefix}-{_slug(name)}", "name": name, "kind": kind}
            if role:
                actor["role"] = role
            actor["description"] = text.sentences(1, 2)
            if kind in ("person", "delegation"):
                of = rng.choice(own_states)
                actor["memberships"] = [{"of": of, "role": role}]
                if kind == "person":
                    speakers.setdefault(of, []).append(actor["id"])
            if kind == "state" and rng.random() < 0.5:
                actor["aliases"] = [text.word_name(2)]
            actor["source"] = sources[0]["id"]
            newcomers.append(actor)
            by_id[actor["id"]] = actor
            chosen.append(actor["id"])
            if kind in ("state", "delegation"):
                own_states.append(actor["id"])

        # Its issues: some of the core's, the rest new to the desk.
        issues = _weighted_sample(rng, [i["id"] for i in core_issues], CORE_ISSUE_PICKS)
        for j in range(DESK_ISSUES - len(issues)):
            title = f"{text.word_name(2)} {rng.choice(ISSUE_NOUNS)}"
            issue = {
                "id": f"{prefix}-{_slug(title)}", "title": title,
                "question": f"Will the sides agree on the {title.lower()}?",
                "description": text.sentences(1, 2), "source": sources[0]["id"],
            }
            new_issues.append(issue)
            issues.append(issue["id"])

        cast = []
        for actor_id in parties + [a for a in chosen if a not in parties][: DESK_CAST - len(parties)]:
            actor = by_id[actor_id]
            entry: dict[str, Any] = {"actor": actor_id}
            if actor_id in parties:
                entry["role"] = "Party to the talks"
            elif actor["kind"] == "person":
                entry["role"] = f"{actor['role']} at round {k + 1}"
            else:
                entry["role"] = rng.choice(STORY_ROLES)
            if rng.random() < 0.6:
                entry["description"] = text.sentences(1, 2)
            entry["source"] = cite()
            cast.append(entry)

        # Positions: both parties on every issue, some earlier stances of theirs that have
        # changed since, and the rest by its other states, delegations, organizations and groups.
        positions: list[dict[str, Any]] = []
        holders = [a for a in chosen if a not in parties and by_id[a]["kind"] != "person"]
        pairs = [(a, i) for i in issues for a in parties]
        earlier = rng.sample(pairs, EARLIER_STANCES)
        others = [(a, i) for a in holders for i in issues]
        pairs += rng.sample(others, min(DESK_POSITIONS - len(pairs) - EARLIER_STANCES, len(others)))
        latest: dict[tuple[str, str], str] = {}
        for actor_id, issue_id in pairs + earlier:
            if (actor_id, issue_id) in latest:
                stance = rng.choice([s for s in STANCES if s != latest[(actor_id, issue_id)]])
                date = day - datetime.timedelta(days=rng.randint(60, 200))
            else:
                stance = rng.choices(STANCES, STANCE_WEIGHTS)[0]
                latest[(actor_id, issue_id)] = stance
                date = day - datetime.timedelta(days=rng.randint(0, 20))
            # A day on which an earlier explainer gave this actor another stance on this issue
            # is taken: the day before, then, as often as it takes (the draws stay the same).
            while stated.setdefault((actor_id, issue_id, date), stance) != stance:
                date -= datetime.timedelta(days=1)
            position: dict[str, Any] = {"actor": actor_id, "issue": issue_id, "stance": stance,
                                        "summary": text.sentences(1, 2)}
            said = [p for p in speakers.get(actor_id, []) if p in chosen]
            if said and rng.random() < 0.5:
                position["said_by"] = rng.choice(said)
                if rng.random() < 0.4:
                    position["quote"] = text.sentence(12)[:-1].lower()
            position["date"] = date.isoformat()
            position["source"] = cite()
            positions.append(position)

        claimants = [a for a in chosen if by_id[a]["kind"] in ("state", "person", "organization")]
        figures = []
        for i in range(DESK_FIGURES):
            label = f"{rng.choice(['Number of', 'Share of', 'Total of', 'Estimated'])} {rng.choice(_WORDS)} {rng.choice(_WORDS)}"
            figure: dict[str, Any] = {"id": f"{prefix}-figure-{i + 1}", "label": label}
            status = rng.choice(STATUSES)
            if rng.random() < 0.1:
                figure.update(value=0.2, unit="of the territory", wording="a fifth", qualifier="just-under")
            else:
                figure["value"] = rng.randint(1, 120_000)
                figure["unit"] = rng.choice(UNITS)
                figure["qualifier"] = rng.choices(QUALIFIERS, QUALIFIER_WEIGHTS)[0]
            figure["scope"] = "per-side" if rng.random() < 0.25 else "total"
            figure["status"] = status
            if status != "reported":
                figure["claimed_by"] = rng.sample(claimants, rng.randint(1, 2))
            if rng.random() < 0.7:
                figure["issue"] = rng.choice(issues)
            figure["as_of"] = (day - datetime.timedelta(days=rng.randint(0, 90))).isoformat()
            figure["key"] = i < 4
            if (figure["scope"] == "per-side" or 0 < figure["value"] <= 1) and rng.random() < 0.6:
                figure["chart"] = True
            if rng.random() < 0.4:
                figure["note"] = text.sentences(1, 1)
            figure["source"] = cite()
            figures.append(figure)

        events = []
        for i in range(DESK_EVENTS):
            events.append({
                "id": f"{prefix}-event-{i + 1}",
                "date": (day - datetime.timedelta(days=rng.randint(0, 180))).isoformat(),
                "title": text.sentence(6)[:-1],
                "summary": text.sentences(1, 3),
                "actors": ([rng.choice(parties)] if rng.random() < 0.5 else []) + rng.sample(chosen[2:], rng.randint(1, 3)),
                "issues": sorted({rng.choice(issues) for _ in range(rng.randint(0, 2))}),
                "source": cite(),
            })
        # Every one of its actors is named in it: those nothing names yet take part in an event.
        named = {c["actor"] for c in cast} | {p["actor"] for p in positions} | {e for ev in events for e in ev["actors"]}
        for i, actor_id in enumerate(a for a in chosen if a not in named):
            events[i % DESK_EVENTS]["actors"].append(actor_id)

        story = {
            "title": f"Round {k + 1}: {text.sentence(5)[:-1].lower()}",
            "standfirst": text.sentence(20),
            "date": day.isoformat(),
            "updated": updated.isoformat(),
            "place": rng.choice(["Istanbul", "Geneva", "Doha", "Riyadh", "Vienna"]),
            "parties": parties,
            "actors": cast,
            "summary": [{"text": text.sentences(2, 3), "source": cite()} for _ in range(5)],
            "unknowns": [{"text": text.sentences(1, 1), "source": cite()} for _ in range(3)],
            "next": [{"text": text.sentences(1, 1), "source": cite()} for _ in range(2)],
            "changes": [{"date": updated.isoformat(), "text": "Added the reactions to the round.", "correction": False},
                        {"date": day.isoformat(), "text": "First published.", "correction": False}],
        }
        folder = f"{EXPLAINERS}/{desk_slug(k)}"
        files[f"{folder}/explainer.yml"] = story
        files[f"{folder}/positions.yml"] = positions
        files[f"{folder}/figures.yml"] = figures
        files[f"{folder}/events.yml"] = events
        background += sources

    # The registry holds what the explainers use, and whom they belong to.
    used = {a for name, data in files.items() if name.endswith("explainer.yml") for a in data["parties"]}
    for name, data in files.items():
        if name.endswith("explainer.yml"):
            used |= {c["actor"] for c in data["actors"]}
        elif name.endswith("positions.yml"):
            used |= {p["actor"] for p in data} | {p["said_by"] for p in data if "said_by" in p}
        elif name.endswith("figures.yml"):
            used |= {a for f in data for a in f.get("claimed_by", [])}
        elif name.endswith("events.yml"):
            used |= {a for e in data for a in e["actors"]}
    ties = list(used)
    while ties:
        for m in by_id[ties.pop()].get("memberships", []):
            if m["of"] not in used:
                used.add(m["of"])
                ties.append(m["of"])
    actors = [a for a in core + newcomers if a["id"] in used]
    issue_ids = {p["issue"] for name, data in files.items() if name.endswith("positions.yml") for p in data}
    return {
        "desk.yml": {"title": "Synthetic desk", "description": f"A synthetic desk of {explainers} explainers, for benchmarks."},
        "sources.yml": background[:2] + background[2:],
        "actors.yml": actors,
        "issues.yml": [i for i in core_issues + new_issues if i["id"] in issue_ids],
        **files,
    }


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


# -- YAML, written the way the first explainer's files are: block style, one blank line between entries --


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if _DATE.fullmatch(value):
        return value  # plain, as in the first explainer: the loader keeps dates as text
    if _PLAIN.fullmatch(value) and not _AMBIGUOUS.fullmatch(value) and ": " not in value and " #" not in value:
        return value
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a double-quoted YAML scalar


def _flow(items: list[Any]) -> str:
    parts = [_scalar(item) for item in items]
    if any(("," in p or "[" in p or "]" in p) and not p.startswith('"') for p in parts):
        parts = [json.dumps(item, ensure_ascii=False) for item in items]
    return "[" + ", ".join(parts) + "]"


def _mapping(entry: dict[str, Any], indent: str, first_prefix: str) -> list[str]:
    lines = []
    prefix = first_prefix
    for key, value in entry.items():
        if isinstance(value, list) and value and isinstance(value[0], dict):
            lines.append(f"{prefix}{key}:")
            for item in value:
                lines.extend(_mapping(item, indent + "    ", indent + "  - "))
        elif isinstance(value, list):
            lines.append(f"{prefix}{key}: {_flow(value)}")
        else:
            lines.append(f"{prefix}{key}: {_scalar(value)}")
        prefix = indent
    return lines


def dump(data: Any, comment: str) -> str:
    lines = [f"# {comment}"]
    if isinstance(data, dict):
        for key, value in data.items():
            if isinstance(value, list) and value and isinstance(value[0], dict):
                lines.append("")
                lines.append(f"{key}:")
                for item in value:
                    lines.extend(_mapping(item, "    ", "  - "))
            else:
                lines.extend(_mapping({key: value}, "", ""))
    else:
        for entry in data:
            lines.extend(_mapping(entry, "  ", "- "))
            lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def write(out_dir: Path, actors: int | None = None, seed: int = 1, *, explainers: int | None = None) -> dict[str, int]:
    """Writes the content folder: one explainer of ``actors`` actors, or a desk of ``explainers``
    typical explainers. Returns how many explainers it has and how many entries each kind of
    file got, over every explainer."""
    if (actors is None) == (explainers is None):
        raise ValueError("give either actors or explainers")
    if explainers is not None:
        # The same words whatever the desk's size: an explainer's files are the same in every desk that has it.
        files, made_by = synthesize_desk(explainers, seed), "--explainers"
    else:
        files, made_by = synthesize(actors, seed), f"--actors {actors}"
    out_dir.mkdir(parents=True, exist_ok=True)
    counts: dict[str, int] = {"explainers": 0}
    for name, data in files.items():
        path = out_dir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        what = path.stem
        path.write_text(dump(data, f"Synthetic {what}: made by `python -m bench.synth {made_by}`."), encoding="utf-8")
        if what == "explainer":
            counts["explainers"] += 1
        elif isinstance(data, list):
            counts[what] = counts.get(what, 0) + len(data)
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.synth", description=__doc__.split("\n\n")[0])
    size = parser.add_mutually_exclusive_group(required=True)
    size.add_argument("--explainers", type=int, metavar="E", help="a desk of E typical explainers sharing one registry")
    size.add_argument("--actors", type=int, metavar="N", help=f"a desk of one explainer with N actors (at least {MIN_ACTORS})")
    parser.add_argument("--seed", type=int, default=1, help="another seed gives another desk of the same size")
    parser.add_argument("out_dir", type=Path, metavar="OUT_DIR")
    args = parser.parse_args(argv)
    if args.actors is not None and args.actors < MIN_ACTORS:
        parser.error(f"--actors must be at least {MIN_ACTORS}")
    if args.explainers is not None and args.explainers < 1:
        parser.error("--explainers must be at least 1")
    counts = write(args.out_dir, args.actors, args.seed, explainers=args.explainers)
    print(f"wrote {args.out_dir}: " + ", ".join(f"{n} {what}" for what, n in counts.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
