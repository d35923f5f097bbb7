"""The stages import one way (issue #21): the import-linter contract in pyproject.toml holds
for the code as it is, and it names every module and package directly under reportgen/, so
a new one cannot sit outside the order."""

from __future__ import annotations

import re

try:
    import tomllib
except ImportError:  # Python 3.10: import-linter brings tomli
    import tomli as tomllib

from conftest import ROOT


def contract() -> dict:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    (layers,) = [c for c in config["tool"]["importlinter"]["contracts"] if c["type"] == "layers"]
    return layers


def test_no_module_imports_a_stage_above_its_own():
    from importlinter.cli import EXIT_STATUS_SUCCESS, lint_imports

    assert lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True) == EXIT_STATUS_SUCCESS


def test_every_top_level_module_has_a_layer():
    named = {name for layer in contract()["layers"] for name in re.split(r"\s*[|:]\s*", layer)}
    package = ROOT / "reportgen"
    present = {f"reportgen.{p.stem}" for p in package.glob("*.py") if p.stem != "__init__"}
    present |= {f"reportgen.{p.parent.name}" for p in package.glob("*/__init__.py")}
    assert present == named
