"""The generator's modules stand in layers: each imports only modules below it, so that a module
can be read, tested and changed knowing what it rests on. An import inside a function counts as
much as one at the top (it runs all the same); one under ``if TYPE_CHECKING:`` does not (it never
runs, and only names types).

The one loop kept is the registry's: urls.py serves the paths that kinds.py declares, and the
kinds' paging anchors are urls.py's, imported when a page is first built.
"""

from __future__ import annotations

import ast
import graphlib
import importlib.util
from pathlib import Path

from .conftest import ROOT

PACKAGE = ROOT / "generator"
# (importer, imported): the loops the design keeps, each imported inside a function.
KEPT = {("generator.kinds", "generator.urls")}


def _module(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _run_time_imports(path: Path, modules: set[str]) -> set[str]:
    """The package's modules that ``path`` imports when it runs, at its top or in a function."""
    name = _module(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = importlib.util.resolve_name("." * node.level + (node.module or ""), package) if node.level else node.module
            # `from . import urls` imports the module generator.urls; `from .urls import x`, generator.urls.
            found.update(f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base for alias in node.names)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(ast.parse(path.read_text(encoding="utf-8")))
    return {m for m in found if m in modules and m != name}


def test_the_generators_modules_import_one_another_in_no_loop_but_the_registrys():
    paths = [p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts]
    modules = {_module(p) for p in paths}
    graph = {_module(p): _run_time_imports(p, modules) for p in paths}
    for importer, imported in KEPT:
        assert imported in graph[importer], f"{importer} no longer imports {imported}: take it out of KEPT"
        graph[importer].discard(imported)
    try:
        graphlib.TopologicalSorter(graph).prepare()
    except graphlib.CycleError as loop:
        cycle = loop.args[1]
        raise AssertionError("these modules import one another in a loop: " + " -> ".join(reversed(cycle))) from None
