"""Our faster n-gram scan must hand langdetect exactly the n-grams its own scan finds,
or the same page could be labelled with another language."""

from hypothesis import given, settings
from hypothesis import strategies as st
from langdetect.detector import Detector

from bot.lang.detect import detector_class, profiles, detect_language

# Letters of several scripts, capitals, accents, digits, punctuation and spaces.
ALPHABET = "aAbBzZ  éÉßçÄЖжΩω中文あアン한ไทยعربيहिंदी,.-'’0 9\u0300\n\t"


def ngrams(detector_class: type, text: str) -> list[str]:
    detector = detector_class(profiles())
    detector.append(text)
    detector.cleaning_text()
    return detector._extract_ngrams()


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=300))
def test_the_scan_finds_what_langdetect_finds(text):
    assert ngrams(detector_class(), text) == ngrams(Detector, text)


def test_a_news_paragraph_gets_the_same_ngrams_and_language():
    text = (
        "Der Bundestag hat am Donnerstag ein neues Gesetz beschlossen. Die NATO-Partner "
        "begrüßten die Entscheidung, sagte ein Sprecher in Berlin."
    )
    assert ngrams(detector_class(), text) == ngrams(Detector, text)
    assert detect_language(text) == "de"
