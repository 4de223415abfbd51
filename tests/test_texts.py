"""The bot speaks the reader's language where it has one: every translation says what the
English says, with the same blanks, in valid Telegram HTML."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from bot import errors
from bot.texts import ENGLISH, ERROR_TRANSLATIONS, TRANSLATIONS, error_text, text
from tests.fakebotapi import parse_html

BOT_SOURCE = "\n".join(p.read_text(encoding="utf-8") for p in (Path(__file__).parents[1] / "bot").rglob("*.py"))


def blanks(template: str) -> set[str]:
    # A plural choice "{count|story|stories}" is the blank "count"; its words are the language's.
    return {name.split("|")[0] for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("language", sorted(set(TRANSLATIONS) - {"en"}))
def test_a_translation_has_every_text_with_the_same_blanks_and_valid_html(language):
    table = TRANSLATIONS[language]
    assert set(table) == set(ENGLISH)
    for key, template in table.items():
        assert blanks(template) == blanks(ENGLISH[key]), key
        if key.endswith("_html"):
            values = {name: 7 for name in blanks(template)}
            parse_html(text(key, language, **values))  # raises as Telegram would


@pytest.mark.parametrize("language", sorted(ERROR_TRANSLATIONS))
def test_every_translated_error_is_one_the_bot_really_raises(language):
    for english, translated in ERROR_TRANSLATIONS[language].items():
        assert english in BOT_SOURCE, english  # a message that was reworded would never match
        assert blanks(translated) == blanks(english), english


def test_errors_reach_a_reader_in_their_language_or_as_raised():
    assert error_text(errors.HTTPStatus(404), "ru") == "Страница не найдена (HTTP 404)."
    assert error_text(errors.HTTPStatus(503), "de-AT") == (
        "Auf der Website ist ein Fehler aufgetreten (HTTP 503); versuch es später noch einmal."
    )
    assert error_text(errors.HTTPStatus(451), "ru") == "Сайт ответил ошибкой (HTTP 451)."
    assert error_text(errors.NotAnArticle(), "de") == "Auf dieser Seite habe ich keinen Artikeltext gefunden."
    # No table for the language, or a message naming a file: as raised, in English.
    assert error_text(errors.NotAnArticle(), "pt-BR") == "I found no article text on that page."
    assert error_text(errors.SourceError("notes.pdf is a binary file, not an article."), "ru") == (
        "notes.pdf is a binary file, not an article."
    )
    assert text("button_more", "ru") == "Подробнее" and text("button_more", None) == "More"
    assert re.search(r"\b9\b", text("links_capped", "de", sent=9, cap=3))


@pytest.mark.parametrize(
    ("language", "count", "expected"),
    [
        ("en", 1, "1 story"), ("en", 2, "2 stories"), ("en", 0, "0 stories"),
        ("de", 1, "1 Meldung"), ("de", 5, "5 Meldungen"),
        ("ru", 1, "1 новость"), ("ru", 3, "3 новости"), ("ru", 5, "5 новостей"),
        ("ru", 11, "11 новостей"), ("ru", 21, "21 новость"), ("ru", 24, "24 новости"),
        ("pt", 1, "1 story"),  # no table: English, with English plurals
    ],
)  # fmt: skip
def test_counts_take_the_languages_plural_never_1_stories(language, count, expected):
    assert text("inline_stories", language, count=count, topic="x").startswith(expected + " ")


@pytest.mark.parametrize("language", sorted(ERROR_TRANSLATIONS))
def test_every_error_a_chat_can_see_reaches_the_reader_in_their_language(language):
    """Each error the bot's code raises, in the bot's languages; one with details of its own
    (a host, a size, the kind of file) as its kind's general message."""
    import ast
    import inspect

    kinds = {name: cls for name, cls in vars(errors).items() if inspect.isclass(cls) and issubclass(cls, errors.NewsbotError)}
    # Source and configuration errors name a file, a scheme or a setting: the CLI's, kept as raised.
    kinds = {name: cls for name, cls in kinds.items() if not issubclass(cls, (errors.SourceError, errors.ConfigError))}
    command_line_only = {"cli.py", "batch.py"}
    raised: list[errors.NewsbotError] = []
    for path in (Path(__file__).parents[1] / "bot").rglob("*.py"):
        if path.name in command_line_only or "evaluation" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        constants = {
            target.id: node.value.value
            for node in ast.walk(tree)
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)
            for target in node.targets
            if isinstance(target, ast.Name)
        }
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in kinds and node.args):
                continue
            given = node.args[-1] if node.func.id == "HTTPStatus" else node.args[0]
            if isinstance(given, ast.JoinedStr):
                raised.append(kinds[node.func.id](f"{path.name}:{node.lineno}: a message with details"))
            elif isinstance(given, ast.Constant) and isinstance(given.value, str):
                raised.append(kinds[node.func.id](given.value))
            elif isinstance(given, ast.Name) and given.id in constants:
                raised.append(kinds[node.func.id](constants[given.id]))
    assert len(raised) >= 15
    untranslated = {str(e) for e in raised if error_text(e, language) == str(e)}
    assert untranslated == set()
