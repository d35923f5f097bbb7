"""Building the same data twice gives the same bytes: fixed dates, zip times and order."""

from __future__ import annotations

import hashlib
import zipfile

import docx

from reportgen.model.document import unit_document
from reportgen.render import WriteOptions
from reportgen.render.docx.writer import write as write_docx


def sha256(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_docx_is_byte_identical_and_dated_by_the_document(mini, tmp_path, monkeypatch):
    import time

    document = unit_document(mini.check().data.units[0])
    write_docx(document, tmp_path / "a.docx", WriteOptions())
    real = time.time
    monkeypatch.setattr(time, "time", lambda: real() + 86400 * 400)  # a later day
    monkeypatch.setattr(time, "localtime", lambda secs=None: time.gmtime(real() + 86400 * 400))
    write_docx(document, tmp_path / "b.docx", WriteOptions())
    assert sha256(tmp_path / "a.docx") == sha256(tmp_path / "b.docx")

    with zipfile.ZipFile(tmp_path / "a.docx") as z:
        assert {info.date_time for info in z.infolist()} == {(2024, 2, 20, 0, 0, 0)}  # 成文日期
        assert z.namelist()[0] == "[Content_Types].xml"
    props = docx.Document(tmp_path / "a.docx").core_properties
    assert (props.title, props.author) == (document.title, "测试市司法局")
    assert props.created.date().isoformat() == props.modified.date().isoformat() == "2024-02-20"
    assert props.subject == "2023年法治政府建设年度报告" and "测试市司法局" in props.keywords


def test_a_whole_build_twice_gives_identical_files_whatever_the_number_of_jobs(mini):
    from reportgen.pipeline.build import BuildSettings, build

    out_a, out_b = mini.root.parent / "a", mini.root.parent / "b"
    build(BuildSettings(mini.root, 2023, out_a, jobs=1))  # everything in this process
    build(BuildSettings(mini.root, 2023, out_b, jobs=2))  # two worker processes
    names = sorted(p.name for p in out_a.iterdir() if not p.name.startswith("."))  # not the build's own state
    assert names == sorted(p.name for p in out_b.iterdir() if not p.name.startswith("."))
    assert any(n.endswith(".pdf") for n in names) and any(n.endswith(".docx") for n in names)
    for name in names:
        assert sha256(out_a / name) == sha256(out_b / name), name
