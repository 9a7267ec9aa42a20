"""The house style for charts: seaborn theme, colour-blind palette, Dutch number formats, a source line.

Every function follows seaborn: ``f(data, *, x=, y=, hue=, ax=)`` and returns the Axes (a grid of charts,
:func:`small_multiples`, returns the Figure). Provisional or partial-year figures are drawn with hollow markers
(lines) or hatching (bars) and named in the legend.
"""

from __future__ import annotations

from sdlib.present.fmt import fmt_value
from sdlib.present.provenance import flag_provisional, source_text

__all__ = ["setup", "line", "bars", "deviation", "small_multiples", "target_line", "add_source", "format_axis",
           "PALETTE"]

PALETTE = "colorblind"
FIGSIZE = (7.2, 3.4)  # fits the A4 text width at a readable font size
PROVISIONAL_LABEL = "voorlopig / geen volledig jaar"


def setup() -> None:
    """Apply the house style and silence warnings, for notebooks that end up in a report."""
    import warnings

    import matplotlib as mpl
    import seaborn as sns

    warnings.filterwarnings("ignore")
    sns.set_theme(style="whitegrid", context="notebook", palette=PALETTE, font="DejaVu Sans")
    mpl.rcParams.update(
        {
            "figure.figsize": FIGSIZE,
            "figure.dpi": 110,
            "savefig.dpi": 150,
            "axes.titlesize": 12,
            "axes.titleweight": "bold",
            "axes.titlelocation": "left",
            "axes.spines.top": False,
            "axes.spines.right": False,
            "legend.frameon": False,
            "axes.formatter.use_locale": False,
        }
    )


def _axes(ax):
    import matplotlib.pyplot as plt

    if ax is None:
        _, ax = plt.subplots(figsize=FIGSIZE)
    return ax


def format_axis(ax, unit: str, *, axis: str = "y"):
    """Format the tick labels of an axis in Dutch for a catalog unit (1.234; 45,9%; € 5.565)."""
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    target = ax.yaxis if axis == "y" else ax.xaxis
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


def line(data, *, x="year", y="value", hue=None, unit=None, ax=None, title=None, ylabel=None, xlabel=None,
         labels=True, ylim_zero=True):
    """Draw a line per hue level with markers; provisional points hollow, values labelled in Dutch.

    Parameters
    ----------
    data : pandas.DataFrame
        Tidy rows (e.g. from :func:`sdlib.load`), with ``provisional`` and ``reference_date`` when available.
    unit : str, optional
        Catalog unit for the axis and labels (count, percent, eur, years, score).
    labels : bool, default True
        Write the value above each point.
    """
    import seaborn as sns

    ax = _axes(ax)
    levels = [None] if hue is None else list(dict.fromkeys(data[hue]))
    colors = sns.color_palette(PALETTE, max(len(levels), 1))
    flagged = flag_provisional(data) if {"provisional", "reference_date"} <= set(data.columns) else None
    any_flag = False
    for color, level in zip(colors, levels):
        part = data if level is None else data[data[hue] == level]
        part = part.sort_values(x)
        ax.plot(part[x], part[y], color=color, marker="o", label=level, linewidth=2)
        if flagged is not None:
            f = flagged.loc[part.index]
            if f.any():
                any_flag = True
                ax.plot(part.loc[f, x], part.loc[f, y], linestyle="none", marker="o", markersize=9,
                        markerfacecolor="white", markeredgecolor=color, markeredgewidth=2)
        if labels and unit:
            for xv, yv in zip(part[x], part[y]):
                ax.annotate(fmt_value(yv, unit), (xv, yv), textcoords="offset points", xytext=(0, 7),
                            ha="center", fontsize=8, color=color)
    if any_flag:
        ax.plot([], [], linestyle="none", marker="o", markerfacecolor="white", markeredgecolor="grey",
                label=PROVISIONAL_LABEL)
    if hue is not None or any_flag:
        ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=9)
    if x == "year":
        ax.set_xticks(sorted(data[x].unique()))
    if ylim_zero:
        ax.set_ylim(bottom=min(0, ax.get_ylim()[0]), top=ax.get_ylim()[1] * 1.08)
    return _finish(ax, unit, title, ylabel, xlabel)


