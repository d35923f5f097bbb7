"""The submission edition (报送版) of a report: the public edition's Document with GB/T
9704-2012's 版头 (7.2) before it and its 版记 (7.4) after it, decided here so the writers
only lay them out. The fixed wording comes from templates/submission.j2.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

import jinja2

from reportgen.errors import ReportgenError
from reportgen.model.data import Submission
from reportgen.model.document import Document, Signature
from reportgen.model.naming import DRAFT_SUFFIX
from reportgen.numbering import date_text
from reportgen.templating import environment


@dataclass(frozen=True)
class Masthead:
    """版头 [7.2]: 份号, 密级, 紧急程度 at the top left (7.2.1–7.2.3), the red 发文机关标志
    centred 35 mm below the text block's top (7.2.4), the 发文字号 two lines below it
    (7.2.5) with the 签发人 on its line (7.2.6), and the red separator 4 mm below (7.2.7)."""

    mark: str
    number: str
    signer_label: str = ""
    signer: str = ""
    copy_number: str = ""
    secrecy: str = ""
    urgency: str = ""


@dataclass(frozen=True)
class Annotation:
    """附注 [7.3.6], e.g. “（此件公开发布）”: one line below the 成文日期, indented two characters."""

    text: str


@dataclass(frozen=True)
class Imprint:
    """版记 [7.4] at the foot of the last, even page: the 抄送 line (empty: none), then 印发机关
    at the left and the 印发日期 at the right, between full-width rules."""

    copies: str
    printer: str
    printed: str


def submission_document(document: Document, submission: Submission, templates: Path | None = None) -> Document:
    """`document` (the public edition, or its draft) as the submission edition: named
    `<name>（报送）`, with the 版头 first, the 附注 after the signature and the 版记 last."""
    words = _wording(templates, document.author, submission)
    blocks = [Masthead(words.mark, submission.number, words.signer_label if submission.signer else "",
                       submission.signer or "", submission.copy_number or "", submission.secrecy or "",
                       submission.urgency or "")]
    annotation = getattr(document, "annotation", None)  # 附注 of the public edition, where it has one
    printed = any(getattr(block, "text", None) == annotation for block in document.blocks)
    for block in document.blocks:
        blocks.append(block)
        if isinstance(block, Signature) and annotation and not printed:
            blocks.append(Annotation(annotation))
            printed = True
    copies = ""
    if submission.copies_to:
        copies = words.copies_label + words.copies_separator.join(submission.copies_to) + words.copies_end
    blocks.append(Imprint(copies, submission.printer, words.printed_text))
    suffix = words.name_suffix
    name, title = document.name, document.title
    if document.draft:  # <name>（报送）（草稿）: a draft stays marked as one at the end
        name, title = name.removesuffix(DRAFT_SUFFIX) + suffix + DRAFT_SUFFIX, title.removesuffix(DRAFT_SUFFIX) + suffix + DRAFT_SUFFIX
    else:
        name, title = name + suffix, title + suffix
    return dataclasses.replace(document, blocks=tuple(blocks), name=name, title=title)


def _wording(templates: Path | None, author: str, submission: Submission):
    env = environment(templates, autoescape=False)
    try:
        return env.get_template("submission.j2").make_module(
            {"author": author, "number": submission.number, "signer": submission.signer,
             "copies_to": submission.copies_to, "printer": submission.printer,
             "printed": date_text(submission.printed)})
    except jinja2.TemplateSyntaxError as exc:
        raise ReportgenError(f"模板 {exc.filename or exc.name}:{exc.lineno} 有语法错误：{exc.message}") from None
    except jinja2.TemplateError as exc:
        raise ReportgenError(f"模板 submission.j2 无法生成报送版：{exc}") from None


def has_imprint(document: Document) -> bool:
    return any(isinstance(block, Imprint) for block in document.blocks)
