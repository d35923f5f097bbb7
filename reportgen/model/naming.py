"""Output file names: each report is saved under its unit's name or the city report's
title, made safe for every file system. Shared by the check (two reports must not get
the same name, E240) and the build, so both agree on what a name becomes."""

from __future__ import annotations

DRAFT_SUFFIX = "（草稿）"


def safe_file_name(name: str) -> str:
    """A title or unit name as a file name: no path separators or characters Windows refuses."""
    cleaned = "".join("_" if ch in '/\\:*?"<>|' or ord(ch) < 32 else ch for ch in name).strip(" .")
    return cleaned or "报告"


def same_file(a: str, b: str) -> bool:
    """Whether two names end up as one file (Windows and macOS ignore the case of letters)."""
    return safe_file_name(a).casefold() == safe_file_name(b).casefold()
