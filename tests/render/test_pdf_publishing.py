"""The PDF as a publication: PDF/A-2a (tagged), zh-CN, XMP metadata from the document,
bookmarks from the headings, every font embedded, no JavaScript or encryption, and the
same bytes every time the same document is rendered. Read back with pikepdf."""

from __future__ import annotations

import datetime as dt
import hashlib
import time
from dataclasses import dataclass
from pathlib import Path

import pikepdf
import pytest
from conftest import ROOT

try:
    import pymupdf
except ImportError:  # PyMuPDF before 1.24.3
    import fitz as pymupdf

from reportgen.model.document import (
    AttachmentLabel,
    AttachmentNote,
    Document,
    Heading,
    PageBreak,
    Paragraph,
    Signature,
    Table,
    Title,
    unit_document,
)
from reportgen.errors import Loc
from reportgen.pipeline.check import check_year
from reportgen.render import WriteOptions
from reportgen.render.pdf import writer as pdf_writer

# ISO 32000-1 14.8.4: the standard structure types (PDF/A-2a needs these or a RoleMap)
STANDARD_TYPES = {
    "Document", "Part", "Art", "Sect", "Div", "BlockQuote", "Caption", "TOC", "TOCI", "Index", "NonStruct",
    "Private", "P", "H", "H1", "H2", "H3", "H4", "H5", "H6", "L", "LI", "Lbl", "LBody", "Table", "TR", "TH", "TD",
    "THead", "TBody", "TFoot", "Span", "Quote", "Note", "Reference", "BibEntry", "Code", "Link", "Annot", "Ruby",
    "RB", "RT", "RP", "Warichu", "WT", "WP", "Figure", "Formula", "Form",
}


@dataclass
class Rendered:
    document: Document
    path: Path

    @property
    def data(self) -> bytes:
        return self.path.read_bytes()


@pytest.fixture(scope="module")
def unit_pdf(tmp_path_factory) -> Rendered:
    """司法局's sample report: a real 成文日期, nine pages, 一、 and （一） headings."""
    data = check_year(ROOT / "data", 2023).data
    document = unit_document(data.units[0])
    path = tmp_path_factory.mktemp("publishing") / "unit.pdf"
    pdf_writer.write(document, path, WriteOptions())
    return Rendered(document, path)


SMALL = Document(
    "unit",
    "测试局2023年法治政府建设年度报告",
    "测试局",
    2023,
    None,  # no 成文日期: the PDF is dated 1 January 2024
    (
        Title("测试局2023年法治政府建设年度报告"),
        Paragraph("2023年，我局认真贯彻落实法治政府建设的各项部署。", source=Loc("data/2023/测试.yaml", 3, 5)),
        Heading(1, "一、", "主要做法和成效"),
        Heading(2, "（一）", "完善制度体系，依法行政水平不断提升", Loc("data/2023/测试.yaml", 6, 5)),
        Paragraph("全年制定规范性文件3件。", "1.加强制度建设。"),
        Heading(1, "二、", "主要存在问题"),
        Paragraph("基层执法力量仍然不足。"),
        AttachmentNote("附件：主要指标完成情况表"),
        Signature("测试局", "", 2.0, 0.0),
        PageBreak(),
        AttachmentLabel("附件"),
        Title("主要指标完成情况表"),
        Table(("序号", "指标", "完成值"), (("1", "规范性文件备案审查率", "100"),), (1, 6, 2),
              ("center", "left", "center")),
    ),
    "测试局",
)


@pytest.fixture(scope="module")
def small_pdfs(tmp_path_factory) -> tuple[Rendered, Rendered]:
    """The same small document (with an attachment, without a date) rendered twice, more
    than a second apart, so a timestamp anywhere in the file would show."""
    first = tmp_path_factory.mktemp("publishing") / "small.pdf"
    pdf_writer.write(SMALL, first, WriteOptions())
    time.sleep(1.1)
    second = tmp_path_factory.mktemp("publishing") / "small.pdf"
    pdf_writer.write(SMALL, second, WriteOptions())
    return Rendered(SMALL, first), Rendered(SMALL, second)


@pytest.fixture(scope="module", params=["unit", "small"])
def rendered(request, unit_pdf, small_pdfs) -> Rendered:
    return unit_pdf if request.param == "unit" else small_pdfs[0]


def _stamp(document: Document) -> str:
    date = document.date or dt.date(document.year + 1, 1, 1)
    return f"{date.isoformat()}T00:00:00+08:00"


# ---------------------------------------------------------------------------
# PDF/A and tagging


