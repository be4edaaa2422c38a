"""Shared fixtures and helpers, one per need: real MkDocs builds (each fixture desk built once
per run, shared by the test workers), a local HTTP server, Chromium, reading built pages.

Markers, given here by what a test uses so that new tests get them without effort (README,
"Tests"): ``browser`` (Chromium), ``engines`` (ProperDocs and Zensical), ``lighthouse``.
``make test-fast`` runs everything else.
"""

from __future__ import annotations

import contextlib
import faulthandler
import functools
import hashlib
import http.server
import io
import logging
import os
import re
import shutil
import subprocess
import sys
import threading
import traceback
import urllib.parse
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from filelock import FileLock
from hypothesis import settings
from playwright.sync_api import Browser, BrowserContext, Page
from playwright.sync_api import Error as PlaywrightError

from generator import languages, publish, urls
from generator.two_cores import JOBS
from generator.validated_desk import Content, Explainer

ROOT = Path(__file__).resolve().parents[1]
CONTENT = ROOT / "content"
FIXTURES = Path(__file__).parent / "fixtures"
CHROMIUM = "/usr/bin/chromium"
MINIMAL = FIXTURES / "minimal"

# Every build of the suite on one core, the servers it starts too (EXPLAINER_JOBS=1), unless
# the run is told otherwise: the test workers keep every core busy already, and a build's
# second process (generator/two_cores.py) would only add what forking costs, a seventh more
# CPU for each build. tests/test_two_cores.py asks for two cores and checks that a build there
# is the build on one, byte for byte.
os.environ.setdefault(JOBS, "1")

# -- markers -------------------------------------------------------------------------------

# What makes a test of a kind: its module, a fixture it uses (directly or through another), or
# the other engine's name in its name or parameters.
MARKED_MODULES = {"test_engines": ("engines",), "test_lighthouse": ("lighthouse", "browser")}
MARKED_FIXTURES = {"browser": "browser", "zensical_venv": "engines"}
ENGINES = re.compile(r"properdocs|zensical", re.IGNORECASE)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        kinds = set(MARKED_MODULES.get(item.module.__name__.rpartition(".")[2], ()) if item.module else ())
        kinds |= {kind for fixture, kind in MARKED_FIXTURES.items() if fixture in getattr(item, "fixturenames", ())}
        if ENGINES.search(item.name):
            kinds.add("engines")
        for kind in sorted(kinds):
            item.add_marker(kind)


# Zensical's own virtualenv (the Makefile's ZENSICAL_VENV), which only `make test` creates.
ZENSICAL_VENV = ROOT / ".venv-zensical"


@pytest.fixture(scope="session")
def zensical_venv() -> Path:
    """Zensical's virtualenv. A test that asks for it is marked ``engines`` (MARKED_FIXTURES), so
    `make test-fast`, which does not create it, leaves the test out."""
    if not (ZENSICAL_VENV / ".ready").exists():
        pytest.fail(f"{ZENSICAL_VENV} is missing: `make test` creates it from requirements-zensical.lock")
    return ZENSICAL_VENV


def make_project(where: Path) -> Path:
    """A copy of the site's configuration, as a builder would have it, in ``where``."""
    where.mkdir(parents=True, exist_ok=True)
    for name in ("mkdocs.yml", "overrides", "docs"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, where / name)
        else:
            shutil.copy(source, where / name)
    return where


def own_templates(project: Path) -> Path:
    """The project's own folder of Markdown templates, searched before the built-in ones (the
    plugin's `templates` option, as the README shows it): made, named in mkdocs.yml, returned."""
    folder = project / "templates"
    folder.mkdir()
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace(
        "content: !ENV [EXPLAINER_CONTENT, content]", "content: !ENV [EXPLAINER_CONTENT, content]\n      templates: templates"
    ))
    return folder


def in_one_language(source: Path, content: Path) -> Path:
    """``content``, a copy of the desk's ``source`` folder published in its default language
    alone: desk.yml declares that one, and the other languages' translation files
    (``NAME.LANG.yml``) are left out. For the tests of what every language's site does alike
    (the live preview, a build's date), which then start one site's builds instead of one per
    language; ``test_languages.py`` runs the preview of each language."""
    shutil.copytree(source, content)
    first, *others = languages.declared(content)
    if not others:
        return content
    desk = content / "desk.yml"
    text = desk.read_text(encoding="utf-8")
    declared = re.compile(r"^languages:.*$", re.MULTILINE)
    assert len(declared.findall(text)) == 1, "desk.yml declares its languages on one line"
    desk.write_text(declared.sub(f"languages: [{first}]", text), encoding="utf-8")
    for other in others:
        for translation in content.rglob(f"*.{other}.yml"):
            translation.unlink()
    return content


