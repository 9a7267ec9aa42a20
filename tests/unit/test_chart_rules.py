"""The chart rules of the house style (issue 12), seen where a test can see them.

The figures are those of Waterveen (tests/fixtures/waterveen/make_data.py): its only incomplete year is 2024 of
the series per type of jeugdhulp (peildatum 30-6-2024, also voorlopig); a rule that needs what Waterveen lacks
(a gap of years) gets rows typed in the test.
"""

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


def _without_stay(series):
    rows = sdlib.load(series)
    return rows[rows["care_type"] == "jeugdhulp zonder verblijf"]


def test_a_partial_year_is_not_connected_to_the_line_and_its_tick_says_so():
    youths = _without_stay("jeugdhulp_jeugdigen_per_type")  # 1.500, 1.530, 1.560 and 780 up to 30-6-2024
    ax = plot.line(youths, unit="count")
    solid = [ln for ln in ax.lines if ln.get_linestyle() == "-" and len(ln.get_xdata())]
    assert len(solid) == 1 and list(solid[0].get_xdata()) == [2021, 2022, 2023]  # the line stops at 2023
    apart = [ln for ln in ax.lines if ln.get_linestyle() == "None" and list(ln.get_xdata()) == [2024]]
    assert apart and apart[0].get_markerfacecolor() == "white"  # a hollow marker, apart
    ax.figure.canvas.draw()
    assert [t.get_text() for t in ax.get_xticklabels()][-1] == "2024\n(t/m 30-6)"
    assert "geen volledig jaar (t/m 30-6-2024)" in [t.get_text() for t in ax.get_legend().get_texts()]


def test_the_growth_index_leaves_the_partial_year_out_and_says_so():
    costs = sdlib.load("jeugdhulp_kosten_per_type")
    ax = plot.index_line(costs, base=2021, hue="care_type")
    xs = {x for ln in ax.lines for x in ln.get_xdata() if x == x}
    assert 2024 not in xs and {2021, 2023} <= xs
    lowest = min(y for ln in ax.lines for y in ln.get_ydata() if y == y)
    # the lowest whole year is jeugdreclassering 2022 (200 / 210 = 95); half of 2024 would be 48-57
    assert lowest == pytest.approx(200 / 210 * 100)
    legend = [t.get_text().replace("\n", " ") for t in ax.get_legend().get_texts()]
    assert "2024 weggelaten: geen volledig jaar (t/m 30-6-2024)" in legend
    with pytest.raises(ValueError, match="base year 2024"):
        plot.index_line(costs, base=2024, hue="care_type")


def test_the_trend_uses_whole_years_only():
    youths = _without_stay("jeugdhulp_jeugdigen_per_type")
    ax = plot.trend_line(youths)
    trend = ax.lines[-1]
    xs, ys = trend.get_xdata(), trend.get_ydata()
    # 1.500, 1.530, 1.560 in 2021-2023: 30 a year; the half year 2024 (780) would make it fall steeply
    assert list(xs) == [2021, 2023] and (ys[1] - ys[0]) / 2 == pytest.approx(30)
    whole = youths[~partial_years(youths)]
    assert np.polyfit(whole["year"], whole["value"], 1)[0] == pytest.approx(30)


# --- real time axis ---------------------------------------------------------------------------------------


def test_years_stand_on_a_numeric_axis_with_their_gaps():
    ages = pd.DataFrame({"year": [2016, 2017, 2018, 2023, 2024], "value": [9.8, 9.9, 10.1, 8.4, 8.2]})
    ax = plot.bars(ages, unit="years")
    centres = sorted(p.get_x() + p.get_width() / 2 for p in ax.patches)
    assert centres[-2] - centres[-3] == pytest.approx(5)  # 2018 -> 2023: five years apart, not adjacent
    assert centres[1] - centres[0] == pytest.approx(1)
    ax = plot.line(ages, unit="years")
    data_line = next(ln for ln in ax.lines if ln.get_linestyle() == "-")
    xs = list(data_line.get_xdata())
    assert any(x != x for x in xs)  # the line breaks between 2018 and 2023 instead of suggesting the years between


