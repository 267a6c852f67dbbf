"""An office that dies, at whatever moment and through whatever error its death shows,
is replaced and its document converted again: every PDF is made, and no LibreOffice
outlives the run."""

from __future__ import annotations

import os
import shutil
import signal
import threading
import time
from concurrent.futures import Future
from pathlib import Path

import pytest

from reportgen.batch import Progress, build_batch
from reportgen.checks.validation import check_file
from reportgen.convert import ConverterPool
from reportgen.render import render

from .conftest import EXAMPLES
from .pdf_tools import needs_libreoffice, our_offices, pdf_info

pytestmark = needs_libreoffice


def _children() -> list[int]:
    """The offices this process started (a parallel run's are not ours to kill)."""
    mine = []
    for pid in our_offices():
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
        except OSError:
            continue
        if int(stat.rpartition(")")[2].split()[1]) == os.getpid():
            mine.append(pid)
    return mine


def _kill(pids: list[int]) -> bool:
    """SIGKILL the first of `pids` still there."""
    for pid in pids:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            continue
        return True
    return False


@pytest.fixture(scope="module")
def twelve(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    out = tmp_path_factory.mktemp("twelve")
    made = [o.path for o in render(check_file(EXAMPLES / "advanced-cnc" / "application.yaml"), out)]
    book, letter = (
        next(p for p in made if p.name.endswith(end)) for end in ("报告书.docx", "承诺书.docx")
    )
    documents = []
    for i in range(12):
        documents.append(out / f"{i:02d}.docx")
        shutil.copy(book if i % 3 == 0 else letter, documents[-1])
    return documents


def test_offices_killed_at_several_moments_of_twelve_documents(
    twelve: list[Path], tmp_path: Path
) -> None:
    """Killed in the middle of a document (never the same document twice: each is
    retried once) and between documents."""
    done: list[Path] = []
    killed: list[str] = []  # the documents whose office was killed under them
    idle_kills: list[int] = []
    lock = threading.Lock()
    with ConverterPool(2) as pool:

        def mid_document() -> None:
            for pid, name in pool.busy().items():
                if name not in killed and _kill([pid]):
                    killed.append(name)
                    return

        def finished(future: Future[Path]) -> None:
            with lock:
                done.append(future.result())
                count = len(done)
            if count in (3, 6, 9):
                mid_document()
            elif count in (4, 8):  # this thread's office, between two documents
                slot = int(threading.current_thread().name.rpartition("-")[2])
                office = pool._offices[slot]  # callbacks run in the office's thread
                if office.pid is not None and _kill([office.pid]):
                    while office.running:  # all its threads gone, before the next document
                        time.sleep(0.005)
                    idle_kills.append(count)

        futures = []
        for document in twelve:
            future = pool.submit(document, tmp_path / document.with_suffix(".pdf").name)
            future.add_done_callback(finished)
            futures.append(future)
        threading.Timer(0.3, mid_document).start()  # the first book
        results = [future.result(timeout=300) for future in futures]
    assert len(killed) >= 3 and idle_kills, (killed, idle_kills)
    assert [path.name for path in results] == [d.with_suffix(".pdf").name for d in twelve]
    for path in results:
        assert int(pdf_info(path)["Pages"]) >= 1
    assert pool.starts >= 2 + len(killed) + len(idle_kills)
    assert _children() == []


def test_a_batch_survives_offices_killed_under_it(tmp_path: Path) -> None:
    clients = tmp_path / "clients"
    for i in range(6):
        example = ("advanced-cnc", "consumer-tea", "digital-vision")[i % 3]
        shutil.copytree(EXAMPLES / example, clients / str(i))
        application = clients / str(i) / "application.yaml"
        text = application.read_text("utf-8")
        name = next(line for line in text.splitlines() if line.startswith("  name: "))
        application.write_text(text.replace(name, f"{name} {i}", 1), "utf-8")
    killed = []

    def progress(event: Progress) -> None:
        if event.row is not None and event.done in (1, 3):  # offices busy with the next
            killed.append(_kill(_children()))

    timer = threading.Timer(2.0, lambda: killed.append(_kill(_children())))
    timer.start()
    summary = build_batch([clients], tmp_path / "out", jobs=2, on_progress=progress)
    timer.cancel()
    assert any(killed)
    assert [row.status for row in summary.rows if row.status not in ("ok", "warnings")] == []
    for row in summary.rows:
        pdfs = list((tmp_path / "out" / row.output).glob("*.pdf"))
        assert len(pdfs) == 2, row.output  # the book and the letter
    assert _children() == []
