"""The command line: ``python -m generator check|render|schema``."""

from __future__ import annotations

import argparse
import datetime
import os
import sys
from pathlib import Path

from . import ContentError, generate
from .diagnostics import Diagnostic, failure, shown_path, summary
from .guide import render_guide
from .load import display_path
from .scaffold import new_explainer
from .schema import SCHEMA_DIR, write_schemas

DESCRIPTION = """\
Check, render or describe a desk of explainers (YAML in a content folder) without
building the site, or start a new explainer. Problems are printed as
FILE:LINE:COL: severity: message, all at once; the exit status is 1 when there is
any error (or any warning, with --strict)."""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator", description=DESCRIPTION)
    parser.add_argument(
        "--content",
        type=Path,
        default=Path(os.environ.get("EXPLAINER_CONTENT", "content")),
        help="the folder of YAML content files (default: $EXPLAINER_CONTENT or ./content)",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    check = commands.add_parser("check", help="validate the content and print every problem")
    check.add_argument("--strict", action="store_true", help="exit 1 on warnings too, as `mkdocs build --strict` does")
    render = commands.add_parser("render", help="write the site's pages as Markdown, and its data files, into OUT_DIR")
    render.add_argument("out_dir", type=Path, metavar="OUT_DIR")
    schema = commands.add_parser("schema", help="write a JSON Schema per content file, for editors' YAML tooling")
    schema.add_argument(
        "out_dir", type=Path, nargs="?", default=SCHEMA_DIR, metavar="OUT_DIR", help="default: generator/schema"
    )
    commands.add_parser("guide", help="write the editors' guide, generated from the model, to CONTENT/README.md")
    new = commands.add_parser(
        "new", help="start an explainer: CONTENT/explainers/SLUG/, its files with commented examples of every field"
    )
    new.add_argument("slug", metavar="SLUG", help="the explainer's id and the start of its addresses, e.g. budget-talks-2026")
    args = parser.parse_args(argv)
    try:
        return _run(args)
    except Exception as error:  # noqa: BLE001 - a bug or the machine's: reported, never a traceback
        _report([failure(error, display_path(args.content))])
        return 1


def _run(args: argparse.Namespace) -> int:
    if args.command == "new":
        try:
            written = new_explainer(args.content, args.slug, datetime.date.today())
        except ContentError as error:
            _report(error.diagnostics)
            return 1
        for path in written:
            print(f"wrote {display_path(path)}")
        return 0

    if args.command == "schema":
        written = write_schemas(args.out_dir)
        print(f"wrote {len(written)} schemas to {args.out_dir}")
        return 0
    if args.command == "guide":
        target = args.content / "README.md"
        target.write_text(render_guide(), encoding="utf-8")
        print(f"wrote {target}")
        return 0

    try:
        generated = generate(args.content)
    except ContentError as error:
        _report(error.diagnostics)
        return 1
    _report(generated.warnings)

    if args.command == "check":
        if not generated.warnings:
            print(f"{shown_path(display_path(args.content))}: no problems found ({len(generated.pages)} pages)")
        return 1 if args.strict and generated.warnings else 0
    for path, text in {**generated.pages, **generated.downloads}.items():
        target = args.out_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8", newline="")
    print(f"wrote {len(generated.pages)} pages and {len(generated.downloads)} data files to {args.out_dir}")
    return 0


def _report(diagnostics: tuple[Diagnostic, ...] | list[Diagnostic]) -> None:
    if diagnostics:
        for diagnostic in diagnostics:
            print(diagnostic, file=sys.stderr)
        print(summary(diagnostics), file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
