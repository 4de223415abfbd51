"""Offline language identification: langdetect's profiles, a fixed seed, a few KB of text."""

from __future__ import annotations

from functools import lru_cache

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
    detector = _factory().create()
    detector.seed = _SEED  # per detector: no global state is changed
    detector.append(sample)
    try:
        code = detector.detect()
    except LangDetectException:
        return None
    # langdetect names a few languages by region ("zh-cn"); ISO 639-1 is the part before.
    return code.split("-")[0] if code and code != "unknown" else None


@lru_cache(maxsize=1)
def _factory():
    """Load the language profiles once per process (they take ~0.1 s to read)."""
    from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory

    factory = DetectorFactory()
    factory.load_profile(PROFILES_DIRECTORY)
    return factory
