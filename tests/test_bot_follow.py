"""Following a topic: /follow with keywords, a scheduled digest in the chat's time zone,
nothing sent twice, /unfollow; admins only in groups; a restart between runs; and
hundreds of chats due at the same minute delivered within Telegram's limits.

The bot's clock is a `Clock` the test moves forward; the scheduler looks at it often
(`[follow] check_seconds`), so a day passes in a moment. Feeds and articles are served
on loopback by the local news server.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
from collections import Counter
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from html import escape

import pytest

from bot.config import FollowSettings, TopicsSettings
from bot.store.sqlite import SQLiteStore
from bot.telegram.state import state_of
from tests.botrig import (
    STORY,
    article_page,
    assert_valid_html,
    bot_running,
    entities_of,
    make_config,
    telegram_api,  # noqa: F401 - fixture
)
from tests.fakebotapi import USER
from tests.servers import LocalServer

START = datetime(2026, 12, 3, 12, 0, tzinfo=UTC)
GROUP = -1001234567890
GRACE = {**USER, "id": 1002, "first_name": "Grace", "username": "grace_h"}
ADMIN = {**USER, "id": 1003, "first_name": "Olu", "username": "olu_admin"}


class Clock:
    """The bot's "now", moved by the test."""

    def __init__(self, now: datetime = START) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


class LocalNews:
    """A local feed (RSS 2.0, outlets named in <source>) and the articles it links."""

    def __init__(self, server: LocalServer) -> None:
        self.server = server
        self.items: list[str] = []

    def publish(self, path: str, title: str, outlet: str, when: datetime, paragraphs: list[str] | None = None) -> None:
        url = self.server.add_page(path, article_page(title, paragraphs))
        self.items.insert(0, (
            f"<item><title>{escape(title)}</title><link>{url}</link>"
            f"<pubDate>{format_datetime(when)}</pubDate>"
            f'<source url="{self.server.url("/")}">{escape(outlet)}</source></item>'
        ))  # fmt: skip
        feed = (
            '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Local wire</title>'
            f'<link>{self.server.url("/")}</link><description>Local news</description>{"".join(self.items)}</channel></rss>'
        )
        self.server.add_page("/feeds/local.rss", feed, "application/rss+xml")

    def topics(self) -> TopicsSettings:
        return TopicsSettings(search_feeds=(), feeds=(self.server.url("/feeds/local.rss"),), timeout=10.0)


def the_bridge_story(news: LocalNews, when: datetime) -> None:
    """One event told by two outlets, and an opinion piece on it."""
    news.publish("/local/bridge-vote", "Council votes to rebuild the harbour bridge", "Harbour Gazette", when)
    news.publish(
        "/news/harbour-bridge-council-vote",
        "Harbour bridge: council votes for a rebuild after decade of debate",
        "Harbour Post",
        when + timedelta(minutes=20),
    )
    news.publish(
        "/opinion/bridge-waste",
        "The harbour bridge rebuild is a waste of money",
        "Harbour Post",
        when + timedelta(minutes=40),
        ["I have lived by the harbour bridge all my life, and " + p[0].lower() + p[1:] for p in STORY[:6]],
    )


def follow_config(telegram_api, tmp_path, news: LocalNews, **follow):
    config = make_config(telegram_api, tmp_path, topics=news.topics())
    return dataclasses.replace(config, follow=FollowSettings(check_seconds=0.05, **follow))


async def reply_to(telegram_api, message):
    (reply,) = await telegram_api.wait_for(lambda: telegram_api.replies_to(message), what="an answer")
    return reply


def digests(telegram_api, chat_id):
    """The bot's messages to the chat that answer nobody: its scheduled digests."""
    return [m for m in telegram_api.sent(chat_id) if "reply_to_message" not in m]


async def run_passes(app, clock: Clock, chat_id: int):
    """Until the scheduler has dealt with the chat at the clock's now (its next due time
    is in the future)."""
    store = state_of(app).store

    async def done():
        return all(chat != chat_id for chat, _, _ in await store.due_chats(clock.now.timestamp()))

    for _ in range(300):
        if await done():
            return
        await asyncio.sleep(0.02)
    raise AssertionError("the scheduler never ran")


