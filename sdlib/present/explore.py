"""Exploring the catalog interactively: one view per series (chart, notes, table, definition) and a widget panel.

Used by ``notebooks/explore/verkenner.ipynb``. :func:`view`, :func:`show` and :func:`export_view` work without
a browser; :func:`explorer` adds ipywidgets on top of them. How a series is cut into chart panels and tables
is :mod:`sdlib.present.panels`; :mod:`sdlib.present.panelcharts` draws the panels.

Charts are drawn on :class:`matplotlib.figure.Figure` objects that pyplot does not know about, and shown as PNG
images rendered here. Nothing else in the kernel can redraw or reuse such a figure: the inline backend's
``post_execute`` hook only flushes pyplot's figures. One lock keeps two threads from drawing at once.

Exports (Excel, CSV for Dutch Excel, PNG) go to ``notebooks/export/verkenner``, inside the folder JupyterLab
serves, so its file browser shows and downloads them. Percentages are in procentpunten in both files (a note row
says so), and text that a spreadsheet would run as a formula gets a ``'`` before it.

The widget panel draws on a worker thread, so the kernel keeps answering the widgets while a chart is drawn:
every change hides the old view at once and shows "bezig met tekenen…", a generation counter makes sure a
result of an older choice is thrown away, and the theme and series lists change together.
"""

from __future__ import annotations

import base64
import html
import io
import re
import threading
from pathlib import Path

from sdlib.data import paths
from sdlib.data.catalog import DIRECTIONS, model, read_catalog, series_ids, series_meta, theme_labels
from sdlib.data.errors import SdlibError
from sdlib.data.fileio import atomic_write
from sdlib.data.load import load
from sdlib.data.textrules import FORMULA_START
from sdlib.present import panels, tables
from sdlib.present.panelcharts import DRAW_LOCK, figure, png_bytes
from sdlib.present.provenance import source_text, source_title

__all__ = [
    "view_data",
    "view",
    "show",
    "view_html",
    "chart",
    "chart_image",
    "png_bytes",
    "description",
    "unit_title",
    "direction_text",
    "catalog_overview",
    "catalog_table",
    "export_message_html",
    "export_rows",
    "export_view",
    "export_name",
    "default_export_folder",
    "neutralise",
    "explorer",
    "VINTAGE_WORDS",
    "PERCENT_NOTE",
]

NO_DIRECTION = "geen oordeel (beschrijvend)"  # as sdlib.present.describe says it
VINTAGE_WORDS = {"latest": "nieuwste", "all": "alle_publicaties"}  # in file names
PERCENT_NOTE = "Percentages staan in procentpunten: 45,9 betekent 45,9%."
_SAFE = re.compile(r"[^A-Za-z0-9_-]+")


# ---------------------------------------------------------------------------------------------------------
# Data and words


def view_data(series_id: str, *, vintage: str = "latest", data_dir=None):
    """Return the rows of a series with the label columns of the layout (:func:`sdlib.present.panels.labelled`)."""
    df = load(series_id, vintage=vintage, data_dir=data_dir)
    return panels.labelled(df, series_id, vintage=vintage, data_dir=data_dir)


def unit_title(unit: str | None, data_dir=None) -> str:
    """Return the Dutch name of a catalog unit (``percent`` -> ``procent``), as :mod:`describe` shows it."""
    return read_catalog(data_dir)["units"].get(unit, {}).get("title", unit or "")


def direction_text(direction: str | None) -> str:
    """Return the Dutch wish for a direction (``lower`` -> ``lager is beter``), as :mod:`describe` shows it."""
    return DIRECTIONS.get(direction, NO_DIRECTION)


def _theme_label(theme: str, data_dir=None) -> str:
    return theme_labels(data_dir).get(theme, theme)


