"""Who said what: `/quotes <name>` over the articles the bot read, inline too, and the
"Who said what" button under a story several outlets carry.

The articles are real pages (tests/fixtures/quotes, see its SOURCE.md) served locally,
gzip-compressed as news sites send them; the search feed is a Google News search for
"meth" that finds one story at three outlets; the bot's clock is fixed to the day after.
"""

from __future__ import annotations

import asyncio
import re
import dataclasses
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from bot.config import RedisSettings, TopicsSettings
from tests.botrig import (
    assert_valid_html,
    bot_running,
    entities_of,
    make_config,
    telegram_api,  # noqa: F401 - fixture
)
from tests.fakebotapi import USER, check_message_text
from tests.servers import LocalServer
from tests.topics_feeds import feed_text

NOW = datetime(2019, 11, 20, 12, 0, tzinfo=UTC)
GROUP = -1001234567890
GERMAN = {**USER, "id": 1003, "first_name": "Greta", "language_code": "de"}


def linked(message: dict) -> list[str]:
    return [e["url"] for e in message.get("entities", []) if e["type"] == "text_link"]


async def ask(telegram_api, said: str, *, user: dict | None = None, answers: int = 1) -> list[dict]:
    """What the bot answers to `said`, once it has sent `answers` messages."""
    message = telegram_api.private_message(said, user=user)
    return await telegram_api.wait_for(
        lambda: (lambda got: got if len(got) >= answers else None)(telegram_api.replies_to(message)),
        what=f"{answers} answer(s) to {said!r}",
    )


async def read_the_impeachment_pages(telegram_api, article_server) -> tuple[str, str]:
    """The user sends two articles: the newer (20 Nov) first, then the older (18 Nov)."""
    newer = article_server.add_gzipped_fixture("deccanherald-impeachment")
    older = article_server.add_gzipped_fixture("politifact-tariffs")
    titles = ("Impeachment sham completely debunked: White House", "PolitiFact’s guide to understanding tariffs")
    for link, title in zip((newer, older), titles):
        (digest, *_) = await ask(telegram_api, link)
        assert digest["text"].startswith(title)  # a digest, not an error note
    return newer, older


async def test_quotes_lists_what_a_person_said_newest_first_with_outlet_and_link(telegram_api, tmp_path, article_server):
    config = make_config(telegram_api, tmp_path)
    async with bot_running(config):
        newer, older = await read_the_impeachment_pages(telegram_api, article_server)
        (answer,) = await ask(telegram_api, "/quotes Donald Trump")
        (surname_only,) = await ask(telegram_api, "/quotes trump")

    assert_valid_html(answer)
    assert answer["text"].startswith("What Donald Trump said — 2 quotes, newest first")
    quotes = entities_of(answer, "blockquote")
    # Newest article first, though it was read first: the Deccan Herald's of 20 November,
    # then PolitiFact's of 18 November; each quote with its speaker as the page names them.
    assert quotes[0].startswith("“A great day for Republicans, a great day for our Country!")
    assert quotes[0].endswith("— Donald Trump")
    assert "the great betrayal is over" in quotes[1] and quotes[1].endswith("— Donald Trump")
    assert linked(answer) == [newer, older]
    assert "DH News Service" in answer["text"] and "PolitiFact" in answer["text"]
    assert "20 Nov 2019" in answer["text"] and "18 Nov 2019" in answer["text"]
    # Stephanie Grisham's quote names Donald Trump ("…their hatred for Donald Trump…"):
    # it is hers, not his.
    assert "hatred for Donald Trump" not in answer["text"]
    # The surname alone finds the same person.
    assert entities_of(surname_only, "blockquote") == quotes


async def test_a_name_only_inside_someone_elses_quote_and_a_stranger_get_no_quotes_yet(
    telegram_api, tmp_path, article_server
):
    config = make_config(telegram_api, tmp_path)
    async with bot_running(config):
        await read_the_impeachment_pages(telegram_api, article_server)
        # "Chairman Schiff" appears on the page only inside Stephanie Grisham's quote.
        (schiff,) = await ask(telegram_api, "/quotes Adam Schiff")
        (grisham,) = await ask(telegram_api, "/quotes Stephanie Grisham")
        # Jennifer Williams testified; a John Williams said nothing here.
        (jennifer,) = await ask(telegram_api, "/quotes Jennifer Williams")
        (john,) = await ask(telegram_api, "/quotes John Williams")
        (stranger,) = await ask(telegram_api, "/quotes Greta Thunberg")
        (german,) = await ask(telegram_api, "/quotes Greta Thunberg", user=GERMAN)

    assert schiff["text"].startswith("No quotes from Adam Schiff yet.")
    assert "Chairman Schiff and the Democrats" in " ".join(entities_of(grisham, "blockquote"))
    assert all(q.endswith("— Stephanie Grisham") for q in entities_of(grisham, "blockquote"))
    assert entities_of(jennifer, "blockquote") and all(
        q.endswith("— Jennifer Williams") for q in entities_of(jennifer, "blockquote")
    )
    assert john["text"].startswith("No quotes from John Williams yet.")
    assert stranger["text"].startswith("No quotes from Greta Thunberg yet.")
    assert german["text"].startswith("Noch keine Zitate von Greta Thunberg.")


