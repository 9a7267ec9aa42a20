"""One colour per category across every report, from one mapping, colour-blind safe (Okabe-Ito).

Every chart of :mod:`sdlib.present.plot` takes the colours of its hue levels from :func:`palette`, so
"jeugdhulp met verblijf" is the same orange in the costs chart, the youths chart and the index chart of every
report, and "begroting" the same grey wherever it is a category.

* :data:`OKABE_ITO` is the palette of Okabe and Ito (2008), distinguishable with the common forms of colour
  blindness; :data:`GREY` extends it for a ninth level.
* The catalog (``data/catalog.yml``) gives the colour of each dimension value (``colours:``) and of each series
  that is drawn as a category (``colour:``), :func:`catalog_colours` reads them. Within one dimension no two
  values share a colour, and every pair differs by at least :data:`MIN_DISTANCE` (CIE76 ΔE in CIELAB), so no
  chart shows two similar oranges (checked by the tests). The measures have house colours (:data:`MEASURE_COLOURS`).
* An unknown value (a label a notebook made, ``"POH-jeugd"``) gets the first palette colour not taken by the
  other levels of the chart, in the order the levels first appear: deterministic, and never a clash.
"""

from __future__ import annotations

__all__ = [
    "OKABE_ITO",
    "GREY",
    "MEASURE_COLOURS",
    "MIN_DISTANCE",
    "catalog_colours",
    "colour_of",
    "palette",
    "distance",
    "min_distance",
]

# Okabe & Ito (2008), "Color Universal Design"; yellow last: it is pale on white
OKABE_ITO = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "bluish green": "#009E73",
    "vermillion": "#D55E00",
    "reddish purple": "#CC79A7",
    "sky blue": "#56B4E9",
    "black": "#000000",
    "yellow": "#F0E442",
}
GREY = "#8C8C8C"

_B, _O, _G, _V, _P, _S, _K, _Y = OKABE_ITO.values()
MIN_DISTANCE = 25.0

# the house colours of the measures: the same in every chart of every municipality (style, not data)
MEASURE_COLOURS = {"realisatie": _B, "begroting": GREY, "doel": GREY, "prognose": _S}


def catalog_colours(data_dir=None) -> dict[str, str]:
    """Return the colour of every category the catalog names: dimension values (``colours:`` of a dimension),
    series (``colour:``, under their id and their ``label``) and the measures (house style).

    The catalog (``data/catalog.yml``) is the one home of these colours; another municipality gives its own.
    """
    from sdlib.data.catalog import model
    from sdlib.data.errors import SdlibError

    try:
        cat = model(data_dir)
    except (SdlibError, OSError):  # no data folder: only the house colours of the measures
        return dict(MEASURE_COLOURS)
    out = dict(MEASURE_COLOURS)
    for dim in cat.dimensions.values():
        out.update(dim.colours)
        out.update({dim.label(v): c for v, c in dim.colours.items()})  # the labels readers see, too
    for sid, s in cat.series.items():
        if s.colour:
            out.setdefault(sid, s.colour)
            if s.label:
                out.setdefault(s.label, s.colour)
    return out


# the order in which unknown levels take colours (after the known levels of the chart took theirs)
_FALLBACK = [_B, _O, _G, _V, _P, _S, _K, GREY, _Y]


def colour_of(value, data_dir=None) -> str | None:
    """Return the house colour of a category value (hex), or None when the catalog does not know it."""
    return catalog_colours(data_dir).get(str(value).replace("\n", " "))


def palette(levels) -> dict:
    """Return ``{level: colour}`` for the hue levels of one chart.

    Known levels take their colour from the catalog (:func:`catalog_colours`); unknown levels take, in the order given, the
    first colours of the Okabe-Ito palette that no other level of the chart has. With more levels than colours
    the palette repeats (a chart should not have that many).
    """
    levels = list(dict.fromkeys(levels))
    out = {lv: colour_of(lv) for lv in levels}
    taken = {c for c in out.values() if c}
    spare = [c for c in _FALLBACK if c not in taken]
    i = 0
    for lv in levels:
        if out[lv] is None:
            out[lv] = spare[i % len(spare)] if spare else _FALLBACK[i % len(_FALLBACK)]
            i += 1
    # two known levels that share a colour (from different dimensions in one chart): the later one moves
    seen = set()
    for lv in levels:
        if out[lv] in seen:
            free = [c for c in _FALLBACK if c not in set(out.values())]
            out[lv] = free[0] if free else out[lv]
        seen.add(out[lv])
    return out


def _lab(colour):
    from matplotlib.colors import to_rgb

    def lin(c):
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (lin(c) for c in to_rgb(colour))
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t):
        return t ** (1 / 3) if t > (6 / 29) ** 3 else t / (3 * (6 / 29) ** 2) + 4 / 29

    fx, fy, fz = f(x), f(y), f(z)
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def distance(a, b) -> float:
    """Return the CIE76 colour difference ΔE of two colours (about 2.3 is just noticeable; 20 is clearly apart)."""
    la, lb = _lab(a), _lab(b)
    return sum((p - q) ** 2 for p, q in zip(la, lb)) ** 0.5


def min_distance(colours) -> float:
    """Return the smallest ΔE between any two different entries of ``colours`` (inf for fewer than two)."""
    cs = list(colours)
    pairs = [(a, b) for i, a in enumerate(cs) for b in cs[i + 1 :]]
    return min((distance(a, b) for a, b in pairs), default=float("inf"))
