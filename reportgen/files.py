"""Writing output files: to a temporary name beside the target, then renamed.

A failure half-way (disk full, Ctrl-C, a bug) leaves the old file or none, never half.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

# mkstemp creates files only the owner can read; outputs get the mode of any new file.
# Read once, at import: os.umask can only be read by setting it, which threads would race.
_UMASK = os.umask(0o022)
os.umask(_UMASK)
_MODE = 0o666 & ~_UMASK


def write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            os.fchmod(handle.fileno(), _MODE)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_text_atomic(path: Path, text: str) -> None:
    write_atomic(path, text.encode("utf-8"))


def file_sha256(path: Path) -> str:
    """Hex SHA-256 of a file, read in 1 MB blocks (evidence scans can be large)."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
