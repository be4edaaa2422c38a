"""actors.yml with CR line endings and an ESC in South's name (line 9, column 11)."""

from pathlib import Path


def make(content: Path) -> None:
    path = content / "actors.yml"
    text = path.read_bytes().replace(b"name: South", b"name: So\x1buth")
    path.write_bytes(text.replace(b"\n", b"\r"))
