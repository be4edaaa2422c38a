"""One test per MkDocs or Material internal the plugin leans on (``generator/engine_internals/``):
each fails when an upgrade changes what the plugin takes for granted. They run the installed
MkDocs and Material in this process, on a site of two pages, and the whole module again under
ProperDocs (its last test), which answers ``import mkdocs`` with itself.
"""

from __future__ import annotations

import errno
import json
import logging
import os
import pickle
import socket
import subprocess
import sys
import time
from pathlib import Path

import mkdocs
import pytest
from mkdocs.commands import build as build_command
from mkdocs.commands import serve as serve_command
from mkdocs.config import load_config
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from generator.engine_internals import builds, live_server, page_steps, search_index

ENGINE = os.environ.get("EXPLAINER_TEST_ENGINE", "mkdocs")
# A hang guard for the watcher's polls, not a timing: they return as soon as the watch is right.
WITHIN = 30


class Probe(BasePlugin):
    """Records what each build shows of the engine, and raises where a test asks it to."""

    def __init__(self, raise_in: str | None = None, error: Exception | None = None) -> None:
        self.raise_in, self.error = raise_in, error
        self.read: dict[str, bool] = {}
        self.states: dict[str, page_steps.PageState] = {}
        self.entries: list[int] = []
        self.update_dates: set[str] = set()

    def _maybe_raise(self, event: str) -> None:
        if self.raise_in == event:
            raise self.error or RuntimeError(event)

    def on_pre_build(self, config) -> None:
        self._maybe_raise("pre_build")

    def on_env(self, env, config, files):
        self.read = {f.src_uri: not page_steps.skipped(f.page) for f in files.documentation_pages() if f.page}
        self.update_dates = {f.page.update_date for f in files.documentation_pages() if f.page}
        self.states = {f.src_uri: page_steps.page_state(f.page) for f in files.documentation_pages() if f.page}
        return env

    def on_post_page(self, output, page, config):
        self._maybe_raise("post_page")
        entries = search_index.search_entries(config)
        if entries is not None:
            self.entries.append(len(entries))
        return output

    def on_post_build(self, config) -> None:
        builds.engine_log.getChild("plugins.probe").warning("a warning of a plugin")


def site(where: Path, theme: str = "material", plugins: str = "[]", probe: Probe | None = None):
    """A site of two pages in ``where``, loaded as MkDocs loads it, with ``probe`` among its plugins."""
    (where / "docs").mkdir(parents=True, exist_ok=True)
    for name in ("a", "b"):
        if not (where / "docs" / f"{name}.md").exists():  # a dirty build reads what was written since
            (where / "docs" / f"{name}.md").write_text(f"# Page {name}\n\n## Part\n\nText of {name}.\n")
    (where / "mkdocs.yml").write_text(f"site_name: Two pages\ntheme:\n  name: {theme}\nplugins: {plugins}\n")
    config = load_config(str(where / "mkdocs.yml"), site_dir=str(where / "site"))
    config.plugins["probe"] = probe or Probe()
    return config


@pytest.fixture
def quiet_logs():
    """What MkDocs logs in this process, kept at its level for caplog (the CLI would set it)."""
    logger = logging.getLogger("mkdocs")
    level = logger.level
    logger.setLevel(logging.INFO)
    yield
    logger.setLevel(level)


# -- the build's date ------------------------------------------------------------------------


def test_the_engine_dates_pages_and_the_sitemap_from_source_date_epoch(tmp_path, monkeypatch):
    seconds = 1_768_435_200  # 2026-01-15
    date = builds.BuildDate()
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    date.pin(seconds)
    try:
        probe = Probe()
        build_command.build(site(tmp_path, probe=probe))
    finally:
        date.unpin()
    assert probe.update_dates == {"2026-01-15"}
    gz = (tmp_path / "site" / "sitemap.xml.gz").read_bytes()
    assert int.from_bytes(gz[4:8], "little") == seconds
    assert "SOURCE_DATE_EPOCH" not in os.environ


def test_a_source_date_epoch_given_by_whoever_builds_wins_and_stays(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "86400")
    date = builds.BuildDate()
    date.pin(1_768_435_200)
    assert os.environ["SOURCE_DATE_EPOCH"] == "86400"
    date.unpin()
    assert os.environ["SOURCE_DATE_EPOCH"] == "86400"


# -- logs ------------------------------------------------------------------------------------


