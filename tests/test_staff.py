"""reportgen staff: 附件5, 附件3 and the city's view, read back with python-docx and openpyxl."""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from docx import Document
from openpyxl import load_workbook

from reportgen.cli import cli
from reportgen.staff import check_contacts, check_list, collect, contacts, recommend

from .conftest import EXAMPLES

CNC_APP = EXAMPLES / "advanced-cnc"


def _inline(n: int, **extra: Any) -> dict[str, Any]:
    return {
        "enterprise": f"杭州某公司{n}",
        "product": f"产品 X{n}",
        "category": "advanced",
        "cluster_track": "工业母机与机器人",
    } | extra


def _list(folder: Path, county: str, recommendations: list[dict[str, Any]], **extra: Any) -> Path:
    data = {
        "format_version": 1,
        "call": "zj-2026",
        "unit": f"杭州市{county}经济和信息化局",
        "county": county,
        "filled_by": {"name": "王某", "phone": "13900000000"},
        "recommendations": recommendations,
    } | extra
    path = folder / f"{county}.json"
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), "utf-8")
    return path


def _codes(checked: Any, severity: str = "error") -> list[str]:
    return [f.code for f in checked.findings if f.severity == severity]


def test_recommend_writes_attachment_5_in_word_and_excel(tmp_path: Path) -> None:
    shutil.copytree(CNC_APP, tmp_path / "clients" / "cnc")
    file = _list(
        tmp_path,
        "滨江区",
        [
            _inline(1),
            {"application": "clients/cnc/application.yaml"},
            _inline(2, category="digital"),
        ],
    )
    checked, files = recommend(file, tmp_path / "out")
    assert checked.valid, [f.message() for f in checked.findings]
    assert [p.name for p in files] == [
        "2026年浙江制造精品推荐汇总表-滨江区.docx",
        "2026年浙江制造精品推荐汇总表-滨江区.xlsx",
    ]
    document = Document(str(files[0]))
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "附件5" and texts[1] == "2026年浙江制造精品推荐汇总表"
    assert "填报单位（盖章）：杭州市滨江区经济和信息化局" in texts
    assert any(t.startswith("填报人：王某") and "13900000000" in t for t in texts)
    assert any(t.startswith("注：1.“415X”先进制造业集群赛道：人工智能、智能物联") for t in texts)
    assert any(t.startswith("3.以先进制造业集群品牌名额推荐的请注明") for t in texts)
    section = document.sections[0]
    assert section.page_width > section.page_height  # landscape
    table = document.tables[0]
    header = [c.text for c in table.rows[0].cells]
    assert header[:3] == ["序号", "企业名称", "产品名称及型号"]
    assert header[3].startswith("产品类别") and "特色（消费品）类" in header[3]
    assert header[4] == "所在“415X”先进制造业集群赛道"
    assert header[5] == "是否以先进制造业集群品牌名额推荐"
    assert table.rows[0]._tr.trPr.xml.count("tblHeader") == 1  # repeated on every page
    rows = [[c.text for c in r.cells] for r in table.rows[1:]]
    assert [r[0] for r in rows] == ["1", "2", "3"]  # recommendation order
    assert rows[1][1] == "杭州富春精工数控机床有限公司" and rows[1][2].startswith("高精度五轴")
    assert rows[2][3] == "数字技术融合类" and rows[0][5] == "否"
    # Excel: the same table, frozen header, print setup
    sheet = load_workbook(files[1]).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    header_row = next(i for i, r in enumerate(values, 1) if r[0] == "序号")
    assert values[header_row - 1][1:3] == ["企业名称", "产品名称及型号"]
    assert [r[0] for r in values[header_row : header_row + 3]] == ["1", "2", "3"]
    assert sheet.freeze_panes == f"A{header_row + 1}"
    assert sheet.print_title_rows == f"${header_row}:${header_row}"
    assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.fitToWidth == 1
    assert sheet.cell(header_row + 1, 2).alignment.wrap_text
    assert sheet.cell(header_row + 1, 2).border.left.style == "thin"
    assert sheet.column_dimensions["B"].width >= 2 * len("杭州富春精工数控机床有限公司") * 0.9 or (
        sheet.column_dimensions["B"].width == 40
    )


@pytest.mark.parametrize("count, ok", [(7, True), (8, False)])
def test_quota_passes_at_the_limit_and_fails_above(tmp_path: Path, count: int, ok: bool) -> None:
    checked = check_list(_list(tmp_path, "滨江区", [_inline(n) for n in range(count)]))
    assert ("quota_exceeded" not in _codes(checked)) is ok
    if not ok:
        finding = next(f for f in checked.findings if f.code == "quota_exceeded")
        assert "第 8 条" in finding.message() and "7" in finding.message()
        assert finding.line is not None


