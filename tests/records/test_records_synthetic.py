"""The synthetic extract generator and its command line."""

from pathlib import Path

import pyarrow.parquet as pq
import pytest

import sdlib
import sdlib.records as rec
from sdlib.records.cli import main


def test_generator_is_deterministic_and_labelled(tmp_path):
    a = rec.generate(youths=500, seed=7, out=tmp_path / "a_synthetic.parquet")
    b = rec.generate(youths=500, seed=7, out=tmp_path / "b_synthetic.parquet")
    assert pq.read_table(a).equals(pq.read_table(b))
    assert b'"synthetic": true' in pq.read_schema(a).metadata[b"sdlib.records"]
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
    assert "verwacht 1 of meer" in capsys.readouterr().err


# The figures the generator followed when they were constants in sdlib/records/synthetic.py (2e Rapportage
# Sociaal Domein 2019, tabel 1, 2, 4, 6 and 7); they are now read from data/series/, vintage rsd2019_2.
BEFORE = {
    "instroom": [3795, 1816, 1339, 1151, 627],
    "doorstroom": {2016: 2545, 2017: 3058, 2018: 3101, 2019: 2756},
    "entry_age": [11.1, 10.2, 9.4, 9.3, 9.4],
    "per_type": {
        2015: (3587, 446, 438, 164),
        2016: (4156, 485, 242, 71),
        2017: (4243, 517, 411, 120),
        2018: (4188, 435, 412, 135),
        2019: (3309, 347, 340, 82),
    },
    "costs": {
        2015: (15481766, 8451558, 2281855, 665491),
        2016: (17309429, 7709949, 967329, 278109),
        2017: (20449326, 8345573, 2264028, 424607),
        2018: (23307274, 8258443, 2390462, 571151),
        2019: (15484508, 4586522, 1318357, 249722),
    },
}


def test_the_calibration_is_read_from_the_published_series():
    from sdlib.records.synthetic import SOURCE, calibration

    cal = calibration()
    assert SOURCE == "rsd2019_2" and cal.title == "2e Rapportage Sociaal Domein 2019"
    assert cal.years == [2015, 2016, 2017, 2018, 2019]
    assert [d.isoformat() for d in cal.period] == ["2015-01-01", "2019-09-09"]  # peildatum of tabel 1
    for field, value in BEFORE.items():
        assert getattr(cal, field) == value, field
    assert cal.youths == 8728 == rec.synthetic.MUNICIPAL_YOUTHS


def test_the_output_is_byte_for_byte_the_same_as_with_the_figures_in_code(tmp_path):
    # sha256 of the file the generator wrote when the figures were constants in the code (same seed and size);
    # a new pyarrow CSV writer could change it: then regenerate it with the code of that commit
    import hashlib

    path = rec.generate(youths=300, seed=1, out=tmp_path / "golden_synthetic.csv")
    assert hashlib.sha256(path.read_bytes()).hexdigest() == (
        "20db45df2a4cb7d2520c6a65f19161dfab404a45f0cbfee9d2aacc838e08af84"
    )


def test_other_figures_give_another_extract(tmp_path, monkeypatch):
    import json
    import shutil

    from sdlib.records.synthetic import calibration

    data = tmp_path / "data"
    shutil.copytree(sdlib.data.paths.data_dir(), data)
    instroom = data / "series" / "jeugdhulp_instroom.csv"
    instroom.write_text(
        instroom.read_text(encoding="utf-8").replace("2016,realisatie,1816", "2016,realisatie,1916"), encoding="utf-8"
    )
    monkeypatch.setenv("SDLIB_DATA_DIR", str(data))
    assert calibration().instroom[1] == 1916 and calibration().youths == 8828
    path = rec.generate(seed=1, out=tmp_path / "other_synthetic.parquet")
    meta = json.loads(pq.read_schema(path).metadata[b"sdlib.records"])
    assert meta["youths"] == 8828 and meta["calibration"].startswith("2e Rapportage Sociaal Domein 2019")


