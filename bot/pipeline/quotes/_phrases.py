"""What a reporting clause is made of: its words, the noun phrase that names who speaks
(a name, a pronoun, a description such as "the Russian leader") and the subject
before a verb, as written (`Clause`)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.lang.en import DOCUMENTS, PARTICLES
from bot.pipeline.quotes._names import _PARENTHESES, _POSSESSIVE, _clean, _is_name_token, _is_title, name_in
from bot.pipeline.quotes._rules import ENGLISH, Rules
from bot.pipeline.sentences import sentence_ends


# The pronouns that stand for one person.
_PERSONAL = frozenset(("he", "she"))


@dataclass(frozen=True)
class Clause:
    """Who a reporting clause says is speaking, as written: a name, a pronoun or a description."""

    name: str | None = None
    pronoun: str | None = None
    description: tuple[str, ...] = ()
    phrase: str = ""  # a description as written: "the Russian leader"
    # No subject at all, as pro-drop languages write (`“…”, explica.`): he or she.
    dropped: bool = False
    # A reporting clause whose speaker cannot be told (`Trump was asked, “…”`, a
    # participle that may belong to either of two subjects): no one is shown.
    unknown: bool = False

    @property
    def found(self) -> bool:
        return bool(self.name or self.pronoun or self.description or self.dropped or self.unknown)


_SPLIT = re.compile(r"(?:[A-Z]\.){2,}|[\w'’-]+|[^\w\s]")


# "R-Ky.", "D-Mass.": a party and a state, whose full stop ends no sentence.
_PARTY_STATE = re.compile(r"^[A-Z]-[A-Z][a-z]{0,4}$")


# French inversion: "dit-il", "a-t-elle" -> the verb, then its pronoun.
_INVERSION = re.compile(r"^(\w+?)(?:-t)?-(il|elle|ils|elles|on)$", re.IGNORECASE)


def _words(text: str, rules: Rules | None = None) -> list[str]:
    rules = rules or ENGLISH
    words: list[str] = []
    for token in _SPLIT.findall(_PARENTHESES.sub(" ", text)):
        inverted = _INVERSION.match(token) if rules.inversion else None
        if inverted:
            words.extend(inverted.groups())
            continue
        if token == "." and words and (
            words[-1].lower() in rules.abbreviations
            or (len(words[-1]) == 1 and words[-1].isupper())
            or _PARTY_STATE.match(words[-1])
        ):
            words[-1] += "."
        else:
            words.append(token)
    return words


def is_reporting_verb(word: str, rules: Rules | None = None) -> bool:
    return word.lower() in (rules or ENGLISH).verbs


def _pronoun(word: str, rules: Rules) -> str | None:
    """The clause's pronoun in English terms: another language's "er", "он" is "he",
    "elle", "она" is "she", its plural "they"."""
    low = word.lower()
    if low in rules.personal:
        return low if rules is ENGLISH else "she" if low in rules.feminine else "he"
    if low in rules.pronouns:
        return low if rules is ENGLISH else "they"
    return None


def _noun_phrase(words: list[str], rules: Rules | None = None) -> Clause:
    """Speaker from the words of a subject or object noun phrase."""
    rules = rules or ENGLISH
    if not words:
        return Clause()
    if len(words) <= 2 and _pronoun(words[-1], rules):
        return Clause(pronoun=_pronoun(words[-1], rules))
    if len(words) <= 2 and _pronoun(words[0], rules):
        return Clause(pronoun=_pronoun(words[0], rules))  # "he also"
    if words[0].lower() in rules.conjunctions or (rules is ENGLISH and _participle(words)):
        return Clause()  # "and counties", "carrying signs": the clause ran on
    if words[0].lower() in _PLURAL and rules is ENGLISH:
        return Clause(pronoun="they")  # "both candidates", "several aides": no one person
    if words[0].lower() in rules.demonstratives and not name_in(" ".join(words), rules)[0]:
        return Clause(pronoun="he")  # "este hombre de 76 años": the person just named
    name, description = name_in(" ".join(words), rules)
    if name and rules is ENGLISH and _group_of(words, name):
        return Clause(pronoun="they")  # "Millbrook High School fans", "Trump supporters": no one person
    if name and words[0].lower() in rules.quantifiers:
        linked = [i for i, w in enumerate(words) if w.lower() in rules.of_whom]
        if linked and name.split()[0] in words[linked[0] + 1 :]:
            # "a longtime adviser to Trump" speaks, not Trump.
            return Clause(description=description, phrase=" ".join(words))
    if name and _whose(words, name, rules):
        # "Rubio's deputy campaign manager", "Obama's former strategist": his or her
        # someone speaks, not the person named (who speaks through a statement, an
        # office or an account).
        return Clause(description=description, phrase=" ".join(words))
    if name:
        return Clause(name=name, description=description)
    # "officials", "aides", "two analysts": bare plural nouns only; "at him" is no one.
    # Other languages: a few lower-case words that are no function words ("музыканты").
    plain = (
        len(words) <= 3
        and all(w.islower() and w.isalpha() for w in words)
        and (words[-1].endswith("s") if rules is ENGLISH else words[-1] not in rules.function_words)
        and words[0] not in rules.stop_after
    )
    if (words[0].lower() in rules.quantifiers and len(words) <= 6) or plain:
        # "the Russian leader", "one Democratic source", "officials"; not a clause
        # that runs on ("the senator said he rarely").
        # The last word is the head noun, even when it can be a verb too ("the email").
        clause_words = rules.clause_words
        if not any(is_reporting_verb(w, rules) or w.lower() in clause_words for w in words[:-1]) and words[-1].lower() not in clause_words:
            if words[-1].lower() in rules.quantifiers or words[-1].lower() in rules.of_whom or words[-1].lower() in rules.stop_after:
                return Clause(unknown=True)  # "the authors of the “…”": cut at a title's mark
            return Clause(description=description, phrase=" ".join(words))
    return Clause()


# Words ending in "s" that are no plural noun after a name ("Trump always says").
_NOT_PLURAL = frozenset("always sometimes perhaps afterwards nevertheless thus besides has was is does says its his this us yes himself herself themselves".split())


def _group_of(words: list[str], name: str) -> bool:
    """"Millbrook High School fans", "Trump supporters": a name, then the plural noun
    it qualifies, a group."""
    last = _clean(name.split()[-1])
    at = max((i for i, w in enumerate(words) if _clean(w) == last), default=-1)
    rest = words[at + 1 :] if at >= 0 else []
    if not 1 <= len(rest) <= 2 or not all(w.isalpha() and w.islower() for w in rest):
        return False
    head = rest[-1]
    if len(head) < 4 or head in _NOT_PLURAL or head in ENGLISH.function_words or is_reporting_verb(head):
        return False  # "Prince Saud as saying", "Trump always says"
    return head.endswith("s") and not head.endswith(("ss", "ly"))


# Quantifiers of more than one: "both candidates said" names no one speaker.
_PLURAL = frozenset("both two three four several many some all most few".split())


def _participle(words: list[str]) -> bool:
    """"carrying signs", "Appearing before": a participle, not a name ("Wyoming GOP")."""
    first = words[0]
    if not first.lower().endswith("ing") or len(first) < 5:
        return False
    return first.islower() or (len(words) > 1 and words[1].islower())


# What a person speaks through: "Ryan's office said", "Trump's Twitter account".
_THROUGH = DOCUMENTS | frozenset(("office", "account", "page", "feed", "website"))


def _whose(words: list[str], name: str, rules: Rules) -> bool:
    """Does the name stand as a possessive before the description's head noun?"""
    last = name.split()[-1]
    at = next((i for i, w in enumerate(words) if _clean(w) == last and _POSSESSIVE.search(w)), -1)
    if at < 0 or at + 1 >= len(words) or len(words) > 8:
        return False
    if any(not (w[:1].isupper() or w.lower() in rules.quantifiers) for w in words[:at]):
        return False  # "firm F-Secure by Google's security team": not one noun phrase
    rest = []
    for w in words[at + 1 :]:
        low = w.lower()
        if low in rules.stop_after or low in rules.of_whom:
            break  # "United's statement to the stock exchange": the head comes first
        if not (w.isalpha() or "-" in w) or not w.islower() or low in rules.quantifiers or is_reporting_verb(w, rules):
            return False  # a clause, not a noun phrase
        rest.append(low)
    return 0 < len(rest) <= 4 and rest[-1] not in _THROUGH


