"""The content files, each declared once: its model, whether a desk needs it, where it lives,
and what the scaffold, the guide, the schemas and the downloads say of it.

Validation, loading, ``new``, the guide, the JSON Schemas and the downloads all read this
list: a file added here is checked, documented, given a schema and exported everywhere.
A field added to a model (``model.py``) needs nothing here.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Literal

from . import model
from .model import Entry


@dataclasses.dataclass(frozen=True)
class ContentFile:
    name: str
    model: type[Entry]
    # "desk": at the top of the content folder, shared by every explainer; "explainer": in
    # each explainer's folder, explainers/<slug>/.
    where: Literal["desk", "explainer"]
    # A desk without it is incomplete; an optional file left out is the same as an empty one.
    required: bool
    # Where the validated entries are: ``Content.<attribute>`` for a desk's file,
    # ``Explainer.<attribute>`` for an explainer's.
    attribute: str
    # The guide's example of the file, part of one small valid desk (checked when the guide is
    # made); ``new`` writes it as commented examples.
    example: str
    # One mapping of fields (desk.yml, explainer.yml) rather than a list of entries.
    mapping: bool = False
    # The field readers know an entry by, which downloads give beside each reference to it.
    label: str | None = None
    # The kind of page each entry gets (urls.py): its id may not be the name of another page there.
    page: str | None = None
    # The comment under the schema line of the file ``new`` writes.
    header: str | None = None
    # A file with nothing in it yet is fine: an explainer with no positions, numbers or events.
    may_be_empty: bool = False
    # What a desk without this optional mapping file has instead.
    default: Entry | None = None

    @property
    def schema(self) -> str:
        """The name of its JSON Schema: ``actors.schema.json``."""
        return schema_name(self.name)

    @property
    def has_ids(self) -> bool:
        """Whether its entries have ids that other entries refer to."""
        return "id" in self.model.model_fields


def schema_name(content_file: str) -> str:
    """``actors.yml`` → ``actors.schema.json``; a translation's: ``actors.bg.yml`` → ``actors.translation.schema.json``."""
    translated = translation_of(content_file)
    if translated:
        return translated[0].name.rsplit(".", 1)[0] + ".translation.schema.json"
    return content_file.rsplit(".", 1)[0] + ".schema.json"


FILES: tuple[ContentFile, ...] = (
    ContentFile(
        "desk.yml", model.Desk, "desk", required=False, attribute="desk", mapping=True, default=model.DEFAULT_DESK,
        example="""\
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
    ),
    ContentFile(
        "sources.yml", model.Source, "desk", required=True, attribute="sources", label="title",
        example="""\
- id: gazette
  publisher: The Gazette
  reported_by: Wire Service
  title: Report on the first harbour talks
  headline: Towns meet over harbour
  author: Jo Reporter
  date: 2025-03-04
  url: https://example.org/harbour
""",
    ),
    ContentFile(
        "actors.yml", model.Actor, "desk", required=True, attribute="actors", label="name", page="actor",
        example="""\
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
    ),
    ContentFile(
        "issues.yml", model.Issue, "desk", required=True, attribute="issues", label="title", page="issue",
        example="""\
- id: harbour
  title: Harbour
  question: Who runs the harbour?
  description: Both towns want to run it.
  source: gazette
""",
    ),
    ContentFile(
        "documents.yml", model.Document, "desk", required=False, attribute="documents", label="title",
        example="""\
- id: harbour-accord
  title: The harbour accord
  description: The text both towns signed at the end of the talks.
  issued_by: [north, south]
  date: 2025-03-04
  url: https://example.org/harbour-accord
  source: gazette
""",
    ),
    ContentFile(
        "explainer.yml", model.Story, "explainer", required=True, attribute="story", mapping=True,
        header="The story: headline, standfirst, why it matters, dates, who is who in it, what happened, what we don't know, what's next, the change log.",
        example="""\
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
    ),
    ContentFile(
        "positions.yml", model.Position, "explainer", required=False, attribute="positions", may_be_empty=True,
        header="Where each actor stood on each issue, dated: a changed stance is a new entry with a later date.",
        example="""\
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
    ),
    ContentFile(
        "figures.yml", model.Figure, "explainer", required=False, attribute="figures", may_be_empty=True, label="label",
        header="The numbers: value, unit, how exact and how settled each is, and who says so.",
        example="""\
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
    ),
    ContentFile(
        "events.yml", model.Event, "explainer", required=False, attribute="events", may_be_empty=True, label="title",
        header="Dated events; dates may be partial (2024-06).",
        example="""\
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
    ),
)
# The texts `new` writes into a new explainer.yml for the fields a build needs, by field: an
# explainer that is not a draft may not keep them (checks/placeholders.py).
PLACEHOLDERS = {
    "standfirst": "Replace this with the one-sentence summary readers see under the headline.",
    "why_it_matters": "Replace this with one sentence on why the story matters to readers.",
}
BY_NAME = {f.name: f for f in FILES}
DESK_FILES = tuple(f for f in FILES if f.where == "desk")
EXPLAINER_FILES = tuple(f for f in FILES if f.where == "explainer")
DESK = BY_NAME["desk.yml"]
STORY = BY_NAME["explainer.yml"]


# A translation sits beside its original: actors.bg.yml translates actors.yml into Bulgarian.
_TRANSLATION_NAME = re.compile(r"(?P<stem>[^.]+)\.(?P<language>[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)\.yml")


def translation_name(name: str, language: str) -> str:
    """The name of a content file's translation: ``actors.yml`` → ``actors.bg.yml``."""
    return f"{name.rsplit('.', 1)[0]}.{language}.yml"


def translation_of(name: str) -> tuple[ContentFile, str] | None:
    """The content file a file name translates, and the language: ``actors.bg.yml`` →
    (actors.yml, "bg"); None when the name is not that of a translation."""
    found = _TRANSLATION_NAME.fullmatch(name)
    file = BY_NAME.get(f"{found['stem']}.yml") if found else None
    return (file, found["language"]) if file and found else None
