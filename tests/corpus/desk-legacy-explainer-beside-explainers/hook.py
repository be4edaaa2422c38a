"""Copy the explainer's files into explainers/harbour-talks/, leaving the originals."""

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
    folder = content / "explainers" / "harbour-talks"
    folder.mkdir(parents=True)
    for name in EXPLAINER:
        shutil.copy(content / name, folder / name)
