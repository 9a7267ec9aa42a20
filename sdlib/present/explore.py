"""Exploring the catalog interactively: one view per series (chart, table, definition) and a widget panel.

Used by ``notebooks/explore/verkenner.ipynb``. :func:`view` and :func:`export_view` work without a browser;
:func:`explorer` adds ipywidgets on top of them.
"""

from __future__ import annotations

from pathlib import Path

from sdlib.data.catalog import catalog, series_meta
from sdlib.data.fileio import atomic_write
from sdlib.data.load import load
from sdlib.present import plot, tables
from sdlib.present.provenance import source_text, source_title

__all__ = ["view_data", "view", "export_view", "explorer"]


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


def _chart(df, meta, ax):

    hue = "label" if df["label"].nunique() > 1 else None
    if df["year"].nunique() > 1:
        plot.line(df, hue=hue, unit=meta["unit"], ax=ax, labels=df["label"].nunique() <= 3, title=meta["title"])
    else:
        plot.bars(df, x="label", unit=meta["unit"], ax=ax, title=f"{meta['title']} ({df['year'].iloc[0]})",
                  horizontal=True)
    plot.add_source(ax, df)
    return ax


def view(series_id: str, *, compare: str | None = None, vintage: str = "latest", data_dir=None):
    """Return the figure, table and description of a series (and of a second series to compare with).

    Returns
    -------
    (matplotlib.figure.Figure, list of IPython HTML, str)
        The chart(s), a table per series and a Markdown description (definition, unit, sources, peildatum).
    """
    import matplotlib.pyplot as plt


    ids = [series_id] + ([compare] if compare else [])
    fig, axes = plt.subplots(len(ids), 1, figsize=(7.2, 3.4 * len(ids)), squeeze=False)
    out_tables, text = [], []
    for ax, sid in zip(axes[:, 0], ids):
        meta = series_meta(sid, data_dir)
        df = view_data(sid, vintage=vintage, data_dir=data_dir)
        _chart(df, meta, ax)
        wide, marks = tables.wide(df, index="year", columns="label")
        out_tables.append(tables.table(wide, marks=marks, unit=meta["unit"], index_label="jaar", caption=meta["title"],
                                       source=df))
        text.append(f"**{meta['title']}** (`{sid}`)\n\n{' '.join(meta['definition'].split())}\n\n"
                    f"Eenheid: {meta['unit']}; gewenste richting: {meta.get('direction') or 'geen'}. {source_text(df)}.")
    fig.tight_layout()
    return fig, out_tables, "\n\n".join(text)


def export_view(series_id: str, folder, *, compare: str | None = None, vintage: str = "latest", data_dir=None):
    """Write the current view as CSV (the rows) and PNG (the chart) into ``folder``; return the paths."""
    import matplotlib.pyplot as plt
    import pandas as pd


    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    stem = series_id + (f"__{compare}" if compare else "") + f"__{vintage}"
    ids = [series_id] + ([compare] if compare else [])
    rows = pd.concat([view_data(s, vintage=vintage, data_dir=data_dir).assign(series=s) for s in ids])
    csv_path, png_path = folder / f"{stem}.csv", folder / f"{stem}.png"
    atomic_write(csv_path, rows.to_csv(index=False).encode("utf-8"))
    fig, _, _ = view(series_id, compare=compare, vintage=vintage, data_dir=data_dir)
    import io

    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=150, bbox_inches="tight")
    plt.close(fig)
    atomic_write(png_path, buf.getvalue())
    return [csv_path, png_path]


def explorer(*, theme: str = "jeugd", series_id: str | None = None, export_folder="verkenner_export"):
    """Return an ipywidgets panel: theme and series pickers, a second series, vintage, export buttons."""
    import ipywidgets as w
    import matplotlib.pyplot as plt
    from IPython.display import Markdown, display

    cat = catalog()
    themes = sorted(cat["theme"].unique())

    def options(th):
        part = cat[cat["theme"] == th]
        return [(f"{t} ({i})", i) for t, i in zip(part["title"], part["id"])]

    theme_w = w.Dropdown(options=themes, value=theme, description="Thema")
    series_w = w.Dropdown(options=options(theme), description="Reeks")
    if series_id in [v for _, v in series_w.options]:
        series_w.value = series_id
    compare_w = w.Dropdown(options=[("(geen)", "")] + [(f"{t} ({i})", i) for t, i in zip(cat["title"], cat["id"])],
                           description="Vergelijk")
    vintage_w = w.ToggleButtons(options=[("nieuwste publicatie", "latest"), ("alle publicaties", "all")],
                                description="Publicatie")
    export_b = w.Button(description="Exporteer CSV en PNG", icon="download")
    out = w.Output()

    def redraw(*_):
        with out:
            out.clear_output(wait=True)
            fig, tabs, text = view(series_w.value, compare=compare_w.value or None, vintage=vintage_w.value)
            display(Markdown(text))
            plt.show(fig)
            for t in tabs:
                display(t)

    def on_theme(change):
        series_w.options = options(change["new"])

    def on_export(_):
        paths_ = export_view(series_w.value, export_folder, compare=compare_w.value or None, vintage=vintage_w.value)
        with out:
            display(Markdown("Geëxporteerd: " + ", ".join(f"`{p}`" for p in paths_)))

    theme_w.observe(on_theme, names="value")
    for widget in (series_w, compare_w, vintage_w):
        widget.observe(redraw, names="value")
    export_b.on_click(on_export)
    redraw()
    return w.VBox([w.HBox([theme_w, series_w]), w.HBox([compare_w, vintage_w]), export_b, out])