def description(series_id: str, df, data_dir=None) -> str:
    """Return the Markdown description of one series: title, definition, unit, direction, theme, sources."""
    meta = series_meta(series_id, data_dir)
    return (
        f"**{meta['title']}** (`{series_id}`)\n\n{' '.join(meta['definition'].split())}\n\n"
        f"Eenheid: {unit_title(meta['unit'], data_dir)}; gewenste richting: "
        f"{direction_text(meta.get('direction'))}; thema: {_theme_label(meta['theme'], data_dir)}. "
        f"{source_text(df, data_dir)}."
    )


def _description_html(series_id: str, df, data_dir=None) -> str:
    meta = series_meta(series_id, data_dir)
    e = html.escape
    return (
        f"<p><strong>{e(meta['title'])}</strong> (<code>{e(series_id)}</code>)</p>"
        f"<p>{e(' '.join(meta['definition'].split()))}</p>"
        f"<p>Eenheid: {e(unit_title(meta['unit'], data_dir))}; gewenste richting: "
        f"{e(direction_text(meta.get('direction')))}; thema: {e(_theme_label(meta['theme'], data_dir))}. "
        f"{e(source_text(df, data_dir))}.</p>"
    )


def _years_text(years) -> str:
    """'2015-2019', '2019, 2024' or '2015-2017, 2019': the years of a series, ranges joined."""
    years = sorted({int(y) for y in years})
    parts, start = [], None
    for i, y in enumerate(years):
        if start is None:
            start = y
        if i == len(years) - 1 or years[i + 1] != y + 1:
            parts.append(str(start) if start == y else f"{start}-{y}")
            start = None
    return ", ".join(parts)


def catalog_overview(theme: str | None = None, data_dir=None):
    """Return the catalog as a Dutch table: reeks, titel, eenheid, gewenste richting, thema, jaren.

    ``theme`` keeps one theme (its id, e.g. ``financien``); ``jaren`` are the years with figures. No cell is
    empty or NaN: a series without a direction says "geen oordeel (beschrijvend)".
    """
    import pandas as pd

    cat = model(data_dir)
    rows = []
    for sid in series_ids(data_dir):
        s = cat.series[sid]
        if theme and s.theme != theme:
            continue
        try:
            years = _years_text(load(sid, data_dir=data_dir)["year"])
        except SdlibError:
            years = "(niet te laden)"
        rows.append(
            {
                "reeks": sid,
                "titel": s.title,
                "eenheid": unit_title(s.unit, data_dir),
                "gewenste richting": direction_text(s.direction),
                "thema": cat.themes.get(s.theme, s.theme),
                "jaren": years,
            }
        )
    columns = ["reeks", "titel", "eenheid", "gewenste richting", "thema", "jaren"]
    return pd.DataFrame(rows, columns=columns).fillna("")


def catalog_table(theme: str | None = None, data_dir=None):
    """Return :func:`catalog_overview` as an HTML table to display in a notebook (Dutch headers, no index)."""
    from IPython.display import HTML

    frame = catalog_overview(theme, data_dir)
    label = _theme_label(theme, data_dir) if theme else "alle thema's"
    return HTML(tables.table_html(frame, index=False, caption=f"De reeksen van de catalogus ({label})"))


# ---------------------------------------------------------------------------------------------------------
# Charts: Figure objects outside pyplot


def layout(series_id: str, *, vintage: str = "latest", data_dir=None):
    """Return the :class:`sdlib.present.panels.Layout` of one series in the view."""
    df = load(series_id, vintage=vintage, data_dir=data_dir)
    return panels.layout(df, series_id, vintage=vintage, data_dir=data_dir)


def chart(series_id: str, *, vintage: str = "latest", data_dir=None):
    """Return a Figure (not registered with pyplot) with the chart of one series."""
    with DRAW_LOCK:
        return figure([layout(series_id, vintage=vintage, data_dir=data_dir)], data_dir)


def chart_image(fig, *, alt: str = ""):
    """Return the Figure as an IPython PNG image to ``display``: exactly this figure, drawn once, here."""
    from IPython.display import Image

    return Image(data=png_bytes(fig), format="png", alt=alt or None)


