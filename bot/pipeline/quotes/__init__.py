"""Direct quotes in an article, verbatim, with who said them; best first.

How a quote is found, paragraph by paragraph:

1. Quotation marks are read with their context. Curly marks say which way they face
   („…“ closes with “); a straight " and the guillemets « » face the way their
   neighbours say (space or no-break space before: opening), so French « … »,
   Russian «…» and German »…« all pair up; the quote state decides when the
   neighbours don't. ’ inside a word is an apostrophe. Single marks nested in a
   double quote (and the reverse) belong to the outer quote.
2. Marks pair up into segments. Journalistic conventions are honoured: a quote
   running over several paragraphs reopens each paragraph and closes only on the
   last; a paragraph that ends in `…," he said.` with no opening mark was quoted
   from its start.
3. Segments split by a reporting clause (`"We are proud," he said, "of it."`, or
   `"…," he said. "…"`) are one quote, and so is a bare quote paragraph that goes on
   with the same speaker's quote in the paragraph before.
4. A quote is *standalone* when it is a sentence of speech on its own: it starts a
   sentence or follows a reporting clause (`Putin said: "…"`), and ends a sentence
   or is followed by one (`…," Putin said.`). Other quotes sit inside a sentence of
   the writer's (He called it "a historic step", or `Cohn wrote, "the assumption…"`
   starting in lowercase): *partial* quotes. Short partial quotes are scare quotes
   and titles, never key quotes, so `find_quotes` drops them and ranks the longer
   ones below speech.

Speakers come from `bot.pipeline.quotes.speakers`: the reporting clause next to the quote, else the
speaker of the quote just before (a bare quote paragraph continues the last
speaker), else a clause like `X said in a statement:` ending the paragraph before.

The article's language (`Article.language`) picks the words those clauses are made
of (`bot.lang`: `sagte`, `a déclaré`, `dijo`, `», — заявил`, `selon X`, `er`,
`ella`…); a language newsbot has no words for is read with English ones, so its
quotes are still found by their marks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from bot.lang import quote_marks
from bot.models import Article, Quote
from bot.pipeline.quotes.salience import Profile, profile, salience
from bot.pipeline.quotes.speakers import (
    ENGLISH,
    Cast,
    Clause,
    Rules,
    clause_after,
    clause_before,
    has_reporting_verb,
    is_reporting_verb,
    last_sentence,
    resolve,
    rules_for,
    sentence_ends,
)

# A quote longer than this is cut at a sentence end, with "…".
MAX_QUOTE_CHARS = 600
# How far before and after a quote its lead-in and reporting clause are looked for:
# a sentence is rarely this long, and reading whole paragraphs for every quote made
# a paragraph of many quotes quadratic.
CONTEXT_CHARS = 1_000
# Quote segments read per article (news articles have up to ~150): a page of
# thousands of quote marks costs no more than a long interview.
MAX_SEGMENTS = 300
# Partial quotes this short are scare quotes or titles, not key quotes.
MIN_PARTIAL_WORDS = 6

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


@dataclass(frozen=True)
class QuoteMatch:
    """One quote as found: its pieces in Article.text, how it sits, and its speaker."""

    pieces: tuple[Segment, ...]
    text: str
    standalone: bool
    speaker: str | None = None
    score: float = 0.0
    # How the speaker was found: "clause" (next to the quote), "previous" (the quote
    # before goes on), "introduced" (the paragraph before announced it), "" (unknown).
    attribution: str = ""

    @property
    def start(self) -> int:
        return self.pieces[0].start

    @property
    def end(self) -> int:
        return self.pieces[-1].end

    @property
    def words(self) -> int:
        return len(self.text.split())


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


def _all_segments(article: Article, reversed_first: bool = False) -> list[Segment]:
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
    return segments


# -- 3 and 4: quotes, how they sit, who said them -----------------------------------

_SENTENCE_END = re.compile(r"[.!?…][\"”’»“)\]]*\s*$")
_TERMINAL = re.compile(r"[.!?,…—–-]\s*$")


def _next_sentence(after: str) -> bool:
    """Does a new sentence start here: a capital (any script), a digit, an opening mark?"""
    rest = after.lstrip().lstrip("[(")
    return not rest or rest[0].isupper() or rest[0].isdigit() or rest[0] in "\"“‘«„»"


def _sentence_tail(before: str, rules: Rules = ENGLISH) -> str:
    """The part of the current sentence before a quote."""
    return last_sentence(before, rules)


def _reports_content(lead_in: str, rules: Rules = ENGLISH) -> bool:
    """Does a lead-in ending in `:` or `,` report content of its own after its verb?"""
    if not lead_in.endswith((":", ",")):
        return False
    words = lead_in.rstrip(":,").split()
    verbs = [i for i, w in enumerate(words) if is_reporting_verb(w.strip(",;"), rules)]
    if not verbs:
        return False
    rest = [w.lower().strip(",;") for w in words[verbs[-1] + 1 :]]
    return any(w in rules.complementizers for w in rest) or len(rest) > 9


def _starts_free(before: str, rules: Rules = ENGLISH) -> tuple[bool, Clause]:
    """Does the quote start a sentence of its own (or follow a reporting clause)?"""
    tail = _sentence_tail(before, rules).strip()
    if not tail:
        return True, Clause()
    if re.search(r"[.!?][\"”’»“)]?$", tail):
        return True, Clause()
    clause = clause_before(tail, rules)
    if _reports_content(tail, rules):
        # `Trump tweeted that, "…"`, `he suggested Curiel was from Mexico: "…"`:
        # the lead-in says what was said before quoting it, a mixed attribution.
        return False, clause
    if tail.endswith(":"):
        return True, clause
    if clause.found and re.search(r"[,—–-]$", tail) and has_reporting_verb(tail[-80:], rules):
        return True, clause
    if clause.found and len(tail.split()) <= 8:
        return True, clause
    if tail.endswith(",") and has_reporting_verb(" ".join(tail.split()[-3:]), rules):
        return True, clause  # `she sent an email saying, "…"`
    return False, clause


_OPENERS = frozenset(
    "he she they we i it you the a an his her their its our this that one another some two three several according".split()
)
_ACCORDING = re.compile(r",\s+(?:according to|as (?:recalled|reported|quoted|told) by)\b")


_HANDS_OVER = re.compile(r"[,?!]\s*$")
_APPOSITIVE_CLAUSE = re.compile(
    r"\s*,?\s*(?P<who>(?:[A-Z]|(?:the|a|an|one) )[^,.!?;:]{1,60}),\s[^.!?]{1,200}?,\s+(?P<verb>[a-z]+)\b"
)


def _opens_clause(rest: str, rules: Rules = ENGLISH) -> bool:
    """Can a reporting clause start here: punctuation, a name, a pronoun, a verb?"""
    word = re.match(r"[\w'’-]+", rest)
    if not word:
        return True
    word_ = word.group()
    low = word_.lower()
    if rules is not ENGLISH and (low in rules.personal or low in rules.quantifiers or low in rules.auxiliaries):
        return True
    return word_[0].isupper() or is_reporting_verb(word_, rules) or low in _OPENERS


def _verb_first(rest: str, rules: Rules) -> bool:
    """`” apunta el presidente…`, `», — заявил Путин`: the clause opens with its verb."""
    word = re.match(r"[\s,—–-]*([\w'’-]+)", rest)
    return bool(word) and is_reporting_verb(word.group(1), rules)


def _ends_free(body: str, after: str, rules: Rules = ENGLISH) -> tuple[bool, Clause]:
    """Does the quote end its sentence, or hand over to a reporting clause?"""
    rest = after.lstrip()
    clause = clause_after(after, rules)
    if not rest:
        return True, clause
    # `…," he said` / `…" Putin noted.` / `…?" asked X`: a reporting verb early in the
    # rest of the sentence; right after the quote unless the quote ends in a comma.
    ends = sentence_ends(after, rules, limit=1)
    head = after[: ends[0]] if ends else after
    early = " ".join(head.split()[:8])
    if rules is not ENGLISH and clause.found and _verb_first(after, rules):
        # Verb first: speech however long the speaker's description runs.
        return True, clause
    if has_reporting_verb(early, rules) and (_TERMINAL.search(body) or (clause.found and len(head.split()) <= 8)):
        if not _TERMINAL.search(body) and not _opens_clause(rest, rules):
            # `"We don't teach anything" against homosexuality, he said`: the writer's
            # sentence goes on with the quote inside it, a mixed attribution.
            return False, clause
        according = _ACCORDING.search(head) if rules is ENGLISH else None
        if according and has_reporting_verb(head[: according.start()]):
            # `"…," Walker said, according to an AP account`: someone else's report
            # of the words, not the words as the writer heard them.
            return False, clause
        return True, clause
    if _HANDS_OVER.search(body):
        # `…," Matdos Santos, legal director for ACLU of Oregon, said`: the speaker's
        # description runs past the first words.
        late = _APPOSITIVE_CLAUSE.match(head) if rules is ENGLISH else None
        if late and is_reporting_verb(late.group("verb")):
            named = clause_after(f", {late.group('who')} {late.group('verb')}")
            if named.found:
                return True, named
    if clause.found and re.match(r"\s*[―—–]", after):
        return True, clause  # `“…” ― Ariana Huichapa`, a signature
    if _SENTENCE_END.search(body) and _next_sentence(after):
        return True, clause
    if rest[0] in ".!?" and not rest[:3].startswith("..."):
        return True, clause
    return False, clause


def _bare_clause(after: str, rules: Rules = ENGLISH) -> bool:
    """`” Trump said.` / `” the spokesman said Tuesday.`: a sentence that is only a
    reporting clause (`”, critica.` where the subject may go unsaid)."""
    ends = sentence_ends(after, rules, limit=1)
    sentence = after[: ends[0]] if ends else after
    words = sentence.split()
    fewest = 1 if rules.pro_drop else 2
    return fewest <= len(words) <= 5 and has_reporting_verb(sentence, rules) and clause_after(sentence, rules).found


def _body(text: str, pieces: tuple[Segment, ...]) -> str:
    """The quote's words; pieces split by a reporting clause are joined with "…"."""
    out = ""
    for piece in pieces:
        words = " ".join(text[piece.body_start : piece.body_end].split()).strip("“”\"'‘’ ")
        if not words:
            continue
        out = words if not out else out + (" " if piece.continued else " … ") + words
    return out


