"""Turn the plan and a unit's code and name into a commented data file to fill in."""

from __future__ import annotations

from pathlib import Path

from reportgen.errors import ReportgenError, display_path
from reportgen.model.data import Plan
from reportgen.templating import environment
from reportgen.read.json_schema import UNIT_SCHEMA_FILE, modeline


def render_skeleton(plan: Plan, code: str, name: str, year: int, templates: Path | None = None) -> str:
    template = environment(templates).get_template("unit.yaml.j2")
    return template.render(
        plan=plan,
        modeline=modeline(UNIT_SCHEMA_FILE),
        code=code,
        name=name,
        year=year,
        lead_tasks=[t for t in plan.tasks if code in t.leads],
        indicators=[i for i in plan.indicators if code in i.owners],
    )


def write_new_file(target: Path, text: str) -> None:
    """Create `target`; refuse to touch a file that exists (nothing the user wrote is lost)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        with target.open("x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except FileExistsError:
        raise ReportgenError(
            f"{display_path(target)} 已经存在，reportgen 不会覆盖已有文件。"
            "如需重新生成，请先把原文件改名或移走。"
        ) from None


def unit_name(code: str, given: str | None, registered: dict[str, str]) -> str:
    """The name for `new`: --name, or the registered name; a --name that differs is refused."""
    known = registered.get(code)
    if given is None or not given.strip():
        if known:
            return known
        raise ReportgenError(f"_report.yaml 的“单位”名单中没有代码“{code}”，请用 --name 写明单位全称，"
                             "并请法治政府建设办公室登记")
    if known and given.strip() != known:
        raise ReportgenError(f"--name 写的是“{given.strip()}”，但 _report.yaml 中代码“{code}”登记的名称是“{known}”。"
                             "请去掉 --name（将使用登记的名称），或请法治政府建设办公室更正登记")
    return given.strip()
