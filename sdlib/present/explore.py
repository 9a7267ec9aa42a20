"""Exploring the catalog interactively: one view per series (chart, table, definition) and a widget panel.

Used by ``notebooks/explore/verkenner.ipynb``. :func:`view` and :func:`export_view` work without a browser;
:func:`explorer` adds ipywidgets on top of them.

Charts are drawn on :class:`matplotlib.figure.Figure` objects that pyplot does not know about, and the widget
shows them as PNG images it rendered itself. Nothing else in the kernel can redraw or reuse such a figure: the
inline backend's ``post_execute`` hook (which runs on another kernel thread when a widget event arrives) only
flushes pyplot's figures. That hook drawing the widget's figure at the same time as the widget was the cause of
blank and doubled charts in JupyterLab.
"""

from __future__ import annotations

import base64
import html
import io
import re
import threading
from pathlib import Path

from sdlib.data import paths
from sdlib.data.catalog import DIRECTIONS, catalog, read_catalog, series_meta
from sdlib.data.errors import SdlibError
from sdlib.data.fileio import atomic_write
from sdlib.data.load import load
from sdlib.present import plot, tables
from sdlib.present.provenance import source_text, source_title

__all__ = [
    "view_data",
    "view",
    "chart",
    "chart_image",
    "png_bytes",
    "description",
    "unit_title",
    "direction_text",
    "export_message_html",
    "export_rows",
    "export_view",
    "default_export_folder",
    "explorer",
]

PANEL_SIZE = (7.2, 3.4)  # inches, one chart; fits the notebook width and the A4 text width
NO_DIRECTION = "geen oordeel (beschrijvend)"  # as sdlib.present.describe says it
_SAFE = re.compile(r"[^A-Za-z0-9_-]+")


# ---------------------------------------------------------------------------------------------------------
# Data and words


def view_data(series_id: str, *, vintage: str = "latest", data_dir=None):
    """Return the rows of a series with a ``label`` column for the chart (dimension values or publication)."""
    meta = series_meta(series_id, data_dir)
    df = load(series_id, vintage=vintage, data_dir=data_dir)
    parts = [df[d].astype(str) for d in meta["dimensions"]]
    if vintage == "all" and df["source"].nunique() > 1:
        parts.append(df["source"].map(lambda s: source_title(s, data_dir)))
    if (df["measure"] != "realisatie").any():
        parts.append(df["measure"])
    label = parts[0] if parts else df["measure"]
    for p in parts[1:]:
        label = label + " · " + p
    return df.assign(label=label)


def unit_title(unit: str | None, data_dir=None) -> str:
    """Return the Dutch name of a catalog unit (``percent`` -> ``procent``), as :mod:`describe` shows it."""
    return read_catalog(data_dir)["units"].get(unit, {}).get("title", unit or "")


def direction_text(direction: str | None) -> str:
    """Return the Dutch wish for a direction (``lower`` -> ``lager is beter``), as :mod:`describe` shows it."""
    return DIRECTIONS.get(direction, NO_DIRECTION)


def description(series_id: str, df, data_dir=None) -> str:
    """Return the Markdown description of one series: title, definition, unit, direction, sources."""
    meta = series_meta(series_id, data_dir)
    return (
        f"**{meta['title']}** (`{series_id}`)\n\n{' '.join(meta['definition'].split())}\n\n"
        f"Eenheid: {unit_title(meta['unit'], data_dir)}; gewenste richting: "
        f"{direction_text(meta.get('direction'))}. {source_text(df, data_dir)}."
    )


def _description_html(series_id: str, df, data_dir=None) -> str:
    meta = series_meta(series_id, data_dir)
    e = html.escape
    return (
        f"<p><strong>{e(meta['title'])}</strong> (<code>{e(series_id)}</code>)</p>"
        f"<p>{e(' '.join(meta['definition'].split()))}</p>"
        f"<p>Eenheid: {e(unit_title(meta['unit'], data_dir))}; gewenste richting: "
        f"{e(direction_text(meta.get('direction')))}. {e(source_text(df, data_dir))}.</p>"
    )


