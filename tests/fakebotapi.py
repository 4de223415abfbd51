"""A fake Telegram Bot API server on loopback, strict where Telegram is strict.

It speaks the Bot API over HTTP as python-telegram-bot calls it (`POST /bot<token>/<method>`
with form, multipart or JSON bodies; `{"ok": true, "result": ...}` or
`{"ok": false, "error_code": ..., "description": ..., "parameters": {...}}`), and it
refuses what Telegram refuses: HTML it cannot parse, text over 4096 UTF-16 code units,
empty text, replies to messages that do not exist, a wrong token.

Tests drive it from the user's side: `private_message`, `group_message` (with privacy
mode deciding what the bot may see), `press` (a button under a bot's message),
`inline_query` (@bot typed in a chat), `make_admin` (who administers a group),
`fail_next` to make calls answer 429 / 5xx or drop the connection, and
`wait_for_messages` / `wait_for` to await what the bot did. Inline keyboards are
checked as Telegram checks them (callback_data 1-64 bytes: "BUTTON_DATA_INVALID"),
and so are callback answers (once per press) and inline answers (once per query).

Runs in a thread (like tests/servers.py) so the bot under test, an async test and a
subprocess can all reach it.
"""

from __future__ import annotations

import asyncio
import email.parser
import email.policy
import html
import itertools
import json
import re
import socket
import sys
import threading
import time
import urllib.request
from collections import Counter, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl

MAX_TEXT = 4096  # UTF-16 code units, after entity parsing

# --- Telegram HTML ---------------------------------------------------------------------

SIMPLE_TAGS = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
}
ALLOWED_TAGS = set(SIMPLE_TAGS) | {"span", "a", "code", "pre", "blockquote", "tg-emoji"}
NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_TAG_NAME = re.compile(r"[a-zA-Z0-9-]*")
_ATTR = re.compile(r"""\s*([a-zA-Z0-9_-]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>"']+))?""")
_MARKUP = re.compile(r"[<&]")
_ENTITY = re.compile(r"&(#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[a-zA-Z]+;)")


class EntityParseError(ValueError):
    """What Telegram answers with 400 "Bad Request: can't parse entities: ..."."""


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def parse_html(source: str) -> tuple[str, list[dict[str, Any]]]:
    """Telegram's HTML parse mode: the plain text and its entities (UTF-16 offsets).

    Raises EntityParseError with Telegram's wording for what Telegram rejects.
    """
    out: list[str] = []
    out_len = 0  # UTF-16 length of what is in `out`
    entities: list[dict[str, Any]] = []
    stack: list[tuple[str, dict[str, Any], int]] = []  # (tag, entity, start)
    i = 0
    n = len(source)

    def byte_offset(pos: int) -> int:
        return len(source[:pos].encode("utf-8"))

    while i < n:
        ch = source[i]
        if ch == "&":
            m = _ENTITY.match(source, i)
            if not m:
                raise EntityParseError(f'Unsupported HTML entity at byte offset {byte_offset(i)}: "&" must be "&amp;"')
            body = m.group(1)[:-1]
            if body.startswith("#"):
                code = int(body[2:], 16) if body[1:2] in ("x", "X") else int(body[1:])
                if code == 0 or code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
                    raise EntityParseError(f"Invalid HTML entity at byte offset {byte_offset(i)}")
                text = chr(code)
            elif body in NAMED_ENTITIES:
                text = NAMED_ENTITIES[body]
            else:
                raise EntityParseError(f'Unsupported HTML entity "&{body};" at byte offset {byte_offset(i)}')
            out.append(text)
            out_len += utf16_len(text)
            i = m.end()
            continue
        if ch != "<":
            stop = _MARKUP.search(source, i)
            j = stop.start() if stop else n
            out.append(source[i:j])
            out_len += utf16_len(source[i:j])
            i = j
            continue
        start = i
        if source.startswith("</", i):
            end = source.find(">", i)
            if end < 0:
                raise EntityParseError(f"Unclosed end tag at byte offset {byte_offset(start)}")
            name = source[i + 2 : end].strip().lower()
            if not stack:
                raise EntityParseError(f'Unexpected end tag "</{name}>" at byte offset {byte_offset(start)}')
            tag, entity, begin = stack.pop()
            if name != tag:
                raise EntityParseError(
                    f'Unmatched end tag at byte offset {byte_offset(start)}, expected "</{tag}>", found "</{name}>"'
                )
            if entity and out_len > begin:
                entity["offset"], entity["length"] = begin, out_len - begin
                entities.append(entity)
            i = end + 1
            continue
        m = _TAG_NAME.match(source, i + 1)
        name = m.group(0).lower()
        if not name or name not in ALLOWED_TAGS:
            raise EntityParseError(f'Unsupported start tag "{name}" at byte offset {byte_offset(start)}')
        i = m.end()
        attrs: dict[str, str] = {}
        while True:
            while i < n and source[i].isspace():
                i += 1
            if i >= n:
                raise EntityParseError(f'Unclosed start tag "{name}" at byte offset {byte_offset(start)}')
            if source[i] == ">":
                i += 1
                break
            am = _ATTR.match(source, i)
            if not am or am.end() == i:
                raise EntityParseError(f'Unclosed start tag "{name}" at byte offset {byte_offset(start)}')
            value = am.group(2) or ""
            if value[:1] in ("'", '"'):
                value = value[1:-1]
            attrs[am.group(1).lower()] = html.unescape(value)
            i = am.end()
        entity = _start_entity(name, attrs, [t for t, _, _ in stack], byte_offset(start))
        stack.append((name, entity, out_len))
    if stack:
        raise EntityParseError(f'Can\'t find end tag corresponding to start tag "{stack[-1][0]}"')
    entities.sort(key=lambda e: (e["offset"], -e["length"]))
    return "".join(out), entities