def mkdocs(project: Path, *args: str, content: Path = CONTENT, env: dict[str, str] | None = None,
           prefix: tuple[str, ...] = ()) -> subprocess.CompletedProcess:
    """Run the real ``mkdocs`` command in ``project`` with the given content folder (and more
    environment variables, ``env``; run by the command ``prefix``, if given): what it prints and
    its exit status. A build runs in this process (``_in_process``) unless it needs one of its
    own: run by a ``prefix``, killed midway (``publish.KILL_AT``), or given a ``PYTHON…``
    variable, which only a new interpreter reads."""
    more = env or {}
    env = {**os.environ, "EXPLAINER_CONTENT": str(content), "NO_MKDOCS_2_WARNING": "1", **more}
    own = prefix or args[:1] != ("build",) or publish.KILL_AT in more or any(
        name.startswith("PYTHON") and value != os.environ.get(name) for name, value in more.items()
    )
    if not own:
        return _in_process(project, args, env)
    return subprocess.run(
        [*prefix, sys.executable, "-m", "mkdocs", *args], cwd=project, env=env, capture_output=True, text=True, timeout=300
    )


def _in_process(project: Path, args: tuple[str, ...], env: dict[str, str]) -> subprocess.CompletedProcess:
    """``mkdocs ARGS`` in ``project`` with environment ``env``, run by MkDocs' own command line in
    this process (``as_a_process``). A new interpreter's start and imports are most of a small
    build's time (0.7 s of CPU against 0.25 s here). What the command changes in the process
    for its run is put back: the handler and level its logging gets, the filter that drops a
    message logged before (which would hide one build's warnings because an earlier test's
    build gave them), Python's warnings."""
    from mkdocs.__main__ import cli
    from mkdocs.commands import build as build_command

    logger = logging.getLogger("mkdocs")

    def run() -> int:
        kept = (list(logger.handlers), logger.level, logger.propagate, list(build_command.log.filters))
        # The hang guard a process had (its timeout): a build stuck for 300 s ends this worker
        # with every thread's traceback, and the run reports the test as crashed.
        faulthandler.dump_traceback_later(300, exit=True, file=sys.__stderr__)
        try:
            cli.main(list(args), prog_name="mkdocs")
        except Exception:  # noqa: BLE001 - what an uncaught exception does to a process
            traceback.print_exc()
            return 1
        finally:
            faulthandler.cancel_dump_traceback_later()
            handlers, level, propagate, filters = kept
            for handler in [h for h in logger.handlers if h not in handlers]:
                logger.removeHandler(handler)
            logger.setLevel(level)
            logger.propagate = propagate
            build_command.log.filters[:] = filters
        return 0

    with warnings.catch_warnings():
        return as_a_process(["mkdocs", *args], run, project, env)


def as_a_process(command: list[str], call: Callable[[], int | None], cwd: Path,
                 env: dict[str, str | None]) -> subprocess.CompletedProcess:
    """``call()``, the ``main`` of ``command``, in this process as that command would run: in
    ``cwd``, with the variables ``env`` set (or unset, given None); what it prints and its exit
    status (what it returns, or exits with) as a finished process would give them."""
    stdout, stderr = io.StringIO(), io.StringIO()
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(cwd)
        for name, value in env.items():
            if value is None:
                patch.delenv(name, raising=False)
            else:
                patch.setenv(name, value)
        with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
            try:
                status = call() or 0
            except SystemExit as exit:
                status = 0 if exit.code is None else exit.code if isinstance(exit.code, int) else 1
    return subprocess.CompletedProcess(command, status, stdout.getvalue(), stderr.getvalue())


def run_cli(*args: str, cwd: Path = ROOT, env: dict[str, str | None] | None = None) -> subprocess.CompletedProcess:
    """``python -m generator ARGS`` as an editor would run it (in ``cwd``, with more environment
    variables, or fewer, ``env``: see ``as_a_process``), its ``main`` called in this process: what
    it prints and its exit status, as a finished process would give them. Starting Python is most
    of a command's time; the real process is run by the corpus's generated cases,
    tests/test_package.py and `make zensical`."""
    from generator.__main__ import main

    return as_a_process(["python", "-m", "generator", *args], lambda: main(list(args)), cwd, env or {})


