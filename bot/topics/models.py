"""What a topic search finds: stories, each told by one outlet and seen at others."""

from __future__ import annotations

from dataclasses import dataclass

from bot.models import Quote

__all__ = ["NewsSearch", "Outlet", "Story"]


@dataclass(frozen=True)
class Outlet:
    site: str
    url: str
    title: str


@dataclass(frozen=True)
class Story:
    title: str
    url: str
    site: str | None = None
    published: str | None = None  # ISO 8601 datetime, UTC
    summary: tuple[str, ...] = ()
    quotes: tuple[Quote, ...] = ()
    also: tuple[Outlet, ...] = ()  # other outlets with the same story
    is_stale: bool = False  # older than topics.max_age_hours: nothing fresher was found


@dataclass(frozen=True)
class NewsSearch:
    stories: list[Story]
    feeds: int  # feeds asked
    failed: int  # feeds that failed or ran out of time

    @property
    def sources_failed(self) -> bool:
        return self.feeds > 0 and self.failed == self.feeds
