"""Guess each group's plan area, each item's plan tasks and the unit's indicator values.

The scoring is meant to be read by a person: a task (or area name) scores the share of its
distinctive two-character words that occur in the group's text, rare words counting more
(inverse document frequency over the plan's texts); the unit's own lead tasks count a
little more. An area scores its best task or its name. The top reason is written into the
YAML as a comment. Task and indicator findings are only ever comments, never data.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

from reportgen.model.data import Indicator, Plan
from reportgen.numbering import format_number
from reportgen.word_import.structure import Group, Imported

LEAD_BONUS = 1.15  # a unit mostly reports on the tasks it leads
NAME_WEIGHT = 0.8  # an area name is short and generic: its match counts a little less
TITLE_WEIGHT = 1.0  # the group's own title says most about its area: its words count twice
CLOSE = 0.9  # the runner-up within 10 % of the best: ask the unit to confirm
WEAK = 0.5  # a best score under this rests on a few shared words: ask the unit to confirm
TASK_HINT = 0.4  # an item must cover this share of a task's words to suggest the task
_HAN = re.compile(r"[\u4e00-\u9fff]+")


def bigrams(text: str) -> list[str]:
    return [run[i:i + 2] for run in _HAN.findall(text) for i in range(len(run) - 1)]


@dataclass
class Guess:
    area: str
    score: float
    reason: str
    close: str | None = None  # the runner-up area code when it scored nearly as well
    words: tuple[str, ...] = ()  # the shared two-character words that decided it, weightiest first


class AreaScorer:
    def __init__(self, plan: Plan, code: str):
        self.plan = plan
        self.code = code
        texts = [t.content for t in plan.tasks] + [a.name for a in plan.areas]
        df = Counter(b for text in texts for b in set(bigrams(text)))
        self.idf = {b: math.log((len(texts) + 1) / n) for b, n in df.items()}

    def deciding(self, target: str, found: set[str]) -> tuple[str, ...]:
        """The words of `target` found in the group, rarest (weightiest) first."""
        shared = sorted(set(bigrams(target)) & found, key=lambda b: (-self.idf.get(b, 0.0), b))
        return tuple(shared[:4])

    def cover(self, target: str, found: set[str]) -> float:
        words = set(bigrams(target))
        total = sum(self.idf.get(b, 0.0) for b in words)
        if not total:
            return 0.0
        return sum(self.idf.get(b, 0.0) for b in words if b in found) / total

    def task_scores(self, found: set[str]) -> list[tuple[float, object]]:
        scored = []
        for task in self.plan.tasks:
            score = self.cover(task.content, found) * (LEAD_BONUS if self.code in task.leads else 1.0)
            scored.append((score, task))
        return sorted(scored, key=lambda pair: (-pair[0], pair[1].number))

    def guess(self, group: Group) -> Guess:
        text = " ".join([group.title] + [f"{i.title or ''} {i.text}" for i in group.items])
        found, titled = set(bigrams(text)), set(bigrams(group.title))
        best: dict[str, tuple[float, str, str]] = {}
        for score, task in self.task_scores(found):
            score += TITLE_WEIGHT * self.cover(task.content, titled)
            if task.area not in best or score > best[task.area][0]:
                content = task.content.rstrip("。")
                best[task.area] = (score, f"与任务 {task.number}“{content}”最接近", task.content)
        for area in self.plan.areas:
            score = (self.cover(area.name, found) + TITLE_WEIGHT * self.cover(area.name, titled)) * NAME_WEIGHT
            if area.code not in best or score > best[area.code][0]:
                best[area.code] = (score, f"与领域名称“{area.name}”最接近", area.name)
        order = [a.code for a in self.plan.areas]
        ranked = sorted(best.items(), key=lambda kv: (-kv[1][0], order.index(kv[0])))
        code, (score, reason, target) = ranked[0]
        second, (runner, *_) = ranked[1] if len(ranked) > 1 else (None, (0.0,))
        close = second if second and (score <= 0 or runner >= score * CLOSE) else None
        if score <= 0:
            reason = "这一组与规划的领域名称和任务都没有相同的词，暂填第一个领域"
        return Guess(code, score, reason, close, self.deciding(target, found))

    def tasks_for(self, text: str) -> list[int]:
        found = set(bigrams(text))
        return [task.number for score, task in self.task_scores(found)[:2] if score >= TASK_HINT]


def assign_areas(imported: Imported, plan: Plan, code: str) -> None:
    """Fill in each group's 领域 and its comment; close calls become warnings W502."""
    scorer = AreaScorer(plan, code)
    names = {a.code: a.name for a in plan.areas}
    for number, group in enumerate(imported.groups, 1):
        guess = scorer.guess(group)
        group.area = guess.area
        words = "、".join(f"“{w}”" for w in guess.words) or "无"
        group.area_note = f"领域为自动判断：{guess.reason}（相同的词：{words}），请确认"
        if guess.close:
            group.area_note += f"（“{names[guess.close]}”（{guess.close}）得分接近）"
        if guess.close or guess.score < WEAK:
            why = f"“{names[guess.close]}”（{guess.close}）的得分与之接近" if guess.close else "相同的词很少"
            imported.warnings.append(("W502", {"number": number, "title": group.title, "area": guess.area,
                                               "words": words, "why": why}, ("主要做法和成效", number - 1, "领域")))
        for item in group.items:
            tasks = scorer.tasks_for(f"{item.title or ''}{item.text}")
            if tasks:
                shown = "、".join(f"{n}（{plan.task(n).content.rstrip('。')}）" for n in tasks)
                hint = f"关联任务（建议，确认后可写成“关联任务: [{', '.join(map(str, tasks))}]”）：{shown}"
                item.note = f"{item.note}；{hint}" if item.note else hint


