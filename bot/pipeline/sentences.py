"""Sentences and words, offline: no NLTK data, no downloads, a few languages' abbreviations.

A sentence ends at `.`, `!`, `?` or an ellipsis followed by space, unless what comes
next shows it does not: a lower-case word (`"Why?" he asked.`), a number after
`No.` or `Jan.`, a name after `Mr.` or an initial. Closing quotes and brackets
stay with the sentence they close. Line breaks end a sentence too, except inside a
hard-wrapped line (no end punctuation before, lower case after); blank lines and
bullets always do.

`OfflineTokenizer` gives sumy's parsers and summarizers the same splitting, so
nothing in newsbot needs NLTK's punkt data.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from bot.lang import language_code, language_name, stop_words
from bot.models import Article, Sentence

# Abbreviations, lower-case, without their final period. Three kinds, because they
# behave differently before a capital letter:
#  - TITLES come before a name: never the end of a sentence ("Mr. Smith", "Gen. Milley").
#  - NUMBERED come before a number ("No. 10", "Jan. 5"); before a word they are words
#    ("he said no.") or end a sentence.
#  - the rest (and initials, and dotted acronyms like U.S.) end a sentence only when
#    a common sentence-opening word follows ("... in the U.S. The ...").
_TITLES = {
    "en": "mr mrs ms messrs dr prof st gen sen rep gov lt col capt sgt cpl adm maj cmdr rev fr hon pres "
    "supt insp det mt ft gov atty amb brig vs v cf ald judg rt",
    "de": "hr fr frl dr prof st hl bzw vgl z.b u.a d.h z.t s.o u.u sog ca mio mrd ggf evtl inkl usw ehem",
    "fr": "mm mme mlle me dr pr st ste mgr cf env av bd p.ex",
    "es": "sr sra srta sres dr dra d dña ud uds lic ing prof av avda sto sta p.ej",
    "it": "sig sigg dott dr prof ing avv on sen geom rag ad es p.es",
    "pt": "sr sra srs dr dra prof eng av sto sta p.ex",
    "ru": "г гг т.е т.к т.н др им ул д пр проф акад акад ген см млн млрд тыс руб долл стр п ст",
    "uk": "р рр ім вул пров просп бул пл м с див т.д т.зв проф акад ген млн млрд тис грн стор п ст",
}
_NUMBERED = {
    "en": "no nos art vol vols fig figs pp p ch sec para jan feb mar apr jun jul aug sep sept oct nov dec",
    "de": "nr abs art s jan feb mär apr jun jul aug sep sept okt nov dez",
    "fr": "no n° art p janv févr avr juil sept oct nov déc",
    "es": "núm n.º art pág ene feb mar abr jun jul ago sep oct nov dic",
    "it": "n art pag gen feb mar apr mag giu lug ago set ott nov dic",
    "pt": "n.º nº art pág jan fev mar abr mai jun jul ago set out nov dez",
    "ru": "№ ст п",
    "uk": "№ ст п",
}
_ENDING = {
    "en": "inc corp ltd co bros jr sr etc a.m p.m e.g i.e al plc llc esq",
    "de": "etc ag gmbh",
    "fr": "etc",
    "es": "etc",
    "it": "ecc etc",
    "pt": "etc",
    "ru": "т.д т.п",
    "uk": "т.п",
}
# Words that open sentences, used to tell "in the U.S. The ..." (a break) from
# "J. K. Rowling" (none). Every language's sumy stop-word list adds to these.
_OPENERS = {
    "en": "the a an he she it they we i you his her its their our this that these those there but and "
    "in on at for as if when while after before since so yet or mr mrs ms dr police officials",
}

_CLOSERS = "\"'”’»“)]}›"
_OPENING = "\"'“‘«„([{‹¿¡"
_BULLET = re.compile(r"^\s*(?:[-*•·▪●◦–—‣]|\d{1,2}[.)])\s+")
_DASH_LINE = re.compile(r"^\W+$")

# A candidate end: terminal punctuation, any closing quotes/brackets, then space.
# A run of punctuation is only tried from its start (or just after a "…"): tried from
# every position of a long run ("!!!!…" without a space) the search was quadratic. It
# finds the same ends: from inside a run a match reaches the same lookahead.
_END = re.compile(r"(?:…|(?<![.!?])[.!?]++)[" + re.escape(_CLOSERS) + r"]*+(?=\s)")
_NEXT_TOKEN = re.compile(r"\s*(\S+)")
_INITIAL = re.compile(r"^[" + re.escape(_OPENING) + r"]*[^\W\d_]\.$")
_DOTTED = re.compile(r"^[" + re.escape(_OPENING) + r"]*(?:[^\W\d_]{1,2}\.){2,}$")  # U.S.  E.E.U.U.
_ORDINAL = re.compile(r"^\d{1,2}\.$")

_WORD = re.compile(r"\d+(?:[.,:]\d+)*%?|[^\W\d_]+(?:['’\-][^\W\d_]+)*")


@functools.lru_cache(maxsize=16)
def _rules(code: str) -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    # English abbreviations are common in every language's news (U.S., Inc., Dr.).
    def words(table: dict[str, str]) -> frozenset[str]:
        return frozenset((table.get(code, "") + " " + table["en"]).split())

    openers = frozenset(_OPENERS["en"].split()) | stop_words(code)
    return words(_TITLES), words(_NUMBERED), words(_ENDING), openers


def split_sentences(text: str, language: str = "en") -> list[str]:
    """Split `text` into sentences, whitespace normalised, in order."""
    return [sentence for _, sentence in _split_blocks(text, language)]


def article_sentences(article: Article) -> list[Sentence]:
    """Every sentence of the article, numbered across it, with its paragraph index."""
    sentences: list[Sentence] = []
    for number, paragraph in enumerate(article.paragraphs):
        for text in split_sentences(paragraph, article.language or "en"):
            sentences.append(Sentence(text=text, index=len(sentences), paragraph=number))
    return sentences


def word_tokens(text: str, language: str = "en") -> list[str]:
    """Words and numbers, in order, case kept: punctuation and symbols dropped."""
    return _WORD.findall(text)


@functools.lru_cache(maxsize=1024)
def cached_words(text: str) -> tuple[str, ...]:
    """`word_tokens`, kept: the summary and the quote ranking read each sentence's words
    several times over (is it prose, its terms, is it a repeat)."""
    return tuple(_WORD.findall(text))


class OfflineTokenizer:
    """A drop-in for sumy's `Tokenizer` that needs no NLTK data."""

    def __init__(self, language: str = "en") -> None:
        self._code = language_code(language)

    @property
    def language(self) -> str:
        return language_name(self._code)

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        return tuple(split_sentences(paragraph, self._code))

    def to_words(self, sentence: str) -> tuple[str, ...]:
        return tuple(word_tokens(sentence, self._code))


