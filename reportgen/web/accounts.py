"""The people who may use one `reportgen serve`: their accounts, folders and sessions.

An embedded SQLite database in the workspace, `<root>/.reportgen/accounts.sqlite3` (a
hidden folder: discovery never lists it), made on first use: no server program to run,
and the CLI (`reportgen users …`) and the server read the same file. WAL mode: a
reader never waits for a writer, and a server killed mid-write leaves the last committed
transaction, nothing half. The audit log (audit.py) is a table of the same database.

- Passwords: argon2id hashes by argon2-cffi's PasswordHasher (salt and parameters
  inside the hash, so they can be raised later and old hashes still verify).
- Sessions: a random token in the browser's cookie, kept here only as its SHA-256 (a
  copy of the database signs no one in); it ends after SESSION_IDLE seconds unused,
  each use moving the end on, and at sign-out.
- Folders: what a user sees of the workspace, relative paths with `/`; "." is all of it.

While a request is answered, the user signed in is `signed_in()` (signin.py sets it,
as Speaking sets the language): the workspace, the batch and the audit read it there.
"""

from __future__ import annotations

import contextlib
import contextvars
import hashlib
import json
import os
import re
import secrets
import sqlite3
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from reportgen.errors import AccountError

if TYPE_CHECKING:
    from argon2 import PasswordHasher

DATABASE = Path(".reportgen") / "accounts.sqlite3"
SESSION_IDLE = 8 * 3600  # seconds unused after which a session ends: a working day
# tests shorten it (a real server, a real wait); read once per server start
SESSION_IDLE_VARIABLE = "REPORTGEN_SESSION_IDLE"
MIN_PASSWORD = 8  # characters
WHOLE_WORKSPACE = "."
# letters of any script, digits, - _ . : a name is also a folder of 批量生成/ and a log field
_NAME = re.compile(r"[^\W][\w.-]{0,63}")
_SCHEMA = """
CREATE TABLE IF NOT EXISTS users (
    name TEXT PRIMARY KEY, password TEXT NOT NULL, folders TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sessions (
    token TEXT PRIMARY KEY, user TEXT NOT NULL, expires REAL NOT NULL);
CREATE TABLE IF NOT EXISTS audit (
    id INTEGER PRIMARY KEY, at TEXT NOT NULL, user TEXT NOT NULL, action TEXT NOT NULL,
    file TEXT NOT NULL, before TEXT NOT NULL, after TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS audit_of_file ON audit (file, id);
"""
_LIVE_SESSION = """
SELECT s.expires, u.name, u.folders FROM sessions s JOIN users u ON u.name = s.user
WHERE s.token = ?"""


@dataclass(frozen=True)
class Account:
    name: str
    folders: tuple[str, ...]  # relative to the workspace, with /; "." for all of it


_signed_in: contextvars.ContextVar[Account | None] = contextvars.ContextVar(
    "reportgen_web_account", default=None
)


def signed_in() -> Account | None:
    """The user of the request being answered; None without accounts (or on /login)."""
    return _signed_in.get()


@contextlib.contextmanager
def acting_as(account: Account | None) -> Iterator[None]:
    token = _signed_in.set(account)
    try:
        yield
    finally:
        _signed_in.reset(token)


def connect(root: Path, *, create: bool = True) -> sqlite3.Connection | None:
    """The workspace's database (made, with its tables, when `create`), or None when
    there is none and none was to be made. One connection per use: threads never share."""
    path = root / DATABASE
    if not path.exists():
        if not create:
            return None
        path.parent.mkdir(mode=0o700, exist_ok=True)
    try:
        connection = sqlite3.connect(path, timeout=10)
        # WAL is kept in the file; NORMAL syncs at checkpoints: a killed process loses no
        # committed transaction (only a power cut could lose the last ones)
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA synchronous=NORMAL")
        with connection:
            connection.executescript(_SCHEMA)
    except sqlite3.Error as exc:
        raise AccountError("account_database", file=str(path), reason=str(exc)) from None
    with contextlib.suppress(OSError):
        os.chmod(path, 0o600)  # password hashes: the owner's only
    return connection


def _hasher() -> PasswordHasher:
    from argon2 import PasswordHasher  # at first use: the CLI's other commands start faster

    return PasswordHasher()


