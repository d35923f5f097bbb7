"""Property-based tests (hypothesis): no input makes the loader or the checks raise, and any
valid unit file checks cleanly and ends up, every text of it, in the DOCX.

Runs are bounded (max_examples, no deadline) so the whole file takes well under half a minute.
"""

from __future__ import annotations

import datetime as _dt
import re
import shutil
from pathlib import Path

import docx
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from strategies import CHINESE, PUNCTUATION, entries, items
from conftest import MINI, examples
from reportgen.read.loader import load_file, load_text
from reportgen.pipeline.check import check_year
from reportgen.read.schema import unit_schema
from reportgen.read.validate import check_schema

UNIT = "2023/司法局.yaml"
AREAS = ["制度", "执法"]
TASKS = [1, 2, 3]
INDICATORS = {"合法性审查率": "比率", "减免责清单事项": "数量", "考评排名": "排名"}
SCHEMA = unit_schema(AREAS, TASKS, list(INDICATORS))
KEYS = list(SCHEMA) + ["标题", "内容", "领域", "事项", "关联任务", "值", "说明", *INDICATORS, "标提"]

BOUNDED = settings(max_examples=examples(60))


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """One copy of the mini project for a whole property; each example overwrites the unit file."""
    root = tmp_path_factory.mktemp("prop") / "data"
    shutil.copytree(MINI, root)
    return root


# --- (1) nothing raises --------------------------------------------------------------------

# YAML's own punctuation, whitespace, quotes, escapes, Chinese, control and odd characters
YAMLISH = st.lists(
    st.one_of(
        st.sampled_from(list(":-?[]{},#&*!|>'\"%@`\\ \t\n\r.~=<") + ["---", "...", "\ufeff", "\x85", "\u2028",
                                                                      "\\u", "\\x0", "!!", "&a ", "*a", "- ", ": "]),
        st.sampled_from(list("单位年度标题内容事项领域指标不适用，。：“”")),
        st.characters(codec="utf-8"),
    ),
    max_size=120,
).map("".join)
LINES = st.lists(
    st.tuples(st.integers(0, 6), st.sampled_from(["", "- ", "? "]), st.sampled_from(KEYS + ["a", "~", "1"]),
              st.sampled_from([": ", ":", " : ", ""]), YAMLISH.map(lambda t: t[:30])),
    max_size=12,
).map(lambda lines: "".join(" " * i + dash + key + sep + value + "\n" for i, dash, key, sep, value in lines))

SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(), st.integers(min_value=10**30), st.floats(),
    st.text(max_size=20), st.sampled_from(["不适用", "100%", "１００", "2024-02-30", "<script>", "{{ 7*7 }}"]),
    st.dates(), st.datetimes(),
)
KEY = st.one_of(st.sampled_from(KEYS), st.text(max_size=8), st.integers(-5, 3000), st.none(), st.booleans(),
                st.dates(), st.floats(allow_nan=False))
DATA = st.recursive(SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=5),
                                                     st.dictionaries(KEY, inner, max_size=6)), max_leaves=30)
TOP = st.dictionaries(st.sampled_from(KEYS), DATA, max_size=10)


def dumped(data, flow: bool) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=flow)


def never_raises(text: str) -> None:
    loaded = load_text(text, "x.yaml")
    assert loaded.ok or loaded.diagnostics  # an unreadable file always says why
    check_schema(loaded, SCHEMA)
    for d in loaded.diagnostics:
        assert d.format()


@BOUNDED
@given(st.one_of(YAMLISH, LINES))
def test_random_yamlish_text_gives_diagnostics_not_exceptions(text):
    never_raises(text)


@BOUNDED
@given(st.one_of(DATA, TOP), st.booleans())
def test_random_data_dumped_to_yaml_gives_diagnostics_not_exceptions(data, flow):
    never_raises(dumped(data, flow))


@BOUNDED
@given(st.binary(max_size=300))
def test_random_bytes_in_a_file_give_diagnostics_not_exceptions(tmp_path_factory, raw):
    path = tmp_path_factory.mktemp("bytes") / "a.yaml"
    path.write_bytes(raw)
    loaded = load_file(path)
    assert loaded.ok or loaded.diagnostics


@settings(max_examples=examples(40))
@given(st.one_of(TOP, TOP.map(lambda d: {"单位": "测试市司法局", "年度": 2023, **d})), st.booleans())
def test_a_whole_year_check_with_a_random_unit_file_never_raises(project, data, flow):
    (project / UNIT).write_text(dumped(data, flow), encoding="utf-8")
    result = check_year(project, 2023)
    assert result.errors or result.data is not None