def test_xmp_identifies_pdf_a_2a(rendered):
    with pikepdf.open(rendered.path) as pdf:
        meta = pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False)
        assert meta["pdfaid:part"] == "2"
        assert meta["pdfaid:conformance"] == "A"
        assert meta.pdfa_status == "2A"
        intents = pdf.Root.OutputIntents
        assert [str(intent.S) for intent in intents] == ["/GTS_PDFA1"]


def _struct_types(pdf) -> list[str]:
    seen, out = set(), []

    def walk(node) -> None:
        if isinstance(node, pikepdf.Array):
            for kid in node:
                walk(kid)
        elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
            if node.is_indirect:
                if node.objgen in seen:
                    return
                seen.add(node.objgen)
            out.append(str(node.S)[1:])
            if "/K" in node:
                walk(node.K)

    walk(pdf.Root.StructTreeRoot.K)
    return out


def test_pdf_is_tagged_with_headings_and_paragraphs(rendered):
    blocks = rendered.document.blocks
    with pikepdf.open(rendered.path) as pdf:
        assert pdf.Root.MarkInfo.Marked is True
        assert "/StructTreeRoot" in pdf.Root
        types = _struct_types(pdf)
    assert types[0] == "Document"
    assert set(types) <= STANDARD_TYPES
    # the title is H1, 一、 headings H2, （一） headings H3 (a heading never splits)
    assert types.count("H1") == sum(isinstance(b, Title) for b in blocks)
    assert types.count("H2") == sum(isinstance(b, Heading) and b.level == 1 for b in blocks)
    assert types.count("H3") == sum(isinstance(b, Heading) and b.level == 2 for b in blocks)
    assert types.count("P") >= sum(isinstance(b, Paragraph) for b in blocks)


def test_small_pdf_tags_its_table(small_pdfs):
    with pikepdf.open(small_pdfs[0].path) as pdf:
        types = _struct_types(pdf)
    assert {"Table", "THead", "TBody", "TR", "TH", "TD"} <= set(types)
    assert types.count("TH") == 3 and types.count("TD") == 3


def test_language_is_zh_cn(rendered):
    with pikepdf.open(rendered.path) as pdf:
        assert str(pdf.Root.Lang) == "zh-CN"


# ---------------------------------------------------------------------------
# Metadata


def test_xmp_and_document_information_come_from_the_document(rendered):
    document = rendered.document
    keywords = f"法治政府建设, 年度报告, {document.author}"
    with pikepdf.open(rendered.path) as pdf:
        meta = pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False)
        assert meta["dc:title"] == document.title
        assert meta["dc:creator"] == [document.author]
        assert meta["dc:description"] == f"{document.year}年法治政府建设年度报告"
        assert meta["pdf:Keywords"] == keywords
        assert meta["xmp:CreateDate"] == _stamp(document)
        assert meta["xmp:ModifyDate"] == _stamp(document)
        info = pdf.docinfo
        assert str(info.Title) == document.title
        assert str(info.Author) == document.author
        assert str(info.Subject) == f"{document.year}年法治政府建设年度报告"
        assert str(info.Keywords) == keywords
        day = _stamp(document)[:10].replace("-", "")
        assert str(info.CreationDate) == str(info.ModDate) == f"D:{day}000000+08'00"


def test_dates_are_the_date_of_issue_or_new_year(unit_pdf, small_pdfs):
    assert unit_pdf.document.date is not None
    assert _stamp(unit_pdf.document).startswith(unit_pdf.document.date.isoformat())
    assert _stamp(small_pdfs[0].document) == "2024-01-01T00:00:00+08:00"


def test_xmp_has_nothing_that_changes_from_run_to_run(rendered):
    with pikepdf.open(rendered.path) as pdf:
        xmp = pdf.Root.Metadata.read_bytes().decode("utf-8")
    for name in ("MetadataDate", "DocumentID", "InstanceID", "uuid:"):
        assert name not in xmp


# ---------------------------------------------------------------------------
# Bookmarks


def _expected_outline(document: Document) -> list[tuple[int, str]]:
    out = []
    for block in document.blocks:
        if isinstance(block, Heading):
            out.append((block.level, block.full_text))
        elif isinstance(block, AttachmentLabel):
            out.append((1, block.text))
    return out


def _outline(path: Path) -> list[tuple[int, str]]:
    out = []
    with pikepdf.open(path) as pdf, pdf.open_outline() as outline:
        def walk(items, level: int) -> None:
            for item in items:
                out.append((level, item.title))
                walk(item.children, level + 1)

        walk(outline.root, 1)
    return out


