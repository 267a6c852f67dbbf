"""Who changed or rendered which application, when: the audit log of `reportgen serve`.

One row per save, per render and per application of a batch, in the workspace's
database (accounts.py): the time (ISO 8601, local with its offset), the user ("" when
the workspace has no accounts: the person at 127.0.0.1, or whoever has the token), the
action, the application's id and two SHA-256 digests:

- save: the file before and after (so each save's `before` is the one before's `after`,
  unless the file was changed elsewhere in between); a save that left the file as it was
  (the page saves after every check) is not recorded;
- render and batch: the application file rendered, and the manifest.json written ("" when
  nothing was written), which lists the digest of every document made.

A row is written after what it records, in its own transaction: a server killed between
the two leaves the file changed and the row missing, never a row for a change not made.
"""

from __future__ import annotations

import contextlib
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Literal

from reportgen.source.files import file_sha256
from reportgen.web.accounts import connect

Action = Literal["save", "render", "batch"]
SHOWN = 20  # the records the editor page lists, newest first


@dataclass(frozen=True)
class Record:
    at: str
    user: str
    action: str
    file: str
    before: str
    after: str

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


class Audit:
    def __init__(self, root: Path) -> None:
        self.root = root.resolve()

    def record(self, user: str, action: Action, file: str, before: str, after: str) -> None:
        at = datetime.now().astimezone().isoformat(timespec="seconds")
        connection = connect(self.root)
        assert connection is not None
        try:
            with connection:
                connection.execute(
                    "INSERT INTO audit (at, user, action, file, before, after)"
                    " VALUES (?, ?, ?, ?, ?, ?)",
                    (at, user, action, file, before, after),
                )
        finally:
            connection.close()

    def records(self, file: str, limit: int = SHOWN) -> list[Record]:
        """The application's last `limit` records, newest first."""
        connection = connect(self.root, create=False)
        if connection is None:
            return []
        try:
            rows = connection.execute(
                "SELECT at, user, action, file, before, after FROM audit WHERE file = ?"
                " ORDER BY id DESC LIMIT ?",
                (file, limit),
            ).fetchall()
        finally:
            connection.close()
        return [Record(*row) for row in rows]


def digest_of(path: Path) -> str:
    """A file's SHA-256, or "" when there is none to read."""
    with contextlib.suppress(OSError):
        return file_sha256(path)
    return ""
