"""Shared fixtures: the real data folder and a tiny copy-able one for bad-input tests."""

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def mini_data(tmp_path) -> Path:
    """A fresh copy of tests/fixtures/mini_data (two valid series) to break on purpose."""
    dest = tmp_path / "data"
    shutil.copytree(FIXTURES / "mini_data", dest)
    return dest
