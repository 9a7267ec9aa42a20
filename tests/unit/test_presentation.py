"""Shared analysis and presentation helpers used by several notebooks."""

import pandas as pd
import pytest

import sdlib
from sdlib.calc.analysis import growth_index, per_unit, share_of_total
from sdlib.calc.indicators import indicator_table, verdict
from sdlib.present.provenance import flag_provisional


def test_cost_per_youth_matches_the_documents():
    costs = sdlib.load("jeugdhulp_kosten_per_type")
    youths = sdlib.load("jeugdhulp_jeugdigen_per_type")
    out = per_unit(costs, youths, by="care_type").set_index(["care_type", "year"])
    # Tabel 7 / Tabel 6: € 23.307.274 / 4.188 jeugdigen = € 5.565
    assert sdlib.fmt_eur(out.at[("jeugdhulp zonder verblijf", 2018), "value"]) == "€ 5.565"
    assert out.at[("jeugdhulp zonder verblijf", 2019), "provisional"]


def test_growth_index_and_shares():
    costs = sdlib.load("jeugdhulp_kosten_per_type")
    idx = growth_index(costs, base_year=2015, by="care_type").set_index(["care_type", "year"])["index"]
    assert idx[("jeugdhulp zonder verblijf", 2015)] == 100
    assert round(idx[("jeugdhulp zonder verblijf", 2018)], 1) == round(23_307_274 / 15_481_766 * 100, 1)
    shares = share_of_total(costs, by="care_type")
    assert shares.groupby("year")["share_pct"].sum().round(6).eq(100).all()


@pytest.mark.parametrize(
    "real, target, direction, expected",
    [(48.0, 45.0, "lower", False), (8.9, 9.3, "lower", True), (1146, 1100, "higher", True),
     (2790, 3500, "on_target", False), (3400, 3396, "on_target", True), (1.0, float("nan"), "higher", None),
     (1.0, 2.0, None, None)],
)
def test_verdict(real, target, direction, expected):
    assert verdict(real, target, direction) is expected


def test_computed_verdicts_2024_agree_with_the_published_ones():
    table = indicator_table(2024)
    assert table["verdict_published"].notna().all()  # Jaarstukken 2024 gives 'Doel gehaald' for every indicator
    assert table["agree"].all()


def test_partial_year_is_flagged_but_a_stand_on_1_january_is_not():
    inflow = sdlib.load("jeugdhulp_instroom")
    assert flag_provisional(inflow).tolist() == [False, False, False, False, True]  # 2019: peildatum 9-9-2019
    bijstand = sdlib.load("bijstand_uitkeringen")
    assert not flag_provisional(bijstand[bijstand["year"] == 2025]).any()  # op 1 januari 2025


def test_source_text_names_document_table_and_peildatum():
    assert sdlib.source_text(sdlib.load("jeugdhulp_instroom")) == "Bron: 2e Rapportage Sociaal Domein 2019, Tabel 1, peildatum 9-9-2019"
    text = sdlib.source_text(sdlib.load("jeugdhulp_3jaar_aandeel", vintage="all"))
    assert "Jaarstukken 2024" in text and "Programmabegroting 2025" in text and "peildatum niet vermeld" in text


def test_table_renders_dutch_numbers_marks_and_source():
    from sdlib.present import tables

    flows = sdlib.load("jeugdhulp_uitstroom")
    wide, marks = tables.wide(flows, index="year")
    html = tables.table(wide, marks=marks, unit="count", source=flows).data
    assert "<td class=\"num\">1.701*</td>" in html and "voorlopig" in html
    assert "Bron: 2e Rapportage Sociaal Domein 2019, Tabel 5, peildatum 9-9-2019" in html


def test_wide_keeps_catalog_order_of_care_types():
    from sdlib.present import tables

    wide, _ = tables.wide(sdlib.load("jeugdhulp_kosten_per_type"), index="year", columns="care_type")
    assert list(wide.columns) == ["jeugdhulp zonder verblijf", "jeugdhulp met verblijf", "jeugdbescherming", "jeugdreclassering"]


def test_plot_functions_return_axes_with_dutch_ticks():
    import matplotlib

    matplotlib.use("Agg")
    from sdlib.present import plot

    plot.setup()
    costs = sdlib.load("jeugdhulp_kosten_per_type")
    ax = plot.bars(costs, x="year", hue="care_type", unit="eur")
    ax.figure.canvas.draw()
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert any(label.startswith("€ ") and "." in label for label in labels)
    line_ax = plot.line(sdlib.load("jeugdhulp_instroom"), unit="count")
    assert line_ax.get_legend() is not None  # 2019 is a partial year: the legend explains the hollow marker
    plot.add_source(line_ax, sdlib.load("jeugdhulp_instroom"))
    assert any("Bron:" in t.get_text() for t in line_ax.texts)


def test_source_text_of_record_figures_names_the_extract_and_says_synthetic():
    frame = pd.DataFrame({"source": ["records:extract_2024.parquet", "synthetic:x_synthetic.parquet"],
                          "table": [None, None], "reference_date": pd.to_datetime(["2024-12-31", "2019-09-09"])})
    assert sdlib.source_text(frame.iloc[:1]) == "Bron: registratie-extract extract_2024.parquet, peildatum 31-12-2024"
    assert sdlib.source_text(frame.iloc[1:]) == ("Bron: synthetische gegevens (gegenereerd, geen echte cijfers), "
                                                 "extract x_synthetic.parquet, peildatum 9-9-2019")


def test_table_shows_secret_cells_as_a_dot():
    from sdlib.present import tables

    wide = pd.DataFrame({"jeugdigen": [1234.0, float("nan")]}, index=["Dorp", "Meerzicht"])
    html = tables.table(wide, unit="count", secret=wide.isna()).data
    assert '<td class="num">1.234</td>' in html and '<td class="num">.</td>' in html
    assert tables.SECRET_NOTE in html


def test_wide_keeps_a_column_whose_cells_are_all_secret():
    from sdlib.present import tables

    data = pd.DataFrame({"year": [2018, 2018], "stroom": ["instroom", "uitstroom"], "value": [40.0, float("nan")],
                         "provisional": [False, False]})
    wide, marks = tables.wide(data, index="year", columns="stroom")
    assert list(wide.columns) == ["instroom", "uitstroom"] and wide["uitstroom"].isna().all()


def test_a_bar_chart_without_hue_shows_the_provisional_legend_unclipped():
    import matplotlib

    matplotlib.use("Agg")
    from sdlib.present import plot

    ax = plot.bars(sdlib.load("jeugdhulp_uitstroom"), unit="count")  # 2019 has peildatum 9-9-2019
    legend, fig = ax.get_legend(), ax.figure
    assert [t.get_text() for t in legend.get_texts()] == ["voorlopig / geen volledig jaar"]
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    saved = fig.get_tightbbox(renderer)  # what bbox_inches="tight" (the notebook's inline image) keeps, in inches
    assert saved.x1 >= legend.get_window_extent(renderer).transformed(fig.dpi_scale_trans.inverted()).x1
