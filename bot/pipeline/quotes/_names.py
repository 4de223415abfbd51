"""Names in a stretch of text: capitalised token runs read as people's names, title
words ("President", "Sen.", "spokeswoman") peeled off into a description, and the word
tests the other name rules share (a name's word, a title, a first name that tells a
man or a woman). No models."""

from __future__ import annotations

import functools
import re

from bot.lang.en import PARTICLES, SUFFIXES
from bot.pipeline.quotes._rules import ENGLISH, Rules


_PARENTHESES = re.compile(r"\([^()]*\)")
_WORDS = re.compile(r"[\w'’.-]+|[,;:()]")
_ONE_WORD = re.compile(r"[\w'’.-]+")
_POSSESSIVE = re.compile(r"['’]s?$")


@functools.lru_cache(maxsize=16384)  # called for every token read, many times over; C-level cache hits
def _clean(token: str) -> str:
    """The word without a final full stop or possessive: "Putin's" -> "Putin"."""
    # What _POSSESSIVE.sub would do, without a regex call for every token read.
    token = token.rstrip(".")
    if token.endswith(("'", "’")):
        return token[:-1]
    if token.endswith(("'s", "’s")):
        return token[:-2]
    return token


# What a name compounds into, lower case after a hyphen: not "Mong-koo" or "Ross-van".
_COMPOUND_HEADS = frozenset(
    """style era led based backed born bred owned run funded made type like elect area wide
    winner winning winners maker makers nominated nominee seeded half year old years aged
    guitarist guitarists designate""".split()
)


def _is_name_token(token: str, rules: Rules | None = None) -> bool:
    return _name_token(token, rules or ENGLISH)


@functools.lru_cache(maxsize=16384)  # every capitalised word, read many times over
def _name_token(token: str, rules: Rules) -> bool:
    core = _clean(token)
    function_words = rules.function_words
    if not core or not core[0].isupper() or core.lower() in function_words:
        return False
    if any(part in _COMPOUND_HEADS for part in core.split("-")[1:]):
        return False  # "Trump-style", "Paris-based", "Oscar-winner": a word made of a name
    return len(core) == 1 or any(c.islower() for c in core)


@functools.lru_cache(maxsize=16384)  # every word before a name, read many times over
def _is_title(word: str, rules: Rules) -> bool:
    """"Senator", "Bundesverkehrsminister", "Flixbus-Manager", "Editor-in-Chief": a
    title, not a name."""
    low = _clean(word).lower()
    if "-" in low and low.split("-", 1)[0] in rules.titles and low.split("-", 1)[1] in _TITLE_TAILS:
        return True  # "Editor-in-Chief", "Commander-in-Chief", "Attorney-at-Law"
    return low in rules.titles or (bool(rules.title_endings) and low.endswith(rules.title_endings))


_TITLE_TAILS = frozenset(("in-chief", "at-large", "at-law", "general", "elect", "designate"))


def name_in(phrase: str, rules: Rules | None = None) -> tuple[str | None, tuple[str, ...]]:
    """The person's name in a noun phrase, and the description words around it.

    "White House press secretary Josh Earnest" -> ("Josh Earnest", ("white", "house", "press", "secretary"))
    "the Russian leader" -> (None, ("russian", "leader"))
    """
    rules = rules or ENGLISH
    if " " not in phrase:
        one = _one_word(phrase, rules)
        if one is not None:
            return one
    words = [w for w in _WORDS.findall(_PARENTHESES.sub(" ", phrase) if "(" in phrase else phrase) if w not in "()"]
    if len(words) >= 2 and not rules.oblique_endings and _plain_name(words, rules):
        # "Barack Obama", "Kim Jong Un's": what the reading below makes of name words
        # alone, no title, owner, particle or full stop among them, without it.
        return _POSSESSIVE.sub("", " ".join(words)), ()
    runs: list[list[str]] = []
    run: list[str] = []
    for at, word in enumerate(words):
        low = _clean(word).lower()
        if (
            _name_token(word, rules)
            or (run and (low in PARTICLES or word[:-1].lower() in PARTICLES))
            or _acronym_before_name(words, at, rules)
        ):
            run.append(word)
            # "Madison. Eddie Griffin": a full stop ends the name unless it ends an initial.
            if word.endswith(".") and len(word) > 2 and low not in rules.abbreviations:
                runs.append(run)
                run = []
        else:
            if run:
                runs.append(run)
            run = []
    if run:
        runs.append(run)
    best: list[str] = []
    if runs and words and words[-1] is not runs[-1][-1] and words[0].lower() in rules.quantifiers:
        # "the Russian leader", "the Trump campaign", "one Trump confidant": a
        # capitalised modifier of a description, not the speaker's name.
        last = words.index(runs[-1][-1]) if runs[-1][-1] in words else -1
        if last >= 0 and all(w.islower() for w in words[last + 1 :] if w.isalpha()):
            runs = []
    if rules.capitalised_nouns:
        # German capitalises every noun: "der Sprecher", "das Ministerium" are not names.
        runs = [run for run in runs if not _common_noun(run, words, rules)]
    whole: list[str] = []
    for candidate in runs:
        if best and (len(whole) >= 2 or _after_title(whole, words, rules)) and _followed_by_of(best, words):
            # `Sen. Tammy Baldwin of Wisconsin`, `Mr. Morgan of the Sierra Club`: the
            # person (a full name, or a titled one), not where he or she is from.
            break
        whole = candidate
        # Peel titles off the front ("Press Secretary Josh Earnest"), never the whole
        # run: "Amy Pope" keeps her surname.
        titled = [i for i, w in enumerate(candidate[:-1]) if _is_title(w, rules)]
        if titled and any(_clean(w).lower() not in SUFFIXES for w in candidate[titled[-1] + 1 :]):
            candidate = candidate[titled[-1] + 1 :]
        while candidate and _clean(candidate[-1]).lower() in PARTICLES:
            candidate = candidate[:-1]
        owners = [i for i, w in enumerate(candidate[:-1]) if w.endswith(("'s", "’s"))]
        if owners:
            candidate = candidate[owners[-1] + 1 :]  # "ABN Amro's Eddie Wong" -> "Eddie Wong"
        if rules.oblique_endings and len(candidate) == 3 and _genitive_lead(candidate, rules):
            candidate = candidate[1:]  # "России Владимир Путин" -> "Владимир Путин"
        if len(candidate) == 1 and _is_title(candidate[0], rules):
            continue
        if candidate:
            best = candidate  # the last run is the one nearest the verb / after the title
    taken = set(best)
    lowered = (_clean(w).lower() for w in words if w not in taken and w not in ",;:")
    description = tuple(low for low in lowered if low not in rules.articles)
    if not best:
        return None, description
    name = " ".join(best)
    # A trailing possessive ("Trump's campaign") still names Trump.
    if not name.endswith(" Jr."):
        name = _POSSESSIVE.sub("", name.rstrip("."))
    return name, description


