"""Save explainer.yml as UTF-16."""

from pathlib import Path


def make(content: Path) -> None:
    path = content / "explainer.yml"
    path.write_bytes(path.read_text(encoding="utf-8").encode("utf-16"))
