"""Shared analysis and presentation helpers used by several notebooks."""

from pathlib import Path

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
    [
        (48.0, 45.0, "lower", False),
        (8.9, 9.3, "lower", True),
        (1146, 1100, "higher", True),
        (2790, 3500, "on_target", False),
        (3400, 3396, "on_target", True),
        (1.0, float("nan"), "higher", None),
        (1.0, 2.0, None, None),
    ],
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
    assert (
        sdlib.source_text(sdlib.load("jeugdhulp_instroom"))
        == "Bron: 2e Rapportage Sociaal Domein 2019, Tabel 1, peildatum 9-9-2019"
    )
    text = sdlib.source_text(sdlib.load("jeugdhulp_3jaar_aandeel", vintage="all"))
    assert "Jaarstukken 2024" in text and "Programmabegroting 2025" in text and "peildatum niet vermeld" in text


def test_table_renders_dutch_numbers_marks_and_source():
    from sdlib.present import tables

    flows = sdlib.load("jeugdhulp_uitstroom")
    wide, marks = tables.wide(flows, index="year")
    html = tables.table(wide, marks=marks, unit="count", source=flows).data
    assert '<td class="num">1.701*</td>' in html and "voorlopig" in html
    assert "Bron: 2e Rapportage Sociaal Domein 2019, Tabel 5, peildatum 9-9-2019" in html


def test_wide_keeps_catalog_order_of_care_types():
    from sdlib.present import tables

    wide, _ = tables.wide(sdlib.load("jeugdhulp_kosten_per_type"), index="year", columns="care_type")
    assert list(wide.columns) == [
        "jeugdhulp zonder verblijf",
        "jeugdhulp met verblijf",
        "jeugdbescherming",
        "jeugdreclassering",
    ]


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
    assert plot.source_line(line_ax) == sdlib.source_text(sdlib.load("jeugdhulp_instroom"))


def test_source_text_of_record_figures_names_the_extract_and_says_synthetic():
    frame = pd.DataFrame(
        {
            "source": ["records:extract_2024.parquet", "synthetic:x_synthetic.parquet"],
            "table": [None, None],
            "reference_date": pd.to_datetime(["2024-12-31", "2019-09-09"]),
        }
    )
    assert sdlib.source_text(frame.iloc[:1]) == "Bron: registratie-extract extract_2024.parquet, peildatum 31-12-2024"
    assert sdlib.source_text(frame.iloc[1:]) == (
        "Bron: synthetische gegevens (gegenereerd, geen echte cijfers), extract x_synthetic.parquet, peildatum 9-9-2019"
    )


def test_table_shows_secret_cells_as_a_dot():
    from sdlib.present import tables

    wide = pd.DataFrame({"jeugdigen": [1234.0, float("nan")]}, index=["Dorp", "Meerzicht"])
    html = tables.table(wide, unit="count", secret=wide.isna()).data
    assert '<td class="num">1.234</td>' in html and '<td class="num">.</td>' in html
    assert tables.SECRET_NOTE in html


def test_wide_keeps_a_column_whose_cells_are_all_secret():
    from sdlib.present import tables

    data = pd.DataFrame(
        {
            "year": [2018, 2018],
            "stroom": ["instroom", "uitstroom"],
            "value": [40.0, float("nan")],
            "provisional": [False, False],
        }
    )
    wide, _marks = tables.wide(data, index="year", columns="stroom")
    assert list(wide.columns) == ["instroom", "uitstroom"] and wide["uitstroom"].isna().all()


def test_a_bar_chart_without_hue_shows_the_provisional_legend_unclipped():
    import matplotlib

    matplotlib.use("Agg")
    from sdlib.present import plot

    ax = plot.bars(sdlib.load("jeugdhulp_uitstroom"), unit="count")  # 2019 has peildatum 9-9-2019
    legend, fig = ax.get_legend(), ax.figure
    assert [t.get_text() for t in legend.get_texts()] == ["geen volledig jaar (t/m 9-9-2019)"]
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    saved = fig.get_tightbbox(renderer)  # what bbox_inches="tight" (the notebook's inline image) keeps, in inches
    assert saved.x1 >= legend.get_window_extent(renderer).transformed(fig.dpi_scale_trans.inverted()).x1


