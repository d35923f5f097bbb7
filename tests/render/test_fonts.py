"""Font resolution: the user's folder, then installed licensed fonts, then open fallbacks."""

from __future__ import annotations

from pathlib import Path

import pytest
from fontTools.pens.areaPen import AreaPen
from fontTools.ttLib import TTFont

from reportgen.render.pdf import font_builder
from reportgen.render.pdf import fonts
from reportgen.errors import ReportgenError


@pytest.fixture(autouse=True)
def fresh_caches():
    fonts._installed.cache_clear()
    fonts._folder_faces.cache_clear()
    yield
    fonts._installed.cache_clear()
    fonts._folder_faces.cache_clear()


def renamed_copy(source: str, family: str, target: Path) -> Path:
    """A copy of an open font that calls itself `family` (as a licensed font would)."""
    font = TTFont(fonts.FANDOL_DIR / source)
    name = font["name"]
    for record in list(name.names):
        if record.nameID in (1, 4, 6, 16):
            name.removeNames(nameID=record.nameID)
    name.setName(family, 1, 3, 1, 0x804)
    name.setName(family, 4, 3, 1, 0x804)
    name.setName("Test-" + target.stem, 6, 3, 1, 0x409)
    target.parent.mkdir(parents=True, exist_ok=True)
    font.save(target)
    return target


def test_every_role_has_a_font_with_the_characters_it_needs():
    found = fonts.resolve_fonts()
    assert set(found.roles) == set(fonts.ROLES)
    for role, face in found.roles.items():
        assert face.path.is_file()
        for ch in "中国法治政府。，（）":
            assert fonts.has_char(face, ch), (role, ch)
    for ch in "— 0123456789":
        assert fonts.has_char(found.roles["pagenum"], ch)


def test_each_open_substitute_is_reported_in_chinese():
    found = fonts.resolve_fonts()
    for role in ("title", "body", "heading1", "heading2", "pagenum"):
        face = found.roles[role]
        licensed = fonts.LICENSED[role][0]
        notes = [n for n in found.substitutions if n.startswith(licensed + " ")]
        if face.path.parent == fonts.FANDOL_DIR or "Noto" in face.name:
            assert notes == [f"{licensed} 未安装，{fonts.ROLE_LABELS[role]}使用 {face.name} 代替"]
        else:
            assert notes == []


def test_the_users_folder_comes_first(tmp_path):
    kai = renamed_copy("FandolKai-Regular.otf", "楷体_GB2312", tmp_path / "fonts" / "kaiti.otf")
    found = fonts.resolve_fonts(tmp_path / "fonts")
    assert found.roles["heading2"].path == kai
    assert not any("楷体_GB2312" in note for note in found.substitutions)
    assert found.roles["heading1"].path != kai


def test_an_installed_licensed_font_beats_the_open_fallback(tmp_path, monkeypatch):
    hei = renamed_copy("FandolHei-Regular.otf", "黑体", tmp_path / "simhei.otf")
    real = fonts.installed_fonts()
    monkeypatch.setattr(fonts, "installed_fonts", lambda: [*real, (hei, 0, frozenset({"simhei", "黑体"}), False)])
    found = fonts.resolve_fonts()
    assert found.roles["heading1"].path == hei
    assert not any(note.startswith("黑体 ") for note in found.substitutions)


def test_the_users_folder_beats_installed_fonts(tmp_path, monkeypatch):
    installed = renamed_copy("FandolHei-Regular.otf", "黑体", tmp_path / "system" / "simhei.otf")
    mine = renamed_copy("FandolHei-Regular.otf", "黑体", tmp_path / "mine" / "hei.otf")
    monkeypatch.setattr(fonts, "installed_fonts", lambda: [(installed, 0, frozenset({"黑体"}), False)])
    assert fonts.resolve_fonts(tmp_path / "mine").roles["heading1"].path == mine


def test_a_role_without_any_font_is_an_error(tmp_path, monkeypatch):
    monkeypatch.setattr(fonts, "FANDOL_DIR", tmp_path)
    monkeypatch.setattr(fonts, "installed_fonts", lambda: [])
    with pytest.raises(ReportgenError, match="--fonts"):
        fonts.resolve_fonts()


def test_missing_font_folder_is_an_error(tmp_path):
    with pytest.raises(ReportgenError, match="不存在"):
        fonts.resolve_fonts(tmp_path / "no-such-folder")


def test_bold_body_is_synthesised_from_the_body_face(monkeypatch):
    monkeypatch.setattr(fonts, "installed_fonts", lambda: [])
    found = fonts.resolve_fonts()
    bold, body = found.roles["bold"], found.roles["body"]
    assert bold.embolden and bold.path == body.path
    assert any("粗体" in note for note in found.substitutions)


def _area(font: TTFont, ch: str) -> float:
    pen = AreaPen(font.getGlyphSet())
    font.getGlyphSet()[font.getBestCmap()[ord(ch)]].draw(pen)
    return abs(pen.value)


def test_synthetic_bold_thickens_strokes_and_keeps_advances(tmp_path):
    body = fonts.resolve_fonts().roles["body"]
    bold = fonts.Face(body.path, body.index, body.name, embolden=True)
    path = font_builder.write_face(bold, set("中国一1"), tmp_path / "bold.otf")
    original, made = TTFont(body.path), TTFont(path)
    for ch in "中国一1":
        assert _area(made, ch) > 1.3 * _area(original, ch), ch
        assert made["hmtx"][made.getBestCmap()[ord(ch)]][0] == original["hmtx"][original.getBestCmap()[ord(ch)]][0]


def test_a_written_face_keeps_the_line_metrics_of_its_role(tmp_path):
    found = fonts.resolve_fonts()
    body = found.roles["body"]
    spare = found.face_for("body", "龘")
    assert spare is not None and spare != body
    path = font_builder.write_face(spare, {"龘"}, tmp_path / "spare.otf", like=body)
    made, reference = TTFont(path), TTFont(body.path)
    assert made["hhea"].ascent == reference["hhea"].ascent
    assert made["OS/2"].sTypoDescender == reference["OS/2"].sTypoDescender
    assert {ord("龘"), ord(" ")} <= set(made.getBestCmap())  # a space for WeasyPrint's strut


def test_characters_fall_back_to_spare_faces_and_none_has_everything():
    found = fonts.resolve_fonts()
    assert found.face_for("body", "中") == found.roles["body"]
    assert found.face_for("body", "龘") in found.spares["body"]
    assert found.face_for("body", "\U000f0001") is None
