"""The ``sdlib`` command: ``sdlib validate``, ``sdlib catalog``, ``sdlib data add``, ``sdlib report list|run|new``.

Run ``sdlib --help`` or ``python -m sdlib --help`` for the list of commands.
"""

from __future__ import annotations

import argparse
import sys

__all__ = ["main"]

MAX_MESSAGE = 8000  # characters of one error message; a message never grows with the size of bad input


def _cmd_validate(args) -> int:
    from sdlib.data.journal import recover
    from sdlib.data.validate import total_count, validate_all

    try:
        for note in recover(args.data_dir):
            print(note, file=sys.stderr)
        problems = validate_all(args.data_dir)
    except OSError as exc:
        from sdlib.data.fileio import os_reason

        print(f"fout: {os_reason(exc)}", file=sys.stderr)
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
    from sdlib.data.config import municipality
    from sdlib.data.errors import DataValidationError
    from sdlib.data.fileio import clip
    from sdlib.data.stream import ReadProgress
    from sdlib.data.update import add_publication_files
    from sdlib.present.publication import summary_text

    source = None
    if args.source_id is not None:
        source = {
            "id": args.source_id,
            "short_title": args.short_title,
            "title": args.title or args.short_title,
            "publisher": args.publisher or municipality(args.data_dir).organisation,
            "publication_year": args.year,
        }
    progress = ReadProgress(enabled=not args.no_progress)  # a bar on stderr for a big file, on a terminal only
    try:
        result = add_publication_files(
            args.file,
            source=source,
            toelichtingen=args.toelichtingen,
            verdicts=args.oordelen,
            passages=args.passages,
            data_dir=args.data_dir,
            dry_run=args.dry_run,
            wait=args.wait,
            derive=_publication_summary,
            progress=progress,
        )
    except OSError as exc:
        from sdlib.data.fileio import os_reason

        progress.close()
        print(f"fout: {os_reason(exc)}; er is niets gewijzigd", file=sys.stderr)
        return 2
    except DataValidationError as exc:
        progress.close()
        print(f"fout: {clip(str(exc), MAX_MESSAGE)}\nEr is niets gewijzigd.", file=sys.stderr)
        return 2
    finally:
        progress.close()
    print(summary_text(result, result.derived))
    return 0


GLOSSARY_FILE = "BEGRIPPENLIJST.md"


def _publication_summary(old_dir, new_dir, result):
    """The ``derive`` of ``sdlib data add``: the new glossary, and the summary of what changes (Dutch lines).

    Called with the data folder and a checked copy with the new publication in it: the glossary is made from
    the copy (written with the data, in the same journal, when the folder has one); the figures of the changed
    series are compared (:func:`sdlib.calc.compare.compare_folders`); the council pack's reports are checked
    against both folders to say which move to a new year (:func:`sdlib.report.outlook.outlook`).
    """
    from pathlib import Path

    from sdlib.calc.compare import compare_folders
    from sdlib.data.errors import SdlibError
    from sdlib.present.glossary import glossary_markdown
    from sdlib.present.publication import summary_lines

    files, glossary = {}, ""
    current = Path(old_dir) / GLOSSARY_FILE
    if current.is_file():
        try:
            text = glossary_markdown(data_dir=new_dir).encode("utf-8")
        except Exception as exc:
            raise SdlibError(
                f"de begrippenlijst (data/{GLOSSARY_FILE}) kan niet opnieuw worden gemaakt ({type(exc).__name__}: "
                f"{exc}); er is niets gewijzigd"
            ) from None
        files[GLOSSARY_FILE] = text
        glossary = f"data/{GLOSSARY_FILE} bijgewerkt" if current.read_bytes() != text else "ongewijzigd"
    else:
        glossary = f"deze gegevensmap heeft geen {GLOSSARY_FILE}; maak er een met: sdlib glossary"
    series = sorted(set(result.figures) | {v["series"] for v in result.verdicts})
    comparison = compare_folders(old_dir, new_dir, series=series) if series else None
    changed = {f.removeprefix("data/") for f in result.files}
    try:
        reports = _next_reports(Path(old_dir), Path(new_dir), changed)
    except SdlibError as exc:
        reports = None
        glossary += f".\nWat de volgende run laat zien, is niet te zeggen: {exc}"
    body = summary_lines(result, comparison, next_reports=reports, glossary=glossary, data_dir=new_dir)
    return files, body


