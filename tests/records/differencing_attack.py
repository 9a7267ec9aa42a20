"""A differencing attacker on protected releases, written for the tests apart from the engine's protection code.

The issue: a municipality that updates its figures (monthly, say) publishes pairs of releases of nearly the same
records. The worst case is a pair whose records differ by one youth: the full extract and a copy without youth
``Y``. The attacker has both releases, every breakdown the engine publishes (per care type, per district, per
district x care type; flows, three years or longer, ages and costs, default protection) and the exact municipal
totals (the municipality publishes them). It wants ``Y``'s district and care types.

What the attacker knows for free: the exact municipal totals of both releases differ exactly in the series and
years ``Y`` is counted in (``S``: e.g. jeugdigen 2016-2018, instroom 2016, doorstroom 2017 and 2018, uitstroom
2019) and in ``Y``'s cost per year (to the cent). That is published anyway and tells nothing about a district.

Two attackers, each run on the breakdowns:

* **changes** (the issue's attacker): a published cell that changed between the releases holds ``Y``. When the
  cells that changed lie in one district, that district is the guess; the care types guessed are those whose
  cells changed, unless all did. Deadly when unchanged records keep their published value.
* **matched filter** (stronger against noise): for every district ``d`` it sums, over the cells of ``d`` in the
  series and years of ``S``, the difference new - old times the change ``Y`` would cause there (-1 per count,
  -cost per cost cell), each divided by the variance of the differences where ``Y`` cannot be (cells outside
  ``S``: only the protection moves them). That is the likelihood-ratio test for noise of that size; the
  district with the highest score is the guess. Per care type the same score; a type is guessed when its score
  is more than two standard deviations above what noise gives.

The final guess is that of **changes** when it names one district (or a set of types), else the matched filter's.
Success is compared with the base rate: guessing the most common answer without the differences (the largest
district; the most common set of care types), which anyone can do from the published margins.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

LEVELS = [(), ("care_type",), ("district",), ("district", "care_type")]
COUNTS = {
    "jeugdhulp_jeugdigen",
    "jeugdhulp_instroom",
    "jeugdhulp_doorstroom",
    "jeugdhulp_herintreder",
    "jeugdhulp_uitstroom",
    "jeugdhulp_uitstroom_6m",
    "jeugdhulp_3jaar_aantal",
}
COSTS = {"jeugdhulp_kosten"}
ALL = "*"


def release(extract, *, disclosure=None) -> dict:
    """Return {cell: (value, status)} of everything the engine publishes from one extract, every breakdown.

    A cell is ``(series, year, district, care_type)`` (``*`` where the table does not break down by it; the
    ``_per_type`` suffix dropped). The municipal totals are as the engine gives them (exact).
    """
    import sdlib.records as rec

    ext = rec.open_extract(extract)
    out = {}
    for by in LEVELS:
        frame = rec.indicators(ext, by=list(by), disclosure=disclosure if by else None)  # totals: exact
        status = frame["status"] if "status" in frame else ["openbaar"] * len(frame)
        for row, st in zip(frame.itertuples(index=False), status):
            key = (
                row.series.removesuffix("_per_type"),
                int(row.year),
                row.district if "district" in by else ALL,
                row.care_type if "care_type" in by else ALL,
            )
            out[key] = (float(row.value), st)
    return out


def without(source, client_id: str, out):
    """Write a copy of the Parquet extract ``source`` without the rows of ``client_id`` (metadata kept)."""
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    table = pq.read_table(source)
    pq.write_table(table.filter(pc.not_equal(table["client_id"], client_id)), out)
    return out


def youths(source):
    """Per youth: its district(s) and its set of care types, from the extract (the truth the attacker wants)."""
    import pyarrow.parquet as pq

    frame = pq.read_table(source, columns=["client_id", "district", "care_type"]).to_pandas()
    grouped = frame.groupby("client_id")
    return {
        cid: (frozenset(d), frozenset(t))
        for cid, d, t in zip(grouped.groups, grouped["district"].agg(set), grouped["care_type"].agg(set))
    }


@dataclass
class Guess:
    district: str | None
    care_types: frozenset
    by: dict = field(default_factory=dict)  # which attacker decided: {"district": "changes"/"filter"/"prior", ...}


def _same(a, b) -> bool:
    if a is None or b is None:
        return a is b
    return a[1] == b[1] and (a[0] == b[0] or (math.isnan(a[0]) and math.isnan(b[0])))


def _number(cell) -> float | None:
    value, status = cell
    return value if status == "openbaar" and not math.isnan(value) else None


def _triangle_var(m: int) -> float:
    """Variance of a whole number from -m to m with weights m+1-|k| (the documented count noise; 0: none)."""
    weights = {k: m + 1 - abs(k) for k in range(-m, m + 1)}
    return sum(k * k * w for k, w in weights.items()) / sum(weights.values())


def guess(full: dict, less: dict, *, district_prior: dict, type_prior: dict, noise=0, base=5, cost_base=1) -> Guess:
    """Guess the district and care types of the one youth in ``full`` and not in ``less``.

    ``district_prior`` and ``type_prior`` are the shares of the youths per district and per set of care types
    (what a reader estimates from the published margins; the tests hand over the true shares, which is generous).
    ``noise``, ``base`` and ``cost_base`` are the published settings of the protection (largest perturbation of
    a count, rounding of counts and of costs): the attacker knows the method, not its key. The noise of costs is
    taken as ``noise``'s spread in youths' worth of the published cost per youth of the cell.
    """
    totals = {k: full[k][0] - less.get(k, (0.0, ""))[0] for k in full if k[2] == ALL and k[3] == ALL}
    signal = {(s, y): -d for (s, y, _, _), d in totals.items() if s in COUNTS | COSTS and d and not math.isnan(d)}
    districts = sorted({k[2] for k in full if k[2] != ALL})
    types = sorted({k[3] for k in full if k[3] != ALL})
    chosen = {}

    # attacker 1: the cells that changed
    changed = [k for k in full if (k[2] != ALL or k[3] != ALL) and not _same(full[k], less.get(k))]
    where = {k[2] for k in changed if k[2] != ALL}
    kinds = {k[3] for k in changed if k[3] != ALL}
    district = next(iter(where)) if len(where) == 1 else None
    care = frozenset(kinds) if kinds and len(kinds) < len(types) else None
    if district is not None:
        chosen["district"] = "changes"
    if care is not None:
        chosen["care_types"] = "changes"

    # attacker 2: matched filter on the differences, scaled by the noise seen where the youth cannot be
    def diff(key):
        a, b = _number(full.get(key, (math.nan, ""))), _number(less.get(key, (math.nan, "")))
        return None if a is None or b is None else a - b

    def kind(key):  # cells whose noise has one size: the costs' noise follows the cost per youth of a care type
        return key[0] in COSTS, key[2] != ALL, key[3]

    by_level = {}
    for key in full:
        level = tuple(n for n, v in (("district", key[2]), ("care_type", key[3])) if v != ALL)
        if level and key[0] in COUNTS | COSTS:
            by_level.setdefault(level, {}).setdefault((key[0], key[1]), []).append(key)

    count_var = 2 * (_triangle_var(noise) + (base * base / 12 if base > 1 else 0.0))

    def variance(key):
        """The variance of new - old in a cell where the youth is not: twice the noise and rounding of one release."""
        if key[0] not in COSTS:
            return max(count_var, 0.25)
        cost, youths = _number(full[key]), _number(full.get(("jeugdhulp_jeugdigen", *key[1:]), (math.nan, "")))
        if cost is None or not youths:
            cost, youths = full[(key[0], key[1], ALL, ALL)][0], full[("jeugdhulp_jeugdigen", key[1], ALL, ALL)][0]
        per_youth = cost / youths if youths else 0.0
        return max(2 * (_triangle_var(noise) * per_youth**2 + cost_base**2 / 12), 1.0)

    def observations(level, pick):
        """Per (series, year) of S: the differences of the cells of ``level`` that ``pick`` keeps, summed (the
        district x care type cells summed over the other dimension), their variance and the size of Y's change."""
        out = []
        for s, y in signal:
            cells = [k for k in by_level[level].get((s, y), []) if pick(k)]
            ds = [diff(k) for k in cells]
            if not cells or any(d is None for d in ds):
                continue
            out.append((s, y, sum(ds), sum(variance(k) for k in cells)))
        return out

    def loglik(obs, share):
        """log P(differences | Y's change, times ``share``) - log P(differences | no change)."""
        total = 0.0
        for s, y, d, var in obs:
            e = (-signal[s, y] if s in COSTS else -1.0) * share(s)
            total += (d * e - e * e / 2) / var
        return total

    if district is None:
        post = {}
        for d in districts:
            obs = observations(("district",), lambda k, d=d: k[2] == d)
            obs += observations(("district", "care_type"), lambda k, d=d: k[2] == d)
            post[d] = math.log(district_prior.get(d, 1e-9)) + loglik(obs, lambda s: 1.0)
        district = max(post, key=post.get)
        chosen["district"] = "prior" if district == max(district_prior, key=district_prior.get) else "filter"
    if care is None:
        obs = {
            t: observations(("care_type",), lambda k, t=t: k[3] == t)
            + observations(("district", "care_type"), lambda k, t=t: k[3] == t)
            for t in types
        }
        post = {}
        for kinds, p in type_prior.items():
            if p > 0:  # Y's cost splits over its care types (an equal split assumed)
                split = 1.0 / len(kinds)
                post[kinds] = math.log(p) + sum(
                    loglik(obs[t], lambda s, split=split: split if s in COSTS else 1.0) for t in kinds if t in obs
                )
        care = max(post, key=post.get)
        chosen["care_types"] = "prior" if care == max(type_prior, key=type_prior.get) else "filter"
    return Guess(district, care, chosen)


