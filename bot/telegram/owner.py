"""One process per journal: a lease in the store, kept alive by a heartbeat.

Two bots on one store (an overlapping restart, a rolling deploy, a second `newsbot run`
by mistake) would each replay the other's unanswered updates and answer them twice. So
the process that serves takes the store's "journal" lease first; a second one is
refused with JournalTaken (`newsbot run` prints one line and exits 1). The holder
renews the lease every HEARTBEAT seconds; once it stops (a clean stop gives it back),
the next process takes it over: at once when the holder was a process on this machine
that is gone, else when the lease runs out (LEASE seconds).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import secrets
import socket
from collections.abc import Callable
from dataclasses import dataclass, field

from bot.store import Store

__all__ = ["HEARTBEAT", "JOURNAL", "LEASE", "JournalTaken", "Ownership", "gone", "holder_name", "own_journal"]

log = logging.getLogger(__name__)

JOURNAL = "journal"
# A lease outlives a missed heartbeat or two (a busy disk, a paused VM), and a crashed
# holder on another machine blocks its successor for at most this long.
LEASE = 30.0
HEARTBEAT = LEASE / 3


class JournalTaken(Exception):
    """Another live process serves this store."""

    def __init__(self, holder: str) -> None:
        super().__init__(f"another newsbot ({holder}) serves this store")
        self.holder = holder


@dataclass
class Ownership:
    store: Store
    holder: str
    heartbeat: asyncio.Task[None] | None = field(default=None, repr=False)

    async def give_back(self) -> None:
        if self.heartbeat is not None:
            self.heartbeat.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self.heartbeat
        await self.store.end_lease(JOURNAL, self.holder)


async def own_journal(store: Store, on_lost: Callable[[], None], *, seconds: float = LEASE) -> Ownership:
    """Take the journal's lease and keep it; `on_lost` is called should another process
    take it anyway (this one stalled past the lease). Raises JournalTaken."""
    me = holder_name()
    other = await store.lease(JOURNAL, me, seconds)
    if other is not None and gone(other):
        log.info("taking over the journal from %s, which is no longer running", other)
        other = await store.lease(JOURNAL, me, seconds, take_over=other)
    if other is not None:
        raise JournalTaken(other)
    ownership = Ownership(store, me)
    ownership.heartbeat = asyncio.create_task(_beat(ownership, seconds, on_lost), name="journal lease")
    return ownership


def holder_name() -> str:
    # The host and pid tell an operator who it is, and let a successor on the same
    # machine see that it is gone; the token tells two bots of one process apart (tests).
    return f"pid {os.getpid()} on {socket.gethostname()}, {secrets.token_hex(4)}"


def gone(holder: str) -> bool:
    """True when `holder` was a process on this machine that no longer runs."""
    parts = holder.replace(",", "").split()
    if len(parts) != 5 or parts[0] != "pid" or not parts[1].isdigit() or parts[3] != socket.gethostname():
        return False  # another machine's (or another version's): wait for it to expire
    pid = int(parts[1])
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False  # alive, someone else's
    return False


async def _beat(ownership: Ownership, seconds: float, on_lost: Callable[[], None]) -> None:
    while True:
        await asyncio.sleep(seconds / 3)
        try:
            other = await ownership.store.lease(JOURNAL, ownership.holder, seconds)
        except Exception as exc:  # noqa: BLE001 - a store down for a moment; the next beat may do
            log.warning("renewing the journal lease failed: %s", exc)
            continue
        if other is not None:
            log.error("another newsbot (%s) took over the journal; stopping", other)
            on_lost()
            return