def _next_reports(old_dir, new_dir, changed: set[str]):
    """What the next council pack (reports/schedule.yml) shows with the new data: a NextReport per report."""
    from pathlib import Path

    from sdlib.data import paths
    from sdlib.present.publication import NextReport
    from sdlib.report.outlook import outlook
    from sdlib.report.schedule import load_schedule, schedule_folder

    try:
        schedule = paths.reports_dir() / "schedule.yml"
        notebooks = paths.notebooks_dir() / "reports"
    except Exception:
        return None
    if not schedule.is_file() or not notebooks.is_dir():
        return None
    out_dir = None
    if Path(old_dir).resolve() == Path(paths.data_dir()).resolve():  # the pack's manifests are about this folder
        out_dir = schedule_folder(load_schedule(schedule)) or paths.reports_dir()
    providers = choice_providers()
    before = outlook(schedule, notebooks, providers=providers, data_dir=old_dir, out_dir=out_dir)
    after = outlook(schedule, notebooks, providers=providers, data_dir=new_dir)

    def period(o) -> str:
        return o.period or ", ".join(f"{k} {v}" for k, v in (o.values or {}).items())

    read_by_all = [f for f in ("sources.csv", "catalog.yml") if f in changed]
    shared = " en ".join(f"data/{f}" for f in read_by_all) + (
        ", dat verandert" if len(read_by_all) == 1 else ", die veranderen"
    )
    shared = shared if read_by_all else ""
    out = []
    for b, a in zip(before, after):
        if a.values is None and b.values is None:
            continue
        if b.values is None:
            out.append(NextReport(a.title, "", period(a), "nieuw"))
        elif a.values is None:
            out.append(NextReport(b.title, period(b), "", "vervalt", a.skipped))
        elif a.values != b.values:
            out.append(NextReport(a.title, period(b), period(a), "jaar"))
        elif b.inputs is not None and changed & set(b.inputs):
            out.append(NextReport(a.title, period(b), period(a), "gegevens"))
        elif b.inputs is None and shared:  # every report reads the catalog and the sources
            out.append(NextReport(a.title, period(b), period(a), "gegevens", f"elk rapport leest {shared}"))
        else:
            out.append(NextReport(a.title, period(b), period(a), "gelijk"))
    return out


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
            print(f"{target} is niet bij: maak het opnieuw met 'sdlib glossary' (of make glossary)", file=sys.stderr)
            return 1
        print(f"{target} is bij.")
        return 0
    atomic_write(target, text.encode("utf-8"))
    print(f"Begrippenlijst geschreven: {target}")
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
        raise argparse.ArgumentTypeError(
            f"{text!r} is geen geheel getal; --jobs is het aantal processen, 1 of meer"
        ) from None
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
        raise ParameterError(
            f"map met rapportnotebooks niet gevonden: {shown(nbdir)}" + (" (--notebooks)" if args.notebooks else "")
        )
    return nbdir


def _cmd_report_list(args) -> int:
    from sdlib.report.params import read_parameters, valid_values
    from sdlib.report.schedule import available_notebooks

    nbdir = _notebooks_dir(args)
    providers = choice_providers()
    for name in available_notebooks(nbdir):
        print(name)
        earlier: dict = {}
        for spec in read_parameters(nbdir / f"{name}.ipynb"):
            print(f"    {spec.describe()}")
            options = valid_values(spec, providers, earlier, args.data_dir)
            if options is not None:
                shown = ", ".join(str(v) for v in options) or "geen (de gegevens hebben er geen)"
                print(f"        keuze uit: {shown}")
            earlier[spec.name] = spec.default
    return 0


