"""The words that name the parts of a report, kept in templates/import_parts.yaml so that a
city can add its own (also through --templates), and the words after which a problem
gives its cause (the same file's 原因 key: reportgen's own “究其原因，”, see report.j2).
"""

from __future__ import annotations

from pathlib import Path

import yaml

from reportgen.templating import DEFAULT_TEMPLATES

PARTS_FILE = "import_parts.yaml"
CAUSE = "原因"  # not a part: see cause_phrases
WORK, PROBLEMS, DUTY, PLANS, OTHER, INTRO = "主要做法和成效", "存在问题", "第一责任人履职情况", "下一步计划", \
    "其他需要报告的情况", "导语"


def _parts_file(templates: Path | None) -> dict:
    path = DEFAULT_TEMPLATES / PARTS_FILE
    if templates and (templates / PARTS_FILE).is_file():
        path = templates / PARTS_FILE
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


def load_phrases(year: int, templates: Path | None = None) -> list[tuple[str, list[str]]]:
    """(part, phrasings) in the order they are tried."""
    data = _parts_file(templates)
    return [(part, [str(p).replace("{年度}", str(year)).replace("{下一年度}", str(year + 1)) for p in phrases or ()])
            for part, phrases in data.items() if part in (WORK, PROBLEMS, DUTY, PLANS, OTHER)]


def cause_phrases(templates: Path | None = None) -> list[str]:
    """The words after which a 存在问题 entry gives its cause (the 原因 key of import_parts.yaml)."""
    return [str(p) for p in _parts_file(templates).get(CAUSE) or () if p]


def part_of(heading: str, phrases) -> str | None:
    for part, options in phrases:
        if any(option and option in heading for option in options):
            return part
    return None


def split_causes(entries: list, phrases: list[str]) -> None:
    """A problem printed as “……。究其原因，……。” becomes its 内容 and its 原因 again. A cause
    in a paragraph of its own belongs to the one problem before it; after several problems
    it may cover all of them, so it stays where it is, with a comment for the filler."""
    for n, entry in list(enumerate(entries))[::-1]:
        for phrase in phrases:
            before, found, after = entry.text.partition(phrase)
            if not (found and after.strip()):
                continue
            ambiguous = n == len(entries) - 1 > 0 and not any(e.cause or phrase in e.text for e in entries[:n])
            if before.strip() and not ambiguous:
                entry.text, entry.cause = before.strip(), after.strip().removesuffix("。")
            elif before.strip():  # the last of several problems, the only one with a cause: whose is it?
                hint = "原文这里的“原因”可能涉及前面几项问题，没有拆开；如只属于本项，请把原因移入“原因”键"
                entry.note = f"{entry.note}；{hint}" if entry.note else hint
            elif n == 1 and entries[0].cause is None and not entry.title and not entry.before:
                entries[0].cause = after.strip().removesuffix("。")
                entries[0].after += entry.after
                del entries[n]
            else:
                hint = "原文这段“原因”可能涉及前面几项问题，已按原文单独保留；如只属于某一项，请移入该项的“原因”"
                entry.note = f"{entry.note}；{hint}" if entry.note else hint
            break
