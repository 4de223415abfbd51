"""The bot's memory: digests survive a restart, expire, and a broken file never stops the bot."""

from __future__ import annotations

import logging
import sqlite3
import threading

from bot.models import Article, Digest, Quote, Sentence
from bot.store import Store


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


def test_a_digest_is_remembered_after_a_restart(tmp_path):
    path = tmp_path / "bot.sqlite3"
    with Store(path) as store:
        store.put_digest("https://example.com/a", a_digest())
    with Store(path) as again:
        assert again.get_digest("https://example.com/a") == a_digest()
        assert again.get_digest("https://example.com/other") is None


def test_a_digest_expires_after_the_cache_lifetime(tmp_path):
    clock = Clock()
    with Store(tmp_path / "bot.sqlite3", cache_hours=2, clock=clock) as store:
        store.put_digest("https://example.com/a", a_digest())
        clock.now += 2 * 3600 - 1
        assert store.get_digest("https://example.com/a") is not None
        clock.now += 2
        assert store.get_digest("https://example.com/a") is None


def test_chat_settings_are_a_json_object_per_chat(tmp_path):
    path = tmp_path / "bot.sqlite3"
    with Store(path) as store:
        assert store.get_chat_settings(42) == {}
        store.set_chat_settings(42, {"language": "de", "sentences": 5})
        store.set_chat_settings(-1001, {"quiet": True})
    with Store(path) as again:
        assert again.get_chat_settings(42) == {"language": "de", "sentences": 5}
        assert again.get_chat_settings(-1001) == {"quiet": True}


def test_a_corrupt_file_is_moved_aside_and_rebuilt(tmp_path, caplog):
    path = tmp_path / "bot.sqlite3"
    path.write_bytes(b"this is not a database, just some bytes " * 200)
    with caplog.at_level(logging.ERROR, logger="bot.store"):
        with Store(path) as store:
            store.put_digest("https://example.com/a", a_digest())
            assert store.get_digest("https://example.com/a") == a_digest()
    assert any("rebuilding" in r.getMessage() for r in caplog.records)
    assert list(tmp_path.glob("bot.sqlite3.corrupt-*")), "the damaged file is kept for a look"


def test_a_file_deleted_while_running_is_recreated(tmp_path, caplog):
    path = tmp_path / "bot.sqlite3"
    store = Store(path)
    store.put_digest("https://example.com/a", a_digest())
    for leftover in tmp_path.iterdir():
        leftover.unlink()
    with caplog.at_level(logging.WARNING, logger="bot.store"):
        assert store.get_digest("https://example.com/a") is None
        store.put_digest("https://example.com/b", a_digest("https://example.com/b"))
    store.close()
    assert any("deleted" in r.getMessage() for r in caplog.records)
    with Store(path) as again:
        assert again.get_digest("https://example.com/b") is not None


def test_a_query_on_a_broken_file_is_a_miss_not_a_crash(tmp_path, caplog):
    path = tmp_path / "bot.sqlite3"
    with Store(path) as store:
        for i in range(50):
            store.put_digest(f"https://example.com/{i}", a_digest(f"https://example.com/{i}"))
    # Scribble over every page after the header, as a failing disk might, then restart.
    data = bytearray(path.read_bytes())
    data[100:] = b"\xff" * (len(data) - 100)
    path.write_bytes(bytes(data))
    with caplog.at_level(logging.ERROR, logger="bot.store"), Store(path) as store:
        assert store.get_digest("https://example.com/3") is None
        store.put_digest("https://example.com/new", a_digest("https://example.com/new"))
        assert store.get_digest("https://example.com/new") == a_digest("https://example.com/new")
    assert any("rebuilding" in r.getMessage() for r in caplog.records)
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_a_missing_directory_is_created(tmp_path):
    with Store(tmp_path / "deep" / "er" / "bot.sqlite3") as store:
        store.put_digest("https://example.com/a", a_digest())
        assert store.get_digest("https://example.com/a") is not None


def test_many_threads_and_two_connections_write_at_once(tmp_path):
    path = tmp_path / "bot.sqlite3"
    first, second = Store(path), Store(path)
    errors: list[BaseException] = []

    def work(store: Store, n: int) -> None:
        try:
            for i in range(30):
                url = f"https://example.com/{n}/{i}"
                store.put_digest(url, a_digest(url))
                assert store.get_digest(url) is not None
                store.set_chat_settings(n, {"i": i})
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(first if n % 2 else second, n)) for n in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert all(first.get_digest(f"https://example.com/{n}/29") for n in range(6))
    assert [second.get_chat_settings(n) for n in range(6)] == [{"i": 29}] * 6
    first.close()
    second.close()


def test_a_button_key_finds_its_page_after_a_restart_and_after_the_digest_expired(tmp_path):
    from bot.links import link_key

    path, clock = tmp_path / "bot.sqlite3", Clock()
    url = "https://example.com/news/story?id=7"
    with Store(path, cache_hours=24, clock=clock) as store:
        store.put_digest(url, a_digest(url))
        store.remember_link(link_key(url), url)
    clock.now += 3 * 86400  # three days later: the digest is gone, the key is not
    with Store(path, cache_hours=24, clock=clock) as store:
        assert store.get_digest(url) is None
        assert store.link_for(link_key(url)) == url
        assert store.link_for("nokeylikeit") is None
    # One page, one key, whatever its spelling; short enough for a button.
    assert link_key("HTTPS://Example.com:443/news/story?id=7&utm_source=x#top") == link_key(url)
    assert len(link_key(url)) == 11 and link_key(url) != link_key("https://example.com/news/story?id=8")


def test_unanswered_updates_are_replayed_a_few_times_at_most_and_never_when_too_old(tmp_path):
    path, clock = tmp_path / "bot.sqlite3", Clock()
    with Store(path, clock=clock) as store:
        store.add_pending(1, '{"update_id": 1}')
        store.add_pending(2, '{"update_id": 2}')
        store.add_pending(3, '{"update_id": 3}')
        store.done_pending(2)  # answered
    with Store(path, clock=clock) as store:  # the process died; a new one starts
        assert store.take_pending(max_attempts=2) == [(1, '{"update_id": 1}'), (3, '{"update_id": 3}')]
        store.done_pending(3)
        store.add_pending(1, '{"update_id": 1}')  # handed over again: still one row, its attempts kept
    with Store(path, clock=clock) as store:  # died again while on update 1
        assert store.take_pending(max_attempts=2) == [(1, '{"update_id": 1}')]
    with Store(path, clock=clock) as store:  # and again: update 1 is given up
        assert store.take_pending(max_attempts=2) == []
        store.add_pending(4, '{"update_id": 4}')
    clock.now += 25 * 3600  # a day and more later: Telegram has forgotten it too
    with Store(path, clock=clock) as store:
        assert store.take_pending() == []
