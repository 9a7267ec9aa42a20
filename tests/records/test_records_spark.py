"""The same definitions on Spark local mode give the DuckDB figures (skipped without pyspark)."""

import warnings

import pytest
from records_helpers import FIXTURES, PERIOD

pytest.importorskip("pyspark")

import sdlib.records as rec

pytestmark = pytest.mark.slow  # starts Spark

KEYS = ["series", "year", "care_type"]


@pytest.fixture(scope="module")
def spark():
    from pyspark.sql import SparkSession

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        session = (
            SparkSession.builder.master("local[2]")
            .appName("sdlib-records-test")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.session.timeZone", "UTC")
            .getOrCreate()
        )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def _compare(duck, spark_frame):
    both = duck.merge(spark_frame, on=KEYS, suffixes=("_duck", "_spark"))
    assert len(both) == len(duck) == len(spark_frame)
    assert both["value_duck"].to_numpy() == pytest.approx(both["value_spark"].to_numpy(), rel=1e-9)


def test_tiny_extract_on_spark(spark):
    duck = rec.indicators(rec.open_extract(FIXTURES / "tiny.csv", period=PERIOD), by=["care_type"], disclosure=False)
    _compare(
        duck,
        rec.indicators(
            rec.open_extract(FIXTURES / "tiny.csv", period=PERIOD, spark=spark), by=["care_type"], disclosure=False
        ),
    )


def test_synthetic_extract_on_spark(spark, tmp_path):
    path = rec.generate(youths=1500, seed=5, out=tmp_path / "spark_synthetic.parquet")
    _compare(
        rec.indicators(path, by=["care_type"], disclosure=False),
        rec.indicators(rec.open_extract(path, spark=spark), by=["care_type"], disclosure=False),
    )


def test_million_rows_on_spark(spark, tmp_path):
    """Spark and DuckDB agree within 1e-9 relative on a 1M-row synthetic extract, every breakdown."""
    path = rec.generate(rows=1_000_000, seed=7, out=tmp_path / "spark_synthetic_1m.parquet")
    duck, on_spark = rec.open_extract(path), rec.open_extract(path, spark=spark)
    for by in ([], ["care_type"], ["district"]):
        keys = ["series", "year", *by]
        a = rec.indicators(duck, by=by, disclosure=False)
        b = rec.indicators(on_spark, by=by, disclosure=False)
        both = a.merge(b, on=keys, suffixes=("_duck", "_spark"))
        assert len(both) == len(a) == len(b)
        assert both["value_duck"].to_numpy() == pytest.approx(both["value_spark"].to_numpy(), rel=1e-9)


def test_url_path_skips_the_local_file_check(spark, tmp_path):
    """A path with a scheme (s3a://, hdfs://, file://) goes to Spark as is: no local is_file check."""
    path = rec.generate(youths=300, seed=2, out=tmp_path / "url_synthetic.parquet")
    ext = rec.open_extract(f"file://{path}", spark=spark, period=rec.open_extract(path).period)
    assert ext.name == path.name and ext.synthetic
    _compare(
        rec.indicators(path, by=["care_type"], disclosure=False),
        rec.indicators(ext, by=["care_type"], disclosure=False),
    )
    with pytest.raises(ValueError, match=r"extract.txt: verwacht een .parquet- of .csv-bestand"):
        rec.open_extract("s3a://bucket/extract.txt", spark=spark)


def test_validation_on_spark_names_the_client(spark):
    from sdlib.data.errors import DataValidationError

    with pytest.raises(DataValidationError, match="client_id C"):
        rec.open_extract(FIXTURES / "bad.csv", period=PERIOD, spark=spark)


def test_duplicates_and_overlaps_are_refused_on_spark_naming_the_client(spark, tmp_path):
    from sdlib.data.errors import DataValidationError

    path = tmp_path / "overlap.csv"
    path.write_text(
        "client_id,birth_date,care_type,start_date,end_date,cost_eur,district\n"
        "A,2008-01-01,jeugdbescherming,2016-01-01,2016-06-30,100,Dorp\n"
        "A,2008-01-01,jeugdbescherming,2016-01-01,2016-06-30,100,Dorp\n"
        "B,2009-01-01,jeugdbescherming,2016-01-01,,100,Dorp\n"
        "B,2009-01-01,jeugdhulp zonder verblijf,2016-03-01,2016-04-30,100,Meerzicht\n",
        encoding="utf-8",
    )
    with pytest.raises(DataValidationError) as info:
        rec.open_extract(path, period=PERIOD, spark=spark)
    text = str(info.value)
    assert "exacte kopie van een andere regel (client_id A)" in text and "1 regel is een exacte kopie" in text
    assert "(jeugdhulp zonder verblijf, Meerzicht) overlapt met een periode" in text and "client_id B" in text
