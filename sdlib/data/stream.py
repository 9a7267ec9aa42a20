"""Reading an input CSV record by record, in bounded memory (``sdlib data add``).

A file given to ``sdlib data add`` may be anything a user picked: a database export of millions of rows, a
file that grows, a device. :class:`CsvStream` reads it without ever holding more than one line:

- the file must be a regular file of at most ``max_bytes`` (checked on the open file, before reading);
- it is read one physical line at a time (at most :data:`MAX_LINE_BYTES` each), decoded as UTF-8 (an Excel
  byte-order mark at the start is skipped) and parsed by the :mod:`csv` module;
- at most ``max_rows`` records below the header are read; the one after that stops the reading with a problem
  that names the limit;
- a line that is not UTF-8, a record the csv module cannot read, a line that is too long or too many records stop
  the reading: :attr:`CsvStream.problem` says why, with the line;
- every :data:`PROGRESS_EVERY` records a ``progress(records_read, records_estimated)`` callback is called, the
  estimate from the file size and the bytes read so far.

Records are numbered as the rest of the library numbers them: the header is line 1, the n-th record below it
line n + 1.
"""

from __future__ import annotations

import csv
import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

from sdlib.data.catalog import BOM, UNREADABLE, data_file_problems
from sdlib.data.errors import DataValidationError, Problem
from sdlib.data.validate import header_problems

__all__ = [
    "CsvStream",
    "ReadProgress",
    "MAX_LINE_BYTES",
    "PROGRESS_EVERY",
    "BIG_FILE_ROWS",
    "size_text",
    "count_text_nl",
]

MAX_LINE_BYTES = 1_000_000  # one physical line; a line of figures has a few hundred characters
PROGRESS_EVERY = 10_000  # records between two calls of the progress callback


def count_text_nl(n: int) -> str:
    """A whole number with the Dutch thousands separator: 100.000."""
    return f"{n:,}".replace(",", ".")


def size_text(n: int) -> str:
    """A file size in Dutch: 120,3 MB, 950 kB or 312 bytes."""
    if n >= 1_000_000:
        text = f"{n / 1_000_000:.1f}".replace(".", ",").removesuffix(",0")
        return f"{text} MB"
    if n >= 1_000:
        return f"{n // 1000} kB"
    return f"{n} bytes"


