"""A one-line progress bar for `reportgen build` on a terminal.

It appears only when the stream is a terminal and the build has already taken
`DELAY` seconds (a short build shows nothing), redraws in place with “\\r”, and
erases itself at the end, so the lines printed after the build stay clean. When
the output goes to a file or a pipe it writes nothing at all.
"""

from __future__ import annotations

import sys
import time
import unicodedata

DELAY = 1.0
WIDTH = 24


def _cells(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _clip(text: str, cells: int) -> str:
    out, used = "", 0
    for ch in text:
        used += _cells(ch)
        if used > cells:
            return out + "…"
        out += ch
    return out


class Progress:
    def __init__(self, stream=None, delay: float = DELAY, clock=time.monotonic) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.delay = delay
        self.clock = clock
        self.start = clock()
        self.enabled = bool(getattr(self.stream, "isatty", lambda: False)())
        self.drawn = False

    def __call__(self, done: int, total: int, label: str) -> None:
        """`done` of `total` documents are finished, the last being `label`."""
        if not self.enabled or total <= 0 or self.clock() - self.start < self.delay:
            return
        filled = WIDTH * done // total
        bar = "█" * filled + "░" * (WIDTH - filled)
        line = f"\r生成中 {bar} {done}/{total} {_clip(label, 40)}"
        self.stream.write(line + "\x1b[K")  # erase what a longer previous line left
        self.stream.flush()
        self.drawn = True

    def close(self) -> None:
        if self.drawn:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.drawn = False
