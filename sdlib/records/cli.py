"""Command line of the record engine.

``python -m sdlib.records generate --youths 8728 --seed 1`` writes a synthetic extract (any size: above
``--batch-youths`` youths batch by batch, with a progress bar on stderr);
``python -m sdlib.records check EXTRACT [-p peildatum=JJJJ-MM-DD]`` opens and validates an extract (exit code 1
and the problems, each naming file, row and column, when it is refused).
"""

from __future__ import annotations

import argparse
import sys
import time

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from sdlib.data.errors import DataValidationError
from sdlib.records.read import open_extract
from sdlib.records.synthetic import BATCH_YOUTHS, generate

__all__ = ["main"]


def _whole(minimum: int):
    """Return an argparse type for a whole number of at least ``minimum``."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"verwacht een geheel getal, niet {text!r}") from None
        if value < minimum:
            raise argparse.ArgumentTypeError(f"verwacht {minimum} of meer, niet {value}")
        return value

    return parse


def _parser() -> argparse.ArgumentParser:
    from sdlib.data.commandline import DutchArgumentParser

    parser = DutchArgumentParser(
        prog="python -m sdlib.records",
        description="De registratiemodule jeugdhulp: synthetische extracten maken en extracten controleren.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="OPDRACHT")
    gen = sub.add_parser(
        "generate",
        help="schrijf een SYNTHETISCH registratie-extract (geen echte jeugdigen)",
        description="Schrijf een synthetisch registratie-extract (geen echte jeugdigen), met een vast "
        "startgetal, afgestemd op de eerste publicatie in data/ met de cijfers van instroom, doorstroom, "
        "leeftijd, jeugdigen en kosten per type (de periode volgt uit die cijfers). Grote extracten worden "
        "in delen geschreven, met een voortgangsbalk.",
    )
    size = gen.add_mutually_exclusive_group()
    size.add_argument(
        "--youths",
        type=_whole(1),
        metavar="AANTAL",
        help="aantal unieke jeugdigen (standaard de omvang van de gemeente: de som van de instroom)",
    )
    size.add_argument("--rows", type=_whole(1), metavar="AANTAL", help="of: ongeveer dit aantal regels")
    gen.add_argument(
        "--seed", type=_whole(0), default=1, metavar="GETAL", help="startgetal van het toeval (standaard 1)"
    )
    gen.add_argument(
        "--batch-youths",
        type=_whole(1),
        default=BATCH_YOUTHS,
        metavar="AANTAL",
        help=f"jeugdigen per deel bij grote extracten (standaard {BATCH_YOUTHS:_}".replace("_", ".")
        + "; kleinere delen gebruiken minder geheugen)",
    )
    gen.add_argument(
        "--out",
        metavar="BESTAND",
        help="uitvoer .parquet of .csv, met 'synthetic' in de naam (standaard "
        "reports/synthetic/jeugdhulp_synthetic_<omvang>_seed<startgetal>.parquet)",
    )
    chk = sub.add_parser(
        "check",
        help="open en controleer een registratie-extract (.parquet of .csv)",
        description="Open een registratie-extract waar het staat, controleer elke regel en toon de periode.",
    )
    chk.add_argument("extract", metavar="EXTRACT", help="het .parquet- of .csv-bestand")
    chk.add_argument(
        "-p",
        dest="params",
        action="append",
        default=[],
        metavar="peildatum=JJJJ-MM-DD",
        help="de peildatum, zoals bij de rapportnotebooks",
    )
    chk.add_argument("--period", nargs=2, metavar=("BEGIN", "EIND"), help="eerste en laatste dag (JJJJ-MM-DD)")
    return parser


def _check(args) -> int:

    reference_date = None
    for item in args.params:
        key, sep, value = item.partition("=")
        if key.strip() != "peildatum" or not sep:
            print(f"fout: -p {item}: verwacht peildatum=JJJJ-MM-DD", file=sys.stderr)
            return 2
        reference_date = value.strip() or None
    try:
        ext = open_extract(args.extract, period=args.period, reference_date=reference_date)
    except DataValidationError as exc:
        print(exc, file=sys.stderr)
        return 1
    except (ValueError, OSError) as exc:
        print(f"fout: {exc}", file=sys.stderr)
        return 2
    first, last = ext.period
    rows = int(ext.execute(ext.table.aggregate(n=ext.table.count()))["n"].iloc[0])
    guess = " (peildatum geraden uit de laatste datum)" if ext.reference_date_guessed else ""
    print(f"{ext.name}: {rows} regels, periode {first} tot en met {last}{guess}")
    return 0


def main(argv=None) -> int:
    """Run the command line; return the exit code."""
    args = _parser().parse_args(argv)
    if args.command == "check":
        return _check(args)

    console = Console(stderr=True)
    started = time.perf_counter()
    bar = Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("youths"),
        TextColumn("{task.fields[rows]:>13,} rows"),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=console,
        transient=False,
    )
    task = bar.add_task("generating", total=None, rows=0)

    def progress(msg: str) -> None:
        bar.console.print(f"[{time.perf_counter() - started:6.1f} s] {msg}", highlight=False, markup=False)

    def advance(done: int, total: int, rows: int) -> None:
        bar.update(task, completed=done, total=total, rows=rows)

    try:
        with bar:
            path = generate(
                youths=args.youths,
                rows=args.rows,
                seed=args.seed,
                out=args.out,
                progress=progress,
                advance=advance,
                batch_youths=args.batch_youths,
            )
    except (ValueError, OSError) as exc:
        print(f"fout: {exc}", file=sys.stderr)
        return 2
    print(path)
    return 0