@dataclass
class _Found:
    pieces: list[Segment]
    start_free: bool
    end_free: bool
    clause: Clause


def quote_matches(article: Article) -> list[QuoteMatch]:
    """Every quote in article order, standalone and partial, with speakers."""
    text = article.text
    starts = _starts(article)
    rules = rules_for(article.language)
    reversed_first = rules is not ENGLISH and quote_marks(article.language)[:2].count(("»", "«")) > 0

    found: list[_Found] = []
    for seg in _all_segments(article, reversed_first)[:MAX_SEGMENTS]:
        first_paragraph = _paragraph_of(starts, seg.start)
        last_paragraph = _paragraph_of(starts, seg.end - 1)
        p_start = starts[first_paragraph]
        p_end = starts[last_paragraph] + len(article.paragraphs[last_paragraph])
        body = text[seg.body_start : seg.body_end]
        if not re.search(r"\w", body):
            continue
        before = text[max(p_start, seg.start - CONTEXT_CHARS) : seg.start]
        after = text[seg.end : min(p_end, seg.end + CONTEXT_CHARS)]
        if not seg.opened:
            start_free, c_before = True, Clause()
        else:
            start_free, c_before = _starts_free(before, rules)
            if start_free and _sentence_tail(before, rules).strip() and body.lstrip(" .…[(")[:1].islower():
                # `Cohn wrote, "the assumption …"`: speech folded into the writer's
                # sentence, a partial quote.
                start_free = False
        end_free, c_after = _ends_free(body, after, rules) if seg.closed else (True, Clause())
        if _ends_in_full_stop(body) and not re.match(r"\s*[―—–-]", after) and not _bare_clause(after, rules):
            # A quote ending in a full stop ends its sentence: what follows is another
            # (unless that is only `Trump said.`, the clause behind a stray full stop).
            c_after = Clause()
        clause = c_after if c_after.found else c_before
        previous = found[-1] if found else None
        if previous and seg.continued:
            previous.pieces.append(seg)
            previous.end_free = end_free
            if not previous.clause.found:
                previous.clause = c_after
            continue
        if previous and _is_title(text, previous) and len(found) >= 2:
            # `…," Clinton said on ABC's “This Week” on Sunday. "…"`: a title or a few
            # quoted words inside the clause do not stop her quote going on.
            previous = found[-2]
        if previous and _continues(text, previous, seg, c_after, rules):
            previous.pieces.append(seg)
            previous.end_free = end_free
            if not previous.clause.found:
                previous.clause = clause
            continue
        found.append(_Found([seg], start_free, end_free, clause))

    matches = []
    # Names are only needed to resolve speakers: read them once, and only then.
    cast = Cast.of(text, rules) if found else Cast((), ())
    last_speaker: str | None = None
    last_paragraph = -10
    title = " ".join(article.title.split())
    since = 0
    for item in found:
        pieces = tuple(item.pieces)
        standalone = item.start_free and item.end_free
        offset = pieces[0].start
        paragraph = _paragraph_of(starts, offset)
        how = ""
        # Who the writer names after the quote before, its own clause aside.
        quote_before, since = since, _sentence_end(text, starts, pieces[-1].end, rules)
        if item.clause.found:
            previous_speaker = last_speaker if paragraph - last_paragraph <= 1 else None
            speaker = resolve(item.clause, cast, offset, previous_speaker, article.author, since=quote_before)
            how = "clause"
        elif standalone and paragraph - last_paragraph <= 1 and last_speaker:
            speaker = last_speaker  # a bare quote paragraph goes on with the last speaker
            how = "previous"
            previous = matches[-1] if matches else None
            if (
                previous is not None
                and previous.standalone
                and previous.speaker == speaker
                and paragraph - _paragraph_of(starts, previous.end - 1) == 1
                and len(sentence_ends(text[previous.end : starts[paragraph] - 2], limit=2)) <= 1
            ):
                # The speaker's quotation goes on over the next paragraph: one quote.
                joined = previous.pieces + tuple(replace(p, continued=True) if i == 0 else p for i, p in enumerate(pieces))
                matches[-1] = replace(previous, pieces=joined, text=_body(text, joined))
                continue
        elif standalone:
            speaker = _introduced(text, starts, paragraph, cast, offset, article.author, rules)
            how = "introduced" if speaker else ""
        else:
            speaker = None
        if standalone and not speaker and _headline(text, starts, article.paragraphs, pieces):
            standalone = False
        if standalone and not how and pieces[0].start == starts[paragraph]:
            # A quote paragraph nobody is said to say: a document or a chant the
            # writer's sentence before presents, a mixed attribution at best.
            standalone = False
        if standalone and title and " ".join(article.paragraphs[paragraph].split()) == title:
            # The headline kept as the first paragraph: `Kasich: ‘We Are Going All The
            # Way’` is the desk's abridgement of the quote in the body, not speech.
            standalone = False
        if standalone and speaker:
            last_speaker, last_paragraph = speaker, _paragraph_of(starts, pieces[-1].start)
        matches.append(QuoteMatch(pieces, _body(text, pieces), standalone, speaker, attribution=how))
    return matches


