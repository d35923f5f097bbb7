"""The web edition (issue #24): `<name>.html` and `<name>.fragment.html` beside every
report's PDF, with the PDF's words in its order, an accessible structure, links to the PDF
and DOCX with their sizes, nothing remote and nothing that runs; index.html links it.
The sample is built once (all formats, in this process, one job) and checked in one
headless chromium session with axe-core (tests/chromium_cdp.py)."""

from __future__ import annotations

import dataclasses
import json
import re
import shutil
from pathlib import Path
from urllib.parse import quote

import lxml.html
import pymupdf
import pytest

from conftest import MINI, ROOT, invoke
from reportgen.build.pipeline import BuildSettings, build
from reportgen.errors import ReportgenError
from reportgen.model.document import Paragraph, Signature, Title
from reportgen.publish.verify import verify
from reportgen.render import WriteOptions
from reportgen.render.html.writer import size_text, write, write_fragment

PAGE_NUMBER = re.compile(r"—\s*\d+\s*—")
REMOTE = re.compile(r"(?:https?:)?//|@import|@font-face", re.I)


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory):
    """The sample, built once in every format: (output folder, outcome, reports' names)."""
    root = tmp_path_factory.mktemp("web")
    shutil.copytree(ROOT / "data", root / "data")
    out = root / "out"
    outcome = build(BuildSettings(root / "data", 2023, out, jobs=1))
    data = outcome.check.data
    names = [unit.author for unit in data.units] + [data.report.title]
    return root / "data", out, outcome, names


def parse(path: Path):
    return lxml.html.fromstring(path.read_text(encoding="utf-8"))


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def pdf_text(path: Path, table_header: str = "") -> str:
    """The PDF's words without page numbers, and a table's header once: the PDF repeats it
    on every page the table reaches, the page has one."""
    with pymupdf.open(path) as pdf:
        text = squeeze(PAGE_NUMBER.sub("", "".join(page.get_text() for page in pdf)))
    if table_header and table_header in text:
        first, rest = text.split(table_header, 1)
        text = first + table_header + rest.replace(table_header, "")
    return text


def test_every_report_has_a_web_edition_and_a_fragment_beside_its_pdf(sample_build):
    data_dir, out, outcome, names = sample_build
    written = {w.path.name for w in outcome.written}
    for name in names:
        assert {f"{name}.pdf", f"{name}.html", f"{name}.fragment.html"} <= written
    manifest = {r["文件"] for r in json.loads((out / "manifest.json").read_text(encoding="utf-8"))["输出"]}
    assert {f"{name}.html" for name in names} | {f"{name}.fragment.html" for name in names} <= manifest
    assert verify(out, data_dir).problems == []


def test_the_web_edition_has_the_words_of_the_pdf_in_their_order(sample_build):
    _, out, _, names = sample_build
    for name in names:
        article = parse(out / f"{name}.html").xpath("//main/article")[0]
        expected = pdf_text(out / f"{name}.pdf", "".join(squeeze(th.text_content()) for th in article.xpath(".//thead//th")))
        assert squeeze(article.text_content()) == expected, name
        fragment = parse(out / f"{name}.fragment.html")
        assert fragment.tag == "article" and squeeze(fragment.text_content()) == expected, name


def heading_levels(tree) -> list[int]:
    return [int(h.tag[1]) for h in tree.iter("h1", "h2", "h3", "h4", "h5", "h6")]


def test_one_h1_the_title_and_no_heading_level_skipped(sample_build):
    _, out, outcome, names = sample_build
    titles = [doc.title for doc in (*(u for u in outcome.check.data.units), outcome.check.data.report)]
    for name, title in zip(names, titles):
        tree = parse(out / f"{name}.html")
        assert tree.get("lang") == "zh-CN"
        assert tree.findtext(".//title") == title
        assert [squeeze(h.text_content()) for h in tree.iter("h1")] == [squeeze(title)]
        levels = heading_levels(tree)
        assert levels[0] == 1 and all(b <= a + 1 for a, b in zip(levels, levels[1:])), (name, levels)
        assert heading_levels(parse(out / f"{name}.fragment.html")) == levels


def test_parts_groups_and_lead_sentences(sample_build):
    _, out, outcome, _ = sample_build
    unit = outcome.check.data.units[0]
    tree = parse(out / f"{unit.author}.html")
    h2 = [squeeze(h.text_content()) for h in tree.iter("h2")]
    assert h2[:2] == ["一、主要做法和成效", "二、主要存在问题"]
    assert [squeeze(h.text_content()) for h in tree.iter("h3")][0] == "（一）" + unit.groups[0].title
    leads = [p for p in tree.iter("p") if p.find("strong") is not None]
    first = unit.groups[0].items[0]
    assert leads and leads[0].find("strong").text.startswith("1." + first.title.rstrip("。"))
    assert all(p[0].tag == "strong" and not (p.text or "").strip() for p in leads)  # the lead opens its paragraph


