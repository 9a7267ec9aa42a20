"""Valid values of the parameters of the record report (``notebooks/reports/jeugdhulp_records.ipynb``).

Named in that notebook's parameters cell, called by the report runner before the report runs::

    jaar: int = 2018  # verslagjaar; keuze uit: sdlib.records.choices.extract_years(extract, peildatum)
    district: str = "alle"  # één stadswijk, of alle; keuze uit: alle | sdlib.records.choices.districts()

``extract`` and ``peildatum`` there are the values of the report parameters above ``jaar``.

Checking writes nothing. For ``extract = "synthetisch"`` the years come from the calibration of the synthetic
extract (:func:`sdlib.records.synthetic.calibration`, the period it would cover), not from the file: the file is
written once, by the report itself when it runs (``rec.extract_path(extract)`` in the notebook). A run whose
parameters are refused (a wrong ``district``, say) never gets there, so it leaves no file behind; a cache folder
that a refused run would not touch was the other choice, but it would still be a write caused by checking.
"""

from __future__ import annotations

from sdlib.data.errors import DataValidationError, SdlibError
from sdlib.records.read import open_extract
from sdlib.records.schema import districts as names
from sdlib.records.synthetic import SYNTHETIC_CHOICE, extract_path

__all__ = ["ExtractReadError", "districts", "extract_years", "extract_whole_years", "PROVIDERS"]


class ExtractReadError(SdlibError, ValueError):
    """The record extract a report names cannot be opened."""


def extract_years(extract: str, peildatum: str = "") -> list[int]:
    """Return the calendar years covered by the record extract of a report.

    Parameters
    ----------
    extract : str
        The report's ``extract`` parameter: a ``.parquet`` or ``.csv`` path, or ``"synthetisch"`` for the
        synthetic municipal extract.
    peildatum : str, optional
        The report's ``peildatum`` parameter (``YYYY-MM-DD``); empty: from the file or its last end date.

    Returns
    -------
    list of int
        The years of the extract period, first to last.

    Raises
    ------
    ExtractReadError
        When ``peildatum`` is no date or the extract cannot be read; the Dutch message names the parameter
        (``peildatum`` or ``extract``) and its value.
    """
    import datetime as dt

    if peildatum:
        try:
            dt.date.fromisoformat(peildatum)
        except (TypeError, ValueError):
            raise ExtractReadError(
                f"parameter 'peildatum' = {peildatum!r} is geen datum; schrijf JJJJ-MM-DD, "
                "bijvoorbeeld 2019-09-09, of laat hem leeg"
            ) from None
    first, last = _period(extract, peildatum)
    return list(range(first.year, last.year + 1))


def _period(extract: str, peildatum: str):
    """First and last day of the extract a report names, without writing anything (see the module docstring)."""
    import datetime as dt

    try:
        if extract == SYNTHETIC_CHOICE:
            from sdlib.records.synthetic import calibration

            first, last = calibration().period
            last = dt.date.fromisoformat(peildatum) if peildatum else last
            if last < first:
                raise ValueError(f"de peildatum {last} ligt voor het begin van het extract ({first})")
            return first, last
        return open_extract(extract_path(extract), reference_date=peildatum or None, validate=False).period
    except (OSError, ValueError, DataValidationError) as exc:
        raise ExtractReadError(f"parameter 'extract' = {extract!r} kan niet worden gelezen ({exc})") from None


def extract_whole_years(extract: str, peildatum: str = "") -> list[int]:
    """The calendar years of a record extract that are whole: its period covers them up to 31 December."""
    years = extract_years(extract, peildatum)
    last = _period(extract, peildatum)[1]
    whole_last = (last.month, last.day) == (12, 31)  # a peildatum of 31 December closes the year
    return [y for y in years if whole_last or y < last.year]


def districts() -> list[str]:
    """Return the district (stadswijk) names of the municipality, in the order of its districts file.

    Returns
    -------
    list of str
        The names of ``data/reference/wijken.csv`` (see :func:`sdlib.records.schema.districts`).
    """

    return names()


PROVIDERS = {"extract_years": extract_years, "extract_whole_years": extract_whole_years, "districts": districts}
