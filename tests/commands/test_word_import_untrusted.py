"""Issue 19: Word files come by mail, so the import must be safe on anything. Each hostile
file is made here: a zip bomb (by size and by number of parts), an entity bomb and an
external entity, external links, an encrypted .doc, a file that makes LibreOffice hang.
Each is refused with an E5xx error, nothing written, or read without following anything;
the refused ones are read in a child process whose peak memory must stay under 500 MB.
"""

from __future__ import annotations

import io
import json
import os
import socket
import struct
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path
from unittest import mock

import pytest
from fixtures.word.make_corpus import Doc

from conftest import ROOT
from reportgen.word_import.command import Settings, import_files
from word_import_support import CORPUS_CODE, data_copy

MEMORY_BOUND_KB = 500 * 1024
MEGABYTE = 1024 * 1024
TEXT = "2023年，市交通运输局坚持依法行政，推动交通运输法治政府建设取得新进展。"


def _docx_bytes() -> bytes:
    d = Doc()
    d.title()
    d.para(TEXT)
    buffer = io.BytesIO()
    d.doc.save(buffer)
    return buffer.getvalue()


def _rewrite(target: Path, replace: dict[str, bytes] | None = None, add=None) -> Path:
    """A real .docx with some parts replaced; `add(zip)` writes more parts."""
    replace = replace or {}
    with zipfile.ZipFile(io.BytesIO(_docx_bytes())) as source, \
            zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for name in source.namelist():
            out.writestr(name, replace.get(name, source.read(name)))
        if add:
            add(out)
    return target


class _RepeatedZeros:
    """A deflate compressor for writes of one megabyte of zeros each: the same fully flushed
    block every time (so a gigabyte is made in a moment), then an empty final block."""

    def __init__(self):
        compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
        self.block = compressor.compress(bytes(MEGABYTE)) + compressor.flush(zlib.Z_FULL_FLUSH)

    def compress(self, data: bytes) -> bytes:
        assert data == bytes(MEGABYTE)
        return self.block

    def flush(self) -> bytes:
        return zlib.compressobj(9, zlib.DEFLATED, -15).flush()


def zip_bomb(target: Path) -> Path:
    """About a megabyte that inflates to a gigabyte."""
    def add(out: zipfile.ZipFile) -> None:
        info = zipfile.ZipInfo("word/media/filler.bin")
        info.compress_type = zipfile.ZIP_DEFLATED
        with mock.patch.object(zipfile, "_get_compressor", lambda *args, **kwargs: _RepeatedZeros()), \
                out.open(info, "w", force_zip64=True) as part:
            for _ in range(1024):
                part.write(bytes(MEGABYTE))
    _rewrite(target, add=add)
    with zipfile.ZipFile(target) as bomb, bomb.open("word/media/filler.bin") as part:
        assert part.read(MEGABYTE) == bytes(MEGABYTE)  # it really inflates
        assert bomb.getinfo("word/media/filler.bin").file_size == 1024 * MEGABYTE
    return target


def lying_zip_bomb(target: Path) -> Path:
    """A part whose zip entry says 1 000 bytes but inflates to 100 MB: the declared sizes
    pass the check, so reading must stop at what was declared."""
    name = "word/media/small.bin"

    def add(out: zipfile.ZipFile) -> None:
        info = zipfile.ZipInfo(name)
        info.compress_type = zipfile.ZIP_DEFLATED
        with mock.patch.object(zipfile, "_get_compressor", lambda *args, **kwargs: _RepeatedZeros()), \
                out.open(info, "w") as part:
            for _ in range(100):
                part.write(bytes(MEGABYTE))
    _rewrite(target, add=add)
    data = bytearray(target.read_bytes())
    encoded = name.encode()
    for signature, size_at in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):  # local header, central directory
        start = 0
        while (start := data.find(signature, start)) >= 0:
            name_at = start + (30 if signature == b"PK\x03\x04" else 46)
            if data[name_at:name_at + len(encoded)] == encoded:
                struct.pack_into("<I", data, start + size_at, 1000)
            start += 4
    target.write_bytes(bytes(data))
    return target


def many_parts(target: Path) -> Path:
    return _rewrite(target, add=lambda out: [out.writestr(f"customXml/extra{n}.xml", "<a/>") for n in range(3000)])


