"""The house style of the charts: sizes, fonts, colours, axis formats, legends (no chart drawing here)."""

from __future__ import annotations

from weakref import WeakKeyDictionary

from sdlib.calc.periods import incomplete, provisional, unsure
from sdlib.present import colours
from sdlib.present.fmt import fmt_date, fmt_eur, fmt_value

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


TARGET_LABEL = "doel"  # the legend word of a target (the documents' "begroting")


BEFORE_BREAK_LABEL = "eerdere reeks (niet vergelijkbaar)"  # figures before a series break (trendbreuk)


BEFORE_BREAK_GREY = "#767676"  # their marks and labels: a grey that keeps 4.5:1 on white


HATCH = "///"  # provisional and incomplete bars are hatched ("gearceerd"), their legend swatch the same


GAP_LABEL = "geen cijfers"  # written in the slot of a missing year on a year axis


NEUTRAL = "#333333"


def setup() -> None:
    """Apply the house style (seaborn theme and the sizes of the A4 page) to matplotlib."""
    import matplotlib as mpl
    import seaborn as sns

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


def in_millions(unit, values) -> bool:
    """Euro amounts of a million or more are shown in millions in a chart: '€ 67,9 mln', an axis '€ 100 mln'."""
    if unit != "eur":
        return False
    found = [abs(float(v)) for v in values if v == v]
    return bool(found) and max(found) >= 1_000_000


MINUS = "\u2212"  # the minus sign of a chart's numbers: "−5", "−€ 710", never the hyphen of "-5"


def minus(text: str) -> str:
    """A number as a chart prints it: a leading hyphen-minus becomes the real minus sign (U+2212)."""
    return MINUS + text[1:] if text.startswith("-") else text


def value_text(value, unit, decimals=None, *, millions: bool = False) -> str:
    """A value label of a chart: as the tables print it, or in millions of euros (one decimal); negative with
    the real minus sign."""
    if millions:
        return minus(fmt_eur(value / 1_000_000, 1) + " mln")
    return minus(fmt_value(value, unit, decimals))


def format_axis(ax, unit: str, *, axis: str = "y", decimals: int | None = None, millions: bool = False):
    """Format the tick labels of an axis in Dutch for a catalog unit (1.234; 45,9%; € 5.565; € 100 mln; −5)."""
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    target = ax.yaxis if axis == "y" else ax.xaxis
    if decimals is None:
        decimals = 0 if unit in ("count", "eur", "percent") else 1
    if millions:
        target.set_major_formatter(
            FuncFormatter(
                lambda v, _: (
                    fmt_eur(0, 0)
                    if v == 0
                    else minus(fmt_eur(v / 1_000_000, 0 if (v / 1_000_000).is_integer() else 1) + " mln")
                )
            )
        )
        return ax
    target.set_major_formatter(FuncFormatter(lambda v, _: minus(fmt_value(v, unit, decimals))))
    if unit == "count" or decimals == 0:  # ticks at whole numbers only: 2,5 is never printed as "3"
        target.set_major_locator(MaxNLocator(integer=True, steps=[1, 2, 5, 10]))
    return ax


def _finish(ax, unit, title, ylabel, xlabel, *, millions: bool = False):
    if unit:
        format_axis(ax, unit, millions=millions)
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


_LEGEND_ENTRIES: WeakKeyDictionary = WeakKeyDictionary()


def make_legend(owner, handles, labels, **kwargs):
    """Draw a legend on an Axes or Figure whose entries may be tuples of marks (one hollow marker per colour drawn,
    side by side), and remember its entries as given: a phone rendering lays them out anew under the chart."""
    from matplotlib.legend_handler import HandlerTuple

    handles, labels = list(handles), list(labels)
    legend = owner.legend(handles, labels, handler_map={tuple: HandlerTuple(ndivide=None, pad=0.2)}, **kwargs)
    _LEGEND_ENTRIES[legend] = (handles, labels)
    return legend


def legend_entries(legend) -> tuple[list, list]:
    """(handles, texts) of a legend as they were given (tuples kept), else as matplotlib holds them."""
    found = _LEGEND_ENTRIES.get(legend)
    if found is not None:
        return list(found[0]), [t.get_text() for t in legend.get_texts()]
    return list(legend.legend_handles), [t.get_text() for t in legend.get_texts()]


def handles_of(ax) -> tuple[list, list]:
    """The legend entries of an Axes: its labelled artists, then the marks the chart functions keep apart
    (``state(ax).extra_handles``: hatched bars, hollow markers per colour)."""
    from matplotlib.container import BarContainer
    from matplotlib.patches import Patch

    from sdlib.present.plot.state import state

    handles, labels = ax.get_legend_handles_labels()
    # a series of bars is shown by a plain swatch of its colour: its first bar may be hatched (voorlopig), and the
    # hatched swatch of its own says what hatching means
    handles = [
        Patch(facecolor=h.patches[0].get_facecolor(), label=n) if isinstance(h, BarContainer) and h.patches else h
        for h, n in zip(handles, labels)
    ]
    for handle in state(ax).extra_handles:
        label = handle[0].get_label() if isinstance(handle, tuple) else handle.get_label()
        if label not in labels:
            handles.append(handle)
            labels.append(label)
    return handles, labels


def _legend(ax):
    handles, labels = handles_of(ax)
    if not handles:
        return None
    return make_legend(ax, handles, labels, loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=SMALL_PT)


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