def test_the_indicator_table_is_a_real_table_with_caption_and_scoped_headers(sample_build):
    _, out, outcome, names = sample_build
    for path in (out / f"{names[-1]}.html", out / f"{names[-1]}.fragment.html"):
        tables = parse(path).xpath("//table")
        assert len(tables) == 1
        table = tables[0]
        assert table.findtext("caption") == "主要指标完成情况表"
        columns = [th.text for th in table.xpath("./thead/tr/th")]
        assert columns == ["序号", "指标", "单位", "目标值", "完成值", "上年值", "状态"]
        assert {th.get("scope") for th in table.xpath("./thead//th")} == {"col"}
        rows = table.xpath("./tbody/tr")
        assert len(rows) == len(outcome.check.data.plan.indicators)
        assert all(row.xpath("./th[@scope='row']") and row[1].tag == "th" for row in rows)  # the indicator names the row
        assert table.xpath("//th[not(@scope)]") == []


def test_signature_date_and_addressee(sample_build):
    _, out, outcome, names = sample_build
    report = outcome.check.data.report
    tree = parse(out / f"{names[-1]}.html")
    time = tree.xpath("//time")[0]
    assert time.get("datetime") == report.date.isoformat() and time.text == "2024年3月20日"
    assert tree.xpath("//p[@class='addressee']")[0].text == "省人民政府："
    note = tree.xpath("//p[@class='attachment-note']/a")[0]
    assert tree.xpath(f"//*[@id='{note.get('href')[1:]}']")[0].text == "附件"


def test_nothing_runs_and_nothing_is_fetched(sample_build):
    _, out, _, names = sample_build
    for name in names:
        for path in (out / f"{name}.html", out / f"{name}.fragment.html"):
            text = path.read_text(encoding="utf-8")
            tree = lxml.html.fromstring(text)
            assert tree.xpath("//script | //iframe | //object | //embed | //link | //img") == [], path
            assert not [a for e in tree.iter() if isinstance(e.tag, str) for a in e.attrib if a.startswith("on")]
            assert not REMOTE.search(text), (path, REMOTE.search(text))


def test_the_page_links_the_pdf_and_docx_with_their_sizes(sample_build):
    _, out, _, names = sample_build
    for name in names:
        links = parse(out / f"{name}.html").xpath("//nav//a")
        assert [a.get("href") for a in links] == [f"{name}.pdf", f"{name}.docx"]
        for a in links:
            size = (out / a.get("href")).stat().st_size
            assert a.text_content() == f"{a.get('href').rsplit('.', 1)[1].upper()} 版（{size_text(size)}）"


