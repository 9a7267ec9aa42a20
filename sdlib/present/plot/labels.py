"""Value labels that never overlap: placed when the figure is drawn, with the real text extents.

Each label has a white ground (a grid line stops short of its figures) and keeps room around it: from other
labels (``LABEL_GAP_PT``), from markers and target marks at the extent they are drawn (``MARK_GAP_PT``, see
:func:`mark_extent`) and from lines. A point label tries above, below, beside and diagonally; where another point
or a target mark lies just above a point (two lines crossing, a target over the value), it tries below first, so
one label of the pair stands above and the other below.
"""

from __future__ import annotations

from sdlib.present.plot.state import state
from sdlib.present.plot.theme import SMALL_PT


def _segment_hits(p, q, box) -> bool:
    """Whether the segment p-q (display coordinates) crosses the box (x0, y0, x1, y1): Liang-Barsky."""
    x0, y0, x1, y1 = box
    dx, dy = q[0] - p[0], q[1] - p[1]
    t0, t1 = 0.0, 1.0
    for num, den in ((p[0] - x0, -dx), (x1 - p[0], dx), (p[1] - y0, -dy), (y1 - p[1], dy)):
        if den == 0:
            if num < 0:
                return False
            continue
        t = num / den
        if den < 0:
            t0 = max(t0, t)
        else:
            t1 = min(t1, t)
        if t0 > t1:
            return False
    return True


def _overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


_LAYER = []


def _layer_class():
    """The Artist class of the value labels, made on first use (matplotlib loads only when a chart is drawn)."""
    if _LAYER:
        return _LAYER[0]
    from matplotlib.artist import Artist

    class LabelLayer(Artist):
        """Value labels of one Axes, placed at draw time with collision checks (see the module notes)."""

        def __init__(self, ax):
            super().__init__()
            self.ax = ax
            self.candidates = []  # (priority, order, x, y, text, colour, kind, own patch)
            self.fontsize = SMALL_PT  # raised for the narrow (phone) rendering of a chart
            self.placed = []
            self.set_zorder(6)
            self.set_in_layout(False)

        def add(self, x, y, text, colour, priority, kind="point", own=None):
            self.candidates.append((priority, len(self.candidates), x, y, text, colour, kind, own))
            self.stale = True

        def get_children(self):
            return list(self.placed)

        def draw(self, renderer):
            if not self.get_visible():
                return
            self.placed = _place(self, renderer)
            for text in self.placed:
                text.draw(renderer)

    _LAYER.append(LabelLayer)
    return LabelLayer


GROUND_PT = 1.5  # the white ground around a label: a grid line stops this far from its figures
LABEL_GAP_PT = (4.0, 2.0)  # the least room between two labels (sideways, above or below), ground included
MARK_GAP_PT = 1.5  # and between a label's ground and a marker or a target mark (its real extent)
LINE_GAP_PT = 0.75  # and between a label's ground and a line

_OFFSETS = {  # (dx, dy in points, ha, va, rotation), tried in this order; a point label stands clear of its marker
    "point": [
        (0, 7, "center", "bottom", 0),
        (0, -7, "center", "top", 0),
        (8, 0, "left", "center", 0),
        (-8, 0, "right", "center", 0),
        (4, 6, "left", "bottom", 0),  # diagonally: where two lines cross, or a line comes in steeply
        (4, -6, "left", "top", 0),
        (-4, 6, "right", "bottom", 0),
        (-4, -6, "right", "top", 0),
    ],
    # "right" and "left" labels of a bar end at its right edge or start at its left edge: still over the bar
    "bar": [(0, 3, "center", "bottom", 0), (0, 3, "right", "bottom", 0), (0, 3, "left", "bottom", 0)]
    + [(0, 3, "center", "bottom", 90)],
    "bar_neg": [(0, -3, "center", "top", 0), (0, -3, "right", "top", 0), (0, -3, "left", "top", 0)]
    + [(0, -3, "center", "top", 90)],
    "barh": [(4, 0, "left", "center", 0)],
    "barh_neg": [(-4, 0, "right", "center", 0)],
}

# the newest (and the first) point of a line keep their label: beside the places above they may also stand a
# little further away
_FARTHER = [(0, 13, "center", "bottom", 0), (0, -13, "center", "top", 0)]
_NEWEST = [
    (0, 13, "center", "bottom", 0),
    (0, -13, "center", "top", 0),
    (-8, 12, "right", "bottom", 0),
    (-8, -12, "right", "top", 0),
    (-14, 0, "right", "center", 0),
]


