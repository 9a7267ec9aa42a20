"""The charts: ``f(data, *, x=, y=, hue=, ax=)`` returning the Axes (seaborn's convention)."""

from __future__ import annotations

from sdlib.calc.periods import incomplete
from sdlib.present import colours
from sdlib.present.fmt import fmt_date
from sdlib.present.plot.labels import _labels, _priorities
from sdlib.present.plot.state import state
from sdlib.present.plot.theme import (
    BEFORE_BREAK_GREY,
    BEFORE_BREAK_LABEL,
    FIGSIZE,
    FONT_PT,
    HATCH,
    NEUTRAL,
    PROVISIONAL_LABEL,
    SMALL_PT,
    TARGET_LABEL,
    _axes,
    _bar_slot_pt,
    _decimals,
    _figure,
    _finish,
    _flags,
    _hatch_handle,
    _hatch_label,
    _is_text,
    _legend,
    _levels,
    _partial_text,
    _value_extent,
    cover_values,
    format_axis,
    handles_of,
    in_millions,
    make_legend,
    value_text,
)
from sdlib.present.plot.timeaxis import _break_gaps, _gap_notes, _step, _time, _time_ticks
from sdlib.present.provenance import source_text
from sdlib.present.sentences import partial_label


def _before_break(data):
    """Rows before the last series break of their series (catalog ``breaks``), or None without breaks."""
    from sdlib.calc.periods import comparable

    if "series" not in data or "year" not in data:
        return None
    kept = comparable(data)
    if len(kept) == len(data):
        return None
    import pandas as pd

    return pd.Series(~data.index.isin(kept.index), index=data.index)


def line(
    data,
    *,
    x="year",
    y="value",
    hue=None,
    unit=None,
    ax=None,
    title=None,
    ylabel=None,
    xlabel=None,
    labels=True,
    ylim_zero=True,
    decimals=None,
    series=None,
    colour=None,
    name=None,
):
    """Draw a line per hue level with markers on a real time axis; value labels in Dutch, never overlapping.

    A partial year (peildatum inside the year) is not connected to the line: it stands apart as a hollow marker,
    its tick reads "2019 (t/m 9-9)" and the legend says "geen volledig jaar (t/m 9-9-2019)". A voorlopig whole
    year stays on the line with a hollow marker ("voorlopig"). A missing year breaks the line, keeps its tick and
    says "geen cijfers" in its slot. The highest tick of the value axis holds every value.

    Parameters
    ----------
    data : pandas.DataFrame
        Tidy rows (e.g. from :func:`sdlib.load`), with ``provisional`` and ``reference_date`` when available;
        rows with a ``month`` are drawn on a date axis.
    x, y, hue : str
        Columns; ``x="year"`` gives a numeric year axis on which gaps between years stay visible.
    unit : str, optional
        Catalog unit for the axis and labels (count, percent, eur, years, score).
    labels : bool or "ends", default True
        Write values at the points: as many as fit without overlap (True), only the first, last and extremes
        ("ends"), or none (False).
    decimals : int, optional
        Decimals of the value labels; by default the catalog ``decimals`` of ``series`` (or of the one id in a
        ``series`` column), else the unit's default: the text of the tables.
    colour : str, optional
        Colour of a line without hue; by default blue.
    name : str, optional
        Legend name of a line without hue, shown when the legend is there for other marks (figures before a
        series break, an incomplete year): every mark in the chart then has its entry.

    Returns
    -------
    matplotlib.axes.Axes
    """
    ax = _axes(ax)
    decimals = _decimals(data, unit, decimals, series)
    millions = in_millions(unit, data[y])
    pos, kind = _time(data, x)
    if pos is None:
        import pandas as pd

        cats = list(dict.fromkeys(data[x]))
        pos = pd.Series([float(cats.index(v)) for v in data[x]], index=data.index)
        ax.set_xticks(range(len(cats)), [str(c) for c in cats])
    step = _step(pos)
    levels, cols = _levels(data, hue)
    if hue is None and name is None and "series" in data and data["series"].nunique() == 1:
        name = _level_name("series", data["series"].iloc[0])  # the legend names the line beside its marks
    if hue is None and colour is not None:
        cols = {None: colour}
    part, prov = _flags(data)
    before = _before_break(data) if x == "year" else None
    layer = _labels(ax)
    marks = {"before": [], "partial": [], "provisional": []}  # the colours each kind of mark was drawn in
    for level in levels:
        rows = data if level is None else data[data[hue] == level]
        rows = rows.assign(_pos=pos.loc[rows.index]).sort_values("_pos")
        colour_ = cols[level]
        name = _level_name(hue, level) if level is not None else name
        old = rows.iloc[:0]
        if before is not None and before.loc[rows.index].any():
            # figures before a series break stand apart, grey and unconnected: not comparable with the line (an
            # incomplete year before the break too: it is grey, its tick says that it is incomplete)
            old = rows[before.loc[rows.index]]
            ax.plot(old["_pos"], old[y], linestyle="none", label="_before_break", **BEFORE_BREAK_MARK)
            marks["before"].append(BEFORE_BREAK_GREY)
        now = rows.drop(old.index)
        whole = now if part is None else now[~part.loc[now.index]]
        # a provisional figure is reached by a dashed piece of line (round 48: drawn solid, a provisional 2024 read
        # as final); the solid line joins the final figures only
        unsure = prov.loc[whole.index] if prov is not None else None
        final_y = whole[y].where(~unsure) if unsure is not None else whole[y]
        xs, ys = _break_gaps(whole["_pos"], final_y, step, years=kind == "year")
        ax.plot(xs, ys, color=colour_, marker="o", markersize=6, label=name, linewidth=2)
        if unsure is not None and unsure.any():
            import itertools

            points = list(zip(whole["_pos"], whole[y], unsure))
            for (x0, y0, u0), (x1, y1, u1) in itertools.pairwise(points):
                if (u0 or u1) and x1 - x0 <= step * 1.01:  # neighbours only: a gap of years stays open
                    ax.plot([x0, x1], [y0, y1], color=colour_, linewidth=2, linestyle=(0, (3, 2)), label="_dashed")
        state(ax).lines.append((str(level), colour_, name))
        if part is not None:
            for key, shown in (("partial", now[part.loc[now.index]]), ("provisional", now[prov.loc[now.index]])):
                if shown.empty:
                    continue
                marks[key].append(colour_)
                ax.plot(shown["_pos"], shown[y], linestyle="none", label=f"_{key}", **_hollow(colour_))
        if labels and unit:
            ranks = _priorities(list(rows[y]))
            for rank, idx, xv, yv in zip(ranks, rows.index, rows["_pos"], rows[y]):
                if yv != yv or (labels == "ends" and rank >= 10):
                    continue
                ink = BEFORE_BREAK_GREY if idx in old.index else colour_  # a label in the colour of its mark
                layer.add(xv, yv, value_text(yv, unit, decimals, millions=millions), ink, rank)
    extra = state(ax).extra_handles
    if marks["provisional"]:  # connected: a hollow marker on a piece of line, in every colour drawn so
        extra.append(_mark_handle(marks["provisional"], PROVISIONAL_LABEL, joined=True))
    if marks["partial"]:  # apart: a hollow marker alone
        extra.append(_mark_handle(marks["partial"], _partial_text(data, part)))
    if marks["before"]:
        extra.append(_mark_handle(marks["before"], BEFORE_BREAK_LABEL, style=BEFORE_BREAK_MARK))
    if hue is not None or extra:
        _legend(ax)
    if kind in ("year", "month"):
        _time_ticks(ax, data, pos, kind)
    if kind == "year":
        ax.set_xlim(min(pos) - 0.5, max(pos) + 0.5)
        _gap_notes(ax, set(pos))  # a missing year between two years says so in its slot
    state(ax).time = kind
    state(ax).value_axis = "y"
    if ylim_zero:
        ax.set_ylim(bottom=min(0, ax.get_ylim()[0]), top=ax.get_ylim()[1] * 1.1)
    _finish(ax, unit, title, ylabel, xlabel, millions=in_millions(unit, data[y]))
    cover_values(ax)
    return ax


