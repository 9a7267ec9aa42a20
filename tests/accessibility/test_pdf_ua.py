"""Every council PDF is a tagged PDF/UA-1 document (read back with pikepdf).

Checked: a structure tree and /MarkInfo /Marked true, /Lang nl-NL, a title shown as the window title
(DisplayDocTitle), ``pdfuaid:part`` = 1 in the XMP metadata, a non-empty /Alt on every /Figure, exactly one H1
and headings that never skip a level.
"""

import itertools

import pikepdf
import pytest
import report_packs

pytestmark = [pytest.mark.pdf, pytest.mark.notebooks]

REPORTS = report_packs.outputs(report_packs.COUNCIL)


def structure(node, found):
    """Collect the structure elements (type, /Alt) in document order."""
    if isinstance(node, pikepdf.Dictionary):
        if "/S" in node:
            found.append((str(node.S), str(node.get("/Alt", ""))))
        kids = node.get("/K")
        if isinstance(kids, pikepdf.Array):
            for kid in kids:
                structure(kid, found)
        elif isinstance(kids, pikepdf.Dictionary):
            structure(kids, found)
    return found


@pytest.mark.parametrize("report", REPORTS)
def test_pdf_is_tagged_pdf_ua(council, report):
    with pikepdf.open(council / f"{report}.pdf") as pdf:
        root = pdf.Root
        assert "/StructTreeRoot" in root, "no structure tree: the PDF is not tagged"
        assert bool(root.MarkInfo.Marked) is True
        assert str(root.Lang) == "nl-NL"
        assert bool(root.ViewerPreferences.DisplayDocTitle) is True
        meta = pdf.open_metadata()
        assert meta.get("pdfuaid:part") == "1"
        assert meta.get("dc:title", "").strip(), "no document title"
        elements = structure(root.StructTreeRoot, [])
    figures = [alt for kind, alt in elements if kind == "/Figure"]
    assert all(alt.strip() for alt in figures), f"{report}: a /Figure without /Alt"
    levels = [int(kind[2]) for kind, _ in elements if kind in {f"/H{n}" for n in range(1, 7)}]
    assert levels and levels[0] == 1 and levels.count(1) == 1, levels
    skips = [(a, b) for a, b in itertools.pairwise(levels) if b > a + 1]
    assert not skips, f"{report}: heading levels skip {skips}"
