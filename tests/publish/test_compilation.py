"""The compilation (汇编) of every unit's report: its contents page gives the pages the
units really start on, every unit starts on an odd page, the volume's page numbers
replace each report's own (— 1 —, odd right, even left), bookmarks per unit and part,
clean text and tags; the DOCX has the matching sections; and a one-unit edit joins
the volume again without laying out any other unit."""

from __future__ import annotations

import re
import shutil
import subprocess

import docx
import pikepdf
import pytest

from reportgen.pipeline.build import BuildSettings, build
from reportgen.publish.compilation import volume_title

try:
    import pymupdf
except ImportError:  # older PyMuPDF
    import fitz as pymupdf

UNIT_PAGE_NUMBER = re.compile(r"—\s*(\d+)\s*—")


@pytest.fixture(scope="module")
def built(sample_build):
    """The sample built once per session (both formats, tests/conftest.py)."""
    project, out, outcome = sample_build
    data = outcome.check.data
    name = volume_title(data.report.author, data.year)
    return project, out, outcome, data, out / f"{name}.pdf", out / f"{name}.docx"


def page_text(path, page: int) -> str:
    return subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), "-layout", str(path), "-"],
                          capture_output=True, text=True, check=True).stdout


def outline(path) -> list[tuple[str, int, list]]:
    with pikepdf.open(path) as pdf:
        index = {p.objgen: n for n, p in enumerate(pdf.pages)}
        with pdf.open_outline() as tree:
            def walk(items):
                return [(i.title, index[i.destination[0].objgen], walk(i.children)) for i in items]

            return walk(tree.root)


def contents(path) -> dict[str, int]:
    """The contents page: report title → page number."""
    entries = {}
    for line in page_text(path, 3).splitlines():
        match = re.match(r"\s*(\S+报告)[.\s]*?(\d+)\s*$", line)
        if match:
            entries[match[1]] = int(match[2])
    return entries


def test_the_volume_and_its_docx_are_written(built):
    _, _, outcome, data, pdf, docx_path = built
    assert pdf.is_file() and docx_path.is_file()
    assert {pdf.name, docx_path.name} <= {w.path.name for w in outcome.written}


def test_contents_pages_are_where_the_units_start_and_all_are_odd(built):
    _, _, _, data, pdf, _ = built
    listed = contents(pdf)
    assert list(listed) == [u.title for u in data.units]  # in _report.yaml order
    marks = outline(pdf)
    front = marks[1][1]  # the physical index of the first unit's page
    assert front % 2 == 0  # cover, contents and blank pages: an even number, so number 1 is a right page
    for (title, index, _), unit in zip(marks[1:], data.units):
        assert title == unit.title
        number = listed[unit.title]
        assert number % 2 == 1 and index - front + 1 == number
        text = page_text(pdf, index + 1)
        assert unit.title in re.sub(r"\s+", "", text)
        assert UNIT_PAGE_NUMBER.findall(text) == [str(number)]


def test_bookmarks_per_unit_and_part(built):
    _, out, _, data, pdf, _ = built
    marks = outline(pdf)
    assert [m[0] for m in marks] == ["目录"] + [u.title for u in data.units]
    for (title, start, children), unit in zip(marks[1:], data.units):
        own = outline(out / f"{unit.author}.pdf")
        assert [c[0] for c in children] == [o[0] for o in own]  # 一、… with their （一） below
        assert [c[1] - start for c in children] == [o[1] for o in own]
        assert [[g[0] for g in c[2]] for c in children] == [[g[0] for g in o[2]] for o in own]


