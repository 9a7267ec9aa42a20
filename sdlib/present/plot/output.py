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


PHONE_WIDTH_IN = 3.6  # a chart as wide as a phone's text column (343 CSS px at 375 px) at its own size
PHONE_NAME_CHARS = 22  # category names beside bars are wrapped at this many characters on a phone
PHONE_AXIS_CHARS = 34  # and axis titles at this many
PHONE_MIN_PT = 9.5  # no text smaller on a phone: 9,5 pt is 12,7 CSS px at that size


def fit_outside_texts(fig, rounds: int = 4) -> None:
    """Widen the x-axis of every Axes until the texts at its bar ends (``state(ax).outside``) lie inside it.

    Called before every rendering, for the figure's size at that moment: a label never runs into the axis
    labels, at print width or on a phone.
    """
    from sdlib.present.plot.state import state

    for ax in fig.axes:
        texts = state(ax).outside
        if not texts:
            continue
        for _ in range(rounds):
            fig.draw_without_rendering()  # the layout engine places the Axes anew at every size
            renderer = fig.canvas.get_renderer()
            box = ax.get_window_extent(renderer)
            if box.width < 40:  # no room left for the bars: leave the limits as they are
                break
            extents = [t.get_window_extent(renderer) for t in texts]
            left = max(0.0, *(box.x0 - e.x0 for e in extents))
            right = max(0.0, *(e.x1 - box.x1 for e in extents))
            if left < 1 and right < 1:
                break
            x0, x1 = ax.get_xlim()
            per_px = (x1 - x0) / box.width
            ax.set_xlim(x0 - (left + 6) * per_px * bool(left), x1 + (right + 6) * per_px * bool(right))


def _png(fig, dpi: int) -> bytes:
    import io

    fit_outside_texts(fig)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi, bbox_inches="tight", pad_inches=PAD_IN, facecolor="white")
    return buf.getvalue()


def _phone_png(fig, dpi: int) -> bytes:
    """The same chart redrawn for a phone: a narrow figure, every text at least 9,5 pt, legends under the chart.

    The figure is changed in place (it is closed afterwards); the value labels are placed anew when it is drawn,
    so they still never overlap.
    """
    import textwrap

    from matplotlib.text import Text

    from sdlib.present.plot.state import state

    _, height = fig.get_size_inches()
    name_lines = 0
    for ax in fig.axes:
        names = [t.get_text() for t in ax.get_yticklabels()]
        if any(len(n) > PHONE_NAME_CHARS for n in names):  # long names beside bars: narrower lines on a phone
            wrapped = [textwrap.fill(" ".join(n.split()), PHONE_NAME_CHARS) for n in names]
            ax.set_yticks(ax.get_yticks(), wrapped)
            name_lines += sum(w.count("\n") + 1 for w in wrapped)
        if len(ax.get_xlabel()) > PHONE_AXIS_CHARS:  # an axis title wider than the phone
            ax.set_xlabel(textwrap.fill(ax.get_xlabel(), PHONE_AXIS_CHARS))
    needed = name_lines * PHONE_MIN_PT * 1.7 / 72 + 1.4  # every line of the names, the axis and the legend
    fig.set_size_inches(PHONE_WIDTH_IN, max(height * 1.15, 2.8, needed) + 0.35 * len(fig.legends))
    for t in fig.findobj(Text):
        if t.get_fontsize() < PHONE_MIN_PT:
            t.set_fontsize(PHONE_MIN_PT)
    for ax in fig.axes:
        layer = state(ax).labels
        if layer is not None:
            layer.fontsize = PHONE_MIN_PT
        legend = ax.get_legend()
        if legend is not None and ax.get_visible():  # a legend beside the chart leaves no room on a phone
            handles, labels = legend.legend_handles, [t.get_text() for t in legend.get_texts()]
            legend.remove()
            ax.legend(
                handles,
                labels,
                loc="upper left",
                bbox_to_anchor=(0.0, -0.14),
                ncols=1,
                frameon=False,
                fontsize=PHONE_MIN_PT,
            )
    return _png(fig, dpi)


def chart_html(fig_or_ax, text: str, *, kind: str, source=None, dpi: int = 200) -> str:
    """Return the HTML figure of :func:`show` (the image inline as PNG) and close the figure.

    The image comes twice, in one ``<picture>``: at the A4 text width for print and wide screens, and redrawn
    for a phone (narrow, text at least 9,5 pt) for screens up to 600 px wide. The PDF uses the first.

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

    import matplotlib.pyplot as plt

    if dpi < 150:
        raise ValueError("dpi must be at least 150 for print")
    fig = _figure(fig_or_ax)
    png = _png(fig, dpi)
    phone = _phone_png(fig, dpi)
    plt.close(fig)
    width = round(_png_width(png) * 96 / dpi)  # CSS pixels: the figure's own size in the HTML and the PDF
    alt = html.escape(alt_text(kind, text), quote=True)
    parts = [
        '<figure class="sd-chart"><picture>',
        f'<source media="(max-width: 600px)" srcset="data:image/png;base64,{base64.b64encode(phone).decode("ascii")}">',
        f'<img src="data:image/png;base64,{base64.b64encode(png).decode("ascii")}" alt="{alt}" width="{width}">',
        f'</picture><figcaption><p class="sd-conclusion">{html.escape(text)}</p>',
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
