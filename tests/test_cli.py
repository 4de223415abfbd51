"""A user at a terminal: `newsbot summarize SOURCE...` against real pages on a local server."""

from __future__ import annotations

import gzip
import json
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bot.cli import main
from tests.conftest import SAMPLES
from tests.servers import PAGES, Response

ROOT = Path(__file__).resolve().parents[1]
BUNDLED_SAMPLE = ROOT / "bot" / "data" / "sample-article.txt"


def sample_path() -> Path:
    shared = SAMPLES / "sputnik-putin-kim-2023-09-13.txt"
    return shared if shared.is_file() else BUNDLED_SAMPLE


@pytest.fixture
def local_config(tmp_path):
    """Tests fetch from loopback, which the default config rightly refuses."""
    path = tmp_path / "newsbot.toml"
    path.write_text("[fetch]\nallow_private_networks = true\ntimeout = 3.0\nmax_bytes = 2000000\n")
    return str(path)


def run_json(capsys, *args: str) -> tuple[int, list[dict], str]:
    status = main(["summarize", "--format", "json", *args])
    out, err = capsys.readouterr()
    return status, [json.loads(line) for line in out.splitlines()], err


def test_the_sample_article_gives_a_clean_summary_with_putins_and_kims_quotes(capsys):
    status, (record,), _ = run_json(capsys, str(sample_path()))
    assert status == 0 and record["error"] is None
    assert record["title"] == "Russia Proud of How Its Space Industry Developing, Putin Tells Kim Jong Un"
    summary = " ".join(record["summary"])
    assert len(record["summary"]) == 4
    assert "World News" not in summary and "©" not in summary and "mediabank" not in summary
    assert "Sputnik India, 1920" not in record["text"]
    quotes = {q["text"]: q["speaker"] for q in record["quotes"]}
    putin = [t for t in quotes if "We are proud of how this industry is developing in our country" in t]
    kim = [t for t in quotes if "the very first priority for our country now is relations with Russia" in t]
    assert putin and quotes[putin[0]] == "Vladimir Putin"
    assert kim and quotes[kim[0]] == "Kim Jong Un"


def test_text_output_reads_like_a_digest(capsys):
    status = main(["summarize", str(sample_path())])
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert status == 0
    assert lines[0].startswith("Russia Proud of How Its Space Industry")
    assert "min read" in lines[1]
    assert sum(line.startswith("  • ") for line in lines) == 4
    assert any(line.startswith("  “") and line.endswith("— Vladimir Putin") for line in lines)


def test_a_real_news_page_served_over_http(article_server, local_config, capsys):
    url = article_server.add_fixture("aljazeera-helicopter")
    status, (record,), err = run_json(capsys, url, "--config", local_config)
    assert status == 0, err
    assert record["url"] == url
    assert "helicopter" in record["title"].lower()
    assert len(record["summary"]) == 4
    assert record["words"] > 200
    body = record["text"]
    assert all(sentence in body for sentence in record["summary"]), "summary sentences are verbatim"
    assert all(q["text"] in " ".join(body.split()) for q in record["quotes"]), "quotes are verbatim"


def test_several_sources_keep_their_order_and_one_failure_does_not_hide_the_others(
    article_server, local_config, capsys
):
    first = article_server.add_fixture("detroitnews-teachers")
    missing = article_server.url("/gone")
    third = article_server.add_fixture("ap-uk-tories")
    status, records, _ = run_json(capsys, first, missing, third, "--config", local_config, "--sentences", "2")
    assert status == 1
    assert [r["source"] for r in records] == [first, missing, third]
    assert records[0]["error"] is None and len(records[0]["summary"]) == 2
    assert records[1]["error"] == "The page was not found (HTTP 404)."
    assert records[2]["error"] is None and "teachers" not in records[2]["title"].lower()