def _ends_in_full_stop(body: str) -> bool:
    """A full stop after the last word, read backwards (a regex search for a full stop
    then non-word characters to the end tried every full stop in the quote)."""
    for ch in reversed(body):
        if ch == ".":
            return True
        if ch.isalnum() or ch == "_":
            return False
    return False


def _sentence_end(text: str, starts: list[int], offset: int, rules: Rules) -> int:
    """Where the sentence holding `offset` ends (its paragraph's end at the latest,
    CONTEXT_CHARS on)."""
    index = _paragraph_of(starts, offset)
    end = starts[index + 1] - 2 if index + 1 < len(starts) else len(text)
    end = min(end, offset + CONTEXT_CHARS)
    ends = sentence_ends(text[offset:end], rules, limit=1)
    return offset + ends[0] if ends else end


def _headline(text: str, starts: list[int], paragraphs: tuple[str, ...], pieces: tuple[Segment, ...]) -> bool:
    """A quoted subheading: a whole paragraph in single marks or capitals, said by no one."""
    first, last = pieces[0], pieces[-1]
    index = _paragraph_of(starts, first.start)
    whole = first.start == starts[index] and last.end >= starts[index] + len(paragraphs[index].rstrip(" ."))
    body = text[first.body_start : last.body_end]
    return whole and (text[first.start] in "‘'" or (body.upper() == body and len(body.split()) >= 2))


