"""The application's facts as one sheet (reportgen/render/facts.py, `reportgen export`):
one field per row with its Chinese label, in the report book's order, every value as
text; read back with openpyxl."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import openpyxl

from reportgen.source import load

from .conftest import EXAMPLES

ADVANCED = EXAMPLES / "advanced-cnc" / "application.yaml"


def _export(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "reportgen", "export", *args],
                          capture_output=True, text=True, timeout=120)  # fmt: skip


def test_the_facts_one_field_a_row_in_the_books_order(tmp_path: Path) -> None:
    out = tmp_path / "申报信息.xlsx"
    run = _export(str(ADVANCED), "-o", str(out))
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == f"已写出 {out}"
    sheet = openpyxl.load_workbook(out).active
    rows = [tuple(c.value for c in row) for row in sheet.iter_rows()]
    assert rows[0] == ("字段", "内容", "字段路径")
    by_path = {path: (label, value) for label, value, path in rows[1:] if path}
    data = load(ADVANCED).data
    assert by_path["enterprise.name"] == ("企业名称", data["enterprise"]["name"])
    assert by_path["enterprise.credit_code"][1] == data["enterprise"]["credit_code"]
    assert by_path["product.models"][1] == "、".join(data["product"]["models"])
    assert by_path["product.category"][1] == "先进制造类"
    first = data["financials"][0]
    label, value = by_path["financials[0].product_sales"]
    assert label == f"{first['year']} 产品销售收入（万元）" and value == str(first["product_sales"])
    assert by_path["evidence[0].file"][1] == data["evidence"][0]["file"]
    order = [path.split(".")[0].split("[")[0] for _, _, path in rows[1:] if path]
    sections = list(dict.fromkeys(order))
    assert sections == ["call", "enterprise", "product", "financials", "evidence"]
    assert not any(path.startswith("report") for _, _, path in rows[1:] if path)


def test_what_a_user_wrote_stays_text(tmp_path: Path) -> None:
    source = ADVANCED.read_text("utf-8")
    name = load(ADVANCED).data["enterprise"]["name"]
    hostile = '=HYPERLINK("http://x","点我")&<b>'
    changed = tmp_path / "application.yaml"
    changed.write_text(source.replace(f"name: {name}", f"name: '{hostile}'", 1), "utf-8")
    for evidence in (EXAMPLES / "advanced-cnc" / "evidence").iterdir():
        (tmp_path / "evidence").mkdir(exist_ok=True)
        (tmp_path / "evidence" / evidence.name).write_bytes(evidence.read_bytes())
    out = tmp_path / "out.xlsx"
    assert _export(str(changed), "-o", str(out)).returncode == 0
    sheet = openpyxl.load_workbook(out).active
    cell = next(row[1] for row in sheet.iter_rows() if row[2].value == "enterprise.name")
    assert cell.value == hostile and cell.data_type == "s"  # text, never a formula


def test_a_file_that_cannot_be_read_exports_nothing(tmp_path: Path) -> None:
    broken = tmp_path / "application.yaml"
    broken.write_text("enterprise: [\n", "utf-8")
    out = tmp_path / "out.xlsx"
    run = _export(str(broken), "-o", str(out))
    assert run.returncode == 1 and not out.exists()
    assert "Traceback" not in run.stderr + run.stdout
