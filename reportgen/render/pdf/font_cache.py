"""Font files the PDF writer makes, kept on disk so that each is made once per machine.

Two kinds of face cannot be handed to WeasyPrint as they are (`needs_own_file`):
synthetic bold, and one face of a .ttc/.otc collection. For each the cache holds

- a *base* file for the face in its own role, made once and used by every document:
  the synthetic bold of a fixed set of characters (`BASE_CHARS`: GB2312 level-1 hanzi,
  ASCII, the common Chinese punctuation and full-width forms), or a collection face
  copied whole. It does not depend on any document, so a build can make it before it
  renders anything (`pdf_writer.prepare_fonts`), with several processes if asked.
- *part* files: the few characters one document needs beyond the base file (a rare
  hanzi in a bold lead sentence), and the characters a spare face draws for a role.
  They are small and quick to make; each has its own CSS family in the document.

A file's name carries a hash of everything its bytes depend on: the font file's bytes,
the face index, the emboldening, `BUILDER_VERSION` and the characters (for a part, also
the face whose line metrics it copies). A file is therefore either absent or right, and
the output is the same whether it was just made or found. Files are written to a
temporary name and renamed into place, so concurrent builds never see half a file;
a lock keeps two processes from making the same base file at once.

The folder: reportgen/caching.py's cache_dir. Deleting it is always safe.
"""

from __future__ import annotations

import atexit
import contextlib
import fcntl
import functools
import hashlib
import logging
import os
import shutil
import tempfile
from pathlib import Path

from reportgen.atomic import write_atomically
from reportgen.caching import cache_dir
from reportgen.render.pdf.font_builder import EMBOLDEN, extract_face, write_face
from reportgen.render.pdf.fonts import Face, open_font

log = logging.getLogger(__name__)

# Change this whenever font_builder would write different bytes for the same input:
# every cached file is then made again under a new name.
BUILDER_VERSION = 2


def _gb2312(first_row: int, last_row: int) -> str:
    chars = []
    for high in range(0xA0 + first_row, 0xA0 + last_row + 1):
        for low in range(0xA1, 0xFF):
            with contextlib.suppress(UnicodeDecodeError):
                chars.append(bytes((high, low)).decode("gb2312"))
    return "".join(chars)


# The characters of a synthetic bold base file, fixed so that the file serves every
# document: ASCII; GB2312 rows 1–3 (Chinese punctuation, ①⑴⒈Ⅰ, full-width forms);
# rows 16–55, the 3755 level-1 hanzi; a few marks GB2312 writes differently.
BASE_CHARS = "".join(sorted(
    set(map(chr, range(0x20, 0x7F))) | set(_gb2312(1, 3)) | set(_gb2312(16, 55)) | set("〇—–·…%")
))
_BASE_SET = frozenset(BASE_CHARS)


def in_base(face: Face, ch: str) -> bool:
    """Whether the base file of `face` (one that needs its own file) draws `ch`, given that
    the face has it; if not, the document puts `ch` in a part file."""
    return not face.embolden or ch in _BASE_SET


@functools.lru_cache(maxsize=8)
def _usable(folder: Path) -> Path:
    """`folder`, created; if it cannot be written, a temporary folder for this process."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if os.access(folder, os.W_OK | os.X_OK):
            return folder
    except OSError:
        pass
    fallback = Path(tempfile.mkdtemp(prefix="reportgen-cache-"))
    atexit.register(shutil.rmtree, fallback, True)
    log.warning("font cache %s is not writable; using %s for this run", folder, fallback)
    return fallback


@functools.lru_cache(maxsize=64)
def _digest(path: str, size: int, mtime_ns: int, inode: int) -> str:
    sha = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 20):
            sha.update(chunk)
    return sha.hexdigest()


def file_digest(path: Path) -> str:
    """SHA-256 of a font file's bytes, read once per process while the file is unchanged."""
    st = path.stat()
    return _digest(str(path), st.st_size, st.st_mtime_ns, st.st_ino)


def _key(*parts: object) -> str:
    return hashlib.sha256("\x00".join(map(str, parts)).encode("utf-8")).hexdigest()[:24]


def _face_parts(face: Face) -> tuple:
    return (BUILDER_VERSION, file_digest(face.path), face.index, EMBOLDEN if face.embolden else 0)


def _safe(name: str) -> str:
    return "".join(c if c.isascii() and (c.isalnum() or c in "-_") else "_" for c in name)[:40] or "font"


@contextlib.contextmanager
def _lock(target: Path):
    """Only one process makes `target`; the others wait, then find it made."""
    path = target.with_name(target.name + ".lock")
    with open(path, "a+") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            # A process still waiting on this (now unlinked) lock file finds the target
            # made; at worst, after a failure, two processes make it and the same bytes
            # are renamed into place twice.
            path.unlink(missing_ok=True)


def base_file(face: Face, jobs: int = 1) -> Path:
    """The cached file of `face` in its own role, made now if missing (with up to `jobs`
    processes for synthetic bold)."""
    chars = BASE_CHARS if face.embolden else ""
    kind = "bold" if face.embolden else "face"
    suffix = ".otf" if face.embolden or "CFF " in open_font(face.path, face.index) else ".ttf"
    name = f"{_safe(face.path.stem)}-{face.index}-{kind}-{_key(*_face_parts(face), chars)}{suffix}"
    target = _usable(cache_dir()) / name
    if target.is_file():
        return target
    with _lock(target):
        if not target.is_file():
            if face.embolden:
                write_atomically(target, lambda temp: write_face(face, set(chars), temp, jobs=jobs), 0o644)
            else:
                write_atomically(target, lambda temp: extract_face(face, temp), 0o644)
    return target


def part_file(face: Face, chars: set[str], like: Face | None = None) -> tuple[Path, str]:
    """A small file of `chars` from `face`, with the line metrics of `like` if given; and
    its hash, which names the CSS family (a different file must never share a family)."""
    text = "".join(sorted(chars))
    like_parts = (file_digest(like.path), like.index) if like else ()
    key = _key(*_face_parts(face), text, *like_parts)
    target = _usable(cache_dir()) / f"part-{_safe(face.path.stem)}-{face.index}-{key}.otf"
    if not target.is_file():
        write_atomically(target, lambda temp: write_face(face, chars, temp, like), 0o644)
    return target, key
