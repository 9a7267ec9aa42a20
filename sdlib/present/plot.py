"""The house style for charts, with its rules built in so that no notebook has to remember them.

Every function follows seaborn: ``f(data, *, x=, y=, hue=, ax=)`` and returns the Axes (a grid of charts,
:func:`small_multiples`, returns the Figure). A report shows a chart with :func:`show`: one HTML figure with the
image, its alternative text, the conclusion and the "Bron:" line as real text.

The rules, and where they are kept
----------------------------------
Incomplete years
    A year whose peildatum lies inside it (2019 with peildatum 9-9-2019, :func:`sentences.partial_years`) is never
    drawn as if comparable: :func:`line` does not connect it (a hollow marker apart, tick label "2019 (t/m 9-9)"),
    :func:`bars` hatches it and labels its tick the same way, :func:`index_line` and :func:`trend_line` leave it
    out and say so in the legend. A figure that is only voorlopig is a whole year: connected, hollow marker.
Real time axis
    Years are numbers on the x axis (2019 and 2024 are five years apart, also in :func:`bars`); rows with a
    ``month`` are drawn on a date axis, also when ``x`` is a label column made from year and month.
Value labels never overlap
    Labels are placed when the figure is drawn, with the real text extents: a label goes above, below, right or
    left of its point, never over another label, a line (targets included), a marker or a bar, and never outside
    the axes; a label that fits nowhere is left out. The first, last and extreme points of each line go first.
Nothing smaller than 8 pt at A4
    Figures are 176 mm wide (the text width of the PDF) and every font is at least 8.5 pt; legends and the source
    line stay inside the figure (constrained layout), so the PDF never scales the image down.
    :func:`min_text_pt` measures it.
One colour per category
    Hue colours come from :func:`sdlib.present.colours.palette`: one Okabe-Ito mapping for every report.
Distinguishable targets
    Each :func:`target_line` takes the colour of its series and its own dash pattern and legend label.
Labels as printed
    Value labels use the printed decimals of the series (catalog ``decimals``; ``decimals=`` or ``series=``), the
    same text as :func:`sdlib.present.tables.table` shows.
"""

from __future__ import annotations

from sdlib.present import colours
from sdlib.present.fmt import fmt_date, fmt_value
from sdlib.present.provenance import flag_provisional, source_text
from sdlib.present.sentences import alt_text, month_abbr, partial_label, partial_years

__all__ = [
    "setup",
    "line",
    "bars",
    "index_line",
    "trend_line",
    "deviation",
    "small_multiples",
    "target_line",
    "add_source",
    "source_line",
    "format_axis",
    "show",
    "chart_html",
    "min_text_pt",
    "PALETTE",
    "FIGSIZE",
    "TEXT_WIDTH_MM",
    "MIN_TEXT_PT",
]

PALETTE = list(colours.OKABE_ITO.values())
TEXT_WIDTH_MM = 176.0
TEXT_WIDTH_IN = TEXT_WIDTH_MM / 25.4
PAD_IN = 0.03  # white margin of a saved chart
FIGSIZE = (TEXT_WIDTH_IN - 2 * PAD_IN, 3.3)  # saved with its margin: the A4 text width, shown at its own size
MIN_TEXT_PT = 8.0
FONT_PT = 9.0  # body text of the charts
SMALL_PT = 8.5  # ticks, legends, value labels, source line: the smallest size used
PROVISIONAL_LABEL = "voorlopig"
PARTIAL_LABEL = "geen volledig jaar"
DASHES = [(0, (5, 2)), (0, (1.5, 1.5)), (0, (7, 2, 1.5, 2)), (0, (3, 1, 1, 1, 1, 1))]
NEUTRAL = "#333333"


def setup() -> None:
    """Apply the house style and silence warnings, for notebooks that end up in a report."""
    import warnings

    import matplotlib as mpl
    import seaborn as sns

    warnings.filterwarnings("ignore")
    sns.set_theme(style="whitegrid", context="notebook", palette=PALETTE, font="DejaVu Sans")
    mpl.rcParams.update(_RC)


_RC = {
    "figure.figsize": FIGSIZE,
    "figure.dpi": 110,
    "figure.constrained_layout.use": True,
    "savefig.dpi": 200,
    "savefig.pad_inches": 0.03,
    "font.size": FONT_PT,
    "axes.titlesize": 10.5,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.labelsize": FONT_PT,
    "xtick.labelsize": SMALL_PT,
    "ytick.labelsize": SMALL_PT,
    "legend.fontsize": SMALL_PT,
    "legend.title_fontsize": SMALL_PT,
    "figure.titlesize": 11,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "legend.frameon": False,
    "axes.formatter.use_locale": False,
}


