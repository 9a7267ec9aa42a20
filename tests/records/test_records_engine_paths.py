"""The engine agrees with a plain Python count of the definitions, youth by youth (issue 13).

:func:`reference` reads the records row by row and applies the definitions of :mod:`sdlib.records.definitions`
with calendar arithmetic (``date + 6 months`` with the day clamped to the end of the month, as DuckDB and Spark
do it), so it shares no code with the engine's bitmasks, month keys and cost sums. Every path of the engine is
compared with it: the masks in one number or in three (more than 21 years), the set of districts in the masks or
the lowest and highest district (many districts), youths who move between districts, an engine without
temporary tables (as Spark), and a reference date in spring (the six months of uitstroom_6m still running).
"""

import calendar
import dataclasses
import datetime as dt
from collections import defaultdict

import pandas as pd
import pytest
from records_helpers import FIXTURES, PERIOD

import sdlib.records as rec
from sdlib.records import definitions

BREAKDOWNS = [(), ("care_type",), ("district",), ("district", "care_type")]
COUNTS = ["jeugdigen", "instroom", "doorstroom", "herintreder", "uitstroom", "uitstroom_6m", "3jaar_aantal"]


def _plus_six_months(day):
    month = day.month + 6
    year = day.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _age(birth, year):
    """Completed years on 1 July of ``year`` (a birthday on 1 July counts)."""
    return year - birth.year - ((birth.month, birth.day) > (7, 1))


def reference(frame, period, by):
    """Every definition per year and group, from the rows of ``frame`` one by one: {(series, year, *group): value}."""
    first, last = (dt.date.fromisoformat(d) for d in period)
    years = list(range(first.year, last.year + 1))
    groups = defaultdict(list)
    for row in frame.itertuples(index=False):
        groups[(row.client_id, *(getattr(row, b) for b in by))].append(row)
    out = defaultdict(float)
    ages = defaultdict(list)
    for key, rows in groups.items():
        group = key[1:]
        spans = [(r.start_date, r.end_date if r.end_date is not None else last) for r in rows]
        care = {y for y in years if any(s <= dt.date(y, 12, 31) and e >= dt.date(y, 1, 1) for s, e in spans)}
        birth = min(r.birth_date for r in rows)
        for k, y in enumerate(years):
            now, before = y in care, y - 1 in care
            earlier = any(x in care for x in years[: max(k - 1, 0)])
            flags = {"jeugdigen": now, "instroom": now and not any(x in care for x in years[:k])}
            if k >= 1:
                flags |= {
                    "doorstroom": now and before,
                    "herintreder": now and not before and earlier,
                    "uitstroom": before and not now,
                }
                if before:  # uitstroom_6m: the care of y-1 ended in y-1, no new start within six months
                    end = max(e for s, e in spans if s <= dt.date(y - 1, 12, 31) and e >= dt.date(y - 1, 1, 1))
                    after = [s for s, _ in spans if s > end]
                    flags["uitstroom_6m"] = end <= dt.date(y - 1, 12, 31) and (
                        min(after) > _plus_six_months(end) if after else _plus_six_months(end) <= last
                    )
            if k >= 2:
                flags["3jaar_aantal"] = now and before and y - 2 in care
            for name, on in flags.items():
                out[(name, y, *group)] += bool(on)
            if flags["instroom"]:
                ages[("leeftijd_instroom", y, *group)].append(_age(birth, y))
            if flags.get("uitstroom"):
                ages[("leeftijd_uitstroom", y, *group)].append(_age(birth, y - 1))
        for r, (s, e) in zip(rows, spans):
            days = (e - s).days + 1
            for y in years:
                inside = (min(e, dt.date(y, 12, 31)) - max(s, dt.date(y, 1, 1))).days + 1
                if inside > 0:
                    out[("kosten", y, *group)] += r.cost_eur * inside / days
    out.update({name: sum(v) / len(v) for name, v in ages.items()})
    return dict(out)


def engine(ext, by):
    frame = rec.indicators(ext, by=list(by), disclosure=False)
    return {
        (s.removeprefix("jeugdhulp_").removesuffix("_per_type"), int(y), *g): v
        for s, y, g, v in zip(
            frame["series"], frame["year"], zip(*[frame[b] for b in by]) if by else [()] * len(frame), frame["value"]
        )
    }


def _rows(path):
    frame = pd.read_csv(path, dtype=str, keep_default_na=False) if str(path).endswith(".csv") else pd.read_parquet(path)
    for col in ("birth_date", "start_date", "end_date"):
        frame[col] = [
            dt.date.fromisoformat(str(v)[:10]) if v not in ("", None) and not pd.isna(v) else None for v in frame[col]
        ]
    frame["cost_eur"] = frame["cost_eur"].astype(float)
    return frame


