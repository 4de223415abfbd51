"""Who said it: reporting clauses, name mentions, and resolving "he" / "Putin" /
"the Russian leader" to the full name the article used earlier.

No models: capitalised token runs are names, title words ("President", "Sen.",
"spokeswoman") are peeled off into a mention's description, and a reporting clause
is a short stretch of text with a reporting verb ("said", "told reporters",
"according to") next to the quote.

Every rule consults a `Rules`: English by default (`ENGLISH`), another language's
words from `bot.lang` via `rules_for(language)`.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass, field

from bot.lang import Vocabulary, vocabulary

# -- vocabulary --------------------------------------------------------------------

_VERB_STEMS = """
say said says saying tell told tells telling add added adds adding note noted notes noting
state stated states stating explain explained explains explaining ask asked asks asking
warn warned warns warning write wrote writes writing tweet tweeted tweets tweeting
insist insisted insists insisting argue argued argues arguing claim claimed claims claiming
recall recalled recalls recalling continue continued continues continuing reply replied
replies replying respond responded responds responding answer answered answers answering
exclaim exclaimed exclaims declare declared declares declaring announce announced announces
admit admitted admits admitting acknowledge acknowledged acknowledges concede conceded
concedes counter countered counters observe observed observes remark remarked remarks
quip quipped quips joke joked jokes shout shouted shouts yell yelled yells cry cried cries
whisper whispered whispers suggest suggested suggests predict predicted predicts
promise promised promises vow vowed vows pledge pledged pledges boast boasted boasts
complain complained complains lament lamented laments charge charged charges
contend contended contends maintain maintained maintains emphasize emphasized emphasizes
emphasise emphasised emphasises stress stressed stresses conclude concluded concludes
offer offered offers muse mused muses reflect reflected reflects remember remembered
post posted posts text texted email emailed report reported reports agree agreed agrees
begin began begins open opened opens press pressed presses urge urged urges
thunder thundered roar roared scoff scoffed sigh sighed snap snapped retort retorted
tease teased chide chided demand demanded demands wonder wondered wonders mock mocked
announce announced confirm confirmed confirms deny denied denies point pointed points
put puts told tells assert asserted asserts caution cautioned cautions describe described
describes recount recounted recounts read reads chant chanted chants plead pleaded pleads
elaborate elaborated elaborates testify testified testifies exhort exhorted react reacted reacts
question questioned questions sing sang sings interject interjected chime chimed fume fumed
gripe griped gush gushed marvel marveled marvelled sum summed fire fired shoot shot interrupt
interrupted correct corrected clarify clarified clarifies confide confided rail railed rage raged
reiterate reiterated reiterates repeat repeated repeats echo echoed echoes proclaim proclaimed
proclaims preach preached pray prayed grumble grumbled grumbles beam beamed gasp gasped
instruct instructed advise advised advises inform informed informs relay relayed
""".split()
REPORTING_VERBS = frozenset(_VERB_STEMS)

PRONOUNS = frozenset("he she they we i it you".split())
_PERSONAL = frozenset("he she".split())

# Words that head or qualify a person's description and never belong to a name.
TITLE_WORDS = frozenset(
    """
    president vice prime minister secretary del cmdr treasurer comptroller auditor clerk inspector superintendent dean coach detective agent trooper senator sen sens rep reps representative congressman
    congresswoman gov governor lt lieutenant mayor judge justice chief chairman chairwoman chair
    speaker leader spokesman spokeswoman spokesperson director deputy ambassador general gen
    adm admiral col colonel capt captain sgt sergeant maj major dr mr mrs ms miss prof professor
    rev reverend sheriff chancellor premier
    ceo cfo founder editor correspondent reporter host anchor pastor commissioner attorney
    candidate nominee adviser advisor aide strategist analyst manager chairperson councilman
    councilwoman assemblyman assemblywoman delegate activist economist officer executive
    press campaign communications political national former presidential democratic republican
    gop state white house senior top counsel member sec
    """.split()
)

# Capitalised words that open sentences or name times and places, not people.
FUNCTION_WORDS = frozenset(
    """
    the a an and but or so yet for nor if when while as at in on of to by with from after
    before since until about into over under during this that these those there here then
    it its he she they we i you his her their our my your him them us me who what where why
    how which whose whom some many most all both each every no not one two three also still
    meanwhile however although though because even just only now later earlier today
    yesterday tomorrow last next according asked told said says mr mrs ms
    monday tuesday wednesday thursday friday saturday sunday january february march april
    may june july august september october november december
    """.split()
)

PARTICLES = frozenset("bin ibn bint al el de da di du del della der den van von la le dos das abu ben".split())

_PARENTHESES = re.compile(r"\([^()]*\)")
_DETERMINERS = frozenset("the a an his her their its our".split())
_SUFFIXES = frozenset("jr sr ii iii iv".split())

_WORDS = re.compile(r"[\w'’.-]+|[,;:()]")
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


def _is_name_token(token: str, rules: Rules | None = None) -> bool:
    core = _clean(token)
    function_words = (rules or ENGLISH).function_words
    if not core or not core[0].isupper() or core.lower() in function_words:
        return False
    return len(core) == 1 or any(c.islower() for c in core)


def _is_title(word: str, rules: Rules) -> bool:
    """"Senator", "Bundesverkehrsminister", "Flixbus-Manager": a title, not a name."""
    low = _clean(word).lower()
    return low in rules.titles or (bool(rules.title_endings) and low.endswith(rules.title_endings))


# -- names in a stretch of text ----------------------------------------------------


def name_in(phrase: str, rules: Rules | None = None) -> tuple[str | None, tuple[str, ...]]:
    """The person's name in a noun phrase, and the description words around it.

    "White House press secretary Josh Earnest" -> ("Josh Earnest", ("white", "house", "press", "secretary"))
    "the Russian leader" -> (None, ("russian", "leader"))
    """
    rules = rules or ENGLISH
    words = [w for w in _WORDS.findall(_PARENTHESES.sub(" ", phrase)) if w not in "()"]
    runs: list[list[str]] = []
    run: list[str] = []
    for word in words:
        low = _clean(word).lower()
        if _is_name_token(word, rules) or (run and (low in PARTICLES or word[:-1].lower() in PARTICLES)):
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
    if runs and words and words[-1] is not runs[-1][-1] and words[0].lower() in rules.determiners:
        # "the Russian leader", "the Trump campaign": a capitalised modifier of a
        # description, not the speaker's name.
        last = words.index(runs[-1][-1]) if runs[-1][-1] in words else -1
        if last >= 0 and all(w.islower() for w in words[last + 1 :] if w.isalpha()):
            runs = []
    if rules.capitalised_nouns:
        # German capitalises every noun: "der Sprecher", "das Ministerium" are not names.
        runs = [run for run in runs if not _common_noun(run, words, rules)]
    for candidate in runs:
        # Peel titles off the front ("Press Secretary Josh Earnest"), never the whole
        # run: "Amy Pope" keeps her surname.
        titled = [i for i, w in enumerate(candidate[:-1]) if _is_title(w, rules)]
        if titled and any(_clean(w).lower() not in _SUFFIXES for w in candidate[titled[-1] + 1 :]):
            candidate = candidate[titled[-1] + 1 :]
        while candidate and _clean(candidate[-1]).lower() in PARTICLES:
            candidate = candidate[:-1]
        if rules.oblique_endings and len(candidate) == 3 and _genitive_lead(candidate, rules):
            candidate = candidate[1:]  # "России Владимир Путин" -> "Владимир Путин"
        if len(candidate) == 1 and _is_title(candidate[0], rules):
            continue
        if candidate:
            best = candidate  # the last run is the one nearest the verb / after the title
    taken = set(best)
    description = tuple(
        _clean(w).lower()
        for w in words
        if w not in taken and w not in ",;:" and _clean(w).lower() not in rules.articles
    )
    if not best:
        return None, description
    name = " ".join(best)
    # A trailing possessive ("Trump's campaign") still names Trump.
    if not name.endswith(" Jr."):
        name = _POSSESSIVE.sub("", name.rstrip("."))
    return name, description


def _genitive_lead(run: list[str], rules: Rules) -> bool:
    first, middle = _clean(run[0]).lower(), _clean(run[1]).lower()
    return first.endswith(rules.oblique_endings) and not middle.endswith(rules.patronymic_endings)


def _common_noun(run: list[str], words: list[str], rules: Rules) -> bool:
    """A single capitalised word right after an article: a noun ("der Sprecher")."""
    if len(run) != 1:
        return False
    at = next((i for i, w in enumerate(words) if w is run[0]), -1)
    return at > 0 and words[at - 1].lower() in rules.determiners


# -- mentions across the article ---------------------------------------------------

# Capital letters of the Latin, Greek and Cyrillic scripts: names in any of them.
_UPPER = "".join(ch for ch in map(chr, range(0x41, 0x530)) if ch.isupper() and ch.isalpha())
_CAP = f"[{re.escape(_UPPER)}]"
_RUN = re.compile(
    r"(?:(?<=\s)|(?<=^)|(?<=[(\"“‘„«»—-]))"
    rf"(?:{_CAP}[\w'’]*(?:-[^\W\d_][\w'’]*)*\.?)"
    r"(?:[ \t\xa0]+(?:(?:bin|ibn|al|el|de|da|di|du|del|dos|das|van|von|der|den|le|la|abu|ben)[ \t\xa0-]+)?"
    rf"(?:{_CAP}[\w'’]*(?:-[^\W\d_][\w'’]*)*\.?))*"
)


# What Cast.of reads around a name: the clause before it, ", the <description>," after it,
# and where its sentence starts.
_CLAUSE_BREAK = re.compile(r"[.,;:!?\"“”\n]")
_APPOSITIVE = re.compile(r",\s+(?:the|a|an)\s+([^,.;:\n“”\"]{3,60})[,.]")
_SENTENCE_BREAK = re.compile(r"[.!?\n\"”]")


@dataclass(frozen=True)
class Mention:
    start: int
    name: str
    description: tuple[str, ...]
    # The fullest form of this name mentioned up to here: "Putin" -> "Vladimir Putin".
    full: str = ""
    # Opens its sentence, as the subject usually does.
    opens: bool = False
    # Heads an institution's name ("Hospital de Albacete"), never a person.
    institution: bool = False

    @property
    def person(self) -> bool:
        """Two or more name words, as people have and most places don't."""
        return len(self.full.split()) >= 2 and not self.institution



