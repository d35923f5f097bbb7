"""Official-document numbering: 一、 （一） 1. (GB/T 9704-2012 7.3.3), past ten as 十一."""

from __future__ import annotations

_DIGITS = "零一二三四五六七八九"
NUMERALS = "一二三四五六七八九十"  # 1 to 10: the numerals that 一、 and （一） are written with
ZEROS = "〇零○"  # the ways a zero is written, as in 二〇二四年


def chinese_numeral(n: int) -> str:
    """1 → 一, 10 → 十, 11 → 十一, 20 → 二十, 105 → 一百零五."""
    if n < 1:
        raise ValueError(n)
    if n < 10:
        return _DIGITS[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return ("" if tens == 1 else _DIGITS[tens]) + "十" + (_DIGITS[ones] if ones else "")
    hundreds, rest = divmod(n, 100)
    if rest == 0:
        return _DIGITS[hundreds] + "百"
    tail = chinese_numeral(rest)
    if rest < 10:
        return _DIGITS[hundreds] + "百零" + tail
    if rest < 20:
        tail = "一" + tail  # 一百一十 rather than 一百十
    return _DIGITS[hundreds] + "百" + tail


def numeral_value(text: str) -> int:
    """The number of up to 99 written in Chinese numerals: 二十 → 20, 十一 → 11, 〇 → 0."""
    digits = {ch: i for i, ch in enumerate(_DIGITS)} | {zero: 0 for zero in ZEROS}
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (digits.get(tens, 1) if tens else 1) * 10 + (digits[ones] if ones else 0)
    return digits[text]


def part_number(n: int) -> str:
    return f"{chinese_numeral(n)}、"


def group_number(n: int) -> str:
    return f"（{chinese_numeral(n)}）"


def item_number(n: int) -> str:
    return f"{n}."


def date_text(date) -> str:
    """GB/T 9704 7.3.5.4: Arabic numerals, full year, no leading zeros: 2024年1月29日."""
    return f"{date.year}年{date.month}月{date.day}日"


def format_number(value: float | None) -> str:
    """96.8 → "96.8", 100.0 → "100", 9.66667 → "9.67"; None → "—"."""
    if value is None:
        return "—"
    value = round(float(value), 2)
    return str(int(value)) if value.is_integer() else f"{value:g}"