async def test_a_followed_topic_arrives_as_one_digest_at_eight_in_the_chats_time_zone_and_never_twice(
    telegram_api, tmp_path, article_server
):
    news = LocalNews(article_server)
    the_bridge_story(news, START - timedelta(hours=2))
    clock = Clock()
    chat = USER["id"]
    async with bot_running(follow_config(telegram_api, tmp_path, news), clock=clock) as app:
        followed = await reply_to(telegram_api, telegram_api.private_message("/follow harbour bridge -opinion"))
        zoned = await reply_to(telegram_api, telegram_api.private_message("/timezone europe/berlin"))
        listed = await reply_to(telegram_api, telegram_api.private_message("/following"))
        await run_passes(app, clock, chat)
        assert digests(telegram_api, chat) == []  # nothing before eight

        clock.now = datetime(2026, 12, 4, 6, 59, tzinfo=UTC)  # 07:59 in Berlin
        await run_passes(app, clock, chat)
        assert digests(telegram_api, chat) == []
        clock.now = datetime(2026, 12, 4, 7, 0, 30, tzinfo=UTC)  # 08:00 in Berlin
        (first,) = await telegram_api.wait_for(lambda: digests(telegram_api, chat), what="the morning digest")

        # The same morning again: the chat is due tomorrow, not now.
        await run_passes(app, clock, chat)
        news.publish("/local/bridge-works", "Harbour bridge works to start in September", "Harbour Gazette",
                     clock.now - timedelta(hours=1))  # fmt: skip
        clock.now += timedelta(days=1)
        await telegram_api.wait_for(lambda: len(digests(telegram_api, chat)) == 2, what="the next morning's digest")
        second = digests(telegram_api, chat)[1]

        clock.now += timedelta(days=1)  # no news since
        await run_passes(app, clock, chat)
        assert len(digests(telegram_api, chat)) == 2  # an empty run sends nothing

        unfollowed = await reply_to(telegram_api, telegram_api.private_message("/unfollow 1"))
        news.publish("/local/bridge-closed", "Harbour bridge closed for good as rebuild nears", "Harbour Gazette",
                     clock.now)  # fmt: skip
        clock.now += timedelta(days=1)
        await asyncio.sleep(0.3)  # a few passes of the scheduler
        nothing = await reply_to(telegram_api, telegram_api.private_message("/following"))

    assert followed["text"].startswith("Following “harbour bridge -opinion”. A digest comes daily at 08:00 (UTC).")
    assert "/timezone Europe/Berlin" in followed["text"]  # asked once
    assert zoned["text"] == "Time zone: Europe/Berlin. A digest comes daily at 08:00 (Europe/Berlin)."
    assert "1. harbour bridge -opinion" in listed["text"]

    # One message: the story told by one outlet, the other named, the best quote and its speaker.
    assert_valid_html(first)
    assert first["text"].startswith("Your news digest")
    headlines = entities_of(first, "bold")
    assert sum("harbour bridge" in h.lower() and "waste" not in h for h in headlines) == 1
    assert not any("waste" in h for h in headlines)  # -opinion: the piece under /opinion/ is left out
    assert "“This is the most important decision this council will make in a generation” — Elena Ruiz" in first["text"]
    assert "Also: Harbour" in first["text"]
    assert len([e for e in first["entities"] if e["type"] == "text_link"]) == 2  # the story and the other outlet

    # The next morning: only what is new.
    assert "works to start in September" in second["text"]
    assert "Council votes" not in second["text"] and "council votes" not in second["text"]

    assert unfollowed["text"] == "No longer following “harbour bridge -opinion”."
    assert nothing["text"].startswith("This chat follows nothing yet")
    assert len(digests(telegram_api, chat)) == 2  # unfollowed: the closure never came


async def test_in_a_group_only_administrators_change_what_it_follows(telegram_api, tmp_path, article_server):
    news = LocalNews(article_server)
    the_bridge_story(news, START - timedelta(hours=2))
    telegram_api.make_admin(GROUP, ADMIN)
    async with bot_running(follow_config(telegram_api, tmp_path, news), clock=Clock()) as app:
        refused = await reply_to(telegram_api, telegram_api.group_message("/follow harbour bridge", chat_id=GROUP, user=GRACE))
        kept = await state_of(app).store.get_follows(GROUP)
        digest = await reply_to(telegram_api, telegram_api.group_message("/digest hourly", chat_id=GROUP, user=GRACE))
        done = await reply_to(telegram_api, telegram_api.group_message("/follow@newsbot_test_bot harbour bridge",
                                                                       chat_id=GROUP, user=ADMIN))  # fmt: skip
        listed = await reply_to(telegram_api, telegram_api.group_message("/following", chat_id=GROUP, user=GRACE))

    assert refused["text"] == "Only the group's administrators can change what this chat follows."
    assert digest["text"] == refused["text"]
    assert kept == {}
    assert telegram_api.calls_of("getChatMember")  # asked of Telegram, not guessed
    assert done["text"].startswith("Following “harbour bridge”.")
    assert "1. harbour bridge" in listed["text"]  # anyone may look