@dataclass(frozen=True)
class Cast:
    """Every name mentioned in the article, in order, with the words describing it."""

    mentions: tuple[Mention, ...]
    _starts: tuple[int, ...]
    text: str = ""
    rules: Rules = field(default=None, compare=False)  # type: ignore[assignment]

    def __post_init__(self) -> None:
        if self.rules is None:
            object.__setattr__(self, "rules", ENGLISH)

    @classmethod
    def of(cls, text: str, rules: Rules | None = None) -> Cast:
        rules = rules or ENGLISH
        mentions: list[Mention] = []
        # Names of two words or more seen so far, by their last and first word, with
        # how often each was seen: "Putin" goes to "Vladimir Putin", "Kim" to
        # "Kim Jong Un", and a title-case headline ("Putin Tells Kim Jong Un"), seen
        # once, loses to the name the body keeps using.
        seen: dict[str, dict[str, int]] = {}
        parsed: dict[str, tuple[str | None, tuple[str, ...]]] = {}
        for m in _RUN.finditer(text):
            run = m.group()
            if run not in parsed:
                parsed[run] = name_in(run, rules)
            name, description = parsed[run]
            if not name:
                continue
            start = m.start() + m.group().rfind(name.split()[0])
            before = text[max(0, m.start() - 60) : m.start()]
            # Lowercase description words just before: "North Korean leader Kim Jong Un".
            tail = _CLAUSE_BREAK.split(before)[-1].split()[-4:]
            after = _APPOSITIVE.match(text, m.end(), m.end() + 70)
            words = list(description) + [w.lower() for w in tail]
            if after:
                words += after.group(1).lower().split()
            tokens = name.split()
            if len(tokens) >= 2:
                for word in {_clean(tokens[0]), _clean(tokens[-1])}:
                    names = seen.setdefault(word, {})
                    names[name] = names.get(name, 0) + 1
                full = name
            else:
                full = _best(_clean(name), seen) or name
            # Opens its sentence, titles aside: "Council member Bob Jones disagreed".
            lead = _SENTENCE_BREAK.split(text[max(0, m.start() - 50) : m.start()])[-1]
            opens = len(lead.split()) <= 3 and "," not in lead
            institution = _clean(tokens[0]).lower() in rules.institutions
            mentions.append(Mention(start, name, tuple(_clean(w) for w in words), full, opens, institution))
        return cls(tuple(mentions), tuple(x.start for x in mentions), text, rules)

    def document_author(self, document: str, offset: int, *, reach: int = 1500) -> str | None:
        """Who issued the statement (report, letter…) a clause quotes: the subject of
        the latest `X said in a statement`, `X released a statement`, or the `X` of
        `a statement from X` within `reach` characters before the quote."""
        window = self.text[max(0, offset - reach) : offset]
        best: tuple[int, str] | None = None
        for m in re.finditer(rf"\b(?:in|released|issued|sent|posted|put out)\s+(?:a|an|its|his|her|their|the)\s+(?:\w+\s+)?{document}\b", window):
            lead = window[: m.start()].rstrip(" ,")
            if not re.search(r"\b(?:said|says|told|wrote|added|announced)$", lead):
                lead += " said"  # `X released a statement`: X is the one who says
            found = _speaker_of(clause_before(lead + ",", self.rules), self, offset)
            if found:
                best = (m.start(), found)
        for m in re.finditer(rf"\b{document}\s+(?:from|by)\s+([^,.;:\n]{{2,60}})", window):
            found = _speaker_of(_noun_phrase(_first_chunk(_words(m.group(1), self.rules), self.rules), self.rules), self, offset)
            if found and (best is None or m.start() > best[0]):
                best = (m.start(), found)
        return best[1] if best else None

    def before(self, offset: int) -> tuple[Mention, ...]:
        return self.mentions[: bisect.bisect_left(self._starts, offset)]

    def full_name(self, name: str, offset: int) -> str:
        """"Putin" -> "Vladimir Putin", "Kim" -> "Kim Jong Un": the name of two words or
        more, mentioned so far, that ends (or starts) with this one and is used most."""
        tokens = name.split()
        if self.rules.oblique_endings:
            # "по словам Дмитрия Пескова" -> "Дмитрий Песков": the same name in another case.
            declined = self._declined(tokens, offset)
            if declined:
                return declined
        if len(tokens) != 1:
            return name
        word = _clean(name)
        pool = self.before(offset) or self.mentions
        for mention in reversed(pool):
            if _clean(mention.name) == word and mention.full != mention.name:
                return mention.full
        seen: dict[str, dict[str, int]] = {}
        for mention in pool:
            parts = mention.name.split()
            if len(parts) >= 2 and word in (_clean(parts[0]), _clean(parts[-1])):
                names = seen.setdefault(word, {})
                names[mention.name] = names.get(mention.name, 0) + 1
        return _best(word, seen) or name

    def _declined(self, tokens: list[str], offset: int) -> str | None:
        """The person's name whose words are these words in another case, as first
        mentioned: news introduce people in the nominative ("Дмитрий Песков сказал")."""
        words = [_clean(t).lower() for t in tokens]
        for mention in self.before(offset) or self.mentions:
            parts = [_clean(p).lower() for p in mention.full.split()]
            if not mention.person or parts == words or len(parts) < len(words):
                continue
            # A surname alone matches the name's last word; a full name word for word.
            pairs = zip(words, parts[-len(words) :] if len(words) == 1 else parts)
            if len(words) in (1, len(parts)) and all(_same_stem(a, b) for a, b in pairs):
                return mention.full
        return None

    def describe(self, description: tuple[str, ...], offset: int) -> str | None:
        """"the Russian leader" -> the most recent person whose description fits."""
        wanted = [w for w in description if w not in self.rules.articles]
        if not wanted:
            return None
        qualifiers = [w for w in wanted if w not in self.rules.titles] or wanted
        role = wanted[-1]
        for mention in reversed(self.before(offset)):
            if not mention.person:
                continue
            have = set(mention.description)
            if all(q in have for q in qualifiers) and (role in have or role in _GENERIC_ROLES or role in qualifiers):
                return mention.full
        return None

    def recent_person(self, offset: int, *, reach: int = 600) -> str | None:
        """Who "he" or "she" most likely is: the latest person opening a sentence
        within `reach` characters, else the latest person mentioned."""
        earlier = self.before(offset)
        for mention in reversed(earlier):
            if offset - mention.start > reach:
                break
            if mention.person and mention.opens:
                return mention.full
        for mention in reversed(earlier):
            if mention.person:
                return mention.full
        return None

    def first_person_between(self, start: int, end: int) -> str | None:
        """The first person mentioned in text[start:end]: who a subject-less clause
        (`“…”, se queja.`) most likely speaks for when the writer introduced someone
        since the last quote."""
        first = bisect.bisect_left(self._starts, start)
        for mention in self.mentions[first : bisect.bisect_left(self._starts, end)]:
            if mention.person:
                return mention.full
        return None


