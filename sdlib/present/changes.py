"""What is new in this week's reports, in plain Dutch for a council clerk: a text (for a mail) and an HTML page.

The figures come from :mod:`sdlib.calc.compare`; this module only says them::

    Nieuwe publicatie: de Jaarstukken 2025.
    Nieuw: Aandeel jeugdigen drie jaar of langer in jeugdhulp, begroting 2025: 44,0% volgens de Jaarstukken 2025.
    Herzien: Aandeel jeugdigen drie jaar of langer in jeugdhulp 2024 (was 48,0% volgens de Jaarstukken 2024,
        nu 47,6% volgens de Jaarstukken 2025).
    Oordeel veranderd: Aandeel jeugdigen drie jaar of langer in jeugdhulp 2024: eerst doel niet gehaald, nu doel
        gehaald (eigen berekening).

The HTML page is built like the reports' HTML twins: ``lang="nl-NL"``, one ``h1``, sections with ``h2``, every
text escaped, the reports' style sheet inline and a Content-Security-Policy that allows no script and no request.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import html
from dataclasses import dataclass, field

from sdlib.present.fmt import fmt_long_date, fmt_value
from sdlib.present.sentences import _document, join

__all__ = [
    "ReportChange",
    "change_lines",
    "summary_text",
    "summary_html",
    "STATUS_SENTENCES",
    "MAX_LINES",
]

MAX_LINES = 8  # lines of one kind per report; the rest are counted
EXTRA_CSS = """
/* the change summary */
ul.sd-changes li { margin: 0.3rem 0; }
p.sd-report-status { color: #333; }
"""

# the first sentence under a report's heading, by status
STATUS_SENTENCES = {
    "bijgewerkt": "Bijgewerkt.",
    "nieuw": "Nieuw in het pakket.",
    "eerste": "Eerste versie in het archief; er is geen eerdere versie om mee te vergelijken.",
    "vervallen": "Niet meer in het pakket.",
    "mislukt": "Niet bijgewerkt: het maken is mislukt. De vorige versie blijft staan.",
    "overgeslagen": "Overgeslagen: er zijn geen gegevens voor dit rapport.",
    "ongewijzigd": "Ongewijzigd.",
}


@dataclass
class ReportChange:
    """One report in the change summary.

    ``status`` is a key of :data:`STATUS_SENTENCES`; ``lines`` the Dutch lines (from :func:`change_lines`);
    ``since`` the ISO date of the version compared with; ``note`` an extra sentence (why there is no comparison,
    why it was made again).
    """

    output: str
    title: str
    status: str
    lines: list[str] = field(default_factory=list)
    since: str = ""
    note: str = ""

    def sentence(self) -> str:
        text = STATUS_SENTENCES.get(self.status, "")
        if self.status == "bijgewerkt" and self.since:
            text = f"Bijgewerkt; vergeleken met de versie van {_long(self.since)}."
        if self.status == "vervallen" and self.since:
            text = f"Niet meer in het pakket; de laatste versie is van {_long(self.since)}."
        return f"{text} {self.note}".strip()


def _long(iso: str) -> str:
    try:
        return fmt_long_date(dt.date.fromisoformat(iso[:10]))
    except ValueError:
        return iso


def _source(title: str | None) -> str:
    """'volgens de Jaarstukken 2025' (the article of a document title), or '' without a source."""
    return f"volgens {_document(title)[0]}" if title else ""


def _dimension_labels(data_dir) -> dict:
    """{dimension: {value: label}} from the catalog of ``data_dir`` (empty when it cannot be read)."""
    if data_dir is None:
        return {}
    try:
        from sdlib.data.catalog import read_catalog

        dims = read_catalog(data_dir).get("dimensions") or {}
        return {d: dict(spec.get("labels") or {}) for d, spec in dims.items() if isinstance(spec, dict)}
    except Exception:
        return {}


def _dimension_value(col: str, val, labels: dict) -> str:
    """A dimension value as a reader says it: the catalog's label, a month by its Dutch name ('juli', not 7)."""
    if col == "month" and str(val).isdigit() and 1 <= int(val) <= 12:
        from sdlib.present.fmt import month_name

        return month_name(int(val))
    return str(labels.get(col, {}).get(val, val))


def _figure(change, labels: dict) -> str:
    """'Aandeel ... 2024', 'Aandeel ..., begroting 2025', 'Kosten per type 2024 (jeugdbescherming)'."""
    when = str(change.year) if change.measure == "realisatie" else f"{change.measure} {change.year}"
    text = f"{change.title}, {when}" if change.measure != "realisatie" else f"{change.title} {when}"
    if change.dimensions:
        values = [_dimension_value(col, val, labels) for col, val in change.dimensions]
        text += f" ({', '.join(values)})"
    return text


def _value(change, which: str) -> str:
    value = getattr(change, f"{which}_value")
    return fmt_value(value, change.unit or "count", change.decimals)


def _verdict_word(value: bool | None) -> str:
    return {True: "doel gehaald", False: "doel niet gehaald", None: "geen oordeel"}[value]


def _published_word(value: bool | None) -> str:
    return {True: "'Doel gehaald: Ja'", False: "'Doel gehaald: Nee'", None: "geen oordeel"}[value]


def _capped(lines: list[str], noun: str) -> list[str]:
    if len(lines) <= MAX_LINES:
        return lines
    return lines[:MAX_LINES] + [f"En nog {len(lines) - MAX_LINES} {noun}."]


def change_lines(comparison, *, data_dir=None) -> list[str]:
    """The Dutch lines of one report's changes (publications, figures, verdicts, series), at most a few per kind.

    ``data_dir`` (the newer data folder) gives the labels of dimension values; without it the values are shown.
    """
    labels = _dimension_labels(data_dir)
    lines = []
    if comparison.new_sources:
        docs = join(_document(title)[0] for _, title in comparison.new_sources)
        lines.append(f"Nieuwe publicatie{'s' if len(comparison.new_sources) > 1 else ''}: {docs}.")
    new = [
        f"Nieuw: {_figure(c, labels)}: {_value(c, 'new')}"
        + (f" {_source(c.new_source_title)}" if c.new_source_title else "")
        + "."
        for c in comparison.of_kind("nieuw")
    ]
    lines += _capped(new, "nieuwe cijfers")
    revised = []
    for c in comparison.of_kind("herzien"):
        if c.old_source == c.new_source:
            revised.append(
                f"Herzien: {_figure(c, labels)} (was {_value(c, 'old')}, nu {_value(c, 'new')}, beide "
                f"{_source(c.new_source_title)}: de overgenomen waarde is verbeterd)."
            )
        else:
            revised.append(
                f"Herzien: {_figure(c, labels)} (was {_value(c, 'old')} {_source(c.old_source_title)}, "
                f"nu {_value(c, 'new')} {_source(c.new_source_title)})."
            )
    lines += _capped(revised, "herziene cijfers")
    confirmed = [
        f"Bevestigd: {_figure(c, labels)}: {_value(c, 'new')}, nu ook {_source(c.new_source_title)} "
        f"(eerder {_source(c.old_source_title)})."
        for c in comparison.of_kind("bevestigd")
    ]
    lines += _capped(confirmed, "bevestigde cijfers")
    gone = [
        f"Vervallen: {_figure(c, labels)}: {_value(c, 'old')} {_source(c.old_source_title)} staat niet meer in de "
        "gegevens."
        for c in comparison.of_kind("vervallen")
    ]
    lines += _capped(gone, "vervallen cijfers")
    verdicts = []
    for v in comparison.verdicts:
        if v.kind == "berekend":
            basis = f" (eigen berekening, {_source(v.source_title)})" if v.source_title else " (eigen berekening)"
            if v.old is None:
                verdicts.append(f"Nieuw oordeel: {v.title} {v.year}: {_verdict_word(v.new)}{basis}.")
            else:
                verdicts.append(
                    f"Oordeel veranderd: {v.title} {v.year}: eerst {_verdict_word(v.old)}, nu "
                    f"{_verdict_word(v.new)}{basis}."
                )
        else:
            by = f" ({v.source_title})" if v.source_title else ""
            verdicts.append(
                f"Oordeel van de gemeente veranderd: {v.title} {v.year}: eerst {_published_word(v.old)}, nu "
                f"{_published_word(v.new)}{by}."
            )
    lines += _capped(verdicts, "veranderde oordelen")
    if comparison.series_added:
        lines.append(f"Nieuw in dit rapport: {join(t for _, t in comparison.series_added)}.")
    if comparison.series_removed:
        lines.append(f"Niet meer in dit rapport: {join(t for _, t in comparison.series_removed)}.")
    return lines


def _heading(made: dt.datetime) -> str:
    return f"Wijzigingen in de rapporten van {fmt_long_date(made)}"


def _quiet(reports: list[ReportChange]) -> tuple[list[ReportChange], list[ReportChange]]:
    """Split into the reports with something to say and the unchanged ones (listed in one line)."""
    loud = [r for r in reports if r.status != "ongewijzigd" or r.lines or r.note]
    return loud, [r for r in reports if r not in loud]


def summary_text(reports: list[ReportChange], *, made: dt.datetime, organisation: str = "") -> str:
    """The change summary as plain text (the body of a mail to the clerk)."""
    loud, quiet = _quiet(reports)
    out = [_heading(made), ""]
    if organisation:
        out[0] = f"{organisation}, sociaal domein: {out[0][0].lower()}{out[0][1:]}"
    if not loud:
        out.append("Geen wijzigingen: alle rapporten zijn hetzelfde als bij de vorige run.")
    for r in loud:
        out.append(f"{r.title} ({r.output})")
        out.append(r.sentence())
        out += [f"- {line}" for line in r.lines]
        out.append("")
    if quiet:
        out.append(f"Ongewijzigd: {join(r.title for r in quiet)}.")
    return "\n".join(out).rstrip() + "\n"


def _policy(css: str) -> str:
    """The Content-Security-Policy of the reports' HTML twins: no script, no request, only this style sheet."""
    digest = base64.b64encode(hashlib.sha256(css.encode("utf-8")).digest()).decode("ascii")
    return (
        f"default-src 'none'; img-src data:; style-src 'sha256-{digest}'; font-src data:; "
        "base-uri 'none'; form-action 'none'"
    )


def _style_sheet() -> str:
    from sdlib.data import paths

    try:
        css = (paths.project_root() / "reports" / "templates" / "report.css").read_text(encoding="utf-8")
    except Exception:
        css = ""
    return css + EXTRA_CSS


def summary_html(
    reports: list[ReportChange],
    *,
    made: dt.datetime,
    organisation: str = "",
    links: dict[str, str] | None = None,
    css: str | None = None,
) -> str:
    """The change summary as a self-contained, accessible HTML page.

    ``links`` maps an output name to the address of its HTML twin relative to the page (no link when absent).
    """
    e = html.escape
    css = _style_sheet() if css is None else css
    links = links or {}
    loud, quiet = _quiet(reports)
    sections = []
    for number, r in enumerate(loud, start=1):
        href = links.get(r.output)
        title = f'<a href="{e(href)}">{e(r.title)}</a>' if href else e(r.title)
        items = "".join(f"<li>{e(line)}</li>" for line in r.lines)
        sections.append(
            f'<section class="sd-section" aria-labelledby="r{number}"><h2 id="r{number}">{title}</h2>'
            f'<p class="sd-report-status">{e(r.sentence())}</p>'
            + (f'<ul class="sd-changes">{items}</ul>' if items else "")
            + "</section>"
        )
    if not loud:
        sections.append("<p>Geen wijzigingen: alle rapporten zijn hetzelfde als bij de vorige run.</p>")
    if quiet:
        names = join(
            (f'<a href="{e(links[r.output])}">{e(r.title)}</a>' if r.output in links else e(r.title)) for r in quiet
        )
        sections.append(
            f'<section class="sd-section" aria-labelledby="r0"><h2 id="r0">Ongewijzigd</h2><p>{names}.</p></section>'
        )
    heading = _heading(made)
    org = f'<p class="org">{e(organisation)} &middot; Sociaal domein</p>' if organisation else ""
    return f"""<!DOCTYPE html>
<html lang="nl-NL"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{_policy(css)}">
<title>{e(heading)}</title>
<style>{css}</style></head>
<body>
<a class="skip-link" href="#inhoud">Naar de inhoud</a>
<header class="title-page">
{org}
<h1 class="doc-title">{e(heading)}</h1>
<p class="period">Wat er nieuw of anders is in de rapporten, vergeleken met de vorige versie in het archief.
Gemaakt op {e(fmt_long_date(made))} om {made:%H:%M}.</p>
</header>
<main id="inhoud">
{chr(10).join(sections)}
</main>
</body></html>"""
