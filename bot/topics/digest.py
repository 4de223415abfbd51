"""A scheduled digest: the stories of a chat's follows, as one Telegram message.

    keep(stories, include, exclude)     the stories a follow's keywords let through
    newer_than(stories, since)          only stories published after `since` (`news --since`)
    Section, fresh_sections(...)        per follow, what was not sent to the chat before
    digest_html(sections, now, lang)    one message: per follow its stories, each as /news
                                        tells it (headline, outlet and age, two sentences
                                        of the best source, the best quote and its speaker,
                                        the other outlets); what does not fit is named

Pure: the stories come from bot.topics.search (the same search as /news), what was sent
from the store, and the caller sends and remembers.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from bot.pipeline.render import TELEGRAM_LIMIT, escape, utf16_len
from bot.texts import text
from bot.topics.feeds import story_key
from bot.topics.models import Story
from bot.topics.ranking import link_words, names
from bot.topics.render import clip, story_html

__all__ = ["MAX_STORIES", "Section", "digest_html", "fresh_sections", "keep", "newer_than", "story_links", "story_text"]

# Stories in one digest at most, whatever fits: a digest is read at a glance.
MAX_STORIES = 10


@dataclass(frozen=True)
class Section:
    label: str  # the follow as the chat typed it
    stories: tuple[Story, ...]


def story_links(story: Story) -> list[str]:
    """The story's links as the store remembers them: its own and its other outlets'."""
    return list(dict.fromkeys(story_key(url) for url in (story.url, *(o.url for o in story.also))))


def story_text(story: Story) -> str:
    """What a told story says: headline, summary, quote, its outlets' headlines, link."""
    said = [story.title, *story.summary, *(q.text for q in story.quotes), *(o.title for o in story.also)]
    return " ".join([*said, link_words(story.url)])


def keep(stories: Iterable[Story], include: Sequence[str] = (), exclude: Sequence[str] = ()) -> list[Story]:
    """Stories naming every `include` word and no `exclude` word (ranking.names). The
    search leaves out excluded items before it groups them (search_news's `exclude`), so
    an opinion piece never tells a story the news reports make; this is the check on
    the told story's own words."""
    return [s for s in stories if names(story_text(s), include, exclude)]


def newer_than(stories: Iterable[Story], since: datetime) -> list[Story]:
    """Stories published after `since`; an undated story cannot be, so it is left out."""
    kept = []
    for story in stories:
        try:
            when = datetime.fromisoformat(story.published) if story.published else None
        except ValueError:
            when = None
        if when is not None and (when if when.tzinfo else when.replace(tzinfo=UTC)) > since:
            kept.append(story)
    return kept


def fresh_sections(found: Sequence[tuple[str, Sequence[Story]]], sent: set[str]) -> list[Section]:
    """Per follow (label, stories best first), the stories none of whose links is in `sent`
    and that an earlier follow did not take already; stale ones are left out (a digest is
    news, not the latest older story /news falls back to). Follows left empty go."""
    seen = set(sent)
    sections = []
    for label, stories in found:
        kept = []
        for story in stories:
            links = story_links(story)
            if story.is_stale or seen.intersection(links):
                continue
            seen.update(links)
            kept.append(story)
        if kept:
            sections.append(Section(label, tuple(kept)))
    return sections


def digest_html(
    sections: Sequence[Section], now: datetime, language: str | None = None, *, limit: int = TELEGRAM_LIMIT
) -> tuple[str, list[Story]] | None:
    """One message of Telegram HTML and the stories in it (to remember as sent); None
    when there is nothing to send. Stories past MAX_STORIES or the message's length are
    left for another run and named in a last line."""
    total = sum(len(s.stories) for s in sections)
    if not total:
        return None
    room = limit - 200  # for the last line
    blocks = [f"<b>{escape(text('digest_heading', language))}</b>"]
    size = utf16_len(blocks[0])
    shown: list[Story] = []
    for section in sections:
        # The follow's name once, above its first story.
        heading = f"<u>{escape(clip(section.label, 100))}</u>\n"
        for story in section.stories:
            block = heading + story_html(len(shown) + 1, story, now, language)
            if len(shown) == MAX_STORIES or size + utf16_len(block) + 2 > room:
                break
            blocks.append(block)
            size += utf16_len(block) + 2
            shown.append(story)
            heading = ""
    if not shown:
        return None
    if total > len(shown):
        blocks.append(text("digest_more_html", language, count=total - len(shown)))
    return "\n\n".join(blocks), shown
