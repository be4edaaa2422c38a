"""Shared fixtures: real MkDocs builds in temporary folders, a local HTTP server, Chromium."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import re
import urllib.parse

import pytest
from bs4 import BeautifulSoup, Tag

from generator import urls

ROOT = Path(__file__).resolve().parents[1]
CONTENT = ROOT / "content"
FIXTURES = Path(__file__).parent / "fixtures"
CHROMIUM = "/usr/bin/chromium"


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


def mkdocs(project: Path, *args: str, content: Path = CONTENT, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run the real ``mkdocs`` command in ``project`` with the given content folder (and more
    environment variables, ``env``)."""
    env = {**os.environ, "EXPLAINER_CONTENT": str(content), "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", *args], cwd=project, env=env, capture_output=True, text=True, timeout=300
    )


def run_cli(*args: str, cwd: Path = ROOT, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run ``python -m generator`` the way an editor would (with more environment variables, ``env``)."""
    return subprocess.run(
        [sys.executable, "-m", "generator", *args], cwd=cwd, env={**os.environ, **(env or {})},
        capture_output=True, text=True, timeout=120,
    )


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The first explainer, built with ``mkdocs build --strict``; the site folder."""
    project = make_project(tmp_path_factory.mktemp("project"))
    result = mkdocs(project, "build", "--strict")
    assert result.returncode == 0, result.stderr
    return project / "site"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def served(folder: Path) -> Iterator[str]:
    """``folder`` served over HTTP on 127.0.0.1, as a reader's browser would get it: its address."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        thread.join(timeout=60)


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


# -- reading built pages, as the site-wide tests do ----------------------------------------


def html_file(page: str) -> str:
    """The HTML file a page path is built as: ``x.md`` → ``x/index.html``, ``x/index.md`` →
    ``x/index.html``, ``index.md`` → ``index.html``."""
    return urls.url(page) + "index.html"


def read(site: Path, page: str) -> BeautifulSoup:
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
