"""A demanding user at a terminal: odd things piped in, typed at the prompt, or given as
a name. Each gets one clear line (or the digest it should), never a traceback."""

from __future__ import annotations

import json
import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAGES = ROOT / "tests" / "fixtures" / "pages"
NEWSBOT = [sys.executable, "-m", "bot.cli", "summarize"]

FRENCH = (
    "<html><head><meta charset=\"iso-8859-1\"><title>Le pont du port sera reconstruit</title></head><body>"
    "<h1>Le pont du port sera reconstruit</h1>"
    "<p>Le conseil municipal a voté mardi la reconstruction du vieux pont du port, après dix ans de débats.</p>"
    "<p>Le pont, construit en 1931, était fermé aux voitures depuis le printemps dernier.</p>"
    "<p>« C'est la décision la plus importante de cette génération », a déclaré la maire Élise Février.</p>"
    "<p>Les travaux coûteront 48 millions d'euros, payés en grande partie par une subvention de l'État.</p>"
    "<p>Les opposants préféraient un nouveau service de ferry et la rénovation des écoles de la ville.</p>"
    "</body></html>"
)


def summarize(*args: str, stdin: bytes = b"", env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [*NEWSBOT, *args], input=stdin, capture_output=True, timeout=120, cwd=ROOT, env={**os.environ, **(env or {})}
    )


def test_a_page_piped_in_reads_as_the_same_page_saved_to_a_file(tmp_path):
    saved = tmp_path / "pont.html"
    saved.write_bytes(FRENCH.encode("latin-1"))
    from_file = summarize(str(saved), "--format", "json")
    assert from_file.returncode == 0, from_file.stderr
    expected = json.loads(from_file.stdout)
    assert "débats" in " ".join(expected["summary"])
    # A desktop's UTF-8 locale reads standard input strictly: Latin-1 bytes once ended in
    # a UnicodeDecodeError traceback. (This machine's C.UTF-8 locale lets them through,
    # mangled.) Piped in, the page is decoded as the file is, whatever the locale.
    for locale in ({"PYTHONIOENCODING": "utf-8:strict"}, {}):
        piped = summarize("-", "--format", "json", stdin=saved.read_bytes(), env=locale)
        assert b"Traceback" not in piped.stderr, piped.stderr.decode(errors="replace")
        assert piped.returncode == 0, piped.stderr
        record = json.loads(piped.stdout.decode("utf-8"))
        assert record["summary"] == expected["summary"] and record["title"] == expected["title"]


def test_binary_data_piped_in_is_refused_as_a_binary_file_is(tmp_path):
    pdf = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n" + bytes(range(256)) * 8
    noise = bytes((i * 7919 + 13) % 256 for i in range(3000))
    saved = tmp_path / "report.pdf"
    saved.write_bytes(pdf)
    as_file = summarize(str(saved))
    assert as_file.returncode == 1 and as_file.stderr.decode() == f"newsbot: {saved}: {saved} is a PDF document, not an article.\n"
    for data, what in ((pdf, "a PDF document"), (noise, "a binary file")):
        piped = summarize("-", stdin=data)
        assert piped.returncode == 1 and piped.stdout == b"", piped.stdout[:300]  # no digest of the noise
        assert piped.stderr.decode() == f"newsbot: -: Standard input is {what}, not an article.\n"


def test_an_empty_name_is_one_clear_line():
    run = summarize("")
    assert run.returncode == 1
    assert run.stderr.decode() == "newsbot: '': An empty name is neither a web link nor a file.\n"


class Terminal:
    """The command on a pseudo-terminal, as a person at a shell runs it: stdin, stdout and
    stderr all on the one screen."""

    def __init__(self, *args: str) -> None:
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child: the command itself
            os.chdir(ROOT)
            os.execv(sys.executable, [*NEWSBOT, *args])
        self.screen = b""

    def read_until(self, predicate, timeout: float = 120.0) -> bytes:
        deadline = time.monotonic() + timeout
        while not predicate(self.screen):
            if time.monotonic() > deadline:
                raise AssertionError(f"gave up waiting; the screen: {self.screen[-2000:]!r}")
            if select.select([self.fd], [], [], 0.1)[0]:
                try:
                    chunk = os.read(self.fd, 65536)
                except OSError:  # the command ended and closed the terminal
                    chunk = b""
                if not chunk:
                    break
                self.screen += chunk
        return self.screen

    def type(self, data: bytes) -> None:
        os.write(self.fd, data)

    def wait(self) -> int:
        self.read_until(lambda _: False)
        os.close(self.fd)
        return os.waitstatus_to_exitcode(os.waitpid(self.pid, 0)[1])


def seen(screen: bytes) -> list[str]:
    """The screen's lines as a person sees them: a carriage return goes back to the line's
    start and what follows overwrites it; ESC[K wipes the rest of the line."""
    lines = []
    for raw in screen.decode("utf-8", "replace").replace("\r\n", "\n").split("\n"):
        line, at = "", 0
        for part in raw.split("\r"):
            pieces = part.split("\x1b[K")
            for n, piece in enumerate(pieces):
                line = line[:at] + piece + line[at + len(piece):]
                at += len(piece)
                if n < len(pieces) - 1:
                    line = line[:at]
            at = 0
        lines.append(line)
    return lines


