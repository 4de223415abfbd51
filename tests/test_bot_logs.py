"""An operator reads one clean line per event; tracebacks only where they help."""

from __future__ import annotations

import logging
import sys

import pytest
from telegram.error import NetworkError, RetryAfter

from bot.errors import HTTPStatus
from bot.telegram.logs import OneLineFormatter

# python-telegram-bot warns about its own RetryAfter while building one; not ours to fix.
pytestmark = pytest.mark.filterwarnings("ignore:.*retry_after.*:DeprecationWarning")


def record_for(exc: BaseException, message: str = "sending failed") -> logging.LogRecord:
    try:
        raise exc
    except BaseException:
        return logging.LogRecord("bot", logging.WARNING, __file__, 1, message, (), sys.exc_info())


def test_expected_failures_are_one_line():
    formatter = OneLineFormatter()
    for exc in (NetworkError("Bad Gateway"), RetryAfter(3), HTTPStatus(503)):
        line = formatter.format(record_for(exc))
        assert "\n" not in line and "Traceback" not in line
        assert line.endswith(f"sending failed ({type(exc).__name__}: {exc})")


def test_unexpected_errors_keep_their_traceback_and_debug_keeps_all():
    assert "Traceback" in OneLineFormatter().format(record_for(ZeroDivisionError("bug")))
    assert "Traceback" in OneLineFormatter(tracebacks_for_expected=True).format(record_for(NetworkError("x")))


def test_the_original_record_is_left_for_other_handlers():
    record = record_for(NetworkError("Bad Gateway"))
    OneLineFormatter().format(record)
    assert record.exc_info is not None and record.getMessage() == "sending failed"
