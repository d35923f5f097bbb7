"""Recognise the parts of a report in a flat list of paragraphs and map them to the data
contract: 导语, 主送, 成文日期, groups and items of 主要做法和成效, 存在问题,
第一责任人履职情况, 下一步计划, 其他需要报告的情况.

Part headings are recognised by meaning (the phrasings in templates/import_parts.yaml),
not by position; first-level headings that name no part are themes of the work and each
becomes a group. Nothing is dropped except the title, part headings, numbering marks, the
signature and the date line: text that fits no part goes to 其他需要报告的情况 with a note.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field

from reportgen.read.schema import MAX_ENTRIES, MAX_TEXT, MAX_TITLE
from reportgen.read.placeholders import placeholder
from reportgen.word_import.phrases import DUTY, INTRO, OTHER, PLANS, PROBLEMS, WORK, part_of
from reportgen.word_import.sources import Para, Source
from reportgen.word_import.text import (GROUP_MARK, ITEM_MARK, PART_MARK, SENTENCE_END, chunks, normalize, parse_date, split_run,
                   strip_item_mark)

_TITLE_WORDS = ("报告", "情况", "总结", "法治政府建设")  # a first line with one of these, not centred, is the title
HEADING_CHARS = 60
ITEM_HEADING_CHARS = 30  # a heading on its own line is short; longer bold text is a lead sentence
_ORGAN_END = re.compile(r"(局|厅|委|办|院|部|署|政府|委员会|办公室|党组|党委|中心|公司)$")
_INLINE_ITEM = re.compile(r"(?<=[。；])\s*(?=(?:\d{1,2}[.．、](?!\d)|[（(]\d{1,2}[)）]))")


@dataclass
class Entry:
    title: str | None
    text: str
    note: str = ""  # becomes a YAML comment above the entry
    cause: str | None = None  # 原因 of a 存在问题 entry


@dataclass
class Group:
    title: str
    items: list[Entry] = field(default_factory=list)
    area: str = ""
    area_note: str = ""
    note: str = ""
    theme: bool = False  # a first-level theme: its （一） headings lead items


@dataclass
class Imported:
    title: str | None = None
    addressee: str | None = None
    date: _dt.date | None = None
    signature: list[str] = field(default_factory=list)
    trailer: list[str] = field(default_factory=list)  # notes below the date, such as （此件公开发布）
    intro: list[Entry] = field(default_factory=list)
    groups: list[Group] = field(default_factory=list)
    problems: list[Entry] = field(default_factory=list)
    duty: list[Entry] = field(default_factory=list)
    plans: list[Entry] = field(default_factory=list)
    other: list[Entry] = field(default_factory=list)
    # (code, message fields, path in the written file): each warning points at what to confirm
    warnings: list[tuple[str, dict, tuple]] = field(default_factory=list)


def split_causes(entries: list[Entry], phrases: list[str]) -> None:
    """A problem printed as “……。究其原因，……。” becomes its 内容 and its 原因 again."""
    for entry in entries:
        for phrase in phrases:
            before, found, after = entry.text.partition(phrase)
            if found and before.strip() and after.strip():
                entry.text, entry.cause = before.strip(), after.strip().removesuffix("。")
                break


@dataclass
class _Block:
    kind: str  # "h1", "h2" or "p"
    text: str
    para: Para


def recognise(source: Source, year: int, phrases) -> Imported:
    result = Imported()
    paras = [p for p in source.paras if normalize(p.text)]
    start = _head(paras, result)
    end = _tail(paras, result, start)
    blocks = []
    for para in paras[start:end]:
        blocks.extend(_classify(para, source.formatted, phrases))
    _Walker(result, phrases, source.formatted).walk(blocks)
    for line in result.trailer:
        result.other.append(Entry(None, line, "原文末尾的附注，请确认是否保留"))
    for note in source.notes:
        result.other.append(Entry(None, normalize(note), "原文的脚注或批注，请确认是否保留"))
    _fill_required(result)
    _split_long_groups(result)
    return result


def _head(paras: list[Para], result: Imported) -> int:
    """Title (centred lines, or a line naming the report), a date under it, the 主送 line."""
    i, title = 0, []
    while i < len(paras) and i < 3:
        text = normalize(paras[i].text).replace("\n", "")
        looks = any(word in text for word in _TITLE_WORDS) or paras[i].style in ("公文标题", "Title", "标题")
        if (paras[i].centered or (not title and looks)) and not text.endswith("。") \
                and len("".join(title) + text) <= MAX_TITLE and not PART_MARK.match(text) and parse_date(text) is None:
            title.append(text)
            i += 1
        else:
            break
    if title:
        result.title = "".join(title)
    if i < len(paras) and parse_date(normalize(paras[i].text)):
        result.date = parse_date(normalize(paras[i].text))
        i += 1
    if i < len(paras):
        text = normalize(paras[i].text)
        if text.endswith("：") and len(text) <= 80 and not PART_MARK.match(text) and not GROUP_MARK.match(text):
            result.addressee = text.rstrip("：")
            i += 1
    return i


def _tail(paras: list[Para], result: Imported, start: int) -> int:
    """The date line at the end gives 成文日期; the signature above it is dropped."""
    end = len(paras)
    notes = []
    while end > start and re.fullmatch(r"[（(][^（()）]{1,40}[)）]", normalize(paras[end - 1].text)):
        notes.insert(0, normalize(paras[end - 1].text))  # “（此件公开发布）” below the date
        end -= 1
    result.trailer = notes
    if end > start and parse_date(normalize(paras[end - 1].text)):
        result.date = parse_date(normalize(paras[end - 1].text))
        end -= 1
    while end > start and len(result.signature) < 2:
        para = paras[end - 1]
        text = normalize(para.text)
        if len(text) > 30 or text[-1:] in SENTENCE_END or PART_MARK.match(text) or GROUP_MARK.match(text):
            break
        if not (para.right or _ORGAN_END.search(text)):
            break
        result.signature.insert(0, text)
        end -= 1
    return end


def _heading_level(text: str, para: Para, formatted: bool, phrases) -> tuple[int, str] | None:
    if PART_MARK.match(text):
        return 1, PART_MARK.sub("", text, count=1)
    if GROUP_MARK.match(text):
        return 2, GROUP_MARK.sub("", text, count=1)
    short = len(text) <= HEADING_CHARS and text[-1:] not in "。；："
    if para.outline in (0, 1) and len(text) <= MAX_TITLE:
        return para.outline + 1, text
    if para.list_level in (0, 1) and short:  # “一、”“（一）” from Word's automatic numbering
        return para.list_level + 1, text
    if formatted and short and not para.table_row:
        if "黑体" in para.font or (para.all_bold and para.centered) or (para.all_bold and part_of(text, phrases)):
            return 1, text  # a bold line naming a part is a part heading
        if para.all_bold or "楷体" in para.font:
            return 2, text
    return None


def _classify(para: Para, formatted: bool, phrases) -> list[_Block]:
    """A paragraph → a heading, a run-in heading and its text, or text (split at inline “2.”)."""
    text = normalize(para.text)
    if para.table_row:
        return [_Block("p", text, para)]
    if ITEM_MARK.match(text) and len(text) <= ITEM_HEADING_CHARS and text[-1:] not in "。；：！？":
        return [_Block("h3", strip_item_mark(text), para)]  # “1.精简行政许可事项” on its own line
    heading = _heading_level(text, para, formatted, phrases)
    blocks = []
    if heading:
        level, rest = heading
        head, sep, body = rest.partition("。")
        if sep and body.strip() and len(head) <= HEADING_CHARS:  # “（一）深化执法改革。1.推行……”
            marked = len(text) - len(rest)
            lead = normalize(para.bold_lead)
            lead = lead[marked + len(head) + 1:] if len(lead) > marked + len(head) + 1 else ""
            blocks.append(_Block(f"h{level}", head, para))
            para = Para(body, bold_lead=lead)
            text = normalize(body)
        elif len(rest) > HEADING_CHARS and rest[-1:] in SENTENCE_END:  # “（一）” numbers a whole paragraph
            text = rest
        else:
            return [_Block(f"h{level}", rest.rstrip("。；"), para)]
    pieces = _INLINE_ITEM.split(text)
    for n, piece in enumerate(pieces):
        blocks.append(_Block("p", piece, para if n == 0 else Para(piece)))
    return blocks


def lead_and_text(text: str, para: Para, formatted: bool) -> tuple[str | None, str]:
    """The bold lead sentence (or, in plain text, a short first sentence) and the rest."""
    lead = strip_item_mark(normalize(para.bold_lead)) if para.bold_lead else ""
    if lead and text.startswith(lead) and len(lead) < len(text):
        rest = text[len(lead):]
        if lead[-1:] not in "。！？；：" and rest[:1] in "。！？；：":
            lead, rest = lead + rest[0], rest[1:]
        if lead[-1:] in "。！？；：" and rest.strip():
            return lead.removesuffix("。"), rest.strip()
    if not formatted:
        first, sep, rest = text.partition("。")
        if sep and rest.strip() and len(first) <= 30 and "，" not in first:
            return first, rest.strip()
    return None, text


def entries_of(text: str, para: Para, formatted: bool) -> list[Entry]:
    """One paragraph → entries: split at 一是/二是 runs, lead sentence as 标题."""
    text = strip_item_mark(text)
    run = split_run(text)
    if run:
        head, *items = run
        found = entries_of(head, para, formatted) if head else []
        return found + [Entry(None, piece) for piece in items if piece]
    title, body = lead_and_text(text, para, formatted)
    return [Entry(title if n == 0 else None, piece) for n, piece in enumerate(chunks(body, MAX_TEXT))]


class _Walker:
    """Walk the blocks, keeping the current part and group."""

    def __init__(self, result: Imported, phrases, formatted: bool):
        self.r, self.phrases, self.formatted = result, phrases, formatted
        self.part = INTRO
        self.seen_other_part = False  # after 存在问题, 下一步计划 …, unknown headings are not themes
        self.pending: str | None = None  # a （一） heading that leads the next entry
        self.pre_group: list[Entry] = []  # text under 主要做法和成效 before its first group
        self.work_title = WORK
        self.embedded_duty = False
        self.unplaced = False  # under a heading that names no part, after the parts

    def walk(self, blocks: list[_Block]) -> None:
        for block in blocks:
            getattr(self, block.kind)(block)
        self._flush_pending()
        self._close_work()

    def h1(self, block: _Block) -> None:
        self._flush_pending()
        part = part_of(block.text, self.phrases)
        if part == WORK and self.part == WORK and self.r.groups:
            part = None  # the work part has begun: a heading that sounds like it is one more theme
        if part is None and (not self.seen_other_part):
            self._enter(WORK, block.text)
            self.r.groups.append(Group(block.text.rstrip("。"), theme=True))
            return
        if part is None:
            self.part, self.unplaced = OTHER, True
            self.r.other.append(Entry(None, block.text, "原文的标题，未能归入任何部分，请确认"))
            return
        self._enter(part, block.text)

    def _enter(self, part: str, heading: str) -> None:
        if self.part == WORK and part != WORK:
            self._close_work()
        if part in (PROBLEMS, PLANS, OTHER):  # 第一责任人 may come first, before the themes
            self.seen_other_part = True
        elif self.part != WORK:
            self.work_title = heading
        self.part = part
        self.embedded_duty = self.unplaced = False

    def h2(self, block: _Block) -> None:
        self._flush_pending()
        part = part_of(block.text, self.phrases)
        if part == WORK:  # “（一）2023年重点立法项目” is a group, never the start of the work part
            part = None
        if self.embedded_duty and part != DUTY:
            self.part, self.embedded_duty = WORK, False
        if part == DUTY and self.part in (WORK, INTRO):
            self._enter(DUTY, block.text)
            self.embedded_duty = True
            return
        if part and part != self.part:  # “（二）存在的问题” under one umbrella heading
            self._enter(part, block.text)
            return
        if self.part == INTRO:
            self._enter(WORK, WORK)
        if self.part == WORK:
            if self.r.groups and self.r.groups[-1].theme:
                self.pending = block.text
            else:
                self._flush_pre_group()
                self.r.groups.append(Group(block.text))
        else:
            self.pending = block.text

    def h3(self, block: _Block) -> None:
        """An item's lead sentence on a line of its own leads the paragraph below it."""
        self._flush_pending()
        self.pending = block.text

    def p(self, block: _Block) -> None:
        found = entries_of(block.text, block.para, self.formatted)
        if self.pending is not None:
            found[0] = Entry(self.pending, _joined(found[0]))
            self.pending = None
        if self.part == WORK:
            if self.r.groups:
                self.r.groups[-1].items.extend(found)
            else:
                self.pre_group.extend(found)
        elif self.part in (PROBLEMS, PLANS):
            (self.r.problems if self.part == PROBLEMS else self.r.plans).extend(found)
        else:
            target = {INTRO: self.r.intro, DUTY: self.r.duty, OTHER: self.r.other}[self.part]
            note = "这段文字未能归入任何部分，已放在这里，请确认" if self.unplaced else ""
            target.extend(Entry(None, _joined(e), note) for e in found)

    def _flush_pending(self) -> None:
        """A （一） heading with no text after it stays, as an entry of its own."""
        if self.pending is None:
            return
        text, self.pending = self.pending, None
        if self.part == WORK and self.r.groups:
            self.r.groups[-1].items.append(Entry(None, text))
        elif self.part in (PROBLEMS, PLANS):
            (self.r.problems if self.part == PROBLEMS else self.r.plans).append(Entry(None, text))
        else:
            {INTRO: self.r.intro, DUTY: self.r.duty, OTHER: self.r.other, WORK: self.pre_group}[self.part].append(
                Entry(None, text))

    def _flush_pre_group(self) -> None:
        """Text between “一、主要做法和成效” and its first （一） is an overview: it joins 导语."""
        for entry in self.pre_group:
            self.r.intro.append(Entry(None, _joined(entry), "原文“主要做法和成效”开头的总述，已并入导语"))
        self.pre_group = []

    def _close_work(self) -> None:
        """Work text without any group: it becomes one group, to be titled by the unit."""
        if self.pre_group and not self.r.groups:
            self.r.groups.append(Group(self.work_title, self.pre_group,
                                       note="原文这一部分没有分组，已整体作为一组，请补充小标题并按需拆分"))
            self.r.warnings.append(("W501", {}, (WORK, 0)))
            self.pre_group = []
        elif self.pre_group:
            self._flush_pre_group()
        for group in self.r.groups:
            if not group.items:  # a theme heading with nothing under it keeps its words as an item
                group.items.append(Entry(None, group.title))


