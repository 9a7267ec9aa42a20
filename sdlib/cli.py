"""The ``sdlib`` command: ``sdlib validate``, ``sdlib catalog``, ``sdlib data add``, ``sdlib report list|run``.

Run ``sdlib --help`` or ``python -m sdlib --help`` for the list of commands.
"""

from __future__ import annotations

import argparse
import sys

__all__ = ["main"]


def _cmd_validate(args) -> int:
    from sdlib.data.journal import recover
    from sdlib.data.validate import total_count, validate_all

    try:
        for note in recover(args.data_dir):
            print(note, file=sys.stderr)
        problems = validate_all(args.data_dir)
    except OSError as exc:
        print(f"fout: {exc.filename or ''}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    if problems:
        from sdlib.data.errors import count_text

        print(f"Controle mislukt: {count_text(total_count(problems))}", file=sys.stderr)
        for p in problems:
            print(f"  - {p}", file=sys.stderr)
        return 1
    from sdlib.data.catalog import series_ids

    print(f"Controle geslaagd: {len(series_ids(args.data_dir))} reeksen, elk bestand klopt met de catalogus.")
    return 0


def _cmd_catalog(args) -> int:
    import pandas as pd

    from sdlib.data.catalog import catalog
    from sdlib.data.load import load

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


def _cmd_data_add(args) -> int:
    import pandas as pd

    from sdlib.data.config import municipality
    from sdlib.data.update import add_publication

    source = None
    if args.source_id is not None:
        source = {"id": args.source_id, "short_title": args.short_title, "title": args.title or args.short_title,
                  "publisher": args.publisher or municipality(args.data_dir).organisation,
                  "publication_year": args.year}
    try:
        diff = add_publication(args.file, source=source, data_dir=args.data_dir, dry_run=args.dry_run, wait=args.wait)
    except OSError as exc:
        print(f"fout: {exc.filename or ''}: {exc.strerror or exc}; er is niets gewijzigd", file=sys.stderr)
        return 2
    if len(diff):
        print("Figures revised by this publication (both vintages are kept):")
        with pd.option_context("display.width", 200, "display.max_rows", None):
            print(diff.to_string(index=False))
    else:
        print("No figure of an earlier publication is revised.")
    if diff.attrs.get("unchanged"):
        print("Deze cijfers staan al in de data: niets gewijzigd.")
    else:
        print("Dry run: nothing written." if args.dry_run else "Added; run `sdlib validate` any time to re-check.")
    return 0


def _cmd_glossary(args) -> int:
    from pathlib import Path

    from sdlib.data import paths
    from sdlib.data.fileio import atomic_write
    from sdlib.present.glossary import glossary_markdown

    target = Path(args.data_dir or paths.data_dir()) / "BEGRIPPENLIJST.md"
    text = glossary_markdown(data_dir=args.data_dir)
    if args.check:
        current = target.read_text(encoding="utf-8") if target.exists() else ""
        if current != text:
            print(f"{target} is out of date: run `sdlib glossary` (or make glossary)", file=sys.stderr)
            return 1
        print(f"{target} is up to date.")
        return 0
    atomic_write(target, text.encode("utf-8"))
    print(f"Wrote {target}")
    return 0


def _parse_assignments(pairs: list[str]) -> dict:
    from sdlib.report.params import ParameterError

    out = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        name = name.strip()
        if not sep or not name:
            raise ParameterError(f"-p verwacht naam=waarde, bijvoorbeeld -p jaar=2023; niet {pair!r}")
        if name in out:
            raise ParameterError(f"-p {name}=... staat er twee keer; geef elke parameter één keer")
        out[name] = value
    return out


def _jobs_count(text: str) -> int:
    """argparse type of ``--jobs``: a whole number of 1 or more."""
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is geen geheel getal; --jobs is het aantal processen, "
                                         "1 of meer") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"--jobs moet 1 of meer zijn, niet {n}")
    return n


def _notebooks_dir(args):
    from pathlib import Path

    from sdlib.data import paths
    from sdlib.report.params import ParameterError
    from sdlib.report.schedule import shown

    nbdir = Path(args.notebooks) if args.notebooks else paths.notebooks_dir() / "reports"
    if not nbdir.is_dir():
        raise ParameterError(f"map met rapportnotebooks niet gevonden: {shown(nbdir)}"
                             + (" (--notebooks)" if args.notebooks else ""))
    return nbdir


