"""Small numbers from many timings: median, percentiles, ratios, and a process's memory."""

from __future__ import annotations

import math
import os
import statistics
from collections.abc import Sequence
from dataclasses import dataclass


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0–100), interpolated between the two nearest ranks."""
    if not values:
        return math.nan
    ordered = sorted(values)
    position = (len(ordered) - 1) * q / 100
    low = math.floor(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


@dataclass(frozen=True)
class Summary:
    """Per-item seconds boiled down; `total` is what a whole corpus costs on one core."""

    count: int
    median: float
    p95: float
    total: float

    @property
    def per_second(self) -> float:
        return self.count / self.total if self.total > 0 else math.nan


def summarise(seconds: Sequence[float]) -> Summary:
    return Summary(len(seconds), percentile(seconds, 50), percentile(seconds, 95), math.fsum(seconds))


def paired_ratio(ours: Sequence[float], theirs: Sequence[float]) -> float:
    """Median of per-item ratios: two systems timed on the same item in turn share that item's
    noise, so the ratio of the pair is steadier than the ratio of two separate medians."""
    ratios = [a / b for a, b in zip(ours, theirs, strict=True) if b > 0]
    return statistics.median(ratios) if ratios else math.nan


def rss_mb(pid: int | str = "self") -> float | None:
    """Resident memory now, in MiB (Linux /proc); None where that is not available."""
    return _proc_status_mb(pid, "VmRSS")


def peak_rss_mb(pid: int | str = "self") -> float | None:
    """The highest resident memory the process has had, in MiB."""
    peak = _proc_status_mb(pid, "VmHWM")
    if peak is None and pid == "self":
        try:
            import resource
        except ImportError:  # pragma: no cover - not Unix
            return None
        # ru_maxrss is KiB on Linux and bytes on macOS.
        scale = 1 if os.uname().sysname == "Darwin" else 1024
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale / 2**20
    return peak


def _proc_status_mb(pid: int | str, field: str) -> float | None:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) / 1024  # the kernel reports kB
    except OSError:
        return None
    return None
