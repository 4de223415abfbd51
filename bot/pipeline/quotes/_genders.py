"""A man or a woman, as far as the article tells: a title before the name ("Mrs.",
"Herr"), the first personal pronoun after a sentence's subject ("Warren said she…"),
a first name that tells."""

from __future__ import annotations

import bisect
import functools
import re
from typing import TYPE_CHECKING

from bot.pipeline.quotes._names import _WORD, _clean, _first_name, _is_name_token
from bot.pipeline.quotes._roles import _speaks
from bot.pipeline.quotes._rules import Rules

if TYPE_CHECKING:
    from bot.pipeline.quotes._cast import Mention


# The gender "he" and "she" say: the article's "m" and "f".
_GENDER_OF = {"he": "m", "she": "f"}


# Where a name's sentence ends or a quote begins: a pronoun past it is not the writer's
# word for the name ("Kunin said in an interview. “His demeanor…”").
_SENTENCE_OR_QUOTE = re.compile(r"[.!?]\s|[\"“”«»„]")


# How far after a name its pronoun is looked for: the rest of a short sentence.
_PRONOUN_REACH = 120
# Not "him" nor "her": after a subject they are mostly its verb's object, someone else
# ("Bill Clinton called her").
_GENDERED = {"his": "m", "himself": "m", "hers": "f", "herself": "f"}
_OBJECTS = frozenset(("him", "her"))


def _vote(
    genders: dict[str, list[int]], mention: Mention, words: list[str], text: str, end: int, rules: Rules, pronouns: list[int]
) -> None:
    """Evidence of a person's gender: a title just before the name ("Mrs.", "Herr"),
    and, for a sentence's subject, the first personal pronoun after it ("Warren said
    she…")."""
    # [masculine votes, feminine votes, seen as a person]
    votes = genders.setdefault(mention.full, [0, 0, 0])
    recent = words[-4:]
    # Most names have no title before them: one test in C says so.
    if not _marks(rules).isdisjoint(map(str.lower, map(_clean, recent))):
        for word in recent:
            low = _clean(word).lower()
            if low in rules.masculine_marks:
                votes[0] += 2
                votes[2] = 1  # titled as a man or a woman: a person
            elif low in rules.feminine_marks:
                votes[1] += 2
                votes[2] = 1
    if mention.possessive:
        return
    pronoun = _pronoun_after(text, end, rules, pronouns)
    # Whether the name is the sentence's subject only once a pronoun tells something.
    if pronoun is not None and mention.opens:
        votes[pronoun] += 1


@functools.lru_cache(maxsize=32)
def _marks(rules: Rules) -> frozenset[str]:
    """The titles that tell a man or a woman ("Mr.", "Mrs.", "Herr"), lower case."""
    return rules.masculine_marks | rules.feminine_marks


def _pronoun_after(text: str, end: int, rules: Rules, heads: list[int]) -> int | None:
    """The gender the first personal pronoun after a name says, as an index into the
    votes (0 a man, 1 a woman), None when none does before its sentence ends or a
    quote begins. `heads`: where the text's words that open with a pronoun start
    (`_pronoun_heads`), in order."""
    limit = min(len(text), end + _PRONOUN_REACH)
    first = _WORD.match(text, end, limit)
    at = bisect.bisect_left(heads, end)
    if not first and (at == len(heads) or heads[at] >= limit):
        # No word within reach opens with a pronoun, not even one cut at the reach:
        # most names. (A run ending inside a word is read in full below.)
        return None
    at = end
    if first:
        # The run ended inside a word ("U." of "U.S.A"): that word is read first.
        said = _pronoun_word(first.group(), end, first.end(), text, end, rules)
        if said != _GO_ON:
            return said
        at = first.end()
    for m in _deciding(rules).finditer(text, at, limit):
        if m.lastgroup == "stop":
            return None
        said = _pronoun_word(m.group(), m.start(), m.end(), text, end, rules)
        if said != _GO_ON:
            return said
    return None


_GO_ON = -1


def _pronoun_word(word: str, start: int, stop: int, text: str, end: int, rules: Rules) -> int | None:
    """What one word after a name (which ends at `end`) says of its gender: 0 or 1, None
    when it ends the search, `_GO_ON` when it says nothing."""
    low = word.lower()
    if low in rules.personal:
        if text[end:start].strip() == "," and _speaks(text, stop, rules):
            return None  # "South Carolina, he said, was …": a parenthesis; he is another
        return 1 if low in rules.feminine else 0
    if low in _GENDERED:
        return 0 if _GENDERED[low] == "m" else 1
    if low in _OBJECTS:
        return None  # "called her": someone else, or the subject's own; it does not say
    if word[:1].isupper() and start > end + 1 and _is_name_token(word, rules):
        return None  # someone else named first: the pronoun may be theirs
    return _GO_ON


def _pronoun_alternatives(rules: Rules) -> tuple[str, str]:
    """The pronouns `_pronoun_word` reads, as a regex alternation (longest first) and
    the class of their first letters."""
    pronouns = sorted(rules.personal | _GENDERED.keys() | _OBJECTS, key=len, reverse=True)
    firsts = "".join(sorted({p[0] for p in pronouns}))
    return "|".join(map(re.escape, pronouns)), f"[{re.escape(firsts)}]"


@functools.lru_cache(maxsize=32)
def _pronoun_heads(rules: Rules) -> re.Pattern[str]:
    """The start of every word that opens with a pronoun `_pronoun_word` reads ("he",
    "hello", "Sherman"): a word cut at the reach of the search may read as one."""
    pronouns, firsts = _pronoun_alternatives(rules)
    return re.compile(rf"(?=(?i:{firsts}))(?<!\w)(?i:{pronouns})")


@functools.lru_cache(maxsize=32)
def _deciding(rules: Rules) -> re.Pattern[str]:
    """What ends the search for a name's pronoun: the end of its sentence or a quote
    mark (`_SENTENCE_OR_QUOTE`), or a whole word that may decide it: a personal,
    gendered or object pronoun in any case, or a word not opening with a digit or an
    ASCII small letter (a superset of the capitalised ones; `_pronoun_word` reads
    each). Other words are skipped by the regex: reading each took a tenth of Cast.of.
    The lookahead fails most positions on their first character."""
    pronouns, firsts = _pronoun_alternatives(rules)
    return re.compile(
        rf"(?=[.!?\"“”«»„]|(?i:{firsts})|[^\W\da-z_])"
        rf"(?:(?P<stop>{_SENTENCE_OR_QUOTE.pattern})"
        rf"|(?<!\w)(?:(?i:{pronouns})|[^\W\da-z_]\w*)(?!\w))"
    )


def _decide(genders: dict[str, list[int]], rules: Rules) -> dict[str, str]:
    """A man or a woman, by the votes, a first name that tells counting three."""
    decided = {}
    for name, (m, f, _) in genders.items():
        words = name.split()
        if len(words) >= 2:
            m, f = m + 3 * _first_name(_clean(words[0]).lower(), "m", rules), f + 3 * _first_name(_clean(words[0]).lower(), "f", rules)
        if m != f:
            decided[name] = "m" if m > f else "f"
    return decided
