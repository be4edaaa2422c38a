"""The address the site is published at (SITE_URL, mkdocs.yml's site_url, `render --site-url`)
is printed into attributes and links of every page, feed and share card: anything but an
http(s) address without spaces, quotes or angle brackets stops the build or the command with
one line that says so, and nothing is built."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import FIXTURES, make_project, mkdocs, run_cli

EXPECTED = "(expected the site's address, e.g. https://example.org/explainers/, without spaces, quotes or angle brackets)"
REFUSED = ["javascript:alert(1)", 'https://example.org/" onblur="alert(1)', "https://example.org/a b", "https://example.org/<b>", "ftp://example.org/"]


@pytest.mark.parametrize("address", REFUSED)
def test_render_refuses_a_site_url_that_is_not_an_http_address(tmp_path: Path, address: str):
    result = run_cli("--content", str(FIXTURES / "minimal"), "render", str(tmp_path / "out"), "--site-url", address)
    assert result.returncode == 1
    assert result.stderr == f"--site-url: error: '{address}' is not an http(s) address {EXPECTED}\n"
    assert not (tmp_path / "out").exists()


def test_render_names_SITE_URL_when_the_address_comes_from_it(tmp_path: Path):
    address = "https://example.org/a b"
    result = run_cli("--content", str(FIXTURES / "minimal"), "render", str(tmp_path / "out"), env={"SITE_URL": address})
    assert result.returncode == 1
    assert result.stderr == f"SITE_URL: error: '{address}' is not an http(s) address {EXPECTED}\n"


def test_render_takes_an_http_address(tmp_path: Path):
    result = run_cli("--content", str(FIXTURES / "minimal"), "render", str(tmp_path / "out"), "--site-url", "https://example.org/explainers/")
    assert result.returncode == 0, result.stderr
    assert "https://example.org/explainers/" in next((tmp_path / "out").glob("*.xml")).read_text(encoding="utf-8")


@pytest.mark.parametrize("address", REFUSED[1:])
def test_a_build_refuses_a_SITE_URL_that_is_not_an_http_address(tmp_path: Path, address: str):
    project = make_project(tmp_path / "project")
    result = mkdocs(project, "build", content=FIXTURES / "minimal", env={"SITE_URL": address})
    assert result.returncode == 1
    assert f"ERROR   -  SITE_URL: error: '{address}' is not an http(s) address {EXPECTED}\n" in result.stderr
    assert "Aborted with a BuildError!" in result.stdout and "Traceback" not in result.stderr
    assert not (project / "site").exists()


def test_a_build_refuses_a_javascript_SITE_URL_in_mkdocs_own_words(tmp_path: Path):
    # MkDocs checks site_url for a scheme before any plugin runs: its message, not ours.
    project = make_project(tmp_path / "project")
    result = mkdocs(project, "build", content=FIXTURES / "minimal", env={"SITE_URL": "javascript:alert(1)"})
    assert result.returncode == 1
    assert "Config value 'site_url': The URL isn't valid, it should include the http:// (scheme)" in result.stderr
    assert "Traceback" not in result.stderr and not (project / "site").exists()


def test_a_build_names_mkdocs_yml_when_the_address_is_written_there(tmp_path: Path):
    project = make_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("site_url: !ENV [SITE_URL, null]", 'site_url: "https://example.org/a b/"'))
    result = mkdocs(project, "build", content=FIXTURES / "minimal")
    assert result.returncode == 1
    assert f"ERROR   -  mkdocs.yml: error: site_url 'https://example.org/a b/' is not an http(s) address {EXPECTED}\n" in result.stderr
