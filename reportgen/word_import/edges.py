"""The edges of a report: the title, a date under it and the 主送 line at the top; the
附注, the date line, the signature and a closing formula (“特此报告。”) at the bottom.

Each paragraph read here is recorded in `Imported.keyed` with the key it went to, so the
import can account for it (audit.py): nothing at the edges is dropped unseen.
"""

from __future__ import annotations

import re

from reportgen.read.schema import MAX_ANNOTATION, MAX_TITLE
from reportgen.word_import.paragraphs import Para
from reportgen.word_import.text import GROUP_MARK, PART_MARK, SENTENCE_END, normalize, parse_date

_TITLE_WORDS = ("报告", "情况", "总结", "法治政府建设")  # a first line with one of these, not centred, is the title
_ORGAN_END = re.compile(r"(局|厅|委|办|院|部|署|政府|委员会|办公室|党组|党委|中心|公司)$")
# GB/T 9704 7.3.6: the 附注 below the date, in parentheses: （此件公开发布） （此件依申请公开） …
_ANNOTATION = re.compile(r"[（(][^（()）]{1,40}[)）]")
# closing formulas reportgen's report does not print; they are kept as a comment
CLOSING = re.compile(r"(?:特此报告|专此报告|以上报告|特此汇报|现予报告|妥否，请[审批]示)[。！]?")

TITLE_KEY, DATE_KEY, ADDRESSEE_KEY, ANNOTATION_KEY, SIGNATURE_KEY = "标题", "成文日期", "主送", "附注", "落款"


def head(paras: list[Para], result) -> int:
    """Title (centred lines, or a line naming the report), a date under it, the 主送 line."""
    i, title = 0, []
    while i < len(paras) and i < 3:
        text = normalize(paras[i].text).replace("\n", "")
        looks = any(word in text for word in _TITLE_WORDS) or paras[i].style in ("公文标题", "Title", "标题")
        if (paras[i].centered or (not title and looks)) and not text.endswith("。") and not paras[i].table \
                and len("".join(title) + text) <= MAX_TITLE and not PART_MARK.match(text) and parse_date(text) is None:
            title.append(text)
            result.keyed[id(paras[i])] = TITLE_KEY
            i += 1
        else:
            break
    if title:
        result.title = "".join(title)
    if i < len(paras) and parse_date(normalize(paras[i].text)):
        result.date = parse_date(normalize(paras[i].text))
        result.keyed[id(paras[i])] = DATE_KEY
        i += 1
    if i < len(paras):
        text = normalize(paras[i].text)
        if text.endswith("：") and len(text) <= 80 and not PART_MARK.match(text) and not GROUP_MARK.match(text):
            result.addressee = text.rstrip("：")
            result.keyed[id(paras[i])] = ADDRESSEE_KEY
            i += 1
    return i


def tail(paras: list[Para], result, start: int) -> int:
    """附注 lines, the date line (成文日期), the signature above it (kept as a comment) and a
    closing formula above that (kept as a comment): the index where the body ends."""
    end = len(paras)
    notes = []
    while end > start and not paras[end - 1].table and _ANNOTATION.fullmatch(normalize(paras[end - 1].text)):
        notes.insert(0, paras[end - 1])
        end -= 1
    if end > start and parse_date(normalize(paras[end - 1].text)):
        result.date = parse_date(normalize(paras[end - 1].text))
        result.keyed[id(paras[end - 1])] = DATE_KEY
        end -= 1
    elif notes and not _looks_like_annotation(normalize(notes[0].text)):
        end += len(notes)  # no date: lines in parentheses at the end are body text
        notes = []
    for n, para in enumerate(notes):
        text = normalize(para.text)
        if n == 0 and len(text) <= MAX_ANNOTATION:
            result.annotation = text
            result.keyed[id(para)] = ANNOTATION_KEY
        else:
            result.trailer.append(text)  # a second note: the filler decides
    while end > start and len(result.signature) < 2:
        para = paras[end - 1]
        text = normalize(para.text)
        if para.table or len(text) > 30 or text[-1:] in SENTENCE_END or PART_MARK.match(text) or GROUP_MARK.match(text):
            break
        if not (para.right or _ORGAN_END.search(text)):
            break
        result.signature.insert(0, text)
        result.keyed[id(para)] = SIGNATURE_KEY
        end -= 1
    while end > start and CLOSING.fullmatch(normalize(paras[end - 1].text)):
        result.closing.insert(0, normalize(paras[end - 1].text))
        end -= 1
    return end


def _looks_like_annotation(text: str) -> bool:
    return "此件" in text or "公开" in text
