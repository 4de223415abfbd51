"""One page system alone in a fresh process, so its memory is its own.

    python -m bench.memory SYSTEM EVAL_DIR [LIMIT [typical]]

prints one JSON object: resident MiB after start-up, after the system's imports, and the
peak over all pages. Pages are read one at a time, so the corpus itself adds one page at most.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from bench.data import iter_scrapinghub
from bench.stats import peak_rss_mb, rss_mb
from bench.systems import by_name


def measure(name: str, eval_dir: Path, limit: int | None, typical: bool = False) -> dict[str, float | int | None]:
    start = rss_mb()
    run = by_name(name).setup()
    ready = rss_mb()
    pages = 0
    for page in iter_scrapinghub(eval_dir, limit, typical=typical):
        try:
            run(page)
        except Exception:  # the timing pass reports crashes; here only memory matters
            pass
        pages += 1
    return {"start_mb": start, "ready_mb": ready, "peak_mb": peak_rss_mb(), "end_mb": rss_mb(), "pages": pages}


def main(argv: list[str]) -> int:
    name, eval_dir = argv[0], Path(argv[1])
    limit = int(argv[2]) if len(argv) > 2 else None
    print(json.dumps(measure(name, eval_dir, limit, typical=argv[3:4] == ["typical"])))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