# ---------------------------------------------------------------------------------------------------------
# Tables and notes


def _tables_html(lay, data_dir=None) -> list[str]:
    from sdlib.data.catalog import decimals

    places = decimals(lay.series_id, data_dir)
    line = source_text(lay.rows, data_dir)
    out = []
    for part in panels.table_parts(lay, data_dir):
        out.append(
            tables.table_html(
                part["values"],
                marks=part["marks"],
                unit=lay.unit,
                index_label=part["index_label"],
                caption=part["caption"],
                source=line,
                decimals=places,
            )
        )
    return out


def _notes_html(lay, data_dir=None) -> str:
    items = panels.notes(lay, data_dir)
    if not items:
        return ""
    lis = "".join(f"<li>{html.escape(t)}</li>" for t in items)
    return f'<div class="sdlib-notes"><p><strong>Toelichting bij de cijfers</strong></p><ul>{lis}</ul></div>'


def _notes_markdown(lay, data_dir=None) -> str:
    items = panels.notes(lay, data_dir)
    return ("**Toelichting bij de cijfers**\n\n" + "\n".join(f"- {t}" for t in items)) if items else ""


def view(series_id: str, *, compare: str | None = None, vintage: str = "latest", data_dir=None):
    """Return the figure, tables and description of a series (and of a second series to compare with).

    Returns
    -------
    (matplotlib.figure.Figure, list of IPython HTML, str)
        The chart(s) on one Figure that pyplot does not manage (show it with ``display(chart_image(fig))``), the
        tables (at most :data:`sdlib.present.panels.MAX_COLUMNS` columns of figures each) and a Markdown text:
        definition, unit, direction, sources and the notes of the figures shown.
    """
    from IPython.display import HTML

    ids = [series_id] + ([compare] if compare else [])
    lays = [layout(sid, vintage=vintage, data_dir=data_dir) for sid in ids]
    out_tables, text = [], []
    for lay in lays:
        out_tables += [HTML(t) for t in _tables_html(lay, data_dir)]
        text.append(description(lay.series_id, lay.rows, data_dir))
        notes = _notes_markdown(lay, data_dir)
        if notes:
            text.append(notes)
    with DRAW_LOCK:
        fig = figure(lays, data_dir)
    return fig, out_tables, "\n\n".join(text)


def _img_html(series_id: str, png: bytes, title: str) -> str:
    data = base64.b64encode(png).decode("ascii")
    alt = html.escape(f"Grafiek: {title} ({series_id})", quote=True)
    return (
        f'<figure class="sdlib-chart" data-series="{html.escape(series_id, quote=True)}" style="margin:0">'
        f'<img src="data:image/png;base64,{data}" alt="{alt}" title="{alt}" '
        f'style="max-width:100%;height:auto"></figure>'
    )


class Cancelled(Exception):
    """A newer choice came in while this one was drawn."""


def view_html(
    series_id: str, *, compare: str | None = None, vintage: str = "latest", data_dir=None, cancelled=None
) -> str:
    """Return the whole view as HTML: per series the description, the chart, the notes and the tables.

    ``cancelled`` is a function that says whether a newer choice came in; the drawing then stops early with
    :class:`Cancelled`.
    """

    def check():
        if cancelled is not None and cancelled():
            raise Cancelled

    parts = []
    for sid in [series_id] + ([compare] if compare else []):
        lay = layout(sid, vintage=vintage, data_dir=data_dir)
        check()
        with DRAW_LOCK:
            fig = figure([lay], data_dir)
            check()
            png = png_bytes(fig)
        check()
        parts.append(_description_html(sid, lay.rows, data_dir))
        parts.append(_img_html(sid, png, lay.title))
        parts.append(_notes_html(lay, data_dir))
        parts += _tables_html(lay, data_dir)
    return "".join(parts)


