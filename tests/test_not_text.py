"""Binary data with no tell-tale signature and no NUL byte (compressed or encrypted data,
a dump) is not read as an article, at the terminal or behind a link whose content type
lies; real pages in old 8-bit encodings or UTF-16 still read."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

from tests.botrig import (
    article_page,
    bot_running,
    config,  # noqa: F401 - fixture
    telegram_api,  # noqa: F401 - fixture
)
from tests.servers import Response

ROOT = Path(__file__).resolve().parents[1]


def noise(length: int = 20_000) -> bytes:
    """What a compressed or encrypted file holds, without a single NUL byte."""
    rng = random.Random(16)
    return bytes(rng.randrange(1, 256) for _ in range(length))


def summarize(*args: str, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", "summarize", *args],
        input=stdin, capture_output=True, timeout=120, cwd=ROOT, env={**os.environ},
    )


def test_binary_data_without_a_nul_byte_is_refused_at_the_terminal(tmp_path):
    data = noise()
    assert b"\x00" not in data
    for name in ("backup.dat", "saved.html", "notes.txt"):
        saved = tmp_path / name
        saved.write_bytes(data)
        run = summarize(str(saved))
        assert run.returncode == 1 and run.stdout == b"", run.stdout[:300]
        assert run.stderr.decode() == f"newsbot: {saved}: {saved} is a binary file, not an article.\n"
    piped = summarize("-", stdin=data)
    assert piped.returncode == 1 and piped.stdout == b"", piped.stdout[:300]
    assert piped.stderr.decode() == "newsbot: -: Standard input is a binary file, not an article.\n"


def test_old_encodings_and_utf16_pages_still_read(tmp_path):
    page = article_page(
        "Der Stadtrat stimmt für den Neubau der Hafenbrücke",
        [
            "Der Stadtrat hat am Dienstag den Neubau der alten Hafenbrücke beschlossen – nach zehn Jahren Streit.",
            "Die Brücke, 1931 gebaut, ist seit dem Frühjahr für Autos gesperrt; Fußgänger dürfen sie noch nutzen.",
            "„Das ist die wichtigste Entscheidung dieser Generation“, sagte Bürgermeisterin Élise Février.",
            "Die Arbeiten kosten 48 Millionen Euro, größtenteils bezahlt aus einem Zuschuss des Landes.",
            "Die Gegner wollten lieber eine neue Fähre und die Sanierung der Schulen der Stadt.",
        ],
    ).replace("utf-8", "windows-1252")
    encoded = {
        "cp1252.html": page.encode("windows-1252"),
        "utf16.html": page.replace("windows-1252", "utf-16").encode("utf-16"),  # with its BOM
        "latin1.txt": "\n\n".join(
            ["Le pont du port sera reconstruit, a voté le conseil municipal mardi après dix ans de débats."] * 5
        ).encode("latin-1"),
    }
    for name, data in encoded.items():
        saved = tmp_path / name
        saved.write_bytes(data)
        run = summarize(str(saved), "--format", "json")
        assert run.returncode == 0, (name, run.stderr)
        record = json.loads(run.stdout)
        assert record["summary"] and ("Hafenbrücke" in record["text"] or "débats" in record["text"]), name


async def test_a_link_whose_content_type_lies_about_binary_data_is_refused(telegram_api, config, article_server):
    lying = article_server.add("/story", Response(200, noise(), {"Content-Type": "text/html; charset=utf-8"}))
    async with bot_running(config):
        asked = telegram_api.private_message(lying)
        await telegram_api.wait_for(lambda: telegram_api.replies_to(asked), what="the answer")
    (reply,) = telegram_api.replies_to(asked)
    assert reply["text"] == "That link is a binary file, not a web page."
