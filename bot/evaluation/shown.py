"""Scoring quotes as a reader sees them: where a shown quote stands in the source text,
whether its shown speaker names the gold speaker's person, and whether its words are
the gold quote's words.

The speaker rule is strict. A gold source names someone when it holds a capitalised
word that is no pronoun, determiner or title ("Clinton", "Mr. Obama", "the Trump
campaign"; not "he", "the judge"). Its *key* is the last such run of words:

- a person or an organisation named outright ("Hillary Clinton", "Trump's campaign
  manager Kellyanne Conway", "CNN"): the shown speaker is right when its last name
  word is the key's last word (the surname), and, when both give more than one name
  word, its first one agrees too ("Bill Clinton" is not "Hillary Clinton", a merged
  "Alexandria Redwood" is not "Michael Redwood");
- what follows a comma or a dash (an appositive, a relative clause) or a preposition
  is left out: "Robert Klein, chairman of the California Institute", "Phil Musser of IMGE"
  name Robert Klein and Phil Musser; "Ryan's office", "Hoff's letter" name Ryan and
  Hoff, who speak through them;
- a name that only qualifies a description ("the Trump campaign", "a Clinton aide"):
  right only when the shown speaker has the name and the description's head noun
  ("Trump campaign"); "Donald Trump" is another speaker. A document is no such noun:
  "A Government Accountability Office report" names the office that issued it, as
  "Hoff's letter" names Hoff;

- the gold source's own words are right too, where the annotators' source goes on with
  what qualifies it ("a longtime GOP data expert" for "a longtime GOP data expert who
  has worked for one of Trump's rivals") or was cut inside its last word ("the senior
  Cruz advise");
- a generational suffix is no name word: "Brent Bozell" is "Brent Bozell III".

Anything else shown (a place, a page label, a pronoun, a role, another person) is
wrong. Gold sources that name no one (pronouns, roles) are not scored by this rule.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from bot.lang.en import DOCUMENTS, TITLES

__all__ = [
    "Index", "Key", "NOT_NAMES", "SUFFIXES", "gold_key", "named_in_source", "same_person", "same_words",
    "shown_names", "source_words",
]

# Capitalised words that name no one: pronouns, determiners and the like.
NOT_NAMES = frozenset(
    """i me my mine we us our ours you your yours he him his she her hers it its they them their
    theirs this that these those the a an one some many most all both each another other others
    who whom whose which what someone somebody anyone everyone nobody no none said according""".split()
)
# Generational suffixes: "Brent Bozell III" is Brent Bozell, "Vann R. Newkirk II" Vann Newkirk.
SUFFIXES = frozenset("jr sr ii iii iv".split())
_TOKEN = re.compile(r"[^\W\d_][\w'’.-]*|[^\w\s]")
_POSSESSIVE = re.compile(r"['’]s?$")
_ALNUM = re.compile(r"\w+")
_QUALIFIER = re.compile(r"\s(?:of|at|from|for|with|who|in|on)\s")
# What a person issues their words through.
_ISSUED = (DOCUMENTS | {"office", "account", "page"}) - {"video", "ad"}


def _core(token: str) -> str:
    return _POSSESSIVE.sub("", token.strip(".-")).lower()


def _is_name(token: str) -> bool:
    core = _core(token)
    return bool(core) and token[0].isupper() and core not in NOT_NAMES and core not in TITLES and core not in SUFFIXES


@dataclass(frozen=True)
class Key:
    """Who a gold source names: name words, and the head noun they qualify, if any."""

    names: tuple[str, ...]
    head: str = ""


_REFLEXIVE = frozenset(("himself", "herself", "themselves"))


def gold_key(source: str) -> Key | None:
    """The person or organisation a gold source names; None when it names no one."""
    # The head of the phrase: an appositive or a relative clause after a comma (or set
    # off by dashes) describes it.
    chunks = [c for c in re.split(r",|\s[—–]\s|\s[—–]$", re.sub(r"\([^()]*\)", " ", source)) if c.strip()]
    head = chunks[0] if chunks else ""
    if len(chunks) >= 2 and any(_POSSESSIVE.search(w) for w in head.split()) and _only_names(chunks[1]):
        # "Clinton's campaign chairman, John Podesta", "Rep. Duncan Hunter's chief of
        # staff, Joe Kasper": the appositive names the speaker.
        head = chunks[1]
    # "Phil Musser of digital consulting firm IMGE": the prepositional phrase says where
    # (not in "Fight for $15 organizing director Kendall Fells": no name before it).
    before, *rest = _QUALIFIER.split(head, maxsplit=1)
    named = [i for i, t in enumerate(_TOKEN.findall(before)) if _is_name(t)]
    if rest and (len(named) >= 2 or any(i > 0 for i in named)):
        head = before
    tokens = _TOKEN.findall(head)
    runs: list[tuple[int, int]] = []
    i = 0
    while i < len(tokens):
        if _is_name(tokens[i]):
            j = i
            while j + 1 < len(tokens) and _is_name(tokens[j + 1]):
                j += 1
            runs.append((i, j))
            i = j + 1
        else:
            i += 1
    if not runs:
        return None
    first, last = runs[-1]
    names = tuple(_core(t) for t in tokens[first : last + 1])
    # "Cruz himself": the reflexive stresses the person, it names no noun.
    rest = [t for t in tokens[last + 1 :] if t.isalpha() and t.lower() not in _REFLEXIVE]
    possessive = bool(_POSSESSIVE.search(tokens[last])) and tokens[last][-1] != "."
    if rest and rest[0].islower() and (possessive or rest[0] not in ("said", "says", "told", "wrote")):
        if possessive and rest[-1].lower() in _ISSUED:
            return Key(names)  # "Ryan's office", "Hoff's letter": the person speaks through it
        if rest[0] in _ISSUED:
            # "A Government Accountability Office report released last year": the name
            # qualifies the document it issued, which speaks for it (the head is the
            # first noun, not the last word of what qualifies it, "year").
            return Key(names)
        # "the Trump campaign", "Clinton's spokesman": the name qualifies a noun.
        return Key(names, rest[-1].lower())
    return Key(names)


def _only_names(chunk: str) -> bool:
    tokens = [t for t in _TOKEN.findall(chunk) if t.isalpha() or t.endswith(".")]
    return len(tokens) >= 2 and all(_is_name(t) or _core(t) in TITLES for t in tokens)


def shown_names(speaker: str) -> tuple[str, ...]:
    """The name words of a shown speaker, titles and determiners left out."""
    return tuple(_core(t) for t in _TOKEN.findall(speaker) if _is_name(t))


def same_person(shown: str | None, key: Key) -> bool:
    """Does the shown speaker name the gold key's person (or organisation)?"""
    if not shown:
        return False
    names = shown_names(shown)
    if not names:
        return False
    if key.head:
        words = {_core(w) for w in _TOKEN.findall(shown)}
        return key.names[-1] in names and key.head in words
    if len(key.names) == 1 and len(names) >= 2 and names[0] == key.names[0]:
        return True  # "Peabody Energy" for "Peabody": an organisation's full name
    if names[-1] != key.names[-1]:
        return False
    # First names agree when both are given ("Bill" is not "Hillary Clinton"); a word
    # the gold keeps before the name ("Archbishop Aris Shirvanian") is no first name.
    return len(names) < 2 or len(key.names) < 2 or names[0] in key.names[:-1]


