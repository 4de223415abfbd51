"""Run the evaluation tasks and print one table: our system beside the baselines."""

from __future__ import annotations

import importlib
import sys
import time
from pathlib import Path

from bot.evaluation import Result

__all__ = ["TASKS", "format_table", "run_report"]

TASKS = ("extraction", "summaries", "quotes")


def format_table(results: list[Result]) -> str:
    """A Markdown table, so the README can carry the output exactly as printed."""
    metric_names: list[str] = []
    for result in results:
        for name in result.metrics:
            if name not in metric_names:
                metric_names.append(name)
    header = ["task", "data set", "system", "items", *metric_names]
    rows = [header, ["---"] * len(header)]
    for r in results:
        cells = [r.task, r.dataset, r.system, str(r.items)]
        cells += [_number(r.metrics[m]) if m in r.metrics else "" for m in metric_names]
        rows.append(cells)
    return "\n".join("| " + " | ".join(row) + " |" for row in rows)


def _number(value: float) -> str:
    if isinstance(value, int) or float(value).is_integer() and abs(value) >= 10:
        return str(int(value))
    return f"{value:.3f}" if abs(value) <= 1 else f"{value:.2f}"


def run_report(eval_dir: Path, tasks: list[str], *, limit: int | None = None, progress: bool = True) -> int:
    unknown = [t for t in tasks if t not in TASKS]
    if unknown:
        print(f"newsbot: unknown eval task(s): {', '.join(unknown)}; known: {', '.join(TASKS)}", file=sys.stderr)
        return 2
    results: list[Result] = []
    for task in tasks:
        module = importlib.import_module(f"bot.evaluation.{task}")
        started = time.perf_counter()
        results += module.evaluate(eval_dir, limit=limit, progress=progress)
        print(f"{task}: done in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    # One table per task: each has its own metrics.
    print("\n\n".join(format_table([r for r in results if r.task == task]) for task in tasks))
    return 0