def show(series_id: str, *, compare: str | None = None, vintage: str = "latest", data_dir=None) -> None:
    """Display the view in a notebook: per series the description, the chart (a PNG), the notes and the tables."""
    from IPython.display import HTML, Image, Markdown, display

    for sid in [series_id] + ([compare] if compare else []):
        lay = layout(sid, vintage=vintage, data_dir=data_dir)
        display(Markdown(description(sid, lay.rows, data_dir)))
        with DRAW_LOCK:
            png = png_bytes(figure([lay], data_dir))
        display(Image(data=png, format="png", alt=f"Grafiek: {lay.title}"))
        notes = _notes_html(lay, data_dir)
        if notes:
            display(HTML(notes))
        for t in _tables_html(lay, data_dir):
            display(HTML(t))


# ---------------------------------------------------------------------------------------------------------
# Export: Excel, CSV for Dutch Excel, PNG


def default_export_folder() -> Path:
    """Return the default export folder, ``<project>/notebooks/export/verkenner``.

    It lies inside the folder JupyterLab serves (``make lab`` opens ``notebooks/``): the file browser shows the
    files and downloads them, also from a server. Git ignores ``notebooks/export/``.
    """
    return paths.project_root() / "notebooks" / "export" / "verkenner"


def _export_folder(folder, data_dir=None) -> Path:
    """Return the absolute export folder; refuse one inside the data folder."""
    target = (Path(folder).expanduser() if folder not in (None, "") else default_export_folder()).resolve()
    for data in {paths.given_data_dir(data_dir).resolve(), (paths.project_root() / "data").resolve()}:
        if target == data or data in target.parents:
            raise SdlibError(
                f"exportmap {target} ligt in de datamap {data}; kies een map buiten data/, "
                f"bijvoorbeeld {default_export_folder()}"
            )
    return target


def export_name(series_id: str, compare: str | None, vintage: str) -> str:
    """Return the file name (without extension) of an export: ``jeugdhulp_instroom_nieuwste``,
    ``jeugdhulp_3jaar_aandeel_en_jeugdhulp_jeugdigen_alle_publicaties`` or ``..._pb2025`` for one publication."""
    raw = "_en_".join([series_id] + ([compare] if compare else [])) + "_" + VINTAGE_WORDS.get(vintage, vintage)
    return _SAFE.sub("_", raw).strip("_.") or "export"


_stem = export_name  # the old name


def _confined(folder: Path, name: str) -> Path:
    """Return ``folder / name`` and make sure it does not leave ``folder``."""
    path = (folder / name).resolve()
    if path.parent != folder:
        raise SdlibError(f"bestandsnaam {name!r} valt buiten de exportmap {folder}")
    return path


def neutralise(value):
    """Return text that no spreadsheet runs as a formula: a text starting with ``= + - @``, a tab or a carriage
    return gets a ``'`` before it (OWASP, CSV injection). Other values are returned as they are."""
    if isinstance(value, str) and value[:1] in FORMULA_START:
        return "'" + value
    return value


def _decimals(values, minimum: int = 0) -> int:
    """Return the fewest decimals (0-3) that show every value as stored."""
    vals = [float(v) for v in values if v == v]
    for d in range(minimum, 4):
        if all(abs(round(v, d) - v) < 1e-9 for v in vals):
            return d
    return 3


EXPORT_COLUMNS = [
    "reeks",
    "titel",
    "jaar",
    "periode",
    "omschrijving",
    "soort",
    "waarde",
    "eenheid",
    "publicatie",
    "tabel",
    "peildatum",
    "voorlopig",
    "toelichting",
]


