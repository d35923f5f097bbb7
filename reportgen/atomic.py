"""Write a file whole or not at all: a temporary file beside the target, then one
os.replace, so a reader (or a crash) never meets half a file. The build's outputs use
pipeline/staging.py instead, which replaces every file of a build together."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path


def write_atomically(target: Path, make: Callable[[Path], object], mode: int | None = None) -> None:
    """`make(temp)` writes the temporary file; it then replaces `target`, with `mode` if
    given (mkstemp makes 0600). On any failure the temporary file goes and `target` stays
    as it was."""
    fd, name = tempfile.mkstemp(prefix=f".{target.stem}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    temp = Path(name)
    try:
        make(temp)
        if mode is not None:
            os.chmod(temp, mode)
        os.replace(temp, target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
