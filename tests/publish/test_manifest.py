"""manifest.json and `reportgen verify`: every input and output with SHA-256 and size."""

from __future__ import annotations

import hashlib
import json

from conftest import run


def test_manifest_lists_inputs_outputs_and_fonts(mini):
    assert run("build", "2023", cwd=mini.root.parent).returncode == 0
    out = mini.root.parent / "output" / "2023"
    content = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert content["年度"] == 2023 and content["reportgen"]
    inputs = {r["文件"]: r for r in content["输入"]}
    assert set(inputs) == {"plan.yaml", "2023/_report.yaml", "2023/司法局.yaml", "2023/市场局.yaml"}
    plan = mini.path("plan.yaml").read_bytes()
    assert inputs["plan.yaml"] == {"文件": "plan.yaml", "sha256": hashlib.sha256(plan).hexdigest(), "大小": len(plan)}
    outputs = {r["文件"]: r for r in content["输出"]}
    assert set(outputs) == {p.name for p in out.iterdir() if not p.name.startswith(".")} - {"manifest.json"}
    for name, record in outputs.items():
        data = (out / name).read_bytes()
        assert record["sha256"] == hashlib.sha256(data).hexdigest() and record["大小"] == len(data)
    assert content["字体"]["正文"].startswith("Fandol") or content["字体"]["正文"]


def test_verify_reports_files_changed_after_the_build(mini):
    cwd = mini.root.parent
    assert run("build", "2023", "--format", "docx", cwd=cwd).returncode == 0
    proc = run("verify", "2023", cwd=cwd)
    assert proc.returncode == 0 and proc.stdout.splitlines()[-2].startswith("通过")

    out = cwd / "output" / "2023"
    pdf = out / "测试市司法局.docx"
    pdf.write_bytes(pdf.read_bytes() + b"x")
    (out / "indicators.csv").unlink()
    mini.replace("2023/市场局.yaml", "419", "420")
    proc = run("verify", "2023", cwd=cwd)
    assert proc.returncode == 1
    lines = proc.stdout.splitlines()
    assert "output/2023/测试市司法局.docx: 错误: 已修改" in proc.stdout
    assert "output/2023/indicators.csv: 错误: 缺失" in proc.stdout
    assert "data/2023/市场局.yaml: 错误: 数据已修改" in proc.stdout
    assert all(line.endswith("请重新运行 reportgen build 2023") for line in lines[:-2])
    assert lines[-2].startswith("未通过") and lines[-1].startswith("核对码：")


def test_verify_without_a_build(mini):
    proc = run("verify", "2023", cwd=mini.root.parent)
    assert proc.returncode == 1 and "reportgen build" in proc.stderr


def test_a_unit_build_keeps_the_other_records(mini):
    cwd = mini.root.parent
    assert run("build", "2023", "--format", "docx", cwd=cwd).returncode == 0
    assert run("build", "2023", "--format", "docx", "--unit", "市场局", cwd=cwd).returncode == 0
    proc = run("verify", "2023", cwd=cwd)
    assert proc.returncode == 0, proc.stdout