def mark_extent(line) -> tuple[float, float]:
    """The half width and half height (points) of the marker of a Line2D as drawn: its path at its size plus half
    its edge. A target mark "_" is a flat bar of its full size wide and its edge high; a diamond reaches further
    sideways than its size."""
    from matplotlib.markers import MarkerStyle

    style = MarkerStyle(line.get_marker())
    ext = style.get_path().transformed(style.get_transform()).get_extents()
    size, edge = line.get_markersize(), line.get_markeredgewidth()
    half_w = max(abs(ext.x0), abs(ext.x1)) * size
    half_h = max(abs(ext.y0), abs(ext.y1)) * size
    if not style.is_filled() and style.get_capstyle() == "butt":  # a stroke of butt caps: no cap beyond its ends
        return (half_w + edge / 2 if half_h > half_w else half_w, half_h + edge / 2 if half_w >= half_h else half_h)
    return half_w + edge / 2, half_h + edge / 2


def _has_marker(ln) -> bool:
    return ln.get_marker() not in (None, "None", "none", "", " ")


def _obstacles(ax, renderer):
    """Segments of the lines and boxes ((x0, y0, x1, y1), owner patch or None) of markers, target marks, bars and
    the "geen cijfers" notes, in display coordinates; markers at their real extent."""
    import numpy as np

    segments, boxes = [], []
    px = ax.figure.dpi / 72
    for ln in ax.lines:
        if not ln.get_visible():
            continue
        xy = np.asarray(ln.get_xydata(), dtype=float)
        if len(xy) == 0:
            continue
        pts = ln.get_transform().transform(xy)
        if ln.get_linestyle() not in ("None", "none", "", " ") and len(pts) > 1:
            segments += [
                (pts[i], pts[i + 1])
                for i in range(len(pts) - 1)
                if np.isfinite(pts[i]).all() and np.isfinite(pts[i + 1]).all()
            ]
        if _has_marker(ln):
            rx, ry = (v * px for v in mark_extent(ln))
            boxes += [((p[0] - rx, p[1] - ry, p[0] + rx, p[1] + ry), None) for p in pts if np.isfinite(p).all()]
    for patch in ax.patches:
        if patch.get_visible():
            b = patch.get_window_extent(renderer)
            if b.width > 0 and b.height > 0:
                boxes.append(((b.x0, b.y0, b.x1, b.y1), patch))
    for note, _, _ in state(ax).notes:  # "geen cijfers" in the slot of a missing year
        if note.get_visible():
            b = note.get_window_extent(renderer)
            boxes.append(((b.x0, b.y0, b.x1, b.y1), None))
    return segments, boxes


def _stays_with_its_bar(kind, ext, own, boxes, renderer) -> bool:
    """Whether a bar label reads as the label of its own bar and of no other.

    Beside a horizontal bar the label lies within the bar's row (not between two bars); above a vertical bar
    it stands clear above every other bar it reaches over (not on the top of a neighbour).
    """
    if own is None:
        return True
    o = own.get_window_extent(renderer)
    if kind.startswith("barh"):
        slack = o.height * (0.08 / 0.92) / 2 + 1.0  # half the gap to the next bar
        return ext.y0 >= o.y0 - slack and ext.y1 <= o.y1 + slack
    for (x0, y0, x1, y1), patch in boxes:
        if patch is None or patch is own or x1 <= ext.x0 or ext.x1 <= x0:
            continue
        if kind == "bar" and y1 > ext.y0 - 0.6 * ext.height:
            return False
        if kind == "bar_neg" and y0 < ext.y1 + 0.6 * ext.height:
            return False
    return True


def _place(layer, renderer):
    """Place the labels of one Axes. The labels of vertical bars stand all upright, or all turned a quarter when
    that places more of them (amounts wider than their bar): never a mix."""
    bars = sum(1 for c in layer.candidates if c[6] in ("bar", "bar_neg"))
    upright = _place_turned(layer, renderer, 0)
    on_bars = lambda placed: sum(1 for _, kind in placed if kind in ("bar", "bar_neg"))  # noqa: E731
    if bars and on_bars(upright) < bars:
        turned = _place_turned(layer, renderer, 90)
        if on_bars(turned) > on_bars(upright):
            upright = turned
    return [text for text, _ in upright]


def _below_first(ax, x, y, neighbours, reach) -> bool:
    """Whether the label of the point (x, y) should try below before above: the nearest other point or target
    mark at the same x lies just above it (two lines crossing, a target just over the value), so one label
    stands above the pair and the other below it."""
    px, py = ax.transData.transform((x, y))
    near = [(qy - py) for qx, qy in neighbours if abs(qx - px) < 1.0 and 0.5 < abs(qy - py) < reach]
    return bool(near) and min(near, key=abs) > 0


def _neighbours(ax, layer):
    """Display positions of every point that may have a label and of every marker drawn (targets included)."""
    import numpy as np

    out = [tuple(ax.transData.transform((c[2], c[3]))) for c in layer.candidates if c[6] == "point"]
    for ln in ax.lines:
        if ln.get_visible() and _has_marker(ln):
            xy = np.asarray(ln.get_xydata(), dtype=float)
            if len(xy):
                out += [tuple(p) for p in ln.get_transform().transform(xy) if np.isfinite(p).all()]
    return out


