"""What a user types is understood: links, bare domains, files of any kind, stdin."""

from __future__ import annotations

import pytest

from bot.errors import SourceError
from bot.pipeline.sources import resolve_source


def test_links_and_bare_domains_become_urls():
    assert resolve_source("https://example.com/a").value == "https://example.com/a"
    assert resolve_source("www.example.com/news/1").value == "https://www.example.com/news/1"
    # Other schemes go on to the fetcher, which explains the refusal in its own words.
    assert resolve_source("ftp://example.com/x").kind == "url"


def test_files_are_read_by_extension_or_sniffed(tmp_path):
    page = tmp_path / "page.htm"
    page.write_text("<html><body><p>Hi</p></body></html>")
    notes = tmp_path / "notes.txt"
    notes.write_text("<p> is a paragraph tag, said nobody.")
    unknown = tmp_path / "download"
    unknown.write_text("<!DOCTYPE html><html><body>x</body></html>")
    assert resolve_source(str(page)).kind == "html"
    assert resolve_source(str(notes)).kind == "text"
    assert resolve_source(str(unknown)).kind == "html"


def test_latin1_file_keeps_its_accents(tmp_path):
    path = tmp_path / "fr.txt"
    path.write_bytes("Le président a déclaré que l'économie allait mieux. Très bien.".encode("latin-1"))
    assert "président" in resolve_source(str(path)).value


def test_a_saved_page_is_read_in_the_charset_it_declares(tmp_path):
    path = tmp_path / "page.html"
    html = '<html><head><meta charset="windows-1251"></head><body><p>Путин заявил</p></body></html>'
    path.write_bytes(html.encode("cp1251"))
    assert "Путин заявил" in resolve_source(str(path)).value


def test_stdin_is_sniffed():
    assert resolve_source("-", "<html><body><p>x</p></body></html>").kind == "html"
    assert resolve_source("-", "Just some pasted text.").kind == "text"


@pytest.mark.parametrize("given", ["no such thing", "missing-file.txt", "hello"])
def test_nonsense_is_refused_clearly(given):
    with pytest.raises(SourceError, match="not a web link or a file"):
        resolve_source(given)


def test_binary_files_and_folders_are_refused(tmp_path):
    blob = tmp_path / "blob.dat"
    blob.write_bytes(b"\x00\x01\x02" * 100)
    with pytest.raises(SourceError, match="binary"):
        resolve_source(str(blob))
    with pytest.raises(SourceError, match="not a regular file"):
        resolve_source(str(tmp_path))


def test_a_link_longer_than_any_file_name_is_a_link_not_a_crash():
    # 4,097+ characters: asking the file system whether it is a file raises "File name too long".
    long_link = "https://example.com/" + "a" * 5000
    assert resolve_source(long_link).kind == "url"
    assert resolve_source("example.com/" + "story/" * 800).kind == "url"