def export_rows(series_id: str, *, compare: str | None = None, vintage: str = "latest", data_dir=None):
    """Return the rows of the view with Dutch column names, in the order of the export files.

    Columns: reeks, titel, jaar, periode (jaar, maand of deel van het jaar), omschrijving (de categorie), soort
    (realisatie, begroting), waarde, eenheid, publicatie, tabel, peildatum, voorlopig (ja/nee), toelichting.
    ``waarde`` is as stored: percentages in procentpunten (45.9), in both files (:data:`PERCENT_NOTE`).
    """
    import pandas as pd

    frames = []
    for sid in [series_id] + ([compare] if compare else []):
        meta = series_meta(sid, data_dir)
        df = view_data(sid, vintage=vintage, data_dir=data_dir)
        frames.append(
            pd.DataFrame(
                {
                    "reeks": sid,
                    "titel": meta["title"],
                    "jaar": df["year"].astype(int),
                    "periode": df["_time"].astype(str),
                    "omschrijving": df["_cat"].astype(str),
                    "soort": df["measure"].astype(str),
                    "waarde": df["value"].astype(float),
                    "eenheid": unit_title(meta["unit"], data_dir),
                    "publicatie": df["_pub"].astype(str),
                    "tabel": df["table"].fillna("").astype(str),
                    "peildatum": pd.to_datetime(df["reference_date"]),
                    "voorlopig": df["provisional"].map({True: "ja", False: "nee"}),
                    "toelichting": df["note"].fillna("").astype(str),
                    "_unit": meta["unit"],
                }
            )
        )
    return pd.concat(frames, ignore_index=True)


def _value_decimals(rows) -> dict:
    return {
        u: _decimals(rows.loc[rows["_unit"] == u, "waarde"], 1 if u in ("percent", "years", "score") else 0)
        for u in rows["_unit"].unique()
    }


def _csv_bytes(rows) -> bytes:
    """CSV that Dutch Excel opens as is: ``;`` between fields, decimal comma, dd-mm-jjjj, UTF-8 with BOM.

    The first line says how percentages are written (:data:`PERCENT_NOTE`); the second is the header. Text that
    a spreadsheet would run as a formula is neutralised (:func:`neutralise`).
    """
    import csv

    decimals = _value_decimals(rows)
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([PERCENT_NOTE])
    writer.writerow(EXPORT_COLUMNS)
    for rec in rows.to_dict("records"):
        out = []
        for name in EXPORT_COLUMNS:
            value = rec[name]
            if name == "waarde":
                value = "" if value != value else f"{value:.{decimals[rec['_unit']]}f}".replace(".", ",")
            elif name == "peildatum":
                value = "" if value is None or value != value else value.strftime("%d-%m-%Y")
            elif name == "jaar":
                value = str(int(value))
            else:
                value = neutralise("" if value is None else str(value))
            out.append(value)
        writer.writerow(out)
    return buf.getvalue().encode("utf-8-sig")


def _number_format(unit: str, decimals: int) -> str:
    frac = ("." + "0" * decimals) if decimals else ""
    if unit == "eur":
        return f'"€" #,##0{frac};"€" -#,##0{frac}'
    return f"#,##0{frac}"  # percentages too: in procentpunten (45,9), as in the CSV


