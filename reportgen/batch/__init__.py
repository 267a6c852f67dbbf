"""batch: every application under some folders, checked, rendered in parallel, summarised.

    summary = reportgen.build_batch(["clients/"], Path("out"))
    for row in summary.rows:
        print(row.status, row.name, row.output)

Two phases, both in worker processes (workers.py). First every file is inspected
(a few ms each): that gives each application its folder — the names are inside the
files — and tells which folders are already current (manifest.py's inputs digest).
Then the others are rendered, `jobs` at a time, each into a private staging folder;
their .docx go to the LibreOffice pool as they come, so rendering and conversion
overlap. When an application's PDFs are done its files are moved into
OUT/<企业名称>-<产品名称>/, the manifest last. A failure, a killed worker or Ctrl-C leaves
an application's earlier outputs as they were and none of its new ones.
"""

from __future__ import annotations

import os
import queue
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, ExitStack, nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reportgen.batch.folders import earlier_folders, is_current, remove_folder
from reportgen.batch.jobs import Inspection, Rendered, Row, Settings, inspect, render_into
from reportgen.batch.summary import Summary, sort_rows, write_summaries
from reportgen.batch.workers import Died, Event, Finished, Started, Workers
from reportgen.errors import BatchInterrupted, InputError, RenderError, os_reason
from reportgen.messages import text
from reportgen.policy import BUILTIN, Policies
from reportgen.render.manifest import (
    MANIFEST,
    Output,
    listed_outputs,
    write_manifest,
)
from reportgen.render.names import inside
from reportgen.source.files import output_folder, owner_gone, remove

if TYPE_CHECKING:
    from concurrent.futures import Future

    from reportgen.convert import ConverterPool

__all__ = ["BatchInterrupted", "Progress", "Row", "Summary", "build_batch", "discover"]

APPLICATION_NAMES = ("application.yaml", "application.yml", "application.json")


@dataclass(frozen=True)
class Progress:
    """Told to `on_progress` (in the caller's thread) whenever something moves."""

    total: int  # applications in this batch
    done: int
    failed: int  # with errors or failed, so far
    current: str = ""  # the application that just started rendering
    pid: int | None = None  # the worker process rendering `current`
    row: Row | None = None  # the application that just finished
    file: str = ""  # the file of `current` (as Row.source names it)


@dataclass(frozen=True)
class _PdfDone:
    key: int


def discover(paths: Iterable[str | Path]) -> list[Path]:
    """Each path is an application file or a folder searched for application.yaml|yml|json
    (hidden folders skipped); sorted, so runs are repeatable; each file once."""
    found: dict[Path, Path] = {}
    for path in map(Path, paths):
        files: Iterable[Path]
        if path.is_dir():
            files = (
                f
                for f in path.rglob("application.*")
                if f.name in APPLICATION_NAMES
                and f.is_file()
                and not any(p.startswith(".") for p in f.relative_to(path).parts)
            )
        elif path.exists():
            files = iter([path])
        else:
            raise InputError("file_not_found", file=str(path))
        for file in files:
            found.setdefault(file.resolve(), file)
    return sorted(found.values())


def build_batch(
    paths: Iterable[str | Path],
    out: str | Path,
    *,
    jobs: int | None = None,
    pdf: bool = True,
    draft: bool = False,
    force: bool = False,
    template_dir: Path | None = None,
    fonts: Path | None = None,
    lang: str = "zh",
    policies: Policies = BUILTIN,
    on_progress: Callable[[Progress], None] | None = None,
    converter: ConverterPool | None = None,
) -> Summary:
    """Check and render every application found under `paths` into `out`; write the
    summary files and return their rows. Ctrl-C raises BatchInterrupted. `fonts`: a
    folder of the user's fonts for the PDFs (not part of what decides "unchanged");
    `policies`: the calls the applications may name; `converter`: a pool already warm
    (reportgen serve's) used instead of starting one, and left open."""
    files = discover(paths)
    settings = Settings(draft, template_dir, lang, policies)
    run = _Batch(Path(out), files, settings, pdf, force, on_progress, fonts)
    run.converter = converter
    return run.execute(jobs or os.cpu_count() or 1)