def _document_xml(doctype: str, body: str) -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n{doctype}\n'
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            f'<w:body><w:p><w:r><w:t>{body}</w:t></w:r></w:p></w:body></w:document>').encode()


def entity_bomb(target: Path) -> Path:
    entities = '<!ENTITY a0 "哈哈哈哈哈哈哈哈哈哈">' + "".join(
        f'<!ENTITY a{n} "{("&a" + str(n - 1) + ";") * 10}">' for n in range(1, 10))
    return _rewrite(target, {"word/document.xml": _document_xml(f"<!DOCTYPE w:document [{entities}]>", "&a9;")})


def external_entity(target: Path) -> Path:
    doctype = '<!DOCTYPE w:document [<!ENTITY secret SYSTEM "file:///etc/passwd">]>'
    return _rewrite(target, {"word/document.xml": _document_xml(doctype, "&secret;")})


REFUSED = {"zip_bomb": (zip_bomb, "E501"), "lying_zip_bomb": (lying_zip_bomb, "E501"),
           "many_parts": (many_parts, "E501"), "entity_bomb": (entity_bomb, "E501"),
           "external_entity": (external_entity, "E501")}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("hostile")
    return {name: make(folder / f"{name}.docx") for name, (make, _) in REFUSED.items()}


def _import(tmp_path: Path, source: Path, suffix: str = ".docx"):
    data = data_copy(tmp_path)
    target = tmp_path / f"{CORPUS_CODE}{suffix}"
    target.write_bytes(source.read_bytes())
    before = sorted(p.name for p in (data / "2023").iterdir())
    outcome, = import_files(Settings(data, 2023), [target])
    return outcome, before, sorted(p.name for p in (data / "2023").iterdir())


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_hostile_docx_is_refused_and_nothing_written(hostile, tmp_path: Path, name: str):
    assert hostile[name].stat().st_size < 2 * 1024 * 1024  # “a few MB”, however much it declares
    outcome, before, after = _import(tmp_path, hostile[name])
    assert [(d.code, d.loc.line) for d in outcome.diagnostics] == [(REFUSED[name][1], 1)]
    assert after == before


def test_refused_files_stay_within_the_memory_bound(hostile):
    """Read in a child process: its peak resident memory (kB) covers all of them."""
    script = (
        "import json, sys\n"
        "from pathlib import Path\n"
        "from reportgen.word_import.sources import SourceProblem, read_source\n"
        "codes = {}\n"
        "for path in sys.argv[1:]:\n"
        "    try:\n"
        "        read_source(Path(path)); codes[path] = None\n"
        "    except SourceProblem as problem:\n"
        "        codes[path] = problem.code\n"
        # VmHWM, the peak resident memory of this program (ru_maxrss would carry over the
        # parent's, the test process's, across fork and exec)
        "peak = next(int(l.split()[1]) for l in open('/proc/self/status') if l.startswith('VmHWM:'))\n"
        "print(json.dumps([codes, peak]))\n"
    )
    done = subprocess.run([sys.executable, "-c", script, *map(str, hostile.values())], capture_output=True,
                          text=True, timeout=120, cwd=ROOT, check=True)
    codes, peak_kb = json.loads(done.stdout)
    assert sorted(codes.values()) == sorted(code for _, code in REFUSED.values())
    assert peak_kb < MEMORY_BOUND_KB


def _listener() -> socket.socket:
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(5)
    server.settimeout(0.2)
    return server


def _connected(server: socket.socket) -> bool:
    try:
        connection, _ = server.accept()
    except (TimeoutError, socket.timeout):
        return False
    connection.close()
    return True


