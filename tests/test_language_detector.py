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


def langdetect_own_profiles():
    from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory

    factory = DetectorFactory()
    factory.load_profile(PROFILES_DIRECTORY)
    return factory


def test_the_profiles_give_every_ngram_langdetects_own_probabilities():
    theirs = langdetect_own_profiles()
    ours = profiles()
    assert ours.langlist == theirs.langlist
    assert ours.word_lang_prob_map.keys() == theirs.word_lang_prob_map.keys()
    # a spread of n-grams (every 97th) across the scripts, each worked out on first reading
    for ngram in list(theirs.word_lang_prob_map)[::97]:
        assert ours.word_lang_prob_map[ngram] == theirs.word_lang_prob_map[ngram], ngram


def test_pages_in_many_languages_get_the_very_probabilities_langdetect_gives():
    theirs = langdetect_own_profiles()
    texts = [
        "The council voted on Tuesday to close the library, a spokesman said.",
        "Le gouvernement a annoncé mardi une nouvelle réforme des retraites, selon le ministre.",
        "El presidente dijo el lunes que el país no aceptará las condiciones del acuerdo.",
        "Il sindaco ha detto che la città non ha ancora ricevuto i fondi promessi dal governo.",
        "O ministro afirmou que as negociações continuam e que não haverá novos impostos.",
        "Правительство заявило во вторник, что не будет повышать налоги в следующем году.",
        "Уряд заявив, що підтримає місцеві громади та відновить зруйновані школи.",
        "Rząd ogłosił w poniedziałek nowy program pomocy dla rolników, powiedział minister.",
        "Η κυβέρνηση ανακοίνωσε νέα μέτρα στήριξης για τις οικογένειες, είπε ο υπουργός.",
        "政府周二宣布了新的经济刺激计划，以支持中小企业的发展。",
        "الحكومة أعلنت يوم الثلاثاء عن خطة جديدة لدعم الاقتصاد المحلي.",
        "De regering heeft dinsdag een nieuw plan gepresenteerd om de woningnood aan te pakken.",
    ]
    for text in texts:
        mine, own = detector_class()(profiles()), Detector(theirs)
        for detector in (mine, own):
            detector.seed = 0
            detector.append(text)
        assert [(p.lang, p.prob) for p in mine.get_probabilities()] == [
            (p.lang, p.prob) for p in own.get_probabilities()
        ], text