# --- (2) valid data checks cleanly and every text reaches the DOCX ------------------------

TEXT = st.text(alphabet=CHINESE + PUNCTUATION + "0123456789ABCxyz%-", min_size=1, max_size=40).filter(
    lambda t: t.strip(PUNCTUATION + "-%") != "")
TITLE = TEXT.map(lambda t: t[:30])
TASK_REFS = st.one_of(st.sampled_from(TASKS), st.lists(st.sampled_from(TASKS), min_size=1, max_size=3, unique=True))
ITEM = items(TEXT, TITLE, TASK_REFS)
ENTRY = entries(TEXT, TITLE)




def indicator_value(kind: str):
    number = {
        "比率": st.one_of(st.integers(0, 100), st.floats(0, 100, allow_nan=False).map(lambda x: round(x, 2))),
        "数量": st.integers(0, 10**9),
        "排名": st.integers(1, 1000),
    }[kind]
    value = st.one_of(number, st.just("不适用"))
    return st.one_of(value, st.builds(lambda v, note: {"值": v, "说明": note}, value, TEXT))


PARAGRAPHS = st.one_of(TEXT, st.lists(TEXT, min_size=1, max_size=3))


@st.composite
def unit_data(draw):
    data = {"单位": "测试市司法局", "年度": 2023}
    if draw(st.booleans()):
        data["标题"] = draw(TITLE)
    if draw(st.booleans()):
        data["主送"] = draw(TITLE)
    if draw(st.booleans()):
        data["成文日期"] = draw(st.dates(_dt.date(2024, 1, 1), _dt.date(2024, 12, 31)))
    if draw(st.booleans()):
        data["导语"] = draw(PARAGRAPHS)
    data["主要做法和成效"] = draw(st.lists(st.builds(
        lambda title, area, items: {"标题": title, "领域": area, "事项": items},
        TITLE, st.sampled_from(AREAS), st.lists(ITEM, min_size=1, max_size=3)), min_size=1, max_size=3))
    data["存在问题"] = draw(st.lists(ENTRY, min_size=1, max_size=3))
    if draw(st.booleans()):
        data["第一责任人履职情况"] = draw(PARAGRAPHS)
    data["下一步计划"] = draw(st.lists(ENTRY, min_size=1, max_size=3))
    if draw(st.booleans()):
        data["其他需要报告的情况"] = draw(PARAGRAPHS)
    names = draw(st.lists(st.sampled_from(list(INDICATORS)), unique=True))
    if names:
        data["指标"] = {name: draw(indicator_value(INDICATORS[name])) for name in names}
    return data


def texts(data: dict) -> list[str]:
    """Every text of a unit file that its report prints."""
    found = [data.get("标题"), (data.get("主送") or "").rstrip("：:")]  # the 主送 line ends in one “：”
    for key in ("导语", "第一责任人履职情况", "其他需要报告的情况"):
        value = data.get(key)
        found += [value] if isinstance(value, str) else value or []
    for group in data["主要做法和成效"]:
        found.append(group["标题"])
        for thing in group["事项"]:
            found += [thing] if isinstance(thing, str) else [thing.get("标题"), thing["内容"]]
    for key in ("存在问题", "下一步计划"):
        for thing in data[key]:
            found += [thing] if isinstance(thing, str) else [thing["标题"], thing["内容"]]
    return [t for t in found if t]


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@settings(max_examples=examples(25))
@given(unit_data(), st.booleans())
def test_valid_unit_data_checks_cleanly_and_every_text_is_in_the_docx(project, tmp_path_factory, data, flow):
    from reportgen.model.document import unit_document
    from reportgen.model.indicators import indicator_results
    from reportgen.render import WriteOptions
    from reportgen.render.docx.writer import write

    (project / UNIT).write_text(dumped(data, flow), encoding="utf-8")
    result = check_year(project, 2023)
    assert result.errors == [], [d.format() for d in result.errors]
    year = result.data
    unit = next(u for u in year.units if u.code == "司法局")
    results = indicator_results(year.plan.indicators, year.units, year.year, year.previous)
    target = tmp_path_factory.mktemp("docx") / "unit.docx"
    write(unit_document(unit, None, results), target, WriteOptions())
    text = squash("\n".join(p.text for p in docx.Document(target).paragraphs))
    for t in texts(data):
        assert squash(t) in text, t
