"""`Cast`: every name the article mentions, in order, with the words describing it,
resolving "Putin" / "the Russian leader" to the full name the article used earlier,
and saying who "he" or "she" next to a quote stands for. No models."""

from __future__ import annotations

import bisect
import functools
import re
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

from bot.lang.en import GENERIC_ROLES
from bot.pipeline.quotes._genders import _GENDER_OF, _SENTENCE_OR_QUOTE, _decide, _pronoun_heads, _vote
from bot.pipeline.quotes._names import _OF, _POSSESSIVE, _WORD, _clean, _first_name, name_in
from bot.pipeline.quotes._roles import (
    _KINSHIP,
    _NEXT_WORD,
    _participle_first,
    _sentence_lead,
    _sentence_role,
    _speaks,
    _spoken_of,
)
from bot.pipeline.quotes._rules import ENGLISH, Rules


_APPOSITIVE_WORDS = re.compile(r",\s+([a-z][\w-]*)(?:\s+([a-z][\w-]*))?")


def _titled_appositive(text: str, end: int, rules: Rules) -> bool:
    """Does a lower-case title follow the name after a comma (", director general of",
    ", former governor of")?"""
    m = _APPOSITIVE_WORDS.match(text, end)
    return bool(m) and any(w and w in rules.titles and w not in _ROLE_ADJECTIVES for w in m.groups())


def _places(located: Counter[str], speaking: Counter[str], people: frozenset[str], known: set[str]) -> frozenset[str]:
    """Names written where a place goes. A longer one unless the article shows it is a
    person's ("in Jackson Heights" vs "in Jane Jackson's office"); a one-word one ("in
    Ohio") unless the article knows the person (`known`: the surname of a full name it
    gives, a "Mr." or a "she") or shows the name speaking more often than placed
    ("staring at Brafman" beside "Brafman said" again and again; one "Ohio said" is a
    headline's shorthand)."""
    return frozenset(
        name
        for name in located
        if (name not in known and speaking[name] <= located[name] if len(name.split()) == 1 else name not in people)
    )


# Capital letters of the Latin, Greek and Cyrillic scripts: names in any of them.
_UPPER = "".join(ch for ch in map(chr, range(0x41, 0x530)) if ch.isupper() and ch.isalpha())
_CAP = f"[{re.escape(_UPPER)}]"
_RUN = re.compile(
    # The capital first: most positions fail on it at once, not after three lookbehinds.
    rf"(?={_CAP})"
    r"(?:(?<=\s)|(?<=^)|(?<=[(\"“‘„«»—-]))"
    rf"(?:{_CAP}[\w'’]*(?:-[^\W\d_][\w'’]*)*\.?)"
    r"(?:[ \t\xa0]+(?:(?:bin|ibn|al|el|de|da|di|du|del|dos|das|van|von|der|den|le|la|abu|ben)[ \t\xa0-]+)?"
    rf"(?:{_CAP}[\w'’]*(?:-[^\W\d_][\w'’]*)*\.?))*"
)


# What Cast.of reads around a name: the clause before it, ", the <description>," after it,
# and where its sentence starts.
_CLAUSE_BREAK = re.compile(r"[.,;:!?\"“”\n]")
# ", the chairman,", ", a lawyer,", ", Trump's campaign manager,".
_APPOSITIVE = re.compile(r",\s+(?:the|a|an|[A-Z][\w.-]*['’]s?)\s+([^,.;:\n“”\"]{3,60})[,.]")


_SENTENCE_BREAK_SPACE = re.compile(r"[.!?][\"”’]?\s|\n")


