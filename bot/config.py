"""Settings: one TOML file, secrets from the environment, validated at start.

Each section is a frozen dataclass; the file may set any subset of keys. Unknown
sections or keys and wrong types are reported with the key's full name, so a typo
never silently falls back to a default.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from bot.errors import ConfigError

__all__ = [
    "BROWSER_USER_AGENT", "CONFIG_ENV", "Config", "FetchSettings", "FollowSettings", "RedisSettings",
    "StorageSettings", "SummarySettings", "TOKEN_ENV", "TelegramSettings", "TopicsSettings",
    "config_from_dict", "load_config", "require_webhook_secret",
]

CONFIG_ENV = "NEWSBOT_CONFIG"
TOKEN_ENV = "TELEGRAM_BOT_TOKEN"

# A current desktop browser: some news sites answer bots with consent walls or 403s.
BROWSER_USER_AGENT = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36"
)


@dataclass(frozen=True)
class FetchSettings:
    timeout: float = 15.0  # seconds for the whole fetch, all redirects included
    connect_timeout: float = 5.0
    max_bytes: int = 5_000_000  # counted on the decoded body
    max_redirects: int = 5
    allow_private_networks: bool = False
    # CIDR list, blocked on top of the default (every non-global address), never instead.
    blocked_networks: tuple[str, ...] | None = None
    user_agent: str = BROWSER_USER_AGENT


@dataclass(frozen=True)
class SummarySettings:
    sentences: int = 4
    quotes: int = 3
    algorithm: str = "news"  # news | lexrank | textrank | lsa | luhn | lead


@dataclass(frozen=True)
class TelegramSettings:
    token: str | None = None
    mode: str = "polling"  # polling | webhook
    base_url: str | None = None  # e.g. "http://127.0.0.1:8081/bot" for a self-hosted Bot API server
    webhook_url: str | None = None
    listen: str = "127.0.0.1"
    port: int = 8443
    secret_token: str | None = None
    max_links_per_message: int = 3
    max_requests_per_user: int = 3  # requests of one user worked on at once; more wait their turn
    max_links_waiting_per_user: int = 20  # links of one user waiting or in work; past it a link is refused
    workers: int = 2  # processes for CPU work (extraction, summary, quotes)


@dataclass(frozen=True)
class StorageSettings:
    path: str = "newsbot.sqlite3"
    cache_hours: float = 24.0


@dataclass(frozen=True)
class RedisSettings:
    # "redis://host:port/db": set, every process sharing it shares the store, Telegram's
    # budget and the job queue (`newsbot run` receives, `newsbot worker` answers).
    # Unset: one process with SQLite, as always.
    url: str | None = None
    # Seconds a worker may go silent on a chat before another takes its work over.
    lease_seconds: float = 30.0
    # Seconds a worker gives one update: past it the asker is told, and the chat's next
    # update comes. A backstop: fetches and CPU work have their own, shorter deadlines.
    update_seconds: float = 120.0


@dataclass(frozen=True)
class TopicsSettings:
    search_feeds: tuple[str, ...] = (
        "https://news.google.com/rss/search?q={query}&hl=en-US&gl=US&ceid=US:en",
        "https://www.bing.com/news/search?q={query}&format=rss",
    )
    feeds: tuple[str, ...] = ()
    max_age_hours: float = 48.0
    stories: int = 3
    timeout: float = 10.0
    cache_minutes: float = 10.0


@dataclass(frozen=True)
class FollowSettings:
    """/follow and scheduled digests (bot.follow, bot.telegram.schedule)."""

    stories: int = 5  # stories per followed topic in one digest
    max_follows: int = 20  # topics and feeds one chat may follow
    check_seconds: float = 20.0  # how often the scheduler looks for digests due
    digests_per_second: float = 20.0  # scheduled digests sent at most, leaving room for answers


@dataclass(frozen=True)
class Config:
    fetch: FetchSettings = field(default_factory=FetchSettings)
    summary: SummarySettings = field(default_factory=SummarySettings)
    telegram: TelegramSettings = field(default_factory=TelegramSettings)
    storage: StorageSettings = field(default_factory=StorageSettings)
    topics: TopicsSettings = field(default_factory=TopicsSettings)
    redis: RedisSettings = field(default_factory=RedisSettings)
    follow: FollowSettings = field(default_factory=FollowSettings)

    @property
    def token(self) -> str | None:
        return os.environ.get(TOKEN_ENV) or self.telegram.token


def load_config(path: str | os.PathLike[str] | None = None) -> Config:
    """Read the TOML file at `path`, or at $NEWSBOT_CONFIG, or use the defaults."""
    if path is None:
        path = os.environ.get(CONFIG_ENV) or None
    if path is None:
        return Config()
    try:
        raw = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"Config file not found: {path}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"Cannot read config file {path}: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"Config file {path} is not valid TOML: {exc}") from None
    return config_from_dict(raw)


def config_from_dict(raw: dict[str, Any]) -> Config:
    sections = {f.name: f for f in dataclasses.fields(Config)}
    values: dict[str, Any] = {}
    for name, table in raw.items():
        if name not in sections:
            raise ConfigError(f"Unknown config section [{name}]; known: {', '.join(sections)}.")
        if not isinstance(table, dict):
            raise ConfigError(f"[{name}] must be a table.")
        cls = sections[name].default_factory()  # type: ignore[misc]
        values[name] = _build(type(cls), table, name)
    config = Config(**values)
    _check(config)
    return config


def _build(cls: type, table: dict[str, Any], section: str) -> Any:
    hints = typing.get_type_hints(cls)
    known = {f.name for f in dataclasses.fields(cls)}
    kwargs = {}
    for key, value in table.items():
        if key not in known:
            raise ConfigError(f"Unknown config key {section}.{key}; known: {', '.join(sorted(known))}.")
        kwargs[key] = _coerce(value, hints[key], f"{section}.{key}")
    return cls(**kwargs)


def _coerce(value: Any, hint: Any, name: str) -> Any:
    origin = typing.get_origin(hint)
    if origin in (types.UnionType, typing.Union):
        options = typing.get_args(hint)
        if value is None and type(None) in options:
            return None
        errors = []
        for option in options:
            if option is type(None):
                continue
            try:
                return _coerce(value, option, name)
            except ConfigError as exc:
                errors.append(str(exc))
        raise ConfigError(errors[0])
    if origin is tuple:
        (item,) = typing.get_args(hint)[:1]
        if not isinstance(value, list):
            raise ConfigError(f"{name} must be a list, not {type(value).__name__}.")
        return tuple(_coerce(v, item, f"{name}[{i}]") for i, v in enumerate(value))
    if hint is float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ConfigError(f"{name} must be a number, not {type(value).__name__}.")
        return float(value)
    if hint is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ConfigError(f"{name} must be a whole number, not {type(value).__name__}.")
        return value
    if hint is bool:
        if not isinstance(value, bool):
            raise ConfigError(f"{name} must be true or false, not {type(value).__name__}.")
        return value
    if hint is str:
        if not isinstance(value, str):
            raise ConfigError(f"{name} must be a string, not {type(value).__name__}.")
        return value
    raise ConfigError(f"{name}: unsupported type {hint!r}.")  # pragma: no cover


def _check(config: Config) -> None:
    import ipaddress

    positive = {
        "fetch.timeout": config.fetch.timeout,
        "fetch.connect_timeout": config.fetch.connect_timeout,
        "fetch.max_bytes": config.fetch.max_bytes,
        "summary.sentences": config.summary.sentences,
        "telegram.max_links_per_message": config.telegram.max_links_per_message,
        "telegram.max_requests_per_user": config.telegram.max_requests_per_user,
        "telegram.max_links_waiting_per_user": config.telegram.max_links_waiting_per_user,
        "telegram.workers": config.telegram.workers,
        "topics.stories": config.topics.stories,
        "topics.timeout": config.topics.timeout,
        "redis.lease_seconds": config.redis.lease_seconds,
        "redis.update_seconds": config.redis.update_seconds,
        "follow.stories": config.follow.stories,
        "follow.max_follows": config.follow.max_follows,
        "follow.check_seconds": config.follow.check_seconds,
        "follow.digests_per_second": config.follow.digests_per_second,
    }
    for name, value in positive.items():
        if value <= 0:
            raise ConfigError(f"{name} must be greater than 0.")
    if config.summary.quotes < 0:
        raise ConfigError("summary.quotes must be 0 or more.")
    if config.fetch.max_redirects < 0:
        raise ConfigError("fetch.max_redirects must be 0 or more.")
    for i, cidr in enumerate(config.fetch.blocked_networks or ()):
        try:
            ipaddress.ip_network(cidr, strict=False)
        except ValueError:
            raise ConfigError(f"fetch.blocked_networks[{i}] is not a network: {cidr!r}.") from None
    if config.summary.algorithm not in {"news", "lexrank", "textrank", "lsa", "luhn", "lead"}:
        raise ConfigError(
            "summary.algorithm must be one of news, lexrank, textrank, lsa, luhn, lead;"
            f" got {config.summary.algorithm!r}."
        )
    if config.telegram.mode not in {"polling", "webhook"}:
        raise ConfigError(f"telegram.mode must be 'polling' or 'webhook', not {config.telegram.mode!r}.")
    if config.telegram.mode == "webhook" and not config.telegram.webhook_url:
        raise ConfigError("telegram.webhook_url is required when telegram.mode = 'webhook'.")
    if config.redis.url is not None and urlsplit(config.redis.url).scheme not in {"redis", "rediss", "unix"}:
        raise ConfigError(f"redis.url must look like redis://host:port/db, not {config.redis.url!r}.")
    require_webhook_secret(config.telegram)
    for i, template in enumerate(config.topics.search_feeds):
        if "{query}" not in template:
            raise ConfigError(f"topics.search_feeds[{i}] must contain {{query}}.")


def require_webhook_secret(telegram: TelegramSettings) -> None:
    """A webhook without a secret takes forged updates from anyone who finds its URL
    (digests posted into groups, settings changed as a non-admin): refuse to start."""
    if telegram.mode == "webhook" and not telegram.secret_token:
        raise ConfigError(
            "telegram.secret_token is required when telegram.mode = 'webhook'"
            " (1-256 characters: letters, digits, _ and -)."
        )
