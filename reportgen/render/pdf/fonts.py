"""Turn the typeface roles of GB/T 9704 into font files on this machine.

Each role (title 小标宋, body 仿宋, the bold lead of a “1.” item, level-1 heading
黑体, level-2 heading 楷体, page number 宋体) is looked up in this order: the
folder the user names (--fonts), the licensed fonts installed on the system
(found with fc-list), then the open fonts (Fandol from texlive-lang-chinese,
Noto CJK). Every fallback is reported as a substitution, in Chinese, for the
user. The PDF writer measures characters with these files (fontTools) and
embeds them, so nothing here depends on how fontconfig is set up.

仿宋 has no bold face in any font people actually have (仿宋_GB2312, FandolFang),
so the bold role is normally the body face drawn with thickened outlines:
`font_builder.write_face` writes a small font of just the characters needed, with
every outline offset outwards the way FreeType's FT_Outline_EmboldenXY does.
WeasyPrint never synthesises bold itself (Kozea/WeasyPrint#1470).
"""

from __future__ import annotations

import functools
import logging
import shutil
import subprocess
from dataclasses import dataclass, replace
from pathlib import Path

from fontTools.ttLib import TTCollection, TTFont, TTLibError

from reportgen.errors import ReportgenError

log = logging.getLogger(__name__)

FANDOL_DIR = Path("/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol")
FONT_SUFFIXES = {".ttf", ".otf", ".ttc", ".otc"}

ROLES = ("title", "body", "bold", "heading1", "heading2", "pagenum")
ROLE_LABELS = {
    "title": "标题",
    "body": "正文",
    "bold": "段首句（加粗）",
    "heading1": "一级标题",
    "heading2": "二级标题",
    "pagenum": "页码",
}

# Names Word/WPS and the licensed font files use; the first one is what we tell the user.
LICENSED = {
    "title": ("方正小标宋简体", "FZXiaoBiaoSong-B05S", "方正小标宋_GBK", "FZXiaoBiaoSong-B05"),
    "body": ("仿宋_GB2312", "FangSong_GB2312", "仿宋", "FangSong", "方正仿宋_GBK", "FZFangSong-Z02"),
    "heading1": ("黑体", "SimHei", "方正黑体_GBK", "FZHei-B01"),
    "heading2": ("楷体_GB2312", "KaiTi_GB2312", "楷体", "KaiTi", "方正楷体_GBK", "FZKai-Z03"),
    "pagenum": ("宋体", "SimSun", "方正书宋_GBK", "FZShuSong-Z01"),
}


@dataclass(frozen=True)
class OpenFont:
    """An open substitute: a Fandol file by name, or an installed family and style."""

    file: str = ""  # a file in FANDOL_DIR (or wherever fontconfig has it)
    family: str = ""  # an installed family, found with fc-list
    bold: bool = False


OPEN = {
    "title": (OpenFont(file="FandolSong-Bold.otf"), OpenFont(family="Noto Serif CJK SC", bold=True)),
    "body": (OpenFont(file="FandolFang-Regular.otf"),),
    "heading1": (OpenFont(file="FandolHei-Regular.otf"), OpenFont(family="Noto Sans CJK SC")),
    "heading2": (OpenFont(file="FandolKai-Regular.otf"), OpenFont(family="AR PL KaitiM GB")),
    "pagenum": (OpenFont(file="FandolSong-Regular.otf"), OpenFont(family="Noto Serif CJK SC")),
}
# Where a role's own font lacks a character (a rare one in a name), these may draw it.
SPARE = (OpenFont(family="Noto Serif CJK SC"), OpenFont(family="Noto Sans CJK SC"))


@dataclass(frozen=True)
class Face:
    """One face of a font file; `embolden` asks for outlines thickened at render time."""

    path: Path
    index: int = 0  # face number in a .ttc/.otc collection
    name: str = ""  # PostScript or full name, for messages
    embolden: bool = False

    @property
    def label(self) -> str:
        return self.name + ("（合成粗体）" if self.embolden else "")


