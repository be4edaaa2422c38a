"""A desk in English and Bulgarian with actors.bg.yml written by hand: no `original:` blocks."""

from pathlib import Path


def make(content: Path) -> None:
    (content / "desk.yml").write_text("title: Harbour desk\nlanguages: [en, bg]\n", encoding="utf-8")
    (content / "actors.bg.yml").write_text(
        "north:\n  name: Север\n  role: Единият град\nsouth:\n  name: Юг\n", encoding="utf-8"
    )