def test_page_numbers_run_through_the_volume_odd_right_even_left(built):
    _, _, _, _, pdf, _ = built
    front = outline(pdf)[1][1]
    with pymupdf.open(pdf) as doc:
        assert doc.page_count % 2 == 0
        blank = [n for n in range(front, doc.page_count) if not doc[n].get_text().strip()]
        assert blank  # the sample has units of 9 pages: each is followed by a blank page
        for index in range(doc.page_count):
            page = doc[index]
            numbers = [(b[4], b[0], b[2]) for b in page.get_text("blocks") if UNIT_PAGE_NUMBER.fullmatch(b[4].strip())]
            if index < front or not page.get_text().strip():
                assert numbers == [], index  # cover, contents and blank pages carry none
                continue
            assert len(numbers) == 1, index  # the unit's own number is gone
            text, left, right = numbers[0]
            number = int(UNIT_PAGE_NUMBER.fullmatch(text.strip())[1])
            assert number == index - front + 1
            middle = page.rect.width / 2
            assert (left > middle) if number % 2 else (right < middle), number


def test_text_of_a_unit_page_is_its_own_without_the_old_number(built):
    _, out, _, data, pdf, _ = built
    unit = data.units[1]
    start = dict((t, i) for t, i, _ in outline(pdf))[unit.title]
    own = UNIT_PAGE_NUMBER.sub("", page_text(out / f"{unit.author}.pdf", 2))
    volume = UNIT_PAGE_NUMBER.sub("", page_text(pdf, start + 2))
    assert re.sub(r"\s+", "", volume) == re.sub(r"\s+", "", own)  # the same text, in the same order
    assert volume.count("\n") == own.count("\n")


def test_publishing_properties_and_tags(built):
    _, _, _, data, pdf, _ = built
    with pikepdf.open(pdf) as doc:
        meta = doc.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False)
        assert meta.pdfa_status == "2A"
        assert str(doc.Root.Lang) == "zh-CN"
        assert str(doc.docinfo["/Title"]) == volume_title(data.report.author, data.year)
        root = doc.Root.StructTreeRoot
        nums = root.ParentTree.Nums
        keys = [int(nums[i]) for i in range(0, len(nums), 2)]
        assert len(keys) == len(set(keys)) and int(root.ParentTreeNextKey) == len(doc.pages)
        for page in doc.pages:  # every page's marked content is in the parent tree
            if "/StructParents" in page.obj:
                assert int(page.obj.StructParents) in keys
        # the volume's page numbers are artifacts, not structure
        first = outline(pdf)[1][1]
        form = next(v for k, v in doc.pages[first].Resources.XObject.items() if str(k).startswith("/RgPageNo"))
        ops = [str(i.operator) for i in pikepdf.parse_content_stream(form)]
        assert "BDC" not in ops and "BMC" in ops


def test_docx_sections_unnumbered_front_then_units_on_odd_pages(built):
    _, _, _, data, _, docx_path = built
    from docx.oxml.ns import qn

    document = docx.Document(str(docx_path))
    sections = document.sections
    assert len(sections) == len(data.units) + 1
    front = sections[0]._sectPr
    assert front.findall(qn("w:footerReference")) == []
    for k, section in enumerate(sections[1:]):
        sect = section._sectPr
        assert sect.find(qn("w:type")).get(qn("w:val")) == "oddPage"
        restart = sect.find(qn("w:pgNumType"))
        assert (restart is not None and restart.get(qn("w:start")) == "1") == (k == 0)
    listed = contents(built[4])
    lines = [p.text for p in document.paragraphs if "\t" in p.text]
    assert lines == [f"{t}\t{n}" for t, n in listed.items()]


@pytest.fixture
def copy(built, tmp_path):
    """The built sample's outputs copied, for a test that edits the data (the same data
    folder, so the outputs are up to date for it; the data is restored afterwards)."""
    project, out, _, data, pdf, docx_path = built
    shutil.copytree(out, tmp_path / "out")
    saved = {p: p.read_bytes() for p in (project.root / "2023").iterdir()}
    yield project, tmp_path / "out", data, pdf.name, docx_path.name
    for path, content in saved.items():
        path.write_bytes(content)