@functools.lru_cache(maxsize=16384)  # a word, as `_clean`: "The", "Trump", "U.S." recur across articles
def _one_word(word: str, rules: Rules) -> tuple[str | None, tuple[str, ...]] | None:
    """`name_in` of a one-word phrase ("Putin's", "The", "U.S."), as the phrase reading
    makes of it, without it; None for a phrase that is not one word."""
    if not _ONE_WORD.fullmatch(word):
        return None
    low = _clean(word).lower()
    if _name_token(word, rules) and low not in PARTICLES and not _is_title(word, rules):
        return _POSSESSIVE.sub("", word.rstrip(".")), ()
    return None, (() if low in rules.articles else (low,))


def _plain_name(words: list[str], rules: Rules) -> bool:
    """Name words only: no full stop (an initial, "Jr.", a sentence's end), no title or
    owner before the last word ("Sen.", "Amro's"), no particle at the end."""
    return (
        all(_name_token(w, rules) and not w.endswith(".") for w in words)
        and not any(_is_title(w, rules) or w.endswith(("'s", "’s")) for w in words[:-1])
        and _clean(words[-1]).lower() not in PARTICLES
    )


def _acronym_before_name(words: list[str], at: int, rules: Rules) -> bool:
    """"CBS News", "ABN Amro": an acronym and one name word, an organisation's name (not
    "EADS Philippe Camus", an organisation's man)."""
    word = words[at]
    following = words[at + 1] if at + 1 < len(words) else ""
    after = words[at + 2] if at + 2 < len(words) else ""
    return (
        3 <= len(word) <= 5
        and word.isascii()
        and word.isalpha()
        and word.isupper()
        and _is_name_token(following, rules)
        and not _is_title(following, rules)
        and not _is_name_token(after, rules)
    )


_OF = frozenset(("of", "from"))


def _after_title(run: list[str], words: list[str], rules: Rules) -> bool:
    at = next((i for i, w in enumerate(words) if w is run[0]), -1)
    return at > 0 and _is_title(words[at - 1], rules)


def _followed_by_of(run: list[str], words: list[str]) -> bool:
    at = next((i for i, w in enumerate(words) if w is run[-1]), -1)
    return 0 <= at < len(words) - 1 and words[at + 1] in _OF


def _genitive_lead(run: list[str], rules: Rules) -> bool:
    first, middle = _clean(run[0]).lower(), _clean(run[1]).lower()
    return first.endswith(rules.oblique_endings) and not middle.endswith(rules.patronymic_endings)


def _common_noun(run: list[str], words: list[str], rules: Rules) -> bool:
    """A single capitalised word right after an article: a noun ("der Sprecher")."""
    if len(run) != 1:
        return False
    at = next((i for i, w in enumerate(words) if w is run[0]), -1)
    return at > 0 and words[at - 1].lower() in rules.determiners


def bare_form(verb: str, rules: Rules) -> bool:
    """An English reporting verb's bare form ("state", "post", "say", "email"): after
    one person's name, or opening a sentence ("Post Editor Martin Baron"), a noun."""
    return rules is ENGLISH and any(verb + ending in rules.verbs for ending in ("s", "es", "d", "ed"))


def _first_name(first: str, gender: str, rules: Rules) -> bool:
    if gender == "m":
        endings = rules.masculine_name_endings
        return first in rules.masculine_names or bool(endings and first.endswith(endings))
    endings = rules.feminine_name_endings
    return first in rules.feminine_names or bool(endings and first.endswith(endings))


_WORD = re.compile(r"\w+")
