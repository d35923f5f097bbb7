"""Text norms for imported paragraphs, and the numbering marks reportgen writes itself.

Only what the issue allows is changed: half-width marks between Chinese characters become
full-width (the W306 rule), stray spaces and line breaks inside a paragraph go, characters
a data file may not hold are dropped. Everything else stays as written.
"""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata

from reportgen.numbering import NUMERALS, ZEROS, numeral_value
from reportgen.read.checks import to_full_width

_CJK_OR_MARK = r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef\u201c\u201d\u2018\u2019\u2014\u2026]"
_SPACE_NEAR_CJK = re.compile(rf"(?<={_CJK_OR_MARK})\s+|\s+(?={_CJK_OR_MARK})")
_INVISIBLE = ("\u200b\u200c\u200d\u2060\ufeff\u00ad\ufffe\uffff\u2028\u2029"
              "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")

CN_DIGITS = NUMERALS
# 一、 （一） 1. 1、 （1） ①: reportgen numbers again, so the marks go
PART_MARK = re.compile(rf"^(?:[{CN_DIGITS}]{{1,3}}\s*[、.．]|第[{CN_DIGITS}]{{1,3}}部分\s*[、：:．.]?)\s*")
GROUP_MARK = re.compile(rf"^[（(]\s*[{CN_DIGITS}]{{1,3}}\s*[)）]\s*[、.．]?\s*")
ITEM_MARK = re.compile(r"^(?:\d{1,2}\s*[.．、](?!\d)|[（(]\s*\d{1,2}\s*[)）]|[\u2460-\u2473\u2776-\u277f])\s*[、.．]?\s*")
RUN_MARK = re.compile(rf"(?:^|(?<=[。；;，,：:]))\s*([{CN_DIGITS}]{{1,2}})是")
DATE_LINE = re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$")
CN_DATE_LINE = re.compile(rf"^([{ZEROS}{NUMERALS[:9]}]{{4}})年([{NUMERALS}]{{1,3}})月([{NUMERALS}]{{1,3}})日$")
SENTENCE_END = "。！？；"


def normalize(text: str) -> str:
    """One paragraph as it should stand in the data file."""
    text = unicodedata.normalize("NFC", text)
    text = "".join(ch for ch in text if ch not in _INVISIBLE
                   and (unicodedata.category(ch) not in ("Cc", "Cs") or ch in "\t\n\r"))
    text = text.replace("\u00a0", " ").replace("\u3000", " ")
    text = _SPACE_NEAR_CJK.sub("", text)
    text = re.sub(r"\s+", " ", text).strip()
    return to_full_width(text)


def strip_item_mark(text: str) -> str:
    return ITEM_MARK.sub("", text, count=1)


def parse_date(text: str) -> _dt.date | None:
    """“2024年2月20日” or “二〇二四年二月二十日” (a date line), else None."""
    text = text.strip().strip("（）()")
    match = DATE_LINE.match(text)
    try:
        if match:
            return _dt.date(*map(int, match.groups()))
        match = CN_DATE_LINE.match(text)
        if match:
            year = int("".join(str(numeral_value(ch)) for ch in match.group(1)))
            return _dt.date(year, numeral_value(match.group(2)), numeral_value(match.group(3)))
    except (ValueError, KeyError):
        return None
    return None


def split_run(text: str) -> list[str] | None:
    """“……：一是A；二是B。” → ["……：", "A；", "B。"] when the marks run 一是, 二是 … in order."""
    marks = list(RUN_MARK.finditer(text))
    expected, kept = 1, []
    for mark in marks:
        if numeral_value(mark.group(1)) == expected:
            kept.append(mark)
            expected += 1
    if len(kept) < 2:
        return None
    pieces = [text[: kept[0].start()].strip()]
    for here, following in zip(kept, kept[1:] + [None]):
        pieces.append(text[here.end(): following.start() if following else len(text)].strip())
    return pieces


def sentences(text: str) -> list[str]:
    """Sentences without their end marks; numbering marks at their starts removed."""
    found = []
    for piece in re.split(rf"[{SENTENCE_END}]", text):
        piece = piece.strip()
        for pattern in (PART_MARK, GROUP_MARK, ITEM_MARK):
            piece = pattern.sub("", piece, count=1)
        piece = re.sub(rf"^[{CN_DIGITS}]{{1,2}}是", "", piece)
        piece = piece.strip("：:，, ")
        if piece:
            found.append(piece)
    return found


def chunks(text: str, limit: int) -> list[str]:
    """A text longer than `limit` characters cut at sentence ends into pieces that fit."""
    if len(text) <= limit:
        return [text]
    pieces, current = [], ""
    for sentence in re.findall(rf"[^{SENTENCE_END}]*[{SENTENCE_END}]?", text):
        if current and len(current) + len(sentence) > limit:
            pieces.append(current)
            current = ""
        while len(sentence) > limit:
            pieces.append(sentence[:limit])
            sentence = sentence[limit:]
        current += sentence
    if current:
        pieces.append(current)
    return pieces