def build(where: Path, content: Path = CONTENT, *args: str, env: dict[str, str] | None = None) -> Path:
    """``mkdocs build --strict`` (and ``args``) of ``content`` in a fresh project in ``where``,
    which must succeed: the site folder. For a build of one test's own, changed content or
    configuration; the fixture desks unchanged are ``shared_build``'s."""
    project = make_project(where)
    result = mkdocs(project, "build", "--strict", *args, content=content, env=env)
    assert result.returncode == 0, result.stderr
    return project / "site"


# The property and fuzz tests draw new random inputs on every run of `make test`, where a
# failure is a finding to keep (Hypothesis replays it from .hypothesis/). CI (.ci/run) draws
# the same inputs every time, so that what it says of a commit is what it says again.
settings.register_profile("ci", derandomize=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


# -- one build per fixture desk per run, shared by the workers ---------------------------------

# What a build's output depends on besides its content folder and arguments.
BUILD_INPUTS = ("mkdocs.yml", "overrides", "docs", "generator")
# The environment variables a build reads.
BUILD_ENV = ("SITE_URL", "SOURCE_DATE_EPOCH", "PYTHONHASHSEED")


def digest(*paths: Path) -> str:
    """A hash of the files under ``paths``: names and bytes, compiled Python left out."""
    hashed = hashlib.sha256()
    for path in paths:
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            if "__pycache__" not in file.parts:
                hashed.update(str(file.relative_to(path.parent)).encode() + b"\0" + file.read_bytes() + b"\0")
    return hashed.hexdigest()


def _shared_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """This run's folder for builds: under xdist the workers' common base temp (its parent), so
    that both find each other's builds; gone with the run's temporary folders."""
    base = tmp_path_factory.getbasetemp()
    folder = (base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base) / "shared-builds"
    folder.mkdir(exist_ok=True)
    return folder


@pytest.fixture(scope="session")
def shared(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str, Callable[[Path], None]], Path]:
    """``shared(key, make)``: a folder that ``make`` fills, made once per run for all the workers
    (the first to ask makes it while the others wait on a lock; a failed ``make`` is tried
    again by the next). ``key`` names what the folder depends on."""
    folder = _shared_folder(tmp_path_factory)

    def made(key: str, make: Callable[[Path], None]) -> Path:
        where = folder / hashlib.sha256(key.encode()).hexdigest()[:16]
        with FileLock(str(where) + ".lock"):
            if not (where / ".done").exists():
                shutil.rmtree(where, ignore_errors=True)
                where.mkdir()
                make(where)
                (where / ".done").touch()
        return where

    return made


@pytest.fixture(scope="session")
def shared_build(shared: Callable[[str, Callable[[Path], None]], Path]) -> Callable[..., Path]:
    """``shared_build(content, *args, env=...)``: the site of ``mkdocs build --strict`` of an
    unchanged content folder, built once per run (``shared``), keyed by everything the build
    reads. Tests must only read it; what the build printed is ``build_log(site)``."""
    inputs = engine_inputs()

    def built(content: Path = CONTENT, *args: str, env: dict[str, str] | None = None) -> Path:
        env = env or {}
        settings = {name: env.get(name, os.environ.get(name)) for name in BUILD_ENV}

        def make(where: Path) -> None:
            project = make_project(where / "project")
            result = mkdocs(project, "build", "--strict", *args, content=content, env=env)
            (where / "build.log").write_text(result.stderr, encoding="utf-8")
            assert result.returncode == 0, result.stderr

        key = f"mkdocs {inputs} {digest(content)} {args} {sorted(env.items())} {sorted(settings.items())}"
        return shared(key, make) / "project" / "site"

    return built


def engine_inputs() -> str:
    """A hash of what any build reads but its content: for keys of ``shared``."""
    return digest(*(ROOT / name for name in BUILD_INPUTS))


def build_log(site: Path) -> str:
    """What a shared build printed (its standard error)."""
    return (site.parents[1] / "build.log").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def built_site(shared_build: Callable[..., Path]) -> Path:
    """The shipped desk, built with ``mkdocs build --strict``; the site folder."""
    return shared_build(CONTENT)


@pytest.fixture(scope="session")
def climate_site(shared_build: Callable[..., Path]) -> Path:
    """The fictional climate-finance desk (tests/fixtures/climate), built with ``--strict``."""
    return shared_build(FIXTURES / "climate")


