"""The DuckDB paths of the per-youth histograms agree with the plain per-breakdown grouping (issue 13).

Paths: the groups per youth, district and care type stored in a temporary table (up to ``STORE_ROWS``
records), and the plain grouping of the records per youth and breakdown (above ``STORE_ROWS``, and on Spark).
Youths who move between districts take a path of their own.
"""

import dataclasses

import pandas as pd
import pytest
from records_helpers import FIXTURES, PERIOD

import sdlib.records as rec
from sdlib.records import definitions

BREAKDOWNS = [(), ("care_type",), ("district",), ("district", "care_type")]


class _Plain:
    """A DuckDB runner without temporary tables: the definitions group the records per breakdown."""

    dialect = "duckdb"

    def __init__(self, runner):
        self.runner = runner

    def execute(self, expr):
        return self.runner.execute(expr)


def _movers_csv(tmp_path):
    """tiny.csv with A and G moving to another district in 2017, and a youth in two districts at once."""
    text = (FIXTURES / "tiny.csv").read_text()
    text = text.replace("2017-01-01,2017-06-30,181,Dorp", "2017-01-01,2017-06-30,181,Meerzicht")
    text = text.replace("2017-05-01,2017-12-31,245,Palenstein", "2017-05-01,2017-12-31,245,Dorp")
    text += ("I,2009-02-02,jeugdhulp zonder verblijf,2016-01-01,2016-12-31,366,Dorp\n"
             "I,2009-02-02,jeugdhulp zonder verblijf,2016-06-01,2017-02-28,273,Meerzicht\n"
             "I,2009-02-02,jeugdbescherming,2018-01-01,,365,Dorp\n")
    path = tmp_path / "movers.csv"
    path.write_text(text)
    return path


def _histograms(path, how, monkeypatch):
    ext = rec.open_extract(path, period=PERIOD)
    if how == "plain":
        ext = dataclasses.replace(ext, runner=_Plain(ext.runner), results={})
        return {by: definitions._histogram(ext, list(by)) for by in BREAKDOWNS}
    monkeypatch.setattr(definitions, "STORE_ROWS", 0 if how == "large" else 10**9)
    return {by: definitions._histogram(ext, list(by)) for by in BREAKDOWNS}


def _same(a, b, by):
    keys = [*by, "mask", "mask6"]
    a = a.sort_values(keys, na_position="first").reset_index(drop=True)
    b = b.sort_values(keys, na_position="first").reset_index(drop=True)[list(a.columns)]
    pd.testing.assert_frame_equal(a.astype({"n": "int64"}), b.astype({"n": "int64"}), check_dtype=False)


@pytest.mark.parametrize("how", ["stored", "large"])
@pytest.mark.parametrize("movers", [False, True])
def test_paths_agree_with_the_plain_grouping(tmp_path, monkeypatch, how, movers):
    path = _movers_csv(tmp_path) if movers else FIXTURES / "tiny.csv"
    plain = _histograms(path, "plain", monkeypatch)
    fast = _histograms(path, how, monkeypatch)
    for by in BREAKDOWNS:
        _same(plain[by], fast[by], by)


def test_movers_count_in_each_district(tmp_path):
    frame = rec.flows(rec.open_extract(_movers_csv(tmp_path), period=PERIOD), by=["district"], disclosure=False)
    part = frame[(frame["series"] == "jeugdhulp_jeugdigen") & (frame["year"] == 2017)]
    got = dict(zip(part["district"], part["value"]))
    # 2017: A moved from Dorp to Meerzicht (with B and I, there until February); G from Palenstein to Dorp (with D)
    assert got["Meerzicht"] == 3 and got["Dorp"] == 2 and got["Palenstein"] == 0


def test_six_months_before_matches_duckdb_interval():
    import duckdb

    # every reference date of four years, leap years and month ends included
    query = ("SELECT s::DATE AS seen, (SELECT max(d)::DATE FROM (SELECT unnest(range(s::DATE - 400, s::DATE + 1, "
             "INTERVAL 1 DAY))::DATE AS d) WHERE d + INTERVAL 6 MONTH <= s) AS gone "
             "FROM (SELECT unnest(range(DATE '2018-01-01', DATE '2022-01-01', INTERVAL 1 DAY)) AS s)")
    for seen, gone in duckdb.execute(query).fetchall():
        assert definitions._six_months_before(seen) == gone, seen


def test_uitstroom_6m_with_a_reference_date_in_spring(tmp_path):
    # J's care ended 2017-09-30: six months later (2018-03-30) is after the reference date 2018-03-15, so J is
    # no known uitstroom_6m of 2018 (A, D and F are: they ended in the first half of 2017), but is uitstroom
    path = tmp_path / "spring.csv"
    path.write_text((FIXTURES / "tiny.csv").read_text()
                    + "J,2010-01-01,jeugdhulp zonder verblijf,2017-09-01,2017-09-30,30,Dorp\n")
    period = ("2015-01-01", "2018-03-15")
    ext = rec.open_extract(path, period=period)
    slow = dataclasses.replace(rec.open_extract(path, period=period), results={})
    slow = dataclasses.replace(slow, runner=_Plain(slow.runner))
    for by in BREAKDOWNS:
        _same(definitions._histogram(slow, list(by)), definitions._histogram(ext, list(by)), by)
    flows = rec.flows(ext, disclosure=False)
    got = {s: dict(zip(part["year"], part["value"])) for s, part in flows.groupby("series")}
    assert got["jeugdhulp_uitstroom"][2018] == 4
    assert got["jeugdhulp_uitstroom_6m"][2018] == 3
