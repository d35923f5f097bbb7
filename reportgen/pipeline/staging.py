"""Write a build's outputs to temporary files, then move them into place together.

Every output is written to a temporary file in the target folder; only when
all of a build's files are complete are they renamed into place, so a failed
or interrupted build leaves the previous outputs as they were. The output
folder is locked for the length of a build.
"""

from __future__ import annotations

import contextlib
import filecmp
import fcntl
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from reportgen.errors import ReportgenError

LOCK_NAME = ".reportgen.lock"


def new_file_mode() -> int:
    """The mode open() gives a new file under the current umask (0644 under 022, 0600
    under 077). mkstemp always makes 0600, which colleagues and a web server cannot read."""
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


@contextlib.contextmanager
def output_lock(folder: Path):
    """Hold an exclusive lock on an output folder for the length of a build, so two builds
    started at once cannot interleave their files; the second is told so and stops."""
    created = not folder.exists()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / LOCK_NAME
    while True:
        handle = open(path, "a+")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.close()
            raise ReportgenError(f"另一个 reportgen build 正在向 {folder} 写入文件，请等它结束后再运行。") from None
        try:
            if os.stat(path).st_ino == os.fstat(handle.fileno()).st_ino:
                break  # still the lock file in the folder, not one a finishing build just removed
        except FileNotFoundError:
            pass
        handle.close()
    try:
        yield
    finally:
        path.unlink(missing_ok=True)
        handle.close()
        if created and not any(folder.iterdir()):
            folder.rmdir()  # a build that wrote nothing leaves no trace


class Staging:
    """Write every output of a build to temporary files beside their targets, then move
    them all into place at once; on any failure, remove the temporary files instead."""

    def __init__(self) -> None:
        self._staged: list[tuple[Path, Path]] = []

    def __enter__(self) -> Staging:
        return self

    @property
    def staged(self) -> list[tuple[Path, Path]]:
        """(temporary file, final target) of everything written so far."""
        return list(self._staged)

    def reserve(self, target: Path) -> Path:
        """A temporary file that will become `target`, for a writer to fill (perhaps in
        another process)."""
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(prefix=f".{target.stem}.", suffix=target.suffix + ".tmp", dir=target.parent)
        try:
            os.fchmod(fd, new_file_mode())
        finally:
            os.close(fd)
        self._staged.append((Path(temp), target))
        return Path(temp)

    def write(self, target: Path, produce: Callable[[Path], object]) -> object:
        """Call `produce(temp_path)` for a file that will become `target`."""
        return produce(self.reserve(target))

    def write_if_changed(self, target: Path, produce: Callable[[Path], object]) -> bool:
        """Like `write`, but keep the existing `target` (and its time stamp) when the new
        bytes are the same; True when the file will change."""
        temp = self.reserve(target)
        produce(temp)
        try:
            same = target.is_file() and filecmp.cmp(temp, target, shallow=False)
        except OSError:
            same = False
        if same:
            self._staged.remove((temp, target))
            temp.unlink()
        return not same

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            mode = new_file_mode()
            for temp, target in self._staged:
                os.chmod(temp, mode)  # a writer may have replaced the reserved file with its own
                os.replace(temp, target)
        else:
            for temp, _ in self._staged:
                temp.unlink(missing_ok=True)