def _same_stem(a: str, b: str) -> bool:
    """"пескова" / "песков", "дмитрия" / "дмитрий": one word, declined (the endings
    differ by at most two letters, the stem is at least three)."""
    common = len(next((p for p in (a[:i] for i in range(min(len(a), len(b)), 0, -1)) if b.startswith(p)), ""))
    return common >= 3 and max(len(a), len(b)) - common <= 2


def _best(word: str, seen: dict[str, dict[str, int]]) -> str | None:
    """The most used name holding `word` as its last (else first) word; longer wins ties."""
    candidates = seen.get(word)
    if not candidates:
        return None
    ending = {n: c for n, c in candidates.items() if _clean(n.split()[-1]) == word}
    pool = ending or candidates
    return max(pool, key=lambda n: (pool[n], len(n.split())))


# Roles that any titled person can be called by: "the leader", "the official".
_GENERIC_ROLES = frozenset("leader official head chief politician candidate executive".split())


# -- reporting clauses -------------------------------------------------------------


@dataclass(frozen=True)
class Clause:
    """Who a reporting clause says is speaking, as written: a name, a pronoun or a description."""

    name: str | None = None
    pronoun: str | None = None
    description: tuple[str, ...] = ()
    phrase: str = ""  # a description as written: "the Russian leader"
    # No subject at all, as pro-drop languages write (`“…”, explica.`): he or she.
    dropped: bool = False

    @property
    def found(self) -> bool:
        return bool(self.name or self.pronoun or self.description or self.dropped)


