"""The official-document format in numbers (GB/T 9704-2012; docs/gbt9704.md).

Both writers read these, so the DOCX and the PDF cannot drift apart: lengths in mm,
sizes in pt, clause numbers in brackets.
"""

PAGE_W, PAGE_H = 210, 297  # A4 [5.1]
TOP, BOTTOM, LEFT, RIGHT = 37, 35, 28, 26  # [5.2.1]: text block 156 × 225 mm
CHARS_PER_LINE = 28  # [5.2.3]
LINES_PER_PAGE = 22  # [5.2.3]
LINE_PITCH_PT = 28.95  # 22 lines in 225 mm need ≤ 28.99 pt; 579 twips as Word stores it
BODY_PT, TITLE_PT, PAGE_NO_PT = 16, 22, 14  # 3号, 2号, 4号
PAGE_NO_GAP = 7  # the page number's line starts this far below the text block [7.5]

# Tables: the standard says nothing beyond the page; common practice in government
# attachments is 4号 cells and notes on 22 pt lines, a one-line row one grid line high,
# 0.5 pt rules inside and 1 pt round the table.
TABLE_PT = 14
TABLE_LINE_PT = 22
CELL_PAD_V_PT, CELL_PAD_H_PT = 3, 4
BORDER_OUTER_PT, BORDER_INNER_PT = 1, 0.5

# 避头尾 (GB/T 15834 and common CJK practice): never at the start / the end of a line.
NO_START = frozenset("。，、；：？！）］｝〕〉》」』】〗〙〛”’．·・％‰℃°′″ゝゞ々〻!%),.:;?]}")
NO_END = frozenset("（［｛〔〈《「『【〖〘〚“‘￥([{$#")

# The submission edition's 版头 [7.2] and 版记 [7.4] (docs/gbt9704.md).
MARK_TOP = 35  # mm from the text block's top to the 发文机关标志's top edge [7.2.4]
MARK_PT = 42  # the 标志's size is the organ's choice [7.2.4]; 初号, shrunk to fit the text block (practice)
NUMBER_GAP_LINES = 2  # the 发文字号 “下空二行” below the 标志 [7.2.5]
RULE_GAP = 4  # mm from the 发文字号 to the red separator [7.2.7]
RULE_PT = 1  # the separator's thickness is not fixed; GONGWEN uses 1 pt (practice)
TITLE_GAP_LINES = 2  # the title “下空二行” below the separator [7.3.1]
IMPRINT_PT = 14  # 抄送 and 印发 in 4号 [7.4.1, 7.4.2]
IMPRINT_THICK, IMPRINT_THIN = 0.35, 0.25  # mm: first and last rule, the rules between [7.4]
# Red [7.2.4]: Y80% M80% for print (GONGWEN's profile). The PDF is PDF/A-2 with an sRGB
# output intent, where DeviceCMYK is not allowed (ISO 19005-2 6.2.4.3) and WeasyPrint can
# write no ICC-based CMYK, so the PDF and the DOCX use the same colour in RGB, converted
# the naive way (R = 255·(1−C)(1−K), G = 255·(1−M)(1−K), B = 255·(1−Y)(1−K)).
RED_CMYK = (0.0, 0.8, 0.8, 0.0)
RED_RGB = tuple(round(255 * (1 - c) * (1 - RED_CMYK[3])) for c in RED_CMYK[:3])  # (255, 51, 51)


def masthead_rule_and_title(mark_pt: float, top_lines: int) -> tuple[float, float]:
    """pt below the text block's top: the red separator's centre, and the title's top. The
    标志's top is MARK_TOP below the text block's top [7.2.4], the 发文字号 line two lines
    below the 标志 [7.2.5], the rule RULE_GAP below the 发文字号's glyphs [7.2.7] (the 3号
    glyphs fill the top BODY_PT of a grid line). The title comes two lines below the rule
    [7.3.1], rounded to the nearest grid line (whole lines from the text block's top), so that
    the body after it lies on the grid as in the public edition and the DOCX, whose body
    snaps to the grid, breaks its pages where the PDF does. `top_lines` (份号, 密级, 紧急程度)
    stand above the 标志 within the 35 mm and move nothing."""
    mm = 72 / 25.4
    number_top = MARK_TOP * mm + mark_pt + NUMBER_GAP_LINES * LINE_PITCH_PT
    rule = number_top + BODY_PT + RULE_GAP * mm
    lines = round((rule + TITLE_GAP_LINES * LINE_PITCH_PT) / LINE_PITCH_PT)
    return rule, lines * LINE_PITCH_PT