def _centred_at(box, anchor) -> bool:
    """Whether a marker box is the marker of the point ``anchor`` (display coordinates) itself."""
    if anchor is None:
        return False
    return abs((box[0] + box[2]) / 2 - anchor[0]) < 1.0 and abs((box[1] + box[3]) / 2 - anchor[1]) < 1.0


def _grow(box, dx, dy=None):
    dy = dx if dy is None else dy
    return (box[0] - dx, box[1] - dy, box[2] + dx, box[3] + dy)


def _place_turned(layer, renderer, turn: int) -> list:
    """(label, kind) of every label placed, bar labels turned ``turn`` degrees, in order of priority."""
    from matplotlib.text import Text
    from matplotlib.transforms import ScaledTranslation

    ax = layer.ax
    fig = ax.figure
    pt = fig.dpi / 72
    segments, boxes = _obstacles(ax, renderer)
    neighbours = _neighbours(ax, layer)
    frame = ax.bbox
    ground = GROUND_PT * pt
    placed, taken = [], []
    for priority, _, x, y, s, colour, kind, own in sorted(layer.candidates, key=lambda c: (c[0], c[1])):
        anchor = ax.transData.transform((x, y)) if kind == "point" else None
        # the newest and the extremes may stand further off; any other point too, as a last resort, rather than
        # lose its label (75,2% between 76,0% and 80,0%, its target just under it)
        offsets = _OFFSETS[kind] + (
            _NEWEST if kind == "point" and priority <= 1 else _FARTHER if kind == "point" else []
        )
        if kind == "point" and _below_first(ax, x, y, neighbours, 3 * layer.fontsize * pt):
            offsets = [o for o in offsets if o[1] < 0] + [o for o in offsets if o[1] >= 0]
        if kind in ("bar", "bar_neg"):  # the labels of vertical bars all stand one way
            offsets = [o for o in offsets if o[4] == turn]
        for dx, dy, ha, va, rotation in offsets:
            at = x
            if kind in ("bar", "bar_neg") and own is not None and ha != "center":
                at = own.get_x() + (own.get_width() if ha == "right" else 0.0)
            text = Text(at, y, s, fontsize=layer.fontsize, color=colour, ha=ha, va=va, rotation=rotation)
            text.set_figure(fig)
            text.set_transform(ax.transData + ScaledTranslation(dx / 72, dy / 72, fig.dpi_scale_trans))
            # a white ground: a grid line never runs through a value, nor up to its figures
            text.set_bbox(
                {"boxstyle": f"square,pad={GROUND_PT / layer.fontsize:.3f}", "facecolor": "white", "edgecolor": "none"}
            )
            ext = text.get_window_extent(renderer)
            box = _grow((ext.x0, ext.y0, ext.x1, ext.y1), ground)  # the label with its ground
            if ext.x0 < frame.x0 or ext.x1 > frame.x1 or ext.y0 < frame.y0 or ext.y1 > frame.y1:
                continue
            if any(_overlap(_grow(box, LABEL_GAP_PT[0] * pt, LABEL_GAP_PT[1] * pt), t) for t in taken):
                continue  # "13,2 13,2", never "13,213,2"; two labels above each other do not touch
            near = _grow(box, MARK_GAP_PT * pt)
            if any(
                _overlap(box if _centred_at(b, anchor) else near, b)
                for b, owner in boxes
                if owner is not own or own is None
            ):
                continue  # clear of every marker and target mark; only its own marker may come closer
            line_box = _grow(box, LINE_GAP_PT * pt)
            if any(_segment_hits(p, q, line_box) for p, q in segments):
                continue
            if kind != "point" and not _stays_with_its_bar(kind, ext, own, boxes, renderer):
                continue
            placed.append((text, kind))
            taken.append(box)
            break
    return placed


def _labels(ax):
    """Return the label layer of an Axes (made and added on first use)."""
    st = state(ax)
    if st.labels is None:
        st.labels = _layer_class()(ax)
        ax.add_artist(st.labels)
    return st.labels


def label_layer(ax):
    """The value labels of an Axes, or None: ``.candidates`` before drawing, ``.placed`` after."""
    return state(ax).labels


def _priorities(values) -> list[int]:
    """Rank the points of one series for labelling: last 0, first 1, maximum 2, minimum 3, the rest after."""
    import numpy as np

    n = len(values)
    rank = [10 + (n - 1 - i) for i in range(n)]  # the rest: later points first
    if n == 0:
        return rank
    vals = np.asarray(values, dtype=float)
    for prio, i in ((3, int(np.nanargmin(vals))), (2, int(np.nanargmax(vals))), (1, 0), (0, n - 1)):
        rank[i] = prio
    return rank