@dataclass(frozen=True)
class FontSet:
    """The face of every role, the faces that may stand in for missing characters, and
    the substitutions made (Chinese sentences for the user)."""

    roles: dict
    spares: dict
    substitutions: tuple[str, ...]

    def face_for(self, role: str, ch: str) -> Face | None:
        """The face that draws `ch` in `role`: the role's own, else the first spare that has it."""
        for face in (self.roles[role], *self.spares[role]):
            if has_char(face, ch):
                return face
        return None


# ---------------------------------------------------------------------------
# What is on this machine


@dataclass(frozen=True)
class _Found:
    face: Face
    names: frozenset  # every family / full / PostScript name, lower case
    bold: bool


def _norm(name: str) -> str:
    return name.replace(" ", "").lower()


def _faces_in_file(path: Path) -> list[_Found]:
    try:
        if path.suffix.lower() in {".ttc", ".otc"}:
            fonts = list(TTCollection(str(path), lazy=True).fonts)
        else:
            fonts = [TTFont(str(path), lazy=True)]
    except (TTLibError, OSError, ValueError) as exc:
        log.debug("skipping %s: %s", path, exc)
        return []
    found = []
    for index, font in enumerate(fonts):
        try:
            name_table = font["name"]
            names = {str(rec.toUnicode()) for rec in name_table.names if rec.nameID in (1, 4, 6, 16)}
            ps = name_table.getDebugName(6) or name_table.getDebugName(4) or path.stem
            weight = font["OS/2"].usWeightClass if "OS/2" in font else 400
            bold = weight >= 600 or bool(font["head"].macStyle & 1)
        except Exception as exc:  # a broken font in the user's folder must not stop the build
            log.debug("skipping %s#%d: %s", path, index, exc)
            continue
        found.append(_Found(Face(path, index, ps), frozenset(_norm(n) for n in names), bold))
    return found


@functools.lru_cache(maxsize=8)
def _folder_faces(folder: Path) -> tuple[_Found, ...]:
    files = sorted(p for p in folder.rglob("*") if p.suffix.lower() in FONT_SUFFIXES and p.is_file())
    return tuple(f for p in files for f in _faces_in_file(p))


