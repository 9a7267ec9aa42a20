"""sdlib: figures of the social domain of a Dutch municipality, with their definitions, sources and targets.

Quick start::

    import sdlib
    sdlib.catalog()                      # every series and its metadata
    print(sdlib.describe("jeugdhulp_instroom"))
    df = sdlib.load("jeugdhulp_3jaar_aandeel", vintage="all")
    sdlib.toelichtingen("jeugdhulp_3jaar_aandeel")   # the municipality's own explanations, as printed

The package has layers; each may use the ones below it, never the ones above (checked by import-linter in
the tests):

====================  ========================================================================
``sdlib.cli``         the ``sdlib`` command
``sdlib.report``      the report runner: notebooks, parameters, schedules, PDFs (knows no domain)
``sdlib.present``     Dutch formats, "Bron:" lines, charts, tables, glossary, verkenner
``sdlib.records``     the record engine (uses data and calc)
``sdlib.calc``        calculations on tidy frames: verdicts, ratios, indices
``sdlib.data``        paths, catalog, sources, load, validate, adding publications
====================  ========================================================================

The import stays light: pandas, pandera and plotting libraries load only when a function needs them.
"""

from sdlib.data.catalog import catalog, series_breaks, series_ids, series_meta
from sdlib.data.errors import (
    DataValidationError,
    Problem,
    SdlibError,
    UnknownSeriesError,
)
from sdlib.data.load import load, load_many
from sdlib.data.texts import toelichtingen
from sdlib.data.validate import validate_all
from sdlib.present.describe import describe
from sdlib.present.fmt import fmt_eur, fmt_number, fmt_pct, fmt_value
from sdlib.present.provenance import source_text, source_title

__all__ = [
    "catalog",
    "describe",
    "series_ids",
    "series_meta",
    "series_breaks",
    "toelichtingen",
    "load",
    "load_many",
    "validate_all",
    "source_text",
    "source_title",
    "fmt_number",
    "fmt_pct",
    "fmt_eur",
    "fmt_value",
    "DataValidationError",
    "Problem",
    "SdlibError",
    "UnknownSeriesError",
]

__version__ = "0.1.0"


def __getattr__(name):
    # subpackages with heavy dependencies load on first use: sdlib.records, sdlib.report
    if name in {"records", "report"}:
        import importlib

        return importlib.import_module(f"sdlib.{name}")
    raise AttributeError(f"module 'sdlib' has no attribute {name!r}")
