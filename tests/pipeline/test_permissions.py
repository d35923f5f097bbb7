"""Outputs are shared: their mode follows the user's umask like any file they save
(0644 under 022, 0600 under 077), not mkstemp's private 0600."""

from __future__ import annotations

import os
import stat

import pytest

from conftest import run
from reportgen.pipeline.staging import Staging


def _mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize(("umask", "expected"), [(0o022, 0o644), (0o077, 0o600)])
def test_staged_files_get_the_umask_mode(tmp_path, umask, expected):
    saved = os.umask(umask)
    try:
        with Staging() as staging:
            staging.write(tmp_path / "a.pdf", lambda temp: temp.write_bytes(b"x"))
            staging.write_if_changed(tmp_path / "b.csv", lambda temp: temp.write_bytes(b"y"))

            def replace(temp):  # a writer that puts a file of its own in place of the reserved one
                temp.unlink()
                temp.write_bytes(b"z")
                os.chmod(temp, 0o600)
            staging.write(tmp_path / "c.docx", replace)
    finally:
        os.umask(saved)
    for name in ("a.pdf", "b.csv", "c.docx"):
        assert _mode(tmp_path / name) == expected, name


@pytest.mark.parametrize(("umask", "expected"), [(0o022, 0o644), (0o077, 0o600)])
def test_a_build_leaves_files_colleagues_can_read(mini, umask, expected):
    saved = os.umask(umask)  # as a user's shell sets it; the build runs in this process
    try:
        proc = run("build", "2023", "--format", "docx", cwd=mini.root.parent)
    finally:
        os.umask(saved)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    out = mini.root.parent / "output" / "2023"
    files = [p for p in out.iterdir() if not p.name.startswith(".")]
    assert {p.suffix for p in files} >= {".docx", ".csv", ".json", ".html"}
    assert {p.name: _mode(p) for p in files} == {p.name: expected for p in files}