_SPLIT = re.compile(r"(?:[A-Z]\.){2,}|[\w'’-]+|[^\w\s]")
# A period after these ends no sentence: "Sen. Warren said".
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr sen sens rep reps gov lt gen col capt sgt maj adm prof rev st jr sr sec atty supt del cmdr insp pres"
    " no vs jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
_STOP_AFTER = frozenset(
    "in on at during after before while when to from for about with as who which that because via".split()
)
_ACCORDING = re.compile(r"\baccording to\b", re.I)


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


def _is_verb(word: str, rules: Rules | None = None) -> bool:
    return word.lower() in (rules or ENGLISH).verbs


def _pronoun(word: str, rules: Rules) -> str | None:
    """The clause's pronoun in English terms: another language's "er", "elle", "она"
    is "he" (a person), its plural "they"."""
    low = word.lower()
    if low in rules.personal:
        return low if rules is ENGLISH else "he"
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
    if words[0].lower() in rules.conjunctions or (rules is ENGLISH and words[0].lower().endswith("ing")):
        return Clause()  # "and counties", "carrying signs": the clause ran on
    if words[0].lower() in rules.demonstratives and not name_in(" ".join(words), rules)[0]:
        return Clause(pronoun="he")  # "este hombre de 76 años": the person just named
    name, description = name_in(" ".join(words), rules)
    if name and words[0].lower() in rules.quantifiers:
        linked = [i for i, w in enumerate(words) if w.lower() in _OF_WHOM]
        if linked and name.split()[0] in words[linked[0] + 1 :]:
            # "a longtime adviser to Trump" speaks, not Trump.
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
        if not any(_is_verb(w, rules) or w.lower() in clause_words for w in words[:-1]) and words[-1].lower() not in clause_words:
            return Clause(description=description, phrase=" ".join(words))
    return Clause()


