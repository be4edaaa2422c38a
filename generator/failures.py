"""What `mkdocs serve` shows when a build raises, or when it cannot take its port: the problem,
in a line and on every page, instead of a traceback or a server that never answers."""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
from collections.abc import Callable, Collection, Sequence
from pathlib import Path

import jinja2
from mkdocs.exceptions import Abort, ConfigurationError

from . import ContentError, Generated
from .diagnostics import Diagnostic, failure, summary
from .engine_internals.live_server import port_taken
from .load import display_path
from .parsing import syntax_problem
from .render import problem_of, render_unavailable
from .templating import theme

log = logging.getLogger("mkdocs.plugins.explainer")


def serve_failure(root: Path, problems: tuple[Diagnostic, ...]) -> None:
    """Empties the served folder (but for dot-entries, as MkDocs does) and leaves a "not found"
    page that lists the problems: MkDocs' server answers every address with it until a build
    succeeds."""
    for entry in os.scandir(root):
        if entry.name.startswith("."):
            continue
        if entry.is_dir(follow_symlinks=False):
            shutil.rmtree(entry.path, ignore_errors=True)
        else:
            os.unlink(entry.path)
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(theme()), autoescape=True)
    page = env.get_template("explainer-failed.html").render(problems=problems, summary=summary(problems))
    (root / "404.html").write_text(page, encoding="utf-8")


def build_failed(error: Exception, served: Path, config_file: str, problems: tuple[Diagnostic, ...]) -> None:
    """A build under `mkdocs serve` raised (not the generator: see ``attempted``): the problem
    in one line, and with the content's own ``problems`` (`serve --strict` aborts on
    warnings) on the page that answers every address."""
    log.debug("The build failed", exc_info=error)
    problem = problem_of(error, config_file)
    if isinstance(error, ConfigurationError):
        # mkdocs.yml saved with a mistake in its YAML: where it is, as a content file's is said.
        with contextlib.suppress(OSError, UnicodeDecodeError):
            problem = syntax_problem(Path(config_file).read_text(encoding="utf-8"), config_file) or problem
    log.error(str(problem))
    serve_failure(served, (*problems, problem))


def cannot_serve(host: str, port: int, error: OSError) -> None:
    """The port is taken (or cannot be had): said in one line, with how to pick another."""
    problem = "the port is already in use" if port_taken(error) else error.strerror
    log.error(
        f"{host}:{port}: error: {problem}, so the preview cannot be served there (expected a free port: "
        f"pick another, as in `make serve PORT={port + 1}` or `mkdocs serve --dev-addr {host}:{port + 1}`)"
    )
    raise Abort("Aborted: the preview did not start.") from None


def unavailable(templates: Sequence[Path]) -> dict[str, str]:
    """The pages a preview shows while no build has succeeded yet: placeholders."""
    try:
        return render_unavailable(templates)
    except Exception:  # noqa: BLE001 - the site's own template is broken: use the built-in one
        return render_unavailable()


def attempted(generate: Callable[[], Generated], content_dir: Path,
              logged: Collection[str] = ()) -> tuple[Generated | None, tuple[Diagnostic, ...]]:
    """The generator's pages, or None, with its problems, each logged: a content error's
    diagnostics, or anything else it raised in one line (a preview must never hang on a
    traceback; ``--verbose`` shows it). Problems already ``logged`` in this build, by another
    language's site of the same desk, are not said again."""
    generated = None
    try:
        generated = generate()
    except ContentError as error:
        problems = tuple(error.diagnostics)
    except Exception as error:  # noqa: BLE001
        log.debug("The generator failed", exc_info=error)
        problems = (failure(error, display_path(content_dir)),)
    else:
        problems = generated.warnings
    for diagnostic in problems:
        if str(diagnostic) in logged:
            continue
        (log.error if diagnostic.severity == "error" else log.warning)(str(diagnostic))
    return generated, problems
