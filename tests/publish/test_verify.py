"""`reportgen verify` as the publisher's last gate: it fails (exit 1) on anything that
should not go on the website, with one line per problem naming the file to rebuild or
delete, and a verdict on the last line; --quiet prints the problems only."""

from __future__ import annotations

import json
import re

from conftest import run

LINE = re.compile(r"^(?P<path>[^:]+): (?P<sev>错误|提示): (?P<kind>[^（]+)（")
CITY = "测试市人民政府2023年法治政府建设年度报告"


def problems(proc) -> set[tuple[str, str]]:
    """(path, kind) of every problem line."""
    found = set()
    for line in proc.stdout.splitlines():
        match = LINE.match(line)
        if match and match["sev"] == "错误":
            found.add((match["path"], match["kind"]))
    return found


def build(cwd, *args: str) -> None:
    proc = run("build", "2023", "--format", "docx", *args, cwd=cwd)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_a_unit_build_leaves_the_year_wide_files_out_of_date(mini):
    cwd = mini.root.parent
    build(cwd)
    mini.replace("2023/市场局.yaml", "419", "420")
    build(cwd, "--unit", "市场局")
    proc = run("verify", "2023", cwd=cwd)
    assert proc.returncode == 1
    out = "output/2023/"
    assert problems(proc) == {(out + name, "过期") for name in
                              (f"{CITY}.docx", "indicators.csv", "indicators.json", "index.html")}
    assert "data/2023/市场局.yaml" in proc.stdout  # says which input is newer
    assert proc.stdout.splitlines()[-2].startswith("未通过")
    assert proc.stdout.splitlines()[-1].startswith("核对码：")
    # the full build brings everything up to date
    build(cwd)
    assert run("verify", "2023", cwd=cwd).returncode == 0


def test_data_added_or_removed_after_the_build(mini):
    cwd = mini.root.parent
    build(cwd)
    mini.write("2023/新单位.yaml", mini.read("2023/市场局.yaml"))
    (mini.path("2023/司法局.yaml")).unlink()
    proc = run("verify", "2023", cwd=cwd)
    assert proc.returncode == 1
    found = problems(proc)
    assert ("data/2023/新单位.yaml", "新增数据") in found
    assert ("data/2023/司法局.yaml", "数据已删除") in found
    assert ("output/2023/测试市司法局.docx", "过期") in found
    assert (f"output/2023/{CITY}.docx", "过期") in found
    assert ("output/2023/测试市市场监督管理局.docx", "过期") not in found  # made from the plan and its own file


def test_outputs_the_last_build_did_not_account_for(mini):
    cwd = mini.root.parent
    build(cwd)
    proc = run("build", "2023", "--format", "pdf", cwd=cwd)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    proc = run("verify", "2023", cwd=cwd)
    assert proc.returncode == 1
    out = "output/2023/"
    assert problems(proc) == {(out + name, "多余") for name in
                              ("测试市司法局.docx", "测试市市场监督管理局.docx", f"{CITY}.docx")}
    assert all("请删除它" in line for line in proc.stdout.splitlines()[:-2])


def test_quiet_prints_problems_only(mini):
    cwd = mini.root.parent
    build(cwd)
    proc = run("verify", "2023", "--quiet", cwd=cwd)
    assert proc.returncode == 0 and proc.stdout == ""
    (cwd / "output" / "2023" / "旧报告.pdf").write_bytes(b"%PDF-1.7")
    proc = run("verify", "2023", "-q", cwd=cwd)
    assert proc.returncode == 1
    assert proc.stdout.splitlines() == [line for line in proc.stdout.splitlines() if LINE.match(line)]
    assert problems(proc) == {("output/2023/旧报告.pdf", "多余")}


def test_drafts_go_beside_the_official_files(mini):
    cwd = mini.root.parent
    out = cwd / "output" / "2023"
    build(cwd)
    official = {p.name: p.read_bytes() for p in out.iterdir() if not p.name.startswith(".")}
    build(cwd, "--draft")
    now = {p.name: p.read_bytes() for p in out.iterdir() if not p.name.startswith(".")}
    drafts = {name for name in now if name not in official}
    assert drafts == {"测试市司法局（草稿）.docx", "测试市市场监督管理局（草稿）.docx", f"{CITY}（草稿）.docx"}
    # the reports are never replaced; the overview is written again, its links to the drafts (README “草稿”)
    shared = {"manifest.json", "index.html"}
    assert {name: now[name] for name in official if name not in shared} == \
        {name: data for name, data in official.items() if name not in shared}
    manifest = {r["文件"]: r for r in json.loads((out / "manifest.json").read_text(encoding="utf-8"))["输出"]}
    assert {name for name, r in manifest.items() if r["草稿"]} == drafts
    assert set(manifest) == set(now) - {"manifest.json"}
    proc = run("verify", "2023", cwd=cwd)
    assert proc.returncode == 0, proc.stdout  # drafts are accounted for, and named
    notes = [line for line in proc.stdout.splitlines() if ": 提示: 草稿" in line]
    assert {line.split(":")[0] for line in notes} == {f"output/2023/{name}" for name in drafts}
    assert run("verify", "2023", "-q", cwd=cwd).stdout == ""


def test_a_full_build_removes_the_drafts_it_made(mini):
    cwd = mini.root.parent
    build(cwd, "--draft")
    proc = run("build", "2023", "--format", "docx", cwd=cwd)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    drafts = {f"output/2023/{name}（草稿）.docx" for name in ("测试市司法局", "测试市市场监督管理局", CITY)}
    assert {line.split("：", 1)[1] for line in proc.stdout.splitlines() if line.startswith("已删除以前的草稿")} == drafts
    assert not list((cwd / "output" / "2023").glob("*（草稿）*"))
    assert run("verify", "2023", cwd=cwd).returncode == 0
