"""One ``mkdocs`` command in this (fresh) process, with the generator's share of it timed.

``python -m bench.probe OUT.json build --strict`` (or ``serve …``) runs MkDocs' own
command-line entry point, exactly as the ``mkdocs`` script does, and writes to OUT.json, when
it exits, how long each build took (``build``) and the generator inside it:

- ``import``: importing the plugin (``generator.plugin``) after what MkDocs imports anyway
  (MkDocs, Jinja2, Markdown, PyYAML), i.e. what the generator adds: pydantic and its own modules;
- ``generate``: every call of ``generate()`` made by the plugin, and within it ``load``,
  ``validate`` and ``render``, and the time spent compiling Jinja templates
  (``jinja_compile``) and composing YAML (``yaml_compose``) on the generator's behalf.

and, per page, the time MkDocs spends turning its Markdown into HTML and building it into the
theme. The wall time and peak memory of the whole process are measured by the parent (bench.run).
"""

from __future__ import annotations

import functools
import json
import os
import sys
import time
from collections import defaultdict
from pathlib import Path

# Imported before the clock starts: MkDocs needs these whether or not the generator is used.
import jinja2
import markdown  # noqa: F401
import mkdocs.__main__
import mkdocs.commands.build  # noqa: F401
import mkdocs.config.defaults  # noqa: F401
import mkdocs.plugins  # noqa: F401
import mkdocs.structure.files  # noqa: F401
import yaml

STAGES = ("load", "validate", "render")


def instrument() -> dict[str, list[float]]:
    """Imports the generator and wraps its steps with timers; returns where times collect."""
    times: dict[str, list[float]] = defaultdict(list)
    start = time.perf_counter()
    import generator
    import generator.plugin

    times["import"].append(time.perf_counter() - start)

    def timed(name, function):
        @functools.wraps(function)
        def wrapper(*args, **kwargs):
            start = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                times[name].append(time.perf_counter() - start)

        return wrapper

    # generate() looks its steps up in the package's namespace, the plugin looks generate()
    # up in its own: wrapping the names there times the very calls a build makes.
    for name in STAGES:
        if callable(getattr(generator, name, None)):
            setattr(generator, name, timed(name, getattr(generator, name)))
    inside = [0]

    def generating(function):
        @functools.wraps(function)
        def wrapper(*args, **kwargs):
            inside[0] += 1
            try:
                return function(*args, **kwargs)
            finally:
                inside[0] -= 1

        return wrapper

    def only_inside(name, function):
        # Library calls made by the generator (not by MkDocs or the theme), summed per build.
        timed_function = timed(name, function)

        @functools.wraps(function)
        def wrapper(*args, **kwargs):
            return (timed_function if inside[0] else function)(*args, **kwargs)

        return wrapper

    generator.generate = generating(generator.generate)
    generator.plugin.generate = timed("generate", generating(generator.plugin.generate))
    # Under `mkdocs serve` the plugin runs the generator through preview.Preview, which looks
    # the steps up in its own module.
    import generator.preview

    for name in STAGES:
        if callable(getattr(generator.preview, name, None)):
            setattr(generator.preview, name, timed(name, getattr(generator.preview, name)))
    preview = generator.preview.Preview
    preview.generate = timed("generate", generating(preview.generate))
    jinja2.Environment.compile = only_inside("jinja_compile", jinja2.Environment.compile)
    yaml.compose = only_inside("yaml_compose", yaml.compose)
    return times


def time_pages() -> dict[str, list[float]]:
    """Per page: seconds in MkDocs' Markdown step (``_populate_page``: Markdown → HTML) and
    in its page step (``_build_page``: theme template, search index entry, writing the file)."""
    pages: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0])
    build = mkdocs.commands.build

    def timed(index, function):
        @functools.wraps(function)
        def wrapper(page, *args, **kwargs):
            start = time.perf_counter()
            try:
                return function(page, *args, **kwargs)
            finally:
                pages[page.file.src_uri][index] += time.perf_counter() - start

        return wrapper

    for index, name in enumerate(("_populate_page", "_build_page")):
        if callable(getattr(build, name, None)):
            setattr(build, name, timed(index, getattr(build, name)))
    return pages


def time_builds(times: dict[str, list[float]]) -> None:
    """Each whole build (``mkdocs.commands.build.build``): one for ``mkdocs build``, one per
    rebuild under ``mkdocs serve`` (which imports it after this runs)."""
    build = mkdocs.commands.build
    function = build.build

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        start = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            times["build"].append(time.perf_counter() - start)

    build.build = wrapper


def polls_file(out: str | Path) -> Path:
    """Where ``note_polls`` notes the watcher's looks, beside OUT.json."""
    return Path(f"{out}.polls")


def note_polls(polls: Path, folder: str) -> None:
    """Under ``mkdocs serve``: each time MkDocs' file watcher has looked at ``folder`` (the
    content's), the time (``time.time()``) on a line of its own in ``polls``, at once. It looks
    every 0.5 s, so a save is seen after 0 to 0.5 s by chance; knowing when it last looked, the
    bench saves at a chosen point of that cycle instead (``bench.reload``)."""
    from watchdog.observers.polling import PollingEmitter

    look = PollingEmitter.queue_events
    folder = os.path.realpath(folder)

    @functools.wraps(look)
    def queue_events(emitter, *args, **kwargs):
        result = look(emitter, *args, **kwargs)
        if os.path.realpath(emitter.watch.path) == folder:
            with polls.open("a", encoding="utf-8") as noted:
                noted.write(f"{time.time()}\n")
        return result

    PollingEmitter.queue_events = queue_events


def main(argv: list[str]) -> int:
    out, *args = argv
    times = instrument()
    pages = time_pages()
    time_builds(times)
    if args[:1] == ["serve"] and os.environ.get("EXPLAINER_CONTENT"):
        note_polls(polls_file(out), os.environ["EXPLAINER_CONTENT"])
    try:
        mkdocs.__main__.cli.main(args=args, prog_name="mkdocs", standalone_mode=True)
        status = 0
    except SystemExit as exit:
        status = exit.code if isinstance(exit.code, int) else (0 if exit.code is None else 1)
    finally:
        Path(out).write_text(json.dumps({**times, "pages": pages}), encoding="utf-8")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
