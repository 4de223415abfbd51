"""The bot's own words in German (see bot.texts for how they are used)."""

from __future__ import annotations

from bot.texts.en import plural  # German counts as English does: one, or other

__all__ = ["ERRORS", "TEXTS", "plural"]


TEXTS: dict[str, str] = {
    # -- help and hints ---------------------------------------------------------------
    "help_html": (
        "<b>Ich mache aus einem Nachrichtenlink eine kurze, getreue Zusammenfassung</b> mit den"
        " wichtigsten Zitaten des Artikels und wer sie gesagt hat.\n\n"
        "• <b>Privater Chat:</b> Schick oder leite mir eine Nachricht mit Links weiter (bis zu {cap}"
        " pro Nachricht) oder einfach ein Thema, etwa <i>Bundestagswahl</i>.\n"
        "• <b>Gruppen:</b> <code>/summary &lt;Link&gt;</code>, oder antworte mit <code>/summary</code>"
        " auf eine Nachricht mit Links; <code>/news &lt;Thema&gt;</code> für die neuesten Meldungen.\n"
        "• <b>Überall:</b> Tippe <code>@{bot} &lt;Link oder Thema&gt;</code> in einem beliebigen Chat.\n"
        "• <code>/quotes &lt;Name&gt;</code>: was eine Person in den Artikeln sagte, die ich zuletzt gelesen habe.\n"
        "• /follow &lt;Thema oder Feed&gt;: eine Übersicht seiner Nachrichten täglich, stündlich oder sofort (/digest, /following, /unfollow).\n"
        "• /settings: Länge der Zusammenfassung, Zitate und Methode für diesen Chat.\n"
        "• /help zeigt diese Hilfe erneut."
    ),
    "summary_usage": (
        "Schick /summary mit einem Link, etwa /summary https://example.com/news/story"
        " — oder antworte mit /summary auf eine Nachricht mit einem Link."
    ),
    "news_usage": "Schick /news und ein Thema, etwa: /news Bundestagswahl",
    "hint": (
        "Schick mir einen Link zu einem Nachrichtenartikel (oder leite eine Nachricht damit weiter),"
        " und ich fasse ihn mit seinen wichtigsten Zitaten zusammen."
    ),
    "not_a_topic": (
        "Darin konnte ich kein Thema erkennen. Schick mir einen Link zu einem Nachrichtenartikel"
        " oder ein paar Worte zu den Nachrichten, die du suchst, etwa: Bundestagswahl"
    ),
    "not_a_link": (
        "„{link}“ sieht für mich nicht wie ein Link aus. Prüf die Adresse (sie beginnt mit http://"
        " oder https://) und schick sie noch einmal."
    ),
    "small_talk_greeting": "Hallo! Schick mir einen Link zu einem Nachrichtenartikel, und ich fasse ihn mit seinen wichtigsten Zitaten zusammen — oder ein paar Wörter zu einem Thema für die neuesten Meldungen.",
    "small_talk_thanks": "Gern geschehen! Schick mir einfach den nächsten Link.",
    "nothing_found_hint": "Du kannst mir auch einen Link zu jedem Nachrichtenartikel schicken, und ich fasse ihn zusammen.",
    # -- links ------------------------------------------------------------------------
    "links_capped": (
        "Du hast {sent} Links geschickt; ich fasse aus jeder Nachricht die ersten {cap} zusammen."
        " Schick die anderen bitte einzeln."
    ),
    "links_refused": (
        "Nicht angenommen — ich habe schon {count} {count|Link|Links} von dir in der Warteschlange,"
        " mehr nehme ich von einer Person nicht an. Schick {refused|ihn|sie} noch einmal, sobald ich"
        " die beantwortet habe:\n{links}"
    ),
    "request_refused": (
        "Nicht angenommen — ich habe schon {count} {count|Link|Links} von dir in der Warteschlange,"
        " mehr nehme ich von einer Person nicht an. Schick das noch einmal, sobald ich die beantwortet habe."
    ),
    "too_slow": "Entschuldigung, das hat zu lange gedauert, ich habe aufgegeben. Bitte versuch es gleich noch einmal.",
    "apology": "Entschuldigung, bei mir ist etwas schiefgegangen. Bitte versuch es gleich noch einmal.",
    "pasted_text_too_short": "Dieser Text ist zu kurz für eine Zusammenfassung. Schick mir lieber den Link zum Artikel.",
    # -- digest buttons ---------------------------------------------------------------
    "button_more": "Mehr",
    "button_shorter": "Kürzer",
    "button_all_quotes": "Alle Zitate",
    "button_fewer_quotes": "Weniger Zitate",
    "cut_sentences_html": "<i>…und {count} {count|weiterer Satz|weitere Sätze} der Zusammenfassung: zu lang für Telegram — lies den Artikel.</i>",
    "cut_quotes_html": "<i>…und {count} {count|weiteres Zitat|weitere Zitate}: zu lang für Telegram — lies den Artikel.</i>",
    "more_quotes_html": "<i>…und {count} {count|weiteres Zitat|weitere Zitate}: zu viele für eine Nachricht.</i>",
    "more_sentences_html": "<i>…und {count} {count|weiterer Satz|weitere Sätze} der Zusammenfassung: zu lang für eine Nachricht.</i>",
    "answer_expired": "Diese Zusammenfassung ist zu alt, um sie zu ändern; schick den Link noch einmal.",
    "answer_expired_pasted": "Diese Zusammenfassung ist zu alt, um sie zu ändern; schick den Text noch einmal.",
    "answer_store_full": "Mein Speicher ist voll, deshalb konnte ich diese Zusammenfassung nicht behalten; schick den Link später noch einmal.",
    "answer_unchanged": "Mehr gibt es nicht.",
    "answer_failed": "Entschuldigung, das hat nicht geklappt. Bitte versuch es noch einmal.",
    "answer_unknown": "Diese Schaltfläche funktioniert nicht mehr.",
    # -- settings ---------------------------------------------------------------------
    "settings_title_html": "<b>Einstellungen für diesen Chat</b>",
    "settings_body_html": (
        "Zusammenfassung: <b>{length}</b> ({sentences} {sentences|Satz|Sätze})\n"
        "Zitate: <b>{quotes}</b>\n"
        "Methode: <b>{algorithm}</b>\n\n"
        "{methods}"
    ),
    "settings_auto_html": (
        "Jeden hier geposteten Link zusammenfassen: <b>{auto}</b>\n"
        "<i>Dafür muss ich jede Nachricht sehen: Schick @BotFather /setprivacy, wähle mich aus und"
        " dann Disable, entferne mich aus der Gruppe und füge mich wieder hinzu.</i>"
    ),
    "settings_saved_html": "<i>Gespeichert. Neue Zusammenfassungen in diesem Chat nutzen diese Einstellungen.</i>",
    "settings_admins_only": "Nur die Administratoren der Gruppe können meine Einstellungen hier ändern.",
    "settings_closed_html": "<b>Einstellungen gespeichert.</b> Schick /settings, um sie wieder zu ändern.",
    "length_short": "kurz",
    "length_normal": "normal",
    "length_long": "lang",
    "button_sentences": "{count} {count|Satz|Sätze}",
    "button_no_quotes": "Keine Zitate",
    "button_quotes": "{count} {count|Zitat|Zitate}",
    "method_line_html": "<b>{method}</b> — {about}",
    "method_news": "Ausgewogen",
    "method_news_about": "Sätze vom Anfang, aus der Mitte und zum Thema, ohne Wiederholungen (empfohlen)",
    "method_lexrank": "Konsens",
    "method_lexrank_about": "die Sätze, die dem übrigen Artikel am ähnlichsten sind",
    "method_textrank": "Vernetzt",
    "method_textrank_about": "die Sätze, die die meisten Wörter mit den anderen teilen",
    "method_lsa": "Themen",
    "method_lsa_about": "ein Satz für jedes Hauptthema des Artikels",
    "method_luhn": "Schlüsselwörter",
    "method_luhn_about": "die Sätze mit den meisten häufigsten Wörtern des Artikels",
    "method_lead": "Erste Zeilen",
    "method_lead_about": "die ersten Sätze des Artikels, wie geschrieben",
    "on": "an",
    "off": "aus",
    "button_auto": "Jeder Link: {state}",
    "button_done": "Fertig",
    "answer_saved": "Gespeichert",
    "answer_store_full_settings": "Mein Speicher ist voll, deshalb konnte ich das nicht speichern; die Einstellungen bleiben, wie sie waren.",
    # -- following topics and scheduled digests (bot.telegram.follow) ----------------------
    "follow_usage": (
        "Schick /follow mit einem Thema oder der Adresse eines Feeds, etwa: /follow Klima -Meinung"
        " (-Wort lässt Meldungen weg, die es nennen, +Wort behält nur solche, die es nennen),"
        " oder /follow https://example.com/feed.rss"
    ),
    "follow_added": "Ich folge „{follow}“. {schedule}",
    "follow_already": "Dieser Chat folgt „{follow}“ schon. {schedule}",
    "follow_too_many": (
        "Dieser Chat folgt schon {count} {count|Thema|Themen}, mehr behalte ich nicht."
        " Schick zuerst /unfollow mit einem davon."
    ),
    "follow_bad_feed": "{feed} kann ich nicht als Feed verwenden: {error}",
    "follow_admins_only": "Nur die Administratoren der Gruppe können ändern, was dieser Chat verfolgt.",
    "unfollow_usage": "Schick /unfollow mit einem Thema oder seiner Nummer aus /following, oder /unfollow all.",
    "unfollow_done": "Ich folge „{follow}“ nicht mehr.",
    "unfollow_all": "Dieser Chat folgt jetzt nichts mehr.",
    "unfollow_unknown": "Dieser Chat folgt „{follow}“ nicht. /following zeigt, was er verfolgt.",
    "following_none": "Dieser Chat folgt noch nichts. Schick /follow mit einem Thema, etwa: /follow Klima",
    "following_html": "<b>Dieser Chat folgt</b>\n{follows}\n\n{schedule}\n<i>/unfollow mit einer Nummer beendet eines; /digest ändert, wann.</i>",
    "schedule_daily": "Eine Übersicht kommt täglich um {at} ({zone}).",
    "schedule_hourly": "Eine Übersicht kommt stündlich, wenn es Neues gibt.",
    "schedule_live": "Neue Meldungen kommen sofort, in höchstens {cap} {cap|Übersicht|Übersichten} am Tag.",
    "schedule_off": "Übersichten sind pausiert; /digest daily 08:00 startet sie wieder.",
    "digest_usage": (
        "Schick /digest mit der Zeit, zu der du Nachrichten willst: /digest daily 08:00, /digest hourly,"
        " /digest live 5 (sofort, höchstens 5 am Tag) oder /digest off. {schedule}"
    ),
    "digest_set": "Erledigt. {schedule}",
    "digest_follow_first": "Dieser Chat folgt noch nichts: schick /follow mit einem Thema.",
    "digest_heading": "Deine Nachrichtenübersicht",
    "digest_more_html": "<i>…und {count} weitere {count|Meldung|Meldungen}: zu viele für eine Nachricht.</i>",
    "zone_ask": (
        "Die Zeiten gelten vorerst in UTC. Nenn mir einmal deine Zeitzone mit /timezone,"
        " etwa /timezone Europe/Berlin oder /timezone +2."
    ),
    "zone_usage": "Schick /timezone mit einer Zeitzone oder einem Versatz, etwa /timezone Europe/Berlin oder /timezone -5. Jetzt: {zone}.",
    "zone_set": "Zeitzone: {zone}.",
    "zone_unknown": (
        "Die Zeitzone „{zone}“ kenne ich nicht. Versuch einen Namen wie Europe/Berlin oder"
        " America/New_York oder einen Versatz wie +2."
    ),
    "button_zone": "Zeitzone: {zone}",
    "settings_zone_html": "Zeitzone: <b>{zone}</b> (ändern mit /timezone)",
    # -- digests and story lists --------------------------------------------------------
    "untitled": "Ohne Titel",
    "min_read": "{minutes} Min. Lesezeit",
    "no_summary": "Ich habe den Artikel gefunden, konnte aber keine Sätze für die Zusammenfassung auswählen.",
    "date": "{day}. {month} {year}",
    "months": "Jan. Feb. März Apr. Mai Juni Juli Aug. Sept. Okt. Nov. Dez.",
    "age_just_now": "gerade eben",
    "age_minutes": "vor {minutes} Min.",
    "age_hours": "vor {hours} Std.",
    "age_yesterday": "gestern",
    "age_days": "vor {days} Tagen",
    "news_heading": "Nachrichten zu „{query}“",
    "news_only_older": "Keine frischen Nachrichten zu „{query}“; das Neueste, das ich gefunden habe, ist älter:",
    "news_nothing": "Keine frischen Nachrichten zu „{query}“.",
    "news_unreachable": "Ich habe gerade keine Nachrichtenquelle erreicht; versuch es in einer Minute noch einmal.",
    "news_also": "Auch:",
    # -- wer was sagte (/quotes, und die Medien einer Meldung nebeneinander) -------------
    "quotes_word": "zitate",
    "quotes_usage": "Schick /quotes und einen Namen, etwa: /quotes Kristi Noem",
    "quotes_not_a_name": "„{person}“ sieht nicht nach einem Namen aus. Schick /quotes und einen Namen, etwa: /quotes Kristi Noem",
    "quotes_none": (
        "Noch keine Zitate von {person}. Ich zeige, was Leute in den Artikeln sagten, die ich zuletzt"
        " zusammengefasst habe — schick mir einen Link zu einem, der sie zitiert."
    ),
    "quotes_heading_html": "<b>Was {person} sagte</b> — {count} {count|Zitat|Zitate}, die neuesten zuerst",
    "quotes_more_html": "<i>…und {count} {count|älteres Zitat|ältere Zitate}.</i>",
    "whosaid_button": "Wer sagte was · {number}",
    "whosaid_title": "Wer sagte was",
    "whosaid_heading_html": "<b>Wer sagte was</b> — {title}",
    "whosaid_shared": "Von mehreren Medien zitiert: {names}",
    "whosaid_nobody": "keine Zitate mit genanntem Sprecher",
    "whosaid_unreadable": "die Seite ließ sich nicht lesen",
    "answer_whosaid_expired": "Diese Meldung ist zu alt; frag mit /news noch einmal danach.",
    "inline_quotes": "{count} {count|Zitat|Zitate} von {person}",
    "inline_quotes_none": "Noch keine Zitate von {person}",
    # -- inline mode ------------------------------------------------------------------
    "inline_hint": "Tippe ein Thema oder füge einen Nachrichtenlink ein",
    "inline_nothing": "Dazu gibt es keine frischen Nachrichten; versuch andere Wörter",
    "inline_failed": "Dieser Link hat nicht funktioniert: {error}",
    "inline_stories": "{count} {count|Meldung|Meldungen} zu „{topic}“",
}

