"""The package is whole: a wheel, installed into a fresh virtualenv, checks the shipped desk and,
as an MkDocs plugin, builds a site in a project that has nothing of this repository.

The wheel is built from a copy of the sources, as `pip install .` builds it (so nothing is
written into the checkout). The fresh virtualenv gets the wheel, and the test environment's
own pinned dependencies through a .pth file that names their folder: such a line only adds the
folder to sys.path, so the checkout's editable install there (a finder that a .pth in a site
folder starts) never runs, and `generator` can come from the wheel alone, which each test checks.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator import urls

from .conftest import CONTENT, ROOT, run_cli

# What `pip install .` reads from the checkout.
SOURCES = ("pyproject.toml", "README.md", "generator", "overrides")
# A hang guard for pip and the builds, generous on a busy machine.
GUARD = 600


def _run(*command: str | Path, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(part) for part in command], cwd=cwd, capture_output=True, text=True, timeout=GUARD)


@pytest.fixture(scope="module")
def venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The python of a fresh virtualenv with the package installed from its wheel."""
    work = tmp_path_factory.mktemp("package")
    source = work / "source"
    source.mkdir()
    for name in SOURCES:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, source / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy(ROOT / name, source / name)
    built = _run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--wheel-dir", work / "wheels", source, cwd=work)
    assert built.returncode == 0, built.stderr
    (wheel,) = (work / "wheels").glob("explainer_generator-*.whl")

    made = _run(sys.executable, "-m", "venv", "--without-pip", work / "venv", cwd=work)
    assert made.returncode == 0, made.stderr
    python = work / "venv" / "bin" / "python"
    installed = _run(sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "--no-index", wheel, cwd=work)
    assert installed.returncode == 0, installed.stderr
    where = _run(python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))", cwd=work)
    (Path(where.stdout.strip()) / "test-dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n")
    return python


def _where_generator(python: Path, cwd: Path) -> Path:
    """Where the installed generator is; its HTML theme must be inside it, not in a checkout."""
    found = _run(python, "-c", "import generator; from generator.templating import theme; print(generator.__file__); print(theme())", cwd=cwd)
    assert found.returncode == 0, found.stderr
    package, theme = (Path(line) for line in found.stdout.splitlines())
    assert theme == package.parent / "theme" and (theme / "partials" / "explainer").is_dir(), theme
    return package


def test_the_installed_package_checks_the_shipped_desk(venv: Path, tmp_path: Path):
    shutil.copytree(CONTENT, tmp_path / "content")
    assert _where_generator(venv, tmp_path).is_relative_to(venv.parents[1])
    installed = _run(venv, "-m", "generator", "--content", "content", "check", cwd=tmp_path)
    assert installed.returncode == 0, installed.stderr
    assert installed.stderr == ""
    # The same answer as the checkout gives.
    checkout = run_cli("--content", "content", "check", cwd=tmp_path)
    assert installed.stdout == checkout.stdout
    assert installed.stdout.startswith("content: no problems found (")


def test_the_installed_package_ships_its_templates_and_schemas(venv: Path, tmp_path: Path):
    shutil.copytree(CONTENT, tmp_path / "content")
    package = _where_generator(venv, tmp_path)
    assert package.is_relative_to(venv.parents[1])
    shipped = json.loads((package.parent / "schema" / "explainer.schema.json").read_text())
    assert shipped == json.loads((ROOT / "generator" / "schema" / "explainer.schema.json").read_text())
    # The installed schemas are outside the desk's project: `new` writes the desk's own, the
    # same, and its schema lines stay inside the content folder.
    new = _run(venv, "-m", "generator", "--content", "content", "new", "budget-talks", cwd=tmp_path)
    assert new.returncode == 0, new.stderr
    story = tmp_path / "content" / "explainers" / "budget-talks" / "explainer.yml"
    first = story.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../../schema/explainer.schema.json"
    assert json.loads((tmp_path / "content" / "schema" / "explainer.schema.json").read_text()) == shipped
    # The guide is rendered from a template of the package.
    guide = _run(venv, "-m", "generator", "--content", "content", "guide", cwd=tmp_path)
    assert guide.returncode == 0, guide.stderr
    assert (tmp_path / "content" / "README.md").read_text(encoding="utf-8") == (CONTENT / "README.md").read_text(encoding="utf-8")
    # The catalogs of the tool's words ship too: the installed package words pages in Bulgarian.
    worded = _run(venv, "-c", "from generator.wording import Wording; print(Wording.of('bg').page_titles['desk-sources'])", cwd=tmp_path)
    assert (worded.returncode, worded.stdout) == (0, "Източници\n"), worded.stderr


MKDOCS_YML = """\
site_name: A desk
theme:
  name: material
plugins:
  - search
  - explainer:
      content: content
"""


def test_the_installed_plugin_builds_a_site_with_its_pictures_and_theme(venv: Path, tmp_path: Path):
    # A project of its own: no overrides/ folder, no stylesheets listed; the plugin brings them.
    project = tmp_path / "project"
    (project / "docs").mkdir(parents=True)
    (project / "mkdocs.yml").write_text(MKDOCS_YML)
    shutil.copytree(CONTENT, project / "content")
    assert _where_generator(venv, project).is_relative_to(venv.parents[1])
    built = _run(venv, "-m", "mkdocs", "build", "--strict", cwd=project)
    assert built.returncode == 0, built.stderr
    assert "Traceback" not in built.stderr
    site = project / "site"

    def page(kind: str, **params: str) -> BeautifulSoup:
        html = urls.url(urls.path(kind, **params)) + "index.html"
        return BeautifulSoup((site / html).read_text(encoding="utf-8"), "html.parser")

    explainer = "istanbul-talks-2025-06-02"
    # The pictures, drawn by the package's partials.
    assert page("explainer-actors", slug=explainer).select("figure svg")
    assert page("explainer-figures", slug=explainer).select("figure svg")
    # The theme: structured data from its partial, its stylesheets linked and copied.
    home = page("desk")
    assert home.select('script[type="application/ld+json"]')
    linked = [link["href"] for link in home.select('link[rel="stylesheet"]')]
    for sheet in ("explainer.css", "visuals.css", "print.css"):
        (href,) = [h for h in linked if h.endswith(f"assets/stylesheets/{sheet}")]
        assert (site / href).is_file(), href
