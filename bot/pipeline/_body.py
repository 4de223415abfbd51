"""Turning a response body into text we can trust: bounded decompression, a
content-type check that also sniffs the bytes, and charset detection.

Decompression is done here rather than by httpx so that output is produced in
small slices: a 1 MB gzip or brotli bomb that expands to gigabytes is stopped
at the byte cap having held no more than one slice beyond it.
"""

from __future__ import annotations

import codecs
import re
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Literal, Protocol

import brotli
import zstandard

from bot.errors import FetchError, TooLarge, UnsupportedContent

Kind = Literal["article", "feed"]

SLICE = 64 * 1024  # most bytes a decoder hands out per step
SNIFF_BYTES = 1024  # what browsers look at to guess a body's type
CHARSET_SCAN_BYTES = 4096

ACCEPT_ENCODING = "gzip, deflate, br, zstd"


def corrupt(detail: str) -> FetchError:
    return FetchError("The website sent a damaged page (its compression is broken).", detail=detail)


# --- content encodings ---------------------------------------------------------------


class Decoder(Protocol):
    def feed(self, data: bytes) -> Iterator[bytes]: ...

    def flush(self) -> Iterator[bytes]: ...


class _ZlibDecoder:
    """gzip (several members allowed) and deflate, zlib-wrapped or raw, as servers send it."""

    def __init__(self, gzip: bool) -> None:
        self._gzip = gzip
        self._raw_fallback = not gzip
        self._z = zlib.decompressobj(zlib.MAX_WBITS | 16 if gzip else zlib.MAX_WBITS)
        self._started = False
        self._done = False

    def feed(self, data: bytes) -> Iterator[bytes]:
        while not self._done:
            try:
                out = self._z.decompress(data, SLICE)
            except zlib.error as exc:
                if self._raw_fallback and not self._started:
                    # Some servers send raw deflate without the zlib header.
                    self._raw_fallback = False
                    self._z = zlib.decompressobj(-zlib.MAX_WBITS)
                    continue
                raise corrupt(f"zlib: {exc}") from None
            self._started = True
            if out:
                yield out
            data = self._z.unconsumed_tail
            if self._z.eof:
                rest = self._z.unused_data + data
                if not (self._gzip and rest.startswith(b"\x1f\x8b")):
                    self._done = True  # trailing bytes after the stream are ignored, as browsers do
                    return
                self._z = zlib.decompressobj(zlib.MAX_WBITS | 16)  # next gzip member
                data = rest
                continue
            # A full slice may mean zlib holds more output even with no input left.
            if not data and len(out) < SLICE:
                return

    def flush(self) -> Iterator[bytes]:
        yield from self.feed(b"")


class _BrotliDecoder:
    def __init__(self) -> None:
        self._d = brotli.Decompressor()

    def feed(self, data: bytes) -> Iterator[bytes]:
        try:
            out = self._d.process(data, output_buffer_limit=SLICE)
            if out:
                yield out
            while not self._d.can_accept_more_data():
                out = self._d.process(b"", output_buffer_limit=SLICE)
                if not out:
                    return
                yield out
        except brotli.error as exc:
            raise corrupt(f"brotli: {exc}") from None

    def flush(self) -> Iterator[bytes]:
        return iter(())


class _ZstdDecoder:
    """python-zstandard cannot cap one call's output, but its stream writer hands the
    output over in `write_size` pieces, so the sink enforces the byte cap as it goes."""

    def __init__(self, limit: int) -> None:
        self._limit = limit
        self._total = 0
        self._pending: list[bytes] = []
        self._writer = zstandard.ZstdDecompressor().stream_writer(self, write_size=SLICE, closefd=False)

    def write(self, data: bytes) -> int:
        self._total += len(data)
        if self._total > self._limit:
            raise TooLarge(detail=f"zstd output passed {self._limit} bytes")
        self._pending.append(bytes(data))
        return len(data)

    def feed(self, data: bytes) -> Iterator[bytes]:
        try:
            self._writer.write(data)
        except zstandard.ZstdError as exc:
            raise corrupt(f"zstd: {exc}") from None
        pending, self._pending = self._pending, []
        yield from pending

    def flush(self) -> Iterator[bytes]:
        return iter(())


# Servers compress once, now and then twice; a longer chain is an attack (each layer a
# nested generator: a thousand of them overflowed the stack).
MAX_ENCODINGS = 3


