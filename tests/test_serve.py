"""Live preview: `mkdocs serve` shows a saved edit, survives a broken save, and recovers.

The desk's files are of two sorts: the registry shared by every explainer (actors.yml,
issues.yml…) and each explainer's own folder (explainers/<slug>/). An edit of either shows
wherever what it changes is shown, on the explainer's pages and on the desk's shared pages.
Every wait is a bounded poll; pages are found through the site's URL scheme (generator/urls.py).
"""

from __future__ import annotations

import contextlib
import html
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator import TEMPLATES, urls
from generator.model import EXPLAINERS_FOLDER

from .conftest import CONTENT, FIXTURES, in_one_language, make_project, mkdocs, own_templates

PANEL = "The content has problems"
ISTANBUL = "istanbul-talks-2025-06-02"
OTHER = "what-each-side-wants"
# Hang guards, long enough for a rebuild on a busy machine; a poll returns as soon as the page
# is right.
WITHIN = 60
STARTUP = 180
HEADINGS = ["h1", "h2", "h3", "h4", "h5", "h6"]
# The process of each `mkdocs serve` that ``serving`` started, by its address.
SERVERS: dict[str, int] = {}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str:
    """The body of a page, whatever its status (the "not found" page lists problems too). The
    timeout is a hang guard: MkDocs' server, stuck after a failed rebuild, never answers."""
    try:
        with urllib.request.urlopen(url, timeout=WITHIN) as response:
            return response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.read().decode("utf-8")


def _wait_for(url: str, ok: Callable[[str], bool], within: float = WITHIN) -> str:
    deadline = time.monotonic() + within
    last = ""
    while time.monotonic() < deadline:
        try:
            last = _get(url)
            if ok(last):
                return last
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.1)
    raise AssertionError(f"{url} did not show the expected page within {within} s; last body began: {last[:300]!r}")


def _interruptible() -> None:
    for number in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(number, signal.SIG_DFL)


@contextlib.contextmanager
def serving(project: Path, content: Path, log: Path, ready: Callable[[str], bool] | None = None,
            args: tuple[str, ...] = (), stop: signal.Signals = signal.SIGINT, scratch: Path | None = None) -> Iterator[str]:
    """`mkdocs serve` (with ``args``, such as `--dirty`) in ``project`` on a free port, its output
    in ``log``; its address once the home page answers (and satisfies ``ready``); stopped at the
    end with ``stop``, Ctrl-C unless told otherwise. A port taken between choosing it and MkDocs
    binding it (another test suite may run beside this one) is retried on another. With
    ``scratch``, the server's temporary files go there (``TMPDIR``) instead of the machine's."""
    env = {**os.environ, "EXPLAINER_CONTENT": str(content), "NO_MKDOCS_2_WARNING": "1"}
    if scratch is not None:
        env["TMPDIR"] = str(scratch)
    for _ in range(5):
        port = _free_port()
        with log.open("w") as output:
            server = subprocess.Popen(
                [sys.executable, "-m", "mkdocs", "serve", *args, "--dev-addr", f"127.0.0.1:{port}"],
                cwd=project, env=env, stdout=output, stderr=subprocess.STDOUT,
                # A suite started in the background of a script ignores Ctrl-C, and so would the
                # server (Python keeps an ignored SIGINT ignored): each stop would wait out the
                # minute below. The server takes Ctrl-C, `kill` and a closed terminal as an
                # editor's terminal gives them.
                preexec_fn=_interruptible,
            )
        url = f"http://127.0.0.1:{port}"
        SERVERS[url] = server.pid
        try:
            deadline = time.monotonic() + STARTUP
            while server.poll() is None and time.monotonic() < deadline:
                try:
                    body = _get(url + "/")
                    if ready is None or ready(body):
                        break
                except (urllib.error.URLError, ConnectionError, TimeoutError):
                    pass
                time.sleep(0.2)
            else:
                if server.poll() is not None and "the port is already in use" in log.read_text():
                    continue
                raise AssertionError(f"mkdocs serve did not start within {STARTUP} s:\n{log.read_text()[-3000:]}")
            yield url
            return
        finally:
            # As an editor stops it, with Ctrl-C: MkDocs then removes its temporary folder.
            server.send_signal(stop)
            try:
                server.wait(timeout=60)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait(timeout=60)
    raise AssertionError("no free port for mkdocs serve")


