"""What adding a publication changes, in plain Dutch: the closing text of ``sdlib data add``.

The facts come from below: the new rows, verdicts and texts from :class:`sdlib.data.update.AddResult`, the
figures that are new, revised or confirmed from :func:`sdlib.calc.compare.compare_folders` (the data folder
before and after), and what the next pack run shows as :class:`NextReport` lines (the command line computes them
with :mod:`sdlib.report.outlook`). This module only says them::

    Nieuwe publicatie: Jaarstukken 2025 (testpublicatie), verschenen in 2026 (bron-id test_js2025).

    Nieuwe jaren:
    - Aandeel jeugdigen drie jaar of langer in jeugdhulp: 2025 (realisatie en begroting).
    Herziene cijfers (...):
    - Aandeel jeugdigen drie jaar of langer in jeugdhulp 2024: was 48,0% volgens de Jaarstukken 2024, nu 47,6%
      volgens de Jaarstukken 2025 (testpublicatie).
    ...
    Bij de volgende make reports (of sdlib report run --all):
    - Indicatoren van het programma: verslagjaar 2025 (nu verslagjaar 2024).
"""

from __future__ import annotations

from dataclasses import dataclass

from sdlib.data.catalog import model, read_sources
from sdlib.data.texts import PASSAGE_KINDS
from sdlib.present.changes import _dimension_labels, _figure, _source, _value
from sdlib.present.sentences import join

__all__ = ["NextReport", "summary_lines", "summary_text", "NEXT_RUN"]

NEXT_RUN = "make reports (of sdlib report run --all)"


@dataclass
class NextReport:
    """One report of the council pack in the next run.

    ``change`` is ``jaar`` (it shows another period: ``before`` -> ``after``), ``gegevens`` (same period, made
    again because a data file it reads changes; ``reason`` may say which), ``nieuw`` (made now, skipped before),
    ``vervalt`` (skipped now, with ``reason``) or ``gelijk`` (same period; made again only if a file it reads
    changes).
    """

    title: str
    before: str
    after: str
    change: str
    reason: str = ""


def _title(cat, sid: str) -> str:
    entry = cat.series.get(sid)
    return entry.title if entry is not None else sid


def _years(years: list[int]) -> str:
    return join(str(y) for y in sorted(set(years)))