class CsvStream:
    """An input CSV opened for reading record by record; use as a context manager (closes the file).

    Parameters
    ----------
    path : path
        The file.
    name : str
        How messages name it (relative to the checkout where possible).
    max_bytes, max_rows : int
        The largest file and the most records below the header that are read.
    limit_text : str
        What the problem for a file over either limit says after the size or count, e.g. "een publicatie is
        hoogstens 50 MB en 100.000 regels".
    progress : callable, optional
        ``progress(records_read, records_estimated)``, called while reading.

    Raises
    ------
    DataValidationError
        When the file cannot be read at all, is too large, is empty or its header cannot be right (a blank first
        line, semicolons, Excel's ``sep=`` line, a header that is not UTF-8 or not CSV).
    """

    def __init__(
        self,
        path,
        name: str,
        *,
        max_bytes: int,
        max_rows: int,
        limit_text: str,
        progress: Callable[[int, int], None] | None = None,
    ):
        self.path, self.name = Path(path), name
        self.max_bytes, self.max_rows, self.limit_text = max_bytes, max_rows, limit_text
        self.progress = progress
        self.problem: Problem | None = None  # why the reading stopped before the end, if it did
        self.records_read = 0  # records below the header
        self.bytes_read = 0
        self._physical = 0  # physical lines read
        self._fh = None
        self._open()
        try:
            self.header = self._read_header()
        except BaseException:
            self.close()
            raise

    # --- opening --------------------------------------------------------------------------------------------------

    def _refuse(self, message: str, line: int | None = None):
        raise DataValidationError([Problem(self.name, line, None, message)])

    def _open(self) -> None:
        problems = data_file_problems(self.path, None, self.name)
        if problems:
            raise DataValidationError(problems)
        try:
            fd = os.open(self.path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
        except PermissionError:
            self._refuse(UNREADABLE)
        except OSError as exc:
            self._refuse(f"kan het bestand niet lezen: {exc.strerror}")
        st = os.fstat(fd)  # the file as opened: no gap between a check and the read
        if not stat.S_ISREG(st.st_mode):
            os.close(fd)
            self._refuse("is geen gewoon bestand (maar bijvoorbeeld een pipe of apparaat)")
        self.size = st.st_size
        if st.st_size > self.max_bytes:
            os.close(fd)
            self._refuse(self._too_big(st.st_size))
        self._fh = os.fdopen(fd, "rb", buffering=1 << 16)

    def _too_big(self, size: int | None) -> str:
        what = f"is {size_text(size)}" if size is not None else f"is groter dan {size_text(self.max_bytes)}"
        return f"{what}; {self.limit_text}. Het bestand is niet gelezen; is dit het goede bestand?"

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None

    def __enter__(self) -> CsvStream:
        return self

    def __exit__(self, *exc) -> bool:
        self.close()
        return False

    # --- lines and records ----------------------------------------------------------------------------------------

    def _stop(self, problem: Problem) -> None:
        if self.problem is None:
            self.problem = problem

    def _lines(self) -> Iterator[str]:
        """The decoded physical lines; on a problem :attr:`problem` is set and the lines end."""
        while self.problem is None:
            raw = self._fh.readline(MAX_LINE_BYTES + 1)
            if not raw:
                return
            self._physical += 1
            if len(raw) > MAX_LINE_BYTES:
                self._stop(
                    Problem(
                        self.name,
                        self._physical,
                        None,
                        f"de regel is langer dan {size_text(MAX_LINE_BYTES)}; een regel met cijfers heeft een paar "
                        "honderd tekens. Staan de regeleinden goed?",
                    )
                )
                return
            start = len(BOM) if self.bytes_read == 0 and raw.startswith(BOM) else 0  # Excel's "CSV UTF-8"
            try:
                text = raw[start:].decode("utf-8")
            except UnicodeDecodeError as exc:
                at = self.bytes_read + start + exc.start
                self._stop(
                    Problem(
                        self.name,
                        self._physical,
                        None,
                        f"geen UTF-8: byte 0x{raw[start + exc.start]:02x} op positie {at}; sla het bestand op "
                        "als UTF-8",
                    )
                )
                return
            self.bytes_read += len(raw)
            if self.bytes_read > self.max_bytes:  # the file grew while it was read
                self._stop(Problem(self.name, None, None, self._too_big(None)))
                return
            yield text

    def _next(self) -> list[str] | None:
        """The next record, or None at the end or on a problem (then :attr:`problem` says why)."""
        line = self._reader.line_num + 1
        try:
            return next(self._reader)
        except StopIteration:
            return None
        except csv.Error as exc:
            if self.problem is None:  # not the end of the lines after a problem of their own
                if "field larger than field limit" in str(exc):
                    message = (
                        f"een cel is langer dan {count_text_nl(csv.field_size_limit())} tekens: wordt er een "
                        'aanhalingsteken (") niet gesloten? Anders is de tekst te lang voor dit bestand'
                    )
                else:
                    message = 'kan deze regel niet lezen als CSV; wordt er een aanhalingsteken (") niet gesloten?'
                self._stop(Problem(self.name, line, None, message))
            return None

    def _read_header(self) -> list[str]:
        self._reader = csv.reader(self._lines())
        header = self._next()
        if self.problem is not None:
            raise DataValidationError([self.problem])
        if header is None or (not any(c.strip() for c in header) and self._rest_is_blank()):
            self._refuse("leeg bestand: verwacht een kopregel en minstens één regel")
        problems = header_problems(header, self.name)
        if problems:
            raise DataValidationError(problems)
        return header

    def _rest_is_blank(self) -> bool:
        """True when nothing but white space follows (read in blocks, not parsed; the file is within its limit)."""
        while True:
            block = self._fh.read(1 << 20)
            if not block:
                return True
            if block.strip():
                return False

    def records(self) -> Iterator[tuple[int, list[str]]]:
        """Yield ``(line, fields)`` for each record below the header, blank ones included.

        Stops early, with :attr:`problem` set, at a line that cannot be read or at record ``max_rows + 1``.
        """
        number = 1
        while True:
            record = self._next()
            if record is None:
                self._report()
                return
            number += 1
            self.records_read += 1
            if self.records_read > self.max_rows:
                self._stop(
                    Problem(
                        self.name,
                        number,
                        None,
                        f"meer dan {count_text_nl(self.max_rows)} regels onder de kopregel; {self.limit_text}. "
                        "Het lezen is hier gestopt; is dit het goede bestand?",
                    )
                )
                self._report()
                return
            if self.records_read % PROGRESS_EVERY == 0:
                self._report()
            yield number, record

    def estimate(self) -> int:
        """The number of records the whole file probably has (from its size and the bytes read so far)."""
        if not self.bytes_read or self.bytes_read >= self.size:
            return self.records_read
        return max(self.records_read, round(self.size * self.records_read / self.bytes_read))

    def at_end(self) -> bool:
        """True when every byte of the file has been read."""
        return self._fh is None or self._fh.tell() >= self.size

    def _report(self) -> None:
        if self.progress is not None:
            done = min(self.records_read, self.max_rows)
            self.progress(done, max(done, self.estimate()))


BIG_FILE_ROWS = 50_000  # a file of more rows than this gets a progress bar


class ReadProgress:
    """A progress bar on stderr while a big file is read: "controleren: 120.000 van ~2.000.000 regels".

    Pass it as the ``progress`` callback of a reader. It shows nothing unless stderr is a terminal and the file
    is estimated at more than ``threshold`` rows; :meth:`close` ends the bar (call it when the command is done).
    """

    def __init__(self, threshold: int = BIG_FILE_ROWS, stream=None, enabled: bool = True):
        import sys

        stream = stream if stream is not None else sys.stderr
        self.threshold = threshold
        self.enabled = enabled and bool(getattr(stream, "isatty", lambda: False)())
        self.stream = stream
        self.bar = None
        self.task = None

    @staticmethod
    def label(done: int, estimate: int) -> str:
        about = "~" if done < estimate else ""
        return f"controleren: {count_text_nl(done)} van {about}{count_text_nl(estimate)} regels"

    def __call__(self, done: int, estimate: int) -> None:
        if self.bar is None:
            if not self.enabled or estimate <= self.threshold:
                return
            from rich.console import Console
            from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

            self.bar = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                TimeElapsedColumn(),
                console=Console(file=self.stream),
            )
            self.bar.start()
            self.task = self.bar.add_task(self.label(done, estimate), total=max(estimate, done))
        self.bar.update(self.task, completed=done, total=max(estimate, done), description=self.label(done, estimate))

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()
            self.bar = None
