"""A reader sends a news link in German, French, Spanish, Italian, Portuguese, Russian
or Ukrainian and gets a clean summary and the key quotes with who said them; in any
other language, a summary and the quotes the punctuation shows."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.config import SummarySettings
from bot.lang import quote_marks, reporting_verbs, stop_words
from bot.models import Article, Digest
from bot.pipeline import digest_article, digest_html
from bot.pipeline.quotes import find_quotes

PAGES = Path(__file__).resolve().parent / "fixtures" / "pages-intl"


def page(name: str, url: str) -> Digest:
    html = (PAGES / name).read_text(encoding="utf-8")
    return digest_html(html, url, url, SummarySettings())


def flat(text: str) -> str:
    return " ".join(text.split())


def said(quotes, fragment: str) -> str | None:
    """The speaker of the quote holding `fragment`; fails when no quote holds it."""
    for quote in quotes:
        if fragment in flat(quote.text):
            return quote.speaker
    raise AssertionError(f"no quote contains {fragment!r}: {[q.text for q in quotes]}")


def assert_verbatim(digest: Digest) -> None:
    """Every summary sentence and every piece of every quote is the article's own text."""
    text = flat(digest.article.text)
    for sentence in digest.summary:
        assert flat(sentence.text) in text, sentence.text
    for quote in digest.all_quotes:
        for piece in flat(quote.text).rstrip(" …").split(" … "):
            assert piece in text, piece


def assert_no_boilerplate(digest: Digest, *lines: str) -> None:
    shown = " ".join(s.text for s in digest.summary) + " ".join(q.text for q in digest.quotes)
    for line in lines:
        assert line not in shown


# -- real pages ----------------------------------------------------------------------

DE_URL = "https://www.sueddeutsche.de/wirtschaft/bahn-flixbus-flixtrain-deutschlandtakt-fernverkehr-1.4445845"
ES_URL = "http://sociedad.elpais.com/sociedad/2012/10/27/actualidad/1351332873_157836.html"
FR_URL = "http://www.liberation.fr/monde/2015/04/30/un-troisieme-francais-mort-dans-le-seisme-au-nepal_1278483"
PT_URL = "https://www1.folha.uol.com.br/esporte/2018/12/tite-diz-que-errou-ao-levar-taca-da-libertadores-a-lula-em-2012.shtml"
RU_URL = "https://www.gazeta.ru/business/2021/10/21/14119843.shtml"


def test_german_page_flixbus_chief_is_quoted_by_name():
    digest = page("de-sueddeutsche-flixbus.html", DE_URL)
    assert digest.article.language == "de"
    assert digest.summary
    assert_verbatim(digest)
    assert_no_boilerplate(digest, "Feedback", "Markus Balser kam 2001", "zur Startseite", "Themen in diesem Artikel", "Daniel Scheerer")
    quotes = digest.all_quotes
    # `"…", sagt Fabian Stenger, der Deutschland-Chef von Flixbus. "Für den Fahrgast …"`
    assert said(quotes, "Man muss aufpassen, dass aus dem Deutschlandtakt kein DB-Takt wird") == "Fabian Stenger"
    assert said(quotes, "Für den Fahrgast wäre das eine Katastrophe") == "Fabian Stenger"
    # `"…", sagt auch Stenger und greift die Bahn an: "…"`: the surname, resolved.
    assert said(quotes, "Eigenwirtschaftliche Bahnen im freien Wettbewerb") == "Fabian Stenger"
    assert digest.quotes[0].speaker == "Fabian Stenger"