async def test_follows_and_schedule_survive_a_restart_and_the_second_run_repeats_nothing(
    telegram_api, tmp_path, article_server
):
    news = LocalNews(article_server)
    the_bridge_story(news, START - timedelta(hours=2))
    config = follow_config(telegram_api, tmp_path, news)
    chat = USER["id"]
    clock = Clock()
    async with bot_running(config, clock=clock):
        await reply_to(telegram_api, telegram_api.private_message("/follow harbour bridge"))
        await reply_to(telegram_api, telegram_api.private_message("/digest hourly"))
        clock.now = START + timedelta(hours=1, seconds=5)
        (first,) = await telegram_api.wait_for(lambda: digests(telegram_api, chat), what="the first digest")

    news.publish("/local/bridge-works", "Harbour bridge works to start in September", "Harbour Gazette",
                 START + timedelta(minutes=70))  # fmt: skip
    clock.now = START + timedelta(hours=2, seconds=5)
    async with bot_running(config, clock=clock):  # a new process on the same SQLite file
        await telegram_api.wait_for(lambda: len(digests(telegram_api, chat)) == 2, what="the digest after the restart")
    second = digests(telegram_api, chat)[1]

    assert "council votes" in first["text"].lower() and "waste of money" in first["text"]
    assert "works to start in September" in second["text"]
    assert "council votes" not in second["text"].lower() and "waste of money" not in second["text"]


@pytest.mark.slow
async def test_five_hundred_chats_due_at_the_same_minute_get_their_digest_within_telegrams_limits(
    telegram_api, tmp_path, article_server
):
    news = LocalNews(article_server)
    the_bridge_story(news, START - timedelta(hours=2))
    config = follow_config(telegram_api, tmp_path, news)
    readers = [{**USER, "id": 5_000 + i, "first_name": f"Reader {i}"} for i in range(500)]
    eight = datetime(2026, 12, 4, 8, 0, tzinfo=UTC)
    store = await SQLiteStore.open(config.storage.path)  # they all followed it yesterday
    for reader in readers:
        chat = telegram_api.open_private_chat(reader)
        await store.set_follows(chat, {"follows": [{"query": "harbour bridge"}], "schedule": {"kind": "daily", "at": "08:00"}})
        await store.set_due(chat, eight.timestamp())
    await store.close()

    clock = Clock(eight + timedelta(seconds=1))
    async with bot_running(config, clock=clock):
        await telegram_api.wait_for(
            lambda: all(digests(telegram_api, r["id"]) for r in readers), timeout=90, what="500 digests"
        )
    assert all(len(digests(telegram_api, r["id"])) == 1 for r in readers)
    busiest = telegram_api.busiest()
    assert busiest["overall per second"] <= 30, busiest
    sends = sorted(c.at for c in telegram_api.calls_of("sendMessage", ok=True))
    print(f"500 digests in {sends[-1] - sends[0]:.1f} s; busiest second {busiest['overall per second']}")
    assert [p for _, p in article_server.requests].count("/feeds/local.rss") == 1  # one search for all of them


