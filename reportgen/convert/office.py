"""One LibreOffice process with its own profile, and the bridge process that drives it.

The pool (convert/__init__.py) owns several; this module knows how to start one, hand it a
document, notice that it hangs or died, and stop it so that nothing is left running.
"""

from __future__ import annotations

import contextlib
import ctypes
import hashlib
import itertools
import json
import os
import select
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from reportgen.convert.fonts import office_environment
from reportgen.convert.libreoffice import BRIDGE, LibreOffice, allocator_environment
from reportgen.convert.profiles import RESTART_ME, new_profile
from reportgen.errors import ConversionError, RenderError
from reportgen.source.files import write_atomic

_sequence = itertools.count()
# A file each office start appends a line to, if this variable names one. The tests set it
# to fail a test that starts LibreOffice without its `office` marker, also when it does so
# through a reportgen it runs as a process (tests/conftest.py); a line is written with one
# O_APPEND write, so processes starting offices at once do not mix theirs.
STARTS_LOG = "REPORTGEN_OFFICE_STARTS"


class OfficeFailure(Exception):
    """The office hung or died: worth one more try on a fresh one. `code` is a message code.
    An internal signal, not errors.py's: the pool retries, and raises ConversionError
    (naming the document, which the office does not know) when the retry fails too."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


@dataclass(frozen=True)
class OfficeStats:
    """One office's life: documents converted and its memory (resident set, MB)."""

    conversions: int
    first_rss_mb: float  # after its first document
    last_rss_mb: float
    peak_rss_mb: float


def _die_with_parent() -> None:
    # Runs in the child between fork and exec: ask the kernel to SIGKILL it when the
    # thread that started it ends, so a killed reportgen leaves no office behind.
    _PR_SET_PDEATHSIG = 1
    if _libc is not None:
        _libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)


_libc = ctypes.CDLL(None) if sys.platform == "linux" else None


def _preexec(core: int | None) -> Callable[[], None] | None:
    """What a child runs between fork and exec: die with its parent (Linux) and, given a
    core, run on that one only. Each is one system call; Python's sched_setaffinity also
    allocates its CPU set, which is safe in the child (glibc resets malloc's locks there)."""
    if core is None:
        return _die_with_parent if _libc is not None else None

    def setup() -> None:
        _die_with_parent()
        # a core taken away since (a cgroup, hot-unplug) leaves it wherever the kernel puts it
        with contextlib.suppress(OSError):
            os.sched_setaffinity(0, {core})

    return setup


