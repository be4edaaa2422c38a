"""Replace actors.yml with a link to a missing file inside the content folder."""

import os
from pathlib import Path


def make(content: Path) -> None:
    (content / "actors.yml").unlink()
    os.symlink("shared/actors.yml", content / "actors.yml")
