"""The layout of one series in the verkenner: which rows go into which chart panel, and how its table is cut.

Every catalog series has to look right without a hand-made chart, so the layout follows a few rules:

* **Time is the x axis, never a category.** Months (``month``) and part-year periods (``period``: '1e halfjaar')
  belong to the time label of a row ("januari 2019", "2019 (1e halfjaar)"), not to its category.
* **A line chart** when the rows form a time series: at least two distinct years or months and one category,
  or four or more points in time. Begroting rows become target lines of the same colour; a printed begroting
  that is no target (0 where higher is better) is left out of the chart and explained in the notes.
* **Horizontal bars** otherwise (one or a few points in time, or part-year periods): the categories on the
  axis, the points in time (and begroting) as colours.
* **At most** :data:`MAX_LINES` lines or :data:`MAX_BARS` categories in one panel. More become small multiples,
  one panel per level of the first dimension (e.g. one per doelstelling), and what still does not fit is cut
  into parts.
* **Publications side by side** (vintage "all"): when two publications give a figure for the same year, each
  publication is its own line, moved a little apart on the year axis so that no value hides another.
* **Tables** have at most :data:`MAX_COLUMNS` columns of figures: a wide table is transposed, and cut into
  parts when it is wide both ways. Headers are the catalog's Dutch words; every value of the view is in the
  table, so a value label that finds no place in the chart can still be read.

Everything here returns data (:class:`Layout`, :class:`Panel`, frames of text); :mod:`sdlib.present.explore`
draws the panels with :mod:`sdlib.present.plot` and renders the tables with :mod:`sdlib.present.tables`.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field

from sdlib.calc.indicators import no_target
from sdlib.calc.periods import not_final
from sdlib.data.catalog import model
from sdlib.present import colours
from sdlib.present.fmt import fmt_value, month_name
from sdlib.present.provenance import source_title

__all__ = [
    "MAX_LINES",
    "MAX_BARS",
    "MAX_COLUMNS",
    "Panel",
    "Layout",
    "layout",
    "labelled",
    "table_parts",
    "notes",
    "wrap",
]

MAX_LINES = 6  # lines in one line panel
MAX_BARS = 10  # categories on the axis of one bar panel
MAX_COLUMNS = 6  # columns of figures in one table
SCALE_RATIO = 10  # lines whose largest values differ more than this get a panel each
TIME_DIMS = ("month", "period")
WHOLE_YEAR = "jaar"  # the period value of a figure over the whole year
DODGE = 0.22  # years from the middle to the point of each of two publications of the same year


def wrap(text: str, width: int) -> str:
    """Wrap a label over lines of at most ``width`` characters (legends, axis categories, titles)."""
    return "\n".join(textwrap.wrap(str(text), width)) or str(text)


@dataclass
class Panel:
    """One chart panel: the rows drawn, how, and its title (empty: the series title above says it)."""

    kind: str  # "line" or "bars"
    rows: object  # DataFrame: the rows drawn as lines or bars
    targets: object  # DataFrame: begroting rows drawn as target lines (line panels), may be empty
    x: str  # "year" for lines (a real time axis), the category column for bars
    hue: str | None  # column of the colours, or None for one colour
    title: str = ""
    colour: str | None = None  # the colour of a panel of one line (the catalog's colour of its category)

    @property
    def levels(self) -> int:
        return 1 if self.hue is None else int(self.rows[self.hue].nunique())

    @property
    def categories(self) -> int:
        return int(self.rows[self.x].nunique()) if self.kind == "bars" else 0


@dataclass
class Layout:
    """The chart panels, table cut and notes of one series in the view."""

    series_id: str
    title: str
    unit: str
    kind: str  # "line" or "bars"
    rows: object  # all rows of the view with the label columns of :func:`labelled`
    panels: list[Panel] = field(default_factory=list)
    left_out: object = None  # rows in the table but not in the chart (a begroting that is no target)
    revisions: bool = False  # two publications give a figure for the same key


# ---------------------------------------------------------------------------------------------------------
# Labels


def _dims(series_id: str, data, data_dir=None) -> list[str]:
    return [d for d in model(data_dir).series[series_id].dimensions if d in data.columns]


def _dim_label(dim: str, value, data_dir=None) -> str:
    dims = model(data_dir).dimensions
    return dims[dim].label(value) if dim in dims else str(value)


def _order(dim: str, values, data_dir=None) -> list:
    """The levels of a dimension in catalog order, the rest as they appear."""
    present = list(dict.fromkeys(values))
    dims = model(data_dir).dimensions
    known = [v for v in dims[dim].values if v in present] if dim in dims else []
    known_text = {str(v) for v in known}
    return known + [v for v in present if str(v) not in known_text]


def _category_dims(series_id: str, data, data_dir=None) -> list[str]:
    """Dimensions (not time) with more than one value in the rows, in catalog order."""
    return [d for d in _dims(series_id, data, data_dir) if d not in TIME_DIMS and data[d].nunique(dropna=False) > 1]


def _join(parts) -> str:
    return " · ".join(p for p in parts if p)


def labelled(data, series_id: str, *, vintage: str = "latest", data_dir=None):
    """Add the label columns of the layout to tidy rows of one series.

    ``_time`` (time label: "2019", "januari 2019", "2019 (1e halfjaar)"), ``_t`` (its sort key), ``_cat`` (the
    category: dimension labels joined with " · ", empty for one category), ``_pub`` (short title of the
    publication), ``_measure`` ("" for realisatie, else the measure) and ``_order`` (the row order).
    """
    import pandas as pd

    df = data.copy().reset_index(drop=True)
    dims = _dims(series_id, df, data_dir)
    has_month = "month" in dims and df["month"].notna().all()
    period_order = _order("period", df["period"], data_dir) if "period" in dims else []

    def time_label(rec) -> str:
        year = int(rec["year"])
        if has_month:
            return f"{month_name(int(rec['month']))} {year}"
        if "period" in dims and rec["period"] == rec["period"] and str(rec["period"]) != WHOLE_YEAR:
            return f"{year} ({rec['period']})"
        return str(year)

    def time_key(rec) -> tuple:
        month = int(rec["month"]) if has_month else 0
        period = period_order.index(rec["period"]) if "period" in dims and rec["period"] in period_order else 0
        return (int(rec["year"]), month, period)

    records = df.to_dict("records")
    df["_time"] = [time_label(r) for r in records]
    df["_t"] = [time_key(r) for r in records]
    cat_dims = _category_dims(series_id, df, data_dir)
    df["_cat"] = [_join(_dim_label(d, r[d], data_dir) for d in cat_dims) for r in records]
    df["_pub"] = [source_title(s, data_dir) for s in df["source"]]
    df["_measure"] = ["" if m == "realisatie" else str(m) for m in df["measure"]]
    # the order of categories: catalog order per dimension; then time, then publication year
    keys = []
    for d in cat_dims:
        order = {str(v): i for i, v in enumerate(_order(d, df[d], data_dir))}
        keys.append(df[d].astype(str).map(order))
    sort = pd.DataFrame({f"_k{i}": k for i, k in enumerate(keys)})
    sort["_t"] = df["_t"]
    sort["_m"] = df["measure"].map(lambda m: 0 if m == "realisatie" else 1)
    sort["_p"] = df.get("published", 0)
    df = df.loc[sort.sort_values(list(sort.columns), kind="stable").index].reset_index(drop=True)
    df["_order"] = range(len(df))
    if vintage == "all":
        key = ["year", *dims, "measure"]
        dup = df.duplicated(key, keep=False)
        df.attrs["revisions"] = bool(dup.any()) and df["source"].nunique() > 1
    else:
        df.attrs["revisions"] = False
    df.attrs["cat_dims"] = cat_dims
    df.attrs["has_month"] = has_month
    return df


def _linear_time(df) -> bool:
    """Whether the points in time lie on a real axis: no part-year periods, one label per year or month."""
    return not ("period" in df.columns and (df["period"].astype(str) != WHOLE_YEAR).any())


# ---------------------------------------------------------------------------------------------------------
# Panels


def layout(data, series_id: str, *, vintage: str = "latest", data_dir=None) -> Layout:
    """Return the :class:`Layout` of one series: labelled rows, chart panels and the rows left out of the chart."""
    cat = model(data_dir)
    s = cat.series[series_id]
    df = labelled(data, series_id, vintage=vintage, data_dir=data_dir)
    revisions = df.attrs["revisions"]
    targets_all = df[df["measure"] == "begroting"]
    none = targets_all["value"].map(lambda v: no_target(v, s.direction))
    left_out = targets_all[none]
    drawn = df.drop(index=left_out.index)
    n_time = drawn["_t"].nunique()
    n_cat = drawn["_cat"].nunique()
    linear = _linear_time(drawn)
    kind = "line" if linear and ((n_time >= 2 and n_cat == 1) or n_time >= 4) else "bars"
    out = Layout(series_id, s.title, s.unit, kind, df, left_out=left_out, revisions=revisions)
    if kind == "line":
        out.panels = _line_panels(drawn, df.attrs["cat_dims"], revisions, data_dir)
    else:
        out.panels = _bar_panels(drawn, df.attrs["cat_dims"], revisions, data_dir)
    return out


def _hue_label(rows, *, time: bool, revisions: bool):
    """The colour label of each row: what tells rows apart at one position of the chart."""
    several = rows["measure"].nunique() > 1
    measure = [m if several or m != "realisatie" else "" for m in rows["measure"]]
    times = rows["_time"] if time else [""] * len(rows)
    pubs = rows["_pub"] if revisions else [""] * len(rows)
    return [_join(p) for p in zip(times, measure, pubs)]


def _split(rows, cat_dims, column, limit, data_dir, *, build):
    """Cut rows into panels of at most ``limit`` distinct values of ``column``.

    First one panel per level of the first category dimension (the column is then rebuilt without it by
    ``build``), then parts of ``limit`` values.
    """
    if rows[column].nunique() <= limit:
        return [("", rows)]
    out = []
    if len(cat_dims) >= 2:
        first, rest = cat_dims[0], cat_dims[1:]
        for value in _order(first, rows[first], data_dir):
            part = rows[rows[first] == value]
            part = build(part, rest)
            title = _dim_label(first, value, data_dir)
            for sub_title, sub in _split(part, rest, column, limit, data_dir, build=build):
                out.append((_join([title, sub_title]), sub))
        return out
    levels = list(dict.fromkeys(rows[column]))
    chunks = [levels[i : i + limit] for i in range(0, len(levels), limit)]
    for i, chunk in enumerate(chunks, start=1):
        out.append((f"deel {i} van {len(chunks)}", rows[rows[column].isin(chunk)]))
    return out


def _relabel(rows, dims, data_dir):
    return rows.assign(_cat=[_join(_dim_label(d, r[d], data_dir) for d in dims) for r in rows.to_dict("records")])


def _line_panels(drawn, cat_dims, revisions, data_dir) -> list[Panel]:
    lines = drawn[drawn["measure"] != "begroting"]
    targets = drawn[drawn["measure"] == "begroting"]

    def build(rows, dims):
        rows = _relabel(rows, dims, data_dir)
        return rows.assign(_hue=[_join(p) for p in zip(rows["_cat"], rows["_measure"], _pubs(rows, revisions))])

    lines = build(lines, cat_dims)
    targets = build(targets, cat_dims)
    panels = []
    for title, rows in _split(lines, cat_dims, "_hue", MAX_LINES, data_dir, build=build):
        if title and len(cat_dims) >= 2:  # facet: the targets of this facet's level only
            own = build(targets[targets[cat_dims[0]].isin(set(rows[cat_dims[0]]))], cat_dims[1:])
        else:
            own = targets
        own = own[own["_cat"].isin(set(rows["_cat"]))] if len(own) else own
        for sub_title, part in _by_scale(rows):
            part_targets = own[own["_cat"].isin(set(part["_cat"]))] if len(own) else own
            hue = "_hue" if part["_hue"].nunique() > 1 or (part["_hue"] != "").any() else None
            colour = None
            if sub_title:  # one line in its own panel: its name is the title, its colour the catalog's
                hue, colour = None, colours.colour_of(sub_title)
            panels.append(Panel("line", part, part_targets, "year", hue, _join([title, sub_title]), colour))
    return panels


def _by_scale(rows, ratio: float = SCALE_RATIO):
    """One panel per line when the lines differ too much in size to read on one axis (2.700 beside 8)."""
    levels = list(dict.fromkeys(rows["_hue"]))
    if len(levels) < 2:
        return [("", rows)]
    tops = rows.groupby("_hue", sort=False)["value"].apply(lambda v: v.abs().max()).dropna()
    small = tops[tops > 0].min() if (tops > 0).any() else 0
    if not small or tops.max() / small <= ratio:
        return [("", rows)]
    return [(level, rows[rows["_hue"] == level]) for level in levels]


def _pubs(rows, revisions):
    return rows["_pub"] if revisions else [""] * len(rows)


def _bar_panels(drawn, cat_dims, revisions, data_dir) -> list[Panel]:
    n_cat = drawn["_cat"].nunique()
    n_time = drawn["_t"].nunique()

    def build(rows, dims):
        rows = _relabel(rows, dims, data_dir) if n_cat > 1 else rows
        axis = rows["_cat"] if n_cat > 1 else rows["_time"]
        hue = _hue_label(rows, time=n_cat > 1 and n_time > 1, revisions=revisions)
        return rows.assign(_axis=list(axis), _hue=hue)

    rows = build(drawn, cat_dims)
    panels = []
    for title, part in _split(rows, cat_dims if n_cat > 1 else [], "_axis", MAX_BARS, data_dir, build=build):
        hue = "_hue" if part["_hue"].nunique() > 1 else None
        if hue is None and part["_hue"].nunique() == 1 and part["_hue"].iloc[0]:
            title = _join([title, part["_hue"].iloc[0]])  # one colour: say what it is in the title
        panels.append(Panel("bars", part, part.iloc[0:0], "_axis", hue, title))
    return panels


# ---------------------------------------------------------------------------------------------------------
# Tables


def _column_label(rows, lay: Layout, *, rows_are_time: bool) -> list[str]:
    """The column of each row in the table: what is not in the row label (category or time), measure, publication."""
    several = rows["measure"].nunique() > 1
    measure = [m if several or m != "realisatie" else "" for m in rows["measure"]]
    first = rows["_cat"] if rows_are_time else (rows["_time"] if rows["_t"].nunique() > 1 else [""] * len(rows))
    pubs = rows["_pub"] if lay.revisions else [""] * len(rows)
    return [_join(p) for p in zip(first, measure, pubs)]


def table_parts(lay: Layout, data_dir=None) -> list[dict]:
    """Return the tables of a layout: dicts with ``values``, ``marks`` (wide frames), ``index_label``, ``caption``.

    At most :data:`MAX_COLUMNS` columns of figures each; every row of the view is in one of them.
    """
    import pandas as pd

    rows = lay.rows
    short = model(data_dir).series[lay.series_id].short
    n_cat = rows["_cat"].nunique()
    rows_are_time = lay.kind == "line" or n_cat <= 1
    row_key = rows["_time"] if rows_are_time else rows["_cat"]
    col_key = _column_label(rows, lay, rows_are_time=rows_are_time)
    col_key = [c or short for c in col_key]
    frame = pd.DataFrame({"row": list(row_key), "col": col_key, "value": rows["value"], "mark": not_final(rows)})
    row_order = list(dict.fromkeys(frame.loc[rows.sort_values("_t", kind="stable").index, "row"]))
    if not rows_are_time:
        row_order = list(dict.fromkeys(frame["row"]))
    col_order = list(dict.fromkeys(frame["col"]))
    if rows_are_time:
        time_names = "maand" if rows.attrs.get("has_month") else ("periode" if not _linear_time(rows) else "jaar")
        index_label = time_names
    else:
        dims = model(data_dir).dimensions
        index_label = _join(dims[d].title if d in dims else d for d in rows.attrs.get("cat_dims", []))
    if len(col_order) > MAX_COLUMNS and len(row_order) <= MAX_COLUMNS:
        frame = frame.rename(columns={"row": "col", "col": "row"})
        row_order, col_order = col_order, row_order
        index_label = ""
    values = frame.pivot_table(index="row", columns="col", values="value", aggfunc="first", dropna=False, sort=False)
    marks = frame.pivot_table(index="row", columns="col", values="mark", aggfunc="max", dropna=False, sort=False)
    values = values.reindex(index=row_order, columns=col_order)
    marks = marks.reindex(index=row_order, columns=col_order).fillna(False).astype(bool)
    values.index.name = marks.index.name = None
    values.columns.name = marks.columns.name = None
    chunks = [col_order[i : i + MAX_COLUMNS] for i in range(0, len(col_order), MAX_COLUMNS)]
    out = []
    for i, chunk in enumerate(chunks, start=1):
        v, m = values[chunk], marks[chunk]
        keep = v.notna().any(axis=1)
        caption = lay.title if len(chunks) == 1 else f"{lay.title} (deel {i} van {len(chunks)})"
        out.append({"values": v[keep], "marks": m[keep], "index_label": index_label, "caption": caption})
    return out


# ---------------------------------------------------------------------------------------------------------
# Notes


def _where(rows, limit: int = 6) -> str:
    """The time labels (and categories) of rows, for a note: '2019, 2020' or 'januari 2019 (IOAW)'."""
    times = list(dict.fromkeys(rows.sort_values("_t", kind="stable")["_time"]))
    text = ", ".join(times[:limit]) + (f" en {len(times) - limit} andere" if len(times) > limit else "")
    cats = list(dict.fromkeys(c for c in rows["_cat"] if c))
    if cats and len(cats) <= 2:
        text += f" ({'; '.join(cats)})"
    measures = set(rows["measure"])
    if measures == {"begroting"}:
        text = f"begroting {text}"
    return text


def notes(lay: Layout, data_dir=None) -> list[str]:
    """Return the notes under the chart: series breaks, values left out of the chart and the notes of the rows."""
    s = model(data_dir).series[lay.series_id]
    rows = lay.rows
    out = []
    first = int(rows["year"].min())
    for b in s.breaks:
        if b.year > first:
            out.append(
                f"Trendbreuk in {b.year}: {' '.join(b.note.split())} De cijfers van vóór {b.year} staan grijs en los "
                "van de lijn."
            )
    left = lay.left_out if lay.left_out is not None else rows.iloc[0:0]
    places = model(data_dir).decimals(lay.series_id)
    for _, r in left.iterrows():
        out.append(
            f"Als doel voor {r['_time']} noemt het document {fmt_value(r['value'], s.unit, places)}; bij een cijfer dat "
            "zo hoog mogelijk moet zijn, geldt dat als geen doel. Het staat niet in de grafiek, wel in de tabel."
        )
    noted = rows[rows["note"].notna() & (rows["note"].astype(str).str.strip() != "")]
    for text, part in noted.groupby("note", sort=False):
        out.append(f"{_where(part)}: {' '.join(str(text).split())}")
    return out
