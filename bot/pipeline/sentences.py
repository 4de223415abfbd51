"""Sentences and words, offline: no NLTK data, no downloads; abbreviations from bot.lang.

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

from bot.lang import abbreviations, language_code, language_name, stop_words
from bot.models import Article, Sentence

__all__ = [
    "OfflineTokenizer", "article_sentences", "cached_words", "sentence_ends", "split_sentences",
    "word_tokens",
]

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
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")

# A candidate end: terminal punctuation, any closing quotes/brackets, then space.
# A run of punctuation is only tried from its start (or just after a "…"): tried from
# every position of a long run ("!!!!…" without a space) the search was quadratic. It
# finds the same ends: from inside a run a match reaches the same lookahead.
# It opens on the mark itself and looks back from there: a pattern that starts with a
# character set lets the regex engine skip to the next mark, where one that starts with
# a lookbehind is tried at every character (a third of the time, on news text). The
# atomic group keeps a "…" from going on into a run of full stops after it.
_END = re.compile(r"[.!?…](?>(?<=…)|(?<![.!?].)[.!?]*+)[" + re.escape(_CLOSERS) + r"]*+(?=\s|$)")
# Every whitespace character to a space, one for one: offsets into the caller's text stay
# right, and the word before a full stop is found back to the last space alone.
_SPACES = {ord(c): " " for c in "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"}
_NEXT_TOKEN = re.compile(r"\s*(\S+)")
_INITIAL = re.compile(r"^[" + re.escape(_OPENING) + r"]*[^\W\d_]\.$")
_DOTTED = re.compile(r"^[" + re.escape(_OPENING) + r"]*(?:[^\W\d_]{1,2}\.){2,}$")  # U.S.  E.E.U.U.
_ORDINAL = re.compile(r"^\d{1,2}\.$")
# A news agency's credit after a dateline: "(AP)", "(Reuters)", "(dpa)".
_AGENCY = re.compile(r"^\([A-Za-z][A-Za-z./]{1,14}\)$")

# A word (letters, joined by apostrophes or hyphens) or a number ("3.5", "1,000", "40%").
# Words first, as they are most tokens, and possessive: neither branch ever needs to
# give back what it took, and not keeping the backtracking state is a tenth faster.
_WORD = re.compile(r"[^\W\d_]++(?:['’\-][^\W\d_]++)*+|\d++(?:[.,:]\d++)*+%?")


@functools.lru_cache(maxsize=16)
def _rules(code: str) -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    # Abbreviations (bot.lang, one table a language: titles, numbered, ending). English
    # ones are common in every language's news (U.S., Inc., Dr.).
    own, english = abbreviations(code), abbreviations("en")
    openers = frozenset(_OPENERS["en"].split()) | stop_words(code)
    return (
        own.titles | english.titles,
        own.numbered | english.numbered,
        own.ending | english.ending,
        openers,
    )


def sentence_ends(text: str, language: str = "en", *, limit: int | None = None) -> list[int]:
    """Offsets just past each sentence end in `text`, by the rules `split_sentences`
    uses ("Sen.", "U.S. officials" and "(R-Fla.)" end none). Line breaks count as
    spaces here: it finds the ends inside one run of prose, as the quote rules read it.
    With `limit`, only the first `limit` ends (a caller after the first end spares the rest)."""
    return _ends(text.translate(_SPACES), language_code(language), limit)


def _ends(block: str, code: str, limit: int | None = None) -> list[int]:
    """`sentence_ends` on a block whose only whitespace is the space."""
    brackets = _Brackets(block)
    ends: list[int] = []
    start = 0
    for match in _END.finditer(block):
        if _is_boundary(block, start, match, code, brackets):
            start = match.end()
            ends.append(start)
            if len(ends) == limit:
                break
    return ends


def split_sentences(text: str, language: str = "en") -> list[str]:
    """Split `text` into sentences, whitespace normalised, in order."""
    code = language_code(language)
    return [sentence for block in _blocks(text) for sentence in _split_block(block, code)]


def article_sentences(article: Article) -> list[Sentence]:
    """Every sentence of the article, numbered across it, with its paragraph index."""
    code = language_code(article.language or "en")
    sentences: list[Sentence] = []
    for number, paragraph in enumerate(article.paragraphs):
        for text in split_sentences(paragraph, code):
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


def _blocks(text: str) -> Iterator[str]:
    """Runs of text that no sentence crosses: paragraphs, bullet items, single lines."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    for paragraph in _PARAGRAPH_BREAK.split(text):
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


def _split_block(block: str, code: str) -> list[str]:
    block = " ".join(block.split())  # whitespace runs to one space, as `\s+`, and stripped
    if not block or _DASH_LINE.match(block):
        return []
    sentences = []
    start = 0
    for end in _ends(block, code):
        sentence = block[start:end].strip()
        if sentence:
            sentences.append(sentence)
        start = end
    rest = block[start:].strip()
    if rest:
        sentences.append(rest)
    return sentences


def _is_boundary(block: str, start: int, match: re.Match[str], code: str, brackets: _Brackets) -> bool:
    following = _NEXT_TOKEN.match(block, match.end())
    if following is None:
        return True
    nxt = following.group(1)
    if _AGENCY.match(nxt):
        return False  # "SANTA MONICA, Calif. (AP) -- ...": a dateline stays with its sentence
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
