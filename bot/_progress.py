"""A one-line progress bar on stderr, for a person at a terminal only.

Piped or redirected (a script, `2> log`), nothing is drawn: the output stays exactly
what the command prints, one line per failure and nothing else.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO

__all__ = ["Progress"]

WIDTH = 30
# Redraws at most this often: a fast batch must not spend its time drawing.
EVERY = 0.1


class Progress:
    def __init__(self, total: int, stream: TextIO | None = None, *, enabled: bool | None = None) -> None:
        self.stream = stream or sys.stderr
        self.total = total
        self.done = 0
        self.enabled = (total > 1 and _is_terminal(self.stream)) if enabled is None else enabled
        self._drawn_at = 0.0
        self._shown = False

    def step(self) -> None:
        self.done += 1
        now = time.monotonic()
        # Wiped for output in between (hide): drawn again at once.
        if self.enabled and (now - self._drawn_at >= EVERY or self.done == self.total or not self._shown):
            self._drawn_at = now
            self._draw()

    def say(self, line: str) -> None:
        """A line of ours on the same stream (a failure): written above the bar."""
        self.hide()
        print(line, file=self.stream)
        if self.enabled and self.done:
            self._draw()

    def close(self) -> None:
        self.hide()

    def _draw(self) -> None:
        filled = WIDTH * self.done // max(self.total, 1)
        bar = "█" * filled + "·" * (WIDTH - filled)
        self.stream.write(f"\r{bar} {self.done}/{self.total}")
        self.stream.flush()
        self._shown = True

    def hide(self) -> None:
        """Wipe the bar, so that other output on its terminal starts on a clean line; the
        next step draws it again."""
        if self._shown:
            self.stream.write("\r\033[K")
            self.stream.flush()
            self._shown = False


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