class _Batch:
    def __init__(
        self,
        out: Path,
        files: list[Path],
        settings: Settings,
        pdf: bool,
        force: bool,
        on_progress: Callable[[Progress], None] | None,
        fonts: Path | None,
    ) -> None:
        self.out, self.files, self.settings = out, files, settings
        self.pdf, self.force, self.on_progress = pdf, force, on_progress
        self.events: queue.SimpleQueue[Event | _PdfDone] = queue.SimpleQueue()
        self.rows: dict[int, Row] = {}
        self.inspections: dict[int, Inspection] = {}
        self.folders: dict[int, str] = {}
        self.ignored: list[tuple[str, str]] = []
        self.rendered: dict[int, Rendered] = {}
        self.pdfs: dict[int, list[Future[Path]]] = {}
        self.fonts = fonts  # the converter's alone: rendering the .docx does not use it
        self.converter: ConverterPool | None = None  # given: used as it is, not closed

    def execute(self, jobs: int) -> Summary:
        output_folder(self.out)
        _remove_abandoned_staging(self.out)
        earlier = earlier_folders(self.out)  # before this run's summary replaces it
        prefix = f".reportgen-batch-{os.getpid()}-"
        try:
            self.staging = Path(tempfile.mkdtemp(prefix=prefix, dir=self.out))
        except OSError as exc:  # a read-only disk, no permission
            raise RenderError("output_folder", folder=str(self.out), **os_reason(exc)) from None
        try:
            with ExitStack() as stack:
                workers = stack.enter_context(Workers(jobs, self.events))
                pool = stack.enter_context(self._converter(jobs)) if self.pdf else None
                self._inspect_all(workers)
                todo = self._decide()
                for key in todo:
                    target = self.staging / str(key)
                    workers.submit(key, render_into, self.files[key], target, self.settings)
                self._collect(set(todo), pool)
            self._remove_renamed(earlier)
        except KeyboardInterrupt:
            raise BatchInterrupted(self._summary(interrupted=True)) from None
        finally:
            shutil.rmtree(self.staging, ignore_errors=True)
        return self._summary(interrupted=False)

    def _converter(self, jobs: int) -> AbstractContextManager[ConverterPool]:
        from reportgen.convert import ConverterPool

        if self.converter is not None:
            return nullcontext(self.converter)
        return ConverterPool(min(jobs, os.cpu_count() or 1), fonts=self.fonts)

    def _summary(self, *, interrupted: bool) -> Summary:
        summary = Summary(sort_rows(list(self.rows.values())), self.ignored, interrupted)
        write_summaries(summary, self.out, self.settings.lang)
        return summary

    # -- phase one: what is there, where it goes, what is current
    def _inspect_all(self, workers: Workers) -> None:
        for key, file in enumerate(self.files):
            workers.submit(key, inspect, file, self.settings)
        for key, value in self._results(len(self.files)):
            if isinstance(value, Inspection) and value.not_application is not None:
                self.ignored.append((str(self.files[key]), value.not_application))
            elif isinstance(value, Inspection):
                self.inspections[key] = value
            else:
                self._finish(key, Row(str(self.files[key]), "failed", problems=[value]))

    def _decide(self) -> list[int]:
        """Fill in the rows that need no rendering; the keys of those that do."""
        todo, used = [], set()
        for key, inspection in sorted(self.inspections.items()):
            row = inspection.row
            if inspection.stem is None or inspection.inputs is None:
                self._finish(key, row)  # could not be read: its errors are the row
                continue
            folder, n = inspection.stem, 1
            while folder in used:
                n += 1
                folder = f"{inspection.stem}-{n}"
            used.add(folder)
            self.folders[key] = folder
            if row.status == "errors" and not self.settings.draft:
                self._finish(key, row)
            elif not self.force and is_current(self.out / folder, inspection.inputs, pdf=self.pdf):
                row.output = folder
                self._finish(key, row, "errors" if row.status == "errors" else "skipped")
            else:
                todo.append(key)
        return todo

    # -- phase two: rendered .docx → PDFs → into place
    def _collect(self, todo: set[int], pool: ConverterPool | None) -> None:
        self._report()
        while todo:
            event = self.events.get()
            key = event.key
            if isinstance(event, Started):
                name, file = self.inspections[key].row.name, str(self.files[key])
                self._report(current=name, pid=event.pid, file=file)
            elif isinstance(event, _PdfDone):  # one per PDF; the last one places them
                if key in self.pdfs and all(f.done() for f in self.pdfs[key]):
                    self._place(key, self._pdf_outputs(key))
                    todo.discard(key)
            elif isinstance(event, Died):
                self._finish(key, self.inspections[key].row, "failed", [self._death(event)])
                todo.discard(key)
            else:
                assert isinstance(event, Finished) and isinstance(event.value, Rendered)
                rendered = self.rendered[key] = event.value
                self.inspections[key].row = rendered.row
                if rendered.error is not None:
                    status = "errors" if rendered.row.errors else "failed"
                    self._finish(key, rendered.row, status, [rendered.error])
                    todo.discard(key)
                elif pool is None:
                    self._place(key, [])
                    todo.discard(key)
                else:
                    self._convert(key, pool)

    def _convert(self, key: int, pool: ConverterPool) -> None:
        folder = self.staging / str(key)
        futures = [pool.submit(folder / name) for _, name in self.rendered[key].documents]
        self.pdfs[key] = futures

        def done(_: Future[Path]) -> None:  # runs in a converter thread: only posts an event
            self.events.put(_PdfDone(key))

        for future in futures:
            future.add_done_callback(done)

    def _pdf_outputs(self, key: int) -> list[Output | str]:
        """The PDFs made, and the message of each that failed."""
        from reportgen.errors import ConversionError

        results: list[Output | str] = []
        for (kind, _), future in zip(self.rendered[key].documents, self.pdfs.pop(key), strict=True):
            try:
                results.append(Output(kind, "pdf", future.result()))
            except ConversionError as error:
                results.append(error.message(self.settings.lang))
        return results

    def _place(self, key: int, pdfs: list[Output | str]) -> None:
        """Move the new files into the application's folder (its old outputs go), the
        manifest last: an interruption in between leaves a manifest that is not current."""
        rendered, staged = self.rendered.pop(key), self.staging / str(key)
        made = [p for p in pdfs if isinstance(p, Output)]
        failures = [p for p in pdfs if isinstance(p, str)]
        outputs = rendered.outputs + made
        files = [o.path.name for o in outputs] + [MANIFEST]
        try:
            write_manifest(staged, rendered.manifest, outputs)  # once, with the PDFs
            folder = output_folder(inside(self.out, self.folders[key]))
            stale = [o.path for o in listed_outputs(folder) if o.path.name not in files]
            remove(folder / MANIFEST)  # from here on the folder does not claim to be current
            for path in stale:
                remove(path)
            for name in files:
                os.replace(staged / name, folder / name)
        except (OSError, RenderError) as exc:  # a read-only or full disk
            if not isinstance(exc, RenderError):
                exc = RenderError("output_write", file=str(self.out / self.folders[key]),
                                  **os_reason(exc))  # fmt: skip
            self._finish(key, rendered.row, "failed", [exc.message(self.settings.lang)])
            return
        finally:
            shutil.rmtree(staged, ignore_errors=True)
        row = rendered.row
        row.output = self.folders[key]
        self._finish(key, row, "failed" if failures else None, failures)

    def _remove_renamed(self, earlier: dict[str, str]) -> None:
        """The folders the last run made for these applications under another name (a
        product renamed since): once the new folder is in place, the old one goes."""
        now = set(self.folders.values())
        for key, folder in self.folders.items():
            old = earlier.get(str(self.files[key]))
            if old and old != folder and old not in now and self.rows[key].output == folder:
                remove_folder(self.out / old)

    def _death(self, event: Died) -> str:
        lang = self.settings.lang
        if event.detail:
            return text("batch_internal_error", lang, detail=event.detail)
        return text("batch_worker_died", lang, exitcode=event.exitcode)

    # -- bookkeeping
    def _results(self, count: int) -> Iterator[tuple[int, Any]]:
        """The next `count` results of phase one: the value, or the message of a death."""
        while count:
            event = self.events.get()
            if isinstance(event, Finished):
                yield event.key, event.value
            elif isinstance(event, Died):
                yield event.key, self._death(event)
            else:
                continue
            count -= 1

    def _finish(
        self, key: int, row: Row, status: str | None = None, problems: list[str] | None = None
    ) -> None:
        if status is not None:
            row.status = status
        row.problems = row.problems + (problems or [])
        self.rows[key] = row
        self._report(row=row)

    def _report(
        self, *, current: str = "", pid: int | None = None, row: Row | None = None, file: str = ""
    ) -> None:
        if self.on_progress is None:
            return
        failed = sum(r.status in ("errors", "failed") for r in self.rows.values())
        total = len(self.files) - len(self.ignored)
        self.on_progress(Progress(total, len(self.rows), failed, current, pid, row, file))


def _remove_abandoned_staging(out: Path) -> None:
    """Staging folders left by a batch that was SIGKILLed (its pid is in the name and gone)."""
    for folder in out.glob(".reportgen-batch-*-*"):
        if owner_gone(folder.name.split("-")[2]):
            shutil.rmtree(folder, ignore_errors=True)