def test_cluster_brand_rules(tmp_path: Path) -> None:
    vision = {"cluster_track": "智能物联", "cluster_brand_quota": True}
    at_limit = check_list(_list(tmp_path, "萧山区", [_inline(n, **vision) for n in range(2)]))
    assert at_limit.valid
    # brand ones do not count against the ordinary quota: 7 + 2 is fine
    full = [_inline(n) for n in range(7)] + [_inline(10 + n, **vision) for n in range(2)]
    assert check_list(_list(tmp_path, "萧山区", full)).valid
    three = check_list(_list(tmp_path, "萧山区", [_inline(n, **vision) for n in range(3)]))
    assert _codes(three) == ["brand_quota_exceeded"]
    wrong = check_list(_list(tmp_path, "萧山区", [_inline(1, cluster_brand_quota=True)]))
    assert _codes(wrong) == ["brand_quota_wrong_track"]
    none = check_list(_list(tmp_path, "滨江区", [_inline(1, **vision)]))
    assert _codes(none) == ["brand_quota_no_brand"]
    assert "萧山区“中国视谷”" in next(f.message() for f in none.findings)


def test_duplicates_unknown_county_and_applications_with_errors(tmp_path: Path) -> None:
    twice = check_list(_list(tmp_path, "滨江区", [_inline(1), _inline(2), _inline(1)]))
    assert _codes(twice) == ["recommendation_duplicate"]
    assert "第 3 条与第 1 条" in twice.findings[0].message()
    several = check_list(_list(tmp_path, "滨江区", [_inline(1), _inline(1, product="另一产品")]))
    assert several.valid and _codes(several, "warning") == ["recommendation_same_enterprise"]
    unknown = check_list(_list(tmp_path, "滨江县", [_inline(1)]))
    assert "staff_county_unknown" in _codes(unknown)
    assert "滨江区" in next(f.message() for f in unknown.findings)
    # an application with errors: its findings are quoted; a differing track is a warning
    shutil.copytree(CNC_APP, tmp_path / "late")
    app = tmp_path / "late" / "application.yaml"
    app.write_text(app.read_text("utf-8").replace("launch_date: 2023", "launch_date: 2020"))
    bad = check_list(
        _list(
            tmp_path,
            "滨江区",
            [{"application": "late/application.yaml", "cluster_track": "人工智能"}],
        )
    )
    assert _codes(bad) == ["recommendation_application_errors"]
    assert "上市时间" in bad.findings[0].message() or "上市时间" in bad.findings[1].message()
    assert _codes(bad, "warning") == ["recommendation_differs"]
    # nothing is written without --draft; with it, the title says 草稿
    assert recommend(tmp_path / "滨江区.json", tmp_path / "out")[1] == []
    _, files = recommend(tmp_path / "滨江区.json", tmp_path / "out", draft=True)
    assert "草稿" in Document(str(files[0])).paragraphs[1].text


def test_cli_exit_codes_and_messages(tmp_path: Path) -> None:
    file = _list(tmp_path, "滨江区", [_inline(n) for n in range(8)])
    result = CliRunner().invoke(cli, ["staff", "recommend", str(file), "-o", str(tmp_path / "o")])
    assert result.exit_code == 1 and "超出名额" in result.output and "第 8 条" in result.output
    assert not (tmp_path / "o").exists()
    ok = _list(tmp_path, "滨江区", [_inline(1)])
    result = CliRunner().invoke(cli, ["staff", "recommend", str(ok), "-o", str(tmp_path / "o")])
    assert result.exit_code == 0 and "推荐汇总表-滨江区.xlsx" in result.output


def _contacts(folder: Path, staff: list[dict[str, str]], county: str = "滨江区") -> Path:
    path = folder / "staff.json"
    path.write_text(json.dumps({"county": county, "staff": staff}, ensure_ascii=False), "utf-8")
    return path


def _person(name: str, mobile: str = "13812345678", county: str = "滨江区") -> dict[str, str]:
    return {"county": county, "office": "产业科", "name": name, "title": "科长", "mobile": mobile}


def test_contacts_form(tmp_path: Path) -> None:
    checked, files = contacts(_contacts(tmp_path, [_person("李某"), _person("张某")]), tmp_path)
    assert checked.valid
    document = Document(str(files[0]))
    assert [p.text for p in document.paragraphs][:3] == [
        "附件3",
        "工作人员信息汇总表",
        "区、县（市）：滨江区",
    ]
    table = document.tables[0]
    assert [c.text for c in table.rows[0].cells] == [
        "区、县（市）",
        "科室",
        "姓名",
        "职务",
        "手机号码\n（浙政钉号码）",
    ]
    assert [r.cells[2].text for r in table.rows[1:]] == ["李某", "张某"]
    assert any("每个区、县（市）可填报1-2位工作人员" in p.text for p in document.paragraphs)
    sheet = load_workbook(files[1]).active
    assert [r[2] for r in sheet.iter_rows(values_only=True) if r[2] in ("李某", "张某")] == [
        "李某",
        "张某",
    ]
    three = check_contacts(_contacts(tmp_path, [_person(n) for n in "甲乙丙"]))
    assert [f.code for f in three.findings] == ["too_many_items"]
    bad = check_contacts(_contacts(tmp_path, [_person("李某", mobile="0571-8888")]))
    assert [f.code for f in bad.findings] == ["mobile_format"]
    other = check_contacts(_contacts(tmp_path, [_person("李某", county="西湖区")]))
    assert other.valid and [f.code for f in other.findings] == ["contacts_county_mismatch"]


