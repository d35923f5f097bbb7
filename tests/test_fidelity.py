"""#18, the first promise: every word the author wrote reaches the report as written, in
order. For the sample (unit reports, the city report with 合并方式 选用 and 全部, the 汇编),
for real report paragraphs (/work/shared/seeds, copied into tests/fixtures/seeds.txt) and
for generated unit files, every 标题 (less a number of its own, W313) and every 内容
appears verbatim and in order in the PDF text (PyMuPDF) and the DOCX text of its report.
Only whitespace and line breaks, and the page numbers (— 1 —), are ignored."""

from __future__ import annotations

import datetime as _dt
import re
import shutil
from pathlib import Path

import docx
import fitz
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from strategies import CHINESE, PUNCTUATION, entries, items
from conftest import MINI, every_item, examples
from reportgen.pipeline.build import BuildSettings, build
from reportgen.model.composition import city_groups
from reportgen.model.document import city_document
from reportgen.pipeline.check import check_year
from reportgen.read.text_warnings import strip_numbering
from reportgen.render import WriteOptions
from reportgen.render.docx.writer import write as write_docx
from reportgen.render.pdf.writer import write as write_pdf

PAGE_NUMBER = re.compile(r"^\s*[—-]\s*\d+\s*[—-]\s*$", re.M)


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def pdf_text(path: Path) -> str:
    with fitz.open(path) as pdf:
        return squash("".join(PAGE_NUMBER.sub("", page.get_text()) for page in pdf))


def docx_text(path: Path) -> str:
    document = docx.Document(path)
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return squash("".join(p.text for p in document.paragraphs) + "".join(cells))


def assert_in_order(texts: list[str], printed: str, where: str) -> None:
    pos = 0
    for text in texts:
        found = printed.find(squash(text), pos)
        assert found >= 0, f"{where}: not printed as written, or out of order: {text[:40]!r}"
        pos = found + len(squash(text))


def title(text: str) -> str:
    return strip_numbering(text).strip()


def paragraphs(value) -> list[str]:
    return [value] if isinstance(value, str) else list(value or ())


def entry_texts(entries) -> list[str]:
    found = []
    for entry in entries or ():
        if isinstance(entry, str):
            found.append(entry)
        else:
            found += ([title(entry["标题"])] if entry.get("标题") else []) + [entry["内容"]]
            found += [entry["原因"]] if entry.get("原因") else []
    return found


def report_texts(data: dict, groups=None) -> list[str]:
    """The author's texts of a unit file or _report.yaml in the order the report prints
    them (templates/report.j2); `groups`: the city report's merged groups instead of the file's."""
    found = [data["标题"]] if data.get("标题") else []
    found += [data["主送"].rstrip("：:")] if data.get("主送") else []
    found += paragraphs(data.get("导语"))
    if groups is None:
        for group in data.get("主要做法和成效") or ():
            found.append(title(group["标题"]))
            for item in group["事项"]:
                found += [item] if isinstance(item, str) else \
                    ([title(item["标题"])] if item.get("标题") else []) + [item["内容"]]
    else:
        for group in groups:
            found.append(group.title)
            for item in group.items:
                found += ([item.title] if item.title else []) + [item.text]
    found += entry_texts(data.get("存在问题"))
    found += paragraphs(data.get("第一责任人履职情况"))
    found += entry_texts(data.get("下一步计划"))
    found += paragraphs(data.get("其他需要报告的情况"))
    return [t.strip() for t in found if t and t.strip()]


