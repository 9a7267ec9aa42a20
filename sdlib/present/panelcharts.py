"""Drawing the panels of a verkenner layout (:mod:`sdlib.present.panels`) with :mod:`sdlib.present.plot`.

Charts are drawn on :class:`matplotlib.figure.Figure` objects that pyplot does not know about and rendered to
PNG here, under one lock: matplotlib is not thread-safe, and the verkenner's widget draws on a worker thread while
a notebook cell may draw too. What this module adds to the house style of :mod:`sdlib.present.plot`:

* a panel of one series: lines with their begroting as target lines in the line's colour, or horizontal bars
  with the begroting in the house grey;
* publications of the same year side by side (the layout says so), with the years as the ticks;
* value axes of bars with as many ticks as fit without touching (measured when the figure is drawn), room for
  the value labels beside the longest bar (also of negative bars), and no percentage tick above 100%;
* years of a month axis on their own row, clear of the month names;
* panel heights from the number of lines, legend entries and categories, and one "Bron:" line under all.
"""

from __future__ import annotations

import io
import threading

from sdlib.present import panels, plot
from sdlib.present.colours import GREY

__all__ = ["figure", "png_bytes", "WIDTH_IN", "DRAW_LOCK"]

WIDTH_IN = 7.2  # inches, one chart; fits the notebook width and the A4 text width
DRAW_LOCK = threading.RLock()  # matplotlib is not thread-safe: one drawing at a time
NAME_CHARS = 30  # category names beside bars wrap at this many characters a line (as plot.bars wraps them)
LEGEND_CHARS = 28  # legend entries wrap at this many characters a line
_STYLE = []


def _style():
    if not _STYLE:
        plot.setup()
        _STYLE.append(True)


def _legend_lines(panel) -> int:
    if panel.hue is None:
        levels = []
    else:
        levels = list(dict.fromkeys(panel.rows[panel.hue]))
    lines = sum(panels.wrap(v, LEGEND_CHARS).count("\n") + 1 for v in levels)
    if panel.kind == "line" and len(panel.targets):
        lines += max(1, panel.targets["_hue"].nunique())
    return lines + 2  # room for the marks of partial, provisional and before-break years


def _panel_height(panel) -> float:
    if panel.kind == "line":
        low = 2.2 if panel.hue is None and panel.title else 2.9  # a small multiple of one line
        return max(low, 0.19 * _legend_lines(panel) + 0.9) + (0.25 if panel.title else 0)
    cats = list(dict.fromkeys(panel.rows[panel.x]))
    bars = 0.12 + 0.15 * panel.levels  # inches a category needs for its bars, or for its wrapped name
    height = sum(max(bars, 0.16 * (panels.wrap(c, NAME_CHARS).count("\n") + 1) + 0.1) for c in cats)
    return max(1.9, 0.8 + height, 0.19 * _legend_lines(panel) + 0.6) + (0.25 if panel.title else 0)


def _wrapped(rows, column: str, width: int):
    return rows.assign(**{column: [panels.wrap(v, width) for v in rows[column]]})


def _draw_line(ax, panel, lay):
    rows = panel.rows
    if panel.hue:
        rows = _wrapped(rows, panel.hue, LEGEND_CHARS)
    years = sorted({int(y) for y in rows["year"]})
    dodged = lay.revisions and not rows.attrs.get("has_month") and "month" not in rows
    if dodged:  # the publications of one year side by side, so that no value hides another
        pubs = list(dict.fromkeys(rows.sort_values("published", kind="stable")["_pub"]))
        shift = {p: (i - (len(pubs) - 1) / 2) * panels.DODGE * 2 for i, p in enumerate(pubs)}
        rows = rows.assign(year=rows["year"] + rows["_pub"].map(shift))
    plot.line(
        rows, x="year", hue=panel.hue, unit=lay.unit, ax=ax, labels=True, series=lay.series_id, colour=panel.colour
    )
    if "month" in rows and rows["month"].notna().all():  # the years on their own row, clear of the months
        ax.xaxis.set_tick_params(which="major", pad=plot.SMALL_PT * 2.1)
    if len(panel.targets):
        targets = panel.targets.drop(columns=["month"], errors="ignore") if dodged else panel.targets
        drawn = {ln.get_label(): ln.get_color() for ln in ax.get_lines()}
        for (cat, pub), part in targets.groupby(["_cat", "_pub"], sort=False):
            pub = pub if lay.revisions else ""
            line_label = panels.wrap(panels._join([cat, "", pub]), LEGEND_CHARS)
            colour = drawn.get(line_label) if panel.hue else next(iter(drawn.values()), None)
            label = "begroting" + (f" {cat}" if cat else "") + (f" ({pub})" if pub else "")
            if not cat and not pub:
                label = "begroting (doel)"
            plot.target_line(part, x="year", ax=ax, colour=colour or GREY, label=panels.wrap(label, LEGEND_CHARS))
    if dodged:
        ax.set_xticks(years, [str(y) for y in years])
        ax.set_xlim(years[0] - 0.5, years[-1] + 0.5)


