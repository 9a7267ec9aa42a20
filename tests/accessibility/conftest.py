"""The council pack for the accessibility tests: the same session run as tests/integration (report_packs)."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "integration"))

import report_packs


@pytest.fixture(scope="session")
def council(tmp_path_factory):
    out, results = report_packs.council(tmp_path_factory)
    assert [(r.report, r.status) for r in results if r.status != "ok"] == []
    return out