def external_links(target: Path, url: str) -> Path:
    """A hyperlink and a linked (not embedded) picture, both outside, and an embedded object
    (a packaged shell script, which nothing may run)."""
    rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" '
            'Target="styles.xml"/>'
            '<Relationship Id="rIdLink" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" '
            f'Target="{url}/link" TargetMode="External"/>'
            '<Relationship Id="rIdPic" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" '
            f'Target="{url}/picture.png" TargetMode="External"/>'
            '<Relationship Id="rIdOle" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/oleObject" '
            'Target="embeddings/oleObject1.bin"/>'
            '</Relationships>')
    ns = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
          'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
          'xmlns:v="urn:schemas-microsoft-com:vml"')
    body = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {ns}><w:body>'
            f'<w:p><w:r><w:t>{TEXT}</w:t></w:r></w:p>'
            '<w:p><w:hyperlink r:id="rIdLink"><w:r><w:t>链接文字。</w:t></w:r></w:hyperlink></w:p>'
            '<w:p><w:r><w:pict><v:shape style="width:10pt;height:10pt"><v:imagedata r:id="rIdPic"/></v:shape>'
            '</w:pict></w:r></w:p>'
            '<w:p><w:r><w:object><o:OLEObject xmlns:o="urn:schemas-microsoft-com:office:office" Type="Embed" '
            'ProgID="Package" ShapeID="_x0000_i1025" DrawAspect="Icon" ObjectID="_1" r:id="rIdOle"/></w:object></w:r></w:p>'
            '</w:body></w:document>')
    with zipfile.ZipFile(io.BytesIO(_docx_bytes())) as source:
        types = source.read("[Content_Types].xml").decode().replace(
            "<Default Extension=\"xml\"", '<Default Extension="bin" '
            'ContentType="application/vnd.openxmlformats-officedocument.oleObject"/><Default Extension="xml"')
    script = b"#!/bin/sh\ntouch " + str(target.parent / "object-ran").encode() + b"\n"
    return _rewrite(target, {"word/_rels/document.xml.rels": rels.encode(), "word/document.xml": body.encode(),
                             "[Content_Types].xml": types.encode()},
                    add=lambda out: out.writestr("word/embeddings/oleObject1.bin", script))


def test_external_links_are_never_followed(tmp_path: Path):
    server = _listener()
    try:
        url = f"http://127.0.0.1:{server.getsockname()[1]}"
        source = external_links(tmp_path / "links.docx", url)
        outcome, _, after = _import(tmp_path / "docx", source)
        assert not outcome.failed, [d.format() for d in outcome.diagnostics]
        assert f"{CORPUS_CODE}.yaml" in after
        written = (tmp_path / "docx" / "data" / "2023" / f"{CORPUS_CODE}.yaml").read_text(encoding="utf-8")
        assert "链接文字。" in written and "127.0.0.1" not in written
        assert not _connected(server)
        # the same file through LibreOffice (named .odt, it is converted): still nothing fetched
        outcome, _, _ = _import(tmp_path / "odt", source, ".odt")
        assert not outcome.failed, [d.format() for d in outcome.diagnostics]
        assert not _connected(server)
        assert not (tmp_path / "object-ran").exists()
    finally:
        server.close()


