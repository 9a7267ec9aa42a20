"""Exceptions and the problem record shared by loading and validation."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Problem", "SdlibError", "UnknownSeriesError", "DataValidationError", "MissingDataError", "count_text"]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a data file.

    Parameters
    ----------
    file : str
        Path of the file, relative to the data folder where possible.
    row : int or None
        Line number in the file (the header is line 1), or None for a whole-file problem. Shown to the
        reader in Dutch: ``data/series/x.csv, regel 3, kolom 'value': ...``.
    column : str or None
        Column name, or None when the problem is not about one column.
    message : str
        What is wrong and what was expected.
    """

    file: str
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", regel {self.row}"
        if self.column is not None:
            where += f", kolom '{self.column}'"
        return f"{where}: {self.message}"


class SdlibError(Exception):
    """Base class of the library's errors."""


class UnknownSeriesError(SdlibError, KeyError):
    """A series id that is not in the catalog; the message lists the closest known ids."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0])


class MissingDataError(SdlibError, LookupError):
    """The data folder has no figures for what a report asks (a topic, a series, a year).

    The report runner skips such a report with this message ('overgeslagen') instead of failing the pack:
    another municipality need not publish every series.
    """


class DataValidationError(SdlibError, ValueError):
    """One or more problems in the data files.

    Parameters
    ----------
    problems : list of Problem
        Every problem found, in file order (or the first ones and a ``Stopped`` where the reading stopped).
    """

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        lines = "\n".join(f"  - {p}" for p in self.problems)
        count = count_text(sum(getattr(p, "count", 1) for p in self.problems))
        if any(getattr(p, "more", False) for p in self.problems):  # the reading stopped: there may be more
            count = f"minstens {count}"
        super().__init__(f"{count} in de gegevens:\n{lines}")


def count_text(n: int) -> str:
    """Return '1 probleem' or '1.234 problemen' (Dutch thousands separator)."""
    return f"{n:,} {'probleem' if n == 1 else 'problemen'}".replace(",", ".")