class Office:
    def __init__(
        self,
        libreoffice: LibreOffice,
        workdir: Path,
        name: str,
        fonts: Path | None = None,
        *,
        core: int | None = None,
    ) -> None:
        self.libreoffice = libreoffice
        self.fonts = fonts  # the user's font folder, if any (fonts.py)
        # the one CPU core soffice.bin runs on (office_cores in convert/__init__.py), or
        # None: any. Its bridge is left to the kernel: pinned beside it, it was slower.
        self.core = core
        self.home = workdir / name
        self.conversions = 0
        self._office: subprocess.Popen[bytes] | None = None
        self._bridge: subprocess.Popen[bytes] | None = None
        self._buffer = b""
        self._pipes: list[Path] = []  # the office's pipes in /tmp (start())
        self._rss: list[float] = []  # after each document
        self._peak = 0.0

    @property
    def running(self) -> bool:
        return self._office is not None and self._office.poll() is None

    @property
    def pid(self) -> int | None:
        return self._office.pid if self.running and self._office else None

    # -- life
    def start(self, timeout: float) -> None:
        """Start the office and its bridge; on OfficeFailure both are already stopped."""
        self.home.mkdir(parents=True, exist_ok=True)
        pipe = f"reportgen-{os.getpid()}-{self.home.name}-{next(_sequence)}"
        self._pipes = [Path(tempfile.gettempdir(), f"OSL_PIPE_{os.getuid()}_{name}")
                       for name in (pipe, single_office_pipe(self.home / "profile"))]  # fmt: skip
        self._office = self._launch_office(pipe)
        with self._log("bridge") as log:
            self._bridge = subprocess.Popen(
                [str(self.libreoffice.python), "-I", str(BRIDGE), pipe, str(timeout)],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=log,
                start_new_session=True,
                preexec_fn=_preexec(None),
                env=office_environment(self.fonts),  # its file names in UTF-8 too
            )
        self._buffer = b""
        self.conversions, self._rss, self._peak = 0, [], 0.0
        deadline = time.monotonic() + timeout
        try:
            try:
                self._read_answer(deadline)
            except OfficeFailure:
                if self._office.poll() != RESTART_ME:
                    raise
                self._office = self._launch_office(pipe)  # the bridge is still connecting
                self._read_answer(deadline)
        except OfficeFailure:
            self.stop(force=True)
            raise

    def _launch_office(self, pipe: str) -> subprocess.Popen[bytes]:
        _note_start()
        profile = (self.home / "profile").absolute()
        if not profile.exists():
            new_profile(self.libreoffice, profile)
        with self._log("office") as log:
            return subprocess.Popen(
                [
                    str(self.libreoffice.program),
                    "--headless",
                    "--invisible",
                    "--nologo",
                    "--norestore",
                    "--nodefault",
                    "--nolockcheck",
                    f"-env:UserInstallation={profile.as_uri()}",
                    f"--accept=pipe,name={pipe};urp;",
                ],
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                env=office_environment(self.fonts) | allocator_environment(),
                start_new_session=True,  # Ctrl-C goes to reportgen, which stops the office
                preexec_fn=_preexec(self.core),
            )

    def stop(self, *, force: bool = False) -> None:
        """Stop both processes and wait for them; `force` kills without a chance to finish.

        Only the thread that started the office calls this; others call kill()."""
        if force:
            self.kill()
        elif self._bridge is not None and self._bridge.stdin is not None:
            # the bridge asks the office to quit at the end of its input
            self._bridge.stdin.close()
        for process in (self._bridge, self._office):
            if process is None:
                continue
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        if self._bridge is not None:
            for stream in (self._bridge.stdin, self._bridge.stdout):
                if stream is not None:
                    stream.close()
        self._office = self._bridge = None
        for path in self._pipes:  # a killed office leaves them behind; one that quit did not
            path.unlink(missing_ok=True)

    def kill(self) -> None:
        """SIGKILL both processes, from any thread: for a hang, Ctrl-C or exit. The
        owning thread notices (its read ends) and cleans up with stop()."""
        for process in (self._office, self._bridge):
            if process is not None and process.poll() is None:
                process.kill()

    # -- work
    def convert(
        self,
        docx: Path,
        pdf: Path,
        *,
        pdfa: bool,
        timeout: float,
        tagged: bool = True,
        refresh: bool = True,
    ) -> None:
        """Write `pdf` from `docx`. LibreOffice writes into the office's own folder (with
        its lock and temporary files); the finished PDF is then written atomically, so
        a kill at any moment leaves nothing beside the user's files."""
        if not self.running or self._bridge is None or self._bridge.stdin is None:
            raise OfficeFailure("libreoffice_died")
        part = self.home / f"{next(_sequence)}.pdf"
        request = {"docx": str(docx), "pdf": str(part.absolute()), "pdfa": pdfa,
                   "tagged": tagged, "refresh": refresh}  # fmt: skip
        try:
            try:
                self._bridge.stdin.write(json.dumps(request).encode() + b"\n")
                self._bridge.stdin.flush()
            except OSError as error:
                raise OfficeFailure("libreoffice_died") from error
            answer = self._read_answer(time.monotonic() + timeout, timeout=timeout)
            if not answer.get("ok"):
                if answer.get("gone") or not self.running:  # its death, not the document's
                    raise OfficeFailure("libreoffice_died", detail=answer.get("error", ""))
                if answer.get("error") == "unreadable":
                    raise ConversionError("conversion_unreadable", file=docx.name)
                raise ConversionError(
                    "conversion_failed", file=docx.name, detail=answer.get("error")
                )
            try:
                write_atomic(pdf, part.read_bytes())
            except RenderError as error:  # a full disk: this document's failure, said so
                raise ConversionError(error.code, **error.params) from None
        except OfficeFailure:
            self.stop(force=True)  # surely dead before its partial file is removed
            raise
        finally:
            part.unlink(missing_ok=True)
        self.conversions += 1
        self._measure()

    def _read_answer(self, deadline: float, *, timeout: float | None = None) -> dict[str, Any]:
        """The bridge's next line, watching the office meanwhile."""
        assert self._bridge is not None and self._bridge.stdout is not None
        stream = self._bridge.stdout.fileno()
        while b"\n" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                if timeout is None:
                    raise OfficeFailure("libreoffice_start_failed", detail=self._log_tail())
                raise OfficeFailure("conversion_timeout", seconds=f"{timeout:g}")
            readable, _, _ = select.select([stream], [], [], min(left, 0.05))
            if readable:
                chunk = os.read(stream, 65536)
                if not chunk:  # the bridge ended: its office died under it, or it failed
                    raise OfficeFailure(
                        "libreoffice_died" if timeout else "libreoffice_start_failed",
                        detail=self._log_tail(),
                    )
                self._buffer += chunk
            elif self._office is not None and self._office.poll() is not None:
                raise OfficeFailure("libreoffice_died", detail=self._log_tail())
        line, self._buffer = self._buffer.split(b"\n", 1)
        answer: dict[str, Any] = json.loads(line)
        return answer

    # -- what it cost
    def _measure(self) -> None:
        rss, peak = _memory(self.pid)
        if rss:
            self._rss.append(rss)
            self._peak = max(self._peak, peak)

    def take_stats(self) -> OfficeStats | None:
        """This office's figures since it started, once (None if it converted nothing)."""
        if not self._rss:
            return None
        stats = OfficeStats(self.conversions, self._rss[0], self._rss[-1], self._peak)
        self._rss = []
        return stats

    def _log(self, name: str) -> IO[bytes]:
        # the process gets its own copy of the descriptor; the caller closes this one
        return (self.home / f"{name}.log").open("ab")

    def _log_tail(self) -> str:
        lines = []
        for name in ("office", "bridge"):
            path = self.home / f"{name}.log"
            if path.exists():
                lines += path.read_text("utf-8", "replace").splitlines()
        useful = [line for line in lines if line.strip() and "javaldx" not in line]
        return " / ".join(useful[-3:])


def _note_start() -> None:
    if log := os.environ.get(STARTS_LOG):
        with open(log, "a", encoding="utf-8") as handle:
            handle.write(f"{os.getpid()}\n")


def single_office_pipe(profile: Path) -> str:
    """The name of the pipe each office makes for its profile (SingleOfficeIPC_…): the
    MD5 of the profile's URL in UTF-16, each byte in hex without leading zeros, as
    LibreOffice's desktop module writes it."""
    digest = hashlib.md5(profile.absolute().as_uri().encode("utf-16-le"), usedforsecurity=False)
    return "SingleOfficeIPC_" + "".join(f"{byte:x}" for byte in digest.digest())


def _memory(pid: int | None) -> tuple[float, float]:
    """(resident, peak resident) of a process in MB, from /proc; zeros where unknown."""
    if pid is None:
        return 0.0, 0.0
    values = {}
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                values[key] = int(value.split()[0]) / 1024
    except OSError:
        return 0.0, 0.0
    return values.get("VmRSS", 0.0), values.get("VmHWM", 0.0)
