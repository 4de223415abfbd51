"""What newsbot knows about each language it reads.

One file a language (`en.py`, `de.py`, `fr.py`, `es.py`, `it.py`, `pt.py`, `ru.py`,
`uk.py`) holds everything that language needs: the words of attribution (reporting
verbs, "according to", pronouns, titles), its quotation marks and its abbreviations.
To add a language, write its file and list it in `_LANGUAGES` below. This module keeps
what is shared: codes and names, stop words, the stemmer, and looking a language up.

A language without a file is read with English words: quotes are still found by
their marks, and a speaker only when an English-like clause names one.
"""

from __future__ import annotations

import functools
import pkgutil
import re
from collections.abc import Callable, Iterator

from bot.lang import de, en, es, fr, it, pt, ru, uk
from bot.lang._vocabulary import Abbreviations, Vocabulary

__all__ = [
    "Abbreviations", "LANGUAGE_NAMES", "VOCABULARIES", "Vocabulary", "abbreviations", "language_code",
    "language_name", "quote_marks", "reporting_verbs", "snowball_stemmer", "stop_words", "vocabulary",
]

# The languages newsbot has words for, English first.
_LANGUAGES = (en, de, fr, es, it, pt, ru, uk)
VOCABULARIES: dict[str, Vocabulary] = {module.VOCABULARY.code: module.VOCABULARY for module in _LANGUAGES}

# ISO 639-1 code -> the language name sumy's stemmers and stop-word lists use: ours,
# then languages sumy reads that we have no attribution words for.
LANGUAGE_NAMES = {code: v.name for code, v in VOCABULARIES.items()} | {
    "nl": "dutch",
    "sv": "swedish",
    "cs": "czech",
    "sk": "slovak",
    "pl": "polish",
    "el": "greek",
}
_CODES = {name: code for code, name in LANGUAGE_NAMES.items()}

def language_code(language: str | None) -> str:
    """'en', 'english', 'EN', None -> 'en' (English when unknown)."""
    if not language:
        return "en"
    language = language.strip().lower()
    if language in LANGUAGE_NAMES:
        return language
    return _CODES.get(language, language.split("-")[0].split("_")[0] or "en")


def language_name(language: str | None) -> str:
    """The name sumy expects ('english'); English for anything unknown."""
    return LANGUAGE_NAMES.get(language_code(language), "english")



@functools.lru_cache(maxsize=32)
def snowball_stemmer(language: str | None) -> Callable[[str], str] | None:
    """The Snowball stemmer for the language, or None when Snowball has none. One
    instance per language, shared by the summary and the quotes.

    PyStemmer is the Snowball project's own C build: the stems NLTK's pure-Python port
    gives (bar the newer rules that keep "organization" from "organ"), at C speed and
    without importing NLTK, a fifth of a second of every cold start. It keeps its own
    cache of recent words. It holds the GIL for a whole word, so threads may share it."""
    import Stemmer

    name = language_name(language)
    if name not in Stemmer.algorithms():
        return None
    stem_word = Stemmer.Stemmer(name).stemWord

    def stem(word: str) -> str:
        return stem_word(word.lower())  # Snowball's rules are written for lower case

    return stem


@functools.lru_cache(maxsize=32)
def stop_words(language: str | None) -> frozenset[str]:
    """The language's stop words: sumy's list, else ours, bot/data/stopwords-<name>.txt
    (Russian, which sumy lacks); empty for a language neither has."""
    name = language_name(language) if language_code(language) in _KNOWN else ""
    for package, path in (("sumy", f"data/stopwords/{name}.txt"), ("bot", f"data/stopwords-{name}.txt")):
        if not name:
            break
        try:
            data = pkgutil.get_data(package, path)
        except OSError:
            continue
        if data:
            return frozenset(_parse_stop_words(data.decode("utf-8")))
    return frozenset()


_ESCAPE = re.compile(r"\\x([0-9a-fA-F]{2})")


def _parse_stop_words(text: str) -> Iterator[str]:
    """One word a line; sumy's Portuguese list also puts two on a line ("o, quando")
    and writes accents as escapes ("tamb\\xe9m")."""
    for line in text.splitlines():
        if line.startswith("#"):
            continue
        for word in _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), line).split(","):
            if word.strip():
                yield word.strip().lower()


_KNOWN = frozenset(LANGUAGE_NAMES)


def vocabulary(language: str | None) -> Vocabulary | None:
    """The language's attribution words; None for languages we have none for."""
    if not language:
        return None
    return VOCABULARIES.get(language_code(language))


def reporting_verbs(language: str | None) -> frozenset[str]:
    found = vocabulary(language)
    return found.verbs if found else frozenset()


def quote_marks(language: str | None) -> tuple[tuple[str, str], ...]:
    return (vocabulary(language) or en.VOCABULARY).marks


def abbreviations(language: str | None) -> Abbreviations:
    """The language's abbreviations; none for a language without a file."""
    found = vocabulary(language)
    return found.abbreviations if found else Abbreviations()