BEFORE_BREAK_MARK = {  # a figure before a series break: a grey filled diamond, never joined to the line (an open
    # circle means 'voorlopig' in every chart; a reader must not take the earlier series for provisional figures)
    "marker": "D",
    "markersize": 6,
    "color": BEFORE_BREAK_GREY,
    "markerfacecolor": BEFORE_BREAK_GREY,
    "markeredgewidth": 1.2,
}


def _hollow(colour) -> dict:
    """The mark of an incomplete or provisional year: a hollow marker in the colour of its line."""
    return {
        "marker": "o",
        "markersize": 7,
        "markerfacecolor": "white",
        "markeredgecolor": colour,
        "markeredgewidth": 1.8,
    }


def _mark_handle(colours_drawn, label: str, *, joined: bool = False, style: dict | None = None):
    """One legend entry for a kind of mark, drawn as it is in the chart: one marker per colour it has there
    (a tuple, shown side by side), on a piece of line when the mark is joined to its line."""
    from matplotlib.lines import Line2D

    handles = []
    for colour in dict.fromkeys(colours_drawn):
        look = dict(style) if style is not None else _hollow(colour)
        look.setdefault("color", colour)
        # joined: on a dashed piece of line, as a provisional figure is reached in the chart
        handles.append(Line2D([], [], linestyle=(0, (3, 2)) if joined else "none", linewidth=2, label=label, **look))
    return handles[0] if len(handles) == 1 else tuple(handles)


def _level_name(hue, level):
    """The legend name of a hue level: the catalog label (``short``) of a series id, "doel" for the measure
    "begroting" (the reports' word for a target), else the level itself."""
    if level is None:
        return None
    if hue == "measure" and level == "begroting":
        return TARGET_LABEL
    if hue == "series":
        from sdlib.data.catalog import model

        try:
            known = model().series
        except Exception:  # no catalog at hand
            return level
        if level in known and known[level].short:
            return known[level].short
    return level


