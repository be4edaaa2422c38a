"""A YAML file named to clear the terminal and forge check's all-clear line."""

from pathlib import Path


def make(content: Path) -> None:
    (content / "\x1b[2J\x1b[Hcontent: no problems found (16 pages)\n.yml").write_text("- id: x\n", encoding="utf-8")
