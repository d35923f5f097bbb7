"""The DOCX writer, read back with python-docx/lxml: page, grid, styles, fonts, footers, text."""

from __future__ import annotations


import docx
import pytest
from docx.oxml.ns import qn

from conftest import ROOT
from reportgen.model.document import (
    Addressee,
    Document,
    Heading,
    PageBreak,
    Paragraph,
    Signature,
    Title,
    city_document,
    unit_document,
)
from reportgen.pipeline.check import check_year
from reportgen.render import WriteOptions
from reportgen.render.docx.writer import write

TEXT_BLOCKS = (Title, Addressee, Heading, Paragraph)
NS = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}


@pytest.fixture(scope="module")
def data():
    return check_year(ROOT / "data", 2023).data


@pytest.fixture(scope="module")
def unit_doc(data):
    return unit_document(data.units[0])


@pytest.fixture(scope="module")
def unit_docx(unit_doc, tmp_path_factory):
    # A staging-style name: the writer must not depend on the suffix.
    target = tmp_path_factory.mktemp("docx") / ".unit.docx.tmp"
    assert write(unit_doc, target, WriteOptions()).pages is None
    return docx.Document(str(target))


def style_of(d, name):
    return d.styles[name].element


def attr(el, path, name):
    found = el.find(path, NS)
    assert found is not None, f"{path} missing"
    return found.get(qn(f"w:{name}"))


def mm(twips: str) -> float:
    return int(twips) * 25.4 / 1440


def expected_texts(document: Document) -> list[str]:
    out = []
    for block in document.blocks:
        if isinstance(block, Title):  # a long title breaks where the model says
            out.append("\n".join(block.lines))
        elif isinstance(block, TEXT_BLOCKS):
            out.append(block.full_text if isinstance(block, (Heading, Paragraph)) else block.text)
        elif isinstance(block, Signature):
            out += [t for t in (block.organ, block.date) if t]
    return out


def body_paragraphs(d):
    return [p for p in d.paragraphs if p.text]


# --- page ---------------------------------------------------------------------------


def test_a4_page_and_gbt9704_margins(unit_docx):
    sect = unit_docx.sections[0]._sectPr
    size, margins = sect.find(qn("w:pgSz")), sect.find(qn("w:pgMar"))
    assert (round(mm(size.get(qn("w:w")))), round(mm(size.get(qn("w:h"))))) == (210, 297)
    got = {side: mm(margins.get(qn(f"w:{side}"))) for side in ("top", "bottom", "left", "right")}
    assert got == pytest.approx({"top": 37, "bottom": 35, "left": 28, "right": 26}, abs=0.05)


def test_footer_puts_the_page_number_7_mm_below_the_text_block(unit_docx):
    footer = int(unit_docx.sections[0]._sectPr.find(qn("w:pgMar")).get(qn("w:footer")))
    line = int(attr(style_of(unit_docx, "公文页码"), "w:pPr/w:spacing", "line"))
    assert attr(style_of(unit_docx, "公文页码"), "w:pPr/w:spacing", "lineRule") == "exact"
    assert line == 280  # 14 pt
    # footer distance + the number's line + 7 mm = the 35 mm bottom margin
    assert mm(footer) + mm(line) + 7 == pytest.approx(35, abs=0.1)


def test_line_grid_of_579_twips(unit_docx):
    grid = unit_docx.sections[0]._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "lines"
    assert grid.get(qn("w:linePitch")) == "579"
    for name in ("公文正文", "公文标题", "公文一级标题", "公文二级标题", "公文落款"):
        spacing = style_of(unit_docx, name).find("w:pPr/w:spacing", NS)
        assert spacing.get(qn("w:line")) == "579" and spacing.get(qn("w:lineRule")) == "exact", name
        assert spacing.get(qn("w:after")) == "0"


# --- styles and fonts ---------------------------------------------------------------

STYLE_FONTS = {
    "公文正文": ("仿宋", 32),
    "公文标题": ("方正小标宋简体", 44),
    "公文主送": ("仿宋", 32),
    "公文一级标题": ("黑体", 32),
    "公文二级标题": ("楷体", 32),
    "公文落款": ("仿宋", 32),
    "公文页码": ("宋体", 28),
}


@pytest.mark.parametrize("name", STYLE_FONTS)
def test_styles_name_east_asian_fonts_and_sizes(unit_docx, name):
    style = style_of(unit_docx, name)
    font, size = STYLE_FONTS[name]
    assert attr(style, "w:rPr/w:rFonts", "eastAsia") == font
    assert attr(style, "w:rPr/w:rFonts", "hint") == "eastAsia"
    assert attr(style, "w:rPr/w:sz", "val") == str(size)


