"""The ``sdlib`` command: ``sdlib validate``, ``sdlib catalog``.

Run ``sdlib --help`` or ``python -m sdlib --help`` for the list of commands.
"""

from __future__ import annotations

import argparse
import sys

__all__ = ["main"]


def _cmd_validate(args) -> int:
    from .validate import validate_all

    problems = validate_all(args.data_dir)
    if problems:
        print(f"Validation FAILED: {len(problems)} problem(s)", file=sys.stderr)
        for p in problems:
            print(f"  - {p}", file=sys.stderr)
        return 1
    from .catalog import series_ids

    print(f"Validation OK: {len(series_ids(args.data_dir))} series, every file matches the catalog.")
    return 0


def _cmd_catalog(args) -> int:
    import pandas as pd

    from .catalog import catalog
    from .load import load

    df = catalog(theme=args.theme, data_dir=args.data_dir)
    years, sources = [], []
    for sid in df["id"]:
        data = load(sid, vintage="all", data_dir=args.data_dir)
        years.append(f"{data['year'].min()}-{data['year'].max()}")
        sources.append(", ".join(dict.fromkeys(data["source"])))
    df = df.assign(years=years, sources=sources)
    cols = ["id", "theme", "objective", "unit", "direction", "years", "sources", "title"]
    with pd.option_context("display.max_rows", None, "display.width", 250, "display.max_colwidth", 60):
        print(df[cols].fillna("").to_string(index=False))
    print(f"\n{len(df)} series. Details: python -c \"import sdlib; print(sdlib.describe('<id>'))\"")
    return 0


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of the ``sdlib`` command."""
    parser = argparse.ArgumentParser(
        prog="sdlib",
        description="Figures of the social domain of Zoetermeer: validate the data, list the catalog.",
    )
    parser.add_argument("--data-dir", default=None, help="data folder to use (default: the project's data/)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    p = sub.add_parser("validate", help="check every data file against the catalog; exit code 1 on any problem")
    p.set_defaults(func=_cmd_validate)
    p = sub.add_parser("catalog", help="print the overview of all series (years, sources, unit, direction)")
    p.add_argument("--theme", help="only this theme (jeugd, wmo, mantelzorg, gezondheid, participatie, financien)")
    p.set_defaults(func=_cmd_catalog)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    args = build_parser().parse_args(argv)
    from .errors import SdlibError

    try:
        return args.func(args)
    except (SdlibError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
