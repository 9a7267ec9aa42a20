"""Disclosure control of breakdowns before they leave the engine.

Rule (CBS, Toelichting Wijk- en Buurtkaart 2022-2024, section 5.8, youth care per district): counts of 0 to 7
are secret, the other counts are rounded to a multiple of 5. Both numbers are settings of :class:`Disclosure`.
CBS stops there; this module also applies complementary suppression: in a 2-D table with row and column
totals, a row or column (totals included) with exactly one secret cell gets a second one, its smallest other
cell, repeated until no row or column has exactly one; a secret cell then cannot be recovered as total minus
the published cells. Margins are the sums of the cells (for unique youths per district a published total can
be lower than that sum: a youth in two districts counts once).

Every line with one hidden cell is not enough (a hidden cell can still be a "bridge" between two groups of
hidden cells), so a linear audit (:func:`determined_cells`) then checks that no hidden cell is fixed by the
published cells and sums, and hides one more cell beside each one that is, until none is.

A secret cell keeps ``value`` NaN and a ``status`` (Dutch, shown to readers): ``geheim`` (the cell itself),
``aanvullend geheim`` (complementary) or ``openbaar``. :func:`sdlib.present.tables.render_protected` shows secret cells as ``.`` like StatLine.
Shares and costs per youth are recomputed from the published (rounded) counts and costs, and mean ages are
rounded to one decimal (as tabel 2 prints them), so none gives the exact counts away; costs are rounded to
``cost_base`` (1.000 euro). All are secret where a count they derive from is secret. The totals of a breakdown
are the municipal figures, which reports publish unprotected: :func:`protect` treats them as known to the reader.

Linked tables. One extract yields several tables that a reader can combine: the municipal totals (published
exactly by the municipality anyway), per care type, per district and per district x care type, for every
year, tied together by the flow identities (jeugdigen = instroom + doorstroom + herintreder; jeugdigen of last
year = doorstroom + uitstroom) and by the margins (districts add up to the municipal figure). Protecting each
table on its own is not enough: combining them pinned hidden cells of 1 to 7 youths to one value. So the
definitions protect every breakdown of an extract together (:func:`protect_release`): every count of every
breakdown, per care type included, is rounded or secret, and :func:`audit_release` then plays a reader who
knows the rules (a shown count is the perturbed count within +-2, the perturbed count is the truth within
``noise``; a secret cell holds 0 to 7 + ``noise``), all tables, all years, the identities and the margins, and
narrows the interval of every true count by constraint propagation; for every hidden count it pins down, one
more published count beside it is hidden, until it pins none. The audit reasons about the true counts, for
which the identities and margins hold exactly, with every interval widened by the perturbation range; that
was chosen over perturbing so that the identities also hold for the perturbed counts, because noise that
follows the identities is noise a reader can cancel. Every call of the definitions with disclosure control
returns its part of that one release, so two calls never differ.

Repeated releases (differencing). A municipality that updates its figures monthly publishes pairs of releases of
nearly the same records; the worst case is two releases whose records differ by one youth. The attacker of
``tests/records/differencing_attack.py`` has the full release and the releases of 40 copies each without one
youth (3.000 synthetic youths; seeds 11 and 12), every breakdown, the exact municipal totals, and knows the
method (not the key); it guesses the youth's district and set of care types from the cells that changed and
with a likelihood test on the differences. Success against the base rate (the largest district: 15%; the most
common set of care types, zonder verblijf alone: 60%):

==========================================================  ===================  ===================
release                                                     district (11, 12)    care types (11, 12)
==========================================================  ===================  ===================
rounding to 5, suppression, costs to the cent (before)      40/40, 40/40         37/40, 40/40
cell key per cell (noise -4..+4 keyed on the cell's own      40/40                 -
records, as the census's cell key method keys it)
noise -2..+2 keyed on the year                              8/40, 8/40           22/40, 22/40
noise -4..+4 keyed on the year (this module's default)      6/40, 6/40           23/40, 29/40
base rate: 40 guesses of the most common answer             6/40                 24/40, 24/40
==========================================================  ===================  ===================

Chosen on that evidence:

* The cell key method keys each cell's noise on the records in the cell: a cell without the youth keeps its
  records and so its noise, so the cells that changed are exactly the youth's cells, whatever the noise.
* So the noise of every cell is keyed on its **year** (:func:`year_keys`): an HMAC-SHA256, with the secret
  ``key``, of all exact counts and costs of that year in every table. A youth more or less changes the key of
  every year it is counted in, so every cell of those years, in every district and care type, gets new noise
  unrelated to the old; other years keep theirs (which years changed the exact municipal totals show anyway).
  The same records give the same noise, so publishing them again gives nothing new to average.
* Counts: a whole number from -4 to +4, weights 5-|k| (sd 2,0; a count n < 4 gets -n..n, so it stays zero-mean
  and never negative), added before the rule; the rule then applies to the perturbed count. Costs: a normal
  noise of that sd in youths' worth of the cell's cost per youth, then rounded to 1.000 euro. Mean ages: a
  normal noise of that many youths of :data:`AGE_SPREAD` years over the number of youths averaged.
* -2..+2 held against this attacker as well, with less error (below). The default is -4..+4 for a margin
  against a better attacker than ours: a youth shifts some 4 to 10 of its district's cells by -1, against
  noise and rounding of sd 1,8 per cell at -2..+2 and 2,5 at -4..+4, so an ideal test separates the youth's
  district about a third better at -2..+2. ``Disclosure(noise=2)`` is the setting for a municipality that
  wants the smaller error.
* Differentially private noise (OpenDP, Tumult Analytics) was the alternative. A youth is in some 10 to 20
  cells per breakdown and year range, three breakdowns: a privacy budget that bounds a guess near the base rate
  (epsilon about 0,5 over all those cells) needs Laplace noise of scale 100 or more per cell, useless for
  districts of 50 to 500 youths, and fresh noise per release spends the budget again every month. The keyed
  noise has no formal guarantee; it holds against this attacker, at the accuracy below.

Accuracy (published cells against the exact figures, mean and largest absolute error; synthetic extract of
municipal size, 8.728 youths, seed 1; with rounding and suppression alone the counts err 1,2 on average, at
most 2, and the costs not at all):

======================  ==============================  ==============================================
breakdown               counts: mean (max)              costs: mean (max), mean relative error
======================  ==============================  ==============================================
care type               1,75 (6)                        12.510 euro (72.949), 0,5%
district                1,89 (6)                        12.982 euro (40.230), 0,5%
district x care type    1,87 (6)                        12.065 euro (107.285), 4,9%
======================  ==============================  ==============================================

On 3.000 youths (seeds 11 and 12) the counts err 1,8 to 2,0 on average (at most 6), the costs 1,3 to 1,6% per
care type or district and 6,1 to 6,7% per district x care type. With -2..+2 (8.728 youths, seed 1) the counts
err 1,37 to 1,49 on average (at most 4), the costs 0,3% per care type or district and 2,8% per district x care
type. :func:`protection_text` says this in Dutch
for a report's Verantwoording.

Limits: the audit propagates intervals (like a careful reader with a pencil), it does not solve an integer
programme; the tests add a stronger attacker that also tries every value of each narrow interval. Mean ages
(rounded to one decimal) and costs are not part of the audit. A structural zero stays derivable (a total of
0 makes every cell 0): it holds no youth. The noise of a year is new whenever the records of that year change,
so a reader who keeps every monthly release of a running year can average the noise of cells whose true value
did not change between them: publish a running year less often than whole years. The key must be secret
(``SDLIB_DISCLOSURE_KEY``); with the built-in default anyone with the exact figures could recompute the noise.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from sdlib.records.series import RATIOS as _DEFINED_RATIOS

__all__ = [
    "Disclosure",
    "suppress_table",
    "determined_cells",
    "protect",
    "protect_release",
    "perturb_release",
    "protection_text",
    "MEASURED",
    "year_keys",
    "noise_sd",
    "audit_release",
    "apply_default",
    "PUBLIC",
    "SECRET",
    "COMPLEMENTARY",
    "TOTAL",
]

PUBLIC, SECRET, COMPLEMENTARY = "openbaar", "geheim", "aanvullend geheim"
TOTAL = "Totaal"
NOISE = 4  # largest perturbation of a count; measured in the module docstring
COST_BASE = 1000  # costs rounded to a multiple of this many euro
KEY_ENV = "SDLIB_DISCLOSURE_KEY"
DEFAULT_KEY = "sdlib.records: public default key; set SDLIB_DISCLOSURE_KEY"
AGE_SPREAD = 4.0  # years: about the spread of the ages at instroom and uitstroom; sizes the noise of mean ages
COST_SERIES = ("jeugdhulp_kosten", "jeugdhulp_kosten_per_type")
COUNT_SERIES = [
    "jeugdhulp_jeugdigen",
    "jeugdhulp_jeugdigen_per_type",
    "jeugdhulp_instroom",
    "jeugdhulp_doorstroom",
    "jeugdhulp_herintreder",
    "jeugdhulp_uitstroom",
    "jeugdhulp_uitstroom_6m",
    "jeugdhulp_3jaar_aantal",
]


def _euro(amount: float) -> str:
    return f"{amount:,.0f} euro".replace(",", ".")


def _dutch(x: float, decimals: int = 1) -> str:
    return f"{x:,.{decimals}f}".replace(",", "_").replace(".", ",").replace("_", ".")


# Measured with the default settings (noise 4, costs to 1.000 euro); see the module docstring. The differencing
# attacker of tests/records/differencing_attack.py on 3.000 synthetic youths, seeds 11 and 12, 40 youths each:
MEASURED = {
    "attack_youths": 3000,
    "attack_trials": 80,
    "before_district": 80,  # 40/40 and 40/40
    "before_types": 77,  # 37/40 and 40/40
    "after_district": 12,  # 6/40 and 6/40
    "after_types": 52,  # 23/40 and 29/40
    "base_district": 0.15,  # the largest district's share of the youths
    "base_types": 0.60,  # the share of the most common set of care types (only jeugdhulp zonder verblijf)
    # accuracy on the synthetic extract of municipal size (8.728 youths, seed 1), published cells only:
    "count_mean_before": 1.2,  # mean absolute error of a count from rounding alone
    "count_mean_after": 1.9,
    "count_max_after": 6,
    "cost_rel_district": 0.005,  # mean relative error of the costs per district (per care type the same)
    "cost_rel_cell": 0.049,  # per district x care type
}


def protection_text(rule: Disclosure | None = None) -> str:
    """Return, in Dutch, how the release is protected against comparing releases, with the measured accuracy.

    For the Verantwoording of a report (``notebooks/reports/jeugdhulp_records.ipynb``); the figures are those of
    :data:`MEASURED`, measured with the default settings: for other settings the text says what is done only.
    """
    rule = rule or Disclosure()
    if not rule.noise:
        return (
            "Vergelijken van publicaties. De aantallen en kosten per wijk en per soort zorg zijn niet verstoord: "
            "wie twee publicaties naast elkaar legt die op één jeugdige na dezelfde registraties tellen, kan uit "
            "de verschillen afleiden in welke wijk en welke zorg die jeugdige zit."
        )
    m = MEASURED
    text = (
        "Bescherming tegen het vergelijken van publicaties. Wie twee publicaties naast elkaar legt die op één "
        "jeugdige na dezelfde registraties tellen (zoals twee maandelijkse updates), zou uit de verschillen kunnen "
        "afleiden in welke wijk en welke zorg die jeugdige zit. Daarom krijgt elk aantal per wijk en per soort zorg "
        f"vóór de afronding een verstoring van hooguit {rule.noise} (gemiddeld nul) en de kosten een verstoring "
        "ter grootte van de kosten van twee jeugdigen"
        + (f", waarna ze zijn afgerond op {_euro(rule.cost_base)}" if rule.cost_base > 1 else "")
        + ". De verstoring volgt met een geheime sleutel uit de registraties van het jaar: dezelfde registraties "
        "geven dezelfde cijfers, en elke wijziging in een jaar geeft alle cellen van dat jaar een nieuwe verstoring."
    )
    if (rule.noise, rule.base, rule.secret_max, rule.cost_base) == (NOISE, 5, 7, COST_BASE):
        n = m["attack_trials"]
        text += (
            f" Getest op synthetische registraties van {m['attack_youths']:,} jeugdigen".replace(",", ".")
            + f" ({n} keer één jeugdige weggelaten): zonder verstoring raadde een aanvaller de wijk {m['before_district']} "
            f"van de {n} keer goed en de soorten zorg {m['before_types']} keer; met verstoring de wijk "
            f"{m['after_district']} keer (gokken op de grootste wijk: {m['base_district']:.0%}) en de soorten zorg "
            f"{m['after_types']} keer (gokken: {m['base_types']:.0%}), niet beter dan gokken. De prijs: een "
            f"gepubliceerd aantal wijkt gemiddeld {_dutch(m['count_mean_after'])} af van het werkelijke (door de "
            f"afronding alleen {_dutch(m['count_mean_before'])}), hooguit {m['count_max_after']}; de kosten per wijk "
            f"of per soort zorg gemiddeld {_dutch(100 * m['cost_rel_district'])}%, per wijk en soort zorg "
            f"{_dutch(100 * m['cost_rel_cell'])}%."
        ).replace("%", " procent")
    return text + " De totalen van de hele gemeente zijn niet verstoord."


def _names(series: str) -> list[str]:
    """A series and its name per care type (``..._per_type``), the first of which a frame holds is used."""
    return [series, f"{series}_per_type"]


# ratio: (numerator series, denominator series, scale), from the definitions (sdlib.records.series.RATIOS);
# per care type the ratio takes the ``_per_type`` names where a frame has those
RATIOS = {name: (_names(num), _names(den), scale) for name, (num, den, scale) in _DEFINED_RATIOS.items()}
ROUNDED = {  # mean ages at full precision give the exact count away (the n for which mean x n is whole)
    "jeugdhulp_leeftijd_instroom": 1,
    "jeugdhulp_leeftijd_uitstroom": 1,
}
DERIVED = {  # a value is secret where a count it derives from is secret
    "jeugdhulp_leeftijd_instroom": ["jeugdhulp_instroom"],
    "jeugdhulp_leeftijd_uitstroom": ["jeugdhulp_uitstroom"],
    "jeugdhulp_kosten": ["jeugdhulp_jeugdigen"],
    "jeugdhulp_kosten_per_type": ["jeugdhulp_jeugdigen_per_type"],
} | {name: [s for s in [*nums, *dens] if s in COUNT_SERIES] for name, (nums, dens, _) in RATIOS.items()}


@dataclass(frozen=True)
class Disclosure:
    """Settings of disclosure control.

    Parameters
    ----------
    secret_max : int, default 7
        Counts from 0 up to and including this value are secret.
    base : int, default 5
        Published counts are rounded (half up) to a multiple of this; 1 leaves them as they are.
    complementary : bool, default True
        Apply complementary suppression along rows and columns with their totals.
    noise : int, default :data:`NOISE`
        Largest perturbation of a count (see :func:`perturb_release`): every count of a protected release gets
        a zero-mean noise of -``noise`` to +``noise`` before the rule above; costs and mean ages get noise of
        the same size in youths. 0 switches perturbation off (the release then gives a youth away to a reader
        who compares it with the release of the same records without that youth).
    cost_base : int, default :data:`COST_BASE`
        Published costs are rounded (half up) to a multiple of this many euro; 1 leaves them to the euro.
    key : str, optional
        The secret of the perturbation (default: the environment variable ``SDLIB_DISCLOSURE_KEY``, else a
        built-in key that is public; a municipality sets its own, so that no reader can recompute the noise).
        Never shown: ``repr`` leaves it out.
    """

    secret_max: int = 7
    base: int = 5
    complementary: bool = True
    noise: int = NOISE
    cost_base: int = COST_BASE
    key: str | None = None

    def explain(self) -> str:
        """Return the rule in Dutch, for the reader of a report."""
        rounding = f"afgerond op een veelvoud van {self.base}" if self.base > 1 else "niet afgerond"
        text = (
            f"Aantallen van 0 tot en met {self.secret_max} zijn geheim (.); de overige aantallen zijn {rounding} "
            "(de regel van CBS voor jeugdhulp per wijk)."
        )
        if self.complementary:
            text += (
                " Daarnaast zijn zo nodig andere cellen geheim gemaakt (aanvullend geheim), zodat geen geheime "
                "cel uit de andere cellen en de totalen is terug te rekenen, ook niet door alle tabellen uit "
                "dezelfde registraties te combineren. Aandelen en kosten per jeugdige "
                "zijn berekend uit de afgeronde aantallen."
            )
        if self.noise:
            text += (
                f" Vóór die regel krijgt elk aantal per wijk en per soort zorg een kleine verstoring van hooguit "
                f"{self.noise} (gemiddeld nul); geheim zijn de aantallen die na de verstoring 0 tot en met "
                f"{self.secret_max} zijn."
            )
        if self.cost_base > 1:
            text += f" Kosten zijn {'verstoord en ' if self.noise else ''}afgerond op {_euro(self.cost_base)}."
        return text

    def __post_init__(self):
        if not isinstance(self.secret_max, int) or self.secret_max < 0:
            raise ValueError(f"secret_max: expected a whole number of 0 or more, got {self.secret_max!r}")
        if not isinstance(self.base, int) or self.base < 1:
            raise ValueError(f"base: expected a whole number of 1 or more, got {self.base!r}")
        if isinstance(self.noise, bool) or not isinstance(self.noise, int) or self.noise < 0:
            raise ValueError(f"noise: expected a whole number of 0 or more, got {self.noise!r}")
        if isinstance(self.cost_base, bool) or not isinstance(self.cost_base, int) or self.cost_base < 1:
            raise ValueError(f"cost_base: expected a whole number of 1 or more, got {self.cost_base!r}")
        if self.key is not None and (not isinstance(self.key, str) or not self.key):
            raise ValueError("key: expected a non-empty text")

    def __repr__(self) -> str:
        return (
            f"Disclosure(secret_max={self.secret_max}, base={self.base}, complementary={self.complementary}, "
            f"noise={self.noise}, cost_base={self.cost_base}{', key=...' if self.key else ''})"
        )

    def secret(self) -> bytes:
        """The key of the perturbation as bytes (see ``key``)."""
        return (self.key or os.environ.get(KEY_ENV) or DEFAULT_KEY).encode("utf-8")


def _with_margins(table):
    out = table.astype("float64").copy()
    if out.shape[1] > 1:
        out[TOTAL] = out.sum(axis=1)
    if out.shape[0] > 1:
        out.loc[TOTAL] = out.sum(axis=0)
    return out


def _fix_line(status, values, fixed, index) -> bool:
    import numpy as np

    cells = status[index]
    hidden = cells != PUBLIC
    candidates = np.where(hidden | fixed[index], np.inf, values[index])
    if hidden.sum() != 1 or np.isinf(candidates).all():
        return False
    cells[int(np.argmin(candidates))] = COMPLEMENTARY
    status[index] = cells
    return True


def _lines(shape):
    rows, cols = shape
    return [(i, slice(None)) for i in range(rows)] + [(slice(None), j) for j in range(cols)]


def determined_cells(status, *, row_total: bool, column_total: bool) -> list[tuple[int, int]]:
    """Return the hidden cells that the published cells and the table's sums fix exactly (a linear audit).

    The unknowns are the hidden cells; every row sums to its ``Totaal`` column and every column to its
    ``Totaal`` row (the last column / row when present). A hidden cell is determined when its unit vector lies
    in the row space of those equations, i.e. when it is zero in every solution of the homogeneous system.

    Parameters
    ----------
    status : numpy.ndarray
        Status per cell of the table with its margins (``openbaar`` or not).
    row_total, column_total : bool
        Whether the last row / the last column is a ``Totaal``.
    """
    import numpy as np

    hidden = np.argwhere(status != PUBLIC)
    if not len(hidden):
        return []
    var = {tuple(cell): k for k, cell in enumerate(hidden)}
    n_rows, n_cols = status.shape
    equations = []
    if column_total:  # each row: its cells minus its total = 0
        equations += [[(i, j, 1.0) for j in range(n_cols - 1)] + [(i, n_cols - 1, -1.0)] for i in range(n_rows)]
    if row_total:
        equations += [[(i, j, 1.0) for i in range(n_rows - 1)] + [(n_rows - 1, j, -1.0)] for j in range(n_cols)]
    matrix = np.zeros((len(equations), len(var)))
    for e, terms in enumerate(equations):
        for i, j, coef in terms:
            if (i, j) in var:
                matrix[e, var[i, j]] += coef
    if not matrix.any():
        return []
    _, sing, vt = np.linalg.svd(matrix)
    null = vt[int((sing > 1e-9).sum()) :]  # basis of the solutions of matrix @ x = 0
    free = np.abs(null).max(axis=0) > 1e-9 if len(null) else np.zeros(len(var), bool)
    return [tuple(int(v) for v in hidden[k]) for k in range(len(var)) if not free[k]]


def _repair(status, values, fixed, row_total, column_total) -> bool:
    """Hide one more cell beside each determined hidden cell: the smallest published one in its row or column."""
    import numpy as np

    changed = False
    for i, j in determined_cells(status, row_total=row_total, column_total=column_total):
        line = np.full(status.shape, np.inf)
        line[i, :], line[:, j] = values[i, :], values[:, j]
        line[(status != PUBLIC) | fixed] = np.inf
        if np.isinf(line).all():
            line = np.where((status == PUBLIC) & ~fixed, values, np.inf)
        if not np.isinf(line).all():
            status[np.unravel_index(int(np.argmin(line)), line.shape)] = COMPLEMENTARY
            changed = True
    return changed


def suppress_table(table, *, rule: Disclosure | None = None, margins: bool = True, known_margins: bool = False):
    """Protect a wide table of counts (rows x columns), adding row and column totals.

    Parameters
    ----------
    table : pandas.DataFrame
        Counts; one row per category of the first dimension, one column per category of the second.
    rule : Disclosure, optional
        Settings; default ``Disclosure()`` (0-7 secret, rounding to 5).
    margins : bool, default True
        Add a ``Totaal`` column (when there are two columns or more) and a ``Totaal`` row (two rows or more),
        and use them for complementary suppression.
    known_margins : bool, default False
        The totals are published elsewhere (e.g. the municipal figures beside a table per district): they are
        never secret, and the suppression assumes a reader knows them.

    Returns
    -------
    values : pandas.DataFrame
        Published values (rounded; NaN where secret), with the margins.
    status : pandas.DataFrame
        ``openbaar``, ``geheim`` or ``aanvullend geheim`` per cell, same shape.
    """
    import numpy as np
    import pandas as pd

    rule = rule or Disclosure()
    full = _with_margins(table) if margins else table.astype("float64")
    values = full.to_numpy()
    status = np.where(values <= rule.secret_max, SECRET, PUBLIC).astype(object)
    fixed = np.zeros(values.shape, bool)  # cells that stay published: the totals, when known elsewhere
    if margins and known_margins:
        fixed[[i for i, r in enumerate(full.index) if r == TOTAL], :] = True
        fixed[:, [j for j, c in enumerate(full.columns) if c == TOTAL]] = True
        status[fixed] = PUBLIC
    if rule.complementary and margins:
        row_total, column_total = full.index[-1] == TOTAL, full.columns[-1] == TOTAL
        changed = True
        while changed:
            while any(_fix_line(status, values, fixed, line) for line in _lines(values.shape)):
                pass
            changed = _repair(status, values, fixed, row_total, column_total)
    rounded = np.floor(values / rule.base + 0.5) * rule.base
    shown = np.where(status == PUBLIC, rounded, np.nan)
    return (
        pd.DataFrame(shown, index=full.index, columns=full.columns),
        pd.DataFrame(status, index=full.index, columns=full.columns),
    )


def protect(frame, *, rows=None, columns=None, rule: Disclosure | None = None, known_margins: bool = True):
    """Protect the count series of a tidy result frame and hide the values derived from secret counts.

    Parameters
    ----------
    frame : pandas.DataFrame
        A frame of :mod:`sdlib.records.definitions` (``series``, ``year``, dimension columns, ``value``).
    rows, columns : str, optional
        Dimension columns that span the 2-D table protected per series and year (e.g. ``rows="district"``,
        ``columns="care_type"``); with neither, each count is protected on its own (no complementary step).
    rule : Disclosure, optional
        Settings; default ``Disclosure()``.
    known_margins : bool, default True
        The totals of the table are published elsewhere (a breakdown's totals are the municipal figures, which
        reports show unprotected), so the suppression assumes a reader knows them.

    Returns
    -------
    pandas.DataFrame
        The frame with rounded counts, NaN where secret, mean ages to one decimal, and a ``status`` column.

    See Also
    --------
    protect_release : protects all breakdowns of one extract together, against each other.
    """
    rule = rule or Disclosure()
    return _finish(_suppress_counts(frame, rows, columns, rule, known_margins), rule)


def _suppress_counts(frame, rows, columns, rule, known_margins):
    """Round and suppress the count series (per series and year, as a 2-D table); add ``status``."""
    dims = [d for d in (rows, columns) if d is not None]
    for d in dims:
        if d not in frame.columns:
            raise ValueError(f"rows/columns: {d!r} is not a column of the frame")
    out = frame.copy()
    out["status"] = PUBLIC
    counts = out["series"].isin(COUNT_SERIES)
    keys = [c for c in out.columns if c not in (*dims, "value", "status") and c in _key_columns(out)]
    for _, part in out[counts].groupby(keys, dropna=False, sort=False):
        _protect_part(out, part, rows, columns, rule, known_margins)
    return out


def _finish(out, rule):
    """Round mean ages and costs, recompute ratios from the published counts, hide what derives from secret counts."""
    import numpy as np

    out = out.copy()
    for name, decimals in ROUNDED.items():
        out.loc[out["series"] == name, "value"] = out.loc[out["series"] == name, "value"].round(decimals)
    costs = out["series"].isin(COST_SERIES)
    if rule.cost_base > 1 and costs.any():
        out.loc[costs, "value"] = np.floor(out.loc[costs, "value"] / rule.cost_base + 0.5) * rule.cost_base
    dims = [c for c in _key_columns(out) if c != "series"]
    return _hide_derived(_recompute_ratios(out, dims), dims)


def _key_columns(frame):
    return [c for c in frame.columns if c in ("series", "year", "care_type", "district")]


def _protect_part(out, part, rows, columns, rule, known_margins):
    import pandas as pd

    index = part[rows] if rows else pd.Series(0, index=part.index)
    cols = part[columns] if columns else pd.Series(0, index=part.index)
    wide = pd.DataFrame({"r": index, "c": cols, "v": part["value"]}).pivot(index="r", columns="c", values="v")
    values, status = suppress_table(wide.fillna(0), rule=rule, margins=rows is not None, known_margins=known_margins)
    at = values.index.get_indexer(index), values.columns.get_indexer(cols)  # every cell of part, at once
    out.loc[part.index, "value"] = values.to_numpy()[at]
    out.loc[part.index, "status"] = status.to_numpy()[at]


def _recompute_ratios(out, keys):
    """Recompute shares and costs per youth from the published (rounded) counts.

    A ratio of exact counts next to rounded counts would give the exact counts away (e.g. a share of 43,9% of
    about 40 youths is 18 of 41).
    """
    import pandas as pd

    wide = out.pivot_table(index=keys, columns="series", values="value", aggfunc="first", dropna=False)
    for name, (numerators, denominators, scale) in RATIOS.items():
        num = next((n for n in numerators if n in wide), None)
        den = next((d for d in denominators if d in wide), None)
        mine = out["series"] == name
        if not mine.any() or num is None or den is None:
            continue
        ratio = wide[num] / wide[den].where(wide[den] > 0) * scale
        out.loc[mine, "value"] = ratio.reindex(pd.MultiIndex.from_frame(out.loc[mine, keys])).to_numpy()
    return out


def _hide_derived(out, keys):
    secret = out.loc[out["status"] != PUBLIC, ["series", *keys]]
    for name, sources in DERIVED.items():
        hidden = secret[secret["series"].isin(sources)][keys].drop_duplicates().assign(_hide=True)
        mine = out["series"] == name
        if not mine.any() or hidden.empty:
            continue
        flag = out.loc[mine, keys].merge(hidden, on=keys, how="left")["_hide"].fillna(False).to_numpy(bool)
        idx = out.index[mine][flag]
        out.loc[idx, "value"] = float("nan")
        out.loc[idx, "status"] = SECRET
    return out


def apply_default(frame, by, disclosure):
    """Protect one frame on its own: the municipal totals (each count alone) or a single breakdown.

    The definitions use :func:`protect_release` for breakdowns, so that every breakdown of one extract is
    protected against the others; this is for a frame that stands alone.
    """
    if disclosure is False or (disclosure is None and not by):
        return frame
    rule = disclosure if isinstance(disclosure, Disclosure) else Disclosure()
    if "district" not in by:  # care types overlap (a youth can have several): no margin to protect against
        return protect(frame, rule=rule)
    ordered = sorted(by, key=lambda d: d != "district")
    return protect(frame, rows=ordered[0], columns=ordered[1] if len(ordered) > 1 else None, rule=rule)


# --- protection of a whole release: every breakdown of one extract, against each other -----------------------

LEVELS = (("care_type",), ("district",), ("district", "care_type"))  # the breakdowns the engine publishes
_ALL = "\x00alle"  # the key of a dimension a table does not break down by
_FLOW = (
    "jeugdhulp_jeugdigen",
    "jeugdhulp_instroom",
    "jeugdhulp_doorstroom",
    "jeugdhulp_herintreder",
    "jeugdhulp_uitstroom",
    "jeugdhulp_uitstroom_6m",
    "jeugdhulp_3jaar_aantal",
)
_BIG = 10**12


def _cell(series, year, by, row) -> tuple:
    return (
        series.removesuffix("_per_type"),
        int(year),
        row["district"] if "district" in by else _ALL,
        row["care_type"] if "care_type" in by else _ALL,
    )


def _candidate_constraints(keys, years):
    """Linear relations a reader may know: flow identities per group, margins, orderings (sum c*x = 0 or <= 0).

    Only the relations that hold for the true counts of the extract are used (:func:`protect_release` checks);
    e.g. districts add up to the municipal figure only when no youth is counted in two districts.
    """
    J, I, D, H, U, U6, T3 = _FLOW  # noqa: E741 (the flows' own letters)
    groups = sorted({(k[2], k[3]) for k in keys})
    districts = sorted({k[2] for k in keys} - {_ALL})
    types = sorted({k[3] for k in keys} - {_ALL})
    out = []  # (terms, is_equation)
    for d, t in groups:
        x = lambda s, y, d=d, t=t: (s, y, d, t)  # noqa: E731
        out.append(({x(J, years[0]): 1, x(I, years[0]): -1}, True))
        for n, y in enumerate(years[1:], start=1):
            out.append(({x(J, y): 1, x(I, y): -1, x(D, y): -1, x(H, y): -1}, True))
            out.append(({x(J, y - 1): 1, x(D, y): -1, x(U, y): -1}, True))
            out.append(({x(U, y): 1, x(U6, y): -1}, False))
            if n == 1:
                out.append(({x(H, y): 1}, True))
            if n >= 2:
                out.append(({x(T3, y): 1, x(D, y): -1}, False))
                out.append(({x(T3, y): 1, x(D, y - 1): -1}, False))
    for s in _FLOW:
        for y in years:
            for t in [_ALL, *types]:
                if districts:
                    terms = {(s, y, d, t): 1 for d in districts}
                    terms[(s, y, _ALL, t)] = -1
                    out.append((terms, True))
                    out.append(({k: -v for k, v in terms.items()}, False))  # sum >= total, if not equal
            for d in [_ALL, *districts]:
                for t in types:
                    out.append(({(s, y, d, t): 1, (s, y, d, _ALL): -1}, False))
    return out


def _propagate(lo, hi, constraints, max_rounds=100):
    """Narrow the integer bounds ``lo``/``hi`` (dicts) with every constraint until nothing changes.

    Returns False when the bounds contradict each other (which cannot happen for sound knowledge).
    """
    import math

    by_var = {}
    for n, (terms, _) in enumerate(constraints):
        for key in terms:
            by_var.setdefault(key, []).append(n)
    todo, queued = list(range(len(constraints))), set(range(len(constraints)))
    steps, limit = 0, max_rounds * max(1, len(constraints))
    while todo and steps < limit:
        n = todo.pop()
        queued.discard(n)
        steps += 1
        terms, equal = constraints[n]
        low = {k: c * (lo[k] if c > 0 else hi[k]) for k, c in terms.items()}
        high = {k: c * (hi[k] if c > 0 else lo[k]) for k, c in terms.items()}
        sum_lo, sum_hi = sum(low.values()), sum(high.values())
        for k, c in terms.items():
            upper = -(sum_lo - low[k])  # c*x <= upper
            lower = -(sum_hi - high[k]) if equal else None  # c*x >= lower
            if c > 0:
                new_lo = math.ceil(lower / c) if lower is not None else lo[k]
                new_hi = math.floor(upper / c)
            else:
                new_lo = math.ceil(upper / c)
                new_hi = math.floor(lower / c) if lower is not None else hi[k]
            changed = False
            if new_lo > lo[k]:
                lo[k], changed = new_lo, True
            if new_hi < hi[k]:
                hi[k], changed = new_hi, True
            if lo[k] > hi[k]:
                return False
            if changed:
                for m in by_var[k]:
                    if m not in queued:
                        queued.add(m)
                        todo.append(m)
    return True


def audit_release(totals, tables, *, rule: Disclosure, exact=None) -> list[tuple]:
    """Return the hidden counts that a reader of the whole release can pin to one value (holding 1 or more).

    The reader knows the published municipal ``totals`` exactly, every protected table in ``tables`` (a
    shown count is the truth rounded to a multiple of ``rule.base``; ``geheim`` is 0 to ``rule.secret_max``;
    ``aanvullend geheim`` a publishable count), the flow identities of every group and year, the margins and
    orderings of :func:`_candidate_constraints` (those that hold for the true counts ``exact``, a dict of cell
    to count), and narrows the interval of every count by constraint propagation.
    """
    import math

    lo, hi, hidden = {}, {}, []
    for row in totals.itertuples(index=False):
        if row.series.removesuffix("_per_type") in _FLOW and row.value == row.value:
            key = _cell(row.series, row.year, (), {})
            lo[key] = hi[key] = round(row.value)
    down, up = math.ceil(-rule.base / 2), math.ceil(rule.base / 2) - 1
    m = rule.noise  # a perturbed count lies within m of the true count (the unknowns are the true counts)
    for by, frame in tables.items():
        for row in frame[frame["series"].str.removesuffix("_per_type").isin(_FLOW)].to_dict("records"):
            key = _cell(row["series"], row["year"], by, row)
            if row["status"] == PUBLIC:
                v = round(row["value"])
                shown = (max(v + down, rule.secret_max + 1), v + up) if rule.base > 1 else (v, v)
                lo[key], hi[key] = max(shown[0] - m, 0), shown[1] + m
            elif row["status"] == SECRET:
                lo[key], hi[key] = 0, rule.secret_max + m
                hidden.append(key)
            else:
                lo[key], hi[key] = max(rule.secret_max + 1 - m, 0), _BIG
                hidden.append(key)
    years = sorted({k[1] for k in lo})
    constraints = []
    for terms, equal in _candidate_constraints(set(lo), years):
        if not all(k in lo for k in terms):
            continue
        if exact is not None:
            total = sum(c * exact.get(k, 0) for k, c in terms.items())
            if total > 0 or (equal and total != 0):
                continue  # not true for this extract: a reader cannot know it
        constraints.append((terms, equal))
    if not _propagate(lo, hi, constraints):
        raise RuntimeError("disclosure audit: contradictory knowledge; this is a bug in sdlib")
    return [k for k in hidden if lo[k] == hi[k] and lo[k] >= 1]


def protect_release(exact: dict, *, rule: Disclosure | None = None, max_rounds: int = 50) -> dict:
    """Protect every breakdown of one extract together, so that no table gives away a secret cell of another.

    Parameters
    ----------
    exact : dict
        ``{(): totals, ("care_type",): ..., ("district",): ..., ("district", "care_type"): ...}``: the
        unprotected result frames of the definitions. The municipal totals stay as they are (the municipality
        publishes them); the breakdowns are protected.
    rule : Disclosure, optional
        Settings; default ``Disclosure()``.

    Returns
    -------
    dict
        The protected frame per breakdown (the keys of ``exact`` except ``()``).

    Notes
    -----
    Each table is first protected on its own (0-7 secret, rounding, complementary suppression along rows and
    columns). Then :func:`audit_release` plays a reader who combines all tables, all years, the flow
    identities and the margins; for every hidden count that reader can pin down, one more published count
    that shares a relation with it (the smallest) is hidden, and the audit runs again until it pins nothing.
    """
    import pandas as pd

    rule = rule or Disclosure()
    # one row order whatever order the engine returned the groups in: ties between partner cells (the smallest
    # published count) are then broken the same way in every run
    exact = {
        by: frame.sort_values(_key_columns(frame), kind="stable").reset_index(drop=True) for by, frame in exact.items()
    }
    perturbed = perturb_release(exact, rule=rule)
    parts = {}
    for by in (b for b in exact if b):
        ordered = sorted(by, key=lambda d: d != "district")
        if "district" in by:
            parts[by] = _suppress_counts(
                perturbed[by], ordered[0], ordered[1] if len(ordered) > 1 else None, rule, True
            )
        else:
            parts[by] = _suppress_counts(perturbed[by], None, None, rule, True)
    truth = {}
    for by, frame in exact.items():
        for row in frame[frame["series"].str.removesuffix("_per_type").isin(_FLOW)].to_dict("records"):
            if row["value"] == row["value"]:
                truth[_cell(row["series"], row["year"], by, row)] = round(row["value"])
    if rule.complementary:
        for _ in range(max_rounds):
            pinned = audit_release(
                exact.get((), pd.DataFrame(columns=["series", "year", "value"])), parts, rule=rule, exact=truth
            )
            if not pinned:
                break
            _hide_partners(parts, pinned, truth)
        else:
            raise RuntimeError(f"disclosure: {len(pinned)} cell(s) still derivable after {max_rounds} rounds")
    return {by: _finish(frame, rule) for by, frame in parts.items()}


def _hide_partners(parts, pinned, truth):
    """Hide, for each pinned cell, the smallest published count of the same series and year in its groups."""
    import numpy as np

    for series, year, district, care_type in pinned:
        best = None
        for by, frame in parts.items():
            s = frame["series"].str.removesuffix("_per_type")
            near = (s == series) & (frame["year"] == year) & (frame["status"] == PUBLIC)
            related = np.zeros(len(frame), bool)
            if "district" in by:
                related |= frame["district"].eq(district).to_numpy()
            if "care_type" in by:
                related |= frame["care_type"].eq(care_type).to_numpy()
            if not related.any():
                related[:] = True
            near &= related
            for idx in frame.index[near.to_numpy()]:
                v = frame.at[idx, "value"]
                if best is None or v < best[0]:
                    best = (v, by, idx)
        if best is None:  # nothing left to hide in the same series and year: hide any related published count
            for by, frame in parts.items():
                cand = frame[(frame["status"] == PUBLIC) & frame["series"].isin(COUNT_SERIES) & (frame["year"] == year)]
                if len(cand):
                    idx = cand["value"].idxmin()
                    best = (cand.at[idx, "value"], by, idx)
                    break
        if best is not None:
            _, by, idx = best
            parts[by].at[idx, "status"] = COMPLEMENTARY
            parts[by].at[idx, "value"] = float("nan")


# --- perturbation: noise keyed by the records, against the comparison of releases ----------------------------


def _counts_noise_table(m: int, n: int):
    """The perturbation table of a count ``n``: values -k..k with weights k+1-|j| (zero mean), k = min(m, n).

    A small count gets a narrower range, so a perturbed count is never negative and the noise stays zero-mean.
    Returns (values, cumulative probabilities).
    """
    import numpy as np

    k = min(m, max(int(n), 0))
    values = np.arange(-k, k + 1)
    weights = (k + 1 - np.abs(values)).astype(float)
    return values, np.cumsum(weights) / weights.sum()


def noise_sd(m: int) -> float:
    """The standard deviation of the count noise of a large count with largest perturbation ``m``."""
    import numpy as np

    values, cdf = _counts_noise_table(m, m)
    p = np.diff(np.r_[0.0, cdf])
    return float(np.sqrt((p * values**2).sum()))


def _uniforms(secret: bytes, year_key: bytes, cell: tuple) -> tuple[float, float]:
    """Two numbers in (0, 1) from the keyed hash of the year's key and the cell: the same records, the same two."""
    import hashlib
    import hmac

    digest = hmac.new(secret, year_key + repr(cell).encode("utf-8"), hashlib.sha256).digest()
    a, b = int.from_bytes(digest[:8], "big"), int.from_bytes(digest[8:16], "big")
    return (a + 0.5) / 2**64, (b + 0.5) / 2**64