_CLAUSE_WORDS = frozenset("that who which whom whose when where while because if".split())
_CONJUNCTIONS = frozenset("and or but nor".split())


def _first_chunk(words: list[str], rules: Rules | None = None) -> list[str]:
    """"Mohamed El-Erian , chief adviser at Allianz" -> the part before the appositive."""
    rules = rules or ENGLISH
    out = []
    for i, w in enumerate(words):
        if w in ",;:.!?()—–\"“”«»„":
            break
        if rules is not ENGLISH and (w.lower() in rules.conjunctions or (out and _is_verb(w, rules))):
            break  # "sagt auch Stenger und greift die Bahn an"
        if rules is not ENGLISH and not out and w.lower() in rules.auxiliaries:
            continue  # "sagt auch Stenger"
        if w.lower() in rules.stop_after and out:
            following = words[i + 1] if i + 1 < len(words) else ""
            # "a longtime adviser to Trump": whose adviser belongs to the description.
            whose = _is_name_token(following, rules) or following.lower() in rules.quantifiers or following.lower() == "both"
            if not (out[0].lower() in rules.quantifiers and w.lower() in _OF_WHOM and whose):
                break
        out.append(w)
    return out


_OF_WHOM = frozenset("to for of at with".split())


_QUANTIFIERS = frozenset("the a an one another some two three several his her their its our this that".split())
_AUXILIARIES = frozenset("has had have also then later once would will previously again had".split())