def _cmd_report_new(args) -> int:
    from pathlib import Path

    from sdlib.data import paths
    from sdlib.report.new import create_report
    from sdlib.report.schedule import shown

    notebooks = Path(args.notebooks) if args.notebooks else paths.notebooks_dir() / "reports"
    schedule = (
        Path(args.schedule) if args.schedule else paths.reports_dir() / "schedule.yml" if args.in_pakket else None
    )
    made = create_report(
        args.name,
        args.onderwerp,
        notebooks_dir=notebooks,
        title=args.titel,
        schedule=schedule,
        providers=choice_providers(),
        data_dir=args.data_dir,
    )
    print(f"Rapport gemaakt: {shown(made.path)}")
    print(f'  titel: {made.title}; onderwerp: {made.topic}; jaar: "laatste" (het nieuwste jaar met cijfers)')
    if made.schedule is not None:
        how = "make reports" if not args.schedule else f"sdlib report run --schedule {shown(made.schedule)}"
        print(f"  in het pakket: {shown(made.schedule)} ({how} maakt het voortaan mee)")
    else:
        print("  niet in het raadspakket; zet het erin met --in-pakket, of met de hand in reports/schedule.yml")
    folder = "" if not args.notebooks else f" --notebooks {args.notebooks}"
    print(f"Maak het rapport: sdlib report run {made.name}{folder}")
    print(f"Pas het aan in JupyterLab (make lab): {shown(made.path)}; zie README.md, 'Een nieuw rapport'.")
    return 0


def choice_providers() -> dict:
    """The choices providers the reports' metadata name: the domain's (calc) and the record engine's."""
    from sdlib.calc.choices import PROVIDERS as CALC
    from sdlib.records.choices import PROVIDERS as RECORDS

    return {**CALC, **RECORDS}


def _cmd_report_run(args) -> int:
    from pathlib import Path

    from sdlib.data import paths
    from sdlib.report.lock import RunLockedError
    from sdlib.report.params import ParameterError
    from sdlib.report.run import run_jobs
    from sdlib.report.schedule import Job, load_schedule, schedule_folder, shown

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
    pack = None
    if args.all:
        if args.param:
            raise ParameterError("-p kan niet samen met --all: het schedule bepaalt de parameters")
        if args.output is not None:
            raise ParameterError("--output kan niet samen met --all: het schedule bepaalt de uitvoernamen")
        schedule = Path(args.schedule) if args.schedule else paths.reports_dir() / "schedule.yml"
        jobs = load_schedule(schedule)
        pack = shown(schedule)  # a pack run: archive, run.json and the change summary
        if out is None:
            out = schedule_folder(jobs)  # e.g. reports/analisten/ for the analysts' pack
    else:
        if args.schedule is not None:
            raise ParameterError("--schedule draait een heel schedule; noem dan geen rapporten")
        given = _parse_assignments(args.param)
        jobs = [Job(name, dict(given), "{name}" if args.output is None else args.output) for name in args.names]

    import time

    started = time.perf_counter()
    try:
        results = run_jobs(
            jobs,
            n_jobs=args.jobs,
            out_dir=out,
            notebooks_dir=_notebooks_dir(args),
            progress=not args.no_progress,
            providers=choice_providers(),
            allow_missing_alt=args.allow_missing_alt,
            force=args.opnieuw,
            wait=args.wacht,
            pack=pack,
            describe_changes=describe_changes if pack is not None else None,
        )
    except RunLockedError as exc:
        print(f"fout: {exc}", file=sys.stderr)
        return 3
    _summary(results, time.perf_counter() - started)
    if pack is not None:
        if results.changes_text:
            print()
            print(results.changes_text.rstrip())
        if results.changes_error:
            print(f"let op: de wijzigingen konden niet worden beschreven: {results.changes_error}", file=sys.stderr)
        if results.pack_error:
            print(f"fout: {results.pack_error}", file=sys.stderr)
            return 1
    return 0 if all(r.status in ("ok", "unchanged", "skipped") for r in results) else 1


def describe_changes(versions, archive):
    """The change summary of a pack run: for each report archived in this run, what changed in the data it read.

    The runner hands over the versions (:class:`sdlib.report.archive.ReportVersions`) and the archive; the data
    the previous and the new version read are rebuilt from the archive into two temporary folders and compared
    (:func:`sdlib.calc.compare.compare_folders`), then said in Dutch (:mod:`sdlib.present.changes`). Returns the
    text and a function that gives the HTML page for ``{output: link}``.
    """
    import datetime as dt
    import tempfile
    from pathlib import Path

    from sdlib.present.changes import summary_html, summary_text

    made = dt.datetime.now()
    with tempfile.TemporaryDirectory(prefix="sdlib-wijzigingen-") as tmp:
        reports = [_report_change(v, archive, Path(tmp) / str(n)) for n, v in enumerate(versions)]
    try:
        from sdlib.data.config import municipality

        organisation = municipality().organisation
    except Exception:
        organisation = ""
    text = summary_text(reports, made=made, organisation=organisation)
    return text, lambda links: summary_html(reports, made=made, organisation=organisation, links=links)


