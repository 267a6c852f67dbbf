"""reportgen batch: discovery, statuses, folders, summaries, incremental runs, isolation."""

from __future__ import annotations

import csv
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document

from reportgen.batch import Progress, build_batch, discover
from reportgen.cli import cli
from reportgen.errors import InputError
from reportgen.render import TEMPLATE_DIR

from .conftest import ADVANCED, EXAMPLES, VALID_EXAMPLES
from .pdf_tools import needs_libreoffice, our_offices, pdf_text

CNC = "杭州富春精工数控机床有限公司-高精度五轴联动数控加工中心"
TEA = "淳安千岛湖银珍茶业有限公司-千岛银珍有机绿茶"
VISION = "杭州视谷智能检测技术有限公司-工业视觉智能检测系统"


def _client(root: Path, name: str, example: Path = ADVANCED) -> Path:
    """A copy of an example's folder as clients/<name>/; returns its application file."""
    shutil.copytree(example.parent, root / name)
    return root / name / "application.yaml"


def _edit(file: Path, old: str, new: str) -> None:
    text = file.read_text("utf-8")
    assert old in text, old
    file.write_text(text.replace(old, new, 1), "utf-8")


@pytest.fixture
def clients(tmp_path: Path) -> Path:
    """The three examples, a copy of one (same names: a second folder), one with an error,
    one that cannot be parsed, and a YAML file that is not an application."""
    root = tmp_path / "clients"
    for example in VALID_EXAMPLES:
        _client(root, example.parent.name, example)
    _client(root, "zz-cnc-copy")
    late = _client(root, "late-tea", EXAMPLES / "consumer-tea" / "application.yaml")
    _edit(late, "launch_date: 2023", "launch_date: 2020")
    (root / "broken").mkdir()
    (root / "broken" / "application.json").write_text('{"format_version": 1,', "utf-8")
    (root / "other").mkdir()
    (root / "other" / "application.yml").write_text("services:\n  web: {}\n", "utf-8")
    (root / ".git" / "x").mkdir(parents=True)
    (root / ".git" / "x" / "application.yaml").write_text("not: read\n", "utf-8")
    return root


def _statuses(summary: object) -> dict[str, str]:
    rows = summary.rows  # type: ignore[attr-defined]
    return {Path(r.source).parent.name: r.status for r in rows}


def test_discovery_is_sorted_recursive_and_skips_hidden_folders(clients: Path) -> None:
    found = discover([clients, clients / "advanced-cnc" / "application.yaml"])
    names = [str(f.relative_to(clients)) for f in found]
    assert names == sorted(names)
    assert "advanced-cnc/application.yaml" in names and names.count(names[0]) == 1
    assert "broken/application.json" in names and "other/application.yml" in names
    assert not any(n.startswith(".git") for n in names)
    with pytest.raises(InputError):
        discover([clients / "nowhere"])