def test_summary_length_and_quote_count_are_the_users_choice(article_server, local_config, capsys):
    url = article_server.add_fixture("usatoday-prison-guards")
    status, (record,), _ = run_json(capsys, url, "--config", local_config, "--sentences", "2", "--quotes", "1")
    assert status == 0
    assert len(record["summary"]) == 2
    assert len(record["quotes"]) <= 1


def test_html_from_stdin(capsys, monkeypatch):
    import io

    html = (ROOT / "tests/fixtures/pages/ap-uk-tories.html").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(html)))
    status, (record,), _ = run_json(capsys, "-")
    assert status == 0 and record["source"] == "-"
    assert record["summary"]


def slow_body(handler):
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html")
    handler.end_headers()
    for _ in range(20):
        handler.wfile.write(b"<p>")
        handler.wfile.flush()
        time.sleep(0.5)


ERRORS = {
    "not found": ("/missing", None, "The page was not found (HTTP 404)."),
    "server error": ("/boom", Response(503, b"down"), "The website had an error (HTTP 503); try again later."),
    "pdf": ("/report.pdf", Response(200, b"%PDF-1.7\n" + b"0" * 2000, {"Content-Type": "application/pdf"}), "PDF"),
    "image": ("/photo.png", Response(200, b"\x89PNG\r\n\x1a\n" + b"\0" * 500, {"Content-Type": "image/png"}), "image"),
    "binary": ("/blob", Response(200, bytes(range(256)) * 8, {"Content-Type": "application/octet-stream"}), "not a web page"),
    "empty": ("/empty", Response(200, b""), "no article"),
    "script only": ("/app", Response(200, b"<html><head><script>var a=1;</script></head><body><script>boot()</script></body></html>"), "no article"),
    "too large": ("/huge", Response(200, b"<html><body>" + b"<p>word </p>" * 400_000 + b"</body></html>"), "too large"),
    "timeout": ("/slow", slow_body, "took too long"),
}


@pytest.mark.parametrize("case", list(ERRORS))
def test_every_failure_is_one_clear_line(case, article_server, local_config, capsys):
    path, route, expected = ERRORS[case]
    if route is not None:
        article_server.add(path, route)
    status, (record,), _ = run_json(capsys, article_server.url(path), "--config", local_config)
    assert status == 1
    assert expected.lower() in record["error"].lower()
    assert "\n" not in record["error"] and "Traceback" not in record["error"]


def test_a_link_longer_than_any_file_name_is_one_failed_source_not_a_crash(article_server, local_config, capsys):
    # 4,097+ characters: asking the file system whether it is a file raises "File name
    # too long"; the run once ended there with a traceback, the other sources lost.
    long_link = article_server.url("/" + "a" * 5000)
    sample = str(sample_path())
    status, records, err = run_json(capsys, long_link, sample, "--config", local_config)
    assert status == 1
    assert [r["source"] for r in records] == [long_link, sample]
    assert "not found" in records[0]["error"].lower()
    assert records[1]["error"] is None and records[1]["summary"]
    assert "Traceback" not in err


def test_source_errors(capsys, tmp_path):
    closed_port = _closed_port()
    cases = {
        "no such thing": "not a web link or a file",
        "https://no-such-host.invalid/news": "does not exist",
        f"http://127.0.0.1:{closed_port}/": "private or reserved network",
        "ftp://example.com/file": "",
    }
    status, records, _ = run_json(capsys, *cases)
    assert status == 1
    for record, expected in zip(records, cases.values()):
        assert record["error"], record
        assert expected.lower() in record["error"].lower()


def test_connection_refused(capsys, local_config):
    status, (record,), _ = run_json(capsys, f"http://127.0.0.1:{_closed_port()}/", "--config", local_config)
    assert status == 1 and "refused" in record["error"].lower()


