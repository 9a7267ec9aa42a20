"""Disclosure control on hand-made tables."""

import math

import pandas as pd
import pytest

import sdlib.records as rec
from sdlib.records.disclosure import COMPLEMENTARY, PUBLIC, SECRET

TABLE = pd.DataFrame({"a": [20, 40], "b": [3, 50], "c": [30, 60]}, index=["x", "y"])


def test_primary_and_complementary_suppression():
    values, status = rec.suppress_table(TABLE)
    # 3 is secret; row x then needs a second cell (20), column b too (50), and column a once more (40)
    assert status.loc["x", "b"] == SECRET
    assert {(r, c) for r in status.index for c in status.columns if status.loc[r, c] == COMPLEMENTARY} == {
        ("x", "a"), ("y", "b"), ("y", "a")}
    assert values.loc["x", "c"] == 30 and values.loc["Totaal", "b"] == 55 and values.loc["x", "Totaal"] == 55
    assert math.isnan(values.loc["x", "b"])


def test_no_line_has_a_single_secret_cell():
    _, status = rec.suppress_table(TABLE)
    hidden = status != PUBLIC
    assert set(hidden.sum(axis=0)) <= {0, 2} and set(hidden.sum(axis=1)) <= {0, 2}


def test_secret_cell_cannot_be_derived_from_published_cells_and_totals():
    # published unrounded: x.c 30, y.c 60, totals x 53, y 150, a 60, b 53. Two different fillings of the four
    # hidden cells agree with all of them, so x.b is not determined.
    for xa, xb, ya, yb in [(20, 3, 40, 50), (21, 2, 39, 51)]:
        assert xa + xb + 30 == 53 and ya + yb + 60 == 150 and xa + ya == 60 and xb + yb == 53


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
    text = rec.render_table(values, status)
    assert text.loc["x", "b"] == "." and text.loc["y", "Totaal"] == "150"
    frame = pd.DataFrame({"value": [1234.0, float("nan")], "status": [PUBLIC, SECRET]})
    assert rec.render(frame) == ["1.234", "."]


def test_protect_tidy_frame_hides_derived_values():
    frame = pd.DataFrame({
        "series": ["jeugdhulp_instroom"] * 3 + ["jeugdhulp_leeftijd_instroom"] * 3,
        "year": [2016] * 6,
        "district": ["Dorp", "Meerzicht", "Noordhove"] * 2,
        "value": [5.0, 12.0, 40.0, 9.5, 10.0, 11.0],
    })
    out = rec.protect(frame, rows="district")
    # Dorp (5) is secret; the line Dorp+Meerzicht+Noordhove=57 then hides Meerzicht (12) as well
    assert out["status"].tolist()[:3] == [SECRET, COMPLEMENTARY, PUBLIC]
    assert out["value"].tolist()[2] == 40
    assert out["status"].tolist()[3:] == [SECRET, SECRET, PUBLIC]  # ages of hidden instroom are hidden
