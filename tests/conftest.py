from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from reportgen.read.project import check_year

# Hypothesis (#18): the default run is the same every time (derandomized, no example
# database, a fixed number of examples), so `pytest` twice gives the same result on any
# machine. `pytest --hypothesis-profile fuzz` searches with random seeds and 20 times the
# examples (minutes) for inputs no fixed seed has tried; what it finds becomes a test.
_QUIET = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
settings.register_profile("default", derandomize=True, database=None, max_examples=100, print_blob=True, **_QUIET)
settings.register_profile("fuzz", derandomize=False, database=None, max_examples=2000, print_blob=True, **_QUIET)
settings.load_profile("default")  # the hypothesis plugin then loads --hypothesis-profile, if given


def examples(n: int) -> int:
    """A property's number of examples in the default profile, scaled for the loaded one
    (`--hypothesis-profile fuzz`: 20 times as many)."""
    return max(1, n * settings.default.max_examples // 100)

ROOT = Path(__file__).resolve().parent.parent
MINI = Path(__file__).resolve().parent / "fixtures" / "mini"


@pytest.fixture(scope="session", autouse=True)
def font_cache_dir(tmp_path_factory) -> Path:
    """One font cache for the whole session (the synthetic bold is made once), never the
    user's own: REPORTGEN_CACHE also reaches the reportgen processes tests start."""
    folder = tmp_path_factory.mktemp("font-cache")
    saved = os.environ.get("REPORTGEN_CACHE")
    os.environ["REPORTGEN_CACHE"] = str(folder)
    yield folder
    if saved is None:
        os.environ.pop("REPORTGEN_CACHE", None)
    else:
        os.environ["REPORTGEN_CACHE"] = saved


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory):
    """The sample built once for the session, both formats, in this process (--jobs 1):
    (output folder, BuildResult)."""
    from reportgen.build.pipeline import BuildSettings, build

    root = tmp_path_factory.mktemp("sample-build")
    shutil.copytree(ROOT / "data", root / "data")
    out = root / "out"
    return out, build(BuildSettings(root / "data", 2023, out, jobs=1))


def every_item(data):
    """The year's data with 合并方式: 全部: the city report merges every unit item (the
    sample chooses a few), for tests that need a long city report."""
    import dataclasses

    from reportgen.model.data import Composition

    return dataclasses.replace(data, report=dataclasses.replace(data.report, composition=Composition()))


def line_of(text: str, needle: str, start: int = 0) -> int:
    """1-based line of the first occurrence of `needle` at or after line `start`."""
    lines = text.splitlines()
    for number, line in enumerate(lines[start:], start + 1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in text")


class Project:
    """A copy of a data folder in tmp_path that a test may break."""

    def __init__(self, root: Path):
        self.root = root

    def path(self, rel: str) -> Path:
        return self.root / rel

    def read(self, rel: str) -> str:
        return self.path(rel).read_text(encoding="utf-8")

    def write(self, rel: str, text: str, encoding: str = "utf-8") -> None:
        self.path(rel).write_bytes(text.encode(encoding))

    def replace(self, rel: str, old: str, new: str) -> int:
        """Replace the first `old` with `new`; return the line `new` starts on."""
        text = self.read(rel)
        assert old in text, f"{old!r} not in {rel}"
        text = text.replace(old, new, 1)
        self.write(rel, text)
        return line_of(text, new.splitlines()[0] if new else "")

    def check(self, year: int = 2023):
        return check_year(self.root, year)


def found(result) -> list[tuple[str, str, int]]:
    """(code, file name, line) of every diagnostic."""
    return [(d.code, Path(d.loc.file).name, d.loc.line) for d in result.diagnostics]


def codes(result) -> list[str]:
    return [d.code for d in result.diagnostics]


@pytest.fixture
def mini(tmp_path: Path) -> Project:
    shutil.copytree(MINI, tmp_path / "data")
    return Project(tmp_path / "data")


@pytest.fixture
def sample(tmp_path: Path) -> Project:
    shutil.copytree(ROOT / "data", tmp_path / "data")
    return Project(tmp_path / "data")


def invoke(monkeypatch, capsys, *args: str) -> tuple[int, str]:
    """`reportgen ARGS` in this process, as a user runs it: (exit status, everything printed)."""
    from reportgen import cli

    monkeypatch.setattr(sys, "argv", ["reportgen", *args])
    try:
        cli.main()
        code = 0
    except SystemExit as exit_info:
        code = exit_info.code or 0
    captured = capsys.readouterr()
    return code, captured.out + captured.err