# The user-facing messages of bot.errors, by their English text ({status}: the HTTP status).
ERRORS: dict[str, str] = {
    "Something went wrong.": "Etwas ist schiefgegangen.",
    "That is not a web link or a file I can read.": "Das ist kein Weblink und keine Datei, die ich lesen kann.",
    "I could not fetch that page.": "Ich konnte diese Seite nicht abrufen.",
    "I won't fetch that address: it points to a private or reserved network.": (
        "Diese Adresse rufe ich nicht ab: Sie zeigt in ein privates oder reserviertes Netz."
    ),
    "That website does not exist (unknown host name).": "Diese Website gibt es nicht (unbekannter Hostname).",
    "The website refused the connection or could not be reached.": (
        "Die Website hat die Verbindung abgelehnt oder war nicht erreichbar."
    ),
    "The website took too long to answer.": "Die Website hat zu lange nicht geantwortet.",
    "The website answered with an error.": "Die Website hat mit einem Fehler geantwortet.",
    "The page was not found (HTTP 404).": "Die Seite wurde nicht gefunden (HTTP 404).",
    "The website refused access to that page (HTTP {status}).": (
        "Die Website verweigert den Zugriff auf diese Seite (HTTP {status})."
    ),
    "The website is rate limiting us (HTTP 429); try again later.": (
        "Die Website begrenzt unsere Anfragen (HTTP 429); versuch es später noch einmal."
    ),
    "The website had an error (HTTP {status}); try again later.": (
        "Auf der Website ist ein Fehler aufgetreten (HTTP {status}); versuch es später noch einmal."
    ),
    "The website answered with an error (HTTP {status}).": "Die Website hat mit einem Fehler geantwortet (HTTP {status}).",
    "The link redirects too many times.": "Der Link leitet zu oft weiter.",
    "That page is too large to summarize.": "Diese Seite ist zu groß für eine Zusammenfassung.",
    "That link is not a web page (it looks like a file, image or binary).": (
        "Dieser Link führt nicht zu einer Webseite (eher zu einer Datei, einem Bild oder Binärdaten)."
    ),
    "I could not read an article on that page.": "Auf dieser Seite konnte ich keinen Artikel lesen.",
    "I found no article text on that page.": "Auf dieser Seite habe ich keinen Artikeltext gefunden.",
    "That address is not a news feed.": "Diese Adresse ist kein Nachrichten-Feed.",
    "I could not process that page.": "Ich konnte diese Seite nicht verarbeiten.",
    "That page took too long to read.": "Das Lesen dieser Seite hat zu lange gedauert.",
    # Messages with details of their own (a PDF, a size, a host) fall back to their kind's above.
    "The website's security certificate is not valid, so I did not read it.": (
        "Das Sicherheitszertifikat der Website ist ungültig, deshalb habe ich sie nicht gelesen."
    ),
    "The website could not be reached (the connection timed out).": (
        "Die Website war nicht erreichbar (Zeitüberschreitung beim Verbinden)."
    ),
    "The website sent a broken or incomplete answer.": "Die Website hat eine fehlerhafte oder unvollständige Antwort geschickt.",
    "The website sent a damaged page (its compression is broken).": (
        "Die Website hat eine beschädigte Seite geschickt (ihre Komprimierung ist fehlerhaft)."
    ),
    "The website sent the page compressed over and over, which I won't unpack.": (
        "Die Website hat die Seite mehrfach hintereinander komprimiert geschickt; das entpacke ich nicht."
    ),
    "The link redirected to something that is not a web link, which I won't follow.": (
        "Der Link leitet auf etwas weiter, das kein Weblink ist; dem folge ich nicht."
    ),
    "I am restarting right now. Please send the link again in a minute.": (
        "Ich starte gerade neu. Schick den Link bitte in einer Minute noch einmal."
    ),
    "I have too many pages to read right now. Please send the link again in a few minutes.": (
        "Ich habe gerade zu viele Seiten zu lesen. Schick den Link bitte in ein paar Minuten noch einmal."
    ),
}
