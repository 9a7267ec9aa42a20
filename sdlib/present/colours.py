"""One colour per category across every report, from one mapping, colour-blind safe (Okabe-Ito).

Every chart of :mod:`sdlib.present.plot` takes the colours of its hue levels from :func:`palette`, so
"jeugdhulp met verblijf" is the same orange in the costs chart, the youths chart and the index chart of every
report, and "begroting" the same grey wherever it is a category.

* :data:`OKABE_ITO` is the palette of Okabe and Ito (2008), distinguishable with the common forms of colour
  blindness; :data:`GREY` extends it for a ninth level.
* :data:`CATEGORY_COLOURS` maps the values of the catalog ``dimensions`` (data/catalog.yml) and the flows and
  measures to one of those colours. Within one dimension no two values share a colour, and every pair differs by
  at least :data:`MIN_DISTANCE` (CIE76 ΔE in CIELAB), so no chart shows two similar oranges.
* An unknown value (a label a notebook made, ``"POH-jeugd"``) gets the first palette colour not taken by the
  other levels of the chart, in the order the levels first appear: deterministic, and never a clash.
"""

from __future__ import annotations

__all__ = ["OKABE_ITO", "GREY", "CATEGORY_COLOURS", "MIN_DISTANCE", "colour_of", "palette", "distance", "min_distance"]

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

CATEGORY_COLOURS = {
    # care_type
    "jeugdhulp zonder verblijf": _B,
    "jeugdhulp met verblijf": _O,
    "jeugdbescherming": _G,
    "jeugdreclassering": _P,
    # flows of the Bestuurlijke monitor jeugdhulp (notebooks call the column 'stroom')
    "instroom": _B,
    "doorstroom": _G,
    "uitstroom": _V,
    "herintreders": _P,
    "jeugdigen": _K,
    "bij instroom": _B,
    "bij uitstroom": _V,
    # measure
    "realisatie": _B,
    "begroting": GREY,
    "doel": GREY,
    "prognose": _S,
    # objective
    "2.1": _B,
    "2.2": _O,
    "2.3": _G,
    "totaal": _K,
    # component
    "lasten": _V,
    "baten": _G,
    "toevoegingen": _S,
    "onttrekkingen": _P,
    "saldo": _K,
    # scheme
    "Participatiewet": _B,
    "Participatiewet jonger dan 27 jaar": _O,
    "IOAW": _G,
    "IOAZ": _P,
    # period
    "jaar": _B,
    "1e halfjaar": _S,
    "2e halfjaar": _G,
    "1e helft schooljaar": _O,
    "2e helft schooljaar": _V,
    "t/m november": _P,
    # outcome
    "verwijzing naar vrij toegankelijk aanbod": _G,
    "lichte begeleiding": _S,
    "verwijzing naar specialistische jeugdhulp": _V,
    "overig (overgedragen, afgebroken)": GREY,
    "niet verwezen naar specialistische jeugdhulp": _B,
    # category (De Binnenbaan)
    "uitstroom naar werk": _B,
    "parttime baan": _S,
    "NUG": _G,
    "Oekraïners": _O,
    "beschut werk": _P,
    "loonkostensubsidie": _V,
    # route (inburgering)
    "B1-route": _B,
    "Z-route": _O,
    "onderwijsroute": _G,
    # step
    "uitgenodigd": _S,
    "voorlichting bijgewoond": _B,
    "training afgerond": _G,
    # result (proeftuinen)
    "cliënten met maatwerkondersteuning": _B,
    "zwerfcarrières en criminaliteit van jongeren voorkomen (Team8tien)": _O,
    "ontruimingen voorkomen (Crisisteam)": _G,
    "crisissituaties gestabiliseerd": _V,
    "multiprobleemhuishoudens weer perspectief (procescoördinatoren)": _P,
    "afschaling hulp en ondersteuning (Aandacht Werkt)": _S,
    "uitgestroomd naar werk of opleiding (Aandacht Werkt)": _K,
    "jongeren perspectief en terugval criminaliteit voorkomen (IPTA)": _Y,
    "bezoeken inloop-wijkpost Oosterheem": GREY,
    # saving_type
    "maatschappelijk": _B,
    "gemeentelijk": _O,
    # pilot
    "procescoördinatoren": _P,
    "crisisteam": _G,
    "Aandacht Werkt": _S,
    "Team8tien": _O,
    # estimate
    "circa": _B,
    "ondergrens": _S,
    "bovengrens": _O,
}

# the order in which unknown levels take colours (after the known levels of the chart took theirs)
_FALLBACK = [_B, _O, _G, _V, _P, _S, _K, GREY, _Y]


def colour_of(value) -> str | None:
    """Return the house colour of a category value (hex), or None when the mapping does not know it."""
    return CATEGORY_COLOURS.get(str(value).replace("\n", " "))


def palette(levels) -> dict:
    """Return ``{level: colour}`` for the hue levels of one chart.

    Known levels take their colour from :data:`CATEGORY_COLOURS`; unknown levels take, in the order given, the
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
