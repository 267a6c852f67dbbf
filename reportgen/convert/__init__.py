"""The convert stage: .docx → .pdf through LibreOffice processes started once and reused.

    with ConverterPool() as pool:
        pdf = pool.convert(Path("报告书.docx"))            # beside it, or pdf=…
        results = pool.convert_all(files, out_dir)       # in parallel, one result each

A `soffice` run per document spends ~1 s starting before it converts (bench/convert.py:
1.7 s a report book against 0.33 s here), so the pool keeps N offices (default: one per
core) and feeds them documents. Each office is a soffice.bin with its own profile (two on
one profile hand their work to each other and serialise) and a bridge process that
drives it over UNO (uno_bridge.py). They start on the first document and stop at
close(): also on Ctrl-C or an exception (the with block), at interpreter exit, and when
reportgen itself is killed (Linux: the kernel kills them with their parent thread). A
conversion that hangs past `timeout` or whose office dies is retried once on a fresh
office; a document that fails twice raises ConversionError naming it, and the other
documents go on.
"""

from __future__ import annotations

import contextlib
import os
import queue
import shutil
import tempfile
import threading
import weakref
from collections.abc import Iterable
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path

from reportgen import callable_stage
from reportgen.convert.fonts import fonts_folder
from reportgen.convert.libreoffice import find_libreoffice
from reportgen.convert.office import Office, OfficeFailure, OfficeStats, single_office_pipe
from reportgen.errors import ConversionError, FileTooLarge, RenderError, SameTarget, os_reason
from reportgen.source.files import owner_gone, read_regular
from reportgen.source.packages import MAX_UNCOMPRESSED, check_package

DEFAULT_TIMEOUT = 120.0  # seconds for one document; a 40-page book takes ~2 s
START_TIMEOUT = 60.0
# With the profile's small font caches and tcmalloc (profiles.py, libreoffice.py) an office
# stays under 300 MB: 194 MB after one report book, peak 295 MB over 500 different ones with
# the shared frame (uno_bridge.Frame; 282 MB before it; bench/convert.py; it was 194 → 355 MB
# over 200). Renewal is only a guard against a
# leak of some other document's making now: each costs a start (~0.3 s).
RESTART_AFTER = 500
# Fields LibreOffice computes as it lays the pages out (PAGE, NUMPAGES) or that the table
# of contents' update writes (TOC, PAGEREF, HYPERLINK): a document with none but these
# needs no refresh of its fields, ~11 ms of a report book's ~250 (docs/pdf.md). A DATE, a
# DOCPROPERTY or a REF of someone's own template is refreshed as before.
LAID_OUT_FIELDS = frozenset({"PAGE", "NUMPAGES", "SECTIONPAGES", "TOC", "PAGEREF", "HYPERLINK"})


@dataclass(frozen=True)
class Conversion:
    """One document's result: `error` is None when `pdf` was written."""

    docx: Path
    pdf: Path
    error: ConversionError | None = None


_Job = tuple[Path, Path, bool, "Future[Path]"]


