"""figures.yml with CR line endings and a number written with a comma."""

from pathlib import Path


def make(content: Path) -> None:
    path = content / "figures.yml"
    path.write_bytes(path.read_bytes().replace(b"value: 1000", b"value: 1,000").replace(b"\n", b"\r"))
