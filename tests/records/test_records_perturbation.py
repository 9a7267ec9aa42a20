"""Perturbation of a release (issue: comparing two protected releases gives away one youth).

The noise of every breakdown cell is keyed on the records of its year (:func:`sdlib.records.disclosure.year_keys`):
the same records give the same noise, one youth more or less gives every cell of its years new noise. The attack
itself is in test_differencing_attack.py (slow); these are the properties it rests on, on small extracts.
"""

import numpy as np
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest

import sdlib.records as rec
from sdlib.records import disclosure
from sdlib.records.disclosure import PUBLIC

LEVELS = [("care_type",), ("district",), ("district", "care_type")]


@pytest.fixture(scope="module")
def pair(tmp_path_factory):
    """A small synthetic extract and the same without one youth who had care in 2016 only."""
    folder = tmp_path_factory.mktemp("perturb")
    full = rec.generate(youths=900, seed=5, out=folder / "full_synthetic.parquet")
    table = pq.read_table(full)
    years = table.to_pandas().assign(y=lambda f: f["start_date"].map(lambda d: d.year)).groupby("client_id")["y"]
    youth = next(c for c, ys in years if set(ys) == {2016})
    less = folder / "less_synthetic.parquet"
    pq.write_table(table.filter(pc.not_equal(table["client_id"], youth)), less)
    return full, less


def _cells(path, rule=None):
    out = {}
    for by in LEVELS:
        frame = rec.indicators(path, by=list(by), disclosure=rule)
        for row in frame.itertuples(index=False):
            key = (row.series, row.year, getattr(row, "district", "*"), getattr(row, "care_type", "*"))
            out[key] = (row.value, row.status)
    return out


def _same(a, b):
    return a[1] == b[1] and (a[0] == b[0] or (np.isnan(a[0]) and np.isnan(b[0])))


def test_the_same_records_give_the_same_release(pair):
    full, _ = pair
    a, b = _cells(full), _cells(rec.open_extract(full))  # opened anew: nothing cached
    assert a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)


def test_another_key_gives_other_noise(pair, monkeypatch):
    full, _ = pair
    one = _cells(full, rec.Disclosure(key="gemeente-a"))
    two = _cells(full, rec.Disclosure(key="gemeente-b"))
    changed = sum(not _same(one[k], two[k]) for k in one)
    assert changed > len(one) // 4
    monkeypatch.setenv("SDLIB_DISCLOSURE_KEY", "gemeente-a")
    assert all(_same(one[k], v) for k, v in _cells(full).items())  # the setting from the environment


def test_one_youth_less_gives_new_noise_in_every_district_of_its_years_only(pair):
    full, less = pair
    a, b = _cells(full), _cells(less)
    changed = [k for k in a if not _same(a[k], b.get(k, (np.nan, "")))]
    assert {k[1] for k in changed} <= {2016, 2017, 2018}  # 2016 and the years whose flows look back at it
    assert not [k for k in changed if k[1] == 2015]  # a year without the youth keeps its noise
    districts = {k[2] for k in changed if k[2] != "*"}
    assert len(districts) == len(rec.districts())  # not only the youth's own district


def test_without_perturbation_only_the_youths_own_cells_change(pair):
    # what the attack exploits: rounding and suppression alone leave every other district as it was
    full, less = pair
    rule = rec.Disclosure(noise=0, cost_base=1)
    a, b = _cells(full, rule), _cells(less, rule)
    changed = {k: (a[k], b.get(k)) for k in a if not _same(a[k], b.get(k, (np.nan, ""))) and k[2] != "*"}
    assert len({k[2] for k in changed}) == 1, changed  # the cells themselves when it fails: what moved, and how


def test_counts_stay_within_the_range_and_costs_are_rounded(pair):
    full, _ = pair
    for by in LEVELS:
        shown = rec.indicators(full, by=list(by))
        exact = rec.indicators(full, by=list(by), disclosure=False)
        keys = ["series", "year", *by]
        both = shown.merge(exact[[*keys, "value"]], on=keys, suffixes=("", "_exact"))
        public = both[both["status"] == PUBLIC]
        counts = public[public["series"].str.removesuffix("_per_type").isin(disclosure.COUNT_SERIES)]
        assert ((counts["value"] - counts["value_exact"]).abs() <= 2 + disclosure.NOISE).all()
        assert (counts["value"] % 5 == 0).all()
        costs = public[public["series"].isin(disclosure.COST_SERIES)]
        assert len(costs) and (costs["value"] % 1000 == 0).all()
        assert (costs["value"] != costs["value_exact"].round(-3)).any()  # perturbed, not only rounded
        hidden = both[both["status"] != PUBLIC]
        assert hidden["value"].isna().all()
    totals = rec.indicators(full)
    assert "status" not in totals and (totals["value"] % 1 != 0).any()  # the municipal totals stay exact


def test_the_noise_table_is_zero_mean_and_keeps_small_counts_apart_from_zero():
    for n in range(12):
        values, cdf = disclosure._counts_noise_table(4, n)
        p = np.diff(np.r_[0.0, cdf])
        assert abs((p * values).sum()) < 1e-12 and (n + values >= 0).all()
        assert values.max() == min(4, n)
    assert disclosure.noise_sd(4) == pytest.approx(2.0)
    assert disclosure.noise_sd(0) == 0


def test_settings_are_checked_and_the_key_is_never_shown():
    with pytest.raises(ValueError, match="noise"):
        rec.Disclosure(noise=-1)
    with pytest.raises(ValueError, match="cost_base"):
        rec.Disclosure(cost_base=0)
    assert "geheim-123" not in repr(rec.Disclosure(key="geheim-123"))


def test_the_texts_for_the_report_say_what_was_measured():
    text = disclosure.protection_text()
    assert "verstoring van hooguit 4" in text and "afgerond op 1.000 euro" in text
    assert "80 van de 80" in text and "12 keer" in text and "gemiddeld 1,9" in text
    assert "niet verstoord: wie twee publicaties" in disclosure.protection_text(rec.Disclosure(noise=0))
    assert (
        rec.Disclosure()
        .explain()
        .startswith(
            "Aantallen van 0 tot en met 7 zijn geheim (.); de overige aantallen zijn afgerond op een veelvoud van 5"
        )
    )
    assert "verstoring van hooguit 4" in rec.Disclosure().explain()
