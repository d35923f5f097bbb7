"""Estimate how wide text is, in ems of its own font size, before any font is at hand.

One place for every stage that measures text: the model breaks long titles and
places the signature with `text_em` (reportgen/model/document.py), the table
layout sizes columns with it (reportgen/render/table_layout.py), and the PDF line
breaker, which measures real advances from the font files, asks `is_half_width`
which characters form runs that are never split (reportgen/render/pdf/lines.py).
Estimates, not measurements, because the DOCX is drawn with fonts this machine may
not have: a CJK character is one em, a digit half an em (Times New Roman, the
Fandol and Noto faces), “.” and a space a little less, other Latin a little more.
"""

from __future__ import annotations


def char_em(ch: str) -> float:
    """Estimated advance of one character, in em."""
    if "0" <= ch <= "9":
        return 0.5
    if ch in ". ":
        return 0.3
    if ch in "%‰":
        return 0.85
    if ord(ch) < 0x2000:
        return 0.6
    return 1.0


def text_em(text: str) -> float:
    return sum(char_em(ch) for ch in text)


def is_half_width(ch: str) -> bool:
    """Digits, Latin letters and ASCII punctuation: a line never breaks inside a run of them."""
    cp = ord(ch)
    return 0x21 <= cp <= 0x7E or 0xA0 < cp < 0x250 and ch not in "·°"
