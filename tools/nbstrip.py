#!/usr/bin/env python3
"""Keep the tracked notebooks as they are meant to be stored: without outputs and volatile metadata.

Stripped: outputs and execution counts of code cells; the cell metadata that Jupyter writes while you work
(``execution``, ``ExecuteTime``, ``collapsed``, ``scrolled``, ``jupyter``, ...); the notebook metadata that
changes with the kernel or the widgets (``language_info`` is cut back to its ``name``, ``widgets`` and
``signature`` go). Kept: sources, cell ids and tags (the ``parameters`` tag), ``kernelspec``, ``metadata.sdlib``
and anything else not listed here.

Used three ways:

* by JupyterLab: ``jupyter_server_config.py`` (``make lab``) calls :func:`pre_save_hook` on every save;
* as a commit guard: ``make hooks`` installs a git pre-commit hook that runs ``nbstrip.py --check --staged``;
* by hand or in CI::

      .venv/bin/python tools/nbstrip.py --check          # exit 1 when a tracked notebook has outputs
      .venv/bin/python tools/nbstrip.py notebooks/x.ipynb  # strip these files in place

Standard library only, so the hook and the check run before anything is installed.
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import stat
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = "notebooks"
CELL_VOLATILE = (
    "execution",
    "ExecuteTime",
    "collapsed",
    "scrolled",
    "jupyter",
    "trusted",
    "papermill",
    "pycharm",
    "vscode",
)
NB_VOLATILE = ("widgets", "signature", "papermill", "vscode", "toc", "varInspector", "execution", "celltoolbar")
HOOK = """#!/bin/sh
# installed by `make hooks`: refuse a commit with notebooks that contain outputs (tools/nbstrip.py)
root="$(git rev-parse --show-toplevel)"
py="$root/.venv/bin/python"
[ -x "$py" ] || py=python3
exec "$py" "$root/tools/nbstrip.py" --check --staged
"""

__all__ = ["strip", "problems", "pre_save_hook", "dumps", "main"]


def strip(nb: dict) -> dict:
    """Strip outputs, execution counts and volatile metadata from a notebook dict, in place; return it."""
    meta = nb.setdefault("metadata", {})
    for key in NB_VOLATILE:
        meta.pop(key, None)
    if isinstance(meta.get("language_info"), dict):
        meta["language_info"] = {"name": meta["language_info"].get("name", "python")}
    for cell in nb.get("cells", []):
        cmeta = cell.setdefault("metadata", {})
        for key in CELL_VOLATILE:
            cmeta.pop(key, None)
        if cell.get("cell_type") == "code":
            cell["outputs"] = []
            cell["execution_count"] = None
        elif "outputs" in cell or "execution_count" in cell:  # a markdown cell that was a code cell
            cell.pop("outputs", None)
            cell.pop("execution_count", None)
    return nb


def problems(nb: dict) -> list[str]:
    """Return what would be stripped from a notebook, in words; empty when it is clean."""
    found = []
    code = [c for c in nb.get("cells", []) if c.get("cell_type") == "code"]
    if n := sum(1 for c in code if c.get("outputs")):
        found.append(f"uitvoer in {n} cel(len)")
    if n := sum(1 for c in code if c.get("execution_count") is not None):
        found.append(f"uitvoeringsnummers in {n} cel(len)")
    if strip(copy.deepcopy(nb)) != nb and not found:
        found.append("wisselende metadata (language_info, widgets, execution, ...)")
    return found


def pre_save_hook(model, path=None, contents_manager=None, **kwargs):
    """Jupyter server ``ContentsManager.pre_save_hook``: strip a notebook before it is written."""
    if model.get("type") == "notebook" and isinstance(model.get("content"), dict):
        strip(model["content"])


def dumps(nb: dict) -> str:
    """Serialise as Jupyter does (nbformat: indent 1, sorted keys, UTF-8), so stripping by hand matches a save."""
    return json.dumps(nb, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def _git(*args) -> str:
    return subprocess.run(["git", *args], cwd=ROOT, check=True, capture_output=True, text=True).stdout


def _tracked() -> list[str]:
    return [p for p in _git("ls-files", "-z", "--", f"{NOTEBOOKS}/*.ipynb").split("\0") if p]


def _staged() -> list[str]:
    out = _git("diff", "--cached", "--name-only", "-z", "--diff-filter=ACMR", "--", f"{NOTEBOOKS}/*.ipynb")
    return [p for p in out.split("\0") if p]


def check(files, *, staged: bool = False) -> int:
    """Print the notebooks that are not clean; return the exit code (0 clean, 1 not)."""
    bad = 0
    for name in files:
        text = _git("show", f":{name}") if staged else (ROOT / name).read_text(encoding="utf-8")
        found = problems(json.loads(text))
        if found:
            bad += 1
            print(f"{name}: {', '.join(found)}", file=sys.stderr)
    if bad:
        where = "de vastgelegde (gestagede) versie van " if staged else ""
        print(
            f"\n{bad} notebook(s) met uitvoer; notebooks worden zonder uitvoer bewaard. Maak {where}ze schoon met\n"
            f"  .venv/bin/python tools/nbstrip.py <notebook> && git add <notebook>",
            file=sys.stderr,
        )
    return 1 if bad else 0


def install_hook() -> Path:
    """Write ``.git/hooks/pre-commit`` (refusing to replace a different hook); return its path."""
    hooks = Path(_git("rev-parse", "--git-path", "hooks").strip())
    hooks = hooks if hooks.is_absolute() else ROOT / hooks
    hook = hooks / "pre-commit"
    if hook.exists() and hook.read_text(encoding="utf-8") != HOOK:
        raise SystemExit(
            f"{hook} bestaat al en is een andere hook; voeg daar zelf toe:\n"
            f"  .venv/bin/python tools/nbstrip.py --check --staged"
        )
    hooks.mkdir(parents=True, exist_ok=True)
    hook.write_text(HOOK, encoding="utf-8")
    hook.chmod(hook.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return hook


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("files", nargs="*", help="notebooks to strip in place (or to check with --check)")
    ap.add_argument("--check", action="store_true", help="only check; default: every tracked notebook under notebooks/")
    ap.add_argument("--staged", action="store_true", help="with --check: check what is staged for the commit")
    ap.add_argument("--install-hook", action="store_true", help="install the git pre-commit hook")
    args = ap.parse_args(argv)
    if args.install_hook:
        print(f"pre-commit hook geïnstalleerd: {install_hook()}")
        return 0
    if args.check:
        files = args.files or (_staged() if args.staged else _tracked())
        return check(files, staged=args.staged)
    for name in args.files:
        path = Path(name)
        nb = json.loads(path.read_text(encoding="utf-8"))
        text = dumps(strip(nb))
        if text != path.read_text(encoding="utf-8"):
            tmp = path.with_name(f".{path.name}.{os.getpid()}.nbstrip")
            tmp.write_text(text, encoding="utf-8")
            os.chmod(tmp, stat.S_IMODE(path.stat().st_mode))
            os.replace(tmp, path)
            print(f"schoongemaakt: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
