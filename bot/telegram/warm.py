"""Imported once in the CPU pool's forkserver: every worker forked from it starts warm.

The pipeline loads much of what it needs on first use (see `bot.pipeline.warm_up`): a
second or more that the first request of every new worker would otherwise pay.
"""

from __future__ import annotations

from bot.pipeline import warm_up

__all__: list[str] = []  # imported for its effect alone

warm_up()
