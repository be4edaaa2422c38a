"""The command line: ``python -m generator check`` and ``python -m generator render OUT_DIR``."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from . import ContentError, generate
from .diagnostics import summary

DESCRIPTION = """\
Check or render an explainer's YAML content without building the site.
Problems are printed as FILE:LINE:COL: error: message, all at once; the exit
status is 1 when there is any error."""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator", description=DESCRIPTION)
    parser.add_argument(
        "--content",
        type=Path,
        default=Path(os.environ.get("EXPLAINER_CONTENT", "content")),
        help="the folder of YAML content files (default: $EXPLAINER_CONTENT or ./content)",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    commands.add_parser("check", help="validate the content and print every problem")
    render = commands.add_parser("render", help="write the site's pages as Markdown into OUT_DIR")
    render.add_argument("out_dir", type=Path, metavar="OUT_DIR")
    args = parser.parse_args(argv)

    try:
        pages = generate(args.content)
    except ContentError as error:
        for diagnostic in error.diagnostics:
            print(diagnostic, file=sys.stderr)
        print(summary(error.diagnostics), file=sys.stderr)
        return 1

    if args.command == "check":
        print(f"{args.content}: no problems found ({len(pages)} pages)")
    else:
        for path, markdown in pages.items():
            target = args.out_dir / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(markdown, encoding="utf-8")
        print(f"wrote {len(pages)} pages to {args.out_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