async def test_quotes_without_a_name_says_how_to_ask(telegram_api, tmp_path):
    config = make_config(telegram_api, tmp_path)
    async with bot_running(config):
        (alone,) = await ask(telegram_api, "/quotes")
        (pronoun,) = await ask(telegram_api, "/quotes he")

    assert alone["text"] == "Send /quotes followed by a name, like: /quotes Kristi Noem"
    assert pronoun["text"].startswith("“he” doesn't look like a person's name.")


async def test_quotes_typed_inline_offer_the_persons_quotes_or_a_hint(telegram_api, tmp_path, article_server):
    config = make_config(telegram_api, tmp_path)
    async with bot_running(config):
        newer, older = await read_the_impeachment_pages(telegram_api, article_server)
        found = await telegram_api.wait_for_inline_answer(telegram_api.inline_query("quotes Trump"))
        nobody = await telegram_api.wait_for_inline_answer(telegram_api.inline_query("quotes Adam Schiff"))

    (result,) = found["results"]
    assert result["title"] == "2 quotes from Trump"
    assert result["description"].startswith("“A great day for Republicans")
    content = result["input_message_content"]
    check_message_text(content["message_text"], content["parse_mode"])  # what Telegram would post
    assert newer in content["message_text"] and older in content["message_text"]
    assert content["message_text"].index(newer) < content["message_text"].index(older)
    assert nobody["results"] == []
    assert nobody["button"]["text"] == "No quotes from Adam Schiff yet"


# --- "Who said what" on a story several outlets carry ------------------------------------


@pytest.fixture
def aggregator() -> Iterator[LocalServer]:
    """The news search engine: its own site, apart from the outlets it links to."""
    with LocalServer() as server:
        yield server


def publish_the_meth_story(publisher: LocalServer, aggregator: LocalServer) -> TopicsSettings:
    for page in ("thehill-meth", "usatoday-meth", "nj-meth"):
        publisher.add_gzipped_fixture(page)
    search = feed_text("meth-search.xml", aggregator.url(""), publisher.url(""))
    aggregator.add_page("/search", search, "application/xml; charset=utf-8")
    return TopicsSettings(search_feeds=(aggregator.url("/search?q={query}"),), feeds=(), timeout=10.0)


async def test_who_said_what_shows_each_outlets_speakers_side_by_side(
    telegram_api, tmp_path, article_server, aggregator
):
    config = make_config(telegram_api, tmp_path, topics=publish_the_meth_story(article_server, aggregator))
    async with bot_running(config, clock=lambda: NOW):
        asked = telegram_api.group_message("/news meth", chat_id=GROUP)
        (news,) = await telegram_api.wait_for(lambda: telegram_api.replies_to(asked), what="the stories")
        # The story's own outlet was read for /news: its quotes are known already.
        (before,) = await ask(telegram_api, "/quotes Kristi Noem")
        pressed = telegram_api.press(news, "Who said what")
        await telegram_api.wait_for_callback_answer(pressed)
        (whosaid,) = await telegram_api.wait_for(
            lambda: [m for m in telegram_api.replies_to(news)], what="who said what"
        )
        # Reading the other outlets for the button put their quotes in the index too.
        (after,) = await ask(telegram_api, "/quotes Kristi Noem")

    assert "Also:" in news["text"] and "USA TODAY" in news["text"] and "nj.com" in news["text"]
    assert_valid_html(whosaid)
    lines = whosaid["text"].split("\n")
    assert lines[0] == "Who said what — South Dakota governor doubles down on 'meth, we're on it' anti-drug campaign"
    assert lines[1] == "Quoted by more than one outlet: Kristi Noem"
    # Per outlet, its name (linked to its article), then "speaker — quote" lines.
    outlets = entities_of(whosaid, "bold")[1:]
    assert outlets == ["The Hill", "Noem", "USA TODAY", "Kristi Noem", "nj.com", "Kristi Noem"]
    assert [u.rsplit("/", 1)[1] for u in linked(whosaid)] == ["thehill-meth", "usatoday-meth", "nj-meth"]
    said = [line for line in lines if line.startswith("•")]
    assert said[0].startswith("• Noem — “Meth is IN SD.")
    assert said[1].startswith("• Kristi Noem — “")
    assert said[2].startswith("• Kristi Noem — “Hey Twitter, the whole point of this ad campaign")
    # Nobody without a name is listed ("one user" on Twitter, quoted by The Hill).
    assert "one user" not in whosaid["text"]

    assert sorted(u.rsplit("/", 1)[1] for u in set(linked(before))) == ["thehill-meth"]
    assert sorted(u.rsplit("/", 1)[1] for u in set(linked(after))) == ["nj-meth", "thehill-meth", "usatoday-meth"]


