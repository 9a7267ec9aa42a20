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
PHONE_LEGEND_CHARS = 34  # and legend entries at this many
PHONE_MIN_PT = 10.5  # no text smaller on a phone: 10,5 pt is 14 CSS px at that size, above the footnotes
PHONE_PANEL_IN = 2.1  # the least height of a chart (a panel of small multiples) on a phone
PHONE_CHART_IN = 2.4  # and of a chart on its own
PHONE_VALUE_TICKS = {"y": 5, "x": 4}  # at most this many intervals on a value axis on a phone
WIDE_MIN_PT = 9.0  # no text smaller in the HTML image for wide screens: 12 CSS px at its own width, 15 at 832 px


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


def _label_pt(ax) -> float:
    from sdlib.present.plot.state import state
    from sdlib.present.plot.theme import SMALL_PT

    layer = state(ax).labels
    return layer.fontsize if layer is not None else SMALL_PT


def fit_heights(fig, least_in: dict | None = None, rounds: int = 3) -> None:
    """Make the figure taller until every Axes is as high as it needs: horizontal bars each as high as their
    value label (``state(ax).bar_slots``), and an Axes in ``least_in`` at least that many inches."""
    from sdlib.present.plot.state import state
    from sdlib.present.plot.theme import _bar_slot_pt

    least_in = least_in or {}
    for _ in range(rounds):
        fig.draw_without_rendering()
        renderer = fig.canvas.get_renderer()
        short = 0.0
        for ax in fig.axes:
            if not ax.get_visible():
                continue
            need = least_in.get(ax, 0.0) * fig.dpi
            slots = state(ax).bar_slots
            if slots:
                need = max(need, slots * _bar_slot_pt(_label_pt(ax)) / 72 * fig.dpi)
            have = ax.get_window_extent(renderer).height
            short = max(short, need - have)
        if short < 1:
            return
        rows = max(
            1, len({ax.get_subplotspec().rowspan.start for ax in fig.axes if ax.get_visible() and ax.get_subplotspec()})
        )
        width, height = fig.get_size_inches()
        fig.set_size_inches(width, height + short / fig.dpi * rows + 0.02)


def thin_year_ticks(fig) -> None:
    """Keep the year labels of a year axis from running into each other ("2021202220232024") without leaving out
    a year that has a value.

    In turn, until no two labels touch: the date of an incomplete year goes under it in two short lines
    ("2019" / "(t/m" / "4-9)"); a missing year (no value, "geen cijfers" in its slot) gives way to its
    neighbours; the years stand on two rows, every second one a line lower (the incomplete year on the lower
    row, its neighbours on the upper). Only a year without a value is ever left without its label.
    """
    from sdlib.present.plot.state import state

    fig.draw_without_rendering()
    renderer = fig.canvas.get_renderer()
    gap = 3 * fig.dpi / 72
    for ax in fig.axes:
        if not ax.get_visible() or state(ax).time != "year" or state(ax).value_axis == "x":
            continue
        ticks = list(ax.get_xticks())
        texts = [t.get_text().lstrip("\n") for t in ax.get_xticklabels()]
        if len(ticks) < 2 or len(texts) != len(ticks) or not _touching(ax, renderer, gap):
            continue
        xs = _data_x(ax)
        valued = [not xs or min(abs(x - t) for x in xs) < 0.45 for t in ticks]
        texts = [_narrow_partial(t) for t in texts]  # "2019\n(t/m\n4-9)": as narrow as a year
        ax.set_xticks(ticks, texts)
        if not _touching(ax, renderer, gap):
            continue
        shown = [t if v else "" for t, v in zip(texts, valued)]  # the years with a value first, then the others
        ax.set_xticks(ticks, shown)
        for i in reversed(range(len(ticks))):
            if valued[i] or not texts[i]:
                continue
            shown[i] = texts[i]
            ax.set_xticks(ticks, shown)
            if _touching(ax, renderer, gap):
                shown[i] = ""
                ax.set_xticks(ticks, shown)
        if not _touching(ax, renderer, gap):
            continue
        ax.set_xticks(ticks, _two_rows(ax, [t if v else "" for t, v in zip(texts, valued)], renderer, gap))


