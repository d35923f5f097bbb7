"""Two ways to have WeasyPrint do less work for the same PDF.

- `lean_html_class`: WeasyPrint's user-agent stylesheet gives every element ::marker,
  ::footnote-call, ::footnote-marker, ::note-call, ::note-marker and ::note-callback
  rules, so it computes six pseudo-element styles for each of the document's hundreds of
  elements; and it gives all 16 page-margin boxes, @footnote and @note-area rules, so it
  computes 18 styles for every page. The default templates have no list items, footnotes
  or notes, and report.css sets text-align and vertical-align of the only margin boxes
  they use (the page numbers); without these rules the same PDF comes out about 10 %
  sooner. Used only with the default templates (a user's may have lists, footnotes or
  other margin boxes), and only while WeasyPrint's stylesheet reads as it does now:
  otherwise the usual one is used.
- `compress_once`: pydyf compresses every stream when it writes the PDF, at zlib level 9,
  and again when it hashes the whole file for the second part of the /ID. The finisher
  compresses each stream once, at level 6 (the file is 0.5 % larger, most of its bytes are
  font outlines, which barely compress), and hands pydyf the result.

test_pdf_markup.py checks that the lean stylesheet changes no byte of the PDF.
"""

from __future__ import annotations

import functools
import re
import zlib

# The user-agent rules `lean_html_class` leaves out: one line each in html5_ua.css.
UNUSED_UA_RULES = re.compile(
    r"^::(marker|footnote-call|footnote-marker|note-call|note-marker|note-callback) \{[^{}\n]*\}\n"
    r"|^  @((top|bottom)-(left-corner|left|center|right|right-corner)|(left|right)-(top|middle|bottom)"
    r"|footnote|note-area) +\{[^{}\n]*\}\n",
    re.MULTILINE,
)
UNUSED_UA_RULE_COUNT = 6 + 16 + 2
# zlib level of the PDF's streams (pydyf uses 9).
COMPRESSION = 6


@functools.lru_cache(maxsize=1)
def lean_html_class():
    """A weasyprint.HTML whose user-agent stylesheet lacks UNUSED_UA_RULES, or the plain
    one if WeasyPrint's stylesheet or its hook for it is not what this was written for.
    Making it parses that stylesheet, and WeasyPrint warns about two of its own
    @counter-style rules, as it does when it is imported: call this before listening to
    WeasyPrint's warnings about a document."""
    import weasyprint

    try:
        from weasyprint.html import UA, UA_COUNTER_STYLE, UA_FORM_STYLESHEET
    except ImportError:
        return weasyprint.HTML
    lean_text, removed = UNUSED_UA_RULES.subn("", UA)
    if removed != UNUSED_UA_RULE_COUNT or not hasattr(weasyprint.HTML, "_ua_stylesheets"):
        return weasyprint.HTML
    lean = weasyprint.CSS(string=lean_text, counter_style=UA_COUNTER_STYLE)

    class LeanHTML(weasyprint.HTML):
        def _ua_stylesheets(self, forms=False):
            return [lean, UA_FORM_STYLESHEET] if forms else [lean]

    return LeanHTML


def compress_once(_document, pdf) -> None:
    """A write_pdf finisher: compress every stream once, here (see the module's description)."""
    import pydyf

    for obj in pdf.objects:
        if isinstance(obj, pydyf.Stream) and obj.compress:
            head, marker, body = pydyf.Stream(obj.stream).data.partition(b"\nstream\n")
            if not marker or not body.endswith(b"\nendstream"):
                continue  # not the layout this was written for: leave it to pydyf
            obj.stream = [zlib.compress(body[: -len(b"\nendstream")], COMPRESSION)]
            obj.extra = pydyf.Dictionary({**obj.extra, "Filter": "/FlateDecode"})
            obj.compress = False
