"""Files on disk: read with limits, written to a temporary name beside the target and
renamed, and the data files shipped inside the package.

A failure half-way (disk full, Ctrl-C, a bug) leaves the old file or none, never half.
"""

from __future__ import annotations

import hashlib
import importlib.resources
import io
import os
import stat
import struct
import tempfile
import zipfile
from pathlib import Path
from typing import BinaryIO

from reportgen.errors import FileTooLarge, NotRegularFile, RenderError, os_reason

# mkstemp creates files only the owner can read; outputs get the mode of any new file.
# Read once, at import: os.umask can only be read by setting it, which threads would race.
_UMASK = os.umask(0o022)
os.umask(_UMASK)
_MODE = 0o666 & ~_UMASK


def package_file(package: str, *parts: str) -> Path:
    """A data file shipped inside reportgen (templates, calls, fonts.conf, the starter).

    Read through importlib.resources, so an installed wheel finds them as the checkout
    does. LibreOffice and fontconfig open them by name, so they must be files on disk:
    reportgen is not run from a zip."""
    resource = importlib.resources.files(package).joinpath(*parts)
    if not isinstance(resource, Path):
        raise RuntimeError(f"{package} is not installed as files on disk: {resource}")
    return resource


def output_folder(folder: Path) -> Path:
    """`folder`, created if need be; a folder that cannot be (a file is in the way, no
    permission) is the user's to fix: RenderError naming it, not a traceback."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise RenderError("output_folder", folder=str(folder), **os_reason(exc)) from None
    return folder


def write_atomic(path: Path, data: bytes) -> None:
    output_folder(path.parent)
    try:
        fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    except OSError as exc:
        raise RenderError("output_write", file=str(path), **os_reason(exc)) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            os.fchmod(handle.fileno(), _MODE)
        os.replace(temporary, path)
    except BaseException as exc:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(exc, OSError):  # a full disk, a folder in the way
            raise RenderError("output_write", file=str(path), **os_reason(exc)) from None
        raise


def owner_gone(pid: str) -> bool:
    """Whether the reportgen whose pid a temporary folder's name carries has ended
    (killed with SIGKILL, it cleaned nothing up). Unknown without /proc: not gone."""
    return pid.isdigit() and os.path.isdir("/proc") and not Path(f"/proc/{pid}").exists()


def remove(path: Path) -> None:
    """Delete an earlier output if it is there; one the system will not let go of (a
    read-only disk) is a RenderError naming it."""
    try:
        path.unlink(missing_ok=True)
    except OSError as exc:
        raise RenderError("output_remove", file=str(path), **os_reason(exc)) from None


def write_text_atomic(path: Path, text: str) -> None:
    write_atomic(path, text.encode("utf-8"))


def file_sha256(path: Path) -> str:
    """Hex SHA-256 of a file, read in 1 MB blocks (evidence scans can be large)."""
    digest = hashlib.sha256()
    with open_regular(path) as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def open_regular(path: Path) -> BinaryIO:
    """`path` opened for reading if it is a regular file. Opened without blocking and
    judged by the descriptor, so a FIFO put in its place after a check is refused too."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise NotRegularFile(f"not a regular file: {path}")
    return os.fdopen(fd, "rb")


def read_regular(path: Path, limit: int) -> bytes:
    """The bytes of `path` if it is a regular file of at most `limit` bytes."""
    with open_regular(path) as handle:
        size = os.fstat(handle.fileno()).st_size
        if size > limit:
            raise FileTooLarge(f"{size} bytes, more than {limit}: {path}")
        data = handle.read(limit + 1)
    if len(data) > limit:  # it grew while read
        raise FileTooLarge(f"more than {limit} bytes: {path}")
    return data


_DOS_TIME, _DOS_DATE = 0, (0 << 9) | (1 << 5) | 1  # 1980-01-01 00:00:00, the zip epoch


def stable_zip(data: bytes) -> bytes:
    """The .docx with every entry's timestamp set to 1980-01-01, so equal content gives
    equal bytes. python-docx stamps entries with the current time; the stamps sit at fixed
    offsets of each local and central header, so they are overwritten in place rather
    than by decompressing and compressing everything again."""
    out = bytearray(data)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        entries = archive.infolist()
        central = archive.start_dir
    for info in entries:
        struct.pack_into("<HH", out, info.header_offset + 10, _DOS_TIME, _DOS_DATE)
    for _ in entries:  # central directory records: 46 bytes + name, extra, comment
        if out[central : central + 4] != b"PK\x01\x02":
            raise RenderError("zip_layout", detail=f"unexpected record at {central}")
        struct.pack_into("<HH", out, central + 12, _DOS_TIME, _DOS_DATE)
        name, extra, comment = struct.unpack_from("<HHH", out, central + 28)
        central += 46 + name + extra + comment
    return bytes(out)
