"""What decides an output's bytes besides its document: reportgen's own code, the templates
in effect and the PDF fonts. The build's state (reportgen/pipeline/incremental.py) and the
compilation's caches (reportgen/publish/compilation*.py) key what they keep by it."""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

from reportgen import __version__

PACKAGE_DIR = Path(__file__).resolve().parent  # the whole reportgen package


def _hash_files(digest, files: list[Path], root: Path) -> None:
    for path in files:
        name = path.relative_to(root).as_posix()
        digest.update(name.encode("utf-8") + b"\0")
        try:
            digest.update(path.read_bytes())
        except OSError:
            digest.update(b"\0unreadable")
        digest.update(b"\0")


def _tree(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts)


@functools.lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """reportgen's own code, so a changed writer renders again even without a new version number."""
    digest = hashlib.sha256(__version__.encode())
    _hash_files(digest, [p for p in _tree(PACKAGE_DIR) if p.suffix == ".py"], PACKAGE_DIR)
    return digest.hexdigest()


def templates_fingerprint(user_dir: Path | None) -> str:
    """The templates in effect: each name from the user's folder if it has one, else the default."""
    from reportgen.templating import DEFAULT_TEMPLATES

    effective: dict[str, Path] = {}
    for folder in ([user_dir] if user_dir else []) + [DEFAULT_TEMPLATES]:
        if folder.is_dir():
            for path in _tree(folder):
                effective.setdefault(path.relative_to(folder).as_posix(), path)
    digest = hashlib.sha256()
    for name in sorted(effective):
        digest.update(name.encode() + b"\0")
        _hash_files(digest, [effective[name]], effective[name].parent)
    return digest.hexdigest()


def fonts_fingerprint(chosen) -> str:
    """The font files the PDF writer uses (`chosen`, the build's FontSet: whichever of
    --fonts, licensed and open fonts won), by path, size and modification time; reading
    them whole would cost seconds."""
    faces = sorted({face for face in chosen.roles.values()} | {f for s in chosen.spares.values() for f in s},
                   key=lambda f: (str(f.path), f.index, f.embolden))
    digest = hashlib.sha256()
    for role, face in sorted(chosen.roles.items()):
        digest.update(f"{role}={face.path}#{face.index}{'b' if face.embolden else ''}\0".encode())
    for face in faces:
        try:
            st = face.path.stat()
            digest.update(f"{face.path}:{st.st_size}:{st.st_mtime_ns}\0".encode())
        except OSError:
            digest.update(f"{face.path}:missing\0".encode())
    return digest.hexdigest()


def environment_key(templates: Path | None, fonts) -> str:
    """Everything besides the document that decides an output's bytes; `fonts`: the build's
    FontSet, or None when no PDF is made."""
    parts = [code_fingerprint(), templates_fingerprint(templates)]
    if fonts is not None:
        parts.append(fonts_fingerprint(fonts))
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()
