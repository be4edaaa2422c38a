"""The generator's steps timed on their own: ``python -m bench.stages CONTENT_DIR [--repeat N]``.

Runs ``generate()`` N times in this fresh process, timing ``load``, ``validate`` and
``render`` inside each call, and prints JSON: the first (cold) call, and the median of the
others (warm). The steps are timed where ``generate()`` calls them, so the numbers hold
whatever their signatures become.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

from .probe import STAGES, instrument


KEYS = (*STAGES, "jinja_compile", "yaml_compose")


def measure(content: Path, repeat: int) -> dict:
    times = instrument()
    import generator

    calls: list[dict[str, float]] = []
    for _ in range(repeat):
        before = {key: sum(times[key]) for key in KEYS}
        start = time.perf_counter()
        generated = generator.generate(content)
        call = {"generate": time.perf_counter() - start}
        call.update({key: sum(times[key]) - before[key] for key in KEYS})
        calls.append(call)
    warm = calls[1:] or calls
    return {
        "import": times["import"][0],
        "pages": len(generated.pages),
        "markdown_bytes": sum(len(page.encode()) for page in generated.pages.values()),
        "cold": calls[0],
        "warm": {key: statistics.median(call[key] for call in warm) for key in calls[0]},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.stages", description=__doc__.split("\n\n")[0])
    parser.add_argument("content", type=Path, metavar="CONTENT_DIR")
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args(argv)
    print(json.dumps(measure(args.content, max(1, args.repeat))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
