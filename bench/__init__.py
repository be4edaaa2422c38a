"""Benchmarks for the explainer generator: ``make bench`` (``python -m bench``).

- ``bench.synth``: synthetic desks of one explainer of any size, in the desk's layout and
  valid for the real validator (``python -m bench.synth --actors N OUT_DIR``).
- ``bench.project``: a throw-away MkDocs project around a content folder.
- ``bench.probe``: one ``mkdocs`` command in a fresh process, timing the generator inside it.
- ``bench.stages``: load, validate and render timed on their own.
- ``bench.reload``: how long ``mkdocs serve`` takes to show a saved YAML edit.
- ``bench.run``: runs all of the above, prints the tables and writes ``BENCHMARKS.md``.

Benchmarks report; they never fail the test suite on a time.
"""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CONTENT = ROOT / "content"