def test_a_strict_build_counts_warnings_on_the_engines_logger(tmp_path):
    config = site(tmp_path)
    config.strict = True
    count = builds.count_warnings()
    try:
        with pytest.raises(mkdocs.exceptions.Abort):
            build_command.build(config)
    finally:
        builds.stop_counting(count)
    assert count.get_counts() == [("WARNING", 1)]
    assert builds.engine_log.name == mkdocs.__name__ == ENGINE


def test_a_page_that_cannot_be_written_is_logged_as_error_building_page(tmp_path, caplog, quiet_logs, monkeypatch):
    # Without the filter that a plugin's build in this process (an earlier test's) leaves on.
    monkeypatch.setattr(builds.BUILD_LOG, "filters", [f for f in builds.BUILD_LOG.filters if not isinstance(f, builds._DiskFullPage)])
    full = OSError(errno.ENOSPC, "No space left on device")
    config = site(tmp_path, probe=Probe(raise_in="post_page", error=full))
    with pytest.raises(OSError):
        build_command.build(config)
    said = [r.getMessage() for r in caplog.records if r.name == builds.BUILD_LOG.name]
    assert any(line.startswith("Error building page 'a.md'") for line in said), said

    caplog.clear()
    builds.quiet_disk_full_page((errno.ENOSPC,))
    try:
        with pytest.raises(OSError):
            build_command.build(site(tmp_path / "again", probe=Probe(raise_in="post_page", error=full)))
    finally:
        for f in [f for f in builds.BUILD_LOG.filters if isinstance(f, builds._DiskFullPage)]:
            builds.BUILD_LOG.removeFilter(f)
    assert not [r for r in caplog.records if r.getMessage().startswith("Error building page")]


# -- dirty builds and Material's search ------------------------------------------------------


def test_a_dirty_build_reads_only_pages_newer_than_what_it_built_and_warns_that_it_is_dirty(tmp_path, caplog, quiet_logs):
    probe = Probe()
    config = site(tmp_path, probe=probe)
    build_command.build(config)
    assert probe.read == {"a.md": True, "b.md": True}
    read = probe.states["a.md"]
    assert read == ("Page a", {}, {"page-a", "part"})
    (tmp_path / "site" / "b" / "index.html").unlink()  # as incremental.py forces a page's rebuild
    caplog.clear()
    build_command.build(site(tmp_path, probe=probe), dirty=True)
    assert probe.read == {"a.md": False, "b.md": True}
    # Unread, it knows nothing of its anchors (so links to them would be reported as broken).
    assert probe.states["a.md"][2] is None
    unread = Page(None, File("a.md", config.docs_dir, config.site_dir, config.use_directory_urls), config)
    assert page_steps.skipped(unread)
    page_steps.restore_page_state(unread, read)
    assert page_steps.page_state(unread) == read
    said = [r.getMessage() for r in caplog.records if r.name == builds.BUILD_LOG.name]
    assert any(line.startswith("A 'dirty' build is being performed") for line in said), said
    assert not builds.DirtyWarning().filter(next(r for r in caplog.records if "'dirty'" in r.getMessage()))
    # A page given by its source file, as incremental.py gives them, is as new as that file.
    kept = File.generated(config, "c.md", abs_src_path=str(tmp_path / "docs" / "a.md"), inclusion=InclusionLevel.NOT_IN_NAV)
    assert kept.is_modified()
    in_memory = File.generated(config, "a.md", content="# A", inclusion=InclusionLevel.NOT_IN_NAV)
    assert in_memory.is_modified()


def test_materials_search_gathers_entries_page_by_page_and_merges_into_the_last_dirty_build(tmp_path):
    probe = Probe()
    config = site(tmp_path, plugins="[search]", probe=probe)
    config.plugins.on_startup(command="serve", dirty=True)  # `mkdocs serve --dirty`
    build_command.build(config, dirty=True)
    assert len(probe.entries) == 2 and 0 < probe.entries[0] < probe.entries[1]
    search = search_index._search(config)
    assert search is not None and search.search_index_prev is search.search_index
    written = search_index.search_index_file(config).read_text(encoding="utf-8")
    docs = json.loads(written)["docs"]
    assert docs == json.loads(json.dumps(search.search_index.entries, default=str))
    search_index.rewrite_search_index(config, docs)
    # As Material writes it (this site's words are ASCII: other letters are written as UTF-8,
    # not escaped, test_languages.py).
    assert search_index.search_index_file(config).read_text(encoding="utf-8") == written
    search_index.edit_search_index(config, lambda entries: entries[0].update(text="edited"))
    assert json.loads(search_index.search_index_file(config).read_text(encoding="utf-8"))["docs"][0]["text"] == "edited"
    search_index.forget_earlier_searches(config)
    assert search.search_index_prev is None
    assert search_index.search_entries(site(tmp_path / "plain")) is None