PARTIAL_GAP = 0.4  # an incomplete year stands this much of a year further apart from the whole years
BAR_NAME_CHARS = 30  # category names beside horizontal bars are wrapped at this many characters a line
LEGEND_CHARS = 28  # legend entries beside horizontal bars are wrapped at this many characters a line


def bars(
    data,
    *,
    x="year",
    y="value",
    hue=None,
    unit=None,
    ax=None,
    title=None,
    ylabel=None,
    xlabel=None,
    labels=True,
    horizontal=False,
    decimals=None,
    series=None,
):
    """Draw grouped bars; partial years and voorlopig figures hatched; values labelled in Dutch without overlap.

    Years stand on a numeric axis, one slot a year: a missing year (2023 between 2022 and 2024) leaves its slot
    empty with "geen cijfers" in it, an incomplete year (peildatum inside the year) stands further apart with its
    tick "2019 (t/m 9-9)". Rows with a ``month`` stand on a date axis (also when ``x`` is a label made of year
    and month): time never becomes equally spaced categories. Other ``x`` values are categories in the order
    they first appear. Voorlopig and incomplete bars are hatched ("gearceerd"); one legend swatch looks the same.

    Parameters
    ----------
    labels : bool or "ends", default True
        Value labels where they fit (True), only first, last and extremes ("ends"), or none. A label stays with
        its bar: beside a horizontal bar within its row, above a vertical bar clear of the other bars.
    decimals, series
        Printed decimals of the labels, as in :func:`line`.

    Returns
    -------
    matplotlib.axes.Axes
    """
    import textwrap

    import numpy as np
    import pandas as pd

    decimals = _decimals(data, unit, decimals, series)
    millions = in_millions(unit, data[y])
    tpos, kind = _time(data, x)
    if tpos is None:
        cats = list(dict.fromkeys(data[x]))
        tpos = pd.Series([float(cats.index(v)) for v in data[x]], index=data.index)
    levels, cols = _levels(data, hue)
    part, prov = _flags(data)
    years = None
    if kind == "year":
        years = tpos.copy()
        step = 1.0  # one slot a year: a missing year stays an empty slot
        if part is not None and part.any():  # an incomplete year (and any after it) stands further apart
            first_partial = float(tpos[part].min())
            tpos = tpos + (tpos >= first_partial) * PARTIAL_GAP
    else:
        distinct = np.array(sorted(set(tpos)))
        step = float(np.min(np.diff(distinct))) if len(distinct) > 1 else (30.0 if kind == "month" else 1.0)
    group = 0.8 * step
    width = group / len(levels)
    span = (max(tpos) - min(tpos)) + step
    if horizontal and ax is None:  # every bar as high as its label: the chart grows with the number of bars
        needed = span / width * _bar_slot_pt(SMALL_PT) / 72 + 1.0
        ax = _axes(None, figsize=(FIGSIZE[0], max(FIGSIZE[1] * 0.55, needed)))
    if not horizontal and ax is None and len(set(tpos)) <= 2:
        # two groups of bars need no full chart height: a lower chart keeps its heading's page (round 46: a chart
        # of 2023 and 2024 left half of page 1 empty)
        ax = _axes(None, figsize=(FIGSIZE[0], FIGSIZE[1] * 0.8))
    ax = _axes(ax)
    layer = _labels(ax)
    any_part = any_prov = False
    hatched = []
    draw = ax.barh if horizontal else ax.bar
    for i, level in enumerate(levels):
        rows = data if level is None else data[data[hue] == level]
        rows = rows.assign(_pos=tpos.loc[rows.index] - group / 2 + width * (i + 0.5)).sort_values("_pos")
        colour_ = cols[level]
        drawn = draw(rows["_pos"], rows[y], width * 0.92, color=colour_, label=_level_name(hue, level))
        for patch, idx in zip(drawn, rows.index):
            is_part = part is not None and part.loc[idx]
            is_prov = prov is not None and prov.loc[idx]
            if is_part or is_prov:
                any_part |= bool(is_part)
                any_prov |= bool(is_prov)
                patch.set_hatch(HATCH)
                patch.set_edgecolor("white")
                hatched.append(colour_)
        if labels and unit:
            ranks = _priorities(list(rows[y]))
            for rank, patch, xv, yv in zip(ranks, drawn, rows["_pos"], rows[y]):
                if yv != yv or (labels == "ends" and rank >= 10):
                    continue
                where = ("barh" if horizontal else "bar") + ("_neg" if yv < 0 else "")
                xy = (yv, xv) if horizontal else (xv, yv)
                layer.add(*xy, value_text(yv, unit, decimals, millions=millions), NEUTRAL, rank, where, patch)
    if kind in ("year", "month"):
        _time_ticks(ax, data, tpos, kind, axis="y" if horizontal else "x", years=years)
        if kind == "year":
            lim = (min(tpos) - 0.5 * step, max(tpos) + 0.5 * step)
            (ax.set_ylim if horizontal else ax.set_xlim)(*lim)
            _gap_notes(ax, set(years), axis="y" if horizontal else "x")
    else:
        ticks = sorted(set(tpos))
        cats = list(dict.fromkeys(data[x]))
        names = [str(c) for c in cats]
        if horizontal:
            names = ["\n".join(textwrap.fill(p, BAR_NAME_CHARS) for p in n.split("\n")) for n in names]
        (ax.set_yticks if horizontal else ax.set_xticks)(ticks, names)
    ax.grid(axis="y" if horizontal else "x", visible=False)  # no line through a group: labels stay with a bar
    if horizontal:
        ax.invert_yaxis()
        ax.set_xlim(right=ax.get_xlim()[1] * 1.15)
        lo, hi = ax.get_ylim()
        state(ax).bar_slots = abs(hi - lo) / width
    else:
        ax.set_ylim(top=ax.get_ylim()[1] * 1.1)
    extra = state(ax).extra_handles
    if hatched:  # the legend shows the marks as they are drawn: one swatch, hatched like the bars
        extra.append(_hatch_handle(hatched, _hatch_label(data, any_part, any_prov)))
    if hue is not None or extra:
        handles, names = handles_of(ax)
        if horizontal:
            names = [textwrap.fill(n, LEGEND_CHARS) for n in names]
        make_legend(ax, handles, names, loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=SMALL_PT)
    state(ax).time = kind
    state(ax).value_axis = "x" if horizontal else "y"
    if unit:
        format_axis(ax, unit, axis="x" if horizontal else "y", millions=in_millions(unit, data[y]))
    _finish(ax, None, title, ylabel, xlabel)
    cover_values(ax)
    return ax


