"""Report tables: real HTML tables with Dutch number formats, provisional marks and a source line."""

from __future__ import annotations

import html
import re

from sdlib.calc.periods import not_final, unsure
from sdlib.data.catalog import read_catalog
from sdlib.data.contract import CSS
from sdlib.present.fmt import fmt_number, fmt_value
from sdlib.present.provenance import source_text

__all__ = [
    "table",
    "table_html",
    "wide",
    "wide_table",
    "wide_table_html",
    "note",
    "render_protected",
    "render_table",
    "SECRET_NOTE",
]

SECRET_NOTE = ". = geheim: niet gepubliceerd om herleidbaarheid te voorkomen"


def wide(data, *, index="year", columns=None, values="value", mark_provisional=True):
    """Pivot tidy rows to a wide table; provisional cells keep a mark for :func:`table`.

    Returns
    -------
    (pandas.DataFrame, pandas.DataFrame)
        The wide values and a same-shaped boolean frame that is True where a cell is provisional.
    """

    flags = not_final(data) if mark_provisional and "provisional" in data else data[values] != data[values]
    if mark_provisional:  # a figure the document itself is not sure of ('lijkt gehaald') is marked too
        flags = flags | unsure(data)
    keyed = data.assign(_flag=flags)
    if columns is None:
        keyed = keyed.set_index(index).loc[_column_order(keyed[index])]
        return keyed[[values]], keyed[["_flag"]].rename(columns={"_flag": values})
    order, rows = _column_order(keyed[columns]), _column_order(keyed[index])
    pivot = {"index": index, "columns": columns, "dropna": False}  # keep columns whose cells are all secret (NaN)
    vals = keyed.pivot_table(values=values, aggfunc="first", **pivot).loc[rows, order]
    marks = keyed.pivot_table(values="_flag", aggfunc="max", **pivot).loc[rows, order]
    vals.columns.name = marks.columns.name = None
    return vals, marks.reindex_like(vals).fillna(False).astype(bool)


def _column_order(values) -> list:
    """Order the levels of a catalog dimension as the catalog lists them; others as they first appear.

    Years and other non-dimension keys keep the order of the data, which ``sdlib.load`` sorts.
    """

    present = list(dict.fromkeys(values))
    if values.name in ("year", "month"):
        return sorted(present)
    known = read_catalog()["dimensions"].get(values.name, {}).get("values", [])
    return [v for v in known if v in present] + [v for v in present if v not in known]


