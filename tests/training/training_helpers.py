"""Shared by the training tests: where things are, and how the training's own modules are imported.

``live`` is the project's data/ (the documents in /work/shared/seeds/); ``waterveen`` is the invented municipality
of tests/fixtures/waterveen (its figures are written in make_data.py). A test picks one by setting
SDLIB_DATA_DIR, as another municipality would by replacing data/; a notebook's kernel inherits it.
"""

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TRAINING = ROOT / "notebooks" / "training"
WATERVEEN = ROOT / "tests" / "fixtures" / "waterveen" / "data"
DATA = {"live": None, "waterveen": WATERVEEN}


def training_module(name: str):
    """Import notebooks/training/<name>.py as the notebooks do (from their own folder)."""
    if name in sys.modules and Path(sys.modules[name].__file__).resolve() == (TRAINING / f"{name}.py").resolve():
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, TRAINING / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def use_municipality(monkeypatch, which: str) -> None:
    """Point sdlib (and every kernel started afterwards) at the data of one municipality."""
    if DATA[which] is None:
        monkeypatch.delenv("SDLIB_DATA_DIR", raising=False)
    else:
        monkeypatch.setenv("SDLIB_DATA_DIR", str(DATA[which]))
