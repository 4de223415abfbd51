"""Following topics and feeds: what a chat follows, when its digest is due, and the
stories each follow finds.

    models    Follow, Schedule, Follows; what /follow and /digest's words ask for
    timing    time zones, when the next digest is due
    collect   the stories of one follow, through the topic search of /news

The digest itself (filters, what was sent, one message) is bot.topics.digest; the chat
commands are bot.telegram.follow and the runs bot.telegram.schedule.
"""

from bot.follow.models import DEFAULT_CAP, MAX_CAP, Follow, Follows, Schedule, parse_follow, parse_schedule
from bot.follow.timing import LIVE_EVERY, after_run, next_due, parse_since, parse_zone, zone_of

__all__ = [
    "DEFAULT_CAP",
    "LIVE_EVERY",
    "MAX_CAP",
    "Follow",
    "Follows",
    "Schedule",
    "after_run",
    "next_due",
    "parse_follow",
    "parse_schedule",
    "parse_since",
    "parse_zone",
    "zone_of",
]
