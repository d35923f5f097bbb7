"""The keys of the submission edition (报送版): their schema, the rules between them, and
the model they become.

Optional in `_report.yaml` and in a unit's file. With `发文字号` the build also writes
`<name>（报送）.pdf/.docx` with GB/T 9704-2012's 版头 (7.2) and 版记 (7.4); without it the
other keys would print nowhere, so they are an error rather than silently ignored.
"""

from __future__ import annotations

import datetime as _dt
import re

from reportgen.errors import Diagnostic
from reportgen.model.data import Submission
from reportgen.model.measure import text_em
from reportgen.numbering import date_text
from reportgen.read.loader import Loaded
from reportgen.messages import diag
from reportgen.read.schema import COPY_NUMBER, NUMBER_BRACKETS, NUMBER_KEY, SUBMISSION_SCHEMA, URGENCIES  # noqa: F401

DEPENDENT_KEYS = tuple(key for key in SUBMISSION_SCHEMA if key != NUMBER_KEY)
REQUIRED_WITH_NUMBER = ("印发机关", "印发日期")  # the 版记 always has them [7.4.2]
# Characters a line holds: 28 of 3号 in the 版头, 156 mm / 14 pt = 31 of 4号 in the 版记;
# each line pair stands one character in from either edge with at least one between.
NUMBER_LINE_EM, IMPRINT_LINE_EM = 28, 31


def check_submission(loaded: Loaded) -> list[Diagnostic]:
    """E250 a key of the 报送版 without 发文字号; E251 发文字号 without 印发机关 or 印发日期;
    E252 a 份号 that is not six digits; E253 the year of a 发文字号 not in 〔〕; E254 two texts
    that share a line and do not fit on it. Looks only
    at values of the right type (the schema reports the others)."""
    d = loaded.data
    found = []
    number = d.get(NUMBER_KEY)
    if NUMBER_KEY not in d:
        for key in DEPENDENT_KEYS:
            if key in d:
                found.append(diag("E250", loaded.key_loc((key,)), key=key))
        return found
    for key in REQUIRED_WITH_NUMBER:
        if key not in d:
            found.append(diag("E251", loaded.key_loc((NUMBER_KEY,)), key=key))
    copy_number = d.get("份号")
    if isinstance(copy_number, str) and not COPY_NUMBER.match(copy_number.strip()):
        found.append(diag("E252", loaded.loc(("份号",)), value=copy_number))
    found += _too_wide(loaded)
    if isinstance(number, str):
        slip = NUMBER_BRACKETS.search(number)
        if slip:
            found.append(diag("E253", loaded.loc((NUMBER_KEY,)), value=slip.group(0),
                              fix="〔" + re.sub(r"\D", "", slip.group(0)) + "〕"))
    return found


def _too_wide(loaded: Loaded) -> list[Diagnostic]:
    """E254: 发文字号 and 签发人 [7.2.6], or 印发机关 and 印发日期 [7.4.2], share one line; text
    that does not fit would be printed over other text."""
    d = loaded.data
    found = []
    number, signer = d.get(NUMBER_KEY), d.get("签发人")
    if isinstance(number, str) and isinstance(signer, str):
        if text_em(number.strip()) + text_em("签发人：" + signer.strip()) + 3 > NUMBER_LINE_EM:
            found.append(diag("E254", loaded.loc(("签发人",)), first=NUMBER_KEY, second="签发人", limit=NUMBER_LINE_EM - 3))
    printer, printed = d.get("印发机关"), d.get("印发日期")
    if isinstance(printer, str) and isinstance(printed, _dt.date):
        if text_em(printer.strip()) + text_em(date_text(printed) + "印发") + 3 > IMPRINT_LINE_EM:
            found.append(diag("E254", loaded.loc(("印发机关",)), first="印发机关", second="印发日期",
                              limit=IMPRINT_LINE_EM - 3))
    return found


def submission_from(data: dict) -> Submission | None:
    """The model of the keys; None without 发文字号, or while `check_submission` reports an
    error (the model is made of files that passed the schema, not necessarily these rules)."""
    printed, printer = data.get("印发日期"), data.get("印发机关")
    if NUMBER_KEY not in data or not isinstance(printed, _dt.date) or not isinstance(printer, str):
        return None
    return Submission(
        number=data[NUMBER_KEY].strip(),
        printer=printer.strip(),
        printed=printed,
        signer=(data.get("签发人") or "").strip() or None,
        copies_to=tuple(name.strip() for name in data.get("抄送") or ()),
        copy_number=(data.get("份号") or "").strip() or None,
        secrecy=(data.get("密级") or "").strip() or None,
        urgency=data.get("紧急程度"),
    )
