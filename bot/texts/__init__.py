"""Everything the bot says in its own words, in one place, ready for translation.

    text("hint")                                  -> the English template, filled in
    text("links_capped", "de", sent=9, cap=3)     -> German when there is a German table,
                                                     English for any key it lacks
    error_text(error, "ru")                        -> an error's message in Russian

Templates are `str.format` strings, plus plural choices: `{count|story|stories}` is the
form for the number `count` by the table's plural rule (Russian gives three forms:
`{count|история|истории|историй}`), so no reader sees "1 stories". The ones used with HTML parse mode are marked
`_html` in their name and must stay valid Telegram HTML. A translation is one more
module in this package (TEXTS, ERRORS, plural), registered in `LANGUAGES` under an IETF
language tag's first part ("pt-br" -> "pt").
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from bot.errors import ExtractError, FetchError
from bot.texts import de, en, ru

__all__ = ["ENGLISH", "ERROR_TRANSLATIONS", "LANGUAGES", "PLURAL_RULES", "TRANSLATIONS", "date_text", "error_text", "text"]

# The bot's languages: a module each, with TEXTS, ERRORS (but English) and plural().
LANGUAGES = {"en": en, "de": de, "ru": ru}
ENGLISH = en.TEXTS


# Language code -> its templates. Missing keys fall back to English one by one.
TRANSLATIONS: dict[str, dict[str, str]] = {code: module.TEXTS for code, module in LANGUAGES.items()}
# Language code -> bot.errors' user-facing messages, keyed by their English text.
ERROR_TRANSLATIONS: dict[str, dict[str, str]] = {
    code: module.ERRORS for code, module in LANGUAGES.items() if hasattr(module, "ERRORS")
}
_STATUS = re.compile(r"\(HTTP (\d{3})\)")


def text(name: str, language: str | None = None, **values: Any) -> str:
    """The template `name` in `language` (or English), filled with `values`."""
    base = _base(language)
    table = TRANSLATIONS.get(base, ENGLISH)
    template = table.get(name) or ENGLISH[name]
    if not values:
        return template
    # An English fallback for a key the table lacks takes English plurals.
    rule = PLURAL_RULES.get(base, en.plural) if name in table else en.plural
    template = _PLURAL.sub(lambda m: _plural_form(m, values, rule), template)
    return template.format(**values)


# Language code -> which of a plural choice's forms a number takes.
PLURAL_RULES = {code: module.plural for code, module in LANGUAGES.items()}
_PLURAL = re.compile(r"\{(\w+)((?:\|[^{}|]*)+)\}")


def _plural_form(match: re.Match[str], values: dict[str, Any], rule: Any) -> str:
    forms = match.group(2)[1:].split("|")
    count = values[match.group(1)]
    count = count if isinstance(count, int) else len(count)
    return forms[min(rule(abs(count)), len(forms) - 1)]


def date_text(day: date, language: str | None = None) -> str:
    """"20 Nov 2019", "20 нояб. 2019", "20. Nov. 2019"."""
    month = text("months", language).split()[day.month - 1]
    return text("date", language, day=day.day, month=month, year=day.year)


def error_text(error: BaseException, language: str | None = None) -> str:
    """A NewsbotError's message in `language` when there is a translation, else as raised
    (messages that name a file or a scheme are English only)."""
    message = str(error)
    table = ERROR_TRANSLATIONS.get(_base(language))
    if not table:
        return message
    status = _STATUS.search(message)
    if status:
        template = table.get(_STATUS.sub("(HTTP {status})", message))
        if template:
            return template.format(status=status.group(1))
    if message in table:
        return table[message]
    # A message with details of its own ("That link is a PDF document…", "I won't fetch
    # 10.0.0.1…", "…(over 5 MB)") has no translation: the reader gets their language's
    # words for that kind of failure. Source errors name a file or a scheme: as raised.
    if isinstance(error, (FetchError, ExtractError)):
        for kind in type(error).__mro__:
            general = kind.__dict__.get("default_message")
            if general in table:
                return table[general]
            if kind in (FetchError, ExtractError):
                break
    return message


def _base(language: str | None) -> str:
    return (language or "en").replace("_", "-").split("-", 1)[0].lower()