def test_a_missing_calibration_figure_is_named(tmp_path, monkeypatch):
    import shutil

    from sdlib.records.synthetic import calibration

    data = tmp_path / "data"
    shutil.copytree(sdlib.data.paths.data_dir(), data)
    costs = data / "series" / "jeugdhulp_kosten_per_type.csv"
    costs.write_text(
        "".join(
            line
            for line in costs.read_text(encoding="utf-8").splitlines(keepends=True)
            if not line.startswith("2017,jeugdbescherming")
        ),
        encoding="utf-8",
    )
    monkeypatch.setenv("SDLIB_DATA_DIR", str(data))
    with pytest.raises(ValueError, match=r"jeugdhulp_kosten_per_type 2017 \(jeugdbescherming\) van bron rsd2019_2"):
        calibration()


# sha256 of the files the one-pass generator wrote before the streaming writer (issue 13), recorded from the code
# of commit 952a27f with pyarrow 26.0.1; the Parquet ones name the pyarrow version in their footer (created_by),
# so a new pyarrow changes them: then regenerate them with the code of that commit
BEFORE_STREAMING = {
    (2000, "csv"): "a93edaa00656fe8c297264a8604cb547d7a521ee297ef77022b19c1a08428927",
    (8728, "csv"): "234e819ff9f206079e08a12f6cc9cf81edbd724f6b517031dd1ff861708974fa",
    (2000, "parquet"): "61cb079da236ebd419d6a2d65e02516f15f59bf88b9c222471237ae56f0b983a",
    (8728, "parquet"): "b66840ad11f17b6b40b79b127756b75df9ad0866993b83c1892af963f19e12ef",
}


@pytest.mark.parametrize(("youths", "suffix"), list(BEFORE_STREAMING))
def test_one_pass_sizes_give_the_same_file_as_before_streaming(tmp_path, youths, suffix):
    import hashlib
    import io

    import pyarrow
    import pyarrow.csv as pcsv

    path = rec.generate(youths=youths, seed=1, out=tmp_path / f"same_synthetic.{suffix}")
    if suffix == "parquet":
        # the rows must be those of the CSV of the same size; the file itself only with the pyarrow of the pin
        buf = io.BytesIO()
        pcsv.write_csv(pq.read_table(path).replace_schema_metadata(None), buf)
        assert hashlib.sha256(buf.getvalue()).hexdigest() == BEFORE_STREAMING[youths, "csv"]
        if pyarrow.__version__ != "26.0.1":
            return
    assert hashlib.sha256(path.read_bytes()).hexdigest() == BEFORE_STREAMING[youths, suffix]


def _batched(tmp_path, name, **kw):
    import json

    path = rec.generate(out=tmp_path / f"{name}_synthetic.parquet", **kw)
    return path, pq.read_table(path), json.loads(pq.read_schema(path).metadata[b"sdlib.records"])


def test_batched_ids_are_unique_and_the_file_is_labelled(tmp_path):
    import pyarrow.compute as pc

    path, table, meta = _batched(tmp_path, "batched", youths=3001, seed=5, batch_youths=700)
    assert pq.ParquetFile(path).metadata.num_row_groups == 5  # batches of 601 and 600 youths, one row group each
    assert len(pc.unique(table["client_id"])) == 3001  # every youth has a row, ids go on across batches
    assert pc.min(table["client_id"]).as_py() == "S000000000" and pc.max(table["client_id"]).as_py() == "S000003000"
    assert meta["synthetic"] is True and meta["youths"] == 3001 and meta["seed"] == 5
    assert meta["batch_youths"] == 700 and meta["period"] == ["2015-01-01", "2019-09-09"]
    one_pass = pq.read_table(rec.generate(youths=3001, seed=5, out=tmp_path / "one_synthetic.parquet"))
    assert table.schema.equals(one_pass.schema, check_metadata=False) and not table.equals(one_pass)
    _, again, _ = _batched(tmp_path, "again", youths=3001, seed=5, batch_youths=700)
    assert table.equals(again)  # seeded: same seed, size and batch size give the same extract
    ext = rec.open_extract(path)
    assert ext.synthetic and rec.flows(ext)["source"].str.startswith("synthetic:").all()