def test_month_figures_stand_on_a_date_axis_also_from_a_label_column():
    import matplotlib.dates as mdates

    bijstand = sdlib.load("bijstand_uitkeringen")  # january and july 2023, january 2024, january 2025
    pw = bijstand[(bijstand["scheme"] == "Participatiewet") & (bijstand["year"] != 2024)].copy()
    pw["moment"] = [f"{m}-{y}" for y, m in zip(pw["year"], pw["month"])]  # what a notebook makes of it
    for x in ("year", "moment"):
        ax = plot.bars(pw, x=x, unit="count")
        centres = sorted(mdates.num2date(p.get_x() + p.get_width() / 2).date() for p in ax.patches)
        days = [(b - a).days for a, b in itertools.pairwise(centres)]
        assert days == [181, 550]  # 1 jan -> 1 jul 2023, 1 jul 2023 -> 1 jan 2025: not three equal steps
        ax.figure.canvas.draw()
        assert "2024" in [t.get_text() for t in ax.get_xticklabels()]  # a year without data stays on the axis


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
    assert values[("instroom", 2021)] == 610 and values[("uitstroom", 2021)] == 640  # close together
    ax = plot.line(data, hue="stroom", unit="count")
    plot.target_line(pd.DataFrame({"year": [2021, 2022, 2024], "value": [625.0, 625.0, 625.0]}), ax=ax)  # between
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
    assert {"610", "548", "640", "702"} <= shown  # first and last points go first


def test_bar_labels_do_not_overlap_and_fewer_are_shown_where_needed():
    costs = sdlib.load("jeugdhulp_kosten_per_type")
    ax = plot.bars(costs, hue="care_type", unit="eur")
    texts = placed_labels(ax)
    bbs = boxes(texts, ax.figure.canvas.get_renderer())
    assert 0 < len(texts) < len(costs)  # 16 bars: amounts like € 7.200.000 do not fit above every one
    assert not any(a.overlaps(b) for i, a in enumerate(bbs) for b in bbs[i + 1 :])


def test_labels_are_printed_as_in_the_table():
    share = sdlib.load("jeugdhulp_3jaar_aandeel")
    real = share[share["measure"] == "realisatie"]
    ax = plot.line(real, unit="percent", series="jeugdhulp_3jaar_aandeel")
    html = tables.wide_table(real, unit="percent", series="jeugdhulp_3jaar_aandeel").data
    labels = {t.get_text() for t in placed_labels(ax)}
    assert labels == {"31,5%", "33,1%"} and all(f">{label}" in html for label in labels)
    # catalog decimals reach both: a series printed without decimals (mantelzorg: decimals 0) shows none in the
    # chart and the table alike, although percentages have one by default
    rows = sdlib.load_many(["mantelzorg_ondersteund_algemeen"])
    real = rows[rows["measure"] == "realisatie"]
    ax = plot.line(real, unit="percent")
    html = tables.wide_table(real, unit="percent").data
    assert {t.get_text() for t in placed_labels(ax)} == {"66%", "64%"}
    assert ">66%<" in html and ">64%<" in html and "66,0%" not in html


# --- sizes at A4 ------------------------------------------------------------------------------------------


def _charts():
    costs = sdlib.load("jeugdhulp_kosten_per_type")
    inflow = sdlib.load("jeugdhulp_instroom")
    share = sdlib.load("jeugdhulp_3jaar_aandeel")
    bijstand = sdlib.load("bijstand_uitkeringen")
    pw = bijstand[bijstand["scheme"] == "Participatiewet"]
    survey = sdlib.load_many(
        ["mantelzorg_ondersteund_algemeen", "mantelzorg_ondersteund_eigen_omgeving", "goede_gezondheid"]
    )
    youths = sdlib.load("jeugdhulp_jeugdigen_per_type")
    deviation = pd.DataFrame({"title": ["a", "b"], "value": [-12.0, 40.0], "ok": [False, True]})

    def with_target():
        ax = plot.line(share[share["measure"] == "realisatie"], unit="percent", title="Aandeel")
        plot.target_line(share, ax=ax)
        return plot.add_source(ax, share)

    def with_trend():
        ax = plot.line(inflow, unit="count")
        return plot.trend_line(inflow, ax=ax)

    return {
        "line": lambda: plot.add_source(plot.line(flows(), hue="stroom", unit="count", title="Stromen"), flows()),
        "line+target": with_target,
        "line+trend": with_trend,
        "bars": lambda: plot.add_source(plot.bars(costs, hue="care_type", unit="eur", title="Kosten"), costs),
        "bars months": lambda: plot.bars(pw, unit="count", title="Uitkeringen"),
        "bars horizontal": lambda: plot.bars(
            youths[youths["year"] == 2023], x="care_type", hue="measure", unit="count", horizontal=True
        ),
        "index_line": lambda: plot.index_line(costs, base=2021, hue="care_type", title="Index"),
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
    measures = [colours.colour_of(v) for v in ("realisatie", "begroting", "prognose")]  # the house style
    assert colours.min_distance(measures) >= colours.MIN_DISTANCE


def test_the_colours_come_from_the_catalog_also_for_the_labels_readers_see():
    # make_data.py: care_type and objective colours; objective "4.1" is labelled "4.1 opgroeien"
    assert colours.colour_of("jeugdhulp met verblijf") == "#E69F00"
    assert colours.colour_of("4.1") == colours.colour_of("4.1 opgroeien") == "#0072B2"
    assert colours.colour_of("totaal programma") == "#000000"
    assert colours.colour_of("instroom") is None  # Waterveen gives its series no colour: a chart picks one


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
        for ln in plot.index_line(costs, base=2021, hue="care_type").lines
        if ln.get_label() in bars
    }
    youths = sdlib.load("jeugdhulp_jeugdigen_per_type")
    youth = {
        ln.get_label(): to_hex(ln.get_color())
        for ln in plot.line(youths, hue="care_type", unit="count").lines
        if ln.get_label() in bars
    }
    assert len(index) == 4
    for level, colour in index.items():
        assert youth[level] == bars[level] == colour == colours.colour_of(level).lower()
    assert colours.min_distance(set(index.values())) >= colours.MIN_DISTANCE