def year_keys(exact: dict, secret: bytes) -> dict:
    """The key of every year: a keyed hash (HMAC-SHA256) of all exact counts and costs of that year, every table.

    Any youth more or less, or moved, changes a count or cost of each year it is counted in, so every cell of
    those years gets new, unrelated noise (not only the cells that hold it: otherwise the cells that changed
    between two releases would show where the youth is). The same records give the same keys, so publishing the
    same figures again gives the same noise and nothing to average; the years a change does not touch keep theirs.
    """
    import hashlib
    import hmac

    lines = {}
    for by, frame in exact.items():
        keep = frame["series"].str.removesuffix("_per_type").isin([*_FLOW, "jeugdhulp_kosten"])
        part = frame[keep]
        cols = [part["series"], part["year"]] + [
            part[c] if c in by else [_ALL] * len(part) for c in ("district", "care_type")
        ]
        for series, year, district, care_type, value in zip(*cols, part["value"]):
            if value == value:
                lines.setdefault(int(year), []).append(f"{series}|{district}|{care_type}|{round(float(value))}")
    return {
        year: hmac.new(secret, "\n".join(sorted(rows)).encode("utf-8"), hashlib.sha256).digest()
        for year, rows in lines.items()
    }


def _cell_seed(keys: dict, cell: tuple, exact_value: float) -> bytes:
    """What the noise of a cell is keyed on: the key of its year (a test swaps in the cell's own value)."""
    return keys.get(cell[1], b"")