def test_a_folder_without_applications_is_an_error_not_an_empty_success(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = CliRunner().invoke(cli, ["batch", str(tmp_path / "empty"), "-o", str(tmp_path / "o")])
    assert result.exit_code == 1 and "没有找到申报文件" in result.output
    missing = CliRunner().invoke(cli, ["batch", str(tmp_path / "nowhere"), "-o", "o"])
    assert missing.exit_code == 2 and "Traceback" not in missing.output


def test_batch_statuses_folders_and_summaries(clients: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["batch", str(clients), "-o", str(out), "--no-pdf"])
    assert result.exit_code == 1, result.output  # one has errors, none failed
    assert "Traceback" not in result.output
    data = json.loads((out / "summary.json").read_text("utf-8"))
    rows = {Path(r["source"]).parent.name: r for r in data["rows"]}
    assert {k: r["status"] for k, r in rows.items()} == {
        "advanced-cnc": "ok",
        "consumer-tea": "ok",
        "digital-vision": "ok",
        "zz-cnc-copy": "ok",
        "late-tea": "errors",
        "broken": "errors",
    }
    assert data["totals"] == {
        "applications": 6,
        "errors": 2,
        "failed": 0,
        "warnings": 0,
        "ok": 4,
        "skipped": 0,
    }
    assert [Path(i["source"]).parent.name for i in data["ignored"]] == ["other"]
    # folders: one per application, the second with the same names gets a suffix
    assert rows["advanced-cnc"]["output"] == CNC and rows["zz-cnc-copy"]["output"] == f"{CNC}-2"
    assert rows["late-tea"]["output"] == "" and rows["broken"]["output"] == ""
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [CNC, f"{CNC}-2", TEA, VISION, "summary.csv", "summary.json", "summary.md"]
    )
    for folder in (CNC, f"{CNC}-2", TEA, VISION):
        files = sorted(p.name for p in (out / folder).iterdir())
        assert files == sorted(
            [
                f"{folder.removesuffix('-2')}-浙江制造精品报告书.docx",
                f"{folder.removesuffix('-2')}-承诺书.docx",
                "检查报告.md",
                "检查报告.docx",
                "manifest.json",
            ]
        )
    book = Document(str(out / TEA / f"{TEA}-浙江制造精品报告书.docx"))
    assert any("千岛银珍有机绿茶" in p.text for p in book.paragraphs)
    # the row's figures are the application's
    cnc = rows["advanced-cnc"]
    assert cnc["category"] == "先进制造类" and cnc["track"] == "工业母机与机器人"
    assert cnc["average_sales"] == pytest.approx(3913.33) and cnc["sales_threshold"] == 800
    assert cnc["rd_ratio"] == pytest.approx(4.65)
    assert any("上市时间" in p and "第" in p for p in rows["late-tea"]["problems"])
    # the CSV: BOM, CLI.md's columns, sorted by status then name, totals last
    raw = (out / "summary.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    table = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert table[0][:4] == ["申报文件", "状态", "错误", "警告"]
    assert table[0][-1] == "输出文件夹" and "研发投入占比（%）" in table[0]
    statuses = [line[1] for line in table[1:-1]]
    assert statuses == ["errors", "errors", "ok", "ok", "ok", "ok"]
    ok_names = [line[4] + line[5] for line in table[1:-1] if line[1] == "ok"]
    assert ok_names == sorted(ok_names)
    assert table[-1][0] == "合计" and table[-1][2] == "2"
    md = (out / "summary.md").read_text("utf-8")
    assert "共 6 份" in md and "需要处理的问题" in md and "不是申报文件" in md
    assert "other/application.yml" in md
    assert not list(out.glob(".reportgen-*")), "the staging folder is removed"


@pytest.mark.slow
def test_unchanged_rerun_skips_and_an_edit_renders_only_that_client(
    clients: Path, tmp_path: Path
) -> None:
    shutil.rmtree(clients / "broken")
    shutil.rmtree(clients / "late-tea")
    out = tmp_path / "out"
    abandoned = out / ".reportgen-batch-999999999-x1" / "3"  # a SIGKILLed run's leftovers
    abandoned.mkdir(parents=True)
    first = build_batch([clients], out, pdf=False)
    assert not abandoned.parent.exists()
    assert set(_statuses(first).values()) == {"ok"}
    manifest = json.loads((out / CNC / "manifest.json").read_text("utf-8"))
    assert len(manifest["inputs_sha256"]) == 64
    before = (out / TEA / "manifest.json").stat().st_mtime_ns

    again = build_batch([clients], out, pdf=False)
    assert set(_statuses(again).values()) == {"skipped"}
    assert (out / TEA / "manifest.json").stat().st_mtime_ns == before
    skipped = next(r for r in again.rows if r.output == CNC)
    assert skipped.category == "先进制造类"  # a skipped row still shows the figures
    assert again.exit_code == 0

    # the application file, then an evidence file: only that client is rendered again
    tea = clients / "consumer-tea" / "application.yaml"
    _edit(tea, "千岛银珍有机绿茶", "千岛银珍有机绿茶（特级）")
    edited = build_batch([clients], out, pdf=False)
    assert _statuses(edited)["consumer-tea"] == "ok"
    assert [s for k, s in _statuses(edited).items() if k != "consumer-tea"] == ["skipped"] * 3
    new_folder = next(r.output for r in edited.rows if "consumer-tea" in r.source)
    assert new_folder == TEA.replace("绿茶", "绿茶（特级）")
    evidence = sorted((clients / "digital-vision" / "evidence").iterdir())[0]
    evidence.write_bytes(evidence.read_bytes() + b"\n% revised\n")
    statuses = _statuses(build_batch([clients], out, pdf=False))
    assert statuses["digital-vision"] == "ok" and statuses["advanced-cnc"] == "skipped"
    # the same templates elsewhere change nothing; an edited template renders everything
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATE_DIR, templates)
    same = build_batch([clients], out, pdf=False, template_dir=templates)
    assert set(_statuses(same).values()) == {"skipped"}
    letter = Document(str(templates / "commitment_letter.docx"))
    letter.add_paragraph("（本所模板）")
    letter.save(str(templates / "commitment_letter.docx"))
    forced = build_batch([clients], out, pdf=False, template_dir=templates)
    assert set(_statuses(forced).values()) == {"ok"}
    forced = build_batch([clients], out, pdf=False, template_dir=templates, force=True)
    assert set(_statuses(forced).values()) == {"ok"}


