"""Turn a unit's or the city's report data into a layout-free Document.

The order of parts and their fixed wording come from the Jinja2 template
`report.j2`, which calls the block functions below; numbering (一、（一）1.)
is decided here, so the DOCX and PDF writers only draw what they are given.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from reportgen.errors import Loc, ReportgenError
from reportgen.model.measure import text_em
from reportgen.model.title_breaks import title_lines
from reportgen.model.composition import city_groups, rewrites
from reportgen.model.data import Body, Report, Unit, YearData
from reportgen.model.naming import DRAFT_SUFFIX
from reportgen.numbering import date_text, format_number, group_number, item_number, part_number
from reportgen.templating import environment


@dataclass(frozen=True)
class Title:
    text: str
    lines: tuple[str, ...] = ()  # where a long title breaks (GB/T 9704 7.3.1)

    def __post_init__(self) -> None:
        if not self.lines:
            object.__setattr__(self, "lines", title_lines(self.text))


@dataclass(frozen=True)
class Addressee:
    text: str  # with its full-width colon: “省人民政府：”


@dataclass(frozen=True)
class Heading:
    level: int  # 1: 一、 (黑体)   2: （一） (楷体)
    number: str
    text: str
    source: Loc | None = None

    @property
    def full_text(self) -> str:
        return self.number + self.text


@dataclass(frozen=True)
class Paragraph:
    """A body paragraph, indented two characters; `lead` (bold) runs into `text`."""

    text: str
    lead: str = ""
    source: Loc | None = None

    @property
    def full_text(self) -> str:
        return self.lead + self.text


@dataclass(frozen=True)
class Signature:
    """GB/T 9704 7.3.5.2 (no seal): organ two characters from the right, the date below it,
    starting two characters further right. Indents are in characters from the right edge."""

    organ: str
    date: str
    organ_right: float
    date_right: float


@dataclass(frozen=True)
class PageBreak:
    pass


@dataclass(frozen=True)
class AttachmentNote:
    """“附件：主要指标完成情况表” one blank line below the body, indented two characters,
    no full stop (GB/T 9704 7.3.4)."""

    text: str


@dataclass(frozen=True)
class AttachmentLabel:
    """“附件” in 黑体, flush left on the first line of the attachment's page (7.3.7);
    the attachment's title follows as a Title block."""

    text: str


@dataclass(frozen=True)
class Table:
    """A table in the GB/T 9704 style: a header row, body rows, and footnotes below it."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...]  # relative column widths
    align: tuple[str, ...]  # per column: "left" or "center"
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class SourceNote:
    """`build --draft` only: where the item above it came from (unit and file:line), drawn
    small and distinct so the secretariat can trace every sentence; absent otherwise."""

    text: str


Block = (Title | Addressee | Heading | Paragraph | Signature | PageBreak | AttachmentNote | AttachmentLabel | Table
         | SourceNote)


@dataclass(frozen=True)
class Document:
    """Everything a writer draws, including the file's properties: writers decide no word
    and no date. `date` is the 成文日期 as the signature shows it (None: no date line);
    `issued` is the date the files record as made and modified."""

    kind: str  # "unit" or "city"
    title: str
    author: str
    year: int
    date: _dt.date | None
    blocks: tuple[Block, ...]
    name: str  # output file name without extension
    subject: str = ""  # default: “<year>年法治政府建设年度报告”
    keywords: tuple[str, ...] = ()  # default: 法治政府建设, 年度报告, the author
    issued: _dt.date | None = None  # default: the 成文日期, else 1 January after the report year
    draft: bool = False  # build --draft: saved beside the official file, never in its place
    mark: str = ""  # drawn in the top margin of every page, outside the text and the text block
    # 附注 as printed (GB/T 9704 7.3.6): below the 成文日期, indented two characters, in
    # parentheses; never body text. Writers draw it right after the Signature block.
    annotation: str | None = None
    font_scheme: str = "通用"  # _report.yaml's 字体: the DOCX's font names (render/docx/fonts.py)

    def __post_init__(self) -> None:
        if not self.subject:
            object.__setattr__(self, "subject", f"{self.year}年法治政府建设年度报告")
        if not self.keywords:
            object.__setattr__(self, "keywords", ("法治政府建设", "年度报告", self.author))
        if self.issued is None:
            # never the clock: a rebuild on another day gives the same files
            object.__setattr__(self, "issued", self.date or _dt.date(self.year + 1, 1, 1))


# build --draft: what tells a draft from the report itself, wherever it ends up — the file
# name, the title and state the file records (shown by viewers and search engines), every page's mark.
DRAFT_MARK = "草稿 仅供核对"


def as_draft(document: Document) -> Document:
    """The draft of a document: named `<name>（草稿）`, its recorded title saying 草稿, and
    every page marked; its text is the document's own."""
    return dataclasses.replace(document, draft=True, title=document.title + DRAFT_SUFFIX,
                               name=document.name + DRAFT_SUFFIX, mark=DRAFT_MARK)


