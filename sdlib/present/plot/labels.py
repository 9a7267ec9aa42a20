"""Value labels that never overlap: placed when the figure is drawn, with the real text extents."""

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


_OFFSETS = {  # (dx, dy in points, ha, va, rotation), tried in this order
    "point": [
        (0, 5, "center", "bottom", 0),
        (0, -5, "center", "top", 0),
        (6, 0, "left", "center", 0),
        (-6, 0, "right", "center", 0),
    ],
    # "right" and "left" labels of a bar end at its right edge or start at its left edge: still over the bar
    "bar": [(0, 2, "center", "bottom", 0), (0, 2, "right", "bottom", 0), (0, 2, "left", "bottom", 0)]
    + [(0, 2, "center", "bottom", 90)],
    "bar_neg": [(0, -2, "center", "top", 0), (0, -2, "right", "top", 0), (0, -2, "left", "top", 0)]
    + [(0, -2, "center", "top", 90)],
    "barh": [(3, 0, "left", "center", 0)],
    "barh_neg": [(-3, 0, "right", "center", 0)],
}

# the newest (and the first) point of a line keep their label: beside the first four places they may also
# stand diagonally or a little further away
_NEWEST = [
    (-3, 5, "right", "bottom", 0),
    (-3, -5, "right", "top", 0),
    (3, 5, "left", "bottom", 0),
    (3, -5, "left", "top", 0),
    (0, 11, "center", "bottom", 0),
    (0, -11, "center", "top", 0),
    (-7, 11, "right", "bottom", 0),
    (-7, -11, "right", "top", 0),
    (-12, 0, "right", "center", 0),
]


def _obstacles(ax, renderer):
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
        if ln.get_marker() not in (None, "None", "none", "", " "):
            rx = ry = ln.get_markersize() * px / 2 + 0.5 * px
            if ln.get_marker() == "_":  # a target mark is a short flat bar, not a square
                ry = ln.get_markeredgewidth() * px / 2 + 0.5 * px
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


def _place_turned(layer, renderer, turn: int) -> list:
    """(label, kind) of every label placed, bar labels turned ``turn`` degrees, in order of priority."""
    from matplotlib.text import Text
    from matplotlib.transforms import ScaledTranslation

    ax = layer.ax
    fig = ax.figure
    segments, boxes = _obstacles(ax, renderer)
    frame = ax.bbox
    pad = 0.75 * fig.dpi / 72
    placed, taken = [], []
    for priority, _, x, y, s, colour, kind, own in sorted(layer.candidates, key=lambda c: (c[0], c[1])):
        offsets = _OFFSETS[kind] + (_NEWEST if kind == "point" and priority <= 1 else [])
        if kind in ("bar", "bar_neg"):  # the labels of vertical bars all stand one way
            offsets = [o for o in offsets if o[4] == turn]
        for dx, dy, ha, va, rotation in offsets:
            at = x
            if kind in ("bar", "bar_neg") and own is not None and ha != "center":
                at = own.get_x() + (own.get_width() if ha == "right" else 0.0)
            text = Text(at, y, s, fontsize=layer.fontsize, color=colour, ha=ha, va=va, rotation=rotation)
            text.set_figure(fig)
            text.set_transform(ax.transData + ScaledTranslation(dx / 72, dy / 72, fig.dpi_scale_trans))
            # a white ground: a grid line never runs through a value
            text.set_bbox({"boxstyle": "square,pad=0.05", "facecolor": "white", "edgecolor": "none"})
            ext = text.get_window_extent(renderer)
            box = (ext.x0 - pad, ext.y0 - pad, ext.x1 + pad, ext.y1 + pad)
            if ext.x0 < frame.x0 or ext.x1 > frame.x1 or ext.y0 < frame.y0 or ext.y1 > frame.y1:
                continue
            if any(_overlap(box, t) for t in taken):  # with both pads: "13,2 13,2", never "13,213,2"
                continue
            if any(_overlap(box, b) for b, owner in boxes if owner is not own or own is None):
                continue
            if any(_segment_hits(p, q, box) for p, q in segments):
                continue
            if kind != "point" and not _stays_with_its_bar(kind, ext, own, boxes, renderer):
                continue
            placed.append((text, kind))
            taken.append((ext.x0 - 3 * pad, ext.y0, ext.x1 + 3 * pad, ext.y1))
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
