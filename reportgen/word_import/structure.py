"""Recognise the parts of a report in a flat list of paragraphs and map them to the data
contract: 导语, 主送, 成文日期, groups and items of 主要做法和成效, 存在问题,
第一责任人履职情况, 下一步计划, 其他需要报告的情况.

Part headings are recognised by meaning (the phrasings in templates/import_parts.yaml),
not by position; first-level headings that name no part are themes of the work and each
becomes a group. Nothing is dropped: the title, part headings, signature, date and 附注 go
to named keys (edges.py), tables stay as comments (tables.py), text that fits no part goes
to 其他需要报告的情况 with a note; audit.py accounts for every paragraph.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import re
from dataclasses import dataclass, field

from reportgen.read.schema import MAX_ENTRIES, MAX_TEXT, MAX_TITLE
from reportgen.read.placeholders import placeholder
from reportgen.word_import.edges import head, tail
from reportgen.word_import.phrases import DUTY, INTRO, OTHER, PLANS, PROBLEMS, WORK, part_of
from reportgen.word_import.sources import Para, Source
from reportgen.word_import.tables import SourceTable
from reportgen.word_import.text import GROUP_MARK, ITEM_MARK, PART_MARK, SENTENCE_END, chunks, normalize, split_run, \
    strip_item_mark

HEADING_CHARS = 60
ITEM_HEADING_CHARS = 30  # a heading on its own line is short; longer bold text is a lead sentence
OPEN_END = "，、：,:"  # a text ending in one of these goes on in the next paragraph: never a 标题 or 内容
_INLINE_ITEM = re.compile(r"(?<=[。；])\s*(?=(?:\d{1,2}[.．、](?!\d)|[（(]\d{1,2}[)）]))")


@dataclass
class Entry:
    title: str | None
    text: str
    note: str = ""  # becomes a YAML comment above the entry
    cause: str | None = None  # 原因 of a 存在问题 entry
    before: list[SourceTable] = field(default_factory=list)  # tables that stood just before it, as comments
    after: list[SourceTable] = field(default_factory=list)  # tables that stood just after it, as comments


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
    annotation: str | None = None  # 附注 below the date, such as （此件公开发布）
    trailer: list[str] = field(default_factory=list)  # further notes below the date: comments
    closing: list[str] = field(default_factory=list)  # “特此报告。” above the signature: a comment
    keyed: dict[int, str] = field(default_factory=dict)  # id(Para) → the named key it went to
    tables: list[SourceTable] = field(default_factory=list)
    end_tables: list[SourceTable] = field(default_factory=list)  # tables after the last text
    intro: list[Entry] = field(default_factory=list)
    groups: list[Group] = field(default_factory=list)
    problems: list[Entry] = field(default_factory=list)
    duty: list[Entry] = field(default_factory=list)
    plans: list[Entry] = field(default_factory=list)
    other: list[Entry] = field(default_factory=list)
    # (code, message fields, path in the written file): each warning points at what to confirm
    warnings: list[tuple[str, dict, tuple]] = field(default_factory=list)


@dataclass
class _Block:
    kind: str  # "h1", "h2", "h3", "p" or "tbl"
    text: str
    para: Para
    rows: list[Para] = field(default_factory=list)  # a table's rows


def recognise(source: Source, year: int, phrases) -> Imported:
    result = Imported()
    paras = [p for p in source.paras if normalize(p.text)]
    start = head(paras, result)
    end = tail(paras, result, start)
    blocks: list[_Block] = []
    for para in paras[start:end]:
        if para.table and blocks and blocks[-1].kind == "tbl" and blocks[-1].para.table == para.table:
            blocks[-1].rows.append(para)
        elif para.table:
            blocks.append(_Block("tbl", "", para, [para]))
        else:
            blocks.extend(_classify(para, source.formatted, phrases))
    _Walker(result, phrases, source.formatted and source.bold_leads, result.keyed).walk(blocks)
    for line in result.trailer:
        result.other.append(Entry(None, line, "原文成文日期下的又一条附注，请确认是否保留"))
    for note in source.notes:
        result.other.append(Entry(None, normalize(note), "原文的脚注或批注，请确认是否保留"))
    for entries in (result.intro, result.problems, result.duty, result.plans, result.other,
                    *(g.items for g in result.groups)):
        join_open_endings(entries)
    _fill_required(result)
    _split_long_groups(result)
    return result


def join_open_endings(entries: list[Entry]) -> None:
    """A paragraph ending in “：” or “，” goes on in the next one: the two are one entry, as
    the author wrote them one after the other (no 标题 or 内容 ends that way)."""
    i = 0
    while i < len(entries) - 1:
        entry, following = entries[i], entries[i + 1]
        if entry.text[-1:] in OPEN_END and not entry.after and not following.before:
            hint = "原文这一段以“" + entry.text[-1] + "”结尾，已与下一段合为一项；如需分开，请改写"
            entries[i] = dataclasses.replace(entry, text=entry.text + _joined(following), after=following.after,
                                             note="；".join(n for n in (entry.note, following.note, hint) if n))
            del entries[i + 1]
        else:
            i += 1


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
    """The bold lead sentence (or, in plain text, a short first sentence that reads as a
    title: no figures, no comma, ending in “。”) and the rest. A lead ending in “，”, “、”
    or “：” opens the sentence that follows it: it is no 标题, the paragraph stays whole."""
    if SEQUENCE_START.match(text):
        return None, text  # “一是A。二是B。”: 一是 is the author's word, and a 标题 would lose it (W313)
    lead = strip_item_mark(normalize(para.bold_lead)) if para.bold_lead else ""
    if lead and text.startswith(lead) and len(lead) < len(text):
        rest = text[len(lead):]
        if lead[-1:] not in "。！？；：" and rest[:1] in "。！？；：":
            lead, rest = lead + rest[0], rest[1:]
        if lead[-1:] in "。！？；" and rest.strip():
            return lead.removesuffix("。"), rest.strip()
    if not formatted:
        first, sep, rest = text.partition("。")
        if sep and rest.strip() and len(first) <= 30 and not re.search(r"[，,、：:；\d]", first):
            return first, rest.strip()
    return None, text


# a paragraph opening with its own sequence word: 一是 二是 … 第一 第二 … 首先 其次
SEQUENCE_START = re.compile(r"^(?:[一二三四五六七八九十]{1,2}是|第[一二三四五六七八九十]{1,2}(?![章条部])|首先|其次)")
RUN_HINT = "原文这一段用“一是……二是……”列举，已按原文保留为一段；如需拆成几项，请手动拆分"


def entries_of(text: str, para: Para, formatted: bool) -> list[Entry]:
    """One paragraph → its entry (more only when it is too long for one): the lead sentence
    as 标题, the words 一是, 二是 … kept where they stand; a split is only offered."""
    text = strip_item_mark(text)
    title, body = lead_and_text(text, para, formatted)
    note = RUN_HINT if split_run(text) else ""
    return [Entry(title if n == 0 else None, piece, note if n == 0 else "") for n, piece in enumerate(chunks(body, MAX_TEXT))]


class _Walker:
    """Walk the blocks, keeping the current part and group."""

    def __init__(self, result: Imported, phrases, formatted: bool, keyed: dict[int, str]):
        self.r, self.phrases, self.formatted, self.keyed = result, phrases, formatted, keyed
        self.waiting: list[SourceTable] = []  # tables before any text of their part: they lead the next entry
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
        self.r.end_tables += self.waiting

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
        self.keyed[id(block.para)] = part
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
        if part:
            self.keyed[id(block.para)] = part
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

    def tbl(self, block: _Block) -> None:
        """A table is never items: it stands as a comment after the entry it follows."""
        self._flush_pending()
        table = SourceTable(len(self.r.tables) + 1, [row.cells for row in block.rows])
        self.r.tables.append(table)
        current = self._current()
        if current:
            current[-1].after.append(table)
        else:
            self.waiting.append(table)

    def _current(self) -> list[Entry]:
        if self.part == WORK:
            return self.r.groups[-1].items if self.r.groups else self.pre_group
        return {INTRO: self.r.intro, DUTY: self.r.duty, OTHER: self.r.other, PROBLEMS: self.r.problems,
                PLANS: self.r.plans}[self.part]

    def p(self, block: _Block) -> None:
        found = entries_of(block.text, block.para, self.formatted)
        if self.pending is not None:
            lead = self.pending if self.pending[-1:] not in OPEN_END else None
            text = _joined(found[0]) if lead else self.pending + _joined(found[0])
            found[0] = dataclasses.replace(found[0], title=lead, text=text)
            self.pending = None
        found[0].before, self.waiting = self.waiting, []
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
            target.extend(dataclasses.replace(e, title=None, text=_joined(e), note=e.note or note) for e in found)

    def _flush_pending(self) -> None:
        """A （一） heading with no text after it stays, as an entry of its own."""
        if self.pending is None:
            return
        text, self.pending = self.pending, None
        entry = Entry(None, text, before=self.waiting)
        self.waiting = []
        self._current().append(entry)

    def _flush_pre_group(self) -> None:
        """Text between “一、主要做法和成效” and its first （一） is an overview: it joins 导语."""
        for entry in self.pre_group:
            self.r.intro.append(dataclasses.replace(entry, title=None, text=_joined(entry),
                                                    note=entry.note or "原文“主要做法和成效”开头的总述，已并入导语"))
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
