"""Quotation marks paired into quoted segments, paragraph by paragraph.

Curly marks say which way they face („…“ closes with “); a straight " and the
guillemets « » face the way their neighbours say (space or no-break space before:
opening), so French « … », Russian «…» and German »…« all pair up; the quote state
decides when the neighbours don't. ’ inside a word is an apostrophe. Single marks
nested in a double quote (and the reverse) belong to the outer quote. A quote running
over several paragraphs reopens each paragraph and closes only on the last; a
paragraph that ends in `…," he said.` with no opening mark was quoted from its start.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace

from bot.models import Article

# What may close each opening mark; typed text mixes curly and straight ones.
_CLOSER = {"“": '”"', "«": "»", "„": '“”"', "‘": "’", "‹": "›", '"': '"”', "'": "'"}
# German also writes »…« and ›…‹: a guillemet faces the way its neighbours say.
_REVERSED = {"»": "«", "›": "‹"}
_GUILLEMETS = frozenset("«»‹›")
_DOUBLE = frozenset('“”«»„"')
# Every character that may open or close a quote (the scan skips the rest in C).
_MARK = re.compile("[" + re.escape("".join(sorted(set(_CLOSER) | set("”»’›")))) + "]")
_SPACE_BEFORE = frozenset(" \t\n\xa0\u202f([{—–-/")
_END_AFTER = frozenset(" \t\n\xa0\u202f.,;:!?)]}—–-/…")


@dataclass(frozen=True)
class Segment:
    """Quoted text between two marks (or a paragraph edge), offsets into Article.text."""

    start: int  # the opening mark, or the paragraph start when it is missing
    end: int  # just past the closing mark, or the paragraph end
    body_start: int
    body_end: int
    paragraph: int
    opened: bool = True
    closed: bool = True
    # Goes on with the quote left open at the end of the paragraph before.
    continued: bool = False


# -- 1 and 2: marks and segments ---------------------------------------------------


def _facing(text: str, i: int) -> str:
    """'open', 'close' or 'either' for the mark at text[i], from its neighbours."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    opens = before in _SPACE_BEFORE or before in "“‘\"'„«»"
    closes = after in _END_AFTER or after in "”’\"'“«»"
    if opens and not closes:
        return "open"
    if closes and not opens:
        return "close"
    return "either"


