"""A desk in English and Bulgarian whose actors.yml is emptied, its translation left as it was."""

from pathlib import Path


def make(content: Path) -> None:
    (content / "desk.yml").write_text("title: Harbour desk\nlanguages: [en, bg]\n", encoding="utf-8")
    (content / "actors.bg.yml").write_text(
        "north:\n  name: Север\nsouth:\n  name: Юг\nmayor-north:\n  name: Кметът на Север\n", encoding="utf-8"
    )
    (content / "actors.yml").write_text("", encoding="utf-8")
