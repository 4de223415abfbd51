"""Who speaks a quote set inside the writer's own sentence (`Mr Wolfson said menswear
ranges were “a little too similar”`, `Bolton called Obama's policy “…”`): the
subject of the sentence's reporting or naming verb, or the name the sentence opens
with when its verb speaks."""

from __future__ import annotations

from bot.lang.en import DOCUMENTS, PARTICLES
from bot.pipeline.quotes._clauses import _inverted
from bot.pipeline.quotes._names import _POSSESSIVE, _clean, _is_name_token, _is_title
from bot.pipeline.quotes._phrases import (
    _PERSONAL,
    Clause,
    _capitalised,
    _noun_phrase,
    _subject,
    _words,
    is_reporting_verb,
    last_sentence,
)
from bot.pipeline.quotes._rules import ENGLISH, Rules
from bot.pipeline.quotes._subjects import (
    _BE,
    _SAYS,
    _agent,
    _finite_clause,
    _governed,
    _in_title,
    _infinitive_after,
    _opening_subject,
    _passive,
    _pronoun_before,
    _subordinating,
    _whose_words,
)


def sentence_speaker(text: str, rules: Rules | None = None) -> Clause:
    """Who speaks a quote set inside the writer's sentence that `text` runs up to: the
    subject of its last reporting verb (`Mr Wolfson said menswear ranges were “…”`;
    `he told the court, saying his finance chief had “…”` goes back to `he told`)."""
    rules = rules or ENGLISH
    words = _words(last_sentence(text, rules), rules)
    for k in range(len(words) - 1, -1, -1):
        w = words[k]
        naming = w.lower() in rules.naming and not is_reporting_verb(w, rules)
        if not (is_reporting_verb(w, rules) or naming) or (k > 0 and _capitalised(w)) or _in_title(words, k, rules):
            continue
        if k > 0 and (words[k - 1].lower() in rules.quantifiers or _POSSESSIVE.search(words[k - 1])):
            continue  # "his remarks": a noun
        if naming:
            clause = _namer(words, k, rules)
            if clause is None:
                continue
            return clause
        if (_infinitive_after(words, k, rules) and w.lower() not in _PROMISES) or (rules is ENGLISH and k > 0 and words[k - 1].lower() == "to" and not _goes_on_to(words, k)):
            # `Rubio will continue to be “…”`, `Perez was right to urge leaders “…”`: no
            # speech here; the sentence's reporting verb is further back.
            continue
        if _passive(words, k, rules):
            return _agent(words, k, rules)
        inverted = _inverted(words, k, rules, to_end=False)
        if inverted is not None:
            return inverted  # `The trouble with it, says Karl Weber, an engineer, is that “…”`
        if w.lower().endswith("ing"):
            if rules is not ENGLISH:
                return Clause()
            clause = _finite_clause(words[:k], rules)
            if not clause.found and _subject_acts(words, k):
                # `Kasich bemoaned America's reputation, saying that foreigners “…”`:
                # no reporting verb before the participle; the sentence's subject speaks.
                return _opening_subject(words[:k], rules)
            return clause
        if _another_clause_speaks(words[k + 1 :], rules):
            # `He tweeted when Clinton ended the debate, remarking “…”`: the quote may
            # belong to the clause in between.
            return Clause(unknown=True)
        pronoun = _pronoun_before(words, k, rules)
        if pronoun:
            return Clause(pronoun=pronoun)  # `South Carolina, he said, was “…”`
        if rules is ENGLISH and k > 0 and words[k - 1].lower() in ("and", "but"):
            # `Clinton, who was speaking to the mayors, did not mention Trump by name,
            # but told city leaders that “…”`: the verbs share the sentence's subject.
            clause = _opening_subject(words[: k - 1], rules)
            if clause.found:
                return clause
        clause = _noun_phrase(_subject(words[:k], rules)[-8:], rules)
        # Not a name governed by a preposition (`a rally in Ohio said to be …`), nor a
        # phrase that is no description.
        if clause.name:
            return clause if _ungoverned(clause, words, k, rules) or _clause_subject(clause.name, words, k, rules) else Clause()
        if clause.pronoun in _PERSONAL:
            # "He told the crowd that “…”": whom "he" stands for, when the story tells
            # (resolving it abstains when it does not).
            return clause
        if clause.phrase and clause.phrase.split()[0].lower() in rules.quantifiers:
            return clause
        return Clause()
    return _whose_words(words, rules)


