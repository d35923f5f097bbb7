"""Statutory content (《法治政府建设与责任落实督察工作规定》, 厅字〔2019〕28号; docs/regulation.md): every report,
unit or city, covers 第一责任人履职情况, says the 不足 *and their causes*, and plans
measures that answer the problems.
"""

from __future__ import annotations

import re

from reportgen.errors import Diagnostic, Loc
from reportgen.read.loader import Loaded
from reportgen.messages import diag
from reportgen.read.placeholders import is_placeholder
from reportgen.read.texts import HAN

# Wordings that give a cause. Documented in README (检查项目, W401) and in --explain W401.
CAUSE_WORDS = ("原因", "主要是", "主要在于", "由于", "因为", "导致", "造成", "受…影响", "尚未")
_CAUSE = re.compile("|".join(w.replace("…", "[^。；]{0,20}?") for w in CAUSE_WORDS))

# Words every problem and plan of a rule-of-law report shares; they say nothing about what a
# problem is about, so they are not key terms. Longest first, so that 依法行政 goes before 依法.
GENERIC_WORDS = sorted((
    "法治政府建设", "法治政府", "法治建设", "依法行政", "依法治市", "进一步", "有待", "提高", "提升", "加强",
    "加大", "推进", "推动", "持续", "继续", "深入", "全面", "不断", "切实", "存在", "问题", "方面", "工作",
    "仍然", "仍需", "还需", "需要", "不够", "不足", "不强", "不高", "不到位", "完善", "健全", "落实", "强化",
    "部分", "个别", "一些", "少数", "有的", "较为", "相对", "比较", "水平", "能力", "力度", "质量", "情况",
    "建设", "机制", "制度", "体系", "我局", "我委", "我区", "全市", "本单位", "明年", "下一步", "今年", "年度",
    "主要原因是", "原因是", "主要是", "原因", "由于", "尚未", "还不", "还有", "差距", "短板", "薄弱", "滞后", "实效", "效果", "成效",
    "违法", "依法", "群众", "企业", "社会",
), key=len, reverse=True)
_GENERIC = re.compile("|".join(map(re.escape, GENERIC_WORDS)))
_RUN = re.compile(f"[{HAN}]{{2,}}")


def key_terms(text: str) -> list[str]:
    """Runs of Chinese characters left after taking out punctuation and GENERIC_WORDS."""
    return _RUN.findall(_GENERIC.sub("，", text))


def term_pairs(text: str) -> set[str]:
    """Two-character pieces of the key terms: a problem and a plan “share a key term” when
    they share one of these (Chinese has no spaces, so words are not split out)."""
    return {run[i:i + 2] for run in key_terms(text) for i in range(len(run) - 1)}


def duty_missing(loaded: Loaded) -> list[Diagnostic]:
    """W304 for a unit file without 第一责任人履职情况 (the city's file already gets it)."""
    if loaded.data.get("第一责任人履职情况"):  # a placeholder too: W350 already asks for it
        return []
    return [diag("W304", Loc(loaded.display, 1, 1))]


def _entries(loaded: Loaded, key: str) -> list[tuple[int, dict | str]]:
    """The entries of a list, less the placeholders of `init` and `new-year` (W350 covers them)."""
    value = loaded.data.get(key)
    entries = list(enumerate(value)) if isinstance(value, list) else []
    return [(i, e) for i, e in entries if not is_placeholder(e.get("内容") if isinstance(e, dict) else e)]


def _entry_text(entry) -> str:
    if isinstance(entry, dict):
        return "".join(str(entry.get(k) or "") for k in ("标题", "内容", "原因"))
    return str(entry)


def causes_missing(loaded: Loaded) -> list[Diagnostic]:
    """W401 when none of the 存在问题 gives a cause, by a 原因 key or by CAUSE_WORDS."""
    problems = _entries(loaded, "存在问题")
    if not problems:
        return []
    for _, entry in problems:
        if isinstance(entry, dict) and entry.get("原因") or _CAUSE.search(_entry_text(entry)):
            return []
    return [diag("W401", loaded.key_loc(("存在问题",)))]


def problems_unanswered(loaded: Loaded) -> list[Diagnostic]:
    """W402 at each problem that shares no key term with any 下一步计划 entry."""
    planned: set[str] = set()
    for _, entry in _entries(loaded, "下一步计划"):
        planned |= term_pairs(_entry_text(entry))
    found = []
    for i, entry in _entries(loaded, "存在问题"):
        text = "".join(str(entry.get(k) or "") for k in ("标题", "内容")) if isinstance(entry, dict) else str(entry)
        pairs = term_pairs(text)
        if pairs and not pairs & planned:
            terms = "、".join(t if len(t) <= 10 else t[:10] + "……" for t in key_terms(text)[:3])
            found.append(diag("W402", loaded.loc(("存在问题", i)), terms=terms))
    return found


def check_statutory(loaded: Loaded, is_unit: bool) -> list[Diagnostic]:
    found = duty_missing(loaded) if is_unit else []
    return found + causes_missing(loaded) + problems_unanswered(loaded)

