"""Rules for every text a data file or a command gives: what may be in a title, a note, a table name.

Text from data reaches reports (PDF and HTML), spreadsheets and file names. A text is refused when it holds:

- a control character (NUL, ESC, BEL, a line break where one line is expected, ...);
- an invisible formatting character: bidirectional overrides such as U+202E (which make ``ok\\u202efdp.exe``
  read as ``okexe.pdf``), zero-width spaces and joiners, a byte-order mark;
- HTML markup (``<a ...>``, ``<img ...>``, ``</p>``): reports show text, never markup from data;
- a spreadsheet formula start (``=``, ``+``, ``-``, ``@``, tab or CR as first character), which Excel and
  LibreOffice would run as a formula (OWASP, CSV injection).

Numbers and years must be written in ASCII digits: Python reads ``٢٠٢٥`` and ``４６.０`` as numbers, but a
person checking the file does not.

Each check returns a Dutch reason that shows the offending character as a code point (U+202E), or None.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["text_problem", "ascii_number", "FORMULA_START", "has_markup"]

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_MARKUP = re.compile(r"<\s*/?\s*[A-Za-z!?][^>]*>|<[A-Za-z!/?]")
_ASCII_INT = re.compile(r"-?[0-9]+")
_ASCII_NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")


def _code(ch: str) -> str:
    name = unicodedata.name(ch, "")
    return f"U+{ord(ch):04X}" + (f" ({name.lower()})" if name else "")


def has_markup(text: str) -> bool:
    """True when ``text`` holds something that reads as an HTML tag."""
    return bool(_MARKUP.search(text))


def text_problem(text: str, *, multiline: bool = False, formula: bool = True, required: bool = False) -> str | None:
    """Return why ``text`` is refused (Dutch), or None when it is fine.

    Parameters
    ----------
    multiline : bool, default False
        Allow line breaks (``\\n``); otherwise a line break is refused (a title is one line).
    formula : bool, default True
        Refuse a first character that a spreadsheet reads as the start of a formula.
    required : bool, default False
        Refuse an empty or blank text.
    """
    if not isinstance(text, str):
        return None
    if required and not text.strip():
        return "is leeg; verwacht een tekst"
    for ch in text:
        if ch == "\n" and multiline:
            continue
        if ch in "\n\r":
            return "bevat een regeleinde; dit veld is één regel tekst"
        category = unicodedata.category(ch)
        if category == "Cc":
            return f"bevat het stuurteken {_code(ch)}; haal het weg"
        if category in ("Cf", "Co", "Cs", "Zl", "Zp"):
            return f"bevat het onzichtbare teken {_code(ch)}; haal het weg"
    if has_markup(text):
        return "bevat HTML-opmaak (zoals <a> of <img>); een tekst uit de gegevens is gewone tekst"
    if formula and text[:1] in FORMULA_START:
        return (
            f"begint met {text[:1]!r}; een spreadsheet leest dat als formule. Begin met een woord of zet er een "
            "spatie voor"
        )
    return None


def ascii_number(text: str, *, integer: bool = False) -> bool:
    """True when ``text`` is a plain number in ASCII digits (``2025``, ``46.0``, ``-3``)."""
    return bool((_ASCII_INT if integer else _ASCII_NUMBER).fullmatch(text))
