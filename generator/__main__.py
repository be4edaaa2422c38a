"""The command line: ``python -m generator check|render|schema``."""

from __future__ import annotations

import argparse
import datetime
import os
import sys
from pathlib import Path

from . import ContentError, generate, languages, site_config, site_url_problem, urls
from .diagnostics import Diagnostic, failure, shown, shown_path, summary
from .guide import render_guide
from .load import display_path, link_outside, load_file
from .model import DEFAULT_DESK, Desk
from .scaffold import new_explainer
from .translate import write_translations
from .schema import DESK_SCHEMA_FOLDER, SCHEMA_DIR, vocabulary_words, write_schemas
from .validate import validate_desk

DESCRIPTION = """\
Check, render or describe a desk of explainers (YAML in a content folder) without
building the site, or start a new explainer. Problems are printed as
FILE:LINE:COL: severity: message, all at once; the exit status is 1 when there is
any error (or any warning, with --strict)."""

DRAFTS_HELP = ("include the explainers marked `draft: true` (and their problems), as `mkdocs serve` does; "
               "by default they are left out, as `mkdocs build` leaves them out, with what only they name "
               "in the desk's files")


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
    check.add_argument("--drafts", action="store_true", help=DRAFTS_HELP)
    render = commands.add_parser(
        "render", help="write the site's pages as Markdown, and its data files, feeds and share cards, into OUT_DIR"
    )
    render.add_argument("out_dir", type=Path, metavar="OUT_DIR")
    render.add_argument(
        "--config",
        type=Path,
        metavar="FILE",
        help="also write FILE, a configuration for engines that run no MkDocs plugins (Zensical): it inherits "
        "./mkdocs.yml and adds OUT_DIR as docs_dir, the navigation and the desk's title. Put it beside "
        "mkdocs.yml: Zensical builds only inside its configuration's folder",
    )
    render.add_argument(
        "--site-url",
        metavar="URL",
        help="the address the site is published at, for full addresses in feeds and share cards "
        "(default: $SITE_URL, which mkdocs.yml reads too; without it they are relative)",
    )
    render.add_argument(
        "--site-dir",
        type=Path,
        metavar="DIR",
        help="with --config: where that configuration builds the site (default: mkdocs.yml's site_dir)",
    )
    render.add_argument("--drafts", action="store_true", help=DRAFTS_HELP)
    render.add_argument(
        "--language",
        metavar="CODE",
        help="the site in this one of the desk's languages (default: the first, at the site's root); with "
        "--config, the configuration builds it under the site's /CODE/ (see `languages`)",
    )
    schema = commands.add_parser(
        "schema",
        help="write a JSON Schema per content file, for editors' YAML tooling",
        description="Write a JSON Schema per content file. By default they list the built-in stances and kinds of "
        "actor; with --desk, the vocabularies the content folder's desk.yml declares.",
    )
    schema.add_argument(
        "out_dir", type=Path, nargs="?", metavar="OUT_DIR",
        help=f"default: generator/schema, or CONTENT/{DESK_SCHEMA_FOLDER} with --desk",
    )
    schema.add_argument(
        "--desk", action="store_true",
        help=f"schemas for this desk's own vocabularies (desk.yml's stances and kinds), by default in CONTENT/{DESK_SCHEMA_FOLDER}, "
        "where `new` then points new files",
    )
    commands.add_parser("guide", help="write the editors' guide, generated from the model, to CONTENT/README.md")
    commands.add_parser("languages", help="print the languages the desk is published in, one a line, the default first")
    new = commands.add_parser(
        "new", help="start an explainer: CONTENT/explainers/SLUG/, its files with commented examples of every field"
    )
    new.add_argument("slug", metavar="SLUG", help="the explainer's id and the start of its addresses, e.g. budget-talks-2026")
    new.add_argument("--title", help="its headline (by default SLUG in words: budget-talks-2026 gives 'Budget talks 2026')")
    new.add_argument("--date", type=_iso_date, metavar="YYYY-MM-DD",
                     help="the day of the story, its first update's too (by default today)")
    translate = commands.add_parser(
        "translate",
        help="write or refresh the translation files of LANG beside their originals (actors.LANG.yml…)",
        description="Write or refresh the translation files of a language the desk declares, beside their originals "
        "(actors.LANG.yml beside actors.yml): every text field not yet there is added empty, with the original as a "
        "comment above it, and every translated field gets the fingerprint of its original under `original:`, "
        "so that it is flagged when the original changes. Translations already written, and comments, are kept.",
    )
    translate.add_argument("language", metavar="LANG", help="a language desk.yml lists under `languages:`, other than the first, e.g. bg")
    args = parser.parse_args(argv)
    if args.command == "render" and args.site_dir and not args.config:
        parser.error("--site-dir needs --config")
    try:
        return _run(args)
    except Exception as error:  # noqa: BLE001 - a bug or the machine's: reported, never a traceback
        _report([failure(error, display_path(args.content))])
        return 1


