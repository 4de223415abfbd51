"""Build the bot's Application and run it: long polling by default, a webhook by config.

    build_application(config) -> Application     handlers, rate limiter, timeouts, state
    running(application)                         async context: started inside, stopped after
    run_bot(config) -> int                       the `newsbot run` process; exit status

Exit statuses: 0 after a clean stop (SIGINT / SIGTERM), 2 when the token is missing or
Telegram rejects it, 1 when the Bot API cannot be reached, the store cannot be opened at
start or another process serves it (bot.telegram.owner).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import signal
import sys
from collections.abc import AsyncIterator
from typing import Any
from urllib.parse import urlsplit

from telegram import BotCommand, Update
from telegram.error import InvalidToken, NetworkError, TelegramError
from telegram.ext import Application, ApplicationBuilder, BaseRateLimiter

from bot.config import Config, require_webhook_secret
from bot.errors import ConfigError
from bot.store import StoreUnavailable
from bot.telegram.delivery import PatientRateLimiter
from bot.telegram.handlers import COMMANDS, register
from bot.telegram.journal import JournaledApplication, JournaledQueue, replay
from bot.telegram.logs import configure_logging
from bot.telegram.migration import register_migration
from bot.telegram.owner import JournalTaken
from bot.telegram.schedule import start_scheduler, stop_scheduler
from bot.telegram.state import STATE_KEY, BotState, state_of

__all__ = [
    "App", "CONNECTIONS", "MALFORMED_TOKEN", "MISSING_TOKEN", "POLL_TIMEOUT", "REJECTED_TOKEN",
    "TOKEN_SHAPE", "UPDATES", "build_application", "configured_builder", "rate_limiter", "run_bot",
    "running", "stop_on_signals",
]

log = logging.getLogger(__name__)

EXIT_OK, EXIT_UNREACHABLE, EXIT_TOKEN = 0, 1, 2

# Long-poll length for getUpdates: Telegram holds the request up to this long when idle.
POLL_TIMEOUT = 30.0
# Concurrent requests to Telegram: replies to many chats at once plus the long poll.
CONNECTIONS = 64
# What we answer; Telegram sends nothing else (reactions, member changes, channel posts).
UPDATES = [Update.MESSAGE, Update.EDITED_MESSAGE, Update.CALLBACK_QUERY, Update.INLINE_QUERY]

MISSING_TOKEN = "no Telegram bot token: set TELEGRAM_BOT_TOKEN or [telegram] token in the config file."
MALFORMED_TOKEN = "the bot token does not look like one from @BotFather (digits, a colon, then letters): check TELEGRAM_BOT_TOKEN."
REJECTED_TOKEN = "Telegram rejected the bot token (401 Unauthorized): check TELEGRAM_BOT_TOKEN or [telegram] token."

# What @BotFather hands out: "<bot id>:<secret>". Anything else would only fail later, less clearly.
TOKEN_SHAPE = re.compile(r"[0-9]+:[A-Za-z0-9_-]+")

App = Application[Any, Any, Any, Any, Any, Any]


def build_application(config: Config) -> App:
    """The bot, ready for `running()`, `run_polling()` or `run_webhook()`. With `[redis]
    url` set it is a front end: what it receives goes to the job queue
    (bot.telegram.frontend) and workers answer it (bot.telegram.worker)."""
    state = BotState(config)
    builder = configured_builder(config, state)
    if config.redis.url:
        from bot.telegram.frontend import FrontQueue

        builder = builder.update_queue(FrontQueue(config)).post_init(_front_started).post_shutdown(_front_stopped)
    else:
        builder = builder.application_class(JournaledApplication).update_queue(JournaledQueue(state))
    application = builder.build()
    application.bot_data[STATE_KEY] = state
    if not config.redis.url:
        register(application)
        register_migration(application)
    return application


def configured_builder(config: Config, state: BotState) -> ApplicationBuilder[Any, Any, Any, Any, Any, Any]:
    """What every process talking to Telegram shares: token, budget, timeouts, Bot API."""
    token = config.token
    if not token:
        raise ConfigError(MISSING_TOKEN)
    settings = config.telegram
    require_webhook_secret(settings)
    builder = (
        ApplicationBuilder()
        .token(token)
        .concurrent_updates(True)
        .rate_limiter(rate_limiter(config))
        .connection_pool_size(CONNECTIONS)
        .connect_timeout(10.0)
        .read_timeout(20.0)
        .write_timeout(20.0)
        .pool_timeout(10.0)
        .get_updates_connect_timeout(10.0)
        .get_updates_read_timeout(10.0)  # on top of the long-poll timeout
        .post_init(_started)
        .post_shutdown(_stopped)
    )
    if settings.base_url:
        builder = builder.base_url(settings.base_url)
        if settings.base_url.rstrip("/").endswith("/bot"):
            builder = builder.base_file_url(settings.base_url.rstrip("/")[: -len("/bot")] + "/file/bot")
    return builder


def rate_limiter(config: Config) -> BaseRateLimiter[Any]:
    """Telegram's budget: this process's own, or with `[redis] url` one shared by every
    process of the bot (bot.telegram.budget)."""
    if not config.redis.url:
        return PatientRateLimiter()
    import redis.asyncio as aioredis

    from bot.telegram.budget import SharedRateLimiter

    # Connects on first use; a Redis restart is retried by the client like any network error.
    return SharedRateLimiter(
        aioredis.Redis.from_url(config.redis.url, health_check_interval=10, socket_timeout=10, socket_connect_timeout=5)
    )


async def _started(application: App) -> None:
    """post_init: open the store, the fetcher and the CPU pool, start the scheduler
    (bot.telegram.schedule); publish the command list."""
    await state_of(application).open()
    start_scheduler(application)
    try:
        await application.bot.set_my_commands([BotCommand(name, text) for name, text in COMMANDS])
    except TelegramError as exc:
        # The menu is a convenience; the bot works without it.
        log.warning("setMyCommands failed: %s", exc)


async def _stopped(application: App) -> None:
    """post_shutdown: close what `_started` opened."""
    await stop_scheduler(application)
    await state_of(application).close()
    await _close_budget(application)


async def _front_started(application: App) -> None:
    """post_init of a front end: it needs the job queue, no store, fetcher or CPU pool."""
    from bot.telegram.frontend import front_queue_of

    queue = front_queue_of(application)
    assert queue is not None
    await queue.open()


async def _front_stopped(application: App) -> None:
    from bot.telegram.frontend import front_queue_of

    queue = front_queue_of(application)
    assert queue is not None
    await queue.close()
    await _close_budget(application)


async def _close_budget(application: App) -> None:
    limiter = application.bot.rate_limiter
    limiter = getattr(limiter, "inner", limiter)  # a worker's wraps the budget (bot.telegram.sent)
    if limiter is not None and hasattr(limiter, "redis"):
        await limiter.redis.aclose()


@contextlib.asynccontextmanager
async def running(application: App, *, poll_timeout: float = POLL_TIMEOUT) -> AsyncIterator[App]:
    """Serve updates (polling or webhook, as configured) for the body of the `async with`.

    The same steps, in the same order, as python-telegram-bot's run_polling(), without
    taking over the event loop or signals: tests and `run_bot` share this path.
    """
    settings = state_of(application).config.telegram
    await application.initialize()  # getMe: a rejected token fails here
    try:
        if application.post_init:
            await application.post_init(application)
        await replay(application)  # before new updates: the oldest questions first
        updater = application.updater
        assert updater is not None
        if settings.mode == "webhook":
            assert settings.webhook_url
            await updater.start_webhook(
                listen=settings.listen,
                port=settings.port,
                url_path=urlsplit(settings.webhook_url).path.lstrip("/"),
                webhook_url=settings.webhook_url,
                secret_token=settings.secret_token,
                allowed_updates=UPDATES,
                bootstrap_retries=3,
            )
        else:
            await updater.start_polling(
                timeout=poll_timeout,
                allowed_updates=UPDATES,
                bootstrap_retries=3,
                error_callback=_polling_failed,
            )
        await application.start()
        try:
            yield application
        finally:
            # First the pages in flight are given up (their updates stay in the journal),
            # then no digest run starts or goes on, then the CPU pool's workers are
            # killed: the Application's stop waits for every handler to end, and none
            # must wait on a download or a page.
            state_of(application).stopping.set()
            await stop_scheduler(application)
            cpu = state_of(application).cpu
            if cpu is not None:
                await cpu.close()
            if updater.running:
                await updater.stop()
            if application.running:
                await application.stop()
            if application.post_stop:
                await application.post_stop(application)
    finally:
        await application.shutdown()
        if application.post_shutdown:
            await application.post_shutdown(application)


def _polling_failed(error: TelegramError) -> None:
    # The updater retries with backoff; one line per failure is all the log needs.
    log.warning("getUpdates failed: %s: %s", type(error).__name__, error)


def run_bot(config: Config, *, verbose: int = 0) -> int:
    """Run until SIGINT or SIGTERM. Returns the process exit status. `verbose`: -v (DEBUG
    for the bot, libraries at WARNING) or -vv (DEBUG for everything)."""
    if not config.token:
        print(f"newsbot: {MISSING_TOKEN}", file=sys.stderr)
        return EXIT_TOKEN
    if not TOKEN_SHAPE.fullmatch(config.token):
        print(f"newsbot: {MALFORMED_TOKEN}", file=sys.stderr)
        return EXIT_TOKEN
    configure_logging("DEBUG" if verbose else None, libraries=verbose >= 2)
    try:
        return asyncio.run(_serve(config))
    except KeyboardInterrupt:
        return EXIT_OK


def stop_on_signals() -> asyncio.Event:
    """An event set by SIGINT or SIGTERM: the process then finishes its work and stops."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(signum, stop.set)
    return stop