def _paragraph_of(starts: list[int], offset: int) -> int:
    import bisect

    return max(0, bisect.bisect_right(starts, offset) - 1)


# Possessive: a word split every way into up to six pieces made a long word cost n^5.
_SHORT_QUOTE = re.compile(r"[“\"](?:[^“”\"\s]++\s?){1,6}[”\"]")


def _is_title(text: str, item: _Found) -> bool:
    """A few quoted words inside the writer's sentence: a title, a scare quote."""
    piece = item.pieces[-1]
    return len(item.pieces) == 1 and not item.start_free and not item.end_free and len(text[piece.body_start : piece.body_end].split()) <= 6


def _continues(text: str, previous: _Found, seg: Segment, own_clause: Clause, rules: Rules = ENGLISH) -> bool:
    """`"We are proud," he said, "of it."` and `"…," he said. "…"`: one speaker's
    quote, broken by its reporting clause, goes on in the same paragraph. Not when the
    next quote has a clause of its own (`He added: "…"`, `"…," she said.`)."""
    between = _SHORT_QUOTE.sub("title", text[previous.pieces[-1].end : seg.start])
    if "\n" in between or any(mark in between for mark in "\"“”«»„"):
        return False
    if not previous.end_free:
        return False
    if not between.strip(" ,;:—–-"):
        return True
    if own_clause.found or len(between.split()) > 40 or not has_reporting_verb(between, rules):
        return False
    if between.rstrip()[-1] not in ",:;.!?—–-":
        return False  # `said Brill, author of “America’s Bitter Pill”`: a title, not more speech
    last_body = text[previous.pieces[-1].body_start : previous.pieces[-1].body_end].rstrip(" \"”’'")
    if last_body.endswith("."):
        return False  # the quote ended its sentence; what follows is a sentence of its own
    ends = sentence_ends(between, rules)
    # Whatever follows the clause's full stop introduces the next quote itself.
    return len(ends) <= 1 and (not ends or not between[ends[0] :].strip())


