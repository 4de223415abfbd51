"""The attribution rules of one language: every word list the speaker rules consult,
built from the language's file in `bot.lang` (English's for English and for languages
newsbot has no words for)."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from bot.lang import Vocabulary, en, stop_words, vocabulary


# Compared and hashed by identity (one instance a language, see `rules_for`): the word
# tests cached on (word, rules) would otherwise hash forty word lists a call.
@dataclass(frozen=True, eq=False)
class Rules:
    """Every word list the attribution rules consult, for one language."""

    verbs: frozenset[str]
    # Verbs that name or judge their object in a partial quote's words ("called").
    naming: frozenset[str]
    according: re.Pattern[str]
    personal: frozenset[str]  # he, she
    pronouns: frozenset[str]  # every other pronoun a clause may start with
    titles: frozenset[str]
    function_words: frozenset[str]  # capitalised, yet never a name
    determiners: frozenset[str]  # open a description: "the Russian leader"
    quantifiers: frozenset[str]  # determiners, numbers, demonstratives
    articles: frozenset[str]  # left out of a description's words
    auxiliaries: frozenset[str]
    conjunctions: frozenset[str]
    stop_after: frozenset[str]  # end a noun phrase after a verb
    clause_words: frozenset[str]  # open a subordinate clause
    links: frozenset[str]  # link clauses: the subject follows the last one
    of_whom: frozenset[str]  # "an adviser to Trump", "un colaborador de Sánchez"
    abbreviations: frozenset[str]
    language: str = "en"  # ISO 639-1: whose sentence rules (bot.pipeline.sentences) apply
    title_endings: tuple[str, ...] = ()
    demonstratives: frozenset[str] = frozenset()
    after_quote: frozenset[str] = frozenset()
    institutions: frozenset[str] = frozenset()
    pro_drop: bool = False
    capitalised_nouns: bool = False
    inversion: bool = False  # French "dit-il"
    oblique_endings: tuple[str, ...] = ()
    patronymic_endings: tuple[str, ...] = ()
    # The "that" of reported speech: `tweeted that, "…"` reports content itself.
    complementizers: frozenset[str] = frozenset(("that",))
    feminine: frozenset[str] = frozenset(("she",))
    masculine_marks: frozenset[str] = frozenset()
    feminine_marks: frozenset[str] = frozenset()
    locatives: frozenset[str] = frozenset()
    # Page furniture's words ("Feed", "Trackback"): never in a speaker's name.
    furniture: frozenset[str] = en.FURNITURE
    masculine_names: frozenset[str] = frozenset()
    feminine_names: frozenset[str] = frozenset()
    masculine_name_endings: tuple[str, ...] = ()
    feminine_name_endings: tuple[str, ...] = ()
    asking: frozenset[str] = frozenset()  # "asked": the one asked answers
    adverbs: frozenset[str] = frozenset()  # "and later said"


def _according(phrases: tuple[str, ...] | list[str]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in sorted(phrases, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


ENGLISH = Rules(
    verbs=en.VERBS,
    naming=en.NAMING,
    according=_according(en.VOCABULARY.according),
    personal=en.VOCABULARY.personal,
    pronouns=en.VOCABULARY.pronouns,
    titles=en.TITLES,
    function_words=en.FUNCTION_WORDS,
    determiners=en.DETERMINERS,
    quantifiers=en.QUANTIFIERS,
    articles=frozenset(("the", "a", "an")),
    auxiliaries=en.AUXILIARIES,
    conjunctions=en.CONJUNCTIONS,
    stop_after=en.STOP_AFTER,
    clause_words=en.CLAUSE_WORDS,
    links=en.LINKS,
    of_whom=en.OF_WHOM,
    abbreviations=en.ABBREVIATIONS.all,
    institutions=en.INSTITUTIONS,
    masculine_marks=en.VOCABULARY.masculine_marks,
    feminine_marks=en.VOCABULARY.feminine_marks,
    locatives=en.VOCABULARY.locatives,
    masculine_names=en.MASCULINE_NAMES,
    feminine_names=en.FEMININE_NAMES,
    asking=en.VOCABULARY.asking,
    adverbs=en.VOCABULARY.adverbs,
)


@functools.lru_cache(maxsize=32)
def rules_for(language: str | None) -> Rules:
    """The attribution rules for a language (ISO 639-1); English for English, for
    unknown languages and for languages newsbot has no words for."""
    words = vocabulary(language)
    return ENGLISH if words is None or words.code == "en" else _rules(words)


def _rules(v: Vocabulary) -> Rules:
    articles = v.determiners - {"sein", "seine", "ihr", "ihre", "son", "sa", "ses", "leur", "leurs", "su", "sus", "suo", "sua", "seu"}
    return Rules(
        verbs=v.verbs,
        naming=v.naming,
        according=_according(v.according),
        personal=v.personal,
        pronouns=v.pronouns,
        # English titles stay: "President Trump" in a German article is still a title.
        titles=en.TITLES | v.titles,
        function_words=en.FUNCTION_WORDS | stop_words(v.code) | v.determiners | v.personal | v.pronouns | v.auxiliaries
        | v.conjunctions | v.prepositions | v.complementizers,
        determiners=v.determiners,
        quantifiers=v.determiners | v.demonstratives,
        articles=articles,
        auxiliaries=v.auxiliaries,
        conjunctions=v.conjunctions,
        stop_after=v.prepositions | v.complementizers,
        clause_words=v.complementizers | en.CLAUSE_WORDS,
        links=v.conjunctions | v.complementizers,
        of_whom=v.of_whom | en.OF_WHOM,
        abbreviations=en.ABBREVIATIONS.all | v.abbreviations.all,
        language=v.code,
        title_endings=v.title_endings,
        demonstratives=v.demonstratives,
        after_quote=v.after_quote,
        institutions=v.institutions,
        pro_drop=v.pro_drop,
        capitalised_nouns=v.capitalised_nouns,
        inversion=v.inversion,
        complementizers=v.complementizers,
        oblique_endings=v.oblique_endings,
        patronymic_endings=v.patronymic_endings,
        feminine=v.feminine,
        # English titles stay here too: "Mr. Trump" in a German article.
        masculine_marks=v.masculine_marks | en.VOCABULARY.masculine_marks,
        feminine_marks=v.feminine_marks | en.VOCABULARY.feminine_marks,
        # English first names too: news in every language names the same politicians.
        masculine_names=v.masculine_names | en.MASCULINE_NAMES,
        feminine_names=v.feminine_names | en.FEMININE_NAMES,
        locatives=v.locatives,
        masculine_name_endings=v.masculine_name_endings,
        feminine_name_endings=v.feminine_name_endings,
        asking=v.asking,
        adverbs=v.adverbs,
    )

