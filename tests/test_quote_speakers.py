"""A reader trusts the name under a quote: who "she says", "il poursuit", "sagte er"
means, in stories written the way news is written.

Every passage here was written for these tests, in the style of real news; names,
places and events are invented.
"""

from __future__ import annotations

from bot.models import Article
from bot.pipeline.quotes import find_quotes


def story(*paragraphs: str, language: str = "en") -> Article:
    return Article(title="A story", paragraphs=paragraphs, language=language)


def said(article: Article, fragment: str) -> str | None:
    """The speaker shown under the quote holding `fragment`; fails when no quote holds it."""
    for quote in find_quotes(article):
        if fragment in quote.text:
            return quote.speaker
    raise AssertionError(f"no quote contains {fragment!r}")


# -- "he said" / "she says": the person the writer just brought in -----------------


def test_a_feature_story_she_says_is_the_woman_just_introduced_not_the_last_speaker():
    article = story(
        "BATON ROUGE — The city orchestra lost half of its winter season to the storm, and the players have been rehearsing in a church hall since.",
        "“We lost the roof, the pianos and most of the sheet music in one night,” said Paul Whitman, the orchestra's conductor.",
        "Maria Delgado has taught violin at River Road Elementary for 19 years. “Some of these kids have never held anything that sounds this good, and you can see it on their faces,” she says.",
    )
    assert said(article, "We lost the roof") == "Paul Whitman"
    assert said(article, "never held anything") == "Maria Delgado"


def test_she_said_skips_a_nearer_man_for_the_woman_the_article_named():
    article = story(
        "Karen Bell, the county's health director, spent Tuesday morning at the regional clinic after a week of complaints.",
        "Dr. Mark Olsen runs the clinic's emergency room. He said waiting times had doubled since June.",
        "“We simply do not have enough nurses to keep every bed open through the night,” she said.",
    )
    assert said(article, "enough nurses") == "Karen Bell"


def test_a_place_is_never_he():
    article = story(
        "Tom Alvarez spent a decade at the state port authority before he ran for the council seat.",
        "The campaign ended with a week of town halls in Lake Harbor.",
        "Lake Harbor has not had a ferry since 2009.",
        "“People here want the ferry back before they want anything else from this city,” he said.",
    )
    assert said(article, "want the ferry back") == "Tom Alvarez"


def test_french_poursuit_elle_is_the_woman_the_writer_brought_in():
    article = story(
        "La mairie a présenté mardi son plan pour rouvrir la piscine municipale, fermée depuis deux ans.",
        "« Nous voulons que les enfants puissent nager dès l'été prochain », a déclaré le maire Jean Dupont.",
        "Marie Lefèvre, qui préside l'association des parents d'élèves, ne partage pas cet optimisme. « On nous promet cette réouverture depuis trop longtemps pour y croire encore », poursuit-elle.",
        language="fr",
    )
    assert said(article, "Nous voulons que les enfants") == "Jean Dupont"
    assert said(article, "depuis trop longtemps") == "Marie Lefèvre"


def test_german_sagte_sie_is_the_woman_the_writer_brought_in():
    article = story(
        "Die Stadt will die Buslinie 12 im kommenden Jahr einstellen, weil zu wenige Fahrgäste sie nutzen.",
        "„Wir können nicht jeden leeren Bus weiter durch die Dörfer fahren lassen“, sagte Bürgermeister Thomas Berger.",
        "Anna Schmidt aus dem Ortsteil Neudorf sieht das anders. „Ohne den Bus komme ich nicht mehr zum Arzt und nicht mehr zum Einkaufen“, sagte sie.",
        language="de",
    )
    assert said(article, "Wir können nicht jeden leeren Bus") == "Thomas Berger"
    assert said(article, "Ohne den Bus komme ich") == "Anna Schmidt"


def test_spanish_asegura_ella_is_the_woman_the_writer_brought_in():
    article = story(
        "El Ayuntamiento anunció el lunes que cerrará el mercado del barrio durante seis meses por obras.",
        "«Es una reforma que el mercado necesita desde hace veinte años», dijo el alcalde Carlos Ruiz.",
        "Lucía Gómez, que vende fruta en el mercado desde 1998, no está de acuerdo. «Seis meses sin vender son seis meses sin pagar el alquiler de mi casa», asegura ella.",
        language="es",
    )
    assert said(article, "Es una reforma que el mercado") == "Carlos Ruiz"
    assert said(article, "Seis meses sin vender") == "Lucía Gómez"


def test_russian_skazala_ona_is_the_woman_the_writer_brought_in():
    article = story(
        "Власти города объявили, что летом закроют на ремонт центральный мост через реку.",
        "«Мост построен в 1962 году, и откладывать ремонт больше нельзя», — заявил мэр Игорь Петров.",
        "Ольга Смирнова, которая каждый день ездит через мост на работу, с ним не согласна. «Объезд займёт у меня лишний час в одну сторону, а о людях никто не подумал», — сказала она.",
        language="ru",
    )
    assert said(article, "Мост построен в 1962 году") == "Игорь Петров"
    assert said(article, "Объезд займёт у меня") == "Ольга Смирнова"
