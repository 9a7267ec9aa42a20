"""The same definitions on Spark local mode give the DuckDB figures (skipped without pyspark)."""

import warnings

import pytest
from records_helpers import FIXTURES, PERIOD

pytest.importorskip("pyspark")

import sdlib.records as rec  # noqa: E402

pytestmark = pytest.mark.slow  # starts Spark

KEYS = ["series", "year", "care_type"]


@pytest.fixture(scope="module")
def spark():
    from pyspark.sql import SparkSession

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        session = (SparkSession.builder.master("local[2]").appName("sdlib-records-test")
                   .config("spark.ui.enabled", "false").config("spark.sql.session.timeZone", "UTC").getOrCreate())
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def _compare(duck, spark_frame):
    both = duck.merge(spark_frame, on=KEYS, suffixes=("_duck", "_spark"))
    assert len(both) == len(duck) == len(spark_frame)
    assert both["value_duck"].to_numpy() == pytest.approx(both["value_spark"].to_numpy(), rel=1e-9)


def test_tiny_extract_on_spark(spark):
    duck = rec.indicators(rec.open_extract(FIXTURES / "tiny.csv", period=PERIOD), by=["care_type"], disclosure=False)
    _compare(duck, rec.indicators(rec.open_extract(FIXTURES / "tiny.csv", period=PERIOD, spark=spark),
                                  by=["care_type"], disclosure=False))


def test_synthetic_extract_on_spark(spark, tmp_path):
    path = rec.generate(youths=1500, seed=5, out=tmp_path / "spark_synthetic.parquet")
    _compare(rec.indicators(path, by=["care_type"], disclosure=False),
             rec.indicators(rec.open_extract(path, spark=spark), by=["care_type"], disclosure=False))


def test_validation_on_spark_names_the_client(spark):
    from sdlib.data.errors import DataValidationError

    with pytest.raises(DataValidationError, match="client_id C"):
        rec.open_extract(FIXTURES / "bad.csv", period=PERIOD, spark=spark)
