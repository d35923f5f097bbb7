"""Property (issue #12): a random single-line corruption of any sample unit file — a colon
dropped or made full-width, a full-width space in front, a quote that never closes, the
indentation shifted — never makes `check` fail, and in at least 95% of the cases that change
the data `check` reports an error or warning within one line of the edited line.

bench/mistake_rate.py makes the same corruptions; it measures the rate given in the README.
"""

from __future__ import annotations

import importlib.util
import shutil
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT
from reportgen.read.project import unit_files


def _module(name: str, path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


rate = _module("bench_mistake_rate", ROOT / "bench" / "mistake_rate.py")


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    folder = tmp_path_factory.mktemp("mistakes") / "data"
    shutil.copytree(ROOT / "data", folder)
    return folder


def test_single_line_corruptions_are_found_near_the_edit(data_dir):
    files = unit_files(data_dir / "2023")
    texts = {path: path.read_text(encoding="utf-8") for path in files}
    outcomes = []

    @settings(max_examples=120, derandomize=True, deadline=None, database=None,
              suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow])
    @given(st.sampled_from(files), st.floats(0, 1, exclude_max=True), st.sampled_from(rate.KINDS),
           st.integers(0, 5))
    def corrupt_and_check(path, where, kind, choice):
        lines = rate.content_lines(texts[path])
        index = lines[int(where * len(lines))]
        outcome = rate.try_corruption(data_dir, path, texts[path], index, kind, choice)  # raises if check does
        if outcome is not None and outcome.counted:
            outcomes.append(outcome)

    corrupt_and_check()
    assert len(outcomes) >= 80
    near = sum(outcome.near for outcome in outcomes)
    assert near / len(outcomes) >= 0.95, [o.found for o in outcomes if not o.near]
    assert all(path.read_text(encoding="utf-8") == texts[path] for path in files)  # restored
