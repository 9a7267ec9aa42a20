"""From an executed notebook to a PDF: nbconvert's HTML exporter without inputs, then WeasyPrint.

The page layout (A4, page numbers, title page, table of contents) is CSS in ``reports/templates/report.css``.
No LaTeX and no browser are involved.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from sdlib.data import paths

__all__ = ["notebook_html", "report_html", "html_to_pdf", "clean_outputs"]

_H2 = re.compile(r"<h2([^>]*)>(.*?)</h2>", re.S)


def clean_outputs(nb):
    """Drop what a council member should not see: stderr streams (warnings) and the parameter cells."""
    for cell in nb.cells:
        tags = cell.metadata.get("tags", [])
        if cell.cell_type != "code":
            continue
        if "parameters" in tags or "injected-parameters" in tags:
            cell.outputs = []
            continue
        cell.outputs = [o for o in cell.outputs if not (o.output_type == "stream" and o.name == "stderr")]
    return nb


def notebook_html(nb) -> str:
    """Return the body HTML of an executed notebook, without code cells or prompts."""
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(template_name="basic", exclude_input=True, exclude_input_prompt=True,
                            exclude_output_prompt=True)
    body, _ = exporter.from_notebook_node(clean_outputs(nb))
    return re.sub(r'<a class="anchor-link"[^>]*>.*?</a>', "", body, flags=re.S)


def _toc(body: str) -> tuple[str, str]:
    entries = []

    def number(match):
        attrs, inner = match.group(1), match.group(2)
        anchor = f"sec-{len(entries) + 1}"
        attrs = re.sub(r'\sid="[^"]*"', "", attrs)
        entries.append((anchor, re.sub(r"<[^>]+>", "", inner).strip()))
        return f'<h2 id="{anchor}"{attrs}>{inner}</h2>'

    body = _H2.sub(number, body)
    items = "".join(f'<li><a href="#{a}">{html.escape(t)}</a></li>' for a, t in entries)
    return body, f'<nav class="toc"><h2 class="toc-title">Inhoud</h2><ul>{items}</ul></nav>'


def report_html(body: str, *, title: str, period: str, run_date: str, parameters: dict, data_version: str,
                organisation: str | None = None) -> str:
    """Wrap a notebook body in the report document: title page, contents, then the sections.

    ``organisation`` heads the title page; default ``Gemeente <name>`` from ``data/gemeente.yml``.
    """
    if organisation is None:
        from sdlib.data.config import municipality

        organisation = municipality().organisation
    css = (paths.project_root() / "reports" / "templates" / "report.css").read_text(encoding="utf-8")
    body, toc = _toc(body)
    params = "".join(
        f"<tr><th>{html.escape(str(k))}</th><td>{html.escape(str(v))}</td></tr>" for k, v in parameters.items()
    ) or '<tr><td colspan="2">geen</td></tr>'
    return f"""<!DOCTYPE html>
<html lang="nl"><head><meta charset="utf-8"><title>{html.escape(title)}</title><style>{css}</style></head>
<body>
<section class="title-page">
  <p class="org">{html.escape(organisation)} &middot; Sociaal domein</p>
  <h1 class="doc-title">{html.escape(title)}</h1>
  <p class="period">{html.escape(period)}</p>
  <table class="meta">
    <tr><th>Datum van de run</th><td>{html.escape(run_date)}</td></tr>
    <tr><th>Gegevens</th><td>{html.escape(data_version)}</td></tr>
  </table>
  <h3>Parameters</h3>
  <table class="meta">{params}</table>
</section>
{toc}
<main>{body}</main>
</body></html>"""


def html_to_pdf(document: str) -> bytes:
    """Render an HTML document to PDF bytes with WeasyPrint."""
    import logging

    from weasyprint import HTML

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    return HTML(string=document, base_url=str(Path.cwd())).write_pdf()