def test_unknown_levels_fall_back_deterministically_without_a_clash():
    levels = ["POH-jeugd", "SMW PO", "jeugdhulp zonder verblijf"]
    first = colours.palette(levels)
    assert first == colours.palette(levels)
    assert first["jeugdhulp zonder verblijf"] == colours.colour_of("jeugdhulp zonder verblijf") == "#0072B2"
    assert len(set(first.values())) == 3  # the unknown levels do not take the blue of the known one
    assert colours.min_distance(first.values()) >= colours.MIN_DISTANCE
    flows_ = colours.palette(["instroom", "doorstroom", "uitstroom"])  # no catalog colour: three apart
    assert colours.min_distance(flows_.values()) >= colours.MIN_DISTANCE


# --- targets ----------------------------------------------------------------------------------------------


def _ages():
    ages = sdlib.load_many(["jeugdhulp_leeftijd_instroom", "jeugdhulp_leeftijd_uitstroom"])
    ages["reeks"] = ages["series"].map(
        {"jeugdhulp_leeftijd_instroom": "bij instroom", "jeugdhulp_leeftijd_uitstroom": "bij uitstroom"}
    )
    return ages


def test_two_targets_take_their_series_colour_and_a_label_and_keep_clear_of_the_labels():
    ages = _ages()
    ax = plot.line(ages[ages["measure"] == "realisatie"], hue="reeks", unit="years")
    lines = {ln.get_label(): to_hex(ln.get_color()) for ln in ax.lines}
    for reeks in ("bij instroom", "bij uitstroom"):
        plot.target_line(ages[(ages["measure"] == "begroting") & (ages["reeks"] == reeks)], ax=ax)
    targets = [ln for ln in ax.lines if ln.get_label().startswith("begroting")]
    assert [t.get_label() for t in targets] == ["begroting bij instroom", "begroting bij uitstroom"]
    assert [to_hex(t.get_color()) for t in targets] == [lines["bij instroom"], lines["bij uitstroom"]]
    assert lines["bij instroom"] != lines["bij uitstroom"]
    # two targets a series (2023, 2024) are marks, not a line: a line of two points reads as a trend
    assert all(t.get_linestyle() == "None" and list(t.get_xdata()) == [2023, 2024] for t in targets)
    texts = placed_labels(ax)
    renderer = ax.figure.canvas.get_renderer()
    px = ax.figure.dpi / 72
    for t in targets:
        r = t.get_markersize() * px / 2
        marks = t.get_transform().transform(np.asarray(t.get_xydata(), dtype=float))
        for bb in boxes(texts, renderer):
            assert not any(bb.x0 < x + r and x - r < bb.x1 and bb.y0 < y + r and y - r < bb.y1 for x, y in marks)


def test_targets_of_three_years_or_more_each_get_a_dash_pattern_of_their_own():
    years = [2022, 2023, 2024]
    ax = plot.line(pd.DataFrame({"year": years, "value": [8.5, 8.4, 8.2], "reeks": "bij instroom"}), unit="years")
    for goal in (8.6, 8.3):
        plot.target_line(pd.DataFrame({"year": years, "value": [goal] * 3}), ax=ax)
    first, second = [ln for ln in ax.lines if ln.get_label().startswith("begroting")]
    assert [first.get_label(), second.get_label()] == ["begroting (doel)", "begroting (2)"]
    assert first.get_linestyle() != "None" and second.get_linestyle() != "None"
    assert first._unscaled_dash_pattern != second._unscaled_dash_pattern


def test_a_zero_target_where_higher_is_better_is_not_drawn():
    rows = sdlib.load("mantelzorg_ondersteund_algemeen")
    zero = rows.copy()
    zero.loc[(zero["year"] == 2023) & (zero["measure"] == "begroting"), "value"] = 0.0  # "geen doel"
    ax = plot.line(zero[zero["measure"] == "realisatie"], unit="percent")
    plot.target_line(zero, ax=ax)
    (target,) = [ln for ln in ax.lines if ln.get_label().startswith("begroting")]
    assert list(target.get_xdata()) == [2024] and list(target.get_ydata()) == [66]


