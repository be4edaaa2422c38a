"""Move actors.yml into a shared/ folder of the content folder and leave a relative link to it."""

import os
from pathlib import Path


def make(content: Path) -> None:
    (content / "shared").mkdir()
    (content / "actors.yml").rename(content / "shared" / "actors.yml")
    os.symlink(os.path.join("shared", "actors.yml"), content / "actors.yml")