def test_no_theme_fonts_anywhere_in_the_styles(unit_docx):
    styles = unit_docx.styles.element
    for fonts in styles.iter(qn("w:rFonts")):
        assert not [a for a in fonts.attrib if a.endswith("Theme") or a.endswith("theme")], fonts.attrib
    defaults = styles.find("w:docDefaults/w:rPrDefault/w:rPr", NS)
    assert attr(defaults, "w:rFonts", "eastAsia") == "仿宋"  # 字体: 通用
    assert attr(defaults, "w:sz", "val") == "32"
    assert attr(defaults, "w:lang", "eastAsia") == "zh-CN"


def test_body_style_indents_two_characters_justifies_and_tracks(unit_docx):
    body = style_of(unit_docx, "公文正文")
    assert attr(body, "w:pPr/w:ind", "firstLineChars") == "200"
    assert attr(body, "w:pPr/w:ind", "firstLine") == "640"
    assert attr(body, "w:pPr/w:jc", "val") == "both"
    # −0.25 pt: 28 characters of 15.75 pt fill the 156 mm line, a 29th does not fit.
    tracking = int(attr(body, "w:rPr/w:spacing", "val"))
    assert tracking == -5
    assert 28 * (16 + tracking / 20) <= 156 / 25.4 * 72 < 29 * (16 + tracking / 20)


def test_title_centred_and_addressee_flush_left(unit_docx):
    title, addressee = style_of(unit_docx, "公文标题"), style_of(unit_docx, "公文主送")
    assert attr(title, "w:pPr/w:jc", "val") == "center"
    for style in (title, addressee):
        assert attr(style, "w:pPr/w:ind", "firstLineChars") == "0"
        assert attr(style, "w:pPr/w:ind", "firstLine") == "0"
    assert attr(addressee, "w:pPr/w:jc", "val") == "left"


def test_heading_styles_have_outline_levels_and_indent_like_body(unit_docx, unit_doc):
    levels = {"公文一级标题": "0", "公文二级标题": "1"}
    for name, level in levels.items():
        style = style_of(unit_docx, name)
        assert attr(style, "w:pPr/w:outlineLvl", "val") == level
        assert attr(style, "w:pPr/w:ind", "firstLineChars") == "200"
        assert style.find("w:pPr/w:keepNext", NS) is not None
    headings = [b for b in unit_doc.blocks if isinstance(b, Heading)]
    by_text = {p.text: p.style.name for p in unit_docx.paragraphs}
    assert {1, 2} <= {h.level for h in headings}
    for h in headings:
        assert by_text[h.full_text] == ("公文一级标题" if h.level == 1 else "公文二级标题")


def test_every_run_names_its_east_asian_font(unit_docx):
    runs = [r for p in unit_docx.paragraphs for r in p.runs]
    section = unit_docx.sections[0]
    runs += [r for footer in (section.footer, section.even_page_footer) for p in footer.paragraphs for r in p.runs]
    assert runs
    for run in runs:
        fonts = run._r.find("w:rPr/w:rFonts", NS)
        assert fonts is not None and fonts.get(qn("w:eastAsia")) and fonts.get(qn("w:hint")) == "eastAsia"


def test_font_table_gives_english_names(unit_docx):
    part = unit_docx.part.part_related_by("http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable")
    text = part.blob.decode("utf-8")
    assert 'w:name="仿宋"' in text and 'w:val="FangSong"' in text  # 字体: 通用, the default
    assert 'w:val="FZXiaoBiaoSong-B05S"' in text


# --- text ---------------------------------------------------------------------------


def test_unit_text_in_order(unit_docx, unit_doc):
    assert [p.text for p in body_paragraphs(unit_docx)] == expected_texts(unit_doc)


def test_city_text_in_order(data, tmp_path):
    city = city_document(data)
    write(city, tmp_path / "city.docx", WriteOptions())
    d = docx.Document(str(tmp_path / "city.docx"))
    assert [p.text for p in body_paragraphs(d)] == expected_texts(city)
    addressee = next(p for p in d.paragraphs if p.text == next(b.text for b in city.blocks if isinstance(b, Addressee)))
    assert addressee.style.name == "公文主送"