def _another_clause_speaks(words: list[str], rules: Rules) -> bool:
    """After a reporting verb, a subordinate clause (when, because, who …) that a
    participle after a comma carries on (`tweeted when Clinton ended the debate,
    remarking “…”`): the quote may be the clause's subject's. A subordinate clause
    running up to the quote (`Clinton says she would name regulators who “…”`, `said
    it's unrealistic to think that if the U.S. pulls back, “…”`) is still what the
    verb's subject said."""
    opened = next(
        (i for i, x in enumerate(words) if _subordinating(x.lower(), rules)),
        -1,
    )
    if opened < 0:
        return False
    rest = words[opened + 1 :]
    return any(w == "," and j + 1 < len(rest) and rest[j + 1].islower() and rest[j + 1].endswith("ing") for j, w in enumerate(rest))


def _goes_on_to(words: list[str], k: int) -> bool:
    """`Pence went on to say he's “confident” that …, “…”`, `continued to insist`: the
    infinitive is the subject's next words, not an act of speech merely intended."""
    if k < 2 or words[k].lower() not in _SAYS | {"add", "insist", "argue", "note", "warn"}:
        return False
    before = words[k - 2].lower()
    # Not `going on to say`: the participle goes with the sentence's verb.
    return before in ("continued", "continues", "proceeded") or (before == "on" and k > 2 and words[k - 3].lower() in ("went", "goes"))


# Speech acts whose infinitive is what was said: `Trump pledged to make Apple “…”`.
_PROMISES = frozenset("pledge pledged pledges vow vowed vows promise promised promises".split())


def _ungoverned(clause: Clause, words: list[str], k: int, rules: Rules) -> bool:
    """Does the name found as the subject of the verb at `k` stand where a subject goes,
    not after a preposition (`a rally in Ohio said`, `Butterfield of North Carolina said`)?"""
    assert clause.name
    # Not a possessive on the way (`Trump, who … due to Trump's support …, said`).
    first = clause.name.split()[0]
    at = next((i for i in range(k - 1, -1, -1) if _clean(words[i]) == first and not _POSSESSIVE.search(words[i])), -1)
    if at < 0:  # `Sanders' fundraising email notes`: the owner speaks through it
        at = next((i for i in range(k - 1, -1, -1) if _clean(words[i]) == first), -1)
    return at >= 0 and not _governed(words, at, rules)


def _namer(words: list[str], k: int, rules: Rules) -> Clause | None:
    """Who speaks the partial quote a naming verb runs up to (`Bolton called Obama's
    ignorance “…”`, `Huckabee is labeling Obama's actions “…”`, `what aide Kevin
    Phillips called “…”`): its subject when it is a name, never its object
    (`Washington thanked Obama for “…”`). Passive (`was called “…”`): no one. None
    when the verb does not run up to the quote (`a clip the judge called
    “distasteful,” Santilli expressed a desire to “…”`) or its subject is no person
    (`a film called “…”`): the sentence's reporting verb, if any, is further back."""
    if not _runs_to_quote(words[k + 1 :]):
        return None
    before = words[k - 1].lower() if k > 0 else ""
    if w_ing := words[k].lower().endswith("ing"):
        if before not in _BE - {"been", "being", "be"}:
            # `Trump launched an attack, calling him “…”`: the sentence's subject.
            clause = _opening_subject(words[:k], rules) if _subject_acts(words, k) else Clause()
            return clause if clause.found else None
        k -= 1  # `Huckabee is labeling`: the subject is before "is"
    elif before in _BE or before.startswith("so-"):
        return Clause(unknown=True)
    if before in rules.conjunctions:
        return None  # `He says he respects Clinton and calls her “…”`: the first verb's subject
    if _another_clause_speaks(words[k + 1 + w_ing :], rules):
        return Clause(unknown=True)
    clause = _noun_phrase(_subject(words[:k], rules)[-8:], rules)
    if clause.name and _right_before(clause.name, words, k, rules):
        return clause if _ungoverned(clause, words, k, rules) or _relative_subject(clause.name, words, k) else Clause()
    # `He calls Christie's endorsement “…”`: such sentences often name the object's
    # owner just before, whom "he" would be taken for; a reporting verb further back
    # may tell (`Cross said he would vote for Clinton, whom he called “…”`).
    return None


def _runs_to_quote(words: list[str]) -> bool:
    """Do the words after a naming verb run up to the quote inside one clause (`called
    Trump a "pathological liar" who is "utterly amoral," a "bully" and a "…"`), with no
    comma outside quote marks, nor a name right after a closing mark starting a clause
    of its own (`called "distasteful," Santilli expressed a desire to "…"`)?"""
    inside = False
    for j, w in enumerate(words):
        if w in "“”\"":
            inside = w == "“" or (w == '"' and not inside)
            continue
        if inside:
            continue
        if w == ",":
            return False
        if w[:1].isupper() and j > 0 and words[j - 1] in "”\",":
            return False
    return True