def _narrow_partial(text: str) -> str:
    """The label of an incomplete year with its date in two short lines: "2019\n(t/m 4-9)" -> "2019\n(t/m\n4-9)"."""
    lines = text.split("\n")
    return "\n".join([lines[0], *(part for line in lines[1:] for part in line.split(" ", 1))])


def _two_rows(ax, texts: list, renderer, gap) -> list:
    """Year labels on two rows where they would touch on one: as many as can on the upper row, the others a line
    lower (a leading empty line), no two touching on either row. An incomplete year (a label of more lines)
    stands on the lower row, its neighbours on the upper one. Without such a layout: every second one lower."""
    ax.set_xticks(ax.get_xticks(), texts)
    ax.figure.draw_without_rendering()
    labels = ax.get_xticklabels()
    shown = [i for i, t in enumerate(texts) if t]
    boxes = [labels[i].get_window_extent(renderer) for i in shown]
    multi = [("\n" in texts[i]) for i in shown]

    def allowed(k, row):
        if multi[k]:
            return row == 1
        beside = (k > 0 and multi[k - 1]) or (k + 1 < len(shown) and multi[k + 1])
        return row == 0 or not beside

    def search(k, last):  # last: the index of the last label on each row, or None
        if k == len(shown):
            return []
        for row in (0, 1):
            prev = last[row]
            if not allowed(k, row) or (prev is not None and boxes[k].x0 < boxes[prev].x1 + gap):
                continue
            rest = search(k + 1, {**last, row: k})
            if rest is not None:
                return [row, *rest]
        return None

    rows = search(0, {0: None, 1: None}) or [(len(shown) - 1 - k) % 2 for k in range(len(shown))]
    out = list(texts)
    for i, row in zip(shown, rows):
        if row:
            out[i] = "\n" + texts[i]
    return out


def _label_ink(label, renderer):
    """The box of the written lines of a tick label, without the empty lines it starts with (a lower row)."""
    box = label.get_window_extent(renderer)
    text = label.get_text()
    lines = text.split("\n")
    empty = len(text) - len(text.lstrip("\n"))
    if not empty or len(lines) <= empty:
        return box
    from matplotlib.transforms import Bbox

    return Bbox.from_extents(box.x0, box.y0, box.x1, box.y1 - box.height * empty / len(lines))


def _touching(ax, renderer, gap) -> bool:
    """Whether two labels of the x axis touch (closer than ``gap`` sideways where their written lines meet)."""
    ax.figure.draw_without_rendering()
    labels = [t for t in ax.get_xticklabels() if t.get_visible() and t.get_text().strip()]
    boxes = [_label_ink(t, renderer) for t in labels]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            if a.x0 < b.x1 + gap and b.x0 < a.x1 + gap and a.y0 < b.y1 and b.y0 < a.y1:
                return True
    return False


def _data_x(ax) -> list:
    """The x positions at which a line or a bar of the Axes has a value."""
    import numpy as np

    xs = []
    for ln in ax.lines:
        xs += [float(v) for v in np.asarray(ln.get_xdata(), dtype=float) if np.isfinite(v)]
    xs += [patch.get_x() + patch.get_width() / 2 for patch in ax.patches]
    return xs


