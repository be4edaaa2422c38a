"""`mkdocs serve`: its first build, its rebuilds, its port and its watcher.
"""

from __future__ import annotations

import errno
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer

# What a failed build is given: the error, and the folder MkDocs serves.
Answer = Callable[[Exception, Path], None]



# -- `mkdocs serve` ----------------------------------------------------------------------------


def answer_first_build(answer: Answer, *, dirty: bool = False) -> Callable[[], None]:
    """`mkdocs serve` builds once before it serves or calls on_serve, and exits with a traceback
    if that build raises (a broken theme template, say): the only hold on that first build is the
    name `build` in MkDocs' serve module, which its builder looks up at each call. Wrapped here,
    a build that raises is given to ``answer`` with the served folder (the build may point
    config elsewhere), and the preview starts. With ``dirty``, every build of the preview is
    MkDocs' dirty one, as under `serve --dirty`. Returns what undoes the wrapping."""
    from mkdocs.commands import serve as serve_command

    build = serve_command.build
    if getattr(build, "explainer_wrapped", None) is not None:
        build = build.explainer_wrapped  # a plugin object of an earlier serve in this process

    def build_that_answers(config: MkDocsConfig, **kwargs) -> None:
        root = Path(config.site_dir)
        if dirty:
            kwargs["dirty"] = True
        try:
            build(config, **kwargs)
        except Exception as error:  # noqa: BLE001 - the preview must start whatever broke
            answer(error, root)

    def undo() -> None:
        serve_command.build = build

    build_that_answers.explainer_wrapped = build  # type: ignore[attr-defined]
    serve_command.build = build_that_answers
    return undo


def answer_rebuilds(server: LiveReloadServer, answer: Answer) -> None:
    """A rebuild that raises leaves every request of MkDocs' server waiting ("The server will
    appear stuck"): what ``answer_first_build`` does not catch (mkdocs.yml that no longer
    loads) is given to ``answer`` instead, with the served folder."""
    rebuild = server.builder

    def builder_that_answers(*args, **kwargs) -> None:
        try:
            rebuild(*args, **kwargs)
        except Exception as error:  # noqa: BLE001 - see above
            answer(error, served_folder(server))

    server.builder = builder_that_answers


def served_folder(server: LiveReloadServer) -> Path:
    """The folder MkDocs' server serves, which its builds empty of everything but dot-entries."""
    return Path(server.root)


def say_when_the_port_is_taken(server: LiveReloadServer, say: Callable[[str, int, OSError], None]) -> None:
    """MkDocs' server takes its port only after the first build (``serve`` calls
    ``server_bind``), and a port another program holds ends `mkdocs serve` with a traceback:
    ``say`` says it instead, and raises."""
    bind = server.server_bind
    host, port = server.server_address[:2]

    def bind_or_say() -> None:
        try:
            bind()
        except OSError as error:
            say(host, port, error)

    server.server_bind = bind_or_say  # type: ignore[method-assign]


def port_taken(error: OSError) -> bool:
    return error.errno == errno.EADDRINUSE


def observing(server: LiveReloadServer) -> bool:
    """Whether MkDocs' server is watching files: not before it serves, nor after it stops."""
    return server.observer.is_alive()


def watched(server: LiveReloadServer, folder: str) -> bool:
    """Whether MkDocs' watcher is alive for the folder: it stops for good when the folder goes."""
    return any(e.watch.path == folder and e.is_alive() for e in server.observer.emitters)


def watch_again(server: LiveReloadServer, folder: str) -> None:
    """The folder watched anew, as many times as it was (each watch of a path is counted)."""
    times = 0
    while True:
        try:
            server.unwatch(folder)
        except KeyError:
            break
        times += 1
    for _ in range(max(times, 1)):
        server.watch(folder)
