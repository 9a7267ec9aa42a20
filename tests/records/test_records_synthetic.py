"""The synthetic extract generator and its command line."""

import pyarrow.parquet as pq
import pytest

import sdlib
import sdlib.records as rec
from sdlib.records.cli import main


def test_generator_is_deterministic_and_labelled(tmp_path):
    a = rec.generate(youths=500, seed=7, out=tmp_path / "a_synthetic.parquet")
    b = rec.generate(youths=500, seed=7, out=tmp_path / "b_synthetic.parquet")
    assert pq.read_table(a).equals(pq.read_table(b))
    assert b"\"synthetic\": true" in pq.read_schema(a).metadata[b"sdlib.records"]
    ext = rec.open_extract(a)
    assert ext.synthetic and rec.flows(ext).attrs["synthetic"]
    assert rec.flows(ext)["source"].str.startswith("synthetic:").all()


def test_calibrated_on_the_published_flows(tmp_path):
    ext = rec.open_extract(rec.generate(seed=3, out=tmp_path / "muni_synthetic.parquet"))
    got = rec.flows(ext)
    for series in ("jeugdhulp_instroom", "jeugdhulp_doorstroom", "jeugdhulp_uitstroom"):
        published = sdlib.load(series).set_index("year")["value"]
        mine = got[got["series"] == series].set_index("year")["value"]
        for year in (2016, 2017, 2018):
            assert mine[year] == pytest.approx(published[year], rel=0.05), (series, year)


def test_bad_arguments(tmp_path):
    with pytest.raises(ValueError, match="synthetic"):
        rec.generate(youths=10, out=tmp_path / "real.parquet")
    with pytest.raises(ValueError, match="youths or rows"):
        rec.generate(youths=10, rows=10)
    with pytest.raises(ValueError, match="youths"):
        rec.generate(youths=0)


def test_cli(tmp_path, capsys):
    out = tmp_path / "cli_synthetic.csv"
    assert main(["generate", "--youths", "200", "--seed", "2", "--out", str(out)]) == 0
    assert out.exists() and str(out) in capsys.readouterr().out
    assert main(["generate", "--youths", "20", "--out", str(tmp_path / "x.csv")]) == 2
    assert "synthetic" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["generate", "--rows", "-1"])
    assert "expected 1 or more" in capsys.readouterr().err