def _axes(ax, figsize=FIGSIZE):
    import matplotlib.pyplot as plt

    if ax is None:
        _, ax = plt.subplots(figsize=figsize, layout="constrained")
    return ax


def format_axis(ax, unit: str, *, axis: str = "y", decimals: int | None = None):
    """Format the tick labels of an axis in Dutch for a catalog unit (1.234; 45,9%; € 5.565)."""
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    target = ax.yaxis if axis == "y" else ax.xaxis
    if decimals is None:
        decimals = 0 if unit in ("count", "eur", "percent") else 1
    target.set_major_formatter(FuncFormatter(lambda v, _: fmt_value(v, unit, decimals)))
    if unit == "count":
        target.set_major_locator(MaxNLocator(integer=True))
    return ax


def _finish(ax, unit, title, ylabel, xlabel):
    if unit:
        format_axis(ax, unit)
    if title:
        ax.set_title(title)
    ax.set_ylabel(ylabel or "")
    ax.set_xlabel(xlabel or "")
    return ax


def _decimals(data, unit, decimals, series):
    """The printed decimals: given, else the catalog's (``series=`` or a one-id ``series`` column), else None."""
    if decimals is not None or unit is None:
        return decimals
    if series is None and "series" in data and data["series"].nunique() == 1:
        series = data["series"].iloc[0]
    if series is None:
        return None
    from sdlib.data.catalog import series_meta

    try:
        return series_meta(series).get("decimals")
    except Exception:  # a series made in a notebook: the unit's default
        return None


# --- time axis -------------------------------------------------------------------------------------------


def _one_to_one(data, x):
    keys = data[["year", "month"]].astype("Int64").astype(str).agg("-".join, axis=1)
    pairs = set(zip(data[x], keys))
    return len(pairs) == len(set(data[x])) == len(set(keys))


def _time(data, x):
    """Return (positions as floats, kind) with kind 'month' (date numbers), 'year' or 'category' (None)."""
    import pandas as pd

    if (
        {"year", "month"} <= set(data.columns)
        and data["month"].notna().all()
        and x in data
        and (x in ("year", "month", "date") or _one_to_one(data, x))
    ):
        import matplotlib.dates as mdates

        dates = pd.to_datetime(pd.DataFrame({"year": data["year"], "month": data["month"], "day": 1}))
        return pd.Series(mdates.date2num(dates), index=data.index), "month"
    if x in data and (
        x == "year"
        or (
            pd.api.types.is_integer_dtype(data[x])
            and data[x].between(1900, 2100).all()
            and any(w in str(x).lower() for w in ("year", "jaar"))
        )
    ):
        return data[x].astype(float), "year"
    return None, "category"


def _time_ticks(ax, data, pos, kind, *, axis="x"):
    """Ticks of a time axis: the years of the data (a partial year as '2019 (t/m 9-9)'), or 1 January of the
    years spanned by month data with the data months as minor ticks."""
    import matplotlib.dates as mdates

    target = ax.xaxis if axis == "x" else ax.yaxis
    if kind == "year":
        part = partial_years(data)
        labels = {}
        for year in sorted(set(pos)):
            rows = data[(pos == year) & part]
            labels[year] = (
                partial_label(year, rows["reference_date"].iloc[0]).replace(" (", "\n(")
                if not rows.empty
                else str(int(year))
            )
        target.set_ticks(list(labels), list(labels.values()))
    elif kind == "month":
        years = sorted({int(mdates.num2date(p).year) for p in pos})
        span = range(years[0], years[-1] + 2) if years[-1] - years[0] < 12 else years
        import datetime

        majors = [mdates.date2num(datetime.datetime(y, 1, 1)) for y in span]
        target.set_ticks(majors, [str(y) for y in span])
        target.set_ticks(sorted(set(pos)), minor=True)
        target.remove_overlapping_locs = False  # a January of the data keeps its month label
        target.set_minor_formatter(_month_formatter())
        target.set_tick_params(which="minor", length=3, width=1, labelsize=SMALL_PT)
        target.set_tick_params(which="major", length=0, pad=SMALL_PT * 1.6)  # years on a second row
        lo, hi = min(pos), max(pos)
        (ax.set_xlim if axis == "x" else ax.set_ylim)(lo - 60, hi + 60)


def _step(pos) -> float:
    """The usual distance between two points in time: the median gap between distinct positions."""
    import numpy as np

    distinct = np.array(sorted(set(pos)))
    return float(np.median(np.diff(distinct))) if len(distinct) > 1 else 1.0


