"""The verkenner notebook runs without a browser and exports the current view."""

from pathlib import Path

import pandas as pd
import pytest

from sdlib.report.execute import execute_notebook

pytestmark = pytest.mark.notebooks

ROOT = Path(__file__).resolve().parents[2]


def test_verkenner_runs_headless_and_exports_csv_and_png(tmp_path):
    nb = execute_notebook(ROOT / "notebooks" / "explore" / "verkenner.ipynb",
                          {"export_map": str(tmp_path), "vergelijk": "jeugdhulp_jeugdigen"})
    files = sorted(p.name for p in tmp_path.iterdir())
    assert files == ["jeugdhulp_3jaar_aandeel__jeugdhulp_jeugdigen__all.csv", "jeugdhulp_3jaar_aandeel__jeugdhulp_jeugdigen__all.png"]
    rows = pd.read_csv(tmp_path / files[0])
    share_2023 = rows[(rows["series"] == "jeugdhulp_3jaar_aandeel") & (rows["year"] == 2023) & (rows["measure"] == "realisatie")]
    assert sorted(share_2023["value"]) == [45.9, 46.1]  # both vintages: PB 2025 and Jaarstukken 2024
    assert (tmp_path / files[1]).read_bytes()[:4] == b"\x89PNG"
    text = "".join(str(o.get("data", {}).get("text/markdown", "")) for c in nb.cells for o in c.get("outputs", []))
    assert "Bron: Jaarstukken 2024" in text and "Programmabegroting 2025" in text
