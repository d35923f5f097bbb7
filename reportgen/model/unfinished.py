"""What keeps a Document from being published: a text still as `init` or `new-year` wrote it
(“（待填写：…）”, read/placeholders.py) or a part (一、二、…) with nothing under it, such as
“一、主要做法和成效” of a city report that writes 合并方式: 选用 and chooses nothing yet.

build refuses to write such a report as the report itself (E241, E242) and writes it only
with --draft; `verify` looks for the same two things in the files (publish/finished.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from reportgen.errors import Loc
from reportgen.model.document import (AttachmentLabel, AttachmentNote, Document, Heading, Paragraph, Signature,
                                      SourceNote, Table)

# read/placeholders.MARK: the model may not import the reader, and the mark is a fixed text
PLACEHOLDER = "（待填写"


@dataclass(frozen=True)
class Unfinished:
    kind: str  # "placeholder" or "empty"
    text: str  # the placeholder as written, or the empty part's heading (“一、主要做法和成效”)
    loc: Loc | None  # where the text comes from, when the block knows it


def _texts(block) -> list[str]:
    if isinstance(block, SourceNote):
        return []  # --draft's own note, not report text
    if isinstance(block, Table):
        return [*block.columns, *(cell for row in block.rows for cell in row), *block.notes]
    if isinstance(block, Signature):
        return [block.organ, block.date]
    if isinstance(block, Paragraph):
        return [block.full_text]
    if isinstance(block, Heading):
        return [block.full_text]
    text = getattr(block, "text", None)
    return [text] if isinstance(text, str) else []


def placeholder_at(text: str) -> str | None:
    """The first placeholder in `text`, up to its closing bracket (or 20 characters)."""
    start = text.find(PLACEHOLDER)
    if start < 0:
        return None
    end = text.find("）", start)
    return text[start:end + 1] if 0 <= end - start <= 40 else text[start:start + 20] + "……"


def _empty_parts(document: Document) -> list[Unfinished]:
    """Each 一、 heading followed at once by the next one, the signature or the end."""
    found = []
    ends = (Heading, Signature, AttachmentNote, AttachmentLabel)
    blocks = [b for b in document.blocks if not isinstance(b, SourceNote)]
    for index, block in enumerate(blocks):
        if isinstance(block, Heading) and block.level == 1:
            following = blocks[index + 1] if index + 1 < len(blocks) else None
            if following is None or (isinstance(following, ends) and not
                                     (isinstance(following, Heading) and following.level > 1)):
                found.append(Unfinished("empty", block.full_text, block.source))
    return found


def unfinished(document: Document) -> list[Unfinished]:
    """Every placeholder (one per block) and every empty part of `document`, in order."""
    found = []
    for block in document.blocks:
        for text in _texts(block):
            hit = placeholder_at(text or "")
            if hit:
                found.append(Unfinished("placeholder", hit, getattr(block, "source", None)))
                break
    return found + _empty_parts(document)
