"""One clean line per event on stderr.

Failures we expect (Telegram's network errors and rate limits, a website that does not
answer) are logged as one line even when a library logs them with a traceback; the
traceback is kept at debug level, where it helps. Unexpected errors keep theirs.
"""

from __future__ import annotations

import logging
import os
import sys
import warnings

from telegram.error import Conflict, InvalidToken, NetworkError, RetryAfter

from bot.errors import NewsbotError

__all__ = [
    "CHATTY_LIBRARIES", "EXPECTED", "LEVEL_ENV", "OneLineFormatter", "configure_logging", "is_expected",
]

LEVEL_ENV = "NEWSBOT_LOG_LEVEL"
EXPECTED = (NetworkError, RetryAfter, InvalidToken, Conflict, NewsbotError)


def is_expected(exc: BaseException | None) -> bool:
    return isinstance(exc, EXPECTED)


class OneLineFormatter(logging.Formatter):
    def __init__(self, *, tracebacks_for_expected: bool = False) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s: %(message)s")
        self.tracebacks_for_expected = tracebacks_for_expected

    def format(self, record: logging.LogRecord) -> str:
        exc = record.exc_info[1] if record.exc_info else None
        if exc is None or self.tracebacks_for_expected or not is_expected(exc):
            return super().format(record)
        # Copy, so other handlers still see the traceback.
        brief = logging.makeLogRecord(record.__dict__)
        brief.exc_info = None
        brief.exc_text = None
        brief.msg = f"{record.getMessage()} ({type(exc).__name__}: {exc})"
        brief.args = ()
        return super().format(brief)


# Extraction libraries log every odd page, at DEBUG line by line: kept at WARNING unless asked.
CHATTY_LIBRARIES = ("trafilatura", "htmldate", "readability", "courlan", "charset_normalizer", "httpx", "httpcore")


def configure_logging(level: str | None = None, *, libraries: bool = False) -> None:
    """Set up stderr logging for the bot process (not for tests or library use);
    `libraries`: their debug lines too."""
    name = (level or os.environ.get(LEVEL_ENV) or "INFO").upper()
    numeric = logging.getLevelName(name)
    if not isinstance(numeric, int):
        numeric = logging.INFO
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(OneLineFormatter(tracebacks_for_expected=numeric <= logging.DEBUG))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(numeric)
    # httpx logs every request at INFO, the long poll included: noise, not events.
    for name in CHATTY_LIBRARIES:
        logging.getLogger(name).setLevel(numeric if libraries else max(numeric, logging.WARNING))
    # APScheduler (the job queue) is chatty at INFO too.
    logging.getLogger("apscheduler").setLevel(max(numeric, logging.WARNING))
    # python-telegram-bot 22 warns about its own RetryAfter each time it builds one (a 429).
    warnings.filterwarnings("ignore", message=".*retry_after.*", category=DeprecationWarning)