def _start_entity(name: str, attrs: dict[str, str], open_tags: list[str], at: int) -> dict[str, Any]:
    if "pre" in open_tags and not (name == "code" and open_tags[-1] == "pre"):
        raise EntityParseError(f'Entities can\'t be nested in "pre" (tag "{name}" at byte offset {at})')
    if "code" in open_tags:
        raise EntityParseError(f'Entities can\'t be nested in "code" (tag "{name}" at byte offset {at})')
    if name == "blockquote" and "blockquote" in open_tags:
        raise EntityParseError(f"Blockquote entities can't be nested (byte offset {at})")
    if name in SIMPLE_TAGS:
        return {"type": SIMPLE_TAGS[name]}
    if name == "span":
        if attrs.get("class") != "tg-spoiler":
            raise EntityParseError(f'Tag "span" must have class "tg-spoiler" at byte offset {at}')
        return {"type": "spoiler"}
    if name == "a":
        href = attrs.get("href", "")
        if not href:
            return {}  # Telegram keeps the text and drops a link without a target
        return {"type": "text_link", "url": href}
    if name == "code":
        return {"type": "code"}
    if name == "pre":
        return {"type": "pre"}
    if name == "blockquote":
        return {"type": "expandable_blockquote" if "expandable" in attrs else "blockquote"}
    if name == "tg-emoji":
        if not attrs.get("emoji-id", "").isdigit():
            raise EntityParseError(f"Custom emoji identifier expected at byte offset {at}")
        return {"type": "custom_emoji", "custom_emoji_id": attrs["emoji-id"]}
    raise EntityParseError(f'Unsupported start tag "{name}" at byte offset {at}')  # pragma: no cover


def check_message_text(text: str | None, parse_mode: str | None) -> tuple[str, list[dict[str, Any]]]:
    """The plain text and entities of an outgoing message, or the Bad Request Telegram gives."""
    if text is None or text == "":
        raise BadRequest("Bad Request: message text is empty")
    if parse_mode and parse_mode.lower() == "html":
        try:
            plain, entities = parse_html(text)
        except EntityParseError as exc:
            raise BadRequest(f"Bad Request: can't parse entities: {exc}") from None
    else:
        plain, entities = text, []
    stripped = plain.strip()
    if not stripped:
        raise BadRequest("Bad Request: message text is empty")
    if utf16_len(stripped) > MAX_TEXT:
        raise BadRequest("Bad Request: message is too long")
    return plain, entities


def check_reply_markup(markup: Any) -> dict[str, Any] | None:
    """An inline keyboard as Telegram checks it; None when there is none."""
    if markup in (None, "", {}):
        return None
    if not isinstance(markup, dict) or not isinstance(markup.get("inline_keyboard"), list):
        raise BadRequest("Bad Request: can't parse reply keyboard markup JSON object")
    for row in markup["inline_keyboard"]:
        if not isinstance(row, list):
            raise BadRequest("Bad Request: can't parse reply keyboard markup JSON object")
        for button in row:
            if not str(button.get("text") or "").strip():
                raise BadRequest("Bad Request: BUTTON_TEXT_INVALID")
            actions = [k for k in button if k in BUTTON_ACTIONS]
            if len(actions) != 1:
                raise BadRequest("Bad Request: can't find field \"url\" or one of the other inline keyboard button actions")
            if "callback_data" in button and not 1 <= len(str(button["callback_data"]).encode("utf-8")) <= 64:
                raise BadRequest("Bad Request: BUTTON_DATA_INVALID")
    return markup


BUTTON_ACTIONS = {
    "url", "callback_data", "web_app", "login_url", "switch_inline_query",
    "switch_inline_query_current_chat", "switch_inline_query_chosen_chat", "copy_text", "callback_game", "pay",
}  # fmt: skip


def _member(user: dict[str, Any], status: str) -> dict[str, Any]:
    """A ChatMember as Telegram sends it for an owner or an administrator."""
    if status == "creator":
        return {"status": "creator", "user": user, "is_anonymous": False}
    if status != "administrator":
        return {"status": status, "user": user}
    rights = (
        "can_be_edited can_manage_chat can_delete_messages can_manage_video_chats can_restrict_members"
        " can_promote_members can_change_info can_invite_users can_post_stories can_edit_stories"
        " can_delete_stories can_pin_messages"
    )
    return {"status": "administrator", "user": user, "is_anonymous": False, **{r: r != "can_be_edited" for r in rights.split()}}


class BadRequest(Exception):
    def __init__(self, description: str, code: int = 400, parameters: dict[str, Any] | None = None) -> None:
        super().__init__(description)
        self.description = description
        self.code = code
        self.parameters = parameters


# --- what users send: entities as a Telegram client marks them ---------------------------

_AUTO = re.compile(
    r"(?P<command>(?<![\w/])/[a-zA-Z0-9_]{1,32}(?:@[a-zA-Z0-9_]{3,32})?)"
    # Host labels in any script: Telegram marks internationalised domain names too.
    r"|(?P<url>\b(?:(?i:https?)://)?(?:[^\W_](?:[\w-]*[^\W_])?\.)+[^\W\d_]{2,}(?::\d+)?(?:[/?#][^\s]*)?"
    r"|\b(?i:https?)://(?:\d{1,3}\.){3}\d{1,3}(?::\d+)?(?:/[^\s]*)?)"
    r"|(?P<mention>(?<![\w@])@[a-zA-Z0-9_]{5,32})"
)


