"""The GB/T 9704 page, fonts and paragraph styles of the DOCX, in Word's own terms.

Numbers come from reportgen/render/gbt9704.py (shared with the PDF writer); the
reasons for each choice are in docs/gbt9704.md.
"""

from __future__ import annotations

from dataclasses import dataclass

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm

from reportgen.render import gbt9704 as F
from reportgen.render.docx import fonts

# --- the page ----------------------------------------------------------------------
PAGE_W, PAGE_H, TOP, BOTTOM, LEFT, RIGHT = F.PAGE_W, F.PAGE_H, F.TOP, F.BOTTOM, F.LEFT, F.RIGHT
LINE = round(F.LINE_PITCH_PT * 20)  # 579 twips; 580 gives only 21 lines in LibreOffice
BODY_PT, TITLE_PT, PAGE_NO_PT = F.BODY_PT, F.TITLE_PT, F.PAGE_NO_PT
CHAR = BODY_PT * 20  # one character of the 3号 grid in twips (indents in characters)
# 28 characters in 156 mm (442.2 pt) means a 15.79 pt pitch: −0.25 pt tracking gives
# 15.75 pt, so 28 characters fit and a 29th does not. In twentieths of a point.
TRACKING = -5
# Page number [7.5]: its line's top 7 mm below the text block. Word and LibreOffice
# measure the footer distance from the page's bottom edge to the footer's last line,
# whose height is fixed at exactly 14 pt below: 35 − 7 mm − 14 pt = 23.1 mm.
PAGE_NO_LINE = PAGE_NO_PT * 20
FOOTER_DISTANCE = round(Mm(BOTTOM - F.PAGE_NO_GAP).twips) - PAGE_NO_LINE  # 1307 twips

# --- tables ------------------------------------------------------------------------
# The full text width, 仿宋 cells with a 黑体 header, cells centred vertically; sizes,
# lines and rules from gbt9704.py, as the PDF writer's.
TEXT_W = round(Mm(PAGE_W - LEFT - RIGHT).twips)  # 8844 twips = 156 mm
TABLE_PT = F.TABLE_PT
TABLE_LINE = round(F.TABLE_LINE_PT * 20)  # 440 twips: exact lines in cells and notes, off the grid
TABLE_ROW = LINE  # a one-line row is one grid line high (at least)
CELL_PAD_V, CELL_PAD_H = round(F.CELL_PAD_V_PT * 20), round(F.CELL_PAD_H_PT * 20)  # twips
BORDER_OUTER, BORDER_INNER = round(F.BORDER_OUTER_PT * 8), round(F.BORDER_INNER_PT * 8)  # eighths of a point
TABLE_CHAR = TABLE_PT * 20  # one 4号 character in twips: notes hang by “注：”

# --- fonts -------------------------------------------------------------------------
# The names Word/WPS know on an office machine, of the default scheme (通用, fonts.py,
# which renames them for the scheme _report.yaml's 字体 chooses); the PDF writer embeds
# real files.
FANGSONG, XIAOBIAOSONG, HEITI, KAITI, SONGTI = (
    fonts.FANGSONG.name, fonts.XIAOBIAOSONG.name, fonts.HEITI.name, fonts.KAITI.name, fonts.SONGTI.name
)
# Digits and Latin in body text: Times New Roman, as in most government templates — the
# Latin glyphs of 仿宋 are crude, and TNR digits are exactly half a character
# wide (what Signature's indents assume). Titles and headings keep their own face for
# digits so “2023年” does not mix a serif into 黑体; page numbers are 宋体 by the
# standard ([7.5] 半角宋体阿拉伯数字).
LATIN = "Times New Roman"


@dataclass(frozen=True)
class Style:
    id: str
    name: str
    east: str
    latin: str
    size: float = BODY_PT  # pt
    jc: str = "both"
    first_line: bool = True  # indent two characters [7.3.3]
    tracking: int = TRACKING
    outline: int | None = None  # w:outlineLvl: Word's navigation pane
    keep_next: bool = False
    # Off the grid: LibreOffice gives a line whose font is taller than the grid's
    # 16 pt two grid lines even at exact spacing (a 2号 title would push the body to
    # line 4), and page numbers sit on their own 14 pt line.
    on_grid: bool = True
    line: int = LINE  # exact line height, twips


BODY = Style("GongwenBody", "公文正文", FANGSONG, LATIN)
STYLES = {
    "body": BODY,
    "title": Style("GongwenTitle", "公文标题", XIAOBIAOSONG, XIAOBIAOSONG, TITLE_PT, "center", False, 0, on_grid=False,
                   keep_next=True),
    "addressee": Style("GongwenAddressee", "公文主送", FANGSONG, LATIN, jc="left", first_line=False),
    1: Style("GongwenHeading1", "公文一级标题", HEITI, HEITI, outline=0, keep_next=True),
    # “附件” on line 1 of the attachment's page, flush left, no indent [7.3.7].
    "attachment": Style("GongwenAttachmentLabel", "公文附件标识", HEITI, HEITI, jc="left", first_line=False,
                        keep_next=True),
    2: Style("GongwenHeading2", "公文二级标题", KAITI, KAITI, outline=1, keep_next=True),
    # No tracking: the signature's indents count characters of exactly 16 pt.
    "signature": Style("GongwenSignature", "公文落款", FANGSONG, LATIN, jc="right", first_line=False, tracking=0),
    "page": Style(
        "GongwenPageNumber", "公文页码", SONGTI, SONGTI, PAGE_NO_PT, "left", False, 0, on_grid=False, line=PAGE_NO_LINE
    ),
    # Tables: 14 pt lines do not fit the 16 pt grid, so cells and notes keep off it.
    "table": Style("GongwenTableText", "公文表格", FANGSONG, LATIN, TABLE_PT, "center", False, 0,
                   on_grid=False, line=TABLE_LINE),
    "table_header": Style("GongwenTableHeader", "公文表头", HEITI, HEITI, TABLE_PT, "center", False, 0,
                          on_grid=False, line=TABLE_LINE),
    "table_note": Style("GongwenTableNote", "公文表注", FANGSONG, LATIN, TABLE_PT, "both", False, 0,
                        on_grid=False, line=TABLE_LINE),
    # build --draft: the source of a merged item, 4号 楷体 in grey (see SourceNote)
    "source_note": Style("GongwenSourceNote", "公文草稿来源", KAITI, LATIN, TABLE_PT, "left", False, 0,
                         on_grid=False, line=TABLE_LINE),
}


STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"


def install_styles(doc) -> None:
    """Make a new python-docx document use these fonts and styles only."""
    clean_package(doc)
    set_defaults(doc)
    for style in STYLES.values():
        doc.styles.element.append(parse_xml(style_xml(style)))


def clean_package(doc) -> None:
    """Drop what python-docx's template carries that would mislead: a preview picture
    of another document and a second style sheet (stylesWithEffects) with theme fonts."""
    for rels, reltype in ((doc.part.package.rels, RT.THUMBNAIL), (doc.part.rels, STYLES_WITH_EFFECTS)):
        for rId in [rId for rId, rel in rels.items() if rel.reltype == reltype]:
            rels.pop(rId)
    settings = doc.settings.element
    for el in settings.findall(qn("w:savePreviewPicture")):
        settings.remove(el)
    for el in settings.findall(qn("w:themeFontLang")):
        el.set(qn("w:eastAsia"), "zh-CN")


def set_defaults(doc) -> None:
    """Theme fonts (asciiTheme, eastAsiaTheme …) beat explicit names: remove them all,
    then make the body font, size and Chinese language the document's defaults."""
    styles = doc.styles.element
    for fonts in styles.iter(qn("w:rFonts")):
        for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
            fonts.attrib.pop(qn(f"w:{attr}"), None)
    defaults = styles.find(qn("w:docDefaults"))
    defaults.getparent().replace(
        defaults,
        parse_xml(
            f"<w:docDefaults {nsdecls('w')}><w:rPrDefault><w:rPr>{fonts_xml(FANGSONG, LATIN)}"
            f'<w:sz w:val="{BODY_PT * 2}"/><w:szCs w:val="{BODY_PT * 2}"/>'
            '<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>'
            f'<w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="{LINE}" w:lineRule="exact"/>'
            "</w:pPr></w:pPrDefault></w:docDefaults>"
        ),
    )


def fonts_xml(east: str, latin: str) -> str:
    # hint="eastAsia": characters both scripts share (“” —— ……) use the Chinese font.
    return f'<w:rFonts w:ascii="{latin}" w:hAnsi="{latin}" w:eastAsia="{east}" w:cs="{latin}" w:hint="eastAsia"/>'


def style_xml(s: Style) -> str:
    """One paragraph style; children in the order the schema (and Word) demand."""
    ppr = ['<w:keepNext/>' if s.keep_next else ""]
    # No widow/orphan control: every full page keeps all 22 lines of the grid [5.2.3].
    ppr.append('<w:widowControl w:val="0"/>')
    # No automatic gaps between Chinese and digits/Latin: the grid counts characters,
    # and the PDF has no such gaps either.
    ppr.append('<w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/>')
    ppr.append("" if s.on_grid else '<w:snapToGrid w:val="0"/>')
    ppr.append(f'<w:spacing w:before="0" w:after="0" w:line="{s.line}" w:lineRule="exact"/>')
    # firstLineChars is what Word and WPS use; firstLine (twips) is the fallback.
    chars = 200 if s.first_line else 0
    ppr.append(f'<w:ind w:left="0" w:right="0" w:firstLineChars="{chars}" w:firstLine="{chars * CHAR // 100}"/>')
    ppr.append(f'<w:jc w:val="{s.jc}"/>')
    if s.outline is not None:
        ppr.append(f'<w:outlineLvl w:val="{s.outline}"/>')
    size = round(s.size * 2)
    return (
        f'<w:style {nsdecls("w")} w:type="paragraph" w:customStyle="1" w:styleId="{s.id}">'
        f'<w:name w:val="{s.name}"/><w:basedOn w:val="Normal"/><w:next w:val="{BODY.id}"/><w:qFormat/>'
        f"<w:pPr>{''.join(ppr)}</w:pPr>"
        f'<w:rPr>{fonts_xml(s.east, s.latin)}'
        f'<w:spacing w:val="{s.tracking}"/><w:kern w:val="0"/><w:sz w:val="{size}"/><w:szCs w:val="{size}"/>'
        '<w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:style>'
    )


def styled_run(p, text: str, style: Style, bold: bool = False):
    """A run that names its fonts itself as well as through its style (docs/
    gbt9704.md): the fonts then survive pasting into another document or template."""
    run = p.add_run(text)
    names = run._r.get_or_add_rPr().get_or_add_rFonts()
    for attr, value in (("ascii", style.latin), ("hAnsi", style.latin), ("eastAsia", style.east),
                        ("cs", style.latin), ("hint", "eastAsia")):
        names.set(qn(f"w:{attr}"), value)
    if bold:
        run.bold = True  # 1. and the lead sentence: 仿宋 bold [7.3.3]
    return run