TARGET_MARKS = [  # the mark of a target; a second set of targets in the same colour takes the next shape
    {"marker": "_", "markersize": 20, "markeredgewidth": 2.4},  # wider than a dot on both sides (round 46)
    {"marker": "D", "markersize": 5.5, "markeredgewidth": 1.6, "markerfacecolor": "white"},
    {"marker": "^", "markersize": 6.5, "markeredgewidth": 1.6, "markerfacecolor": "white"},
    {"marker": "s", "markersize": 5.5, "markeredgewidth": 1.6, "markerfacecolor": "white"},
]


def target_line(data, *, x="year", y="value", ax=None, label=None, colour=None, hue=None):
    """Draw targets (rows with measure 'begroting') as a short horizontal mark at each year, never joined.

    A target is set per year: a line between two targets would read as a trend and hide a missing year, so
    every target is a mark of its own, in the colour of its series: the colour is ``colour``, else that of the
    line already drawn on ``ax`` for the hue level (``hue``) or whose level is a value of the rows (e.g.
    ``reeks == "bij instroom"``), else that of the only line drawn with :func:`line`, else the level's house
    colour, else dark grey. A second set of targets in a colour already used gets a mark of another shape; the
    legend shows each mark as drawn. Value labels keep clear of the marks (they are placed when the figure is
    drawn), and the value axis is widened so that every target lies inside it.

    Parameters
    ----------
    label : str, optional
        Legend text; by default "doel" (the documents' "begroting"), "doel <level>" when the colour came from a
        level (with ``hue``: ``label`` is the word before each level's name).
    hue : str, optional
        One set of target marks per level of this column, each in the colour of that level's line.

    Returns
    -------
    matplotlib.axes.Axes
    """
    ax = _axes(ax)
    rows = data[data["measure"] == "begroting"] if "measure" in data else data
    if "series" in rows and len(rows):  # a target printed as 0 where higher is better is no target: not drawn
        from sdlib.calc.indicators import no_target
        from sdlib.data.catalog import model

        known = model().series
        keep = [not (s in known and no_target(v, known[s].direction)) for s, v in zip(rows["series"], rows[y])]
        rows = rows[keep]
    drawn = {key: (col, name) for key, col, name in state(ax).lines}
    if hue is not None:
        levels, cols = _levels(rows, hue)
        for level in levels:
            col, name = drawn.get(str(level), (cols[level], _level_name(hue, level)))
            target_line(
                rows[rows[hue] == level],
                x=x,
                y=y,
                ax=ax,
                colour=col if colour is None else colour,
                label=f"{label or TARGET_LABEL} {name}",
            )
        return ax
    named = None
    if colour is None:
        for col in rows.columns:
            values = set(rows[col].dropna().astype(str)) if _is_text(rows[col]) else set()
            if len(values) == 1 and next(iter(values)) in drawn:
                colour, named = drawn[next(iter(values))]
                break
        if colour is None and len(drawn) == 1:
            colour = next(iter(drawn.values()))[0]
        if colour is None:
            colour = NEUTRAL
    count = state(ax).targets
    state(ax).targets = count + 1
    if label is None:
        label = (
            f"{TARGET_LABEL} {named}" if named else (TARGET_LABEL if count == 0 else f"{TARGET_LABEL} ({count + 1})")
        )
    pos, _ = _time(rows, x)
    xs = rows[x] if pos is None else pos
    order = xs.sort_values().index
    from matplotlib.colors import to_hex

    same = sum(1 for ln in ax.lines if ln.get_gid() == "target" and to_hex(ln.get_color()) == to_hex(colour))
    ax.plot(
        xs.loc[order],
        rows.loc[order, y],
        linestyle="none",
        color=colour,
        label=label,
        gid="target",
        zorder=1.5,  # under the figures (lines are at 2): a target never hides the dot of its year
        **TARGET_MARKS[same % len(TARGET_MARKS)],
    )
    if state(ax).value_axis is None:
        state(ax).value_axis = "y"
    cover_values(ax)
    _legend(ax)
    return ax


