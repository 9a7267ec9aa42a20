"""Harness of the bad-input corpus (the fixture lives in conftest.py): every case runs a real command (or library call) on a throw-away copy of the project.

A case asserts four things: the exit code, a message that names the file and line/column (or the parameter),
no traceback, and that nothing changed: :func:`snapshot` hashes every file (content and mode) of the sandbox,
its ``data/`` and ``reports/`` included, and of the folder around it, so a write outside the checkout is
caught too.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"


def snapshot(folder: Path) -> dict[str, tuple[str, int]]:
    """Return {relative path: (sha256, mode)} of every file and symlink under ``folder``."""
    out = {}
    for p in sorted(Path(folder).rglob("*")):
        if "__pycache__" in p.parts or ".ipynb_checkpoints" in p.parts:
            continue
        rel = str(p.relative_to(folder))
        if p.is_symlink():
            out[rel] = ("link:" + os.readlink(p), 0)
        elif p.is_file():
            out[rel] = (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mode & 0o777)
        elif p.is_dir():
            out[rel + "/"] = ("dir", 0)
    return out


@dataclass
class Sandbox:
    """A copy of the project (data, notebooks, schedule) in ``root``, inside an otherwise empty ``outer``."""

    outer: Path
    root: Path

    def env(self, **extra) -> dict:
        env = {k: v for k, v in os.environ.items() if not k.startswith("SDLIB_")}
        env.update(SDLIB_ROOT=str(self.root), PYTHONWARNINGS="ignore", COLUMNS="200", **extra)
        return env

    def sdlib(self, *args: str, cwd: Path | None = None, timeout: float = 300, **env) -> subprocess.CompletedProcess:
        """Run ``python -m sdlib ARGS`` against the sandbox; return the completed process (text output)."""
        return subprocess.run(
            [sys.executable, "-m", "sdlib", *args],
            cwd=cwd or self.root,
            env=self.env(**env),
            capture_output=True,
            text=True,
            timeout=timeout,
        )

    def python(self, code: str, cwd: Path | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
        """Run a Python snippet against the sandbox (for the library entry points)."""
        return subprocess.run(
            [sys.executable, "-c", code],
            cwd=cwd or self.root,
            env=self.env(),
            capture_output=True,
            text=True,
            timeout=timeout,
        )

    def snapshot(self) -> dict:
        """Hash of everything around and inside the sandbox (see :func:`snapshot`)."""
        return snapshot(self.outer)


@pytest.fixture
def sandbox(tmp_path) -> Sandbox:
    """A fresh copy of data/, notebooks/reports/, reports/schedule.yml and templates, and the test notebooks."""
    outer = tmp_path / "outer"
    root = outer / "checkout"
    shutil.copytree(ROOT / "data", root / "data")
    shutil.copytree(
        ROOT / "notebooks" / "reports",
        root / "notebooks" / "reports",
        ignore=shutil.ignore_patterns(".ipynb_checkpoints"),
    )
    (root / "reports").mkdir(parents=True)
    shutil.copy(ROOT / "reports" / "schedule.yml", root / "reports" / "schedule.yml")
    if (ROOT / "reports" / "templates").is_dir():
        shutil.copytree(ROOT / "reports" / "templates", root / "reports" / "templates")
    shutil.copytree(FIXTURES / "notebooks", root / "tests" / "fixtures" / "notebooks")
    return Sandbox(outer, root)


def assert_clean_error(proc: subprocess.CompletedProcess, *, code: int, names: list[str]) -> str:
    """Assert a refused command: its exit code, every word of ``names`` in its message, and no traceback."""
    text = proc.stdout + proc.stderr
    assert proc.returncode == code, f"exit code {proc.returncode}, expected {code}\n{text}"
    assert "Traceback" not in text, text
    for name in names:
        assert name in text, f"{name!r} not in the message:\n{text}"
    return text