def auto_entities(text: str) -> list[dict[str, Any]]:
    """The url / bot_command / mention entities a Telegram client adds to typed text."""
    entities = []
    for m in _AUTO.finditer(text):
        kind = m.lastgroup
        value = m.group(0)
        if kind == "url":
            value = value.rstrip(".,;:!?)»”'\"")
            if "/" not in value and "." not in value:
                continue
        offset = utf16_len(text[: m.start()])
        entities.append({"type": kind, "offset": offset, "length": utf16_len(value)})
    for e in entities:
        if e["type"] == "command":
            e["type"] = "bot_command"
    return entities


def link_entity(text: str, anchor: str, url: str) -> dict[str, Any]:
    """A text_link entity on the first `anchor` in `text` (UTF-16 offsets, as Telegram sends)."""
    start = text.index(anchor)
    return {"type": "text_link", "offset": utf16_len(text[:start]), "length": utf16_len(anchor), "url": url}


# --- the server ------------------------------------------------------------------------


@dataclass
class Call:
    method: str
    params: dict[str, Any]
    status: int = 200  # 0: the connection was dropped
    token: str = ""
    at: float = field(default_factory=time.monotonic)  # when it arrived


@dataclass
class Fault:
    status: int = 429  # 0 = drop the connection without an answer
    retry_after: int = 1


@dataclass
class Chat:
    id: int
    type: str
    title: str | None = None
    messages: dict[int, dict[str, Any]] = field(default_factory=dict)
    next_id: int = 1
    admins: dict[int, tuple[dict[str, Any], str]] = field(default_factory=dict)  # user id -> (user, status)
    migrated_to: int | None = None  # a group upgraded to this supergroup

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "type": self.type}
        if self.title:
            data["title"] = self.title
        return data


USER = {"id": 1001, "is_bot": False, "first_name": "Ada", "username": "ada_reads", "language_code": "en"}
JSON_PARAMS = {
    "reply_parameters",
    "link_preview_options",
    "reply_markup",
    "entities",
    "caption_entities",
    "commands",
    "scope",
    "allowed_updates",
    "results",
    "button",
}


