"""Append the first two bytes of a three-byte character."""

from pathlib import Path


def make(content: Path) -> None:
    path = content / "actors.yml"
    path.write_bytes(path.read_bytes() + b"\xe2\x80")