class ConverterPool:
    """`size` offices at most (default: one per core); each starts with the first
    document it is given, so a pool never runs more offices than documents came."""

    def __init__(
        self,
        size: int | None = None,
        *,
        timeout: float = DEFAULT_TIMEOUT,
        pdfa: bool = False,
        restart_after: int | None = RESTART_AFTER,
        fonts: Path | str | None = None,
        tagged: bool = True,
    ) -> None:
        self.size = max(1, size or len(usable_cores()))
        self.timeout = timeout
        self.pdfa = pdfa
        # tagged PDF (structure for screen readers, about twice the size): on for what
        # reportgen delivers; off only to compare like with like (bench/peers.py)
        self.tagged = tagged
        self.restart_after = restart_after
        self.fonts = fonts_folder(fonts)  # the user's font folder, or REPORTGEN_FONTS
        self._jobs: queue.SimpleQueue[_Job | None] = queue.SimpleQueue()
        self._threads: list[threading.Thread] = []
        self._offices: list[Office] = []
        self._workdir: Path | None = None
        self._closing = False
        self._lock = threading.Lock()
        self.stats: list[OfficeStats] = []  # one per office that converted something
        self.starts = 0  # offices started, restarts included
        self._working: dict[Office, str] = {}  # office → the document it converts

    # -- public
    def submit(
        self, docx: Path, pdf: Path | None = None, *, pdfa: bool | None = None
    ) -> Future[Path]:
        """Queue one document; the future gives the PDF's path or raises ConversionError.
        `pdf` defaults to the .docx's name with .pdf; `pdfa` to the pool's choice."""
        future: Future[Path] = Future()
        self._start()
        target = Path(pdf or pdf_path(Path(docx)))
        self._jobs.put((Path(docx).absolute(), target, self.pdfa if pdfa is None else pdfa, future))
        return future

    def convert(self, docx: Path, pdf: Path | None = None, *, pdfa: bool | None = None) -> Path:
        return self.submit(docx, pdf, pdfa=pdfa).result()

    def convert_all(
        self, docx_files: Iterable[Path], out_dir: Path | None = None
    ) -> list[Conversion]:
        """Every document in parallel; a failure is reported in its Conversion, not raised.
        Two documents that would make one PDF are refused first (SameTarget)."""
        documents = [Path(docx) for docx in docx_files]
        submitted = [
            (docx, pdf, self.submit(docx, pdf))
            for docx, pdf in zip(documents, pdf_paths(documents, out_dir), strict=True)
        ]
        results = []
        for docx, pdf, future in submitted:
            try:
                future.result()
            except ConversionError as error:
                results.append(Conversion(docx, pdf, error))
            else:
                results.append(Conversion(docx, pdf))
        return results

    def pids(self) -> list[int]:
        """The running offices' soffice.bin processes (tests kill one)."""
        return [pid for office in list(self._offices) if (pid := office.pid) is not None]

    def busy(self) -> dict[int, str]:
        """soffice.bin process → the name of the document it is converting now."""
        with self._lock:
            working = list(self._working.items())
        return {pid: name for office, name in working if (pid := office.pid) is not None}

    def close(self, *, cancel: bool = False) -> None:
        """Stop every office. `cancel`: drop queued documents and kill running ones now."""
        with self._lock:
            if self._closing:
                return
            self._closing = True
        if cancel:
            self._cancel_queued()
            for office in list(self._offices):
                office.kill()
        for _ in self._threads:
            self._jobs.put(None)
        for thread in self._threads:
            thread.join()
        if self._workdir is not None:
            shutil.rmtree(self._workdir, ignore_errors=True)

    def __enter__(self) -> ConverterPool:
        return self

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        self.close(cancel=kind is not None)

    # -- the offices
    def _start(self) -> None:
        with self._lock:
            if self._closing:
                raise ConversionError("converter_closed")
            if self._threads:
                return
            libreoffice = find_libreoffice()  # ConversionError with the install command
            remove_abandoned()
            self._workdir = Path(tempfile.mkdtemp(prefix=f"reportgen-lo-{os.getpid()}-"))
            for slot, core in enumerate(office_cores(self.size)):
                office = Office(libreoffice, self._workdir, f"office{slot}", self.fonts, core=core)
                self._offices.append(office)
                thread = threading.Thread(
                    target=self._serve, args=(office,), name=f"reportgen-{slot}", daemon=True
                )
                self._threads.append(thread)
            # the offices die with reportgen even when it exits without closing the pool
            weakref.finalize(self, _kill_all, list(self._offices), self._workdir)
            for thread in self._threads:
                thread.start()

    def _serve(self, office: Office) -> None:
        # One thread per office, for the office's whole life: on Linux the kernel kills
        # an office when the thread that started it ends (PR_SET_PDEATHSIG).
        try:
            while (job := self._jobs.get()) is not None:
                docx, pdf, pdfa, future = job
                if not future.set_running_or_notify_cancel():
                    continue
                try:
                    self._convert(office, docx, pdf, pdfa)
                except BaseException as error:  # a ConversionError, or a bug for the caller
                    future.set_exception(error)
                else:
                    future.set_result(pdf)
        finally:
            self._record(office)
            office.stop()

    def _convert(self, office: Office, docx: Path, pdf: Path, pdfa: bool) -> None:
        # LibreOffice gets a copy of what was checked (packages.py), not the file, which
        # could be replaced between the check and the conversion
        copy = office.home / "in" / docx.name
        copy.parent.mkdir(parents=True, exist_ok=True)
        data, fields = _checked(docx)
        copy.write_bytes(data)
        with self._lock:
            self._working[office] = docx.name
        try:
            self._convert_copy(office, copy, pdf, pdfa, refresh=needs_refresh(fields))
        finally:
            with self._lock:
                del self._working[office]
            copy.unlink(missing_ok=True)

    def _convert_copy(
        self, office: Office, docx: Path, pdf: Path, pdfa: bool, *, refresh: bool
    ) -> None:
        failure: OfficeFailure | None = None
        for _attempt in range(2):
            if self._closing and failure is not None:
                break
            try:
                if not office.running:
                    with self._lock:
                        self.starts += 1
                    office.start(START_TIMEOUT)
                office.convert(docx, pdf, pdfa=pdfa, tagged=self.tagged, refresh=refresh,
                               timeout=self.timeout)  # fmt: skip
            except OfficeFailure as error:  # hung or died (and stopped): one more try
                failure = error
                self._record(office)
                continue
            if self.restart_after and office.conversions >= self.restart_after:
                self._record(office)
                office.stop()
            return
        assert failure is not None
        raise ConversionError(failure.code, file=docx.name, **failure.params)

    def _record(self, office: Office) -> None:
        if (stats := office.take_stats()) is not None:
            with self._lock:
                self.stats.append(stats)

    def _cancel_queued(self) -> None:
        with contextlib.suppress(queue.Empty):
            while True:
                job = self._jobs.get_nowait()
                if job is not None:
                    job[-1].cancel()