_SIGNATURE = re.compile(r"^[―—–-]\s*([^.!?\n]{2,80})\.?$")


def _introduced(
    text: str, starts: list[int], paragraph: int, cast: Cast, offset: int, author: str | None, rules: Rules = ENGLISH
) -> str | None:
    """A bare quote paragraph after `X said in a statement.` / `Cruz continued:`, or
    signed in the paragraph after it (`- Bernie Sanders.`)."""
    if paragraph + 1 < len(starts):
        following = text[starts[paragraph + 1] : (starts[paragraph + 2] - 2) if paragraph + 2 < len(starts) else len(text)]
        signed = _SIGNATURE.match(following.strip())
        if signed:
            clause = clause_after(following.strip(), rules)
            if clause.found:
                return resolve(clause, cast, offset, None, author)
    if paragraph == 0:
        return None
    prev = text[starts[paragraph - 1] : starts[paragraph] - 2].strip()
    sentence = last_sentence(prev, rules)
    if re.search(r"[\"“”«»„]", sentence):
        return None
    if sentence.endswith(":"):
        clause = clause_before(sentence, rules)
    else:
        m = _INTRODUCING.search(sentence) if rules is ENGLISH else _last_verb(sentence, rules)
        if not m:
            return None
        clause = clause_before(sentence[: m.end()] + ",", rules)
    if not clause.found:
        return None
    return resolve(clause, cast, offset, None, author)


_INTRODUCING = re.compile(r"\b(said|says|told|wrote|added|stated|explained|tweeted|posted|according to)\b")


