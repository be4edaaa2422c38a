"""Copy the explainer's folder, as an editor starting a similar explainer would."""

import shutil
from pathlib import Path


def make(content: Path) -> None:
    shutil.copytree(content / "explainers" / "harbour-talks", content / "explainers" / "port-fees")
