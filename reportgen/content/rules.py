"""What `reportgen check --explain CODE` prints: each content rule, why it exists and its source.

Kept here as data, apart from the rules' code, so that the secretariat can read (and the
maintainers can review) the reasoning in one place. The message texts are in messages.py;
the one-line description of every check (as README's 检查项目 tables give it) is in
templates/check_codes.yaml, which ships in the wheel, so --explain never sends anyone to
a README they may not have.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import yaml

from reportgen.messages import MESSAGES
from reportgen.content.figures import RATE_PATTERNS, VAGUE_CHARS
from reportgen.content.similarity import BOILERPLATE_CHARS, BOILERPLATE_UNITS, MIN_CHARS, SHINGLE, SIMILAR
from reportgen.content.statutory import CAUSE_WORDS, GENERIC_WORDS
from reportgen.content.voice import UNIT_WORDS
from reportgen.templating import DEFAULT_TEMPLATES

# Cited as read (docs/regulation.md): the article numbers of the contents list were not
# confirmed, so only the document and its number are given; 第二十四条 is the publication rule.
REGULATION = "《法治政府建设与责任落实督察工作规定》（厅字〔2019〕28号）"
PRACTICE = "评估实践：中国社会科学院法学研究所等对各地法治政府建设年度报告的评估"


@dataclass(frozen=True)
class Rule:
    title: str
    rule: str
    why: str
    source: str


def _rate_table() -> str:
    return "\n".join(f"    {n}. {p.name}（例：{p.example}）" for n, p in enumerate(RATE_PATTERNS, 1))


RULES: dict[str, Rule] = {
    "W304": Rule(
        "缺少第一责任人履职情况",
        "全市报告（_report.yaml）和每个单位的报告都应有“第一责任人履职情况”。",
        "督察工作规定把党政主要负责人履行推进法治建设第一责任人职责情况列为年度报告的必备内容；评估中缺少这一部分的报告被认为不完整。",
        f"{REGULATION}关于年度报告内容的规定（“党政主要负责人履行推进法治建设第一责任人职责”）",
    ),
    "W401": Rule(
        "存在问题没有写原因",
        "“存在问题”中至少有一项写明原因：写了“原因”键，或文字中有以下用语之一："
        + "、".join(f"“{w}”" for w in CAUSE_WORDS) + "（“…”代表中间的任意文字）。",
        "年度报告要写“存在的不足和原因”。只列问题、不分析原因的报告，下一年往往重复同样的问题。",
        f"{REGULATION}关于年度报告内容的规定（“存在的不足和原因”）",
    ),
    "W402": Rule(
        "问题没有对应的下一步计划",
        "每个问题至少与一项下一步计划有共同的关键词。关键词的取法：去掉标点和通用词（"
        + "、".join(GENERIC_WORDS[:24]) + "等，共 " + str(len(GENERIC_WORDS)) + " 个），"
        "剩下的每一段连续汉字中任意两个相邻的字；问题和计划有一个相同的两字组合即视为对应。"
        "例如“基层执法人员素质有待提高”与“加强执法人员培训”共有“执法”“人员”。",
        "下一步计划应当针对查摆出的问题；计划与问题毫不相关，说明问题没有得到回应。",
        f"{REGULATION}关于年度报告内容的规定（“下一年度推进法治政府建设的主要安排”）；{PRACTICE}",
    ),
    "W411": Rule(
        "照抄上年报告",
        f"把 data/<上一年度>/<单位代码>.yaml 中的文字（可以只有指标，也可以有全文）与本年度逐段比较：两段文字中连续 {SHINGLE} 个字的片段"
        f"（数字一律视为相同）重合度（Dice 系数）不低于 {int(SIMILAR * 100)}% 即提示，并给出上年的位置。"
        f"少于 {MIN_CHARS} 个字的段落不比较。",
        "评估发现不少报告只把上一年的文字换了日期和数字。本年度报告应写本年度的新做法和新进展。",
        PRACTICE,
    ),
    "W412": Rule(
        "两个单位的文字相同",
        f"本年度任意两个单位（含市政府本级）的段落按 W411 的方法比较，重合度不低于 {int(SIMILAR * 100)}% 时在两处都提示。",
        "全市报告按领域合并各单位的事项，同一段文字会出现两次；多是配合单位照抄了牵头单位的材料。",
        PRACTICE,
    ),
    "W413": Rule(
        "套话",
        f"同一段话，或 {BOILERPLATE_CHARS} 字以上的同一句话，出现在 {BOILERPLATE_UNITS} 个以上单位的报告中时，只在第一处提示一次，"
        "总览页列出这句话和出现的单位数。较短的常用语（如“坚持以习近平新时代中国特色社会主义思想为指导”）不计。",
        "套话不提供信息，逐个单位提示又会淹没其他问题，所以只计数一次。",
        PRACTICE,
    ),
    "W421": Rule(
        "正文数字与指标不一致",
        "事项、导语等事实部分中，指标名称或规划中该指标的“别名”后面（同一分句内 6 个字以内）紧跟的数字，"
        "与本单位“指标”中填报的值按所写的位数四舍五入后不同时提示。“较上年”“新增”“以上”“目标”等表示变化、部分或目标的数字，"
        "年份、月份，以及“下一步计划”中的数字不比较。",
        "同一份报告中正文与附表的数字不一致，是评估中最常被扣分的问题之一。",
        PRACTICE,
    ),
    "W422": Rule(
        "比率与件数不符",
        "同一句中写了比率和计算它的两个数时，按两个数重新计算比率，与所写比率的差超过最后一位的四舍五入范围时提示"
        "（如写 96.8%，则应在 96.75%—96.85% 之间）。认得的句式：\n" + _rate_table(),
        "比率常由人工计算后抄入报告，计算或抄写错误不易发现。",
        PRACTICE,
    ),
    "I401": Rule(
        "缺少具体内容（提示）",
        f"“主要做法和成效”中 {VAGUE_CHARS} 字以上的事项，如果没有任何数字（含“三项”“五件”等）、没有文件名（《……》）、"
        "也没有具体机构（如“××局”“××中心”“××法院”），就提示“缺少具体内容”。这是提示，不是警告：单独计数，只有 --strict 时视为未通过。",
        "“取得明显成效”“进一步加强”之类的文字不能说明做了什么。深圳等地的报告指引要求每项工作写明措施、数量和依据。",
        PRACTICE,
    ),
    "W441": Rule(
        "全市报告用了单位的口吻",
        "合并方式为“选用”时，选用的单位事项（标题或内容）中有单位的自称（" + "、".join(f"“{w}”" for w in UNIT_WORDS)
        + "）而没有写“改写”时，在 _report.yaml 中引用它的一行提示；_report.yaml 自己的文字（导语、事项、存在问题、"
        "第一责任人履职情况、下一步计划、其他需要报告的情况和每个“改写”）中有这些词时也提示。“基本局面”“成本”等词中的“本”不算。"
        "合并方式为“全部”的全市报告是内部汇总材料，不检查。",
        "全市报告以报告机关（市政府）的名义公开，选用的事项照单位原文印出，“对我局现行有效的58件……”就成了市政府说“我局”。"
        "把这一项写成“- 事项: 引用”和“  改写: 文字”两行，用市政府口吻的文字（“全市”“市场监管部门”或写出单位名称）代替。",
        f"{PRACTICE}；全市报告以 _report.yaml 的“报告机关”署名",
    ),
    "W431": Rule("标点不成对", "引号“”‘’、书名号《》、括号（）在同一段文字中应成对出现。",
                 "不成对的引号、书名号会使引文或文件名的范围不清。", "GB/T 15834—2011《标点符号用法》4.1、4.8、4.15 等"),
    "W432": Rule("破折号写法", "破折号是两个连续的“——”，不能写成“--”“－－”或汉字之间单个的“—”。",
                 "这些写法在公文排版中宽度和位置都不对。", "GB/T 15834—2011 4.9 破折号"),
    "W433": Rule("省略号写法", "省略号是“……”（六个点），不能写成“...”“。。。”或单个“…”。",
                 "英文省略号只占半个字，排版后明显不同。", "GB/T 15834—2011 4.11 省略号"),
    "W434": Rule("标点重复", "同一个点号（，、；：。）不应连续出现两次。", "多为录入错误。", "GB/T 15834—2011"),
    "W435": Rule("全角数字或字母", "正文中的阿拉伯数字和拉丁字母用半角（如“2023”“PDF”），不用全角（“２０２３”）。",
                 "全角数字在公文中不规范，也无法被当作数字检索和核对。", "GB/T 15835—2011《出版物上数字用法》"),
    "W436": Rule("汉字之间的空格", "两个汉字之间不应有空格。", "多来自从 PDF 复制的文字，或 YAML 中不用“|”的折行；报告中会出现多余的空白。",
                 "GB/T 15834—2011；GB/T 9704—2012 正文排版要求"),
    "W437": Rule("起止年份的写法", "起止年份用一字线“—”或“至”连接（“2021—2025年”），不用“-”或“~”。",
                 "连接号“-”是短横线，用于化学式、产品型号等；标示起止用一字线。", "GB/T 15834—2011 4.13 连接号"),
    "W440": Rule("GB 2312 以外的字", "_report.yaml 写了“字体: GB2312”时，各单位文件和 _report.yaml 中的每个 GB 2312 字符集以外的字"
                 "（如“镕”“喆”“堃”）都给出警告，指出所在的行。",
                 "仿宋_GB2312、楷体_GB2312 只有 GB 2312 的 6763 个汉字，DOCX 中这些字在装有这两种字体的电脑上显示为方框或别的字体；"
                 "Windows 自带的仿宋、楷体（“字体: 通用”，默认）包含 GB 18030 的全部汉字。PDF 嵌入自己的字体，不受影响。",
                 "GB 2312—1980《信息交换用汉字编码字符集 基本集》；GB/T 9704—2012 7.3（仿宋体、楷体）"),
}


def _template(code: str) -> str:
    """A message with its blanks shown as “……”."""
    return re.sub(r"\{[^}]*\}", "……", MESSAGES[code])


@functools.lru_cache(maxsize=1)
def descriptions() -> dict[str, str]:
    """Code → the check's description (templates/check_codes.yaml)."""
    with (DEFAULT_TEMPLATES / "check_codes.yaml").open(encoding="utf-8") as handle:
        return {str(code): str(text) for code, text in (yaml.safe_load(handle) or {}).items()}


def explain(code: str) -> str | None:
    """The text --explain prints for `code`, or None when reportgen has no such code."""
    code = code.strip().upper()
    rule = RULES.get(code)
    described = descriptions().get(code, "").replace("`", "")
    if rule is None:
        if code not in MESSAGES:
            return None
        return f"{code} {described}\n\n提示文字：{_template(code)}"
    return (f"{code} {rule.title}\n\n规则：{rule.rule}\n\n为什么：{rule.why}\n\n依据：{rule.source}\n\n"
            f"提示文字：{_template(code)}")
