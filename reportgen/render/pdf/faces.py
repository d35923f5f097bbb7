"""The fonts of a PDF: which face draws each character, the file WeasyPrint gets for each
face, and the WeasyPrint font configuration they are registered in.

Each face a document uses has a short key that becomes a CSS class (f-<key>) and font
family (see report.html.j2): the role for the role's own face, `role-N` for its N-th spare
face, `role-x` for characters the cached file of the role's own face lacks. Faces that
need a file of their own come from the font cache (reportgen/render/pdf/font_cache.py).
"""

from __future__ import annotations

import atexit
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from reportgen.render.pdf import font_cache
from reportgen.errors import ReportgenError
from reportgen.render.pdf.font_builder import needs_own_file
from reportgen.render.pdf.fonts import ROLE_LABELS, FontSet, advance
from reportgen.render.pdf.lines import Glyph


@dataclass
class FaceTable:
    """The faces a document uses, each under a short key that becomes a CSS font family."""

    fonts: FontSet
    notes: list
    used: dict = field(default_factory=dict)  # key → (Face, like Face or None, set of chars)
    looked_up: dict = field(default_factory=dict)  # (role, char) → (key, Face, like, advance)

    def glyphs(self, role: str, text: str, where: str) -> list[Glyph]:
        out = []
        for ch in text:
            found = self.looked_up.get((role, ch)) or self._look_up(role, ch, where)
            key, face, like, width = found
            if like is not None:
                note = f"{where}: 字符“{ch}”（U+{ord(ch):04X}）{like.name} 中没有，改用 {face.name} 显示"
                if note not in self.notes:
                    self.notes.append(note)
            self.used.setdefault(key, (face, like, set()))[2].add(ch)
            out.append(Glyph(ch, key, width))
        return out

    def _look_up(self, role: str, ch: str, where: str) -> tuple:
        own = self.fonts.roles[role]
        face = self.fonts.face_for(role, ch)
        if face is None:
            raise ReportgenError(
                f"{where}: 字符“{ch}”（U+{ord(ch):04X}）在{ROLE_LABELS[role]}字体 {own.label} "
                "和备用字体中都没有，无法排版。请改用常用字，或用 --fonts 提供含有该字的字体"
            )
        if face == own:
            # a character the face's cached file lacks goes into a file of the document's own
            key = role if not needs_own_file(own) or font_cache.in_base(own, ch) else f"{role}-x"
        else:
            key = f"{role}-{self.fonts.spares[role].index(face)}"
        found = self.looked_up[role, ch] = (key, face, None if face == own else own, advance(face, ch))
        return found


def font_faces(table: FaceTable) -> list[dict]:
    """The @font-face of every face the document uses: key, CSS family, file URL, name.
    A role's own face keeps the family rg-<role> that report.css names; a file made for
    this document's characters gets a family with the file's hash in it, so that no two
    different files ever share a family in a font configuration that outlives a document."""
    faces = []
    for key, (face, like, chars) in sorted(table.used.items()):
        family = f"rg-{key}"
        if key in ROLE_LABELS:
            path = font_cache.base_file(face) if needs_own_file(face) else face.path
        else:  # a spare face (with the line metrics of the role's own), or role-x
            path, digest = font_cache.part_file(face, chars, like)
            family = f"rg-{key}-{digest[:16]}"
        url = "file://" + quote(str(path.resolve()), safe="/")  # nothing left that HTML would escape
        faces.append({"key": key, "family": family, "url": url, "name": face.label})
    return faces


def role_file(fonts: FontSet, family: str) -> tuple[Path, int] | None:
    """The font file and face index WeasyPrint gets for the CSS family of a role's own face
    (rg-<role>, as font_faces names it), or None for any other family."""
    role = family.removeprefix("rg-")
    face = fonts.roles.get(role) if family.startswith("rg-") else None
    if face is None:
        return None
    return (font_cache.base_file(face), 0) if needs_own_file(face) else (face.path, face.index)


_CONFIGS: dict = {}
_CONFIGS_KEPT = 4
# A FontConfiguration deletes its folder of font copies when it is dropped; at exit, drop
# them while the modules that does this needs are still there.
atexit.register(_CONFIGS.clear)


def font_config(fonts: FontSet):
    """The WeasyPrint FontConfiguration for documents with these role faces, made once per
    process: it copies and registers each font file once, not once per document. A family
    never changes its file within one (`font_faces`), so a document renders the same
    whatever was rendered before it."""
    from weasyprint.text.fonts import FontConfiguration

    key = (tuple(sorted(fonts.roles.items())), str(font_cache.cache_dir()))
    config = _CONFIGS.pop(key, None) or FontConfiguration()
    _CONFIGS[key] = config  # the most recently used last
    while len(_CONFIGS) > _CONFIGS_KEPT:
        del _CONFIGS[next(iter(_CONFIGS))]
    return config
