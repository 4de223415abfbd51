"""Shortcuts in the extractor agree with the plain computations they replace."""

import random

from bot.cleanup import words
from bot.extract import _has_words


def test_has_words_agrees_with_counting_the_joined_text():
    rng = random.Random(5)
    pieces = ["word", "two words", "", " ", "-", "_", "x_y", "naïve", "1990", "。", "\n"]
    for _ in range(2000):
        paragraphs = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 6))) for _ in range(rng.randint(0, 8))]
        minimum = rng.randint(0, 12)
        assert _has_words(paragraphs, minimum) == (len(words("\n\n".join(paragraphs))) >= minimum), paragraphs