# The notebook helpers: one setup import, wide + table in one call, small multiples, the deviation chart


REPORTS = Path(__file__).resolve().parents[2] / "notebooks" / "reports"


def test_the_notebook_setup_exports_exactly_its_names_and_applies_the_house_style():
    import matplotlib

    matplotlib.use("Agg")
    from sdlib.present import notebook

    namespace = {}
    exec("from sdlib.present.notebook import *", namespace)
    assert set(namespace) - {"__builtins__"} == set(notebook.__all__)
    assert {
        "sdlib",
        "pd",
        "plot",
        "tables",
        "sentences",
        "Markdown",
        "display",
        "fmt_number",
        "fmt_pct",
        "fmt_eur",
        "fmt_date",
        "setup",
    } <= set(notebook.__all__)
    matplotlib.rcParams["axes.titlelocation"] = "center"
    namespace["setup"]()
    assert matplotlib.rcParams["axes.titlelocation"] == "left"
    assert namespace["fmt_eur"](5565.4) == "€ 5.565"


def test_every_report_notebook_with_charts_or_tables_starts_with_the_setup():
    import json

    for path in sorted(REPORTS.glob("*.ipynb")):
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        code = [
            "".join(c["source"])
            for c in cells
            if c["cell_type"] == "code" and "parameters" not in c["metadata"].get("tags", [])
        ]
        if not any("tables." in c or "plot." in c for c in code):
            continue  # the glossary appendix shows one Markdown text
        assert code[0].startswith("from sdlib.present.notebook import *"), path.name
        assert "\nsetup()" in code[0], path.name
        assert not any("tables.wide(" in c for c in code), f"{path.name}: use tables.wide_table"


def test_wide_table_is_wide_then_table_with_marks_and_source():
    from sdlib.present import tables

    costs = sdlib.load("jeugdhulp_kosten_per_type")
    wide, marks = tables.wide(costs, index="year", columns="care_type")
    expected = tables.table(wide, marks=marks, unit="eur", index_label="jaar", caption="Kosten", source=costs).data
    html = tables.wide_table(costs, columns="care_type", unit="eur", caption="Kosten").data
    assert html == expected
    assert "€ 15.484.508*" in html and "Bron: 2e Rapportage Sociaal Domein 2019" in html  # 2019: partial year


def test_wide_table_renames_orders_and_rounds_columns():
    from sdlib.present import tables

    flows = sdlib.load_many(["jeugdhulp_instroom", "jeugdhulp_uitstroom"])
    flows["stroom"] = flows["series"].map({"jeugdhulp_instroom": "in", "jeugdhulp_uitstroom": "uit"})
    html = tables.wide_table(
        flows,
        columns="stroom",
        rename={"uit": "uitstroom"},
        order=["uitstroom", "in"],
        unit="count",
        index_label="periode",
        source="Bron: test",
    ).data
    assert '<th scope="col">periode</th><th scope="col">uitstroom</th><th scope="col">in</th>' in html
    assert "1.701*" in html
    assert "Bron: test" in html
    ratio = pd.DataFrame({"year": [2016, 2017], "value": [0.81234, 0.5], "provisional": [False, False]})
    html = tables.wide_table(ratio, rename={"value": "verhouding"}, unit="score", decimals=2, source=None).data
    assert '<td class="num">0,81</td>' in html and '<th scope="col">verhouding</th>' in html and "Bron" not in html