def _break_gaps(xs, ys, step):
    """Insert a break (NaN) where the gap between two points is more than twice the usual step: a line does not
    suggest values for the years between 2019 and 2023."""
    out_x, out_y, prev = [], [], None
    for xv, yv in zip(xs, ys):
        if prev is not None and xv - prev > 2 * step + 1e-9:
            out_x.append(float("nan"))
            out_y.append(float("nan"))
        out_x.append(xv)
        out_y.append(yv)
        prev = xv
    return out_x, out_y


def _month_formatter():
    """Month abbreviations for the data months of a date axis, leaving out a label that would touch the one
    before it (July and August 2019 lie 2 mm apart at A4)."""
    import matplotlib.dates as mdates
    from matplotlib.ticker import Formatter

    class MonthFormatter(Formatter):
        def __call__(self, x, pos=None):
            return month_abbr(mdates.num2date(x).month)

        def format_ticks(self, values):
            labels = [self(v) for v in values]
            try:
                trans = self.axis.axes.transData
                px = [trans.transform((v, 0))[0] for v in values]
                dpi = self.axis.axes.figure.dpi
            except Exception:
                return labels
            out, last = [], None
            for p, lab in zip(px, labels):
                half = len(lab) * SMALL_PT * 0.62 * dpi / 72 / 2
                if last is not None and p - half < last + 2 * dpi / 72:
                    out.append("")
                    continue
                out.append(lab)
                last = p + half
            return out

    return MonthFormatter()


# --- value labels that never overlap ---------------------------------------------------------------------


def _segment_hits(p, q, box) -> bool:
    """Whether the segment p-q (display coordinates) crosses the box (x0, y0, x1, y1): Liang-Barsky."""
    x0, y0, x1, y1 = box
    dx, dy = q[0] - p[0], q[1] - p[1]
    t0, t1 = 0.0, 1.0
    for num, den in ((p[0] - x0, -dx), (x1 - p[0], dx), (p[1] - y0, -dy), (y1 - p[1], dy)):
        if den == 0:
            if num < 0:
                return False
            continue
        t = num / den
        if den < 0:
            t0 = max(t0, t)
        else:
            t1 = min(t1, t)
        if t0 > t1:
            return False
    return True


def _overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


_LAYER = []


def _layer_class():
    """The Artist class of the value labels, made on first use (matplotlib loads only when a chart is drawn)."""
    if _LAYER:
        return _LAYER[0]
    from matplotlib.artist import Artist

    class LabelLayer(Artist):
        """Value labels of one Axes, placed at draw time with collision checks (see the module notes)."""

        def __init__(self, ax):
            super().__init__()
            self.ax = ax
            self.candidates = []  # (priority, order, x, y, text, colour, kind, own patch)
            self.placed = []
            self.set_zorder(6)
            self.set_in_layout(False)

        def add(self, x, y, text, colour, priority, kind="point", own=None):
            self.candidates.append((priority, len(self.candidates), x, y, text, colour, kind, own))
            self.stale = True

        def get_children(self):
            return list(self.placed)

        def draw(self, renderer):
            if not self.get_visible():
                return
            self.placed = _place(self, renderer)
            for text in self.placed:
                text.draw(renderer)

    _LAYER.append(LabelLayer)
    return LabelLayer


_OFFSETS = {
    "point": [
        (0, 5, "center", "bottom"),
        (0, -5, "center", "top"),
        (6, 0, "left", "center"),
        (-6, 0, "right", "center"),
    ],
    "bar": [(0, 2, "center", "bottom")],
    "bar_neg": [(0, -2, "center", "top")],
    "barh": [(3, 0, "left", "center")],
    "barh_neg": [(-3, 0, "right", "center")],
}


def _obstacles(ax, renderer):
    import numpy as np

    segments, boxes = [], []
    px = ax.figure.dpi / 72
    for ln in ax.lines:
        if not ln.get_visible():
            continue
        xy = np.asarray(ln.get_xydata(), dtype=float)
        if len(xy) == 0:
            continue
        pts = ln.get_transform().transform(xy)
        if ln.get_linestyle() not in ("None", "none", "", " ") and len(pts) > 1:
            segments += [
                (pts[i], pts[i + 1])
                for i in range(len(pts) - 1)
                if np.isfinite(pts[i]).all() and np.isfinite(pts[i + 1]).all()
            ]
        if ln.get_marker() not in (None, "None", "none", "", " "):
            r = ln.get_markersize() * px / 2 + 0.5 * px
            boxes += [((p[0] - r, p[1] - r, p[0] + r, p[1] + r), None) for p in pts if np.isfinite(p).all()]
    for patch in ax.patches:
        if patch.get_visible():
            b = patch.get_window_extent(renderer)
            if b.width > 0 and b.height > 0:
                boxes.append(((b.x0, b.y0, b.x1, b.y1), patch))
    return segments, boxes


