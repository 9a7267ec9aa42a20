"""Command line of the record engine: ``python -m sdlib.records generate --youths 8728 --seed 1``."""

from __future__ import annotations

import argparse
import sys
import time

__all__ = ["main"]


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected 1 or more, got {value}")
    return value


def _seed(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"expected 0 or more, got {value}")
    return value


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m sdlib.records", description="Record-level youth-care engine.")
    sub = parser.add_subparsers(dest="command", required=True)
    gen = sub.add_parser("generate", help="write a SYNTHETIC record extract (no real youths)",
                         description="Write a seeded synthetic record extract calibrated on the 2e Rapportage "
                                     "Sociaal Domein 2019 (period 2015-01-01 to 2019-09-09).")
    size = gen.add_mutually_exclusive_group()
    size.add_argument("--youths", type=_positive_int, help="unique youths (default 8728, municipal size)")
    size.add_argument("--rows", type=_positive_int, help="approximate number of rows instead")
    gen.add_argument("--seed", type=_seed, default=1, help="random seed (default 1)")
    gen.add_argument("--out", help="output .parquet or .csv, name containing 'synthetic' "
                                   "(default reports/synthetic/jeugdhulp_synthetic_<size>_seed<seed>.parquet)")
    return parser


def main(argv=None) -> int:
    """Run the command line; return the exit code."""
    args = _parser().parse_args(argv)
    from .synthetic import generate

    started = time.perf_counter()

    def progress(msg: str) -> None:
        print(f"[{time.perf_counter() - started:6.1f} s] {msg}", file=sys.stderr, flush=True)

    try:
        path = generate(youths=args.youths, rows=args.rows, seed=args.seed, out=args.out, progress=progress)
    except (ValueError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(path)
    return 0
