"""The chart rules of the house style (issue 12), seen where a test can see them."""

import matplotlib

matplotlib.use("Agg")

import itertools

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.colors import to_hex

import sdlib
from sdlib.present import colours, plot, tables
from sdlib.present.plot.labels import _segment_hits as segment_hits
from sdlib.present.plot.theme import _figure as figure_of
from sdlib.present.sentences import partial_years


@pytest.fixture(autouse=True)
def house_style():
    plot.setup()
    yield
    plt.close("all")


def flows():
    names = {"jeugdhulp_instroom": "instroom", "jeugdhulp_doorstroom": "doorstroom", "jeugdhulp_uitstroom": "uitstroom"}
    data = sdlib.load_many(list(names))
    data["stroom"] = data["series"].map(names)
    return data


def placed_labels(ax):
    ax.figure.canvas.draw()
    return list(plot.label_layer(ax).placed)


def boxes(texts, renderer):
    return [t.get_window_extent(renderer) for t in texts]


# --- incomplete years --------------------------------------------------------------------------------------


def test_a_partial_year_is_not_connected_to_the_line_and_its_tick_says_so():
    inflow = sdlib.load("jeugdhulp_instroom")
    ax = plot.line(inflow, unit="count")
    solid = [ln for ln in ax.lines if ln.get_linestyle() == "-" and len(ln.get_xdata())]
    assert len(solid) == 1 and 2019 not in list(solid[0].get_xdata())  # the line stops at 2018
    apart = [ln for ln in ax.lines if ln.get_linestyle() == "None" and list(ln.get_xdata()) == [2019]]
    assert apart and apart[0].get_markerfacecolor() == "white"  # a hollow marker, apart
    ax.figure.canvas.draw()
    assert [t.get_text() for t in ax.get_xticklabels()][-1] == "2019\n(t/m 9-9)"
    assert "geen volledig jaar (t/m 9-9-2019)" in [t.get_text() for t in ax.get_legend().get_texts()]


def test_the_growth_index_leaves_the_partial_year_out_and_says_so():
    costs = sdlib.load("jeugdhulp_kosten_per_type")
    ax = plot.index_line(costs, base=2015, hue="care_type")
    xs = {x for ln in ax.lines for x in ln.get_xdata() if x == x}
    assert 2019 not in xs and {2015, 2018} <= xs
    lowest = min(y for ln in ax.lines for y in ln.get_ydata() if y == y)
    assert lowest > 40  # 2016 jeugdbescherming (42), not the 38-58 of the partial 2019
    legend = [t.get_text().replace("\n", " ") for t in ax.get_legend().get_texts()]
    assert "2019 weggelaten: geen volledig jaar (t/m 9-9-2019)" in legend
    with pytest.raises(ValueError, match="base year 2019"):
        plot.index_line(costs, base=2019, hue="care_type")


def test_the_trend_uses_whole_years_only():
    inflow = sdlib.load("jeugdhulp_instroom")
    inflow = inflow[inflow["year"] > 2015]
    ax = plot.trend_line(inflow)
    trend = ax.lines[-1]
    whole = inflow[~partial_years(inflow)]
    slope = np.polyfit(whole["year"], whole["value"], 1)[0]
    xs, ys = trend.get_xdata(), trend.get_ydata()
    assert list(xs) == [2016, 2018] and (ys[1] - ys[0]) / 2 == pytest.approx(slope)


# --- real time axis ---------------------------------------------------------------------------------------


def test_years_stand_on_a_numeric_axis_with_their_gaps():
    ages = sdlib.load("jeugdhulp_leeftijd_instroom")
    real = ages[ages["measure"] == "realisatie"]
    ax = plot.bars(real, unit="years")
    centres = sorted(p.get_x() + p.get_width() / 2 for p in ax.patches)
    assert centres[-2] - centres[-3] == pytest.approx(4)  # 2019 -> 2023: four years apart, not adjacent
    assert centres[1] - centres[0] == pytest.approx(1)
    ax = plot.line(real, unit="years")
    data_line = next(ln for ln in ax.lines if ln.get_linestyle() == "-")
    xs = list(data_line.get_xdata())
    assert any(x != x for x in xs)  # the line breaks between 2018 and 2023 instead of suggesting the years between


