"""The machine's cache folder and a store of pickled records in it.

Shared by the checker (read/check_cache.py: each data file's parse and checks) and the
PDF writer (render/pdf/font_cache.py: font files). Everything kept here is named by a
hash of all it depends on (for a record, always with reportgen's own code: key_of adds
fingerprint.code_fingerprint), so a record is either absent or right; a record that
cannot be read (damaged, from another Python, half-written by a crash) counts as absent
and is made again. Deleting the folder is always safe.

The folder: $REPORTGEN_CACHE, else $XDG_CACHE_HOME/reportgen, else ~/.cache/reportgen.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import time
from pathlib import Path

from reportgen.atomic import write_atomically
from reportgen.fingerprint import code_fingerprint

KEEP_DAYS = 30  # a record not used for this long is removed when records are next written
_PRUNED: set[Path] = set()


def cache_dir() -> Path:
    """Where the files are kept (see the module's description); the folder may not exist yet."""
    if env := os.environ.get("REPORTGEN_CACHE"):
        return Path(env)
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    base = Path(xdg) if os.path.isabs(xdg) else Path.home() / ".cache"
    return base / "reportgen"


class RecordStore:
    """Pickled records in one folder of the cache, one file per key.

    `get` returns None for a missing or unreadable record; `put` never fails the caller
    (a full disk or a read-only cache only costs the work again next time). Records are
    written to a temporary name and renamed into place, so concurrent processes never
    read half a record.
    """

    def __init__(self, name: str):
        self.folder = cache_dir() / name

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.pickle"

    def get(self, key: str, kind: type):
        """The record of `key` when it is there and is a `kind`, else None."""
        path = self._path(key)
        try:
            record = pickle.loads(path.read_bytes())
            os.utime(path)  # recently used: kept by prune()
        except Exception:  # noqa: BLE001 — any damage means "not cached": the caller does the work
            return None
        return record if isinstance(record, kind) else None

    def prune(self, days: int = KEEP_DAYS) -> None:
        """Remove the records not used for `days` (made for files or code since changed);
        at most once per process and folder."""
        if self.folder in _PRUNED:
            return
        _PRUNED.add(self.folder)
        limit = time.time() - days * 86400
        for path in self.folder.glob("*/*.pickle"):
            try:
                if path.stat().st_mtime < limit:
                    path.unlink()
            except OSError:
                continue

    def put(self, key: str, record: object) -> None:
        self.prune()
        target = self._path(key)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            data = pickle.dumps(record, protocol=pickle.HIGHEST_PROTOCOL)
            write_atomically(target, lambda temp: temp.write_bytes(data))
        except Exception:  # noqa: BLE001 — see the class description
            pass


def key_of(*parts: object) -> str:
    """A record's key: SHA-256 of its parts' text, with the code fingerprint."""
    text = "\0".join(map(str, (code_fingerprint(), *parts)))
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
