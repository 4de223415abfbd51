"""The SQLite store's file: a broken, deleted or missing one never stops the bot, and two
connections share it (what every backend does: tests/test_store.py)."""

from __future__ import annotations

import asyncio
import logging
import sqlite3

import pytest

from bot.store import StoreUnavailable
from bot.store.sqlite import SQLiteStore
from tests.test_store import a_digest


async def test_a_corrupt_file_is_moved_aside_and_rebuilt(tmp_path, caplog):
    path = tmp_path / "bot.sqlite3"
    path.write_bytes(b"this is not a database, just some bytes " * 200)
    with caplog.at_level(logging.ERROR, logger="bot.store"):
        store = await SQLiteStore.open(path)
        await store.put_digest("https://example.com/a", a_digest())
        assert await store.get_digest("https://example.com/a") == a_digest()
        await store.close()
    assert any("rebuilding" in r.getMessage() for r in caplog.records)
    assert list(tmp_path.glob("bot.sqlite3.corrupt-*")), "the damaged file is kept for a look"


async def test_a_file_deleted_while_running_is_recreated(tmp_path, caplog):
    path = tmp_path / "bot.sqlite3"
    store = await SQLiteStore.open(path)
    await store.put_digest("https://example.com/a", a_digest())
    for leftover in tmp_path.iterdir():
        leftover.unlink()
    with caplog.at_level(logging.WARNING, logger="bot.store"):
        assert await store.get_digest("https://example.com/a") is None
        await store.put_digest("https://example.com/b", a_digest("https://example.com/b"))
    await store.close()
    assert any("deleted" in r.getMessage() for r in caplog.records)
    again = await SQLiteStore.open(path)
    assert await again.get_digest("https://example.com/b") is not None
    await again.close()


async def test_a_query_on_a_broken_file_is_a_miss_not_a_crash(tmp_path, caplog):
    path = tmp_path / "bot.sqlite3"
    store = await SQLiteStore.open(path)
    for i in range(50):
        await store.put_digest(f"https://example.com/{i}", a_digest(f"https://example.com/{i}"))
    await store.close()
    # Scribble over every page after the header, as a failing disk might, then restart.
    data = bytearray(path.read_bytes())
    data[100:] = b"\xff" * (len(data) - 100)
    path.write_bytes(bytes(data))
    with caplog.at_level(logging.ERROR, logger="bot.store"):
        store = await SQLiteStore.open(path)
        assert await store.get_digest("https://example.com/3") is None
        await store.put_digest("https://example.com/new", a_digest("https://example.com/new"))
        assert await store.get_digest("https://example.com/new") == a_digest("https://example.com/new")
        await store.close()
    assert any("rebuilding" in r.getMessage() for r in caplog.records)
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


async def test_a_missing_directory_is_created(tmp_path):
    store = await SQLiteStore.open(tmp_path / "deep" / "er" / "bot.sqlite3")
    await store.put_digest("https://example.com/a", a_digest())
    assert await store.get_digest("https://example.com/a") is not None
    await store.close()


async def test_many_tasks_and_two_connections_write_at_once(tmp_path):
    path = tmp_path / "bot.sqlite3"
    first, second = await SQLiteStore.open(path), await SQLiteStore.open(path)

    async def work(store: SQLiteStore, n: int) -> None:
        for i in range(30):
            url = f"https://example.com/{n}/{i}"
            await store.put_digest(url, a_digest(url))
            assert await store.get_digest(url) is not None
            await store.set_chat_settings(n, {"i": i})
            await store.add_pending(n * 100 + i, "{}")

    await asyncio.gather(*(work(first if n % 2 else second, n) for n in range(6)))
    assert all([await first.get_digest(f"https://example.com/{n}/29") for n in range(6)])
    assert [await second.get_chat_settings(n) for n in range(6)] == [{"i": 29}] * 6
    assert len(await first.take_pending()) == 180
    await first.close()
    await second.close()


async def test_a_version_1_file_upgrades_itself_and_keeps_its_digests(tmp_path):
    path = tmp_path / "bot.sqlite3"
    with sqlite3.connect(path) as db:  # as the first release left it: digests and settings only
        db.executescript(
            "CREATE TABLE digests (url TEXT PRIMARY KEY, created REAL NOT NULL, body TEXT NOT NULL);"
            "CREATE TABLE chat_settings (chat_id INTEGER PRIMARY KEY, body TEXT NOT NULL);"
            "PRAGMA user_version = 1;"
        )
        db.execute("INSERT INTO chat_settings VALUES (7, '{\"auto\": true}')")
    store = await SQLiteStore.open(path)
    assert await store.get_chat_settings(7) == {"auto": True}
    await store.remember_link("k", "https://example.com/a")
    assert await store.link_for("k") == "https://example.com/a"
    await store.close()


async def test_a_store_that_cannot_be_created_says_so(tmp_path):
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("a file where the store's directory should be")
    with pytest.raises(StoreUnavailable):
        await SQLiteStore.open(blocker / "bot.sqlite3")


async def test_a_button_key_lost_to_a_full_disk_says_so_and_an_old_one_does_not(tmp_path, caplog):
    from bot.store import StoreFull

    store = await SQLiteStore.open(tmp_path / "bot.sqlite3", max_bytes=64 * 1024)  # the schema's empty tables take 14 pages
    with caplog.at_level(logging.CRITICAL, logger="bot.store"):
        for i in range(2000):  # small rows in key order: every page full
            await store.remember_link(f"k{i:05d}", "-")
        await store.remember_link("k", "https://example.com/a")
    with pytest.raises(StoreFull):
        await store.link_for("k")
    assert await store.link_for("never-written") is None
    await store.close()