def summary_lines(
    result, comparison=None, *, next_reports: list[NextReport] | None = None, glossary: str = "", data_dir=None
) -> list[str]:
    """The summary of an add as lines of text (empty lines between the parts).

    Parameters
    ----------
    result : sdlib.data.update.AddResult
        What the add did (or, in a dry run, would do).
    comparison : sdlib.calc.compare.Comparison, optional
        The figures of the changed series, before and after.
    next_reports : list of NextReport, optional
        The reports of the next pack run.
    glossary : str
        What happens to the glossary, e.g. ``bijgewerkt`` or ``ongewijzigd`` ('' says nothing).
    data_dir : path
        The data folder as it will be (titles of series, topics and sources).
    """
    if result.unchanged:
        return ["Alles van deze publicatie staat al in de gegevens: er is niets gewijzigd."]
    cat = model(data_dir)
    sources = read_sources(data_dir)
    labels = _dimension_labels(data_dir)
    out: list[str] = []
    if result.source:
        s = result.source
        title = s.get("short_title") or s.get("title") or s["id"]
        out += [f"Nieuwe publicatie: {title}, verschenen in {s.get('publication_year')} (bron-id {s['id']}).", ""]
    figures = comparison.figures if comparison is not None else []
    new_years: dict[str, dict[int, list[str]]] = {}
    for c in figures:
        if c.kind == "nieuw" and c.new_year:
            new_years.setdefault(c.series, {}).setdefault(c.year, [])
            if c.measure not in new_years[c.series][c.year]:
                new_years[c.series][c.year].append(c.measure)
    if new_years:
        out.append("Nieuwe jaren:")
        for sid, years in new_years.items():
            measures = sorted(
                {m for ms in years.values() for m in ms}, key=["realisatie", "begroting", "prognose"].index
            )
            what = f" ({join(measures)})" if measures != ["realisatie"] else ""
            out.append(f"- {_title(cat, sid)}: {_years(list(years))}{what}.")
        out.append("")
    extra = [c for c in figures if c.kind == "nieuw" and not c.new_year]
    if extra:
        out.append("Nieuwe cijfers bij jaren die er al waren:")
        out += [f"- {_figure(c, labels)}: {_value(c, 'new')}." for c in extra]
        out.append("")
    revised = [c for c in figures if c.kind == "herzien"]
    if revised:
        out.append("Herziene cijfers (het eerdere cijfer blijft bewaard; de rapporten tonen het nieuwste):")
        out += [
            f"- {_figure(c, labels)}: was {_value(c, 'old')} {_source(c.old_source_title)}, "
            f"nu {_value(c, 'new')} {_source(c.new_source_title)}."
            for c in revised
        ]
        out.append("")
    confirmed = [c for c in figures if c.kind == "bevestigd"]
    if confirmed:
        out += [
            f"Bevestigd: {len(confirmed)} cijfer{'s' if len(confirmed) != 1 else ''} met dezelfde waarde als eerder "
            f"gepubliceerd ({join(dict.fromkeys(_title(cat, c.series) for c in confirmed))}).",
            "",
        ]
    if result.verdicts:
        out.append("Nieuwe oordelen 'Doel gehaald':")
        for v in result.verdicts:
            doc = (sources.get(v["source"]) or {}).get("short_title") or v["source"]
            out.append(f"- {_title(cat, v['series'])} {v['year']}: {'Ja' if v['achieved'] else 'Nee'} ({doc}).")
        out.append("")
    computed = [
        v for v in (comparison.verdicts if comparison is not None else []) if v.kind == "berekend" and v.old is not None
    ]
    if computed:
        word = {True: "doel gehaald", False: "doel niet gehaald", None: "geen oordeel"}
        out.append("Berekende oordelen die veranderen (eigen berekening uit cijfer en doel):")
        out += [f"- {v.title} {v.year}: eerst {word[v.old]}, nu {word[v.new]}." for v in computed]
        out.append("")
    if result.toelichtingen:
        out.append("Nieuwe toelichtingen van de gemeente:")
        out += [
            f"- {_title(cat, t['series'])} (verslagjaar {t['year']}, over {t['about']})." for t in result.toelichtingen
        ]
        out.append("")
    if result.passages:
        out.append("Nieuwe passages:")
        for p in result.passages:
            topic = cat.topics.get(p["topic"])
            out.append(
                f"- {topic.title if topic else p['topic']}: {PASSAGE_KINDS.get(p['kind'], p['kind'])} "
                f"({p['section']}, {p['year']})."
            )
        out.append("")
    if glossary:
        out += [f"Begrippenlijst: {glossary}.", ""]
    if next_reports is not None:
        out += _next_lines(next_reports)
    return out


def _next_lines(reports: list[NextReport]) -> list[str]:
    out = [f"Bij de volgende {NEXT_RUN}:"]
    again = [r for r in reports if r.change == "gegevens"]
    same = [r.title for r in reports if r.change == "gelijk"]
    for r in reports:
        if r.change == "jaar":
            out.append(f"- {r.title}: {r.after} (nu {r.before}).")
        elif r.change == "nieuw":
            out.append(f"- {r.title}: wordt nu gemaakt{f' ({r.after})' if r.after else ''}; het werd overgeslagen.")
        elif r.change == "vervalt":
            out.append(f"- {r.title}: wordt overgeslagen ({r.reason}).")
    if again:
        why = next((r.reason for r in again if r.reason), "")
        out.append(
            f"- Opnieuw gemaakt met dezelfde periode: {join(r.title for r in again)}"
            + (f" ({why})." if why else " (ze lezen gewijzigde gegevens).")
        )
    if same:
        out.append(
            f"- Zelfde periode: {join(same)}. Deze worden alleen opnieuw gemaakt als ze een gewijzigd bestand lezen."
        )
    if len(out) == 1:
        out.append("- Geen rapport in het schema.")
    return out


def summary_text(result, body: list[str] | None = None) -> str:
    """The whole closing text of an add: ``body`` (from :func:`summary_lines`), the files and the last sentence.

    A dry run ends by saying nothing was written; a real add by naming the command that makes the reports.
    """
    if result.unchanged:
        return "Alles van deze publicatie staat al in de gegevens: er is niets gewijzigd.\n"
    lines = list(body or [])
    if result.files:
        verb = "Zou schrijven" if result.dry_run else "Geschreven"
        lines += ["", f"{verb}: {', '.join(result.files)}."]
    if result.dry_run:
        lines += ["", "Proefrun (--dry-run): er is niets geschreven. Zonder --dry-run wordt dit toegevoegd."]
    else:
        lines += ["", f"Toegevoegd. Maak de rapporten met {NEXT_RUN}."]
    text = "\n".join(lines)
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text.strip() + "\n"
