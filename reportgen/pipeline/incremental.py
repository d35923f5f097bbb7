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
from dataclasses import dataclass, field
from pathlib import Path

from reportgen.atomic import write_atomically

STATE = ".reportgen-state.json"
STATE_VERSION = 2


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
        text = json.dumps(content, ensure_ascii=False, indent=1)
        try:
            write_atomically(self.folder / STATE, lambda temp: temp.write_text(text, encoding="utf-8"))
        except OSError:
            pass  # losing the state is harmless: the next build renders everything once