def _flags(data):
    """(partial, voorlopig-only) boolean Series, or (None, None) without the columns."""
    if "provisional" not in data and "reference_date" not in data:
        return None, None
    part = incomplete(data)
    return part, (provisional(data) | unsure(data)) & ~part  # a figure the document is not sure of: hatched too


def _partial_text(data, part):
    dates = sorted(set(data.loc[part, "reference_date"]))
    return f"{PARTIAL_LABEL} (t/m {', '.join(fmt_date(d) for d in dates)})" if dates else PARTIAL_LABEL


def _bar_slot_pt(fontsize: float) -> float:
    """The height (pt) a horizontal bar needs so that its value label, at ``fontsize``, stays within its row."""
    return (fontsize * 1.2 + 3.0) / 0.92


UNSURE_LABEL = "uitkomst niet zeker volgens de gemeente"  # round 47: no method word in a legend


def _hatch_label(data, any_part: bool, any_prov: bool) -> str:
    """The legend text of hatched bars: voorlopig, geen volledig jaar (t/m ...), or both in one entry."""
    part, _ = _flags(data)
    partial = _partial_text(data, part) if any_part else ""
    doubt = unsure(data).any() and any_prov
    prov = PROVISIONAL_LABEL if provisional(data).any() or not doubt else ""
    said = " of ".join(w for w in (prov, UNSURE_LABEL if doubt else "") if w)
    if any_part and any_prov:
        return f"{said} of {partial}"
    return partial if any_part else said


def _hatch_handle(colours_used, label: str):
    """One legend swatch that looks like the hatched bars: their colour when they share one, else grey."""
    from matplotlib.colors import to_hex
    from matplotlib.patches import Patch

    used = {to_hex(c) for c in colours_used}
    face = next(iter(used)) if len(used) == 1 else colours.GREY
    return Patch(facecolor=face, hatch=HATCH, edgecolor="white", label=label)


def _value_extent(ax, axis: str):
    """The lowest and highest value drawn on the value axis (lines, markers and bars), or None."""
    import numpy as np
    from matplotlib.patches import Rectangle

    vals = []
    for ln in ax.lines:
        # only lines in data coordinates: a mark in axes coordinates (the sign of a cut axis) holds no values
        if not ln.get_visible() or ln.get_transform() != ax.transData:
            continue
        data = np.asarray(ln.get_ydata() if axis == "y" else ln.get_xdata(), dtype=float)
        vals += [float(v) for v in data if np.isfinite(v)]
    for patch in ax.patches:
        if isinstance(patch, Rectangle) and patch.get_visible():
            if axis == "y":
                vals += [patch.get_y(), patch.get_y() + patch.get_height()]
            else:
                vals += [patch.get_x(), patch.get_x() + patch.get_width()]
    vals = [v for v in vals if np.isfinite(v)]
    return (min(vals), max(vals)) if vals else None


def cover_values(ax) -> None:
    """Widen the value axis until its highest tick holds every value and target (and its lowest tick every value
    below it): an axis whose data reach 2,6 does not stop at a tick of 2,5, a target of 28% is not cut off.

    Axes in ``state(ax).shared`` (panels of one grid) take one range. Called when a chart is built and again when
    it is rendered, at its final size (the ticks depend on the length of the axis).
    """
    from sdlib.present.plot.state import state

    st = state(ax)
    if st.value_axis is None:
        return
    group = [a for a in (st.shared or [ax]) if a.get_visible()] or [ax]
    extents = [e for e in (_value_extent(a, st.value_axis) for a in group) if e is not None]
    if not extents:
        return
    vmin, vmax = min(e[0] for e in extents), max(e[1] for e in extents)
    axis = ax.yaxis if st.value_axis == "y" else ax.xaxis
    get = ax.get_ylim if st.value_axis == "y" else ax.get_xlim
    lo, hi = get()
    if st.shared:
        lo = min(min(a.get_ylim() if st.value_axis == "y" else a.get_xlim()) for a in group)
        hi = max(max(a.get_ylim() if st.value_axis == "y" else a.get_xlim()) for a in group)
    inverted = lo > hi
    lo, hi = min(lo, hi), max(lo, hi)
    locator = axis.get_major_locator()
    for _ in range(6):
        eps = 1e-9 * max(abs(hi - lo), 1e-12)
        ticks = sorted(float(t) for t in locator.tick_values(lo, hi))
        inside = [t for t in ticks if lo - eps <= t <= hi + eps]
        if not inside:
            break
        step = (ticks[1] - ticks[0]) if len(ticks) > 1 else abs(hi - lo) or 1.0
        new_lo, new_hi = lo, hi
        if vmax > inside[-1] + eps:
            above = [t for t in ticks if t >= vmax - eps]
            new_hi = above[0] if above else inside[-1] + step * (1 + (vmax - inside[-1]) // step)
        if vmin < inside[0] - eps:
            below = [t for t in ticks if t <= vmin + eps]
            new_lo = below[-1] if below else inside[0] - step * (1 + (inside[0] - vmin) // step)
        if (new_lo, new_hi) == (lo, hi):
            break
        lo, hi = new_lo, new_hi
    for a in group:
        limits = (hi, lo) if inverted else (lo, hi)
        (a.set_ylim if st.value_axis == "y" else a.set_xlim)(*limits)


def _is_text(column) -> bool:
    import pandas as pd

    return pd.api.types.is_string_dtype(column) or column.dtype == object


def _figure(fig_or_ax):
    from matplotlib.figure import Figure

    if isinstance(fig_or_ax, Figure):
        return fig_or_ax
    return fig_or_ax.get_figure(root=True) if hasattr(fig_or_ax, "get_figure") else fig_or_ax.figure