def fit_bar_labels(fig, most: float = 0.35) -> None:
    """Raise the top of a vertical bar chart whose value labels do not all fit upright, until they fit turned a
    quarter above their bars (at most ``most`` of the axis more): amounts wider than their bars keep a label. A
    chart of horizontal bars gets its value axis widened until the label beside the longest bar fits."""
    from matplotlib.text import Text

    from sdlib.present.plot.state import state

    for ax in fig.axes:
        layer = state(ax).labels
        if layer is None or state(ax).value_axis not in ("x", "y") or not ax.get_visible():
            continue
        bars = [c for c in layer.candidates if c[6] == ("barh" if state(ax).value_axis == "x" else "bar")]
        if not bars:
            continue
        fig.canvas.draw()
        placed = [t for t in layer.placed if t.get_text() in {c[4] for c in bars}]
        if len(placed) >= len(bars):
            continue
        renderer = fig.canvas.get_renderer()
        if state(ax).value_axis == "x":  # horizontal bars: widen the value axis so the label beside a bar fits
            width = ax.get_window_extent(renderer).width
            lo, hi = ax.get_xlim()
            right = hi
            for c in bars:
                probe = Text(0, 0, c[4], fontsize=layer.fontsize)
                probe.set_figure(fig)
                length = probe.get_window_extent(renderer).width + 6 * fig.dpi / 72
                if length < 0.8 * width:
                    right = max(right, lo + (c[2] - lo) * width / (width - length))
            # on a phone a label can be a third of the axis: allow up to 0,7 of the range more (the bars stay to
            # scale, the axis only gets longer)
            if hi < right <= hi + max(most, 0.7) * (hi - lo):
                ax.set_xlim(lo, right)
            continue
        height = ax.get_window_extent(renderer).height
        lo, hi = ax.get_ylim()
        top = hi
        for c in bars:
            probe = Text(0, 0, c[4], fontsize=layer.fontsize, rotation=90)
            probe.set_figure(fig)
            length = probe.get_window_extent(renderer).height + 4 * fig.dpi / 72
            if length < 0.8 * height:  # the bar top at (v - lo) / (top - lo) of the height, its label above it
                top = max(top, lo + (c[3] - lo) * height / (height - length))
        if hi < top <= hi + most * (hi - lo):
            ax.set_ylim(lo, top)


def fit_value_ticks(fig) -> None:
    """Give a value axis along x fewer ticks until its labels do not touch ("−15−10−5" on a phone)."""
    import itertools

    from matplotlib.ticker import MaxNLocator

    from sdlib.present.plot.state import state

    for ax in fig.axes:
        if (
            not ax.get_visible()
            or state(ax).time == "year"
            or not isinstance(ax.xaxis.get_major_locator(), MaxNLocator)
        ):
            continue
        locator = ax.xaxis.get_major_locator()
        gap = 3 * fig.dpi / 72
        for _ in range(6):
            fig.draw_without_rendering()
            renderer = fig.canvas.get_renderer()
            low, high = sorted(ax.get_xlim())
            labels = [
                t
                for t, v in zip(ax.get_xticklabels(), ax.get_xticks())
                if t.get_visible() and t.get_text() and low - 1e-9 <= v <= high + 1e-9
            ]
            boxes = sorted((t.get_window_extent(renderer) for t in labels), key=lambda b: b.x0)
            if len(boxes) < 3 or not any(a.x1 + gap > b.x0 for a, b in itertools.pairwise(boxes)):
                break
            locator.set_params(nbins=max(1, len(boxes) - 2))


def mark_cut_axes(fig) -> None:
    """Mark a value axis that does not start at zero with two short slanted strokes at its foot, the sign readers
    know for a cut axis: a line of ages from 8 to 11 years drawn from 8 looked like a steep fall (round 45). Axes
    whose range starts at or below zero get no mark; the mark is drawn once and follows later limits."""
    from sdlib.present.plot.state import state

    for ax in fig.axes:
        st = state(ax)
        if st.value_axis != "y" or not ax.get_visible():
            continue
        cut = ax.get_ylim()[0] > 0
        if st.cut is not None:
            st.cut.set_visible(cut)
            continue
        if not cut:
            continue
        from matplotlib.lines import Line2D

        # in axes coordinates on the left spine: two parallel strokes with a white gap between them
        mark = Line2D(
            [-0.012, 0.012, float("nan"), -0.012, 0.012],
            [0.012, 0.032, float("nan"), 0.032, 0.052],
            transform=ax.transAxes,
            color=ax.spines["left"].get_edgecolor(),
            linewidth=1.0,
            clip_on=False,
            zorder=5,
        )
        ax.add_artist(mark)  # not add_line: the mark must not widen the value range
        st.cut = mark