async def test_with_two_workers_on_redis_the_digests_are_spread_over_both_and_each_is_sent_once(
    telegram_api, tmp_path, article_server, redis_url, caplog
):
    from bot.config import RedisSettings
    from bot.store.redis import RedisStore
    from tests.test_scale import a_worker

    news = LocalNews(article_server)
    now = datetime.now(UTC)  # a worker's clock is the real one
    the_bridge_story(news, now - timedelta(hours=2))
    config = dataclasses.replace(
        follow_config(telegram_api, tmp_path, news), redis=RedisSettings(url=redis_url, lease_seconds=2)
    )
    readers = [{**USER, "id": 7_000 + i, "first_name": f"Reader {i}"} for i in range(20)]
    store = await RedisStore.open(redis_url)
    for reader in readers:
        chat = telegram_api.open_private_chat(reader)
        await store.set_follows(chat, {"follows": [{"query": "harbour bridge"}], "schedule": {"kind": "hourly"}})

    caplog.set_level(logging.INFO, logger="bot")
    async with a_worker(config), a_worker(config):
        # Both workers serve the queue; then the twenty chats fall due at once.
        await telegram_api.wait_for(
            lambda: sum("is serving the queue" in r.getMessage() for r in caplog.records) == 2, what="two workers"
        )
        for reader in readers:
            await store.set_due(reader["id"], now.timestamp() - 1)
        await store.close()
        await telegram_api.wait_for(lambda: all(digests(telegram_api, r["id"]) for r in readers), timeout=30, what="20 digests")
        await asyncio.sleep(0.5)  # both schedulers look again, many times over
    assert [len(digests(telegram_api, r["id"])) for r in readers] == [1] * 20
    assert [p for _, p in article_server.requests].count("/feeds/local.rss") == 1
    # One scheduler handed the chats out; each worker sent some of them.
    senders = Counter(r.getMessage().split(" sent by ")[1] for r in caplog.records if "scheduled digest sent by" in r.getMessage())
    assert sum(senders.values()) == 20 and len(senders) == 2, senders
    print(f"digests per worker: {sorted(senders.values())}")


async def test_a_feed_followed_as_it_happens_in_german_stops_at_the_days_cap(telegram_api, tmp_path, article_server):
    news = LocalNews(article_server)
    the_bridge_story(news, START - timedelta(hours=2))
    article_server.add_page("/feeds/not-a-feed", article_page("Just a page"))
    leser = {**USER, "id": 1005, "first_name": "Lena", "language_code": "de"}
    clock = Clock()
    feed = news.topics().feeds[0]
    async with bot_running(follow_config(telegram_api, tmp_path, news), clock=clock) as app:
        say = lambda words: reply_to(telegram_api, telegram_api.private_message(words, user=leser))  # noqa: E731
        refused = await say(f"/follow {article_server.url('/feeds/not-a-feed')}")
        followed = await say(f"/follow {feed} -opinion")
        live = await say("/digest live 1")
        clock.now += timedelta(minutes=15, seconds=1)
        (first,) = await telegram_api.wait_for(lambda: digests(telegram_api, leser["id"]), what="the first digest")
        news.publish("/local/ferry", "Ferry service between the two towns to resume in May", "Harbour Gazette", clock.now)
        clock.now += timedelta(minutes=15, seconds=1)
        await run_passes(app, clock, leser["id"])
        capped = len(digests(telegram_api, leser["id"]))
        clock.now = datetime(2026, 12, 4, 0, 0, 1, tzinfo=UTC)  # a new day (UTC: no time zone given)
        await telegram_api.wait_for(lambda: len(digests(telegram_api, leser["id"])) == 2, what="the next day's digest")
        second = digests(telegram_api, leser["id"])[1]

    assert refused["text"].startswith(f"{article_server.url('/feeds/not-a-feed')} kann ich nicht als Feed verwenden:")
    assert followed["text"].startswith(f"Ich folge „{feed} -opinion“.")
    assert live["text"] == "Erledigt. Neue Meldungen kommen sofort, in höchstens 1 Übersicht am Tag."
    assert first["text"].startswith("Deine Nachrichtenübersicht")
    assert "council votes" in first["text"].lower() and "waste" not in first["text"]  # the opinion piece left out
    assert "Auch: Harbour" in first["text"]  # the news reports still make one story
    assert capped == 1  # the day's one digest was sent
    assert "Ferry service" in second["text"] and "council votes" not in second["text"].lower()


