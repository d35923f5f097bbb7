"""The secretariat's overview page (index.html): content checked on the parsed HTML, and the
page loaded by headless Chromium (screenshot and DOM, no console errors)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote

import lxml.html
import pytest

from conftest import ROOT, Project
from reportgen.model.indicators import STATUSES, indicator_results
from reportgen.publish.overview import STATUS_CLASS, write_overview

try:
    import pymupdf
except ImportError:  # older PyMuPDF
    import fitz as pymupdf

CHROMIUM = "/usr/bin/chromium"


def outputs_for(data) -> dict[str, list[str]]:
    """What build writes: <单位全称>.docx/.pdf per submitted unit and <标题>.docx/.pdf for the city."""
    outputs = {u.code: [f"{u.author}.docx", f"{u.author}.pdf"] for u in data.units}
    outputs["_city"] = [f"{data.report.title}.docx", f"{data.report.title}.pdf"]
    return outputs


def render(project: Project, target: Path, outputs: dict[str, list[str]] | None = None):
    result = project.check()
    assert not result.errors, [d.format() for d in result.errors]
    data = result.data
    results = indicator_results(data.plan.indicators, data.units, data.year, data.previous)
    target.parent.mkdir(parents=True, exist_ok=True)
    write_overview(target, result, results, outputs_for(data) if outputs is None else outputs)
    text = target.read_text(encoding="utf-8")
    return result, results, text, lxml.html.fromstring(text)


@pytest.fixture
def page(sample: Project, tmp_path: Path):
    return render(sample, tmp_path / "out" / "index.html")


def text_of(element) -> str:
    return re.sub(r"\s+", " ", element.text_content()).strip()


def unit_row(tree, code: str):
    rows = tree.xpath(f'//tr[@data-unit="{code}"]')
    assert len(rows) == 1, code
    return rows[0]


def test_every_registered_unit_in_order_and_the_missing_one_is_marked(page):
    result, _, _, tree = page
    registered = [ref.code for ref in result.data.report.units]
    assert "交通运输局" in registered and "交通运输局" not in [u.code for u in result.data.units]
    assert tree.xpath('//table[contains(@class, "units")]/tbody/tr/@data-unit') == registered
    missing = unit_row(tree, "交通运输局")
    assert "missing" in missing.get("class")
    assert "未提交" in text_of(missing)
    assert not missing.xpath(".//a")
    for code in registered[:-1]:
        row = unit_row(tree, code)
        assert "submitted" in row.get("class") and "已提交" in text_of(row)


def test_submitted_units_and_the_city_report_link_to_their_files(page):
    result, _, _, tree = page
    expected = outputs_for(result.data)
    for code, names in expected.items():
        hrefs = unit_row(tree, code).xpath(".//a/@href")
        assert [unquote(h) for h in hrefs] == names
        assert [a.text for a in unit_row(tree, code).xpath(".//a")] == ["DOCX", "PDF"]
        for href in hrefs:
            assert not re.match(r"[a-z]+:|/", href)  # relative: the files lie beside index.html


def test_file_names_are_percent_encoded(sample: Project, tmp_path: Path):
    odd = {"_city": ["A&B #1 100%.pdf"]}
    _, _, text, tree = render(sample, tmp_path / "index.html", odd)
    href = unit_row(tree, "_city").xpath(".//a/@href")[0]
    assert href == "A%26B%20%231%20100%25.pdf" and unquote(href) == odd["_city"][0]


def test_errors_and_warnings_are_counted_per_unit_file(page):
    result, _, _, tree = page

    def counts(code):
        cells = unit_row(tree, code).xpath("./td")
        return text_of(cells[3]), text_of(cells[4])

    per_file = {}
    for d in result.warnings:  # information (I401) is counted apart, in the content panels
        per_file[Path(d.loc.file).name] = per_file.get(Path(d.loc.file).name, 0) + 1
    for unit in result.data.units:
        assert counts(unit.code) == ("0", str(per_file.get(Path(unit.source).name, 0)))
    assert counts("政数局") == ("0", "2")  # W303: task 30, W432: “--”; and I401, not counted here
    assert counts("司法局") == ("0", "1")  # W411: copied from 2022
    assert counts("交通运输局") == ("—", "—")  # no file
    assert counts("_city") == ("0", "1")  # W301 is reported in _report.yaml


def test_header_has_year_title_counts_and_the_report_date(page, sample: Project, tmp_path: Path):
    result, _, text, tree = page
    header = text_of(tree.xpath("//header")[0])
    assert "2023年度" in header
    assert result.data.report.title in header
    stats = {text_of(div.xpath("dt")[0]): text_of(div.xpath("dd")[0]) for div in tree.xpath("//dl[@class='stats']/div")}
    assert stats["已提交单位"] == "8 / 9"
    assert stats["错误"] == "0"
    assert stats["警告"] == str(len(result.warnings)) == "21"
    assert stats["提示"] == str(len(result.infos)) == "1"
    assert "2024年3月20日" in header  # 成文日期, not today: the file is reproducible
    again = render(sample, tmp_path / "again.html")[2]
    assert again == text


def test_every_indicator_has_a_bar_and_its_status(page):
    _, results, _, tree = page
    rows = tree.xpath('//table[contains(@class, "indicators")]/tbody/tr')
    assert len(rows) == len(results) == 18
    assert {r.status for r in results} == set(STATUSES)  # the sample shows every status
    for row, r in zip(rows, results):
        assert r.indicator.name in text_of(row)
        svg = row.xpath(".//svg")
        assert len(svg) == 1 and svg[0].xpath("./rect") and svg[0].xpath("./title")
        badge = row.xpath('.//span[contains(@class, "status")]')[0]
        assert badge.text == r.status  # the status in words, not only its colour
        assert f"s-{STATUS_CLASS[r.status]}" in badge.get("class")
        assert badge.get("title") == r.why and r.why in text_of(row)
        assert ("越低越好" in text_of(row)) == (r.indicator.direction == "不高于")
        if r.value is not None:
            assert svg[0].xpath('./rect[contains(@class, "value")]')
        if r.target is not None:
            assert svg[0].xpath('./line[@class="target"]')
        if r.change:
            assert r.change in text_of(row)


def test_bars_are_scaled_to_the_largest_of_value_target_and_last_year(page):
    _, results, _, tree = page
    rows = tree.xpath('//table[contains(@class, "indicators")]/tbody/tr')
    by_name = {r.indicator.name: (row, r) for row, r in zip(rows, results)}
    row, r = by_name["行政执法案卷评查不合格率"]  # 6.5 against ≤ 5, last year 7.2
    svg = row.xpath(".//svg")[0]
    left = float(svg.xpath('./rect[@class="track"]/@x')[0])
    full = float(svg.xpath('./rect[@class="track"]/@width')[0])
    width = float(svg.xpath('./rect[contains(@class, "value")]/@width')[0])
    target = float(svg.xpath('./line[@class="target"]/@x1')[0])
    assert width / full == pytest.approx(6.5 / 7.2, abs=0.01)
    assert (target - left) / full == pytest.approx(5 / 7.2, abs=0.01)
    zone_x = float(svg.xpath('./rect[@class="zone"]/@x')[0])
    assert zone_x == left  # lower is better: the zone that meets the target starts at 0


def test_tasks_list_linking_units_and_flag_task_30(page):
    result, _, _, tree = page
    rows = tree.xpath('//table[contains(@class, "tasks")]//tr[@data-task]')
    assert [int(r.get("data-task")) for r in rows] == [t.number for t in result.data.plan.tasks]
    unlinked = [int(r.get("data-task")) for r in rows if "unlinked" in r.get("class")]
    assert unlinked == [30]
    row30 = tree.xpath('//table[contains(@class, "tasks")]//tr[@data-task="30"]')[0]
    assert "无关联事项" in text_of(row30) and "未关联" in text_of(row30)
    assert "推进政务数据有序共享" in text_of(row30)
    alert = tree.xpath('//*[@id="unlinked"]')[0]
    assert alert.xpath('.//li/@data-task') == ["30"]
    row4 = tree.xpath('//table[contains(@class, "tasks")]//tr[@data-task="4"]')[0]
    assert [s.text for s in row4.xpath('.//span[@class="linker"]')] == ["司法局"]


def test_the_page_is_self_contained(page):
    _, _, text, tree = page
    assert not tree.xpath("//script") and "<script" not in text.lower()
    assert not tree.xpath("//link | //iframe | //img | //object | //embed")
    for value in tree.xpath("//@src | //@href"):
        assert not re.match(r"\s*(https?:|//)", value, re.I), value
    assert "http://" not in text and "https://" not in text
    style = "".join(tree.xpath("//style/text()"))
    assert "@import" not in style and "url(" not in style
    assert "@media print" in style
    assert tree.get("lang") == "zh-CN"


def test_user_text_is_escaped(sample: Project, tmp_path: Path):
    sample.replace("2023/_report.yaml", "报告机关: 云澜市人民政府\n",
                   '报告机关: 云澜市人民政府\n标题: "<script>alert(1)</script>报告"\n')
    sample.replace("plan.yaml", "推进政务数据有序共享", "<b onmouseover=x>推进</b>政务数据有序共享")
    _, _, text, tree = render(sample, tmp_path / "index.html")
    assert "<script" not in text and "<b onmouseover" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;报告" in text
    assert not tree.xpath("//script | //*[@onmouseover]")
    assert "<script>alert(1)</script>报告" in text_of(tree.xpath("//h1")[0])
    assert "<b onmouseover=x>推进</b>" in text_of(tree.xpath('//tr[@data-task="30"]')[0])


# Headless Chromium: the page loads, draws, and logs no console errors.

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--enable-logging=stderr", "--v=0"]


@pytest.fixture(scope="module")
def chromium_page(tmp_path_factory):
    assert Path(CHROMIUM).exists(), "Chromium is missing: run `bash scripts/setup.sh`"
    root = tmp_path_factory.mktemp("overview")
    shutil.copytree(ROOT / "data", root / "data")
    index = root / "out" / "index.html"
    render(Project(root / "data"), index)
    return root, index


def chromium(root: Path, profile: str, *args: str) -> subprocess.CompletedProcess:
    proc = subprocess.run([CHROMIUM, *CHROMIUM_FLAGS, f"--user-data-dir={root / profile}", *args],
                          capture_output=True, text=True, timeout=180)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc


def console_problems(log: str) -> list[str]:
    return [line for line in log.splitlines() if re.search(r"CONSOLE|Uncaught", line)]


def test_chromium_draws_the_page(chromium_page):
    root, index = chromium_page
    shot = root / "shot.png"
    proc = chromium(root, "profile-shot", f"--screenshot={shot}", "--window-size=1280,2000", index.as_uri())
    assert console_problems(proc.stderr) == []
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert shot.stat().st_size > 20_000
    pix = pymupdf.Pixmap(str(shot))
    assert (pix.width, pix.height) == (1280, 2000)
    assert len(set(pix.samples[:: pix.n * 7])) > 20  # text, bars and colours, not a blank page


def test_chromium_dom_has_the_tables_and_bars(chromium_page):
    root, index = chromium_page
    proc = chromium(root, "profile-dom", "--dump-dom", index.as_uri())
    assert console_problems(proc.stderr) == []
    tree = lxml.html.fromstring(proc.stdout)
    for name in ("units", "indicators", "tasks"):
        assert tree.xpath(f'//table[contains(@class, "{name}")]'), name
    assert len(tree.xpath('//svg[contains(@class, "bar")]')) == 18
    assert "交通运输局" in text_of(tree.xpath('//tr[@data-unit="交通运输局"]')[0])


# --- 各单位事项: every unit item with its reference, the chosen ones marked -------------------

def test_every_unit_item_is_listed_by_area_with_a_reference_that_resolves(page):
    from reportgen.model.composition import resolve, used_items
    from reportgen.model.data import Choice

    result, _, _, tree = page
    data = result.data
    rows = tree.xpath('//section[@id="items"]//tr[@data-item-unit]')
    assert len(rows) == sum(len(g.items) for u in data.units for g in u.groups)
    units = {u.code: u for u in data.units}
    used = used_items(data)
    assert 8 <= len(used) < len(rows)  # the sample chooses some, not all
    chosen = 0
    for row in rows:
        ref = text_of(row.xpath('.//code[@class="ref"]')[0])
        found = resolve(Choice("执法", ref, None, None), units, {})
        assert found.unit.code == row.get("data-item-unit")  # pasted back, it names this item
        marked = "chosen" in row.get("class").split()
        assert marked == (found.key in used) and marked == ("已选用" in text_of(row))
        chosen += marked
    assert chosen == len(used)
    areas = tree.xpath('//section[@id="items"]//tbody/@data-area')
    plan_order = [a.code for a in data.plan.areas]
    assert areas == [a for a in plan_order if a in areas]


def test_coverage_line_per_unit(page):
    from reportgen.model.composition import used_items

    result, _, _, tree = page
    used = used_items(result.data)
    for unit in result.data.units:
        line = text_of(tree.xpath(f'//li[@data-coverage="{unit.code}"]')[0])
        total = sum(len(g.items) for g in unit.groups)
        assert f"{sum(1 for key in used if key[0] == unit.code)} / {total}" in line


def test_an_item_position_is_the_number_its_report_prints(sample: Project, tmp_path: Path):
    """Items without a title print unnumbered (#18), so the catalog's 位置 counts only titled
    ones and names an untitled item by its paragraph: the secretariat finds it as printed."""
    sample.replace("2023/司法局.yaml", "- 标题: 推动第一责任人职责落地见效\n        内容:", "- 内容:")
    result, _, _, tree = render(sample, tmp_path / "out" / "index.html")
    unit = next(u for u in result.data.units if u.code == "司法局")
    group = unit.groups[0]
    assert group.items[0].title is None and group.items[1].title
    rows = [r for r in tree.xpath('//section[@id="items"]//tr[@data-item-unit="司法局"]')
            if text_of(r.xpath('.//code[@class="ref"]')[0]).split()[0] in ("司法局/1/1", "司法局/1/2")]
    positions = sorted(text_of(r.xpath('.//td[@class="pos"]')[0]) for r in rows)
    assert positions == ["（一）1.", "（一）第1段"]
