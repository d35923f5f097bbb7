"""The released package: a wheel built from this tree, installed into a fresh virtual
environment, works in a folder outside the repository (issue #10).

The wheel is built offline (no build isolation) and installed without its
dependencies; the new environment reaches them through a .pth line that names this
test environment's site-packages, so nothing is downloaded. That line adds a folder
to sys.path without running the .pth files in it, so the editable install of this
checkout cannot stand in for the wheel.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tomllib
import venv
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT, fill_skeleton

SOURCES = ("pyproject.toml", "README.md", "reportgen", "templates")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    tree = tmp_path_factory.mktemp("source")
    for name in SOURCES:  # a copy, so the build leaves no build/ or egg-info in the checkout
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, tree / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, tree / name)
    out = tmp_path_factory.mktemp("dist")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
                    "-q", str(tree), "-w", str(out)], check=True, capture_output=True, timeout=300)
    return next(out.glob("reportgen-*.whl"))


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory) -> Path:
    """The bin folder of a fresh environment with the wheel installed."""
    env_dir = tmp_path_factory.mktemp("venv")
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    purelib = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                             capture_output=True, text=True, check=True).stdout.strip()
    Path(purelib, "test-dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n", encoding="utf-8")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--no-index",
                    "-q", str(wheel)], check=True, capture_output=True, timeout=300)
    return env_dir / "bin"


def reportgen(bin_dir: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "REPORTGEN_DATA")}
    return subprocess.run([str(bin_dir / "reportgen"), *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=600)


def test_every_subpackage_and_template_is_in_the_wheel(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    packages = {p.parent.relative_to(ROOT).as_posix() for p in (ROOT / "reportgen").rglob("__init__.py")}
    assert packages, "no package found"
    for package in packages:
        assert f"{package}/__init__.py" in names, f"{package} is not in the wheel"
    for template in (ROOT / "templates").rglob("*"):
        if template.is_file():
            assert f"reportgen/templates/{template.relative_to(ROOT / 'templates').as_posix()}" in names


def test_pyproject_lists_every_subpackage():
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"])
    found = {p.parent.relative_to(ROOT).as_posix().replace("/", ".") for p in (ROOT / "reportgen").rglob("__init__.py")}
    assert found <= listed, f"missing from pyproject.toml: {sorted(found - listed)}"


def test_version_is_printed_from_the_one_place(installed, tmp_path):
    from reportgen import __version__

    proc = reportgen(installed, "--version", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == f"reportgen {__version__}"


def test_installed_wheel_starts_a_city_and_builds_outside_the_repository(installed, tmp_path):
    """The README's way in for a city: init, a unit's skeleton, fill it, check, build."""
    proc = reportgen(installed, "init", "云澜", "--name", "云澜市人民政府", "--year", "2024", cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    city = tmp_path / "云澜"
    proc = reportgen(installed, "new", "2024", "司法局", "--name", "云澜市司法局", cwd=city)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    unit = city / "data/2024/司法局.yaml"
    unit.write_text(fill_skeleton(unit.read_text(encoding="utf-8"), "执法"), encoding="utf-8")
    proc = reportgen(installed, "check", "2024", cwd=city)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    proc = reportgen(installed, "build", "2024", "--jobs", "1", cwd=city)
    assert proc.returncode == 1  # _report.yaml still holds placeholders, and nothing is chosen yet
    assert "[E241]" in proc.stdout and "[E242]" in proc.stdout
    settings = city / "data/2024/_report.yaml"
    text = re.sub(r'"（待填写：[^"]*）"', "依法推进各项工作，取得明显成效。", settings.read_text(encoding="utf-8"))
    text = text.replace("合并方式: 选用\n", "合并方式: 选用\n选用事项:\n  执法:\n    - 司法局/1/1\n")
    settings.write_text(text, encoding="utf-8")
    proc = reportgen(installed, "build", "2024", "--jobs", "1", cwd=city)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    out = city / "output" / "2024"
    assert (out / "云澜市司法局.pdf").read_bytes().startswith(b"%PDF")
    assert zipfile.is_zipfile(out / "云澜市司法局.docx")
    assert (out / "index.html").is_file()
    assert not (city / "build").exists() and not list(city.glob("*.egg-info"))


def test_explain_prints_the_rule_from_the_wheel(installed, tmp_path):
    """No README in the wheel: --explain prints the check's description itself (issue #20)."""
    proc = reportgen(installed, "check", "--explain", "E117", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("E117 键后面用了全角冒号“：”")
    assert "README" not in proc.stdout
