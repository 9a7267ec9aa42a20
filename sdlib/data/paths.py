"""One place for the project's paths.

Every path can be moved with an environment variable, so tests and other checkouts can point the library
at their own data without touching the code: ``SDLIB_ROOT`` (the project folder with ``data/``, ``notebooks/``
and ``reports/``), ``SDLIB_DATA_DIR`` and ``SDLIB_REPORTS_DIR``. Without them the project folder is the
checkout the package lies in; an installed package (a wheel) has none and says so.
"""

from __future__ import annotations

import os
from pathlib import Path

from sdlib.data.errors import SdlibError

__all__ = [
    "project_root",
    "data_dir",
    "reports_dir",
    "notebooks_dir",
    "rel_name",
    "shown_path",
    "given_data_dir",
    "file_stamp",
]


def project_root() -> Path:
    """Return the project folder: ``SDLIB_ROOT``, else the checkout this package lies in.

    Raises
    ------
    SdlibError
        When neither exists (the package was installed without the project folder).
    """
    if os.environ.get("SDLIB_ROOT"):
        return Path(os.environ["SDLIB_ROOT"])
    checkout = Path(__file__).resolve().parents[2]  # sdlib/data/paths.py -> the checkout
    if (checkout / "data" / "catalog.yml").is_file():
        return checkout
    raise SdlibError(
        "geen projectmap gevonden: sdlib is geïnstalleerd zonder de map met de gegevens. Zet "
        "SDLIB_ROOT op de projectmap (met data/, notebooks/ en reports/), of SDLIB_DATA_DIR op de datamap"
    )


def data_dir() -> Path:
    """Return the data folder (``SDLIB_DATA_DIR`` or ``<root>/data``)."""
    return Path(os.environ["SDLIB_DATA_DIR"]) if os.environ.get("SDLIB_DATA_DIR") else project_root() / "data"


def reports_dir() -> Path:
    """Return the reports output folder (``SDLIB_REPORTS_DIR`` or ``<root>/reports``)."""
    return Path(os.environ["SDLIB_REPORTS_DIR"]) if os.environ.get("SDLIB_REPORTS_DIR") else project_root() / "reports"


def notebooks_dir() -> Path:
    """Return the notebooks folder (``<root>/notebooks``)."""
    return project_root() / "notebooks"


def rel_name(path: Path, data_dir: Path) -> str:
    """Name a file for messages: ``data/series/x.csv`` when it lies in the data folder, else the path as given."""
    try:
        return str(Path("data") / Path(path).relative_to(data_dir))
    except ValueError:
        return str(path)


def shown_path(path) -> str:
    """Name a path given by a user for messages: relative to the checkout when inside it, else absolute.

    ``/home/a/sdlib/nieuw.csv`` in the checkout ``/home/a/sdlib`` is shown as ``nieuw.csv``; ``/tmp/x.csv`` as is.
    """
    absolute = Path(os.path.abspath(path))
    try:
        root = Path(os.path.abspath(project_root()))
    except SdlibError:
        return str(absolute)
    try:
        return str(absolute.relative_to(root))
    except ValueError:
        return str(absolute)


def given_data_dir(folder=None) -> Path:
    """Return the data folder a function was given, or the configured one (:func:`data_dir`) when None."""
    return Path(folder) if folder is not None else data_dir()


def file_stamp(path: Path):
    """Return what tells a changed file from the version a cache read (mtime, inode, size, mode), or None."""
    try:
        st = Path(path).stat()
    except OSError:
        return None
    return st.st_mtime_ns, st.st_ino, st.st_size, st.st_mode