def _xlsx_bytes(rows, text: str) -> bytes:
    """An Excel workbook: sheet 'Cijfers' (a note row, the header row, number formats, filter) and 'Toelichting'.

    Every text cell goes through :func:`neutralise` and is stored as text, never as a formula.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    def text_cell(ws, row, column, value):
        cell = ws.cell(row=row, column=column)
        cell.value = neutralise(value)
        if isinstance(value, str):
            cell.data_type = "s"  # openpyxl would take a text starting with '=' for a formula
        return cell

    wb = Workbook()
    ws = wb.active
    ws.title = "Cijfers"
    text_cell(ws, 1, 1, PERCENT_NOTE).font = Font(italic=True)
    for i, name in enumerate(EXPORT_COLUMNS, start=1):
        text_cell(ws, 2, i, name).font = Font(bold=True)
    decimals = _value_decimals(rows)
    col = {name: i + 1 for i, name in enumerate(EXPORT_COLUMNS)}
    for r, rec in enumerate(rows.to_dict("records"), start=3):
        for name in EXPORT_COLUMNS:
            value = rec[name]
            if name == "peildatum":
                value = None if value is None or value != value else value.to_pydatetime()
                ws.cell(row=r, column=col[name], value=value).number_format = "d-m-yyyy"
            elif name == "waarde":
                cell = ws.cell(row=r, column=col[name], value=None if value != value else float(value))
                cell.number_format = _number_format(rec["_unit"], decimals[rec["_unit"]])
            elif name == "jaar":
                ws.cell(row=r, column=col[name], value=int(value)).number_format = "0"
            else:
                text_cell(ws, r, col[name], "" if value is None else str(value))
    widths = {
        "reeks": 28,
        "titel": 45,
        "jaar": 7,
        "periode": 16,
        "omschrijving": 36,
        "soort": 11,
        "waarde": 12,
        "eenheid": 9,
        "publicatie": 26,
        "tabel": 40,
        "peildatum": 11,
        "voorlopig": 10,
        "toelichting": 40,
    }
    for name, i in col.items():
        ws.column_dimensions[get_column_letter(i)].width = widths.get(name, 14)
    ws.freeze_panes = "A3"
    ws.auto_filter.ref = f"A2:{get_column_letter(len(EXPORT_COLUMNS))}{len(rows) + 2}"
    notes = wb.create_sheet("Toelichting")
    notes.column_dimensions["A"].width = 110
    lines = list(text.replace("**", "").replace("`", "").split("\n"))
    lines += ["", PERCENT_NOTE + " Zo staan ze in het blad Cijfers en in de CSV."]
    for i, line in enumerate(lines, start=1):
        text_cell(notes, i, 1, line).alignment = Alignment(wrap_text=True, vertical="top")
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def export_view(series_id: str, folder=None, *, compare: str | None = None, vintage: str = "latest", data_dir=None):
    """Write the current view into ``folder`` as Excel (.xlsx), CSV for Dutch Excel and PNG; return the paths.

    ``folder`` may be any folder outside the data folder; None or empty means :func:`default_export_folder`.
    The file names say what is in them (:func:`export_name`), cleaned so that they stay inside the folder. The
    files get the normal permissions of new files (``0666`` less the umask).

    Returns
    -------
    list of pathlib.Path
        Absolute paths of the .xlsx, .csv and .png files.
    """
    target = _export_folder(folder, data_dir)
    for sid in [series_id] + ([compare] if compare else []):
        series_meta(sid, data_dir)  # an unknown id raises before anything is written
    stem = export_name(series_id, compare, vintage)
    rows = export_rows(series_id, compare=compare, vintage=vintage, data_dir=data_dir)
    fig, _, text = view(series_id, compare=compare, vintage=vintage, data_dir=data_dir)
    target.mkdir(parents=True, exist_ok=True)
    xlsx, csv, png = (_confined(target, f"{stem}.{ext}") for ext in ("xlsx", "csv", "png"))
    atomic_write(xlsx, _xlsx_bytes(rows, text))
    atomic_write(csv, _csv_bytes(rows))
    atomic_write(png, png_bytes(fig, dpi=150))
    return [xlsx, csv, png]


def _lab_path(path: Path) -> str | None:
    """The path as JupyterLab's file browser shows it (relative to ``notebooks/``), or None outside it."""
    root = (paths.project_root() / "notebooks").resolve()
    try:
        return Path(path).resolve().relative_to(root).as_posix()
    except ValueError:
        return None


def export_message_html(paths_) -> str:
    """Return the Dutch message after an export: the folder, the file names and where JupyterLab shows them."""
    paths_ = [Path(p) for p in paths_]
    folder = paths_[0].parent if paths_ else None
    items = "".join(f"<li><code>{html.escape(p.name)}</code></li>" for p in paths_)
    text = f"<p>Geëxporteerd naar de map <code>{html.escape(str(folder or ''))}</code>:</p><ul>{items}</ul>"
    shown = _lab_path(folder) if folder else None
    if shown:
        text += (
            f"<p>In JupyterLab staan ze in de bestandsbrowser onder <code>{html.escape(shown)}</code>: "
            "klik met de rechtermuisknop op een bestand en kies Downloaden.</p>"
        )
    return text


