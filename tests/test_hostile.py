"""What an attacker writes into an application or a staff file stays data: file names
stay in the output folder and look like what they are, and spreadsheets run no formula."""

from __future__ import annotations

import csv
import json
import re
import shutil
from pathlib import Path

import pytest

from reportgen.batch import build_batch
from reportgen.render import render
from reportgen.render.names import MAX_NAME_BYTES, name_part
from reportgen.staff import contacts, recommend

from .conftest import ADVANCED, EXAMPLES, check_data, codes, example_data, finding

ESCAPE = "../../../../../escaped"


def _files(folder: Path) -> set[Path]:
    return {p for p in folder.rglob("*") if p.is_file()}


@pytest.mark.parametrize("form", ["recommend", "contacts"])
def test_a_county_cannot_write_outside_the_output_folder(tmp_path: Path, form: str) -> None:
    work = tmp_path / "a" / "b" / "c" / "d" / "e"
    work.mkdir(parents=True)
    source = work / "list.json"
    if form == "recommend":
        data = json.loads(json.dumps(_yaml(EXAMPLES / "staff" / "萧山区-推荐.yaml")))
        shutil.copytree(EXAMPLES / "advanced-cnc", work / "clients" / "cnc")
    else:
        data = _yaml(EXAMPLES / "staff" / "萧山区-工作人员.yaml")
    data["county"] = ESCAPE + "/X"
    source.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    before = _files(tmp_path)
    out = work / "out"
    checked, written = (recommend if form == "recommend" else contacts)(source, out, draft=True)
    assert written, [f.code for f in checked.findings]
    assert all(path.parent == out for path in written)
    assert _files(tmp_path) - before == set(written)
    assert all(".." not in path.name or "/" not in path.name for path in written)


def _yaml(path: Path) -> dict:
    from reportgen.source import load

    return dict(load(path).data)


def test_file_names_drop_what_would_disguise_or_escape_them() -> None:
    assert name_part("报告书\u202excod.exe") == "报告书xcod.exe"
    assert name_part("../../x") == "_.._x"
    assert name_part("a\u200b\u2066b\ufeff") == "ab"
    assert name_part(' a:b*c?"d"<e>|f\x01 ') == "a_b_c__d__e__f_"
    assert name_part("...") == "_"


def test_long_names_are_shortened_readably_and_stay_distinct(tmp_path: Path) -> None:
    data = example_data()
    data["enterprise"]["name"] = "杭州" + "富春江" * 60 + "精工有限公司"  # 560 bytes
    first = render(check_data(data), tmp_path / "one")
    data["enterprise"]["name"] = data["enterprise"]["name"].replace("精工", "机械")
    second = render(check_data(data), tmp_path / "two")
    names = [o.path.name for o in first]
    assert all(len(name.encode()) <= MAX_NAME_BYTES for name in names)
    book = next(o.path.name for o in first if o.kind == "report_book" and o.format == "docx")
    assert re.fullmatch(r"杭州富春江[^…]+…[0-9a-f]{8}-浙江制造精品报告书\.docx", book), book
    other = next(o.path.name for o in second if o.kind == "report_book" and o.format == "docx")
    assert other != book  # the digest of the whole name keeps them apart


def test_right_to_left_overrides_are_warned_of_and_kept_out_of_file_names(
    tmp_path: Path,
) -> None:
    data = example_data()
    data["product"]["name"] = "数控机床\u202excod.exe"
    checked = check_data(data)
    warning = finding(checked, "bidi_characters")
    assert warning.path == "product.name" and "U+202E" in warning.message()
    assert checked.valid  # a warning: the text itself is the enterprise's
    names = [o.path.name for o in render(checked, tmp_path)]
    assert not any("\u202e" in name for name in names)
    assert any("数控机床xcod.exe-浙江制造精品报告书.docx" in name for name in names)


def test_the_batch_summary_csv_runs_no_formula(tmp_path: Path) -> None:
    clients = tmp_path / "clients"
    for n, name in enumerate(['=HYPERLINK("http://x.example","点击")', "@SUM(1+1)", "-2+3"]):
        shutil.copytree(ADVANCED.parent, clients / str(n))
        text = (clients / str(n) / "application.yaml").read_text("utf-8")
        old = "name: 杭州富春精工数控机床有限公司"
        (clients / str(n) / "application.yaml").write_text(
            text.replace(old, f"name: '{name}'", 1), "utf-8"
        )
    build_batch([clients], tmp_path / "out", pdf=False)
    with (tmp_path / "out" / "summary.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    enterprises = {row["企业名称"] for row in rows if row["企业名称"]}
    assert enterprises == {'\'=HYPERLINK("http://x.example","点击")', "'@SUM(1+1)", "'-2+3"}
    assert all(not cell.startswith(("=", "@", "+")) for row in rows for cell in row.values())
    assert all(row["平均销售额（万元）"][0].isdigit() for row in rows[:-1])  # numbers stay
    assert rows[-1]["状态"] == "共 3 份：有错误 0 · 生成失败 0 · 有警告 0 · 通过 3 · 未改动，跳过 0"


def test_the_examples_have_no_direction_characters() -> None:
    assert "bidi_characters" not in codes(check_data(example_data()))
