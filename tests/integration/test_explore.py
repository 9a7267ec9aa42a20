"""The verkenner notebook runs without a browser, starts the widget from its parameters and exports the view
as Excel, CSV for Dutch Excel and PNG. The browser side (blank or doubled charts) is tests/browser."""

import os
import stat
from pathlib import Path

import pandas as pd
import pytest

from sdlib.data.errors import SdlibError
from sdlib.present import explore
from sdlib.report.execute import execute_notebook

pytestmark = pytest.mark.notebooks

ROOT = Path(__file__).resolve().parents[2]
STEM = "jeugdhulp_3jaar_aandeel__jeugdhulp_jeugdigen__all"


def _outputs(nb, mime):
    return "".join(str(o.get("data", {}).get(mime, "")) for c in nb.cells for o in c.get("outputs", []))


def test_verkenner_runs_headless_and_exports_excel_csv_and_png(tmp_path):
    nb = execute_notebook(
        ROOT / "notebooks" / "explore" / "verkenner.ipynb",
        {"export_map": str(tmp_path), "vergelijk": "jeugdhulp_jeugdigen"},
    )
    files = sorted(p.name for p in tmp_path.iterdir())
    assert files == [f"{STEM}.csv", f"{STEM}.png", f"{STEM}.xlsx"]
    mode = 0o666 & ~_umask()
    assert all(stat.S_IMODE((tmp_path / f).stat().st_mode) == mode for f in files)  # not the 0600 of a temp file

    raw = (tmp_path / f"{STEM}.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b";" in raw.splitlines()[0]
    rows = pd.read_csv(tmp_path / f"{STEM}.csv", sep=";", decimal=",", encoding="utf-8-sig")
    assert list(rows.columns[:6]) == ["reeks", "titel", "jaar", "omschrijving", "soort", "waarde"]
    share_2023 = rows[
        (rows["reeks"] == "jeugdhulp_3jaar_aandeel") & (rows["jaar"] == 2023) & (rows["soort"] == "realisatie")
    ]
    assert sorted(share_2023["waarde"]) == [45.9, 46.1]  # both vintages: PB 2025 and Jaarstukken 2024
    assert b";45,9;procent;" in raw
    assert (tmp_path / f"{STEM}.png").read_bytes()[:4] == b"\x89PNG"

    text = _outputs(nb, "text/markdown") + _outputs(nb, "text/html")
    assert "Bron: Jaarstukken 2024" in text and "Programmabegroting 2025" in text
    assert "Eenheid: procent; gewenste richting: lager is beter" in text and "Eenheid: percent" not in text
    assert str(tmp_path.resolve()) in text  # the message names the absolute folder
    assert _outputs(nb, "image/png")  # the chart of the static cell is an image of its own Figure


def test_excel_file_has_a_header_row_and_dutch_number_formats(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    xlsx = explore.export_view("jeugdhulp_3jaar_aandeel", tmp_path, compare="jeugdhulp_jeugdigen", vintage="all")[0]
    ws = openpyxl.load_workbook(xlsx)["Cijfers"]
    header = [c.value for c in ws[1]]
    assert header[:6] == ["reeks", "titel", "jaar", "omschrijving", "soort", "waarde"] and ws[1][0].font.bold
    assert ws.freeze_panes == "A2"
    col = {name: i for i, name in enumerate(header)}
    seen = {}
    for row in ws.iter_rows(min_row=2):
        seen.setdefault(row[col["reeks"]].value, (row[col["waarde"]].value, row[col["waarde"]].number_format))
        assert row[col["jaar"]].number_format == "0"  # 2023, not 2.023
        assert row[col["peildatum"]].number_format == "d-m-yyyy"
    value, fmt = seen["jeugdhulp_3jaar_aandeel"]
    assert fmt == "0.0%" and 0 < value < 1  # a real percentage: 46,0%
    assert seen["jeugdhulp_jeugdigen"][1] == "#,##0"  # 4.747
    dated = [r[col["peildatum"]].value for r in ws.iter_rows(min_row=2) if r[col["peildatum"]].value]
    assert dated and all(hasattr(d, "year") for d in dated)


def test_export_folder_and_file_names_are_confined(tmp_path, monkeypatch):
    with pytest.raises(SdlibError, match="datamap"):
        explore.export_view("jeugdhulp_jeugdigen", ROOT / "data" / "export")
    with pytest.raises(SdlibError, match="datamap"):
        explore.export_view("jeugdhulp_jeugdigen", ROOT / "data" / ".." / "data")
    with pytest.raises(Exception):  # an unknown or climbing series id writes nothing
        explore.export_view("../../etc/passwd", tmp_path)
    assert list(tmp_path.iterdir()) == []
    stem = explore._stem("a/../../b", None, "../x")
    assert "/" not in stem and ".." not in stem and stem.startswith("a_b")
    with pytest.raises(SdlibError, match="buiten de exportmap"):
        explore._confined(tmp_path.resolve(), "../x.csv")
    monkeypatch.setenv("SDLIB_ROOT", str(ROOT))
    assert explore.default_export_folder() == ROOT / "export" / "verkenner"


def test_view_uses_figures_pyplot_does_not_know():
    import matplotlib.pyplot as plt

    before = plt.get_fignums()
    fig, tabs, text = explore.view("jeugdhulp_3jaar_aandeel", compare="jeugdhulp_jeugdigen", vintage="all")
    assert plt.get_fignums() == before  # post_execute's flush_figures cannot redraw it
    assert len(fig.axes) == 2 and len(tabs) == 2
    assert "Eenheid: procent; gewenste richting: lager is beter" in text
    assert "Eenheid: aantal" in text
    assert explore.png_bytes(fig)[:4] == b"\x89PNG"


def test_widget_starts_from_the_parameters_and_shows_only_the_last_choice():
    pytest.importorskip("ipywidgets")
    panel = explore.explorer(
        theme="jeugd", series_id="jeugdhulp_jeugdigen", compare="jeugdhulp_3jaar_aandeel", vintage="pb2025"
    )
    _theme_w, series_w, compare_w, vintage_w = panel.children[:4]
    result = panel.children[-1]
    assert (series_w.value, compare_w.value, vintage_w.value) == (
        "jeugdhulp_jeugdigen",
        "jeugdhulp_3jaar_aandeel",
        "pb2025",
    )
    assert _charts(result) == ["jeugdhulp_jeugdigen", "jeugdhulp_3jaar_aandeel"]
    assert series_w.layout.width == "100%" and series_w.style.description_width
    assert "procent" in result.children[3].value and "lager is beter" in result.children[3].value
    vintage_w.value = "all"
    ids = [v for _, v in series_w.options]
    for sid in ids[:3]:
        series_w.value = sid
    compare_w.value = ""
    assert _charts(result) == [ids[2]]


def _charts(result):
    return [
        c.value.split('data-series="')[1].split('"')[0] for c in result.children if 'class="sdlib-chart"' in c.value
    ]


def _umask():
    mask = os.umask(0)
    os.umask(mask)
    return mask
