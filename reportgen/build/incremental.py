"""Decide what a build must write, from fingerprints of what each output is made of.

A build remembers, in `STATE` in the output folder, a fingerprint of all its
inputs (data files, templates, fonts, reportgen's own code and the options) and,
for every output file, the key of what it was made from and the size and
modification time it was left with. The next build then:

- does nothing at all when the inputs' fingerprint is unchanged and every output
  is still as it was left (`up_to_date`) — no data is parsed;
- otherwise checks and models the data as usual, and renders a document only when
  its key (the document model, the format and the rendering environment) changed
  or its file was removed or altered (`Outputs.needs`).

The small derived files (indicators.csv/json, index.html, manifest.json) are
written to a staging file and kept only when their bytes differ (build.py).
Losing the state file is harmless: the next build renders everything once.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from reportgen.caching import code_fingerprint  # noqa: F401 — also used by publish/compilation_join

STATE = ".reportgen-state.json"
STATE_VERSION = 2


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



def inputs_fingerprint(inputs: list[dict], settings: str, environment: str) -> str:
    """The whole build's inputs: the data files' records (manifest.input_records: name,
    SHA-256, size), the options, the environment."""
    text = json.dumps(inputs, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(f"{STATE_VERSION}\0{settings}\0{environment}\0{text}".encode()).hexdigest()


def document_key(document, fmt: str, environment: str) -> str:
    """What an output is made of: its document model (every block, with where its text
    came from), the format and the environment. The model is frozen dataclasses, tuples,
    strings, numbers and dates, whose repr is stable from run to run."""
    return hashlib.sha256(f"{fmt}\0{environment}\0{document!r}".encode("utf-8")).hexdigest()


@dataclass
class Record:
    key: str
    size: int
    mtime_ns: int


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns


@dataclass
class Outputs:
    """The state of one output folder: what each file was made from, as it was left."""

    folder: Path
    fingerprint: str | None = None
    files: dict[str, Record] = field(default_factory=dict)
    messages: list[str] = field(default_factory=list)  # the last build's check and notes, to show again

    @classmethod
    def read(cls, folder: Path) -> Outputs:
        try:
            raw = json.loads((folder / STATE).read_text(encoding="utf-8"))
            if raw.get("version") != STATE_VERSION:
                return cls(folder)
            files = {name: Record(**rec) for name, rec in raw["files"].items()}
            return cls(folder, raw.get("fingerprint"), files, list(raw.get("messages", [])))
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            return cls(folder)  # no state, or a damaged one: build everything

    def intact(self, name: str) -> bool:
        """The file is where the last build left it, unchanged (by size and time)."""
        record = self.files.get(name)
        return record is not None and _stamp(self.folder / name) == (record.size, record.mtime_ns)

    def needs(self, name: str, key: str) -> bool:
        """Whether the file must be written again to be made of `key`."""
        record = self.files.get(name)
        return record is None or record.key != key or not self.intact(name)

    def up_to_date(self, fingerprint: str) -> bool:
        return (self.fingerprint == fingerprint and bool(self.files)
                and all(self.intact(name) for name in self.files))

    def record(self, name: str, key: str) -> None:
        stamp = _stamp(self.folder / name)
        if stamp is None:
            self.files.pop(name, None)
        else:
            self.files[name] = Record(key, stamp[0], stamp[1])

    def write(self) -> None:
        """Save atomically; a state that cannot be saved only costs a full build next time."""
        content = {
            "version": STATE_VERSION,
            "fingerprint": self.fingerprint,
            "files": {name: vars(rec) for name, rec in sorted(self.files.items())},
            "messages": self.messages,
        }
        path = self.folder / STATE
        temp = path.with_name(path.name + ".tmp")
        try:
            temp.write_text(json.dumps(content, ensure_ascii=False, indent=1), encoding="utf-8")
            os.replace(temp, path)
        except OSError:
            temp.unlink(missing_ok=True)