class Accounts:
    """The accounts of the workspace at `root`; `clock` is time.time (tests move it)."""

    def __init__(self, root: Path, *, clock: Callable[[], float] = time.time) -> None:
        self.root = root.resolve()
        self.clock = clock
        self.idle = float(os.environ.get(SESSION_IDLE_VARIABLE) or SESSION_IDLE)
        self._dummy: str | None = None  # a hash to verify against for an unknown name

    @contextlib.contextmanager
    def _database(self, create: bool = True) -> Iterator[sqlite3.Connection | None]:
        connection = connect(self.root, create=create)
        try:
            if connection is None:
                yield None
            else:
                with connection:  # one transaction: committed whole, or not at all
                    yield connection
        finally:
            if connection is not None:
                connection.close()

    def exist(self) -> bool:
        """Whether there is any account (no database is made to find out)."""
        with self._database(create=False) as db:
            return (
                db is not None and db.execute("SELECT 1 FROM users LIMIT 1").fetchone() is not None
            )

    def listed(self) -> list[Account]:
        with self._database(create=False) as db:
            if db is None:
                return []
            rows = db.execute("SELECT name, folders FROM users ORDER BY name").fetchall()
        return [Account(name, tuple(json.loads(folders))) for name, folders in rows]

    def add(self, name: str, password: str, folders: list[str]) -> Account:
        if not _NAME.fullmatch(name):
            raise AccountError("account_bad_name", name=name)
        granted = tuple(dict.fromkeys(self.granted_folder(f) for f in folders))
        if not granted:
            raise AccountError("account_no_folder", name=name)
        hashed = self._hash(password)
        with self._database() as db:
            assert db is not None
            try:
                db.execute(
                    "INSERT INTO users VALUES (?, ?, ?)", (name, hashed, json.dumps(granted))
                )
            except sqlite3.IntegrityError:
                raise AccountError("account_exists", name=name) from None
        return Account(name, granted)

    def remove(self, name: str) -> None:
        with self._database(create=False) as db:
            if db is None or db.execute("DELETE FROM users WHERE name = ?", (name,)).rowcount == 0:
                raise AccountError("account_unknown", name=name)
            db.execute("DELETE FROM sessions WHERE user = ?", (name,))

    def set_password(self, name: str, password: str) -> None:
        """A new password; the user's sessions end (whoever knew the old one is out)."""
        hashed = self._hash(password)
        with self._database(create=False) as db:
            changed = (
                db is not None
                and db.execute(
                    "UPDATE users SET password = ? WHERE name = ?", (hashed, name)
                ).rowcount
            )
            if db is None or not changed:
                raise AccountError("account_unknown", name=name)
            db.execute("DELETE FROM sessions WHERE user = ?", (name,))

    def granted_folder(self, folder: str) -> str:
        """`folder` (as typed: relative to the workspace) as it is stored, or AccountError:
        a folder of the workspace that exists, not hidden, not outside through `..` or a link."""
        given = folder.strip().replace("\\", "/").strip("/") or WHOLE_WORKSPACE
        if given == WHOLE_WORKSPACE:
            return given
        resolved = (self.root / given).resolve()
        if not resolved.is_relative_to(self.root) or PurePosixPath(given).is_absolute():
            raise AccountError("account_folder_outside", folder=folder, workspace=str(self.root))
        relative = resolved.relative_to(self.root)
        if any(p.startswith(".") for p in relative.parts) or not resolved.is_dir():
            raise AccountError("account_folder_missing", folder=folder, workspace=str(self.root))
        return relative.as_posix() or WHOLE_WORKSPACE

    def _hash(self, password: str) -> str:
        if len(password) < MIN_PASSWORD:
            raise AccountError("account_password_short", minimum=MIN_PASSWORD)
        return str(_hasher().hash(password))

    # -- signing in

    def verify(self, name: str, password: str) -> Account | None:
        """The account if `password` is its own. An unknown name costs the same hash as a
        known one, so the time of the answer does not tell which names exist."""
        from argon2.exceptions import Argon2Error, InvalidHashError

        with self._database(create=False) as db:
            row = db.execute(
                "SELECT password, folders FROM users WHERE name = ?", (name,)
            ).fetchone() if db is not None else None  # fmt: skip
        if row is None and self._dummy is None:
            self._dummy = _hasher().hash(secrets.token_hex(8))
        hashed = str(row[0] if row else self._dummy)
        try:
            _hasher().verify(hashed, password)
        except (Argon2Error, InvalidHashError):
            return None
        return Account(name, tuple(json.loads(row[1]))) if row else None

    def open_session(self, account: Account) -> str:
        """A new session of `account`: the token for its cookie."""
        token = secrets.token_urlsafe(32)
        with self._database() as db:
            assert db is not None
            now = self.clock()
            db.execute("DELETE FROM sessions WHERE expires < ?", (now,))  # the ended ones
            db.execute(
                "INSERT INTO sessions VALUES (?, ?, ?)",
                (_digest(token), account.name, now + self.idle),
            )
        return token

    def session(self, token: str) -> Account | None:
        """The account whose live session `token` is, its end moved on; None when it
        ended, was closed or never was (or its user was removed)."""
        if not token:
            return None
        with self._database(create=False) as db:
            if db is None:
                return None
            key = _digest(token)
            row = db.execute(_LIVE_SESSION, (key,)).fetchone()
            now = self.clock()
            if row is None:
                return None
            if row[0] < now:
                db.execute("DELETE FROM sessions WHERE token = ?", (key,))
                return None
            # moved on only once a while has passed: not a write for every keystroke's check
            if row[0] - now < self.idle - min(60.0, self.idle / 10):
                db.execute(
                    "UPDATE sessions SET expires = ? WHERE token = ?", (now + self.idle, key)
                )
        return Account(row[1], tuple(json.loads(row[2])))

    def close_session(self, token: str) -> None:
        with self._database(create=False) as db:
            if db is not None:
                db.execute("DELETE FROM sessions WHERE token = ?", (_digest(token),))


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
