"""Everything the bot says in its own words, in one place, ready for translation.

    text("hint")                                  -> the English template, filled in
    text("links_capped", "de", sent=9, cap=3)     -> German when there is a German table,
                                                     English for any key it lacks
    error_text(error, "ru")                        -> an error's message in Russian

Templates are `str.format` strings, plus plural choices: `{count|story|stories}` is the
form for the number `count` by the table's plural rule (Russian gives three forms:
`{count|история|истории|историй}`), so no reader sees "1 stories". The ones used with HTML parse mode are marked
`_html` in their name and must stay valid Telegram HTML. A translation is one more
dict in `TRANSLATIONS`, keyed by an IETF language tag's first part ("pt-br" -> "pt");
German and Russian live in bot/texts_de.py and bot/texts_ru.py.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from bot.texts import de as texts_de, ru as texts_ru

ENGLISH: dict[str, str] = {
    # -- help and hints ---------------------------------------------------------------
    "help_html": (
        "<b>I turn a news link into a short, faithful summary</b> with the article's key quotes"
        " and who said them.\n\n"
        "• <b>Private chat:</b> send or forward me a message with links (up to {cap} per message),"
        " or just a topic, like <i>Indiana teachers</i>.\n"
        "• <b>Groups:</b> <code>/summary &lt;link&gt;</code>, or reply <code>/summary</code> to a"
        " message that holds links; <code>/news &lt;topic&gt;</code> for the latest stories.\n"
        "• <b>Anywhere:</b> type <code>@{bot} &lt;link or topic&gt;</code> in any chat.\n"
        "• /settings: summary length, quotes and method for this chat.\n"
        "• /help shows this again."
    ),
    "summary_usage": (
        "Send /summary with a link, like /summary https://example.com/news/story"
        " — or reply /summary to a message that holds a link."
    ),
    "news_usage": "Send /news followed by a topic, like: /news Indiana teachers",
    "hint": "Send me a link to a news article (or forward a message with one) and I'll summarize it with its key quotes.",
    "not_a_topic": (
        "I couldn't read a topic in that. Send me a link to a news article, or a few words"
        " about the news you want, like: Indiana teachers"
    ),
    "not_a_link": (
        "“{link}” doesn't look like a link to me. Check the address (it starts with http:// or"
        " https://) and send it again."
    ),
    "small_talk_greeting": "Hello! Send me a link to a news article and I'll summarize it with its key quotes — or a few words on a topic for the latest stories.",
    "small_talk_thanks": "You're welcome! Send me another link whenever you like.",
    "nothing_found_hint": "You can also send me a link to any news article and I'll summarize it.",
    # -- links ------------------------------------------------------------------------
    "links_capped": "You sent {sent} links; I summarize the first {cap} of each message. Send the others separately.",
    "links_refused": (
        "Not taken — I already have {count} of your {count|link|links} waiting, as many as I keep"
        " for one person. Send {refused|it|them} again once I have answered those:\n{links}"
    ),
    "request_refused": (
        "Not taken — I already have {count} of your {count|link|links} waiting, as many as I keep"
        " for one person. Send this again once I have answered those."
    ),
    "apology": "Sorry, something went wrong on my side. Please try again in a little while.",
    "pasted_text_too_short": "That text is too short to summarize. Send me a link to the article instead.",
    # -- digest buttons ---------------------------------------------------------------
    "button_more": "More",
    "button_shorter": "Shorter",
    "button_all_quotes": "All quotes",
    "button_fewer_quotes": "Fewer quotes",
    "more_quotes_html": "<i>…and {count} more {count|quote|quotes}: too many for one message.</i>",
    "more_sentences_html": "<i>…and {count} more summary {count|sentence|sentences}: too long for one message.</i>",
    "answer_expired": "That digest is too old to change; send the link again.",
    "answer_expired_pasted": "That digest is too old to change; send the text again.",
    "answer_store_full": "My disk is full, so I could not keep that digest; send the link again once it has room.",
    "answer_unchanged": "That's all there is.",
    "answer_failed": "Sorry, I could not do that. Please try again.",
    "answer_unknown": "That button no longer works.",
    # -- settings ---------------------------------------------------------------------
    "settings_title_html": "<b>Settings for this chat</b>",
    "settings_body_html": (
        "Summary: <b>{length}</b> ({sentences} {sentences|sentence|sentences})\n"
        "Quotes: <b>{quotes}</b>\n"
        "Method: <b>{algorithm}</b>\n\n"
        "{methods}"
    ),
    "settings_auto_html": (
        "Summarize every link posted here: <b>{auto}</b>\n"
        "<i>For this I must see every message: in @BotFather send /setprivacy, pick me and choose"
        " Disable, then remove me from the group and add me again.</i>"
    ),
    "settings_saved_html": "<i>Saved. New summaries in this chat use these settings.</i>",
    "settings_admins_only": "Only the group's administrators can change my settings here.",
    "settings_closed_html": "<b>Settings saved.</b> Send /settings to change them again.",
    "length_short": "short",
    "length_normal": "normal",
    "length_long": "long",
    "button_sentences": "{count} {count|sentence|sentences}",
    "button_no_quotes": "No quotes",
    "button_quotes": "{count} {count|quote|quotes}",
    "method_line_html": "<b>{method}</b> — {about}",
    "method_news": "Balanced",
    "method_news_about": "opening, central and on-topic sentences, no repeats (recommended)",
    "method_lexrank": "Consensus",
    "method_lexrank_about": "the sentences most like the rest of the article",
    "method_textrank": "Linked",
    "method_textrank_about": "the sentences sharing the most words with the others",
    "method_lsa": "Topics",
    "method_lsa_about": "one sentence for each of the article's main topics",
    "method_luhn": "Key terms",
    "method_luhn_about": "the sentences densest with the article's most frequent words",
    "method_lead": "First lines",
    "method_lead_about": "the article's opening sentences, as written",
    "on": "on",
    "off": "off",
    "button_auto": "Every link: {state}",
    "button_done": "Done",
    "answer_saved": "Saved",
    "answer_store_full_settings": "My disk is full, so I could not save that; the settings stay as they were.",
    # -- digests and story lists --------------------------------------------------------
    "untitled": "Untitled",
    "min_read": "{minutes} min read",
    "no_summary": "I found the article but could not pick out summary sentences.",
    "date": "{day} {month} {year}",
    "months": "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec",
    "age_just_now": "just now",
    "age_minutes": "{minutes} min ago",
    "age_hours": "{hours} h ago",
    "age_yesterday": "yesterday",
    "age_days": "{days} days ago",
    "news_heading": "News on “{query}”",
    "news_only_older": "No fresh news on “{query}”; the latest I found is older:",
    "news_nothing": "No fresh news on “{query}”.",
    "news_unreachable": "I could not reach any news source just now; try again in a minute.",
    "news_also": "Also:",
    # -- inline mode ------------------------------------------------------------------
    "inline_hint": "Type a topic or paste a news link",
    "inline_nothing": "No fresh news on that; try other words",
    "inline_failed": "That link did not work: {error}",
    "inline_stories": "{count} {count|story|stories} on “{topic}”",
}

# Language code -> its templates. Missing keys fall back to English one by one.
TRANSLATIONS: dict[str, dict[str, str]] = {"en": ENGLISH, "de": texts_de.TEXTS, "ru": texts_ru.TEXTS}
# Language code -> bot.errors' user-facing messages, keyed by their English text.
ERROR_TRANSLATIONS: dict[str, dict[str, str]] = {"de": texts_de.ERRORS, "ru": texts_ru.ERRORS}
_STATUS = re.compile(r"\(HTTP (\d{3})\)")


def text(name: str, language: str | None = None, **values: Any) -> str:
    """The template `name` in `language` (or English), filled with `values`."""
    base = _base(language)
    table = TRANSLATIONS.get(base, ENGLISH)
    template = table.get(name) or ENGLISH[name]
    if not values:
        return template
    # An English fallback for a key the table lacks takes English plurals.
    rule = PLURAL_RULES.get(base, _one_or_other) if name in table else _one_or_other
    template = _PLURAL.sub(lambda m: _plural_form(m, values, rule), template)
    return template.format(**values)


def _one_or_other(count: int) -> int:
    return 0 if count == 1 else 1


def _russian(count: int) -> int:
    # CLDR: one (1, 21, 31…), few (2–4, 22–24…), many (0, 5–20, 25…).
    if count % 10 == 1 and count % 100 != 11:
        return 0
    if 2 <= count % 10 <= 4 and not 12 <= count % 100 <= 14:
        return 1
    return 2


# Language code -> which of a plural choice's forms a number takes.
PLURAL_RULES = {"en": _one_or_other, "de": _one_or_other, "ru": _russian}
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
    return table.get(message, message)


def _base(language: str | None) -> str:
    return (language or "en").replace("_", "-").split("-", 1)[0].lower()