def _iso_date(text: str) -> datetime.date:
    """A day as desk files write it; argparse words the refusal ("invalid date value: '…'")."""
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a day written YYYY-MM-DD, such as 2026-03-24") from None


def _run(args: argparse.Namespace) -> int:
    if args.command == "new":
        try:
            written = new_explainer(args.content, args.slug, args.date or datetime.date.today(), title=args.title)
        except ContentError as error:
            _report(error.diagnostics)
            return 1
        for path in written:
            print(f"wrote {display_path(path)}")
        return 0

    if args.command == "translate":
        try:
            written = write_translations(args.content, args.language)
        except ContentError as error:
            _report(error.diagnostics)
            return 1
        for path in written:
            print(f"wrote {display_path(path)}")
        if not written:
            # Not "up to date": a translation whose original changed since is stale, which only
            # its translator can mend, and `check` says where.
            print(f"{display_path(args.content)}: every translation file of {args.language} has a place for every text "
                  "(`check` says which are stale or still empty)")
        return 0

    if args.command == "schema":
        desk = _desk(args.content) if args.desk else DEFAULT_DESK
        if desk is None:
            return 1
        out_dir = args.out_dir or (args.content / DESK_SCHEMA_FOLDER if args.desk else SCHEMA_DIR)
        written = write_schemas(out_dir, vocabulary_words(desk))
        print(f"wrote {len(written)} schemas to {display_path(out_dir)}")
        return 0
    if args.command == "languages":
        # desk.yml's alone, so that `make zensical` can build each language's site.
        desk = _desk(args.content)
        if desk is None:
            return 1
        print("\n".join(desk.languages))
        return 0
    if args.command == "guide":
        target = args.content / "README.md"
        target.write_text(render_guide(), encoding="utf-8")
        print(f"wrote {target}")
        return 0

    if args.command == "render" and args.config and not Path("mkdocs.yml").is_file():
        print("mkdocs.yml: error: file is missing (expected the site's configuration, which --config inherits: "
              "run from its folder)", file=sys.stderr)
        return 1
    site_url = None
    if args.command == "render":
        # --site-url, else $SITE_URL, as mkdocs.yml reads it: named as given in a problem.
        site_url, where = (args.site_url, "--site-url") if args.site_url else (os.environ.get("SITE_URL") or None, "SITE_URL")
        problem = site_url_problem(site_url, where)
        if problem is not None:
            print(problem, file=sys.stderr)
            return 1
    language = getattr(args, "language", None)
    if language is not None:
        known = languages.declared(args.content)
        if language not in known:
            print(Diagnostic("--language", 0, 0, "error", f"'{shown(language)}' is not one of the desk's languages "
                             f"(expected one that desk.yml lists: {', '.join(known)})"), file=sys.stderr)
            return 1
        site_url = languages.site_url_of(site_url, language, known)
    try:
        with urls.served(_directory_urls(getattr(args, "config", None))):
            generated = generate(args.content, site_url=site_url, drafts=args.drafts, language=language)
    except ContentError as error:
        _report(error.diagnostics)
        return 1
    _report(generated.warnings)

    if args.command == "check":
        if not generated.warnings:
            print(f"{shown_path(display_path(args.content))}: no problems found ({len(generated.pages)} pages)")
        return 1 if args.strict and generated.warnings else 0
    for path, data in {**generated.pages, **generated.downloads, **generated.files}.items():
        target = args.out_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            target.write_bytes(data)
        else:
            target.write_text(data, encoding="utf-8", newline="")
    print(f"wrote {len(generated.pages)} pages, {len(generated.downloads)} data files, "
          f"{_count(generated.files, '.xml', 'feed')} and {_count(generated.files, '.png', 'share card')} to {args.out_dir}")
    if args.config:
        args.config.parent.mkdir(parents=True, exist_ok=True)
        args.config.write_text(site_config.engine_config(generated, args.config, args.out_dir, args.site_dir, language, site_url),
                               encoding="utf-8")
        print(f"wrote {args.config}")
    return 0


def _desk(content: Path) -> Desk | None:
    """desk.yml alone (the default desk when there is none), or None once its problems are printed."""
    desk_file = content / "desk.yml"
    try:
        escape = link_outside(desk_file, content)
        if escape is not None:
            raise ContentError([escape])
        return validate_desk(load_file(desk_file)) if desk_file.is_file() else DEFAULT_DESK
    except ContentError as error:
        _report(error.diagnostics)
        return None


def _directory_urls(config: Path | None) -> bool:
    """mkdocs.yml's ``use_directory_urls`` when writing pages for another engine (``--config``),
    which serves them where that setting says, as MkDocs would."""
    return True if config is None else bool(site_config.mkdocs_yml().get("use_directory_urls", True))


def _count(files: dict[str, str | bytes], suffix: str, noun: str) -> str:
    n = sum(1 for path in files if path.endswith(suffix))
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _report(diagnostics: tuple[Diagnostic, ...] | list[Diagnostic]) -> None:
    if diagnostics:
        for diagnostic in diagnostics:
            print(diagnostic, file=sys.stderr)
        print(summary(diagnostics), file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