def _first_chunk(words: list[str], rules: Rules | None = None) -> list[str]:
    """"Mohamed El-Erian , chief adviser at Allianz" -> the part before the appositive."""
    rules = rules or ENGLISH
    out = []
    for i, w in enumerate(words):
        if w in ",;:.!?()—–\"“”«»„":
            break
        if rules is not ENGLISH and (w.lower() in rules.conjunctions or (out and is_reporting_verb(w, rules))):
            break  # "sagt auch Stenger und greift die Bahn an"
        if rules is not ENGLISH and not out and w.lower() in rules.auxiliaries:
            continue  # "sagt auch Stenger"
        if w.lower() in rules.stop_after and out:
            following = words[i + 1] if i + 1 < len(words) else ""
            # "a longtime adviser to Trump": whose adviser belongs to the description.
            whose = _is_name_token(following, rules) or following.lower() in rules.quantifiers or following.lower() == "both"
            if not (out[0].lower() in rules.quantifiers and w.lower() in rules.of_whom and whose):
                break
        out.append(w)
    return out


def _subject(words: list[str], rules: Rules | None = None) -> list[str]:
    """The subject of a reporting verb from the words before it: the last comma chunk,
    or around an appositive, the chunk with the name (`Clinton, the nominee, said`,
    `The chief executive, Laura Chen, said`)."""
    rules = rules or ENGLISH
    words = list(words)
    while words and words[-1].lower() in rules.auxiliaries and not words[-1][:1].isupper():
        # Not "…, Will urged": a capital inside the sentence is a name (George Will).
        words = words[:-1]
    opening = _named_before_appositive(words, rules)
    if opening:
        return opening
    appositive = bool(words) and words[-1] == ","
    chunks = [c.split() for c in " ".join(words).strip(" ,").split(" , ")]
    chunks = [c for c in chunks if c]
    if not chunks:
        return []
    if appositive and len(chunks) >= 2:
        first, second = chunks[-2], chunks[-1]
        if first[0].lower() in rules.links or first[0].lower() in rules.stop_after:
            # `After winning Ohio, Gov. John Kasich, said`: the first chunk is an adverbial.
            first = second
        if _only_a_name(second, rules) and not _only_a_name(first, rules):
            # `Clinton's campaign chairman, John Podesta, said`: the name the description gets.
            return second
        if name_in(" ".join(first), rules)[0] or not name_in(" ".join(second), rules)[0]:
            return first
        return second
    chunk = chunks[-1]
    if len(chunks) >= 2 and chunk[0].islower() and _only_a_name(chunks[-2], rules):
        # `Anthony Anton, president and CEO of the association stated`: an appositive
        # whose closing comma went missing; the name speaks.
        return chunks[-2]
    if len(chunks) >= 2 and chunks[-2][0].lower() in rules.determiners and all(w.islower() for w in chunks[-2] + chunk):
        # `the bespectacled, 71-year-old diplomat said`: adjectives listed with commas.
        chunk = chunks[-2] + chunk
    # `Audience members laughed when he urged`: the subject follows the last linking word.
    links = [i for i, w in enumerate(chunk) if w.lower() in rules.links]
    return chunk[links[-1] + 1 :] if links and links[-1] + 1 < len(chunk) else chunk