def index_line(data, *, base: int, x="year", y="value", hue=None, ax=None, title=None, labels="ends", ylabel=None):
    """Draw a growth index (``base`` = 100) per hue level, leaving incomplete years out and saying so.

    A partial year (peildatum inside the year) is not in the chart at all: its index would read as a collapse
    (2019 up to 9-9-2019 at index 38-58). The legend names the years left out.

    Parameters
    ----------
    base : int
        The year that is 100; it must be a whole year in the data for every level.
    labels : bool or "ends", default "ends"
        Index values at the first, last and extreme points (``True``: as many as fit).

    Returns
    -------
    matplotlib.axes.Axes
    """
    ax = _axes(ax)
    part = incomplete(data)
    left_out = data[part]
    rows = data[~part].copy()
    keys = [] if hue is None else [hue]
    base_rows = rows[rows[x] == base]
    if base_rows.empty:
        raise ValueError(f"the base year {base} is not a whole year in the data")
    if keys:
        ref = base_rows.set_index(hue)[y]
        missing = set(rows[hue]) - set(ref.index)
        if missing:
            raise ValueError(f"no base-year {base} value for {', '.join(map(str, missing))}")
        rows["index"] = rows[y] / rows[hue].map(ref).astype(float) * 100
    else:
        rows["index"] = rows[y] / float(base_rows[y].iloc[0]) * 100
    ax.axhline(100, color="grey", linewidth=0.8, label="_base")
    line(rows, x=x, y="index", hue=hue, unit="score", ax=ax, labels=labels, decimals=0, ylim_zero=False)
    if not left_out.empty:
        years = sorted(set(left_out[x]))
        dates = sorted(set(left_out["reference_date"]))
        when = ", ".join(fmt_date(d) for d in dates)
        ax.plot(
            [], [], linestyle="none", label=f"{', '.join(map(str, years))} weggelaten:\ngeen volledig jaar (t/m {when})"
        )
        _legend(ax)
    state(ax).left_out = sorted(set(left_out[x])) if not left_out.empty else []
    low, high = ax.get_ylim()
    ax.set_ylim(min(low, 0), max(high, 110))
    _finish(ax, None, title, ylabel if ylabel is not None else f"index ({base} = 100)", None)
    return format_axis(ax, "score", decimals=0)


def trend_line(data, *, x="year", y="value", ax=None, colour=None, label="trend (volledige jaren)"):
    """Draw a straight least-squares trend through the whole years only (partial years left out), dotted.

    Returns
    -------
    matplotlib.axes.Axes
    """
    import numpy as np

    ax = _axes(ax)
    rows = data[~incomplete(data)]
    if "measure" in rows:
        rows = rows[rows["measure"] == "realisatie"]
    if rows[x].nunique() < 3:
        raise ValueError("a trend needs at least three whole years")
    slope, intercept = np.polyfit(rows[x].astype(float), rows[y].astype(float), 1)
    xs = np.array([rows[x].min(), rows[x].max()], dtype=float)
    ax.plot(xs, slope * xs + intercept, linestyle=(0, (1, 2)), linewidth=1.6, color=colour or NEUTRAL, label=label)
    _legend(ax)
    return ax


def add_source(ax, data=None, *, text: str | None = None):
    """Write the "Bron: ..." line under the chart (from the rows of ``data`` or a given ``text``).

    For exploration; a report passes the source to :func:`show`, which writes it as text beside the image. In a
    figure with constrained layout (the house style) the line is the figure's ``supxlabel``, so the layout keeps
    room for it under every panel and legend; otherwise it is an annotation under the Axes' tick labels.
    """
    import textwrap

    line_ = text if text is not None else source_text(data)
    fig = _figure(ax)
    width = int(fig.get_figwidth() * 72 / (SMALL_PT * 0.58))
    wrapped = "\n".join(textwrap.wrap(line_, width))
    engine = fig.get_layout_engine()
    if engine is not None and type(engine).__name__ == "ConstrainedLayoutEngine":
        fig.supxlabel(wrapped, x=0.0, ha="left", fontsize=SMALL_PT, color="#444444", multialignment="left")
        return ax

    from matplotlib.transforms import Bbox

    def under(renderer):
        boxes = [ax.bbox, ax.xaxis.get_tightbbox(renderer), ax.yaxis.get_tightbbox(renderer)]
        boxes = [b for b in boxes if b is not None and b.width > 0]
        x0, y0 = min(b.x0 for b in boxes), min(b.y0 for b in boxes)
        return Bbox.from_extents(x0, y0, x0 + 1, y0 + 1)

    ax.annotate(
        wrapped,
        xy=(0, 0),
        xycoords=under,
        xytext=(0, -4),
        textcoords="offset points",
        va="top",
        ha="left",
        fontsize=SMALL_PT,
        color="#444444",
        annotation_clip=False,
    )
    return ax