def test_month_figures_stand_on_a_date_axis_also_from_a_label_column():
    import matplotlib.dates as mdates

    bijstand = sdlib.load("bijstand_uitkeringen")
    pw = bijstand[bijstand["scheme"] == "Participatiewet"].copy()
    pw["moment"] = [f"{m}-{y}" for y, m in zip(pw["year"], pw["month"])]  # what a notebook makes of it
    for x in ("year", "moment"):
        ax = plot.bars(pw, x=x, unit="count")
        centres = sorted(mdates.num2date(p.get_x() + p.get_width() / 2).date() for p in ax.patches)
        days = [(b - a).days for a, b in itertools.pairwise(centres)]
        assert days[2] < 35 and days[3] > 4 * 360  # jul -> aug 2019 close together; aug 2019 -> jan 2024 far apart
        ax.figure.canvas.draw()
        assert "2021" in [t.get_text() for t in ax.get_xticklabels()]  # years without data stay on the axis


# --- value labels -----------------------------------------------------------------------------------------


def _segments(ax):
    out = []
    for ln in ax.lines:
        xy = np.asarray(ln.get_xydata(), dtype=float)
        if ln.get_linestyle() in ("None", "none") or len(xy) < 2:
            continue
        pts = ln.get_transform().transform(xy)
        out += [(pts[i], pts[i + 1]) for i in range(len(pts) - 1) if np.isfinite(pts[i : i + 2]).all()]
    return out


def test_value_labels_of_two_close_lines_never_overlap_each_other_or_a_line():
    data = flows()
    data = data[data["stroom"] != "doorstroom"]
    values = data.set_index(["stroom", "year"])["value"]
    assert values[("instroom", 2017)] == 1339 and values[("uitstroom", 2017)] == 1304  # close together
    ax = plot.line(data, hue="stroom", unit="count")
    plot.target_line(pd.DataFrame({"year": [2016, 2018], "value": [1320.0, 1320.0]}), ax=ax)  # through them
    texts = placed_labels(ax)
    renderer = ax.figure.canvas.get_renderer()
    bbs = boxes(texts, renderer)
    assert len(texts) >= 4  # first and last of each line at least
    for i, a in enumerate(bbs):
        for b in bbs[i + 1 :]:
            assert not a.overlaps(b), (a, b)
    for bb in bbs:
        assert ax.bbox.x0 <= bb.x0 and bb.x1 <= ax.bbox.x1 and ax.bbox.y0 <= bb.y0 and bb.y1 <= ax.bbox.y1
        for p, q in _segments(ax):
            assert not segment_hits(p, q, (bb.x0, bb.y0, bb.x1, bb.y1)), "a line strikes through a label"
    shown = {t.get_text() for t in texts}
    assert {"3.795", "627", "1.250", "1.701"} <= shown  # first and last points go first


def test_bar_labels_do_not_overlap_and_fewer_are_shown_where_needed():
    costs = sdlib.load("jeugdhulp_kosten_per_type")
    ax = plot.bars(costs, hue="care_type", unit="eur")
    texts = placed_labels(ax)
    bbs = boxes(texts, ax.figure.canvas.get_renderer())
    assert 0 < len(texts) < len(costs)
    assert not any(a.overlaps(b) for i, a in enumerate(bbs) for b in bbs[i + 1 :])


def test_labels_are_printed_as_in_the_table():
    share = sdlib.load("jeugdhulp_3jaar_aandeel")
    real = share[share["measure"] == "realisatie"]
    ax = plot.line(real, unit="percent", series="jeugdhulp_3jaar_aandeel")
    html = tables.wide_table(real, unit="percent", series="jeugdhulp_3jaar_aandeel").data
    labels = {t.get_text() for t in placed_labels(ax)}
    assert "48,0%" in labels and all(f">{label}" in html for label in labels)
    # catalog decimals reach both: a series printed without decimals shows none in chart and table alike
    rows = sdlib.load_many(["mantelzorg_ondersteund_algemeen"])
    decimals = sdlib.series_meta("mantelzorg_ondersteund_algemeen").get("decimals")
    real = rows[rows["measure"] == "realisatie"]
    ax = plot.line(real, unit="percent")
    html = tables.wide_table(real, unit="percent").data
    for t in placed_labels(ax):
        assert f">{t.get_text()}" in html
        assert ("," in t.get_text()) == (decimals is None or decimals > 0)


# --- sizes at A4 ------------------------------------------------------------------------------------------