def test_size_text():
    assert [size_text(n) for n in (1, 1536, 1024 * 1024 * 3 // 2)] == ["1 KB", "2 KB", "1.5 MB"]


def test_user_text_is_never_markup(sample_build, tmp_path):
    _, _, outcome, _ = sample_build
    from reportgen.model.document import unit_document

    hostile = '<script>alert("x")</script> & <b>粗</b> &amp; "引号"'
    document = unit_document(outcome.check.data.units[0])
    blocks = tuple(Title(hostile) if isinstance(b, Title) else b for b in document.blocks)
    blocks = blocks[:2] + (Paragraph(hostile, lead=hostile),) + blocks[2:]
    document = dataclasses.replace(document, title=hostile, blocks=blocks)
    for writer, path in ((write, tmp_path / "x.html"), (write_fragment, tmp_path / "x.fragment.html")):
        writer(document, path, WriteOptions(downloads=(("PDF", "<a>.pdf", 2048),)))
        tree = parse(path)
        assert tree.xpath("//script | //b") == []
        assert hostile in tree.xpath("//h1")[0].text_content()
        assert tree.xpath("//p/strong")[0].text == hostile
    assert parse(tmp_path / "x.html").findtext(".//title") == hostile


def test_an_edit_rewrites_the_pages_of_the_changed_reports_only_with_the_new_sizes(tmp_path, monkeypatch, capsys):
    shutil.copytree(MINI, tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    code, output = invoke(monkeypatch, capsys, "build", "2023", "--format", "all", "--jobs", "1", "--no-compilation")
    assert code == 0, output
    out = tmp_path / "output" / "2023"
    unit = "测试市司法局"
    path = (tmp_path / "data" / "2023" / "司法局.yaml")
    path.write_text(path.read_text(encoding="utf-8").replace("全年制定地方性法规3件。", "全年制定地方性法规4件。"),
                    encoding="utf-8")
    stamps = {p.name: p.stat().st_mtime_ns for p in out.glob("*.html") if p.name != "index.html"}
    code, output = invoke(monkeypatch, capsys, "build", "2023", "--jobs", "1", "--no-compilation")
    assert code == 0, output
    changed = {name for name, stamp in stamps.items() if (out / name).stat().st_mtime_ns != stamp}
    city = "测试市人民政府2023年法治政府建设年度报告"  # the other unit's page stays as it was
    assert changed == {f"{unit}.html", f"{unit}.fragment.html", f"{city}.html", f"{city}.fragment.html"}
    sizes = [a.text_content() for a in parse(out / f"{unit}.html").xpath("//nav//a")]
    assert sizes == [f"{ext} 版（{size_text((out / f'{unit}.{ext.lower()}').stat().st_size)}）" for ext in ("PDF", "DOCX")]


def test_format_html_alone_writes_pages_without_download_links(tmp_path, monkeypatch, capsys):
    shutil.copytree(MINI, tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    code, output = invoke(monkeypatch, capsys, "build", "2023", "--format", "html", "--jobs", "1")
    assert code == 0, output
    out = tmp_path / "output" / "2023"
    assert not list(out.glob("*.pdf")) and not list(out.glob("*.docx"))
    page = parse(out / "测试市司法局.html")
    assert page.xpath("//nav") == [] and page.xpath("//main/article/h1")


def test_the_overview_links_each_web_edition_but_not_the_fragment(sample_build):
    _, out, _, names = sample_build
    tree = parse(out / "index.html")
    hrefs = {a.get("href"): a.text_content() for a in tree.xpath("//td[@class='files']/a")}
    for name in names:
        assert hrefs[quote(f"{name}.html")] == "网页版"
        assert quote(f"{name}.fragment.html") not in hrefs


# -- in a real browser ---------------------------------------------------------------


@pytest.fixture(scope="session")
def browser():
    from chromium_cdp import Chromium

    chromium = Chromium()
    yield chromium
    chromium.close()


def test_axe_finds_no_wcag_21_aa_violation_in_any_web_edition_or_the_overview(sample_build, browser):
    _, out, _, names = sample_build
    found = {}
    for path in [out / f"{name}.html" for name in names] + [out / "index.html"]:
        page = browser.open(path)
        try:
            found[path.name] = [(v["id"], len(v["nodes"])) for v in page.axe()]
            assert all(url.startswith("file://") for url in page.requests()), page.requests()
        finally:
            page.close()
    assert found == {name: [] for name in found}


def test_pages_reflow_at_320_px_print_without_links_and_show_focus(sample_build, browser):
    _, out, _, names = sample_build
    page = browser.open(out / f"{names[-1]}.html", width=320, height=640)
    try:
        # WCAG 1.4.10: no sideways scrolling of the page at 320 px (the table scrolls in its own region)
        assert page.evaluate("document.documentElement.scrollWidth") <= 320
        assert page.evaluate("getComputedStyle(document.querySelector('.table-wrap')).overflowX") == "auto"
        page.send("Input.dispatchKeyEvent", {"type": "keyDown", "key": "Tab", "code": "Tab", "windowsVirtualKeyCode": 9})
        page.send("Input.dispatchKeyEvent", {"type": "keyUp", "key": "Tab", "code": "Tab", "windowsVirtualKeyCode": 9})
        assert page.evaluate("document.activeElement.tagName") == "A"
        assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") == "solid"
        page.send("Emulation.setEmulatedMedia", {"media": "print"})
        assert page.evaluate("getComputedStyle(document.querySelector('nav.downloads')).display") == "none"
        assert page.evaluate("getComputedStyle(document.querySelector('section.sheet')).breakBefore") == "page"
    finally:
        page.close()


def test_a_change_to_the_web_writer_counts_as_a_change_of_reportgen():
    """The code fingerprint (build/incremental.py) covers the whole package, so a new
    writer's pages are written again after reportgen changes, not only after build/ does."""
    from reportgen.build import incremental
    from reportgen.render.html import writer

    assert Path(writer.__file__).resolve() in incremental._tree(incremental.PACKAGE_DIR)


@pytest.mark.parametrize("note", ["此件公开发布", "（此件公开发布）"])
def test_the_annotation_follows_the_date_in_parentheses(sample_build, tmp_path, note):
    _, _, outcome, _ = sample_build
    from reportgen.model.document import unit_document

    plain = unit_document(outcome.check.data.units[0])
    document = dataclasses.replace(plain, annotation=note)  # Document.annotation came with #19
    for writer, path in ((write, tmp_path / "a.html"), (write_fragment, tmp_path / "a.fragment.html")):
        writer(document, path, WriteOptions())
        paragraphs = parse(path).xpath("//p")
        signature = next(n for n, p in enumerate(paragraphs) if p.xpath(".//time"))
        assert [p.text_content() for p in paragraphs[signature + 1:]] == ["（此件公开发布）"]
    assert isinstance(document.blocks[-1], Signature)


def test_a_broken_web_template_is_a_chinese_error_naming_its_line(sample_build, tmp_path):
    _, _, outcome, _ = sample_build
    from reportgen.model.document import unit_document

    (tmp_path / "web.html.j2").write_text("<html>\n{% if %}\n</html>\n", encoding="utf-8")
    with pytest.raises(ReportgenError, match=r"web\.html\.j2:2 "):
        write(unit_document(outcome.check.data.units[0]), tmp_path / "x.html", WriteOptions(templates=tmp_path))