def _cmd_report_list(args) -> int:
    from sdlib.report.params import read_parameters
    from sdlib.report.schedule import available_notebooks

    nbdir = _notebooks_dir(args)
    for name in available_notebooks(nbdir):
        print(name)
        for spec in read_parameters(nbdir / f"{name}.ipynb"):
            print(f"    {spec.describe()}")
    return 0


# The last cell of every report run from the command line: shows the Verantwoording (definitions, sources,
# voorlopige cijfers) when the notebook did not show it itself; the runner adds the technical details to it.
REPORT_CLOSING = "from sdlib.present.document import close_report\nclose_report()"


def _cmd_report_run(args) -> int:
    from pathlib import Path

    from sdlib.data import paths
    from sdlib.report.params import ParameterError
    from sdlib.report.run import run_jobs
    from sdlib.report.schedule import Job, load_schedule, schedule_folder

    if args.schedule is not None and not args.names:
        args.all = True  # a schedule file names the reports: --schedule FILE runs it
    if bool(args.all) == bool(args.names):
        if args.all:
            raise ParameterError(f"--all draait het hele schedule; noem dan geen rapporten ({', '.join(args.names)})")
        raise ParameterError("noem een of meer rapporten, of gebruik --all voor het schedule (zie: sdlib report list)")
    assignments = [n for n in args.names if "=" in n]
    if assignments:
        hints = "; ".join(f"{n!r} is geen rapportnaam: bedoelt u -p {n}?" for n in assignments)
        raise ParameterError(f"{hints}\nEr is niets uitgevoerd.")
    out = args.out
    if args.all:
        if args.param:
            raise ParameterError("-p kan niet samen met --all: het schedule bepaalt de parameters")
        if args.output is not None:
            raise ParameterError("--output kan niet samen met --all: het schedule bepaalt de uitvoernamen")
        jobs = load_schedule(Path(args.schedule) if args.schedule else paths.reports_dir() / "schedule.yml")
        if out is None:
            out = schedule_folder(jobs)  # e.g. reports/analisten/ for the analysts' pack
    else:
        if args.schedule is not None:
            raise ParameterError("--schedule draait een heel schedule; noem dan geen rapporten")
        given = _parse_assignments(args.param)
        jobs = [Job(name, dict(given), "{name}" if args.output is None else args.output) for name in args.names]

    results = run_jobs(jobs, n_jobs=args.jobs, out_dir=out, notebooks_dir=_notebooks_dir(args),
                       progress=not args.no_progress, closing_code=REPORT_CLOSING,
                       allow_missing_alt=args.allow_missing_alt)
    _summary(results)
    return 0 if all(r.status == "ok" for r in results) else 1


