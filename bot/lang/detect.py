"""Offline language identification: langdetect's profiles, a fixed seed, a few KB of text.

Plain English, the language pages most often leave undeclared, is told first by its
function words (`clearly_english`), which needs neither langdetect's profiles (loading
them is most of a batch's serial start) nor its sampling; anything less clear-cut goes
to langdetect.

`profiles` and `detector_class` are public so the tests can hold our faster n-gram scan
to langdetect's own.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import chain

__all__ = ["clearly_english", "detect_language", "detector_class", "profiles"]

# langdetect is probabilistic; a fixed seed makes the same text give the same answer.
_SEED = 0
# A few kilobytes are plenty to tell languages apart and keep detection cheap.
_SAMPLE_CHARS = 3000

# English function words no other language written in Latin letters uses much (not
# "was", "will", "of" in Dutch or German... "of" is Dutch too, but common enough in
# English and rare enough elsewhere to count). In English prose they are 12-25 % of
# the words.
_ENGLISH = frozenset(
    "the and of that with were this which would their they from have has been said could should what when"
    " there about his not are but its who".split()
)
# Function words of other languages in Latin letters (German, Dutch, French, Spanish,
# Italian, Portuguese, Scandinavian, Polish and Czech, Indonesian, Tagalog, Turkish,
# Romanian), none of them an English word or a common part of an English name ("Los
# Angeles" and "de Blasio" still count a little, hence a margin, not zero).
_OTHER = frozenset(
    """
    und nicht ist mit sich auf für eine einen dem des wird werden auch nach bei wie oder aber noch sind
    wurde hat haben ein het een en niet zijn voor ook maar wordt naar bij dat wat heeft hij deze worden nog
    les et est une du pas qui dans pour avec sont ce cette mais ont aux il elle nous vous leur été être
    los las y que del por una es se para como más pero su sus lo este esta fue di che non della sono gli
    nel alla anche più delle dei questo è não uma com os em da mais foi também pelo pela ao à são och att
    det är som på med av inte ikke og til ett się nie jest że je že pro jako ale yang dan dengan untuk ini
    itu dari tidak akan pada adalah ang ng sa mga ay hindi ve bir bu için ile și în cu pe care nu este să
    """.split()
)
# Clearly English: this share of the words or more are English function words, at least
# five times the share of the other languages' function words, and at most this share
# of the letters are outside ASCII (accents and other scripts). Mixed texts that miss
# either margin go to langdetect.
_ENGLISH_SHARE = 0.10
_OTHER_RATIO = 5
_ACCENTED_SHARE = 0.02
_MIN_WORDS = 20
_LETTERS = re.compile(r"[^\W\d_]+")


def clearly_english(sample: str) -> bool:
    """Whether `sample` is plainly English prose, by its function words and letters."""
    words = _LETTERS.findall(sample.lower())
    if len(words) < _MIN_WORDS:
        return False
    english = sum(word in _ENGLISH for word in words)
    if english < _ENGLISH_SHARE * len(words):
        return False
    other = sum(word in _OTHER for word in words)
    if other * _OTHER_RATIO > english:
        return False
    letters = "".join(words)
    return len(letters) - len(letters.encode("ascii", "ignore")) <= _ACCENTED_SHARE * len(letters)


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of `text`, or None when it has too little to go on."""
    sample = text[:_SAMPLE_CHARS]
    if sum(ch.isalpha() for ch in sample) < 20:
        return None
    if clearly_english(sample):
        return "en"
    from langdetect.lang_detect_exception import LangDetectException  # imported only when asked

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
