"""What the numbers were measured on, printed above every table."""

from __future__ import annotations

import os
import platform
from dataclasses import dataclass
from importlib import metadata

LIBRARIES = ("trafilatura", "sumy", "newspaper4k", "lxml", "python-telegram-bot", "httpx")


@dataclass(frozen=True)
class Machine:
    cpu: str
    cores: int
    usable_cores: int
    python: str
    system: str
    load: tuple[float, float, float] | None
    libraries: dict[str, str]


def describe() -> Machine:
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        usable = os.cpu_count() or 1
    return Machine(
        cpu=cpu_model(),
        cores=os.cpu_count() or 1,
        usable_cores=usable,
        python=f"{platform.python_implementation()} {platform.python_version()}",
        system=platform.platform(terse=True),
        load=load_average(),
        libraries={name: _version(name) for name in LIBRARIES},
    )


def cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8", errors="replace") as info:
            for line in info:
                if line.lower().startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine() or "unknown"


def load_average() -> tuple[float, float, float] | None:
    try:
        return os.getloadavg()
    except OSError:  # pragma: no cover
        return None


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "not installed"


def markdown(machine: Machine) -> str:
    load = " / ".join(f"{x:.2f}" for x in machine.load) if machine.load else "unknown"
    libraries = ", ".join(f"{k} {v}" for k, v in machine.libraries.items())
    return "\n".join(
        [
            f"- CPU: {machine.cpu}, {machine.cores} cores ({machine.usable_cores} usable by this process)",
            f"- Python: {machine.python} on {machine.system}",
            f"- Load average at start (1 / 5 / 15 min): {load}",
            f"- Libraries: {libraries}",
        ]
    )
