"""What the bot remembers and shares: one fetch per page however many ask, a cache that
outlives a restart, updates neither lost nor answered twice, a broken store rebuilt."""

from __future__ import annotations

import logging
import threading

from tests.botrig import (
    article_page,
    bot_running,
    config,  # noqa: F401 - fixture
    held_page,
    telegram_api,  # noqa: F401 - fixture
)

READERS = [{"id": 2000 + i, "is_bot": False, "first_name": f"Reader {i}"} for i in range(4)]


async def test_the_same_page_asked_by_several_chats_at_once_is_fetched_once(telegram_api, config, article_server):
    release = threading.Event()
    url = article_server.add("/local/harbour-bridge", held_page(release, article_page()))
    async with bot_running(config):
        # The same page, spelled three ways a share button might spell it.
        spellings = [url, url + "?utm_source=twitter", url.replace("http://", "HTTP://") + "#comments", url]
        for reader, spelling in zip(READERS, spellings):
            telegram_api.private_message(spelling, user=reader)
        # Everyone has asked (each ask shows "typing…" first) while the one fetch is held.
        await telegram_api.wait_for(
            lambda: {c.params["chat_id"] for c in telegram_api.calls_of("sendChatAction")} >= {str(r["id"]) for r in READERS},
            what="all four asks",
        )
        release.set()
        for reader in READERS:
            (reply,) = await telegram_api.wait_for_messages(reader["id"], 1)
            assert "harbour bridge" in reply["text"]
    assert len(article_server.requests) == 1


async def test_a_digest_is_served_from_the_cache_after_a_restart(telegram_api, config, article_server):
    url = article_server.add_page("/local/harbour-bridge", article_page())
    async with bot_running(config):
        telegram_api.private_message(url, user=READERS[0])
        (first,) = await telegram_api.wait_for_messages(READERS[0]["id"], 1)
    async with bot_running(config):  # a new Application on the same SQLite file
        telegram_api.private_message(url, user=READERS[1])
        (second,) = await telegram_api.wait_for_messages(READERS[1]["id"], 1)
    assert second["text"] == first["text"]
    assert article_server.requests == [("GET", "/local/harbour-bridge")]


async def test_a_restart_neither_loses_nor_repeats_an_update(telegram_api, config):
    async with bot_running(config):
        before = telegram_api.private_message("hello before the restart")
        await telegram_api.wait_for(lambda: telegram_api.replies_to(before), what="first answer")
    during = telegram_api.private_message("hello while the bot was down")
    async with bot_running(config):
        await telegram_api.wait_for(lambda: telegram_api.replies_to(during), what="answer after restart")
        after = telegram_api.private_message("hello after the restart")
        await telegram_api.wait_for(lambda: telegram_api.replies_to(after), what="third answer")
    assert [len(telegram_api.replies_to(m)) for m in (before, during, after)] == [1, 1, 1]
    assert telegram_api.redelivered == []
    assert all(count == 1 for count in telegram_api.deliveries.values())


async def test_a_corrupt_store_is_rebuilt_and_the_bot_answers(telegram_api, config, article_server, caplog):
    path = config.storage.path
    with open(path, "wb") as f:
        f.write(b"\x00garbage, not SQLite\xff" * 500)
    url = article_server.add_page("/local/harbour-bridge", article_page())
    with caplog.at_level(logging.ERROR, logger="bot.store"):
        async with bot_running(config):
            telegram_api.private_message(url)
            (reply,) = await telegram_api.wait_for_messages(1001, 1)
    assert "harbour bridge" in reply["text"]
    assert any("rebuilding" in r.getMessage() for r in caplog.records)
    # and the rebuilt store works: the digest is there after another restart
    async with bot_running(config):
        telegram_api.private_message(url, user=READERS[0])
        await telegram_api.wait_for_messages(READERS[0]["id"], 1)
    assert len(article_server.requests) == 1


async def test_an_unreadable_journal_entry_is_logged_once_and_dropped_not_a_crash_at_every_start(
    telegram_api, config, caplog
):
    from bot.store.sqlite import SQLiteStore

    # Rows a damaged disk, a hand edit or another version might leave: JSON, but no update.
    store = await SQLiteStore.open(config.storage.path)
    for update_id, body in ((11, "[]"), (12, "null"), (13, '{"update_id": 13, "message": "hello"}')):
        await store.add_pending(update_id, body)
    await store.close()
    for start in range(2):
        caplog.clear()
        with caplog.at_level(logging.WARNING, logger="bot.telegram"):
            async with bot_running(config):
                asked = telegram_api.private_message(f"hello after start {start}")
                await telegram_api.wait_for(lambda: telegram_api.replies_to(asked), what="an answer")
        unreadable = [r.getMessage() for r in caplog.records if "unreadable" in r.getMessage()]
        assert len(unreadable) == (3 if start == 0 else 0), unreadable  # once each, then gone