@pytest.fixture(scope="session")
def desk_site(shared_build: Callable[..., Path]) -> Path:
    """The fictional desk (tests/fixtures/desk), built with ``--strict``."""
    return shared_build(FIXTURES / "desk")


@pytest.fixture(scope="session")
def minimal_site(shared_build: Callable[..., Path]) -> Path:
    """The minimal fixture, a desk of one in the old layout, built with ``--strict``."""
    return shared_build(MINIMAL)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


# The browser contexts kept for the pages of each site being served (``Pages``), by the site's
# address and then by the options they were made with.
_KEPT: dict[str, dict[str, BrowserContext]] = {}


@contextlib.contextmanager
def served(folder: Path, host: str = "127.0.0.1") -> Iterator[str]:
    """``folder`` served over HTTP on 127.0.0.1, as a reader's browser would get it: its address,
    without a final slash (``host``: the name in it, ``localhost`` for another origin). For a
    host's own behaviour (gzip, the 404 page, a sub-folder), ``bench.host.serve``."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://{host}:{server.server_address[1]}"
    _KEPT[base] = {}
    try:
        yield base
    finally:
        # The contexts kept for this site go with it: a later site given the same port must
        # never be read from their caches.
        for context in _KEPT.pop(base).values():
            with contextlib.suppress(PlaywrightError):  # the browser may have closed first, at the end of a run
                context.close()
        server.shutdown()
        thread.join(timeout=60)


class Pages:
    """``pages.open(url, **options)``: a new page at ``url`` (of a site ``served`` above), in a
    browser context made with ``options`` (Playwright's ``new_context`` arguments) and kept for
    every page of that site opened with the same options while the site is served.

    A new context costs Chromium about a second of CPU (measured: 1.4 s a page in a context of
    its own, 0.74 s in a kept one): a new renderer, and the site's scripts, styles and fonts
    fetched and compiled again. Each test's pages are its own and closed when it ends; only
    what a context keeps is shared, so a test that adds listeners or routes to a context, or
    keeps something in it, makes its own. (Material keeps the palette it shows in the site's
    local storage, and shows it on the next page: the palette asked for, ``color_scheme``, is
    one of the options a context is kept by.)"""

    def __init__(self, browser: Browser) -> None:
        self.browser = browser
        self.opened: list[Page] = []

    def open(self, url: str, **options) -> Page:
        page = self.new(url, **options)
        page.goto(url, wait_until="load")
        return page

    def new(self, url: str, **options) -> Page:
        """A blank page, for a test to take to ``url`` or other pages of its site."""
        parts = urllib.parse.urlsplit(url)
        kept = _KEPT.get(f"{parts.scheme}://{parts.netloc}")
        assert kept is not None, f"{url} is not on a site that conftest.served serves"
        key = repr(sorted(options.items()))
        if key not in kept:
            kept[key] = context = self.browser.new_context(**options)
            context.set_default_timeout(60_000)  # a hang guard, generous for a busy machine
        page = kept[key].new_page()
        self.opened.append(page)
        return page


@pytest.fixture
def pages(browser: Browser) -> Iterator[Pages]:
    """Pages of served sites in kept browser contexts (``Pages``), closed when the test ends."""
    opened = Pages(browser)
    yield opened
    for page in opened.opened:
        if not page.is_closed():  # closed with its context when a test's own site stopped being served
            page.close()


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """The built site served over HTTP on 127.0.0.1, as a reader's browser would get it."""
    with served(built_site) as address:
        yield address


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright; Playwright never downloads a browser."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium package")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


def follow(page, link, url: str, timeout: float = 60_000, tries: int = 3) -> None:
    """Click ``link`` and wait until ``page`` is at ``url`` (a glob). On a busy machine a click
    can land while Material is still laying out its search results, and miss the link: the
    page then stays where it was, and the click is tried again, up to ``tries`` times within
    ``timeout`` ms. A link that never leads there still fails."""
    from playwright.sync_api import TimeoutError as Timeout

    for attempt in range(1, tries + 1):
        before = page.url
        link.click(timeout=timeout / tries)
        try:
            page.wait_for_url(url, timeout=timeout / tries)
            return
        except Timeout:
            if attempt == tries or page.url != before:
                raise


# -- what an explainer names, covers and cites, worked out apart from the generator ---------


