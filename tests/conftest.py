from __future__ import annotations

import contextlib
import io
import json
import re
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from reportgen.pipeline.check import check_year

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
# One diagnostic line as `check` prints it
LINE = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<sev>错误|警告): .+ \[(?P<code>[EW]\d{3})\]$")


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


def fill_skeleton(text: str, area: str) -> str:
    """Fill a skeleton the way a user would: every blank, every indicator."""
    lines = []
    for line in text.splitlines():
        if line.strip().startswith("领域:"):
            line = line.replace('""', area)
        elif '""' in line and not line.lstrip().startswith("#"):
            line = line.replace('""', "依法推进各项工作，取得明显成效。")
        elif re.match(r'^  "[^"]+":\s*$', line):
            line = line.replace(":", ": 100", 1)
        lines.append(line)
    return "\n".join(lines) + "\n"


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


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory):
    """The sample data/ built once per session, in this process with one job, every format:
    (Project, output folder, BuildResult). Shared by every test that reads the sample's
    outputs; a test that changes the data or the outputs works on a copy, or restores them."""
    from reportgen.pipeline.build import BuildSettings, build

    root = tmp_path_factory.mktemp("sample-build")
    shutil.copytree(ROOT / "data", root / "data")
    outcome = build(BuildSettings(root / "data", 2023, root / "out", jobs=1))
    return Project(root / "data"), root / "out", outcome


def with_one_job(args: tuple[str, ...]) -> tuple[str, ...]:
    """A build renders in this process (`--jobs 1`) unless the test chose the jobs itself:
    worker processes would start a fresh interpreter each, and --jobs never changes a byte
    (reportgen/pipeline/parallel.py)."""
    if args[:1] == ("build",) and not any(a in ("--jobs", "-j") or a.startswith("--jobs=") for a in args):
        return (*args, "--jobs", "1")
    return args


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    """`reportgen ARGS` run in `cwd`, in this process (as `run_process` would run it, without
    the interpreter's start): exit status, standard output and standard error apart."""
    from reportgen import cli

    args = with_one_job(args)
    out, err = io.StringIO(), io.StringIO()
    saved_argv, saved_cwd = sys.argv, os.getcwd()
    os.chdir(cwd)
    sys.argv = ["reportgen", *args]
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                cli.main()
                code = 0
            except SystemExit as exit_info:
                code = exit_info.code or 0
    finally:
        sys.argv = saved_argv
        os.chdir(saved_cwd)
    return subprocess.CompletedProcess(["reportgen", *args], code, out.getvalue(), err.getvalue())


def run_process(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    """`python -m reportgen ARGS` as its own process, for the tests about the process itself."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "reportgen", *with_one_job(args)], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120)


ONE_PROCESS = """
import json, sys
sys.path.insert(0, sys.argv[1])
from pathlib import Path
from conftest import run
done = [run(*args, cwd=Path.cwd()) for args in json.loads(sys.argv[2])]
print(json.dumps([(p.returncode, p.stdout, p.stderr) for p in done]))
"""


def run_in_one_process(*commands: tuple[str, ...], cwd: Path) -> list[subprocess.CompletedProcess]:
    """Several `reportgen` commands one after the other in one fresh process (one start
    instead of one each), each with its own exit status and output; a process that dies
    or hangs fails the test instead of the session."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.run([sys.executable, "-c", ONE_PROCESS, str(Path(__file__).parent), json.dumps(commands)],
                          cwd=cwd, env=env, capture_output=True, text=True, timeout=240)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return [subprocess.CompletedProcess(["reportgen", *with_one_job(args)], *result)
            for args, result in zip(commands, json.loads(proc.stdout))]


def invoke(monkeypatch, capsys, *args: str) -> tuple[int, str]:
    """`reportgen ARGS` in this process, as a user runs it: (exit status, everything printed)."""
    from reportgen import cli

    monkeypatch.setattr(sys, "argv", ["reportgen", *with_one_job(args)])
    try:
        cli.main()
        code = 0
    except SystemExit as exit_info:
        code = exit_info.code or 0
    captured = capsys.readouterr()
    return code, captured.out + captured.err
