"""The polars implementation of the benchmark gives the engine's exact figures (skipped without polars)."""

import importlib.util
from pathlib import Path

import pytest

pytest.importorskip("polars")

import sdlib.records as rec

pytestmark = pytest.mark.slow  # generates an extract and runs every breakdown on two engines

BENCH = Path(__file__).resolve().parents[2] / "benchmarks" / "records.py"


def _bench():
    spec = importlib.util.spec_from_file_location("records_bench", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("by", [[], ["care_type"], ["district"]])
def test_polars_matches_the_engine(tmp_path_factory, by):
    path = tmp_path_factory.getbasetemp() / "bench_synthetic.parquet"
    if not path.exists():
        rec.generate(youths=20_000, seed=3, out=path)
    keys = ["series", "year", *by]
    engine = rec.indicators(path, by=by, disclosure=False)
    engine = engine.assign(series=engine["series"].str.removesuffix("_per_type"))[[*keys, "value"]]
    fast = _bench().polars_definitions(str(path), by)
    both = engine.merge(fast, on=keys, how="outer", suffixes=("_engine", "_polars"), indicator=True)
    assert (both["_merge"] == "both").all(), both[both["_merge"] != "both"]
    assert len(both) == len(engine) == len(fast)
    assert set(engine["series"]) >= {
        "jeugdhulp_uitstroom_6m",
        "jeugdhulp_3jaar_aandeel",
        "jeugdhulp_kosten",
        "jeugdhulp_leeftijd_uitstroom",
        "jeugdhulp_herintreder",
    }
    assert both["value_polars"].to_numpy() == pytest.approx(both["value_engine"].to_numpy(), rel=1e-9)