def test_spanish_page_patients_and_doctors_each_get_their_quote():
    digest = page("es-elpais-listas-espera.html", ES_URL)
    assert digest.article.language == "es"
    assert len(digest.summary) >= 3
    assert_verbatim(digest)
    assert_no_boilerplate(digest, "Con información de", "Lo más visto", "Archivado en", "Recomendar en Facebook", "Buscar empleo")
    quotes = digest.all_quotes
    assert said(quotes, "Esos tres meses se multiplicaron por cuatro") == "Salvador G. Tena"  # explica Tena
    assert said(quotes, "Ya no sé si me van a llamar") == "José Luis Vera"  # dice este hombre de 76 años
    assert said(quotes, "Si llego a tener algo peor") == "José Luis Vera"  # critica.
    assert said(quotes, "La situación es tremenda") == "Carmen Flores"  # expone.
    assert said(quotes, "Cada vez que voy al centro de salud") == "Laura Martínez"  # se queja.
    # `“…” apunta el presidente de la Organización Médica Colegial, Juan José Rodríguez Sendín`
    assert said(quotes, "La demora genera más listas de espera") == "Juan José Rodríguez Sendín"
    assert said(quotes, "Esto es lo más importante que Sanidad") == "Juan José Rodríguez Sendín"  # lanza.
    assert said(quotes, "Y la unificación debería ser total") == "Juan José Rodríguez Sendín"  # dice.


def test_french_page_minister_quoted_in_guillemets_with_no_break_spaces():
    digest = page("fr-liberation-nepal.html", FR_URL)
    assert digest.article.language == "fr"
    assert digest.summary
    assert_verbatim(digest)
    assert_no_boilerplate(digest, "Se connecter", "S'inscrire", "Le club abonnés")
    quotes = digest.all_quotes
    assert said(quotes, "Pour certains d’entre eux on est très interrogatif") == "Laurent Fabius"  # a ajouté
    # `et les «plus vulnérables (…)», selon le ministère des Affaires étrangères`
    assert said(quotes, "plus vulnérables") == "le ministère des Affaires étrangères"


def test_portuguese_page_coach_quoted_by_name_then_by_role():
    digest = page("pt-folha-tite.html", PT_URL)
    assert digest.article.language == "pt"
    assert_verbatim(digest)
    quotes = digest.all_quotes
    assert said(quotes, "Em 2012 eu errei. Ele não era presidente") == "Tite"  # falou Tite ao programa
    # `…", acrescentou o comandante.`: the article never names him next to that role.
    assert said(quotes, "Em 2012 eu fiz e errei") == "o comandante"


def test_portuguese_summary_has_no_sentence_starting_inside_a_quote():
    digest = page("pt-folha-tite.html", PT_URL)
    for sentence in digest.summary:
        assert sentence.text.count('"') % 2 == 0, sentence.text


def test_russian_page_president_quoted_by_surname_gets_his_full_name():
    digest = page("ru-gazeta-nord-stream.html", RU_URL)
    assert digest.article.language == "ru"
    # The " — " inside «…» is the pipeline's name, not a separator before the site's.
    assert digest.article.title == "Путин сообщил, когда заполнят газом вторую нитку «Северного потока — 2»"
    assert len(digest.summary) >= 2
    assert_verbatim(digest)
    # The teasers set into the article text, the byline and the "read more" lead.
    assert_no_boilerplate(digest, "Не думаю о", "21 октября 21:58", "Александр Ахтырко", "исчерпала себя", "Подробнее")
    quotes = digest.all_quotes
    # `«…», — указал Путин.`: the surname, resolved to "президент РФ Владимир Путин" above.
    assert said(quotes, "является проявлением капитализма, который не работает") == "Владимир Путин"


def test_russian_page_quotes_that_quote_in_turn_are_kept_whole():
    quotes = page("ru-gazeta-nord-stream.html", RU_URL).all_quotes
    # `«Первая труба «Северного потока — 2» заполнена газом. …», — рассказал он`
    assert said(quotes, "Первая труба «Северного потока — 2» заполнена газом.") == "Владимир Путин"
    assert said(quotes, "по нашим подсчетам, составит 70 млрд кубометров") == "Владимир Путин"
    # One mark opens the quote and the name it starts with: `«Северный поток — 2» — это …», — отметил Путин`.
    assert said(quotes, "«Северный поток — 2» — это современные технологии") == "Владимир Путин"
    # The tale's line stays inside the recollection that quotes it.
    tale = next(q for q in quotes if "Я вспоминаю" in q.text)
    assert "«Мерзни, мерзни, волчий хвост»." in tale.text and "в русской сказке" in tale.text
    assert tale.speaker == "Владимир Путин"
    assert not any(q.text.startswith("Мерзни") for q in quotes)


