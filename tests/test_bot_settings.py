"""/settings: a keyboard that edits itself, stored per chat, for a group's administrators only."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from bot.store.sqlite import SQLiteStore
from tests.botrig import (
    article_page,
    assert_valid_html,
    bot_running,
    config,  # noqa: F401 - fixture
    entities_of,
    held_page,
    make_config,
    telegram_api,  # noqa: F401 - fixture
)
from tests.fakebotapi import USER, BadRequest, FakeBotAPI, check_reply_markup

GROUP = -1001234567890
GRACE = {"id": 1002, "is_bot": False, "first_name": "Grace", "username": "grace_h", "language_code": "en"}
BOB = {"id": 1003, "is_bot": False, "first_name": "Bob", "username": "bob_b", "language_code": "en"}


def bullets(message: dict) -> list[str]:
    return [line for line in message["text"].splitlines() if line.startswith("• ")]


async def stored_settings(config, chat_id: int) -> dict:
    store = await SQLiteStore.open(Path(config.storage.path))
    try:
        return await store.get_chat_settings(chat_id)
    finally:
        await store.close()


async def test_a_reader_sets_a_long_summary_without_quotes_and_the_next_digest_follows(
    telegram_api, config, article_server
):
    url = article_server.add_page("/local/harbour-bridge", article_page())
    chat = USER["id"]
    async with bot_running(config):
        asked = telegram_api.private_message("/settings")
        (panel,) = await telegram_api.wait_for(lambda: telegram_api.replies_to(asked), what="the settings")
        assert "Summary: normal (4 sentences)" in panel["text"]
        assert "Every link" not in panel["text"]  # a group setting

        pressed = telegram_api.press(panel, "7 sentences")
        assert (await telegram_api.wait_for_callback_answer(pressed)).get("text") == "Saved"
        await telegram_api.wait_for(lambda: "long (7" in telegram_api.sent(chat)[0]["text"], what="the edit")
        pressed = telegram_api.press(panel, "No quotes")
        await telegram_api.wait_for_callback_answer(pressed)
        pressed = telegram_api.press(panel, "Consensus")
        await telegram_api.wait_for_callback_answer(pressed)
        # The one message was edited in place each time: no new messages.
        (panel,) = await telegram_api.wait_for(
            lambda: [m for m in telegram_api.sent(chat) if "Method: Consensus" in m["text"]], what="the last edit"
        )
        assert panel["message_id"] == telegram_api.replies_to(asked)[0]["message_id"]
        assert "Quotes: 0" in panel["text"] and "Saved." in panel["text"]
        chosen = [b["text"] for row in panel["reply_markup"]["inline_keyboard"] for b in row if b["text"].startswith("✓")]
        assert chosen == ["✓ 7 sentences", "✓ No quotes", "✓ Consensus"]

        link = telegram_api.private_message(url)
        (digest,) = await telegram_api.wait_for(lambda: telegram_api.replies_to(link), what="the digest")

    assert len(bullets(digest)) == 7
    assert entities_of(digest, "blockquote") == []
    assert await stored_settings(config, chat) == {"algorithm": "lexrank", "auto": False, "quotes": 0, "sentences": 7}
    assert not telegram_api.calls_of("editMessageText", ok=False)


async def test_in_a_group_only_admins_change_settings_and_every_link_is_summarized_once_turned_on(
    tmp_path, article_server, monkeypatch
):
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    url = article_server.add_page("/local/harbour-bridge", article_page())
    with FakeBotAPI(privacy=False) as api:  # the bot sees every group message
        config = make_config(api, tmp_path)
        api.make_admin(GROUP, GRACE)
        async with bot_running(config):
            # A link posted while the setting is off: no answer (checked again at the end).
            ignored = api.group_message(f"look {url}", chat_id=GROUP, user=BOB)
            refused = api.group_message("/settings", chat_id=GROUP, user=BOB)
            (refusal,) = await api.wait_for(lambda: api.replies_to(refused), what="the refusal")
            assert refusal["text"] == "Only the group's administrators can change my settings here."
            assert api.replies_to(ignored) == []

            asked = api.group_message("/settings@newsbot_test_bot", chat_id=GROUP, user=GRACE)
            (panel,) = await api.wait_for(lambda: api.replies_to(asked), what="the settings")
            assert "Summarize every link posted here: off" in panel["text"]
            assert "/setprivacy" in panel["text"]

            # Bob presses the button he can see: refused, nothing changes.
            pressed = api.press(panel, "Every link", user=BOB)
            answer = await api.wait_for_callback_answer(pressed)
            assert answer["show_alert"] in (True, "true") and "administrators" in answer["text"]
            assert await stored_settings(config, GROUP) == {}

            pressed = api.press(panel, "Every link", user=GRACE)
            await api.wait_for_callback_answer(pressed)
            await api.wait_for(lambda: "posted here: on" in api.sent(GROUP)[1]["text"], what="the edit")

            posted = api.group_message(f"and now this {url}", chat_id=GROUP, user=BOB)
            (digest,) = await api.wait_for(lambda: api.replies_to(posted), what="the automatic digest")
        assert "harbour bridge" in digest["text"]
        assert_valid_html(digest)
        assert api.replies_to(ignored) == []
        assert article_server.requests == [("GET", "/local/harbour-bridge")]
        assert (await stored_settings(config, GROUP))["auto"] is True


def test_the_fake_refuses_callback_data_over_64_bytes_as_telegram_does():
    fits = {"inline_keyboard": [[{"text": "More", "callback_data": "x" * 64}]]}
    assert check_reply_markup(fits) == fits
    with pytest.raises(BadRequest, match="BUTTON_DATA_INVALID"):
        check_reply_markup({"inline_keyboard": [[{"text": "More", "callback_data": "é" * 33}]]})  # 66 bytes
    with pytest.raises(BadRequest, match="BUTTON_DATA_INVALID"):
        check_reply_markup({"inline_keyboard": [[{"text": "More", "callback_data": ""}]]})


async def test_a_group_upgraded_to_a_supergroup_keeps_its_settings_and_gets_the_answer_it_was_waiting_for(
    tmp_path, article_server, monkeypatch
):
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    release = threading.Event()
    slow = article_server.add("/local/slow-bridge", held_page(release, article_page()))
    url = article_server.add_page("/local/harbour-bridge", article_page("The harbour bridge reopens"))
    old = -4001
    with FakeBotAPI(privacy=False) as api:
        config = make_config(api, tmp_path)
        api.basic_group(old)
        api.make_admin(old, GRACE)
        async with bot_running(config):
            asked = api.group_message("/settings", chat_id=old, user=GRACE)
            (panel,) = await api.wait_for(lambda: api.replies_to(asked), what="the settings")
            await api.wait_for_callback_answer(api.press(panel, "Every link", user=GRACE))
            await api.wait_for_callback_answer(api.press(panel, "7 sentences", user=GRACE))
            # Bob posts a link; while the bot reads it, Grace turns on a supergroup-only feature.
            waiting = api.group_message(f"look {slow}", chat_id=old, user=BOB)
            await api.wait_for(lambda: ("GET", "/local/slow-bridge") in article_server.requests, what="the fetch")
            new = api.upgrade_group(old, by=GRACE)
            release.set()
            (late,) = await api.wait_for(lambda: api.sent(new), what="the answer, in the supergroup")
            # The group's "every link" and "7 sentences" came along.
            posted = api.group_message(f"and this {url}", chat_id=new, user=BOB)
            (digest,) = await api.wait_for(lambda: api.replies_to(posted), what="the automatic digest")
        assert "harbour bridge" in late["text"].lower() and api.replies_to(waiting) == []
        assert "reopens" in digest["text"] and len(bullets(digest)) >= 5
        assert (await stored_settings(config, new))["auto"] is True
        assert await stored_settings(config, old) == {}


async def test_with_the_disk_full_a_settings_press_says_it_was_not_saved(telegram_api, config):
    import contextlib

    from bot.store import StoreFull

    # A store full to the last page (see test_bot_buttons): other chats' settings filled it.
    store = await SQLiteStore.open(Path(config.storage.path), max_bytes=64 * 1024)  # the schema's empty tables take 14 pages
    with contextlib.suppress(StoreFull):
        for chat_id in range(100_000, 104_000):
            await store.set_chat_settings(chat_id, {})
    async with bot_running(config, store=store):
        asked = telegram_api.private_message("/settings")
        (panel,) = await telegram_api.wait_for(lambda: telegram_api.replies_to(asked), what="the settings")
        answer = await telegram_api.wait_for_callback_answer(telegram_api.press(panel, "7 sentences"))
    assert "disk is full" in answer["text"] and "Saved" not in answer["text"]
    assert "Summary: normal" in telegram_api.sent(USER["id"])[0]["text"]
    assert await stored_settings(config, USER["id"]) == {}