def _prepare(fig) -> None:
    """Fit the chart to its size just before it is rendered (print or phone)."""
    from sdlib.present.plot.state import state
    from sdlib.present.plot.theme import cover_values
    from sdlib.present.plot.timeaxis import fit_notes

    fit_heights(fig)
    fit_notes(fig)
    fig.draw_without_rendering()
    fit_bar_labels(fig)
    for ax in fig.axes:
        cover_values(ax)
    fit_outside_texts(fig)
    fit_value_ticks(fig)
    if any(state(ax).time == "year" for ax in fig.axes):
        thin_year_ticks(fig)
    mark_cut_axes(fig)  # last: the value range is final


def _png(fig, dpi: int) -> bytes:
    import io

    _prepare(fig)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi, bbox_inches="tight", pad_inches=PAD_IN, facecolor="white")
    return buf.getvalue()


def _one_column(fig) -> list:
    """Put the panels of small multiples under each other, one a row, the empty cells removed."""
    from matplotlib.gridspec import GridSpec

    from sdlib.present.plot.state import state

    panels = [ax for ax in fig.axes if state(ax).panel]
    for ax in [ax for ax in fig.axes if not ax.get_visible()]:
        fig.delaxes(ax)
    panels = [ax for ax in panels if ax.get_visible()]
    if not panels:
        return []
    grid = GridSpec(len(panels), 1, figure=fig)
    for i, ax in enumerate(panels):
        ax.set_subplotspec(grid[i, 0])
    return panels


def _legend_entries(legend):
    from sdlib.present.plot.theme import legend_entries

    return legend_entries(legend)


def _legends_under(fig) -> None:
    """Move the legends under the chart, as one figure legend of one column, entries wrapped to the phone."""
    import textwrap

    handles, labels = [], []
    for legend in list(fig.legends):
        h, lab = _legend_entries(legend)
        handles += h
        labels += lab
        legend.remove()
    for ax in fig.axes:
        legend = ax.get_legend()
        if legend is not None:
            if ax.get_visible():
                h, lab = _legend_entries(legend)
                handles += h
                labels += lab
            legend.remove()
    if not handles:
        return
    seen, entries = set(), []
    for h, lab in zip(handles, labels):
        flat = " ".join(lab.split())
        if flat not in seen:
            seen.add(flat)
            entries.append((h, textwrap.fill(flat, PHONE_LEGEND_CHARS)))
    from sdlib.present.plot.theme import make_legend

    make_legend(
        fig,
        [h for h, _ in entries],
        [lab for _, lab in entries],
        loc="outside lower left",
        ncols=1,
        frameon=False,
        fontsize=PHONE_MIN_PT,
    )


def _source_under(fig) -> None:
    """Put the "Bron:" line of the figure (its ``supxlabel``) under the bottom chart, where a legend under the
    chart does not cover it."""
    label = getattr(fig, "_supxlabel", None)  # matplotlib keeps the figure's supxlabel here
    if label is None or not label.get_text() or not label.get_visible():
        return
    bottom = min((ax for ax in fig.axes if ax.get_visible()), key=lambda a: a.get_position().y0)
    text = " ".join(label.get_text().split())
    label.set_visible(False)
    label.set_in_layout(False)
    below = bottom.get_xlabel()
    bottom.set_xlabel((below + "\n" if below else "") + text, loc="left", fontsize=PHONE_MIN_PT, color="#444444")