class FakeBotAPI:
    """A Telegram Bot API of our own. `base_url` goes into the bot's config."""

    def __init__(
        self,
        token: str = "123456789:TEST-fake-token_for-newsbot",
        *,
        username: str = "newsbot_test_bot",
        privacy: bool = True,
    ) -> None:
        self.token = token
        self.bot_user = {
            "id": int(token.split(":")[0]),
            "is_bot": True,
            "first_name": "Newsbot",
            "username": username,
            "can_join_groups": True,
            "can_read_all_group_messages": not privacy,
            "supports_inline_queries": True,
        }
        self.privacy = privacy
        self.calls: list[Call] = []
        self.chats: dict[int, Chat] = {}
        self.commands: list[dict[str, Any]] = []
        self.webhook: dict[str, Any] | None = None
        self.withheld: list[dict[str, Any]] = []  # group messages privacy mode kept from the bot
        self.deliveries: Counter[int] = Counter()  # update_id -> times handed to the bot
        self.pushed: list[dict[str, Any]] = []  # every update users made, as Telegram sends it
        self.confirmed: set[int] = set()
        self.redelivered: list[int] = []  # confirmed updates handed out again: must stay empty
        self.allowed_updates: list[str] | None = None  # as the last getUpdates / setWebhook asked
        self.callback_answers: dict[str, dict[str, Any]] = {}  # callback query id -> answerCallbackQuery
        self.inline_answers: dict[str, dict[str, Any]] = {}  # inline query id -> answerInlineQuery
        self._queries = itertools.count(7_000_000)
        self._inline_queries: set[str] = set()
        self._callback_queries: set[str] = set()
        self._pending: deque[dict[str, Any]] = deque()
        self._faults: dict[str, deque[Fault]] = {}
        self._update_ids = itertools.count(500_000)
        self._date = itertools.count(int(time.time()))
        self._cond = threading.Condition()
        self._poll_generation = 0
        self._closing = False
        self._httpd = _QuietServer(("127.0.0.1", 0), self._handler())
        self._httpd.daemon_threads = True
        self.port = self._httpd.server_address[1]
        # A short poll interval: stop() waits for the serving loop to notice.
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self._webhook_thread: threading.Thread | None = None

    # -- life cycle ---------------------------------------------------------------------

    @property
    def base_url(self) -> str:
        """For `[telegram] base_url`: PTB appends the token and `/method`."""
        return f"http://127.0.0.1:{self.port}/bot"

    def start(self) -> FakeBotAPI:
        self._thread.start()
        return self

    def stop(self) -> None:
        with self._cond:
            self._closing = True
            self._cond.notify_all()
        self._httpd.shutdown()
        self._httpd.server_close()

    def __enter__(self) -> FakeBotAPI:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- what users do ------------------------------------------------------------------

    def private_message(
        self,
        text: str,
        *,
        user: dict[str, Any] | None = None,
        entities: list[dict[str, Any]] | None = None,
        caption: bool = False,
        forwarded_from: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        """A user writes to the bot in private; returns the message as delivered."""
        user = user or USER
        chat = self._chat(user["id"], "private")
        return self._user_message(chat, user, text, entities, caption, forwarded_from, reply_to=None)

    def private_media(self, kind: str, *, user: dict[str, Any] | None = None) -> dict[str, Any]:
        """A user sends the bot something without words: "sticker", "photo" (no caption),
        "voice" or "location". Returns the message as delivered."""
        user = user or USER
        chat = self._chat(user["id"], "private")
        media = {
            "sticker": {"file_id": "CAAD-sticker", "file_unique_id": "st1", "type": "regular", "width": 512,
                        "height": 512, "is_animated": False, "is_video": False, "emoji": "👍"},
            "photo": [{"file_id": "AgAD-photo", "file_unique_id": "photo1", "width": 90, "height": 60}],
            "voice": {"file_id": "AwAD-voice", "file_unique_id": "vo1", "duration": 3},
            "location": {"latitude": 52.52, "longitude": 13.40},
        }  # fmt: skip
        message: dict[str, Any] = {"from": user, "chat": {**chat.as_dict(), "first_name": user["first_name"]},
                                   "date": next(self._date), kind: media[kind]}  # fmt: skip
        with self._cond:
            message["message_id"] = chat.next_id
            chat.next_id += 1
            chat.messages[message["message_id"]] = message
        self.push_update({"message": message})
        return message

    def group_message(
        self,
        text: str,
        *,
        chat_id: int = -1001234567890,
        user: dict[str, Any] | None = None,
        entities: list[dict[str, Any]] | None = None,
        caption: bool = False,
        reply_to: dict[str, Any] | None = None,
        forwarded_from: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        """Someone writes in a group. The message is returned either way; whether the bot
        gets it follows privacy mode (see `withheld`)."""
        user = user or {**USER, "id": 1002, "first_name": "Grace", "username": "grace_h"}
        chat = self._chat(chat_id, "supergroup", title="Newsroom")
        return self._user_message(chat, user, text, entities, caption, forwarded_from, reply_to)

    def edit_message(self, message: dict[str, Any], text: str, *, entities: list[dict[str, Any]] | None = None) -> dict[str, Any]:
        """The user edits their `message` to read `text`; the bot gets an `edited_message`
        update (when it asked for them, and privacy mode lets it see the message)."""
        entities = auto_entities(text) if entities is None else entities
        with self._cond:
            edited = {k: v for k, v in message.items() if k not in ("text", "entities", "caption", "caption_entities")}
            key = "caption" if "caption" in message else "text"
            edited[key] = text
            if entities:
                edited[f"{key}_entities" if key == "caption" else "entities"] = entities
            edited["edit_date"] = next(self._date)
            self.chats[message["chat"]["id"]].messages[message["message_id"]] = edited
        if edited["chat"]["type"] != "private" and self.privacy and not self._bot_may_see(edited):
            with self._cond:
                self.withheld.append(edited)
            return edited
        self.push_update({"edited_message": edited})
        return edited

    def open_private_chat(self, user: dict[str, Any]) -> int:
        """A private chat `user` had with the bot before (no update is sent); its id."""
        return self._chat(user["id"], "private").id

    def basic_group(self, chat_id: int, title: str = "Newsroom") -> None:
        """A basic group (the kind Telegram upgrades to a supergroup; `group_message` and
        `make_admin` then write there)."""
        self._chat(chat_id, "group", title)

    def upgrade_group(self, chat_id: int, *, by: dict[str, Any] | None = None) -> int:
        """The basic group becomes a supergroup with a new id, as when an admin turns on a
        supergroup-only feature: from now on the old id is refused with migrate_to_chat_id,
        and both chats get the service message. Returns the new id."""
        user = by or {**USER, "id": 1002, "first_name": "Grace", "username": "grace_h"}
        with self._cond:
            old = self.chats[chat_id]
            new = Chat(-1_000_000_000_000 + chat_id, "supergroup", old.title, admins=dict(old.admins))
            self.chats[new.id] = new
            old.migrated_to = new.id
        for chat, key, value in ((old, "migrate_to_chat_id", new.id), (new, "migrate_from_chat_id", old.id)):
            with self._cond:
                service = {"message_id": chat.next_id, "from": user, "chat": chat.as_dict(), "date": next(self._date), key: value}
                chat.messages[chat.next_id] = service
                chat.next_id += 1
            self.push_update({"message": service})  # service messages reach bots in privacy mode too
        return new.id

    def delete_message(self, message: dict[str, Any]) -> None:
        """The user deletes a message (replies to it must then say allow_sending_without_reply)."""
        with self._cond:
            self.chats[message["chat"]["id"]].messages.pop(message["message_id"], None)

    def make_admin(self, chat_id: int, user: dict[str, Any], status: str = "administrator") -> None:
        """`user` administers the group `chat_id` ("creator" for its owner)."""
        chat = self._chat(chat_id, "supergroup", title="Newsroom")
        with self._cond:
            chat.admins[user["id"]] = (user, status)

    def press(self, message: dict[str, Any], label: str, *, user: dict[str, Any] | None = None) -> str:
        """`user` presses the button whose text contains `label` under the bot's `message`
        (as it is now, edits included); returns the callback query's id."""
        with self._cond:
            current = self.chats[message["chat"]["id"]].messages[message["message_id"]]
            buttons = [b for row in (current.get("reply_markup") or {}).get("inline_keyboard", []) for b in row]
            # The exact label first (a chosen option shows a "✓ " before it), then any containing it.
            matching = [b for b in buttons if b["text"].removeprefix("✓ ") == label]
            matching = matching or [b for b in buttons if label in b["text"]]
            if not matching:
                raise AssertionError(f"no button {label!r} under the message; buttons: {[b['text'] for b in buttons]}")
            query_id = str(next(self._queries))
            self._callback_queries.add(query_id)
            query = {
                "id": query_id,
                "from": user or USER,
                "message": _public(current),
                "chat_instance": f"ci{message['chat']['id']}",
                "data": matching[0]["callback_data"],
            }
        self.push_update({"callback_query": query})
        return query_id

    def inline_query(self, query: str, *, user: dict[str, Any] | None = None, chat_type: str = "sender") -> str:
        """`user` types "@bot <query>" in a chat; returns the inline query's id."""
        query_id = str(next(self._queries))
        with self._cond:
            self._inline_queries.add(query_id)
        self.push_update(
            {"inline_query": {"id": query_id, "from": user or USER, "query": query, "offset": "", "chat_type": chat_type}}
        )
        return query_id

    async def wait_for_callback_answer(self, query_id: str, *, timeout: float = 15.0) -> dict[str, Any]:
        return await self.wait_for(
            lambda: self.callback_answers.get(query_id), timeout=timeout, what=f"an answer to callback query {query_id}"
        )

    async def wait_for_inline_answer(self, query_id: str, *, timeout: float = 15.0) -> dict[str, Any]:
        return await self.wait_for(
            lambda: self.inline_answers.get(query_id), timeout=timeout, what=f"an answer to inline query {query_id}"
        )

    def push_update(self, update: dict[str, Any]) -> int:
        """Queue a raw update (an update_id is added); returns its id."""
        with self._cond:
            update = {"update_id": next(self._update_ids), **update}
            self._pending.append(update)
            self.pushed.append(update)
            self._cond.notify_all()
        self._kick_webhook()
        return update["update_id"]

    # -- faults ---------------------------------------------------------------------------

    def fail_next(self, method: str, times: int = 1, *, status: int = 429, retry_after: int = 1) -> None:
        """The next `times` calls of `method` answer `status` (429 with retry_after, 5xx, ...)
        or, with status=0, get their connection dropped without an answer."""
        with self._cond:
            self._faults.setdefault(method, deque()).extend(Fault(status, retry_after) for _ in range(times))

    # -- what the bot did -----------------------------------------------------------------

    def busiest(self) -> dict[str, int]:
        """What Telegram's limits count, at their worst moment: messages sent in any one
        second overall (about 30 allowed), in any one second to one chat (1, short bursts
        allowed), in any one minute to one group (20)."""
        sends = [c for c in list(self.calls) if c.method in SENDS and c.status == 200]
        by_chat: dict[str, list[float]] = {}
        for call in sends:
            by_chat.setdefault(str(call.params.get("chat_id")), []).append(call.at)
        groups = [times for chat, times in by_chat.items() if chat.startswith("-")]
        return {
            "overall per second": _most_within([c.at for c in sends], 1.0),
            "chat per second": max((_most_within(t, 1.0) for t in by_chat.values()), default=0),
            "group per minute": max((_most_within(t, 60.0) for t in groups), default=0),
        }

    def calls_of(self, method: str, *, ok: bool | None = None) -> list[Call]:
        with self._cond:
            calls = [c for c in self.calls if c.method == method]
        if ok is not None:
            calls = [c for c in calls if (c.status == 200) == ok]
        return calls

    def sent(self, chat_id: int) -> list[dict[str, Any]]:
        """Messages the bot sent to a chat, oldest first (as edited since)."""
        with self._cond:
            chat = self.chats.get(chat_id)
            if chat is None:
                return []
            return [m for m in chat.messages.values() if m["from"]["id"] == self.bot_user["id"]]

    def replies_to(self, message: dict[str, Any]) -> list[dict[str, Any]]:
        return [
            m
            for m in self.sent(message["chat"]["id"])
            if m.get("reply_to_message", {}).get("message_id") == message["message_id"]
        ]

    async def wait_for(self, predicate: Callable[[], Any], *, timeout: float = 15.0, what: str = "condition") -> Any:
        """Await until `predicate()` is truthy (its value is returned), without blocking the loop."""
        deadline = time.monotonic() + timeout
        while True:
            value = predicate()
            if value:
                return value
            if time.monotonic() > deadline:
                raise AssertionError(f"gave up waiting for {what}; calls: {[c.method for c in self.calls]}")
            await asyncio.sleep(0.02)

    async def wait_for_messages(self, chat_id: int, count: int, *, timeout: float = 15.0) -> list[dict[str, Any]]:
        """Await until the bot has sent at least `count` messages to `chat_id`; returns them."""
        return await self.wait_for(
            lambda: (lambda sent: sent if len(sent) >= count else None)(self.sent(chat_id)),
            timeout=timeout,
            what=f"{count} message(s) to chat {chat_id}",
        )

    # -- internals: users' side -----------------------------------------------------------

    def _chat(self, chat_id: int, kind: str, title: str | None = None) -> Chat:
        with self._cond:
            if chat_id not in self.chats:
                self.chats[chat_id] = Chat(chat_id, kind, title)
            return self.chats[chat_id]

    def _user_message(
        self,
        chat: Chat,
        user: dict[str, Any],
        text: str,
        entities: list[dict[str, Any]] | None,
        caption: bool,
        forwarded_from: dict[str, Any] | None,
        reply_to: dict[str, Any] | None,
    ) -> dict[str, Any]:
        entities = auto_entities(text) if entities is None else entities
        chat_dict = chat.as_dict()
        if chat.type == "private":
            chat_dict.update(first_name=user["first_name"], username=user.get("username"))
        message: dict[str, Any] = {"from": user, "chat": chat_dict, "date": next(self._date)}
        if caption:
            message["photo"] = [{"file_id": "AgAD-photo", "file_unique_id": "photo1", "width": 90, "height": 60}]
            message["caption"] = text
            if entities:
                message["caption_entities"] = entities
        else:
            message["text"] = text
            if entities:
                message["entities"] = entities
        if forwarded_from is not None:
            message["forward_origin"] = {"type": "user", "sender_user": forwarded_from, "date": next(self._date) - 3600}
        if reply_to is not None:
            message["reply_to_message"] = reply_to
        with self._cond:
            message["message_id"] = chat.next_id
            chat.next_id += 1
            chat.messages[message["message_id"]] = message
        if chat.type != "private" and self.privacy and not self._bot_may_see(message):
            with self._cond:
                self.withheld.append(message)
            return message
        self.push_update({"message": message})
        return message

    def _bot_may_see(self, message: dict[str, Any]) -> bool:
        """Privacy mode: commands for us (or for no one bot in particular), replies to our
        messages, and mentions of us."""
        text = message.get("text") or message.get("caption") or ""
        entities = message.get("entities") or message.get("caption_entities") or []
        me = self.bot_user["username"].lower()
        for e in entities:
            value = text.encode("utf-16-le")[2 * e["offset"] : 2 * (e["offset"] + e["length"])].decode("utf-16-le")
            if e["type"] == "bot_command" and ("@" not in value or value.split("@", 1)[1].lower() == me):
                return True
            if e["type"] == "mention" and value[1:].lower() == me:
                return True
        reply = message.get("reply_to_message") or {}
        return reply.get("from", {}).get("id") == self.bot_user["id"]

    # -- internals: the bot's side --------------------------------------------------------

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        api = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # Telegram answers at once; no ~40 ms delayed-ACK stall

            def log_message(self, *args: object) -> None:  # keep test output clean
                pass

            def do_POST(self) -> None:  # noqa: N802
                api._serve(self)

            do_GET = do_POST

        return Handler

    def _serve(self, request: BaseHTTPRequestHandler) -> None:
        length = int(request.headers.get("Content-Length") or 0)
        body = request.rfile.read(length) if length else b""
        path, _, query = request.path.partition("?")
        m = re.fullmatch(r"/bot([^/]+)/([A-Za-z]+)", path)
        if not m:
            return self._answer(request, 404, {"ok": False, "error_code": 404, "description": "Not Found"})
        token, method = m.groups()
        params = _parse_params(request.headers.get("Content-Type", ""), body, query)
        call = Call(method, params, token=token)
        with self._cond:
            self.calls.append(call)
            faults = self._faults.get(method)
            fault = faults.popleft() if faults else None
            self._cond.notify_all()
        if token != self.token:
            call.status = 401
            return self._answer(request, 401, {"ok": False, "error_code": 401, "description": "Unauthorized"})
        if fault is not None:
            call.status = fault.status
            if fault.status == 0:
                request.close_connection = True
                try:
                    request.connection.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                return None
            if fault.status == 429:
                return self._answer(
                    request,
                    429,
                    {
                        "ok": False,
                        "error_code": 429,
                        "description": f"Too Many Requests: retry after {fault.retry_after}",
                        "parameters": {"retry_after": fault.retry_after},
                    },
                )
            return self._answer(
                request, fault.status, {"ok": False, "error_code": fault.status, "description": "Internal Server Error"}
            )
        action = getattr(self, f"_api_{method}", None)
        if action is None:
            call.status = 404
            return self._answer(request, 404, {"ok": False, "error_code": 404, "description": "Not Found"})
        try:
            result = action(params)
        except BadRequest as exc:
            call.status = exc.code
            refusal = {"ok": False, "error_code": exc.code, "description": exc.description}
            if exc.parameters:
                refusal["parameters"] = exc.parameters
            return self._answer(request, exc.code, refusal)
        if result is _DROPPED:
            return None
        return self._answer(request, 200, {"ok": True, "result": result})

    def _answer(self, request: BaseHTTPRequestHandler, status: int, payload: dict[str, Any]) -> None:
        body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        try:
            request.send_response(status)
            request.send_header("Content-Type", "application/json")
            request.send_header("Content-Length", str(len(body)))
            request.end_headers()
            request.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass

    # -- the methods --------------------------------------------------------------------

    def _api_getMe(self, params: dict[str, Any]) -> dict[str, Any]:
        return self.bot_user

    def _api_getUpdates(self, params: dict[str, Any]) -> Any:
        offset = int(params.get("offset") or 0)
        limit = min(max(int(params.get("limit") or 100), 1), 100)
        timeout = float(params.get("timeout") or 0)
        deadline = time.monotonic() + timeout
        with self._cond:
            if self.webhook:
                raise BadRequest(
                    "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
                    409,
                )
            # A newer getUpdates ends an older one, as on Telegram.
            self._poll_generation += 1
            generation = self._poll_generation
            self._confirm(offset)
            if isinstance(params.get("allowed_updates"), list):
                # Telegram remembers the list until a call gives another one.
                self.allowed_updates = params["allowed_updates"] or None
            self._drop_unwanted()
            self._cond.notify_all()
            while not self._pending and not self._closing:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    break
                self._cond.wait(remaining)
                if self._poll_generation != generation:
                    raise BadRequest(
                        "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running",
                        409,
                    )
                self._drop_unwanted()
            batch = list(itertools.islice(self._pending, limit))
            for update in batch:
                if update["update_id"] in self.confirmed:
                    self.redelivered.append(update["update_id"])
                self.deliveries[update["update_id"]] += 1
            return batch

    def _drop_unwanted(self) -> None:
        """Updates of kinds the bot did not ask for are never delivered (Telegram does not
        even create them)."""
        if self.allowed_updates is None:
            return
        wanted = set(self.allowed_updates)
        kept = deque(u for u in self._pending if next(k for k in u if k != "update_id") in wanted)
        for update in self._pending:
            if update not in kept:
                self.confirmed.add(update["update_id"])
        self._pending = kept

    def _confirm(self, offset: int) -> None:
        if offset < 0:
            keep = -offset
            while len(self._pending) > keep:
                self.confirmed.add(self._pending.popleft()["update_id"])
            return
        while self._pending and self._pending[0]["update_id"] < offset:
            self.confirmed.add(self._pending.popleft()["update_id"])

    def _api_sendMessage(self, params: dict[str, Any]) -> dict[str, Any]:
        chat = self._require_chat(params)
        plain, entities = check_message_text(params.get("text"), params.get("parse_mode"))
        markup = check_reply_markup(params.get("reply_markup"))
        reply = params.get("reply_parameters") or {}
        if "reply_to_message_id" in params:  # the pre-7.0 spelling
            reply = {"message_id": params["reply_to_message_id"]}
        with self._cond:
            replied = None
            if reply:
                replied = chat.messages.get(int(reply["message_id"]))
                if replied is None and not reply.get("allow_sending_without_reply"):
                    raise BadRequest("Bad Request: message to be replied not found")
            message: dict[str, Any] = {
                "message_id": chat.next_id,
                "from": {k: self.bot_user[k] for k in ("id", "is_bot", "first_name", "username")},
                "chat": chat.as_dict(),
                "date": next(self._date),
                "text": plain,
                "_html": params.get("text"),
                "_params": params,
            }
            if entities:
                message["entities"] = entities
            if replied is not None:
                message["reply_to_message"] = {k: v for k, v in _public(replied).items() if k != "reply_to_message"}
            if params.get("link_preview_options"):
                message["link_preview_options"] = params["link_preview_options"]
            if markup:
                message["reply_markup"] = markup
            chat.next_id += 1
            chat.messages[message["message_id"]] = message
            self._cond.notify_all()
        return _public(message)

    def _api_editMessageText(self, params: dict[str, Any]) -> dict[str, Any]:
        chat = self._require_chat(params)
        plain, entities = check_message_text(params.get("text"), params.get("parse_mode"))
        markup = check_reply_markup(params.get("reply_markup"))
        with self._cond:
            message = chat.messages.get(int(params.get("message_id") or 0))
            if message is None:
                raise BadRequest("Bad Request: message to edit not found")
            if message["from"]["id"] != self.bot_user["id"]:
                raise BadRequest("Bad Request: message can't be edited")
            if (
                message.get("text") == plain
                and message.get("entities", []) == entities
                and message.get("reply_markup") == markup
            ):
                raise BadRequest(
                    "Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message"
                )
            message.update(text=plain, entities=entities, _html=params.get("text"), edit_date=next(self._date))
            # An edit without a keyboard removes the one the message had, as on Telegram.
            message.pop("reply_markup", None)
            if markup:
                message["reply_markup"] = markup
            if params.get("link_preview_options"):
                message["link_preview_options"] = params["link_preview_options"]
            self._cond.notify_all()
        return _public(message)

    def _api_sendChatAction(self, params: dict[str, Any]) -> bool:
        self._require_chat(params)
        actions = {"typing", "upload_photo", "record_video", "upload_video", "record_voice", "upload_voice"}
        actions |= {"upload_document", "choose_sticker", "find_location", "record_video_note", "upload_video_note"}
        if params.get("action") not in actions:
            raise BadRequest("Bad Request: wrong parameter action in request")
        return True

    def _api_setMyCommands(self, params: dict[str, Any]) -> bool:
        commands = params.get("commands")
        if not isinstance(commands, list):
            raise BadRequest("Bad Request: can't parse commands JSON object")
        for command in commands:
            if not re.fullmatch(r"[a-z0-9_]{1,32}", str(command.get("command", ""))):
                raise BadRequest("Bad Request: BOT_COMMAND_INVALID")
            if not 1 <= len(str(command.get("description", ""))) <= 256:
                raise BadRequest("Bad Request: BOT_COMMAND_DESCRIPTION_INVALID")
        with self._cond:
            self.commands = commands
        return True

    def _api_getMyCommands(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        with self._cond:
            return list(self.commands)

    def _api_deleteWebhook(self, params: dict[str, Any]) -> bool:
        with self._cond:
            self.webhook = None
            if str(params.get("drop_pending_updates", "")).lower() == "true":
                while self._pending:
                    self.confirmed.add(self._pending.popleft()["update_id"])
        return True

    def _api_setWebhook(self, params: dict[str, Any]) -> bool:
        url = params.get("url") or ""
        if not url:
            return self._api_deleteWebhook(params)
        with self._cond:
            self.webhook = {"url": url, "secret_token": params.get("secret_token")}
            if isinstance(params.get("allowed_updates"), list):
                self.allowed_updates = params["allowed_updates"] or None
            if str(params.get("drop_pending_updates", "")).lower() == "true":
                while self._pending:
                    self.confirmed.add(self._pending.popleft()["update_id"])
        self._kick_webhook()
        return True

    def _api_getWebhookInfo(self, params: dict[str, Any]) -> dict[str, Any]:
        with self._cond:
            return {"url": (self.webhook or {}).get("url", ""), "has_custom_certificate": False, "pending_update_count": len(self._pending)}

    def _api_answerCallbackQuery(self, params: dict[str, Any]) -> bool:
        query_id = str(params.get("callback_query_id") or "")
        if len(str(params.get("text") or "")) > 200:
            raise BadRequest("Bad Request: MESSAGE_TOO_LONG")
        with self._cond:
            if query_id in self.callback_answers or query_id not in self._callback_queries:
                raise BadRequest("Bad Request: query is too old and response timeout expired or query ID is invalid")
            self.callback_answers[query_id] = params
            self._cond.notify_all()
        return True

    def _api_answerInlineQuery(self, params: dict[str, Any]) -> bool:
        query_id = str(params.get("inline_query_id") or "")
        with self._cond:
            if query_id not in self._inline_queries or query_id in self.inline_answers:
                raise BadRequest("Bad Request: query is too old and response timeout expired or query ID is invalid")
        results = params.get("results")
        if not isinstance(results, list) or len(results) > 50:
            raise BadRequest("Bad Request: RESULTS_TOO_MUCH" if isinstance(results, list) else "Bad Request: can't parse results")
        ids = [str(r.get("id", "")) for r in results]
        if any(not 1 <= len(i.encode()) <= 64 for i in ids):
            raise BadRequest("Bad Request: RESULT_ID_INVALID")
        if len(set(ids)) != len(ids):
            raise BadRequest("Bad Request: RESULT_ID_DUPLICATE")
        for result in results:
            if result.get("type") != "article":
                continue
            if not str(result.get("title") or "").strip():
                raise BadRequest("Bad Request: RESULT_TITLE_EMPTY")
            content = result.get("input_message_content") or {}
            check_message_text(content.get("message_text"), content.get("parse_mode"))
            check_reply_markup(result.get("reply_markup"))
        button = params.get("button")
        if button is not None:
            if not str(button.get("text") or "").strip():
                raise BadRequest("Bad Request: BUTTON_TEXT_INVALID")
            start = button.get("start_parameter")
            if start is not None and not re.fullmatch(r"[A-Za-z0-9_-]{1,64}", str(start)):
                raise BadRequest("Bad Request: START_PARAM_INVALID")
        with self._cond:
            self.inline_answers[query_id] = params
            self._cond.notify_all()
        return True

    def _api_getChatMember(self, params: dict[str, Any]) -> dict[str, Any]:
        chat = self._require_chat(params)
        user_id = int(params.get("user_id") or 0)
        with self._cond:
            if user_id == self.bot_user["id"]:
                return {"status": "member", "user": self._bot_public()}
            if user_id in chat.admins:
                user, status = chat.admins[user_id]
                return _member(user, status)
            if chat.type == "private" and user_id == chat.id:
                return {"status": "member", "user": {**USER, "id": user_id}}
            for message in chat.messages.values():
                if message.get("from", {}).get("id") == user_id:
                    return {"status": "member", "user": message["from"]}
        raise BadRequest("Bad Request: user not found")

    def _api_getChatAdministrators(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        chat = self._require_chat(params)
        if chat.type == "private":
            raise BadRequest("Bad Request: there are no administrators in the private chat")
        with self._cond:
            return [_member(user, status) for user, status in chat.admins.values()]

    def _bot_public(self) -> dict[str, Any]:
        return {k: self.bot_user[k] for k in ("id", "is_bot", "first_name", "username")}

    def _api_close(self, params: dict[str, Any]) -> bool:
        return True

    def _api_logOut(self, params: dict[str, Any]) -> bool:
        return True

    def _require_chat(self, params: dict[str, Any]) -> Chat:
        raw = params.get("chat_id")
        if raw in (None, ""):
            raise BadRequest("Bad Request: chat_id is empty")
        try:
            chat_id = int(raw)
        except (TypeError, ValueError):
            raise BadRequest("Bad Request: chat not found") from None
        with self._cond:
            chat = self.chats.get(chat_id)
        if chat is None:
            raise BadRequest("Bad Request: chat not found")
        if chat.migrated_to is not None:
            raise BadRequest(
                "Bad Request: group chat was upgraded to a supergroup chat", parameters={"migrate_to_chat_id": chat.migrated_to}
            )
        return chat

    # -- webhook delivery, as Telegram does it: POST each update, confirmed on a 2xx ---------

    def _kick_webhook(self) -> None:
        with self._cond:
            if not self.webhook or (self._webhook_thread and self._webhook_thread.is_alive()):
                return
            self._webhook_thread = threading.Thread(target=self._deliver_webhook, daemon=True)
            self._webhook_thread.start()

    def _deliver_webhook(self) -> None:
        failures = 0
        while failures < 50:
            with self._cond:
                self._drop_unwanted()
                if self._closing or not self.webhook or not self._pending:
                    return
                update = self._pending[0]
                hook = dict(self.webhook)
            request = urllib.request.Request(
                hook["url"], data=json.dumps(update).encode(), headers={"Content-Type": "application/json"}
            )
            if hook.get("secret_token"):
                request.add_header("X-Telegram-Bot-Api-Secret-Token", hook["secret_token"])
            try:
                with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310 - loopback only
                    ok = 200 <= response.status < 300
            except OSError:
                ok = False
            with self._cond:
                self.deliveries[update["update_id"]] += 1
                if ok and self._pending and self._pending[0] is update:
                    self.confirmed.add(self._pending.popleft()["update_id"])
                    failures = 0
                    continue
            failures += 1
            time.sleep(0.1)


_DROPPED = object()


# What Telegram counts against a bot's budget.
SENDS = frozenset({"sendMessage", "editMessageText", "sendPhoto", "sendDocument"})


def _most_within(times: list[float], seconds: float) -> int:
    """The most events in any window `seconds` long (a window is half-open: [t, t + s))."""
    times = sorted(times)
    best, start = 0, 0
    for end, t in enumerate(times):
        while t - times[start] >= seconds:
            start += 1
        best = max(best, end - start + 1)
    return best


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client hanging up on a kept-alive connection (a bot shutting down) is normal.
        if not isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            super().handle_error(request, client_address)


def _public(message: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in message.items() if not k.startswith("_")}


def _parse_params(content_type: str, body: bytes, query: str) -> dict[str, Any]:
    params: dict[str, Any] = dict(parse_qsl(query, keep_blank_values=True))
    kind = content_type.split(";")[0].strip().lower()
    if kind == "application/json" and body:
        params.update(json.loads(body))
    elif kind == "application/x-www-form-urlencoded":
        params.update(parse_qsl(body.decode("utf-8"), keep_blank_values=True))
    elif kind == "multipart/form-data":
        message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
            b"Content-Type: " + content_type.encode() + b"\r\n\r\n" + body
        )
        for part in message.iter_parts():
            name = part.get_param("name", header="content-disposition")
            if name and not part.get_filename():
                params[name] = part.get_content() if part.get_content_maintype() == "text" else part.get_payload(decode=True)
    for key in JSON_PARAMS & params.keys():
        if isinstance(params[key], str):
            try:
                params[key] = json.loads(params[key])
            except ValueError:
                pass
    return params
