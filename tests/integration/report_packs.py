"""The report packs, produced once per test session and shared by tests/integration and tests/accessibility.

``council(tmp_path_factory)`` runs ``reports/schedule.yml`` the way ``sdlib report run --all`` does (with the
command line's choices providers); ``analysts(...)`` runs
``reports/schedule_analisten.yml``. Both are memoised in this module, which both test folders import.
"""

from __future__ import annotations

import html
import re
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from sdlib.cli import choice_providers
from sdlib.report import load_schedule, run_jobs
from sdlib.report.run import prepare

ROOT = Path(__file__).resolve().parents[2]
COUNCIL = ROOT / "reports" / "schedule.yml"
ANALYSTS = ROOT / "reports" / "schedule_analisten.yml"
# Every report notebook shows its charts with plot.show (a text alternative for each chart): a chart without
# alt fails the report here as it does for `sdlib report run`.
ALLOW_MISSING_ALT = False

_made: dict[str, tuple] = {}


def outputs(schedule: Path) -> list[str]:
    """The output names of a schedule (for parametrising tests at collection time)."""
    tasks, _ = prepare(
        load_schedule(schedule), ROOT / "notebooks" / "reports", ROOT / "reports", providers=choice_providers()
    )
    return [t["output"] for t in tasks]


def _pack(key: str, schedule: Path, tmp_path_factory):
    if key not in _made:
        out = tmp_path_factory.mktemp(key)
        results = run_jobs(
            load_schedule(schedule),
            out_dir=out,
            progress=False,
            providers=choice_providers(),
            allow_missing_alt=ALLOW_MISSING_ALT,
        )
        _made[key] = (out, results)
    return _made[key]


def council(tmp_path_factory):
    """(folder, results) of the council pack."""
    return _pack("council", COUNCIL, tmp_path_factory)


def analysts(tmp_path_factory):
    """(folder, results) of the analysts' pack."""
    return _pack("analysts", ANALYSTS, tmp_path_factory)


def pdf_pages(path: Path) -> list[str]:
    """The text of every page of a PDF, whitespace collapsed (as a reader sees it, not as it is laid out)."""
    from pypdf import PdfReader

    return [" ".join(p.extract_text().replace("\xa0", " ").split()) for p in PdfReader(path).pages]


def plain(fragment: str) -> str:
    """The text of an HTML fragment: tags removed, entities resolved, whitespace collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).replace("\xa0", " ").split())


def key_messages(document: str) -> list[str]:
    """The bullets of the Kernboodschappen section of an HTML twin, as plain text."""
    section = re.search(r'<section class="sd-key"[^>]*>(.*?)</section>', document, re.S)
    assert section, "no Kernboodschappen section in the HTML"
    return [plain(li) for li in re.findall(r"<li>(.*?)</li>", section.group(1), re.S)]


def council_report(tmp_path_factory, name: str) -> tuple[list[str], list[str]]:
    """(text of every PDF page, key messages of the HTML twin) of one report of the council pack."""
    out, _ = council(tmp_path_factory)
    return pdf_pages(out / f"{name}.pdf"), key_messages((out / f"{name}.html").read_text())


def relative(start: float, end: float) -> str:
    """The relative change as the sentences print it, recomputed here from two document figures: '−37%', '+0,8%'.

    The reports' rule: one decimal below 10% (of the exact change), none from 10% on; rounded half up; a real
    minus sign (U+2212); no sign when it rounds to zero.
    """
    exact = (Decimal(str(end)) - Decimal(str(start))) / abs(Decimal(str(start))) * 100
    places = Decimal("0.1") if abs(exact) < 10 else Decimal("1")
    rounded = exact.quantize(places, rounding=ROUND_HALF_UP)
    sign = "+" if rounded > 0 else ("\u2212" if rounded < 0 else "")
    return f"{sign}{abs(rounded)}%".replace(".", ",")


def pct(start: float, end: float) -> str:
    """The relative change in brackets, as the change sentences print it: (−37%), (+0,3%)."""
    return f"({relative(start, end)})"


def on_page(message: str, page: str) -> bool:
    """``message`` is in the text of ``page``; a word broken after its hyphen at the end of a line reads as
    'Wmo- aanvragen' in the PDF text, so a hyphen of the message may be followed by one space there (nothing
    else may differ)."""
    return re.search(r"-\s?".join(re.escape(part) for part in message.split("-")), page) is not None


def assert_key_messages_up_front(pages: list[str], messages: list[str], *, page: int | None = None) -> None:
    """3 to 5 key messages, each on the first two pages, or on page ``page`` (1 is the title page) when given."""
    assert 3 <= len(messages) <= 5
    where = pages[page - 1] if page else " ".join(pages[:2])
    for message in messages:
        assert on_page(message, where), (
            f"key message not on {f'page {page}' if page else 'the first two pages'}: {message!r}"
        )


def bullet(messages: list[str], text: str, *, start: bool = False) -> str:
    """The one key message that contains ``text`` (or starts with it)."""
    found = [m for m in messages if (m.startswith(text) if start else text in m)]
    assert len(found) == 1, f"{text!r} in {len(found)} key messages: {messages}"
    return found[0]


def council_report_pages(tmp_path_factory, name: str) -> tuple[list[str], str]:
    """(text of every PDF page, HTML document) of one report of the council pack."""
    out, _ = council(tmp_path_factory)
    return pdf_pages(out / f"{name}.pdf"), (out / f"{name}.html").read_text()