# ---------------------------------------------------------------------------------------------------------
# Charts: Figure objects outside pyplot


def _panel_height(df) -> float:
    if df["year"].nunique() > 1:
        return PANEL_SIZE[1]
    return max(PANEL_SIZE[1], 0.32 * df["label"].nunique() + 1.4)


def _chart(df, meta, ax):
    hue = "label" if df["label"].nunique() > 1 else None
    if df["year"].nunique() > 1:
        plot.line(df, hue=hue, unit=meta["unit"], ax=ax, labels=df["label"].nunique() <= 3, title=meta["title"])
    else:
        plot.bars(
            df, x="label", unit=meta["unit"], ax=ax, title=f"{meta['title']} ({df['year'].iloc[0]})", horizontal=True
        )
    plot.add_source(ax, df)
    return ax


def _figure(frames, data_dir=None):
    """Draw one panel per (series id, rows) pair on a new Figure that pyplot does not manage."""
    from matplotlib.figure import Figure

    heights = [_panel_height(df) for _, df in frames]
    fig = Figure(figsize=(PANEL_SIZE[0], sum(heights)), layout="tight")
    axes = fig.subplots(len(frames), 1, squeeze=False, gridspec_kw={"height_ratios": heights})[:, 0]
    for ax, (sid, df) in zip(axes, frames):
        _chart(df, series_meta(sid, data_dir), ax)
    return fig


def chart(series_id: str, *, vintage: str = "latest", data_dir=None):
    """Return a Figure (not registered with pyplot) with the chart of one series."""
    return _figure([(series_id, view_data(series_id, vintage=vintage, data_dir=data_dir))], data_dir)


def png_bytes(fig, *, dpi: int = 110) -> bytes:
    """Render a Figure to PNG bytes with the Agg renderer, on the calling thread only."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(fig)  # attaches a private canvas; no pyplot, no GUI
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi, bbox_inches="tight", facecolor="white")
    return buf.getvalue()


def chart_image(fig, *, alt: str = ""):
    """Return the Figure as an IPython PNG image to ``display``: exactly this figure, drawn once, here."""
    from IPython.display import Image

    return Image(data=png_bytes(fig), format="png", alt=alt or None)


def view(series_id: str, *, compare: str | None = None, vintage: str = "latest", data_dir=None):
    """Return the figure, table and description of a series (and of a second series to compare with).

    Returns
    -------
    (matplotlib.figure.Figure, list of IPython HTML, str)
        The chart(s) on one Figure that pyplot does not manage (show it with ``display(chart_image(fig))``), a table per
        series and a Markdown description (definition, unit, direction, sources, peildatum).
    """
    ids = [series_id] + ([compare] if compare else [])
    frames = [(sid, view_data(sid, vintage=vintage, data_dir=data_dir)) for sid in ids]
    out_tables, text = [], []
    for sid, df in frames:
        meta = series_meta(sid, data_dir)
        wide, marks = tables.wide(df, index="year", columns="label")
        out_tables.append(
            tables.table(wide, marks=marks, unit=meta["unit"], index_label="jaar", caption=meta["title"], source=df)
        )
        text.append(description(sid, df, data_dir))
    return _figure(frames, data_dir), out_tables, "\n\n".join(text)


# ---------------------------------------------------------------------------------------------------------
# Export: Excel, CSV for Dutch Excel, PNG


def default_export_folder() -> Path:
    """Return the default export folder, ``<project>/export/verkenner`` (git ignores ``export/``)."""
    return paths.project_root() / "export" / "verkenner"


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


def _stem(series_id: str, compare: str | None, vintage: str) -> str:
    raw = "__".join([series_id] + ([compare] if compare else []) + [vintage])
    return _SAFE.sub("_", raw).strip("_.") or "export"


def _confined(folder: Path, name: str) -> Path:
    """Return ``folder / name`` and make sure it does not leave ``folder``."""
    path = (folder / name).resolve()
    if path.parent != folder:
        raise SdlibError(f"bestandsnaam {name!r} valt buiten de exportmap {folder}")
    return path


def _decimals(values, minimum: int = 0) -> int:
    """Return the fewest decimals (0-3) that show every value as stored."""
    vals = [float(v) for v in values if v == v]
    for d in range(minimum, 4):
        if all(abs(round(v, d) - v) < 1e-9 for v in vals):
            return d
    return 3


def export_rows(series_id: str, *, compare: str | None = None, vintage: str = "latest", data_dir=None):
    """Return the rows of the view with Dutch column names, in the order of the export files.

    Columns: reeks, titel, jaar, omschrijving, soort, waarde, eenheid, bron, publicatie, tabel, peildatum,
    voorlopig (ja/nee), toelichting. ``waarde`` is as stored: percentages in procentpunten (45.9).
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
                    "omschrijving": df["label"].astype(str),
                    "soort": df["measure"].astype(str),
                    "waarde": df["value"].astype(float),
                    "eenheid": unit_title(meta["unit"], data_dir),
                    "bron": df["source"].astype(str),
                    "publicatie": df["source"].map(lambda s: source_title(s, data_dir)),
                    "tabel": df["table"].astype(str),
                    "peildatum": pd.to_datetime(df["reference_date"]),
                    "voorlopig": df["provisional"].map({True: "ja", False: "nee"}),
                    "toelichting": df["note"].fillna("").astype(str),
                    "_unit": meta["unit"],
                }
            )
        )
    return pd.concat(frames, ignore_index=True)