def _wrap_texts(fig) -> None:
    """Wrap every title and axis title to the width of the phone right of where it starts, measured as drawn."""
    import textwrap

    from matplotlib.text import Text

    # matplotlib keeps the left title and the figure title as these attributes (no public getter of the artist)
    texts = [ax.title for ax in fig.axes] + [ax._left_title for ax in fig.axes] + [ax.xaxis.label for ax in fig.axes]
    sup = getattr(fig, "_suptitle", None)
    if sup is not None:
        texts.append(sup)
    width_pt = fig.get_figwidth() * 72 - 8
    for text in texts:  # first by an estimate of the characters that fit, so that the layout has room to work
        lines = text.get_text().split("\n")
        chars = int(width_pt / (text.get_fontsize() * 0.62))
        if max(len(n) for n in lines) > chars:
            text.set_text("\n".join(textwrap.fill(n, chars) for n in lines))
    fig.draw_without_rendering()
    renderer = fig.canvas.get_renderer()
    right = fig.bbox.x1 - 4 * fig.dpi / 72
    for text in texts:
        if not isinstance(text, Text) or not text.get_text().strip() or not text.get_visible():
            continue
        if text.get_window_extent(renderer).x1 <= right:
            continue
        lines = text.get_text().split("\n")
        box, left = text.get_window_extent(renderer), fig.bbox.x0 + 4 * fig.dpi / 72
        room = {  # the width the text may take where it is anchored
            "left": right - max(box.x0, left),
            "right": min(box.x1, right) - left,
        }.get(text.get_horizontalalignment(), 2 * min((box.x0 + box.x1) / 2 - left, right - (box.x0 + box.x1) / 2))
        for chars in range(max(len(n) for n in lines), 8, -1):
            text.set_text("\n".join(textwrap.fill(n, chars) for n in lines))
            if text.get_window_extent(renderer).width <= room:
                break


def _phone_png(fig, dpi: int) -> bytes:
    """The same chart redrawn for a phone: a narrow figure, every text at least 9,5 pt, legends under the chart.

    Small multiples become one column, one panel a row at full width; titles and legends are wrapped to the
    phone, a value axis has fewer ticks and year labels that would run into each other are thinned. The figure
    is changed in place (it is closed afterwards); the value labels are placed anew when it is drawn, so they
    still never overlap.
    """
    import textwrap

    from matplotlib.ticker import MaxNLocator

    from sdlib.present.plot.state import state

    _, height = fig.get_size_inches()
    panels = _one_column(fig)
    name_lines = 0
    for ax in fig.axes:
        names = [t.get_text() for t in ax.get_yticklabels()]
        if any(len(n) > PHONE_NAME_CHARS for n in names):  # long names beside bars: narrower lines on a phone
            wrapped = [textwrap.fill(" ".join(n.split()), PHONE_NAME_CHARS) for n in names]
            ax.set_yticks(ax.get_yticks(), wrapped)
            name_lines += sum(w.count("\n") + 1 for w in wrapped)
        if len(ax.get_xlabel()) > PHONE_AXIS_CHARS:  # an axis title wider than the phone
            ax.set_xlabel(textwrap.fill(ax.get_xlabel(), PHONE_AXIS_CHARS))
        st = state(ax)
        if st.value_axis is not None:  # fewer ticks: "0 30 60 90120150" does not fit a phone
            axis = ax.yaxis if st.value_axis == "y" else ax.xaxis
            locator = axis.get_major_locator()
            if isinstance(locator, MaxNLocator):
                locator.set_params(nbins=PHONE_VALUE_TICKS[st.value_axis])
    _raise_fonts(fig, PHONE_MIN_PT)
    for ax in fig.axes:
        words = state(ax).words
        if words:  # "← slechter dan het doel" on two lines beside zero: a phone is narrow
            from sdlib.present.plot.charts import BETTER_WORDS, BETTER_WORDS_NARROW

            narrow = dict(zip(BETTER_WORDS, BETTER_WORDS_NARROW))
            for word in words:
                word.set_text(narrow.get(word.get_text(), word.get_text()))
            ax.xaxis.labelpad = PHONE_MIN_PT * 2.5 + 6
    _legends_under(fig)
    _source_under(fig)
    if panels:
        fig.set_size_inches(PHONE_WIDTH_IN, PHONE_PANEL_IN * len(panels) + 1.2)
        least = dict.fromkeys(panels, PHONE_PANEL_IN)
    else:
        # every line of the names, then the axis with its title, the words of better and the legend under it
        line = PHONE_MIN_PT * 1.45 / 72
        under = sum(ax.get_xlabel().count("\n") + 1 for ax in fig.axes if ax.get_xlabel())
        under += sum(2 for ax in fig.axes if state(ax).words)
        under += sum(len(lg.get_texts()) for lg in [*fig.legends, *(ax.get_legend() for ax in fig.axes)] if lg)
        needed = name_lines * PHONE_MIN_PT * 1.7 / 72 + under * line + 0.8
        fig.set_size_inches(PHONE_WIDTH_IN, max(height * 1.15, 2.8, needed))
        least = {ax: PHONE_CHART_IN for ax in fig.axes if ax.get_visible() and _has_values(ax)}
    _wrap_texts(fig)
    fit_heights(fig, least)
    _wrap_texts(fig)  # once more at the final layout
    return _png(fig, dpi)


