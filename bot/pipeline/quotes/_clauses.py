"""Reporting clauses: the short stretch of text next to a quote with a reporting verb
("said", "told reporters", "according to", `», — заявил`) and who it says speaks, as
written: a name, a pronoun, a description, or no subject at all."""

from __future__ import annotations

import re

from bot.lang.en import DOCUMENTS, PARTICLES
from bot.pipeline.quotes._names import _POSSESSIVE, _is_name_token, _is_title, name_in
from bot.pipeline.quotes._phrases import (
    _PERSONAL,
    Clause,
    _capitalised,
    _first_chunk,
    _named_before_appositive,
    _noun_phrase,
    _only_a_name,
    _subject,
    _words,
    is_reporting_verb,
    last_sentence,
)
from bot.pipeline.quotes._rules import ENGLISH, Rules
from bot.pipeline.quotes._subjects import (
    _CONTRASTS,
    _SAID_FIRST,
    _SAYS,
    _SPOKEN_TO,
    _agent,
    _compound_noun,
    _finite_clause,
    _in_title,
    _infinitive_after,
    _joined_verb,
    _noun_before_verb,
    _opening_subject,
    _passive,
    _pronoun_before,
    _sentence_subject,
    _whose_words,
)


def clause_after(text: str, rules: Rules | None = None) -> Clause:
    """The reporting clause that follows a quote: `, he said.`, ` said Putin, adding`,
    `, Kim Jong Un, the leader, told reporters`, `», — заявил Путин.`"""
    rules = rules or ENGLISH
    words = _words(text[:160], rules)
    # Up to the end of the sentence.
    for i, w in enumerate(words):
        if w in ".!?" and i > 0:
            words = words[:i]
            break
        if w in "“\"«„":
            words = words[:i]
            break
    if words and words[0] in ".!?":
        return Clause()  # `…believe”. Labour's new posters say`: the sentence ended
    dashed = bool(words) and words[0] in "―—–-"
    while words and words[0] in ",:;―—–-)":
        words = words[1:]
    if not words:
        return Clause()
    if dashed and len(words) <= 8 and not any(is_reporting_verb(w, rules) for w in words):
        # `"…" ― Esther Tapia`, a signature line
        name = name_in(" ".join(_first_chunk(words, rules)), rules)[0]
        return Clause(name=name) if name else Clause()
    according = rules.according.match(" ".join(words))
    if according:
        taken = len(according.group().split())
        return _noun_phrase(_first_chunk(words[taken:], rules), rules)
    if words[0].lower() in rules.after_quote:
        # `„…“, so Scholz.`
        return _noun_phrase(_first_chunk(words[1:], rules), rules)
    if rules is ENGLISH and words[0].lower() in _CONTRASTS:
        # `…,” while Sen. Susan Collins said …`: another clause with its own subject.
        return Clause()
    for i, w in enumerate(words[:12]):
        if not is_reporting_verb(w, rules) or (i > 0 and _capitalised(w)) or _in_title(words, i, rules):
            continue
        if rules is ENGLISH and ((w.lower() not in _SAYS and _infinitive_after(words, i, rules)) or _noun_before_verb(words, i, rules)):
            # `donations began to pick up`: no speech; `the IMF report stated`: the
            # noun heads the subject of the verb after it.
            continue
        if _passive(words, i, rules):
            return Clause(unknown=True)  # `“…?” Trump was asked.`: someone else asked
        if rules is ENGLISH and i == 0 and w.lower().endswith("ing"):
            # `“…,” adding that it is why Trump “…”`: a participle goes with the
            # sentence's subject before the quote; a name after it is what was said.
            return Clause()
        inverted = _inverted(words, i, rules)
        if inverted is not None:
            return inverted  # `… that Mayor Dunn will deliver, said Linda Osei`
        subject = words[:i]
        if subject and _subject(subject, rules):
            clause = _noun_phrase(_subject(subject, rules), rules)
            if clause.found:
                return clause
            continue
        # Verb first: `said Putin`, `said the spokesman for X`, `a ajouté Laurent Fabius`.
        rest = words[i + 1 :]
        clause = _known_as(rest, rules) or _apposed_name(rest, rules) or _noun_phrase(_first_chunk(rest, rules), rules)
        if clause.found:
            return clause
        if rules.pro_drop and not _subject(subject, rules) and _nothing_named(rest, rules):
            return Clause(dropped=True)  # `“…”, explica.`
    return _named_then_described(words, rules)