def _place(layer, renderer):
    from matplotlib.text import Text
    from matplotlib.transforms import ScaledTranslation

    ax = layer.ax
    fig = ax.figure
    segments, boxes = _obstacles(ax, renderer)
    frame = ax.bbox
    pad = 0.75 * fig.dpi / 72
    placed, taken = [], []
    for _, _, x, y, s, colour, kind, own in sorted(layer.candidates, key=lambda c: (c[0], c[1])):
        for dx, dy, ha, va in _OFFSETS[kind]:
            text = Text(x, y, s, fontsize=SMALL_PT, color=colour, ha=ha, va=va)
            text.set_figure(fig)
            text.set_transform(ax.transData + ScaledTranslation(dx / 72, dy / 72, fig.dpi_scale_trans))
            ext = text.get_window_extent(renderer)
            box = (ext.x0 - pad, ext.y0 - pad, ext.x1 + pad, ext.y1 + pad)
            if ext.x0 < frame.x0 or ext.x1 > frame.x1 or ext.y0 < frame.y0 or ext.y1 > frame.y1:
                continue
            if any(_overlap(box, t) for t in taken):
                continue
            if any(_overlap(box, b) for b, owner in boxes if owner is not own or own is None):
                continue
            if any(_segment_hits(p, q, box) for p, q in segments):
                continue
            placed.append(text)
            taken.append((ext.x0, ext.y0, ext.x1, ext.y1))
            break
    return placed


def _labels(ax):
    layer = getattr(ax, "_sd_labels", None)
    if layer is None:
        layer = _layer_class()(ax)
        ax.add_artist(layer)
        ax._sd_labels = layer
    return layer


def _priorities(values) -> list[int]:
    """Rank the points of one series for labelling: last 0, first 1, maximum 2, minimum 3, the rest after."""
    import numpy as np

    n = len(values)
    rank = [10 + (n - 1 - i) for i in range(n)]  # the rest: later points first
    if n == 0:
        return rank
    vals = np.asarray(values, dtype=float)
    for prio, i in ((3, int(np.nanargmin(vals))), (2, int(np.nanargmax(vals))), (1, 0), (0, n - 1)):
        rank[i] = prio
    return rank


# --- legends ---------------------------------------------------------------------------------------------


def _legend(ax):
    handles, labels = ax.get_legend_handles_labels()
    if not handles:
        return None
    return ax.legend(handles, labels, loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=SMALL_PT)


def _flags(data):
    """(partial, voorlopig-only) boolean Series, or (None, None) without the columns."""
    if "provisional" not in data and "reference_date" not in data:
        return None, None
    part = partial_years(data)
    prov = flag_provisional(data) if "provisional" in data else part
    return part, prov & ~part


def _partial_text(data, part):
    dates = sorted(set(data.loc[part, "reference_date"]))
    return f"{PARTIAL_LABEL} (t/m {', '.join(fmt_date(d) for d in dates)})" if dates else PARTIAL_LABEL


def _is_text(column) -> bool:
    import pandas as pd

    return pd.api.types.is_string_dtype(column) or column.dtype == object


def _levels(data, hue):
    """Hue levels in catalog order (data/catalog.yml ``dimensions``), others as they first appear; colours."""
    if hue is None:
        return [None], {None: colours.OKABE_ITO["blue"]}
    from sdlib.data.catalog import read_catalog

    present = list(dict.fromkeys(data[hue]))
    known = []
    for dim in read_catalog()["dimensions"].values():
        known += [v for v in dim.get("values", []) if v in present and v not in known]
    levels = [v for v in known if v in present] + [v for v in present if v not in known]
    return levels, colours.palette(levels)


