"""The time axis: years as numbers (gaps stay visible), months on a date axis, incomplete years labelled."""

from __future__ import annotations

from sdlib.calc.periods import incomplete
from sdlib.present.plot.theme import SMALL_PT
from sdlib.present.sentences import month_abbr, partial_label


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


MONTH_LABEL_YEARS = 2  # months spanning more years than this get ticks without names (they would crowd a phone)
MAX_YEAR_TICKS = 15  # up to this many years on an axis, a missing year keeps its tick


def _time_ticks(ax, data, pos, kind, *, axis="x", years=None):
    """Ticks of a time axis: the years of the data (a partial year as '2019 (t/m 9-9)') and the missing years
    between them, or 1 January of the years spanned by month data with the data months as minor ticks.

    ``years`` gives the year of each row when ``pos`` is not the year itself (a partial year set apart)."""
    import matplotlib.dates as mdates

    target = ax.xaxis if axis == "x" else ax.yaxis
    if kind == "year":
        part = incomplete(data)
        years = pos if years is None else years
        labels = {}
        for at in sorted(set(pos)):
            rows = data[(pos == at) & part]
            year = round(float(years[pos == at].iloc[0]))
            labels[at] = (
                partial_label(year, rows["reference_date"].iloc[0]).replace(" (", "\n(")
                if not rows.empty
                else str(year)
            )
        present = {round(float(y)) for y in years}
        missing = _missing_years(present)
        if len(labels) + len(missing) <= MAX_YEAR_TICKS:
            labels.update({float(y): str(y) for y in missing})
        labels = dict(sorted(labels.items()))
        target.set_ticks(list(labels), list(labels.values()))
    elif kind == "month":
        years = sorted({int(mdates.num2date(p).year) for p in pos})
        span = range(years[0], years[-1] + 2) if years[-1] - years[0] < 12 else years
        import datetime

        majors = [mdates.date2num(datetime.datetime(y, 1, 1)) for y in span]
        target.set_ticks(majors, [str(y) for y in span])
        target.set_ticks(sorted(set(pos)), minor=True)
        target.remove_overlapping_locs = False  # a January of the data keeps its month label
        if years[-1] - years[0] <= MONTH_LABEL_YEARS:
            target.set_minor_formatter(_month_formatter())
        else:  # months spread over many years: a tick per data month, the months said in the text, not the axis
            from matplotlib.ticker import NullFormatter

            target.set_minor_formatter(NullFormatter())
        target.set_tick_params(which="minor", length=3, width=1, labelsize=SMALL_PT)
        target.set_tick_params(which="major", length=0, pad=SMALL_PT * 1.6)  # years on a second row
        lo, hi = min(pos), max(pos)
        (ax.set_xlim if axis == "x" else ax.set_ylim)(lo - 60, hi + 60)


_GAP_GROUND = {"boxstyle": "square,pad=0.15", "facecolor": "white", "edgecolor": "none"}  # "geen cijfers": no grid line


def _missing_years(present) -> list[int]:
    """The years between the first and the last of ``present`` that are not in it."""
    present = sorted(int(y) for y in present)
    return [y for y in range(present[0], present[-1] + 1) if y not in present] if present else []


def _gap_notes(ax, present, *, axis="x") -> list:
    """Write "geen cijfers" in the slot of every run of missing years between the years ``present``, at the foot
    of the chart (years on x) or at its left (years on y), at footnote size, on a white ground (no grid line
    runs through it); the value labels keep clear of it."""
    from sdlib.present.plot.state import state
    from sdlib.present.plot.theme import GAP_LABEL

    missing = _missing_years(present)
    runs, notes = [], []
    for y in missing:
        if runs and runs[-1][-1] == y - 1:
            runs[-1].append(y)
        else:
            runs.append([y])
    for run in runs:
        centre = (run[0] + run[-1]) / 2
        if axis == "x":
            note = ax.text(
                centre,
                0.02,
                GAP_LABEL,
                transform=ax.get_xaxis_transform(),
                ha="center",
                va="bottom",
                fontsize=SMALL_PT,
                color="#555555",
                bbox=_GAP_GROUND,
                multialignment="center",
            )
        else:
            note = ax.text(
                0.01,
                centre,
                GAP_LABEL,
                transform=ax.get_yaxis_transform(),
                ha="left",
                va="center",
                fontsize=SMALL_PT,
                color="#555555",
                bbox=_GAP_GROUND,
                multialignment="left",
            )
        state(ax).notes.append((note, float(len(run)), axis))
        notes.append(note)
    return notes


def fit_notes(fig) -> None:
    """Break "geen cijfers" over two lines where its slot is narrower than the text (a phone, a one-year gap)."""
    from sdlib.present.plot.state import state
    from sdlib.present.plot.theme import GAP_LABEL

    for ax in fig.axes:
        notes = state(ax).notes
        if not notes:
            continue
        fig.draw_without_rendering()
        renderer = fig.canvas.get_renderer()
        for note, span, axis in notes:
            note.set_text(GAP_LABEL)
            trans = ax.transData
            a, b = trans.transform((0, 0)), trans.transform((span, span))
            room = abs(b[0] - a[0]) if axis == "x" else ax.get_window_extent(renderer).width
            if note.get_window_extent(renderer).width > 0.92 * room:
                note.set_text(GAP_LABEL.replace(" ", "\n"))


def _step(pos) -> float:
    """The usual distance between two points in time: the median gap between distinct positions."""
    import numpy as np

    distinct = np.array(sorted(set(pos)))
    return float(np.median(np.diff(distinct))) if len(distinct) > 1 else 1.0


def _break_gaps(xs, ys, step, *, years=False):
    """Insert a break (NaN) where a year is missing (``years``), else where the gap between two points is more
    than twice the usual step: a line does not suggest values for the years between 2019 and 2023."""
    most = 1.0 if years else 2 * step
    out_x, out_y, prev = [], [], None
    for xv, yv in zip(xs, ys):
        if prev is not None and xv - prev > most + 1e-9:
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
