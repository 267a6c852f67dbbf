"""Worker processes for a batch: each works on one task at a time, so a process that
dies (killed, out of memory, a crash inside a C library) takes only its own task along.

concurrent.futures.ProcessPoolExecutor marks every pending task broken when one worker
dies, and cannot say which task killed it; here the task the dead process held is
reported as `Died` and a fresh process takes the next one.

Each process is driven by a thread of ours over a pipe, like the offices of
reportgen.convert. Everything that happens — a task started, finished, died — is put on one
`events` queue that the caller reads in its own thread. Processes come from a fork
server that has imported reportgen once: a new worker is a fork (~10 ms), not a new
interpreter (~0.5 s), and forking from that server is safe while this process runs the
converter's threads.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import queue
import signal
import threading
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

from reportgen.errors import bug_line

_PRELOAD = ["reportgen.batch.jobs", "reportgen.render", "reportgen.render.docx"]


@dataclass(frozen=True)
class Started:
    key: int
    pid: int


@dataclass(frozen=True)
class Finished:
    key: int
    value: Any


@dataclass(frozen=True)
class Died:
    """The process working on `key` ended (`exitcode` -9: SIGKILL), or the task raised an
    exception that is a bug (`detail` says which, in one line)."""

    key: int
    exitcode: int | None
    detail: str = ""


Event = Started | Finished | Died
_Task = tuple[int, Callable[..., Any], tuple[Any, ...]]


def _context() -> Any:
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(_PRELOAD)
        return context
    return multiprocessing.get_context("spawn")


class Workers:
    """`size` processes started as tasks come; `restart_after` tasks, a fresh process
    (keeps the memory of a long batch flat)."""

    def __init__(
        self, size: int, events: queue.SimpleQueue[Any], *, restart_after: int | None = None
    ) -> None:
        self._events = events
        self._tasks: queue.SimpleQueue[_Task | None] = queue.SimpleQueue()
        self._restart_after = restart_after
        self._context = _context()
        self._lock = threading.Lock()
        self._processes: set[Any] = set()
        self._closing = False
        self._threads = [
            threading.Thread(target=self._slot, name=f"reportgen-worker-{i}", daemon=True)
            for i in range(max(1, size))
        ]
        for thread in self._threads:
            thread.start()

    def submit(self, key: int, function: Callable[..., Any], *args: Any) -> None:
        """Run `function(*args)` in a worker; `function` must be importable by name."""
        self._tasks.put((key, function, args))

    def close(self, *, kill: bool = False) -> None:
        """Finish (or with `kill`: drop) the queued tasks and stop every process."""
        with self._lock:
            self._closing = self._closing or kill
            processes = list(self._processes)
        if kill:
            while True:
                try:
                    self._tasks.get_nowait()
                except queue.Empty:
                    break
            for process in processes:
                process.kill()
        for _ in self._threads:
            self._tasks.put(None)
        for thread in self._threads:
            thread.join()

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        self.close(kill=kind is not None)

    # -- one thread per process
    def _slot(self) -> None:
        process: Any = None
        connection: Connection | None = None
        done = 0
        try:
            while (task := self._tasks.get()) is not None:
                key, function, args = task
                if process is not None and self._restart_after and done >= self._restart_after:
                    self._stop(process, connection)
                    process = None
                if process is None:
                    with self._lock:
                        if self._closing:
                            continue
                        process, connection = self._spawn()
                    done = 0
                assert connection is not None
                self._events.put(Started(key, process.pid))
                try:
                    connection.send((function, args))
                    ok, value = connection.recv()
                except (EOFError, OSError):  # the process died: its task goes with it
                    process.join()
                    self._forget(process)
                    self._events.put(Died(key, process.exitcode))
                    process = None
                    continue
                done += 1
                self._events.put(Finished(key, value) if ok else Died(key, None, value))
        finally:
            if process is not None:
                self._stop(process, connection)

    def _spawn(self) -> tuple[Any, Connection]:
        ours, theirs = self._context.Pipe()
        process = self._context.Process(
            target=_serve, args=(theirs,), name="reportgen-batch-worker", daemon=True
        )
        process.start()
        theirs.close()
        self._processes.add(process)
        return process, ours

    def _stop(self, process: Any, connection: Connection | None) -> None:
        with contextlib.suppress(OSError):  # already gone: nothing to tell it
            if connection is not None:
                connection.send(None)
        process.join(timeout=5)
        if process.is_alive():
            process.kill()
            process.join()
        self._forget(process)

    def _forget(self, process: Any) -> None:
        with self._lock:
            self._processes.discard(process)


def _serve(connection: Connection) -> None:
    """A worker's life: tasks in, results out, until told to stop or the parent is gone."""
    # Ctrl-C reaches the whole process group; the parent decides what stops and when.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    while True:
        try:
            task = connection.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        function, args = task
        try:
            result: tuple[bool, Any] = (True, function(*args))
        except Exception as exc:  # a bug in reportgen: reported for this application alone
            result = (False, bug_line(exc))
        connection.send(result)