def test_batched_extract_follows_the_published_flows(tmp_path):
    path, _, _ = _batched(tmp_path, "flows", seed=3, batch_youths=2000)  # municipal size in 5 batches
    got = rec.flows(rec.open_extract(path))
    for series in ("jeugdhulp_instroom", "jeugdhulp_doorstroom", "jeugdhulp_uitstroom"):
        published = sdlib.load(series).set_index("year")["value"]
        mine = got[got["series"] == series].set_index("year")["value"]
        for year in (2016, 2017, 2018):
            assert mine[year] == pytest.approx(published[year], rel=0.05), (series, year)


def test_batched_csv_and_cli(tmp_path, capsys):
    import pyarrow.csv as pcsv

    out = tmp_path / "cli_batched_synthetic.csv"
    assert main(["generate", "--youths", "900", "--batch-youths", "400", "--seed", "2", "--out", str(out)]) == 0
    assert str(out) in capsys.readouterr().out
    table = pcsv.read_csv(out)
    assert len(set(table["client_id"].to_pylist())) == 900 and table.column_names[0] == "client_id"
    assert not list(tmp_path.glob("*.sdlib-tmp"))


WATERVEEN = Path(__file__).resolve().parents[1] / "fixtures" / "waterveen" / "data"


def test_the_calibration_is_found_in_another_municipalitys_data(monkeypatch):
    # Waterveen (tests/fixtures/waterveen): six districts, 2021-2024, its own publications; the first that has
    # all five calibration series is its Jaarrekening 2024 (the 2023 one has the entry age only)
    from sdlib.records.synthetic import calibration, district_weights

    monkeypatch.setenv("SDLIB_DATA_DIR", str(WATERVEEN))
    assert rec.synthetic.SOURCE == "wv_jaarstukken_2024"
    cal = calibration()
    assert cal.title == "Jaarrekening Waterveen 2024" and cal.years == [2021, 2022, 2023, 2024]
    # no peildatum on the instroom: that of the other figures of the publication (tabel 6 and 7, up to 30 June)
    assert [d.isoformat() for d in cal.period] == ["2021-01-01", "2024-06-30"]
    assert cal.instroom == [610 + 1210, 585, 560, 548]  # the first year: its instroom and its doorstroom
    # herintreders from the identities: 2023 from doorstroom + uitstroom of 2024, 2024 from the jeugdigen
    assert cal.herintreder == {2022: 0, 2023: 1301 + 702 - 560 - 1290, 2024: 1927 - 548 - 1301}
    assert cal.entry_age == [8.4, 8.4, 8.4, 8.2]  # 2023 from the Jaarrekening 2023, earlier years the nearest
    weights = district_weights(rec.districts())
    assert len(weights) == 6 and weights == district_weights(sorted(rec.districts(), reverse=True))[::-1]


def test_a_synthetic_extract_of_another_municipality_runs_every_definition(tmp_path, monkeypatch):
    import json

    monkeypatch.setenv("SDLIB_DATA_DIR", str(WATERVEEN))
    path = rec.generate(youths=1500, seed=4, out=tmp_path / "waterveen_synthetic.parquet")
    meta = json.loads(pq.read_schema(path).metadata[b"sdlib.records"])
    assert meta["period"] == ["2021-01-01", "2024-06-30"] and meta["calibration"].startswith("Jaarrekening Waterveen")
    ext = rec.open_extract(path)
    assert ext.synthetic and ext.years == [2021, 2022, 2023, 2024]
    flows = rec.flows(ext)
    instroom = flows[flows["series"] == "jeugdhulp_instroom"].set_index("year")["value"]
    assert instroom[2022] == pytest.approx(585 * 1500 / 3513, rel=0.1)
    assert rec.three_year(ext)["year"].min() == 2023
    per_district = rec.flows(ext, by=["district"])
    assert set(per_district["district"]) == {"Centrum", "Haven", "Noord", "Oost", "Polder", "Zuid"}
    assert (per_district.groupby("district").size() > 0).all() and "status" in per_district
    for frame in (rec.three_year(ext, by=["district"]), rec.costs(ext, by=["district", "care_type"])):
        assert "status" in frame and (frame["status"] == "openbaar").any()
    costs = rec.costs(ext, by=["care_type"])
    shown = costs[(costs["series"] == "jeugdhulp_kosten_per_type") & (costs["status"] == "openbaar")]
    assert len(shown) and (shown["value"] % 1000 == 0).all()  # published costs are rounded to 1.000 euro
