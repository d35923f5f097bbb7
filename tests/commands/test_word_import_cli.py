"""`reportgen import` on the command line: bad input gives one error code, exit 1 and no
file, the rest of a batch still imports; --force, --code, LibreOffice conversion."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from reportgen.pipeline.check import check_year
from reportgen.word_import import docx_reader, sources
from word_import_support import CORPUS, CORPUS_CODE, HOSTILE, LINE, codes, project, run_import, unit_data  # noqa: F401

HOSTILE_CASES = {
    "encrypted.docx": "E502",
    "corrupted.docx": "E501",
    "empty.docx": "E505",
    "scanned.docx": "E504",
    "broken.doc": "E506",
}


@pytest.mark.parametrize("name", sorted(HOSTILE_CASES))
def test_hostile_word_file_is_refused_and_nothing_is_written(project: Path, name: str):
    source = project / f"司法局{Path(name).suffix}"
    shutil.copy(HOSTILE / name, source)
    before = sorted(p.name for p in (project / "data" / "2023").iterdir())
    result = run_import(project, source.name)
    assert result.exit_code == 1
    assert codes(result.output) == [HOSTILE_CASES[name]]
    assert f"{source.name}:1:1: 错误" in result.output
    assert sorted(p.name for p in (project / "data" / "2023").iterdir()) == before
    assert "Traceback" not in result.output


def test_file_over_twenty_megabytes(project: Path):
    source = project / "司法局.docx"
    with source.open("wb") as handle:
        handle.truncate(21 * 1024 * 1024)
    result = run_import(project, source.name)
    assert (result.exit_code, codes(result.output)) == (1, ["E503"])


def test_unsupported_file_type(project: Path):
    (project / "司法局.pdf").write_bytes(b"%PDF-1.7\n")
    result = run_import(project, "司法局.pdf")
    assert (result.exit_code, codes(result.output)) == (1, ["E507"])


def test_file_name_that_is_no_unit_code(project: Path):
    shutil.copy(CORPUS / "01_styles.docx", project / "交通 运输局.docx")
    result = run_import(project, "交通 运输局.docx")
    assert (result.exit_code, codes(result.output)) == (1, ["E215"])


def test_code_registered_under_another_name(project: Path):
    shutil.copy(CORPUS / "01_styles.docx", project / "司法局.docx")
    result = run_import(project, "司法局.docx")  # the report is 交通运输局's
    assert (result.exit_code, codes(result.output)) == (1, ["E509"])
    result = run_import(project, "司法局.docx", "--name", "云澜市法制局")
    assert (result.exit_code, codes(result.output)) == (1, ["E213"])
    assert not (project / "data" / "2023" / "司法局.yaml").exists()


def test_no_structure_becomes_one_group_with_a_warning(project: Path):
    shutil.copy(HOSTILE / "no_structure.docx", project / f"{CORPUS_CODE}.docx")
    result = run_import(project, f"{CORPUS_CODE}.docx", "--name", "云澜市交通运输局")
    assert result.exit_code == 0, result.output
    # no parts: 存在问题 and 下一步计划 to fill in; the one group's area rests on a few words (W502)
    assert codes(result.output) == ["W501", "W502", "W503", "W503"]
    written = (project / "data" / "2023" / f"{CORPUS_CODE}.yaml").read_text(encoding="utf-8").splitlines()
    places = [(m.group("file"), int(m.group("line"))) for m in map(LINE.match, result.output.splitlines()) if m]
    del places[1]
    assert places == [(f"data/2023/{CORPUS_CODE}.yaml", written.index("主要做法和成效:") + 3),
                      (f"data/2023/{CORPUS_CODE}.yaml", written.index("存在问题:") + 3),
                      (f"data/2023/{CORPUS_CODE}.yaml", written.index("下一步计划:") + 3)]  # below each comment
    data = unit_data(project / "data")
    assert len(data["主要做法和成效"]) == 1
    assert len(data["主要做法和成效"][0]["事项"]) == 4
    assert check_year(project / "data", 2023, only=CORPUS_CODE).errors == []


def test_batch_goes_on_after_a_bad_file_and_prints_a_table(project: Path):
    shutil.copy(HOSTILE / "corrupted.docx", project / "司法局.docx")
    shutil.copy(CORPUS / "04_yishi.docx", project / f"{CORPUS_CODE}.docx")
    result = run_import(project, "司法局.docx", f"{CORPUS_CODE}.docx")
    assert result.exit_code == 1
    assert "E501" in codes(result.output)
    assert (project / "data" / "2023" / f"{CORPUS_CODE}.yaml").is_file()
    assert not (project / "data" / "2023" / "司法局.yaml").exists()
    header = next(line for line in result.output.splitlines() if line.startswith("文件"))
    assert header.split() == ["文件", "代码", "组", "事项", "字数", "待确认", "问题"]


def test_existing_file_needs_force_which_keeps_a_backup(project: Path):
    shutil.copy(CORPUS / "01_styles.docx", project / f"{CORPUS_CODE}.docx")
    target = project / "data" / "2023" / f"{CORPUS_CODE}.yaml"
    target.write_text("# 单位自己写的文件\n", encoding="utf-8")
    result = run_import(project, f"{CORPUS_CODE}.docx")
    assert (result.exit_code, codes(result.output)) == (1, ["E511"])
    assert target.read_text(encoding="utf-8") == "# 单位自己写的文件\n"
    result = run_import(project, f"{CORPUS_CODE}.docx", "--force")
    assert result.exit_code == 0
    backups = list(target.parent.glob(f"{CORPUS_CODE}.yaml.*.bak"))
    assert len(backups) == 1 and backups[0].read_text(encoding="utf-8") == "# 单位自己写的文件\n"
    assert unit_data(project / "data")["单位"] == "云澜市交通运输局"


def test_code_option_takes_one_file(project: Path):
    shutil.copy(CORPUS / "01_styles.docx", project / "a.docx")
    shutil.copy(CORPUS / "02_direct_format.docx", project / "b.docx")
    result = run_import(project, "a.docx", "b.docx", "--code", CORPUS_CODE)
    assert result.exit_code == 1
    assert codes(result.output) == ["E512", "E512"]


def test_libreoffice_missing(project: Path, monkeypatch):
    shutil.copy(HOSTILE / "broken.doc", project / "司法局.doc")
    monkeypatch.setattr(sources.shutil, "which", lambda name: None)
    result = run_import(project, "司法局.doc")
    assert (result.exit_code, codes(result.output)) == (1, ["E506"])


def test_odt_is_converted_with_libreoffice(project: Path):
    subprocess.run(["soffice", f"-env:UserInstallation=file://{project / 'lo'}", "--headless", "--convert-to", "odt",
                    "--outdir", str(project), str(CORPUS / "01_styles.docx")], check=True, capture_output=True,
                   timeout=120)
    (project / "01_styles.odt").rename(project / f"{CORPUS_CODE}.odt")
    result = run_import(project, f"{CORPUS_CODE}.odt")
    assert result.exit_code == 0, result.output
    data = unit_data(project / "data")
    assert [g["标题"] for g in data["主要做法和成效"]][:2] == ["深化交通运输领域放管服改革", "严格规范交通运输执法"]
    assert sum(len(g["事项"]) for g in data["主要做法和成效"]) == 8


def test_a_doc_file_renamed_to_docx_is_converted(project: Path):
    subprocess.run(["soffice", f"-env:UserInstallation=file://{project / 'lo'}", "--headless", "--convert-to", "doc",
                    "--outdir", str(project), str(CORPUS / "08_addressee.docx")], check=True, capture_output=True,
                   timeout=120)
    (project / "08_addressee.doc").rename(project / f"{CORPUS_CODE}.docx")
    result = run_import(project, f"{CORPUS_CODE}.docx")
    assert result.exit_code == 0, result.output
    assert unit_data(project / "data")["主送"] == "中共云澜市委、云澜市人民政府"


def test_unregistered_code_is_refused_with_the_code_the_title_names(project: Path):
    shutil.copy(CORPUS / "05_thematic.docx", project / "05_thematic.docx")
    result = run_import(project, "05_thematic.docx")
    assert (result.exit_code, codes(result.output)) == (1, ["E513"])
    assert "--code 交通运输局" in result.output
    assert not (project / "data" / "2023" / "05_thematic.yaml").exists()


def test_file_that_cannot_be_written(project: Path):
    shutil.copy(CORPUS / "04_yishi.docx", project / f"{CORPUS_CODE}.docx")
    (project / "data" / "2023" / f".{CORPUS_CODE}.yaml.importing").mkdir()  # in the way of the write
    result = run_import(project, f"{CORPUS_CODE}.docx")
    assert (result.exit_code, codes(result.output)) == (1, ["E514"])
    assert not (project / "data" / "2023" / f"{CORPUS_CODE}.yaml").exists()


def test_name_too_long_for_a_file(project: Path):
    (project / "data" / "2023" / "_report.yaml").unlink()  # no list of units: any code and name go
    shutil.copy(CORPUS / "01_styles.docx", project / "新单位.docx")
    result = run_import(project, "新单位.docx", "--name", "云" * 51)
    assert (result.exit_code, codes(result.output)) == (1, ["E220"])


def test_zip_that_unpacks_to_too_much(project: Path, monkeypatch):
    monkeypatch.setattr(docx_reader, "MAX_UNPACKED_BYTES", 10_000)  # the corpus file unpacks to more
    shutil.copy(CORPUS / "01_styles.docx", project / f"{CORPUS_CODE}.docx")
    result = run_import(project, f"{CORPUS_CODE}.docx")
    assert (result.exit_code, codes(result.output)) == (1, ["E501"])


def test_a_folder_stands_for_its_report_files(project: Path):
    folder = project / "收到的报告"
    folder.mkdir()
    shutil.copy(CORPUS / "04_yishi.docx", folder / f"{CORPUS_CODE}.docx")
    (folder / "说明.pdf").write_bytes(b"%PDF")  # not a report format: left alone
    (folder / f"~${CORPUS_CODE}.docx").write_bytes(b"")  # Word's lock file while the report is open
    result = run_import(project, "收到的报告")
    assert (result.exit_code, set(codes(result.output))) == (0, {"W502"})  # weak area guesses only
    assert unit_data(project / "data")["单位"] == "云澜市交通运输局"


def test_missing_file(project: Path):
    result = run_import(project, "没有这个文件.docx")
    assert (result.exit_code, codes(result.output)) == (1, ["E515"])
