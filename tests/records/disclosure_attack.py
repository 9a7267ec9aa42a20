"""An attacker on a protected release, written for the tests apart from the engine's own protection code.

The attacker sees every table the engine publishes from one extract, for all years: the municipal totals, per
care type, per district and per district x care type. It knows the rules (a shown count is the perturbed count
rounded to a multiple of ``base``, so within +-2 of it, and the perturbed count within ``noise`` of the truth;
a cell marked ``geheim`` has a perturbed count of 0-7; an ``aanvullend geheim`` cell was publishable, so 8 or
more before its noise), the flow identities of every group::

    jeugdigen(t) = instroom(t) + doorstroom(t) + herintreder(t)
    jeugdigen(t-1) = doorstroom(t) + uitstroom(t)
    jeugdigen(first year) = instroom(first year);  herintreder(second year) = 0
    3jaar(t) <= doorstroom(t), 3jaar(t) <= doorstroom(t-1);  uitstroom_6m(t) >= uitstroom(t) (final years)

and the margins: districts add up to the municipal figure (each youth lives in one district), and a youth
counted in a care type is counted in the total (``jeugdigen(type) <= jeugdigen``). With these it narrows the
interval of every unknown count by constraint propagation until nothing changes. A hidden cell whose interval
shrinks to one value is *determined*.

:func:`attack` can also be told the exact municipal totals (``exact_totals``): the municipality publishes them
in its own reports, so a careful attacker has them whatever the engine rounds.

Every constraint is checked against the true counts first (:func:`sound`): an attacker that assumes something
false could "determine" wrong values, and the test would prove nothing.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

COUNTS = [
    "jeugdhulp_jeugdigen",
    "jeugdhulp_instroom",
    "jeugdhulp_doorstroom",
    "jeugdhulp_herintreder",
    "jeugdhulp_uitstroom",
    "jeugdhulp_uitstroom_6m",
    "jeugdhulp_3jaar_aantal",
]
LEVELS = [(), ("care_type",), ("district",), ("district", "care_type")]
ALL = "*"
BIG = 10**9


def release(extract, *, disclosure=None, exact=False):
    """Return {level: frame} of every count table the engine publishes from one extract.

    ``exact=True`` gives the true counts (disclosure off), for the soundness check and the measurements.
    """
    import sdlib.records as rec

    out = {}
    for by in LEVELS:
        frame = rec.indicators(extract, by=list(by), disclosure=False if exact else disclosure)
        frame = frame[frame["series"].str.removesuffix("_per_type").isin(COUNTS)].copy()
        frame["series"] = frame["series"].str.removesuffix("_per_type")
        out[by] = frame
    return out


def _key(row, by):
    return (
        row.series,
        int(row.year),
        row.district if "district" in by else ALL,
        row.care_type if "care_type" in by else ALL,
    )


@dataclass
class Knowledge:
    """Bounds per cell key ``(series, year, district, care_type)`` and the linear constraints between them."""

    lo: dict = field(default_factory=dict)
    hi: dict = field(default_factory=dict)
    status: dict = field(default_factory=dict)
    equations: list = field(default_factory=list)  # [(terms {key: coef}), ...]: sum coef * x = 0
    inequalities: list = field(default_factory=list)  # sum coef * x <= 0


def knowledge(tables, *, base=5, secret_max=7, noise=0, exact_totals=None) -> Knowledge:
    """Turn the published tables into bounds and constraints, as the attacker reads them (``noise``: the largest
    perturbation of a count)."""
    k = Knowledge()
    half = base // 2
    years, districts, types = set(), set(), set()
    for by, frame in tables.items():
        status = frame["status"] if "status" in frame else ["openbaar"] * len(frame)
        for row, st in zip(frame.itertuples(index=False), status):
            key = _key(row, by)
            years.add(key[1])
            if key[2] != ALL:
                districts.add(key[2])
            if key[3] != ALL:
                types.add(key[3])
            k.status[key] = st
            if st == "openbaar":
                v = float(row.value)
                if "status" in frame:  # protected: perturbed, more than secret_max, rounded to a multiple of base
                    lo, hi = max(int(v) - half, secret_max + 1), int(v) + half
                    k.lo[key], k.hi[key] = max(lo - noise, 0), hi + noise
                else:
                    k.lo[key], k.hi[key] = int(v), int(v)
            elif st == "geheim":
                k.lo[key], k.hi[key] = 0, secret_max + noise
            else:
                k.lo[key], k.hi[key] = max(secret_max + 1 - noise, 0), BIG
    if exact_totals is not None:
        for row in exact_totals.itertuples(index=False):
            key = _key(row, ())
            k.lo[key] = k.hi[key] = int(row.value)
            k.status[key] = "openbaar"
    years = sorted(years)
    groups = [(d, t) for d in [ALL, *sorted(districts)] for t in [ALL, *sorted(types)]]
    J, I, D, H, U, _U6, T3 = COUNTS  # noqa: E741 (the flows' own letters)

    def x(s, y, g):
        key = (s, y, *g)
        if key not in k.lo:  # a cell the release does not contain: unknown, not negative
            k.lo[key], k.hi[key], k.status[key] = 0, BIG, "niet gepubliceerd"
        return key

    for g in groups:
        first = years[0]
        k.equations.append({x(J, first, g): 1, x(I, first, g): -1})
        for n, y in enumerate(years[1:], start=1):
            k.equations.append({x(J, y, g): 1, x(I, y, g): -1, x(D, y, g): -1, x(H, y, g): -1})
            k.equations.append({x(J, y - 1, g): 1, x(D, y, g): -1, x(U, y, g): -1})
            if n == 1:
                k.equations.append({x(H, y, g): 1})
            if n >= 2:
                k.inequalities.append({x(T3, y, g): 1, x(D, y, g): -1})
                k.inequalities.append({x(T3, y, g): 1, x(D, y - 1, g): -1})
    for s in COUNTS:
        for y in years:
            for t in [ALL, *sorted(types)]:
                terms = {x(s, y, (d, t)): 1 for d in sorted(districts)}
                terms[x(s, y, (ALL, t))] = -1
                k.equations.append(terms)
    for y in years:
        for d in [ALL, *sorted(districts)]:
            for t in sorted(types):
                k.inequalities.append({x(J, y, (d, t)): 1, x(J, y, (d, ALL)): -1})
    return k


def add_uitstroom_6m(k: Knowledge, final_years) -> None:
    """uitstroom_6m(t) >= uitstroom(t) where the six months are over (not provisional)."""
    for key in list(k.lo):
        s, y, d, t = key
        if s == "jeugdhulp_uitstroom" and y in final_years and ("jeugdhulp_uitstroom_6m", y, d, t) in k.lo:
            k.inequalities.append({key: 1, ("jeugdhulp_uitstroom_6m", y, d, t): -1})


def sound(k: Knowledge, truth: dict) -> list:
    """Return the constraints and bounds that the true counts break (must be empty)."""
    bad = [
        ("bound", key, truth[key], k.lo[key], k.hi[key])
        for key in truth
        if key in k.lo and not k.lo[key] <= truth[key] <= k.hi[key]
    ]
    bad += [
        ("equation", t)
        for t in k.equations
        if all(key in truth for key in t) and sum(c * truth[key] for key, c in t.items()) != 0
    ]
    bad += [
        ("inequality", t)
        for t in k.inequalities
        if all(key in truth for key in t) and sum(c * truth[key] for key, c in t.items()) > 0
    ]
    return bad


def propagate(k: Knowledge, *, max_rounds=200) -> int:
    """Narrow every interval with every constraint until nothing changes; return the rounds used."""
    constraints = [(t, True) for t in k.equations] + [(t, False) for t in k.inequalities]
    for rounds in range(1, max_rounds + 1):
        changed = False
        for terms, equal in constraints:
            # sum c_i x_i = 0 (or <= 0): each x_j is bounded by the others' extremes
            lows = {key: (c * k.lo[key] if c > 0 else c * k.hi[key]) for key, c in terms.items()}
            highs = {key: (c * k.hi[key] if c > 0 else c * k.lo[key]) for key, c in terms.items()}
            sum_lo, sum_hi = sum(lows.values()), sum(highs.values())
            for key, c in terms.items():
                rest_lo, rest_hi = sum_lo - lows[key], sum_hi - highs[key]
                # c x = -rest  ->  c x in [-rest_hi, -rest_lo] (equation) or c x <= -rest_lo (inequality)
                upper = -rest_lo
                lower = -rest_hi if equal else -math.inf
                if c > 0:
                    new_lo, new_hi = math.ceil(lower / c) if lower != -math.inf else k.lo[key], math.floor(upper / c)
                else:
                    new_lo = math.ceil(upper / c)
                    new_hi = math.floor(lower / c) if lower != -math.inf else k.hi[key]
                if new_lo > k.lo[key]:
                    k.lo[key], changed = new_lo, True
                if new_hi < k.hi[key]:
                    k.hi[key], changed = new_hi, True
                if k.lo[key] > k.hi[key]:
                    raise Contradiction(key)
        if not changed:
            return rounds
    return max_rounds


class Contradiction(Exception):
    """The bounds of a cell crossed: the assumed value is impossible."""


def shave(k: Knowledge, keys, *, widest=2) -> None:
    """Try every value of each narrow hidden interval and drop the values that lead to a contradiction.

    Stronger than propagation alone (singleton consistency): a value of one cell can be impossible only
    through a chain of consequences in other cells.
    """
    again = True
    while again:
        again = False
        for key in keys:
            if not 0 < k.hi[key] - k.lo[key] <= widest:
                continue
            possible = []
            for v in range(k.lo[key], k.hi[key] + 1):
                trial = Knowledge(dict(k.lo), dict(k.hi), k.status, k.equations, k.inequalities)
                trial.lo[key] = trial.hi[key] = v
                try:
                    propagate(trial)
                    possible.append(v)
                except Contradiction:
                    pass
            if possible and (possible[0] > k.lo[key] or possible[-1] < k.hi[key]):
                k.lo[key], k.hi[key] = possible[0], possible[-1]
                propagate(k)
                again = True


def attack(tables, *, base=5, secret_max=7, noise=0, exact_totals=None, final_years=()):
    """Run the attacker; return the Knowledge after propagation."""
    k = knowledge(tables, base=base, secret_max=secret_max, noise=noise, exact_totals=exact_totals)
    add_uitstroom_6m(k, final_years)
    propagate(k)
    shave(k, [key for key, st in k.status.items() if st in ("geheim", "aanvullend geheim")])
    return k


def truth_of(exact_tables) -> dict:
    return {
        _key(row, by): round(row.value) for by, frame in exact_tables.items() for row in frame.itertuples(index=False)
    }


def hidden_summary(k: Knowledge, truth: dict):
    """Return (determined cells holding at least one youth, widths of every hidden cell's interval)."""
    hidden = [key for key, st in k.status.items() if st in ("geheim", "aanvullend geheim") and key in truth]
    pinned = [(key, truth[key]) for key in hidden if k.lo[key] == k.hi[key] and truth[key] >= 1]
    widths = [min(k.hi[key], 10**6) - k.lo[key] for key in hidden]
    return pinned, widths
