"""Disclosure control on hand-made tables."""

import math

import numpy as np
import pandas as pd
import pytest

import sdlib.records as rec
from sdlib.present.tables import render_protected, render_table
from sdlib.records.disclosure import COMPLEMENTARY, PUBLIC, SECRET

TABLE = pd.DataFrame({"a": [20, 40], "b": [3, 50], "c": [30, 60]}, index=["x", "y"])


def test_primary_and_complementary_suppression():
    values, status = rec.suppress_table(TABLE)
    # 3 is secret; row x then needs a second cell (20), column b too (50), and column a once more (40)
    assert status.loc["x", "b"] == SECRET
    assert {(r, c) for r in status.index for c in status.columns if status.loc[r, c] == COMPLEMENTARY} == {
        ("x", "a"),
        ("y", "b"),
        ("y", "a"),
    }
    assert values.loc["x", "c"] == 30 and values.loc["Totaal", "b"] == 55 and values.loc["x", "Totaal"] == 55
    assert math.isnan(values.loc["x", "b"])


def test_no_line_has_a_single_secret_cell():
    _, status = rec.suppress_table(TABLE)
    hidden = status != PUBLIC
    assert set(hidden.sum(axis=0)) <= {0, 2} and set(hidden.sum(axis=1)) <= {0, 2}


def derivable(values, status):
    """Hidden cells an attacker can compute from the published cells and the sums (audit written for the test).

    Gaussian elimination on the equations 'cells of a line = its total', with published values as constants:
    a hidden cell is derivable when the reduced equations pin it down on its own.
    """
    from fractions import Fraction

    cells = [(r, c) for r in values.index for c in values.columns]
    hidden = [cell for cell in cells if status.loc[cell] != PUBLIC]
    rows, cols = [r for r in values.index if r != "Totaal"], [c for c in values.columns if c != "Totaal"]
    lines = [([(r, c) for c in cols], (r, "Totaal")) for r in values.index if "Totaal" in values.columns]
    lines += [([(r, c) for r in rows], ("Totaal", c)) for c in values.columns if "Totaal" in values.index]
    system = []
    for parts, total in lines:
        coef = {cell: Fraction(0) for cell in hidden}
        const = Fraction(0)
        for cell, sign in [(p, 1) for p in parts] + [(total, -1)]:
            if cell in coef:
                coef[cell] += sign
            else:
                const -= sign * Fraction(int(values.loc[cell]))
        system.append(([coef[h] for h in hidden], const))
    pivots, matrix = [], [row[:] for row, _ in system]
    consts = [c for _, c in system]
    r = 0
    for k in range(len(hidden)):  # reduced row echelon form
        p = next((i for i in range(r, len(matrix)) if matrix[i][k] != 0), None)
        if p is None:
            continue
        matrix[r], matrix[p], consts[r], consts[p] = matrix[p], matrix[r], consts[p], consts[r]
        f = matrix[r][k]
        matrix[r], consts[r] = [x / f for x in matrix[r]], consts[r] / f
        for i in range(len(matrix)):
            if i != r and matrix[i][k] != 0:
                g = matrix[i][k]
                matrix[i] = [a - g * b for a, b in zip(matrix[i], matrix[r])]
                consts[i] -= g * consts[r]
        pivots.append(k)
        r += 1
    return {hidden[k]: consts[i] for i, k in enumerate(pivots) if sum(x != 0 for x in matrix[i]) == 1}


def test_the_audit_of_the_test_finds_the_leak_of_the_bare_cbs_rule():
    values, status = rec.suppress_table(TABLE, rule=rec.Disclosure(complementary=False, base=1))
    assert derivable(values, status) == {("x", "b"): 3}


def test_secret_cells_cannot_be_derived_from_published_cells_and_totals():
    values, status = rec.suppress_table(TABLE, rule=rec.Disclosure(base=1))
    assert derivable(values, status) == {}