@dataclass(frozen=True)
class Mention:
    start: int
    name: str
    description: tuple[str, ...]
    # The fullest form of this name mentioned up to here: "Putin" -> "Vladimir Putin".
    full: str = ""
    # Heads an institution's name ("Hospital de Albacete", "Security Council"), never a person.
    institution: bool = False
    # "Trump's campaign": names whose someone or something, not the subject.
    possessive: bool = False
    # In a line written in title case ("Understated Perez Raises Political Profile"):
    # a headline's words, none of them a sentence's subject.
    headline: bool = False
    # How the name stands in its sentence, (opens, reported, owner), read when first
    # asked: the quotes' rules ask it of the few names near a quote, and reading every
    # name's sentence took a third of `Cast.of`.
    reading: Callable[[], tuple[bool, bool, bool]] = field(default=lambda: (False, False, False), compare=False, repr=False)

    @functools.cached_property
    def _roles(self) -> tuple[bool, bool, bool]:
        return self.reading()

    @property
    def opens(self) -> bool:
        """Opens its sentence, as the subject usually does."""
        return self._roles[0]

    @property
    def reported(self) -> bool:
        """The subject of a clause a reporting verb reports ("aides say Ivanka Trump advises")."""
        return self._roles[1]

    @property
    def owner(self) -> bool:
        """Opens its sentence as the owner of a thing, not of a person ("Palin's posts
        include …", not "Trump's wife said"): the sentence is about the owner."""
        return self._roles[2]

    @property
    def end(self) -> int:
        return self.start + len(self.name)

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
    # "m" or "f" for the people the article shows to be a man or a woman.
    genders: dict[str, str] = field(default_factory=dict, compare=False)
    # Full names the article treats as people's (see `_people`).
    people: frozenset[str] = field(default=frozenset(), compare=False)
    # Full names it writes where a place goes ("in New York") and never as a person's.
    places: frozenset[str] = field(default=frozenset(), compare=False)
    # Where the article's quotes stand (start, end), in order: a name the speaker says
    # is not one the writer brings in, so no "he" after the quote stands for it.
    quoted: tuple[tuple[int, int], ...] = field(default=(), compare=False)

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
        genders: dict[str, list[int]] = {}
        # How often each name stands where a place goes, and where a speaker does.
        located: Counter[str] = Counter()
        speaking: Counter[str] = Counter()
        credited: set[str] = set()
        place_end = -1
        # Not where every noun is capitalised: German prose would read as title case.
        headlines = [] if rules.capitalised_nouns else _headline_lines(text)
        pronouns = [m.start() for m in _pronoun_heads(rules).finditer(text)]
        for m in _RUN.finditer(text):
            run = m.group()
            if run not in parsed:
                parsed[run] = name_in(run, rules)
            name, description = parsed[run]
            if not name:
                continue
            if " " in name and _participle_first(name, text, m.start(), rules):
                # "Understated Perez raises …", "Debating Clinton's character": a
                # sentence's first word, capitalised as every first word is.
                name = name.split(" ", 1)[1]
            start = m.start() + m.group().rfind(name.split()[0])
            before = text[max(0, m.start() - 60) : m.start()]
            # Lowercase description words just before: "North Korean leader Kim Jong Un".
            tail = _CLAUSE_BREAK.split(before)[-1].split()[-4:]
            # Not across a verb: in "an Ajax spokesman told BBC Sport" the spokesman
            # describes who told, not the outlet told.
            verbs = [i for i, w in enumerate(tail) if w.lower() in rules.verbs]
            if verbs:
                tail = tail[verbs[-1] + 1 :]
            after = _APPOSITIVE.match(text, m.end(), m.end() + 70)
            words = list(description) + [w.lower() for w in tail]
            if after:
                words += after.group(1).lower().split()
            tokens = name.split()
            in_headline = bool(headlines) and _within(headlines, start)
            if len(tokens) >= 2 and not in_headline:
                # Not a title-case headline's run ("Understated Perez Raises"), which
                # merges a name with the words around it; not an institution's ("Team
                # Trump" is never the full name "Trump" stands for).
                named = not ({_clean(tokens[0]).lower(), _clean(tokens[-1]).lower()} & rules.institutions)
                for word in {_clean(tokens[0]), _clean(tokens[-1])} if named else ():
                    names = seen.setdefault(word, {})
                    names[name] = names.get(name, 0) + 1
                full = name
            else:
                full = _best(_clean(name), seen) or name
                if full != name:
                    # "Murphy" said again and again is the Chris Murphy it first meant, not
                    # an Anne Marie Murphy named twice in passing later.
                    seen[_clean(name)][full] += 1
            institution = (
                _clean(tokens[0]).lower() in rules.institutions
                or _clean(tokens[-1]).lower() in rules.institutions
                or (len(tokens[0]) >= 3 and tokens[0].isupper() and tokens[0].isascii() and tokens[0].isalpha())  # "BBC Sport"
                # A title in quotation marks: On ABC's “Good Morning America”, he said.
                or (text[m.start() - 1 : m.start()] in ("“", '"', "‘") and text[m.end() : m.end() + 1] in ("”", '"', "’"))
            )
            possessive = run.endswith(("'s", "’s", "'", "’"))
            speaks = _speaks(text, m.end(), rules)
            reading = functools.partial(_sentence_role, text, rules, m.end(), start, name, full, speaks, institution, possessive)
            mention = Mention(start, name, tuple(map(_clean, words)), full, institution, possessive, in_headline, reading)
            mentions.append(mention)
            _vote(genders, mention, words, text, m.end(), rules, pronouns)
            if (tail and tail[-1].lower() in rules.locatives) or text[place_end : m.start()] == ", ":
                # "in Columbus, Ohio": the name after a place and its comma is its region.
                located[full] += 1
                place_end = m.end()
            # The substrings first: the regex is anchored at the end, and tried from every position.
            if ("©" in before or "(" in before or "opyright" in before) and _COPYRIGHT.search(before):
                # "© 2007 United Press International": the agency, none of it a speaker.
                credited.update([full, run, *(_clean(w) for w in run.split())])
            voiced = speaks or (_spoken_of(before, rules) and not mention.reported)
            speaking[full] += voiced
            if not possessive and (after or voiced or _WHO.match(text, m.end(), m.end() + 12)):
                # Described (", a foreign policy expert,") or speaking ("Smith said"): a person.
                genders[full][2] = 1
            elif not possessive and len(tokens) >= 2 and _titled_appositive(text, m.end(), rules):
                # "Yukiya Amano, director general of the agency, said": a title only a
                # person holds.
                genders[full][2] = 1
            elif not possessive and tail and _clean(tail[-1]).lower() in _KINSHIP:
                # "his brother Alastair Osman", "her husband Bill": someone's kin.
                genders[full][2] = 1
            elif len(tokens) == 1 and any(w in rules.titles and w not in _ROLE_ADJECTIVES for w in description):
                # "President Obama", "Sen. Cruz": a title only a person holds.
                genders[full][2] = 1
        genders_found = _decide(genders, rules)
        # Titled, described, speaking, or with a first name that tells a man or a woman.
        titled = frozenset(
            name
            for name, (_, _, person) in genders.items()
            if person or (len(name.split()) >= 2 and any(_first_name(_clean(name.split()[0]).lower(), g, rules) for g in "mf"))
        )
        people = _people(mentions, titled, rules)
        known = {m.full.split()[-1] for m in mentions if m.person and m.full not in located} | set(genders_found)
        places = _places(located, speaking, people, known) | credited
        return cls(tuple(mentions), tuple(x.start for x in mentions), text, rules, genders_found, people, places)

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
            if all(q in have for q in qualifiers) and (role in have or role in GENERIC_ROLES or role in qualifiers) and self._titled(mention, role):
                return mention.full
        return None

    def _titled(self, mention: Mention, role: str) -> bool:
        """Does the role stand right before the name or in its appositive ("District
        Judge Emmet Sullivan", "Sullivan, the judge,"), not further back in the sentence
        ("a federal judge granted Judicial Watch")?"""
        if role in GENERIC_ROLES:
            return True
        before = re.split(r"[,.;:()“”\"]", self.text[max(0, mention.start - 40) : mention.start])[-1]
        if role in [w.lower() for w in _WORD.findall(before)[-1:]]:
            return True
        after = _APPOSITIVE.match(self.text, mention.end, mention.end + 70)
        return bool(after) and role in after.group(1).lower().split()

    def compatible(self, name: str, pronoun: str | None) -> bool:
        """Can "he" / "she" stand for this person, as far as the article tells? Not for
        a place ("New York" is no "he") nor an institution."""
        if name in self.places:
            return False
        words = name.split()
        if pronoun in ("he", "she") and {_clean(words[0]).lower(), _clean(words[-1]).lower()} & self.rules.institutions:
            return False  # "Congress", "the Justice Department": an "it"
        gender = self.genders.get(name)
        if gender is None and len(words) == 1 and pronoun in ("he", "she"):
            # "Melanie", never named in full: a woman's first name is no "he".
            low = _clean(name).lower()
            his, hers = low in self.rules.masculine_names, low in self.rules.feminine_names
            if (his and not hers and pronoun == "she") or (hers and not his and pronoun == "he"):
                return False
        return gender is None or pronoun not in _GENDER_OF or gender == _GENDER_OF[pronoun]

    def recent_person(self, offset: int, *, reach: int = 600, pronoun: str | None = None) -> str | None:
        """Who "he" or "she" most likely is: the latest person opening a sentence
        within `reach` characters, else the latest person mentioned; one the pronoun
        can stand for."""
        earlier = self.before(offset)
        for mention in reversed(earlier):
            if offset - mention.start > reach:
                break
            if self._someone(mention) and mention.opens and not mention.possessive and self.compatible(mention.full, pronoun):
                return mention.full
        for mention in reversed(earlier):
            if self._someone(mention) and self.compatible(mention.full, pronoun):
                return mention.full
        return None

    @functools.cached_property
    def words(self) -> frozenset[str]:
        """Every word of the article, lower-cased. Read on demand, as `lowercase`."""
        return frozenset(w.lower() for w in _WORD.findall(self.text))

    @functools.cached_property
    def lowercase(self) -> frozenset[str]:
        """Words the article writes in lower case: a capitalised one of them is no name.
        Read on demand: only a one-word speaker needs it."""
        return frozenset(filter(str.islower, _WORD.findall(self.text)))

    def plausible(self, speaker: str | None) -> str | None:
        """The speaker, unless it cannot be one: a place ("Ohio" after "in Ohio"), page
        furniture ("Feed McCain", "Trackback Comments", the agency after "©"), or one
        capitalised word the article also writes in lower case ("Partial", "Speaking")."""
        if not speaker or speaker in self.places:
            return None
        words = speaker.split()
        if any(_clean(w).lower() in self.rules.furniture for w in words):
            return None
        if len(words) == 1 and words[0][:1].isupper() and _clean(words[0]).lower() in self.lowercase:
            return None
        return speaker

    def _someone(self, mention: Mention) -> bool:
        """A person by the name's shape, or one the article shows speaking or titled
        ("Cruz said", "Mr. Cruz") though it never gives the first name; named by the
        writer, not inside a quote."""
        return (
            (mention.person or mention.full in self.people)
            and not mention.institution
            and not mention.headline
            and not self._in_quote(mention.start)
        )

    def _in_quote(self, offset: int) -> bool:
        return _within(self.quoted, offset)

    def subject_between(self, start: int, end: int, pronoun: str | None) -> str | None:
        """The last person who opens a sentence in text[start:end] and whom the pronoun
        can stand for."""
        return next(self._subjects(start, end, pronoun), None)

    def _subjects(self, start: int, end: int, pronoun: str | None, others: frozenset[str] = frozenset()) -> Iterator[str]:
        first = bisect.bisect_left(self._starts, start)
        last = bisect.bisect_left(self._starts, end)
        for k in range(last - 1, first - 1, -1):
            mention = self.mentions[k]
            if mention.full not in others and self._someone(mention) and self._subject(mention, pronoun) and self.compatible(mention.full, pronoun):
                if self._asks(mention):
                    # "Scott Conroy asked Sanders whether …": the answer is the one asked.
                    asked = self.mentions[k + 1] if k + 1 < last else None
                    if asked and asked.start <= mention.end + 12 and self.compatible(asked.full, pronoun):
                        yield asked.full
                    return
                yield mention.full

    def _asks(self, mention: Mention) -> bool:
        word = _NEXT_WORD.match(self.text, mention.end)
        return bool(word) and word.group(1).lower() in self.rules.asking

    def newcomer(self, start: int, end: int) -> str | None:
        """The person the writer last brought in, in text[start:end], as the subject of
        a reporting verb or the first name of a sentence ("Corker said he was …", "Or
        maybe Jeb Bush, consultant Phil Musser says."; not "Clinton" in "Roloson
        supports Democrat Hillary Clinton")."""
        first = bisect.bisect_left(self._starts, start)
        for k in range(bisect.bisect_left(self._starts, end) - 1, first - 1, -1):
            mention = self.mentions[k]
            if not self._someone(mention) or mention.possessive:
                continue
            if _speaks(self.text, mention.end, self.rules):
                return mention.full
            if not mention.opens:
                continue
            lead = _sentence_lead(self.text[max(0, mention.start - 120) : mention.start], self.rules)
            if k == 0 or self.mentions[k - 1].start < mention.start - len(lead):
                return mention.full
        return None

    def antecedent(self, offset: int, pronoun: str, since: int | None, previous: str | None, *, reach: int = 600) -> str | None:
        """Who "he" or "she" next to the quote at `offset` stands for: the latest person
        the writer brought in as a sentence's subject since the quote before (`since`),
        else the subject of a clause reported since ("aides say Ivanka Trump advises"),
        else the speaker who goes on (`previous`), else the latest person opening a
        sentence within `reach`. None when nobody fits: a wrong name is worse than none.
        When the writer's last subject since the quote before is a person described, not
        named ("the businessman has insisted"), the person so described.

        Never a person the pronoun's own clause names after it ("He said Mateen “…”",
        "“…,” he told Hannity"): a pronoun and a name it governs are two people."""
        others = self._governed(offset, pronoun)
        if since is not None:
            described = self._described_subject(since, offset)
            if described is not None:
                return self._described_person(described, offset, pronoun, others, reach)
            between = [
                m for m in self.mentions[bisect.bisect_left(self._starts, since) : bisect.bisect_left(self._starts, offset)] if m.full not in others
            ]
            for mention in reversed(between):
                if not self._subject(mention, pronoun) or mention.institution or mention.headline or self._in_quote(mention.start):
                    continue
                if not self.compatible(mention.full, pronoun):
                    continue
                if self._someone(mention) and self._fits(mention.full, pronoun):
                    break
                if len(mention.full.split()) == 1 and mention.full not in self.genders and _clean(mention.full).lower() not in self.lowercase:
                    # "Carson defied the question": a bare surname nothing else tells
                    # about is the newest subject; whom the next "he" means is unsure.
                    return None
            for name in self._subjects(since, offset, pronoun, others):
                if self._fits(name, pronoun):
                    return name
            for mention in reversed(between):
                if mention.reported and self._someone(mention) and not mention.possessive and self._fits(mention.full, pronoun):
                    return mention.full
            # A chain of quotes keeps its speaker only until the writer brings in
            # another subject shaped like a person; when nothing shows that subject is
            # one ("Sandy Hook wasn't just a tragedy"), nobody is named.
            for name in self._subjects(since, offset, pronoun, others):
                if self._fits(name, pronoun, strict=False):
                    return None
        if previous and previous not in others and self._fits(previous, pronoun):
            return previous
        for mention in reversed(self.before(offset)):
            if offset - mention.start > reach:
                break
            if mention.full not in others and self._someone(mention) and self._subject(mention, pronoun) and self._fits(mention.full, pronoun):
                return mention.full
        if since is not None:
            # Nobody opens a sentence as "he" could: the one man (or woman) the writer
            # mentions since the quote before, in whatever position ("… while Clinton
            # hosted an event, during which she …"); not one brought in after the
            # writer's own "She has faced …" went on about someone before.
            wanted = _GENDER_OF.get(pronoun)
            chain = self._pronoun_opens(since, offset, pronoun)
            between = self.mentions[bisect.bisect_left(self._starts, since) : bisect.bisect_left(self._starts, chain)]
            only = {
                m.full
                for m in between
                if m.full not in others and not m.headline and not m.possessive and not self._in_quote(m.start) and self._someone(m) and self.genders.get(m.full) == wanted
            }
            if len(only) == 1:
                return only.pop()
        return None

    def _subject(self, mention: Mention, pronoun: str | None) -> bool:
        """Does the mention open its sentence as its subject, or as the owner of a thing
        that does, whom the pronoun can stand for ("Palin's posts include …" before "she
        posted")?"""
        if not mention.opens:
            return False
        if not mention.possessive:
            return True
        return mention.owner and pronoun is not None and self._fits(mention.full, pronoun)

    def _pronoun_opens(self, start: int, end: int, pronoun: str) -> int:
        """Where the first sentence in text[start:end] that opens with the pronoun
        begins; `end` when none does."""
        words = self._pronoun_words(pronoun)
        for m in _SENTENCE_FIRST_WORD.finditer(self.text, start, end):
            if m.group(1).lower() in words:
                return m.start(1)
        return end

    def _described_person(self, described: re.Match[str], offset: int, pronoun: str, others: frozenset[str], reach: int) -> str | None:
        """Whom a described subject ("the actress", "the businessman") is: the person the
        article described so, else the last person mentioned before it whom the article
        shows to be of the pronoun's gender ("More troubling was Trump's unwillingness …
        Instead, the businessman has insisted")."""
        words = tuple(w.lower() for w in described.group(1).split()) + (described.group(2).lower(),)
        found = self.describe(words, offset)
        if found and found not in others and self.compatible(found, pronoun):
            return found
        wanted = _GENDER_OF.get(pronoun)

        def fits(mention: Mention) -> bool:
            return mention.full not in others and self._someone(mention) and self.genders.get(mention.full) == wanted

        last = bisect.bisect_left(self._starts, described.start())
        for k in range(last - 1, -1, -1):
            mention = self.mentions[k]
            if described.start() - mention.start > reach:
                break
            if not fits(mention):
                continue
            # Not someone that sentence's subject speaks of: "Beck, who has called Trump
            # …, clearly intended the audience to “recognize” Trump. The radio talker …"
            # is Beck.
            for j in range(k - 1, -1, -1):
                earlier = self.mentions[j]
                if _SENTENCE_BREAK_SPACE.search(self.text, earlier.start, mention.start):
                    break
                if earlier.opens and not earlier.possessive and fits(earlier):
                    return earlier.full
            return mention.full
        return None

    def _described_subject(self, since: int, offset: int) -> re.Match[str] | None:
        """The last sentence subject since the quote before when it is a person
        described, not named ("The radio talker has filled", "the businessman has
        insisted"), and no named subject opens a sentence after it: its words are
        group 1 (the qualifiers) and group 2 (the head)."""
        last = None
        for m in _DESCRIBED.finditer(self.text, since, offset):
            head = m.group(2).lower()
            # A person's title or a word for a person; not "the campaign", "the state".
            if (head in self.rules.titles and head not in _ROLE_ADJECTIVES) or head in _PERSON_NOUNS:
                last = m
        if last is None:
            return None
        after = self.mentions[bisect.bisect_left(self._starts, last.end()) : bisect.bisect_left(self._starts, offset)]
        if any(m.opens and not m.possessive and self._someone(m) for m in after):
            return None
        return last

    def _governed(self, offset: int, pronoun: str) -> frozenset[str]:
        """The people the clause of the pronoun next to the quote at `offset` names after
        the pronoun: the rest of the writer's sentence up to the quote, when the pronoun
        is in it, and the clause right after the quote."""
        words = self._pronoun_words(pronoun)
        names: set[str] = set()
        lead = self.text[max(0, offset - _CLAUSE_REACH) : offset]
        lead_start = offset - len(lead)
        cut = max((m.end() for m in _SENTENCE_OR_QUOTE.finditer(lead)), default=0)
        said = [m for m in _WORD.finditer(lead, cut) if m.group().lower() in words]
        if said:
            names.update(self._named_in(lead_start + said[-1].end(), offset))
        elif not lead[cut:].strip():
            # "Also, Trump isn't a conservative, he said. “…”": what a sentence ending in
            # ", he said." reports before it names someone else than "he".
            slifted = _SLIFTED.search(lead, 0, len(lead[:cut].rstrip(" \n\"“„«")))
            if slifted and slifted.group(1).lower() in words and slifted.group(2).lower() in self.rules.verbs:
                begin = max((m.end() for m in _SENTENCE_OR_QUOTE.finditer(lead, 0, slifted.start())), default=0)
                names.update(self._named_in(lead_start + begin, lead_start + slifted.start()))
        span = bisect.bisect_left(self.quoted, (offset, -1))
        if span < len(self.quoted):
            end = self.quoted[span][1]
            after = self.text[end : end + _CLAUSE_REACH]
            # Past the quote's own closing punctuation and mark (`…,” he told`), unless
            # they end its sentence (`….” Asked if …`).
            closing = _CLOSING.match(after)
            if not (re.search(r"[.!?]", closing.group()) and after[closing.end() : closing.end() + 1].isupper()):
                stop = _CLAUSE_END.search(after, closing.end())
                clause = after[: stop.start() if stop else len(after)]
                said = next((m for m in _WORD.finditer(clause, closing.end()) if m.group().lower() in words), None)
                if said:
                    names.update(self._named_in(end + said.end(), end + len(clause)))
        return frozenset(names)

    def _pronoun_words(self, pronoun: str) -> frozenset[str]:
        """The language's words for "he" (or "she")."""
        feminine = self.rules.feminine
        return frozenset(w for w in self.rules.personal if (w in feminine) == (pronoun == "she"))

    def _named_in(self, start: int, end: int) -> Iterator[str]:
        for mention in self.mentions[bisect.bisect_left(self._starts, start) : bisect.bisect_left(self._starts, end)]:
            yield mention.full

    def _fits(self, name: str, pronoun: str, strict: bool = True) -> bool:
        """Can "he" or "she" stand for this name: one the article shows to be of the
        pronoun's gender, or a name it treats as a person's and gives no gender ("Zuri,
        who …"; not "Facebook", "Sandy Hook", "New York"); not `strict`: any name
        shaped like a person's."""
        if not self.compatible(name, pronoun):
            return False
        wanted = _GENDER_OF.get(pronoun)
        if wanted is None or self.genders.get(name) == wanted:
            return True
        return name in self.people or (not strict and len(name.split()) >= 2)

    def first_person_between(self, start: int, end: int) -> str | None:
        """The first person mentioned in text[start:end]: who a subject-less clause
        (`“…”, se queja.`) most likely speaks for when the writer introduced someone
        since the last quote."""
        first = bisect.bisect_left(self._starts, start)
        for mention in self.mentions[first : bisect.bisect_left(self._starts, end)]:
            if mention.person:
                return mention.full
        return None