def decoders_for(content_encoding: str, limit: int) -> list[Decoder]:
    """Decoders in the order to apply them (the reverse of how the server encoded).
    "identity" changes nothing and is left out."""
    names = [n.strip().lower() for n in content_encoding.split(",") if n.strip()]
    names = [n for n in names if n != "identity"]
    if len(names) > MAX_ENCODINGS:
        raise UnsupportedContent(
            "The website sent the page compressed over and over, which I won't unpack.",
            detail=f"Content-Encoding with {len(names)} layers",
        )
    chain: list[Decoder] = []
    for name in reversed(names):
        if name in ("gzip", "x-gzip"):
            chain.append(_ZlibDecoder(gzip=True))
        elif name == "deflate":
            chain.append(_ZlibDecoder(gzip=False))
        elif name == "br":
            chain.append(_BrotliDecoder())
        elif name == "zstd":
            chain.append(_ZstdDecoder(limit))
        else:
            raise UnsupportedContent(
                f"The website sent the page compressed as {name!r}, which I can't read.",
                detail=f"Content-Encoding: {content_encoding}",
            )
    return chain


def decode_stream(chain: list[Decoder], data: bytes, *, final: bool = False) -> Iterator[bytes]:
    """Push `data` (and, when `final`, each decoder's leftovers) through the chain lazily."""
    stream: Iterable[bytes] = [data]
    for decoder in chain:
        stream = _through(decoder, stream, final)
    return iter(stream)


def _through(decoder: Decoder, stream: Iterable[bytes], final: bool) -> Iterator[bytes]:
    for piece in stream:
        yield from decoder.feed(piece)
    if final:
        yield from decoder.flush()


# --- content type ------------------------------------------------------------------------

ARTICLE_TYPES = frozenset({"text/html", "application/xhtml+xml", "text/plain"})
FEED_TYPES = frozenset(
    {
        "application/rss+xml",
        "application/atom+xml",
        "application/rdf+xml",
        "application/xml",
        "text/xml",
        "application/x-rss+xml",
        "application/x-atom+xml",
        "text/rss+xml",
    }
)

# Leading bytes of formats that are never a web page, whatever the server claims.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "an image"),
    (b"\xff\xd8\xff", "an image"),
    (b"GIF87a", "an image"),
    (b"GIF89a", "an image"),
    (b"II*\x00", "an image"),
    (b"MM\x00*", "an image"),
    (b"\x00\x00\x01\x00", "an image"),
    (b"PK\x03\x04", "a ZIP archive or office document"),
    (b"\x1f\x8b", "a compressed file"),
    (b"Rar!\x1a\x07", "a compressed archive"),
    (b"7z\xbc\xaf\x27\x1c", "a compressed archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an office document"),
    (b"ID3", "an audio file"),
    (b"OggS", "an audio or video file"),
    (b"fLaC", "an audio file"),
    (b"\x1a\x45\xdf\xa3", "a video"),
    (b"\x7fELF", "a program"),
    (b"%!PS", "a PostScript document"),
    (b"wOFF", "a font file"),
    (b"wOF2", "a font file"),
)

_HTML_START = re.compile(
    rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|title|meta|script|style|div|p|h1|article|iframe|table|a|br|b)[\s>/]",
    re.IGNORECASE | re.DOTALL,
)
_FEED_START = re.compile(
    rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*|<\?xml-stylesheet[^>]*>\s*|<!DOCTYPE[^>]*>\s*)*<(?:rss|feed|rdf:RDF)[\s>]",
    re.IGNORECASE | re.DOTALL,
)
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def media_type(content_type: str | None) -> str:
    """'Text/HTML; charset=UTF-8' → 'text/html'; '' when missing or malformed.
    A header sent twice arrives joined by a comma; the first type counts."""
    for candidate in (content_type or "").split(","):
        value = candidate.split(";", 1)[0].strip().lower()
        if "/" in value:
            return value
    return ""


