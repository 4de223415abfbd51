"""What a chat follows and when it wants its digest, as typed and as stored.

    /follow climate -opinion +policy     Follow(query="climate", exclude=("opinion",), include=("policy",))
    /follow https://site/feed.rss sport  Follow(feed="https://site/feed.rss", query="sport")
    /digest daily 08:00 | hourly | live 5 | off    Schedule

Everything is a frozen dataclass that goes to the store as a JSON object and comes back
tolerantly: a value this version does not know is dropped or defaulted, never fatal.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any

from bot.links import is_web_link
from bot.topics import MAX_QUERY_CHARS, normalise_query

__all__ = [
    "DEFAULT_AT", "DEFAULT_CAP", "Follow", "Follows", "KINDS", "MAX_CAP", "MAX_WORDS", "Schedule",
    "parse_follow", "parse_schedule",
]

KINDS = ("daily", "hourly", "live", "off")
DEFAULT_AT = "08:00"
# "As it happens": at most this many digests a day unless the chat says otherwise.
DEFAULT_CAP = 5
MAX_CAP = 24
# Include and exclude words kept per follow.
MAX_WORDS = 10
_TIME = re.compile(r"(\d{1,2})(?:[:.h](\d{2}))?")
_LIVE = {"live", "now", "instant", "asap"}
_OFF = {"off", "stop", "pause", "never", "none"}


@dataclass(frozen=True)
class Follow:
    query: str = ""  # the topic searched for; for a feed, words its items must match (may be empty)
    feed: str | None = None  # an RSS or Atom URL, instead of the search feeds
    include: tuple[str, ...] = ()  # +word: a story must name each
    exclude: tuple[str, ...] = ()  # -word: a story naming any is left out

    @property
    def label(self) -> str:
        """How the chat typed it (normalised): "climate -opinion", "https://…/feed.rss sport"."""
        parts = [self.feed or "", self.query, *(f"+{w}" for w in self.include), *(f"-{w}" for w in self.exclude)]
        return " ".join(p for p in parts if p)

    @property
    def key(self) -> str:
        """Two follows with the same key are the same follow (/unfollow finds it by it)."""
        return normalise_query(self.label)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"query": self.query}
        if self.feed:
            data["feed"] = self.feed
        if self.include:
            data["include"] = list(self.include)
        if self.exclude:
            data["exclude"] = list(self.exclude)
        return data

    @classmethod
    def from_dict(cls, data: Any) -> Follow | None:
        if not isinstance(data, dict):
            return None
        query = data.get("query") if isinstance(data.get("query"), str) else ""
        feed = data.get("feed") if isinstance(data.get("feed"), str) and is_web_link(data["feed"]) else None
        follow = cls(query=query, feed=feed, include=_words(data.get("include")), exclude=_words(data.get("exclude")))
        return follow if follow.query or follow.feed else None


@dataclass(frozen=True)
class Schedule:
    kind: str = "daily"  # daily | hourly | live | off
    at: str = DEFAULT_AT  # daily: "HH:MM" in the chat's time zone
    cap: int = DEFAULT_CAP  # live: digests a day at most

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "at": self.at, "cap": self.cap}

    @classmethod
    def from_dict(cls, data: Any) -> Schedule:
        if not isinstance(data, dict):
            return cls()
        schedule = cls()
        if data.get("kind") in KINDS:
            schedule = replace(schedule, kind=data["kind"])
        if isinstance(data.get("at"), str) and (at := _clock_time(data["at"])):
            schedule = replace(schedule, at=at)
        cap = data.get("cap")
        if isinstance(cap, int) and not isinstance(cap, bool) and 1 <= cap <= MAX_CAP:
            schedule = replace(schedule, cap=cap)
        return schedule


@dataclass(frozen=True)
class Follows:
    """One chat's follows and schedule (the store's `follows` JSON object)."""

    follows: tuple[Follow, ...] = ()
    schedule: Schedule = field(default_factory=Schedule)
    asked_zone: bool = False  # told once how to set its time zone
    language: str | None = None  # of whoever last changed them: the digest speaks it

    def to_dict(self) -> dict[str, Any]:
        if not self.follows and self.schedule == Schedule() and not self.asked_zone:
            return {}
        return {
            "follows": [f.to_dict() for f in self.follows],
            "schedule": self.schedule.to_dict(),
            "asked_zone": self.asked_zone,
            "language": self.language,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Follows:
        raw = data.get("follows") if isinstance(data.get("follows"), list) else []
        follows = tuple(f for f in (Follow.from_dict(d) for d in raw) if f is not None)
        language = data.get("language") if isinstance(data.get("language"), str) else None
        return cls(follows, Schedule.from_dict(data.get("schedule")), data.get("asked_zone") is True, language)

    def find(self, said: str) -> Follow | None:
        """The follow `said` names: its number in /following, or its words."""
        said = said.strip()
        if said.isdigit() and 1 <= int(said) <= len(self.follows):
            return self.follows[int(said) - 1]
        key = normalise_query(said)
        for follow in self.follows:
            if key in (follow.key, normalise_query(follow.query), normalise_query(follow.feed or "")):
                return follow
        return None


def parse_follow(said: str) -> Follow | None:
    """What /follow's words ask for; None when they name nothing to follow."""
    words = said.split()
    feed = None
    if words and is_web_link(words[0]) and "://" in words[0]:
        feed = words.pop(0)
    include = [w[1:] for w in words if w.startswith("+") and len(w) > 1]
    exclude = [w[1:] for w in words if w.startswith("-") and len(w) > 1]
    query = " ".join(w for w in words if w[0] not in "+-")[:MAX_QUERY_CHARS]
    if not query and not feed:
        return None
    return Follow(query=query, feed=feed, include=_words(include), exclude=_words(exclude))


def parse_schedule(said: str, current: Schedule | None = None) -> Schedule | None:
    """What /digest's words ask for ("daily 08:00", "7:30", "hourly", "live 5", "off");
    None when they make no schedule."""
    words = said.casefold().replace("as it happens", "live").split()
    if not words:
        return None
    current = current or Schedule()
    head, rest = words[0], words[1:]
    if head in _OFF and not rest:
        return replace(current, kind="off")
    if head == "hourly" and not rest:
        return replace(current, kind="hourly")
    if head in _LIVE:
        if not rest:
            return replace(current, kind="live")
        if len(rest) == 1 and rest[0].isdigit() and 1 <= int(rest[0]) <= MAX_CAP:
            return replace(current, kind="live", cap=int(rest[0]))
        return None
    if head == "daily":
        if not rest:
            return replace(current, kind="daily")
        head, rest = rest[0], rest[1:]
    at = _clock_time(head)
    if at is None or rest:
        return None
    return replace(current, kind="daily", at=at)


def _clock_time(said: str) -> str | None:
    match = _TIME.fullmatch(said.strip())
    if not match:
        return None
    hours, minutes = int(match.group(1)), int(match.group(2) or 0)
    if hours > 23 or minutes > 59:
        return None
    return f"{hours:02d}:{minutes:02d}"


def _words(value: Any) -> tuple[str, ...]:
    if not isinstance(value, (list, tuple)):
        return ()
    kept = [w.casefold().strip()[:60] for w in value if isinstance(w, str) and w.strip()]
    return tuple(dict.fromkeys(kept))[:MAX_WORDS]
