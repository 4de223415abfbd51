"""One bot per journal: the first takes it, a second is refused until the first lets go,
and a bot whose lease was taken over (it stalled past it) is told to stop."""

from __future__ import annotations

import asyncio

import pytest

from bot.store.memory import Memory, MemoryStore
from bot.telegram.owner import JournalTaken, own_journal
from tests.test_store import Clock


async def test_a_second_bot_is_refused_until_the_first_gives_the_journal_back():
    memory, clock = Memory(), Clock()
    first, second = MemoryStore(clock=clock, memory=memory), MemoryStore(clock=clock, memory=memory)
    held = await own_journal(first, on_lost=lambda: None)
    with pytest.raises(JournalTaken) as refused:
        await own_journal(second, on_lost=lambda: None)
    assert refused.value.holder == held.holder and "pid" in held.holder
    await held.give_back()
    taken = await own_journal(second, on_lost=lambda: None)
    await taken.give_back()


async def test_a_bot_that_stalled_past_its_lease_learns_it_was_taken_over():
    memory, clock = Memory(), Clock()
    first, second = MemoryStore(clock=clock, memory=memory), MemoryStore(clock=clock, memory=memory)
    lost = asyncio.Event()
    held = await own_journal(first, on_lost=lost.set, seconds=0.3)
    clock.now += 1  # the first missed its heartbeats (a frozen VM): the lease ran out
    taken = await own_journal(second, on_lost=lambda: None, seconds=0.3)
    await asyncio.wait_for(lost.wait(), 2)  # the first's next beat finds it gone
    await held.give_back()  # gives back nothing that is no longer its own
    with pytest.raises(JournalTaken):
        await own_journal(first, on_lost=lambda: None)
    await taken.give_back()
