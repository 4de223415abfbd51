"""Reporting verbs in a sentence and their subjects: the last finite verb's subject
(`Spicer said`, `said Spicer`), a passive's agent (`was asked by`), the name a
sentence opens with, and the words that make a name no subject (a preposition's
object, a verb that is a title or a noun, a joined verb)."""

from __future__ import annotations

from bot.lang.en import DOCUMENTS, PARTICLES
from bot.pipeline.quotes._names import _POSSESSIVE, _clean, _is_name_token, _is_title, bare_form, name_in
from bot.pipeline.quotes._phrases import (
    _PERSONAL,
    _THROUGH,
    Clause,
    _capitalised,
    _first_chunk,
    _noun_phrase,
    _only_a_name,
    _participle,
    _pronoun,
    _subject,
    is_reporting_verb,
)
from bot.pipeline.quotes._rules import ENGLISH, Rules


# What someone says, as a noun: `Clinton's response was “…”`.
_UTTERANCES = frozenset("answer response reply retort words remark remarks comment message dictum motto slogan phrase quip".split())


def _whose_words(words: list[str], rules: Rules) -> Clause:
    """`Clinton's response was: “…”`, `Rubio's catch phrase in that election was that
    Crist “…”`, `in Forbes' words, “…”`: the name whose answer, words or phrase the
    quote gives, when the sentence runs from that noun to the quote with a plain `was`."""
    if rules is not ENGLISH:
        return Clause()
    for i, w in enumerate(words):
        if not (_POSSESSIVE.search(w) and _is_name_token(w, rules)) or (i + 1 < len(words) and _is_name_token(words[i + 1], rules)):
            continue
        j = i + 1
        while j < len(words) and j <= i + 3 and words[j].islower() and words[j] not in _UTTERANCES:
            j += 1
        if j >= len(words) or words[j] not in _UTTERANCES:
            continue
        rest = [x.lower() for x in words[j + 1 :] if x.isalpha()]
        if rest and rest[0] not in ("was", "is") and words[j + 1] not in ",:":
            if not ("was" in rest[:8] and words[j + 1].lower() in rules.stop_after | _GOVERNING):
                continue  # `Clinton's response to the critics made news`: no quote of hers
        name = name_in(" ".join(words[max(0, i - 3) : i + 1]), rules)[0]
        if name and not any(v for v in rest if is_reporting_verb(v, rules)):
            return Clause(name=name)
    return Clause()


# Verb-first clauses opening a sentence: `Said Dorothy Poynter, who …, “…”` (not
# `Asked by Stephanopoulos …, Carson said`).
_SAID_FIRST = frozenset("Said Says Added Adds Wrote Writes Recalled".split())


# Speech verbs whose "to" is whom or what the words met (`said to laughs`), never an infinitive.
_SAYS = frozenset("say says said tell tells told write writes wrote".split())


def _noun_before_verb(words: list[str], i: int, rules: Rules) -> bool:
    """`the IMF report stated`, `the campaign's email said`: a word that is a reporting
    verb and a noun, right before a finite reporting verb, is the noun."""
    if i + 1 >= len(words) or i == 0:
        return False
    following = words[i + 1]
    return following.islower() and is_reporting_verb(following, rules) and not following.endswith("ing") and words[i].lower() in DOCUMENTS


def _infinitive_after(words: list[str], i: int, rules: Rules) -> bool:
    """`continue to be`, `added to insist`: an English verb followed by an infinitive
    reports no speech (`explained to reporters`, `said to the crowd` do)."""
    if rules is not ENGLISH or i + 2 >= len(words) or words[i + 1].lower() != "to":
        return False
    following = words[i + 2]
    return following.islower() and following.isalpha() and following not in rules.quantifiers and following not in _ADDRESSEES


# Whom speech is addressed to, after "to": `told to reporters`, `said to supporters`.
_ADDRESSEES = frozenset("reporters journalists supporters voters members lawmakers students crowds audiences viewers".split())


# Forms of "be" before a past participle: a passive.
_BE = frozenset("was were is are been being be".split())
# Reporting verbs whose passive subject is the one spoken to.
_SPOKEN_TO = frozenset("asked told".split())


def _passive(words: list[str], i: int, rules: Rules) -> bool:
    """`Trump was asked`, `she was told`: the subject is who was spoken to."""
    return rules is ENGLISH and words[i].lower() in _SPOKEN_TO and i > 0 and words[i - 1].lower() in _BE


def _agent(words: list[str], i: int, rules: Rules) -> Clause:
    """Who asked, in a passive `was asked by …`: the name after "by" (`Sanders was
    asked by host Bill Maher, who …, “…”`); no one when none is given."""
    if i + 2 < len(words) and words[i + 1].lower() == "by":
        chunk = _first_chunk(words[i + 2 :], rules)
        clause = _noun_phrase(chunk, rules) if chunk and _only_a_name(chunk[-2:], rules) else Clause()
        if clause.name:
            return Clause(name=clause.name)
    return Clause(unknown=True)