def test_lead_runs_bold_and_text_runs_not(unit_docx, unit_doc):
    leads = [b for b in unit_doc.blocks if isinstance(b, Paragraph) and b.lead]
    assert leads
    by_text = {p.text: p for p in unit_docx.paragraphs}
    for block in leads:
        runs = by_text[block.full_text].runs
        assert [r.text for r in runs] == [block.lead, block.text]
        assert runs[0].bold is True and not runs[1].bold
        assert runs[0]._r.rPr.rFonts.get(qn("w:eastAsia")) == "仿宋"
    plain = next(b for b in unit_doc.blocks if isinstance(b, Paragraph) and not b.lead)
    assert not any(r.bold for r in by_text[plain.full_text].runs)


def test_blank_line_after_title_and_before_signature(unit_docx, unit_doc):
    paras = unit_docx.paragraphs
    assert paras[0].style.name == "公文标题" and paras[0].text == unit_doc.title
    assert paras[1].text == "" and paras[2].text
    sig = next(b for b in unit_doc.blocks if isinstance(b, Signature))
    i = next(i for i, p in enumerate(paras) if p.text == sig.organ)
    assert paras[i - 1].text == "" and paras[i - 2].text
    assert [p.text for p in paras[i:]] == [sig.organ, sig.date]


def test_signature_right_aligned_with_given_right_indents(unit_docx, unit_doc):
    sig = next(b for b in unit_doc.blocks if isinstance(b, Signature))
    by_text = {p.text: p for p in unit_docx.paragraphs}
    assert attr(style_of(unit_docx, "公文落款"), "w:pPr/w:jc", "val") == "right"
    for text, chars in ((sig.organ, sig.organ_right), (sig.date, sig.date_right)):
        p = by_text[text]
        assert p.style.name == "公文落款"
        ind = p._p.pPr.find(qn("w:ind"))
        assert ind.get(qn("w:rightChars")) == str(round(chars * 100))
        assert ind.get(qn("w:right")) == str(round(chars * 320))  # characters of 16 pt
    assert sig.organ_right != sig.date_right  # the two lines really differ


def test_no_text_boxes_or_frames(unit_docx):
    xml = unit_docx.element.xml
    for tag in ("txbxContent", "framePr", "v:textbox", "wps:txbx", "w:drawing", "w:pict", "mc:AlternateContent"):
        assert tag not in xml


def test_page_break_becomes_page_break_before(tmp_path):
    blocks = (
        Title("第一页"),
        Paragraph("正文。"),
        PageBreak(),
        Title("第二页"),
        Paragraph("正文二。"),
        PageBreak(),
        PageBreak(),
        Paragraph("第四页。"),
        PageBreak(),
    )
    write(Document("unit", "第一页", "机关", 2023, None, blocks, "x"), tmp_path / "b.docx", WriteOptions())
    paras = docx.Document(str(tmp_path / "b.docx")).paragraphs
    broken = [(p.text, p.style.name) for p in paras if p.paragraph_format.page_break_before]
    # The second of two breaks in a row gets an empty page of its own.
    assert broken == [("第二页", "公文标题"), ("", "公文正文"), ("第四页。", "公文正文")]
    assert paras[-1].text == "第四页。"  # a trailing break adds nothing
    assert "w:br" not in docx.Document(str(tmp_path / "b.docx")).element.xml


# --- footers ------------------------------------------------------------------------


def footer_paragraph(footer):
    paras = footer.paragraphs
    assert len(paras) == 1
    return paras[0]


def test_odd_and_even_footers_with_page_field(unit_docx):
    settings = unit_docx.settings.element
    assert settings.find(qn("w:evenAndOddHeaders")) is not None
    refs = {r.get(qn("w:type")) for r in unit_docx.sections[0]._sectPr.findall(qn("w:footerReference"))}
    assert refs == {"default", "even"}
    section = unit_docx.sections[0]
    for footer, side, other in ((section.footer, "right", "left"), (section.even_page_footer, "left", "right")):
        p = footer_paragraph(footer)
        assert p.style.name == "公文页码"
        ppr = p._p.pPr
        assert ppr.find(qn("w:jc")).get(qn("w:val")) == side
        ind = ppr.find(qn("w:ind"))
        assert ind.get(qn(f"w:{side}")) == "280"  # one 4号 character in from the outer edge
        assert ind.get(qn(f"w:{other}")) in (None, "0")
        xml = p._p.xml
        kinds = [el.get(qn("w:fldCharType")) for el in p._p.iter(qn("w:fldChar"))]
        assert kinds == ["begin", "separate", "end"]
        assert [el.text.strip() for el in p._p.iter(qn("w:instrText"))] == ["PAGE"]
        assert p.text.startswith("— ") and p.text.endswith(" —")
        assert "txbxContent" not in xml and "framePr" not in xml
