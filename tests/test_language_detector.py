"""Language detection gives langdetect's answers, faster: our n-gram scan hands it
exactly the n-grams its own scan finds, our profiles give its very probabilities, and
plainly English text, told by its function words without langdetect, is text langdetect
calls English too. Otherwise the same page could be labelled with another language."""

import functools

from hypothesis import given, settings
from hypothesis import strategies as st
from langdetect.detector import Detector

from bot.lang.detect import clearly_english, detect_language, detector_class, profiles

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


def test_an_english_page_without_a_declared_language_is_read_without_langdetects_profiles():
    # A batch of saved English pages that declare no language: telling English from
    # its function words spares every process the profiles' load.
    import subprocess
    import sys

    script = """
from bot.lang.detect import profiles
from bot.pipeline.extract import extract_html
page = "<html><body><article>" + "<p>The council said on Tuesday that the new bridge would open in May, and that its cost had been kept within the budget the city had set for it.</p>" * 4 + "</article></body></html>"
print(extract_html(page).language, profiles.cache_info().currsize)
"""
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["en", "0"]


def mixed_texts(seed: int, count: int) -> list[str]:
    """English news sentences mixed, in every proportion, with sentences of other languages."""
    import random

    english = [
        "The council said on Tuesday that the new bridge would open in May.",
        "Its cost had been kept within the budget the city had set, officials said.",
        "Critics argued that the money should have gone to schools and hospitals instead.",
        "The mayor, who has faced questions about the contract, did not respond.",
        "Traffic in Los Angeles and Las Vegas was not affected, according to the report.",
    ]
    other = [
        "Der Bundestag hat am Donnerstag ein neues Gesetz beschlossen, sagte ein Sprecher in Berlin.",
        "Die Opposition kritisierte, dass die Regierung die Kosten nicht offengelegt habe.",
        "Le gouvernement a annoncé mardi une nouvelle réforme des retraites, selon le ministre.",
        "El presidente dijo el lunes que el país no aceptará las condiciones del acuerdo.",
        "Il sindaco ha detto che la città non ha ancora ricevuto i fondi promessi dal governo.",
        "O ministro afirmou que as negociações continuam e que não haverá novos impostos.",
        "De regering heeft dinsdag een nieuw plan gepresenteerd om de woningnood aan te pakken.",
        "Regeringen presenterade på tisdagen ett nytt förslag om bostäder i hela landet.",
        "Pemerintah mengumumkan sebuah rencana baru untuk mengatasi kekurangan perumahan.",
        "Sinabi ng pangulo na hindi tataas ang presyo ng bigas sa mga susunod na buwan.",
        "Правительство заявило во вторник, что не будет повышать налоги в следующем году.",
    ]
    rng = random.Random(seed)
    texts = []
    for _ in range(count):
        share = rng.random()
        texts.append(" ".join(rng.choice(english if rng.random() < share else other) for _ in range(30)))
    return texts


def test_whatever_the_function_words_call_english_langdetect_calls_english_too():
    from langdetect.detector import Detector

    called = 0
    for text in mixed_texts(seed=3, count=300):
        if not clearly_english(text[:3000]):
            continue
        called += 1
        detector = Detector(langdetect_own_profiles_once())
        detector.seed = 0
        detector.append(text[:3000])
        assert detector.detect() == "en", text
    assert 20 < called < 300  # some mixtures are clear-cut, not all


def test_other_languages_and_mixtures_without_a_clear_english_majority_go_to_langdetect():
    texts = [
        "Der Bundestag hat am Donnerstag ein neues Gesetz beschlossen. Die NATO-Partner begrüßten die "
        "Entscheidung, sagte ein Sprecher in Berlin. Es ist das erste Gesetz dieser Art seit Jahren. " * 3,
        "De regering heeft dinsdag een nieuw plan gepresenteerd. Het kabinet wil dat gemeenten sneller "
        "vergunningen geven, maar de oppositie zegt dat het plan niet ver genoeg gaat. " * 3,
        "Il sindaco ha detto che la città non ha ancora ricevuto i fondi promessi dal governo. Anche i "
        "sindacati hanno criticato la decisione, che mette a rischio posti di lavoro. " * 3,
        # half English, half German: neither clear-cut
        "The council said that the bridge would open in May and that its cost had been kept low. "
        "Der Bundestag hat am Donnerstag ein neues Gesetz beschlossen, sagte ein Sprecher in Berlin. " * 3,
    ]
    assert [clearly_english(text) for text in texts] == [False] * len(texts)
    assert clearly_english(
        "The council said on Tuesday that the new bridge would open in May, and that its cost had been "
        "kept within the budget the city had set for it. " * 3
    )


@functools.lru_cache(maxsize=1)
def langdetect_own_profiles_once():
    return langdetect_own_profiles()