def _subject(words: list[str], rules: Rules | None = None) -> list[str]:
    """The subject of a reporting verb from the words before it: the last comma chunk,
    or around an appositive, the chunk with the name (`Clinton, the nominee, said`,
    `The chief executive, Laura Chen, said`)."""
    rules = rules or ENGLISH
    words = list(words)
    while words and words[-1].lower() in rules.auxiliaries:
        words = words[:-1]
    appositive = bool(words) and words[-1] == ","
    chunks = [c.split() for c in " ".join(words).strip(" ,").split(" , ")]
    chunks = [c for c in chunks if c]
    if not chunks:
        return []
    if appositive and len(chunks) >= 2:
        first, second = chunks[-2], chunks[-1]
        if name_in(" ".join(first), rules)[0] or not name_in(" ".join(second), rules)[0]:
            return first
        return second
    chunk = chunks[-1]
    if len(chunks) >= 2 and chunks[-2][0].lower() in rules.determiners and all(w.islower() for w in chunks[-2] + chunk):
        # `the bespectacled, 71-year-old diplomat said`: adjectives listed with commas.
        chunk = chunks[-2] + chunk
    # `Audience members laughed when he urged`: the subject follows the last linking word.
    links = [i for i, w in enumerate(chunk) if w.lower() in rules.links]
    return chunk[links[-1] + 1 :] if links and links[-1] + 1 < len(chunk) else chunk


_LINKS = frozenset("when as while after before because that and but since until though although where".split())


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
    dashed = bool(words) and words[0] in "―—–-"
    while words and words[0] in ",:;―—–-)":
        words = words[1:]
    if not words:
        return Clause()
    if dashed and len(words) <= 8 and not any(_is_verb(w, rules) for w in words):
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
    for i, w in enumerate(words[:12]):
        if not _is_verb(w, rules):
            continue
        subject = words[:i]
        if subject and _subject(subject, rules):
            clause = _noun_phrase(_subject(subject, rules), rules)
            if clause.found:
                return clause
            continue
        # Verb first: `said Putin`, `said the spokesman for X`, `a ajouté Laurent Fabius`.
        rest = words[i + 1 :]
        clause = _apposed_name(rest, rules) or _noun_phrase(_first_chunk(rest, rules), rules)
        if clause.found:
            return clause
        if rules.pro_drop and not _subject(subject, rules) and _nothing_named(rest, rules):
            return Clause(dropped=True)  # `“…”, explica.`
    return Clause()


