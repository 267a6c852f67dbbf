"""The LibreOffice pool under stress: killed offices, hangs, Ctrl-C, a killed reportgen."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from urllib.parse import unquote

import pytest
from click.testing import CliRunner

from reportgen.cli import cli
from reportgen.convert import ConverterPool
from reportgen.convert.libreoffice import find_libreoffice
from reportgen.convert.office import Office, single_office_pipe
from reportgen.errors import ConversionError

from .conftest import ADVANCED, ROOT
from .pdf_tools import needs_libreoffice, our_offices, pdf_info

pytestmark = needs_libreoffice


def alive(pid: int) -> bool:
    try:  # a zombie (killed, not yet reaped) has an empty command line
        return bool(Path(f"/proc/{pid}/cmdline").read_bytes())
    except OSError:
        return False


def wait_until(condition: object, seconds: float = 30) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if callable(condition) and condition():
            return True
        time.sleep(0.05)
    return False


def test_an_office_killed_mid_conversion_is_replaced(
    documents: dict[str, Path], tmp_path: Path
) -> None:
    with ConverterPool(1) as pool:
        pool.convert(documents["letter"], tmp_path / "warm.pdf")
        (first,) = pool.pids()
        future = pool.submit(documents["book"], tmp_path / "book.pdf")
        time.sleep(0.2)
        assert not future.done()  # the kill lands in the middle of the conversion
        os.kill(first, signal.SIGKILL)
        assert future.result() == tmp_path / "book.pdf"
        later = [pool.submit(documents["letter"], tmp_path / f"{i}.pdf") for i in range(3)]
        assert all(f.result().exists() for f in later)
        assert pool.pids() and pool.pids() != [first]
    assert pool.starts == 2
    assert int(pdf_info(tmp_path / "book.pdf")["Pages"]) > 10
    assert not list(tmp_path.glob("*.part"))


def test_a_hung_conversion_is_retried_once_then_reported_by_name(
    documents: dict[str, Path], tmp_path: Path
) -> None:
    with ConverterPool(1, timeout=0.01) as pool:
        results = pool.convert_all([documents["book"], documents["letter"]], tmp_path)
    assert pool.starts == 4  # each document: a first office, killed, and a fresh one
    for result, name in zip(results, ("book.docx", "letter.docx"), strict=True):
        assert result.error is not None and result.error.code == "conversion_timeout"
        message = result.error.message()
        assert name in message and "0.01 秒" in message and "重试" in message
    assert not list(tmp_path.iterdir())  # neither a PDF nor a partial one


def test_a_damaged_document_fails_alone_without_a_retry(
    documents: dict[str, Path], tmp_path: Path
) -> None:
    with ConverterPool(2) as pool:
        results = pool.convert_all(
            [documents["letter"], documents["damaged"], documents["book"]], tmp_path
        )
    assert [r.error is None for r in results] == [True, False, True]
    damaged = results[1].error
    assert damaged is not None and damaged.code == "docx_not_zip"  # refused before LibreOffice
    assert "damaged.docx" in damaged.message()
    assert pool.starts <= 2  # no restart for a bad file
    assert sorted(p.name for p in tmp_path.iterdir()) == ["book.pdf", "letter.pdf"]


def test_what_libreoffice_cannot_open_as_text_fails_alone_in_the_same_office(
    documents: dict[str, Path], tmp_path: Path
) -> None:
    # each document opens in the frame the one before it left (uno_bridge.Frame): a load
    # that fails, or a spreadsheet, must leave it fit for the next
    unknown, sheet = tmp_path / "unknown.docx", tmp_path / "sheet.docx"
    with zipfile.ZipFile(unknown, "w") as package:
        package.writestr("hello.xml", "<a>not a Word document</a>")
    with zipfile.ZipFile(sheet, "w") as package:
        package.writestr("[Content_Types].xml", SHEET_TYPES)
        package.writestr("_rels/.rels", SHEET_RELATIONS)
        package.writestr("xl/workbook.xml", SHEET_WORKBOOK)
    with ConverterPool(1) as pool:
        order = [documents["letter"], unknown, sheet, documents["book"]]
        results = pool.convert_all(order, tmp_path / "out")
    assert [r.error.code if r.error else "ok" for r in results] == [
        "ok", "conversion_unreadable", "conversion_unreadable", "ok"
    ]  # fmt: skip
    assert pool.starts == 1
    assert int(pdf_info(tmp_path / "out" / "book.pdf")["Pages"]) > 10


def test_a_load_that_fails_in_the_shared_frame_leaves_the_office_converting(
    documents: dict[str, Path], tmp_path: Path
) -> None:
    # a file gone between the pool's copy and LibreOffice's load: the load raises (type
    # detection), the bridge's frame is replaced, and the next document converts
    office = Office(find_libreoffice(), tmp_path / "offices", "test")
    office.start(60)
    try:
        office.convert(documents["letter"], tmp_path / "first.pdf", pdfa=False, timeout=60)
        with pytest.raises(ConversionError) as raised:
            office.convert(tmp_path / "gone.docx", tmp_path / "gone.pdf", pdfa=False, timeout=60)
        assert raised.value.code == "conversion_failed" and office.running
        office.convert(documents["book"], tmp_path / "book.pdf", pdfa=False, timeout=60)
    finally:
        office.stop()
    assert int(pdf_info(tmp_path / "book.pdf")["Pages"]) > 10
    assert not (tmp_path / "gone.pdf").exists()


SHEET_TYPES = (
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="xml" ContentType="application/xml"/><Override '
    'PartName="/xl/workbook.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>'
)
SHEET_RELATIONS = (
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="r1" Target="xl/workbook.xml" Type="http://schemas.openxmlformats.org/'
    'officeDocument/2006/relationships/officeDocument"/></Relationships>'
)
SHEET_WORKBOOK = (
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets/>'
    "</workbook>"
)


def test_offices_are_renewed_after_a_number_of_documents(
    documents: dict[str, Path], tmp_path: Path
) -> None:
    with ConverterPool(1, restart_after=2) as pool:
        for i in range(3):
            pool.convert(documents["letter"], tmp_path / f"{i}.pdf")
    assert [s.conversions for s in pool.stats] == [2, 1]
    assert all(s.peak_rss_mb >= s.last_rss_mb > 50 for s in pool.stats)


KEEP_CONVERTING = """
import sys, time
from pathlib import Path
from reportgen.convert import ConverterPool
pool = ConverterPool(2)
futures = [pool.submit(Path(sys.argv[1]), Path(sys.argv[2]) / f"{i}.pdf") for i in range(2)]
[f.result() for f in futures]
print(" ".join(map(str, pool.pids())), flush=True)
time.sleep(600)
"""


def test_no_office_outlives_a_killed_reportgen(documents: dict[str, Path], tmp_path: Path) -> None:
    parent = subprocess.Popen(
        [sys.executable, "-c", KEEP_CONVERTING, str(documents["letter"]), str(tmp_path)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert parent.stdout is not None
        pids = [int(pid) for pid in parent.stdout.readline().split()]
        assert len(pids) == 2 and all(alive(pid) for pid in pids)
    finally:
        parent.kill()  # SIGKILL: no cleanup code of reportgen runs
        parent.wait()
    assert wait_until(lambda: not any(alive(pid) for pid in pids), 10)


def _offices(profiles: set[Path]) -> list[int]:
    """This session's running offices; their profile folders are added to `profiles`."""
    found = our_offices()
    for pid in found:
        try:
            command = Path(f"/proc/{pid}/cmdline").read_bytes().decode().split("\0")
        except OSError:
            continue
        for argument in command:
            if argument.startswith("-env:UserInstallation=file://"):
                profiles.add(Path(unquote(argument.removeprefix("-env:UserInstallation=file://"))))
    return found