def perturb_release(exact: dict, *, rule: Disclosure | None = None) -> dict:
    """Add keyed noise to every count, cost and mean age of every breakdown (the municipal totals stay exact).

    Counts: the true count ``n`` plus a whole number from -m to +m (``m = rule.noise``, weights m+1-|k|, for
    ``n < m`` the range -n..n), drawn from the keyed hash of the cell and its year's key (:func:`year_keys`);
    the rule (0-7 secret, rounding to 5, complementary suppression) then applies to the perturbed count.
    Costs: plus a normal noise of :func:`noise_sd` youths' worth of cost (the cell's cost per youth), then
    rounded to ``rule.cost_base`` in :func:`_finish`. Mean ages: plus a normal noise of that many youths of
    :data:`AGE_SPREAD` years over the number of youths averaged. With ``rule.noise == 0`` nothing changes.
    """
    from statistics import NormalDist

    import numpy as np

    rule = rule or Disclosure()
    if not rule.noise:
        return dict(exact)
    secret = rule.secret()
    keys = year_keys(exact, secret)
    sd = noise_sd(rule.noise)
    normal = NormalDist()
    out = {(): exact[()]} if () in exact else {}
    for by, frame in exact.items():
        if not by:
            continue
        frame = frame.copy()
        base = frame["series"].str.removesuffix("_per_type")
        cols = [base, frame["year"]] + [frame[c] if c in by else [_ALL] * len(frame) for c in ("district", "care_type")]
        cells = list(zip(*cols))
        value = dict(zip(cells, frame["value"]))
        new = frame["value"].to_numpy(dtype="float64").copy()
        for i, cell in enumerate(cells):
            v = new[i]
            if v != v or cell[0] not in (*_FLOW, "jeugdhulp_kosten", *ROUNDED):
                continue
            u, _ = _uniforms(secret, _cell_seed(keys, cell, v), cell)
            if cell[0] in _FLOW:
                values, cdf = _counts_noise_table(rule.noise, round(v))
                new[i] = v + values[min(int(np.searchsorted(cdf, u)), len(values) - 1)]
            elif cell[0] == "jeugdhulp_kosten":
                youths = value.get(("jeugdhulp_jeugdigen", *cell[1:]), 0) or 0
                spread = sd * v / youths if youths > 0 else 0.0
                new[i] = max(v + normal.inv_cdf(u) * spread, 0.0)
            else:  # mean age of the instroom or uitstroom
                youths = value.get((DERIVED[cell[0]][0], *cell[1:]), 0) or 0
                new[i] = v + normal.inv_cdf(u) * sd * AGE_SPREAD / youths if youths > 0 else v
        frame["value"] = new
        out[by] = frame
    return out
