"""The bot's own words in English, the table every other language falls back to key by
key (see bot.texts for how they are used)."""

from __future__ import annotations

__all__ = ["TEXTS", "plural"]


def plural(count: int) -> int:
    """Which of a plural choice's forms `count` takes: one, or other."""
    return 0 if count == 1 else 1


TEXTS: dict[str, str] = {
    # -- help and hints ---------------------------------------------------------------
    "help_html": (
        "<b>I turn a news link into a short, faithful summary</b> with the article's key quotes"
        " and who said them.\n\n"
        "• <b>Private chat:</b> send or forward me a message with links (up to {cap} per message),"
        " or just a topic, like <i>Indiana teachers</i>.\n"
        "• <b>Groups:</b> <code>/summary &lt;link&gt;</code>, or reply <code>/summary</code> to a"
        " message that holds links; <code>/news &lt;topic&gt;</code> for the latest stories.\n"
        "• <b>Anywhere:</b> type <code>@{bot} &lt;link or topic&gt;</code> in any chat.\n"
        "• <code>/quotes &lt;name&gt;</code>: what a person said in the articles I read lately.\n"
        "• /follow &lt;topic or feed&gt;: a digest of its news daily, hourly or as it happens (/digest, /following, /unfollow).\n"
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
    "too_slow": "Sorry, that took me too long and I gave up on it. Please try again in a little while.",
    "apology": "Sorry, something went wrong on my side. Please try again in a little while.",
    "pasted_text_too_short": "That text is too short to summarize. Send me a link to the article instead.",
    # -- digest buttons ---------------------------------------------------------------
    "button_more": "More",
    "button_shorter": "Shorter",
    "button_all_quotes": "All quotes",
    "button_fewer_quotes": "Fewer quotes",
    "cut_sentences_html": "<i>…and {count} more summary {count|sentence|sentences}: too long for Telegram — open the article.</i>",
    "cut_quotes_html": "<i>…and {count} more {count|quote|quotes}: too long for Telegram — open the article.</i>",
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
    # -- following topics and scheduled digests (bot.telegram.follow) ----------------------
    "follow_usage": (
        "Send /follow with a topic or a feed's address, like: /follow climate -opinion"
        " (-word leaves out stories that name it, +word keeps only those that do),"
        " or /follow https://example.com/feed.rss"
    ),
    "follow_added": "Following “{follow}”. {schedule}",
    "follow_already": "This chat follows “{follow}” already. {schedule}",
    "follow_too_many": (
        "This chat follows {count} {count|topic|topics} already, as many as I keep."
        " Send /unfollow with one of them first."
    ),
    "follow_bad_feed": "I could not use {feed} as a feed: {error}",
    "follow_admins_only": "Only the group's administrators can change what this chat follows.",
    "unfollow_usage": "Send /unfollow with a topic or its number from /following, or /unfollow all.",
    "unfollow_done": "No longer following “{follow}”.",
    "unfollow_all": "This chat follows nothing now.",
    "unfollow_unknown": "This chat does not follow “{follow}”. /following lists what it does.",
    "following_none": "This chat follows nothing yet. Send /follow with a topic, like: /follow climate",
    "following_html": "<b>This chat follows</b>\n{follows}\n\n{schedule}\n<i>/unfollow with a number stops one; /digest changes when.</i>",
    "schedule_daily": "A digest comes daily at {at} ({zone}).",
    "schedule_hourly": "A digest comes every hour when there is news.",
    "schedule_live": "New stories come as they happen, in at most {cap} {cap|digest|digests} a day.",
    "schedule_off": "Digests are paused; /digest daily 08:00 starts them again.",
    "digest_usage": (
        "Send /digest with when you want the news: /digest daily 08:00, /digest hourly,"
        " /digest live 5 (as it happens, at most 5 a day) or /digest off. {schedule}"
    ),
    "digest_set": "Done. {schedule}",
    "digest_follow_first": "This chat follows nothing yet: send /follow with a topic.",
    "digest_heading": "Your news digest",
    "digest_more_html": "<i>…and {count} more {count|story|stories}: too many for one message.</i>",
    "zone_ask": (
        "Times are in UTC for now. Tell me your time zone once with /timezone,"
        " like /timezone Europe/Berlin or /timezone +2."
    ),
    "zone_usage": "Send /timezone with a zone or an offset, like /timezone Europe/Berlin or /timezone -5. Now: {zone}.",
    "zone_set": "Time zone: {zone}.",
    "zone_unknown": (
        "I don't know the time zone “{zone}”. Try a name like Europe/Berlin or"
        " America/New_York, or an offset like +2."
    ),
    "button_zone": "Time zone: {zone}",
    "settings_zone_html": "Time zone: <b>{zone}</b> (change it with /timezone)",
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
    # -- who said what (/quotes, and a story's outlets side by side) ----------------------
    "quotes_word": "quotes",
    "quotes_usage": "Send /quotes followed by a name, like: /quotes Kristi Noem",
    "quotes_not_a_name": "“{person}” doesn't look like a person's name. Send /quotes followed by a name, like: /quotes Kristi Noem",
    "quotes_none": (
        "No quotes from {person} yet. I list what people said in the articles I summarized lately"
        " — send me a link to one that quotes them."
    ),
    "quotes_heading_html": "<b>What {person} said</b> — {count} {count|quote|quotes}, newest first",
    "quotes_more_html": "<i>…and {count} older {count|quote|quotes}.</i>",
    "whosaid_button": "Who said what · {number}",
    "whosaid_title": "Who said what",
    "whosaid_heading_html": "<b>Who said what</b> — {title}",
    "whosaid_shared": "Quoted by more than one outlet: {names}",
    "whosaid_nobody": "no quotes with a named speaker",
    "whosaid_unreadable": "the page could not be read",
    "answer_whosaid_expired": "That story is too old; ask for it again with /news.",
    "inline_quotes": "{count} {count|quote|quotes} from {person}",
    "inline_quotes_none": "No quotes from {person} yet",
    # -- inline mode ------------------------------------------------------------------
    "inline_hint": "Type a topic or paste a news link",
    "inline_nothing": "No fresh news on that; try other words",
    "inline_failed": "That link did not work: {error}",
    "inline_stories": "{count} {count|story|stories} on “{topic}”",
}
