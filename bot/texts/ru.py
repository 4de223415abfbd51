"""The bot's own words in Russian (see bot.texts for how they are used)."""

from __future__ import annotations

__all__ = ["ERRORS", "TEXTS", "plural"]


def plural(count: int) -> int:
    """Which of a plural choice's forms `count` takes (CLDR): one (1, 21, 31…), few
    (2–4, 22–24…), many (0, 5–20, 25…)."""
    if count % 10 == 1 and count % 100 != 11:
        return 0
    if 2 <= count % 10 <= 4 and not 12 <= count % 100 <= 14:
        return 1
    return 2


TEXTS: dict[str, str] = {
    # -- help and hints ---------------------------------------------------------------
    "help_html": (
        "<b>Я превращаю ссылку на новость в короткий и точный пересказ</b> с главными цитатами"
        " статьи и тем, кто их произнёс.\n\n"
        "• <b>Личный чат:</b> пришлите или перешлите мне сообщение со ссылками (до {cap} в одном"
        " сообщении) или просто тему, например <i>выборы в Германии</i>.\n"
        "• <b>Группы:</b> <code>/summary &lt;ссылка&gt;</code> или ответьте <code>/summary</code> на"
        " сообщение со ссылками; <code>/news &lt;тема&gt;</code> — свежие новости.\n"
        "• <b>Где угодно:</b> наберите <code>@{bot} &lt;ссылка или тема&gt;</code> в любом чате.\n"
        "• <code>/quotes &lt;имя&gt;</code>: что человек говорил в статьях, которые я недавно читал.\n"
        "• /follow &lt;тема или лента&gt;: подборка её новостей каждый день, каждый час или сразу (/digest, /following, /unfollow).\n"
        "• /settings: длина пересказа, цитаты и метод для этого чата.\n"
        "• /help покажет это сообщение снова."
    ),
    "summary_usage": (
        "Отправьте /summary со ссылкой, например /summary https://example.com/news/story"
        " — или ответьте /summary на сообщение со ссылкой."
    ),
    "news_usage": "Отправьте /news и тему, например: /news выборы в Германии",
    "hint": "Пришлите мне ссылку на новость (или перешлите сообщение с ней), и я перескажу её с главными цитатами.",
    "not_a_topic": (
        "Я не понял, о чём искать. Пришлите ссылку на новость или несколько слов о том,"
        " какие новости вам нужны, например: выборы в Германии"
    ),
    "not_a_link": (
        "«{link}» не похоже на ссылку. Проверьте адрес (он начинается с http:// или https://)"
        " и пришлите его снова."
    ),
    "small_talk_greeting": "Здравствуйте! Пришлите ссылку на новость, и я перескажу её с главными цитатами — или несколько слов о теме, чтобы получить свежие новости.",
    "small_talk_thanks": "Пожалуйста! Присылайте следующую ссылку, когда захотите.",
    "nothing_found_hint": "Можно также прислать ссылку на любую новость — я её перескажу.",
    # -- links ------------------------------------------------------------------------
    "links_capped": (
        "Вы прислали ссылок: {sent}; из каждого сообщения я пересказываю первые {cap}."
        " Остальные пришлите отдельно."
    ),
    "links_refused": (
        "Не принято — у меня уже ждут {count} {count|ваша ссылка|ваши ссылки|ваших ссылок}, больше"
        " от одного человека я не беру. Пришлите {refused|её|их|их} снова, когда я на них отвечу:\n{links}"
    ),
    "request_refused": (
        "Не принято — у меня уже ждут {count} {count|ваша ссылка|ваши ссылки|ваших ссылок}, больше"
        " от одного человека я не беру. Пришлите это снова, когда я на них отвечу."
    ),
    "too_slow": "Извините, на это ушло слишком много времени, пришлось остановиться. Попробуйте ещё раз чуть позже.",
    "apology": "Извините, у меня что-то пошло не так. Попробуйте ещё раз чуть позже.",
    "pasted_text_too_short": "Этот текст слишком короткий для пересказа. Пришлите лучше ссылку на статью.",
    # -- digest buttons ---------------------------------------------------------------
    "button_more": "Подробнее",
    "button_shorter": "Короче",
    "button_all_quotes": "Все цитаты",
    "button_fewer_quotes": "Меньше цитат",
    "cut_sentences_html": "<i>…и ещё {count} {count|предложение|предложения|предложений} пересказа — для Telegram слишком длинно, откройте статью.</i>",
    "cut_quotes_html": "<i>…и ещё {count} {count|цитата|цитаты|цитат} — для Telegram слишком длинно, откройте статью.</i>",
    "more_quotes_html": "<i>…и ещё {count} {count|цитата|цитаты|цитат} — в одно сообщение они не помещаются.</i>",
    "more_sentences_html": "<i>…и ещё {count} {count|предложение|предложения|предложений} пересказа — в одно сообщение они не помещаются.</i>",
    "answer_expired": "Этот пересказ уже не изменить; пришлите ссылку ещё раз.",
    "answer_expired_pasted": "Этот пересказ уже не изменить; пришлите текст ещё раз.",
    "answer_store_full": "Мой диск переполнен, поэтому я не смог сохранить этот пересказ; пришлите ссылку ещё раз позже.",
    "answer_unchanged": "Больше ничего нет.",
    "answer_failed": "Извините, не получилось. Попробуйте ещё раз.",
    "answer_unknown": "Эта кнопка больше не работает.",
    # -- settings ---------------------------------------------------------------------
    "settings_title_html": "<b>Настройки этого чата</b>",
    "settings_body_html": (
        "Пересказ: <b>{length}</b> ({sentences} {sentences|предложение|предложения|предложений})\n"
        "Цитаты: <b>{quotes}</b>\n"
        "Метод: <b>{algorithm}</b>\n\n"
        "{methods}"
    ),
    "settings_auto_html": (
        "Пересказывать каждую ссылку в этой группе: <b>{auto}</b>\n"
        "<i>Для этого я должен видеть все сообщения: отправьте @BotFather команду /setprivacy,"
        " выберите меня и нажмите Disable, затем удалите меня из группы и добавьте снова.</i>"
    ),
    "settings_saved_html": "<i>Сохранено. Новые пересказы в этом чате будут с этими настройками.</i>",
    "settings_admins_only": "Менять мои настройки здесь могут только администраторы группы.",
    "settings_closed_html": "<b>Настройки сохранены.</b> Отправьте /settings, чтобы изменить их снова.",
    "length_short": "короткий",
    "length_normal": "обычный",
    "length_long": "длинный",
    "button_sentences": "{count} {count|предложение|предложения|предложений}",
    "button_no_quotes": "Без цитат",
    "button_quotes": "{count} {count|цитата|цитаты|цитат}",
    "method_line_html": "<b>{method}</b> — {about}",
    "method_news": "Сбалансированный",
    "method_news_about": "предложения из начала, из сути и по теме, без повторов (рекомендуем)",
    "method_lexrank": "Консенсус",
    "method_lexrank_about": "предложения, больше всего похожие на остальную статью",
    "method_textrank": "Связи",
    "method_textrank_about": "предложения, у которых больше всего общих слов с другими",
    "method_lsa": "Темы",
    "method_lsa_about": "по предложению на каждую главную тему статьи",
    "method_luhn": "Ключевые слова",
    "method_luhn_about": "предложения, где больше всего самых частых слов статьи",
    "method_lead": "Первые строки",
    "method_lead_about": "первые предложения статьи, как есть",
    "on": "вкл.",
    "off": "выкл.",
    "button_auto": "Каждая ссылка: {state}",
    "button_done": "Готово",
    "answer_saved": "Сохранено",
    "answer_store_full_settings": "Мой диск переполнен, поэтому я не смог это сохранить; настройки остались прежними.",
    # -- following topics and scheduled digests (bot.telegram.follow) ----------------------
    "follow_usage": (
        "Отправьте /follow с темой или адресом ленты, например: /follow климат -мнение"
        " (-слово убирает новости, где оно есть, +слово оставляет только такие),"
        " или /follow https://example.com/feed.rss"
    ),
    "follow_added": "Слежу за «{follow}». {schedule}",
    "follow_already": "Этот чат уже следит за «{follow}». {schedule}",
    "follow_too_many": (
        "Этот чат уже следит за {count} {count|темой|темами|темами} — больше я не храню."
        " Сначала отправьте /unfollow с одной из них."
    ),
    "follow_bad_feed": "Не получилось использовать {feed} как ленту: {error}",
    "follow_admins_only": "Только администраторы группы могут менять, за чем следит этот чат.",
    "unfollow_usage": "Отправьте /unfollow с темой или её номером из /following, или /unfollow all.",
    "unfollow_done": "Больше не слежу за «{follow}».",
    "unfollow_all": "Теперь этот чат ни за чем не следит.",
    "unfollow_unknown": "Этот чат не следит за «{follow}». /following покажет, за чем следит.",
    "following_none": "Этот чат пока ни за чем не следит. Отправьте /follow с темой, например: /follow климат",
    "following_html": "<b>Этот чат следит за</b>\n{follows}\n\n{schedule}\n<i>/unfollow с номером отменяет одну; /digest меняет время.</i>",
    "schedule_daily": "Подборка приходит каждый день в {at} ({zone}).",
    "schedule_hourly": "Подборка приходит каждый час, когда есть новости.",
    "schedule_live": "Новые истории приходят сразу, не больше {cap} {cap|подборки|подборок|подборок} в день.",
    "schedule_off": "Подборки на паузе; /digest daily 08:00 снова их включит.",
    "digest_usage": (
        "Отправьте /digest и когда присылать новости: /digest daily 08:00, /digest hourly,"
        " /digest live 5 (сразу, не больше 5 в день) или /digest off. {schedule}"
    ),
    "digest_set": "Готово. {schedule}",
    "digest_follow_first": "Этот чат пока ни за чем не следит: отправьте /follow с темой.",
    "digest_heading": "Ваша подборка новостей",
    "digest_more_html": "<i>…и ещё {count} {count|история|истории|историй}: слишком много для одного сообщения.</i>",
    "zone_ask": (
        "Пока время указано в UTC. Назовите свой часовой пояс один раз командой /timezone,"
        " например /timezone Europe/Moscow или /timezone +3."
    ),
    "zone_usage": "Отправьте /timezone с поясом или смещением, например /timezone Europe/Moscow или /timezone -5. Сейчас: {zone}.",
    "zone_set": "Часовой пояс: {zone}.",
    "zone_unknown": (
        "Я не знаю часового пояса «{zone}». Попробуйте название вроде Europe/Moscow или"
        " America/New_York или смещение вроде +3."
    ),
    "button_zone": "Часовой пояс: {zone}",
    "settings_zone_html": "Часовой пояс: <b>{zone}</b> (изменить: /timezone)",
    # -- digests and story lists --------------------------------------------------------
    "untitled": "Без заголовка",
    "min_read": "{minutes} мин чтения",
    "no_summary": "Статью я нашёл, но не смог выбрать предложения для пересказа.",
    "date": "{day} {month} {year}",
    "months": "янв. февр. марта апр. мая июня июля авг. сент. окт. нояб. дек.",
    "age_just_now": "только что",
    "age_minutes": "{minutes} мин назад",
    "age_hours": "{hours} ч назад",
    "age_yesterday": "вчера",
    "age_days": "{days} дн. назад",
    "news_heading": "Новости: «{query}»",
    "news_only_older": "Свежих новостей по запросу «{query}» нет; вот последние, что я нашёл:",
    "news_nothing": "Свежих новостей по запросу «{query}» нет.",
    "news_unreachable": "Сейчас не удалось связаться ни с одним источником новостей; попробуйте через минуту.",
    "news_also": "Также:",
    # -- кто что сказал (/quotes и издания одной новости рядом) ----------------------------
    "quotes_word": "цитаты",
    "quotes_usage": "Отправьте /quotes и имя, например: /quotes Kristi Noem",
    "quotes_not_a_name": "«{person}» не похоже на имя человека. Отправьте /quotes и имя, например: /quotes Kristi Noem",
    "quotes_none": (
        "{person}: пока нет цитат. Я показываю, что говорили люди в статьях, которые я недавно"
        " пересказывал, — пришлите ссылку на статью, где цитируют этого человека."
    ),
    "quotes_heading_html": "<b>{person}: цитаты</b> — {count} {count|цитата|цитаты|цитат}, сначала новые",
    "quotes_more_html": "<i>…и ещё {count} {count|цитата|цитаты|цитат} постарше.</i>",
    "whosaid_button": "Кто что сказал · {number}",
    "whosaid_title": "Кто что сказал",
    "whosaid_heading_html": "<b>Кто что сказал</b> — {title}",
    "whosaid_shared": "Цитируют несколько изданий: {names}",
    "whosaid_nobody": "нет цитат с названным автором",
    "whosaid_unreadable": "страницу не удалось прочитать",
    "answer_whosaid_expired": "Эта новость слишком старая; запросите её снова через /news.",
    "inline_quotes": "{count} {count|цитата|цитаты|цитат}: {person}",
    "inline_quotes_none": "{person}: пока нет цитат",
    # -- inline mode ------------------------------------------------------------------
    "inline_hint": "Введите тему или вставьте ссылку на новость",
    "inline_nothing": "Свежих новостей об этом нет; попробуйте другие слова",
    "inline_failed": "Со ссылкой не вышло: {error}",
    "inline_stories": "{count} {count|новость|новости|новостей} по теме «{topic}»",
}