def annotation_text(written: str | None) -> str | None:
    """The 附注 as printed: the author's words in parentheses (7.3.6), which are not doubled
    when the author wrote them already (“（此件公开发布）”)."""
    text = (written or "").strip()
    if not text:
        return None
    if text[0] in "（(" and text[-1] in "）)":
        return text
    return f"（{text}）"


def signature(organ: str, date: str) -> Signature:
    organ_w, date_w = text_em(organ), text_em(date)
    if not date:
        return Signature(organ, "", 2.0, 0.0)
    date_right = organ_w - date_w  # date starts two characters right of the organ's start
    if date_right >= 2:
        return Signature(organ, date, 2.0, date_right)
    return Signature(organ, date, date_w + 4 - organ_w, 2.0)


@dataclass
class _Outline:
    """What report.j2 calls; collects blocks and keeps the numbering."""

    blocks: list = field(default_factory=list)
    parts: int = 0
    groups: int = 0
    items: int = 0
    authors: dict = field(default_factory=dict)  # source file → unit name, for --draft notes
    rewrites: dict = field(default_factory=dict)  # item source → where its 改写 text is (composition.py)
    draft: bool = False

    def title(self, text: str) -> str:
        self.blocks.append(Title(text))
        return ""

    def addressee(self, text: str) -> str:
        self.blocks.append(Addressee(text.rstrip("：:") + "："))
        return ""

    def paragraph(self, text: str, source: Loc | None = None) -> str:
        self.blocks.append(Paragraph(text, "", source))
        return ""

    def part(self, text: str) -> str:
        self.parts += 1
        self.groups = 0
        self.items = 0
        self.blocks.append(Heading(1, part_number(self.parts), text))
        return ""

    def group(self, text: str, source: Loc | None = None) -> str:
        self.groups += 1
        self.items = 0
        self.blocks.append(Heading(2, group_number(self.groups), text, source))
        return ""

    def item(self, title: str | None, text: str, source: Loc | None = None, traced: bool = True) -> str:
        """A “1.” paragraph: number and lead sentence in bold, then the text. An item without
        a title is a plain paragraph with no number of the report's: real reports print their
        一是…二是… paragraphs so, and the author's own words must stand as written (#18)."""
        if title:
            self.items += 1
            self.blocks.append(Paragraph(text, item_number(self.items) + _sentence(title), source))
        else:
            self.blocks.append(Paragraph(text, "", source))
        if self.draft and traced and source is not None:
            author = self.authors.get(source.file, "")
            rewrite = self.rewrites.get(source)
            rewritten = f"，按 {rewrite.file}:{rewrite.line} 改写" if rewrite else ""
            self.blocks.append(SourceNote(f"〔来源：{author} {source.file}:{source.line}{rewritten}〕".replace("： ", "：")))
        return ""

    def entries(self, entries, cause: str = "") -> str:
        """存在问题 / 下一步计划: an entry with a lead sentence is numbered, one without is a
        plain paragraph. An entry's 原因 follows its text, introduced by the template's
        `cause` wording (e.g. “究其原因，”)."""
        self.items = 0
        for entry in entries:
            text = entry.text
            if getattr(entry, "cause", None):
                text = _sentence(text) + cause + _sentence(entry.cause)
            if entry.title:
                self.item(entry.title, text, entry.loc, traced=False)
            else:
                self.paragraph(text, entry.loc)
        return ""

    def signature(self, organ: str, date: _dt.date | None) -> str:
        self.blocks.append(signature(organ, date_text(date) if date else ""))
        return ""

    def page_break(self) -> str:
        self.blocks.append(PageBreak())
        return ""

    def attachment_note(self, text: str) -> str:
        self.blocks.append(AttachmentNote(text))
        return ""

    def attachment_label(self, text: str) -> str:
        self.blocks.append(AttachmentLabel(text))
        return ""

    def indicator_table(self, results) -> str:
        self.blocks.append(indicator_table(results))
        return ""


def _sentence(title: str) -> str:
    """A lead sentence ends with a full stop unless it already ends with punctuation."""
    title = title.strip()
    return title if title[-1:] in "。！？；：" else title + "。"


