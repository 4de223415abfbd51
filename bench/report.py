"""Benchmarks hand back Sections; this turns them into Markdown."""

from __future__ import annotations

import math
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Target:
    """A goal from the issue tracker and whether this run met it (None: not measured)."""

    what: str
    goal: str
    measured: str
    met: bool | None


@dataclass(frozen=True)
class Section:
    name: str  # the --only name
    title: str
    columns: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()
    notes: tuple[str, ...] = ()
    targets: tuple[Target, ...] = field(default=())


def skipped(name: str, title: str, reason: str) -> Section:
    return Section(name, title, notes=(f"Not measured: {reason}",), targets=())


def ms(seconds: float | None) -> str:
    if seconds is None or math.isnan(seconds):
        return "–"
    value = seconds * 1000
    return f"{value:.0f} ms" if value >= 100 else f"{value:.1f} ms" if value >= 1 else f"{value:.2f} ms"


def secs(seconds: float | None) -> str:
    return "–" if seconds is None or math.isnan(seconds) else f"{seconds:.2f} s"


def ratio(value: float | None) -> str:
    return "–" if value is None or math.isnan(value) else f"{value:.2f}×"


def mb(value: float | None) -> str:
    return "–" if value is None or math.isnan(value) else f"{value:.0f} MB"


def rate(value: float | None, unit: str) -> str:
    return "–" if value is None or math.isnan(value) else f"{value:.1f} {unit}/s"


def table(columns: tuple[str, ...], rows: tuple[tuple[str, ...], ...]) -> str:
    def line(cells: tuple[str, ...]) -> str:
        return "| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |"

    return "\n".join([line(columns), "|" + "|".join("---" for _ in columns) + "|", *(line(r) for r in rows)])


def markdown(section: Section) -> str:
    parts = [f"## {section.title}"]
    if section.rows:
        parts.append(table(section.columns, section.rows))
    if section.notes:
        parts.append("\n".join(f"- {note}" for note in section.notes))
    return "\n\n".join(parts)


def targets_markdown(sections: list[Section]) -> str:
    targets = [t for s in sections for t in s.targets]
    if not targets:
        return ""
    verdict = {True: "met", False: "**missed**", None: "not measured"}
    rows = tuple((t.what, t.goal, t.measured, verdict[t.met]) for t in targets)
    return "## Targets\n\n" + table(("target", "goal", "measured", "verdict"), rows)
