"""Interleaved timing: every system runs on an item before any moves to the next item.

The machine is shared and noisy. Timing system A on all items and then system B would let
a burst of someone else's work land on one system only; A B A B per item spreads it over
both, and rotating who goes first cancels any warm-cache advantage of going second.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from bot.evaluation import progress as progress_bar

T = TypeVar("T")

# A system takes an item and returns its output; a falsy output counts as "produced nothing".
Run = Callable[[T], object]


@dataclass
class Timings(Generic[T]):
    """Per-item seconds (the median of that item's repeats), in item order, per system.

    `seconds` is wall time; `cpu` is this process's CPU time over the same calls, which a
    busy machine inflates far less (time spent waiting for a core is not counted).
    """

    seconds: dict[str, list[float]] = field(default_factory=dict)
    cpu: dict[str, list[float]] = field(default_factory=dict)
    empty: dict[str, int] = field(default_factory=dict)
    errors: dict[str, list[str]] = field(default_factory=dict)


def interleave(
    items: Sequence[T],
    systems: dict[str, Run[T]],
    *,
    repeats: int = 1,
    progress: bool = True,
    desc: str = "",
) -> Timings[T]:
    names = list(systems)
    timings: Timings[T] = Timings(
        seconds={n: [] for n in names},
        cpu={n: [] for n in names},
        empty={n: 0 for n in names},
        errors={n: [] for n in names},
    )
    for i, item in enumerate(_items(items, progress, desc)):
        runs: dict[str, list[float]] = {n: [] for n in names}
        cpu: dict[str, list[float]] = {n: [] for n in names}
        for r in range(repeats):
            shift = (i + r) % len(names)
            for name in names[shift:] + names[:shift]:
                seconds, cpu_seconds, output, error = _time(systems[name], item)
                runs[name].append(seconds)
                cpu[name].append(cpu_seconds)
                if r == 0:
                    if error:
                        timings.errors[name].append(error)
                    elif not output:
                        timings.empty[name] += 1
        for name in names:
            timings.seconds[name].append(statistics.median(runs[name]))
            timings.cpu[name].append(statistics.median(cpu[name]))
    return timings


def warm_up(systems: dict[str, Run[T]], item: T) -> None:
    """One untimed call each: lazy imports and compiled regexes are start-up, not per-item cost."""
    for run in systems.values():
        _time(run, item)


def _time(run: Run[T], item: T) -> tuple[float, float, object, str | None]:
    """(wall seconds, CPU seconds, output, error) of one call."""
    start, start_cpu = time.perf_counter(), time.process_time()
    try:
        output = run(item)
    except Exception as exc:  # a crash on one page is a finding, not the end of the bench
        # One line for the report: some libraries raise banners of asterisks and blank lines.
        words = " ".join(str(exc).replace("*", " ").split())
        output, error = None, f"{type(exc).__name__}: {words}"[:160]
    else:
        error = None
    return time.perf_counter() - start, time.process_time() - start_cpu, output, error


def _items(items: Sequence[T], enabled: bool, desc: str) -> Iterable[T]:
    return progress_bar(items, total=len(items), desc=desc, enabled=enabled)