_LINE = re.compile(r"[^\n]+")
# Words of four letters or more: the ones a title-case line capitalises.
_LONG_WORD = re.compile(r"\w{4,}")


def _headline_lines(text: str) -> list[tuple[int, int]]:
    """Where the lines written in title case stand: three words or more, most of
    the longer ones capitalised ("Clinton Wades In, Urges Britain To Stay")."""
    found = []
    for line in _LINE.finditer(text):
        words = _LONG_WORD.findall(line.group())
        if len(words) < 3:
            continue
        words = [w for w in words if not w.isdigit()]
        if len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.75 * len(words):
            found.append((line.start(), line.end()))
    return found


def _within(spans: Sequence[tuple[int, int]], offset: int) -> bool:
    """Does one of the sorted, non-overlapping spans hold the offset?"""
    at = bisect.bisect_right(spans, (offset, float("inf"))) - 1
    return at >= 0 and spans[at][0] <= offset < spans[at][1]


# A sentence whose subject is a person described: "The radio talker has", "Instead, the
# businessman has insisted", "the candidate said".
_DESCRIBED = re.compile(
    r"(?:^|(?<=[.!?][\s\"”’])|(?<=\n)|(?<=,\s))[Tt]he\s+((?:[a-zA-Z][\w-]*\s+){0,3}?)([a-z][\w-]*)\s+(?:has|had|have|is|was|did|does|will|would|also|then|said|says|told|[a-z]+ed|[a-z]+s)\b"
)
_PERSON_NOUNS = frozenset(
    """businessman businesswoman billionaire mogul talker man woman lawmaker front-runner frontrunner
    congressman congresswoman veteran retiree""".split()
)