def _leftovers(pid: int, profiles: set[Path]) -> set[Path]:
    """What the reportgen `pid` left in /tmp: its offices' folders and their pipes. Only
    its own: a parallel run's (another checkout's tests) come and go meanwhile."""
    temporary, uid = Path(tempfile.gettempdir()), os.getuid()
    pipes = [temporary / f"OSL_PIPE_{uid}_{single_office_pipe(p)}" for p in profiles]
    return {
        *temporary.glob(f"reportgen-lo-{pid}-*"),
        *temporary.glob(f"OSL_PIPE_{uid}_reportgen-{pid}-*"),
        *(pipe for pipe in pipes if pipe.exists()),
    }


def test_ctrl_c_stops_render_with_130(tmp_path: Path) -> None:
    profiles: set[Path] = set()
    command = subprocess.Popen(
        [sys.executable, "-m", "reportgen", "render", str(ADVANCED), "-o", str(tmp_path)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
    )  # fmt: skip
    try:
        assert wait_until(lambda: len(_offices(profiles)) >= 1, 60)  # converting
        command.send_signal(signal.SIGINT)
        _, stderr = command.communicate(timeout=60)
    finally:
        command.kill()
    assert command.returncode == 130, stderr
    assert our_offices() == [] and profiles and _leftovers(command.pid, profiles) == set()


def test_ctrl_c_stops_convert_cleanly(documents: dict[str, Path], tmp_path: Path) -> None:
    sources = []
    for i in range(24):
        source = tmp_path / f"book{i}.docx"
        source.write_bytes(documents["book"].read_bytes())
        sources.append(source)
    out = tmp_path / "out"
    profiles: set[Path] = set()
    command = subprocess.Popen(
        [sys.executable, "-m", "reportgen", "convert", *map(str, sources), "-o", str(out)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    try:
        assert wait_until(lambda: len(_offices(profiles)) == 2, 60)
        # interrupted once the first PDFs are there: the offices are converting others
        # (a fixed sleep raced the 0.2 s a book takes: all 8 were done in 1.5 s)
        assert wait_until(lambda: out.exists() and any(out.glob("*.pdf")), 60)
        command.send_signal(signal.SIGINT)
        _, stderr = command.communicate(timeout=60)
    finally:
        command.kill()
    assert command.returncode == 130, stderr  # as shells report Ctrl-C; 1 is bad input
    assert "Traceback" not in stderr and stderr.strip().endswith("已中止。")
    assert our_offices() == []
    assert _leftovers(command.pid, profiles) == set()  # no profile folder, no pipe in /tmp
    finished = list(out.glob("*.pdf")) if out.exists() else []
    assert len(finished) < len(sources)
    for pdf in finished:  # what is there is whole
        assert int(pdf_info(pdf)["Pages"]) > 10
    if out.exists():
        leftovers = [p.name for p in out.iterdir() if p.suffix != ".pdf"]
        assert leftovers == []


def test_convert_command_converts_all_and_reports_the_failure(
    documents: dict[str, Path], tmp_path: Path
) -> None:
    result = CliRunner().invoke(
        cli,
        [
            "convert",
            str(documents["book"]),
            str(documents["damaged"]),
            str(documents["letter"]),
            "-o",
            str(tmp_path / "out"),
        ],
    )
    assert result.exit_code == 3, result.output
    assert "damaged.docx 不是 Word 文档" in result.output
    assert "共 3 个文档：2 个已转换为 PDF，1 个失败" in result.output
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["book.pdf", "letter.pdf"]


def test_convert_refuses_two_documents_for_one_pdf(
    documents: dict[str, Path], tmp_path: Path
) -> None:
    other = tmp_path / "elsewhere" / "letter.docx"
    other.parent.mkdir()
    other.write_bytes(documents["letter"].read_bytes())
    result = CliRunner().invoke(
        cli, ["convert", str(documents["letter"]), str(other), "-o", str(tmp_path / "out")]
    )
    assert result.exit_code == 2
    assert "letter.pdf" in result.output
    assert not (tmp_path / "out").exists()


def test_doctor_names_the_font_behind_each_official_name() -> None:
    result = CliRunner().invoke(cli, ["doctor"])
    assert result.exit_code == 0, result.output
    assert (
        "✓ LibreOffice: LibreOffice 7" in result.output
        or "✓ LibreOffice: LibreOffice" in result.output
    )
    for line in (
        "仿宋_GB2312 → Noto Serif CJK SC",
        "方正小标宋简体 → Noto Serif CJK SC",
        "黑体 → Noto Sans CJK SC",
        "楷体_GB2312 → LXGW WenKai",
        "宋体 → Noto Serif CJK SC",
        "Times New Roman → Liberation Serif",
    ):
        assert line in result.output
    assert "pandoc:" in result.output and "可以生成 PDF" in result.output


def test_doctor_gives_the_install_command_for_what_is_missing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("reportgen.convert.doctor.find_program", lambda: None)
    result = CliRunner().invoke(cli, ["doctor"])
    assert result.exit_code == 3
    assert "✗ LibreOffice: 未找到" in result.output
    assert (
        "sudo apt-get install -y --no-install-recommends libreoffice-writer-nogui" in result.output
    )
    find_libreoffice.cache_clear()


def test_an_exception_in_the_with_block_stops_the_offices(
    documents: dict[str, Path], tmp_path: Path
) -> None:
    with pytest.raises(RuntimeError), ConverterPool(2) as pool:
        for name in ("book", "letter"):  # each office starts with its first document
            pool.submit(documents[name], tmp_path / f"{name}.pdf")
        assert wait_until(lambda: len(pool.pids()) == 2, 30)
        raise RuntimeError("the caller's own bug")
    assert our_offices() == []
    assert not [p.name for p in tmp_path.iterdir() if p.suffix != ".pdf"]


def test_chinese_file_names_convert_under_the_c_locale(tmp_path: Path) -> None:
    """cron, CI and scripts run with LC_ALL=C: LibreOffice then could not read a Chinese
    file name ("type detection failed"), so every report book failed."""
    out = tmp_path / "输出"
    environment = {**os.environ, "LC_ALL": "C", "LANG": "C"}
    environment.pop("LC_CTYPE", None)
    result = subprocess.run(
        [sys.executable, "-m", "reportgen", "render", str(ADVANCED), "-o", str(out)],
        capture_output=True, text=True, env=environment, cwd=ROOT, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert len(list(out.glob("*.pdf"))) == 2
    doctor = subprocess.run(
        [sys.executable, "-m", "reportgen", "doctor"],
        capture_output=True, text=True, env=environment, cwd=ROOT, check=False,
    )  # fmt: skip
    assert "区域设置（字符集）: C → C.UTF-8" in doctor.stdout


def test_what_a_killed_reportgen_left_in_tmp_is_removed_by_the_next() -> None:
    from reportgen.convert import remove_abandoned
    from reportgen.convert.office import single_office_pipe

    temporary, uid = Path(tempfile.gettempdir()), os.getuid()
    dead = temporary / "reportgen-lo-999999999-abc"  # no such process
    alive = temporary / f"reportgen-lo-{os.getpid()}-abc"
    made = []
    for folder in (dead, alive):
        (folder / "office0" / "profile").mkdir(parents=True, exist_ok=True)
        pid = folder.name.split("-")[2]
        made += [
            temporary / f"OSL_PIPE_{uid}_reportgen-{pid}-office0-0",
            temporary / f"OSL_PIPE_{uid}_{single_office_pipe(folder / 'office0' / 'profile')}",
        ]
    for pipe in made:
        pipe.touch()
    try:
        remove_abandoned()
        assert not dead.exists() and not made[0].exists() and not made[1].exists()
        assert alive.exists() and made[2].exists() and made[3].exists()  # still running
    finally:
        shutil.rmtree(alive, ignore_errors=True)
        for pipe in made:
            pipe.unlink(missing_ok=True)