def served_folder(log: str) -> Path:
    """The temporary folder a server started with ``--verbose`` serves, as its ``log`` names it."""
    (folder,) = set(re.findall(r"Config value 'site_dir' = '([^']+)'", log))
    return Path(folder)


def build_logged(log: Path, since: int) -> str:
    """What the server wrote to ``log`` after its first ``since`` characters, once that holds a
    finished build (a bounded poll)."""
    deadline = time.monotonic() + WITHIN
    while "Documentation built in" not in log.read_text()[since:] and time.monotonic() < deadline:
        time.sleep(0.1)
    said = log.read_text()[since:]
    assert "Documentation built in" in said, said[-3000:]
    return said


def _at(base: str, kind: str, **params: str) -> str:
    """The served address of a page: ``_at(url, "actor", id="russia")`` → ``…/actors/russia/``."""
    return f"{base}/{urls.url(urls.path(kind, **params))}"


def _explainer_file(content: Path, slug: str, name: str) -> Path:
    return content / EXPLAINERS_FOLDER / slug / name


def _section(body: str, anchor: str) -> str:
    """The text of one section of a page: from the heading with id ``anchor`` to the next heading
    of its level or above."""
    soup = BeautifulSoup(body, "html.parser")
    heading = soup.find(id=anchor)
    assert heading is not None and heading.name in HEADINGS, f"no heading #{anchor} on the page"
    above = HEADINGS[: HEADINGS.index(heading.name) + 1]
    words = [heading.get_text(" ")]
    for sibling in heading.find_next_siblings():
        if sibling.name in above:
            break
        words.append(sibling.get_text(" "))
    return " ".join(" ".join(words).split())