def _named_then_described(words: list[str], rules: Rules) -> Clause:
    """`“…,” Scott Pruitt, the Republican attorney general of Oklahoma, said in a
    statement`: a name, an appositive however long, then the reporting verb right
    after the appositive's closing comma; the name speaks."""
    chunk = _first_chunk(words, rules)
    if not chunk or len(chunk) >= len(words) or words[len(chunk)] != "," or not _only_a_name(chunk, rules):
        return Clause()
    for j in range(len(chunk) + 1, len(words)):
        w = words[j]
        if w in ";:“”\"«»„":
            return Clause()
        if w == "," and j + 1 < len(words):
            following = words[j + 1]
            if is_reporting_verb(following, rules) and not following.lower().endswith("ing") and not _passive(words, j + 1, rules):
                name = name_in(" ".join(chunk), rules)[0]
                return Clause(name=name) if name else Clause()
    return Clause()


def _inverted(words: list[str], i: int, rules: Rules, *, to_end: bool = True) -> Clause | None:
    """`…, said Linda Osei, a housing advocate`, `…, says Karl Weber, is that`: a finite
    reporting verb right after a comma, then a name (or "the spokesman") that ends
    there: an inverted clause, whose name speaks, not one in the words before the comma
    (`… that Mayor Dunn will deliver, said Osei`). German and French set the verb
    first the same way (`…, sagte Merkel`, `…, a expliqué Fabius`). Not when the comma
    closes an appositive after the subject (`Smith, delivering the speech, asked the
    crowd`). `to_end`: the words end where the clause may end (not at a quote that
    goes on the sentence: `…, said Fiorina “was …”` names what was said about)."""
    comma = i - 1
    while comma > 0 and words[comma].lower() in rules.auxiliaries and words[comma].islower():
        comma -= 1  # `…, a expliqué Claire Morel`
    if comma < 0 or words[comma] != "," or words[i].lower().endswith("ing") or i + 1 >= len(words):
        return None
    if words[i].lower() in _TELLS or _named_before_appositive(words[: comma + 1], rules) or _stray_comma(words[:comma], rules):
        # `…,” shop owner Hayriye Evren, told Associated Press`: whom she told.
        return None
    rest = words[i + 1 :]
    apposed = _apposed_name(rest, rules)
    if apposed is not None:
        return apposed
    chunk = _first_chunk(rest, rules)
    if not chunk or (len(chunk) == len(rest) and not to_end):
        return None
    ends = len(chunk) == len(rest) or rest[len(chunk)] in ",.;:!?—–"
    if not ends and rest[len(chunk)].lower() not in rules.stop_after | rules.of_whom:
        return None  # `, saying Trump is wrong`, `, said Trump would win`: not a name alone
    if _only_a_name(chunk, rules):
        # `…, said Christine Link of the ACLU`, `…, sagte Anna Roth vom Bund`
        name = name_in(" ".join(chunk), rules)[0]
        return Clause(name=name) if name else None
    if ends and chunk[0].lower() in rules.articles and words[i].lower() not in _SPOKEN_TO and _plain_phrase(chunk, rules):
        clause = _noun_phrase(chunk, rules)
        return clause if clause.description else None
    return None


# Verbs whose object is whom the words were addressed to: never an inverted subject.
_TELLS = frozenset("told tell tells".split())


def _stray_comma(words: list[str], rules: Rules) -> bool:
    """`shop owner Hayriye Evren,` before the verb: a subject noun phrase ending in a
    name, set off by a stray comma (not a clause: `that Sanders can catch Clinton,`)."""
    chunk = words[max((k for k, w in enumerate(words) if not w[:1].isalnum()), default=-1) + 1 :]
    if not chunk or len(chunk) > 6 or not _is_name_token(chunk[-1], rules):
        return False
    closed = rules.stop_after | rules.clause_words | rules.conjunctions | rules.auxiliaries | rules.of_whom | rules.links
    return all(
        (_is_name_token(w, rules) or _is_title(w, rules) or (w.islower() and w.isalpha() and w not in closed))
        and not is_reporting_verb(w, rules)
        for w in chunk
    ) and name_in(" ".join(chunk), rules)[0] is not None


_KNOWN = re.compile(r"^(?:the|a|an)\s[^,.;:]{0,60}?\b(?:known|identified|referred to)\s+as\s+(\S+(?:\s+\S+){0,2})")


