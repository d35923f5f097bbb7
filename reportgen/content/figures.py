"""Figures: a number in the text against the unit's reported indicator value (W421), a rate
recomputed from the counts stated with it (W422), and items with nothing concrete (I401).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reportgen.errors import Diagnostic
from reportgen.read.loader import Loaded
from reportgen.messages import diag
from reportgen.model.data import Plan, Unit
from reportgen.numbering import format_number
from reportgen.read.texts import HAN, Passage, passages, sentences, text_loc

NUMBER = r"(\d+(?:\.\d+)?)(?![\d.]|年|月)"  # not a year or a month
# Between an indicator's name and its figure: a few characters of the same clause, no digit
# (“审查率保持100%”, “出庭应诉率为96.8%”, “行政复议决定履行率达到100%”).
_GAP = r"[^\d，。；！？、,;]{0,6}?"
# A number after an indicator's name is not its value when the words around it make it a change,
# a target or a part: “排名较上年前移3位”, “新设基层立法联系点3个”, “稳定在95%以上”.
_NOT_VALUE_GAP = re.compile("较|比|增|减|提高|降低|下降|上升|前移|后退|不少于|不低于|不高于|不超过|目标|确保|力争|稳定在")
_NOT_VALUE_BEFORE = re.compile("新增|新设|新建|增加|减少|其中")
_NOT_VALUE_AFTER = re.compile("以上|以下|左右|个百分点")
FACT_PARTS = ("导语", "事项", "第一责任人履职情况", "其他需要报告的情况", "存在问题")  # not 下一步计划: targets
COUNTED = "件项个宗人次家名条起户所"  # 量词 of the counts a rate is computed from


@dataclass(frozen=True)
class RatePattern:
    """How a sentence states a rate with its counts; groups name the numbers."""

    name: str
    example: str
    pattern: re.Pattern


# The documented table of rate wordings (README 检查项目 W422, reportgen check --explain W422).
RATE_PATTERNS = (
    RatePattern(
        "总数在前：……的X件中……Y件，……率Z%",
        "应出庭的312件案件中负责人出庭302件，出庭应诉率96.8%",
        re.compile(rf"(?P<den>\d+)(?P<unit>[{COUNTED}])[^。；\d]{{0,12}}?中[^。；\d]{{0,16}}?(?P<num>\d+)(?P=unit)"
                   rf"[^。；\d]{{0,12}}?(?P<name>[{HAN}]{{0,6}}率)(?:为|达|达到|是)?(?P<rate>\d+(?:\.\d+)?)%"),
    ),
    RatePattern(
        "部分在前：Y件，占……X件的Z%",
        "调解化解186件，占审结902件的20.6%",
        re.compile(rf"(?P<num>\d+)(?P<unit>[{COUNTED}])[^。；\d]{{0,4}}占[^。；\d]{{0,12}}?(?P<den>\d+)(?P=unit)"
                   rf"[^。；\d]{{0,4}}?的(?P<rate>\d+(?:\.\d+)?)%"),
    ),
)

# I401: what makes an item concrete.
_DIGIT = re.compile(r"[0-9０-９]|[一二三四五六七八九十两百千万]+[项件个次场家名人条批部所]")
_BODY = re.compile(rf"[{HAN}]{{2,}}(?:局|委员会|委|办公室|法院|检察院|人民政府|政府|中心|研究院|协会|大学|学院|"
                   rf"公司|司法所|派出所|街道|大队|支队|站)")
VAGUE_CHARS = 100


def _decimals(number: str) -> int:
    return len(number.split(".")[1]) if "." in number else 0


def _differs(stated: str, value: float) -> bool:
    """Whether `value` does not round to the figure as written (96.8 stands for 96.75–96.85)."""
    return abs(float(stated) - float(value)) > 0.5 * 10 ** -_decimals(stated) + 1e-9


def _is_value(text: str, match: re.Match) -> bool:
    """Whether the number of an indicator-name match states the indicator's value."""
    gap = text[match.start():match.start(1)]
    before = text[max(0, match.start() - 4):match.start()]
    after = text[match.end(1):match.end(1) + 4].lstrip("%")
    return not (_NOT_VALUE_GAP.search(gap) or _NOT_VALUE_BEFORE.search(before) or _NOT_VALUE_AFTER.match(after))


def indicator_figures(unit: Unit, plan: Plan, loaded: Loaded, texts: list[Passage]) -> list[Diagnostic]:
    """W421: an indicator's name or 别名, then a number, that differs from the reported value."""
    found = []
    for value in unit.indicators:
        indicator = plan.indicator(value.name)
        if indicator is None or not value.applicable or value.value is None:
            continue
        names = sorted({indicator.name, *indicator.aliases}, key=len, reverse=True)
        pattern = re.compile(f"(?:{'|'.join(map(re.escape, names))}){_GAP}{NUMBER}")
        for passage in texts:
            for match in pattern.finditer(passage.text):
                if passage.part in FACT_PARTS and _is_value(passage.text, match) and _differs(match.group(1), value.value):
                    found.append(diag("W421", text_loc(loaded, passage, match.start()), name=indicator.name,
                                      stated=match.group(1),
                                      reported=f"{format_number(value.value)}（{value.loc.file}:{value.loc.line}）"))
                    break
    return found


def rates(loaded: Loaded, texts: list[Passage]) -> list[Diagnostic]:
    """W422 for each rate that its counts in the same sentence do not give."""
    found = []
    for passage in texts:
        for offset, sentence in sentences(passage.text):
            for rule in RATE_PATTERNS:
                for match in rule.pattern.finditer(sentence):
                    num, den, rate = int(match["num"]), int(match["den"]), match["rate"]
                    if den == 0 or num > den:
                        continue
                    computed = 100 * num / den
                    if _differs(rate, computed):
                        name = match.groupdict().get("name") or "比例"
                        found.append(diag("W422", text_loc(loaded, passage, offset + match.start()),
                                          rate_name=name, stated=rate, numerator=f"{num}{match['unit']}",
                                          denominator=f"{den}{match['unit']}", computed=f"{computed:.2f}"))
    return found


def is_vague(text: str) -> bool:
    return (len(text) >= VAGUE_CHARS and not _DIGIT.search(text) and "《" not in text
            and not _BODY.search(text))


def vague_items(loaded: Loaded, texts: list[Passage]) -> list[Diagnostic]:
    """I401 at each 事项 of at least VAGUE_CHARS characters with nothing concrete in it."""
    return [diag("I401", p.loc, length=len(p.text)) for p in texts if p.part == "事项" and is_vague(p.text)]


def check_figures(loaded: Loaded, plan: Plan, unit: Unit | None) -> list[Diagnostic]:
    texts = passages(loaded)
    found = rates(loaded, texts) + vague_items(loaded, texts)
    if unit is not None:
        found = indicator_figures(unit, plan, loaded, texts) + found
    return found