def _summary(results) -> None:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    from sdlib.report.schedule import shown

    STATUS = {"ok": ("green", "ok"), "failed": ("red", "mislukt"), "invalid": ("yellow", "geweigerd")}
    table = Table(title="Rapporten")
    for col in ("rapport", "status", "seconden", "uitvoer / fout"):
        table.add_column(col)
    for r in results:
        colour, word = STATUS[r.status]
        output = shown(r.output) if r.output else ""
        if r.status == "ok":
            detail = output + (f"\n{shown(r.html)}" if getattr(r, "html", "") else "")
        else:
            detail = f"{r.error}\n{output}".strip()
        table.add_row(escape(r.report), f"[{colour}]{word}[/{colour}]", f"{r.seconds:.1f}".replace(".", ","),
                      escape(detail))
    Console(width=160).print(table)


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of the ``sdlib`` command."""
    parser = argparse.ArgumentParser(
        prog="sdlib",
        description="Figures of the social domain of a municipality (the one named in data/gemeente.yml): "
                    "validate the data, list the catalog.",
    )
    parser.add_argument("--data-dir", default=None, help="data folder to use (default: the project's data/)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    p = sub.add_parser("validate", help="check every data file against the catalog; exit code 1 on any problem")
    p.set_defaults(func=_cmd_validate)
    p = sub.add_parser("catalog", help="print the overview of all series (years, sources, unit, direction)")
    p.add_argument("--theme", help="only this theme (jeugd, wmo, mantelzorg, gezondheid, participatie, financien)")
    p.set_defaults(func=_cmd_catalog)

    data = sub.add_parser("data", help="change the data: add the figures of a new publication")
    dsub = data.add_subparsers(dest="data_command", required=True, metavar="ACTION")
    p = dsub.add_parser("add", help="add a CSV of new figures as a new vintage (validated first, never overwrites)",
                        epilog="columns of FILE: series, year, dimension columns, measure, value, table, "
                               "reference_date, provisional, note (and optionally source)")
    p.add_argument("file", help="CSV with the new figures")
    p.add_argument("--source-id", help="id of a new publication to add to data/sources.csv (e.g. js2025)")
    p.add_argument("--short-title", help="short title of the new publication, used in 'Bron:' lines")
    p.add_argument("--title", help="full title of the new publication")
    p.add_argument("--publisher", default=None, help="publisher (default: 'Gemeente <name>' of data/gemeente.yml)")
    p.add_argument("--year", help="publication year of the new publication")
    p.add_argument("--dry-run", action="store_true", help="validate and show the differences, write nothing")
    p.add_argument("--wait", type=float, default=10.0, metavar="SECONDS",
                   help="seconds to wait for another 'sdlib data add' on the same data folder (default: 10)")
    p.set_defaults(func=_cmd_data_add)

    p = sub.add_parser("glossary", help="write data/BEGRIPPENLIJST.md from the catalog and the record definitions")
    p.add_argument("--check", action="store_true", help="only check that the file is up to date (exit code 1 if not)")
    p.set_defaults(func=_cmd_glossary)

    rep = sub.add_parser("report", help="list or run the report notebooks (PDF and HTML output in reports/)")
    rsub = rep.add_subparsers(dest="report_command", required=True, metavar="ACTION")
    p = rsub.add_parser("list", help="show the report notebooks and their parameters (name, type, default)")
    p.add_argument("--notebooks", help="folder with report notebooks (default: notebooks/reports)")
    p.set_defaults(func=_cmd_report_list)
    p = rsub.add_parser("run", help="run reports by name, or the whole schedule with --all",
                        epilog="examples: sdlib report run indicatoren -p jaar=2023 | sdlib report run --all --jobs 2")
    p.add_argument("names", nargs="*", help="report notebooks to run (see: sdlib report list)")
    p.add_argument("--all", action="store_true", help="run every report in reports/schedule.yml (the council pack)")
    p.add_argument("-p", "--param", action="append", default=[], metavar="NAME=VALUE",
                   help="set a parameter for the named reports (repeatable); checked before anything runs")
    p.add_argument("--jobs", type=_jobs_count, default=None, help="parallel processes, 1 or more (default: number of "
                   "cores)")
    p.add_argument("--out", default=None, help="output folder (default: reports/); every file stays inside it")
    p.add_argument("--output", default=None, help="output name template for named reports, e.g. '{name}_{jaar}': "
                   "only {name} and parameter names, a plain file name")
    p.add_argument("--schedule", default=None, help="run this schedule file (default for --all: reports/schedule.yml, "
                   "the council pack; reports/schedule_analisten.yml is the analysts' pack in reports/analisten/)")
    p.add_argument("--allow-missing-alt", action="store_true", help="draft: mark a chart without text alternative "
                   "instead of failing the report (not for publication)")
    p.add_argument("--notebooks", help="folder with report notebooks (default: notebooks/reports)")
    p.add_argument("--no-progress", action="store_true", help="no progress bar (for logs)")
    p.set_defaults(func=_cmd_report_run)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    args = build_parser().parse_args(argv)
    from sdlib.data.errors import SdlibError

    try:
        return args.func(args)
    except (SdlibError, ValueError) as exc:
        print(f"fout: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        where = f" ({exc.filename})" if getattr(exc, "filename", None) else ""
        print(f"fout: {exc.strerror or exc}{where}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("afgebroken", file=sys.stderr)
        return 130