# -- the rules, paragraph by paragraph ----------------------------------------------------


def story(language: str, *paragraphs: str) -> Article:
    return Article(title="Eine Geschichte", paragraphs=paragraphs, language=language)


def test_german_low_high_quotes_guillemets_pronoun_and_so():
    quotes = find_quotes(
        story(
            "de",
            "„Wir sind stolz auf das Ergebnis“, sagte Bundeskanzlerin Angela Merkel am Dienstag in Berlin.",
            "»Das ist ein großer Tag für unser Land«, sagte sie.",
            "Finanzminister Olaf Scholz war zurückhaltender. „Die Zahlen müssen erst geprüft werden“, so Scholz.",
            "Innenministerin Nancy Faeser erklärte: „Die Lage an den Grenzen bleibt angespannt.“",
        )
    )
    assert said(quotes, "Wir sind stolz auf das Ergebnis") == "Angela Merkel"
    assert said(quotes, "Das ist ein großer Tag für unser Land") == "Angela Merkel"
    assert said(quotes, "Die Zahlen müssen erst geprüft werden") == "Olaf Scholz"
    assert said(quotes, "Die Lage an den Grenzen bleibt angespannt.") == "Nancy Faeser"


def test_swiss_guillemets_and_a_body_that_speaks():
    quotes = find_quotes(story("de", "«Die Schweiz bleibt neutral, auch in dieser Krise», teilte der Bundesrat mit."))
    assert [q.text for q in quotes] == ["Die Schweiz bleibt neutral, auch in dieser Krise"]
    assert quotes[0].speaker == "der Bundesrat"


def test_french_guillemets_with_no_break_spaces_and_inverted_pronoun():
    quotes = find_quotes(
        story(
            "fr",
            "«\u00a0Nous ne céderons pas face à la menace\u00a0», a déclaré Emmanuel Macron mardi soir.",
            "«\u202fC’est une étape importante pour le pays\u202f», a-t-il ajouté.",
            "Selon la Première ministre Élisabeth Borne, «\u00a0La réforme est nécessaire pour sauver le système.\u00a0»",
        )
    )
    assert said(quotes, "Nous ne céderons pas face à la menace") == "Emmanuel Macron"
    assert said(quotes, "C’est une étape importante pour le pays") == "Emmanuel Macron"
    assert said(quotes, "La réforme est nécessaire pour sauver le système.") == "Élisabeth Borne"


def test_spanish_angle_quotes_titles_and_a_dropped_subject():
    quotes = find_quotes(
        story(
            "es",
            "«No vamos a subir los impuestos este año», dijo el presidente Pedro Sánchez en el Congreso.",
            "La ministra Nadia Calviño habló después en Bruselas. “La economía crece más de lo previsto”, afirmó.",
            "Según Calviño, “El déficit bajará por debajo del tres por ciento.”",
        )
    )
    assert said(quotes, "No vamos a subir los impuestos este año") == "Pedro Sánchez"
    assert said(quotes, "La economía crece más de lo previsto") == "Nadia Calviño"
    assert said(quotes, "El déficit bajará por debajo del tres por ciento.") == "Nadia Calviño"


def test_italian_ha_detto_and_lei():
    quotes = find_quotes(
        story(
            "it",
            "«Il governo andrà avanti fino alla fine della legislatura», ha detto Giorgia Meloni.",
            "«Non abbiamo paura delle critiche», ha aggiunto lei.",
            "Secondo il ministro Giancarlo Giorgetti, «I conti pubblici sono in ordine.»",
        )
    )
    assert said(quotes, "Il governo andrà avanti") == "Giorgia Meloni"
    assert said(quotes, "Non abbiamo paura delle critiche") == "Giorgia Meloni"
    assert said(quotes, "I conti pubblici sono in ordine.") == "Giancarlo Giorgetti"