def test_a_bridge_between_two_groups_of_hidden_cells_is_hidden_too(monkeypatch):
    # Every line of this table has two or more small cells, yet the 6 at (r0, c2) links two 2x2 groups of small
    # cells: with the line rule alone it follows from the sums. The audit hides more until nothing follows.
    table = pd.DataFrame(
        [[3, 4, 6, 40], [5, 2, 30, 50], [30, 40, 4, 5], [60, 70, 3, 2]],
        index=["r0", "r1", "r2", "r3"],
        columns=["c0", "c1", "c2", "c3"],
    )
    with monkeypatch.context() as m:
        m.setattr("sdlib.records.disclosure._repair", lambda *args: False)  # the line rule alone
        assert derivable(*rec.suppress_table(table, rule=rec.Disclosure(base=1))) == {("r0", "c2"): 6}
    values, status = rec.suppress_table(table, rule=rec.Disclosure(base=1))
    assert status.loc["r0", "c2"] == SECRET
    assert derivable(values, status) == {}
    assert rec.determined_cells(status.to_numpy(), row_total=True, column_total=True) == []


def random_tables(seed, *, largest_side, largest_count, n=150):
    """Yield ``n`` seeded random tables of counts, 2 to ``largest_side`` rows and columns."""
    rng = np.random.default_rng(seed)
    for _ in range(n):
        shape = tuple(rng.integers(2, largest_side + 1, 2))
        yield pd.DataFrame(
            rng.integers(0, largest_count + 1, shape),
            index=[f"r{i}" for i in range(shape[0])],
            columns=[f"c{j}" for j in range(shape[1])],
        )


def test_no_secret_cell_is_derivable_in_many_random_tables():
    for table in random_tables(7, largest_side=5, largest_count=39):
        values, status = rec.suppress_table(table, rule=rec.Disclosure(base=1))
        assert derivable(values, status) == {}, table


def test_without_complementary_step_the_cell_is_recoverable():
    values, status = rec.suppress_table(TABLE, rule=rec.Disclosure(complementary=False, base=1))
    assert (status != PUBLIC).sum().sum() == 1
    assert values.loc["x", "Totaal"] - values.loc["x", "a"] - values.loc["x", "c"] == 3  # the leak


def test_settings_are_configurable():
    values, status = rec.suppress_table(TABLE, rule=rec.Disclosure(secret_max=2, base=1))
    assert (status == PUBLIC).all().all() and values.loc["x", "b"] == 3
    with pytest.raises(ValueError, match="base"):
        rec.Disclosure(base=0)


def test_render_shows_a_dot_like_statline():
    values, status = rec.suppress_table(TABLE)
    text = render_table(values, status)
    assert text.loc["x", "b"] == "." and text.loc["y", "Totaal"] == "150"
    frame = pd.DataFrame({"value": [1234.0, float("nan")], "status": [PUBLIC, SECRET]})
    assert render_protected(frame) == ["1.234", "."]


def test_protect_tidy_frame_hides_derived_values():
    frame = pd.DataFrame(
        {
            "series": ["jeugdhulp_instroom"] * 3 + ["jeugdhulp_leeftijd_instroom"] * 3,
            "year": [2016] * 6,
            "district": ["Dorp", "Meerzicht", "Noordhove"] * 2,
            "value": [5.0, 12.0, 40.0, 9.5, 10.0, 11.0],
        }
    )
    out = rec.protect(frame, rows="district")
    # Dorp (5) is secret; the line Dorp+Meerzicht+Noordhove=57 then hides Meerzicht (12) as well
    assert out["status"].tolist()[:3] == [SECRET, COMPLEMENTARY, PUBLIC]
    assert out["value"].tolist()[2] == 40
    assert out["status"].tolist()[3:] == [SECRET, SECRET, PUBLIC]  # ages of hidden instroom are hidden


def test_shares_and_costs_per_youth_follow_the_rounded_counts():
    # exact: 18 of 41 youths = 43,9%; published 20 of 40 = 50,0%, so the share does not give 18 and 41 away
    frame = pd.DataFrame(
        {
            "series": [
                "jeugdhulp_3jaar_aantal",
                "jeugdhulp_jeugdigen",
                "jeugdhulp_3jaar_aandeel",
                "jeugdhulp_kosten",
                "jeugdhulp_kosten_per_jeugdige",
            ],
            "year": [2018] * 5,
            "district": ["Dorp"] * 5,
            "value": [18.0, 41.0, 18 / 41 * 100, 82000.0, 2000.0],
        }
    )
    out = rec.protect(frame, rows="district").set_index("series")["value"]
    assert out["jeugdhulp_3jaar_aantal"] == 20 and out["jeugdhulp_jeugdigen"] == 40
    assert out["jeugdhulp_3jaar_aandeel"] == 50.0
    assert out["jeugdhulp_kosten"] == 82000.0 and out["jeugdhulp_kosten_per_jeugdige"] == 2050.0