def _in_title(words: list[str], i: int, rules: Rules) -> bool:
    """"Clinton press secretary Brian Fallon": a verb that is also a title word, before
    another title word or a name, belongs to the description."""
    if words[i].lower() not in rules.titles or i + 1 >= len(words):
        return False
    following = words[i + 1]
    return following.lower() in rules.titles or _is_name_token(following, rules)


def _finite_clause(words: list[str], rules: Rules) -> Clause:
    """The speaker of the last finite reporting verb in `words` (`Spicer said`, `said
    Spicer`), when nothing between it and the end starts another clause with a subject
    of its own (`He tweeted when Clinton ended the debate, remarking`: either may
    remark, so no one is told)."""
    for k in range(len(words) - 1, -1, -1):
        w = words[k]
        if not is_reporting_verb(w, rules) or w.lower().endswith("ing") or (k > 0 and _capitalised(w)):
            continue
        if k > 0 and (words[k - 1].lower() in rules.quantifiers or _POSSESSIVE.search(words[k - 1])):
            continue  # "Vargas' question", "the report": a noun
        if rules is ENGLISH and k > 0 and words[k - 1].lower() == "to":
            continue  # `Continuing to explain his perspective, Carson rejected`: no finite verb
        between = [x.lower() for x in words[k + 1 : -1]]
        if any(_subordinating(x, rules) for x in between):
            # Not a `that` clause: what the verb says (`Cruz said that there is “…,”
            # adding that`).
            return Clause(unknown=True)
        clause = _noun_phrase(_subject(words[:k], rules)[-8:], rules)
        if clause.name and _right_after_preposition(clause, words, k, rules):
            # `Butterfield of North Carolina said …, arguing`: not the state, and no
            # other name on the way either.
            return Clause(unknown=True)
        if clause.found:
            return clause
        return _noun_phrase(_first_chunk(words[k + 1 :], rules), rules)
    return Clause()


def _right_after_preposition(clause: Clause, words: list[str], k: int, rules: Rules) -> bool:
    """`… of North Carolina said`: the name found as the subject follows a preposition
    at once (not `Secretary of State Madeleine Albright said`, where "of" takes "State")."""
    assert clause.name
    at = next((i for i in range(k - 1, -1, -1) if _clean(words[i]) == clause.name.split()[0]), -1)
    return at > 0 and words[at - 1].islower() and _governed(words[at - 1 : at + 1], 1, rules)


_SUBORDINATORS = frozenset("after before because since until although though".split())


def _subordinating(word: str, rules: Rules) -> bool:
    """Does the (lower-case) word open a subordinate clause other than the "that" of
    what is said?"""
    return word in _SUBORDINATORS or (word in rules.clause_words and word not in rules.complementizers)


# Words opening a clause of its own after a quote: its subject says something else.
_CONTRASTS = frozenset("while whereas although though".split())


# Prepositions that put a name in an object's place, beyond those ending a noun phrase.
_GOVERNING = frozenset("of by into against than between among over under".split())


def _governed(words: list[str], i: int, rules: Rules) -> bool:
    """Is the name at `i` the object of a preposition or a verb's infinitive (`with
    journalist Matei Rosca`, `to bar Muslims`), not a subject? A lower-case
    preposition among the three words before it, with no punctuation between."""
    for w in reversed(words[max(0, i - 3) : i]):
        if not w[:1].isalpha():
            return False
        low = w.lower()
        if w.islower() and (low in rules.stop_after or low in rules.of_whom or (rules is ENGLISH and low in _GOVERNING)):
            return True
    return False


def _joined_verb(words: list[str], i: int, rules: Rules) -> bool:
    """Is the verb at `i` joined to the one before by a conjunction, adverbs between
    (`and said`, `and later said`)?"""
    k = i - 1
    while k > 0 and words[k].islower() and (words[k] in rules.adverbs or (rules is ENGLISH and words[k].endswith("ly"))):
        k -= 1
    return k >= 0 and words[k].lower() in rules.conjunctions


# Plurals without an -s, which take a bare verb ("people say").
_PLURALS = frozenset("people police children men women staff crowd public".split())


def _compound_noun(words: list[str], i: int, rules: Rules) -> bool:
    """An English bare verb form ("email", "report", "post") right after a singular
    noun is part of a compound noun ("the server email story", "a staff report"); a
    plural subject or a pronoun would make it a verb ("officials say", "they report")."""
    if rules is not ENGLISH or i == 0:
        return False
    before = words[i - 1]
    return (
        bare_form(words[i].lower(), rules)
        and before.isalpha()
        and before.islower()
        and not before.endswith("s")
        and before not in _PLURALS
        and before not in rules.auxiliaries
        and before not in rules.function_words
        and _pronoun(before, rules) is None
        and not before.endswith("ly")
    )