def office_cores(size: int) -> list[int | None]:
    """The CPU core each of `size` offices runs on: one each when they are as many as the
    usable cores, else None (wherever the kernel puts them: a pool of two on a bigger
    machine, beside other pools, is not crowded onto its first two). Left to the kernel,
    two offices on two cores left 7.6 % of the cores idle in warm runs of 24 books, as if
    both were at times on one core while the other waited; each on its own, 1.9 %, and
    0.108 → 0.099 s a book (8 interleaved rounds, docs/pdf.md). One office is not pinned:
    its main thread's work goes on beside the conversion's."""
    cores = usable_cores()
    if size < 2 or size != len(cores) or not hasattr(os, "sched_setaffinity"):
        return [None] * size
    return list(cores)


def usable_cores() -> list[int]:
    """The CPUs this process may run on (taskset, cgroups), or all of them where the
    system does not say (not Linux)."""
    try:
        return sorted(os.sched_getaffinity(0))
    except AttributeError:
        return list(range(os.cpu_count() or 1))


def needs_refresh(fields: frozenset[str]) -> bool:
    """Whether LibreOffice must refresh the fields of a document holding these kinds."""
    return not fields <= LAID_OUT_FIELDS


def _checked(docx: Path) -> tuple[bytes, frozenset[str]]:
    """The document's bytes and kinds of field if it is safe to hand to LibreOffice;
    ConversionError if not."""
    try:
        data = read_regular(docx, MAX_UNCOMPRESSED)
        fields = check_package(data, docx.name)
    except RenderError as error:
        raise ConversionError(error.code, **error.params) from None
    except FileTooLarge:
        raise ConversionError("docx_too_large_file", file=docx.name,
                              max_megabytes=MAX_UNCOMPRESSED // 2**20) from None  # fmt: skip
    except OSError as error:
        raise ConversionError("conversion_input", file=docx.name, **os_reason(error)) from None
    return data, fields


def remove_abandoned() -> None:
    """What a reportgen killed with SIGKILL left in /tmp: its offices' profiles (the
    folder names its pid) and their pipes. A pid still running is left alone."""
    temporary = Path(tempfile.gettempdir())
    for folder in temporary.glob("reportgen-lo-*-*"):
        pid = folder.name.split("-")[2]
        if not owner_gone(pid):
            continue
        pipes = [f"reportgen-{pid}-*", *(single_office_pipe(p) for p in folder.glob("*/profile"))]
        for pattern in pipes:
            for pipe in temporary.glob(f"OSL_PIPE_{os.getuid()}_{pattern}"):
                pipe.unlink(missing_ok=True)
        shutil.rmtree(folder, ignore_errors=True)


def pdf_path(docx: Path, out_dir: Path | None = None) -> Path:
    """Where the PDF of `docx` goes: beside it, or in `out_dir` under the same name."""
    return (out_dir / docx.name if out_dir else docx).with_suffix(".pdf")


def pdf_paths(documents: list[Path], out_dir: Path | None = None) -> list[Path]:
    """Where each PDF goes. Two documents of one name from two folders, converted into
    one `out_dir`, would write one PDF over the other: SameTarget, before any work."""
    targets = [pdf_path(docx, out_dir) for docx in documents]
    twice = sorted({str(t) for t in targets if targets.count(t) > 1})
    if twice:
        raise SameTarget(twice)
    return targets


def _kill_all(offices: list[Office], workdir: Path) -> None:
    for office in offices:
        office.kill()
    shutil.rmtree(workdir, ignore_errors=True)


def convert(
    docx_files: Iterable[Path],
    out_dir: Path | None = None,
    *,
    jobs: int | None = None,
    pdfa: bool = False,
    timeout: float = DEFAULT_TIMEOUT,
    fonts: Path | str | None = None,
) -> list[Conversion]:
    """Convert documents with a pool of their own: the library form of `reportgen convert`."""
    with ConverterPool(jobs, pdfa=pdfa, timeout=timeout, fonts=fonts) as pool:
        return pool.convert_all(docx_files, out_dir)


callable_stage(__name__, convert)  # reportgen.convert(...) whichever of the two it finds
