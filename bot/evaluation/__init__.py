"""The evaluation harness: our system beside baselines, on the public dev sets in ../shared/eval.

Each task module (`extraction`, `summaries`, `quotes`) exposes
`evaluate(eval_dir, *, limit=None, progress=True) -> list[Result]`; `report` runs them
and prints one table. Metric code follows the public benchmarks' definitions (see
../shared/eval/README.md) and is unit-tested on hand-made cases.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TypeVar

__all__ = ["Result", "progress"]

T = TypeVar("T")


@dataclass(frozen=True)
class Result:
    task: str  # "extraction" | "summaries" | "quotes"
    dataset: str  # e.g. "scrapinghub", "cnndm-dev"
    system: str  # e.g. "newsbot", "trafilatura", "LEAD-3"
    metrics: dict[str, float] = field(default_factory=dict)
    items: int = 0


def progress(items: Iterable[T], *, total: int | None = None, desc: str = "", enabled: bool = True) -> Iterator[T]:
    """A progress bar on stderr when tqdm is installed and wanted; the items unchanged otherwise."""
    if enabled:
        try:
            from tqdm import tqdm
        except ImportError:
            pass
        else:
            yield from tqdm(items, total=total, desc=desc, file=sys.stderr, leave=False)
            return
    yield from items
