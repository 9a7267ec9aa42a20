"""From a figure to the report: the image with its text alternative, conclusion and source line."""

from __future__ import annotations

from sdlib.present.plot.theme import PAD_IN, TEXT_WIDTH_IN, _figure
from sdlib.present.provenance import source_text
from sdlib.present.sentences import alt_text


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