def encrypted_doc(target: Path) -> Path:
    """A minimal OLE compound file whose WordDocument stream's FIB says fEncrypted."""
    sector = 512
    header = bytearray(sector)
    header[:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHH", header, 0x18, 0x3E, 3, 0xFFFE, 9)  # minor, major version, byte order, 2^9
    struct.pack_into("<H", header, 0x20, 6)  # mini sector shift
    struct.pack_into("<IIII", header, 0x2C, 1, 1, 0, 4096)  # 1 FAT sector; directory at sector 1; cutoff
    struct.pack_into("<III", header, 0x3C, 0xFFFFFFFE, 0, 0xFFFFFFFE)  # no mini FAT, no DIFAT sectors
    struct.pack_into("<I", header, 0x4C, 0)  # the FAT is sector 0
    header[0x50:sector] = b"\xff" * (sector - 0x50)
    fat = bytearray(b"\xff" * sector)
    chain = [0xFFFFFFFD, 0xFFFFFFFE] + [n + 1 for n in range(2, 2 + 7)] + [0xFFFFFFFE]  # stream: sectors 2–9
    for n, value in enumerate(chain):
        struct.pack_into("<I", fat, n * 4, value)
    directory = bytearray(sector)
    for index, (name, kind, start, size) in enumerate([("Root Entry", 5, 0xFFFFFFFE, 0), ("WordDocument", 2, 2, 4096)]):
        entry = bytearray(128)
        encoded = (name + "\0").encode("utf-16-le")
        entry[:len(encoded)] = encoded
        struct.pack_into("<HBB", entry, 0x40, len(encoded), kind, 1)
        struct.pack_into("<III", entry, 0x44, 0xFFFFFFFF, 0xFFFFFFFF, 1 if index == 0 else 0xFFFFFFFF)
        struct.pack_into("<II", entry, 0x74, start, size)
        directory[index * 128:(index + 1) * 128] = entry
    stream = bytearray(4096)
    struct.pack_into("<HH", stream, 0, 0xA5EC, 0x00C1)  # wIdent, nFib
    struct.pack_into("<H", stream, 0x0A, 0x0100)  # fEncrypted
    target.write_bytes(bytes(header + fat + directory + stream))
    return target


@pytest.mark.parametrize("suffix", [".doc", ".wps", ".docx"])
def test_encrypted_doc_is_e502(tmp_path: Path, suffix: str):
    outcome, before, after = _import(tmp_path, encrypted_doc(tmp_path / "locked.doc"), suffix)
    assert [d.code for d in outcome.diagnostics] == ["E502"]
    assert after == before


def test_libreoffice_that_hangs_is_killed_at_the_time_limit(tmp_path: Path, monkeypatch):
    """A stand-in soffice that never finishes (and starts a child, as soffice.bin is)."""
    bin_folder = tmp_path / "bin"
    bin_folder.mkdir()
    pids = tmp_path / "pids"
    fake = bin_folder / "soffice"
    fake.write_text(f"#!/bin/sh\nsleep 300 &\necho $! >> {pids}\necho $$ >> {pids}\nsleep 300\n", encoding="utf-8")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_folder}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("REPORTGEN_CONVERT_SECONDS", "1")
    source = tmp_path / "report.doc"
    source.write_bytes(b"not really a Word file")
    outcome, before, after = _import(tmp_path / "project", source, ".doc")
    assert [d.code for d in outcome.diagnostics] == ["E506"]
    assert after == before
    started = [int(line) for line in pids.read_text().split()]
    assert len(started) == 2
    for pid in started:  # the stand-in and its child are gone
        alive = Path(f"/proc/{pid}").exists() and "zombie" not in Path(f"/proc/{pid}/status").read_text().lower()
        assert not alive


def test_libreoffice_runs_with_macros_off_and_without_network(tmp_path: Path, monkeypatch):
    """The converter's own profile disables macros (a .doc/.wps from outside may carry one) and,
    where the system allows it, LibreOffice runs in an empty network namespace: a stand-in
    soffice records what it was given."""
    from reportgen.word_import import convert

    bin_folder = tmp_path / "bin"
    bin_folder.mkdir()
    seen = tmp_path / "seen"
    fake = bin_folder / "soffice"
    fake.write_text("#!/bin/sh\n"
                    f'for a in "$@"; do echo "$a" >> {seen}/argv; done\n'
                    'profile=$(echo "$1" | sed "s|^-env:UserInstallation=file://||")\n'
                    f'cp "$profile/user/registrymodifications.xcu" {seen}/profile.xcu\n'
                    f"cat /proc/net/dev > {seen}/net\n", encoding="utf-8")
    fake.chmod(0o755)
    seen.mkdir()
    monkeypatch.setenv("PATH", f"{bin_folder}{os.pathsep}{os.environ['PATH']}")
    source = tmp_path / "report.doc"
    source.write_bytes(b"not really a Word file")
    outcome, _, _ = _import(tmp_path / "project", source, ".doc")
    assert [d.code for d in outcome.diagnostics] == ["E506"]  # the stand-in converts nothing
    profile = (seen / "profile.xcu").read_text(encoding="utf-8")
    assert '<prop oor:name="DisableMacrosExecution" oor:op="fuse"><value>true</value>' in profile
    assert '<prop oor:name="MacroSecurityLevel" oor:op="fuse"><value>3</value>' in profile
    assert (seen / "argv").read_text(encoding="utf-8").splitlines()[0].startswith("-env:UserInstallation=file://")
    if convert._isolated_prefix():  # only the loopback device: no way out
        devices = [line.split(":")[0].strip() for line in (seen / "net").read_text().splitlines()[2:]]
        assert devices == ["lo"]