# --- accessible display -----------------------------------------------------------------------------------


def test_show_renders_one_html_figure_with_alt_text_conclusion_and_source_and_closes_the_figure(monkeypatch):
    import base64
    import re

    import IPython.display

    inflow = sdlib.load("jeugdhulp_instroom")
    ax = plot.line(inflow, unit="count")
    shown = []
    monkeypatch.setattr(IPython.display, "display", lambda *objs, **kw: shown.extend(objs))
    text = "De instroom daalde van 610 in 2021 naar 548 in 2024 (-10%) & <meer>."
    assert plot.show(ax, text, kind="lijngrafiek", source=inflow) is None
    assert len(shown) == 1 and not plt.fignum_exists(ax.figure.number)
    html = shown[0].data
    assert html.startswith('<figure class="sd-chart"><picture>')
    assert 'alt="Lijngrafiek. De instroom daalde van 610 in 2021 naar 548 in 2024 (-10%) &amp; &lt;meer&gt;."' in html
    assert (
        '<p class="sd-conclusion">De instroom daalde van 610 in 2021 naar 548 in 2024 (-10%) &amp; &lt;meer&gt;.</p>'
        in html
    )
    assert '<p class="sd-source">Bron: Jaarrekening Waterveen 2024, Tabel 1</p>' in html
    png = base64.b64decode(re.search(r'<img src="data:image/png;base64,([^"]+)"', html).group(1))
    pixels = int.from_bytes(png[16:20], "big")
    width = int(re.search(r'width="(\d+)"', html).group(1))
    assert pixels / (width / 96) >= 150  # at least 150 dpi at the size shown
    assert width <= round(176 / 25.4 * 96) + 1  # never wider than the text width
    phone = base64.b64decode(
        re.search(r'<source media="\(max-width: 600px\)" srcset="data:image/png;base64,([^"]+)"', html).group(1)
    )
    assert int.from_bytes(phone[16:20], "big") < pixels  # a narrower rendering for a phone
    from sdlib.report.render import images_without_alt

    assert images_without_alt(html) == []  # the report runner accepts it as an accessible chart
    with pytest.raises(ValueError, match="unknown chart kind"):
        plot.chart_html(plot.line(inflow, unit="count"), text, kind="chart")


def test_a_table_has_scoped_headers_a_caption_and_its_conclusion_inside_the_figure():
    flows_ = sdlib.load("jeugdhulp_uitstroom")
    html = tables.wide_table(flows_, unit="count", caption="Uitstroom", conclusion="De uitstroom steeg.").data
    assert "<figcaption>Uitstroom</figcaption>" in html
    assert '<th scope="col">jaar</th><th scope="col">value</th>' in html and '<th scope="row">2021</th>' in html
    assert (
        html.index("</table>")
        < html.index('<p class="sd-conclusion">De uitstroom steeg.</p>')
        < html.index("</figure>")
    )


def test_bar_end_labels_stay_clear_of_the_names_at_print_width_and_on_a_phone():
    import warnings

    import matplotlib.pyplot as plt

    from sdlib.present import plot
    from sdlib.present.plot.output import _phone_png, fit_outside_texts
    from sdlib.present.plot.state import state

    data = pd.DataFrame(
        {
            "title": ["Cliënten tevreden over de kwaliteit van de Wmo-ondersteuning", "Vrijwilligers"],
            "value": [-9.0, 5.0],
            "ok": [False, True],
        }
    )
    ax = plot.deviation(data, good="ok", labels=["−9", "+5,0"], xlabel="verschil met het doel, in procentpunten")
    fig = ax.figure

    def clear():
        fit_outside_texts(fig)
        fig.draw_without_rendering()
        renderer = fig.canvas.get_renderer()
        box = ax.get_window_extent(renderer)
        return all(box.x0 <= t.get_window_extent(renderer).x0 for t in state(ax).outside)

    assert clear()  # the -9 label would otherwise run into the name of its bar
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # "constrained_layout not applied": the phone chart collapsed
        _phone_png(fig, 150)
    assert clear()
    plt.close("all")


def test_ticks_of_a_whole_number_axis_are_whole_numbers():
    # -7,5 printed as "-8%" would put a tick at a value it does not have
    import matplotlib.pyplot as plt

    from sdlib.present.plot.theme import format_axis

    _, ax = plt.subplots()
    ax.set_xlim(-10.35, 10.35)
    format_axis(ax, "percent", axis="x")
    ax.figure.canvas.draw()
    assert all(float(v).is_integer() for v in ax.get_xticks())
    plt.close("all")
