""".doc/.wps/.odt/.rtf → .docx with LibreOffice, treating the file as untrusted (it came
by mail): a fresh profile with macros off (templates/libreoffice_profile.xcu), no network
where the system allows a private network namespace (`unshare -rn`), and a time limit
after which LibreOffice and every process it started are killed.

Also the check that an old Word file (OLE compound file) is password-protected, which
LibreOffice would only report as “cannot convert”: E502, as for an encrypted .docx.
"""

from __future__ import annotations

import functools
import os
import shutil
import signal
import struct
import subprocess
from pathlib import Path

from reportgen.templating import DEFAULT_TEMPLATES
from reportgen.word_import.paragraphs import SourceProblem

CONVERT_SECONDS = 60  # a report converts in seconds; a file that makes LibreOffice hang is killed
SECONDS_VARIABLE = "REPORTGEN_CONVERT_SECONDS"  # another limit, e.g. for a slow machine or a test
PROFILE_FILE = "libreoffice_profile.xcu"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")  # an encrypted .docx/.xlsx is an OLE file
WORD_STREAM = "WordDocument".encode("utf-16-le")
FIB_MAGIC = 0xA5EC  # [MS-DOC] 2.5.2 FibBase.wIdent
F_ENCRYPTED = 0x0100  # [MS-DOC] 2.5.2 FibBase: fEncrypted, bit 8 of the flags at offset 0x0A


def time_limit() -> float:
    try:
        return max(float(os.environ.get(SECONDS_VARIABLE, CONVERT_SECONDS)), 1.0)
    except ValueError:
        return CONVERT_SECONDS


def ole_encrypted(data: bytes) -> bool:
    """True for a password-protected OLE Word file: an encrypted .docx (its EncryptedPackage
    stream) or a .doc/.wps whose FIB says fEncrypted ([MS-DOC] 2.5.2)."""
    if not data.startswith(OLE_MAGIC):
        return False
    if ENCRYPTED_PACKAGE in data:
        return True
    shift = struct.unpack_from("<H", data, 0x1E)[0]
    if not 7 <= shift <= 16:
        return False
    start = data.find(WORD_STREAM + b"\0\0")
    while start >= 0:
        if start >= 512 and (start - 512) % 128 == 0 and start + 0x7C <= len(data):  # a directory entry
            sector, size = struct.unpack_from("<II", data, start + 0x74)
            offset = (sector + 1) << shift
            if size >= 4096 and offset + 12 <= len(data):  # in the regular sectors, not the mini stream
                magic, = struct.unpack_from("<H", data, offset)
                flags, = struct.unpack_from("<H", data, offset + 0x0A)
                return magic == FIB_MAGIC and bool(flags & F_ENCRYPTED)
        start = data.find(WORD_STREAM + b"\0\0", start + 1)
    return False


@functools.cache
def _isolated_prefix() -> tuple[str, ...]:
    """`unshare -rn` when this system lets a process have its own, empty network."""
    unshare = shutil.which("unshare")
    if unshare is None:
        return ()
    try:
        done = subprocess.run([unshare, "-rn", "true"], capture_output=True, timeout=10, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return ()
    return (unshare, "-rn") if done.returncode == 0 else ()


def convert_to_docx(path: Path, folder: Path) -> Path:
    """`path` → a .docx in `folder`, or SourceProblem E506 saying why not."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise SourceProblem("E506", detail="本机没有安装 LibreOffice（运行 bash scripts/setup.sh 可安装）")
    profile = folder / "profile"
    (profile / "user").mkdir(parents=True, exist_ok=True)
    shutil.copyfile(DEFAULT_TEMPLATES / PROFILE_FILE, profile / "user" / "registrymodifications.xcu")
    command = [*_isolated_prefix(), soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless",
               "--norestore", "--nolockcheck", "--convert-to", "docx", "--outdir", str(folder), str(path.resolve())]
    limit = time_limit()
    try:
        process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL, start_new_session=True)
    except OSError as exc:
        raise SourceProblem("E506", detail=f"LibreOffice 无法运行（{exc.strerror or exc}）") from None
    try:
        process.wait(timeout=limit)
    except subprocess.TimeoutExpired:
        _kill(process)
        raise SourceProblem("E506", detail=f"LibreOffice 在 {limit:g} 秒内没有转换完成，已停止（文件可能已损坏）") from None
    finally:
        _kill(process)  # anything it left running (soffice.bin) goes with it
    target = folder / (path.stem + ".docx")
    if not target.is_file():
        raise SourceProblem("E506", detail="LibreOffice 无法转换这个文件（文件可能已损坏或受密码保护）")
    return target


def _kill(process: subprocess.Popen) -> None:
    """The whole process group LibreOffice started in (start_new_session)."""
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        pass