# The user-facing messages of bot.errors, by their English text ({status}: the HTTP status).
ERRORS: dict[str, str] = {
    "Something went wrong.": "Что-то пошло не так.",
    "That is not a web link or a file I can read.": "Это не веб-ссылка и не файл, который я могу прочитать.",
    "I could not fetch that page.": "Не удалось загрузить эту страницу.",
    "I won't fetch that address: it points to a private or reserved network.": (
        "Этот адрес я загружать не буду: он ведёт в частную или зарезервированную сеть."
    ),
    "That website does not exist (unknown host name).": "Такого сайта нет (неизвестное имя хоста).",
    "The website refused the connection or could not be reached.": "Сайт отклонил соединение или недоступен.",
    "The website took too long to answer.": "Сайт слишком долго не отвечал.",
    "The website answered with an error.": "Сайт ответил ошибкой.",
    "The page was not found (HTTP 404).": "Страница не найдена (HTTP 404).",
    "The website refused access to that page (HTTP {status}).": "Сайт закрыл доступ к этой странице (HTTP {status}).",
    "The website is rate limiting us (HTTP 429); try again later.": (
        "Сайт ограничивает число запросов (HTTP 429); попробуйте позже."
    ),
    "The website had an error (HTTP {status}); try again later.": "На сайте произошла ошибка (HTTP {status}); попробуйте позже.",
    "The website answered with an error (HTTP {status}).": "Сайт ответил ошибкой (HTTP {status}).",
    "The link redirects too many times.": "Ссылка перенаправляет слишком много раз.",
    "That page is too large to summarize.": "Эта страница слишком большая для пересказа.",
    "That link is not a web page (it looks like a file, image or binary).": (
        "Эта ссылка ведёт не на веб-страницу (похоже на файл, картинку или двоичные данные)."
    ),
    "I could not read an article on that page.": "Не удалось прочитать статью на этой странице.",
    "I found no article text on that page.": "На этой странице я не нашёл текста статьи.",
    "That address is not a news feed.": "Этот адрес — не новостная лента.",
    "I could not process that page.": "Не удалось обработать эту страницу.",
    "That page took too long to read.": "Эта страница читалась слишком долго.",
    # Messages with details of their own (a PDF, a size, a host) fall back to their kind's above.
    "The website's security certificate is not valid, so I did not read it.": (
        "У сайта недействительный сертификат безопасности, поэтому я его не открыл."
    ),
    "The website could not be reached (the connection timed out).": (
        "Сайт недоступен (истекло время ожидания соединения)."
    ),
    "The website sent a broken or incomplete answer.": "Сайт прислал испорченный или неполный ответ.",
    "The website sent a damaged page (its compression is broken).": (
        "Сайт прислал повреждённую страницу (сжатие испорчено)."
    ),
    "The website sent the page compressed over and over, which I won't unpack.": (
        "Сайт прислал страницу, сжатую много раз подряд; такое я не распаковываю."
    ),
    "The link redirected to something that is not a web link, which I won't follow.": (
        "Ссылка перенаправляет не на веб-адрес; туда я не пойду."
    ),
    "I am restarting right now. Please send the link again in a minute.": (
        "Я сейчас перезапускаюсь. Пришлите ссылку ещё раз через минуту."
    ),
    "I have too many pages to read right now. Please send the link again in a few minutes.": (
        "У меня сейчас слишком много страниц на чтение. Пришлите ссылку ещё раз через несколько минут."
    ),
}