# ---------------------------------------------------------------------------------------------------------
# The widget panel


def _rendered(body: str) -> str:
    """Wrap HTML in JupyterLab's class for rendered output, so text and tables look as in a normal output."""
    return f'<div class="jp-RenderedHTMLCommon" style="padding:0">{body}</div>'


def _choice_html(choice, data_dir=None) -> str:
    """The line above the view that says what it shows, with the choice in data attributes (for the tests)."""
    series_id, compare, vintage = choice
    cat = model(data_dir)
    words = {"latest": "nieuwste publicatie", "all": "alle publicaties"}
    when = words.get(vintage) or f"alleen {source_title(vintage, data_dir)}"
    what = html.escape(cat.series[series_id].title)
    if compare:
        what += " · vergeleken met " + html.escape(cat.series[compare].title)
    attrs = " ".join(
        f'data-{k}="{html.escape(v or "", quote=True)}"'
        for k, v in (("series", series_id), ("compare", compare), ("vintage", vintage))
    )
    return f'<p class="sdlib-choice" {attrs}>Getoond: {what} ({html.escape(when)})</p>'


class _Drawer:
    """Draws the view of the newest choice on a worker thread; results of older choices are thrown away."""

    def __init__(self, draw, show, fail):
        self._draw, self._show, self._fail = draw, show, fail
        self._cond = threading.Condition()
        self.generation = 0
        self._wanted = None
        self._thread = None
        self.shown = 0  # the generation on screen
        self.timings = []  # seconds per shown view, for the tests and the report

    def request(self, choice, before=None):
        """Ask for a view of ``choice``; ``before`` runs under the lock first (hides the old view)."""
        with self._cond:
            self.generation += 1
            self._wanted = (self.generation, choice)
            if before is not None:
                before()
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="verkenner", daemon=True)
                self._thread.start()
            self._cond.notify()
            return self.generation

    def _run(self):
        import time

        while True:
            with self._cond:
                if self._wanted is None and not self._cond.wait(timeout=30) and self._wanted is None:
                    self._thread = None  # idle for 30 s: the thread ends, the next request starts another
                    return
                if self._wanted is None:
                    continue
                generation, choice = self._wanted
                self._wanted = None
            start = time.perf_counter()
            try:
                body = self._draw(choice, lambda g=generation: g != self.generation)
                error = None
            except Cancelled:
                continue
            except Exception as exc:  # show the problem in the panel, not as a traceback in the log
                body, error = None, exc
            with self._cond:
                if generation != self.generation:
                    continue  # a newer choice came in: never show this stale one
                if error is None:
                    self._show(body)
                    self.timings.append(time.perf_counter() - start)
                else:
                    self._fail(error)
                self.shown = generation

    def wait(self, timeout: float = 60) -> bool:
        """Wait until the newest choice is shown (for scripts and tests); True when it is."""
        import time

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._cond:
                if self._wanted is None and self.shown == self.generation:
                    return True
            time.sleep(0.02)
        return False