# `make serve` runs `mkdocs serve --dirty`; a plain `mkdocs serve` builds again only what a save
# changed too (the plugin makes its builds MkDocs' dirty ones). The preview holds up started
# either way: each reaches the plugin by another path (on_startup's `dirty`, MkDocs' build call).
@pytest.fixture(params=[(), ("--dirty",)], ids=["serve", "serve-dirty"])
def served(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[tuple[str, Path, Path]]:
    content = tmp_path / "content"
    in_one_language(CONTENT, content)
    project = make_project(tmp_path / "project")
    # The builder's own template folder, searched before the built-in templates.
    shutil.copy(TEMPLATES / "explainer-timeline.md.j2", own_templates(project))
    log = tmp_path / "serve.log"
    with serving(project, content, log, ready=lambda body: "Istanbul" in body, args=request.param) as url:
        yield url, content, project
    assert "Traceback" not in log.read_text(), log.read_text()[-3000:]


def test_preview_follows_edits_survives_a_broken_save_and_recovers(served):
    url, content, _ = served
    medinsky = _at(url, "actor", id="vladimir-medinsky")
    overview = _at(url, "explainer", slug=ISTANBUL)

    # A registry file: the shared actors.
    actors = content / "actors.yml"
    good = actors.read_text()
    actors.write_text(good.replace("name: Vladimir Medinsky", "name: Vladimir Medinsky EDITED"))
    page = _wait_for(medinsky, lambda body: "Medinsky EDITED" in body)
    assert PANEL not in page

    # A file in an explainer's own folder.
    story = _explainer_file(content, ISTANBUL, "explainer.yml")
    good_story = story.read_text()
    assert "talked for less than an hour" in good_story
    story.write_text(good_story.replace("talked for less than an hour", "talked for less than an hour STORY-EDIT"))
    page = _wait_for(overview, lambda body: "STORY-EDIT" in body)
    assert PANEL not in page and "Medinsky EDITED" in page

    # A broken save of a registry file.
    broken = good.replace("kind: state", "kind: empire", 1)
    actors.write_text(broken)
    line = next(i for i, text in enumerate(broken.splitlines(), 1) if "kind: empire" in text)
    page = _wait_for(url + "/", lambda body: PANEL in body)
    assert f"actors.yml:{line}:9" in page
    assert "&#39;empire&#39; is not allowed here" in page or "'empire' is not allowed here" in page
    # Every page answers at once, the last good version under the list of problems.
    other = _get(_at(url, "issue", id="ceasefire"))
    assert PANEL in other and "Ceasefire" in other
    other = _get(overview)
    assert PANEL in other and "STORY-EDIT" in other

    actors.write_text(good)
    page = _wait_for(url + "/", lambda body: PANEL not in body and "Istanbul" in body)
    assert "Medinsky EDITED" not in _get(medinsky)

    # A broken save of a file in an explainer's folder names that file, within the desk.
    positions = _explainer_file(content, OTHER, "positions.yml")
    good_positions = positions.read_text()
    broken = good_positions.replace("stance: ", "stance: perhaps-", 1)
    positions.write_text(broken)
    line = next(i for i, text in enumerate(broken.splitlines(), 1) if "perhaps-" in text)
    page = _wait_for(_at(url, "explainer-positions", slug=OTHER), lambda body: PANEL in body)
    assert f"content/{EXPLAINERS_FOLDER}/{OTHER}/positions.yml:{line}:" in page
    assert "&#39;perhaps-" in page or "'perhaps-" in page
    assert "STORY-EDIT" in _get(overview) and PANEL in _get(overview)

    positions.write_text(good_positions)
    story.write_text(good_story)
    page = _wait_for(overview, lambda body: PANEL not in body and "STORY-EDIT" not in body)
    assert "talked for less than an hour" in page
    assert PANEL not in _get(_at(url, "explainer-positions", slug=OTHER))


def test_an_explainer_edit_shows_on_the_desk_hub_and_on_shared_actor_pages(served):
    """The hub lists each explainer with its standfirst, and an actor's page says what they are
    in each explainer: editing one explainer's folder changes both, and only its own part."""
    url, content, _ = served
    story = _explainer_file(content, ISTANBUL, "explainer.yml")
    text = story.read_text()
    hub = url + "/"
    hub_anchor = urls.anchor("explainer", slug=ISTANBUL)
    other_anchor = urls.anchor("explainer", slug=OTHER)
    before_other = _section(_get(hub), other_anchor)

    # The standfirst, shown on the desk's hub under the explainer's title.
    old_standfirst = "At their second round of talks in Istanbul"
    assert old_standfirst in text
    text = text.replace(old_standfirst, "STANDFIRST-EDIT At their second round of talks in Istanbul", 1)
    story.write_text(text)
    page = _wait_for(hub, lambda body: "STANDFIRST-EDIT" in body)
    assert PANEL not in page
    assert "STANDFIRST-EDIT At their second round of talks in Istanbul" in _section(page, hub_anchor)
    assert _section(page, other_anchor) == before_other

    # Medinsky's role in this story (a cast entry), shown on his page across explainers.
    old_role = "    role: Kremlin adviser and head of Russia's delegation\n"
    cast = text.index("  - actor: vladimir-medinsky\n")
    at = text.index(old_role, cast)
    assert at < text.index("  - actor:", cast + 1), "the role edited is Medinsky's own"
    story.write_text(text[:at] + "    role: Chief negotiator ROLE-EDIT\n" + text[at + len(old_role):])
    medinsky = _at(url, "actor", id="vladimir-medinsky")
    page = _wait_for(medinsky, lambda body: "ROLE-EDIT" in body)
    assert PANEL not in page
    assert "Chief negotiator ROLE-EDIT" in _section(page, hub_anchor)
    # The other explainer still gives him the role it gives him (his lasting role, Kremlin
    # adviser, said once at the top of his page, not again before it).
    assert "Head of Russia's delegation" in _section(page, other_anchor)
    assert "ROLE-EDIT" not in _section(page, other_anchor)
    # The story's own who's who says it too.
    assert "Chief negotiator ROLE-EDIT" in _get(_at(url, "explainer-actors", slug=ISTANBUL))
    assert "ROLE-EDIT" not in _get(_at(url, "explainer-actors", slug=OTHER))


def test_a_plain_mkdocs_serve_builds_again_only_the_pages_a_save_changed(tmp_path: Path):
    content = tmp_path / "content"
    in_one_language(CONTENT, content)
    project = make_project(tmp_path / "project")
    log = tmp_path / "serve.log"
    # --verbose: MkDocs names the folder it serves, a temporary one, among its settings.
    with serving(project, content, log, ready=lambda body: "Istanbul" in body, args=("--verbose",)) as url:
        started = log.read_text()
        served = served_folder(started)
        pages = sorted(served.rglob("*.html"))
        written = {page: page.stat().st_mtime_ns for page in pages}
        story = _explainer_file(content, ISTANBUL, "explainer.yml")
        story.write_text(story.read_text().replace("At their second round", "SAVE-EDIT At their second round", 1))
        _wait_for(_at(url, "explainer", slug=ISTANBUL), lambda body: "SAVE-EDIT" in body)
        build_logged(log, len(started))
        again = {page.relative_to(served).as_posix() for page in pages if page.stat().st_mtime_ns != written[page]}
    assert len(pages) > 40
    # The desk's front page and the explainer's own pages (each page's share card describes it
    # by its standfirst) show the standfirst: written again. The other explainer's are not.
    assert {"index.html", f"{ISTANBUL}/index.html", f"{ISTANBUL}/timeline/index.html"} <= again, sorted(again)
    assert not [path for path in again if path.startswith(f"{OTHER}/")], sorted(again)
    assert len(again) < len(pages) / 2, sorted(again)


def test_template_edits_show_without_a_restart(served):
    url, _, project = served
    template = project / "templates" / "explainer-timeline.md.j2"
    template.write_text(template.read_text().replace("What happened, in order.", "What happened, in order. TEMPLATE-EDIT"))
    _wait_for(_at(url, "explainer-timeline", slug=ISTANBUL), lambda body: "TEMPLATE-EDIT" in body)
    _wait_for(_at(url, "explainer-timeline", slug=OTHER), lambda body: "TEMPLATE-EDIT" in body)
    # The desk's own timeline has a template of its own.
    assert "TEMPLATE-EDIT" not in _get(_at(url, "desk-timeline"))


def test_the_open_browser_shows_the_problem_and_recovers_by_itself(served, browser):
    url, content, _ = served
    issues = content / "issues.yml"
    good = issues.read_text()
    page = browser.new_page()
    try:
        page.goto(_at(url, "issue", id="ceasefire"), timeout=WITHIN * 1000)
        page.wait_for_selector("h1", timeout=WITHIN * 1000)
        assert page.locator(".explainer-problems").count() == 0

        issues.write_text(good.replace("title: Ceasefire", "title: Ceasefire\n  title: Truce", 1))
        # No reload by the test: MkDocs' livereload script brings the new build to the page.
        problems = page.locator(".explainer-problems")
        problems.wait_for(timeout=WITHIN * 1000)
        assert "duplicate key 'title'" in problems.inner_text()
        assert "content/issues.yml:" in problems.inner_text()

        issues.write_text(good)
        problems.wait_for(state="detached", timeout=WITHIN * 1000)
        assert page.locator("h1").inner_text().startswith("Ceasefire")
    finally:
        page.close()


# -- a preview that never hangs ------------------------------------------------------------------


def _line_of(text: str, part: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if part in line)


def _touch(content: Path) -> None:
    """A save that changes nothing the site shows, to make the preview rebuild."""
    actors = content / "actors.yml"
    actors.write_text(actors.read_text() + f"# saved at {time.monotonic()}\n")


# Template mistakes of every kind in the builder's own template (see `served`): each must reach
# the page as a problem at the template's line, never stall the server.
TEMPLATE_BREAKS = {
    "an include of a missing template": ('{% include "no-such-part.md.j2" %}', "template: no template 'no-such-part.md.j2'"),
    "a syntax error": ("{% if %}", "template: Expected an expression, got 'end of statement block'"),
    "an error raised while rendering": ('{{ 1 + "a" }}', "template: TypeError: unsupported operand type(s) for +: 'int' and 'str'"),
    "an undefined name": ("{{ no_such_name }}", "template: 'no_such_name' is undefined"),
}


def test_a_save_that_makes_the_build_raise_is_shown_on_every_page_and_recovers(served):
    url, _, project = served
    template = project / "templates" / "explainer-timeline.md.j2"
    good = template.read_text()
    timeline = _at(url, "explainer-timeline", slug=ISTANBUL)
    others = [url + "/", _at(url, "actor", id="vladimir-medinsky"), _at(url, "explainer", slug=OTHER)]
    end = good.rindex("{% endblock %}")
    for mistake, (text, message) in TEMPLATE_BREAKS.items():
        broken = f"{good[:end]}{text}\n{good[end:]}"  # in the page's body
        template.write_text(broken)
        place = f"templates/explainer-timeline.md.j2:{_line_of(broken, text)}:1"
        page = html.unescape(_wait_for(timeline, lambda body, message=message: message in html.unescape(body)))
        assert place in page, mistake
        # Every page answers at once (a request to a stuck server would wait past the guard),
        # with the problem above the last version that built.
        for other in others:
            body = html.unescape(_get(other))
            assert PANEL in body and place in body, (mistake, other)
    template.write_text(good)
    page = _wait_for(timeline, lambda body: PANEL not in body)
    assert "What happened, in order." in page


def test_a_broken_theme_template_is_shown_for_every_address_and_recovers(served):
    # A mistake outside the generator (here the site's main.html) makes MkDocs itself raise: the
    # preview answers every address with a page of its own that names the file and line.
    url, content, project = served
    main = project / "overrides" / "main.html"
    good = main.read_text()
    broken = good + "{% if %}\n"
    main.write_text(broken)
    _touch(content)
    failed = "The site could not be built"
    page = html.unescape(_wait_for(url + "/", lambda body: failed in body))
    assert f"overrides/main.html:{_line_of(broken, '{% if %}')}:1" in page
    for other in (_at(url, "actor", id="vladimir-medinsky"), _at(url, "explainer-issues", slug=OTHER), url + "/no/such/page/"):
        assert failed in _get(other), other
    main.write_text(good)
    _touch(content)
    page = _wait_for(url + "/", lambda body: failed not in body and "Istanbul" in body)
    assert PANEL not in page


def test_the_preview_follows_a_content_folder_replaced_deleted_and_restored(served):
    url, content, _ = served
    medinsky = _at(url, "actor", id="vladimir-medinsky")

    # Replaced in one step by another folder, as a sync tool or a checkout of a branch does.
    replacement = content.with_name("content-replacement")
    shutil.copytree(content, replacement)
    actors = replacement / "actors.yml"
    actors.write_text(actors.read_text().replace("name: Vladimir Medinsky", "name: Vladimir Medinsky REPLACED"))
    original = content.with_name("content-original")
    content.rename(original)
    replacement.rename(content)
    _wait_for(medinsky, lambda body: "Medinsky REPLACED" in body)

    # Deleted: every page says so.
    shutil.rmtree(content)
    page = _wait_for(url + "/", lambda body: PANEL in body and "content folder not found" in body)
    assert "Istanbul" in page  # the last version that built, under the problem
    assert "content folder not found" in _get(medinsky)

    # Back: the preview shows it, and watches it again, so the next edit shows too.
    shutil.copytree(original, content)
    page = _wait_for(medinsky, lambda body: PANEL not in body and "Medinsky REPLACED" not in body)
    assert "Vladimir Medinsky" in page
    actors = content / "actors.yml"
    actors.write_text(actors.read_text().replace("name: Vladimir Medinsky", "name: Vladimir Medinsky AGAIN"))
    _wait_for(medinsky, lambda body: "Medinsky AGAIN" in body)


def test_serve_started_on_broken_content_answers_every_address_with_the_problems(tmp_path):
    content = tmp_path / "content"
    in_one_language(CONTENT, content)
    actors = content / "actors.yml"
    good = actors.read_text()
    broken = good.replace("kind: state", "kind: empire", 1)
    actors.write_text(broken)
    place = f"actors.yml:{_line_of(broken, 'kind: empire')}:9"
    project = make_project(tmp_path / "project")
    log = tmp_path / "serve.log"
    with serving(project, content, log, ready=lambda body: PANEL in body) as url:
        # No page has ever built: the desk's own pages stand in, and every other address (a
        # page that will exist, or one that never will) answers with the problems too.
        for address in (url + "/", _at(url, "actor", id="russia"), _at(url, "explainer", slug=ISTANBUL), url + "/no/such/page/"):
            body = html.unescape(_get(address))
            assert PANEL in body and place in body and "'empire' is not allowed here" in body, address
        actors.write_text(good)
        page = _wait_for(_at(url, "actor", id="russia"), lambda body: PANEL not in body and "<h1" in body)
        assert "Russia" in page
    assert "Traceback" not in log.read_text(), log.read_text()[-3000:]


def _notice(body: str) -> tuple[str, str, bool]:
    """What a served page says of the content: the problems panel's heading, the page's own
    first heading, and whether the page looks again by itself."""
    soup = BeautifulSoup(body, "html.parser")
    panel = soup.find(id="explainer-problems-title")
    refresh = soup.find("meta", attrs={"http-equiv": "refresh"}) is not None
    return " ".join(panel.get_text(" ").split()) if panel else "", soup.find("h1").get_text(" ").strip(), refresh


def test_the_not_found_page_says_the_content_has_warnings_when_it_has_only_warnings(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)  # in both languages: the second warns of what is untranslated
    issues = content / "issues.yml"
    # An issue nothing refers to, and not translated into Bulgarian: two warnings, which stop nothing from building.
    warned = issues.read_text() + (
        "\n- id: harbour-dues\n  title: Harbour dues\n  question: Who pays them?\n"
        "  description: Nobody has said.\n  source: reuters-via-bta-2025-06-02\n"
    )
    issues.write_text(warned)
    project = make_project(tmp_path / "project")
    log = tmp_path / "serve.log"
    with serving(project, content, log, ready=lambda body: "Istanbul" in body) as url:
        missing = url + "/no/such/page/"
        assert _notice(_get(missing)) == ("The content has warnings: 2 warnings in 1 file", "Page not found", False)
        assert "not available yet" not in _get(missing)
        assert _notice(_get(_at(url, "issue", id="ceasefire")))[0] == "The content has warnings: 2 warnings in 1 file"
        # An error too: the address may be a page the error keeps from building, and says so.
        issues.write_text(warned.replace("title: Ceasefire", "title: Ceasefire\n  title: Truce", 1))
        body = _wait_for(missing, lambda body: "not available yet" in body)
        assert _notice(body) == ("The content has problems: 1 error in 1 file", "This page is not available yet", True)
    assert "Traceback" not in log.read_text(), log.read_text()[-3000:]


@pytest.mark.parametrize("args", [(), ("--dirty",)], ids=["serve", "serve --dirty"])
def test_serve_started_with_a_broken_theme_template_answers_every_address_and_recovers(tmp_path, args):
    # MkDocs builds once before it serves; a theme template that raises there used to end
    # `mkdocs serve` with a traceback before any address answered.
    project = make_project(tmp_path / "project")
    main = project / "overrides" / "main.html"
    good = main.read_text()
    broken = good + "{% if %}\n"
    main.write_text(broken)
    content = tmp_path / "content"
    in_one_language(CONTENT, content)
    log = tmp_path / "serve.log"
    failed = "The site could not be built"
    with serving(project, content, log, ready=lambda body: failed in body, args=args) as url:
        for address in (url + "/", _at(url, "actor", id="russia"), url + "/no/such/page/"):
            page = html.unescape(_get(address))
            assert failed in page and f"overrides/main.html:{_line_of(broken, '{% if %}')}:1" in page, address
        main.write_text(good)
        _touch(content)
        page = _wait_for(_at(url, "actor", id="russia"), lambda body: failed not in body and "<h1" in body)
        assert "Russia" in page
    assert "Traceback" not in log.read_text(), log.read_text()[-3000:]


def test_serve_with_a_missing_content_folder_says_where_and_starts_once_it_appears(tmp_path):
    content = tmp_path / "content"
    project = make_project(tmp_path / "project")
    log = tmp_path / "serve.log"
    with serving(project, content, log, ready=lambda body: PANEL in body) as url:
        body = html.unescape(_get(url + "/"))
        assert f"<code>{content}</code>" in body and "content folder not found (expected a folder of .yml files)" in body
        in_one_language(CONTENT, content)
        page = _wait_for(url + "/", lambda body: PANEL not in body and "Istanbul" in body)
        assert "Istanbul" in page
    output = log.read_text()
    assert "Traceback" not in output, output[-3000:]
    assert f"ERROR   -  {content}: error: content folder not found (expected a folder of .yml files)\n" in output


def test_serve_on_a_port_already_taken_says_which_and_how_to_pick_another(tmp_path):
    project = make_project(tmp_path / "project")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = mkdocs(project, "serve", "--dev-addr", f"127.0.0.1:{port}", content=FIXTURES / "minimal")
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines()[-1] == (
        f"ERROR   -  127.0.0.1:{port}: error: the port is already in use, so the preview cannot be served there "
        f"(expected a free port: pick another, as in `make serve PORT={port + 1}` or "
        f"`mkdocs serve --dev-addr 127.0.0.1:{port + 1}`)"
    )
    assert result.stdout.strip() == "Aborted: the preview did not start."


def _memory_of_server(url: str) -> int:
    """How much memory, in MB, the `mkdocs serve` serving ``url`` holds (its resident set, as Linux counts it)."""
    status = Path(f"/proc/{SERVERS[url]}/status").read_text(encoding="ascii")
    (resident,) = (line for line in status.splitlines() if line.startswith("VmRSS:"))
    return int(resident.split()[1]) // 1024


def test_a_preview_holds_no_more_memory_after_many_saves(tmp_path):
    # An editor keeps the preview open all day. Each save's build leaves garbage, which must be
    # collected before the next: frozen with what lives on, it stayed for good, 10 MB a save of
    # the shipped desk, in its two languages.
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    story = _explainer_file(content, OTHER, "explainer.yml")
    text = story.read_text(encoding="utf-8")
    title = next(line for line in text.splitlines() if line.startswith("title: "))
    log = tmp_path / "serve.log"
    with serving(make_project(tmp_path / "project"), content, log, ready=lambda body: "Istanbul" in body) as url:
        page = _at(url, "explainer", slug=OTHER)

        def save(n: int) -> None:
            story.write_text(text.replace(title, f"{title} (save {n})"), encoding="utf-8")
            _wait_for(page, lambda body: f"(save {n})" in body)

        for n in range(2):  # the first saves allocate what the preview keeps between saves
            save(n)
        before = _memory_of_server(url)
        for n in range(2, 8):
            save(n)
        grown = _memory_of_server(url) - before
    assert grown < 20, f"the preview grew by {grown} MB in 6 saves"
    assert "Traceback" not in log.read_text(), log.read_text()[-3000:]


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGHUP], ids=["kill", "terminal-closed"])
def test_serve_stopped_by_kill_or_a_closed_terminal_ends_as_after_ctrl_c(tmp_path, stop):
    # `kill` and process managers (`docker stop`, systemd) send SIGTERM, a closed terminal or a
    # dropped SSH session SIGHUP. The preview stops as after Ctrl-C, and removes the site it
    # served from a temporary folder, which would otherwise be left behind at every stop.
    log = tmp_path / "serve.log"
    with serving(make_project(tmp_path / "project"), FIXTURES / "minimal", log, args=("--dirty", "--verbose"), stop=stop):
        served = served_folder(log.read_text())
        assert (served / "index.html").is_file()
    output = log.read_text()
    assert "Shutting down..." in output and "Traceback" not in output, output[-3000:]
    assert not served.exists()