def _is_apostrophe(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return before.isalnum() and after.isalnum()


def _guillemet_facing(paragraph: str, i: int, reversed_first: bool) -> str:
    """« and » open or close by their neighbours (`« Oui »`, `»Ja«`); when those do
    not tell, by the language's habit: French and Russian «…», German »…«."""
    facing = _facing(paragraph, i)
    if facing != "either":
        return facing
    opening = "»›" if reversed_first else "«‹"
    return "open" if paragraph[i] in opening else "close"


def _segments(paragraph: str, base: int, index: int, reversed_first: bool = False) -> tuple[list[Segment], bool]:
    """Quote segments of one paragraph, and whether a quote stays open at its end.

    A quote may quote someone in turn with the same marks (`«Первая труба «Северного
    потока — 2» заполнена газом…», — рассказал он`): marks are paired by depth. When
    that nesting does not balance within the paragraph, the marks are read flat, each
    new opening mark restarting the quote, as typed text with a stray mark needs."""
    paired = _paired(paragraph, base, index, reversed_first, nest=True)
    if paired is None:
        paired = _paired(paragraph, base, index, reversed_first, nest=False)
    assert paired is not None  # the flat reading always has an answer
    return paired


# Marks a quote may nest in itself (« « » », German „ „ “ “ and » » « «), with the
# mark closing the inner quote. “ ” is left out: in English an inner “ is as likely
# a missing closing mark, and reading it as nesting lowered PolNeAR's speaker accuracy
# (0.9577 -> 0.9574, five quotes more found, one with no speaker).
_INNER_CLOSER = {"«": "»", "„": "“", "»": "«"}
_PAIRED_GUILLEMET = {"»": "«", "«": "»", "›": "‹", "‹": "›"}
# `«…«Мерзни, мерзни, волчий хвост»`, — сказал он`: Russian prints one mark where an
# inner and the outer quote close together, the dash of the clause right after it.
_SHARED_CLOSE = re.compile(r"\s*,?\s*[—–]")
# Quote segments read per article (news articles have up to ~150): a page of
# thousands of quote marks costs no more than a long interview.
MAX_SEGMENTS = 300


def _opens_sentence(paragraph: str, end: int) -> bool:
    """Does paragraph[:end] end where a sentence may open (its start, or a sentence end
    and space)? Read backwards from `end`: a search over the whole prefix, for every
    mark, made a paragraph of guillemets quadratic."""
    i = end
    while i > 0 and paragraph[i - 1].isspace():
        i -= 1
    return end == 0 or (0 < i < end and paragraph[i - 1] in ".!?:…")


def _paired(
    paragraph: str, base: int, index: int, reversed_first: bool, nest: bool
) -> tuple[list[Segment], bool] | None:
    """`_segments` with nested marks paired by depth (`nest`), or read flat. None when
    nesting was met and does not balance: the flat reading is the better guess."""
    found: list[Segment] = []
    opener: str | None = None
    open_at = -1
    nested = 0
    depth = 0  # quotes of the opener's kind open inside the current one
    was_nested = False
    inner_closed_at = -1  # the last mark read closed an inner quote here
    first_mark = True
    for mark in _MARK.finditer(paragraph):
        i, ch = mark.start(), mark.group()
        if ch in "’'" and _is_apostrophe(paragraph, i):
            continue
        if opener is None:
            if ch in "\"'":
                facing = _facing(paragraph, i)
            elif ch in _GUILLEMETS:
                facing = _guillemet_facing(paragraph, i, reversed_first)
            else:
                facing = "close" if ch in "”’" else "open"
            if ch in "‘'" and facing != "open":
                first_mark = False
                continue
            if ch in "’" :
                first_mark = False
                continue
            if facing == "close" or (facing == "either" and ch in "”"):
                if first_mark and ch in _DOUBLE | {"”"}:
                    # `…," he said.` with no opening mark: quoted from the paragraph start.
                    found.append(Segment(base, base + i + 1, base, base + i, index, opened=False))
                elif nest and ch in _GUILLEMETS:
                    shared = _shared_open(paragraph, base, found, ch)
                    if shared is not None:
                        # `«Северный поток — 2» — это современные технологии…», — отметил
                        # Путин`: the outer quote opened with the inner one, one mark for both.
                        was_nested = True
                        found[shared:] = [Segment(found[shared].start, base + i + 1, found[shared].start, base + i, index)]
                first_mark = False
                continue
            opener, open_at, nested, depth, inner_closed_at = ch, i, 0, 0, -1
            first_mark = False
            continue
        closers = _REVERSED.get(opener) or _CLOSER[opener]
        if nest and depth and ch == _INNER_CLOSER.get(opener):
            depth -= 1
            inner_closed_at = i
            continue
        if ch in closers and not (ch in "\"'" and _facing(paragraph, i) == "open"):
            if nested and ch in "\"'":
                nested -= 1
                inner_closed_at = -1
                continue
            if ch == "’" and opener == "‘" and (i + 1 < len(paragraph) and paragraph[i + 1].isalpha()):
                continue
            if ch == "'" and _is_apostrophe(paragraph, i):
                continue
            found.append(Segment(base + open_at, base + i + 1, base + open_at + 1, base + i, index))
            opener = None
        elif ch == opener and opener in "\"'":
            nested += 1
        elif nest and ch == opener and opener in _INNER_CLOSER and _opens_inner(paragraph, i, reversed_first):
            depth += 1
            was_nested = True
        elif ch == opener and opener in "“«„" and _facing(paragraph, i) == "open":
            # A second opening mark before any close: the first was never closed.
            open_at = i
        inner_closed_at = -1
    if opener is not None and was_nested and depth == 0 and inner_closed_at >= 0 and opener in _GUILLEMETS:
        if _SHARED_CLOSE.match(paragraph, inner_closed_at + 1):
            found.append(Segment(base + open_at, base + inner_closed_at + 1, base + open_at + 1, base + inner_closed_at + 1, index))
            return found, False
    if was_nested and (opener is not None or depth):
        return None
    if opener is not None and opener in "‘'":
        return found, False
    if opener is not None:
        found.append(Segment(base + open_at, base + len(paragraph), base + open_at + 1, base + len(paragraph), index, closed=False))
        return found, True
    return found, False


def _opens_inner(paragraph: str, i: int, reversed_first: bool) -> bool:
    """Does the opener's own mark at i open a quote inside the quote?"""
    if paragraph[i] in _GUILLEMETS:
        return _guillemet_facing(paragraph, i, reversed_first) != "close"
    return _facing(paragraph, i) == "open"


def _shared_open(paragraph: str, base: int, found: list[Segment], closer: str) -> int | None:
    """For a closing guillemet with no quote open: the segment whose opening mark the
    outer quote shares, the last one of the paragraph's that opens a sentence."""
    opening = _PAIRED_GUILLEMET[closer]
    for k in range(len(found) - 1, -1, -1):
        seg = found[k]
        if not seg.opened or paragraph[seg.start - base] != opening:
            return None
        if _opens_sentence(paragraph, seg.start - base):
            return k
    return None


def all_segments(article: Article, reversed_first: bool = False) -> list[Segment]:
    """Segments of the whole article, a quote running over paragraphs joined into one."""
    segments: list[Segment] = []
    base = 0
    still_open = False
    for index, paragraph in enumerate(article.paragraphs):
        if len(segments) >= MAX_SEGMENTS:
            break
        found, open_after = _segments(paragraph, base, index, reversed_first)
        if still_open and segments and found and found[0].start == base:
            # The convention: each paragraph reopens, the last one closes.
            found[0] = replace(found[0], continued=True)
        segments.extend(found)
        still_open = open_after
        base += len(paragraph) + 2
    return segments[:MAX_SEGMENTS]



def paragraph_starts(article: Article) -> list[int]:
    """Where each paragraph starts in `Article.text` (paragraphs are joined by a blank line)."""
    starts = []
    position = 0
    for paragraph in article.paragraphs:
        starts.append(position)
        position += len(paragraph) + 2
    return starts


def paragraph_of(starts: list[int], offset: int) -> int:
    """The index of the paragraph holding `offset`."""
    return max(0, bisect.bisect_right(starts, offset) - 1)