def read_yaml(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


# --- the sample, built once for the session (conftest.sample_build) -----------------------

def test_every_unit_report_prints_its_file_as_written(sample_build):
    _, out, outcome = sample_build
    for unit in outcome.check.data.units:
        expected = report_texts(read_yaml(Path(unit.source)))
        for suffix, text_of in ((".pdf", pdf_text), (".docx", docx_text)):
            assert_in_order(expected, text_of(out / f"{unit.author}{suffix}"), unit.author + suffix)


def test_the_chosen_city_report_prints_the_chosen_items_as_written(sample_build):
    _, out, outcome = sample_build
    data = outcome.check.data
    assert data.report.composition.mode == "选用"
    expected = report_texts(read_yaml(Path(data.report.source)), city_groups(data))
    for suffix, text_of in ((".pdf", pdf_text), (".docx", docx_text)):
        assert_in_order(expected, text_of(out / f"{data.report.title}{suffix}"), "全市报告" + suffix)


def test_the_whole_city_report_prints_every_unit_item_as_written(sample_build, tmp_path):
    _, _, outcome = sample_build
    data = every_item(outcome.check.data)
    document = city_document(data)
    expected = report_texts(read_yaml(Path(data.report.source)), city_groups(data))
    assert sum(1 for u in data.units for g in u.groups for _ in g.items) <= len(expected)
    write_docx(document, tmp_path / "city.docx", WriteOptions())
    write_pdf(document, tmp_path / "city.pdf", WriteOptions())
    assert_in_order(expected, docx_text(tmp_path / "city.docx"), "全部 docx")
    assert_in_order(expected, pdf_text(tmp_path / "city.pdf"), "全部 pdf")


def test_the_volume_prints_every_unit_report_as_written(sample_build):
    _, out, outcome = sample_build
    data = outcome.check.data
    volume = next(p for p in out.iterdir() if p.name.endswith("汇编.pdf"))
    expected = [t for unit in data.units for t in report_texts(read_yaml(Path(unit.source)))]
    assert_in_order(expected, pdf_text(volume), "汇编.pdf")
    assert_in_order(expected, docx_text(volume.with_suffix(".docx")), "汇编.docx")


# --- real report paragraphs, and generated unit files, in the mini project ----------------

SEEDS = Path(__file__).resolve().parent / "fixtures" / "seeds.txt"


def build_mini(root: Path, unit: dict, out: Path):
    (root / "2023" / "司法局.yaml").write_text(yaml.safe_dump(unit, allow_unicode=True, sort_keys=False),
                                             encoding="utf-8")
    result = check_year(root, 2023)
    assert result.errors == [], [d.format() for d in result.errors]
    shutil.rmtree(out, ignore_errors=True)
    outcome = build(BuildSettings(root, 2023, out, ("pdf", "docx"), jobs=1, compilation=False))
    return outcome.check.data


def assert_unit_and_city(root: Path, unit: dict, out: Path) -> None:
    data = build_mini(root, unit, out)
    expected = report_texts(unit)
    city = data.report
    for suffix, text_of in ((".pdf", pdf_text), (".docx", docx_text)):
        assert_in_order(expected, text_of(out / f"测试市司法局{suffix}"), "单位报告" + suffix)
        city_expected = report_texts(read_yaml(Path(city.source)), city_groups(data))
        assert_in_order(city_expected, text_of(out / f"{city.title}{suffix}"), "全市报告" + suffix)


@pytest.fixture(scope="module")
def mini_root(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("fidelity") / "data"
    shutil.copytree(MINI, root)
    return root


def seed_paragraphs() -> list[str]:
    return [p for p in SEEDS.read_text(encoding="utf-8").split("\n\n") if p.strip()]


def test_real_report_paragraphs_are_printed_as_written(mini_root, tmp_path):
    """一是……二是…… and 第一，…… paragraphs of real reports, as items without a title."""
    texts = seed_paragraphs()
    assert any(t.startswith(("一是", "第一")) for t in texts)
    unit = read_yaml(mini_root / "2023" / "司法局.yaml")
    unit["主要做法和成效"][0]["事项"] = texts[:3] + [{"内容": t} for t in texts[3:]]
    assert_unit_and_city(mini_root, unit, tmp_path / "out")


WORDS = st.text(alphabet=CHINESE + PUNCTUATION + "0123456789ABCxyz%-.", min_size=2, max_size=60).filter(
    lambda t: t.strip(PUNCTUATION + "-%. ") != "")
SEQUENCE = st.sampled_from(["", "一是", "二是，", "第一，", "第三、", "1.", "2、", "（一）", "(2)", "首先，"])
TEXT = st.builds(lambda lead, words: lead + words, SEQUENCE, WORDS)
TITLE = TEXT.map(lambda t: t[:30]).filter(lambda t: strip_numbering(t).strip(PUNCTUATION + "-%. ") != "")
ITEM = items(TEXT, TITLE)
ENTRY = entries(TEXT, TITLE)




@st.composite
def unit_file(draw):
    unit = {"单位": "测试市司法局", "年度": 2023, "成文日期": _dt.date(2024, 2, 20)}
    if draw(st.booleans()):
        unit["导语"] = draw(st.one_of(TEXT, st.lists(TEXT, min_size=1, max_size=2)))
    groups = st.builds(lambda t, area, items: {"标题": t, "领域": area, "事项": items},
                       TITLE, st.sampled_from(["制度", "执法"]), st.lists(ITEM, min_size=1, max_size=3))
    unit["主要做法和成效"] = draw(st.lists(groups, min_size=1, max_size=2))
    unit["存在问题"] = draw(st.lists(ENTRY, min_size=1, max_size=2))
    if draw(st.booleans()):
        unit["第一责任人履职情况"] = draw(TEXT)
    unit["下一步计划"] = draw(st.lists(ENTRY, min_size=1, max_size=2))
    return unit


@settings(max_examples=examples(6))
@given(unit_file())
def test_generated_unit_files_are_printed_as_written(mini_root, tmp_path_factory, unit):
    assert_unit_and_city(mini_root, unit, tmp_path_factory.mktemp("out"))
