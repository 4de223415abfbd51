"""The bot in a group with privacy mode on: it answers /summary, and only that."""

from __future__ import annotations

from tests.botrig import (
    article_page,
    assert_valid_html,
    bot_running,
    config,  # noqa: F401 - fixture
    entities_of,
    telegram_api,  # noqa: F401 - fixture
)

GROUP = -1001234567890


async def test_summary_addressed_to_the_bot_by_name(telegram_api, config, article_server):
    url = article_server.add_page("/local/harbour-bridge", article_page())
    async with bot_running(config):
        asked = telegram_api.group_message(f"/summary@newsbot_test_bot {url}", chat_id=GROUP)
        (reply,) = await telegram_api.wait_for_messages(GROUP, 1)
    assert reply["reply_to_message"]["message_id"] == asked["message_id"]
    assert entities_of(reply, "bold")[0] == "Council votes to rebuild the harbour bridge"
    assert_valid_html(reply)


async def test_summary_as_a_reply_to_an_earlier_message_with_a_link(telegram_api, config, article_server):
    url = article_server.add_page("/local/harbour-bridge", article_page())
    async with bot_running(config):
        shared = telegram_api.group_message(f"Did you all see this? {url}", chat_id=GROUP)
        assert shared in telegram_api.withheld, "privacy mode: the bot never saw the link itself"
        telegram_api.group_message("/summary", chat_id=GROUP, reply_to=shared)
        (reply,) = await telegram_api.wait_for_messages(GROUP, 1)
    # The digest sits under the message that holds the link, not under "/summary".
    assert reply["reply_to_message"]["message_id"] == shared["message_id"]
    assert "harbour bridge" in reply["text"]


async def test_summary_replying_to_a_photo_whose_caption_has_the_link(telegram_api, config, article_server):
    url = article_server.add_page("/local/harbour-bridge", article_page())
    async with bot_running(config):
        photo = telegram_api.group_message(f"the bridge today 🌉 {url}", chat_id=GROUP, caption=True)
        telegram_api.group_message("/summary@newsbot_test_bot", chat_id=GROUP, reply_to=photo)
        (reply,) = await telegram_api.wait_for_messages(GROUP, 1)
    assert "harbour bridge" in reply["text"]


async def test_summary_with_nothing_to_summarize_explains_itself(telegram_api, config):
    async with bot_running(config):
        telegram_api.group_message("/summary", chat_id=GROUP)
        (reply,) = await telegram_api.wait_for_messages(GROUP, 1)
    assert reply["text"].startswith("Send /summary with a link")


async def test_links_and_commands_for_other_bots_are_left_alone(telegram_api, config, article_server):
    url = article_server.add_page("/local/harbour-bridge", article_page())
    async with bot_running(config):
        telegram_api.group_message(f"/summary@some_other_bot {url}", chat_id=GROUP)
        telegram_api.group_message(url, chat_id=GROUP)
        # A command for us afterwards is answered, and it is the only answer.
        telegram_api.group_message("/help@newsbot_test_bot", chat_id=GROUP)
        (reply,) = await telegram_api.wait_for_messages(GROUP, 1)
    assert "/summary" in reply["text"]
    assert article_server.requests == []
    assert len(telegram_api.withheld) == 2


async def test_a_command_addressed_to_the_bot_that_it_does_not_know_gets_the_help(telegram_api, config):
    async with bot_running(config):
        telegram_api.group_message("/frobnicate@some_other_bot", chat_id=GROUP)  # not ours to answer
        asked = telegram_api.group_message("/frobnicate@newsbot_test_bot", chat_id=GROUP)
        (reply,) = await telegram_api.wait_for(lambda: telegram_api.replies_to(asked), what="the help")
        telegram_api.group_message("/help@newsbot_test_bot", chat_id=GROUP)
        await telegram_api.wait_for_messages(GROUP, 2)
    assert "/summary" in reply["text"]
    assert len(telegram_api.sent(GROUP)) == 2, "the other bot's command was left alone"


async def test_summary_with_a_mistyped_link_says_it_does_not_look_like_one(telegram_api, config):
    async with bot_running(config):
        asked = telegram_api.group_message("/summary htp://broken", chat_id=GROUP)
        (reply,) = await telegram_api.wait_for(lambda: telegram_api.replies_to(asked), what="the answer")
    assert "htp://broken" in reply["text"] and "doesn't look like a link" in reply["text"]


async def test_news_given_a_link_digests_it_rather_than_searching_for_the_address(telegram_api, config, article_server):
    url = article_server.add_page("/local/harbour-bridge", article_page())
    async with bot_running(config):
        asked = telegram_api.group_message(f"/news {url}", chat_id=GROUP)
        (reply,) = await telegram_api.wait_for(lambda: telegram_api.replies_to(asked), what="the answer")
    assert entities_of(reply, "bold")[0] == "Council votes to rebuild the harbour bridge"
