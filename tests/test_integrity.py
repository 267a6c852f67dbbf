"""After any run, an output folder holds exactly the documents of the input its manifest
names, or no manifest: a full disk, evidence gone since the check, a truncated file or
a renamed product never leave documents that look current."""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from reportgen.batch import build_batch
from reportgen.checks.validation import check_file
from reportgen.cli import cli
from reportgen.errors import RenderError
from reportgen.render import render
from reportgen.render.manifest import MANIFEST, read_manifest

from .conftest import ADVANCED
from .pdf_tools import needs_libreoffice

PRODUCT = "  name: 高精度五轴联动数控加工中心"


@pytest.fixture
def client(tmp_path: Path) -> Path:
    shutil.copytree(ADVANCED.parent, tmp_path / "clients" / "cnc")
    return tmp_path / "clients" / "cnc" / "application.yaml"


def _edit(file: Path, old: str, new: str) -> None:
    text = file.read_text("utf-8")
    assert old in text
    file.write_text(text.replace(old, new, 1), "utf-8")


def _listed(folder: Path) -> set[str]:
    manifest = read_manifest(folder)
    return {o["path"] for o in manifest["outputs"]} | {MANIFEST} if manifest else set()


def test_a_full_disk_leaves_no_documents_that_look_current(
    client: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    render(check_file(client), out)
    assert (out / MANIFEST).is_file()
    _edit(client, "2023, product_sales: 1850", "2023, product_sales: 1900")
    real_replace, calls = os.replace, []

    def full_disk(source: Any, target: Any) -> None:
        calls.append(target)
        if len(calls) == 2:  # the second document: the disk filled up after the first
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", full_disk)
    with pytest.raises(RenderError) as raised:
        render(check_file(client), out)
    assert raised.value.code == "output_write" and "磁盘已满" in raised.value.message("zh")
    assert sorted(p.name for p in out.iterdir()) == []  # neither old nor new documents


def test_evidence_deleted_after_the_check_stops_the_render(client: Path, tmp_path: Path) -> None:
    checked = check_file(client)
    assert checked.valid
    (client.parent / "evidence" / "sales-statement.pdf").unlink()
    with pytest.raises(RenderError) as raised:
        render(checked, tmp_path / "out")
    assert raised.value.code == "evidence_changed"
    assert "evidence/sales-statement.pdf" in raised.value.message("zh")
    assert not (tmp_path / "out" / MANIFEST).exists()


def test_a_renamed_product_leaves_only_the_new_documents(client: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / "notes.txt").parent.mkdir(parents=True)
    (out / "notes.txt").write_text("the user's own file", "utf-8")
    render(check_file(client), out)
    _edit(client, PRODUCT, "  name: 五轴加工中心 V2")
    render(check_file(client), out)
    names = {p.name for p in out.iterdir()}
    assert names == _listed(out) | {"notes.txt"}
    assert all("高精度" not in name for name in names)


def test_a_hand_made_manifest_cannot_make_render_delete_the_user_s_files(
    client: Path, tmp_path: Path
) -> None:
    out = client.parent  # documents written beside the application
    (out / MANIFEST).write_text(
        '{"outputs": [{"kind": "x", "format": "yaml", "path": "application.yaml"}]}', "utf-8"
    )
    render(check_file(client), out)
    assert client.is_file()


@pytest.mark.slow
def test_batch_renders_again_what_was_emptied_or_renamed(client: Path, tmp_path: Path) -> None:
    out, clients = tmp_path / "out", client.parent.parent
    first = build_batch([clients], out, pdf=False).rows[0]
    folder = out / first.output
    book = next(folder.glob("*报告书.docx"))
    book.write_bytes(b"")  # a copy that failed half-way, a disk that filled up
    again = build_batch([clients], out, pdf=False).rows[0]
    assert again.status == "ok" and book.stat().st_size > 0
    assert build_batch([clients], out, pdf=False).rows[0].status == "skipped"

    _edit(client, PRODUCT, "  name: 五轴加工中心 V2")
    renamed = build_batch([clients], out, pdf=False).rows[0]
    assert renamed.output != first.output and renamed.status == "ok"
    folders = {p.name for p in out.iterdir() if p.is_dir()}
    assert folders == {renamed.output}  # the old product's folder is gone


def _os_error(code: int) -> OSError:
    return OSError(code, os.strerror(code))


@needs_libreoffice
def test_a_full_disk_under_a_batch_fails_its_rows_not_the_batch(
    client: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reportgen.convert import office

    def full(path: Path, data: bytes) -> None:
        raise RenderError("output_write", file=str(path), errno="ENOSPC", reason="full")

    monkeypatch.setattr(office, "write_atomic", full)  # the PDFs: written by this process
    summary = build_batch([client.parent.parent], tmp_path / "out", jobs=1)
    (row,) = summary.rows
    assert row.status == "failed" and "磁盘已满" in row.problems[0]
    assert (tmp_path / "out" / "summary.json").is_file()


def test_a_read_only_output_folder_is_one_line(
    client: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    render(check_file(client), out)
    real_unlink = Path.unlink

    def read_only(self: Path, missing_ok: bool = False) -> None:
        if self.parent == out:
            raise _os_error(errno.EROFS)
        real_unlink(self, missing_ok=missing_ok)

    monkeypatch.setattr(Path, "unlink", read_only)
    result = CliRunner().invoke(cli, ["render", str(client), "-o", str(out), "--no-pdf"])
    assert result.exit_code == 3
    assert result.output.strip().endswith("磁盘是只读的") and "无法删除上次生成的" in result.output


def test_a_batch_into_a_read_only_folder_is_one_line(
    client: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tempfile

    def read_only(*_: object, **__: object) -> str:
        raise _os_error(errno.EROFS)

    (tmp_path / "out").mkdir()
    monkeypatch.setattr(tempfile, "mkdtemp", read_only)
    result = CliRunner().invoke(
        cli, ["batch", str(client.parent.parent), "-o", str(tmp_path / "out"), "--no-pdf"]
    )
    assert result.exit_code == 3 and "Traceback" not in result.output
    assert "无法创建输出文件夹" in result.output and "磁盘是只读的" in result.output
