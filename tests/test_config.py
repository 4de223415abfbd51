"""A config file with a typo or a wrong type is refused at start, with the key named."""

from __future__ import annotations

import re

import pytest

from bot.cli import main
from bot.config import Config, load_config
from bot.errors import ConfigError


def write(tmp_path, text):
    path = tmp_path / "newsbot.toml"
    path.write_text(text)
    return path


def test_example_config_documents_every_key_and_loads():
    from pathlib import Path

    example = Path(__file__).resolve().parents[1] / "config.example.toml"
    config = load_config(example)
    assert isinstance(config, Config)
    text = example.read_text()
    import dataclasses

    for section in dataclasses.fields(Config):
        assert f"[{section.name}]" in text
        for key in dataclasses.fields(getattr(config, section.name)):
            assert f"{key.name} =" in text or f"# {key.name} =" in text, f"{section.name}.{key.name} undocumented"


def test_values_are_read(tmp_path):
    config = load_config(write(tmp_path, "[fetch]\ntimeout = 3\nblocked_networks = ['10.0.0.0/8']\n[summary]\nsentences = 2\n"))
    assert config.fetch.timeout == 3.0
    assert config.fetch.blocked_networks == ("10.0.0.0/8",)
    assert config.summary.sentences == 2


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ("[fetch]\ntimeot = 3\n", "Unknown config key fetch.timeot"),
        ("[fetch]\ntimeout = 'soon'\n", "fetch.timeout must be a number"),
        ("[fech]\n", "Unknown config section [fech]"),
        ("[fetch]\nblocked_networks = ['not-a-net']\n", "fetch.blocked_networks[0] is not a network"),
        ("[summary]\nsentences = 0\n", "summary.sentences must be greater than 0"),
        ("[fetch\n", "not valid TOML"),
        (
            "[telegram]\nmode = 'webhook'\nwebhook_url = 'https://bot.example.com/hook'\n",
            "telegram.secret_token is required when telegram.mode = 'webhook'",
        ),
    ],
)
def test_bad_config_is_reported_clearly(tmp_path, toml, message):
    with pytest.raises(ConfigError, match=re.escape(message)):
        load_config(write(tmp_path, toml))


def test_cli_reports_a_bad_config_in_one_line_and_exits_2(tmp_path, capsys):
    status = main(["summarize", "x.txt", "--config", str(write(tmp_path, "[fetch]\ntimeot = 3\n"))])
    err = capsys.readouterr().err
    assert status == 2
    assert err.strip().count("\n") == 0 and "fetch.timeot" in err


def test_config_path_from_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSBOT_CONFIG", str(write(tmp_path, "[summary]\nquotes = 1\n")))
    assert load_config().summary.quotes == 1





def test_errors_survive_the_trip_back_from_a_worker_process():
    import pickle

    from bot.errors import HTTPStatus, NotAnArticle

    error = pickle.loads(pickle.dumps(HTTPStatus(404, detail="GET /x")))
    assert isinstance(error, HTTPStatus) and error.status == 404 and error.detail == "GET /x"
    assert str(error) == "The page was not found (HTTP 404)."
    assert str(pickle.loads(pickle.dumps(NotAnArticle()))) == "I found no article text on that page."