def bars(data, *, x="year", y="value", hue=None, unit=None, ax=None, title=None, ylabel=None, xlabel=None,
         labels=True, horizontal=False):
    """Draw grouped bars; provisional bars hatched; values labelled in Dutch."""
    import numpy as np
    import seaborn as sns

    ax = _axes(ax)
    cats = list(dict.fromkeys(data[x]))
    levels = [None] if hue is None else list(dict.fromkeys(data[hue]))
    colors = sns.color_palette(PALETTE, max(len(levels), 1))
    width = 0.8 / len(levels)
    flagged = flag_provisional(data) if {"provisional", "reference_date"} <= set(data.columns) else None
    any_flag = False
    pos = np.arange(len(cats))
    for i, (color, level) in enumerate(zip(colors, levels)):
        part = data if level is None else data[data[hue] == level]
        vals = part.set_index(x)[y].reindex(cats)
        offsets = pos - 0.4 + width * (i + 0.5)
        draw = ax.barh if horizontal else ax.bar
        bars_ = draw(offsets, vals.values, width * 0.95, color=color, label=level)
        if flagged is not None:
            flags = flagged.loc[part.index].set_axis(part[x]).reindex(cats).fillna(False)
            for bar, flag in zip(bars_, flags):
                if flag:
                    any_flag = True
                    bar.set_hatch("///")
                    bar.set_edgecolor("white")
        if labels and unit:
            ax.bar_label(bars_, labels=[fmt_value(v, unit) for v in vals.values], fontsize=7, padding=2)
    if horizontal:
        ax.set_yticks(pos, [str(c) for c in cats])
        ax.invert_yaxis()
    else:
        ax.set_xticks(pos, [str(c) for c in cats])
    if any_flag:
        from matplotlib.patches import Patch

        marker = ax.legend(handles=[Patch(facecolor="lightgrey", hatch="///", edgecolor="white",
                                          label=PROVISIONAL_LABEL)], loc="lower left", bbox_to_anchor=(1.0, 0.0),
                           fontsize=8)
        if hue is not None:  # keep this legend beside the one of the hue levels
            ax.add_artist(marker)
    if hue is not None:
        ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=9)
    if unit:
        format_axis(ax, unit, axis="x" if horizontal else "y")
    return _finish(ax, None, title, ylabel, xlabel)


def target_line(data, *, x="year", y="value", ax=None, label="begroting (doel)"):
    """Draw targets (rows with measure 'begroting') as a dashed step line with markers."""
    ax = _axes(ax)
    part = data[data["measure"] == "begroting"].sort_values(x) if "measure" in data else data.sort_values(x)
    ax.plot(part[x], part[y], linestyle="--", color="black", marker="_", markersize=14, linewidth=1.2, label=label)
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=9)
    return ax


def add_source(ax, data=None, *, text: str | None = None):
    """Write the "Bron: ..." line under the Axes (from the rows of ``data`` or a given ``text``)."""
    import textwrap

    line_ = text if text is not None else source_text(data)
    ax.annotate("\n".join(textwrap.wrap(line_, 120)), xy=(0, 0), xycoords="axes fraction", xytext=(0, -32),
                textcoords="offset points", va="top", ha="left", fontsize=7.5, color="#444444")
    return ax


def deviation(data, *, x="value", y="title", good=None, unit="percent", ax=None, title=None, ylabel=None,
              xlabel=None):
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
    import matplotlib.pyplot as plt
    import seaborn as sns

    if ax is None:
        _, ax = plt.subplots(figsize=(FIGSIZE[0], 0.32 * len(data) + 1))
    colors = sns.color_palette(PALETTE)
    flags = data[good] if good is not None else [False] * len(data)
    ax.barh(data[y], data[x], color=[colors[2] if flag else colors[1] for flag in flags])
    ax.axvline(0, color="black", linewidth=0.8)
    format_axis(ax, unit, axis="x")
    if title:
        ax.set_title(title)
    ax.tick_params(axis="y", labelsize=8)
    if ylabel is not None:
        ax.set_ylabel(ylabel)
    if xlabel is not None:
        ax.set_xlabel(xlabel)
    return ax


def small_multiples(data, *, facet="series", x="year", y="value", unit=None, title=None, titles=None, cols=2,
                    height=2.9, ylim=None, labels=True, source=None):
    """Draw one small line chart per series (or other ``facet`` level) in a grid, with the targets dashed.

    Each panel shows the rows with measure ``realisatie`` as :func:`line` and those with ``begroting`` as
    :func:`target_line`; provisional points are hollow. The panels share the x axis; unused cells stay empty.
    The "Bron:" line goes under the bottom-left panel.

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
    height : float, default 2.9
        Height of a row of panels in inches (the width is the A4 text width).
    ylim : (float, float), optional
        Range of every y axis, e.g. ``(0, 100)`` for percentages.
    labels : bool, default True
        Write the value above each point.
    source : pandas.DataFrame or str, optional
        Rows (or the text) for the "Bron:" line; by default ``data``.

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
    fig, axes = plt.subplots(rows, cols, figsize=(FIGSIZE[0], height * rows), sharex=True, squeeze=False)
    flat = list(axes.flat)
    for ax, level in zip(flat, levels):
        part = data[data[facet] == level]
        line(part[part["measure"] == "realisatie"], x=x, y=y, unit=unit, ax=ax, labels=labels)
        target_line(part, x=x, y=y, ax=ax)
        ax.get_legend().remove()
        ax.set_title(textwrap.fill(name(level), 42), fontsize=8.5, loc="left")
        if ylim is not None:
            ax.set_ylim(*ylim)
    if x == "year":
        flat[0].set_xticks(sorted(data[x].unique()))  # shared: every panel gets all years
    for ax in flat[len(levels):]:
        ax.set_visible(False)
    if title:
        fig.suptitle(title, x=0.01, ha="left", fontweight="bold")
    fig.tight_layout()
    src = data if source is None else source
    bottom_left = flat[(rows - 1) * cols]
    if isinstance(src, str):
        add_source(bottom_left, text=src)
    else:
        add_source(bottom_left, src)
    return fig
