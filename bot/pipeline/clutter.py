"""Page clutter that old and busy news pages put among the story's paragraphs.

Menus, tickers, share bars, teasers for other stories, "submit a story" and advert
lines, photo captions and review fact boxes come out of an extractor as paragraphs
like any other. Each rule reads the shape of one block (its link share, its capitals,
its separators, a leading label), never a site: see `is_clutter`.

Every test here is a bounded regex or a single pass over the block's words.
"""

from __future__ import annotations

import re

from bot.pipeline.cleanup import HEADING, ITEM, ROW, Block, is_sentence

__all__ = ["is_clutter", "unglue_sentences"]

# A block mostly inside links and not a sentence: a menu, a list of other stories.
_LINKED = 0.8
_LINKED_SHORT = 0.5
_SHORT_WORDS = 40
# A longer block is prose even when linked throughout (a deal's description, a quoted review).
_LINKED_WORDS = 60
# Contact and advert lines are short; the address patterns only ever read this much
# (an address pattern on an unbroken run of letters would re-scan it from every start).
_CONTACT_CHARS = 600

# "Label: value" lines of a film, book or product review's fact box.
_FACT_BOX = re.compile(
    r"""^(?:rated|rating|mpaa\ rating|certificate|stars|starring|cast|director|directed\ by|written\ by|
        screenplay|producer|running\ time|run\ time|runtime|length|genre|studio|distributor|released|
        release\ date|opens|grade|verdict|format|platforms?|price|publisher|pages|label|tracks)\s*:""",
    re.IGNORECASE | re.VERBOSE,
)
_CAPTION = re.compile(r"^[\[(]?\s*(?:foto|fotos|photo|photos|bild|image|picture|pic|credit|caption)s?\s*[:|]", re.IGNORECASE)
# Headlines run together by a ticker, or a menu's parts: " :: ", " | ", " • ", " > ".
_RUN_SEPARATOR = re.compile(r"\s(?:::|\||•|·|>|»|›|/)\s|^\s*[>»›]\s")
_STRONG_SEPARATOR = re.compile(r"\s(?:::|\||•)\s")
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+\.[\w.-]+\b")
_PHONE = re.compile(r"(?<![\w+])\+?\(?\d[\d ().\-]{7,16}\d\b")
_CONTACT_PROMPT = re.compile(
    r"""\b(?:submit\ (?:a|your)\ (?:story|stories|news|photos?|videos?|letter)|news\ tip|story\ tip|
        (?:contact|e-?mail|call|write\ to|tell)\ us|send\ us|get\ in\ touch|advertis(?:e|ing)\ (?:with|here|on)|
        for\ advertising)\b""",
    re.IGNORECASE | re.VERBOSE,
)
_ADVERT = re.compile(r"\b(?:free\ (?:quotes?|estimates?|advice|trial|consultation|delivery)|call\ now|call\ today|special\ offer|discount)\b", re.IGNORECASE | re.VERBOSE)
_ELLIPSIS_END = ("…", "...", "…]", "...]")
_TEASER_LABEL = re.compile(r"^[^:.!?]{2,30}:\s")
# "heard.Shocking": a full stop with no space before a capitalised word, after a lower-case word.
_GLUED = re.compile(r"(?<=[a-z]{2}[.!?])(?=[A-Z][a-z])")
_GLUED_QUICK = re.compile(r"[a-z][.!?][A-Z]")


def is_clutter(block: Block, n: int) -> bool:
    """Whether a block of `n` words is page clutter rather than the story's text."""
    if block.kind == HEADING:
        return False
    text = block.text
    sentence = is_sentence(text)
    if not sentence and n <= _LINKED_WORDS and (
        block.links >= _LINKED or (block.links >= _LINKED_SHORT and n <= _SHORT_WORDS and block.kind != ITEM)
    ):
        return True
    if n <= 30 and (_FACT_BOX.match(text) or _CAPTION.match(text)):
        return True
    if n <= 60 and len(text) <= _CONTACT_CHARS and _is_contact_or_advert(text):
        return True
    if text.rstrip().endswith(_ELLIPSIS_END) and n <= 30 and (block.links >= 0.3 or _TEASER_LABEL.match(text)):
        return True  # "Related: Council to inspect every home …"
    if not sentence and block.kind != ROW and _is_run(text, n):
        return True  # (a table row's cells are joined by " | ": a run by construction)
    return False


def _is_contact_or_advert(text: str) -> bool:
    """"Want to submit a story? Contact us at editor@…", "Free quotes. Call 0800 …"."""
    if _CONTACT_PROMPT.search(text) and (_EMAIL.search(text) or _PHONE.search(text) or len(text) < 120):
        return True
    return bool(_ADVERT.search(text) and (_PHONE.search(text) or _EMAIL.search(text)))


def _is_run(text: str, n: int) -> bool:
    """A menu, ticker or share bar: several short parts and no prose.

    "> EMAIL THIS STORY > PRINTER FRIENDLY VERSION", "Council delays vote :: Two hurt in
    crash :: …", or ten or more capitalised words in a row ("My Account Home Top News")."""
    if "--" in text or "/ " in text:
        return False  # a directory tree or code listing, not a menu
    parts = _STRONG_SEPARATOR.split(text)
    if len(parts) >= 3 and n <= 200 and all(len(part.split()) >= 2 for part in parts):
        return True  # "Council delays vote :: Two hurt in crash :: …"
    separators = len(_RUN_SEPARATOR.findall(text))
    if separators >= 2 or (separators == 1 and text.lstrip()[:1] in ">»›"):
        letters = [c for c in text if c.isalpha()]
        capitals = sum(c.isupper() for c in letters)
        if n <= 60 and (capitals >= 0.6 * len(letters) or n <= 4 * (separators + 1)):
            return True
    if n >= 10:
        tokens = text.split()
        capitalised = sum(1 for t in tokens if t[:1].isupper())
        return capitalised >= 0.85 * len(tokens) and not any(t[-1:] in ",.;" for t in tokens)
    return False


def unglue_sentences(text: str) -> str:
    """"the court has heard.Shocking photographs…" -> "heard. Shocking": a missing space
    after a sentence (lost with the markup between two paragraphs or a caption)."""
    # the plain pattern finds (or rules out) a glued stop much faster than the look-arounds
    return _GLUED.sub(" ", text) if _GLUED_QUICK.search(text) else text