@pytest.mark.slow
def test_a_killed_worker_fails_only_its_application(clients: Path, tmp_path: Path) -> None:
    shutil.rmtree(clients / "broken")
    out = tmp_path / "out"
    pids: set[int] = set()

    def kill_the_tea(progress: Progress) -> None:
        if progress.pid is not None:
            pids.add(progress.pid)
        if progress.current == TEA and progress.pid is not None:
            os.kill(progress.pid, signal.SIGKILL)

    summary = build_batch([clients], out, pdf=False, jobs=2, on_progress=kill_the_tea)
    rows = {Path(r.source).parent.name: r for r in summary.rows}
    assert rows["consumer-tea"].status == "failed"
    assert "信号 9" in rows["consumer-tea"].problems[0]
    assert rows["consumer-tea"].output == "" and not (out / TEA).exists()
    others = {k: r.status for k, r in rows.items() if k != "consumer-tea"}
    assert others == {
        "advanced-cnc": "ok",
        "digital-vision": "ok",
        "zz-cnc-copy": "ok",
        "late-tea": "errors",
    }
    assert summary.exit_code == 3
    assert not list(out.glob(".reportgen-*"))
    deadline = time.monotonic() + 5
    while any(Path(f"/proc/{pid}").exists() for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not [pid for pid in pids if Path(f"/proc/{pid}").exists()], "workers outlived"


def test_hostile_names_become_safe_folders_and_literal_summary_cells(
    tmp_path: Path,
) -> None:
    file = _client(tmp_path / "clients", "a")
    _edit(file, "杭州富春精工数控机床有限公司", 'A/B "C", <D> & {{ x }}|')
    out = tmp_path / "out"
    summary = build_batch([tmp_path / "clients"], out, pdf=False)
    row = summary.rows[0]
    assert row.status == "ok" and "/" not in row.output and (out / row.output).is_dir()
    table = list(csv.reader((out / "summary.csv").read_text("utf-8-sig").splitlines()))
    assert table[1][4] == 'A/B "C", <D> & {{ x }}|'
    assert 'A/B "C", <D> & {{ x }}\\|' in (out / "summary.md").read_text("utf-8")


@needs_libreoffice
def test_batch_with_pdfs_then_unchanged_and_no_pdf_reruns(tmp_path: Path) -> None:
    clients = tmp_path / "clients"
    _client(clients, "cnc")
    _client(clients, "tea", EXAMPLES / "consumer-tea" / "application.yaml")
    out = tmp_path / "out"
    summary = build_batch([clients], out)
    assert [r.status for r in summary.rows] == ["ok", "ok"]
    manifest = json.loads((out / CNC / "manifest.json").read_text("utf-8"))
    pdfs = [o["path"] for o in manifest["outputs"] if o["format"] == "pdf"]
    assert sorted(pdfs) == [f"{CNC}-承诺书.pdf", f"{CNC}-浙江制造精品报告书.pdf"]
    assert "高精度五轴联动数控加工中心" in pdf_text(out / CNC / pdfs[1])
    assert {r.status for r in build_batch([clients], out).rows} == {"skipped"}
    assert {r.status for r in build_batch([clients], out, pdf=False).rows} == {"skipped"}
    # a run without PDFs, then one that wants them: rendered again, PDFs back
    fresh = tmp_path / "fresh"
    build_batch([clients], fresh, pdf=False)
    assert {r.status for r in build_batch([clients], fresh).rows} == {"ok"}
    assert (fresh / TEA / f"{TEA}-承诺书.pdf").is_file()


@needs_libreoffice
def test_ctrl_c_keeps_finished_applications_and_leaves_nothing_else(tmp_path: Path) -> None:
    clients = tmp_path / "clients"
    for i in range(8):
        _client(clients, f"c{i}")
    out = tmp_path / "out"
    process = subprocess.Popen(
        [sys.executable, "-m", "reportgen", "batch", str(clients), "-o", str(out)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    first = process.stdout.readline()  # the first application is done
    assert "ok" in first, first + process.stderr.read() if process.stderr else first
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr
    assert "已中断" in stderr and "Traceback" not in stderr
    summary = json.loads((out / "summary.json").read_text("utf-8"))
    assert summary["interrupted"] is True
    finished = {r["output"] for r in summary["rows"]}
    assert 1 <= len(finished) < 8
    folders = {p.name for p in out.iterdir() if p.is_dir()}
    assert folders == finished, "only finished applications have a folder"
    for folder in folders:
        names = {p.name for p in (out / folder).iterdir()}
        # book and letter as .docx and .pdf, the check report as .docx and .md, manifest
        assert len(names) == 7 and "manifest.json" in names
    assert not list(out.glob(".reportgen-*"))
    assert our_offices() == []