def _pronoun_before(words: list[str], i: int, rules: Rules) -> str | None:
    """A he/she right before the verb at `i`, auxiliaries and adverbs between
    (`he had publicly stated`)."""
    k = i - 1
    while k >= 0 and (words[k].lower() in rules.auxiliaries or (words[k].islower() and words[k].endswith("ly"))):
        k -= 1
    found = _pronoun(words[k], rules) if k >= 0 else None
    return found if found in _PERSONAL else None


def _sentence_subject(words: list[str], rules: Rules | None = None) -> Clause:
    """The first name in a sentence that some lowercase word (its verb) follows, after
    any leading adverbial (`In an interview with Matei Rosca last year, Lazar said`)."""
    rules = rules or ENGLISH
    while words and "," in words and (
        words[0].lower() in rules.stop_after or words[0].lower() in rules.links or (rules is ENGLISH and _participle(words))
    ):
        # `In June 2009, after Clinton suffered a concussion, Axelrod emailed`,
        # `Appearing before supporters, Suu Kyi said`: adverbials before the subject.
        words = words[words.index(",") + 1 :]
    lead = 1 if words and words[0].lower() in rules.conjunctions else 0
    if len(words) > lead and _pronoun(words[lead], rules) in _PERSONAL:
        # `but he gave the Texan a compliment:`, `he laughed and said`: the pronoun is
        # the subject, whatever name its verb goes on to.
        return Clause(pronoun=_pronoun(words[lead], rules))
    for i, word in enumerate(words):
        if not _is_name_token(word, rules) or _is_title(word, rules) or _governed(words, i, rules):
            continue
        j = i
        while j + 1 < len(words) and (_is_name_token(words[j + 1], rules) or words[j + 1].lower() in PARTICLES):
            j += 1
        owner = next((k for k in range(i, j + 1) if _POSSESSIVE.search(words[k])), -1)
        if owner >= 0 and j + 1 < len(words) and words[j + 1].lower() in _THROUGH:
            # `From Bush's Facebook post:`, `Hoff's letter makes a case:`: the owner
            # speaks through the medium.
            name = name_in(" ".join(words[i : owner + 1]), rules)[0]
            if name:
                return Clause(name=name)
        if _POSSESSIVE.search(words[j]):
            continue  # `Trump's proposal`, `Clinton's right-hand woman`: not who acts
        # `Huma Abedin, vice chairwoman …, emailed`: a full name opening the sentence,
        # then its appositive (not `Wait, it gets better:`).
        opening = (i == 0 or (i == 1 and words[0].lower() in rules.articles)) and j > i
        if j + 1 >= len(words) or (words[j + 1].islower() and words[j + 1] not in rules.titles) or (opening and words[j + 1] == ","):
            name = name_in(" ".join(words[i : j + 1]), rules)[0]
            if name:
                return Clause(name=name)
    if words and _pronoun(words[0], rules) in _PERSONAL:
        return Clause(pronoun=_pronoun(words[0], rules))
    return Clause()


def _opening_subject(words: list[str], rules: Rules) -> Clause:
    """The person a sentence opens with as its subject, after any leading adverbial:
    `Kasich bemoaned …`, `76-year-old Morton Blackwell, founder of …, endorsed …`,
    not a name further on (`She addressed Muslim-Americans`), nor a noun phrase a
    preposition goes on (`Attorneys for Clinton appeared`)."""
    while words and "," in words and (
        words[0].lower() in rules.stop_after or words[0].lower() in rules.links or words[0].lower() in rules.clause_words or _participle(words)
    ):
        words = words[words.index(",") + 1 :]  # `If anything, Ash argued`
    if words and words[0].lower() in rules.conjunctions:
        words = words[1:]
    if not words or _pronoun(words[0], rules):
        return Clause()  # `He dismissed …, saying`: whom "he" is, the sentence does not tell
    chunk: list[str] = []
    for w in words:
        if w == "," or not w[:1].isalnum() or (w.islower() and w.lower() not in rules.titles and w.lower() not in PARTICLES and not w[:1].isdigit()):
            break
        chunk.append(w)
    if not chunk or len(chunk) == len(words) or _POSSESSIVE.search(chunk[-1]) or chunk[0].lower() in rules.articles:
        return Clause()  # `The Rove ad hits …`: a name that qualifies a noun
    if _clean(chunk[0]).lower() in rules.function_words and not _is_title(chunk[0], rules):
        return Clause()  # `As Mitchell tried to … — Sanders responded`: a clause before the subject
    following = words[len(chunk)].lower()
    if following != "," and not following.isalpha():
        return Clause()  # a name cut short by a character it cannot hold
    if following in rules.stop_after or following in rules.of_whom or following in rules.conjunctions:
        return Clause()  # `Trump and his aides have …, telling`: more than one person
    clause = _noun_phrase(chunk, rules)
    return Clause(name=clause.name) if clause.name else Clause()
