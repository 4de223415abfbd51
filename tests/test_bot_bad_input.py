"""Whatever people send, the bot answers sanely: no traceback, nothing silently lost."""

from __future__ import annotations

import random
from importlib import resources

from tests.botrig import (
    article_page,
    assert_valid_html,
    bot_running,
    config,  # noqa: F401 - fixture
    entities_of,
    local_resolver,
    telegram_api,  # noqa: F401 - fixture
)
from tests.fakebotapi import USER


# Everyone gets their own user: the per-user limit on work in flight is not under test here.
def reader(n: int) -> dict:
    return {**USER, "id": 3000 + n, "first_name": f"Reader {n}"}


def pasted_article(length: int) -> str:
    """The bundled sample article as a user pastes it, cut or padded to `length` characters."""
    text = (resources.files("bot") / "data" / "sample-article.txt").read_text(encoding="utf-8")
    while len(text) < length:
        text += "\n\n" + text
    return text[:length]


def junk(length: int) -> str:
    """What pasting a binary file looks like: random bytes read as Latin-1, the printable ones."""
    rng = random.Random(7)
    chars = (chr(rng.randrange(256)) for _ in range(length * 2))
    return "".join(c for c in chars if c.isprintable())[:length]


def no_tracebacks(replies: list[dict]) -> None:
    for reply in replies:
        assert "Traceback" not in reply["text"] and "Error" not in reply["text"]


async def test_long_texts_many_links_and_junk_all_get_sane_answers(telegram_api, config, article_server):
    story = article_server.add_page("/local/harbour-bridge", article_page())
    links = [article_server.add_page(f"/story/{i}", article_page(f"Story number {i} of the day")) for i in range(50)]
    longest = pasted_article(4096)
    with_link = pasted_article(4096 - len(story) - 1) + " " + story
    assert len(longest) == len(with_link) == 4096
    async with bot_running(config):
        asked = {
            "pasted": telegram_api.private_message(longest, user=reader(1)),
            "link at the end": telegram_api.private_message(with_link, user=reader(2)),
            "fifty links": telegram_api.private_message(" ".join(links), user=reader(3)),
            "junk": telegram_api.private_message(junk(600), user=reader(4)),
            "symbols": telegram_api.private_message("¯\\_(ツ)_/¯ 🤷🤷🤷 ???", user=reader(5)),
        }
        expected = {"pasted": 1, "link at the end": 1, "fifty links": 4, "junk": 1, "symbols": 1}
        for name, message in asked.items():
            await telegram_api.wait_for(
                lambda m=message, n=expected[name]: len(telegram_api.replies_to(m)) >= n, what=f"the answer to {name}"
            )
    replies = {name: telegram_api.replies_to(message) for name, message in asked.items()}

    # A pasted article of Telegram's full 4,096 characters is summarized as text.
    (pasted,) = replies["pasted"]
    assert entities_of(pasted, "bold") and "Putin" in pasted["text"]
    assert_valid_html(pasted)
    # A link at the very end of a full-length message is still found and summarized.
    assert "harbour bridge" in replies["link at the end"][0]["text"]
    # Fifty links: the first three, and the user told so.
    capped, *digests = replies["fifty links"]
    assert capped["text"].startswith("You sent 50 links; I summarize the first 3")
    assert [entities_of(d, "bold")[0] for d in digests] == [f"Story number {i} of the day" for i in range(3)]
    # Junk and symbols: a hint, nothing searched or fetched.
    for name in ("junk", "symbols"):
        (hint,) = replies[name]
        assert "link to a news article" in hint["text"]
    fetched = sorted(path for _, path in article_server.requests)
    assert fetched == ["/local/harbour-bridge", "/story/0", "/story/1", "/story/2"]
    no_tracebacks([r for rs in replies.values() for r in rs])
    assert not telegram_api.calls_of("sendMessage", ok=False)


async def test_international_domain_names_ports_and_fragments(telegram_api, config, article_server):
    article_server.add_page("/local/harbour-bridge", article_page())
    port = article_server.port
    # The local resolver knows пример.испытание (as DNS spells it) and nothing else.
    resolver = local_resolver({"xn--e1afmkfd.xn--80akhbyknj4f": "127.0.0.1", "127.0.0.1": "127.0.0.1"})
    async with bot_running(config, resolver=resolver):
        asked = {
            "idn": telegram_api.private_message(f"http://пример.испытание:{port}/local/harbour-bridge", user=reader(1)),
            "unknown idn": telegram_api.private_message("читайте http://новости.тест/статья", user=reader(2)),
            "fragment": telegram_api.private_message(
                f"http://127.0.0.1:{port}/local/harbour-bridge?utm_source=x#comments", user=reader(3)
            ),
        }
        for name, message in asked.items():
            await telegram_api.wait_for(lambda m=message: telegram_api.replies_to(m), what=f"the answer to {name}")
    replies = {name: telegram_api.replies_to(message)[0] for name, message in asked.items()}

    assert entities_of(replies["idn"], "bold")[0] == "Council votes to rebuild the harbour bridge"
    assert replies["unknown idn"]["text"] == "That website does not exist (unknown host name)."
    assert entities_of(replies["fragment"], "bold")[0] == "Council votes to rebuild the harbour bridge"
    # Fragments are the browser's business: none reached the server (two hosts, two pages).
    assert sorted(article_server.requests) == [
        ("GET", "/local/harbour-bridge"),
        ("GET", "/local/harbour-bridge?utm_source=x"),
    ]
    no_tracebacks(list(replies.values()))