def _last_verb(sentence: str, rules: Rules) -> re.Match[str] | None:
    """The last reporting verb (or "according to") in a sentence."""
    last = None
    for m in re.finditer(r"[\w'’-]+", sentence):
        if is_reporting_verb(m.group(), rules):
            last = m
    return last or rules.according.search(sentence)


# -- ranking -----------------------------------------------------------------------


def _cut(text: str, limit: int = MAX_QUOTE_CHARS) -> str:
    if len(text) <= limit:
        return text
    head = text[:limit]
    ends = [m.end() for m in re.finditer(r"[.!?](?=\s)", head)]
    if ends and ends[-1] > limit // 3:
        return head[: ends[-1]] + " …"
    return head.rsplit(" ", 1)[0] + " …"


# How much salience (0…1) weighs against substance (0…1), speech (1) and a speaker (0.5).
SALIENCE_WEIGHT = 2.0


def _score(match: QuoteMatch, salient: float = 0.0) -> float:
    words = match.words
    score = min(words, 12) / 12
    if match.standalone:
        score += 1.0
    if match.speaker:
        score += 0.5
    if words <= 3:
        score -= 1.0
    return score + SALIENCE_WEIGHT * salient


_QUOTED = re.compile(r"[“\"«„‘][^“”\"«»„]*[”\"»“’]")
_HEADING_END = re.compile(r"[.!?:,\"”’»]\s*$")


def _is_heading(paragraph: str) -> bool:
    """A subheading: a short line that ends in no sentence punctuation."""
    return len(paragraph.split()) <= 14 and not _HEADING_END.search(paragraph)


def context(article: Article, match: QuoteMatch) -> list[str]:
    """The writer's words that may paraphrase a quote: the sentence leading into it
    (the paragraph before's last one when the lead-in is only a short clause) and
    subheadings just above it, other quotes left out."""
    starts = _starts(article)
    index = _paragraph_of(starts, match.start)
    lead_in = last_sentence(article.text[max(starts[index], match.start - CONTEXT_CHARS) : match.start])
    parts = [lead_in]
    if len(lead_in.split()) < 6 and index > 0:
        parts.append(last_sentence(article.paragraphs[index - 1][-CONTEXT_CHARS:]))
    parts += [p for p in article.paragraphs[max(0, index - 2) : index] if _is_heading(p)]
    return [_QUOTED.sub(" ", part) for part in parts if part.strip()]


def _starts(article: Article) -> list[int]:
    starts = []
    position = 0
    for paragraph in article.paragraphs:
        starts.append(position)
        position += len(paragraph) + 2
    return starts


def rank(matches: list[QuoteMatch], article: Article | None = None) -> list[QuoteMatch]:
    """Best first: substantive, attributed, standalone, on the article's subject
    (given the article); speakers taking turns; no repeats."""
    seen: set[str] = set()
    pool = []
    about: Profile | None = None
    for m in matches:
        key = re.sub(r"\W+", " ", m.text.lower()).strip()
        if not key or key in seen:
            continue
        if not m.standalone and m.words < MIN_PARTIAL_WORDS:
            continue
        seen.add(key)
        salient = 0.0
        if article is not None:
            about = about or profile(article)
            salient = salience(m.text, context(article, m), about)
        pool.append(replace(m, score=_score(m, salient)))
    ranked: list[QuoteMatch] = []
    turns: dict[str | None, int] = {}
    while pool:
        best = max(pool, key=lambda m: m.score - 0.6 * turns.get(m.speaker, 0) * (m.speaker is not None))
        pool.remove(best)
        ranked.append(best)
        turns[best.speaker] = turns.get(best.speaker, 0) + 1
    return ranked


def shown(text: str) -> str:
    """A quote as a reader sees it: `…discuss them," Putin noted` ends at "them", the
    comma that handed over to the reporting clause left out."""
    return text.rstrip(",;:—– \t\n")


def find_quotes(article: Article) -> list[Quote]:
    """All direct quotes in the article, best first. `Quote.offset` is the opening mark's
    offset in `article.text` (the paragraph start when that mark is missing)."""
    return [
        Quote(text=_cut(shown(m.text)), speaker=m.speaker, offset=m.start)
        for m in rank(quote_matches(article), article)
    ]
