"""The set-up commands in the README run quietly: `pip install -q -e .` prints nothing."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_editable_install_prints_no_build_backend_banner(tmp_path):
    # The build backend's own editable hook, as pip calls it (offline: the setuptools
    # already installed), on a copy so the project folder gets no build files.
    project = tmp_path / "newsbot"
    shutil.copytree(ROOT, project, ignore=shutil.ignore_patterns(".git", ".venv", "*.egg-info", "__pycache__", ".hypothesis", "build"))
    wheels = tmp_path / "wheels"
    wheels.mkdir()
    run = subprocess.run(
        [sys.executable, "-c", f"from setuptools import build_meta; print(build_meta.build_editable({str(wheels)!r}))"],
        cwd=project, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr[-2000:]
    assert list(wheels.glob("newsbot-*.whl"))
    assert "BuildBackendWarning" not in run.stderr and "Editable installation" not in run.stderr, run.stderr[-2000:]