@dataclass
class Outcome:
    """The attack on one extract: per removed youth the truth and the guess."""

    rows: list
    base_district: float
    base_types: float

    @property
    def district_hits(self) -> int:
        return sum(g.district in d for _, d, _, g in self.rows)

    @property
    def type_hits(self) -> int:
        return sum(g.care_types == t for _, _, t, g in self.rows)

    def p_value(self, what: str) -> float:
        """P(at least this many hits | guessing with the base rate): small when the attacker learns something."""
        hits, p = (self.district_hits, self.base_district) if what == "district" else (self.type_hits, self.base_types)
        n = len(self.rows)
        return sum(math.comb(n, k) * p**k * (1 - p) ** (n - k) for k in range(hits, n + 1))

    def summary(self) -> str:
        n = len(self.rows)
        return (
            f"district {self.district_hits}/{n} (base {self.base_district:.0%}), "
            f"care types {self.type_hits}/{n} (base {self.base_types:.0%})"
        )


def run(source, *, youths_to_remove: int = 40, seed: int = 0, folder=None, disclosure=None, settings=None) -> Outcome:
    """Attack ``source``: remove ``youths_to_remove`` youths (drawn with ``seed``) one at a time and guess each.

    ``disclosure``: the rule the engine protects both releases with (default: its default). ``settings``: the
    published settings of the protection as :func:`guess` takes them (default: those of that rule, read by
    name only, so that the attacker also runs on an engine without them).
    """
    import tempfile
    from collections import Counter
    from pathlib import Path

    import numpy as np

    if settings is None:
        import sdlib.records as rec

        rule = disclosure or rec.Disclosure()
        settings = {k: getattr(rule, k, d) for k, d in (("noise", 0), ("base", 5), ("cost_base", 1))}
    truth = youths(source)
    ids = sorted(truth)
    per_district = Counter(d for ds, _ in truth.values() for d in ds)
    per_set = Counter(t for _, t in truth.values())
    district_prior = {d: n / len(truth) for d, n in per_district.items()}
    type_prior = {t: n / len(truth) for t, n in per_set.items()}
    full = release(source, disclosure=disclosure)
    picked = np.random.default_rng(seed).choice(len(ids), youths_to_remove, replace=False)
    rows = []
    with tempfile.TemporaryDirectory(dir=folder) as tmp:
        for i in sorted(int(p) for p in picked):
            cid = ids[i]
            path = without(source, cid, Path(tmp) / f"less_{cid}_synthetic.parquet")
            g = guess(
                full,
                release(path, disclosure=disclosure),
                district_prior=district_prior,
                type_prior=type_prior,
                **settings,
            )
            rows.append((cid, truth[cid][0], truth[cid][1], g))
            path.unlink()
    return Outcome(rows, per_district.most_common(1)[0][1] / len(truth), per_set.most_common(1)[0][1] / len(truth))