def _fit_ticks(axis, *, integer: bool = False, cap: float | None = None):
    """Give an axis as many ticks as fit without their labels touching (measured when the figure is drawn)."""
    from matplotlib.ticker import MaxNLocator

    class FitLocator(MaxNLocator):
        def __call__(self):
            vmin, vmax = sorted(self.axis.get_view_interval())
            ax = self.axis.axes
            length = ax.bbox.width if self.axis is ax.xaxis else ax.bbox.height
            px = ax.figure.dpi / 72
            fmt = self.axis.get_major_formatter()
            ticks = []
            for n in (8, 6, 5, 4, 3, 2, 1):
                self.set_params(nbins=n)
                ticks = [t for t in self.tick_values(vmin, vmax) if cap is None or t <= cap + 1e-9]
                inside = [t for t in ticks if vmin - 1e-9 <= t <= vmax + 1e-9]
                if self.axis is not ax.xaxis:
                    break
                widest = max((len(fmt(t)) for t in inside), default=1) * plot.SMALL_PT * 0.66 * px + 8 * px
                if len(inside) * widest <= length:
                    break
            return ticks

    axis.set_major_locator(FitLocator(integer=integer))


def _grey_targets(ax):
    """Bars of a begroting take the house colour of the begroting (grey), in the bars and in the legend."""
    from matplotlib.patches import Patch

    changed = False
    for container in ax.containers:
        label = str(container.get_label())
        if "begroting" in label and not label.startswith("_"):
            for patch in container.patches:
                patch.set_facecolor(GREY)
            changed = True
    legend = ax.get_legend()
    if not changed or legend is None:
        return
    handles, texts = [], []
    for h, t in zip(legend.legend_handles, legend.get_texts()):
        text = t.get_text()
        if "begroting" in text:
            h = Patch(facecolor=GREY, label=text)
        handles.append(h)
        texts.append(text)
    ax.legend(handles, texts, loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=plot.SMALL_PT)


def _draw_bars(ax, panel, lay):
    rows = _wrapped(panel.rows.drop(columns=["month"], errors="ignore"), panel.x, NAME_CHARS)
    if panel.hue:
        rows = _wrapped(rows, panel.hue, LEGEND_CHARS)
    plot.bars(rows, x=panel.x, hue=panel.hue, unit=lay.unit, ax=ax, horizontal=True, series=lay.series_id)
    _grey_targets(ax)
    layer = plot.label_layer(ax)
    longest = max((len(c[4]) for c in layer.candidates), default=6) if layer is not None else 6
    values = rows["value"].dropna()
    high, low = (float(values.max()), float(values.min())) if len(values) else (0.0, 0.0)
    room = 1.12 + 0.035 * longest  # room for the value labels beside the longest bar, on both sides
    span = max(high, 0.0) - min(low, 0.0)
    ax.set_xlim(min(low, 0.0) - (room - 1) * span * (low < 0), max(high, 0.0) + (room - 1) * span * (high > 0))
    if high <= 0:
        ax.set_xlim(right=0 + 0.02 * span)
    _fit_ticks(ax.xaxis, integer=lay.unit == "count", cap=100.0 if lay.unit == "percent" and high <= 100 else None)


def _draw_layout(fig, lay):
    heights = [_panel_height(p) for p in lay.panels]
    axes = fig.subplots(len(lay.panels), 1, squeeze=False, gridspec_kw={"height_ratios": heights})[:, 0]
    for ax, panel in zip(axes, lay.panels):
        if panel.kind == "line":
            _draw_line(ax, panel, lay)
        else:
            _draw_bars(ax, panel, lay)
        ax.set_title(panels.wrap(panel.title, 70) if panel.title else "", loc="left", fontsize=plot.FONT_PT)
    return axes


def figure(layouts, data_dir=None):
    """Draw the panels of one or more series on a new Figure that pyplot does not manage; the source under all."""
    import pandas as pd
    from matplotlib.figure import Figure

    _style()
    title_in = 0.45
    sizes = [sum(_panel_height(p) for p in lay.panels) + title_in for lay in layouts]
    fig = Figure(figsize=(WIDTH_IN, sum(sizes) + 0.5), layout="constrained")
    subs = [fig] if len(layouts) == 1 else list(fig.subfigures(len(layouts), 1, height_ratios=sizes))
    last = None
    for sub, lay in zip(subs, layouts):
        axes = _draw_layout(sub, lay)
        sub.suptitle(panels.wrap(lay.title, 78), x=0.01, ha="left", fontweight="bold", fontsize=10.5)
        last = axes[-1]
    rows = pd.concat([lay.rows for lay in layouts], ignore_index=True)
    plot.add_source(last, rows)
    return fig


def png_bytes(fig, *, dpi: int = 110) -> bytes:
    """Render a Figure to PNG bytes with the Agg renderer (one drawing at a time, see the module notes)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    with DRAW_LOCK:
        FigureCanvasAgg(fig)  # attaches a private canvas; no pyplot, no GUI
        buf = io.BytesIO()
        fig.savefig(buf, format="png", dpi=dpi, bbox_inches="tight", facecolor="white")
    return buf.getvalue()