def _charts():
    costs = sdlib.load("jeugdhulp_kosten_per_type")
    inflow = sdlib.load("jeugdhulp_instroom")
    share = sdlib.load("jeugdhulp_3jaar_aandeel")
    bijstand = sdlib.load("bijstand_uitkeringen")
    pw = bijstand[bijstand["scheme"] == "Participatiewet"]
    survey = sdlib.load_many(
        ["mantelzorg_ondersteund_algemeen", "mantelzorg_ondersteund_eigen_omgeving", "mantelzorg_ondersteund_gemeente"]
    )
    binnenbaan = sdlib.load("binnenbaan_resultaten")
    deviation = pd.DataFrame({"title": ["a", "b"], "value": [-12.0, 40.0], "ok": [False, True]})

    def with_target():
        ax = plot.line(share[share["measure"] == "realisatie"], unit="percent", title="Aandeel")
        plot.target_line(share, ax=ax)
        return plot.add_source(ax, share)

    def with_trend():
        ax = plot.line(inflow[inflow["year"] > 2015], unit="count")
        return plot.trend_line(inflow[inflow["year"] > 2015], ax=ax)

    return {
        "line": lambda: plot.add_source(plot.line(flows(), hue="stroom", unit="count", title="Stromen"), flows()),
        "line+target": with_target,
        "line+trend": with_trend,
        "bars": lambda: plot.add_source(plot.bars(costs, hue="care_type", unit="eur", title="Kosten"), costs),
        "bars months": lambda: plot.bars(pw, unit="count", title="Uitkeringen"),
        "bars horizontal": lambda: plot.bars(
            binnenbaan[binnenbaan["period"] == "jaar"], x="category", hue="measure", unit="count", horizontal=True
        ),
        "index_line": lambda: plot.index_line(costs, base=2015, hue="care_type", title="Index"),
        "deviation": lambda: plot.deviation(deviation, good="ok", title="Afwijking"),
        "small_multiples": lambda: plot.small_multiples(survey, unit="percent", ylim=(0, 100), title="Mantelzorg"),
    }


@pytest.mark.parametrize("name", list(_charts()))
def test_no_text_is_smaller_than_8_pt_at_a4_text_width(name):
    chart = _charts()[name]()
    fig = figure_of(chart)
    assert 170 / 25.4 <= fig.get_figwidth() <= 176 / 25.4
    assert plot.min_text_pt(fig) >= plot.MIN_TEXT_PT
    fig.canvas.draw()
    saved = fig.get_tightbbox(fig.canvas.get_renderer())
    assert (
        saved.width + 2 * plot.PAD_IN <= 176 / 25.4 + 0.01
    )  # legends and source stay inside: the PDF does not scale it down


def test_min_text_pt_sees_a_figure_that_is_too_wide():
    fig, ax = plt.subplots(figsize=(10, 3))
    ax.set_title("te klein in de pdf", fontsize=9)
    assert plot.min_text_pt(fig) < 8


# --- colours ----------------------------------------------------------------------------------------------


def test_every_catalog_category_has_a_house_colour_apart_from_the_others_in_its_dimension():
    from sdlib.data.catalog import read_catalog

    for name, dim in read_catalog()["dimensions"].items():
        if name == "month":
            continue  # months are time, drawn on a date axis, not coloured
        cols = [colours.colour_of(v) for v in dim["values"]]
        assert None not in cols, name
        assert colours.min_distance(cols) >= colours.MIN_DISTANCE, name
    for group in (["instroom", "doorstroom", "uitstroom"], ["realisatie", "begroting", "prognose"]):
        assert colours.min_distance([colours.colour_of(v) for v in group]) >= colours.MIN_DISTANCE


def _bar_colours(ax):
    return {
        t.get_text(): to_hex(h.get_facecolor())
        for t, h in zip(ax.get_legend().get_texts(), ax.get_legend().legend_handles)
    }


def test_a_category_has_one_colour_in_every_chart_and_the_colours_of_a_chart_are_apart():
    costs = sdlib.load("jeugdhulp_kosten_per_type")
    bars = _bar_colours(plot.bars(costs, hue="care_type", unit="eur"))
    index = {
        ln.get_label(): to_hex(ln.get_color())
        for ln in plot.index_line(costs, base=2015, hue="care_type").lines
        if ln.get_label() in bars
    }
    youths = sdlib.load("jeugdhulp_jeugdigen_per_type")
    youth = {
        ln.get_label(): to_hex(ln.get_color())
        for ln in plot.line(youths, hue="care_type", unit="count").lines
        if ln.get_label() in bars
    }
    for level, colour in bars.items():
        if level in index:
            assert index[level] == youth[level] == colour == colours.colour_of(level).lower()
    assert len(index) == 4
    assert colours.min_distance(set(index.values())) >= colours.MIN_DISTANCE


