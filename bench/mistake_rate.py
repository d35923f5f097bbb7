"""How often `check` points at the line a filler broke.

Takes each sample unit file, applies one random single-line corruption (drop a colon, swap a
colon for “：”, put a full-width space in front, open a quote that never closes, shift the
indentation) and counts the cases where check reports an error or warning within one line of
the edited line. Edits that leave the data unchanged (e.g. a list indented two spaces deeper,
still valid YAML with the same content) are not mistakes and are not counted.

    python3 bench/mistake_rate.py --cases 2000 --seed 1
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reportgen.pipeline.check import check_year  # noqa: E402
from reportgen.read.project import unit_files  # noqa: E402

KINDS = ("drop_colon", "fullwidth_colon", "fullwidth_space", "unbalance_quote", "shift_indent")
_KEY_COLON = re.compile(r"^(\s*(?:- )*[^\s:#\"'][^:#]*?):(\s|$)")


def content_lines(text: str) -> list[int]:
    """0-based indexes of lines with data (not blank, not only a comment)."""
    return [i for i, line in enumerate(text.split("\n")) if line.strip() and not line.strip().startswith("#")]


def corrupt(line: str, kind: str, choice: int) -> str | None:
    """The line with one mistake of `kind`, or None when the kind does not apply to it."""
    match = _KEY_COLON.match(line)
    if kind == "drop_colon":
        return line[: match.end(1)] + line[match.end(1) + 1:] if match else None
    if kind == "fullwidth_colon":
        if not match:
            return None
        rest = line[match.end(1) + 1:]
        return line[: match.end(1)] + "：" + rest.lstrip(" ")
    if kind == "fullwidth_space":
        indent = len(line) - len(line.lstrip(" "))
        return line[: max(0, indent - 2)] + "\u3000" + line[indent:] if choice % 2 else "\u3000" + line
    if kind == "unbalance_quote":
        value_at = match.end() if match else (line.index("- ") + 2 if line.lstrip().startswith("- ") else None)
        if value_at is None or value_at >= len(line):
            return None
        if line[value_at] in "\"'":
            closing = line.rfind(line[value_at])
            return line[:closing] + line[closing + 1:] if closing > value_at else None
        return line[:value_at] + '"' + line[value_at:]
    if kind == "shift_indent":
        shift = (1, 2, 4)[choice % 3]
        indent = len(line) - len(line.lstrip(" "))
        if choice % 2 and indent >= shift:
            return line[shift:]
        return " " * shift + line
    raise ValueError(kind)


@dataclass
class Outcome:
    counted: bool  # the data changed: a real mistake
    near: bool  # a diagnostic within one line of the edit
    found: list


def try_corruption(data_dir: Path, path: Path, original: str, index: int, kind: str, choice: int) -> Outcome | None:
    """Write the corrupted file, check it, restore it; None when the kind does not apply."""
    lines = original.split("\n")
    broken = corrupt(lines[index], kind, choice)
    if broken is None or broken == lines[index]:
        return None
    lines[index] = broken
    text = "\n".join(lines)
    try:
        same = yaml.safe_load(text) == yaml.safe_load(original)
    except yaml.YAMLError:
        same = False
    path.write_text(text, encoding="utf-8")
    try:
        result = check_year(data_dir, int(path.parent.name), only=path.stem)
    finally:
        path.write_text(original, encoding="utf-8")
    mine = [d for d in result.diagnostics if Path(d.loc.file).name == path.name]
    near = any(abs(d.loc.line - (index + 1)) <= 1 for d in mine)
    return Outcome(not same, near, [(d.code, d.loc.line) for d in mine])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--data", type=Path, default=ROOT / "data")
    parser.add_argument("--year", type=int, default=2023)
    parser.add_argument("--show-misses", action="store_true")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as temp:
        data_dir = Path(temp) / "data"
        shutil.copytree(args.data, data_dir)
        files = unit_files(data_dir / str(args.year))
        texts = {p: p.read_text(encoding="utf-8") for p in files}
        counted = near = 0
        by_kind: dict[str, list[int]] = {k: [0, 0] for k in KINDS}
        while counted < args.cases:
            path = rng.choice(files)
            index = rng.choice(content_lines(texts[path]))
            kind = rng.choice(KINDS)
            outcome = try_corruption(data_dir, path, texts[path], index, kind, rng.randrange(6))
            if outcome is None or not outcome.counted:
                continue
            counted += 1
            near += outcome.near
            by_kind[kind][0] += 1
            by_kind[kind][1] += outcome.near
            if args.show_misses and not outcome.near:
                print(f"miss {path.name}:{index + 1} {kind}: {outcome.found}")
    print(f"{near}/{counted} = {near / counted:.1%} within one line")
    for kind, (total, hits) in by_kind.items():
        print(f"  {kind}: {hits}/{total}")


if __name__ == "__main__":
    main()
