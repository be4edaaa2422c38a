"""explainer.yml as the classic alias bomb (10^9 strings if expanded)."""

from pathlib import Path


def make(content: Path) -> None:
    lines = ["title: Harbour talks", 'lol0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, 10):
        lines.append(f"lol{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]")
    (content / "explainer.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")
