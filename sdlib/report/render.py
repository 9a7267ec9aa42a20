"""From an executed notebook to a council report: one HTML document, rendered to a tagged PDF (PDF/UA-1).

The notebook's outputs (without code, prompts or warnings) become the sections of the report; the title page
(organisation, title, period, date, sources), the contents (only from 5 sections on, on the title page) and the
technical details at the end of the Verantwoording are added here. The same HTML document, self-contained
(CSS inline, images as data URIs), is the HTML twin beside the PDF. Page layout and screen layout are CSS in
``reports/templates/report.css``. No LaTeX and no browser are involved.

Accessibility: one ``h1`` (the title), section headings ``h2`` and below without skipped levels, ``lang``,
a document title, and no image without a text alternative: an image without ``alt`` stops the job
(:class:`MissingAltError`) unless ``allow_missing_alt`` marks it visibly as a draft.
"""

from __future__ import annotations

import base64
import datetime as dt
import html
import re

from sdlib.data import paths

__all__ = [
    "notebook_html",
    "notebook_blocks",
    "report_html",
    "html_to_pdf",
    "clean_outputs",
    "dutch_date",
    "MissingAltError",
    "images_without_alt",
    "MIN_TOC_SECTIONS",
    "LANG",
    "sanitize",
    "content_security_policy",
]

