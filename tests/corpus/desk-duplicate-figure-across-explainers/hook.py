"""The fixture as a desk, and a second explainer whose one figure is the first's 'boats'."""

import shutil
from pathlib import Path

EXPLAINER = ("explainer.yml", "positions.yml", "figures.yml", "events.yml")


def to_desk(content: Path, slug: str = "harbour-talks") -> Path:
    """The fixture in the desk layout: its explainer's files moved into explainers/<slug>/."""
    folder = content / "explainers" / slug
    folder.mkdir(parents=True)
    for name in EXPLAINER:
        shutil.move(content / name, folder / name)
    return folder


STORY = """\
title: Port fees
standfirst: The towns argue over what ships pay.
date: 2025-04-01
updated: 2025-04-01
summary:
  - text: North wants higher fees.
    source: gazette
"""


def make(content: Path) -> None:
    first = to_desk(content)
    second = content / "explainers" / "port-fees"
    second.mkdir()
    (second / "explainer.yml").write_text(STORY, encoding="utf-8")
    boats = (first / "figures.yml").read_text(encoding="utf-8").split("- id: share")[0]
    (second / "figures.yml").write_text(boats, encoding="utf-8")