def _known_as(words: list[str], rules: Rules) -> Clause | None:
    """`said the base chief known as Bob`: the name the description gives."""
    m = _KNOWN.match(" ".join(words)) if rules is ENGLISH else None
    if not m:
        return None
    name_words = []
    for w in m.group(1).split():
        if not _is_name_token(w, rules):
            break
        name_words.append(w)
    name = name_in(" ".join(name_words), rules)[0] if name_words else None
    return Clause(name=name) if name else None


def _apposed_name(words: list[str], rules: Rules) -> Clause | None:
    """`apunta el presidente de la X, Juan José Rodríguez Sendín, …`, `said Rubio's
    deputy campaign manager, Rich Beeson, who …`: a description then the name it
    describes, set off by commas; the name speaks."""
    if not words or "," not in words:
        return None
    if words[0].lower() not in rules.quantifiers and not (_POSSESSIVE.search(words[0]) and _is_name_token(words[0], rules)):
        return None
    cut = words.index(",")
    if cut > 7 or any(w.lower() == "to" for w in words[:cut]):
        return None  # `urged the electorate to abandon outsiders, Trump in particular`: a clause
    name_words = _first_chunk(words[cut + 1 :], rules)
    if len(name_words) >= 2 and all(_is_name_token(w, rules) or w.lower() in PARTICLES for w in name_words):
        name = name_in(" ".join(name_words), rules)[0]
        if name:
            return Clause(name=name)
    return None


def _nothing_named(words: list[str], rules: Rules) -> bool:
    """After a subject-less verb: nothing, or only where and to whom it was said."""
    return not words or words[0].lower() in rules.stop_after or words[0] in ",;:"