def table_html(
    frame,
    *,
    units=None,
    unit=None,
    caption: str | None = None,
    source=None,
    marks=None,
    index: bool = True,
    index_label: str | None = None,
    decimals: dict | int | None = None,
    secret=None,
    conclusion: str | None = None,
    text_right: bool = False,
    mark_note: str = "voorlopig cijfer of geen volledig jaar",
):
    """Render a DataFrame as an HTML table for the report (Jupyter displays it; the PDF keeps it a table).

    Parameters
    ----------
    frame : pandas.DataFrame
        Values to show; the index is shown as the first column when ``index`` is True.
    units, unit : dict or str
        Catalog unit per column (``units``) or one unit for all numeric columns (``unit``).
    caption : str, optional
        Title above the table.
    source : pandas.DataFrame or str, optional
        Rows the figures came from (for the "Bron:" line) or the line itself.
    marks : pandas.DataFrame of bool, optional
        Same shape as ``frame``: cells to mark with an asterisk as voorlopig / geen volledig jaar.
    decimals : dict or int, optional
        Decimals per column (or one number for all columns), overriding the unit default.
    secret : pandas.DataFrame of bool, optional
        Same shape as ``frame``: cells withheld by disclosure control, shown as ``.`` (as CBS StatLine does).
    text_right : bool, default False
        Align text cells right, like figures (a table of figures already written as text, e.g. '46,1%*').
    conclusion : str, optional
        The sentence the table shows (from :mod:`sdlib.present.sentences`), as ``<p class="sd-conclusion">``
        right after the table, inside the same figure.
    mark_note : str
        What the asterisk means, under the table when a cell has one.

    An empty number cell (no figure) shows "–", as the documents print it.

    Notes
    -----
    Column headers are ``<th scope="col">`` and the index cells ``<th scope="row">``; the caption is the
    figure's ``<figcaption>``: a screen reader names the table and reads each cell with its headers. Cells use
    :func:`sdlib.present.fmt.fmt_value` with the same decimals as the value labels of :mod:`sdlib.present.plot`.
    """
    units = units or {}
    decimals = dict.fromkeys(frame.columns, decimals) if isinstance(decimals, int) else (decimals or {})
    head = [html.escape(index_label or str(frame.index.name or ""))] if index else []
    head += [html.escape(str(c)) for c in frame.columns]
    rows, any_mark, any_secret = [], False, False
    numeric = dict.fromkeys(frame.columns, False)  # a column with a figure keeps its header right, over the figures
    for key, rec in frame.iterrows():
        cells = [f'<th scope="row">{html.escape(str(key))}</th>'] if index else []
        for col, val in rec.items():
            label = html.escape(str(col), quote=True)
            u = units.get(col, unit)
            if secret is not None and bool(secret.at[key, col]):
                text, cls, any_secret = ".", "num", True
            elif u is None or isinstance(val, str):
                text, cls = html.escape("" if val is None else str(val)), "num wrap" if text_right else "text"
                any_mark = any_mark or bool(_MARKED.search(text))  # '8,9*' written by targets_view: say what * is
            else:
                text, cls = fmt_value(val, u, decimals.get(col)) or "–", "num"
            if marks is not None and bool(marks.at[key, col]) and text and text not in (".", "–"):
                text += "*"
                any_mark = True
            numeric[col] = numeric[col] or cls.startswith("num")
            cells.append(f'<td class="{cls}" data-label="{label}">{text}</td>')
        rows.append("<tr>" + "".join(cells) + "</tr>")
    # rows of years: the newest year first, on paper as on a phone (round 52: the PDF listed 2015 first, the phone
    # 2024 first; a council reader looks for the newest year and found it at the bottom)
    years = index and len(frame) >= 2 and all(str(k)[:4].isdigit() for k in frame.index)
    if years and str(frame.index[0])[:4] <= str(frame.index[-1])[:4]:
        rows.reverse()
    # columns of years (an indicator per row, a year per column): the newest year first inside each card
    year_cols = not years and len(frame.columns) >= 2 and all(str(c)[:4].isdigit() for c in frame.columns)
    kind = " sd-years" if years else " sd-year-cols" if year_cols else ""
    parts = [f'<figure class="{CSS["table"]}{kind}">']
    if caption:
        parts.append(f"<figcaption>{html.escape(caption)}</figcaption>")
    # a column of words has its header over the words, on the left (round 54: right-aligned headers over left-aligned
    # text sat over the wrong place)
    aligned = ([""] if index else []) + ["" if numeric[c] else ' class="text"' for c in frame.columns]
    parts.append(
        "<table><thead><tr>" + "".join(f'<th scope="col"{a}>{h}</th>' for a, h in zip(aligned, head)) + "</tr></thead>"
    )
    parts.append("<tbody>" + "".join(rows) + "</tbody></table>")
    # the notes on the cells right under the table they explain, then the sentence the table shows
    if any_mark:
        parts.append(f'<p class="sd-note">* {html.escape(mark_note)}</p>')
    if any_secret:
        parts.append(f'<p class="sd-note">{html.escape(SECRET_NOTE)}</p>')
    if conclusion:
        parts.append(f'<p class="sd-conclusion">{html.escape(conclusion)}</p>')
    if source:
        parts.append(f'<p class="{CSS["source"]}">{html.escape(source)}</p>')
    parts.append("</figure>")
    return "".join(parts)


def table(frame, *, source=None, **kwargs):
    """Render a DataFrame as a report table (:func:`table_html`) for a notebook; ``source`` rows or a line.

    For exploration: in a report, :meth:`sdlib.present.document.Document.table` shows it and cites its rows.
    """
    from IPython.display import HTML

    line = source if source is None or isinstance(source, str) else source_text(source)
    return HTML(table_html(frame, source=line, **kwargs))


