"""Shortcuts in the cleanup's string handling give what the plain regexes would."""

import random
import re
import sys

from bot.pipeline.cleanup import TRAILING_TAG, TRAILING_TAG_ENDS, normalise, strip_trailers

_WHITESPACE = [" ", "  ", "\t", "\n", "\r\n", "\u00a0", "\u2009", "\u3000", "\u200b", "\ufeff", " \u00a0 "]
_PIECES = ["word", "Wörd", "x", ".", "[AP]", "|", "Click To Tweet", "tweet this", "ſ", "", *_WHITESPACE]


def _texts(seed: int, count: int = 3000) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(_PIECES) for _ in range(rng.randint(0, 12))) for _ in range(count)]


def test_normalise_collapses_whitespace_as_a_plain_regex_would():
    for text in _texts(1):
        expected = re.sub(r"\s+", " ", text.replace("\u200b", "").replace("\ufeff", "")).strip()
        assert normalise(text) == expected, repr(text)


def test_strip_trailers_matches_the_regex_on_every_line():
    for text in _texts(2):
        assert strip_trailers(text) == TRAILING_TAG.sub("", text).strip(), repr(text)


def test_strip_trailers_still_drops_tags():
    assert strip_trailers("The plan is bold. Click To Tweet") == "The plan is bold."
    assert strip_trailers("Prices rose again. [BREAKING] |") == "Prices rose again."


def test_the_tag_end_characters_are_all_those_the_regex_can_end_on():
    # every character that t or s matches ignoring case, besides "]" and "|"
    ts = re.compile(r"(?i)[ts]")
    expected = {chr(i) for i in range(sys.maxunicode + 1) if ts.fullmatch(chr(i))} | {"]", "|"}
    assert set(TRAILING_TAG_ENDS) == expected


def test_is_sentence_agrees_with_the_end_of_line_regex():
    from bot.pipeline.cleanup import is_sentence

    regex = re.compile(r"[.!?…:;\"'”’»)\]。！？」』）।॥]\s*$")
    rng = random.Random(3)
    ends = [".", "!", "?", "…", ":", ";", '"', "'", "”", "’", "»", ")", "]", "。", "！", "？", "」", "』", "）", "।", "॥", "a", ",", "-", "“", "("]
    for text in _texts(4):
        text += rng.choice(ends) + rng.choice(["", " ", "\n", " \n", "\u00a0", "\t "])
        assert is_sentence(text) == bool(regex.search(text)), repr(text)
    assert not is_sentence("")
