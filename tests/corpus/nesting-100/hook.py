"""A title of 100 nested flow mappings."""

from pathlib import Path


def make(content: Path) -> None:
    path = content / "explainer.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("title: Harbour talks", "title: " + "{a: " * 100 + "1" + "}" * 100), encoding="utf-8")
