"""`check --explain` knows every check without the README (which is not in the wheel): the
descriptions ship in templates/check_codes.yaml and are the README's 检查项目 rows."""

from __future__ import annotations

import re

import pytest

from conftest import ROOT, invoke
from reportgen.content.rules import RULES, descriptions
from reportgen.messages import MESSAGES

ROW = re.compile(r"^\| ((?:[EWI]\d{3}(?:、|—|\s)*)+)\|(.*)\|\s*$")


def readme_rows() -> dict[str, str]:
    """Code → description of every row of the README's tables that starts with codes."""
    rows = {}
    for line in (ROOT / "README.md").read_text(encoding="utf-8").splitlines():
        match = ROW.match(line)
        if not match:
            continue
        span = re.fullmatch(r"([EWI])(\d{3})—[EWI]?(\d{3})\s*", match[1])
        codes = ([f"{span[1]}{n}" for n in range(int(span[2]), int(span[3]) + 1)] if span
                 else re.findall(r"[EWI]\d{3}", match[1]))
        for code in codes:
            rows.setdefault(code, match[2].strip())
    return rows


def test_every_code_is_described_as_the_readme_describes_it():
    assert set(descriptions()) == set(MESSAGES)
    assert readme_rows() == descriptions()


@pytest.mark.parametrize("code", sorted(MESSAGES))
def test_explain_prints_every_check_without_pointing_elsewhere(code, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    status, out = invoke(monkeypatch, capsys, "check", "--explain", code.lower())
    assert status == 0, out
    # no format field left unfilled ({key}); E125's own text names the “{” a filler typed
    assert out.startswith(code) and "README" not in out and not re.search(r"\{[a-z_]+\}", out)
    expected = RULES[code].rule if code in RULES else descriptions()[code].replace("`", "")
    assert expected in out  # the content rules print their own rule, the others the README's row
