"""Record-level youth-care engine: the published definitions computed from declaration records.

Analysts with a record extract (one row per youth per care period, see :mod:`sdlib.records.schema`) compute
the published figures, break them down per care type or district and publish them safely::

    import sdlib.records as rec
    ext = rec.open_extract("extract.parquet")        # read in place with DuckDB, validated on read
    rec.flows(ext)                                  # jeugdigen, instroom, doorstroom, herintreder, uitstroom
    rec.flows(ext, by=["care_type"])                # per care type
    rec.flows(ext, by=["district"])                 # per district, with disclosure control (CBS rule + noise)
    rec.three_year(ext), rec.ages(ext), rec.costs(ext, by=["care_type"])

Every result is a tidy frame shaped like ``sdlib.load_many`` (``series, year, [by...], measure, value, ...``),
so records and published series plot with the same code. Definitions: :mod:`sdlib.records.definitions`;
disclosure control: :mod:`sdlib.records.disclosure`; Spark: ``open_extract(path, spark=session)``.

Real records are confidential: :func:`generate` (or ``python -m sdlib.records generate``) writes a seeded
synthetic extract, calibrated on the municipality's own published figures in ``data/`` (for the municipality in data/ now, the 2e
Rapportage Sociaal Domein 2019), labelled synthetic in its file name, its Parquet metadata and every result. ``benchmarks/records.py`` (``make bench-records``) times the engine.
"""

from sdlib.records.definitions import SERIES, ages, costs, flows, indicators, three_year
from sdlib.records.disclosure import (
    Disclosure,
    determined_cells,
    protect,
    protect_release,
    protection_text,
    suppress_table,
)
from sdlib.records.read import Extract, open_extract
from sdlib.records.schema import CARE_TYPES, COLUMNS, districts
from sdlib.records.synthetic import extract_path, generate, municipal_extract

__all__ = [
    "open_extract",
    "Extract",
    "flows",
    "three_year",
    "ages",
    "costs",
    "indicators",
    "SERIES",
    "Disclosure",
    "protect",
    "suppress_table",
    "determined_cells",
    "protect_release",
    "protection_text",
    "generate",
    "municipal_extract",
    "extract_path",
    "COLUMNS",
    "CARE_TYPES",
    "districts",
]