def source_line(fig_or_ax) -> str | None:
    """Return the "Bron:" line that :func:`add_source` wrote on a chart (line breaks as spaces), or None."""
    from matplotlib.text import Text

    for t in _figure(fig_or_ax).findobj(Text):
        if t.get_text().startswith("Bron:"):
            return t.get_text().replace("\n", " ")
    return None


BETTER_WORDS = ("\u2190 slechter dan het doel", "beter dan het doel \u2192")  # either side of 0 (better=True)
BETTER_WORDS_NARROW = ("\u2190 slechter\ndan het doel", "beter dan\nhet doel \u2192")  # the same on a phone


def deviation(
    data,
    *,
    x="value",
    y="title",
    good=None,
    provisional=None,
    labels=None,
    unit="percent",
    ax=None,
    title=None,
    ylabel=None,
    xlabel=None,
    better=False,
):
    """Draw horizontal bars of a deviation (e.g. realisation against target in procentpunten), a line at zero.

    Every bar has its true length: a difference too small to see is not lengthened but gets a diamond at its end,
    so its colour shows. Provisional figures are hatched ("gearceerd"), with a legend entry that looks the same.
    Ticks are whole numbers with the real minus sign ("−5"); a difference of percentages has no % sign.

    Parameters
    ----------
    data : pandas.DataFrame
        One row per bar, drawn from the top down in the order of the rows.
    x, y : str
        Columns with the deviation (bar length) and the bar labels (wrapped to fit).
    good : str, optional
        Boolean column: green where true (the target is met), orange where false. With ``better`` and no
        ``good``: green where the bar is at or right of zero.
    provisional : str, optional
        Boolean column: hatched where true.
    labels : list of str, optional
        The text at the end of each bar (e.g. '+3,0' or '3,0 slechter'), printed as given.
    better : bool, default False
        The values are already oriented to the target: positive is better than the target, negative worse,
        whatever way the indicator counts (for "lager is beter" the caller turns the sign). The axis then says
        so on either side of zero ("← slechter dan het doel", "beter dan het doel →"), above the x label
        (by default "verschil met het doel, in procentpunten" for percentages).

    Returns
    -------
    matplotlib.axes.Axes
    """
    import textwrap

    from matplotlib.patches import Patch

    ax = _axes(ax, figsize=(FIGSIZE[0], 0.36 * len(data) + (1.5 if better else 1.2)))
    if good is not None:
        flags = list(data[good])
    else:
        flags = [float(v) >= 0 for v in data[x]] if better else [False] * len(data)
    hatched = list(data[provisional]) if provisional is not None else [False] * len(data)
    met, missed = colours.OKABE_ITO["bluish green"], colours.OKABE_ITO["orange"]
    names = [textwrap.fill(str(t), 46) for t in data[y]]
    pos = list(range(len(data)))[::-1]
    cols = [met if f else missed for f in flags]
    bars = ax.barh(pos, data[x], color=cols, edgecolor="white")
    for patch, h in zip(bars.patches, hatched):
        if h:
            patch.set_hatch(HATCH)
    span = max(abs(float(v)) for v in data[x]) or 1.0
    for p, v, c in zip(pos, data[x], cols):
        if abs(float(v)) < 0.015 * 2 * span:  # too short to see its colour: a diamond at its end
            ax.plot([float(v)], [p], marker="D", markersize=5, color=c, linestyle="none")
    if labels is not None:
        for p, v, text in zip(pos, data[x], labels):
            note = ax.annotate(
                text,
                (float(v), p),
                xytext=(4 if v >= 0 else -4, 0),
                textcoords="offset points",
                ha="left" if v >= 0 else "right",
                va="center",
                fontsize=SMALL_PT,
                color=NEUTRAL,
            )
            state(ax).outside.append(note)
        ax.set_xlim(-1.15 * span, 1.15 * span)  # widened at rendering until every label fits
    elif better:  # zero in the middle: worse on the left, better on the right
        ax.set_xlim(-1.1 * span, 1.1 * span)
    ax.set_yticks(pos, names)
    ax.axvline(0, color="black", linewidth=0.8)
    if unit == "percent":  # a difference of percentages is in procentpunten: no % sign at the ticks
        format_axis(ax, "count", axis="x")
    else:
        format_axis(ax, unit, axis="x", decimals=0)
    ax.grid(axis="y", visible=False)
    handles = [Patch(facecolor=met, label="doel gehaald"), Patch(facecolor=missed, label="doel niet gehaald")]
    if any(hatched):  # one swatch, hatched like the bars: their colour when they share one, else grey
        handles.append(_hatch_handle([c for c, h in zip(cols, hatched) if h], PROVISIONAL_LABEL))
    if title:
        ax.set_title(title)
    ax.tick_params(axis="y", labelsize=SMALL_PT)
    if ylabel is not None:
        ax.set_ylabel(ylabel)
    if better:
        if xlabel is None:
            xlabel = "verschil met het doel" + (", in procentpunten" if unit == "percent" else "")
        _better_words(ax)
    if xlabel is not None:
        ax.set_xlabel(xlabel)
    # the legend under the x axis: below its ticks, the words of better and the x label, whatever the height
    below = 3.5 + SMALL_PT * 1.25 + (ax.xaxis.labelpad + FONT_PT * 1.25 if xlabel else 0.0) + 6.0
    from matplotlib.transforms import ScaledTranslation

    ax.legend(
        handles=handles,
        loc="upper center",
        bbox_to_anchor=(0.5, 0.0),
        bbox_transform=ax.transAxes + ScaledTranslation(0, -below / 72, _figure(ax).dpi_scale_trans),
        ncols=len(handles),
        frameon=False,
        fontsize=SMALL_PT,
    )
    return ax


