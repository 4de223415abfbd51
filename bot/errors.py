"""Every failure newsbot knows, each with one line a user can act on.

    NewsbotError
    ├── ConfigError                  bad or unknown configuration
    ├── SourceError                  not a URL or a readable file
    ├── FetchError
    │   ├── BlockedAddress           the address is not one we may fetch
    │   ├── UnknownHost              DNS has no such name
    │   ├── ConnectFailed            refused or unreachable
    │   ├── FetchTimeout             the whole fetch ran past its deadline
    │   ├── HTTPStatus               4xx / 5xx answer
    │   ├── TooManyRedirects         redirect loop or chain too long
    │   ├── TooLarge                 decoded body over the byte cap
    │   └── UnsupportedContent       PDF, image, binary: not a web page
    └── ExtractError
        ├── NotAnArticle             empty, script-only, or no readable text
        └── NotAFeed                 a topic source that is not RSS or Atom

The bot and the CLI show `str(error)`; logs keep the detail in `error.detail`.
"""

from __future__ import annotations

__all__ = [
    "BlockedAddress", "ConfigError", "ConnectFailed", "ExtractError", "FetchError", "FetchTimeout",
    "HTTPStatus", "NewsbotError", "NotAFeed", "NotAnArticle", "SourceError", "TooLarge",
    "TooManyRedirects", "UnknownHost", "UnsupportedContent",
]


class NewsbotError(Exception):
    """Base class. `str(e)` is the one-line, user-facing message."""

    default_message = "Something went wrong."

    def __init__(self, message: str | None = None, *, detail: str | None = None) -> None:
        self.message = message or self.default_message
        self.detail = detail
        super().__init__(self.message)

    def __str__(self) -> str:
        return self.message

    def __reduce__(self):  # errors raised in a worker process must cross back intact
        return _rebuild, (type(self), self.__dict__)


def _rebuild(cls: type[NewsbotError], state: dict) -> NewsbotError:
    error = cls.__new__(cls)
    Exception.__init__(error, state.get("message"))
    error.__dict__.update(state)
    return error


class ConfigError(NewsbotError):
    default_message = "The configuration is not valid."


class SourceError(NewsbotError):
    default_message = "That is not a web link or a file I can read."


class FetchError(NewsbotError):
    default_message = "I could not fetch that page."


class BlockedAddress(FetchError):
    default_message = "I won't fetch that address: it points to a private or reserved network."


class UnknownHost(FetchError):
    default_message = "That website does not exist (unknown host name)."


class ConnectFailed(FetchError):
    default_message = "The website refused the connection or could not be reached."


class FetchTimeout(FetchError):
    default_message = "The website took too long to answer."


class HTTPStatus(FetchError):
    default_message = "The website answered with an error."

    def __init__(self, status: int, message: str | None = None, *, detail: str | None = None) -> None:
        self.status = status
        if message is None:
            if status == 404:
                message = "The page was not found (HTTP 404)."
            elif status in (401, 403):
                message = f"The website refused access to that page (HTTP {status})."
            elif status == 429:
                message = "The website is rate limiting us (HTTP 429); try again later."
            elif status >= 500:
                message = f"The website had an error (HTTP {status}); try again later."
            else:
                message = f"The website answered with an error (HTTP {status})."
        super().__init__(message, detail=detail)


class TooManyRedirects(FetchError):
    default_message = "The link redirects too many times."


class TooLarge(FetchError):
    default_message = "That page is too large to summarize."


class UnsupportedContent(FetchError):
    default_message = "That link is not a web page (it looks like a file, image or binary)."


class ExtractError(NewsbotError):
    default_message = "I could not read an article on that page."


class NotAnArticle(ExtractError):
    default_message = "I found no article text on that page."


class NotAFeed(ExtractError):
    default_message = "That address is not a news feed."