def _render(kind: str, body: Body, groups, templates: Path | None, results=(), draft: bool = False,
            authors: dict | None = None, rewrites: dict | None = None, **extra) -> tuple[Block, ...]:
    outline = _Outline(authors=authors or {}, rewrites=rewrites or {}, draft=draft)
    by_name = {r.indicator.name: r for r in results}

    def indicator(name: str):
        """The year's figures of one plan indicator, for wording such as
        “化解行政争议{{ indicator("行政争议调解化解件数").value | number }}件”."""
        if name not in by_name:
            raise ReportgenError(f"模板 report.j2 引用了指标“{name}”，但规划中没有这个指标（或本次生成未计算指标）")
        return by_name[name]

    env = environment(templates, autoescape=False)
    try:
        template = env.get_template("report.j2")
        template.render(
            kind=kind,
            doc=body,
            groups=groups,
            title=outline.title,
            addressee=outline.addressee,
            paragraph=outline.paragraph,
            part=outline.part,
            group=outline.group,
            item=outline.item,
            entries=outline.entries,
            signature=outline.signature,
            page_break=outline.page_break,
            attachment_note=outline.attachment_note,
            attachment_label=outline.attachment_label,
            indicator_table=outline.indicator_table,
            indicator=indicator,
            **extra,
        )
    except jinja2.TemplateSyntaxError as exc:
        raise ReportgenError(f"模板 {exc.filename or exc.name}:{exc.lineno} 有语法错误：{exc.message}") from None
    except jinja2.TemplateError as exc:
        raise ReportgenError(f"模板 report.j2 无法生成报告：{exc}") from None
    return tuple(outline.blocks)


# The columns of 附件 主要指标完成情况表: heading, relative width, alignment.
INDICATOR_COLUMNS = (("序号", 1.2, "center"), ("指标", 7.6, "left"), ("单位", 1.6, "center"), ("目标值", 2.4, "center"),
                     ("完成值", 2.2, "center"), ("上年值", 2.2, "center"), ("状态", 2.8, "center"))


def indicator_table(results) -> Table:
    """附件 主要指标完成情况表, one row per indicator in INDICATOR_COLUMNS; notes (说明) below."""
    rows, notes = [], []
    for n, r in enumerate(results, 1):
        ind = r.indicator
        sign = ind.target_sign
        target = f"{sign}{format_number(r.target.value)}" if r.target else "—"
        value = "不适用" if r.status == "不适用" else format_number(r.value)
        rows.append((str(n), ind.name, ind.unit, target, value, format_number(r.last_value), r.status))
        # one note per row, however many units explained the figure: each says whose it is
        explained = [f"{source.note.rstrip('。；')}（{source.name}）" for source in r.sources if source.note]
        if explained:
            notes.append(f"{n}. {ind.name}：{'；'.join(explained)}。")
    return Table(
        columns=tuple(heading for heading, _, _ in INDICATOR_COLUMNS),
        rows=tuple(rows),
        widths=tuple(width for _, width, _ in INDICATOR_COLUMNS),
        align=tuple(alignment for _, _, alignment in INDICATOR_COLUMNS),
        notes=tuple(notes),
    )


def unit_document(unit: Unit, templates: Path | None = None, results=(), draft: bool = False,
                  font_scheme: str = "通用") -> Document:
    """A unit's report; `font_scheme`: the year's 字体 (Report.font_scheme)."""
    blocks = _render("unit", unit, unit.groups, templates, results, indicators=())
    document = Document("unit", unit.title, unit.author, unit.year, unit.date, blocks, unit.author,
                        annotation=annotation_text(unit.annotation), font_scheme=font_scheme)
    return as_draft(document) if draft else document


def city_document(data: YearData, templates: Path | None = None, results=(), table: bool = True,
                  draft: bool = False) -> Document:
    """The city report; with `results` (IndicatorResult rows) and `table`, the 附件 table;
    with `draft`, a draft (`as_draft`) with a source note after every merged item. 主要做法和成效
    is every unit item by area (合并方式: 全部) or the items the secretariat chose (选用,
    reportgen/model/composition.py)."""
    report: Report = data.report
    authors = {body.source: body.author for body in (report, *data.units)}
    groups = city_groups(data)
    blocks = _render("city", report, groups, templates, results, draft, authors, rewrites(groups),
                     units=data.units, indicators=tuple(results) if table else ())
    document = Document("city", report.title, report.author, report.year, report.date, blocks, report.title,
                        annotation=annotation_text(report.annotation), font_scheme=report.font_scheme)
    return as_draft(document) if draft else document