def test_portuguese_disse_with_particle_names_and_ele():
    quotes = find_quotes(
        story(
            "pt",
            "“Vamos reconstruir o país juntos”, disse o presidente Luiz Inácio Lula da Silva em Brasília.",
            "“O trabalho continua amanhã cedo”, afirmou ele.",
            "De acordo com Fernando Haddad, “A inflação vai cair no segundo semestre.”",
        )
    )
    assert said(quotes, "Vamos reconstruir o país juntos") == "Luiz Inácio Lula da Silva"
    assert said(quotes, "O trabalho continua amanhã cedo") == "Luiz Inácio Lula da Silva"
    assert said(quotes, "A inflação vai cair no segundo semestre.") == "Fernando Haddad"


def test_russian_dash_attribution_cyrillic_names_and_pronoun():
    quotes = find_quotes(
        story(
            "ru",
            "«Мы готовы к переговорам без предварительных условий», — заявил Сергей Лавров журналистам.",
            "«Но решение должно быть справедливым» — сказал он.",
            "Представитель МИД Мария Захарова подчеркнула: «Позиция России не изменилась.»",
        )
    )
    assert said(quotes, "Мы готовы к переговорам") == "Сергей Лавров"
    assert said(quotes, "Но решение должно быть справедливым") == "Сергей Лавров"
    assert said(quotes, "Позиция России не изменилась.") == "Мария Захарова"


def test_russian_titles_with_a_country_in_the_genitive_and_patronymics():
    quotes = find_quotes(
        story(
            "ru",
            "«Россия открыта для диалога», — заявил президент России Владимир Путин.",
            "«Это решение окончательное», — сказал пресс-секретарь Кремля Дмитрий Песков.",
            "«Мы не отступим», — подчеркнул Владимир Владимирович Путин.",
            "«Переговоры продолжатся», — сообщил Ким Чен Ын.",
        )
    )
    assert said(quotes, "Россия открыта для диалога") == "Владимир Путин"
    assert said(quotes, "Это решение окончательное") == "Дмитрий Песков"
    assert said(quotes, "Мы не отступим") == "Владимир Владимирович Путин"
    assert said(quotes, "Переговоры продолжатся") == "Ким Чен Ын"


def test_russian_quote_quoting_a_name_and_a_saying_with_the_same_guillemets():
    quotes = find_quotes(
        story(
            "ru",
            "«Проект «Арктик СПГ 2» будет запущен в срок. Санкции нам не помешают», — заявил глава компании Леонид Михельсон.",
            "«Как говорится, «тише едешь — дальше будешь». Мы никуда не спешим», — сказал он.",
        )
    )
    assert [q.text for q in quotes if "Арктик" in q.text] == [
        "Проект «Арктик СПГ 2» будет запущен в срок. Санкции нам не помешают"
    ]
    assert said(quotes, "Проект «Арктик СПГ 2» будет запущен в срок.") == "Леонид Михельсон"
    assert said(quotes, "«тише едешь — дальше будешь». Мы никуда не спешим") == "Леонид Михельсон"
    assert not any(q.text in ("Арктик СПГ 2", "тише едешь — дальше будешь") for q in quotes)


def test_russian_one_guillemet_shared_by_the_outer_quote_and_a_name_it_opens_or_ends_with():
    quotes = find_quotes(
        story(
            "ru",
            "«Газпром» выполнит все обязательства перед партнерами», — подчеркнул Алексей Миллер.",
            "«Мы уже отгрузили первую партию для «Роснефти»», — добавил он.",
            "«Сегодня мы перечитывали «Войну и мир», — рассказала учительница Анна Петрова.",
        )
    )
    assert said(quotes, "«Газпром» выполнит все обязательства перед партнерами") == "Алексей Миллер"
    assert said(quotes, "Мы уже отгрузили первую партию для «Роснефти»") == "Алексей Миллер"
    assert said(quotes, "Сегодня мы перечитывали «Войну и мир»") == "Анна Петрова"


