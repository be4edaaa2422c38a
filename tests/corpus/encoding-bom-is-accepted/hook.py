"""Prefix every content file with the UTF-8 byte-order mark."""

from pathlib import Path


def make(content: Path) -> None:
    for path in content.glob("*.yml"):
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