def _named_before_appositive(words: list[str], rules: Rules) -> list[str]:
    """`Anna Pruitt, who lives outside the county seat, Millbrook, said`, `On Friday,
    Harlan — named by the Gazette as … — told`: the verb closes an appositive (a comma
    or a dash before it), and the first chunk that is a name and nothing else (a
    leading "But" aside) is whom it describes; a name inside the appositive is not."""
    if not words or words[-1] not in ",—–":
        return []
    chunks: list[list[str]] = [[]]
    for w in words[:-1]:
        if w in ",—–":
            chunks.append([])
        else:
            chunks[-1].append(w)
    for chunk in [c for c in chunks if c][:-1]:
        # `But Cruz, …, said`, `As John Cornyn, the No. 2 in the leadership, put it:`
        bare = chunk[1:] if chunk[0].lower() in rules.conjunctions or chunk[0].lower() == "as" else chunk
        if (
            bare
            and _only_a_name(bare, rules)
            and not _is_title(bare[-1], rules)
            and not any(_POSSESSIVE.search(w) for w in bare)
        ):
            # Not "Argentina's President, Nestor Kirchner, said", nor "The head of the
            # unit, Acting Chief Superintendent, Mick Deats, said": descriptions.
            return bare
    return []


def _capitalised(word: str) -> bool:
    return word[:1].isupper()


def _only_a_name(words: list[str], rules: Rules) -> bool:
    """`Anthony Anton`, `Gov. Jane Doe`: name words (and titles) and nothing else."""
    return any(_is_name_token(w, rules) and not _is_title(w, rules) for w in words) and all(
        _is_name_token(w, rules) or w.lower() in PARTICLES for w in words
    )


def last_sentence(text: str, rules: Rules | None = None) -> str:
    """The last sentence of `text` (its unfinished tail, when it has one)."""
    ends = [e for e in sentence_ends(text, (rules or ENGLISH).language) if text[e:].strip()]
    return text[ends[-1] :].lstrip() if ends else text


def has_reporting_verb(text: str, rules: Rules | None = None) -> bool:
    rules = rules or ENGLISH
    return any(is_reporting_verb(w, rules) for w in _words(text, rules)) or bool(rules.according.search(text))
