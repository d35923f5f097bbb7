"""A long PDF laid out a part at a time (reportgen/render/pdf/parts.py) is the same document as one laid
out whole: the same pages pixel for pixel, the same text, page numbers, bookmarks,
tags and publishing properties, and the same bytes every time."""

from __future__ import annotations

import subprocess
from collections import Counter
from pathlib import Path

import pikepdf
import pytest
from conftest import ROOT, every_item

from reportgen.model.document import city_document
from reportgen.model.indicators import indicator_results
from reportgen.pipeline.check import check_year
from reportgen.render import WriteOptions
from reportgen.render.pdf import parts as pdf_parts
from reportgen.render.pdf import writer as pdf_writer
from reportgen.render.pdf.lines import Box, Line

PART_PAGES = 4  # small parts, so that the sample city report with every item (47 pages) makes a dozen


@pytest.fixture(scope="module")
def city(tmp_path_factory):
    data = every_item(check_year(ROOT / "data", 2023).data)  # 合并方式: 全部, the long city report
    results = indicator_results(data.plan.indicators, data.units, data.year, data.previous)
    document = city_document(data, None, results)
    folder = tmp_path_factory.mktemp("parts")
    whole, parts, again = folder / "whole.pdf", folder / "parts.pdf", folder / "again.pdf"
    pages = pdf_writer.write(document, whole, WriteOptions()).pages
    original = pdf_parts.PART_PAGES
    pdf_parts.PART_PAGES = PART_PAGES
    try:
        assert pdf_parts.needs_parts([Box("paragraph", (Line(0, ()),) * (2 * PART_PAGES * 22))])
        assert pdf_writer.write(document, parts, WriteOptions()).pages == pages
        pdf_writer.write(document, again, WriteOptions())
    finally:
        pdf_parts.PART_PAGES = original
    return document, pages, whole, parts, again


def pngs(pdf: Path, folder: Path) -> list[bytes]:
    folder.mkdir()
    subprocess.run(["pdftoppm", "-r", "30", "-png", str(pdf), str(folder / "p")], check=True)
    return [p.read_bytes() for p in sorted(folder.glob("*.png"))]


def test_every_page_looks_the_same(city, tmp_path):
    _, pages, whole, parts, _ = city
    a, b = pngs(whole, tmp_path / "a"), pngs(parts, tmp_path / "b")
    assert len(a) == len(b) == pages > 10 * PART_PAGES
    assert [n for n, (x, y) in enumerate(zip(a, b), 1) if x != y] == []


def test_text_and_page_numbers_go_on_across_parts(city):
    _, pages, whole, parts, _ = city
    text = [subprocess.run(["pdftotext", "-layout", str(p), "-"], capture_output=True, text=True, check=True).stdout
            for p in (whole, parts)]
    assert text[0] == text[1]
    for number, page in enumerate(text[1].split("\f")[:pages], 1):
        last = [line for line in page.splitlines() if line.strip()][-1]
        assert "".join(last.split()) == f"—{number}—"  # the last line of every page


def outline(pdf: pikepdf.Pdf) -> list:
    pages = [page.objgen for page in pdf.pages]
    out = []
    with pdf.open_outline() as tree:
        def walk(items, depth):
            for item in items:
                dest = item.destination
                out.append((depth, item.title, pages.index(dest[0].objgen), [str(x) for x in dest[1:]]))
                walk(item.children, depth + 1)
        walk(tree.root, 0)
    return out


def structure(pdf: pikepdf.Pdf) -> tuple[Counter, int]:
    pages, roles, stray = {page.objgen for page in pdf.pages}, Counter(), 0

    def walk(element):
        nonlocal stray
        if isinstance(element, pikepdf.Dictionary) and element.get("/Type") == "/StructElem":
            roles[str(element.S)] += 1
            if "/Pg" in element and element.Pg.objgen not in pages:
                stray += 1
            kids = element.get("/K")
            for kid in (kids if isinstance(kids, pikepdf.Array) else [kids]):
                walk(kid)

    for top in pdf.Root.StructTreeRoot.K:
        walk(top)
    return roles, stray


def test_bookmarks_tags_and_publishing_properties_are_kept(city):
    document, pages, whole, parts, _ = city
    with pikepdf.open(whole) as a, pikepdf.open(parts) as b:
        assert outline(b) == outline(a) and any(depth == 1 for depth, *_ in outline(b))
        roles, stray = structure(b)
        assert roles == structure(a)[0] and roles["/H2"] >= 5 and stray == 0
        tree = b.Root.StructTreeRoot
        keys = [int(tree.ParentTree.Nums[i]) for i in range(0, len(tree.ParentTree.Nums), 2)]
        assert keys == list(range(pages)) == [int(page.obj.StructParents) for page in b.pages]
        assert int(tree.ParentTreeNextKey) == pages
        assert bytes(b.trailer.ID[0]) == bytes(a.trailer.ID[0]) == pdf_writer.identifier(document)
        assert str(b.Root.Lang) == "zh-CN" and b.Root.MarkInfo.Marked and len(b.Root.OutputIntents) == 1
        meta = b.open_metadata()
        assert (meta.get("pdfaid:part"), meta.get("pdfaid:conformance")) == ("2", "A")
        assert str(b.docinfo.Title) == document.title
        assert b.check_pdf_syntax() == []


def test_the_same_document_gives_the_same_bytes(city):
    *_, parts, again = city
    assert parts.read_bytes() == again.read_bytes()