def test_no_traceback_reaches_the_terminal_and_usage_errors_exit_2(tmp_path):
    garbage = tmp_path / "garbage.bin"
    garbage.write_bytes(gzip.compress(b"\0" * 1000))
    run = subprocess.run(
        [sys.executable, "-m", "bot.cli", "summarize", str(garbage), "nothing-here", "https://x.invalid/"],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    assert run.returncode == 1
    assert "Traceback" not in run.stderr + run.stdout
    assert len(run.stderr.strip().splitlines()) == 3
    usage = subprocess.run([sys.executable, "-m", "bot.cli", "summarize", "--sentences", "zero"], capture_output=True, text=True, cwd=ROOT)
    assert usage.returncode == 2 and "Traceback" not in usage.stderr


def test_without_a_token_the_main_job_summarizes_the_bundled_sample(monkeypatch, capsys):
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    monkeypatch.delenv("NEWSBOT_CONFIG", raising=False)
    status = main([])
    out, err = capsys.readouterr()
    assert status == 0
    assert "No Telegram token" in err
    assert out.startswith("Russia Proud of How Its Space Industry")


def _closed_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --- issue: the CLI as a new user meets it ---------------------------------------------------


def test_html_output_escapes_only_what_telegram_requires(tmp_path, capsys):
    story = tmp_path / "story.txt"
    story.write_text(
        "The Mayor's Bridge & the Harbour <Plan>\n\n"
        "The council's vote on Tuesday ended a decade of debate over the town's old bridge & its ferry. "
        'Residents said the "new crossing" would change the harbour. The work starts in June.\n\n'
        "Engineers said the bridge's supports had cracked. The state will pay most of the cost.",
        encoding="utf-8",
    )
    assert main(["summarize", str(story), "--format", "html"]) == 0
    out = capsys.readouterr().out
    assert "&#x27;" not in out and "&quot;" not in out
    assert "council's vote" in out and '"new crossing"' in out
    assert "&amp; the Harbour &lt;Plan&gt;" in out  # what Telegram does require


def test_verbose_works_after_the_subcommand_and_keeps_library_debug_out(tmp_path):
    run = subprocess.run(
        [sys.executable, "-m", "bot.cli", "summarize", "-v", str(PAGES / "detroitnews-teachers.html")],
        capture_output=True, text=True, timeout=120, cwd=ROOT,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert "teachers" in run.stdout
    assert "DEBUG newsbot" in run.stderr or "DEBUG bot." in run.stderr  # our details
    third_party = [line for line in run.stderr.splitlines() if " DEBUG " in line and " bot." not in line and " newsbot" not in line]
    assert third_party == [], third_party[:3]


def test_version(capsys):
    from importlib.metadata import version

    with pytest.raises(SystemExit) as exit:
        main(["--version"])
    assert exit.value.code == 0
    assert capsys.readouterr().out.strip() == f"newsbot {version('newsbot')}"


def test_a_blocked_address_names_the_setting_that_lifts_the_block(capsys):
    status, (record,), err = run_json(capsys, "http://127.0.0.1:9/")
    assert status == 1
    assert "[fetch] allow_private_networks" in record["error"]
    status = main(["summarize", "http://127.0.0.1:9/"])
    assert "[fetch] allow_private_networks" in capsys.readouterr().err


def test_news_without_feeds_says_so_and_how_to_add_them(tmp_path, capsys):
    config = tmp_path / "newsbot.toml"
    config.write_text("[topics]\nsearch_feeds = []\nfeeds = []\n", encoding="utf-8")
    assert main(["news", "climate", "--config", str(config)]) == 2
    err = capsys.readouterr().err
    assert "no news feeds are configured" in err
    assert "search_feeds" in err and "[topics]" in err


BATCH_PAGES = ["detroitnews-teachers", "aljazeera-helicopter", "ap-uk-tories", "usatoday-prison-guards"]


def test_many_files_use_the_machines_cores_and_print_in_the_order_given(tmp_path):
    import os

    files = [str(PAGES / f"{name}.html") for name in BATCH_PAGES * 2]
    broken = tmp_path / "binary.dat"
    broken.write_bytes(b"\0\1\2" * 100)
    given = [*files[:3], str(broken), *files[3:]]
    run = subprocess.run(
        [sys.executable, "-m", "bot.cli", "summarize", "-v", *given, "--format", "json"],
        capture_output=True, text=True, timeout=300, cwd=ROOT,
    )  # fmt: skip
    assert run.returncode == 1  # the binary file; every other source is still printed
    records = [json.loads(line) for line in run.stdout.splitlines()]
    assert [r["source"] for r in records] == given
    assert records[3]["error"] and all(r["error"] is None for i, r in enumerate(records) if i != 3)
    # The same digests as one file at a time.
    alone = subprocess.run(
        [sys.executable, "-m", "bot.cli", "summarize", files[0], "--format", "json"],
        capture_output=True, text=True, timeout=120, cwd=ROOT,
    )  # fmt: skip
    assert json.loads(alone.stdout) == records[0]
    workers = set(re.findall(r"digested in \d+ ms by process (\d+)", run.stderr))
    if len(os.sched_getaffinity(0)) > 1:
        assert len(workers) >= 2, run.stderr[-2000:]


def test_a_progress_bar_on_a_terminal_and_none_when_piped():
    import os
    import pty

    files = [str(PAGES / f"{name}.html") for name in BATCH_PAGES]
    command = [sys.executable, "-m", "bot.cli", "summarize", *files, "--format", "json"]
    piped = subprocess.run(command, capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert piped.returncode == 0 and piped.stderr == ""

    leader, follower = pty.openpty()
    try:
        at_terminal = subprocess.run(command, stdout=subprocess.PIPE, stderr=follower, timeout=300, cwd=ROOT)
        os.close(follower)
        drawn = b""
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:
                break
            if not chunk:
                break
            drawn += chunk
    finally:
        os.close(leader)
    assert at_terminal.returncode == 0
    assert at_terminal.stdout.decode().splitlines() == piped.stdout.splitlines()  # stdout untouched
    assert f"{len(files)}/{len(files)}".encode() in drawn and "█".encode() in drawn


def test_a_thousand_sources_never_have_more_than_a_few_digests_waiting_in_memory():
    from concurrent.futures import Future

    from bot import batch

    class CountingPool:
        """Finishes each job at once, and counts how many finished digests wait unprinted."""

        _max_workers = 2

        def __init__(self) -> None:
            self.waiting = 0
            self.most = 0

        def submit(self, fn, *args):
            future: Future = Future()
            future.set_result(args[0])
            self.waiting += 1
            self.most = max(self.most, self.waiting)
            return future

    pool = CountingPool()
    printed = []
    for given, outcome in batch._in_order(pool, ((f"page-{i}.html", (f"page-{i}.html",)) for i in range(1000)), 2):
        pool.waiting -= 1
        printed.append(given)
    assert printed == [f"page-{i}.html" for i in range(1000)]
    assert pool.most <= 2 * batch.AHEAD + 1


def test_more_jobs_than_cores_runs_one_process_per_core_and_says_so():
    import os

    cores = len(os.sched_getaffinity(0))
    files = [str(PAGES / f"{name}.html") for name in BATCH_PAGES] * 2
    run = subprocess.run(
        [sys.executable, "-m", "bot.cli", "summarize", "-v", "--jobs", "40", *files, "--format", "json"],
        capture_output=True, text=True, timeout=300, cwd=ROOT,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr[-2000:]
    assert len(run.stdout.splitlines()) == len(files)
    # Forty processes would each hold a pipeline's memory for no speed on this machine.
    workers = set(re.findall(r"digested in \d+ ms by process (\d+)", run.stderr))
    assert 1 <= len(workers) <= max(cores, 1)
    assert f"newsbot: --jobs 40: newsbot may use {cores} cores here" in run.stderr
    assert "Traceback" not in run.stderr
