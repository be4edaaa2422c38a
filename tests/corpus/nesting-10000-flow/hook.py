"""A title of 10,000 nested flow lists."""

from pathlib import Path


def make(content: Path) -> None:
    path = content / "explainer.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("title: Harbour talks", "title: " + "[" * 10000 + "]" * 10000), encoding="utf-8")