_NUMBER = re.compile(r"(第\s*)?(\d+(?:\.\d+)?)")


def indicator_hints(imported: Imported, plan: Plan, code: str) -> list[tuple[str, str, str]]:
    """(indicator, value, source sentence) for each indicator the unit reports, found in its text."""
    texts = [e.text for e in imported.intro + imported.other + imported.duty]
    texts += [f"{i.title or ''}。{i.text}" for g in imported.groups for i in g.items]
    clauses = []  # (clause, the sentence it stands in): a figure is judged by its clause, shown in its sentence
    for text in texts:
        for sentence in re.findall(r"[^。；！？]+[。；！？]?", text):
            clauses += [(clause, sentence.strip()) for clause in re.split(r"[，,]", sentence) if _NUMBER.search(clause)]
    found = []
    for indicator in plan.indicators:
        if code not in indicator.owners:
            continue
        hint = _best_clause(indicator, clauses)
        if hint:
            found.append((indicator.name, *hint, ""))
    return found


def _best_clause(indicator: Indicator, clauses: list[tuple[str, str]]) -> tuple[str, str] | None:
    words = set(bigrams(indicator.name))
    best = None
    for clause, sentence in clauses:
        share = len(words & set(bigrams(clause))) / max(len(words), 1)
        if indicator.kind == "比率" and indicator.name[-3:] in clause:  # “出庭应诉率96.8%”
            share = max(share, 0.6)
        value = _value_in(indicator, clause)
        if value is not None and _kind_word(indicator) in clause:  # “清单事项由108项增加至136项”
            share = max(share, 0.6)
        if share >= 0.6 and value is not None and (best is None or share > best[0]):
            best = (share, value, _excerpt(sentence, clause))
    return (best[1], best[2]) if best else None


def _kind_word(indicator: Indicator) -> str:
    """The indicator's kind of thing, the last words of its name: 清单事项, 联系点, 件数 …"""
    name = re.sub(r"[（(][^（()）]*[)）]", "", indicator.name)
    return name[-4:] if len(name) >= 6 else name


def _excerpt(sentence: str, clause: str, room: int = 30) -> str:
    """A long sentence shortened to its clause and some words either side."""
    start = sentence.find(clause)
    if len(sentence) <= 2 * room + len(clause) or start < 0:
        return sentence
    begin, end = max(start - room, 0), min(start + len(clause) + room, len(sentence))
    return ("……" if begin else "") + sentence[begin:end] + ("……" if end < len(sentence) else "")


def _value_in(indicator: Indicator, clause: str) -> str | None:
    """The last figure in the clause written in the indicator's unit (“由45项增至58项” → 58)."""
    found = None
    for match in _NUMBER.finditer(clause):
        number, after = match.group(2), clause[match.end():]
        if indicator.kind == "比率" and after.startswith(("%", "％")):
            found = format_number(float(number))
        elif indicator.kind == "排名" and match.group(1) and after.startswith(("位", "名")):
            found = number
        elif indicator.kind == "数量" and "." not in number and indicator.unit and after.startswith(indicator.unit):
            found = number
    return found