def assert_agrees(path, period, ext=None):
    # validate=False: the engine paths are also checked on what validation refuses (a youth in two districts at once)
    ext = ext or rec.open_extract(path, period=period, validate=False)
    rows = _rows(path)
    for by in BREAKDOWNS:
        want, got = reference(rows, period, by), engine(ext, by)
        for key, value in want.items():
            if key[0] in COUNTS or key[0] == "kosten":
                assert got.get(key, 0) == pytest.approx(value, rel=1e-9, abs=1e-9), (by, key)
            else:
                assert got[key] == pytest.approx(value, rel=1e-12), (by, key)
        for key, value in got.items():  # and nothing the reference does not have
            if key[0] in COUNTS:
                assert value == want.get(key, 0), (by, key)


def _movers_csv(tmp_path):
    """tiny.csv with A and G moving to another district in 2017, and a youth in two districts at once."""
    text = (FIXTURES / "tiny.csv").read_text()
    text = text.replace("2017-01-01,2017-06-30,181,Dorp", "2017-01-01,2017-06-30,181,Meerzicht")
    text = text.replace("2017-05-01,2017-12-31,245,Palenstein", "2017-05-01,2017-12-31,245,Dorp")
    text += (
        "I,2009-02-02,jeugdhulp zonder verblijf,2016-01-01,2016-12-31,366,Dorp\n"
        "I,2009-02-02,jeugdhulp zonder verblijf,2016-06-01,2017-02-28,273,Meerzicht\n"
        "I,2009-02-02,jeugdbescherming,2018-01-01,,365,Dorp\n"
    )
    path = tmp_path / "movers.csv"
    path.write_text(text)
    return path


def _spring_csv(tmp_path):
    """tiny.csv plus J, whose care ended 2017-09-30: six months later is after a reference date of 2018-03-15."""
    path = tmp_path / "spring.csv"
    path.write_text(
        (FIXTURES / "tiny.csv").read_text() + "J,2010-01-01,jeugdhulp zonder verblijf,2017-09-01,2017-09-30,30,Dorp\n"
    )
    return path


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    """A small synthetic extract, cut at 2018-03-31 (running care beyond it), with some youths moving."""
    import duckdb

    folder = tmp_path_factory.mktemp("paths")
    full = rec.generate(youths=1500, seed=7, out=folder / "paths_synthetic.parquet")
    out = folder / "cut_synthetic.parquet"
    duckdb.sql(f"""COPY (SELECT client_id, birth_date, care_type, start_date,
                 CASE WHEN end_date > DATE '2018-03-31' THEN NULL ELSE end_date END AS end_date, cost_eur,
                 CASE WHEN hash(client_id) % 10 = 0 AND start_date >= DATE '2017-01-01'
                      THEN (CASE WHEN district = 'Dorp' THEN 'Meerzicht' ELSE 'Dorp' END) ELSE district END AS district
               FROM read_parquet('{full}') WHERE start_date <= DATE '2018-03-31') TO '{out}' (FORMAT parquet)""")
    return out


def test_tiny_agrees_with_the_reference():
    assert_agrees(FIXTURES / "tiny.csv", PERIOD)


def test_movers_agree_with_the_reference(tmp_path):
    assert_agrees(_movers_csv(tmp_path), PERIOD)


def test_spring_reference_date_agrees_with_the_reference(tmp_path):
    assert_agrees(_spring_csv(tmp_path), ("2015-01-01", "2018-03-15"))


def test_synthetic_extract_agrees_with_the_reference(synthetic):
    assert_agrees(synthetic, ("2015-01-01", "2018-03-31"))


def test_long_period_keeps_the_masks_apart(tmp_path):
    # 1990-2018: 29 years, so the three year masks no longer fit in one whole number (3 x 29 > 63)
    assert definitions._layout(29)["care"] == ("care", 0)
    assert_agrees(_movers_csv(tmp_path), ("1990-01-01", "2018-12-31"))


def test_many_districts_use_lowest_and_highest(tmp_path, monkeypatch):
    # with more districts than fit beside the masks, the youths are grouped with their lowest and highest district
    monkeypatch.setattr(
        definitions,
        "_layout",
        lambda n, districts=0: {m: (m, 0) for m in ["care", "cont", "starts", *(["districts"] if districts else [])]},
    )
    assert_agrees(_movers_csv(tmp_path), PERIOD)