def explorer(
    *,
    theme: str | None = None,
    series_id: str | None = None,
    compare: str | None = None,
    vintage: str = "latest",
    export_folder=None,
    data_dir=None,
):
    """Return an ipywidgets panel: theme and series pickers, a second series, vintage, an export button.

    The panel starts from the given choice (the notebook's parameters ``thema``, ``reeks``, ``vergelijk``,
    ``vintage``), so it shows the same as the view above it. Each change hides the view and shows "bezig met
    tekenen…" at once; a worker thread draws the newest choice and only a view of the choice the widgets show
    replaces it (a generation counter throws older ones away).
    """
    import ipywidgets as w

    cat = model(data_dir)
    ids = series_ids(data_dir)
    themes = [t for t in cat.themes if any(cat.series[i].theme == t for i in ids)]
    if series_id in ids and theme not in themes:
        theme = cat.series[series_id].theme
    if series_id in ids and cat.series[series_id].theme != theme:
        theme = cat.series[series_id].theme  # the series decides: theme and series list always agree
    theme = theme if theme in themes else themes[0]

    def options(th):
        return [(f"{cat.series[i].title} ({i})", i) for i in ids if cat.series[i].theme == th]

    wide = {"layout": w.Layout(width="100%", max_width="62em"), "style": {"description_width": "9em"}}
    theme_w = w.Dropdown(options=[(cat.themes[t], t) for t in themes], value=theme, description="Thema", **wide)
    series_w = w.Dropdown(options=options(theme), description="Reeks", **wide)
    if series_id in [v for _, v in series_w.options]:
        series_w.value = series_id
    compare_opts = [("(geen)", "")] + [(f"{cat.series[i].title} ({i})", i) for i in ids]
    compare_w = w.Dropdown(
        options=compare_opts, value=compare if compare in ids else "", description="Vergelijk met", **wide
    )
    vintages = [("nieuwste publicatie", "latest"), ("alle publicaties", "all")]
    if vintage not in ("latest", "all"):
        vintages.append((f"alleen {source_title(vintage, data_dir)}", vintage))
    vintage_w = w.ToggleButtons(
        options=vintages, value=vintage, description="Publicatie", style={"description_width": "9em"}
    )
    folder = Path(export_folder) if export_folder else default_export_folder()
    shown_folder = _lab_path(folder) or str(folder)
    export_b = w.Button(
        description="Exporteer Excel, CSV en PNG",
        icon="download",
        layout=w.Layout(width="auto"),
        tooltip=f"naar {shown_folder}",
    )
    message = w.HTML()
    busy = w.HTML()
    result = w.HTML(layout=w.Layout(width="100%"))
    busy_text = '<span class="sdlib-busy"><i>bezig met tekenen…</i></span>'

    def choice():
        return series_w.value, compare_w.value or None, vintage_w.value

    def draw(current, cancelled):
        series, other, vint = current
        body = view_html(series, compare=other, vintage=vint, data_dir=data_dir, cancelled=cancelled)
        return _rendered(_choice_html(current, data_dir) + body)

    def show_(body):
        result.value = body
        result.layout.visibility = "visible"
        busy.value = ""

    def fail(exc):
        result.value = f"<p><b>Kan deze keuze niet tonen:</b> {html.escape(str(exc))}</p>"
        result.layout.visibility = "visible"
        busy.value = ""

    drawer = _Drawer(draw, show_, fail)

    def hide():
        busy.value = busy_text
        result.layout.visibility = "hidden"  # the old view never stands beside a new choice

    def redraw(*_):
        if series_w.value:
            drawer.request(choice(), before=hide)

    def on_theme(change):
        with series_w.hold_trait_notifications():
            series_w.options = options(change["new"])
        redraw()

    def on_series(_):
        redraw()

    def on_export(_):
        try:
            written = export_view(
                series_w.value,
                export_folder,
                compare=compare_w.value or None,
                vintage=vintage_w.value,
                data_dir=data_dir,
            )
            message.value = export_message_html(written)
        except Exception as exc:
            message.value = f"<p><b>Exporteren is niet gelukt:</b> {html.escape(str(exc))}</p>"

    theme_w.observe(on_theme, names="value")
    series_w.observe(on_series, names="value")
    for widget in (compare_w, vintage_w):
        widget.observe(redraw, names="value")
    export_b.on_click(on_export)
    redraw()
    panel = w.VBox([theme_w, series_w, compare_w, vintage_w, w.HBox([export_b, busy]), message, result])
    panel.drawer = drawer  # for scripts and tests: drawer.wait(), drawer.timings
    return panel