def test_one_unit_edit_rejoins_the_volume_without_other_units(copy):
    project, out, data, pdf, docx_name = copy
    # an item the city report does not choose, after the chosen ones: only the unit changes
    project.replace("2023/公安局.yaml", "全年召开党委会议专题研究法治工作6次", "全年共召开党委会议专题研究法治工作6次")
    outcome = build(BuildSettings(project.root, 2023, out, jobs=1))
    unit = next(u for u in data.units if u.code == "公安局")
    assert {w.path.name for w in outcome.written} == {
        f"{unit.author}.pdf", f"{unit.author}.docx", pdf, docx_name, "index.html", "manifest.json",
        f"{unit.author}.html", f"{unit.author}.fragment.html"}  # its web edition: new words, new sizes
    assert outcome.rendered == 2  # the unit's DOCX and PDF: nothing else is laid out


def test_an_edit_to_a_chosen_item_renders_the_city_report_too(copy):
    project, out, data, pdf, docx_name = copy
    project.replace("2023/司法局.yaml", "编制实施年度立法工作计划", "编制并实施年度立法工作计划")  # 司法局/2/1, chosen
    outcome = build(BuildSettings(project.root, 2023, out, jobs=1))
    unit = data.units[0]
    city = data.report.title
    # the sample's city and 司法局 set 发文字号: their submission editions (报送版) follow
    submitted = {f"{name}（报送）.{fmt}" for name in (unit.author, city) for fmt in ("pdf", "docx")}
    assert {w.path.name for w in outcome.written} == {
        f"{unit.author}.pdf", f"{unit.author}.docx", f"{city}.pdf", f"{city}.docx", pdf, docx_name,
        "index.html", "manifest.json"} | submitted | {
        f"{name}.{ext}" for name in (unit.author, city) for ext in ("html", "fragment.html")}
    assert outcome.rendered == 8


def test_no_compilation_leaves_it_out(mini):
    out = mini.root.parent / "out"
    build(BuildSettings(mini.root, 2023, out, ("pdf",), jobs=1, compilation=False))
    assert not any("汇编" in p.name for p in out.iterdir())


def test_length_warning_at_build_time_with_the_page_count(mini):
    text = mini.read("2023/_report.yaml") + "合并方式: 选用\n篇幅: 1\n选用事项:\n  执法:\n    - 市场局/1/1\n"
    mini.write("2023/_report.yaml", text)
    out = mini.root.parent / "out"
    outcome = build(BuildSettings(mini.root, 2023, out, ("pdf",), jobs=1))
    city = next(w for w in outcome.written if w.path.name.startswith("测试市人民政府2023年法治"))
    line = next(m for m in outcome.messages if m.endswith("[W321]"))
    assert line.startswith(f"{mini.root / '2023' / '_report.yaml'}:{text.splitlines().index('篇幅: 1') + 1}:")
    assert f"共 {city.pages} 页" in line and city.pages > 1
    again = build(BuildSettings(mini.root, 2023, out, ("pdf",), jobs=1))
    assert again.check is None and line in again.messages  # told again when nothing changed


def test_the_sample_city_report_is_a_publishable_length_with_every_part(built):
    _, out, outcome, data, _, _ = built
    city = next(w for w in outcome.written if w.path.name == f"{data.report.title}.pdf")
    assert 8 <= city.pages <= 20
    text = re.sub(r"\s+", "", subprocess.run(["pdftotext", str(city.path), "-"], capture_output=True, text=True,
                                             check=True).stdout)
    for heading in ("一、主要做法和成效", "二、主要存在问题", "三、党政主要负责人履行推进法治建设第一责任人职责情况",
                    "四、下一步工作计划", "五、其他需要报告的情况", "附件：主要指标完成情况表", "主要指标完成情况表"):
        assert heading in text, heading
    assert f"{data.report.author}2024年3月20日" in text  # the signature and date
    assert not any(m.endswith("[W321]") for m in outcome.messages)  # within its 篇幅