def test_outline_lists_the_headings_in_order(rendered):
    expected = _expected_outline(rendered.document)
    assert expected and any(level == 2 for level, _ in expected)
    assert _outline(rendered.path) == expected


def test_small_outline_ends_with_the_attachment(small_pdfs):
    assert _outline(small_pdfs[0].path) == [
        (1, "一、主要做法和成效"), (2, "（一）完善制度体系，依法行政水平不断提升"), (1, "二、主要存在问题"), (1, "附件"),
    ]


def test_bookmarks_lead_to_the_page_of_their_heading(unit_pdf):
    with pymupdf.open(unit_pdf.path) as pdf:
        toc = pdf.get_toc()
        assert len(toc) == len(_expected_outline(unit_pdf.document))
        for level, title, page in toc:
            text = pdf[page - 1].get_text().replace("\n", "")
            assert title[:10] in text, (title, page)


# ---------------------------------------------------------------------------
# Fonts, scripts, encryption


def _fonts(pdf) -> list[pikepdf.Dictionary]:
    fonts = []
    for obj in pdf.objects:
        if isinstance(obj, (pikepdf.Dictionary, pikepdf.Stream)) and obj.get("/Type") == "/Font":
            fonts.append(obj)
            for descendant in obj.get("/DescendantFonts", []):
                fonts.append(descendant)
    return fonts


def test_every_font_is_embedded(rendered):
    with pikepdf.open(rendered.path) as pdf:
        fonts = _fonts(pdf)
        assert fonts
        for font in fonts:
            assert font.Subtype != "/Type3", font.get("/BaseFont")
            if font.Subtype == "/Type0":
                assert "/DescendantFonts" in font
                continue
            descriptor = font.FontDescriptor
            assert any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")), font.BaseFont
        # and every font the pages use is one of them
        used = {
            font.objgen for page in pdf.pages for font in page.Resources.get("/Font", {}).values()
        }
        assert used <= {font.objgen for font in fonts}


def _no_script(node, seen: set) -> None:
    if isinstance(node, (pikepdf.Dictionary, pikepdf.Stream)):
        if node.is_indirect:
            if node.objgen in seen:
                return
            seen.add(node.objgen)
        keys = set(node.keys())
        assert not keys & {"/JavaScript", "/JS", "/AA"}, keys
        if node.get("/S") == "/JavaScript":
            raise AssertionError("a JavaScript action")
        for key in keys:
            _no_script(node[key], seen)
    elif isinstance(node, pikepdf.Array):
        for item in node:
            _no_script(item, seen)


def test_no_javascript_and_no_encryption(rendered):
    with pikepdf.open(rendered.path) as pdf:
        assert not pdf.is_encrypted
        assert "/Encrypt" not in pdf.trailer
        assert "/OpenAction" not in pdf.Root
        assert "/JavaScript" not in pdf.Root.get("/Names", {})
        seen: set = set()
        _no_script(pdf.trailer, seen)
        for obj in pdf.objects:
            _no_script(obj, seen)


# ---------------------------------------------------------------------------
# Reproducible bytes


def test_the_same_document_gives_the_same_bytes(small_pdfs):
    first, second = small_pdfs
    assert hashlib.sha256(first.data).hexdigest() == hashlib.sha256(second.data).hexdigest()


def test_file_identifier_is_a_hash_of_the_document(small_pdfs):
    with pikepdf.open(small_pdfs[0].path) as pdf:
        ids = [bytes(part) for part in pdf.trailer.ID]
    assert ids[0] == pdf_writer.identifier(SMALL)
    assert len(ids) == 2


def test_identifier_follows_the_content_not_the_source_lines():
    from dataclasses import replace

    moved = replace(SMALL, blocks=tuple(
        replace(b, source=Loc("elsewhere.yaml", 99, 1)) if isinstance(b, Paragraph) else b for b in SMALL.blocks
    ))
    changed = replace(SMALL, title="测试局2024年法治政府建设年度报告")
    assert pdf_writer.identifier(moved) == pdf_writer.identifier(SMALL)
    assert pdf_writer.identifier(changed) != pdf_writer.identifier(SMALL)


def test_pdf_opens_in_pymupdf_with_its_metadata(unit_pdf):
    with pymupdf.open(unit_pdf.path) as pdf:
        assert not pdf.is_encrypted
        assert pdf.metadata["title"] == unit_pdf.document.title
        assert pdf.metadata["format"] == "PDF 1.7"
        assert pdf[0].get_text().replace("\n", "").startswith(unit_pdf.document.title[:6])