def _better_words(ax) -> None:
    """Write "← slechter dan het doel" left of zero and "beter dan het doel →" right of it, in a row of their own
    between the tick labels and the x label (which moves down to make room)."""

    def under_ticks(renderer):  # the row just under the tick labels of the x axis, whatever their size
        from matplotlib.transforms import Bbox

        box = ax.xaxis.get_tightbbox(renderer, for_layout_only=False)
        labels = [t.get_window_extent(renderer) for t in ax.get_xticklabels() if t.get_visible() and t.get_text()]
        bottom = min((b.y0 for b in labels), default=box.y0 if box is not None else ax.bbox.y0)
        return Bbox.from_extents(ax.bbox.x0, bottom, ax.bbox.x1, bottom + 1)

    from matplotlib.transforms import blended_transform_factory

    for text, sign, ha in ((BETTER_WORDS[0], -1, "right"), (BETTER_WORDS[1], 1, "left")):
        word = ax.annotate(
            text,
            xy=(0, 0),
            xycoords=lambda r: blended_transform_factory(ax.transData, _bbox_transform(under_ticks(r))),
            xytext=(sign * 4, -3),
            textcoords="offset points",
            ha=ha,
            va="top",
            fontsize=SMALL_PT,
            color=NEUTRAL,
            annotation_clip=False,
        )
        state(ax).words.append(word)
    ax.xaxis.labelpad = SMALL_PT * 1.25 + 6  # the x label below the row of words


def _bbox_transform(box):
    from matplotlib.transforms import BboxTransformTo

    return BboxTransformTo(box)


def _unit_min(unit) -> float:
    """The lowest value of a catalog unit (its ``min``), else 0."""
    from sdlib.data.catalog import model

    try:
        found = model().units.get(unit)
    except Exception:  # no catalog at hand
        return 0.0
    return float(found.min) if found is not None and found.min is not None else 0.0