async def test_who_said_what_from_an_answer_whose_key_is_gone_says_so(telegram_api, tmp_path, article_server, aggregator):
    config = make_config(telegram_api, tmp_path, topics=publish_the_meth_story(article_server, aggregator))
    async with bot_running(config, clock=lambda: NOW):
        asked = telegram_api.group_message("/news meth", chat_id=GROUP)
        (news,) = await telegram_api.wait_for(lambda: telegram_api.replies_to(asked), what="the stories")
    # The bot starts again on an empty store (its file was lost): the button's story is unknown.
    (tmp_path / "newsbot.sqlite3").unlink()
    async with bot_running(config, clock=lambda: NOW):
        answer = await telegram_api.wait_for_callback_answer(telegram_api.press(news, "Who said what"))

    assert answer["text"] == "That story is too old; ask for it again with /news."
    assert telegram_api.replies_to(news) == []


async def test_with_several_workers_on_one_redis_a_quote_read_by_one_is_found_by_another(
    telegram_api, tmp_path, article_server, redis_url
):
    pytest.importorskip("taskiq_redis")
    from bot.telegram.worker import working

    config = dataclasses.replace(make_config(telegram_api, tmp_path), redis=RedisSettings(url=redis_url, lease_seconds=2))
    stop = asyncio.Event()
    async with bot_running(config):
        workers = [asyncio.create_task(working(config, stop)) for _ in range(2)]
        try:
            link = article_server.add_gzipped_fixture("deccanherald-impeachment")
            (digest, *_) = await ask(telegram_api, link)
            # Another reader, in another chat: whichever worker answers reads the shared index.
            (answer,) = await ask(telegram_api, "/quotes Jennifer Williams", user={**USER, "id": 1004, "first_name": "Ada"})
        finally:
            stop.set()
            await asyncio.wait_for(asyncio.gather(*workers), 30)

    assert digest["text"].startswith("Impeachment sham completely debunked")
    assert answer["text"].startswith("What Jennifer Williams said — 3 quotes, newest first")
    assert linked(answer) == [link] * 3


async def test_a_name_the_page_writes_only_inside_a_quote_is_never_a_speaker(telegram_api, tmp_path, article_server):
    # IndieWire: Mary Steenburgen says "My husband [actor Ted Danson] and I were kind of
    # frightened about it." The next quote is her son's ("…," he said), but the quote
    # finder resolves "he" to Ted Danson, the last man named: in a quote.
    link = article_server.add_gzipped_fixture("indiewire-steenburgen")
    config = make_config(telegram_api, tmp_path)
    async with bot_running(config):
        (digest, *_) = await ask(telegram_api, link)
        (danson,) = await ask(telegram_api, "/quotes Ted Danson")
        # Ten of her fourteen quotes: too long for one message.
        steenburgen = await ask(telegram_api, "/quotes Mary Steenburgen", answers=2)

    assert digest["text"].startswith("The Wild Story of How Mary Steenburgen Wrote")
    assert danson["text"].startswith("No quotes from Ted Danson yet.")
    quotes = [q for message in steenburgen for q in entities_of(message, "blockquote")]
    assert len(quotes) == 10
    # The rest, "My husband [actor Ted Danson] and I …" among them, are counted, not lost.
    assert "…and 4 older quotes." in steenburgen[-1]["text"]
    assert all(q.endswith("— Mary Steenburgen") for q in quotes)
    assert all(linked(message) == [link] * len(entities_of(message, "blockquote")) for message in steenburgen)


async def test_quotes_inline_that_fill_more_than_one_message_say_how_many_are_left_out(
    telegram_api, tmp_path, article_server
):
    """An inline result is one message: the quotes that do not fit are counted, not lost."""
    from tests.botrig import STORY, article_page

    config = make_config(telegram_api, tmp_path)
    async with bot_running(config):
        for n in range(10):
            said = " ".join(f"the harbour plan part {n}-{k} will be finished on time" for k in range(8))
            quote = f'"{said[0].upper()}{said[1:]}," said Mayor Maria Vogel on Tuesday in the council hall.'
            title = f"Harbour bridge story number {n}: " + "the council debates the long plan again " * 2
            link = article_server.add_page(f"/bridge/{n}", article_page(title.strip(), [*STORY[:3], quote, *STORY[3:]]))
            (digest, *_) = await ask(telegram_api, link)
            assert digest["text"].startswith("Harbour bridge story")
        found = await telegram_api.wait_for_inline_answer(telegram_api.inline_query("quotes Maria Vogel"))

    (result,) = found["results"]
    assert result["title"] == "10 quotes from Maria Vogel"
    message = result["input_message_content"]["message_text"]
    check_message_text(message, result["input_message_content"]["parse_mode"])  # within Telegram's limit
    shown = len(set(re.findall(r"plan part (\d+)-", message)))
    assert 1 <= shown < 10  # ten long quotes do not fit in one message…
    left = re.search(r"…and (\d+) older quotes?\.", message)
    assert left and shown + int(left.group(1)) == 10  # …and the reader is told how many did not