def clause_before(text: str, rules: Rules | None = None) -> Clause:
    """The reporting clause that introduces a quote: `Putin said: `, `X told reporters, `,
    `According to X, `, `He added, `."""
    rules = rules or ENGLISH
    stripped = text.rstrip()
    if not stripped or stripped[-1] not in ",:—–-":
        # Colon-less run-ins like `He added “…”` also count, but only right after a verb.
        words = _words(stripped, rules)
        if not words or not is_reporting_verb(words[-1], rules):
            return Clause()
    whole = _words(last_sentence(stripped, rules), rules)
    sentence = re.split(r"[”\"»“]", last_sentence(stripped, rules))[-1]
    words = _words(sentence, rules)
    while words and words[-1] in ",:—–-":
        words = words[:-1]
    if not words:
        return Clause()
    joined = " ".join(words)
    whose = _whose_words(words, rules)
    if whose.found:
        return whose  # `Clinton's response was: “…”`
    if rules is ENGLISH and len(words) > 1 and words[0] in _SAID_FIRST:
        # `Said Dorothy Poynter, who grew up with him in the neighborhood, “…”`
        clause = _noun_phrase(_first_chunk(words[1:], rules), rules)
        if clause.name:
            return Clause(name=clause.name)
    if stripped.endswith(":"):
        dash = max((i for i, w in enumerate(words) if w in "-—–"), default=-1)
        signed = words[dash + 1 :]
        joint = [i for i, w in enumerate(signed) if w.lower() in rules.conjunctions]
        if dash >= 0 and len(joint) == 1 and _only_a_name(signed[: joint[0]], rules) and _only_a_name(signed[joint[0] + 1 :], rules):
            return Clause(unknown=True)  # `- Frank Newport and Jim Harter:`: no one speaker
        if dash >= 0 and signed and _only_a_name(signed, rules):
            # `Pollsters agree - Carl Bialik: "…"`: a digest's line, signed by the one
            # it quotes.
            name = name_in(" ".join(signed), rules)[0]
            return Clause(name=name) if name else Clause()
    m = rules.according.search(joined)
    if m:
        return _noun_phrase(_first_chunk(joined[m.end() :].split(), rules), rules)
    # The reporting verb nearest the quote; its subject is just before it.
    for i in range(len(words) - 1, max(-1, len(words) - 10), -1):
        if not is_reporting_verb(words[i], rules) or (i > 0 and _capitalised(words[i])) or _in_title(words, i, rules):
            continue  # `told the Washington Post`: a capital inside a sentence is a name
        if _compound_noun(words, i, rules):
            continue  # `when the private server email story broke`: "email" is a noun
        if words[i].lower() in DOCUMENTS and any(_POSSESSIVE.search(w) for w in words[max(0, i - 2) : i]):
            continue  # `From Bush's Facebook post:`: whose post, a noun
        if _passive(words, i, rules):
            # `Trump was asked, “…”`: the question is someone else's, named or not.
            return _agent(words, i, rules)
        if rules is ENGLISH and words[i].lower().endswith("ing") and i > 0:
            # `…, Spicer said, adding, “…”`, `Clinton responded on Facebook writing, “…”`:
            # the participle goes with the sentence's reporting verb and its subject.
            clause = _finite_clause(whole[: len(whole) - len(words) + i], rules)
            if clause.found or clause.unknown:
                return clause
        if words[i].lower().endswith("ing") and i > 0 and words[i - 1] == ",":
            # `Warren appeared on MSNBC and endorsed Clinton, saying, "…"`: the
            # sentence's subject speaks, whatever the sentence quoted on its way.
            clause = _sentence_subject(whole[: len(whole) - len(words) + i], rules)
            if clause.found:
                return clause
            if rules is ENGLISH:
                # No subject to be found (`Hillary Clinton's right-hand woman rallied
                # supporters, saying:`): the names on the way are not who speaks.
                return Clause(unknown=True)
        inverted = _inverted(words, i, rules)
        if inverted is not None:
            return inverted  # `Because of how the board wrote it, explained Weber, “…”`
        clause_start = max((k for k in range(i) if words[k] in ",;"), default=-1) + 1
        own = words[clause_start].lower() in rules.conjunctions and _noun_phrase(words[clause_start + 1 : i], rules).found
        if i > 0 and not own and (_joined_verb(words, i, rules) or words[clause_start].lower() in rules.conjunctions):
            # `De Blasio said the move was Bratton's and said, "…"`, `Trump joked that
            # Brooklyn was his answer, but went on to say`: the verbs share the
            # sentence's subject.
            own_clause = _sentence_subject(words[clause_start:i], rules)
            if own_clause.pronoun in _PERSONAL:
                return own_clause  # `Eight years ago, he supported Obama and said`
            clause = _sentence_subject(whole[: len(whole) - len(words) + i], rules)
            if clause.found:
                return clause
        pronoun = _pronoun_before(words, i, rules)
        if pronoun:
            # `he had publicly stated of politicians,`, `She said she asked the
            # question`: the pronoun is the verb's subject; what follows is no speaker.
            return Clause(pronoun=pronoun)
        chunk = _subject(words[:i], rules)
        clause = _noun_phrase(chunk[-8:], rules)
        if clause.found:
            return clause
        # Verb first, then the speaker: `Said Putin: "…"`, `added the spokesman`.
        clause = _noun_phrase(_first_chunk(words[i + 1 :], rules), rules)
        if clause.found:
            return clause
    if stripped.endswith(":") and len(words) <= 8:
        # `Kasich resisted: "…"`, `Rep. Trey Gowdy: "…"`: whoever the short lead-in names.
        return _sentence_subject(words, rules)
    if stripped.endswith(":"):
        # `When Wallace died in 1998, President Clinton released the following
        # statement:`: the subject of the lead-in's last clause.
        cuts = [i for i, w in enumerate(words) if w in ",;—–"]
        tail = words[cuts[-1] + 1 :] if cuts else words
        if 2 <= len(tail) <= 8:
            clause = _sentence_subject(tail, rules)
            opening = words[: cuts[0]] if cuts else []
            if not clause.found and opening and tail[0].islower() and _plain_phrase(opening, rules):
                # `The Clinton campaign, in a Q&A on the e-mail controversy, worded it
                # even more carefully:` the verb's subject opens the sentence.
                clause = _noun_phrase(opening, rules)
            return clause
        if rules is ENGLISH:
            # `Kaine has adopted the stance common among some Catholics in public
            # office:`, `Trump gestured …, then leaned in and boomed:`: the person the
            # lead-in opens with.
            return _opening_subject(words, rules)
    return Clause()


def _plain_phrase(words: list[str], rules: Rules) -> bool:
    """A short noun phrase and nothing more: no verb-like word ("The actor repeatedly
    refused"), no clause."""
    if not 1 <= len(words) <= 5 or (rules is ENGLISH and any(w.islower() and w.endswith(("ed", "ly")) for w in words)):
        return False
    return not any(is_reporting_verb(w, rules) or w.lower() in rules.clause_words for w in words)
