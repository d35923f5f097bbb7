"""DOCX pagination rules that an office program applies when it breaks pages: the
signature keeps with the last lines of the body (GB/T 9704 7.3.5: right after the body),
the attachment note with the signature, headings with the paragraph after them, and the
lines of a table row together."""

from __future__ import annotations

import docx
import pytest
from docx.oxml.ns import qn

from conftest import MINI
from reportgen.model.document import Signature, city_document, unit_document
from reportgen.model.indicators import indicator_results
from reportgen.pipeline.check import check_year
from reportgen.render import WriteOptions
from reportgen.render.docx.writer import write


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    data = check_year(MINI, 2023).data
    results = indicator_results(data.plan.indicators, data.units, 2023, data.previous)
    folder = tmp_path_factory.mktemp("keep")
    out = {}
    for name, document in (("unit", unit_document(data.units[0])), ("city", city_document(data, None, results))):
        write(document, folder / f"{name}.docx", WriteOptions())
        out[name] = (document, docx.Document(str(folder / f"{name}.docx")))
    return out


def keeps(p) -> tuple[bool, bool]:
    """(keep with next, keep lines together), from the paragraph or its style."""
    def effective(attr):
        value = getattr(p.paragraph_format, attr)
        style = p.style
        while value is None and style is not None:
            value = getattr(style.paragraph_format, attr)
            style = style.base_style
        return bool(value)
    return effective("keep_with_next"), effective("keep_together")


@pytest.mark.parametrize("kind", ["unit", "city"])
def test_signature_keeps_with_the_last_paragraph(written, kind):
    document, result = written[kind]
    signature = next(b for b in document.blocks if isinstance(b, Signature))
    paragraphs = result.paragraphs
    organ = next(i for i, p in enumerate(paragraphs) if p.text == signature.organ)
    assert paragraphs[organ + 1].text == signature.date
    last_text = max(i for i in range(organ) if paragraphs[i].text and not paragraphs[i].text.startswith("附件："))
    for p in paragraphs[last_text:organ + 1]:  # the last body paragraph, the blank lines, the note, the organ
        assert keeps(p)[0], p.text
    for p in paragraphs[last_text + 1:organ + 1]:  # short ones stay whole
        assert keeps(p) == (True, True), p.text


def test_attachment_note_keeps_with_the_signature(written):
    _, result = written["city"]
    paragraphs = result.paragraphs
    note = next(i for i, p in enumerate(paragraphs) if p.text.startswith("附件："))
    assert keeps(paragraphs[note - 1]) == (True, True) and not paragraphs[note - 1].text  # the blank line above
    assert keeps(paragraphs[note]) == (True, True)


def test_headings_keep_with_the_next_paragraph(written):
    _, result = written["city"]
    styles = {p.style.name for p in result.paragraphs if p.text.startswith(("一、", "二、", "（一）")) or p.text == "附件"}
    assert styles == {"公文一级标题", "公文二级标题", "公文附件标识"}
    for name in styles | {"公文标题"}:
        assert result.styles[name].paragraph_format.keep_with_next, name


def test_table_rows_never_split(written):
    _, result = written["city"]
    rows = result.tables[0]._tbl.findall(qn("w:tr"))
    assert len(rows) > 2
    assert all(row.find(qn("w:trPr")).find(qn("w:cantSplit")) is not None for row in rows)