def _report_change(v, archive, work):
    """One report of the change summary (a :class:`sdlib.present.changes.ReportChange`)."""
    from pathlib import Path

    from sdlib.calc.compare import compare_folders
    from sdlib.data.fileio import clip
    from sdlib.present.changes import ReportChange, change_lines

    known = v.current or v.previous
    title = known.title if known is not None else v.output
    since = v.previous.date if v.previous is not None else ""
    if v.status == "dropped":
        return ReportChange(v.output, title, "vervallen", since=since)
    if v.status == "failed":
        return ReportChange(v.output, title, "mislukt", note=f"Fout: {clip(v.error, 200)}" if v.error else "")
    if v.status == "skipped":
        return ReportChange(v.output, title, "overgeslagen")
    if v.current is None:
        return ReportChange(v.output, title, "ongewijzigd")
    if v.previous is None:
        return ReportChange(v.output, title, "nieuw" if v.in_previous_run is False else "eerste")
    why = "op verzoek (--opnieuw)" if v.reason.startswith("--opnieuw") else v.reason
    if v.status == "unchanged":
        why = "deze versie is na de vorige run van het pakket los gemaakt"
    if not (v.previous.inputs_complete and v.current.inputs_complete):
        return ReportChange(
            v.output,
            title,
            "bijgewerkt",
            since=since,
            note="Van een van beide versies is niet bekend welke gegevens die las; er is geen vergelijking.",
        )
    old, new = Path(work) / "oud", Path(work) / "nieuw"
    missing = archive.materialise(v.previous.inputs, old) + archive.materialise(v.current.inputs, new)
    if missing:
        return ReportChange(
            v.output,
            title,
            "bijgewerkt",
            since=since,
            note=f"De gegevens van een van beide versies staan niet volledig in het archief ({clip(', '.join(missing), 120)}); "
            "er is geen vergelijking.",
        )
    series = sorted(
        {
            Path(rel).stem
            for rel in {*v.previous.inputs, *v.current.inputs}
            if rel.startswith("series/") and rel.endswith(".csv")
        }
    )
    try:
        lines = change_lines(compare_folders(old, new, series=series), data_dir=new)
    except Exception as exc:  # one report's comparison never stops the summary of the others
        return ReportChange(
            v.output,
            title,
            "bijgewerkt",
            since=since,
            note=f"De wijzigingen konden niet worden berekend ({type(exc).__name__}: {clip(str(exc), 200)}).",
        )
    note = "" if lines else f"De cijfers zijn niet veranderd; opnieuw gemaakt: {why}."
    return ReportChange(v.output, title, "bijgewerkt", lines, since=since, note=note)


def _summary(results, elapsed_s: float | None = None) -> None:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    from sdlib.report.schedule import shown

    STATUS = {
        "ok": ("green", "ok"),
        "unchanged": ("cyan", "ongewijzigd"),
        "failed": ("red", "mislukt"),
        "invalid": ("yellow", "geweigerd"),
        "skipped": ("blue", "overgeslagen"),
    }
    table = Table(title="Rapporten")
    for col in ("rapport", "status", "seconden", "uitvoer / reden / fout"):
        table.add_column(col)
    for r in results:
        colour, word = STATUS[r.status]
        output = shown(r.output) if r.output else ""
        if r.status == "ok":
            detail = output + (f"\n{shown(r.html)}" if getattr(r, "html", "") else "")
            detail += f"\nreden: {r.reason}" if getattr(r, "reason", "") else ""
        elif r.status == "unchanged":
            detail = r.reason
        else:
            detail = f"{r.error}\n{output}".strip()
        table.add_row(
            escape(r.report), f"[{colour}]{word}[/{colour}]", f"{r.seconds:.1f}".replace(".", ","), escape(detail)
        )
    console = Console(width=160)
    console.print(table)
    counts = {word: sum(r.status == key for r in results) for key, (_, word) in STATUS.items()}
    parts = [f"{n} {word}" for word, n in counts.items() if n]
    total = f"{len(results)} rapport{'en' if len(results) != 1 else ''}: " + ", ".join(parts)
    if elapsed_s is not None:
        total += f"; klaar in {_duration(elapsed_s)}"
    console.print(total)


