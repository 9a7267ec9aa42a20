"""Unit tests run on small fixture data, never on the live data/ (whose figures tests/data checks against the
documents): every unit test sees Waterveen, the invented municipality of tests/fixtures/waterveen."""

from pathlib import Path

import pytest

WATERVEEN = Path(__file__).resolve().parents[1] / "fixtures" / "waterveen" / "data"


@pytest.fixture(autouse=True)
def fixture_data(monkeypatch):
    monkeypatch.setenv("SDLIB_DATA_DIR", str(WATERVEEN))
    return WATERVEEN