def small_multiples(
    data,
    *,
    facet="series",
    x="year",
    y="value",
    unit=None,
    title=None,
    titles=None,
    cols=None,
    height=2.6,
    ylim=None,
    labels=True,
    source=None,
    decimals=None,
    target_label=TARGET_LABEL,
):
    """Draw one small line chart per series (or other ``facet`` level) in a grid, with the targets as marks.

    Each panel shows the rows with measure ``realisatie`` as :func:`line` and those with ``begroting`` as
    :func:`target_line`; provisional points are hollow, partial years apart. Every panel has the same time axis
    with its years under it; unused cells stay empty. When every panel has the same unit, the panels share one
    value range, from 0 (or the unit's minimum) to the highest value or target of all panels, so a small change
    is not blown up beside a large one; a target never falls outside its axis. One legend explains the marks;
    the "Bron:" line goes under the bottom-left panel (``source=False``: none, for :func:`show`). On a phone
    (:func:`sdlib.present.plot.output.chart_html`) the grid becomes one column.

    Parameters
    ----------
    data : pandas.DataFrame
        Tidy rows of several series, e.g. from :func:`sdlib.load_many`, with a ``measure`` column.
    facet : str, default "series"
        Column with one panel per level, in the order the levels first appear.
    unit : str, optional
        Catalog unit for the axes and value labels; by default each panel takes the unit of its series.
    title : str, optional
        Title above the grid.
    titles : dict or callable, optional
        Panel title per level; by default the catalog title when ``facet`` is "series", else the level.
    cols : int, optional
        Panels per row; by default all in one row up to three, two by two for four (not three and one: a lone
        panel, and three narrow ones whose labels crowd), else three.
    height : float, default 2.6
        Height of a row of panels in inches (the width is the A4 text width).
    ylim : (float, float), optional
        Range of every y axis, e.g. ``(0, 100)`` for percentages (widened only if a value falls outside it).
    labels : bool or "ends", default True
        Value labels where they fit.
    source : pandas.DataFrame, str or False, optional
        Rows (or the text) for the "Bron:" line; by default ``data``.
    decimals : int, optional
        Printed decimals of the labels; by default the catalog's per series.
    target_label : str, default "doel"
        Legend text of the target marks (rows with measure ``begroting``).

    Returns
    -------
    matplotlib.figure.Figure
    """
    import math
    import textwrap

    import matplotlib.pyplot as plt

    levels = list(dict.fromkeys(data[facet]))
    if titles is None:
        if facet == "series":
            from sdlib.data.catalog import series_meta

            titles = {level: series_meta(level)["title"] for level in levels}
        else:
            titles = {level: str(level) for level in levels}
    name = titles if callable(titles) else titles.__getitem__
    if cols is None:
        cols = len(levels) if len(levels) <= 3 else 2 if len(levels) == 4 else 3
    rows = max(math.ceil(len(levels) / cols), 1)
    # no shared x axis: matplotlib would take the years from every panel but the bottom row
    fig, axes = plt.subplots(rows, cols, figsize=(FIGSIZE[0], height * rows + 0.6), squeeze=False, layout="constrained")
    flat = list(axes.flat)
    shown = flat[: len(levels)]
    units = []
    for ax, level in zip(shown, levels):
        part = data[data[facet] == level]
        real = part[part["measure"] == "realisatie"] if "measure" in part else part
        panel_unit = unit
        if panel_unit is None and facet == "series":  # each panel in the unit of its own series
            from sdlib.data.catalog import model

            panel_unit = model().series[level].unit if level in model().series else None
        units.append(panel_unit)
        line(
            real,
            x=x,
            y=y,
            unit=panel_unit,
            ax=ax,
            labels=labels,
            series=level if facet == "series" else None,
            decimals=decimals,
        )
        if "measure" in part and (part["measure"] == "begroting").any():
            # dark grey, as the targets of the bar charts: in the line's blue a target close to a point merged with it
            target_line(part, x=x, y=y, ax=ax, label=target_label, colour=NEUTRAL)
        if ax.get_legend():
            ax.get_legend().remove()
        ax.set_title(textwrap.fill(name(level), int(34 * 2 / cols)), fontsize=FONT_PT, loc="left")
        state(ax).panel = True
    if x == "year":  # one time axis for the grid: every panel shows every year, whatever it drew itself
        real_all = data[data["measure"] == "realisatie"] if "measure" in data else data
        part = incomplete(real_all)
        years = sorted({int(v) for v in data[x]})
        years = list(range(years[0], years[-1] + 1))
        ticks = {}
        for year in years:
            partial = real_all[(real_all[x] == year) & part]
            ticks[year] = (
                partial_label(year, partial["reference_date"].iloc[0]).replace(" (", "\n(")
                if not partial.empty
                else str(year)
            )
        for ax in shown:
            ax.set_xticks(list(ticks), list(ticks.values()))
            ax.set_xlim(years[0] - 0.5, years[-1] + 0.5)
    if ylim is not None or (len(set(units)) == 1 and units[0] is not None):
        # one value range for panels in one unit: from 0 (or the unit's minimum) to the highest value or target
        extents = [e for e in (_value_extent(ax, "y") for ax in shown) if e is not None]
        if ylim is not None:
            low, high = ylim
        elif extents:
            low = min(_unit_min(units[0]), min(e[0] for e in extents))
            top = max(e[1] for e in extents)
            high = top + 0.2 * (top - low) if top > low else low + 1  # room for a label above the highest point
        for ax in shown:
            if ylim is not None or extents:
                ax.set_ylim(low, high)
            state(ax).shared = list(shown)
    for ax in shown:
        cover_values(ax)
    for ax in flat[len(levels) :]:
        ax.set_visible(False)
    from matplotlib.lines import Line2D

    handles = {"realisatie": Line2D([], [], color=colours.OKABE_ITO["blue"], marker="o", linewidth=2)}
    # the panel's own line is named by its title, not in the legend: one entry a kind of mark, in drawing order
    own = {_level_name("series", level) for level in levels} if facet == "series" else {str(v) for v in levels}
    for ax in shown:
        for h, lab in zip(*handles_of(ax)):
            if lab not in handles and lab != "None" and lab not in own:
                handles[lab] = h
    if handles:
        make_legend(
            fig,
            list(handles.values()),
            list(handles),
            loc="outside upper right",
            ncols=min(len(handles), 3),
            fontsize=SMALL_PT,
            frameon=False,
        )
    if title:
        fig.suptitle(title, x=0.01, ha="left", fontweight="bold")
    if source is not False:
        src = data if source is None else source
        bottom_left = flat[(rows - 1) * cols]
        if isinstance(src, str):
            add_source(bottom_left, text=src)
        else:
            add_source(bottom_left, src)
    return fig