def _csv_bytes(rows) -> bytes:
    """CSV that Dutch Excel opens as is: ``;`` between fields, decimal comma, dd-mm-jjjj, UTF-8 with BOM."""
    out = rows.drop(columns="_unit").copy()
    decimals = {
        u: _decimals(rows.loc[rows["_unit"] == u, "waarde"], 1 if u in ("percent", "years", "score") else 0)
        for u in rows["_unit"].unique()
    }
    out["waarde"] = [
        ("" if v != v else f"{v:.{decimals[u]}f}".replace(".", ",")) for v, u in zip(rows["waarde"], rows["_unit"])
    ]
    out["peildatum"] = rows["peildatum"].dt.strftime("%d-%m-%Y").fillna("")
    return out.to_csv(sep=";", index=False, lineterminator="\r\n").encode("utf-8-sig")


def _number_format(unit: str, decimals: int) -> str:
    frac = ("." + "0" * decimals) if decimals else ""
    if unit == "percent":
        return f"0{frac}%"
    if unit == "eur":
        return f'"€" #,##0{frac};"€" -#,##0{frac}'
    return f"#,##0{frac}"


def _xlsx_bytes(rows, text: str) -> bytes:
    """An Excel workbook: sheet 'Cijfers' (header row, number formats, filter) and sheet 'Toelichting'."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = "Cijfers"
    columns = [c for c in rows.columns if c != "_unit"]
    ws.append(columns)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    decimals = {
        u: _decimals(rows.loc[rows["_unit"] == u, "waarde"], 1 if u in ("percent", "years", "score") else 0)
        for u in rows["_unit"].unique()
    }
    col = {name: i + 1 for i, name in enumerate(columns)}
    for r, rec in enumerate(rows.to_dict("records"), start=2):
        for name in columns:
            value = rec[name]
            if name == "peildatum":
                value = None if value is None or value != value else value.to_pydatetime()
            elif name == "waarde":
                value = None if value != value else (round(value / 100, 12) if rec["_unit"] == "percent" else value)
            elif name == "jaar":
                value = int(value)
            ws.cell(row=r, column=col[name], value=value)
        ws.cell(row=r, column=col["waarde"]).number_format = _number_format(rec["_unit"], decimals[rec["_unit"]])
        ws.cell(row=r, column=col["peildatum"]).number_format = "d-m-yyyy"
        ws.cell(row=r, column=col["jaar"]).number_format = "0"
    widths = {
        "reeks": 28,
        "titel": 45,
        "jaar": 7,
        "omschrijving": 36,
        "soort": 11,
        "waarde": 12,
        "eenheid": 9,
        "bron": 10,
        "publicatie": 26,
        "tabel": 40,
        "peildatum": 11,
        "voorlopig": 10,
        "toelichting": 40,
    }
    for name, i in col.items():
        ws.column_dimensions[get_column_letter(i)].width = widths.get(name, 14)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions
    notes = wb.create_sheet("Toelichting")
    notes.column_dimensions["A"].width = 110
    lines = list(text.replace("**", "").replace("`", "").split("\n"))
    lines += ["", "Percentages staan in het blad Cijfers als percentage (45,9%); in de CSV in procentpunten (45,9)."]
    for i, line in enumerate(lines, start=1):
        cell = notes.cell(row=i, column=1, value=line)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def export_view(series_id: str, folder=None, *, compare: str | None = None, vintage: str = "latest", data_dir=None):
    """Write the current view into ``folder`` as Excel (.xlsx), CSV for Dutch Excel and PNG; return the paths.

    ``folder`` may be any folder outside the data folder; None or empty means :func:`default_export_folder`.
    The file names come from the series ids and the vintage, cleaned so that they stay inside the folder. The
    files get the normal permissions of new files (``0666`` less the umask).

    Returns
    -------
    list of pathlib.Path
        Absolute paths of the .xlsx, .csv and .png files.
    """
    target = _export_folder(folder, data_dir)
    for sid in [series_id] + ([compare] if compare else []):
        series_meta(sid, data_dir)  # an unknown id raises before anything is written
    stem = _stem(series_id, compare, vintage)
    rows = export_rows(series_id, compare=compare, vintage=vintage, data_dir=data_dir)
    fig, _, text = view(series_id, compare=compare, vintage=vintage, data_dir=data_dir)
    target.mkdir(parents=True, exist_ok=True)
    written = []
    xlsx, csv, png = (_confined(target, f"{stem}.{ext}") for ext in ("xlsx", "csv", "png"))
    atomic_write(xlsx, _xlsx_bytes(rows, text))
    written.append(xlsx)
    atomic_write(csv, _csv_bytes(rows))
    written.append(csv)
    atomic_write(png, png_bytes(fig, dpi=150))
    written.append(png)
    return written


def export_message_html(paths_) -> str:
    """Return the Dutch message after an export: the folder and the file names, as absolute paths."""
    paths_ = [Path(p) for p in paths_]
    folder = html.escape(str(paths_[0].parent)) if paths_ else ""
    items = "".join(f"<li><code>{html.escape(str(p))}</code></li>" for p in paths_)
    return f"<p>Geëxporteerd naar de map <code>{folder}</code>:</p><ul>{items}</ul>"


# ---------------------------------------------------------------------------------------------------------
# The widget panel


def _img_html(series_id: str, png: bytes, title: str) -> str:
    data = base64.b64encode(png).decode("ascii")
    alt = html.escape(f"Grafiek: {title} ({series_id})", quote=True)
    return (
        f'<figure class="sdlib-chart" data-series="{html.escape(series_id, quote=True)}" style="margin:0">'
        f'<img src="data:image/png;base64,{data}" alt="{alt}" title="{alt}" '
        f'style="max-width:100%;height:auto"></figure>'
    )


def _rendered(body: str) -> str:
    """Wrap HTML in JupyterLab's class for rendered output, so text and tables look as in a normal output."""
    return f'<div class="jp-RenderedHTMLCommon" style="padding:0">{body}</div>'