def _wide_parts(
    data,
    *,
    index="year",
    columns=None,
    values="value",
    rename: dict | None = None,
    order: list | None = None,
    status: str | None = None,
    mark_provisional: bool = True,
    series: str | None = None,
    shares=None,
    **kwargs,
):
    """Pivot tidy rows with :func:`wide` and render them with :func:`table` in one call, marks included.

    ``wide_table(df, columns="measure", unit="percent", caption="...")`` does what ::

        wide, marks = tables.wide(df, index="year", columns="measure")
        tables.table(wide, marks=marks, unit="percent", index_label="jaar", caption="...", source=df)

    does. Like :func:`table` it returns the table: Jupyter shows it when it is the last line of a cell; in a
    loop, wrap it in ``display()``.

    Parameters
    ----------
    data : pandas.DataFrame
        Tidy rows, e.g. from :func:`sdlib.load`.
    index, columns, values : str
        As in :func:`wide`: the rows, the columns (None: one column, ``values``) and the cell values.
    rename : dict, optional
        New names for the columns of the wide table (``units`` and ``decimals`` use the new names).
    order : list, optional
        The columns to show, in this order (after ``rename``); by default all, in catalog order.
    status : str, optional
        Column with the disclosure status of protected rows (:mod:`sdlib.records`): a cell whose status is not
        ``openbaar`` is shown as ``.``; a cell without a row is shown empty.
    mark_provisional : bool, default True
        Mark provisional or partial-year cells with an asterisk.
    series : str, optional
        Catalog id whose printed ``decimals`` the cells use (also taken from a ``series`` column with one id),
        unless ``decimals`` is given: the same text as the value labels of :mod:`sdlib.present.plot`.
    shares : pandas.DataFrame, optional
        Tidy rows of the same keys with each count's percentage as the document prints it: a cell then reads
        '177 (37%)', the count beside its share, so a reader sees how many a percentage is about.
    **kwargs
        Passed to :func:`table`: ``unit``, ``units``, ``caption``, ``decimals``, ``index_label`` (default:
        ``jaar`` for years, else the name of ``index``), ``source`` (default: the rows of ``data`` when they
        have a ``source`` column).

    Returns
    -------
    IPython.display.HTML
    """
    vals, marks = wide(data, index=index, columns=columns, values=values, mark_provisional=mark_provisional)
    secret = None
    if status is not None:
        flags = data.assign(_secret=data[status].fillna("openbaar") != "openbaar")
        secret, _ = wide(flags, index=index, columns=columns, values="_secret", mark_provisional=False)
        secret = secret.rename(columns={"_secret": values}).reindex_like(vals).fillna(False).astype(bool)
    frames = [f for f in (vals, marks, secret) if f is not None]
    if columns == "series" and rename is None:  # series ids are for code: readers see the catalog labels
        from sdlib.data.catalog import model

        known = model().series
        rename = {c: known[c].short for c in vals.columns if c in known}
    if rename:
        frames = [f.rename(columns=rename) for f in frames]
    if order is not None:
        frames = [f[list(order)] for f in frames]
    if index == "year" and "reference_date" in data:  # a part of a year says so in its row: '2019 (t/m 9-9)'
        from sdlib.calc.periods import incomplete
        from sdlib.present.sentences import partial_label

        part = data[incomplete(data)]
        labels = {y: partial_label(int(y), rows["reference_date"].max()) for y, rows in part.groupby("year")}
        if labels:
            frames = [f.rename(index=labels) for f in frames]
    vals, marks = frames[0], frames[1]
    secret = frames[2] if status is not None else None
    if mark_provisional:  # say what the asterisk means here: provisional, part of a year, or both
        from sdlib.calc.periods import incomplete, provisional

        kinds = [
            w
            for w, f in (
                ("voorlopig cijfer", provisional),
                ("geen volledig jaar", incomplete),
                ("de gemeente is niet zeker van deze uitkomst", unsure),  # its word, quoted beside it
            )
            if f(data).any()
        ]
        if kinds:
            kwargs.setdefault("mark_note", " of ".join(kinds))
    kwargs.setdefault("index_label", "jaar" if index == "year" else str(index))
    if shares is not None:
        vals = _with_shares(vals, shares, index=index, columns=columns, values=values)
        kwargs["text_right"] = True
    if kwargs.get("decimals") is None:
        if series is None and "series" in data and data["series"].nunique() == 1:
            series = data["series"].iloc[0]
        if series is not None:
            from sdlib.data.catalog import decimals
            from sdlib.data.errors import UnknownSeriesError

            try:
                kwargs["decimals"] = decimals(series)
            except UnknownSeriesError:  # an id made in a notebook: the unit's default
                kwargs["decimals"] = None
    return vals, dict(marks=marks, secret=secret, **kwargs)