def test_french_quote_with_a_title_in_guillemets_inside():
    quotes = find_quotes(
        story(
            "fr",
            "«\u00a0J’ai relu «\u00a0Les Misérables\u00a0» cet été, et ce livre m’a bouleversé\u00a0», a confié Emmanuel Macron.",
            "«\u00a0Comme disait ma grand-mère, «\u00a0qui va à la chasse perd sa place\u00a0». Je reste\u00a0», a-t-il ajouté.",
        )
    )
    # Spaces shown as plain spaces: quotes are compared word by word.
    assert said(quotes, "J’ai relu « Les Misérables » cet été, et ce livre m’a bouleversé") == "Emmanuel Macron"
    assert said(quotes, "« qui va à la chasse perd sa place ». Je reste") == "Emmanuel Macron"
    assert not any(flat(q.text) in ("Les Misérables", "qui va à la chasse perd sa place") for q in quotes)


def test_unbalanced_nested_guillemets_are_read_as_before():
    """A paragraph whose marks do not balance reads them flat: a new opening mark
    restarts the quote, as a stray mark in typed text needs."""
    quotes = find_quotes(story("ru", "Иван Петров назвал это «ошибкой и добавил: «Мы справимся сами, без помощи министерства»."))
    assert said(quotes, "Мы справимся сами, без помощи министерства") == "Иван Петров"
    assert not any("ошибкой" in q.text for q in quotes)


def test_german_low_high_quotes_nested_in_themselves():
    quotes = find_quotes(
        story("de", "„Wir lesen „Faust“ jedes Jahr mit den Schülern“, sagte Maria Schmidt.")
    )
    assert said(quotes, "Wir lesen „Faust“ jedes Jahr mit den Schülern") == "Maria Schmidt"


def test_russian_declined_names_resolve_to_the_name_as_introduced():
    quotes = find_quotes(
        story(
            "ru",
            "Пресс-секретарь президента Дмитрий Песков прокомментировал решение суда.",
            "По словам Дмитрия Пескова, «Кремль не вмешивается в работу судов.»",
            "«Это внутреннее дело», — добавил Песков.",
        )
    )
    assert said(quotes, "Кремль не вмешивается в работу судов.") == "Дмитрий Песков"
    assert said(quotes, "Это внутреннее дело") == "Дмитрий Песков"


def test_ukrainian_zayaviv_and_vin():
    quotes = find_quotes(
        story(
            "uk",
            "«Ми продовжимо боротьбу до перемоги», — заявив Володимир Зеленський у зверненні.",
            "«Україна вистоїть», — сказав він.",
            "За словами Дениса Шмигаля, «Уряд підготував новий бюджет.»",
        )
    )
    assert said(quotes, "Ми продовжимо боротьбу до перемоги") == "Володимир Зеленський"
    assert said(quotes, "Україна вистоїть") == "Володимир Зеленський"
    # An inflected name ("Дениса Шмигаля", genitive) is kept as written.
    assert said(quotes, "Уряд підготував новий бюджет.") == "Дениса Шмигаля"


def test_english_quotes_and_clauses_are_read_as_before():
    quotes = find_quotes(
        Article(
            title="A story",
            paragraphs=("“We will not back down from this fight,” said Senator Elizabeth Warren on Tuesday.",),
            language="en",
        )
    )
    assert said(quotes, "We will not back down from this fight") == "Elizabeth Warren"


# -- languages newsbot has no words for ---------------------------------------------


def test_a_capitalised_function_word_is_nobody():
    quotes = find_quotes(
        story(
            "pt",
            "No Brasil isso não é comum. Quando você fala sobre fluência de leitura, o pessoal estranha: "
            "“Que história é essa de que uma criança deve ler 60 palavras por minuto?”",
        )
    )
    assert said(quotes, "Que história é essa") is None


def test_unknown_language_gets_a_summary_and_quotes_by_punctuation():
    article = Article(
        title="Nieuw kabinet",
        language="nl",
        paragraphs=(
            "Het nieuwe kabinet is dinsdag beëdigd door de koning in Den Haag na maanden van onderhandelingen.",
            "“We gaan hard werken voor alle Nederlanders”, zei de nieuwe premier na afloop tegen journalisten.",
            "De oppositie reageerde kritisch op de plannen van de coalitie voor de komende vier jaar.",
        ),
    )
    digest = digest_article(article, "test", SummarySettings())
    assert digest.summary
    assert [q.text for q in digest.all_quotes] == ["We gaan hard werken voor alle Nederlanders"]
    assert digest.all_quotes[0].speaker is None