# Open a relative clause whose subject follows: `for what Newt Gingrich called “…”`.
_WHAT = frozenset("what which whom".split())


def _clause_subject(name: str, words: list[str], k: int, rules: Rules) -> bool:
    """Does the name, right before the verb at `k`, open a clause of its own after a
    conjunction (`…, while Cruz said that the “…”`, `because Trump said`), not stand
    after a preposition (`a rally in Ohio said to be`)?"""
    if not _right_before(name, words, k, rules):
        return False
    first = name.split()[0]
    at = next((i for i in range(k - 1, -1, -1) if _clean(words[i]) == first), -1)
    while at > 0 and (_is_title(words[at - 1], rules) or _is_name_token(words[at - 1], rules)):
        at -= 1  # `while Sen. Ted Cruz said`
    return at > 0 and words[at - 1].islower() and words[at - 1] in (rules.links | rules.clause_words) - {"as", "that"}


def _relative_subject(name: str, words: list[str], k: int) -> bool:
    """Is the name the subject of a relative clause opened right before it (`led to
    what aide Kevin Phillips called`), not the object of the preposition before that?"""
    first = name.split()[0]
    at = next((i for i in range(k - 1, -1, -1) if _clean(words[i]) == first), -1)
    return any(w.lower() in _WHAT for w in words[max(0, at - 3) : at])


def _right_before(name: str, words: list[str], k: int, rules: Rules) -> bool:
    """Does the name stand right before the verb at `k` (auxiliaries and adverbs aside:
    `Obama has called`, `Bolton later called`), or before the appositive that ends
    there (`Huckabee, for his part, is labeling`)? Not a name further back (`Clinton
    says she appreciated Machado's courage through what she calls`)."""
    i = k - 1
    while i >= 0 and words[i].islower() and (words[i] in rules.auxiliaries or words[i] in _BE or words[i].endswith("ly")):
        i -= 1
    if i >= 0 and words[i] == ",":
        return True
    return i >= 0 and _clean(words[i]) == name.split()[-1]


# Prepositions before a gerund whose subject is the sentence's: `quashed rumors by
# tweeting that “…”`.
_GERUND_LEADS = frozenset("by while when after before".split())


def speaking_subject(sentence: str, rules: Rules | None = None) -> Clause:
    """The name a sentence opens with when its verb speaks or judges (`Valastro
    praised Christie's leadership …`, `Howard continued his scathing remarks.`): who
    a bare quote paragraph after it is likely to be (no he or she: the sentence does
    not tell whom)."""
    rules = rules or ENGLISH
    words = _words(sentence, rules)
    clause = _opening_subject(words, rules)
    if not clause.name:
        return Clause()
    at = next((i for i, w in enumerate(words) if w == "," or (w.islower() and w.lower() not in rules.titles and w.lower() not in PARTICLES)), len(words))
    if at < len(words) and words[at] == ",":
        # `Joan Pruitt, the head librarian, continued`: past the appositive
        at = next((i + 1 for i in range(at + 1, len(words)) if words[i] == ","), len(words))
    while at < len(words) and (words[at].endswith("ly") or words[at] in rules.auxiliaries):
        at += 1  # `Valastro also praised`, `Kasich later warned`
    if at >= len(words) or words[at].endswith("ing") or not (is_reporting_verb(words[at], rules) or words[at].lower() in rules.naming):
        return Clause()
    return clause


def _subject_acts(words: list[str], k: int) -> bool:
    """Is the participle at `k` the sentence subject's own act: after a comma
    (`Kasich bemoaned …, saying`), after `by` or `while` (`by tweeting that`), or
    telling what the subject's statement says (`Trump issued a statement saying`,
    `Obama released a statement Thursday night condemning`)?"""
    if _after_comma(words, k) or (k > 0 and words[k - 1].lower() in _GERUND_LEADS):
        return True
    for i in range(k - 1, max(-1, k - 5), -1):
        if not words[i].isalpha():
            return False
        if words[i].lower() in DOCUMENTS and i > 0 and words[i - 1].lower() in ("a", "an", "the"):
            return True
    return False


def _after_comma(words: list[str], k: int) -> bool:
    """A comma right before the word at `k`, or before a quote's closing mark there
    (`a “ridiculous proposition,” adding`)."""
    if k > 0 and words[k - 1] == ",":
        return True
    return k > 1 and words[k - 1] in "”\"’" and words[k - 2] == ","