def _with_shares(counts, shares, *, index, columns, values):
    """Cells 'count (share%)': the counts of a wide table beside the shares the document printed for them."""
    pct, _ = wide(shares, index=index, columns=columns, values=values, mark_provisional=False)
    pct = pct.reindex_like(counts)
    places = 0
    if "series" in shares and shares["series"].nunique() == 1:  # the share as its series is printed: '37%'
        from sdlib.data.catalog import decimals as printed_decimals

        places = printed_decimals(shares["series"].iloc[0])

    def cell(n, p) -> str:
        if n != n:
            return "–"
        whole = p != p or p == 100  # a total is all of itself: its count alone
        return fmt_number(n, 0) + ("" if whole else f" ({fmt_number(p, places)}%)")

    out = counts.astype(object)
    for col in counts.columns:
        out[col] = [cell(n, p) for n, p in zip(counts[col], pct[col])]
    return out


def wide_table_html(data, *, source: str | None = None, **kwargs) -> str:
    """The HTML of :func:`wide_table`, with ``source`` the "Bron:" line (text) or None."""
    vals, rest = _wide_parts(data, **kwargs)
    return table_html(vals, source=source, **rest)


def wide_table(data, *, source=None, **kwargs):
    """Pivot tidy rows with :func:`wide` and render them as a table (marks included); for exploration.

    ``source`` defaults to the rows themselves (their "Bron:" line). In a report,
    :meth:`sdlib.present.document.Document.wide_table` shows it and cites its rows.
    """
    from IPython.display import HTML

    rows = data if source is None and "source" in data else source
    line = rows if rows is None or isinstance(rows, str) else source_text(rows)
    return HTML(wide_table_html(data, source=line, **kwargs))


def note(text: str, *, kind: str = "note"):
    """Return a highlighted remark for the report (``kind`` note or warning), e.g. a known inconsistency."""
    from IPython.display import HTML

    return HTML(f'<div class="{CSS[kind]}">{html.escape(text)}</div>')


def render_protected(frame, *, value: str = "value", status: str = "status", decimals: int = 0):
    """Return the values as Dutch text, with ``.`` for every cell that is not ``openbaar`` (StatLine style).

    Parameters
    ----------
    frame : pandas.DataFrame
        A protected tidy frame with a value and a status column.
    value, status : str
        Names of those columns.
    decimals : int, default 0
        Decimals shown.

    Returns
    -------
    list of str
    """

    def one(v, s):
        return "." if s != "openbaar" or v != v else fmt_number(v, decimals)

    return [one(v, s) for v, s in zip(frame[value], frame[status])]


_MARKED = re.compile(r"\d\*")  # a figure already written with its asterisk (voorlopig)


def render_table(values, status, *, decimals: int = 0):
    """Return a wide table of :func:`sdlib.records.suppress_table` as Dutch text, ``.`` for secret cells."""
    text = values.map(lambda v: "." if v != v else fmt_number(v, decimals))
    return text.where(status == "openbaar", ".")


def targets_view(data, *, labels: dict | None = None):
    """A table of results with their targets: one row per series, one column per year, cells '71% (doel 80%)'.

    A target printed as 0 where higher is better is no target ('geen doel'); a year before a series break is
    marked 'eerdere reeks'. Values as printed (catalog decimals); a year without a figure shows '–'.
    """
    import pandas as pd

    from sdlib.calc.indicators import no_target
    from sdlib.calc.values import half_up
    from sdlib.data.catalog import model

    cat = model()
    out = {}
    for sid, rows in data.groupby("series", sort=False):
        entry = cat.series[sid]
        places = cat.decimals(sid)
        last_break = max((b.year for b in entry.breaks), default=None)
        real = rows[rows["measure"] == "realisatie"].set_index("year")["value"]
        goal = rows[rows["measure"] == "begroting"].set_index("year")["value"]
        done = rows[rows["measure"] == "realisatie"]
        prov = not_final(done).set_axis(done["year"])  # voorlopig or not a whole year: marked '*'
        cells = {}
        for year in sorted(set(real.index) | set(goal.index)):
            text = (
                fmt_value(real[year], entry.unit, places) + ("*" if prov.get(year, False) else "")
                if year in real
                else "–"
            )
            said = []
            if year in goal:
                g = half_up(goal[year], places)
                # a zero where higher is better is no target (round 48 printed the document's 'begroting 0,0%'; a
                # council reader found it confusing in round 49: the reading is said in the Verantwoording)
                said.append(
                    "geen doel" if no_target(g, entry.direction) else f"doel\u00a0{fmt_value(g, entry.unit, places)}"
                )
            if last_break is not None and year < last_break:
                said.append("eerdere reeks")
            cells[str(year)] = text + (f" ({'; '.join(said)})" if said else "")
        out[(labels or {}).get(sid, entry.short)] = cells
    return pd.DataFrame(out).T.fillna("–")
