"""Replace events.yml with 1 MiB of NUL bytes."""

from pathlib import Path


def make(content: Path) -> None:
    (content / "events.yml").write_bytes(b"\0" * (1024 * 1024))
