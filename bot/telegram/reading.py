"""What a user's words are: a topic, a pasted article, a link typed without entities, a
greeting or thanks, a link mistyped, or none of these.

Pure functions over plain strings; the handlers decide what to answer.
"""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import urlsplit

from bot.links import is_web_link, with_scheme
from bot.topics import MAX_QUERY_CHARS

__all__ = [
    "ACKNOWLEDGEMENTS", "GREETINGS", "MIN_TOPIC_CHARS", "PASTED_SENTENCES", "PASTED_WORDS", "THANKS",
    "THANKS_EMOJI", "is_pasted_article", "mistyped_link", "small_talk", "topic_of", "typed_link",
]

# A text this long, in sentences, is an article someone pasted, not a topic.
PASTED_WORDS = 60
PASTED_SENTENCES = 3
# Below this a topic matches almost anything (and an inline query is still being typed).
MIN_TOPIC_CHARS = 3

_WORD = re.compile(r"[^\W_]+")
_SENTENCE_END = re.compile(r"[.!?…](?:\s|$)")
_BARE_LINK = re.compile(r"[^\s/:]+(?:\.[^\s/:.]+)+\.?(?::\d{1,5})?(?:[/?#]\S*)?")


def topic_of(said: str) -> str | None:
    """The topic in a message, or None when it cannot be one: too short or long, no words
    in it, or mostly symbols (binary junk pasted by mistake, a row of emoji)."""
    query = " ".join(said.split())
    if not MIN_TOPIC_CHARS <= len(query) <= MAX_QUERY_CHARS:
        return None
    letters = sum(len(w) for w in _WORD.findall(query))
    visible = sum(1 for ch in query if not ch.isspace())
    if letters < MIN_TOPIC_CHARS or letters < 0.6 * visible:
        return None
    return query


def is_pasted_article(said: str) -> bool:
    return len(_WORD.findall(said)) >= PASTED_WORDS and len(_SENTENCE_END.findall(said)) >= PASTED_SENTENCES


def typed_link(said: str) -> str | None:
    """The first web link in text that carries no entities (an inline query).

    With a scheme anything web-like counts; without one the host must end in a real
    top-level label ("example.com/a", "пример.испытание"), so "U.S. news" stays a topic.
    """
    for token in said.split():
        token = token.strip("<>()[]{}\"'«»“”,;")
        if "://" in token:
            if is_web_link(token):
                return token
            continue
        if not _BARE_LINK.fullmatch(token):
            continue
        link = with_scheme(token)
        if not is_web_link(link):
            continue
        host = (urlsplit(link).hostname or "").rstrip(".")
        if _is_ip(host):
            return link
        top = host.rsplit(".", 1)[-1]
        if len(top) >= 2 and (top.isalpha() or top.startswith("xn--")):
            return link
    return None


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


# Small talk, in the languages the bot has tables for: a message made only of these words
# is a greeting or thanks, never a topic (news engines answer "thanks" with three stories).
GREETINGS = frozenset(
    """hello hi hey hiya howdy yo morning evening afternoon greetings hallo servus moin
    guten tag abend morgen привет здравствуйте здравствуй добрый день вечер утро""".split()
)
THANKS = frozenset(
    """thanks thank thx ty cheers danke dankeschön vielen dank merci спасибо благодарю спс""".split()
)
# A reader's "got it" after a digest ("great!", "ok", "отлично"): answered as thanks.
ACKNOWLEDGEMENTS = frozenset(
    """ok okay good great nice cool perfect awesome excellent super wow bye goodbye
    gut prima toll klasse perfekt tschüss ок окей хорошо отлично класс супер круто понятно ясно пока""".split()
)
# The same said with an emoji alone (skin tones and joiners aside).
THANKS_EMOJI = frozenset("👍🙏👌❤😊🙂👏💯🤝")
# Words that may come with them without making a topic of it.
_COURTESY = frozenset(
    """there you all so much very a lot again bot friend guys everyone folks
    du dir euch sehr schön schoen вам тебе большое огромное всем бот""".split()
)
_EMOJI_PARTS = frozenset("\ufe0f\u200d!.,") | {chr(c) for c in range(0x1F3FB, 0x1F400)}
_SMALL_TALK_WORDS = 6
# A token meant as a link but not one: a scheme-ish start ("htp://", "http:/", "https//")
# or "www." (a link typed right would have been taken before).
_LINKISH = re.compile(r"(?i)^(?:[a-z]{2,6}:/+\S|h?t+p+s?[:/]/*\S|www\.\S)")


def small_talk(said: str) -> str | None:
    """ "thanks", "greeting", or None when the words are more than small talk."""
    words = [w.lower() for w in _WORD.findall(said)]
    if not words:
        marks = [ch for ch in said if not ch.isspace() and ch not in _EMOJI_PARTS]
        return "thanks" if marks and all(ch in THANKS_EMOJI for ch in marks) else None
    if len(words) > _SMALL_TALK_WORDS:
        return None
    if any(w not in GREETINGS | THANKS | ACKNOWLEDGEMENTS | _COURTESY for w in words):
        return None
    if any(w in THANKS for w in words):
        return "thanks"
    if any(w in GREETINGS for w in words):
        return "greeting"
    if any(w in ACKNOWLEDGEMENTS for w in words):
        return "thanks"
    return None


def mistyped_link(said: str) -> str | None:
    """The first word that was meant as a link but is not a web link ("htp://broken")."""
    for token in said.split():
        token = token.strip("<>()[]{}\"'«»“”,;")
        if _LINKISH.match(token) and typed_link(token) is None:
            return token
    return None
