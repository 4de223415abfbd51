"""Stand-ins for a page that keeps a CPU worker busy: picklable, so a worker can run them.

`hold_the_gil` loops in C without ever returning to Python bytecode, as a catastrophic
regex does: the worker's own threads cannot run meanwhile, so only killing it helps.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

# Set by a test: each worker that starts on a hostile page writes its pid here.
PIDS_FILE = "NEWSBOT_TEST_WORKER_PIDS"


def hold_the_gil(seconds_hint: float = 600.0) -> int:
    """Minutes of C-level work holding the GIL (far longer than any test waits)."""
    return sum(range(int(seconds_hint * 30_000_000)))


def hostile_digest(*args: Any) -> Any:
    """What `bot.pipeline.digest_document` looks like to the bot on a page that never finishes."""
    report = os.environ.get(PIDS_FILE)
    if report:
        with Path(report).open("a", encoding="utf-8") as out:
            out.write(f"{os.getpid()}\n")
    hold_the_gil()
    raise AssertionError("unreachable: the worker is killed first")


def is_running(pid: int) -> bool:
    """A process that exists and is not a zombie."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def descendants(pid: int) -> set[int]:
    """Every process below `pid`: children, theirs, and so on (from /proc)."""
    parents: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue  # gone meanwhile
        parents.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found: set[int] = set()
    todo = [pid]
    while todo:
        for child in parents.get(todo.pop(), []):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found
