"""Live preview: `mkdocs serve` shows a saved edit, survives a broken save, and recovers."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from generator import TEMPLATES

from .conftest import CONTENT, make_project

PANEL = "The content has problems"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str:
    # A short timeout: a server that hangs on a request fails the test instead of stalling it.
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def _wait_for(url: str, ok: Callable[[str], bool], within: float) -> str:
    deadline = time.monotonic() + within
    last = ""
    while time.monotonic() < deadline:
        try:
            last = _get(url)
            if ok(last):
                return last
        except (urllib.error.URLError, ConnectionError):
            pass
        time.sleep(0.1)
    raise AssertionError(f"{url} did not show the expected page within {within} s; last body began: {last[:300]!r}")


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    project = make_project(tmp_path / "project")
    # The builder's own template folder, searched before the built-in templates.
    (project / "templates").mkdir()
    shutil.copy(TEMPLATES / "timeline.md.j2", project / "templates")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("content: !ENV [EXPLAINER_CONTENT, content]", "content: !ENV [EXPLAINER_CONTENT, content]\n      templates: templates"))
    port = _free_port()
    env = {**os.environ, "EXPLAINER_CONTENT": str(content), "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        url = f"http://127.0.0.1:{port}"
        _wait_for(url + "/", lambda body: "Istanbul" in body, within=60)
        yield url, content, project
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_preview_follows_edits_survives_a_broken_save_and_recovers(served):
    url, content, _ = served
    actors = content / "actors.yml"
    good = actors.read_text()

    actors.write_text(good.replace("name: Vladimir Medinsky", "name: Vladimir Medinsky EDITED"))
    page = _wait_for(url + "/actors/vladimir-medinsky/", lambda body: "Medinsky EDITED" in body, within=10)
    assert PANEL not in page

    broken = good.replace("kind: state", "kind: empire", 1)
    actors.write_text(broken)
    line = next(i for i, text in enumerate(broken.splitlines(), 1) if "kind: empire" in text)
    expected = f"content/actors.yml:{line}:9"
    page = _wait_for(url + "/", lambda body: PANEL in body, within=10)
    assert expected.split("content/")[1] in page
    assert "&#39;empire&#39; is not allowed here" in page or "'empire' is not allowed here" in page
    # Every page answers at once, the last good version under the list of problems.
    other = _get(url + "/issues/ceasefire/")
    assert PANEL in other and "Ceasefire" in other

    actors.write_text(good)
    page = _wait_for(url + "/", lambda body: PANEL not in body and "Istanbul" in body, within=10)
    assert "Medinsky EDITED" not in _get(url + "/actors/vladimir-medinsky/")


def test_template_edits_show_without_a_restart(served):
    url, _, project = served
    template = project / "templates" / "timeline.md.j2"
    template.write_text(template.read_text().replace("What happened, in order.", "What happened, in order. TEMPLATE-EDIT"))
    _wait_for(url + "/timeline/", lambda body: "TEMPLATE-EDIT" in body, within=10)


def test_the_open_browser_shows_the_problem_and_recovers_by_itself(served, browser):
    url, content, _ = served
    issues = content / "issues.yml"
    good = issues.read_text()
    page = browser.new_page()
    try:
        page.goto(url + "/issues/ceasefire/")
        page.wait_for_selector("h1", timeout=10_000)
        assert page.locator(".explainer-problems").count() == 0

        issues.write_text(good.replace("title: Ceasefire", "title: Ceasefire\n  title: Truce", 1))
        # No reload by the test: MkDocs' livereload script brings the new build to the page.
        problems = page.locator(".explainer-problems")
        problems.wait_for(timeout=10_000)
        assert "duplicate key 'title'" in problems.inner_text()
        assert "content/issues.yml:" in problems.inner_text()

        issues.write_text(good)
        problems.wait_for(state="detached", timeout=10_000)
        assert page.locator("h1").inner_text().startswith("Ceasefire")
    finally:
        page.close()