# -- the theme's Jinja environments ------------------------------------------------------------


def test_the_themes_environments_are_prepared_and_publish_its_files_as_mkdocs_own_do(tmp_path):
    config = site(tmp_path, plugins="[search]")
    # A theme folder of the site's own, with a file in a dot-folder, which MkDocs does not publish.
    own = tmp_path / "own-theme"
    (own / ".hidden").mkdir(parents=True)
    (own / ".hidden" / "secret.css").write_text("p {}\n")
    (own / "extra.css").write_text("p {}\n")
    config.theme.dirs.insert(0, str(own))
    made = []
    builds.prepare_theme_environments(config, made.append)
    # Material's search makes the theme's environments for its words in its on_config.
    config.plugins.on_config(config)
    assert made, "Material's search made no environment of the theme in its on_config"
    env = config.theme.get_env()
    assert made[-1] is env
    ours, theirs = Files([]), Files([])
    ours.add_files_from_theme(env, config)
    unprepared = type(config.theme).get_env(config.theme)
    theirs.add_files_from_theme(unprepared, config)
    assert [f.src_uri for f in ours] == [f.src_uri for f in theirs]
    published = {f.src_uri for f in ours}
    assert "extra.css" in published and ".hidden/secret.css" not in published
    # What MkDocs' own loader lists and drops: Material's icons, left out of the listing.
    assert [name for name in unprepared.list_templates() if name.startswith(".icons/")]
    assert not [name for name in env.list_templates() if name.startswith(".")]
    assert env.get_template(".icons/material/check.svg")  # still there to include


# -- `mkdocs build` reusing pages ------------------------------------------------------------


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_build_hands_each_pages_two_steps_to_hooks_that_may_do_them_in_its_place(tmp_path, caplog, quiet_logs, monkeypatch):
    monkeypatch.setenv(builds.BuildDate.NAME, "1750000000")  # the sitemap's date, in both builds
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.md").write_text("# Page a\n\nSee [the part](b.md#part), [a gap](b.md#gap).\n")
    config = site(tmp_path, plugins="[search]")
    read: dict[str, page_steps.ReadPage] = {}
    html: dict[str, bytes] = {}
    entries: dict[str, list[dict]] = {}

    def populate(page, step):
        step()
        read[page.file.src_uri] = page_steps.read_page(page)

    def build(page, step):
        before = len(search_index.search_entries(config))
        step()
        html[page.file.src_uri] = Path(page.file.abs_dest_path).read_bytes()
        entries[page.file.src_uri] = search_index.search_entries(config)[before:]

    undo = page_steps.reuse_pages(populate, build)
    try:
        config.plugins.on_startup(command="build", dirty=False)  # as `mkdocs build` starts
        build_command.build(config)
    finally:
        undo()
    assert build_command._populate_page.__module__ == build_command._build_page.__module__ == build_command.__name__
    assert read["a.md"] == ("Page a", {}, {"page-a"}, {"b.md": {"part": "b.md#part", "gap": "b.md#gap"}})
    assert set(html) == {"a.md", "b.md"} and all(entries.values())
    first = _tree(tmp_path / "site")
    last_site = tmp_path / "last-site"
    (tmp_path / "site").rename(last_site)

    # Again, every page given what it knew instead: the same site, byte for byte, and MkDocs
    # still checks the anchors a page links to against the pages it links to.
    config = site(tmp_path, plugins="[search]")
    stepped = []

    def reuse_read(page, step):
        stepped.append(page.file.src_uri)
        assert page_steps.restore_read_page(page, read[page.file.src_uri], files[0])

    def reuse_built(page, step):
        page_steps.link_page(page, last_site / page.file.dest_uri)
        search_index.add_search_entries(config, entries[page.file.src_uri])

    files = []

    class Files(BasePlugin):
        def on_files(self, found, config):
            files.append(found)
            return found

    config.plugins["files"] = Files()
    undo = page_steps.reuse_pages(reuse_read, reuse_built)
    caplog.clear()
    level = builds.engine_log.level
    builds.engine_log.setLevel(logging.INFO)  # MkDocs tells of a missing anchor at INFO by default
    try:
        config.plugins.on_startup(command="build", dirty=False)
        build_command.build(config)
    finally:
        undo()
        builds.engine_log.setLevel(level)
    assert stepped == ["a.md", "b.md"]
    assert _tree(tmp_path / "site") == first
    # Each page the last build's very file, linked where the file system can.
    assert (tmp_path / "site" / "a" / "index.html").samefile(last_site / "a" / "index.html")
    said = [r.getMessage() for r in caplog.records]
    assert "Doc file 'a.md' contains a link 'b.md#gap', but the doc 'b.md' does not contain an anchor '#gap'." in said
    gone = files[0]
    gone.remove(gone.get_file_from_path("b.md"))
    assert not page_steps.restore_read_page(Page(None, gone.get_file_from_path("a.md"), config), read["a.md"], gone)
    assert search_index.material_plugin(config.plugins["material/search"]) and not search_index.material_plugin(config.plugins["files"])