LANG = "nl-NL"
MIN_TOC_SECTIONS = 5  # a table of contents only from this many sections on
MISSING_ALT = "Grafiek zonder tekstalternatief"
_HEADING = re.compile(r"<h([1-6])(\s[^>]*)?>(.*?)</h\1\s*>", re.S | re.I)
_IMG = re.compile(r"<img\b[^>]*>", re.S | re.I)
_ALT = re.compile(r"""\balt\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)
_FIGURE_LIKE = re.compile(r"<(figure|img|table|svg)\b", re.I)
_MIME_ORDER = ("text/html", "text/markdown", "image/svg+xml", "image/png", "image/jpeg", "text/plain")


class MissingAltError(ValueError):
    """The notebook shows an image without a text alternative; the report would not be accessible."""


def dutch_date(value: dt.date) -> str:
    """26 november 2026 (babel, Dutch)."""
    from babel.dates import format_date

    return format_date(value, format="d MMMM y", locale="nl_NL")


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


# --- what a report may contain ---------------------------------------------------------------------------------------
# Every output of a notebook passes an allow-list sanitizer (nh3) before it becomes part of the report: raw HTML
# from data (a title, a source, a note) can never add a script, a frame, a style, a link to a file or a request.
# Images are inline (data: URIs) and links only point inside the document (#...). The PDF renderer fetches
# nothing but data: URIs (see :func:`html_to_pdf`) and the HTML twin forbids every request by its Content-Security-Policy.
ALLOWED_TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "caption",
    "cite",
    "code",
    "col",
    "colgroup",
    "dd",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "li",
    "ol",
    "p",
    "picture",
    "pre",
    "q",
    "section",
    "small",
    "source",
    "span",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
}
_COMMON = {
    "class",
    "id",
    "lang",
    "role",
    "title",
    "aria-label",
    "aria-labelledby",
    "aria-describedby",
    "aria-hidden",
    "tabindex",
}
ALLOWED_ATTRIBUTES = {
    "*": _COMMON,
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "source": {"srcset", "media"},
    "td": {"colspan", "rowspan", "headers", "data-label"},  # the column name a phone shows beside the value
    "th": {"colspan", "rowspan", "headers", "scope"},
    "ol": {"start"},
}


def _allowed_url(tag: str, attribute: str, value: str) -> str | None:
    """Keep only in-document links and inline images; every other URL is dropped."""
    value = value.strip()
    if tag == "a" and attribute == "href":
        return value if value.startswith("#") else None
    if (tag, attribute) in (("img", "src"), ("source", "srcset")):
        return value if re.match(r"data:image/(png|jpeg|gif|svg\+xml);base64,[A-Za-z0-9+/=]*$", value, re.I) else None
    if tag == "source" and attribute == "media":
        return value if re.fullmatch(r"\((max|min)-width: ?\d+px\)", value) else None
    return value


def sanitize(markup: str) -> str:
    """Return ``markup`` reduced to the document tags and attributes a report uses (nh3, an allow-list).

    Scripts, styles, frames, forms, event handlers, ``style`` attributes, links out of the document and images
    that are not inline are removed; the text inside removed tags stays, escaped.
    """
    import nh3

    clean = nh3.clean(
        markup,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=_allowed_url,
        url_schemes={"data"},
        link_rel=None,
        strip_comments=True,
        clean_content_tags={
            "script",
            "style",
            "iframe",
            "object",
            "embed",
            "template",
            "noscript",
            "textarea",
            "select",
            "title",
            "math",
            "svg",
        },
    )
    return re.sub(r"<img\b(?![^>]*\bsrc=)[^>]*>", "", clean)  # an image whose source was not inline is gone


def _markdown(text: str) -> str:
    """Markdown to HTML; raw HTML in the text is shown as text, never interpreted."""
    import mistune

    return sanitize(mistune.create_markdown(escape=True, plugins=["table", "strikethrough"])(text))


def _text(value) -> str:
    return value if isinstance(value, str) else "".join(value)


def _image(mime: str, data, cell: int) -> str:
    if mime == "image/svg+xml":
        data = base64.b64encode(_text(data).encode("utf-8")).decode("ascii")
    src = f"data:{mime};base64,{_text(data).strip()}"
    return f'<img src="{src}" data-sd-cell="{cell}">'  # no alt: checked (and refused or marked) later


def _output_html(output, cell: int) -> tuple[str, str] | None:
    """Return (kind, html) of one output: kind ``markdown`` (may hold headings) or ``block``."""
    kind = output.get("output_type")
    if kind == "stream":
        return "block", f'<pre class="sd-output">{html.escape(_text(output.get("text", "")))}</pre>'
    if kind not in ("display_data", "execute_result"):
        return None
    data = output.get("data", {})
    if "application/vnd.jupyter.widget-view+json" in data:
        return None  # an interactive widget has no place in a printed report
    for mime in _MIME_ORDER:
        if mime not in data:
            continue
        if mime == "text/html":  # only document markup: no scripts, styles, frames or requests (see sanitize)
            return "block", sanitize(_text(data[mime]))
        if mime == "text/markdown":
            return "markdown", _markdown(_text(data[mime]))
        if mime.startswith("image/"):
            return "block", _image(mime, data[mime], cell)
        return "block", f'<pre class="sd-output">{html.escape(_text(data[mime]))}</pre>'
    return None


def notebook_blocks(nb) -> list[tuple[str, str]]:
    """Return the visible parts of an executed notebook in order: (kind, html), kind ``markdown`` or ``block``."""
    blocks = []
    for number, cell in enumerate(clean_outputs(nb).cells, start=1):
        if cell.cell_type == "markdown":
            blocks.append(("markdown", _markdown(_text(cell.source))))
        elif cell.cell_type == "code":
            for output in cell.get("outputs", []):
                part = _output_html(output, number)
                if part is not None and part[1].strip():
                    blocks.append(part)
    return blocks


def notebook_html(nb) -> str:
    """Return the body HTML of an executed notebook, without code cells or prompts."""
    return "\n".join(part for _, part in notebook_blocks(nb))


# --- images -------------------------------------------------------------------------------------------------------


def _alt(tag: str) -> str | None:
    m = _ALT.search(tag)
    if not m:
        return None
    return next(g for g in m.groups() if g is not None)


def images_without_alt(document: str) -> list[str]:
    """Return the ``<img>`` tags of ``document`` whose text alternative is missing or empty."""
    return [tag for tag in _IMG.findall(document) if not (_alt(tag) or "").strip()]


def _treat_images(body: str, allow_missing_alt: bool) -> tuple[str, int]:
    """Refuse (MissingAltError) or mark every image without a text alternative; return body and their number."""
    missing = images_without_alt(body)
    if not missing:
        return body, 0
    if not allow_missing_alt:
        cells = sorted({int(m.group(1)) for tag in missing for m in [re.search(r'data-sd-cell="(\d+)"', tag)] if m})
        where = f" (cel {', '.join(map(str, cells))} van de notebook)" if cells else ""
        raise MissingAltError(
            f"Het rapport toont {len(missing)} afbeelding(en) zonder tekstalternatief{where}. Een rapport voor de "
            "raad moet toegankelijk zijn (WCAG 2.1 AA, PDF/UA): elke grafiek heeft een beschrijving (alt) nodig. "
            "Toon grafieken met plot.show (dat een beschrijving en de bron meegeeft) in plaats van de losse "
            "matplotlib-afbeelding. Voor een concept zonder die eis: sdlib report run --allow-missing-alt."
        )

    def mark(match):
        tag = match.group(0)
        if (_alt(tag) or "").strip():
            return tag
        tag = _ALT.sub("", tag)
        return (
            f'<figure class="sd-chart sd-no-alt">{tag[:-1].rstrip("/ ")} alt="{MISSING_ALT}">'
            f'<figcaption><p class="sd-note">Concept: deze grafiek heeft nog geen beschrijving '
            f"(tekstalternatief).</p></figcaption></figure>"
        )

    return _IMG.sub(mark, body), len(missing)


# --- structure ----------------------------------------------------------------------------------------------------


def _plain(inner: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", inner)).strip()


def _items(blocks: list[tuple[str, str]]) -> list[tuple]:
    """Split markdown at its headings: ("h", level, inner) / ("section", html) / ("block", html)."""
    items = []
    for kind, part in blocks:
        if kind == "markdown":
            pos = 0
            for m in _HEADING.finditer(part):
                before = part[pos : m.start()].strip()
                if before:
                    items.append(("block", before))
                items.append(("h", int(m.group(1)), m.group(3).strip()))
                pos = m.end()
            rest = part[pos:].strip()
            if rest:
                items.append(("block", rest))
        elif re.match(r"\s*<section\b", part, re.I):
            items.append(("section", part.strip()))
        else:
            items.append(("block", part.strip()))
    return items


def _sections(items: list[tuple]) -> str:
    """Build the main content: a ``<section>`` per h2; each heading kept on a page with what follows it.

    The notebook's own title (its first h1) is on the title page and left out; heading levels start at h2 and
    never skip one. A heading is wrapped with the next blocks up to and including the first chart or table
    among the next three blocks (else with the next block only) in ``div.sd-keep`` (``break-inside: avoid``), so
    it never ends a page alone.
    """
    if any(i[0] == "h" and i[1] == 1 for i in items):
        first = next(n for n, i in enumerate(items) if i[0] == "h" and i[1] == 1)
        items = items[:first] + items[first + 1 :]
    out, open_section, prev = [], False, 1
    n = 0
    while n < len(items):
        item = items[n]
        if item[0] == "section":
            if open_section:
                out.append("</section>")
                open_section = False
            out.append(item[1])
            prev, n = 2, n + 1
            continue
        if item[0] == "block":
            out.append(item[1])
            n += 1
            continue
        # a run of headings, then the blocks that belong to them on the same page
        group = []
        while n < len(items) and items[n][0] == "h":
            level = max(2, min(items[n][1], prev + 1))
            if level == 2:
                if group:  # an h2 right after another heading: close the previous group first
                    out.append('<div class="sd-keep">' + "".join(group) + "</div>")
                    group = []
                if open_section:
                    out.append("</section>")
                out.append('<section class="sd-section">')
                open_section = True
            group.append(f"<h{level}>{items[n][2]}</h{level}>")
            prev, n = level, n + 1
        # the blocks up to and including a chart or table among the next three, else only the first: a heading
        # over three quotes kept whole left half a page empty before it
        ahead = []
        while n + len(ahead) < len(items) and items[n + len(ahead)][0] == "block" and len(ahead) < 3:
            ahead.append(items[n + len(ahead)][1])
        figure = next((k for k, block in enumerate(ahead) if _FIGURE_LIKE.search(block)), None)
        for block in ahead[: (figure + 1) if figure is not None else 1]:
            group.append(block)
            n += 1
        out.append('<div class="sd-keep">' + "".join(group) + "</div>")
    if open_section:
        out.append("</section>")
    return "\n".join(out)


def _levels(body: str) -> str:
    """Make heading levels in the body start at 2 and never skip one (also inside HTML outputs)."""
    prev = 1

    def fix(match):
        nonlocal prev
        level = max(2, min(int(match.group(1)), prev + 1))
        prev = level
        return f"<h{level}{match.group(2) or ''}>{match.group(3)}</h{level}>"

    return _HEADING.sub(fix, body)


def _number_h2(body: str) -> tuple[str, list[tuple[str, str]]]:
    """Give every h2 an id (``sec-1``...) and its section ``aria-labelledby``; return body and (id, text)."""
    entries = []

    def number(match):
        attrs, inner = match.group(2) or "", match.group(3)
        anchor = f"sec-{len(entries) + 1}"
        attrs = re.sub(r'\sid="[^"]*"', "", attrs)
        entries.append((anchor, _plain(inner)))
        return f'<h2 id="{anchor}"{attrs}>{inner}</h2>'

    body = re.sub(r"<h(2)(\s[^>]*)?>(.*?)</h2\s*>", number, body, flags=re.S | re.I)
    # label every section by its first h2
    parts = re.split(r"(<section\b[^>]*>)", body)
    for i in range(1, len(parts), 2):
        m = re.search(r'<h2 id="(sec-\d+)"', parts[i + 1]) if i + 1 < len(parts) else None
        if m and "aria-labelledby" not in parts[i]:
            parts[i] = parts[i][:-1] + f' aria-labelledby="{m.group(1)}">'
    return "".join(parts), entries


def _wrap_tables(body: str) -> str:
    """Put every table in a labelled, focusable region that scrolls sideways on a narrow screen."""
    count = 0

    def wrap(match):
        nonlocal count
        count += 1
        table = match.group(0)
        caption = re.search(r"<caption[^>]*>(.*?)</caption>", table, re.S)
        before = body[: match.start()]
        figcap = re.findall(r"<figcaption[^>]*>(.*?)</figcaption>", before[-4000:], re.S)
        label = (
            _plain(caption.group(1))
            if caption
            else (_plain(figcap[-1]) if figcap and before.rfind("<figure") > before.rfind("</figure>") else "")
        )
        label = re.sub(r"\s+", " ", label)[:120] or f"Tabel {count}"
        return f'<div class="sd-scroll" role="region" tabindex="0" aria-label="{html.escape(label)}">{table}</div>'

    return re.sub(r"<table\b.*?</table>", wrap, body, flags=re.S | re.I)


def content_security_policy(css: str) -> str:
    """The HTML twin's policy: no script, no request; only its own style sheet and inline images."""
    import hashlib

    digest = base64.b64encode(hashlib.sha256(css.encode("utf-8")).digest()).decode("ascii")
    return (
        f"default-src 'none'; img-src data:; style-src 'sha256-{digest}'; font-src data:; "
        "base-uri 'none'; form-action 'none'"
    )


def report_html(
    body: str | list[tuple[str, str]],
    *,
    title: str,
    period: str = "",
    run_date: dt.datetime | str | None = None,
    organisation: str | None = None,
    sources: list[str] | None = None,
    status: str = "",
    allow_missing_alt: bool = False,
) -> str:
    """Return the report document: the title block on the first page, then the sections of the notebook.

    The first page holds the title, the period, the date it was made, the documents it cites, how current the
    figures are (``status``), and then the notebook's first section (its key messages). Nothing on the page
    names the machinery: run details go to the manifest beside the PDF.

    Parameters
    ----------
    body : list of (kind, html) from :func:`notebook_blocks`, or HTML
        The notebook's visible content.
    title, period : str
        The title and the period the figures cover.
    run_date : datetime
        When the report was made ("Gemaakt op 26 november 2026").
    sources : list of str, optional
        Short titles of the documents the report cites ("Bronnen: ..."); left out if none.
    status : str, optional
        How current the figures are ("De nieuwste cijfers in dit rapport gaan over 2024 ...").
    allow_missing_alt : bool
        Mark an image without text alternative as a draft instead of refusing it (MissingAltError).

    ``organisation`` heads the first page; default ``Gemeente <name>`` from ``data/gemeente.yml``.
    """
    if organisation is None:
        from sdlib.data.config import municipality

        organisation = municipality().organisation
    if isinstance(run_date, str):  # "26-11-2026" or "26-11-2026 14:05", as earlier callers passed it
        for form in ("%d-%m-%Y %H:%M", "%d-%m-%Y"):
            try:
                run_date = dt.datetime.strptime(run_date, form)
                break
            except ValueError:
                continue
        else:
            raise ValueError(f"run_date {run_date!r}: verwacht een datetime of 'dd-mm-jjjj uu:mm'")
    run_date = run_date or dt.datetime.now()
    css = (paths.project_root() / "reports" / "templates" / "report.css").read_text(encoding="utf-8")
    blocks = [("markdown", body)] if isinstance(body, str) else body
    main = _sections(_items(blocks))
    main, missing = _treat_images(main, allow_missing_alt)
    main = _levels(main)
    main = _wrap_tables(main)
    main, entries = _number_h2(main)
    toc = ""
    if len(entries) >= MIN_TOC_SECTIONS:
        items = "".join(f'<li><a href="#{a}">{html.escape(t)}</a></li>' for a, t in entries)
        toc = (
            f'<nav class="toc" aria-labelledby="toc-title"><h2 class="toc-title" id="toc-title">Inhoud</h2>'
            f"<ol>{items}</ol></nav>"
        )
    lines = [
        f'<p class="org">{html.escape(organisation)} &middot; Sociaal domein</p>',
        f'<h1 class="doc-title">{html.escape(title)}</h1>',
    ]
    facts = [f"Gemaakt op {dutch_date(run_date)}".replace(" ", chr(0xA0))]  # never split over two lines
    if period:  # a line of its own starts with a capital: 'Jeugdigen en leeftijd tot en met 2024; ...'
        facts.insert(0, html.escape(period[:1].upper() + period[1:]))
    lines.append(f'<p class="period">{" &middot; ".join(facts)}</p>')
    if sources:
        lines.append(f'<p class="sources">Bronnen: {html.escape(", ".join(dict.fromkeys(sources)))}</p>')
    if status:
        lines.append(f'<p class="status">{html.escape(status)}</p>')
    draft = (
        (
            f'<p class="sd-draft">Concept: {missing} grafiek(en) zonder tekstalternatief; niet geschikt om te '
            "publiceren.</p>"
        )
        if missing
        else ""
    )
    return f"""<!DOCTYPE html>
<html lang="{LANG}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{content_security_policy(css)}">
<title>{html.escape(title)}</title>
<style>{css}</style></head>
<body>
<a class="skip-link" href="#inhoud">Naar de inhoud</a>
<header class="title-page">
{"".join(lines)}
{draft}
{toc}
</header>
<main id="inhoud">
{main}
</main>
<footer class="doc-footer"><p>{html.escape(organisation)} &middot; {html.escape(title)} &middot; gemaakt op \
{dutch_date(run_date)}</p></footer>
</body></html>"""


GLOSSARY_LINK = re.compile(r'<span class="sd-glossary-link">([^<]*)</span>')


def link_glossary(document: str, href: str | None) -> str:
    """The HTML twin with the glossary's name (marked by the report) as a link to the glossary beside it in the
    same folder (``href``, a plain file name the runner made); unchanged without one. The PDF keeps plain text."""
    if not href:
        return document
    target = html.escape(href, quote=True)
    return GLOSSARY_LINK.sub(lambda m: f'<a href="{target}">{m.group(1)}</a>', document)


def html_to_pdf(document: str) -> bytes:
    """Render an HTML document to a tagged PDF (PDF/UA-1) with WeasyPrint.

    The renderer fetches nothing but inline ``data:`` resources: no file, no web address, no attachment.
    """
    import logging

    from weasyprint import HTML

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    from weasyprint.urls import URLFetcher

    inline_only = URLFetcher(allowed_protocols=["data"])  # a file: or http(s): address is refused, not fetched
    return HTML(string=document, base_url="about:blank", url_fetcher=inline_only).write_pdf(
        pdf_variant="pdf/ua-1", attachments=[]
    )