async def _serve(config: Config) -> int:
    application = build_application(config)
    stop = stop_on_signals()
    try:
        async with running(application):
            log.info(
                "@%s is serving (%s); stop with Ctrl-C", application.bot.username, config.telegram.mode
            )
            # A signal, or another process taking the journal over (it serves from now on).
            lost = state_of(application).lost
            waiters = [asyncio.create_task(stop.wait()), asyncio.create_task(lost.wait())]
            await asyncio.wait(waiters, return_when=asyncio.FIRST_COMPLETED)
            for waiter in waiters:
                waiter.cancel()
            log.info("stopping")
        if lost.is_set():
            return EXIT_UNREACHABLE
    except JournalTaken as exc:
        print(
            f"newsbot: the store at {config.storage.path} is served by another newsbot ({exc.holder});"
            " stop that one first, or give this one a store of its own",
            file=sys.stderr,
        )
        return EXIT_UNREACHABLE
    except InvalidToken:
        print(f"newsbot: {REJECTED_TOKEN}", file=sys.stderr)
        return EXIT_TOKEN
    except NetworkError as exc:
        where = config.telegram.base_url or "api.telegram.org"
        print(f"newsbot: cannot reach the Telegram Bot API at {where}: {exc}", file=sys.stderr)
        return EXIT_UNREACHABLE
    except (OSError, StoreUnavailable) as exc:
        where = config.redis.url or config.storage.path
        print(f"newsbot: cannot open the store at {where}: {exc}", file=sys.stderr)
        return EXIT_UNREACHABLE
    return EXIT_OK