def describe(media: str) -> str:
    """A media type as a user would name it: 'a PDF document', 'an image'…"""
    top, _, sub = media.partition("/")
    if media == "application/pdf":
        return "a PDF document"
    if top == "image":
        return "an image"
    if top == "audio":
        return "an audio file"
    if top == "video":
        return "a video"
    if top == "font":
        return "a font file"
    if any(word in sub for word in ("rss", "atom", "rdf")):
        return "a news feed (RSS/Atom)"
    if media in ("text/html", "application/xhtml+xml"):
        return "a web page"
    if media == "text/plain":
        return "a plain text document"
    if sub.endswith("json") or sub.endswith("+json"):
        return "JSON data"
    if sub in ("javascript", "ecmascript", "x-javascript"):
        return "a script"
    if media == "text/css":
        return "a style sheet"
    if any(word in sub for word in ("zip", "gzip", "tar", "rar", "7z", "compressed", "bzip")):
        return "a compressed archive"
    if any(word in sub for word in ("msword", "ms-excel", "ms-powerpoint", "officedocument", "opendocument")):
        return "an office document"
    if media == "application/octet-stream":
        return "a binary file (a download)"
    if sub.endswith("+xml") or sub == "xml":
        return "an XML document (perhaps a news feed)"
    return f"a file of type {media}"


def sniff_binary(head: bytes, charset: str | None = None) -> str | None:
    """What the first bytes say the body is, when they say it is not text."""
    for magic, what in _MAGIC:
        if head.startswith(magic):
            return what
    if head[8:12] == b"WEBP" and head.startswith(b"RIFF"):
        return "an image"
    if head[4:8] == b"ftyp":
        return "a video"
    if head.startswith(b"RIFF"):
        return "an audio or video file"
    wide = any(head.startswith(bom) for bom, name in _BOMS if name != "utf-8-sig")
    if wide or (charset or "").startswith(("utf-16", "utf-32")):
        return None
    if b"\x00" in head[:SNIFF_BYTES] or _mostly_control(head[:SNIFF_BYTES]):
        return "a binary file"
    return None


# Control bytes no text uses (all of C0 but tab, line feed, form feed, carriage return
# and escape; DEL). Text in any 8-bit or multi-byte encoding holds next to none; binary
# data (compressed, encrypted, a format without a known signature) holds one byte in ten.
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, *range(0x0E, 0x1B), *range(0x1C, 0x20), 0x7F])
_NO_CONTROL = bytes.maketrans(b"", b"")
# A head with more than this share of them is not text (random bytes: ~11%), once at
# least _MIN_CONTROL_BYTES are seen, so a stray one in a short page never counts.
_MAX_CONTROL_SHARE = 0.04
_MIN_CONTROL_BYTES = 8


def _mostly_control(head: bytes) -> bool:
    """Whether `head` holds too many control bytes to be text in any encoding (one pass
    over a bounded prefix)."""
    controls = len(head) - len(head.translate(_NO_CONTROL, _CONTROL_BYTES))
    return controls >= _MIN_CONTROL_BYTES and controls > _MAX_CONTROL_SHARE * len(head)


def looks_like_html(head: bytes) -> bool:
    return bool(_HTML_START.match(_strip_bom(head)))


def looks_like_feed(head: bytes) -> bool:
    return bool(_FEED_START.match(_strip_bom(head)))


def _strip_bom(head: bytes) -> bytes:
    return head[3:] if head.startswith(codecs.BOM_UTF8) else head


def accept_type(kind: Kind, media: str) -> bool | None:
    """Whether the declared type is what `kind` wants: True, False, or None when only
    the body can tell (missing type, or a feed served as a web page)."""
    if not media:
        return None
    if kind == "article":
        return media in ARTICLE_TYPES
    if media in FEED_TYPES or media.endswith("+xml"):
        return True
    if media in ("text/html", "text/plain"):
        return None
    return False


def refuse_type(kind: Kind, what: str, media: str) -> UnsupportedContent:
    wanted = "a web page" if kind == "article" else "a news feed"
    return UnsupportedContent(f"That link is {what}, not {wanted}.", detail=f"Content-Type: {media or 'none'}")


@dataclass(frozen=True)
class Checked:
    media: str  # the media type the body is to be read as


def check_body(kind: Kind, media: str, head: bytes, charset: str | None) -> Checked:
    """Judge the first bytes of the body against the declared type; raise UnsupportedContent."""
    binary = sniff_binary(head, charset)
    if binary is not None:
        raise refuse_type(kind, binary, media)
    verdict = accept_type(kind, media)
    if verdict is False:
        raise refuse_type(kind, describe(media), media)
    if kind == "feed":
        if verdict is None and not looks_like_feed(head):
            what = "a web page" if media == "text/html" or looks_like_html(head) else describe(media or "text/plain")
            raise refuse_type(kind, what, media)
        return Checked(media if verdict else "application/xml")
    if not media or (media == "text/plain" and looks_like_html(head)):
        # Servers without a type, or that mislabel HTML as plain text: read what it is.
        return Checked("text/html" if looks_like_html(head) else "text/plain")
    return Checked(media)