async def test_a_group_upgraded_to_a_supergroup_takes_its_follows_along(telegram_api, tmp_path, article_server):
    news = LocalNews(article_server)
    the_bridge_story(news, START - timedelta(hours=2))
    old = -4001
    telegram_api.basic_group(old)
    telegram_api.make_admin(old, ADMIN)
    clock = Clock()
    async with bot_running(follow_config(telegram_api, tmp_path, news), clock=clock) as app:
        await reply_to(telegram_api, telegram_api.group_message("/follow harbour bridge", chat_id=old, user=ADMIN))
        await reply_to(telegram_api, telegram_api.group_message("/digest hourly", chat_id=old, user=ADMIN))
        new = telegram_api.upgrade_group(old, by=ADMIN)
        for _ in range(500):  # the service messages reach the bot
            if await state_of(app).store.get_follows(new):
                break
            await asyncio.sleep(0.02)
        clock.now += timedelta(hours=1)
        (digest,) = await telegram_api.wait_for(lambda: digests(telegram_api, new), what="the digest, in the supergroup")
        listed = await reply_to(telegram_api, telegram_api.group_message("/following", chat_id=new, user=GRACE))
    assert digest["text"].startswith("Your news digest")
    assert "1. harbour bridge" in listed["text"]
    assert digests(telegram_api, old) == []


async def test_settings_show_the_time_zone_and_its_button_says_how_to_change_it(telegram_api, tmp_path, article_server):
    news = LocalNews(article_server)
    async with bot_running(follow_config(telegram_api, tmp_path, news), clock=Clock()):
        unknown = await reply_to(telegram_api, telegram_api.private_message("/timezone Atlantis/Capital"))
        await reply_to(telegram_api, telegram_api.private_message("/timezone +2"))
        panel = await reply_to(telegram_api, telegram_api.private_message("/settings"))
        pressed = await telegram_api.wait_for_callback_answer(telegram_api.press(panel, "Time zone: UTC+02:00"))
    assert unknown["text"].startswith("I don't know the time zone “Atlantis/Capital”.")
    assert "Time zone: UTC+02:00 (change it with /timezone)" in panel["text"]
    assert pressed["show_alert"] in (True, "true") and "/timezone Europe/Berlin" in pressed["text"]


async def test_a_scheduler_killed_on_this_machine_is_taken_over_at_once(telegram_api, tmp_path, article_server):
    import socket
    import subprocess
    import sys

    news = LocalNews(article_server)
    the_bridge_story(news, START - timedelta(hours=2))
    config = follow_config(telegram_api, tmp_path, news)
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    store = await SQLiteStore.open(config.storage.path)
    # A bot killed mid-run left its lease, good for another 30 s.
    assert await store.lease("scheduler", f"pid {int(dead.stdout)} on {socket.gethostname()}, 0000", 30) is None
    chat = telegram_api.open_private_chat(USER)
    await store.set_follows(chat, {"follows": [{"query": "harbour bridge"}], "schedule": {"kind": "hourly"}})
    await store.set_due(chat, START.timestamp())
    await store.close()
    async with bot_running(config, clock=Clock(START + timedelta(seconds=1))):
        (digest,) = await telegram_api.wait_for(lambda: digests(telegram_api, chat), timeout=10, what="the digest")
    assert "council votes" in digest["text"].lower()


async def test_every_wrong_or_bare_command_gets_a_note_saying_what_to_send_in_russian(telegram_api, tmp_path, article_server):
    news = LocalNews(article_server)
    the_bridge_story(news, START - timedelta(hours=2))
    reader = {**USER, "id": 1006, "first_name": "Вера", "language_code": "ru"}
    async with bot_running(follow_config(telegram_api, tmp_path, news, max_follows=2), clock=Clock()):
        async def say(words):
            return (await reply_to(telegram_api, telegram_api.private_message(words, user=reader)))["text"]

        bare = await say("/follow")
        first = await say("/follow harbour bridge")
        again = await say("/follow Harbour  Bridge")
        await say("/follow ferry")
        too_many = await say("/follow council")
        unknown = await say("/unfollow sport")
        when = await say("/digest at noon")
        zone = await say("/timezone")
        gone = await say("/unfollow all")
        nothing = await say("/following")
    assert bare.startswith("Отправьте /follow с темой или адресом ленты")
    assert first.startswith("Слежу за «harbour bridge». Подборка приходит каждый день в 08:00 (UTC).")
    assert "/timezone" in first
    assert again.startswith("Этот чат уже следит за «harbour bridge».")
    assert too_many.startswith("Этот чат уже следит за 2 темами — больше я не храню.")
    assert unknown == "Этот чат не следит за «sport». /following покажет, за чем следит."
    assert when.startswith("Отправьте /digest и когда присылать новости") and when.endswith("(UTC).")
    assert zone.endswith("Сейчас: UTC.")
    assert gone == "Теперь этот чат ни за чем не следит."
    assert nothing.startswith("Этот чат пока ни за чем не следит.")
