"""#18: the 汇编 is set in its fonts (the cover title in the title face, 目录 in 黑体) and a
cold cache gives the same bytes as a warm one."""

from __future__ import annotations

import hashlib

import fitz
import pytest

from conftest import MINI
from reportgen.pipeline.build import BuildSettings, build


def _volume(out):
    return next(p for p in out.iterdir() if p.name.endswith("汇编.pdf"))


def _build(out, cache):
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("REPORTGEN_CACHE", str(cache))
        build(BuildSettings(MINI, 2023, out, ("pdf",), jobs=1))
    return hashlib.sha256(_volume(out).read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def volumes(tmp_path_factory):
    """The mini project's volume built with an empty cache folder (fonts, laid-out pages,
    stripped unit pages all made afresh), then again with that cache warm."""
    root = tmp_path_factory.mktemp("volume")
    cold = _build(root / "cold", root / "cache")
    warm = _build(root / "warm", root / "cache")
    return root / "cold", (cold, warm)


def test_a_cold_cache_gives_the_same_volume_as_a_warm_one(volumes):
    _, (cold, warm) = volumes
    assert cold == warm


def test_cover_and_contents_use_their_fonts(volumes):
    out, _ = volumes
    with fitz.open(_volume(out)) as pdf:
        fonts = {}
        for number in (0, 2):
            for block in pdf[number].get_text("dict")["blocks"]:
                for line in block.get("lines", ()):
                    for span in line["spans"]:
                        if span["text"].strip():
                            fonts[span["text"].strip()] = span["font"]
    title = next(text for text in fonts if text.endswith("汇编"))
    body = fonts["测试市人民政府"]
    assert fonts[title] != body and fonts["目"] != body and fonts["目"] != fonts[title]
    assert "title" in fonts[title] and "heading1" in fonts["目"] and "body" in body