def _split_blocks(text: str, language: str) -> Iterator[tuple[int, str]]:
    code = language_code(language)
    for number, block in enumerate(_blocks(text)):
        for sentence in _split_block(block, code):
            yield number, sentence


def _blocks(text: str) -> Iterator[str]:
    """Runs of text that no sentence crosses: paragraphs, bullet items, single lines."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    for paragraph in re.split(r"\n\s*\n", text):
        current: list[str] = []
        for raw in paragraph.split("\n"):
            line = raw.strip()
            if not line:
                continue
            bullet = _BULLET.match(line)
            if bullet:
                line = line[bullet.end() :]
            if current and (bullet or not _continues(current[-1], line)):
                yield " ".join(current)
                current = []
            current.append(line)
        if current:
            yield " ".join(current)


def _continues(previous: str, line: str) -> bool:
    """A hard-wrapped line: the previous one has no end punctuation and this starts lower case."""
    if previous[-1] in ".!?…:;" + _CLOSERS:
        return False
    first = line.lstrip(_OPENING)[:1]
    return first.islower() or (first.isdigit() and previous[-1] not in ".!?")


def _split_block(block: str, code: str) -> Iterator[str]:
    block = re.sub(r"\s+", " ", block).strip()
    if not block or _DASH_LINE.match(block):
        return
    start = 0
    brackets = _Brackets(block)
    for match in _END.finditer(block):
        end = match.end()
        if _is_boundary(block, start, match, code, brackets):
            sentence = block[start:end].strip()
            if sentence:
                yield sentence
            start = end
    rest = block[start:].strip()
    if rest:
        yield rest


def _is_boundary(block: str, start: int, match: re.Match[str], code: str, brackets: _Brackets) -> bool:
    following = _NEXT_TOKEN.match(block, match.end())
    if following is None:
        return True
    nxt = following.group(1)
    first = nxt.lstrip(_OPENING + "-–—")[:1]
    if first.islower():
        # "Why?" he asked. / e.g. the / ... and then: the sentence goes on.
        return False
    if brackets.inside(start, match.end()):
        return False
    punct = match.group().rstrip(_CLOSERS)
    closed = len(match.group()) > len(punct)
    if punct != "." or closed:
        return True
    # The word the full stop ends: back to the last space (the block has no other
    # whitespace). A backwards regex search for it tried every start in the sentence.
    word = block[max(start, block.rfind(" ", start, match.start()) + 1) : match.start() + 1]
    bare = word.lstrip(_OPENING)[:-1]
    # "the FT." or "patients with MS.": an all-capitals word is an acronym, not "Ft." or "Ms.".
    bare = "" if len(bare) > 1 and bare.isupper() and bare.isalpha() else bare.lower()
    titles, numbered, ending, openers = _rules(code)
    if first.isdigit():
        return bare not in numbered and bare not in titles
    if bare in titles:
        return False
    if code == "de" and _ORDINAL.match(word):
        # "am 3. Oktober": German ordinals carry a period.
        return nxt.lower().strip(_CLOSERS + _OPENING + ",;:") in openers
    if bare in ending or _INITIAL.match(word) or _DOTTED.match(word):
        if _INITIAL.match(nxt) or _DOTTED.match(nxt):
            return False  # J. K. Rowling, the U.S. U.N. envoy
        return nxt.lower().strip(_CLOSERS + _OPENING + ",;:.") in openers
    return True


class _Brackets:
    """Is a period inside an aside "(see p. 5. Also ...)" that closes soon after on this line?

    Counts brackets from the sentence's start as the scan moves on, never again from
    the start: a long sentence with many candidate ends stays linear."""

    def __init__(self, block: str) -> None:
        self._block = block
        self._start = self._position = self._opened = 0

    def inside(self, start: int, position: int) -> bool:
        block = self._block
        if start != self._start:  # a new sentence (starts only move forward)
            self._start = self._position = start
            self._opened = 0
        self._opened += block.count("(", self._position, position) - block.count(")", self._position, position)
        self._position = position
        return self._opened > 0 and ")" in block[position : position + 300]
