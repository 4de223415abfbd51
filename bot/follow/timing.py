"""Time zones and when a chat's next digest is due.

A chat's time zone is an IANA name ("Europe/Berlin", kept as zoneinfo spells it) or a
fixed offset ("UTC+05:30"); none set means UTC. Due times are computed in the chat's
local time, so "daily 08:00" stays at 08:00 across daylight-saving changes, and always
from the clock's now rather than from the last due time: a bot that was down for three
hours sends one hourly digest when it is back, not three.
"""

from __future__ import annotations

import re
import zoneinfo
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from functools import lru_cache
from typing import Any

from bot.follow.models import Schedule

__all__ = ["LIVE_EVERY", "after_run", "next_due", "parse_since", "parse_zone", "zone_of"]

# "As it happens": the feeds are looked at this often (a topic search is cached for
# topics.cache_minutes anyway).
LIVE_EVERY = timedelta(minutes=15)
_AGO = re.compile(r"(\d+(?:\.\d+)?)\s*(m|min|mins|minutes?|h|hours?|d|days?|w|weeks?)", re.IGNORECASE)
_UNIT_SECONDS = {"m": 60, "h": 3600, "d": 86400, "w": 7 * 86400}
_OFFSET = re.compile(r"(?:utc|gmt)?\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?", re.IGNORECASE)


@lru_cache(maxsize=1)
def _zone_names() -> dict[str, str]:
    # Case-folded -> as spelled: people type "europe/berlin" and "Europe/berlin".
    return {name.casefold(): name for name in zoneinfo.available_timezones()}


def parse_zone(said: str) -> str | None:
    """A time zone as the store keeps it, from what someone typed; None when it is none."""
    said = said.strip()
    if said.casefold() in ("utc", "gmt", "z"):
        return "UTC"
    match = _OFFSET.fullmatch(said)
    if match:
        sign, hours, minutes = match.group(1), int(match.group(2)), int(match.group(3) or 0)
        if hours > 14 or minutes > 59 or hours == 14 and minutes:
            return None
        return "UTC" if hours == minutes == 0 else f"UTC{sign}{hours:02d}:{minutes:02d}"
    return _zone_names().get(said.replace(" ", "_").casefold())


def parse_since(said: str, now: datetime) -> datetime | None:
    """`newsbot news --since`: "2h", "30m", "3d", "1w" before `now`, or a date or time
    ("2026-12-01", "2026-12-01T08:00", UTC unless it says otherwise); None when it is
    neither."""
    said = said.strip()
    match = _AGO.fullmatch(said)
    if match:
        return now - timedelta(seconds=float(match.group(1)) * _UNIT_SECONDS[match.group(2)[0].lower()])
    try:
        when = datetime.fromisoformat(said)
    except ValueError:
        return None
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def zone_of(name: str | None) -> tzinfo:
    """The tzinfo of a stored name; UTC for none or one this machine does not know."""
    if not name or name == "UTC":
        return UTC
    match = _OFFSET.fullmatch(name)
    if match:
        sign = -1 if match.group(1) == "-" else 1
        return timezone(sign * timedelta(hours=int(match.group(2)), minutes=int(match.group(3) or 0)))
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return UTC


def next_due(schedule: Schedule, zone: tzinfo, now: datetime, run: dict[str, Any] | None = None) -> datetime | None:
    """When the next digest is due after `now` (aware), or None for no schedule. `run` is
    what the scheduler keeps between runs ("as it happens": digests sent on which day)."""
    local = now.astimezone(zone)
    if schedule.kind == "off":
        return None
    if schedule.kind == "hourly":
        top = local.replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)
        return top.astimezone(UTC)
    if schedule.kind == "live":
        if _sent_today(run, local.date()) >= schedule.cap:
            return _local(local.date() + timedelta(days=1), time(0, 0), zone)
        return (now + LIVE_EVERY).astimezone(UTC)
    hours, minutes = map(int, schedule.at.split(":"))
    due = _local(local.date(), time(hours, minutes), zone)
    if due <= now:
        due = _local(local.date() + timedelta(days=1), time(hours, minutes), zone)
    return due


def after_run(run: dict[str, Any], zone: tzinfo, now: datetime, *, sent: bool) -> dict[str, Any]:
    """What the scheduler keeps after a run at `now`: digests sent on the local day."""
    today = now.astimezone(zone).date()
    count = _sent_today(run, today) + (1 if sent else 0)
    return {"day": today.isoformat(), "sent": count}


def _sent_today(run: dict[str, Any] | None, today: date) -> int:
    if not run or run.get("day") != today.isoformat():
        return 0
    sent = run.get("sent")
    return sent if isinstance(sent, int) else 0


def _local(day: date, at: time, zone: tzinfo) -> datetime:
    # A wall time skipped by a daylight-saving change (02:30 on the spring night)
    # comes out an hour later, as zoneinfo reads it: the digest still comes that day.
    return datetime.combine(day, at, tzinfo=zone).astimezone(UTC)
