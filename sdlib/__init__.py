"""sdlib: figures of the social domain of Zoetermeer, with their definitions, sources and targets.

Quick start::

    import sdlib
    sdlib.catalog()                      # every series and its metadata
    print(sdlib.describe("jeugdhulp_instroom"))
    df = sdlib.load("jeugdhulp_3jaar_aandeel", vintage="all")

The import stays light: pandas, pandera and plotting libraries load only when a function needs them.
"""

from .catalog import catalog, describe, series_ids, series_meta
from .errors import DataValidationError, Problem, SdlibError, UnknownSeriesError
from .fmt import fmt_eur, fmt_number, fmt_pct, fmt_value
from .load import load, load_many
from .provenance import source_text, source_title
from .validate import validate_all

__all__ = [
    "catalog",
    "describe",
    "series_ids",
    "series_meta",
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
    # submodules with heavy dependencies load on first use: sdlib.records, sdlib.plot, sdlib.report
    if name in {"records", "plot", "report"}:
        import importlib

        return importlib.import_module(f".{name}", __name__)
    raise AttributeError(f"module 'sdlib' has no attribute {name!r}")