def _apposed_name(words: list[str], rules: Rules) -> Clause | None:
    """`apunta el presidente de la X, Juan José Rodríguez Sendín, …`: a description
    then the name it describes, set off by commas; the name speaks."""
    if rules is ENGLISH or not words or words[0].lower() not in rules.quantifiers or "," not in words:
        return None
    cut = words.index(",")
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
        if not words or not _is_verb(words[-1], rules):
            return Clause()
    sentence = re.split(r"[”\"»“]", last_sentence(stripped, rules))[-1]
    words = _words(sentence, rules)
    while words and words[-1] in ",:—–-":
        words = words[:-1]
    if not words:
        return Clause()
    joined = " ".join(words)
    m = rules.according.search(joined)
    if m:
        return _noun_phrase(_first_chunk(joined[m.end() :].split(), rules), rules)
    # The reporting verb nearest the quote; its subject is just before it.
    for i in range(len(words) - 1, max(-1, len(words) - 10), -1):
        if not _is_verb(words[i], rules):
            continue
        if words[i].lower().endswith("ing") and i > 0 and words[i - 1] == ",":
            # `Warren appeared on MSNBC and endorsed Clinton, saying, "…"`: the
            # sentence's subject speaks.
            clause = _sentence_subject(words[:i], rules)
            if clause.found:
                return clause
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
            return _sentence_subject(tail, rules)
    return Clause()


def _sentence_subject(words: list[str], rules: Rules | None = None) -> Clause:
    """The first name in a sentence that some lowercase word (its verb) follows."""
    rules = rules or ENGLISH
    for i, word in enumerate(words):
        if not _is_name_token(word, rules) or _is_title(word, rules):
            continue
        j = i
        while j + 1 < len(words) and (_is_name_token(words[j + 1], rules) or words[j + 1].lower() in PARTICLES):
            j += 1
        if j + 1 >= len(words) or (words[j + 1].islower() and words[j + 1] not in rules.titles):
            name = name_in(" ".join(words[i : j + 1]), rules)[0]
            if name:
                return Clause(name=name)
    if words and _pronoun(words[0], rules) in _PERSONAL:
        return Clause(pronoun=_pronoun(words[0], rules))
    return Clause()


# Tried only where a run of punctuation starts: from inside a run a match reaches the
# same lookahead, and trying every position of a long run ("!!!…") was quadratic.
_END = re.compile(r"(?<![.!?…])[.!?…]++[\"”’»“)\]]*+(?=\s|$)")


_LAST_WORD = re.compile(r"([\w.-]+)$")
_LONGEST_WORD = 64


def sentence_ends(text: str, rules: Rules | None = None, *, limit: int | None = None) -> list[int]:
    """Offsets just past each sentence end in `text`; "Sen." and "D-N.Y." end none.
    With `limit`, only the first `limit` ends (callers after the first end spare the rest)."""
    abbreviations = (rules or ENGLISH).abbreviations
    ends = []
    # "(R-Fla.)" ends nothing; blank it out, keeping offsets.
    text = _PARENTHESES.sub(lambda m: " " * len(m.group()), text)
    for m in _END.finditer(text):
        if text[m.start()] == ".":
            # Only the word before the full stop matters; looking further back made
            # long paragraphs quadratic.
            word = _LAST_WORD.search(text, max(0, m.start() - _LONGEST_WORD), m.start())
            token = word.group(1) if word else ""
            last = token.rsplit(".", 1)[-1].rsplit("-", 1)[-1]
            if last.lower() in abbreviations or (len(last) == 1 and last.isupper()) or "." in token:
                continue
        ends.append(m.end())
        if len(ends) == limit:
            break
    return ends


def last_sentence(text: str, rules: Rules | None = None) -> str:
    """The last sentence of `text` (its unfinished tail, when it has one)."""
    ends = [e for e in sentence_ends(text, rules) if text[e:].strip()]
    return text[ends[-1] :].lstrip() if ends else text


def has_reporting_verb(text: str, rules: Rules | None = None) -> bool:
    rules = rules or ENGLISH
    return any(_is_verb(w, rules) for w in _words(text, rules)) or bool(rules.according.search(text))


def _speaker_of(clause: Clause, cast: Cast, offset: int) -> str | None:
    if clause.name:
        return cast.full_name(clause.name, offset)
    if clause.description and clause.description[-1] not in DOCUMENTS:
        return cast.describe(clause.description, offset) or clause.phrase or None
    return None