def test_unknown_levels_fall_back_deterministically_without_a_clash():
    first = colours.palette(["POH-jeugd", "SMW PO", "instroom"])
    assert first == colours.palette(["POH-jeugd", "SMW PO", "instroom"])
    assert first["instroom"] == colours.colour_of("instroom")
    assert len(set(first.values())) == 3
    assert colours.min_distance(first.values()) >= colours.MIN_DISTANCE


# --- targets ----------------------------------------------------------------------------------------------


def test_two_targets_take_their_series_colour_a_dash_of_their_own_and_a_label():
    ages = sdlib.load_many(["jeugdhulp_leeftijd_instroom", "jeugdhulp_leeftijd_uitstroom"])
    ages["reeks"] = ages["series"].map(
        {"jeugdhulp_leeftijd_instroom": "bij instroom", "jeugdhulp_leeftijd_uitstroom": "bij uitstroom"}
    )
    ax = plot.line(ages[ages["measure"] == "realisatie"], hue="reeks", unit="years")
    for reeks in ("bij instroom", "bij uitstroom"):
        plot.target_line(ages[(ages["measure"] == "begroting") & (ages["reeks"] == reeks)], ax=ax)
    targets = [ln for ln in ax.lines if ln.get_label().startswith("begroting")]
    assert [t.get_label() for t in targets] == ["begroting bij instroom", "begroting bij uitstroom"]
    assert [to_hex(t.get_color()) for t in targets] == [
        colours.colour_of("bij instroom").lower(),
        colours.colour_of("bij uitstroom").lower(),
    ]
    assert targets[0]._unscaled_dash_pattern != targets[1]._unscaled_dash_pattern
    texts = placed_labels(ax)
    renderer = ax.figure.canvas.get_renderer()
    for t in targets:
        pts = t.get_transform().transform(np.asarray(t.get_xydata(), dtype=float))
        for bb in boxes(texts, renderer):
            assert not any(segment_hits(pts[i], pts[i + 1], (bb.x0, bb.y0, bb.x1, bb.y1)) for i in range(len(pts) - 1))


# --- accessible display -----------------------------------------------------------------------------------


def test_show_renders_one_html_figure_with_alt_text_conclusion_and_source_and_closes_the_figure(monkeypatch):
    import base64
    import re

    import IPython.display

    inflow = sdlib.load("jeugdhulp_instroom")
    ax = plot.line(inflow, unit="count")
    shown = []
    monkeypatch.setattr(IPython.display, "display", lambda *objs, **kw: shown.extend(objs))
    text = "De instroom daalde van 1.816 in 2016 naar 1.151 in 2018 (-37%) & <meer>."
    assert plot.show(ax, text, kind="lijngrafiek", source=inflow) is None
    assert len(shown) == 1 and not plt.fignum_exists(ax.figure.number)
    html = shown[0].data
    assert html.startswith('<figure class="sd-chart"><img src="data:image/png;base64,')
    assert (
        'alt="Lijngrafiek. De instroom daalde van 1.816 in 2016 naar 1.151 in 2018 (-37%) &amp; &lt;meer&gt;."' in html
    )
    assert (
        '<p class="sd-conclusion">De instroom daalde van 1.816 in 2016 naar 1.151 in 2018 (-37%) &amp; &lt;meer&gt;.</p>'
        in html
    )
    assert f'<p class="sd-source">{sdlib.source_text(inflow)}</p>' in html
    png = base64.b64decode(re.search(r"base64,([^\"]+)\"", html).group(1))
    pixels = int.from_bytes(png[16:20], "big")
    width = int(re.search(r'width="(\d+)"', html).group(1))
    assert pixels / (width / 96) >= 150  # at least 150 dpi at the size shown
    assert width <= round(176 / 25.4 * 96) + 1  # never wider than the text width
    from sdlib.report.render import images_without_alt

    assert images_without_alt(html) == []  # the report runner accepts it as an accessible chart
    with pytest.raises(ValueError, match="unknown chart kind"):
        plot.chart_html(plot.line(inflow, unit="count"), text, kind="chart")


def test_a_table_has_scoped_headers_a_caption_and_its_conclusion_inside_the_figure():
    flows_ = sdlib.load("jeugdhulp_uitstroom")
    html = tables.wide_table(flows_, unit="count", caption="Uitstroom", conclusion="De uitstroom steeg.").data
    assert "<figcaption>Uitstroom</figcaption>" in html
    assert '<th scope="col">jaar</th><th scope="col">value</th>' in html and '<th scope="row">2016</th>' in html
    assert (
        html.index("</table>")
        < html.index('<p class="sd-conclusion">De uitstroom steeg.</p>')
        < html.index("</figure>")
    )