# --- charset -------------------------------------------------------------------------------

_META_CHARSET = re.compile(rb"""<meta[^>]+?charset\s*=\s*["']?\s*([-\w.:]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([-\w.:]+)["']""", re.IGNORECASE)
_CHARSET_PARAM = re.compile(r"""charset\s*=\s*["']?\s*([-\w.:]+)""", re.IGNORECASE)

# Browsers read these labels as windows-1252, and pages written for browsers rely on it.
_AS_WINDOWS_1252 = {"latin_1", "iso8859-1", "ascii", "cp1252"}

# The text encodings a page may name (Python's names for them): the WHATWG encodings
# browsers read, plus a few close relatives of theirs. Nothing else: Python also
# "decodes" punycode (quadratic: a megabyte held the event loop for a minute), idna,
# utf-7, unicode_escape and friends, which no web page is written in.
_TEXT_ENCODINGS = frozenset(
    """
    utf-8 utf-16 utf-16-le utf-16-be utf-32 utf-32-le utf-32-be
    latin_1 iso8859-1 ascii iso8859-2 iso8859-3 iso8859-4 iso8859-5 iso8859-6 iso8859-7 iso8859-8
    iso8859-9 iso8859-10 iso8859-11 iso8859-13 iso8859-14 iso8859-15 iso8859-16
    cp1250 cp1251 cp1252 cp1253 cp1254 cp1255 cp1256 cp1257 cp1258 cp874 cp866 tis-620
    koi8-r koi8-u koi8-t mac-roman mac-cyrillic mac-greek mac-latin2 mac-turkish mac-iceland
    cp437 cp850 cp852 cp855 cp857 cp1125 ptcp154 kz1048
    gbk gb2312 gb18030 big5 big5hkscs cp950 euc_jp euc_jis_2004 euc_jisx0213 shift_jis shift_jis_2004
    shift_jisx0213 cp932 iso2022_jp iso2022_jp_1 iso2022_jp_2 iso2022_jp_2004 iso2022_jp_3 iso2022_jp_ext
    euc_kr cp949 johab iso2022_kr
    """.split()
)


def codec_name(label: str | None) -> str | None:
    """Python's name for a charset label, or None if it is not a text encoding we know."""
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip().strip("\"'")).name
    except (LookupError, ValueError):
        return None
    if name not in _TEXT_ENCODINGS:
        return None
    return "cp1252" if name in _AS_WINDOWS_1252 else name


def header_charset(content_type: str | None) -> str | None:
    match = _CHARSET_PARAM.search(content_type or "")
    return codec_name(match.group(1)) if match else None


def declared_charset(head: bytes) -> str | None:
    """The charset a document declares for itself: XML declaration or <meta>."""
    head = head[:CHARSET_SCAN_BYTES]
    match = _XML_ENCODING.match(head) or _META_CHARSET.search(head)
    if not match:
        return None
    name = codec_name(match.group(1).decode("ascii", "replace"))
    # A declaration readable as ASCII cannot be in UTF-16/32; the document is mislabelled.
    if name and name.startswith(("utf-16", "utf-32")):
        return "utf-8"
    return name


def decode_text(body: bytes, content_type: str | None) -> tuple[str, str]:
    """(text, encoding): BOM, then the header's charset, then the document's own
    declaration, then UTF-8 if it decodes, then detection; never raises."""
    for bom, name in _BOMS:
        if body.startswith(bom):
            return body.decode(name, errors="replace"), name.removesuffix("-sig")
    declared = header_charset(content_type) or declared_charset(body)
    if declared == "cp1252" and not body.isascii() and _is_utf8(body):
        # A server default of ISO-8859-1 over a UTF-8 page is common; real Latin-1
        # text is practically never valid multi-byte UTF-8.
        declared = "utf-8"
    if declared is None and _is_utf8(body):
        declared = "utf-8"
    if declared is None:
        declared = _detect(body)
    return body.decode(declared, errors="replace"), declared


def _is_utf8(body: bytes) -> bool:
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _detect(body: bytes) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(body[:65536]).best()
    return (best and codec_name(best.encoding)) or "utf-8"
