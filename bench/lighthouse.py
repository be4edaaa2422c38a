"""Lighthouse, the npm package pinned in package-lock.json, on pages of a built site.

``run`` serves the site as a real host does (``bench.host``: gzip, caching, its 404 page) and
runs ``bench/lighthouse.mjs`` on the given pages in one Chromium, the machine's
(``CHROME_PATH``, by default Debian's /usr/bin/chromium): no browser is downloaded and nothing
but 127.0.0.1 is reached. ``make audit`` asserts the accessibility, best-practices and SEO
scores (tests/test_lighthouse.py); ``make bench`` reports the performance scores.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from . import ROOT
from .host import serve

RUNNER = ROOT / "bench" / "lighthouse.mjs"
PACKAGE = ROOT / "node_modules" / "lighthouse"
CHROMIUM = "/usr/bin/chromium"
VERSION = "12.2.3"
# A generous guard per page: a run takes seconds.
TIMEOUT_PER_PAGE = 120


class Missing(RuntimeError):
    """Lighthouse, Node or the browser is not installed (``make test`` installs them)."""


def installed() -> str:
    """The version of the installed Lighthouse package, or raises Missing."""
    if shutil.which("node") is None:
        raise Missing("no `node` on PATH: `make test` installs Debian's npm, which brings it")
    manifest = PACKAGE / "package.json"
    if not manifest.is_file():
        raise Missing(f"{PACKAGE.relative_to(ROOT)} is missing: `make test` installs it (npm ci, from package-lock.json)")
    browser = os.environ.get("CHROME_PATH", CHROMIUM)
    if not Path(browser).exists():
        raise Missing(f"{browser} is missing: `make test` installs Debian's chromium package")
    return json.loads(manifest.read_text(encoding="utf-8"))["version"]


def run(site: Path, pages: list[str], categories: list[str], prefix: str = "/") -> dict[str, dict]:
    """Lighthouse's result (its "lhr" object) for each page, by the page's address relative to
    the site (``""`` for the home page, ``actors/russia/``, ``404.html``)."""
    installed()
    with serve(site, prefix) as base, tempfile.TemporaryDirectory(prefix="lighthouse-") as tmp:
        out = Path(tmp) / "results.json"
        urls = [base + page for page in pages]
        env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", CHROMIUM), "TMPDIR": tmp}
        result = subprocess.run(
            ["node", str(RUNNER), ",".join(categories), str(out), *urls],
            cwd=ROOT, env=env, capture_output=True, text=True, timeout=TIMEOUT_PER_PAGE * len(urls) + 60,
        )
        if result.returncode != 0 or not out.is_file():
            raise RuntimeError(f"Lighthouse failed (exit status {result.returncode}):\n{result.stderr[-4000:]}")
        found = json.loads(out.read_text(encoding="utf-8"))
    return {page: found[base + page] for page in pages}


def failing(lhr: dict, category: str) -> list[str]:
    """The audits that cost a category points: each with its title and what it found."""
    lines = []
    audits = lhr["audits"]
    for ref in lhr["categories"][category]["auditRefs"]:
        audit = audits[ref["id"]]
        if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
            items = (audit.get("details") or {}).get("items") or []
            where = "; ".join(_item(i) for i in items[:5])
            lines.append(f"{ref['id']} ({audit['score']}): {audit['title']}{' — ' + where if where else ''}")
    return lines


def _item(item: dict) -> str:
    node = item.get("node") or {}
    return str(node.get("snippet") or node.get("selector") or item.get("url") or item.get("source") or item)[:200]
