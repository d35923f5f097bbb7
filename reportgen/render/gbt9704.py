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