def test_a_mistake_in_mkdocs_yml_is_said_where_it_is_and_the_preview_recovers(tmp_path):
    # MkDocs reads mkdocs.yml again at each save of it: a mistake in its YAML is said at its line
    # and column, as a content file's is, instead of as MkDocs' message of several lines in one.
    project = make_project(tmp_path / "project")
    log = tmp_path / "serve.log"
    failed = "The site could not be built"
    with serving(project, FIXTURES / "minimal", log, ready=lambda body: "Harbour" in body) as url:
        config = project / "mkdocs.yml"
        good = config.read_text(encoding="utf-8")
        broken = good + 'site_description: "Unclosed\n'
        config.write_text(broken, encoding="utf-8")
        where = f"mkdocs.yml:{_line_of(broken, 'Unclosed')}:19"
        said = "YAML syntax: the quote opened here is never closed (expected a closing quote)"
        page = html.unescape(_wait_for(url + "/", lambda body: failed in body))
        assert f"<code>{where}</code>" in page and said in page, page[-3000:]
        config.write_text(good, encoding="utf-8")
        _wait_for(url + "/", lambda body: failed not in body and "Harbour" in body)
    output = log.read_text()
    assert f"ERROR   -  {where}: error: {said}\n" in output and "Traceback" not in output, output[-3000:]
