"""Output file names made from what users wrote: safe, readable, and inside the folder.

A name holds what a user typed: a county of `../../X`, a right-to-left override that
shows `报告书‮xcod.exe` as `报告书exe.docx`, a product name of 300 characters. Every part of
an output name goes through `name_part`, every output path through `inside`.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from reportgen.errors import RenderError
from reportgen.source.text import BIDI_CONTROLS

# NAME_MAX is 255 bytes on Linux file systems; write_atomic's temporary name adds 16
MAX_NAME_BYTES = 200
# refused by Windows or POSIX in a name, or by a zip tool
_UNSAFE = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]')
# invisible in a file manager but changing what it shows: direction marks and
# overrides, zero-width characters, the byte-order mark
_INVISIBLE = re.compile(f"[{BIDI_CONTROLS}\u200b-\u200d\u2060\ufeff]")


def name_part(text: str, budget: int = MAX_NAME_BYTES) -> str:
    """`text` as (part of) a file name: unsafe characters as _, invisible ones dropped,
    runs of spaces as one, no leading or trailing dots, at most `budget` bytes."""
    text = " ".join(_UNSAFE.sub("_", _INVISIBLE.sub("", text)).split())
    return shorten(text.strip(" .") or "_", budget)


def shorten(text: str, budget: int) -> str:
    """`text` within `budget` UTF-8 bytes: cut at a character, marked with … and a digest
    of the whole so that two long names differing at their ends stay two names."""
    if len(text.encode()) <= budget:
        return text
    tail = "…" + hashlib.sha256(text.encode()).hexdigest()[:8]
    room = budget - len(tail.encode())
    kept = text.encode()[:room].decode("utf-8", "ignore")  # not half a character
    return kept.rstrip(" .") + tail


def is_plain(name: str) -> bool:
    """A file name and nothing else: no folder part, not . or .. (read from a manifest
    or a summary, which anyone may have edited)."""
    return name not in ("", ".", "..") and "/" not in name and "\\" not in name


def inside(folder: Path, name: str) -> Path:
    """`folder / name`, refused unless it is a plain name that stays in `folder`."""
    path = folder / name
    if not is_plain(name) or path.parent.resolve() != folder.resolve():  # a link is replaced
        raise RenderError("output_outside", file=name, folder=str(folder))
    return path


def file_name(given: str, budget: int = MAX_NAME_BYTES) -> str:
    """A file name a user gave (an upload's), as a plain name: only its last part (a
    browser may send `C:\\scans\\a.pdf`, a stranger `../../a.pdf`), made safe by
    `name_part`, and shortened before its extension, which says what the file is."""
    last = given.replace("\\", "/").rsplit("/", 1)[-1]
    whole = name_part(last, 1 << 16)  # cleaned, not yet shortened
    stem, dot, suffix = whole.rpartition(".")
    if not dot or not stem.strip(" ._") or len(suffix.encode()) > 16:
        return name_part(whole, budget)
    return name_part(stem, budget - len(suffix.encode()) - 1) + "." + suffix