def test_what_converting_a_page_leaves_on_it_is_what_another_process_hands_back(tmp_path, quiet_logs):
    # two_cores.py: a page converted in another process is given, here, every attribute
    # MkDocs' conversion set on it (a plugin may set the title), read there and pickled.
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.md").write_text("# Page a\n\nSee [the part](b.md#part).\n\n## Its own\n")
    config = site(tmp_path, plugins="[search]")
    changed: set[str] = set()
    handed: dict[str, dict] = {}
    kept: dict[str, dict] = {}
    files = []

    class Titled(BasePlugin):
        def on_files(self, found, config):
            files.append(found)
            return found

        def on_page_content(self, html, page, config, files):
            page.title = f"{page.title} (set by a plugin)"
            return html

    def populate(page, step):
        before = dict(vars(page))
        step()
        after = vars(page)
        changed.update(name for name, value in after.items() if name not in before or before[name] is not value)
        handed[page.file.src_uri] = pickle.loads(pickle.dumps(page_steps.converted(page)))
        kept[page.file.src_uri] = {name: after[name] for name in page_steps.CONVERTED if name in after}

    config.plugins["titled"] = Titled()
    undo = page_steps.reuse_pages(populate, lambda page, step: step())
    try:
        config.plugins.on_startup(command="build", dirty=False)
        build_command.build(config)
    finally:
        undo()
    assert changed == page_steps.CONVERTED
    for uri in ("a.md", "b.md"):
        page = page_steps.new_page(File(uri, str(tmp_path / "docs"), str(tmp_path / "site"), True), config)
        assert page_steps.restore_converted(page, handed[uri], files[0])
        given = {name: getattr(page, name) for name in page_steps.CONVERTED}
        assert {n: v for n, v in given.items() if n not in ("toc", "links_to_anchors")} == \
            {n: v for n, v in kept[uri].items() if n not in ("toc", "links_to_anchors")}
        assert str(given["toc"]) == str(kept[uri]["toc"])
        assert given["links_to_anchors"] == kept[uri]["links_to_anchors"]  # the same File objects
    assert page.title == "Page b (set by a plugin)" and handed["a.md"]["links_to_anchors"] == {"b.md": {"part": "b.md#part"}}
    gone = files[0]
    gone.remove(gone.get_file_from_path("b.md"))
    assert not page_steps.restore_converted(page_steps.new_page(gone.get_file_from_path("a.md"), config), handed["a.md"], gone)


# -- `mkdocs serve` --------------------------------------------------------------------------


def test_serves_builder_looks_build_up_in_the_serve_module_at_each_call(tmp_path):
    builder = next(code for code in serve_command.serve.__code__.co_consts if getattr(code, "co_name", "") == "builder")
    assert "build" in builder.co_names
    assert serve_command.build is build_command.build
    answered = []
    undo = live_server.answer_first_build(lambda error, root: answered.append((str(error), root)))
    try:
        config = site(tmp_path, probe=Probe(raise_in="pre_build"))
        serve_command.build(config, serve_url="http://127.0.0.1:8000/", dirty=False)
    finally:
        undo()
    assert answered == [("pre_build", tmp_path / "site")]
    assert serve_command.build is build_command.build


def test_the_preview_can_make_every_build_of_serve_a_dirty_one(tmp_path, quiet_logs):
    # `mkdocs serve` without --dirty passes dirty=False to the build it looks up in its module; a
    # dirty build is the one that leaves what the site folder holds (a clean one empties it first).
    config = site(tmp_path)
    kept = tmp_path / "site" / "kept.txt"
    kept.parent.mkdir()
    kept.write_text("built before")
    answered = []
    undo = live_server.answer_first_build(lambda error, root: answered.append(error), dirty=True)
    try:
        serve_command.build(config, serve_url="http://127.0.0.1:8000/", dirty=False)
    finally:
        undo()
    assert answered == [] and kept.read_text() == "built before"
    assert (tmp_path / "site" / "a" / "index.html").is_file()
    # Without it, the same call is MkDocs' clean build.
    build_command.build(site(tmp_path), dirty=False)
    assert not kept.exists()


