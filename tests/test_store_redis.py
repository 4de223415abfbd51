"""The Redis store across processes: a page asked for by several machines at once is
fetched once, a producer that dies hands its work to the next asker, and a Redis
restart costs misses, never an answer (the protocol's own story: tests/test_store.py)."""

from __future__ import annotations

import asyncio
import logging

import pytest

from bot.errors import FetchError
from bot.store.redis import RedisStore, dumps, loads
from tests.test_store import a_digest

pytest.importorskip("redis")


@pytest.fixture
async def machines(redis_url):
    """Three stores on one Redis: three processes, perhaps on three machines."""
    stores = [await RedisStore.open(redis_url, flight_lease=0.6) for _ in range(3)]
    yield stores
    for store in stores:
        await store.close()


async def test_a_page_asked_on_three_machines_at_once_is_digested_once(machines):
    made = 0

    async def work():
        nonlocal made
        made += 1
        await asyncio.sleep(0.3)
        return a_digest()

    results = await asyncio.gather(*(m.single_flight("digest:a", work) for m in machines for _ in range(3)))
    assert made == 1
    assert results == [a_digest()] * 9


async def test_a_failure_on_one_machine_reaches_the_askers_on_the_others(machines):
    made = 0

    async def work():
        nonlocal made
        made += 1
        await asyncio.sleep(0.2)
        raise FetchError("The page answered 404 Not Found.")

    results = await asyncio.gather(*(m.single_flight("digest:b", work) for m in machines), return_exceptions=True)
    assert made == 1
    assert all(isinstance(r, FetchError) and str(r) == "The page answered 404 Not Found." for r in results)


async def test_when_the_producer_dies_the_next_asker_does_the_work(machines):
    dying, waiting, _ = machines
    started = asyncio.Event()

    async def hangs():
        started.set()
        await asyncio.Event().wait()

    async def works():
        return "digest"

    producer = asyncio.create_task(dying.single_flight("digest:c", hangs))
    await started.wait()
    # The process is killed: its lease renewer stops with it, nothing is handed over.
    for task in asyncio.all_tasks():
        if task.get_coro().__qualname__.endswith("_renew"):
            task.cancel()
    asker = asyncio.create_task(waiting.single_flight("digest:c", works))
    await asyncio.sleep(0.3)
    assert not asker.done()  # the lease is still running: the asker waits for it
    assert await asyncio.wait_for(asker, 3) == "digest"
    producer.cancel()


async def test_a_restarted_redis_costs_misses_and_says_so_once(redis_server, redis_url, caplog):
    store = await RedisStore.open(redis_url, patience=0.3)  # each request waits that long for it
    try:
        await store.put_digest("https://example.com/a", a_digest())
        redis_server.stop()
        with caplog.at_level(logging.DEBUG, logger="bot.store.redis"):
            assert await store.get_digest("https://example.com/a") is None
            assert await store.get_chat_settings(7) == {}
            assert await store.claim("user:1", 3)  # a cap is not worth an answer
            assert await store.single_flight("digest:a", lambda: asyncio.sleep(0, "made here")) == "made here"
            redis_server.start()
            await store.set_chat_settings(7, {"sentences": 5})
            assert await store.get_chat_settings(7) == {"sentences": 5}
        lines = [r.getMessage() for r in caplog.records if r.name == "bot.store.redis"]
        assert len(lines) == 2 and lines[0].startswith("Redis unreachable") and lines[1] == "Redis is back"
    finally:
        await store.close()


def test_an_outcome_from_redis_builds_the_bots_data_and_nothing_else():
    assert loads(dumps(a_digest())) == a_digest()
    assert loads(dumps(("error", FetchError("gone")))) [1].args == ("gone",)
    import os
    import pickle

    class Evil:
        def __reduce__(self):
            return (os.system, ("true",))

    with pytest.raises(pickle.UnpicklingError):
        loads(pickle.dumps(Evil()))


async def test_a_full_redis_says_settings_were_not_saved_and_which_buttons_lost_their_page(redis_server, redis_url):
    store = await RedisStore.open(redis_url)
    client = store.redis
    try:
        await store.set_chat_settings(1, {"sentences": 5})
        await client.config_set("maxmemory", "1")  # every write refused: Redis is out of memory
        from bot.store import StoreFull

        with pytest.raises(StoreFull):
            await store.set_chat_settings(1, {"sentences": 7})
        await store.put_digest("https://example.com/a", a_digest(), key="akey")  # a cache: no error
        with pytest.raises(StoreFull):
            await store.link_for("akey")
        assert await store.link_for("neverasked") is None
        assert await store.get_chat_settings(1) == {"sentences": 5}
    finally:
        await client.config_set("maxmemory", "0")
        await store.close()