def named(x: Explainer) -> set[str]:
    """Every actor one explainer names: its cast and parties, and whom its positions (and who
    said them), figures and events name."""
    found = {c.actor for c in x.story.actors} | set(x.story.parties)
    for p in x.positions:
        found |= {p.actor} | ({p.said_by} if p.said_by else set())
    for f in x.figures.values():
        found |= set(f.claimed_by)
    for e in x.events.values():
        found |= set(e.actors)
    return found


def named_with_parents(content: Content, x: Explainer) -> set[str]:
    """``named``, and whom they belong to: in the registry, or in this story."""
    cast = {c.actor: c for c in x.story.actors}
    found = named(x)
    parents = {m.of for a in found for m in content.actors[a].memberships}
    parents |= {m.of for a in found if a in cast for m in cast[a].memberships}
    return found | parents


def named_in(content: Content, x: Explainer) -> list[str]:
    """``named_with_parents`` as the downloads and structured data list them: the explainer's
    cast first, then the registry's order."""
    cast = [c.actor for c in x.story.actors]
    found = named_with_parents(content, x)
    return [a for a in cast + [a for a in content.actors if a not in cast] if a in found]


def appears_in(content: Content, actor_id: str) -> list[Explainer]:
    """The explainers that name an actor, newest first (the desk's order)."""
    return [x for x in content.explainers.values() if actor_id in named(x)]


def covered_issues(content: Content, x: Explainer) -> list[str]:
    """The issues an explainer bears on (positions, numbers, events), in the registry's order."""
    ids = {p.issue for p in x.positions} | {f.issue for f in x.figures.values() if f.issue}
    ids |= {i for e in x.events.values() for i in e.issues}
    return [i for i in content.issues if i in ids]


def cited_sources(content: Content, x: Explainer) -> list[str]:
    """The sources an explainer cites, in the registry's order."""
    story = x.story
    items = [*story.actors, *x.positions, *x.figures.values(), *x.events.values(), *story.summary, *story.unknowns, *story.next]
    cited = {s for item in items for s in item.source}
    return [s for s in content.sources if s in cited]


def expected_dateline(story, date: Callable[[str], str], *, unless_titled: bool = False) -> str | None:
    """A story's dateline, worked out apart from the generator: its place and date (``date``
    words them), and "Last updated" only once it was updated after its date. ``unless_titled``
    (under the overview's title): without the place and date when the title already gives both,
    in any spacing, as whole words. None when nothing is left to say."""
    title = " ".join(story.title.split())

    def given(part: str) -> bool:  # as whole words: "4 March 2025" is not given by "14 March 2025"
        return re.search(rf"(?<!\w){re.escape(' '.join(part.split()))}(?!\w)", title) is not None

    titled = unless_titled and given(date(story.date)) and (not story.place or given(story.place))
    parts = [] if titled else [f"{story.place}, {date(story.date)}" if story.place else date(story.date)]
    parts += [f"Last updated {date(story.updated)}"] if story.updated != story.date else []
    return " · ".join(parts) or None


# -- reading built pages, as the site-wide tests do ----------------------------------------


def html_file(page: str) -> str:
    """The HTML file a page path is built as: ``x.md`` → ``x/index.html``, ``x/index.md`` →
    ``x/index.html``, ``index.md`` → ``index.html``."""
    return urls.url(page) + "index.html"


def read(site: Path, page: str) -> BeautifulSoup:
    """A built page (a path from ``urls.path``), parsed."""
    return BeautifulSoup((site / html_file(page)).read_text(encoding="utf-8"), "html.parser")


def article(soup: BeautifulSoup) -> Tag:
    found = soup.select_one("article.md-content__inner")
    assert found is not None, "the page has no article"
    return found


def target(page: str, href: str) -> str:
    """Where a link on ``page`` leads, as an address relative to the site's root (with #anchor)."""
    base = "http://site.invalid/"
    absolute = urllib.parse.urljoin(base + urls.url(page), href)
    assert absolute.startswith(base), f"{href} on {page} leaves the site"
    return absolute[len(base):]


def address(page: str, at: str | None = None) -> str:
    """A page's address relative to the site's root, as ``target`` gives links to it."""
    return urls.url(page) + (f"#{at}" if at else "")


def section(heading: Tag) -> list[Tag]:
    """The elements after a heading, up to the next heading of the same or a higher level."""
    level = int(heading.name[1])
    found = []
    for sibling in heading.find_next_siblings():
        if re.fullmatch(r"h[1-6]", sibling.name) and int(sibling.name[1]) <= level:
            break
        found.append(sibling)
    return found