def _duration(seconds: float) -> str:
    """Return a Dutch duration: 9,8 s or 1 min 55 s."""
    if seconds < 60:
        return f"{seconds:.1f} s".replace(".", ",")
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes} min {rest} s"


class _RawHelp(argparse.RawDescriptionHelpFormatter):
    """Help that keeps the line breaks of the description and epilog (lists of examples and exit codes)."""

    def add_usage(self, usage, actions, groups, prefix=None):
        return super().add_usage(usage, actions, groups, prefix="gebruik: " if prefix is None else prefix)


RUN_EPILOG = """\
voorbeelden:
  sdlib report run indicatoren -p jaar=2023 --output '{name}_{jaar}'
  sdlib report run --all --jobs 2
  sdlib report run --schedule reports/schedule_analisten.yml
  sdlib report run --all --opnieuw          alles opnieuw, ook wat niet veranderd is

alleen wat veranderd is:
  Een rapport wordt opnieuw gemaakt als de notebook, de parameters, de gegevens die het las, de
  sjablonen of de software (Python, pakketversies, sdlib) veranderden, of als de PDF of HTML
  ontbreekt; anders blijven de bestanden staan ("ongewijzigd"). Het manifest naast elke PDF noemt
  de gelezen gegevensbestanden met hun sha256.

een pakket (--all of --schedule):
  bewaart elke nieuwe versie in reports/archief/JJJJ-MM-DD/ (nooit overschreven; overzicht in
  reports/archief/index.html), schrijft reports/run.json (per rapport ok, ongewijzigd, mislukt of
  overgeslagen, met de reden) en reports/wijzigingen.html en .txt: wat er veranderd is sinds de
  vorige versie (nieuwe en herziene cijfers, veranderde oordelen, rapporten erbij of eraf).

één run tegelijk:
  een tweede run in dezelfde uitvoermap stopt meteen (exitcode 3) of wacht met --wacht SECONDEN.

exitcodes:
  0  alle rapporten ok, ongewijzigd of overgeslagen
  1  een of meer rapporten mislukt (de vorige PDF blijft staan), of run.json of het archief kon niet
     worden geschreven
  2  geweigerd voordat er iets draaide: een onbekende naam, parameter of uitvoernaam, een fout in het
     schema; er is niets veranderd
  3  een andere run maakt al rapporten in dezelfde uitvoermap; er is niets veranderd
"""


ADD_EPILOG = """\
voorbeeld (eerst met --dry-run: controleert alles en toont wat er verandert):
  sdlib data add cijfers.csv --toelichtingen toelichtingen.csv --oordelen oordelen.csv \\
      --source-id js2025 --short-title "Jaarstukken 2025" \\
      --title "Jaarstukken 2025, Programma 2" --year 2026 --dry-run

de bestanden (CSV, UTF-8, komma's; de eerste regel noemt de kolommen):
  BESTAND           series, year, de dimensiekolommen, measure, value, table, reference_date,
                    provisional, note; een doel is een regel met measure begroting
  --toelichtingen   series, year (verslagjaar), about (jaar van de cijfers), table, text
  --oordelen        series, year, achieved (Ja of Nee, zoals achter 'Doel gehaald'), table (mag leeg)
  --passages        topic, kind (uitleg, aanpak, conclusie, vergelijking), year, section, text, sic
  De kolom source mag overal ontbreken: dan hoort de regel bij de nieuwe publicatie (--source-id).
  Voorbeelden: tests/fixtures/publication/test_js2025/. Uitleg: data/README.md.

wat er gebeurt:
  Een cijfer van een eerdere publicatie wordt nooit overschreven: het nieuwe staat ernaast en de
  rapporten tonen het nieuwste. Staat alles al in de gegevens, dan verandert er niets.

exitcodes:
  0  toegevoegd (of bij --dry-run: alles klopt)
  2  geweigerd: een fout in een bestand (bestand, regel en kolom staan erbij); er is niets gewijzigd
"""


