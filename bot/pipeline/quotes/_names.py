"""Names in an article: capitalised token runs read as people's names, title words
("President", "Sen.", "spokeswoman") peeled off into a description, and `Cast`, every
name mentioned in order, resolving "Putin" / "the Russian leader" to the full name
the article used earlier. No models."""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass, field

from bot.lang.en import GENERIC_ROLES, PARTICLES, SUFFIXES
from bot.pipeline.quotes._rules import ENGLISH, Rules

_PARENTHESES = re.compile(r"\([^()]*\)")
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
        if titled and any(_clean(w).lower() not in SUFFIXES for w in candidate[titled[-1] + 1 :]):
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
            if all(q in have for q in qualifiers) and (role in have or role in GENERIC_ROLES or role in qualifiers):
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
