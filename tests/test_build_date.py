"""The build's date is the content's, build after build: the sitemap's lastmod (and the gzip
header of sitemap.xml.gz) follow an edit of an explainer's `updated:` under `mkdocs serve`, and
nothing is left in the environment for the next build to find."""

from __future__ import annotations

import calendar
import gzip
import urllib.request
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from .conftest import CONTENT, in_one_language, make_project
from .test_serve import ISTANBUL, WITHIN, _explainer_file, _get, _wait_for, serving

SHIPPED = "2025-06-02"
SITEMAPS = "http://www.sitemaps.org/schemas/sitemap/0.9"


def _lastmods(body: str) -> set[str]:
    """The sitemap's lastmod dates; none while the server answers with another page."""
    try:
        root = ET.fromstring(body)
    except ET.ParseError:
        return set()
    return {tag.text or "" for tag in root.iter(f"{{{SITEMAPS}}}lastmod")}


def _gzip_date(url: str) -> int:
    """The MTIME of sitemap.xml.gz's gzip header, in seconds since 1970."""
    with urllib.request.urlopen(url, timeout=WITHIN) as response:
        data = response.read()
    assert gzip.decompress(data)
    return int.from_bytes(data[4:8], "little")


@pytest.mark.parametrize("args", [(), ("--dirty",)], ids=["serve", "serve --dirty"])
def test_each_rebuild_under_serve_is_dated_by_its_own_content(tmp_path: Path, args: tuple[str, ...]):
    content = tmp_path / "content"
    in_one_language(CONTENT, content)
    project = make_project(tmp_path / "project")
    story = _explainer_file(content, ISTANBUL, "explainer.yml")
    log = tmp_path / "serve.log"
    with serving(project, content, log, ready=lambda body: "Istanbul" in body, args=args) as url:
        assert _lastmods(_get(f"{url}/sitemap.xml")) == {SHIPPED}
        for later in ("2026-01-15", "2026-02-20"):
            text = story.read_text(encoding="utf-8")
            story.write_text(text.replace("\nupdated: ", f"\nupdated: {later}\n# was: ", 1), encoding="utf-8")
            _wait_for(f"{url}/sitemap.xml", lambda body, day=later: _lastmods(body) == {day})
            seconds = calendar.timegm(tuple(int(part) for part in later.split("-")) + (0, 0, 0))
            assert _gzip_date(f"{url}/sitemap.xml.gz") == seconds
    assert "Traceback" not in log.read_text(), log.read_text()[-3000:]
