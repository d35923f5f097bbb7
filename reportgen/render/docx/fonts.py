"""The font names the DOCX gives Word and WPS: a scheme chosen in _report.yaml (`字体`).

GB/T 9704-2012 asks for 仿宋体 and 楷体 (its 7.3), not for a font file. Windows 7 and later
ship 仿宋 (FangSong) and 楷体 (KaiTi), which cover GB 18030; 仿宋_GB2312 and 楷体_GB2312 are
older fonts an office must install itself, and they have only GB 2312's 6,763 characters
(no 镕, for one). So the default scheme, 通用, names the faces every Windows has; GB2312
names the old ones for offices whose templates expect them, and `check` then warns about
every character they lack (content/charset.py, W440).

The writer's styles and runs name the 通用 faces (styles.py); `apply` renames them for the
chosen scheme in every part of the package and writes the font table: each face's English
name (w:altName, for a Word set to English), its PANOSE number, the GB 2312 character set
(w:charset 86 hex: GB2312_CHARSET) and its family and pitch, as Windows' own fonts declare
them. With those Word, and WPS, pick a similar face when one is missing: 方正小标宋简体 (the
title), which few offices have, carries 宋体's PANOSE number and falls back to a 宋体.
The PDF embeds its own fonts and is not affected.
"""

from __future__ import annotations

from dataclasses import dataclass

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from lxml import etree

DEFAULT = "通用"


@dataclass(frozen=True)
class Face:
    name: str  # what Word shows
    alt: str  # w:altName: the English name
    panose: str  # PANOSE-1, ten bytes in hex
    family: str  # w:family: roman, modern (fixed pitch) …
    pitch: str  # w:pitch: fixed or variable


# As Windows' fonts declare themselves (their OS/2 table); the CJK faces are fixed pitch.
FANGSONG = Face("仿宋", "FangSong", "02010609060101010101", "modern", "fixed")
KAITI = Face("楷体", "KaiTi", "02010609060101010101", "modern", "fixed")
HEITI = Face("黑体", "SimHei", "02010609060101010101", "modern", "fixed")
SONGTI = Face("宋体", "SimSun", "02010600030101010101", "auto", "variable")
XIAOBIAOSONG = Face("方正小标宋简体", "FZXiaoBiaoSong-B05S", SONGTI.panose, "auto", "variable")
FANGSONG_GB2312 = Face("仿宋_GB2312", "FangSong_GB2312", "02010609030101010101", "modern", "fixed")
KAITI_GB2312 = Face("楷体_GB2312", "KaiTi_GB2312", "02010609030101010101", "modern", "fixed")

# scheme → the faces it names, in the place of the 通用 face the writer names (styles.py)
SCHEMES: dict[str, dict[str, Face]] = {
    "通用": {f.name: f for f in (FANGSONG, KAITI, HEITI, SONGTI, XIAOBIAOSONG)},
    "GB2312": {
        FANGSONG.name: FANGSONG_GB2312,
        KAITI.name: KAITI_GB2312,
        HEITI.name: HEITI,
        SONGTI.name: SONGTI,
        XIAOBIAOSONG.name: XIAOBIAOSONG,
    },
}
FONT_ATTRIBUTES = tuple(qn(f"w:{a}") for a in ("ascii", "hAnsi", "eastAsia", "cs"))


def faces(scheme: str) -> dict[str, Face]:
    return SCHEMES.get(scheme, SCHEMES[DEFAULT])


def apply(doc, scheme: str) -> None:
    """Rename the 通用 faces of every w:rFonts in the package (document, styles, headers,
    footers) to the scheme's, and list the scheme's faces in the font table."""
    chosen = faces(scheme)
    renames = {old: face.name for old, face in chosen.items() if face.name != old}
    if renames:
        for part in doc.part.package.iter_parts():
            element = getattr(part, "element", None)
            if element is None:
                continue
            for fonts in element.iter(qn("w:rFonts")):
                for attr in FONT_ATTRIBUTES:
                    value = fonts.get(attr)
                    if value in renames:
                        fonts.set(attr, renames[value])
    font_table(doc, chosen.values())


def font_table(doc, listed) -> None:
    part = doc.part.part_related_by(RT.FONT_TABLE)
    table = parse_xml(part.blob)
    for face in listed:
        table.append(
            parse_xml(
                f'<w:font {nsdecls("w")} w:name="{face.name}"><w:altName w:val="{face.alt}"/>'
                f'<w:panose1 w:val="{face.panose}"/><w:charset w:val="86"/><w:family w:val="{face.family}"/>'
                f'<w:pitch w:val="{face.pitch}"/></w:font>'
            )
        )
    part._blob = etree.tostring(table, xml_declaration=True, encoding="UTF-8", standalone=True)