NEW_EPILOG = """\
voorbeelden:
  sdlib report new drie_jaar_kort --onderwerp drie_jaar
  sdlib report new mantelzorg --onderwerp mantelzorg --titel "Mantelzorg in cijfers" --in-pakket

daarna:
  sdlib report run NAAM            maak de PDF en de HTML-versie
  make lab                         pas de notebook aan in JupyterLab (de recepten: README.md,
                                   'Een nieuw rapport')

Een onbekend onderwerp, een naam die al bestaat of geen gewone naam is (zoals ../x): dan wordt er
niets geschreven (exitcode 2).
"""


def _seconds(text: str) -> float:
    """argparse type of ``--wacht``: 0 or more seconds."""
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is geen getal; --wacht is een aantal seconden") from None
    if not value >= 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(f"--wacht moet 0 of meer seconden zijn, niet {text}")
    return value


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of the ``sdlib`` command (help and errors in Dutch)."""
    from sdlib.data.commandline import DutchArgumentParser

    parser = DutchArgumentParser(
        prog="sdlib",
        description="De cijfers van het sociaal domein van de gemeente (data/gemeente.yml): gegevens controleren "
        "en aanvullen, de catalogus en de begrippenlijst, en de rapporten maken.",
        epilog="Meer uitleg per opdracht: sdlib <opdracht> --help, bijvoorbeeld: sdlib report run --help",
    )
    parser.add_argument(
        "--data-dir", default=None, metavar="MAP", help="gebruik deze gegevensmap (standaard: data/ van het project)"
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="OPDRACHT")
    p = sub.add_parser(
        "validate",
        help="controleer alle gegevensbestanden tegen de catalogus (exitcode 1 bij een fout)",
        description="Controleer alle gegevensbestanden tegen de catalogus.",
    )
    p.set_defaults(func=_cmd_validate)
    p = sub.add_parser(
        "catalog",
        help="toon het overzicht van alle reeksen (jaren, bronnen, eenheid, richting)",
        description="Toon het overzicht van alle reeksen.",
    )
    p.add_argument(
        "--theme",
        metavar="THEMA",
        help="alleen dit thema (jeugd, wmo, mantelzorg, gezondheid, participatie, financien)",
    )
    p.set_defaults(func=_cmd_catalog)

    data = sub.add_parser(
        "data",
        help="gegevens aanvullen: een nieuwe publicatie toevoegen (sdlib data add --help)",
        description="Gegevens aanvullen.",
    )
    dsub = data.add_subparsers(dest="data_command", required=True, metavar="ACTIE")
    p = dsub.add_parser(
        "add",
        help="voeg een nieuwe publicatie toe: cijfers, doelen, toelichtingen, oordelen en passages (eerst "
        "gecontroleerd, alles of niets)",
        description="Voeg een nieuwe publicatie toe aan de gegevens: haar cijfers (BESTAND) en, met de opties\n"
        "hieronder, haar toelichtingen, haar oordelen 'Doel gehaald' en passages. Alles wordt eerst\n"
        "gecontroleerd zoals 'sdlib validate' dat doet; bij één fout verandert er niets. Daarna worden alle\n"
        "bestanden samen geschreven en de begrippenlijst (data/BEGRIPPENLIJST.md) opnieuw gemaakt. Tot slot\n"
        "staat er wat er veranderd is en welke rapporten de volgende 'make reports' met een nieuw jaar maakt.",
        formatter_class=_RawHelp,
        epilog=ADD_EPILOG,
    )
    p.add_argument(
        "file", metavar="BESTAND", help="CSV met de cijfers van de publicatie (ook de doelen: measure begroting)"
    )
    p.add_argument("--source-id", metavar="ID", help="id van de nieuwe publicatie voor data/sources.csv (bijv. js2025)")
    p.add_argument(
        "--short-title", metavar="TITEL", help="korte titel van de nieuwe publicatie, voor de 'Bron:'-regels"
    )
    p.add_argument("--title", metavar="TITEL", help="volledige titel van de nieuwe publicatie")
    p.add_argument(
        "--publisher",
        default=None,
        metavar="NAAM",
        help="uitgever (standaard: 'Gemeente <naam>' uit data/gemeente.yml)",
    )
    p.add_argument("--year", metavar="JAAR", help="jaar van verschijnen van de nieuwe publicatie")
    p.add_argument(
        "--toelichtingen",
        metavar="BESTAND",
        help="CSV met de toelichtingen van de publicatie: series, year, about, table, text",
    )
    p.add_argument(
        "--oordelen",
        metavar="BESTAND",
        help="CSV met de oordelen 'Doel gehaald': series, year, achieved (Ja of Nee), eventueel table",
    )
    p.add_argument(
        "--passages",
        metavar="BESTAND",
        help="CSV met passages die de rapporten citeren: topic, kind, year, section, text, eventueel sic",
    )
    p.add_argument("--dry-run", action="store_true", help="controleer en toon wat er verandert, schrijf niets")
    p.add_argument(
        "--no-progress",
        action="store_true",
        help="geen voortgangsbalk bij een groot bestand (die staat er alleen in een terminal)",
    )
    p.add_argument(
        "--wait",
        type=float,
        default=10.0,
        metavar="SECONDEN",
        help="seconden wachten op een andere 'sdlib data add' in dezelfde gegevensmap (standaard: 10)",
    )
    p.set_defaults(func=_cmd_data_add)

    p = sub.add_parser(
        "glossary",
        help="schrijf data/BEGRIPPENLIJST.md uit de catalogus en de registratiedefinities",
        description="Schrijf de begrippenlijst data/BEGRIPPENLIJST.md opnieuw.",
    )
    p.add_argument("--check", action="store_true", help="controleer alleen of het bestand bij is (exitcode 1 als niet)")
    p.set_defaults(func=_cmd_glossary)

    rep = sub.add_parser(
        "report", help="toon of maak de rapporten (PDF en HTML in reports/)", description="Toon of maak de rapporten."
    )
    rsub = rep.add_subparsers(dest="report_command", required=True, metavar="ACTIE")
    p = rsub.add_parser(
        "list",
        help="toon de rapporten en hun parameters (naam, soort, standaardwaarde)",
        description="Toon de rapporten en hun parameters.",
    )
    p.add_argument("--notebooks", metavar="MAP", help="map met rapportnotebooks (standaard: notebooks/reports)")
    p.set_defaults(func=_cmd_report_list)
    p = rsub.add_parser(
        "run",
        help="maak rapporten op naam, of het hele raadspakket met --all",
        description="Maak rapporten: een PDF en een toegankelijke HTML-versie per rapport. Namen,\n"
        "parameters en uitvoernamen worden eerst allemaal gecontroleerd; bij een fout wordt niets\n"
        "uitgevoerd. Alleen wat veranderd is, wordt opnieuw gemaakt.",
        formatter_class=_RawHelp,
        epilog=RUN_EPILOG,
    )
    p.add_argument("names", nargs="*", metavar="NAAM", help="rapporten om te maken (zie: sdlib report list)")
    p.add_argument("--all", action="store_true", help="maak alle rapporten van reports/schedule.yml (het raadspakket)")
    p.add_argument(
        "-p",
        "--param",
        action="append",
        default=[],
        metavar="NAAM=WAARDE",
        help="zet een parameter voor de genoemde rapporten (herhaalbaar); vooraf gecontroleerd",
    )
    p.add_argument(
        "--jobs",
        type=_jobs_count,
        default=None,
        metavar="AANTAL",
        help="aantal rapporten tegelijk, 1 of meer (standaard: aantal processorkernen)",
    )
    p.add_argument(
        "--out", default=None, metavar="MAP", help="uitvoermap (standaard: reports/); elk bestand blijft daarbinnen"
    )
    p.add_argument(
        "--output",
        default=None,
        metavar="SJABLOON",
        help="naam van de uitvoer voor genoemde rapporten, bijv. '{name}_{jaar}': alleen {name} en "
        "parameternamen, een gewone bestandsnaam",
    )
    p.add_argument(
        "--schedule",
        default=None,
        metavar="BESTAND",
        help="maak de rapporten van dit schema (standaard bij --all: reports/schedule.yml, het "
        "raadspakket; reports/schedule_analisten.yml is het pakket voor analisten, in "
        "reports/analisten/)",
    )
    p.add_argument(
        "--allow-missing-alt",
        action="store_true",
        help="concept: markeer een grafiek zonder tekstalternatief in plaats van het rapport te weigeren "
        "(niet om te publiceren)",
    )
    p.add_argument(
        "--opnieuw",
        "--force",
        dest="opnieuw",
        action="store_true",
        help="maak alle rapporten opnieuw, ook de rapporten waarvan niets veranderd is",
    )
    p.add_argument(
        "--wacht",
        type=_seconds,
        default=0.0,
        metavar="SECONDEN",
        help="wacht zo lang op een andere run in dezelfde uitvoermap (standaard 0: stop meteen, exitcode 3)",
    )
    p.add_argument("--notebooks", metavar="MAP", help="map met rapportnotebooks (standaard: notebooks/reports)")
    p.add_argument("--no-progress", action="store_true", help="geen voortgangsbalk (voor logbestanden)")
    p.set_defaults(func=_cmd_report_run)
    p = rsub.add_parser(
        "new",
        help="maak een nieuw rapport uit het sjabloon (notebooks/reports/NAAM.ipynb)",
        description="Maak een nieuw rapport: notebooks/reports/NAAM.ipynb, uit een sjabloon dat meteen werkt\n"
        '(parametercel met jaar = "laatste", de controle daarvan, titel en periode, kernboodschappen,\n'
        "een grafiek, een tabel, de woorden van de gemeente en de Verantwoording). Het rapport toont de\n"
        "cijfers van één onderwerp uit data/catalog.yml. Het komt alleen in het raadspakket\n"
        "(reports/schedule.yml) met --in-pakket.",
        formatter_class=_RawHelp,
        epilog=NEW_EPILOG,
    )
    p.add_argument(
        "name", metavar="NAAM", help="naam van het rapport: kleine letters, cijfers en _ (bijv. wmo_tevredenheid)"
    )
    p.add_argument("--onderwerp", metavar="ONDERWERP", help="onderwerp uit data/catalog.yml (topics:), bijv. drie_jaar")
    p.add_argument("--titel", metavar="TITEL", help="titel van het rapport (standaard: de titel van het onderwerp)")
    p.add_argument(
        "--in-pakket",
        action="store_true",
        help="zet het rapport ook in het raadspakket: een regel erbij in reports/schedule.yml (standaard: niet)",
    )
    p.add_argument(
        "--schedule",
        default=None,
        metavar="BESTAND",
        help="zet het rapport in dit schema in plaats van reports/schedule.yml (bevat --in-pakket)",
    )
    p.add_argument("--notebooks", metavar="MAP", help="map met rapportnotebooks (standaard: notebooks/reports)")
    p.set_defaults(func=_cmd_report_new)
    return parser


def _data_dir_problem(folder: str) -> str | None:
    """Why a --data-dir cannot be a data folder (Dutch), or None."""
    from pathlib import Path

    from sdlib.data.paths import shown_path

    path = Path(folder)
    if not path.exists():
        return f"{shown_path(path)}: deze map bestaat niet"
    if not path.is_dir():
        return f"{shown_path(path)}: is een bestand, geen map; geef de map met catalog.yml en sources.csv"
    if not (path / "catalog.yml").is_file():
        return f"{shown_path(path)}: in deze map staat geen catalog.yml; is dit wel een gegevensmap?"
    return None


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    args = build_parser().parse_args(argv)
    from sdlib.data.errors import SdlibError
    from sdlib.data.fileio import clip, os_reason

    if args.data_dir is not None:
        problem = _data_dir_problem(args.data_dir)
        if problem:
            print(f"fout: --data-dir {problem}", file=sys.stderr)
            return 2

    try:
        return args.func(args)
    except (SdlibError, ValueError) as exc:
        print(f"fout: {clip(str(exc), MAX_MESSAGE)}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"fout: {os_reason(exc)}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("afgebroken", file=sys.stderr)
        return 130