def test_no_secret_cell_is_derivable_when_the_totals_are_published_elsewhere():
    # small counts, so many totals are 7 or less: they stay published (the municipal figures) and count as known
    for table in random_tables(11, largest_side=4, largest_count=11):
        values, status = rec.suppress_table(table, rule=rec.Disclosure(base=1), known_margins=True)
        assert (status.loc["Totaal"] == PUBLIC).all() and (status["Totaal"] == PUBLIC).all()
        # a structural zero is the one exception: a published total of 0 makes every cell of its line 0
        leaks = [(r, c) for r, c in derivable(values, status) if table.loc[r].sum() and table[c].sum()]
        assert leaks == [], table


def test_a_known_small_total_makes_its_one_secret_cell_need_a_partner():
    # Dorp 3 and Meerzicht 40 with a published municipal total of 43: hiding Dorp alone is useless
    table = pd.DataFrame({"instroom": [3, 40, 25]}, index=["Dorp", "Meerzicht", "Noordhove"])
    values, status = rec.suppress_table(table, rule=rec.Disclosure(base=1), known_margins=True)
    assert status.loc["Dorp", "instroom"] == SECRET and status.loc["Noordhove", "instroom"] == COMPLEMENTARY
    assert values.loc["Totaal", "instroom"] == 68 and derivable(values, status) == {}


def test_mean_ages_are_rounded_so_they_do_not_give_the_count_away():
    # 41 youths with ages summing to 387: exact mean 9,439..., and 387 / n is not whole for any other n near 40
    frame = pd.DataFrame(
        {
            "series": ["jeugdhulp_instroom", "jeugdhulp_leeftijd_instroom"],
            "year": [2017, 2017],
            "district": ["Dorp", "Dorp"],
            "value": [41.0, 387 / 41],
        }
    )
    out = rec.protect(frame, rows="district").set_index("series")["value"]
    assert out["jeugdhulp_instroom"] == 40 and out["jeugdhulp_leeftijd_instroom"] == 9.4
    # every n the rounded count allows (38-42) fits some whole sum of ages with that published mean
    fits = [n for n in range(38, 43) if any(round(total / n, 1) == 9.4 for total in range(300, 450))]
    assert fits == [38, 39, 40, 41, 42]


@pytest.mark.slow
def test_a_district_breakdown_from_the_engine_publishes_only_protected_figures(tmp_path):
    path = rec.generate(youths=600, seed=3, out=tmp_path / "wijk_synthetic.parquet")
    exact = rec.indicators(path, by=["district"], disclosure=False)
    shown = rec.indicators(path, by=["district"])
    keys = ["series", "year", "district"]
    both = shown.merge(exact[[*keys, "value"]], on=keys, suffixes=("", "_exact"))
    counts = both[
        both["series"].isin(
            ["jeugdhulp_jeugdigen", "jeugdhulp_instroom", "jeugdhulp_uitstroom", "jeugdhulp_3jaar_aantal"]
        )
    ]
    public = counts[counts["status"] == PUBLIC]
    noise = rec.Disclosure().noise  # the rule applies to the perturbed count, within `noise` of the truth
    assert (public["value_exact"] > 7 - noise).all() and (public["value"] % 5 == 0).all()
    assert ((public["value"] - public["value_exact"]).abs() <= 2.5 + noise).all()
    assert counts["value"].isna().sum() == (counts["status"] != PUBLIC).sum() > 0  # 600 youths: small cells
    ages = both[both["series"] == "jeugdhulp_leeftijd_instroom"].dropna(subset=["value"])
    assert (ages["value"] == ages["value"].round(1)).all() and (ages["value"] != ages["value_exact"]).any()
    wide = shown.pivot_table(index=["year", "district"], columns="series", values="value")
    share = (wide["jeugdhulp_3jaar_aantal"] / wide["jeugdhulp_jeugdigen"] * 100).dropna()
    assert share.to_numpy() == pytest.approx(wide.loc[share.index, "jeugdhulp_3jaar_aandeel"].to_numpy())
