"""The city's own voice (W441): the city report is the government's, so a text printed in
it must not speak as a unit (“我局”“本单位”…). Two places can bring such words in:

- an item chosen from a unit's report (`选用事项`, 合并方式: 选用), printed as the unit
  wrote it unless the secretariat writes 改写: the warning stands at the reference in
  _report.yaml and suggests 改写;
- the city's own text in _report.yaml (导语, its items, 存在问题, …, and each 改写).

With 合并方式: 全部 every unit item is merged as written: that report is a compilation for
internal use (README “全市报告的组成”), and is not judged here.
"""

from __future__ import annotations

import re

from reportgen.errors import Diagnostic, Loc
from reportgen.model.composition import CHOSEN, Chosen, resolve
from reportgen.model.data import Report, Unit
from reportgen.read.loader import Loaded
from reportgen.messages import diag
from reportgen.read.texts import excerpt, passages, text_loc

# How a unit names itself. “本X” is not matched after characters it forms other words with
# (基本局面, 根本, 成本, 文本 …); “我X” not after 自 (自我).
UNIT_WORDS = ("我局", "本局", "我委", "本委", "我办", "本办", "我厅", "本厅", "我单位", "本单位", "我部门", "本部门",
              "我中心", "本中心")
_BEFORE_BEN = "基根资成样文版日课剧账原书脚标"
_VOICE = re.compile("|".join(
    (f"(?<![{_BEFORE_BEN}])" if word.startswith("本") else "(?<!自)") + re.escape(word)
    for word in sorted(UNIT_WORDS, key=len, reverse=True)))

CHOSEN_FIX = "请在 _report.yaml 中把这一项写成“- 事项: 引用”和“  改写: 市政府口吻的文字”两行，用“改写”的文字代替单位的原文"
OWN_FIX = "请改用市政府的口吻（如“全市”“市政府”，或写出单位名称）"


def unit_voice(text: str) -> re.Match | None:
    """The first word by which `text` speaks as a unit, if any."""
    return _VOICE.search(text or "")


def _chosen_items(report: Report, units: dict[str, Unit]) -> list[Diagnostic]:
    found = []
    registered = {ref.code: ref.name for ref in report.units}
    for choice in report.composition.choices:
        if choice.rewrite:
            continue  # the city's own text: judged below with the rest of _report.yaml
        chosen = resolve(choice, units, registered)
        if not isinstance(chosen, Chosen):
            continue  # the reference's own error (E230–E237), or a unit not read (check --unit)
        for text in (chosen.source.title or "", chosen.source.text):
            match = unit_voice(text)
            if match:
                found.append(diag("W441", choice.loc, word=match.group(), fix=CHOSEN_FIX,
                                  excerpt=excerpt(text, match.start(), match.end())))
                break
    return found


def _rewrites(report: Report, report_loaded: Loaded) -> list[Diagnostic]:
    found = []
    for choice in report.composition.choices:
        match = unit_voice(choice.rewrite or "")
        if match:
            loc = _rewrite_loc(report_loaded, choice.loc)
            found.append(diag("W441", loc, word=match.group(), fix=OWN_FIX,
                              excerpt=excerpt(choice.rewrite, match.start(), match.end())))
    return found


def _rewrite_loc(report_loaded: Loaded, reference: Loc) -> Loc:
    """The line of the 改写 written with the reference at `reference` (its key's value)."""
    chosen = report_loaded.data.get("选用事项") if isinstance(report_loaded.data, dict) else None
    for area, entries in (chosen.items() if isinstance(chosen, dict) else ()):
        for index, entry in enumerate(entries if isinstance(entries, list) else ()):
            path = ("选用事项", area, index)
            if isinstance(entry, dict) and report_loaded.loc(path + ("事项",)).line == reference.line:
                return report_loaded.loc(path + ("改写",))
    return reference


def check_voice(report: Report, report_loaded: Loaded, units: dict[str, Unit]) -> list[Diagnostic]:
    """W441 for every text the city report prints in a unit's voice."""
    found = []
    for passage in passages(report_loaded):
        match = unit_voice(passage.text)
        if match:
            found.append(diag("W441", text_loc(report_loaded, passage, match.start()), word=match.group(),
                              fix=OWN_FIX, excerpt=excerpt(passage.text, match.start(), match.end())))
    if report.composition.mode != CHOSEN:
        return found
    return found + _rewrites(report, report_loaded) + _chosen_items(report, units)