# --- charts ----------------------------------------------------------------------------------------------


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
):
    """Draw a line per hue level with markers on a real time axis; value labels in Dutch, never overlapping.

    A partial year (peildatum inside the year) is not connected to the line: it stands apart as a hollow marker,
    its tick reads "2019 (t/m 9-9)" and the legend says "geen volledig jaar (t/m 9-9-2019)". A voorlopig whole
    year stays on the line with a hollow marker ("voorlopig").

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

    Returns
    -------
    matplotlib.axes.Axes
    """
    ax = _axes(ax)
    decimals = _decimals(data, unit, decimals, series)
    pos, kind = _time(data, x)
    if pos is None:
        import pandas as pd

        cats = list(dict.fromkeys(data[x]))
        pos = pd.Series([float(cats.index(v)) for v in data[x]], index=data.index)
        ax.set_xticks(range(len(cats)), [str(c) for c in cats])
    step = _step(pos)
    levels, cols = _levels(data, hue)
    if hue is None and colour is not None:
        cols = {None: colour}
    part, prov = _flags(data)
    layer = _labels(ax)
    any_part = any_prov = False
    for level in levels:
        rows = data if level is None else data[data[hue] == level]
        rows = rows.assign(_pos=pos.loc[rows.index]).sort_values("_pos")
        colour_ = cols[level]
        whole = rows if part is None else rows[~part.loc[rows.index]]
        xs, ys = _break_gaps(whole["_pos"], whole[y], step)
        ax.plot(xs, ys, color=colour_, marker="o", markersize=6, label=level, linewidth=2)
        ax._sd_lines = getattr(ax, "_sd_lines", []) + [(str(level), colour_)]
        if part is not None:
            apart = rows[part.loc[rows.index]]
            hollow = rows[prov.loc[rows.index]]
            if not apart.empty:
                any_part = True
                ax.plot(
                    apart["_pos"],
                    apart[y],
                    linestyle="none",
                    marker="o",
                    markersize=7,
                    markerfacecolor="white",
                    markeredgecolor=colour_,
                    markeredgewidth=1.8,
                    label="_partial",
                )
            if not hollow.empty:
                any_prov = True
                ax.plot(
                    hollow["_pos"],
                    hollow[y],
                    linestyle="none",
                    marker="o",
                    markersize=7,
                    markerfacecolor="white",
                    markeredgecolor=colour_,
                    markeredgewidth=1.8,
                    label="_provisional",
                )
        if labels and unit:
            ranks = _priorities(list(rows[y]))
            for rank, xv, yv in zip(ranks, rows["_pos"], rows[y]):
                if yv != yv or (labels == "ends" and rank >= 10):
                    continue
                layer.add(xv, yv, fmt_value(yv, unit, decimals), colour_, rank)
    if any_part:
        ax.plot(
            [],
            [],
            linestyle="none",
            marker="o",
            markerfacecolor="white",
            markeredgecolor="grey",
            label=_partial_text(data, part),
        )
    if any_prov:
        ax.plot(
            [],
            [],
            linestyle="-",
            marker="o",
            color="grey",
            markerfacecolor="white",
            markeredgecolor="grey",
            label=PROVISIONAL_LABEL,
        )
    if hue is not None or any_part or any_prov:
        _legend(ax)
    if kind in ("year", "month"):
        _time_ticks(ax, data, pos, kind)
    if kind == "year":
        ax.set_xlim(min(pos) - 0.5, max(pos) + 0.5)
    ax._sd_time = kind
    if ylim_zero:
        ax.set_ylim(bottom=min(0, ax.get_ylim()[0]), top=ax.get_ylim()[1] * 1.1)
    return _finish(ax, unit, title, ylabel, xlabel)


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

    Years stand on a numeric axis (a gap between 2019 and 2024 shows); rows with a ``month`` stand on a date
    axis (also when ``x`` is a label made of year and month): time never becomes equally spaced categories.
    Other ``x`` values are categories in the order they first appear.

    Parameters
    ----------
    labels : bool or "ends", default True
        Value labels where they fit (True), only first, last and extremes ("ends"), or none.
    decimals, series
        Printed decimals of the labels, as in :func:`line`.

    Returns
    -------
    matplotlib.axes.Axes
    """
    import numpy as np
    import pandas as pd

    ax = _axes(ax)
    decimals = _decimals(data, unit, decimals, series)
    tpos, kind = _time(data, x)
    if tpos is None:
        cats = list(dict.fromkeys(data[x]))
        tpos = pd.Series([float(cats.index(v)) for v in data[x]], index=data.index)
    distinct = np.array(sorted(set(tpos)))
    step = float(np.min(np.diff(distinct))) if len(distinct) > 1 else (30.0 if kind == "month" else 1.0)
    group = 0.8 * step
    levels, cols = _levels(data, hue)
    width = group / len(levels)
    part, prov = _flags(data)
    layer = _labels(ax)
    any_part = any_prov = False
    draw = ax.barh if horizontal else ax.bar
    for i, level in enumerate(levels):
        rows = data if level is None else data[data[hue] == level]
        rows = rows.assign(_pos=tpos.loc[rows.index] - group / 2 + width * (i + 0.5)).sort_values("_pos")
        colour_ = cols[level]
        drawn = draw(rows["_pos"], rows[y], width * 0.92, color=colour_, label=level)
        for patch, idx in zip(drawn, rows.index):
            if part is not None and part.loc[idx]:
                any_part = True
                patch.set_hatch("///")
                patch.set_alpha(0.55)
                patch.set_edgecolor("white")
            elif prov is not None and prov.loc[idx]:
                any_prov = True
                patch.set_hatch("..")
                patch.set_edgecolor("white")
        if labels and unit:
            ranks = _priorities(list(rows[y]))
            for rank, patch, xv, yv in zip(ranks, drawn, rows["_pos"], rows[y]):
                if yv != yv or (labels == "ends" and rank >= 10):
                    continue
                where = ("barh" if horizontal else "bar") + ("_neg" if yv < 0 else "")
                xy = (yv, xv) if horizontal else (xv, yv)
                layer.add(*xy, fmt_value(yv, unit, decimals), NEUTRAL, rank, kind=where, own=patch)
    if kind in ("year", "month"):
        _time_ticks(ax, data, tpos, kind, axis="y" if horizontal else "x")
        if kind == "year":
            lim = (min(tpos) - 0.5 * step, max(tpos) + 0.5 * step)
            (ax.set_ylim if horizontal else ax.set_xlim)(*lim)
    else:
        ticks = sorted(set(tpos))
        cats = list(dict.fromkeys(data[x]))
        (ax.set_yticks if horizontal else ax.set_xticks)(ticks, [str(c) for c in cats])
    if horizontal:
        ax.invert_yaxis()
        ax.set_xlim(right=ax.get_xlim()[1] * 1.15)
    else:
        ax.set_ylim(top=ax.get_ylim()[1] * 1.1)
    from matplotlib.patches import Patch

    if any_part:
        ax.legend_handles_extra = getattr(ax, "legend_handles_extra", [])
        ax.legend_handles_extra.append(
            Patch(facecolor="lightgrey", hatch="///", edgecolor="white", label=_partial_text(data, part))
        )
    if any_prov:
        ax.legend_handles_extra = getattr(ax, "legend_handles_extra", [])
        ax.legend_handles_extra.append(
            Patch(facecolor="lightgrey", hatch="..", edgecolor="white", label=PROVISIONAL_LABEL)
        )
    extra = getattr(ax, "legend_handles_extra", [])
    if hue is not None or extra:
        handles, names = ax.get_legend_handles_labels()
        ax.legend(
            handles + extra,
            names + [h.get_label() for h in extra],
            loc="upper left",
            bbox_to_anchor=(1.0, 1.0),
            fontsize=SMALL_PT,
        )
    ax._sd_time = kind
    if unit:
        format_axis(ax, unit, axis="x" if horizontal else "y")
    return _finish(ax, None, title, ylabel, xlabel)


def target_line(data, *, x="year", y="value", ax=None, label=None, colour=None, hue=None):
    """Draw targets (rows with measure 'begroting') as a dashed line, distinguishable from every other target.

    Each target line takes the colour of its series and a dash pattern of its own: the colour is ``colour``,
    else the colour of the hue level (``hue``), else that of the line on ``ax`` whose label is a value of the
    rows (e.g. ``reeks == "bij instroom"``), else that of the only line drawn with :func:`line`, else dark grey.
    Value labels keep clear of target lines (they are placed when the figure is drawn).

    Parameters
    ----------
    label : str, optional
        Legend text; by default "begroting (doel)", or "begroting <level>" when the colour came from a level.
    hue : str, optional
        One target line per level of this column, each in the level's colour.

    Returns
    -------
    matplotlib.axes.Axes
    """
    ax = _axes(ax)
    rows = data[data["measure"] == "begroting"] if "measure" in data else data
    if hue is not None:
        levels, cols = _levels(rows, hue)
        for level in levels:
            target_line(
                rows[rows[hue] == level], x=x, y=y, ax=ax, colour=cols[level], label=label or f"begroting {level}"
            )
        return ax
    named = None
    if colour is None:
        drawn = dict(getattr(ax, "_sd_lines", []))
        for col in rows.columns:
            values = set(rows[col].dropna().astype(str)) if _is_text(rows[col]) else set()
            if len(values) == 1 and next(iter(values)) in drawn:
                named = next(iter(values))
                colour = drawn[named]
                break
        if colour is None and len(drawn) == 1:
            colour = next(iter(drawn.values()))
        if colour is None:
            colour = NEUTRAL
    count = getattr(ax, "_sd_targets", 0)
    ax._sd_targets = count + 1
    if label is None:
        label = f"begroting {named}" if named else ("begroting (doel)" if count == 0 else f"begroting ({count + 1})")
    pos, _ = _time(rows, x)
    xs = rows[x] if pos is None else pos
    order = xs.sort_values().index
    ax.plot(
        xs.loc[order],
        rows.loc[order, y],
        linestyle=DASHES[count % len(DASHES)],
        color=colour,
        linewidth=1.6,
        label=label,
    )
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
    part = partial_years(data)
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
    ax._sd_left_out = sorted(set(left_out[x])) if not left_out.empty else []
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
    rows = data[~partial_years(data)]
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


def deviation(data, *, x="value", y="title", good=None, unit="percent", ax=None, title=None, ylabel=None, xlabel=None):
    """Draw horizontal bars of a deviation (e.g. realisation against budget in %) with a line at zero.

    Parameters
    ----------
    data : pandas.DataFrame
        One row per bar, drawn from the bottom up in the order of the rows (sort them first).
    x : str, default "value"
        Column with the deviation (bar length).
    y : str, default "title"
        Column with the bar labels.
    good : str, optional
        Boolean column: green where true (e.g. the target is met), orange where false or None.
        Without it all bars are orange.
    unit : str, default "percent"
        Catalog unit of the deviation axis.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; by default a new figure whose height fits the number of bars.

    Returns
    -------
    matplotlib.axes.Axes
    """
    ax = _axes(ax, figsize=(FIGSIZE[0], 0.32 * len(data) + 1))
    flags = data[good] if good is not None else [False] * len(data)
    met, missed = colours.OKABE_ITO["bluish green"], colours.OKABE_ITO["orange"]
    ax.barh(data[y], data[x], color=[met if flag else missed for flag in flags])
    ax.axvline(0, color="black", linewidth=0.8)
    format_axis(ax, unit, axis="x")
    if title:
        ax.set_title(title)
    ax.tick_params(axis="y", labelsize=SMALL_PT)
    if ylabel is not None:
        ax.set_ylabel(ylabel)
    if xlabel is not None:
        ax.set_xlabel(xlabel)
    return ax


def small_multiples(
    data,
    *,
    facet="series",
    x="year",
    y="value",
    unit=None,
    title=None,
    titles=None,
    cols=2,
    height=2.6,
    ylim=None,
    labels=True,
    source=None,
    decimals=None,
):
    """Draw one small line chart per series (or other ``facet`` level) in a grid, with the targets dashed.

    Each panel shows the rows with measure ``realisatie`` as :func:`line` and those with ``begroting`` as
    :func:`target_line`; provisional points are hollow, partial years apart. The panels share the x axis
    (a real year axis); unused cells stay empty. One legend under the grid explains the marks; the "Bron:" line
    goes under the bottom-left panel (``source=False``: none, for :func:`show`).

    Parameters
    ----------
    data : pandas.DataFrame
        Tidy rows of several series, e.g. from :func:`sdlib.load_many`, with a ``measure`` column.
    facet : str, default "series"
        Column with one panel per level, in the order the levels first appear.
    unit : str, optional
        Catalog unit for the axes and value labels.
    title : str, optional
        Title above the grid.
    titles : dict or callable, optional
        Panel title per level; by default the catalog title when ``facet`` is "series", else the level.
    cols : int, default 2
        Panels per row.
    height : float, default 2.6
        Height of a row of panels in inches (the width is the A4 text width).
    ylim : (float, float), optional
        Range of every y axis, e.g. ``(0, 100)`` for percentages.
    labels : bool or "ends", default True
        Value labels where they fit.
    source : pandas.DataFrame, str or False, optional
        Rows (or the text) for the "Bron:" line; by default ``data``.
    decimals : int, optional
        Printed decimals of the labels; by default the catalog's per series.

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
    rows = max(math.ceil(len(levels) / cols), 1)
    fig, axes = plt.subplots(
        rows, cols, figsize=(FIGSIZE[0], height * rows + 0.6), sharex=True, squeeze=False, layout="constrained"
    )
    flat = list(axes.flat)
    for ax, level in zip(flat, levels):
        part = data[data[facet] == level]
        real = part[part["measure"] == "realisatie"] if "measure" in part else part
        line(
            real,
            x=x,
            y=y,
            unit=unit,
            ax=ax,
            labels=labels,
            series=level if facet == "series" else None,
            decimals=decimals,
        )
        if "measure" in part and (part["measure"] == "begroting").any():
            target_line(part, x=x, y=y, ax=ax, label="begroting (doel)")
        if ax.get_legend():
            ax.get_legend().remove()
        ax.set_title(textwrap.fill(name(level), int(34 * 2 / cols)), fontsize=FONT_PT, loc="left")
        if ylim is not None:
            ax.set_ylim(*ylim)
    if x == "year":
        flat[0].set_xticks(sorted(data[x].unique()))  # shared: every panel gets all years
        flat[0].set_xlim(min(data[x]) - 0.5, max(data[x]) + 0.5)
    for ax in flat[len(levels) :]:
        ax.set_visible(False)
    from matplotlib.lines import Line2D

    handles = {"realisatie": Line2D([], [], color=colours.OKABE_ITO["blue"], marker="o", linewidth=2)}
    for ax in flat[: len(levels)]:
        for h, lab in zip(*ax.get_legend_handles_labels()):
            if lab not in handles and lab != "None":
                handles[lab] = h
    if handles:
        fig.legend(
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


# --- size check and accessible display -------------------------------------------------------------------


def _figure(fig_or_ax):
    from matplotlib.figure import Figure

    if isinstance(fig_or_ax, Figure):
        return fig_or_ax
    return fig_or_ax.get_figure(root=True) if hasattr(fig_or_ax, "get_figure") else fig_or_ax.figure


def min_text_pt(fig_or_ax) -> float:
    """Return the smallest font size in the chart as it appears in the PDF, in points.

    The report shows the image at its own size, or scaled down to the text width (176 mm) when the saved image
    (``bbox_inches="tight"``) is wider; the size of every visible text artist is multiplied by that scale.
    """
    from matplotlib.text import Text

    fig = _figure(fig_or_ax)
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    saved = fig.get_tightbbox(renderer).width + 2 * PAD_IN  # inches, as saved with bbox_inches="tight"
    scale = min(1.0, TEXT_WIDTH_IN / saved)
    sizes = [
        t.get_fontsize()
        for t in fig.findobj(Text)
        if t.get_visible() and t.get_text().strip() and t.get_window_extent(renderer).width > 0
    ]
    return min(sizes) * scale if sizes else float("inf")


def _png_width(png: bytes) -> int:
    return int.from_bytes(png[16:20], "big")  # IHDR width


def chart_html(fig_or_ax, text: str, *, kind: str, source=None, dpi: int = 200) -> str:
    """Return the HTML figure of :func:`show` (the image inline as PNG) and close the figure.

    Parameters
    ----------
    fig_or_ax : matplotlib.figure.Figure or matplotlib.axes.Axes
    text : str
        The conclusion the chart shows, one or two sentences (from :mod:`sdlib.present.sentences`).
    kind : str
        Dutch chart type for the alternative text (:data:`sdlib.present.sentences.CHART_KINDS`).
    source : pandas.DataFrame or str, optional
        Rows the figures came from (the "Bron:" line of :func:`sdlib.present.provenance.source_text`) or the line.
    dpi : int, default 200
        Resolution of the PNG (at least 150).
    """
    import base64
    import html
    import io

    import matplotlib.pyplot as plt

    if dpi < 150:
        raise ValueError("dpi must be at least 150 for print")
    fig = _figure(fig_or_ax)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi, bbox_inches="tight", pad_inches=PAD_IN, facecolor="white")
    plt.close(fig)
    png = buf.getvalue()
    width = round(_png_width(png) * 96 / dpi)  # CSS pixels: the figure's own size in the HTML and the PDF
    alt = html.escape(alt_text(kind, text), quote=True)
    parts = [
        '<figure class="sd-chart">',
        f'<img src="data:image/png;base64,{base64.b64encode(png).decode("ascii")}" alt="{alt}" width="{width}">',
        f'<figcaption><p class="sd-conclusion">{html.escape(text)}</p>',
    ]
    if source is not None:
        line_ = source if isinstance(source, str) else source_text(source)
        parts.append(f'<p class="sd-source">{html.escape(line_)}</p>')
    parts.append("</figcaption></figure>")
    return "".join(parts)


def show(fig_or_ax, text: str, *, kind: str, source=None, dpi: int = 200) -> None:
    """Show a chart in a report as one HTML figure: image with alt text, conclusion and source line as text.

    The figure is rendered to PNG (``dpi`` ≥ 150) and closed, so the inline backend does not show it a second
    time; one IPython HTML output holds ::

        <figure class="sd-chart"><img src="data:image/png;base64,..." alt="Lijngrafiek. <text>" width="...">
        <figcaption><p class="sd-conclusion"><text></p><p class="sd-source">Bron: ...</p></figcaption></figure>

    Examples
    --------
    >>> ax = plot.line(inflow, unit="count", title="Instroom")
    >>> plot.show(ax, sentences.change(inflow, start=2016, end=2018, subject="De instroom"), kind="lijngrafiek",
    ...           source=inflow)
    """
    from IPython.display import HTML, display

    display(HTML(chart_html(fig_or_ax, text, kind=kind, source=source, dpi=dpi)))
