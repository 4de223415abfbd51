"""Reporting clauses: the short stretch of text next to a quote with a reporting verb
("said", "told reporters", "according to", `», — заявил`) and who it says speaks, as
written: a name, a pronoun, a description, or no subject at all."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.lang.en import PARTICLES
from bot.lang.en import DOCUMENTS
from bot.pipeline.quotes._names import _PARENTHESES, _clean, _is_name_token, _is_title, bare_form, name_in
from bot.pipeline.quotes._rules import ENGLISH, Rules
from bot.pipeline.sentences import sentence_ends

_POSSESSIVE_END = re.compile(r"['’]s?$")
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
    at = next((i for i, w in enumerate(words) if _clean(w) == last and _POSSESSIVE_END.search(w)), -1)
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
            and not any(_POSSESSIVE_END.search(w) for w in bare)
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
    if words[0].lower() not in rules.quantifiers and not (_POSSESSIVE_END.search(words[0]) and _is_name_token(words[0], rules)):
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
        if words[i].lower() in DOCUMENTS and any(_POSSESSIVE_END.search(w) for w in words[max(0, i - 2) : i]):
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
        if k > 0 and (words[k - 1].lower() in rules.quantifiers or _POSSESSIVE_END.search(words[k - 1])):
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


# What someone says, as a noun: `Clinton's response was “…”`.
_UTTERANCES = frozenset("answer response reply retort words remark remarks comment message dictum motto slogan phrase quip".split())


def _whose_words(words: list[str], rules: Rules) -> Clause:
    """`Clinton's response was: “…”`, `Rubio's catch phrase in that election was that
    Crist “…”`, `in Forbes' words, “…”`: the name whose answer, words or phrase the
    quote gives, when the sentence runs from that noun to the quote with a plain `was`."""
    if rules is not ENGLISH:
        return Clause()
    for i, w in enumerate(words):
        if not (_POSSESSIVE_END.search(w) and _is_name_token(w, rules)) or (i + 1 < len(words) and _is_name_token(words[i + 1], rules)):
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
        if k > 0 and (words[k - 1].lower() in rules.quantifiers or _POSSESSIVE_END.search(words[k - 1])):
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


def _ungoverned(clause: Clause, words: list[str], k: int, rules: Rules) -> bool:
    """Does the name found as the subject of the verb at `k` stand where a subject goes,
    not after a preposition (`a rally in Ohio said`, `Butterfield of North Carolina said`)?"""
    assert clause.name
    # Not a possessive on the way (`Trump, who … due to Trump's support …, said`).
    first = clause.name.split()[0]
    at = next((i for i in range(k - 1, -1, -1) if _clean(words[i]) == first and not _POSSESSIVE_END.search(words[i])), -1)
    if at < 0:  # `Sanders' fundraising email notes`: the owner speaks through it
        at = next((i for i in range(k - 1, -1, -1) if _clean(words[i]) == first), -1)
    return at >= 0 and not _governed(words, at, rules)


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
        owner = next((k for k in range(i, j + 1) if _POSSESSIVE_END.search(words[k])), -1)
        if owner >= 0 and j + 1 < len(words) and words[j + 1].lower() in _THROUGH:
            # `From Bush's Facebook post:`, `Hoff's letter makes a case:`: the owner
            # speaks through the medium.
            name = name_in(" ".join(words[i : owner + 1]), rules)[0]
            if name:
                return Clause(name=name)
        if _POSSESSIVE_END.search(words[j]):
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
    if not chunk or len(chunk) == len(words) or _POSSESSIVE_END.search(chunk[-1]) or chunk[0].lower() in rules.articles:
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


def last_sentence(text: str, rules: Rules | None = None) -> str:
    """The last sentence of `text` (its unfinished tail, when it has one)."""
    ends = [e for e in sentence_ends(text, (rules or ENGLISH).language) if text[e:].strip()]
    return text[ends[-1] :].lstrip() if ends else text


def has_reporting_verb(text: str, rules: Rules | None = None) -> bool:
    rules = rules or ENGLISH
    return any(is_reporting_verb(w, rules) for w in _words(text, rules)) or bool(rules.according.search(text))
