"""Line-level cleanup: keep the article's sentences, drop what only looks like text.

Extractors hand us blocks of text in reading order. Some are not the article: photo
captions and credits, bylines, date stamps, share and newsletter prompts, "Read more"
links to other stories, the headline repeated above the body. None of these should
reach a summary, so they go here, for HTML and pasted text alike.

Every rule is about the *shape* of a line (length, punctuation, a leading label, a
credit pattern), never about a particular site.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from bot.pipeline._bounds import MAX_PARAGRAPH_CHARS, shorten

__all__ = [
    "Block", "HEADING", "ITEM", "MIN_ARTICLE_WORDS", "PARAGRAPH", "QUOTE", "ROW", "TRAILING_TAG",
    "TRAILING_TAG_ENDS", "clean_blocks", "drop_headline", "is_boilerplate", "is_date_stamp",
    "is_sentence", "is_stamped_caption", "normalise", "strip_trailers", "words",
]

# Block kinds, as the extractors report them.
PARAGRAPH = "p"
HEADING = "head"
ITEM = "item"  # list item
QUOTE = "quote"  # blockquote
ROW = "row"  # table row


@dataclass(frozen=True)
class Block:
    text: str
    kind: str = PARAGRAPH
    links: float = 0.0  # share of the text inside links


# Runs of two or more, or one that is not a plain space: the only whitespace
# normalise must replace. (\s+ would also "replace" every single space with itself.)
_SPACE = re.compile(r"\s\s+|[^\S ]")
_WORD = re.compile(r"[^\W_]+")
# What a sentence ends on, before any trailing whitespace: terminal punctuation or a
# closing quote or bracket. (A set lookup on the last character: a regex search for
# "[...]\s*$" tries every position of the line.)
_SENTENCE_ENDS = frozenset(".!?…:;\"'”’»)]。！？」』）।॥")

# A line that is only one of these (case-insensitive, trailing punctuation ignored)
# is a page control, not prose.
_CONTROL_LINES = re.compile(
    r"""^(?:
        advertisements?|ad|sponsored(?:\ content)?|promoted|skip\ (?:ad|advert)|
        share(?:\ (?:this|on\ \w+|the\ story|article|this\ (?:story|article)))?|
        (?:e-?mail|print|tweet|pin|copy\ link|whatsapp|facebook|twitter|linkedin|reddit)|
        comments?|\d+\ comments?|(?:view|show|read|see|load)\ (?:all\ )?comments|leave\ a\ (?:comment|reply)|
        (?:read|see|show|load|view)\ (?:more|less|all)|continue\ reading|click\ here|
        more|also|related|see\ also|also\ read|read\ also|recommended|trending(?:\ now)?|top\ stories|
        (?:you\ )?(?:may|might)\ also\ (?:like|enjoy)|more\ (?:from|on)\ [\w\s]{1,30}|most\ (?:read|popular|viewed)(?:\ [\w\s]{1,30})?|
        don'?t\ miss|editor'?s\ picks?|trending\ stories|latest\ news|up\ next|watch\ next|
        tags?|topics?|categories|filed\ under|related\ (?:articles|stories|posts|topics|content|coverage)|
        (?:subscribe|sign\ up|log\ ?in|sign\ in|register)(?:\ now)?|follow\ us|
        image|photo|video|audio|gallery|listen|watch|close|menu|search|home|back\ to\ top|
        loading|please\ wait|cookie\ settings|accept(?:\ all)?(?:\ cookies)?|
        more\ [\w\s'’]{0,30}(?:stories|news|articles|videos|reads)|popular\ (?:on|in|at)\ [\w\s.]{1,30}|
        explore\ further|order\ reprints|print\ (?:article|story|this)|thanks\ for\ signing\ up|
        [\w\s'’]{0,30}\ newsletter|(?:tags?|filed\ under|categor(?:y|ies))\s*:[^.!?]{0,80}|
        \S+@\S+\.\w+|@\w+
    )\s*[:.!…»›>|\-–—]*$""",
    re.IGNORECASE | re.VERBOSE,
)

# Labels that introduce links to other stories; the rest of the line is a headline.
_LINK_LABEL = re.compile(
    r"""^[\[(]?\s*(?:
        read\ (?:more|also|next|this)|see\ (?:more|also)|also\ (?:read|see|on\ [\w.]+)|related(?:\ (?:posts?|articles?|story|stories|coverage|content|reading|videos?|roundup|links?))?|
        more(?:\ \w+){0,3}|watch|listen|recommended|don'?t\ miss|must\ read|top\ stories|trending|popular|
        previous|next|prev|in\ case\ you\ missed\ it|more\ (?:from|on)\ [\w\s]{1,30}|
        (?:photos?|videos?|gallery|slideshow)|click\ here(?:\ to\ \w+)?
    )\s*[:|»›>\-–—]""",
    re.IGNORECASE | re.VERBOSE,
)

# Photo captions and credits.
_CREDIT = re.compile(
    r"""(?:^|\s)(?:
        ©|\(c\)\ |copyright\ |
        (?:photo|photograph|picture|image|pic|illustration|graphic|video|footage|credit|source|caption)s?(?:\ credit)?\s*(?::|by\b)|
        (?:getty\ images|shutterstock|istock(?:photo)?|afp\ via\ getty|ap\ photo|reuters/|epa-efe|efe/|dpa/|xinhua/|imago|alamy)\b|
        /\s*(?:getty|afp|ap|reuters|epa|ap\ photo|shutterstock|istock)\b
    )""",
    re.IGNORECASE | re.VERBOSE,
)
_CREDIT_ONLY = re.compile(
    r"^[\[(]?\s*(?:photo|image|picture|credit|source|via)?\s*:?\s*"
    r"(?:reuters|ap|afp|getty(?: images)?|epa|ap photo|shutterstock|istock|file photo|handout|supplied|pool|twitter|instagram|facebook|youtube)"
    r"\b[\s/,;\-–—]*[\w\s.'’\-/]{0,40}[\])]?$",
    re.IGNORECASE,
)

# Reporting credits and promotion at the end of news copy.
_FOOTER = re.compile(
    r"""^\(?\s*(?:
        (?:additional\ )?(?:reporting|writing|editing|compiled|research)\ by\b|
        [\w\s.,’'&-]{0,300}\bcontributed\ (?:to\ )?(?:this\ )?(?:report|reporting|story|article)\b|
        (?:source|sources|via)\s*:|
        (?:subscribe|sign\ up)\ (?:to|for|now)\b|if\ you\ (?:enjoyed|liked)\ this\b|
        (?:e-?mail|contact|reach)\ (?:the\ )?(?:\w+\ ){0,3}(?:at|on)\b.{0,100}(?:@|twitter|\.com)|
        also\ on\ \S+\.\w+\s|
        this\ (?:article|story)\ (?:was|has\ been|is)\ (?:first\ |originally\ )?(?:published|adapted|updated|produced|written)\b|
        (?:sign\ up|subscribe)\b.{0,120}\b(?:newsletter|inbox|email|updates|daily|weekly)\b|
        (?:get|receive)\ (?:the\ latest|our|the\ day'?’?s|breaking)\b.{0,100}\b(?:inbox|newsletter|email|updates)\b|
        (?:follow|like)\ (?:us|@?\w+(?:\ \w+){0,3})\ on\ (?:twitter|facebook|instagram|linkedin|youtube|tiktok|threads)\b|
        follow\b.{0,60}\bcoverage\b|
        like\ this\ (?:story|article)|share\ (?:this|it)\ with|tell\ us\ what\ you\ think|
        have\ a\ (?:news\ )?tip\b|got\ a\ (?:news\ )?tip\b|
        click\ (?:here|to\ tweet)|all\ rights\ reserved|copyright\ \d{4}|this\ (?:material|copy)\ (?:may\ not|is\ for)\b
    )""",
    re.IGNORECASE | re.VERBOSE,
)
_BYLINE = re.compile(
    r"^(?i:(?:written|posted|published|updated|story|words|text|reporting)\s+)?(?i:by)\s+"
    r"[A-Z][\w.'’\-]+(?:\s+(?:[A-Z][\w.'’\-]*|and|&|de|van|von|da|del|bin|al|,))*"
    r"(?:\s*[,|/\-–—]\s*[\w\s.&'’]{0,60})?$",
)
TRAILING_TAG = re.compile(r"\s*(?:click to tweet|tweet this|\[(?:[A-Z ]{2,20})\]\s*\|?)\s*$", re.IGNORECASE)
# The last non-space character of any line TRAILING_TAG matches: "]", "|", or what
# t or s match ignoring case (ſ is the long s).
TRAILING_TAG_ENDS = frozenset("]|tTsS\u017f")

_MONTHS = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|jun(?:e)?|jul(?:y)?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_DATE_TOKEN = re.compile(
    rf"""\b(?:
        \d{{4}}-\d{{1,2}}-\d{{1,2}}(?:t[\d:.+\-z]+)?|\d{{1,2}}[./-]\d{{1,2}}[./-]\d{{2,4}}|
        (?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?(?:\s+\d{{4}})?|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTHS})\.?,?(?:\s+\d{{4}})?|
        \d{{1,2}}:\d{{2}}(?::\d{{2}})?\s*(?:[ap]\.?m\.?)?|\d{{1,2}}\s*[ap]\.?m\.?|
        (?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?
    )(?!\w)""",
    re.IGNORECASE | re.VERBOSE,
)
# Words that may sit beside a date in a time stamp without making it a sentence.
_STAMP_WORDS = frozenset(
    "updated update published posted last modified created on at by am pm gmt utc bst cet est edt cst cdt mst mdt pst pdt"
    " ist aest et pt ct mt today yesterday ago minutes minute hours hour mins min read time reading".split()
)

# No page control is longer (its e-mail address alternative backtracks on long lines).
_LONGEST_CONTROL_LINE = 300

# At most this many short lines above the first sentence are page header, not body.
_MAX_HEADER_LINES = 3

# A text with fewer words than this is not an article.
MIN_ARTICLE_WORDS = 25


def normalise(text: str) -> str:
    """Collapse whitespace (including non-breaking and zero-width) into single spaces."""
    return _SPACE.sub(" ", text.replace("\u200b", "").replace("\ufeff", "")).strip()


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def is_sentence(text: str) -> bool:
    """Ends like a sentence does (terminal punctuation or a closing quote/bracket)."""
    return text.rstrip()[-1:] in _SENTENCE_ENDS


def is_date_stamp(text: str) -> bool:
    """A line that is a date or time plus a few stamp words ("Updated 5:45 AM PST 11/19/2019")."""
    return _is_date_stamp(text, len(words(text)))


def _is_date_stamp(text: str, n: int) -> bool:
    # the word count is cheap and rules out most lines before the date regex runs
    if n > 16 or not _DATE_TOKEN.search(text):
        return False
    rest = _DATE_TOKEN.sub(" ", text)
    leftover = [w for w in words(rest) if w.lower() not in _STAMP_WORDS and not w.isdigit()]
    return len(leftover) <= 2


def is_boilerplate(text: str) -> bool:
    """True for a line that is page furniture rather than article prose."""
    return _is_boilerplate(text, len(words(text)))


def _is_boilerplate(text: str, n: int) -> bool:
    """`is_boilerplate` for a line of `n` words (callers that know it spare the count)."""
    if n == 0:
        return True
    if len(text) <= _LONGEST_CONTROL_LINE and _CONTROL_LINES.match(text):
        return True
    if n <= 40 and _LINK_LABEL.match(text):
        return True
    if n <= 30 and (_CREDIT.search(text) or _CREDIT_ONLY.match(text)):
        return True
    if n <= 60 and _FOOTER.match(text):
        return True
    if n <= 12 and not is_sentence(text) and _BYLINE.match(text):
        return True
    return _is_date_stamp(text, n) or _is_stamped_caption(text, n)


def is_stamped_caption(text: str) -> bool:
    """A caption that ends in the site's name and a date ("… - Agency, 13.09.2023")."""
    return _is_stamped_caption(text, len(words(text)))


def _is_stamped_caption(text: str, n: int) -> bool:
    if n > 20 or is_sentence(text):
        return False
    last = None
    for last in _DATE_TOKEN.finditer(text):
        pass
    return (
        last is not None
        and last.end() >= len(text.rstrip(" ."))
        and bool(re.search(r"\d{4}|[^\W\d]{3}", last.group()))  # a date, not just a clock time
        and bool(re.search(r"\s[-–—|]\s|,", text[: last.start()]))
    )


def strip_trailers(text: str) -> str:
    """Drop a trailing share prompt or section tag glued to a sentence ("… Click To Tweet")."""
    stripped = text.strip()
    if stripped[-1:] not in TRAILING_TAG_ENDS:
        return stripped  # most lines: the regex would scan the whole line to find nothing
    return TRAILING_TAG.sub("", text).strip()


def _key(text: str) -> str:
    return " ".join(words(text.lower()))


def _is_label(text: str, n: int) -> bool:
    """A short line of `n` words announcing a list of other stories ("Related:", "You may also like")."""
    if n > 6:
        return False
    return bool(_CONTROL_LINES.match(text) or (text.rstrip().endswith(":") and _LINK_LABEL.match(text)))


def clean_blocks(blocks: Iterable[Block], *, title: str | None = None) -> list[Block]:
    """Drop non-article lines; keep the order and kind of everything else. A line
    longer than MAX_PARAGRAPH_CHARS is cut first: no rule here needs more."""
    items = [Block(strip_trailers(shorten(normalise(b.text), MAX_PARAGRAPH_CHARS)), b.kind, b.links) for b in blocks]
    items = [b for b in items if b.text]
    title_key = _key(title) if title else ""
    kept: list[Block] = []
    skipping_list = False
    in_body = False
    for i, block in enumerate(items):
        text = block.text
        n = len(words(text))
        # Above the first sentence sit the headline, kicker, byline and dateline.
        in_body = in_body or i >= _MAX_HEADER_LINES or block.kind in (ITEM, ROW)
        in_body = in_body or is_sentence(text) or n > 25
        if not in_body:
            continue
        # The headline repeated at the top of the body (or as a heading anywhere).
        if title_key and (i < 5 or block.kind == HEADING) and _key(text) == title_key:
            continue
        if _is_label(text, n):
            # the list of links the label announces goes with it
            skipping_list = True
            continue
        if skipping_list:
            if block.kind == ITEM or (n <= 20 and not is_sentence(text)):
                continue
            skipping_list = False
        if _is_boilerplate(text, n) or _is_teaser(block, n):
            continue
        kept.append(block)
    return _drop_repeated_captions(kept)


# A kicker or section label above a headline ("Local News") has at most this many words.
_KICKER_WORDS = 4


def drop_headline(blocks: Sequence[Block], titles: Iterable[str | None]) -> list[Block]:
    """`blocks` without a headline (any of `titles`) repeated at their top or as a heading
    anywhere, and without the short label line just above it at the top."""
    keys = {_key(t) for t in titles if t} - {""}
    if not keys:
        return list(blocks)
    kept: list[Block] = []
    for i, block in enumerate(blocks):
        if (i < 5 or block.kind == HEADING) and _key(block.text) in keys:
            if i < 5 and kept and len(words(kept[-1].text)) <= _KICKER_WORDS and not is_sentence(kept[-1].text):
                kept.pop()
            continue
        kept.append(block)
    return kept


_LABELLED = re.compile(r"^[^:.!?]{2,40}:\s+\S")


def _is_teaser(block: Block, n: int) -> bool:
    """A headline of another story (`n` words): mostly a link, or "Label: Headline" without a full stop."""
    if block.links >= 0.9 and n <= 15 and not is_sentence(block.text):
        return True
    if block.kind != PARAGRAPH or n > 25 or is_sentence(block.text) or not _LABELLED.match(block.text):
        return False
    label, headline = block.text.split(":", 1)
    return len(words(label)) <= 5 and len(words(headline)) >= 6 and headline.strip()[:1].isupper()


def _drop_repeated_captions(blocks: Sequence[Block]) -> list[Block]:
    """A short non-sentence line repeated on the page is a caption or a teaser.

    Only lines without sentence punctuation are considered: a quote pulled out and
    repeated is still the article's text, and the summary removes duplicates anyway.
    """
    droppable = [not is_sentence(b.text) and b.kind != HEADING for b in blocks]
    if not any(droppable):
        return list(blocks)  # most pages: no line could go, so no keys to compare
    keys = [_key(b.text) for b in blocks]
    counts = Counter(keys)
    out = []
    seen: set[str] = set()
    for block, key, can_go in zip(blocks, keys, droppable, strict=True):
        if can_go and counts[key] > 1:
            if key in seen:
                continue
            seen.add(key)
        out.append(block)
    return out
