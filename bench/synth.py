"""Synthetic desks of any size: ``python -m bench.synth --actors N OUT_DIR``.

Writes a desk of one explainer, in the desk's layout: the registry shared by every explainer
(``desk.yml``, ``actors.yml``, ``issues.yml``, ``sources.yml``) at the top and the explainer's
own files in ``explainers/<slug>/``. The real validator accepts it without a single warning
(``python -m generator --content OUT_DIR check --strict``): every actor is connected, every
source cited, every issue has positions, the explainer has a summary. The mix follows the
first explainer, scaled per 100 actors: about 10 issues, 60 positions, 30 figures, 40 events
and 3 sources. Actors come in blocs of ten (two states, a delegation, five people, an
organization, a group), people belong to their bloc's state or delegation, and most actors
have a who's-who entry in the explainer (what they are in this story; the first person of a
bloc heads its delegation there). The two main parties take a position on every issue, some
of them with an earlier, different stance; the other positions are spread over the states,
delegations, organizations and groups. Output is deterministic for a given size and seed.
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
UNITS = ["prisoners", "bodies", "km²", "people", "days", "drones", "soldiers", "children", "villages", "dollars"]
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
            picked.insert(self.rng.randrange(1, len(picked)), f"{self.rng.randint(2, 12000):,}")
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
        "date": "2025-06-02",
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


def write(out_dir: Path, actors: int, seed: int = 1) -> dict[str, int]:
    """Writes the content folder; returns how many explainers it has and how many entries each
    kind of file got, over every explainer."""
    out_dir.mkdir(parents=True, exist_ok=True)
    counts: dict[str, int] = {"explainers": 0}
    for name, data in synthesize(actors, seed).items():
        path = out_dir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        what = path.stem
        path.write_text(dump(data, f"Synthetic {what}: made by `python -m bench.synth --actors {actors}`."), encoding="utf-8")
        if what == "explainer":
            counts["explainers"] += 1
        elif isinstance(data, list):
            counts[what] = counts.get(what, 0) + len(data)
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.synth", description=__doc__.split("\n\n")[0])
    parser.add_argument("--actors", type=int, required=True, help=f"how many actors (at least {MIN_ACTORS})")
    parser.add_argument("--seed", type=int, default=1, help="another seed gives another desk of the same size")
    parser.add_argument("out_dir", type=Path, metavar="OUT_DIR")
    args = parser.parse_args(argv)
    if args.actors < MIN_ACTORS:
        parser.error(f"--actors must be at least {MIN_ACTORS}")
    counts = write(args.out_dir, args.actors, args.seed)
    print(f"wrote {args.out_dir}: " + ", ".join(f"{n} {what}" for what, n in counts.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