def installed_fonts() -> list[tuple[Path, int, frozenset, bool]]:
    """(file, face index, names, bold) of every font fontconfig knows; empty without fc-list."""
    fc_list = shutil.which("fc-list")
    if not fc_list:
        return []
    fmt = "%{file}\t%{index}\t%{family}\t%{fullname}\t%{postscriptname}\t%{weight}\n"
    try:
        out = subprocess.run([fc_list, "--format", fmt], capture_output=True, text=True, timeout=60, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    fonts = []
    for line in out.splitlines():
        parts = line.split("\t")
        if len(parts) != 6:
            continue
        file, index, family, fullname, psname, weight = parts
        names = frozenset(_norm(n) for n in ",".join((family, fullname, psname)).split(",") if n)
        try:
            bold = int(float(weight or 80)) >= 200  # fontconfig: 80 regular, 200 bold
            idx = int(index or 0)
        except ValueError:
            continue
        fonts.append((Path(file), idx, names, bold))
    return fonts


@functools.lru_cache(maxsize=1)
def _installed() -> tuple[_Found, ...]:
    return tuple(_Found(Face(path, index, ""), names, bold) for path, index, names, bold in installed_fonts())


def _named(face: Face) -> Face:
    """The face with its PostScript name as the font spells it (for messages)."""
    if face.name:
        return face
    try:
        name = open_font(face.path, face.index)["name"].getDebugName(6)
    except Exception:
        name = None
    return replace(face, name=name or face.path.stem)


def _match(found: tuple[_Found, ...], names: tuple[str, ...], bold: bool | None) -> Face | None:
    wanted = [_norm(n) for n in names]
    for name in wanted:  # the order of `names` is the order of preference
        for f in found:
            if name in f.names and (bold is None or f.bold == bold):
                return f.face
    return None


def _open_face(spec: OpenFont) -> Face | None:
    if spec.file:
        path = FANDOL_DIR / spec.file
        if path.is_file():
            return Face(path, 0, path.stem)
        face = _match(_installed(), (Path(spec.file).stem,), None)
        return replace(face, name=Path(spec.file).stem) if face else None
    face = _match(_installed(), (spec.family,), spec.bold)
    if face:
        return replace(face, name=spec.family + (" Bold" if spec.bold else ""))
    return None


def resolve_fonts(user_dir: Path | None = None) -> FontSet:
    """Choose a face for every role; raise ReportgenError if a role has none at all."""
    if user_dir and not user_dir.is_dir():
        raise ReportgenError(f"字体文件夹 {user_dir} 不存在")
    user = _folder_faces(user_dir.resolve()) if user_dir else ()
    roles: dict[str, Face] = {}
    notes: list[str] = []
    for role in ("title", "body", "heading1", "heading2", "pagenum"):
        names = LICENSED[role]
        face = _match(user, names, None) or _match(_installed(), names, None)
        if face is None:
            for spec in OPEN[role]:
                face = _open_face(spec)
                if face:
                    notes.append(f"{names[0]} 未安装，{ROLE_LABELS[role]}使用 {face.name} 代替")
                    break
        if face is None:
            raise ReportgenError(
                f"找不到{ROLE_LABELS[role]}字体：请安装 {names[0]}（或 texlive-lang-chinese 中的 Fandol 字体），"
                "或用 --fonts 指定存放字体文件的文件夹"
            )
        roles[role] = _named(face)

    # Bold 仿宋: a real bold face of the body family if there is one, else synthetic.
    body_names = LICENSED["body"]
    bold = _match(user, body_names, True) or _match(_installed(), body_names, True)
    if bold is not None:
        bold = _named(bold)
    else:
        bold = replace(roles["body"], embolden=True)
        notes.append(f"{roles['body'].name} 没有粗体，段首句的粗体由程序加粗字形合成")
    roles["bold"] = bold

    spare_faces = [face for spec in SPARE if (face := _open_face(spec))]
    spares: dict[str, tuple[Face, ...]] = {}
    for role in ROLES:
        own = roles[role]
        extra = [f for f in spare_faces if f.path != own.path or f.index != own.index]
        if own.embolden:
            extra = [replace(f, embolden=True) for f in extra]
        spares[role] = tuple(extra)
    return FontSet(roles, spares, tuple(notes))


# ---------------------------------------------------------------------------
# Reading faces


@functools.lru_cache(maxsize=32)
def open_font(path: Path, index: int) -> TTFont:
    if path.suffix.lower() in {".ttc", ".otc"}:
        return TTCollection(str(path), lazy=True).fonts[index]
    return TTFont(str(path), lazy=True, fontNumber=-1)


@functools.lru_cache(maxsize=32)
def char_map(path: Path, index: int) -> dict[int, str]:
    return open_font(path, index).getBestCmap() or {}


def has_char(face: Face, ch: str) -> bool:
    return ord(ch) in char_map(face.path, face.index)


@dataclass(frozen=True)
class Metrics:
    upem: int
    ascent: int
    descent: int  # negative
    widths: dict  # code point → advance in font units


@functools.lru_cache(maxsize=32)
def _metrics(path: Path, index: int) -> Metrics:
    font = open_font(path, index)
    cmap = char_map(path, index)
    hmtx = font["hmtx"]
    hhea = font["hhea"]
    descent = hhea.descent if hhea.descent <= 0 else -hhea.descent  # FandolSong-Regular stores it positive
    return Metrics(font["head"].unitsPerEm, hhea.ascent, descent, {cp: hmtx[g][0] for cp, g in cmap.items()})


def metrics(face: Face) -> Metrics:
    return _metrics(face.path, face.index)


def advance(face: Face, ch: str) -> float:
    """Advance of `ch` in thousandths of an em (the unit WeasyPrint writes into the PDF)."""
    m = metrics(face)
    return m.widths[ord(ch)] * 1000 / m.upem


# ---------------------------------------------------------------------------
# Fonts written for one document