def accuracy(source, *, disclosure=None):
    """The error of the published figures against the exact ones, per breakdown: counts and costs.

    Returns a frame with, per breakdown and kind (``aantal``: the counts; ``kosten``: the costs in euro), the
    number of published cells, the mean and the largest absolute error, and for costs the mean relative error.
    Secret cells are left out (they publish nothing).
    """
    import pandas as pd

    import sdlib.records as rec

    ext = rec.open_extract(source)
    out = []
    for by in LEVELS[1:]:
        shown = rec.indicators(ext, by=list(by), disclosure=disclosure)
        exact = rec.indicators(ext, by=list(by), disclosure=False)
        keys = ["series", "year", *by]
        both = shown.merge(exact[[*keys, "value"]], on=keys, suffixes=("", "_exact"))
        both = both[both["status"] == "openbaar"]
        base = both["series"].str.removesuffix("_per_type")
        for kind, pick in (("aantal", base.isin(COUNTS)), ("kosten", base.isin(COSTS))):
            part = both[pick]
            err = (part["value"] - part["value_exact"]).abs()
            rel = err / part["value_exact"].where(part["value_exact"] > 0)
            out.append(
                {
                    "breakdown": " x ".join(by),
                    "kind": kind,
                    "cells": len(part),
                    "mean_abs": err.mean(),
                    "max_abs": err.max(),
                    "mean_rel": rel.mean(),
                }
            )
    return pd.DataFrame(out)
