"""The folder `reportgen serve` works on: its application folders, as batch finds them.

An application is named in URLs by its file's path relative to the workspace
(`clients/a/application.yaml`). Every name from a request is resolved here and refused
unless it is one of the applications found (or a plain name inside one's evidence/), so
`..`, absolute paths, encoded separators and symlinks out never reach the disk.

With accounts, the workspace is what the signed-in user was granted: `folders()` says
which (None: all of it), and an application outside them is not found, exactly like
one that does not exist (a 404 that does not tell the one from the other).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path, PurePosixPath

from reportgen.batch import APPLICATION_NAMES, discover
from reportgen.checks import Checked, check_file
from reportgen.errors import InputError, NotInWorkspace
from reportgen.render import default_output_folder
from reportgen.render.manifest import MANIFEST, read_manifest
from reportgen.render.names import name_part

# A district's staff files are named by their kind (as in examples/staff/): 萧山区-推荐.yaml
# is its 附件5 list, 萧山区-工作人员.yaml its 附件3 form.
RECOMMENDATION_LIST = "-推荐.yaml"
CONTACTS_FORM = "-工作人员.yaml"


@dataclass(frozen=True)
class Entry:
    id: str  # the file's path relative to the workspace, with /
    file: Path

    @property
    def folder(self) -> Path:
        return self.file.parent


@dataclass(frozen=True)
class LastRender:
    when: str  # local time, to the minute
    stale: bool  # the application file changed since


class Workspace:
    def __init__(
        self, root: Path, folders: Callable[[], tuple[str, ...] | None] = lambda: None
    ) -> None:
        self.root = root.resolve()
        self.folders = folders  # the folders the request's user may see (None: all)
        self._checked: dict[Path, tuple[tuple[int, int], Checked]] = {}

    def granted(self, id: str) -> bool:
        """Whether the path `id` (relative, with /) is in a folder of the request's user."""
        folders = self.folders()
        return folders is None or any(
            folder == "." or id == folder or id.startswith(folder + "/") for folder in folders
        )

    @property
    def home(self) -> Path:
        """Where the user's new applications go: the first folder granted (or the root)."""
        folders = self.folders()
        return self.root if not folders or folders[0] == "." else self.root / folders[0]

    def entries(self) -> list[Entry]:
        try:
            files = discover([self.root])
        except InputError:
            return []
        found = []
        for file in files:
            resolved = file.resolve()
            if not resolved.is_relative_to(self.root):  # a symlinked application out: not ours
                continue
            id = resolved.relative_to(self.root).as_posix()
            if self.granted(id):
                found.append(Entry(id, resolved))
        return found

    def entry(self, id: str) -> Entry:
        """The application named `id`, by the rules discovery lists them with, without
        walking the whole workspace (every keystroke's check asks): an application file's
        name, no hidden folder, and `id` its own resolved path inside the workspace."""
        return self._resolved(id, lambda name: name in APPLICATION_NAMES)

    def staff_entries(self, suffix: str) -> list[Entry]:
        """The staff files of one kind (RECOMMENDATION_LIST, CONTACTS_FORM) anywhere in the
        workspace, by path."""
        found = []
        for file in sorted(self.root.rglob(f"*{suffix}")):
            try:
                found.append(self.staff_entry(file.relative_to(self.root).as_posix(), suffix))
            except NotInWorkspace:  # hidden, a folder, or a link out
                continue
        return found

    def staff_entry(self, id: str, suffix: str) -> Entry:
        """The staff file named `id`, by the same rules as an application's."""
        return self._resolved(id, lambda name: name.endswith(suffix) and name != suffix)

    def _resolved(self, id: str, named: Callable[[str], bool]) -> Entry:
        parts = PurePosixPath(id).parts
        if not parts or not named(parts[-1]) or any(p.startswith(".") for p in parts):
            raise NotInWorkspace(id)
        try:
            resolved = (self.root / id).resolve()
        except (OSError, RuntimeError, ValueError):  # a loop of links, a NUL
            raise NotInWorkspace(id) from None
        inside = resolved.is_relative_to(self.root)
        if not inside or resolved.relative_to(self.root).as_posix() != id or not resolved.is_file():
            raise NotInWorkspace(id)
        if not self.granted(id):  # another user's: said as if it were not there
            raise NotInWorkspace(id)
        return Entry(id, resolved)

    def checked(self, entry: Entry) -> Checked:
        """The file checked, again only when it changed (size or time of change)."""
        status = entry.file.stat()
        key = (status.st_size, status.st_mtime_ns)
        cached = self._checked.get(entry.file)
        if cached is None or cached[0] != key:
            cached = self._checked[entry.file] = (key, check_file(entry.file))
        return cached[1]

    def evidence_file(self, entry: Entry, name: str) -> Path:
        """A file of the application's evidence/ folder by its plain name."""
        if PurePosixPath(name).name != name or name in ("", ".", "..") or "\\" in name:
            raise NotInWorkspace(name)
        path = (entry.folder / "evidence" / name).resolve()
        if not path.is_relative_to((entry.folder / "evidence").resolve()):
            raise NotInWorkspace(name)
        return path

    def output_folder(self, entry: Entry) -> Path:
        return default_output_folder(entry.file)

    def last_render(self, entry: Entry, current_sha256: str | None) -> LastRender | None:
        """When the application's documents were last rendered (its manifest), and
        whether the file has changed since; None when they never were."""
        folder = self.output_folder(entry)
        manifest = read_manifest(folder)
        try:
            when = datetime.fromtimestamp((folder / MANIFEST).stat().st_mtime)
        except OSError:
            return None
        if manifest is None:
            return None
        return LastRender(f"{when:%Y-%m-%d %H:%M}", manifest.get("input_sha256") != current_sha256)

    def new_staff_file(self, county: str, suffix: str) -> Path:
        """Where a district's new staff file goes: the user's first folder (the root
        without accounts), named by county."""
        safe = name_part(county.strip(), 50).strip(". ")
        if not safe:
            raise NotInWorkspace(county)
        file = self.home / f"{safe}{suffix}"
        if file.exists():
            raise FileExistsError(file.name)
        return file

    def new_folder(self, name: str) -> Path:
        """A new application folder named by the user, made safe, directly in the user's
        first folder (the root without accounts)."""
        safe = name_part(name.strip(), 100).strip(". ")
        if not safe:
            raise NotInWorkspace(name)
        folder = self.home / safe
        if folder.exists():
            raise FileExistsError(safe)
        return folder


def version(file: Path) -> str:
    """What the page was loaded from: a save from a page of another version is refused."""
    try:
        return hashlib.sha256(file.read_bytes()).hexdigest()
    except FileNotFoundError:
        return ""