def _panel_children(choice, data_dir=None):
    """Build the widgets that show one choice: per series a description, the chart image and the table."""
    import ipywidgets as w

    series_id, compare, vintage = choice
    children = []
    for sid in [series_id] + ([compare] if compare else []):
        meta = series_meta(sid, data_dir)
        df = view_data(sid, vintage=vintage, data_dir=data_dir)
        png = png_bytes(_figure([(sid, df)], data_dir))
        wide, marks = tables.wide(df, index="year", columns="label")
        tab = tables.table(wide, marks=marks, unit=meta["unit"], index_label="jaar", caption=meta["title"], source=df)
        children += [
            w.HTML(_rendered(_description_html(sid, df, data_dir))),
            w.HTML(_img_html(sid, png, meta["title"])),
            w.HTML(_rendered(tab.data)),
        ]
    return children


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
    ``vintage``), so it shows the same as the chart above it. Each change redraws on new Figures rendered to
    PNG; a generation counter makes sure a slower, older redraw never replaces a newer one.
    """
    import ipywidgets as w

    cat = catalog(data_dir=data_dir) if data_dir is not None else catalog()
    themes = sorted(cat["theme"].unique())
    if series_id in set(cat["id"]) and theme not in themes:
        theme = cat.loc[cat["id"] == series_id, "theme"].iloc[0]
    theme = theme if theme in themes else themes[0]

    def options(th):
        part = cat[cat["theme"] == th]
        return [(f"{t} ({i})", i) for t, i in zip(part["title"], part["id"])]

    wide = {"layout": w.Layout(width="100%", max_width="62em"), "style": {"description_width": "9em"}}
    theme_w = w.Dropdown(options=themes, value=theme, description="Thema", **wide)
    series_w = w.Dropdown(options=options(theme), description="Reeks", **wide)
    if series_id in [v for _, v in series_w.options]:
        series_w.value = series_id
    compare_opts = [("(geen)", "")] + [(f"{t} ({i})", i) for t, i in zip(cat["title"], cat["id"])]
    compare_w = w.Dropdown(
        options=compare_opts, value=compare if compare in set(cat["id"]) else "", description="Vergelijk met", **wide
    )
    vintages = [("nieuwste publicatie", "latest"), ("alle publicaties", "all")]
    if vintage not in ("latest", "all"):
        vintages.append((f"alleen {source_title(vintage, data_dir)}", vintage))
    vintage_w = w.ToggleButtons(
        options=vintages, value=vintage, description="Publicatie", style={"description_width": "9em"}
    )
    folder_text = str(export_folder) if export_folder else str(default_export_folder())
    export_b = w.Button(
        description="Exporteer Excel, CSV en PNG",
        icon="download",
        layout=w.Layout(width="auto"),
        tooltip=f"naar {folder_text}",
    )
    message = w.HTML()
    busy = w.HTML()
    result = w.VBox()
    state = {"generation": 0}
    lock = threading.Lock()

    def choice():
        return series_w.value, compare_w.value or None, vintage_w.value

    def redraw(*_):
        with lock:
            state["generation"] += 1
            generation = state["generation"]
        busy.value = "<i>bezig met tekenen…</i>"
        current = choice()
        try:
            children = _panel_children(current, data_dir) if current[0] else []
        except Exception as exc:  # show the problem in the panel, not as a traceback in the log
            children = [w.HTML(f"<p><b>Kan deze keuze niet tonen:</b> {html.escape(str(exc))}</p>")]
        with lock:
            if generation != state["generation"] or current != choice():
                return  # a newer choice is being drawn; never show this stale one
            result.children = children
            busy.value = ""

    def on_theme(change):
        series_w.options = options(change["new"])

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
    for widget in (series_w, compare_w, vintage_w):
        widget.observe(redraw, names="value")
    export_b.on_click(on_export)
    redraw()
    return w.VBox([theme_w, series_w, compare_w, vintage_w, w.HBox([export_b, busy]), message, result])