# The first word of a sentence (or of a paragraph).
_SENTENCE_FIRST_WORD = re.compile(r"(?:^|(?<=[.!?])\s+|\n)[\"“‘]?(\w+)", re.MULTILINE)

# How far around a quote the clause of its "he said" is read.
_CLAUSE_REACH = 200
# A sentence closing on its reporting clause: ", he said." right before a quote.
_SLIFTED = re.compile(r",\s+(\w+)\s+(\w+)(?:\s+\w+)?[.:]\s*$")
_CLOSING = re.compile(r"[\s.,!?…'‘’\"“”«»]*")
# Where the reporting clause after a quote ends: its sentence, a quote, a comma or a
# subordinate clause ("he said after Ryan Dickey read the facts to which Lazar admitted").
_CLAUSE_END = re.compile(
    r"[.!?]\s|[\"“”«»„,;:(—–]|\b(?:after|before|when|while|as|because|since|which|who|whom|whose|where|until|unless|although|though|if)\b"
)


# Title words that say a role, not an adjective any name may carry ("state", "national").
_ROLE_ADJECTIVES = frozenset(
    "state national political democratic republican gop white house press campaign communications former senior top presidential vice del sec".split()
)


def _people(mentions: list[Mention], titled: frozenset[str], rules: Rules) -> frozenset[str]:
    """Full names the article treats as a person's: called by the surname alone
    somewhere ("Clinton" for "Hillary Clinton"), given a gender ("Mr.", "she"), or a
    role ("Sen.", "spokeswoman"). "New York", "Fox News", "West Point" are none."""
    people = set(titled)
    for mention in mentions:
        if not mention.person:
            continue
        if len(mention.name.split()) == 1 and mention.full != mention.name:
            people.add(mention.full)
        elif any(w.lower() in rules.titles and w.lower() not in _ROLE_ADJECTIVES for w in _own_description(mention.description)):
            people.add(mention.full)
    return frozenset(people)


def _own_description(words: tuple[str, ...]) -> tuple[str, ...]:
    """The description words that are the name's own: not those before "of" or a
    possessive ("a leader of Cruz's South Carolina coalition" makes no person of
    South Carolina)."""
    cut = max((i for i, w in enumerate(words) if w.lower() in _OF or _POSSESSIVE.search(w)), default=-1)
    return words[cut + 1 :]




# ", who …": a relative clause only a person takes (not "qui", "der", "который",
# which things take too).
_WHO = re.compile(r",\s+(?:who|whom|whose|quien|quienes|кто)\b", re.IGNORECASE)
_COPYRIGHT = re.compile(r"(?:©|\([cC]\)|[cC]opyright)\s*(?:\d{4}\s*)?$")


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