@pytest.mark.parametrize(
    ("language", "paragraphs"),
    [
        (
            "pl",
            (
                "Rada miejska w czwartek zdecydowała o odbudowie starego mostu portowego, który od lat wymagał remontu.",
                "„To najważniejsza inwestycja w historii naszego miasta” – powiedział burmistrz podczas konferencji prasowej.",
                "Koszt inwestycji szacuje się na sto milionów złotych, a prace potrwają dwa lata.",
            ),
        ),
        (
            "el",
            (
                "Το δημοτικό συμβούλιο αποφάσισε την Πέμπτη την ανακατασκευή της παλιάς γέφυρας του λιμανιού.",
                "«Είναι η σημαντικότερη επένδυση στην ιστορία της πόλης μας», δήλωσε ο δήμαρχος στους δημοσιογράφους.",
                "Το κόστος του έργου εκτιμάται σε εκατό εκατομμύρια ευρώ και οι εργασίες θα διαρκέσουν δύο χρόνια.",
            ),
        ),
    ],
)
def test_a_language_whose_stemmer_needs_a_package_we_lack_still_gets_a_summary(language, paragraphs):
    # sumy stems Polish and Greek only with optional packages; without them every such
    # page was "Unexpected error while reading this source (ValueError)".
    article = Article(title="Most", language=language, paragraphs=paragraphs)
    digest = digest_article(article, "test", SummarySettings(sentences=2))
    assert len(digest.summary) == 2
    assert len(digest.all_quotes) == 1


def test_a_czech_page_with_numbers_and_brand_names_prints_no_library_warnings(recwarn):
    # sumy's Czech stemmer warned once per such word: lines of noise in the terminal.
    article = Article(
        title="Most",
        language="cs",
        paragraphs=(
            "Městská rada ve čtvrtek rozhodla o opravě starého mostu. Práce začnou na jaře 2025.",
            "„Je to nejdůležitější investice v historii našeho města,“ řekl starosta na tiskové konferenci.",
            "Náklady se odhadují na 100 milionů korun, část zaplatí firma iStav.",
        ),
    )
    digest = digest_article(article, "test", SummarySettings(sentences=2))
    assert len(digest.summary) == 2
    assert [str(w.message) for w in recwarn] == []


def test_unknown_language_still_reads_an_english_clause():
    quotes = find_quotes(
        Article(
            title="Berita",
            language="id",
            paragraphs=("\"Kami akan terus bekerja keras untuk rakyat Indonesia,\" said Joko Widodo.",),
        )
    )
    assert said(quotes, "Kami akan terus bekerja keras untuk rakyat Indonesia") == "Joko Widodo"


# -- the vocabularies ------------------------------------------------------------------


def test_stop_words_for_every_language_including_russian():
    for code in ("en", "de", "fr", "es", "it", "pt", "ru", "uk"):
        assert len(stop_words(code)) > 50, code
    assert {"и", "что", "это"} <= stop_words("ru")
    # sumy's Portuguese list writes "o, quando" on one line and accents as "\xe9".
    assert {"o", "quando", "também"} <= stop_words("pt")
    assert stop_words("xx") == frozenset()


def test_vocabularies_name_the_issues_examples():
    for code, verb in [("de", "sagte"), ("fr", "déclaré"), ("es", "dijo"), ("it", "detto"), ("pt", "disse"), ("ru", "заявил"), ("uk", "сказав")]:
        assert verb in reporting_verbs(code), code
    assert ("„", "“") in quote_marks("de") and ("»", "«") in quote_marks("de")
    assert quote_marks("fr")[0] == ("«", "»")
    assert reporting_verbs("nl") == frozenset()


def test_no_rule_is_written_for_one_page():
    """The vocabularies hold words of the languages, not of the fixture pages."""
    source = (Path(__file__).resolve().parents[1] / "bot" / "lang" / "__init__.py").read_text(encoding="utf-8")
    for name in ("Stenger", "Sendín", "Fabius", "Tite", "Ахтырко", "Валдай"):
        assert not re.search(rf"\b{name}\b", source)
