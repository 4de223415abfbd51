"""The bot's memory, the same story on every backend: what is kept, for how long, and what
survives a restart. Each test runs against SQLite, Redis (a real server: tests/redisrig)
and the memory store, through the `Store` protocol only (SQLite's own file handling: tests/test_store_sqlite.py)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.links import link_key
from bot.models import Article, Digest, Quote, Sentence
from bot.sayings import KEEP_DAYS, MAX_ARTICLES, Said, Sayings
from bot.store import Store
from bot.store.memory import Memory, MemoryStore
from bot.store.redis import RedisStore
from bot.store.sqlite import SQLiteStore
from bot.topics import Story


def a_digest(url: str = "https://example.com/a") -> Digest:
    article = Article(
        title="Council approves the “new” bridge — 😀",
        paragraphs=("First paragraph.", '"We did it," the mayor said.'),
        url=url,
        site="Example News",
        language="en",
    )
    return Digest(
        source=url,
        article=article,
        summary=(Sentence("First paragraph.", 0, 0),),
        quotes=(Quote("We did it,", "the mayor", 18),),
        all_quotes=(Quote("We did it,", "the mayor", 18),),
    )


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


Opener = Callable[..., Awaitable[Store]]


@pytest.fixture(params=["sqlite", "redis", "memory"])
async def open_store(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Opener]:
    """Opens a store on the same data each time it is called: a second call is the bot
    starting again (or a second process) on what the first left."""
    memory = Memory()
    opened: list[Store] = []
    redis_url = request.getfixturevalue("redis_url") if request.param == "redis" else ""

    async def opener(cache_hours: float = 24.0, clock: Callable[[], float] = Clock()) -> Store:
        if request.param == "sqlite":
            store: Store = await SQLiteStore.open(tmp_path / "bot.sqlite3", cache_hours, clock=clock)
        elif request.param == "redis":
            store = await RedisStore.open(redis_url, cache_hours, clock=clock)
        else:
            store = MemoryStore(cache_hours, clock=clock, memory=memory)
        opened.append(store)
        return store

    yield opener
    for store in opened:
        await store.close()


async def test_a_digest_is_remembered_after_a_restart(open_store):
    store = await open_store()
    await store.put_digest("https://example.com/a", a_digest())
    await store.close()
    again = await open_store()
    assert await again.get_digest("https://example.com/a") == a_digest()
    assert await again.get_digest("https://example.com/other") is None


async def test_a_digest_expires_after_the_cache_lifetime(open_store):
    clock = Clock()
    store = await open_store(cache_hours=2, clock=clock)
    await store.put_digest("https://example.com/a", a_digest())
    clock.now += 2 * 3600 - 1
    assert await store.get_digest("https://example.com/a") is not None
    clock.now += 2
    assert await store.get_digest("https://example.com/a") is None


async def test_chat_settings_are_a_json_object_per_chat(open_store):
    store = await open_store()
    assert await store.get_chat_settings(42) == {}
    await store.set_chat_settings(42, {"language": "de", "sentences": 5})
    await store.set_chat_settings(-1001, {"quiet": True})
    again = await open_store()
    assert await again.get_chat_settings(42) == {"language": "de", "sentences": 5}
    assert await again.get_chat_settings(-1001) == {"quiet": True}


async def test_changing_settings_read_back_does_not_change_what_is_stored(open_store):
    store = await open_store()
    await store.set_chat_settings(42, {"sentences": 5})
    (await store.get_chat_settings(42))["sentences"] = 9
    assert await store.get_chat_settings(42) == {"sentences": 5}


async def test_a_button_key_finds_its_page_after_a_restart_and_after_the_digest_expired(open_store):
    clock = Clock()
    url = "https://example.com/news/story?id=7"
    store = await open_store(cache_hours=24, clock=clock)
    await store.put_digest(url, a_digest(url), key=link_key(url))
    clock.now += 3 * 86400  # three days later: the digest is gone, the key is not
    again = await open_store(cache_hours=24, clock=clock)
    assert await again.get_digest(url) is None
    assert await again.link_for(link_key(url)) == url
    assert await again.link_for("nokeylikeit") is None
    clock.now += 31 * 86400  # a month on, the key goes too
    assert await again.link_for(link_key(url)) is None


async def test_asking_for_a_digest_keeps_its_button_key_alive(open_store):
    clock = Clock()
    url = "https://example.com/news/story?id=8"
    store = await open_store(clock=clock)
    assert await store.get_digest(url, key=link_key(url)) is None  # a miss still writes the key
    assert await store.link_for(link_key(url)) == url
    await store.remember_link("other", "https://example.com/other")
    assert await store.link_for("other") == "https://example.com/other"


async def test_unanswered_updates_are_replayed_a_few_times_at_most_and_never_when_too_old(open_store):
    clock = Clock()
    store = await open_store(clock=clock)
    await store.add_pending(1, '{"update_id": 1}')
    await store.add_pending(2, '{"update_id": 2}')
    await store.add_pending(3, '{"update_id": 3}')
    await store.done_pending(2)  # answered
    store = await open_store(clock=clock)  # the process died; a new one starts
    assert await store.take_pending(max_attempts=2) == [(1, '{"update_id": 1}'), (3, '{"update_id": 3}')]
    await store.done_pending(3)
    await store.add_pending(1, '{"update_id": 1}')  # handed over again: still one row, its attempts kept
    store = await open_store(clock=clock)  # died again while on update 1
    assert await store.take_pending(max_attempts=2) == [(1, '{"update_id": 1}')]
    store = await open_store(clock=clock)  # and again: update 1 is given up
    assert await store.take_pending(max_attempts=2) == []
    await store.add_pending(4, '{"update_id": 4}')
    clock.now += 25 * 3600  # a day and more later: Telegram has forgotten it too
    store = await open_store(clock=clock)
    assert await store.take_pending() == []


NOW = datetime(2024, 3, 14, 18, 0, tzinfo=UTC)
STORIES = [Story("Venice floods", "https://wire.example/venice")]


async def test_topic_stories_are_kept_for_their_lifetime(open_store):
    store = await open_store()
    await store.put_stories("news:3:venice floods", NOW, STORIES, timedelta(minutes=10))
    assert await store.get_stories("news:3:venice floods", NOW + timedelta(minutes=9)) == STORIES
    assert await store.get_stories("news:5:venice floods", NOW) is None
    assert await store.get_stories("news:3:venice floods", NOW + timedelta(minutes=11)) is None
    assert await store.get_stories("news:3:venice floods", NOW) is None  # expired entries are gone


async def test_a_zero_lifetime_keeps_no_stories(open_store):
    store = await open_store()
    await store.put_stories("a", NOW, STORIES, timedelta(0))
    assert await store.get_stories("a", NOW) is None


async def test_work_asked_twice_at_once_is_done_once_and_a_quitter_does_not_cancel_it(open_store):
    store = await open_store()
    started = 0
    release = asyncio.Event()

    async def work() -> str:
        nonlocal started
        started += 1
        await release.wait()
        return "digest"

    first = asyncio.create_task(store.single_flight("digest:a", work))
    second = asyncio.create_task(store.single_flight("digest:a", work))
    quitter = asyncio.create_task(store.single_flight("digest:a", work))
    await asyncio.sleep(0.01)
    quitter.cancel()
    release.set()
    assert await asyncio.gather(first, second) == ["digest", "digest"]
    assert started == 1
    # Done: the next ask does the work again (the cache, not the flight, keeps results).
    assert await store.single_flight("digest:a", work) == "digest" and started == 2


async def test_a_failure_in_flight_reaches_every_asker(open_store):
    store = await open_store()

    async def work() -> str:
        await asyncio.sleep(0.01)
        raise ValueError("the page is gone")

    results = await asyncio.gather(
        store.single_flight("digest:b", work), store.single_flight("digest:b", work), return_exceptions=True
    )
    assert [str(r) for r in results] == ["the page is gone"] * 2


async def test_claims_give_each_name_a_limited_number_of_places(open_store):
    store = await open_store()
    assert [await store.claim("user:1", 2) for _ in range(3)] == [True, True, False]
    assert await store.claim("user:2", 2)
    await store.release("user:1")
    assert await store.claim("user:1", 2)
    assert not await store.claim("user:1", 2)


async def test_the_memory_store_keeps_only_the_most_recently_used_topic_searches():
    store = MemoryStore(max_topic_queries=2)
    for key in ("a", "b"):
        await store.put_stories(key, NOW, [], timedelta(minutes=10))
    await store.get_stories("a", NOW)
    await store.put_stories("c", NOW, [], timedelta(minutes=10))
    assert await store.get_stories("a", NOW) == [] and await store.get_stories("c", NOW) == []
    assert await store.get_stories("b", NOW) is None


async def test_a_lease_has_one_holder_until_it_expires_or_is_given_back(open_store):
    clock = Clock()
    first, second = await open_store(clock=clock), await open_store(clock=clock)  # two processes
    assert await first.lease("journal", "A", 30) is None
    assert await second.lease("journal", "B", 30) == "A"
    clock.now += 20
    assert await first.lease("journal", "A", 30) is None  # the heartbeat renews it
    clock.now += 20
    assert await second.lease("journal", "B", 30) == "A"  # renewed 20 s ago: still A's
    clock.now += 31  # A stopped beating: a stale lease is taken over
    assert await second.lease("journal", "B", 30) is None
    assert await first.lease("journal", "A", 30) == "B"
    await first.end_lease("journal", "A")  # not A's to give back
    assert await first.lease("journal", "A", 30) == "B"
    await second.end_lease("journal", "B")
    assert await first.lease("journal", "A", 30) is None


async def test_a_live_lease_is_taken_over_only_from_the_holder_known_to_be_dead(open_store):
    store = await open_store()
    assert await store.lease("journal", "A", 30) is None
    assert await store.lease("journal", "C", 30, take_over="B") == "A"
    assert await store.lease("journal", "C", 30, take_over="A") is None
    assert await store.lease("journal", "A", 30) == "C"


async def test_a_group_that_becomes_a_supergroup_takes_its_settings_along(open_store):
    store = await open_store()
    await store.set_chat_settings(-4001, {"auto": True, "sentences": 7})
    await store.move_chat_settings(-4001, -1000000004001)
    assert await store.get_chat_settings(-1000000004001) == {"auto": True, "sentences": 7}
    assert await store.get_chat_settings(-4001) == {}
    # Told twice (each chat gets a service message): the settings stay with the new chat.
    await store.move_chat_settings(-4001, -1000000004001)
    assert await store.get_chat_settings(-1000000004001) == {"auto": True, "sentences": 7}


def sayings(url: str, *speakers: str) -> Sayings:
    quotes = tuple(Said(s, f"Words of {s} on {url}.", tuple(s.lower().split())) for s in speakers)
    return Sayings(url=url, outlet="Example News", title=f"Story at {url}", published="2019-11-19", quotes=quotes)


async def test_who_said_what_on_each_page_is_kept_latest_first_across_a_restart(open_store):
    clock = Clock()
    store = await open_store(clock=clock)
    await store.add_sayings(sayings("https://a.example/1", "Kristi Noem"))
    clock.now += 60
    await store.add_sayings(sayings("https://b.example/2", "Steve Clarke", "Ben Sasse"))
    await store.close()

    again = await open_store(clock=clock)
    kept = await again.recent_sayings()
    assert [k.url for k in kept] == ["https://b.example/2", "https://a.example/1"]
    assert kept[0] == replace(sayings("https://b.example/2", "Steve Clarke", "Ben Sasse"), seen=clock.now)
    assert kept[1].seen == clock.now - 60


async def test_a_page_digested_again_replaces_its_entry_and_counts_as_seen_again(open_store):
    clock = Clock()
    store = await open_store(clock=clock)
    await store.add_sayings(sayings("https://a.example/1", "Kristi Noem"))
    clock.now += 10
    await store.add_sayings(sayings("https://b.example/2", "Steve Clarke"))
    clock.now += 10
    await store.add_sayings(sayings("https://a.example/1", "Kristi Noem", "Tim Morrison"))
    kept = await store.recent_sayings()
    assert [k.url for k in kept] == ["https://a.example/1", "https://b.example/2"]
    assert [s.speaker for s in kept[0].quotes] == ["Kristi Noem", "Tim Morrison"]


async def test_the_quote_index_forgets_pages_past_its_age_and_its_size(open_store):
    clock = Clock()
    store = await open_store(clock=clock)
    await store.add_sayings(sayings("https://old.example/", "Kristi Noem"))
    clock.now += KEEP_DAYS * 86400 - 5
    await store.add_sayings(sayings("https://young.example/", "Steve Clarke"))
    clock.now += 10
    assert [k.url for k in await store.recent_sayings()] == ["https://young.example/"]

    for i in range(MAX_ARTICLES + 3):
        clock.now += 1
        await store.add_sayings(sayings(f"https://many.example/{i}", "Ben Sasse"))
    kept = await store.recent_sayings()
    assert len(kept) == MAX_ARTICLES
    # The newest are kept, the oldest went first (the young page among them).
    assert kept[0].url == f"https://many.example/{MAX_ARTICLES + 2}"
    assert kept[-1].url == "https://many.example/3"


async def test_the_pages_where_a_surname_speaks_are_found_among_the_others(open_store):
    clock = Clock()
    store = await open_store(clock=clock)
    await store.add_sayings(sayings("https://a.example/1", "Kristi Noem", "Ben Sasse"))
    clock.now += 1
    await store.add_sayings(sayings("https://b.example/2", "Steve Clarke"))
    clock.now += 1
    await store.add_sayings(sayings("https://c.example/3", "Noem"))

    assert [k.url for k in await store.recent_sayings("noem")] == ["https://c.example/3", "https://a.example/1"]
    assert [k.url for k in await store.recent_sayings("clarke")] == ["https://b.example/2"]
    # A whole word only: "oem" is nobody's surname here.
    assert await store.recent_sayings("oem") == []
    assert len(await store.recent_sayings()) == 3


async def test_what_a_chat_follows_and_when_its_digest_is_due_survive_a_restart(open_store):
    store = await open_store()
    assert await store.get_follows(42) == {}
    follows = {"follows": [{"query": "climate", "exclude": ["opinion"]}], "schedule": {"kind": "daily", "at": "08:00"}}
    await store.set_follows(42, follows)
    await store.set_due(42, 2_000.0, {"day": "2026-12-04", "count": 1})
    await store.set_due(-1001, 1_000.0)
    await store.set_due(7, 9_000.0)
    again = await open_store()
    assert await again.get_follows(42) == follows
    # Earliest first, only those due by then, each with what its last run kept.
    assert await again.due_chats(5_000.0) == [(-1001, 1_000.0, {}), (42, 2_000.0, {"day": "2026-12-04", "count": 1})]
    assert await again.due_chats(5_000.0, limit=1) == [(-1001, 1_000.0, {})]
    await again.set_due(-1001, None)  # unscheduled: it stops following
    await again.set_follows(42, {})  # forgotten
    assert await again.due_chats(10_000.0) == [(42, 2_000.0, {"day": "2026-12-04", "count": 1}), (7, 9_000.0, {})]
    assert await again.get_follows(42) == {}


async def test_links_a_chat_was_sent_are_known_for_a_month_to_that_chat_only(open_store):
    clock = Clock()
    store = await open_store(clock=clock)
    await store.remember_sent(42, ["example.com/a", "example.com/b"])
    again = await open_store(clock=clock)
    assert await again.sent_already(42, ["example.com/a", "example.com/c"]) == {"example.com/a"}
    assert await again.sent_already(43, ["example.com/a"]) == set()
    assert await again.sent_already(42, []) == set()
    clock.now += 31 * 86400
    assert await again.sent_already(42, ["example.com/a", "example.com/b"]) == set()
