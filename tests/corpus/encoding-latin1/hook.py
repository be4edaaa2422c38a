"""Save actors.yml as Latin-1 with a non-ASCII letter in it."""

from pathlib import Path


def make(content: Path) -> None:
    path = content / "actors.yml"
    path.write_bytes(path.read_text(encoding="utf-8").replace("North's", "Nörth's").encode("latin-1"))
