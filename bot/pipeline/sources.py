"""What the user typed → what to read: a web link, a file, or standard input."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from bot.errors import SourceError

__all__ = ["MAX_FILE_BYTES", "Source", "is_local", "resolve_source", "stdin_text"]

# A file or standard input past this is no article (a log, a dump, a disk image given by
# mistake): refused unread rather than read whole into memory. Ten times a web page's cap
# ([fetch] max_bytes): a page saved "complete", its images inline, still fits.
MAX_FILE_BYTES = 50_000_000

# A bare "example.com/news/x" is what people paste; treat it as https.
_BARE_DOMAIN = re.compile(r"^(?:[\w-]+\.)+[a-z]{2,}(?::\d+)?(?:/\S*)?$", re.IGNORECASE)
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)
_HTML_SNIFF = re.compile(rb"<(?:!doctype\s+html|html|head|body|article|p|div)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Source:
    kind: Literal["url", "html", "text"]
    value: str  # the URL, or the document's text
    name: str  # what the user gave, for messages and JSON


def resolve_source(given: str, stdin_text: str | None = None) -> Source:
    """Classify `given`; files are read here. Raises SourceError with a friendly message."""
    if given == "-":
        text = stdin_text or ""
        if not text.strip():
            raise SourceError("Standard input is empty: pipe an article in, like: newsbot summarize - < page.html")
        if what := _binary(text[:4096].encode("latin-1", "replace")):
            raise SourceError(f"Standard input is {what}, not an article.")
        kind = "html" if _HTML_SNIFF.search(text[:4096].encode("utf-8", "replace")) else "text"
        return Source(kind, text, given)
    if not given.strip():
        raise SourceError("An empty name is neither a web link nor a file.")
    path = Path(given)
    if _is_file(path):
        return _read_file(path, given)
    if _SCHEME.match(given) and not re.match(r"^[a-z]:[\\/]", given, re.IGNORECASE):
        # Any scheme goes to the fetcher, which explains why ftp: or file: is refused.
        return Source("url", given, given)
    if _BARE_DOMAIN.match(given) and not _looks_like_file_name(given):
        return Source("url", f"https://{given}", given)
    if _exists(path):
        raise SourceError(f"{given} is not a regular file.")
    raise SourceError(f"{given!r} is not a web link or a file I can find.")


def stdin_text(data: bytes) -> str:
    """Standard input's bytes as text, decoded as a file's are (BOM, the document's own
    declaration, UTF-8, detection), whatever the terminal's locale would make of them.
    Binary data keeps one character per byte, so `resolve_source` can say what it is."""
    from bot.pipeline._body import decode_text

    if _binary(data):
        return data.decode("latin-1")
    return decode_text(data, None)[0]


def is_local(given: str) -> bool:
    """Whether `given` is read here (standard input or a file), not fetched."""
    return given == "-" or _is_file(Path(given))


def _is_file(path: Path) -> bool:
    # A name no file system takes (a 5,000-character link: "File name too long") is no file.
    try:
        return path.is_file()
    except (OSError, ValueError):
        return False


def _exists(path: Path) -> bool:
    try:
        return path.exists()
    except (OSError, ValueError):
        return False


_FILE_SUFFIXES = {".txt", ".text", ".md", ".html", ".htm", ".xhtml", ".pdf", ".json", ".xml", ".csv"}


def _looks_like_file_name(given: str) -> bool:
    """`story.txt` is a missing file, not the domain story.txt."""
    return "/" not in given and Path(given).suffix.lower() in _FILE_SUFFIXES


def _read_file(path: Path, given: str) -> Source:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise SourceError(
                f"{given} is too large to be an article ({size // 1_000_000:,} MB; I read files up to"
                f" {MAX_FILE_BYTES // 1_000_000} MB)."
            )
        data = path.read_bytes()
    except OSError as exc:
        raise SourceError(f"Cannot read {given}: {exc.strerror or exc}.") from None
    if not data.strip():
        raise SourceError(f"{given} is empty.")
    if what := _binary(data):
        # Whatever its name says: "page.html" may be a PDF or a dump saved under it.
        raise SourceError(f"{given} is {what}, not an article.")
    suffix = path.suffix.lower()
    if suffix in (".html", ".htm", ".xhtml"):
        kind = "html"
    elif suffix in (".txt", ".text", ".md"):
        kind = "text"
    else:
        kind = "html" if _HTML_SNIFF.search(data[:4096]) else "text"
    # The fetcher's decoder: BOM, the document's own <meta>/XML declaration, UTF-8, detection.
    from bot.pipeline._body import decode_text

    return Source(kind, decode_text(data, None)[0], given)


def _binary(data: bytes) -> str | None:
    """What the first bytes say `data` is ("a PDF document", "a binary file"), when not text:
    the fetcher's test for a page."""
    # Imported here: the decoders' modules cost start-up time a link never needs.
    from bot.pipeline._body import SNIFF_BYTES, sniff_binary

    return sniff_binary(data[:SNIFF_BYTES])