def test_collect_orders_counties_and_shows_quota_use(tmp_path: Path) -> None:
    lists = [
        _list(
            tmp_path,
            "萧山区",
            [_inline(1), _inline(2, cluster_track="智能物联", cluster_brand_quota=True)],
        ),
        _list(tmp_path, "上城区", [_inline(3), _inline(4)]),
    ]
    checked, files = collect(lists, tmp_path / "out")
    assert all(c.valid for c in checked)
    table = Document(str(files[0])).tables[0]
    rows = [[c.text for c in r.cells] for r in table.rows[1:]]
    counties = [r[0] for r in rows]
    assert counties[:2] == ["上城区", "上城区"]  # the policy's order: 上城区 before 萧山区
    assert counties.index("萧山区") > counties.index("西湖区")
    assert rows[0][1] == "2/2"
    xiaoshan = next(r for r in rows if r[0] == "萧山区")
    assert xiaoshan[1] == "1/7；1/2（中国视谷）"
    assert any(r[3] == "（未报送）" for r in rows if r[0] == "滨江区")
    assert len(rows) == len(checked[0].entries) + len(checked[1].entries) + 11
    # a list over its quota: reported for the city, written only as a draft
    over = _list(tmp_path, "拱墅区", [_inline(5), _inline(6)])
    checked, files = collect([*lists, over], tmp_path / "out2")
    assert files == []
    _, files = collect([*lists, over], tmp_path / "out2", draft=True)
    notes = [p.text for p in Document(str(files[0])).paragraphs]
    assert any(t.startswith("拱墅区：") and "超出名额" in t for t in notes)


def test_the_staff_examples_pass() -> None:
    for file in sorted((EXAMPLES / "staff").glob("*-推荐.yaml")):
        checked = check_list(file)
        assert checked.valid and checked.entries, [f.message() for f in checked.findings]
    assert check_contacts(EXAMPLES / "staff" / "萧山区-工作人员.yaml").valid


def test_hostile_text_comes_out_literally(tmp_path: Path) -> None:
    hostile = '=HYPERLINK("x") & <b> {{ y }} \x07'
    file = _list(tmp_path, "滨江区", [_inline(1, enterprise=hostile)])
    checked, files = recommend(file, tmp_path / "out")
    assert checked.valid
    cell = Document(str(files[0])).tables[0].rows[1].cells[1].text
    assert cell == '=HYPERLINK("x") & <b> {{ y }}'  # the control character dropped
    sheet = load_workbook(files[1]).active
    values = [c for row in sheet.iter_rows(values_only=True) for c in row]
    assert '=HYPERLINK("x") & <b> {{ y }}' in values  # text, not a formula


@pytest.mark.slow
def test_the_same_lists_give_the_same_bytes(tmp_path: Path) -> None:
    staff = EXAMPLES / "staff"
    made = []
    for run in ("one", "two"):
        out = tmp_path / run
        recommend(staff / "萧山区-推荐.yaml", out)
        contacts(staff / "萧山区-工作人员.yaml", out)
        collect(sorted(staff.glob("*-推荐.yaml")), out)
        made.append({p.name: p.read_bytes() for p in out.iterdir()})
        time.sleep(2.1)  # zip times count in two seconds
    assert len(made[0]) == 6 and made[0] == made[1]
    properties = Document(str(next((tmp_path / "one").glob("*推荐汇总表-萧山区.docx"))))
    assert properties.core_properties.created.year == 2026  # the day the call opened


def test_a_row_written_again_with_spaces_is_a_duplicate(tmp_path: Path) -> None:
    file = _list(
        tmp_path,
        "滨江区",
        [_inline(1), _inline(1, enterprise="杭州某公司 1", product="产品　X1")],
    )
    checked = check_list(file)
    assert "recommendation_duplicate" in _codes(checked)


def test_the_same_person_twice_is_a_warning(tmp_path: Path) -> None:
    data = {
        "county": "萧山区",
        "staff": [
            {"county": "萧山区", "office": "产业科", "name": "李某", "title": "科长",
             "mobile": "13812345678"},
            {"county": "萧山区", "office": "产业科", "name": "李 某", "title": "科长",
             "mobile": "13812345678"},
        ],
    }  # fmt: skip
    file = tmp_path / "contacts.json"
    file.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    warnings = [f for f in check_contacts(file).findings if f.code == "contacts_duplicate"]
    assert [f.path for f in warnings] == ["staff[1]"] and "第 1 位" in warnings[0].message()
