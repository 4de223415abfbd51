"""Offline language identification: langdetect's profiles, a fixed seed, a few KB of text.

`profiles` and `detector_class` are public so the tests can hold our faster n-gram scan
to langdetect's own.
"""

from __future__ import annotations

from functools import lru_cache
from itertools import chain

__all__ = ["detect_language", "detector_class", "profiles"]

# langdetect is probabilistic; a fixed seed makes the same text give the same answer.
_SEED = 0
# A few kilobytes are plenty to tell languages apart and keep detection cheap.
_SAMPLE_CHARS = 3000


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of `text`, or None when it has too little to go on."""
    from langdetect.lang_detect_exception import LangDetectException

    sample = text[:_SAMPLE_CHARS]
    if sum(ch.isalpha() for ch in sample) < 20:
        return None
    detector = detector_class()(profiles())
    detector.seed = _SEED  # per detector: no global state is changed
    detector.append(sample)
    try:
        code = detector.detect()
    except LangDetectException:
        return None
    # langdetect names a few languages by region ("zh-cn"); ISO 639-1 is the part before.
    return code.split("-")[0] if code and code != "unknown" else None


@lru_cache(maxsize=1)
def profiles():
    """langdetect's language profiles, loaded once per process, as its DetectorFactory
    loads them, but each n-gram's probabilities are worked out when a text first uses
    them (`_NgramProbabilities`): a page's sample meets a few hundred of the profiles'
    87,000 n-grams, and working them all out up front was most of the load."""
    import json
    import os

    from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory

    # DetectorFactory.load_profile's walk: the same files in the same order, so each
    # language keeps its index (the probabilities are summed in that order)
    names = os.listdir(PROFILES_DIRECTORY)
    languages: list[str] = []
    counts: list[tuple[dict[str, int], list[int]]] = []
    for name in names:
        path = os.path.join(PROFILES_DIRECTORY, name)
        if name.startswith(".") or not os.path.isfile(path):
            continue
        with open(path, encoding="utf-8") as file:
            profile = json.load(file)
        languages.append(profile["name"])
        counts.append((profile["freq"], profile["n_words"]))
    factory = DetectorFactory()
    factory.langlist = languages
    factory.word_lang_prob_map = _NgramProbabilities(counts, len(names))
    return factory


class _NgramProbabilities(dict):
    """langdetect's word_lang_prob_map (n-gram -> its probability in each language),
    every n-gram a key from the start (membership stays a plain dict look-up) and its
    list of probabilities computed on first reading, as DetectorFactory.add_profile
    computes it."""

    def __init__(self, counts: list[tuple[dict[str, int], list[int]]], size: int) -> None:
        super().__init__(dict.fromkeys(chain.from_iterable(freq for freq, _ in counts)))
        self._counts = counts
        self._size = size

    def __getitem__(self, word: str) -> list[float]:
        found = dict.__getitem__(self, word)
        if found is None:
            found = [0.0] * self._size
            length = len(word)
            if 1 <= length <= 3:
                for index, (freq, n_words) in enumerate(self._counts):
                    count = freq.get(word)
                    if count is not None:
                        found[index] = 1.0 * count / n_words[length - 1]
            self[word] = found
        return found


@lru_cache(maxsize=1)
def detector_class():
    """langdetect's Detector with a faster n-gram scan that finds the very same n-grams.

    Its own scan normalises every character through a chain of Unicode-block tests;
    a page's sample has a few dozen distinct characters, so each is normalised once.
    """
    from langdetect.detector import Detector
    from langdetect.utils.ngram import NGram

    class _Detector(Detector):
        def _extract_ngrams(self) -> list[str]:
            if NGram.N_GRAM != 3:
                return super()._extract_ngrams()
            known = self.word_lang_prob_map
            normalised: dict[str, str] = {}
            found: list[str] = []
            grams = " "
            capital = False
            for raw in self.text:
                ch = normalised.get(raw)
                if ch is None:
                    ch = normalised[raw] = NGram.normalize(raw)
                # NGram.add_char: a space ends the word; keep the last N_GRAM characters
                last = grams[-1]
                if last == " ":
                    grams = " "
                    capital = False
                    if ch == " ":
                        continue
                elif len(grams) >= NGram.N_GRAM:
                    grams = grams[1:]
                grams += ch
                if ch.isupper():
                    if last.isupper():
                        capital = True
                else:
                    capital = False
                if capital:
                    continue  # words in capitals (acronyms) say little about the language
                # the 1-, 2- and 3-grams ending here (N_GRAM is 3, checked above)
                if ch != " " and ch in known:
                    found.append(ch)
                if len(grams) >= 2:
                    if grams[-2:] in known:
                        found.append(grams[-2:])
                    if len(grams) == 3 and grams in known:
                        found.append(grams)
            return found

    return _Detector
