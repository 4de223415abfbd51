"""Who a name names: a quote's speaker or a name a reader typed, and whether two are one person.

The rule is the strict one a reader applies (and the quote harness scores by): two
names are one person when their surnames (last name words) are the same and, when both
give more than one name word, their first names agree ("Bill Clinton" is not "Hillary
Clinton"; "Clinton" is either). Name words are compared case- and accent-blind
("Sendin" is "Sendín"), an initial agreeing with the name it abbreviates.

A speaker is *trusted* as a person only when it names one outright: a run of
capitalised name words with nothing after it ("Kristi Noem", "Gov. Noem",
"Ukraine's envoy Kurt Volker"). A description that a name only qualifies ("the Trump
campaign", "a WeWork spokesperson", "Trump's Oct"), a role ("the judge"), a pronoun
or an institution ("Bundesministerium") names no person: its quotes are never listed
as anyone's.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Collection
from dataclasses import dataclass

from bot.lang import LANGUAGE_NAMES, vocabulary
from bot.lang.en import TITLES

__all__ = ["MAX_NAME_WORDS", "Person", "named_at", "person_of_speaker", "person_typed", "same_person"]

# Capitalised words that name no one, in English: pronouns, determiners and the like
# (the other languages' own come from their vocabularies).
_NOT_NAMES = frozenset(
    """i me my mine we us our ours you your yours he him his she her hers it its they them their
    theirs this that these those the a an one some many most all both each another other others
    who whom whose which what someone somebody anyone everyone nobody no none said""".split()
)
_TOKEN = re.compile(r"[^\W\d_][\w'’.-]*")
_POSSESSIVE = re.compile(r"['’]s?$")
# What follows a name in a speaker and describes it: "Phil Musser of IMGE", "X, chairman".
_QUALIFIER = re.compile(r"\s(?:of|at|from|for|with|who|in|on)\s|,|\(")
# A run longer than this is a headline or a phrase, not one person's name.
MAX_NAME_WORDS = 5


@dataclass(frozen=True)
class Person:
    """A person's name words, folded (lower case, no accents), the surname last."""

    names: tuple[str, ...]

    @property
    def surname(self) -> str:
        return self.names[-1]


@functools.cache
def _vocabulary_words() -> tuple[frozenset[str], frozenset[str]]:
    """(words that name no one, institutions' head words) in every language we read."""
    none = set(_NOT_NAMES) | set(TITLES)
    institutions: set[str] = set()
    for code in LANGUAGE_NAMES:
        found = vocabulary(code)
        if found is None:
            continue
        none |= found.titles | found.personal | found.pronouns | found.determiners | found.demonstratives
        institutions |= found.institutions
    return frozenset(_fold(w) for w in none), frozenset(_fold(w) for w in institutions)


def _fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _core(token: str) -> str:
    return _fold(_POSSESSIVE.sub("", token.strip(".-'’")))


def _is_name_word(token: str) -> bool:
    core = _core(token)
    return bool(core) and core not in _vocabulary_words()[0]


def person_of_speaker(speaker: str | None) -> Person | None:
    """The person a quote's speaker names outright; None for a description, a role, a
    pronoun or an institution (see the module's docstring)."""
    if not speaker:
        return None
    head = _QUALIFIER.split(speaker, maxsplit=1)[0]
    tokens = _TOKEN.findall(head)
    # The last run of capitalised name words.
    end = len(tokens)
    while end and not (tokens[end - 1][0].isupper() and _is_name_word(tokens[end - 1])):
        end -= 1
    start = end
    while start and tokens[start - 1][0].isupper() and _is_name_word(tokens[start - 1]):
        start -= 1
    run = tokens[start:end]
    if not run or len(run) > MAX_NAME_WORDS:
        return None
    # Words after the name: the name qualifies a description ("the Trump campaign").
    if any(t.isalpha() for t in tokens[end:]):
        return None
    # A possessive inside the run owns what follows: a thing ("Trump's Oct"), or a full
    # name ("Britain's Boris Johnson").
    owned = [i for i, t in enumerate(run[:-1]) if _POSSESSIVE.search(t)]
    if owned:
        run = run[owned[-1] + 1 :]
        if len(run) < 2:
            return None
    names = tuple(_core(t) for t in run)
    if names[-1] in _vocabulary_words()[1]:
        return None
    return Person(names)


def person_typed(text: str) -> Person | None:
    """The person a reader means by what they typed ("trump", "Mr. Raab", "Jennifer
    Williams"); None when it holds no name word."""
    names = tuple(_core(t) for t in _TOKEN.findall(text) if _is_name_word(t))
    if not names or len(names) > MAX_NAME_WORDS:
        return None
    return Person(names)


def named_at(text: str, surnames: Collection[str]) -> dict[str, list[int]]:
    """Where `text` writes each of the (folded) `surnames` as a capitalised word: its
    offsets, in one pass over the text."""
    found: dict[str, list[int]] = {name: [] for name in surnames}
    for match in _TOKEN.finditer(text):
        token = match.group()
        if token[0].isupper() and (core := _core(token)) in found:
            found[core].append(match.start())
    return found


def same_person(one: Person, other: Person) -> bool:
    """Same surname, and first names that agree when both give one."""
    if one.surname != other.surname:
        return False
    if len(one.names) < 2 or len(other.names) < 2:
        return True
    # A middle name may stand first in one of them ("Juan José Rodríguez Sendín").
    return any(_agree(one.names[0], n) for n in other.names[:-1]) or any(
        _agree(other.names[0], n) for n in one.names[:-1]
    )


def _agree(first: str, name: str) -> bool:
    if len(first) == 1 or len(name) == 1:
        return name.startswith(first) or first.startswith(name)
    return first == name