def resolve(
    clause: Clause,
    cast: Cast,
    offset: int,
    previous: str | None,
    author: str | None = None,
    since: int | None = None,
) -> str | None:
    """A clause's speaker as a full name when the article lets us tell; else as written.

    `since`: where the quote before this one ended; a subject-less clause speaks for
    the first person the writer named after it, else the previous speaker."""
    if clause.name:
        return cast.full_name(clause.name, offset)
    if clause.dropped:
        introduced = cast.first_person_between(since, offset) if since is not None else None
        return introduced or previous or cast.recent_person(offset)
    if clause.pronoun in _PERSONAL:
        return previous or cast.recent_person(offset)
    if clause.pronoun == "i":
        return author
    if clause.pronoun in ("they", "we"):
        return None
    if clause.description and clause.description[-1] in DOCUMENTS:
        # "the statement said": whoever issued the statement, never "the statement".
        return cast.document_author(clause.description[-1], offset)
    if clause.description:
        found = cast.describe(clause.description, offset)
        if found:
            return found
        return clause.phrase or None
    return None


# Things that "say" on someone's behalf.
DOCUMENTS = frozenset(
    "statement statements release report letter email e-mail memo note post tweet message ad video editorial article website filing complaint lawsuit document documents transcript".split()
)


# -- the rules of each language ----------------------------------------------------


@dataclass(frozen=True)
class Rules:
    """Every word list the attribution rules consult, for one language."""

    verbs: frozenset[str]
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
    abbreviations: frozenset[str]
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


def _according(phrases: tuple[str, ...] | list[str]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in sorted(phrases, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


ENGLISH = Rules(
    verbs=REPORTING_VERBS,
    according=_ACCORDING,
    personal=_PERSONAL,
    pronouns=PRONOUNS,
    titles=TITLE_WORDS,
    function_words=FUNCTION_WORDS,
    determiners=_DETERMINERS,
    quantifiers=_QUANTIFIERS,
    articles=frozenset(("the", "a", "an")),
    auxiliaries=_AUXILIARIES,
    conjunctions=_CONJUNCTIONS,
    stop_after=_STOP_AFTER,
    clause_words=_CLAUSE_WORDS,
    links=_LINKS,
    abbreviations=_ABBREVIATIONS,
)


@functools.lru_cache(maxsize=32)
def rules_for(language: str | None) -> Rules:
    """The attribution rules for a language (ISO 639-1); English for English, for
    unknown languages and for languages newsbot has no words for."""
    words = vocabulary(language)
    return ENGLISH if words is None else _rules(words)


def _rules(v: Vocabulary) -> Rules:
    articles = v.determiners - {"sein", "seine", "ihr", "ihre", "son", "sa", "ses", "leur", "leurs", "su", "sus", "suo", "sua", "seu"}
    return Rules(
        verbs=v.verbs,
        according=_according(v.according),
        personal=v.personal,
        pronouns=v.pronouns,
        # English titles stay: "President Trump" in a German article is still a title.
        titles=TITLE_WORDS | v.titles,
        function_words=FUNCTION_WORDS | v.stop_words | v.determiners | v.personal | v.pronouns | v.auxiliaries
        | v.conjunctions | v.prepositions | v.complementizers,
        determiners=v.determiners,
        quantifiers=v.determiners | v.demonstratives,
        articles=articles,
        auxiliaries=v.auxiliaries,
        conjunctions=v.conjunctions,
        stop_after=v.prepositions | v.complementizers,
        clause_words=v.complementizers | _CLAUSE_WORDS,
        links=v.conjunctions | v.complementizers,
        abbreviations=_ABBREVIATIONS | v.abbreviations,
        title_endings=v.title_endings,
        demonstratives=v.demonstratives,
        after_quote=v.after_quote,
        institutions=v.institutions,
        pro_drop=v.pro_drop,
        capitalised_nouns=v.capitalised_nouns,
        inversion=v.code == "fr",
        complementizers=v.complementizers,
        oblique_endings=v.oblique_endings,
        patronymic_endings=v.patronymic_endings,
    )
