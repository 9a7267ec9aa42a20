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


_OFFSETS = {
    "point": [
        (0, 5, "center", "bottom"),
        (0, -5, "center", "top"),
        (6, 0, "left", "center"),
        (-6, 0, "right", "center"),
    ],
    "bar": [(0, 2, "center", "bottom")],
    "bar_neg": [(0, -2, "center", "top")],
    "barh": [(3, 0, "left", "center")],
    "barh_neg": [(-3, 0, "right", "center")],
}


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
            r = ln.get_markersize() * px / 2 + 0.5 * px
            boxes += [((p[0] - r, p[1] - r, p[0] + r, p[1] + r), None) for p in pts if np.isfinite(p).all()]
    for patch in ax.patches:
        if patch.get_visible():
            b = patch.get_window_extent(renderer)
            if b.width > 0 and b.height > 0:
                boxes.append(((b.x0, b.y0, b.x1, b.y1), patch))
    return segments, boxes


def _place(layer, renderer):
    from matplotlib.text import Text
    from matplotlib.transforms import ScaledTranslation

    ax = layer.ax
    fig = ax.figure
    segments, boxes = _obstacles(ax, renderer)
    frame = ax.bbox
    pad = 0.75 * fig.dpi / 72
    placed, taken = [], []
    for _, _, x, y, s, colour, kind, own in sorted(layer.candidates, key=lambda c: (c[0], c[1])):
        for dx, dy, ha, va in _OFFSETS[kind]:
            text = Text(x, y, s, fontsize=layer.fontsize, color=colour, ha=ha, va=va)
            text.set_figure(fig)
            text.set_transform(ax.transData + ScaledTranslation(dx / 72, dy / 72, fig.dpi_scale_trans))
            ext = text.get_window_extent(renderer)
            box = (ext.x0 - pad, ext.y0 - pad, ext.x1 + pad, ext.y1 + pad)
            if ext.x0 < frame.x0 or ext.x1 > frame.x1 or ext.y0 < frame.y0 or ext.y1 > frame.y1:
                continue
            if any(_overlap(box, t) for t in taken):
                continue
            if any(_overlap(box, b) for b, owner in boxes if owner is not own or own is None):
                continue
            if any(_segment_hits(p, q, box) for p, q in segments):
                continue
            placed.append(text)
            taken.append((ext.x0, ext.y0, ext.x1, ext.y1))
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
