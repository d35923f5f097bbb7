"""One subset of a font file for a set of glyph IDs, the way WeasyPrint subsets a font it
embeds (weasyprint/pdf/fonts.py, Font._harfbuzz_subset): HarfBuzz keeps the original glyph
IDs (RETAIN_GIDS), then drops the empty glyphs after the last one used, without hinting
and with the layout tables dropped.

Because every document's subset of a face keeps the face's own glyph IDs, the pages of
many documents can share one subset of the union of their glyphs: the compilation does
that (publish/compilation_fonts.py). HarfBuzz is the library WeasyPrint already loads;
fontTools subsets the same way but takes seconds for a CJK font where HarfBuzz takes
milliseconds.
"""

from __future__ import annotations

import functools
from pathlib import Path

_CDEF = """
typedef struct hb_blob_t hb_blob_t;
typedef struct hb_face_t hb_face_t;
typedef struct hb_set_t hb_set_t;
typedef struct hb_subset_input_t hb_subset_input_t;
typedef uint32_t hb_codepoint_t;
typedef uint32_t hb_tag_t;
hb_blob_t *hb_blob_create_from_file_or_fail(const char *file_name);
void hb_blob_destroy(hb_blob_t *blob);
const char *hb_blob_get_data(hb_blob_t *blob, unsigned int *length);
hb_face_t *hb_face_create(hb_blob_t *blob, unsigned int index);
void hb_face_destroy(hb_face_t *face);
hb_blob_t *hb_face_reference_blob(hb_face_t *face);
unsigned int hb_face_get_glyph_count(const hb_face_t *face);
hb_tag_t hb_tag_from_string(const char *str, int len);
void hb_set_add(hb_set_t *set, hb_codepoint_t codepoint);
void hb_set_add_range(hb_set_t *set, hb_codepoint_t first, hb_codepoint_t last);
hb_subset_input_t *hb_subset_input_create_or_fail(void);
void hb_subset_input_destroy(hb_subset_input_t *input);
hb_set_t *hb_subset_input_glyph_set(hb_subset_input_t *input);
hb_set_t *hb_subset_input_set(hb_subset_input_t *input, int set_type);
void hb_subset_input_set_flags(hb_subset_input_t *input, unsigned value);
hb_face_t *hb_subset_or_fail(hb_face_t *source, const hb_subset_input_t *input);
"""

NO_HINTING, RETAIN_GIDS, DESUBROUTINIZE, PASSTHROUGH_UNRECOGNIZED = 0x1, 0x2, 0x4, 0x20
DROP_TABLE_TAG = 3  # HB_SUBSET_SETS_DROP_TABLE_TAG
# the tables WeasyPrint drops from every subset it embeds
DROPPED = (b"BASE", b"DSIG", b"EBDT", b"EBLC", b"EBSC", b"GPOS", b"GSUB", b"JSTF", b"LTSH", b"PCLT", b"SVG ")


@functools.lru_cache(maxsize=1)
def _libraries():
    """cffi and HarfBuzz (with its subsetter), as WeasyPrint finds them; None without them."""
    try:
        import cffi
    except ImportError:
        return None
    ffi = cffi.FFI()
    ffi.cdef(_CDEF)
    found = []
    for names in (("libharfbuzz.so.0", "harfbuzz", "libharfbuzz.0.dylib", "libharfbuzz-0.dll"),
                  ("libharfbuzz-subset.so.0", "harfbuzz-subset", "libharfbuzz-subset.0.dylib",
                   "libharfbuzz-subset-0.dll")):
        for name in names:
            try:
                found.append(ffi.dlopen(name))
                break
            except OSError:
                continue
        else:
            return None
    hb, hbs = found
    try:  # an older HarfBuzz may lack one of them: then every face keeps its own subsets
        for name in ("hb_blob_create_from_file_or_fail", "hb_blob_destroy", "hb_blob_get_data", "hb_face_create",
                     "hb_face_destroy", "hb_face_reference_blob", "hb_face_get_glyph_count", "hb_tag_from_string",
                     "hb_set_add", "hb_set_add_range"):
            getattr(hb, name)
        for name in ("hb_subset_input_create_or_fail", "hb_subset_input_destroy", "hb_subset_input_glyph_set",
                     "hb_subset_input_set", "hb_subset_input_set_flags", "hb_subset_or_fail"):
            getattr(hbs, name)
    except AttributeError:
        return None
    return ffi, hb, hbs


def available() -> bool:
    return _libraries() is not None


def _subset(ffi, hb, hbs, face, glyphs, flags: int):
    """hb_subset_or_fail of `face` keeping `glyphs` (a set of IDs or a range's end)."""
    spec = hbs.hb_subset_input_create_or_fail()
    if spec == ffi.NULL:
        return ffi.NULL
    try:
        kept = hbs.hb_subset_input_glyph_set(spec)
        if isinstance(glyphs, int):
            hb.hb_set_add_range(kept, 0, glyphs)
        else:
            for gid in sorted(glyphs):
                hb.hb_set_add(kept, gid)
        hbs.hb_subset_input_set_flags(spec, flags)
        dropped = hbs.hb_subset_input_set(spec, DROP_TABLE_TAG)
        for tag in DROPPED:
            hb.hb_set_add(dropped, hb.hb_tag_from_string(tag, 4))
        return hbs.hb_subset_or_fail(face, spec)
    finally:
        hbs.hb_subset_input_destroy(spec)


def subset_program(path: Path, index: int, glyphs: set[int]) -> bytes | None:
    """The font program of face `index` of `path` with only `glyphs` (and .notdef), each at
    its original glyph ID; None when HarfBuzz is missing or cannot subset the file."""
    libraries = _libraries()
    if libraries is None or not glyphs:
        return None
    ffi, hb, hbs = libraries
    blob = hb.hb_blob_create_from_file_or_fail(str(path).encode())
    if blob == ffi.NULL:
        return None
    face = hb.hb_face_create(blob, index)
    hb.hb_blob_destroy(blob)
    try:
        if max(glyphs) >= hb.hb_face_get_glyph_count(face):
            return None  # not the file these glyphs came from
        first = _subset(ffi, hb, hbs, face, glyphs | {0}, RETAIN_GIDS | PASSTHROUGH_UNRECOGNIZED | DESUBROUTINIZE)
        if first == ffi.NULL:
            return None
        try:
            second = _subset(ffi, hb, hbs, first, max(glyphs), PASSTHROUGH_UNRECOGNIZED | DESUBROUTINIZE | NO_HINTING)
        finally:
            hb.hb_face_destroy(first)
        if second == ffi.NULL:
            return None
        try:
            data = hb.hb_face_reference_blob(second)
            length = ffi.new("unsigned int *")
            pointer = hb.hb_blob_get_data(data, length)
            program = bytes(ffi.buffer(pointer, length[0])) if length[0] else None
            hb.hb_blob_destroy(data)
            return program
        finally:
            hb.hb_face_destroy(second)
    finally:
        hb.hb_face_destroy(face)