def _joined(entry: Entry) -> str:
    if entry.title is None:
        return entry.text
    return f"{entry.title}{'' if entry.title[-1:] in '：；！？。' else '。'}{entry.text}"


def _fill_required(result: Imported) -> None:
    """存在问题 and 下一步计划 are required: when the source has none, a placeholder says so."""
    if not result.groups:
        source = result.intro[1:] if len(result.intro) > 1 else result.intro
        if source:
            result.intro = result.intro[:1] if len(result.intro) > 1 else []
            result.groups.append(Group(WORK, list(source), note="原文没有可识别的部分或标题，已整体作为一组，请补充小标题并按需拆分"))
            result.warnings.append(("W501", {}, (WORK, 0)))
    for part, entries in ((PROBLEMS, result.problems), (PLANS, result.plans)):
        if not entries:
            # a placeholder as init writes it, so check keeps asking for it (W350) until filled
            entries.append(Entry(None, placeholder(f"原文中没有找到“{part}”部分，请填写"), "原文没有这一部分，请填写"))
            result.warnings.append(("W503", {"part": part}, (part, 0)))


def _split_long_groups(result: Imported) -> None:
    """A group may hold at most MAX_ENTRIES items (a long table does): the rest continue in
    groups of the same title, so the file still passes check."""
    groups = []
    for group in result.groups:
        for start in range(0, len(group.items), MAX_ENTRIES):
            part = Group(group.title, group.items[start:start + MAX_ENTRIES], note=group.note, theme=group.theme)
            if start:
                part.note = f"原文这一组超过 {MAX_ENTRIES} 项，这里接着上一组"
            groups.append(part)
    result.groups = groups
