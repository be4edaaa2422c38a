"""Turn every line ending into CR LF."""

from pathlib import Path


def make(content: Path) -> None:
    for path in content.glob("*.yml"):
        path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
