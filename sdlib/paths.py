"""One place for the project's paths.

Every path can be moved with an environment variable, so tests and other checkouts can point the library
at their own data without touching the code.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["project_root", "data_dir", "reports_dir", "notebooks_dir"]


def project_root() -> Path:
    """Return the checkout root (``SDLIB_ROOT`` or the parent of the package)."""
    return Path(os.environ.get("SDLIB_ROOT", Path(__file__).resolve().parent.parent))


def data_dir() -> Path:
    """Return the data folder (``SDLIB_DATA_DIR`` or ``<root>/data``)."""
    return Path(os.environ.get("SDLIB_DATA_DIR", project_root() / "data"))


def reports_dir() -> Path:
    """Return the reports output folder (``SDLIB_REPORTS_DIR`` or ``<root>/reports``)."""
    return Path(os.environ.get("SDLIB_REPORTS_DIR", project_root() / "reports"))


def notebooks_dir() -> Path:
    """Return the notebooks folder (``<root>/notebooks``)."""
    return project_root() / "notebooks"