def test_without_temporary_tables(tmp_path):
    """An engine that cannot store tables (Spark) computes the movers from expressions."""

    class Plain:
        dialect = "duckdb"

        def __init__(self, runner):
            self.execute = runner.execute

    path = _movers_csv(tmp_path)
    ext = rec.open_extract(path, period=PERIOD, validate=False)
    assert_agrees(path, PERIOD, dataclasses.replace(ext, runner=Plain(ext.runner), results={}))


def test_six_months_to_the_day(tmp_path):
    """Back exactly six months after the end is no uitstroom_6m; one day later is (gaps of 181 to 185 days)."""
    back = {  # youth: (end of care in 2016, new start in 2017, uitstroom_6m of 2017)
        "K": ("2016-08-31", "2017-02-28", False),  # 181 days: 31 August + six months is 28 February
        "L": ("2016-08-31", "2017-03-01", True),  # 182 days
        "M": ("2016-07-31", "2017-01-31", False),  # 184 days, exactly six months
        "N": ("2016-07-31", "2017-02-01", True),  # 185 days
        "O": ("2016-08-30", "2017-02-28", False),  # 182 days, exactly six months (clamped to 28 February)
        "R": ("2016-10-31", "2017-04-30", False),  # 181 days, exactly six months
        "S": ("2016-10-31", "2017-05-01", True),  # 182 days
    }
    path = tmp_path / "edge.csv"
    path.write_text(
        "client_id,birth_date,care_type,start_date,end_date,cost_eur,district\n"
        + "".join(
            f"{k},2010-01-01,jeugdhulp zonder verblijf,2016-01-01,{end},10,Dorp\n"
            f"{k},2010-01-01,jeugdhulp zonder verblijf,{start},2017-06-30,10,Dorp\n"
            for k, (end, start, _) in back.items()
        )
    )
    gone = sum(g for _, _, g in back.values())
    assert reference(_rows(path), PERIOD, ())[("uitstroom_6m", 2017)] == gone == 3
    assert engine(rec.open_extract(path, period=PERIOD), ())[("uitstroom_6m", 2017)] == gone
    for k, (_end, _start, g) in back.items():  # youth by youth
        one = tmp_path / f"edge_{k}.csv"
        one.write_text(
            "\n".join(line for line in path.read_text().splitlines() if line.startswith(("client_id", f"{k},"))) + "\n"
        )
        assert engine(rec.open_extract(one, period=PERIOD), ()).get(("uitstroom_6m", 2017), 0) == g, k


def test_the_reference_can_fail():
    with pytest.raises(AssertionError):  # the engine on another period than the reference
        assert_agrees(
            FIXTURES / "tiny.csv", ("2015-01-01", "2018-06-30"), rec.open_extract(FIXTURES / "tiny.csv", period=PERIOD)
        )


def test_six_months_before_matches_duckdb_interval():
    import duckdb

    # every reference date of four years, leap years and month ends included
    query = (
        "SELECT s::DATE AS seen, (SELECT max(d)::DATE FROM (SELECT unnest(range(s::DATE - 400, s::DATE + 1, "
        "INTERVAL 1 DAY))::DATE AS d) WHERE d + INTERVAL 6 MONTH <= s) AS gone "
        "FROM (SELECT unnest(range(DATE '2018-01-01', DATE '2022-01-01', INTERVAL 1 DAY)) AS s)"
    )
    for seen, gone in duckdb.execute(query).fetchall():
        assert definitions._six_months_before(seen) == gone, seen


def test_movers_count_in_each_district(tmp_path):
    frame = rec.flows(
        rec.open_extract(_movers_csv(tmp_path), period=PERIOD, validate=False), by=["district"], disclosure=False
    )
    part = frame[(frame["series"] == "jeugdhulp_jeugdigen") & (frame["year"] == 2017)]
    got = dict(zip(part["district"], part["value"]))
    # 2017: A moved from Dorp to Meerzicht (with B and I, there until February); G from Palenstein to Dorp (with D)
    assert got["Meerzicht"] == 3 and got["Dorp"] == 2 and got["Palenstein"] == 0


def test_uitstroom_6m_with_a_reference_date_in_spring(tmp_path):
    # J's care ended 2017-09-30: six months later (2018-03-30) is after the reference date 2018-03-15, so J is
    # no known uitstroom_6m of 2018 (A, D and F are: they ended in the first half of 2017), but is uitstroom
    flows = rec.flows(rec.open_extract(_spring_csv(tmp_path), period=("2015-01-01", "2018-03-15")), disclosure=False)
    got = {s: dict(zip(part["year"], part["value"])) for s, part in flows.groupby("series")}
    assert got["jeugdhulp_uitstroom"][2018] == 4
    assert got["jeugdhulp_uitstroom_6m"][2018] == 3
