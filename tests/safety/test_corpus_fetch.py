"""A report reads nothing but what the project gives it: no local file, no network, no live markup.

Text from data (a catalog title, a source's short title, a note) can reach a report through Markdown or HTML
outputs. These tests put the attacks of the hardening issue into a report and check the result the way an
attacker would: ``pikepdf`` finds no embedded file in the PDF, a listener on 127.0.0.1 receives no request, and
the HTML twin holds no script, frame, event handler, outside link or outside image, and forbids requests by
its Content-Security-Policy.
"""

from __future__ import annotations

import csv
import html.parser
import http.server
import io
import threading

import nbformat
import pikepdf
import pytest

from sdlib.report.render import html_to_pdf, notebook_blocks, report_html

pytestmark = pytest.mark.pdf


@pytest.fixture
def listener():
    """An HTTP server on 127.0.0.1 that records every request it gets."""
    seen = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            seen.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", seen
    server.shutdown()


def attacks(url: str) -> list[str]:
    return [
        f'Jaarstukken 2025<a rel="attachment" href="file:///etc/passwd">.</a><img src="{url}/min.png">',
        "<script>alert(1)</script>",
        '<img src="x" onerror="alert(1)">',
        '<iframe src="file:///etc/passwd"></iframe>',
        '<img src="file:///etc/passwd" alt="lokaal">',
        f'<p style="background: url({url}/style.png)">stijl</p>',
        f'<link rel="stylesheet" href="{url}/style.css"><style>@import url("{url}/import.css");</style>',
        f'<object data="{url}/object"></object><embed src="file:///etc/hostname">',
        f"[link]({url}/md) ![beeld]({url}/md.png) ![lokaal](file:///etc/passwd)",
        '<svg><image href="file:///etc/passwd"/></svg>',
    ]


def evil_notebook(url: str):
    nb = nbformat.v4.new_notebook()
    nb.cells.append(nbformat.v4.new_markdown_cell("# Rapport\n\n" + "\n\n".join(attacks(url))))
    code = nbformat.v4.new_code_cell("")
    for text in attacks(url):
        code.outputs.append(nbformat.v4.new_output("display_data", {"text/html": f"<p>Bron: {text}</p>"}))
        code.outputs.append(nbformat.v4.new_output("display_data", {"text/markdown": f"Titel: {text}"}))
    nb.cells.append(code)
    return nb


class Tags(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def embedded_files(pdf_bytes: bytes) -> list[str]:
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        names = pdf.Root.get("/Names")
        found = list(pdf.attachments.keys())
        if names is not None and "/EmbeddedFiles" in names:
            found.append("EmbeddedFiles")
        for page in pdf.pages:
            for annot in page.get("/Annots") or []:
                if annot.get("/Subtype") == "/FileAttachment":
                    found.append("FileAttachment")
        return found


def test_a_report_with_injected_markup_fetches_and_embeds_nothing(listener):
    url, seen = listener
    blocks = notebook_blocks(evil_notebook(url))
    document = report_html(blocks, title="Aanval", period="2024", sources=[attacks(url)[0]], allow_missing_alt=True)
    pdf = html_to_pdf(document)

    assert seen == [], f"the renderer made requests: {seen}"
    assert embedded_files(pdf) == []
    assert b"/Launch" not in pdf and b"/URI (file:" not in pdf

    parser = Tags()
    parser.feed(document)
    names = [t for t, _ in parser.tags]
    for forbidden in ("script", "iframe", "object", "embed", "link", "svg", "image"):
        assert forbidden not in names, forbidden
    assert names.count("style") == 1  # the report's own style sheet, whose hash the policy allows
    for tag, attrs in parser.tags:
        assert not any(a.startswith("on") for a in attrs), (tag, attrs)
        assert "style" not in attrs, (tag, attrs)
        if tag == "img":
            assert attrs.get("src", "").startswith("data:image/"), attrs
        if tag == "a":
            assert attrs.get("href", "#").startswith("#"), attrs
    policy = next(
        a["content"] for t, a in parser.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"
    )
    assert "default-src 'none'" in policy and "script-src" not in policy and "img-src data:" in policy
    # the attacks stay visible as text, so a reader sees that the data holds something odd
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in document


def test_the_pdf_renderer_refuses_files_and_addresses(listener, tmp_path):
    url, seen = listener
    secret = tmp_path / "geheim.txt"
    secret.write_text("geheim", encoding="utf-8")
    document = (
        f'<html lang="nl"><head><title>t</title><link rel="stylesheet" href="{url}/a.css"></head><body>'
        f'<p>x</p><img src="{url}/b.png" alt="b"><img src="file://{secret}" alt="c">'
        f'<a rel="attachment" href="file://{secret}">bijlage</a></body></html>'
    )
    pdf = html_to_pdf(document)
    assert seen == []
    assert embedded_files(pdf) == []
    assert b"geheim" not in pdf


def test_data_with_markup_is_refused_by_validate(tmp_path):
    import shutil

    from harness import ROOT

    from sdlib.data.validate import validate_all

    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    path = data / "sources.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    rows[-1]["short_title"] = attacks("http://127.0.0.1:9")[0]
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    problems = validate_all(data)
    assert any(p.column == "short_title" and "HTML" in p.message for p in problems), problems
