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