def test_wide_table_shows_secret_cells_as_a_dot_and_missing_rows_empty():
    from sdlib.present import tables

    data = pd.DataFrame(
        {
            "year": [2015, 2016, 2016],
            "stroom": ["jeugdigen", "jeugdigen", "instroom"],
            "value": [430.0, 480.0, float("nan")],
            "status": ["openbaar", "openbaar", "geheim"],
            "provisional": [False, False, False],
        }
    )
    html = tables.wide_table(data, columns="stroom", status="status", unit="count").data
    assert '<th scope="row">2015</th><td class="num">430</td><td class="num"></td>' in html  # no 2015 instroom
    assert '<th scope="row">2016</th><td class="num">480</td><td class="num">.</td>' in html
    assert tables.SECRET_NOTE in html


def test_small_multiples_draws_one_panel_per_series_with_targets_and_one_source_line():
    import matplotlib

    matplotlib.use("Agg")
    from sdlib.present import plot

    ids = [
        "mantelzorg_ondersteund_algemeen",
        "mantelzorg_ondersteund_eigen_omgeving",
        "mantelzorg_ondersteund_gemeente",
    ]
    data = sdlib.load_many(ids)
    fig = plot.small_multiples(data, unit="percent", ylim=(0, 100), title="Mantelzorg (%)")
    visible = [ax for ax in fig.axes if ax.get_visible()]
    assert len(visible) == len(ids) and len(fig.axes) == 2 * -(-len(ids) // 2)
    assert [ax.get_title(loc="left").replace("\n", " ") for ax in visible] == [
        sdlib.series_meta(s)["title"] for s in ids
    ]
    assert all(ax.get_ylim() == (0, 100) for ax in visible)
    assert all(any(line.get_linestyle() == "--" for line in ax.lines) for ax in visible)  # the begroting
    assert fig._suptitle.get_text() == "Mantelzorg (%)"
    from matplotlib.text import Text

    sources = [t for t in fig.findobj(Text) if t.get_text().startswith("Bron:")]
    assert len(sources) == 1 and plot.source_line(fig) == sdlib.source_text(data)
    assert list(fig.axes[0].get_xticks()) == sorted(data["year"].unique())


def test_deviation_colours_met_targets_green_and_draws_the_zero_line():
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.colors import to_rgb

    from sdlib.present import colours, plot

    data = pd.DataFrame({"title": ["a", "b", "c"], "afwijking": [-12.0, 3.5, 40.0], "gehaald": [False, True, None]})
    ax = plot.deviation(data, x="afwijking", y="title", good="gehaald", title="Afwijking")
    missed, met = to_rgb(colours.OKABE_ITO["orange"]), to_rgb(colours.OKABE_ITO["bluish green"])
    assert [tuple(p.get_facecolor()[:3]) for p in ax.patches] == [missed, met, missed]
    assert [p.get_width() for p in ax.patches] == [-12.0, 3.5, 40.0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["a", "b", "c"]  # first row at the bottom
    assert any(line.get_xdata()[0] == 0 for line in ax.lines)
    ax.figure.canvas.draw()
    assert any(t.get_text().endswith("%") for t in ax.get_xticklabels())
    assert ax.figure.get_figheight() == pytest.approx(0.32 * 3 + 1)


def test_toelichting_quotes_the_municipality_as_printed_once_per_text_and_cites_it():
    from sdlib.present import provenance
    from sdlib.present.document import toelichting_html

    provenance.reset_cited()
    markup = toelichting_html(["wmo_tevreden_kwaliteit", "wmo_past_bij_hulpvraag"], year=2024, source="js2024")
    # Jaarstukken 2024 prints one Toelichting under both Wmo indicators (seed 000, lines 374 and 399)
    assert markup.count("<blockquote") == 1
    assert "daalt door wisselingen van hulpverleners" in markup
    assert "(Jaarstukken 2024):" in markup
    assert [c.short_title for c in provenance.cited()] == ["Jaarstukken 2024"] * len(provenance.cited())
    assert provenance.cited()
    assert toelichting_html("jeugdhulp_instroom", year=2017) == ""  # the 2019 report prints no Toelichting
    provenance.reset_cited()