@pytest.fixture
def server(tmp_path):
    served = tmp_path / "served"
    served.mkdir()
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(served), polling_interval=0.1)
    yield server
    server.observer.stop()
    if server.observer.is_alive():
        server.observer.join()


def test_the_servers_builder_is_what_its_loop_calls_on_a_change(server, tmp_path):
    assert "builder" in LiveReloadServer._build_loop.__code__.co_names
    answered = []

    def broken() -> None:
        raise RuntimeError("broken")

    server.builder = broken
    live_server.answer_rebuilds(server, lambda error, root: answered.append((str(error), root)))
    server.builder()
    assert answered == [("broken", tmp_path / "served")]
    assert live_server.served_folder(server) == tmp_path / "served"


def test_the_server_takes_its_port_in_server_bind_when_it_starts_serving(server):
    assert "server_bind" in LiveReloadServer.serve.__code__.co_names
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        busy = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=port, root=server.root)
        said = []
        live_server.say_when_the_port_is_taken(busy, lambda host, port, error: said.append((host, port, live_server.port_taken(error))))
        busy.server_bind()
        busy.server_close()
    assert said == [("127.0.0.1", port, True)]


def _until(condition) -> bool:
    deadline = time.monotonic() + WITHIN
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


def test_the_servers_watcher_stops_for_a_folder_that_goes_and_watches_it_again(server, tmp_path):
    folder = tmp_path / "content"
    folder.mkdir()
    assert not live_server.observing(server)
    server.watch(str(folder))
    server.observer.start()
    assert live_server.observing(server)
    assert _until(lambda: live_server.watched(server, str(folder)))
    folder.rmdir()
    assert _until(lambda: not live_server.watched(server, str(folder)))
    folder.mkdir()
    live_server.watch_again(server, str(folder))
    assert _until(lambda: live_server.watched(server, str(folder)))
    with pytest.raises(KeyError):  # how watch_again knows it unwatched every watch of the folder
        server.unwatch(str(tmp_path / "never-watched"))


# -- the same, under ProperDocs --------------------------------------------------------------

UNDER_PROPERDOCS = """\
import sys
import properdocs.replacement  # what `properdocs` does first: `import mkdocs` is ProperDocs from here on
import pytest
sys.exit(pytest.main(["-q", "-p", "no:cacheprovider", sys.argv[1]]))
"""


@pytest.mark.skipif(ENGINE != "mkdocs", reason="already under ProperDocs")
def test_every_internal_holds_under_properdocs_too():
    env = {**os.environ, "EXPLAINER_TEST_ENGINE": "properdocs"}
    result = subprocess.run(
        [sys.executable, "-c", UNDER_PROPERDOCS, __file__], cwd=Path(__file__).parents[1],
        env=env, capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert " passed" in result.stdout and "1 skipped" in result.stdout, result.stdout[-2000:]


# -- the site in each language ---------------------------------------------------------------


def test_a_build_within_a_build_has_its_own_plugins_and_speaks_its_own_language(tmp_path):
    config = site(tmp_path, plugins="[search]")
    kept = load_config(str(tmp_path / "mkdocs.yml")).plugins["material/search"]  # it has on_startup: MkDocs keeps it
    other = builds.config_for(config, site_dir=str(tmp_path / "site" / "bg"), site_url="https://example.org/bg/")
    assert other.plugins["material/search"] is not kept, "the configuration read again shares a plugin object"
    assert load_config(str(tmp_path / "mkdocs.yml")).plugins["material/search"] is kept, "MkDocs no longer keeps it"
    assert (other.site_url, other.site_dir) == ("https://example.org/bg/", str(tmp_path / "site" / "bg"))
    builds.speak(other, "bg")
    build_command.build(config)
    builds.build_site(other)
    soup = (tmp_path / "site" / "bg" / "a" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="bg"' in soup and 'placeholder="Търси"' in soup  # Material's own words
    index = json.loads((tmp_path / "site" / "bg" / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["lang"] == ["ru"]  # Material's stemmer for Bulgarian
    assert json.loads((tmp_path / "site" / "search" / "search_index.json").read_text(encoding="utf-8"))["config"]["lang"] == ["en"]
    ours = load_config(str(Path(__file__).parents[1] / "mkdocs.yml"))
    assert type(builds.explainer_plugin(ours)).__name__ == "ExplainerPlugin"
