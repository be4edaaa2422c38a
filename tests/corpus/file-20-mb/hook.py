"""A valid but 20 MB actors.yml: the fixture's actors, then filler entries."""

from pathlib import Path


def make(content: Path) -> None:
    path = content / "actors.yml"
    entry = "- id: filler-{0}\n  name: Filler {0}\n  kind: person\n  role: Filler\n  description: A filler.\n  source: gazette\n"
    with path.open("a", encoding="utf-8") as file:
        i = 0
        while file.tell() < 20 * 1024 * 1024:
            file.write(entry.format(i))
            i += 1
    with path.open("r+b") as file:
        file.truncate(20 * 1024 * 1024)