def _raise_fonts(fig, least: float) -> None:
    """Make every text of the figure at least ``least`` points: ticks (also those made later), titles, legends,
    notes, the source line and the value labels (placed anew at that size when the figure is drawn)."""
    from matplotlib.text import Text

    from sdlib.present.plot.state import state

    for ax in fig.axes:
        for axis, name in ((ax.xaxis, "x"), (ax.yaxis, "y")):
            for which, ticks in (("major", axis.get_major_ticks()), ("minor", axis.get_minor_ticks())):
                if ticks and ticks[0].label1.get_fontsize() < least:
                    ax.tick_params(axis=name, which=which, labelsize=least)
    for t in fig.findobj(Text):
        if t.get_fontsize() < least:
            t.set_fontsize(least)
    for ax in fig.axes:
        layer = state(ax).labels
        if layer is not None and layer.fontsize < least:
            layer.fontsize = least


def _rewrap_source(fig) -> None:
    """Wrap the "Bron:" line of the figure (its ``supxlabel``) anew to the figure's width at its font size."""
    import textwrap

    label = getattr(fig, "_supxlabel", None)  # matplotlib keeps the figure's supxlabel here
    if label is None or not label.get_text():
        return
    chars = int(fig.get_figwidth() * 72 / (label.get_fontsize() * 0.58))
    label.set_text("\n".join(textwrap.wrap(" ".join(label.get_text().split()), chars)))


def _wide_png(fig, dpi: int) -> bytes:
    """The chart for screens wider than a phone: the print chart with every text at least ``WIDE_MIN_PT``.

    A screen shows it as wide as the text column (at most 832 CSS px, 1,2 times the print width), so its
    smallest text is 12 CSS px at its own width and 15 px at 832 px, against 11,3 and 14,3 px at the print
    sizes. The layout stays that of the print chart: the value labels are placed anew at their size, horizontal
    bars grow with them, years that would touch are thinned. The figure is changed in place.
    """
    _raise_fonts(fig, WIDE_MIN_PT)
    _rewrap_source(fig)
    return _png(fig, dpi)


def _has_values(ax) -> bool:
    from sdlib.present.plot.state import state

    return state(ax).value_axis is not None


def chart_html(fig_or_ax, text: str, *, kind: str, source=None, dpi: int = 200) -> str:
    """Return the HTML figure of :func:`show` (the image inline as PNG) and close the figure.

    The image comes three times, in one ``<picture>``: at the A4 text width for print (the ``<img>``, which the
    PDF uses), with its text at least 9 pt for screens wider than 600 px (shown up to 832 CSS px wide: no text
    under 12 px, see :func:`_wide_png`), and redrawn for a phone (narrow, text at least 9,5 pt) for screens up
    to 600 px wide.

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
    wide = _wide_png(fig, dpi)
    phone = _phone_png(fig, dpi)
    plt.close(fig)
    width = round(_png_width(png) * 96 / dpi)  # CSS pixels: the figure's own size in the HTML and the PDF
    alt = html.escape(alt_text(kind, text), quote=True)
    parts = [
        '<figure class="sd-chart"><picture>',
        f'<source media="(max-width: 600px)" srcset="data:image/png;base64,{base64.b64encode(phone).decode("ascii")}">',
        f'<source media="(min-width: 601px)" srcset="data:image/png;base64,{base64.b64encode(wide).decode("ascii")}">',
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