def test_on_the_terminal_the_progress_bar_never_runs_into_the_digests():
    files = [str(PAGES / f"{name}.html") for name in ("ap-uk-tories", "aljazeera-helicopter", "detroitnews-teachers")]
    terminal = Terminal(*files, "--format", "json")
    status = terminal.wait()
    assert status == 0
    lines = [line for line in seen(terminal.screen) if line.strip()]
    # Three whole JSON lines and nothing else left on the screen: the bar was wiped first.
    assert len(lines) == 3 and all(line.startswith('{"source"') for line in lines), lines
    assert [json.loads(line)["source"] for line in lines] == files
    assert "█".encode() in terminal.screen, "the bar was drawn meanwhile"


def test_a_dash_with_nothing_piped_says_it_waits_for_the_article_at_the_terminal():
    terminal = Terminal("-")
    screen = terminal.read_until(lambda s: b"Ctrl-D" in s, timeout=30)
    assert b"Paste the article" in screen
    article = (ROOT / "bot" / "data" / "sample-article.txt").read_bytes()
    for start in range(0, len(article), 512):  # a terminal takes a long paste in pieces
        terminal.type(article[start : start + 512])
        time.sleep(0.01)
    terminal.type(b"\n\x04")
    assert terminal.wait() == 0
    shown = terminal.screen.decode("utf-8", "replace")
    assert "min read" in shown and "” — Vladimir Putin" in shown  # the digest, not the echo of the paste


def test_a_huge_file_is_refused_unread_with_its_size(tmp_path):
    huge = tmp_path / "server.log"
    line = b"2026-12-04 10:00:00 INFO the harbour bridge council said the vote would come next week.\n"
    with huge.open("wb") as out:
        out.write(line * 1000)
        out.truncate(60_000_000)  # the rest a hole: no test should fill the disk
    run = summarize(str(huge))
    assert run.returncode == 1
    assert run.stderr.decode() == f"newsbot: {huge}: {huge} is too large to be an article (60 MB; I read files up to 50 MB).\n"


def test_news_with_a_feed_down_says_so_in_one_plain_line_each(tmp_path):
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        closed = s.getsockname()[1]
    config = tmp_path / "newsbot.toml"
    config.write_text(
        f'[fetch]\nallow_private_networks = true\n[topics]\nsearch_feeds = ["http://127.0.0.1:{closed}/rss?q={{query}}"]\nfeeds = []\n',
        encoding="utf-8",
    )
    run = subprocess.run(
        [sys.executable, "-m", "bot.cli", "news", "climate", "--config", str(config)],
        capture_output=True, text=True, timeout=120, cwd=ROOT,
    )  # fmt: skip
    assert run.returncode == 1
    lines = run.stderr.splitlines()
    # The user's lines, as every other failure: no log timestamps or logger names (-v has those).
    assert all(line.startswith("newsbot: ") for line in lines), lines
    assert any(f"127.0.0.1:{closed}" in line and "refused" in line for line in lines), lines
    assert lines[-1] == "newsbot: I could not reach any news source just now; try again in a minute."


def test_output_piped_into_head_stops_quietly_when_head_has_enough():
    files = [str(PAGES / f"{name}.html") for name in ("ap-uk-tories", "aljazeera-helicopter", "detroitnews-teachers")]
    for fmt in ("json", "text"):
        reader = subprocess.Popen(
            [*NEWSBOT, *files * 2, "--format", fmt], stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT
        )  # `newsbot summarize … | head -1`
        assert reader.stdout is not None and reader.stderr is not None
        reader.stdout.readline()
        reader.stdout.close()  # head has its line and is gone
        errors = reader.stderr.read().decode()
        status = reader.wait(timeout=120)
        assert errors == "", errors  # once: a BrokenPipeError traceback
        assert status == 141  # 128 + SIGPIPE, what a shell shows for any tool cut off this way


def test_output_to_a_full_disk_is_one_clear_line():
    with open("/dev/full", "wb") as full:  # every write fails: No space left on device
        run = subprocess.run([*NEWSBOT, str(PAGES / "ap-uk-tories.html")], stdout=full, stderr=subprocess.PIPE, timeout=120, cwd=ROOT)
    assert run.returncode == 1
    assert run.stderr.decode() == "newsbot: No space left on device.\n"


def test_an_empty_file_or_nothing_piped_in_is_called_empty(tmp_path):
    empty = tmp_path / "notes.txt"
    empty.write_text("\n  \n")
    run = summarize(str(empty), "-")
    assert run.returncode == 1
    assert run.stderr.decode().splitlines() == [
        f"newsbot: {empty}: {empty} is empty.",
        "newsbot: -: Standard input is empty: pipe an article in, like: newsbot summarize - < page.html",
    ]
