"""When Telegram, a website or our own code fails, the user still gets an answer and the bot keeps serving."""

from __future__ import annotations

import logging
import re

import pytest

import bot.telegram.digests
import bot.telegram.replies
from tests.botrig import (
    article_page,
    bot_running,
    config,  # noqa: F401 - fixture
    telegram_api,  # noqa: F401 - fixture
)

# python-telegram-bot warns about its own RetryAfter while building one; not ours to fix.
pytestmark = pytest.mark.filterwarnings("ignore:.*retry_after.*:DeprecationWarning")


async def test_a_429_is_waited_out_and_the_digest_still_arrives(telegram_api, config, article_server):
    url = article_server.add_page("/local/harbour-bridge", article_page())
    telegram_api.fail_next("sendMessage", status=429, retry_after=1)
    async with bot_running(config):
        asked = telegram_api.private_message(url)
        (reply,) = await telegram_api.wait_for_messages(asked["chat"]["id"], 1)
    attempts = telegram_api.calls_of("sendMessage")
    assert [c.status for c in attempts] == [429, 200]
    assert attempts[0].params["text"] == attempts[1].params["text"]
    assert "harbour bridge" in reply["text"]


@pytest.mark.parametrize("failure", [500, 502, 0], ids=["500", "502", "dropped connection"])
async def test_server_errors_and_dropped_connections_on_send_are_retried(telegram_api, config, article_server, failure):
    url = article_server.add_page("/local/harbour-bridge", article_page())
    telegram_api.fail_next("sendMessage", times=2, status=failure)
    async with bot_running(config):
        asked = telegram_api.private_message(url)
        replies = await telegram_api.wait_for_messages(asked["chat"]["id"], 1)
    assert [c.status for c in telegram_api.calls_of("sendMessage")] == [failure, failure, 200]
    assert len(replies) == 1, "answered exactly once"


async def test_polling_survives_a_failing_get_updates(telegram_api, config, caplog):
    telegram_api.fail_next("getUpdates", status=502)
    with caplog.at_level(logging.WARNING):
        async with bot_running(config):
            asked = telegram_api.private_message("hello?")
            (reply,) = await telegram_api.wait_for_messages(asked["chat"]["id"], 1)
    assert "link" in reply["text"]
    failed = [c for c in telegram_api.calls_of("getUpdates") if c.status == 502]
    assert len(failed) == 1
    warnings = [r for r in caplog.records if "getUpdates failed" in r.getMessage()]
    assert warnings and all(r.exc_info is None for r in warnings), "one line each, no traceback"


async def test_a_failing_typing_indicator_does_not_stop_the_answer(telegram_api, config):
    telegram_api.fail_next("sendChatAction", times=10, status=403)
    async with bot_running(config):
        telegram_api.group_message("/summary", chat_id=-100777)
        (reply,) = await telegram_api.wait_for_messages(-100777, 1)
    assert reply["text"].startswith("Send /summary")


async def test_an_unexpected_error_gets_an_apology_and_the_bot_keeps_serving(
    telegram_api, config, article_server, monkeypatch, caplog
):
    real = bot.telegram.digests.digest_url
    broken = article_server.add_page("/broken", article_page("A page that trips a bug"))

    async def buggy(url, *args, **kwargs):
        if url == broken:
            raise ZeroDivisionError("a bug deep in the pipeline")
        return await real(url, *args, **kwargs)

    monkeypatch.setattr(bot.telegram.digests, "digest_url", buggy)
    good = article_server.add_page("/local/harbour-bridge", article_page())
    with caplog.at_level(logging.INFO, logger="bot.telegram"):
        async with bot_running(config):
            first = telegram_api.private_message(broken)
            (apology,) = await telegram_api.wait_for(lambda: telegram_api.replies_to(first), what="apology")
            second = telegram_api.private_message(good)
            (digest,) = await telegram_api.wait_for(lambda: telegram_api.replies_to(second), what="digest")
    assert apology["text"].startswith("Sorry, something went wrong on my side")
    assert "ZeroDivisionError" not in apology["text"] and "bug" not in apology["text"]
    assert "harbour bridge" in digest["text"]
    (logged,) = [r for r in caplog.records if "ZeroDivisionError" in r.getMessage()]
    assert logged.levelno == logging.ERROR and re.search(r"update \d+", logged.getMessage())
    assert logged.exc_info is None, "the traceback goes to debug level only"


async def test_a_message_telegram_refuses_becomes_an_apology_not_silence(
    telegram_api, config, article_server, monkeypatch, caplog
):
    # Stand-in for a rendering bug: a message over Telegram's limit.
    monkeypatch.setattr(bot.telegram.replies, "telegram_messages", lambda digest, **_: ["x" * 5000])
    url = article_server.add_page("/local/harbour-bridge", article_page())
    with caplog.at_level(logging.ERROR, logger="bot.telegram"):
        async with bot_running(config):
            asked = telegram_api.private_message(url)
            (reply,) = await telegram_api.wait_for(lambda: telegram_api.replies_to(asked), what="an answer")
    assert reply["text"].startswith("Sorry, something went wrong on my side")
    assert [c.status for c in telegram_api.calls_of("sendMessage")] == [400, 200], "refused once, not retried"
    assert any("message is too long" in r.getMessage().lower() for r in caplog.records)