_QUALIFIES = re.compile(r"(?:,|\s(?:who|that|of|at|from|for|with|in|on)\s)")


def named_in_source(shown: str | None, source: str) -> bool:
    """Is the shown full name the name the gold source gives its speaker, behind a title
    or a description: "…National Executive Director Nihad Awad", "The leader of the
    Anti-Defamation League, Jonathan Greenblatt,"? Not a name after a preposition
    ("Butterfield of North Carolina") nor one inside a later qualifier."""
    if not shown or len(shown.split()) < 2:
        return False
    mine = " ".join(shown.split())
    for chunk in (c.strip() for c in source.split(",")):
        if chunk == mine:
            return True
        if chunk.endswith(" " + mine):
            before = chunk[: -len(mine)].split()
            return bool(before) and before[-1][:1].isupper()
    return False


def source_words(shown: str | None, source: str) -> bool:
    """Is the shown speaker the gold source's own description: the words before what
    qualifies it, or the whole of a source whose span was cut inside its last word?"""
    if not shown:
        return False
    mine = " ".join(shown.split()).strip(" ,").lower()
    theirs = " ".join(source.split()).strip(" ,").lower()
    if len(mine.split()) < 2 or len(theirs.split()) < 2:
        return False
    if mine.startswith(theirs):
        extra = mine[len(theirs) :]
        return len(extra) <= 2 and extra.isalpha()  # "adviser" for a span cut at "advise"
    return theirs.startswith(mine) and bool(_QUALIFIES.match(theirs, len(mine)))


# -- where a shown quote stands in the source ----------------------------------------


@dataclass(frozen=True)
class Index:
    """The source text's word characters, lower-cased, with their offsets: shown quotes
    (whitespace normalised, marks stripped, pieces joined with "…") are found by them."""

    key: str
    offsets: tuple[int, ...]

    @classmethod
    def of(cls, text: str) -> Index:
        chars: list[str] = [" "]
        offsets: list[int] = [0]
        for m in _ALNUM.finditer(text):
            chars.append(m.group().lower() + " ")
            offsets.extend(range(m.start(), m.end()))
            offsets.append(m.end())
        return cls("".join(chars), tuple(offsets))

    def locate(self, quote: str, start: int = 0) -> tuple[int, int] | None:
        """(start, end) in the source of a shown quote, from its first piece's first
        word to its last piece's last word; None when it is not there."""
        pieces = [p for p in quote.removesuffix(" …").split(" … ") if _ALNUM.search(p)]
        if not pieces:
            return None
        # Whole words: each starts after a space.
        first = " " + _words(pieces[0])
        at = self.key.find(first, self._key_at(start))
        if at < 0:
            at = self.key.find(first)
            if at < 0:
                return None
        if len(pieces) == 1:
            return self.offsets[at + 1], self.offsets[at + len(first) - 2] + 1
        last = " " + _words(pieces[-1])
        # The pieces of one quote stand close together: a first piece of a few common
        # words ("Safety,") found far earlier would make the span swallow the article.
        reach = 2 * len(_words(quote)) + 400
        for _ in range(50):
            end_at = self.key.find(last, at)
            if 0 <= end_at - at <= reach:
                return self.offsets[at + 1], self.offsets[end_at + len(last) - 2] + 1
            following = self.key.find(first, at + 1)
            if following < 0:
                break
            at = following
        return None

    def _key_at(self, offset: int) -> int:
        return max(0, bisect.bisect_left(self.offsets, offset) - 1)


def _words(text: str) -> str:
    return "".join(w.lower() + " " for w in _ALNUM.findall(text))


def same_words(shown: str, gold: str) -> bool:
    """The shown quote holds exactly the gold quote's words (a quote cut for length with
    " …" counts when what is shown is the start of the gold quote)."""
    mine = _ALNUM.findall(shown.lower())
    theirs = _ALNUM.findall(gold.lower())
    if shown.endswith(" …") and len(mine) < len(theirs):
        return mine == theirs[: len(mine)]
    return mine == theirs
