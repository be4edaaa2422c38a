"""Move the explainer's folder out of the content folder and leave a link to it in its place."""

import os
import shutil
from pathlib import Path


def make(content: Path) -> None:
    folder = content / "explainers" / "harbour-talks"
    outside = content.parent / "elsewhere"
    shutil.move(folder, outside)
    os.symlink(outside, folder)
