"""The fixture as a desk."""

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


def make(content: Path) -> None:
    to_desk(content)
