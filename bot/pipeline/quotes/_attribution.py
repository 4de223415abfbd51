"""How each quote sits and who said it: one pass over the paired segments.

Segments split by a reporting clause (`"We are proud," he said, "of it."`, or
`"…," he said. "…"`) are one quote, and so is a bare quote paragraph that goes on with
the same speaker's quote in the paragraph before.

A quote is *standalone* when it is a sentence of speech on its own: it starts a
sentence or follows a reporting clause (`Putin said: "…"`), and ends a sentence or is
followed by one (`…," Putin said.`). Other quotes sit inside a sentence of the
writer's (He called it "a historic step", or `Cohn wrote, "the assumption…"` starting
in lowercase): *partial* quotes.

The speaker: the reporting clause next to the quote, else the speaker of the quote
just before (a bare quote paragraph continues the last speaker), else a clause like
`X said in a statement:` ending the paragraph before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from bot.lang import en, quote_marks
from bot.models import Article
from bot.pipeline.quotes._cast import Cast
from bot.pipeline.quotes._clauses import clause_after, clause_before
from bot.pipeline.quotes._marks import Segment, all_segments, paragraph_of, paragraph_starts
from bot.pipeline.quotes._partial import sentence_speaker, speaking_subject
from bot.pipeline.quotes._phrases import Clause, has_reporting_verb, is_reporting_verb, last_sentence
from bot.pipeline.quotes._rules import ENGLISH, Rules, rules_for
from bot.pipeline.quotes._speakers import resolve
from bot.pipeline.sentences import sentence_ends

# How far before and after a quote its lead-in and reporting clause are looked for:
# a sentence is rarely this long, and reading whole paragraphs for every quote made
# a paragraph of many quotes quadratic.
CONTEXT_CHARS = 1_000


@dataclass(frozen=True)
class QuoteMatch:
    """One quote as found: its pieces in Article.text, how it sits, and its speaker."""

    pieces: tuple[Segment, ...]
    text: str
    standalone: bool
    speaker: str | None = None
    score: float = 0.0
    # How the speaker was found: "clause" (next to the quote), "pronoun" (its clause's
    # "he" or "she", resolved), "previous" (the quote before goes on), "introduced"
    # (the paragraph before announced it), "" (unknown).
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


_SENTENCE_END = re.compile(r"[.!?…][\"”’»“)\]]*\s*$")
# A nested quote may close right before the quote's own mark (`…'above the president,' "`).
_TERMINAL = re.compile(r"[.!?,…—–-][\s'’]*$")


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


# `"…," Walker said, according to an AP account`: someone else's report of the words.
_SECOND_HAND = re.compile(r",\s+(?:according to|as (?:recalled|reported|quoted|told) by)\b")


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
    return word_[0].isupper() or is_reporting_verb(word_, rules) or low in en.CLAUSE_OPENERS


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
    ends = sentence_ends(after, rules.language, limit=1)
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
        according = _SECOND_HAND.search(head) if rules is ENGLISH else None
        if according and has_reporting_verb(head[: according.start()]):
            # `"…," Walker said, according to an AP account`: someone else's report
            # of the words, not the words as the writer heard them.
            return False, clause
        return True, clause
    if rules is ENGLISH and clause.found and _HANDS_OVER.search(body) and has_reporting_verb(head, rules):
        # `…,” Rep. Jim Jordan (R-Ohio), an oversight panel member, said in a phone
        # interview.`: the clause names its speaker however long it runs.
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
    ends = sentence_ends(after, rules.language, limit=1)
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
    # The clause follows the quote (`…,” Clinton said.`), not the lead-in before it.
    clause_after: bool = False


def quote_matches(article: Article) -> list[QuoteMatch]:
    """Every quote in article order, standalone and partial, with speakers."""
    text = article.text
    starts = paragraph_starts(article)
    rules = rules_for(article.language)
    reversed_first = rules is not ENGLISH and quote_marks(article.language)[:2].count(("»", "«")) > 0

    found: list[_Found] = []
    for seg in all_segments(article, reversed_first):
        first_paragraph = paragraph_of(starts, seg.start)
        last_paragraph = paragraph_of(starts, seg.end - 1)
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
        if c_after.found and not start_free and _said_that(before, rules) and not _bare_clause(after, rules):
            # `Trump claimed on Tuesday that “…,” one of the prosecutors said …`: the
            # words are what the verb before them reports; the clause after is another
            # (not a bare `…”, Ms Alexander says.` reporting the whole sentence).
            c_after = Clause()
        if c_after.found and body.rstrip(" \"”’'»").endswith(("?", "!")) and _leads_next(after, rules):
            # `“Why now?” Mills then writes back, “You look cute.”`: a question ends its
            # sentence, and the clause after it introduces the next quote.
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
        found.append(_Found([seg], start_free, end_free, clause, c_after.found))

    matches = []
    # Names are only needed to resolve speakers: read them once, and only then.
    cast = Cast.of(text, rules) if found else Cast((), ())
    if found:
        # Only quotes with both marks: an unbalanced one may run on over narration.
        quoted = tuple(sorted((p.body_start, p.body_end) for item in found for p in item.pieces if p.opened and p.closed))
        cast = replace(cast, quoted=quoted)
    last_speaker: str | None = None
    # The last speaker closed a partial quote: only a quote paragraph of its own goes on with them.
    last_partial = False
    last_paragraph = -10
    last_end = 0
    title = " ".join(article.title.split())
    since = 0
    # Where the sentence of the quote before began (as far as `since` then told).
    before_since = 0
    for item in found:
        pieces = tuple(item.pieces)
        standalone = item.start_free and item.end_free
        offset = pieces[0].start
        paragraph = paragraph_of(starts, offset)
        how = ""
        # Who the writer names after the quote before, its own clause aside.
        quote_before, since = since, _after_quote(text, starts, pieces[-1], rules)
        sentence_before, before_since = before_since, quote_before
        before = matches[-1] if matches else None
        # `Hogue said supporters have been “galvanized” … “This is just the beginning,”
        # she said.`: the subject who speaks the partial quote just before, in the same
        # paragraph, is the one who goes on.
        partial_speaker = (
            before.speaker
            if before is not None
            and before.speaker
            and not before.standalone
            and before.attribution in ("clause", "pronoun")
            and paragraph_of(starts, before.start) == paragraph
            and cast.subject_between(max(sentence_before, starts[paragraph]), quote_before, None) == before.speaker
            else None
        )
        # `He has declared Cruz “anointed” by God and “a man raised for these times”`: a
        # second quote in the sentence of the one before goes on with its speaker.
        same_sentence = before.speaker if before is not None and quote_before > offset else None
        lead_in = _sentence_before(text, starts[paragraph], offset, rules) if standalone and not item.clause.found else Clause()
        if lead_in.found:
            # `Sam Lau, the party's spokesman, said in a statement. “…”`: the sentence
            # before in the paragraph introduces the quote.
            speaker = cast.plausible(resolve(lead_in, cast, offset, None, article.author, since=quote_before))
            how = "introduced" if speaker else ""
        elif item.clause.found:
            previous_speaker = partial_speaker or (last_speaker if paragraph - last_paragraph <= 1 else None)
            if same_sentence:
                previous_speaker = same_sentence
            speaker = cast.plausible(resolve(item.clause, cast, offset, previous_speaker, article.author, since=quote_before))
            how = "pronoun" if item.clause.pronoun in ("he", "she") else "clause"
        elif standalone and partial_speaker:
            speaker = partial_speaker  # `X said they were “meticulous” … “If we …”`
            how = "previous"
        elif standalone and paragraph - last_paragraph <= 1 and last_speaker and (not last_partial or offset == starts[paragraph]):
            speaker = last_speaker  # a bare quote paragraph goes on with the last speaker
            how = "previous"
            previous = matches[-1] if matches else None
            newcomer = cast.newcomer(last_end, offset)
            if newcomer and _surname(newcomer) != _surname(last_speaker):
                # `Corker said he was "meticulous" … "If we were …"`: the writer brought
                # in another speaker since; the bare quote is theirs.
                speaker = cast.plausible(newcomer)
            if (
                previous is not None
                and previous.standalone
                and previous.speaker == speaker
                and paragraph - paragraph_of(starts, previous.end - 1) == 1
                and len(sentence_ends(text[previous.end : starts[paragraph] - 2], rules.language, limit=2)) <= 1
            ):
                # The speaker's quotation goes on over the next paragraph: one quote.
                joined = previous.pieces + tuple(replace(p, continued=True) if i == 0 else p for i, p in enumerate(pieces))
                matches[-1] = replace(previous, pieces=joined, text=_body(text, joined))
                continue
        elif standalone:
            speaker = cast.plausible(_introduced(text, starts, paragraph, cast, offset, article.author, rules))
            how = "introduced" if speaker else ""
        else:
            # A quote inside the writer's sentence (`Mr Wolfson said menswear ranges
            # were “a little too similar”`): the subject of the sentence's reporting verb.
            p_start = starts[paragraph]
            lead = sentence_speaker(text[max(p_start, offset - CONTEXT_CHARS) : offset], rules)
            speaker = cast.plausible(resolve(lead, cast, offset, same_sentence, article.author, since=quote_before)) if lead.found else None
            if speaker and len(speaker.split()) == 1 and speaker not in cast.people:
                # Described first: whether a name opens its sentence is read on demand.
                if not any(m.name == speaker and (m.description or not m.opens) for m in cast.mentions):
                    # `Critics called the plan “…”`: one capitalised word that only
                    # ever opens a sentence may be a plural noun, not a surname.
                    speaker = None
            how = "clause" if speaker else ""
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
        if speaker and (standalone or (how == "clause" and item.clause_after and item.end_free)):
            # `America needs leaders “who understand …,” Clinton said.`: a partial
            # quote her clause closes hands on to a bare quote paragraph as a whole one.
            last_speaker, last_paragraph, last_end = speaker, paragraph_of(starts, pieces[-1].start), pieces[-1].end
            last_partial = not standalone
        matches.append(QuoteMatch(pieces, _body(text, pieces), standalone, speaker, attribution=how))
    return matches


_INTRODUCES = re.compile(r"\s*([^.!?“\"«„\n]{1,120}?)[,:]\s*[“\"«„]")


def _surname(name: str) -> str:
    return name.split()[-1].lower()


def _leads_next(after: str, rules: Rules) -> bool:
    """Is the text after a quote a subject-first clause ending in `,` or `:` right before
    the next quote's opening mark (`Mills then writes back, “`)? Not a verb-first one
    (`asked Mills, “`), which goes with the quote before."""
    m = _INTRODUCES.match(after)
    if not m:
        return False
    first = m.group(1).split()[0] if m.group(1).split() else ""
    return bool(first) and not is_reporting_verb(first, rules)


def _said_that(before: str, rules: Rules) -> bool:
    """Does the writer's sentence run up to the quote with a reporting verb and its
    "that" (`Trump claimed on Tuesday that “`)?"""
    words = _sentence_tail(before, rules).split()
    if not words or words[-1].lower() not in rules.complementizers:
        return False
    return any(is_reporting_verb(w.strip(",;"), rules) for w in words[-5:-1])


def _ends_in_full_stop(body: str) -> bool:
    """A full stop after the last word, read backwards (a regex search for a full stop
    then non-word characters to the end tried every full stop in the quote)."""
    for ch in reversed(body):
        if ch == ".":
            return True
        if ch.isalnum() or ch == "_":
            return False
    return False


def _after_quote(text: str, starts: list[int], piece: Segment, rules: Rules) -> int:
    """Where the writer's sentence holding a quote ends: at the quote's closing mark
    when its words end in a full stop and a new sentence follows (`“…me.” With
    septuagenarian Donald Trump, …` brings in Trump after the quote), else at the end
    of the sentence its reporting clause closes."""
    if _ends_in_full_stop(text[piece.body_start : piece.body_end]) and _next_sentence(text[piece.end : piece.end + 3]):
        return piece.end
    return _sentence_end(text, starts, piece.end, rules)


def _sentence_end(text: str, starts: list[int], offset: int, rules: Rules) -> int:
    """Where the sentence holding `offset` ends (its paragraph's end at the latest,
    CONTEXT_CHARS on)."""
    index = paragraph_of(starts, offset)
    end = starts[index + 1] - 2 if index + 1 < len(starts) else len(text)
    end = min(end, offset + CONTEXT_CHARS)
    ends = sentence_ends(text[offset:end], rules.language, limit=1)
    return offset + ends[0] if ends else end


def _headline(text: str, starts: list[int], paragraphs: tuple[str, ...], pieces: tuple[Segment, ...]) -> bool:
    """A quoted subheading: a whole paragraph in single marks or capitals, said by no one."""
    first, last = pieces[0], pieces[-1]
    index = paragraph_of(starts, first.start)
    whole = first.start == starts[index] and last.end >= starts[index] + len(paragraphs[index].rstrip(" ."))
    body = text[first.body_start : last.body_end]
    return whole and (text[first.start] in "‘'" or (body.upper() == body and len(body.split()) >= 2))


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
    if last_body.endswith(("?", "!")) and between.strip(" ,")[:1].isupper() and _leads_next(between + "“", rules):
        # `“Too forced?” He tweeted when …, remarking, “…”`: a question ends its
        # sentence, and a sentence introducing the next quote follows.
        return False
    ends = sentence_ends(between, rules.language)
    # Whatever follows the clause's full stop introduces the next quote itself.
    return len(ends) <= 1 and (not ends or not between[ends[0] :].strip())


_SIGNATURE = re.compile(r"^[―—–-]\s*([^.!?\n]{2,80})\.?$")


def _sentence_before(text: str, start: int, offset: int, rules: Rules) -> Clause:
    """The reporting clause of the sentence right before a quote that opens a sentence
    inside its paragraph, when that sentence quotes nothing itself and is a reporting
    clause (`…, Schiff said.`, `Sam Lau said in a statement.`) or ends in a colon."""
    before = text[max(start, offset - CONTEXT_CHARS) : offset].rstrip()
    if not before or before[-1] not in ".:" or not text[start:offset].strip():
        return Clause()
    sentence = last_sentence(before, rules)
    if re.search(r"[\"“”«»„]", sentence):
        return Clause()
    if sentence.endswith(":"):
        return Clause()  # handled as the quote's own lead-in
    clause = _introducing(sentence, rules, subject=True)
    return clause if clause.name or clause.description else Clause()


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
        # `Valastro praised Christie's leadership in the aftermath of the storm.` before
        # a paragraph that is all quote: its subject, though "praised" reports nothing.
        clause = _introducing(sentence, rules, subject=offset == starts[paragraph])
    if not clause.found:
        return None
    return resolve(clause, cast, offset, None, author)


def _introducing(sentence: str, rules: Rules, *, subject: bool) -> Clause:
    """The reporting clause of a writer's sentence that introduces the quote after it
    (`X said in a statement.`): the subject of its first reporting verb (its last,
    outside English); with `subject`, in English, else the subject of a verb of
    speaking or praising (`Lynch announced on Monday the lawsuit.`)."""
    m = _INTRODUCING.search(sentence) if rules is ENGLISH else _last_verb(sentence, rules)
    clause = clause_before(sentence[: m.end()] + ",", rules) if m else Clause()
    if not clause.found and subject and rules is ENGLISH:
        clause = speaking_subject(sentence, rules)
    return clause


# The clause of `X said in a statement.` before a bare quote paragraph: its first such verb.
_INTRODUCING = re.compile(r"\b(" + "|".join(en.INTRODUCING + en.VOCABULARY.according) + r")\b")


def _last_verb(sentence: str, rules: Rules) -> re.Match[str] | None:
    """The last reporting verb (or "according to") in a sentence."""
    last = None
    for m in re.finditer(r"[\w'’-]+", sentence):
        if is_reporting_verb(m.group(), rules):
            last = m
    return last or rules.according.search(sentence)


