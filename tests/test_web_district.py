"""The district's tables in the browser (reportgen/web/district.py, static/district.js): a
附件5 list built from the workspace's applications and typed rows, reordered by drag and
drop, over quota (said live, download refused until fixed or draft); the 附件3 form with
its mobile numbers checked; the city's table of every list."""

from __future__ import annotations

import io
import json
import os
import shutil
from pathlib import Path
from urllib.parse import quote

import docx
import openpyxl
import pytest

from reportgen.source import load
from reportgen.staff import check_list
from reportgen.web.app import create_app

from .conftest import EXAMPLES
from .web_tools import asgi, csrf_of, serve, wait_saved

HOSTILE = "杭州甲&乙<b>{{ x }}</b>有限公司"


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """The examples' applications, a copy of one with an error, and the example lists
    (staff/, naming ../digital-vision/… and ../advanced-cnc/…)."""
    root = tmp_path / "区县"
    for name in ("advanced-cnc", "digital-vision", "consumer-tea", "staff"):
        shutil.copytree(EXAMPLES / name, root / name)
    broken = root / "坏的申报"
    shutil.copytree(EXAMPLES / "invalid" / "evidence", broken / "evidence")
    shutil.copy(EXAMPLES / "invalid" / "launch-too-early.yaml", broken / "application.yaml")
    return root


def _new_file(page, base: str, kind: str, county: str) -> None:  # type: ignore[no-untyped-def]
    """A new district file made on the /district page, as a clerk makes it; its page opens."""
    page.goto(f"{base}/district")
    page.get_by_label("新建").select_option(kind)
    page.get_by_label("区县").select_option(county)
    page.get_by_role("button", name="新建").click()
    page.wait_for_url(f"**/district/{kind}/**")


def test_a_list_reordered_by_drag_and_drop_and_over_quota(
    workspace: Path,
    page,  # type: ignore[no-untyped-def]
) -> None:
    with serve(workspace, "--no-pdf") as base:
        _new_file(page, base, "list", "拱墅区")  # a quota of 1 (附件4), no brand
        file = workspace / "拱墅区-推荐.yaml"
        page.get_by_label("填报单位").fill("杭州市拱墅区经济和信息化局")
        page.get_by_label("填报人").fill("赵某")
        page.get_by_label("联系电话").fill("13900000001")
        # a typed row, with what a user may type: it is data
        page.get_by_role("button", name="手工填写一行").click()
        page.get_by_label("企业名称 1").fill(HOSTILE)
        page.get_by_label("产品名称及型号 1").fill("某产品 X1")
        page.get_by_label("类别 1").select_option(label="先进制造类")
        page.get_by_label("集群赛道 1").select_option("高端新材料")
        # the application with an error: its row says so, in the CLI's words
        page.get_by_label("从申报材料中添加").select_option("坏的申报/application.yaml")
        page.get_by_role("button", name="添加", exact=True).click()
        row_problems = page.locator('[data-problems-for="recommendations[1]"]')
        row_problems.get_by_text("未通过检查").wait_for()
        assert "上市时间" in row_problems.inner_text()
        # two ordinary rows on a quota of one: the county is named, live
        quota = page.locator("#quota-use")
        quota.get_by_text("拱墅区超出名额").wait_for()
        findings = page.locator("#district-findings")
        assert "拱墅区推荐名额为 1 个" in findings.inner_text()
        assert "第 2 条超出名额" in findings.inner_text()
        # and its tables are refused: the link is off, the server says no
        word = page.get_by_role("link", name="Word（.docx）")
        assert word.get_attribute("aria-disabled") is not None
        refused = page.request.get(f"{base}/district-tables/list/docx/{quote(file.name)}")
        assert refused.status == 409
        assert "还有错误" in refused.text()
        wait_saved(page)
        # 推荐顺序 by drag and drop: the application's row dropped on the first
        page.locator('tr[data-index="1"] .drag-handle').drag_to(page.locator('tr[data-index="0"]'))
        page.locator('tr[data-index="0"]').get_by_text("坏的申报/application.yaml").wait_for()
        wait_saved(page)
        rows = load(file).data["recommendations"]
        assert rows[0] == {"application": "坏的申报/application.yaml"}
        assert rows[1]["enterprise"] == HOSTILE
        assert "第 2 条超出名额" in findings.inner_text()  # the typed one is second now
        # a draft is offered
        page.get_by_label("有错误的也生成草稿").check()
        assert word.get_attribute("aria-disabled") is None
        with page.expect_download() as download:
            word.click()
        draft = docx.Document(download.value.path())
        text = "\n".join(p.text for p in draft.paragraphs)
        assert "草稿" in text
        cells = [c.text for t in draft.tables for r in t.rows for c in r.cells]
        assert HOSTILE in cells
        # the broken application taken out: within the quota, the tables are made
        page.get_by_label("有错误的也生成草稿").uncheck()
        page.locator('tr[data-index="0"]').get_by_role("button", name="删除此行").click()
        findings.get_by_text("没有发现问题").wait_for()
        assert "拱墅区超出名额" not in quota.inner_text()
        wait_saved(page)
        with page.expect_download() as download:
            page.get_by_role("link", name="Excel（.xlsx）").click()
        assert download.value.suggested_filename.endswith("-拱墅区.xlsx")
        sheet = openpyxl.load_workbook(io.BytesIO(download.value.path().read_bytes())).active
        values = [c for row in sheet.iter_rows(values_only=True) for c in row if c]
        assert HOSTILE in values and "草稿" not in " ".join(map(str, values))
    checked = check_list(file)
    assert checked.valid and [e.enterprise for e in checked.entries] == [HOSTILE]


def test_the_contacts_form_checks_mobiles(
    workspace: Path,
    page,  # type: ignore[no-untyped-def]
) -> None:
    with serve(workspace, "--no-pdf") as base:
        _new_file(page, base, "contacts", "滨江区")
        for label, value in (("科室", "产业科"), ("姓名", "钱某"), ("职务", "科长")):
            page.get_by_label(f"{label} 1").fill(value)
        page.get_by_label("手机号码（浙政钉号码） 1").fill("1380000")  # seven digits
        problems = page.locator('[data-problems-for="staff[0]"]')
        problems.get_by_text("手机").wait_for()
        page.get_by_role("button", name="添加一人").click()
        assert page.get_by_role("button", name="添加一人").is_disabled()  # 1—2 people
        page.locator('tr[data-row="staff[1]"]').get_by_role("button", name="删除此行").click()
        page.get_by_label("手机号码（浙政钉号码） 1").fill("13800000000")
        page.locator("#district-findings").get_by_text("没有发现问题").wait_for()
        wait_saved(page)
        with page.expect_download() as download:
            page.get_by_role("link", name="Word（.docx）").click()
        form = docx.Document(download.value.path())
    cells = [c.text for t in form.tables for r in t.rows for c in r.cells]
    assert {"滨江区", "产业科", "钱某", "科长", "13800000000"} <= set(cells)
    saved = load(workspace / "滨江区-工作人员.yaml").data
    assert saved["staff"][0]["mobile"] == "13800000000"


def test_the_city_collects_every_list(workspace: Path) -> None:
    app = create_app(workspace)
    page = asgi(app, "GET", "/district/city").body.decode()
    assert "杭州市推荐汇总" in page
    assert page.count("（未报送）") == 11  # 13 counties of 杭州市, two lists sent
    assert "杭州视谷智能检测技术有限公司" in page and "1/7；1/2（中国视谷）" in page
    made = asgi(app, "GET", "/district/city.docx")
    assert made.status == 200
    cells = [
        c.text for t in docx.Document(io.BytesIO(made.body)).tables for r in t.rows for c in r.cells
    ]
    assert "（未报送）" in cells and "杭州富春精工数控机床有限公司" in cells
    # a list with an error: the city's table is refused, unless a draft
    bad = workspace / "staff" / "萧山区-推荐.yaml"
    bad.write_text(
        bad.read_text("utf-8").replace("advanced, cluster_track", "nonsense, cluster_track"),
        "utf-8",
    )
    assert asgi(app, "GET", "/district/city.xlsx").status == 409
    assert asgi(app, "GET", "/district/city.xlsx?draft=1").status == 200
    assert "萧山区" in asgi(app, "GET", "/district/city").body.decode()


def test_the_page_saves_a_list_as_the_cli_reads_it(workspace: Path) -> None:
    app = create_app(workspace)
    id = "staff/萧山区-推荐.yaml"
    file = workspace / id
    page = asgi(app, "GET", f"/district/list/{quote(id)}").body.decode()
    version = page.split('data-version="', 1)[1].split('"', 1)[0]
    data = load(file).data
    data["unit"] = "杭州市萧山区经信局"
    data["recommendations"].reverse()
    body = json.dumps({"data": data, "version": version}, ensure_ascii=False).encode()
    saved = asgi(app, "POST", f"/api/district/save/list/{quote(id)}", body, **csrf_of(app))
    assert saved.status == 200
    text = file.read_text("utf-8")
    assert text.startswith("# 萧山区的推荐表")  # the file's own comments stay
    assert [e.number for e in check_list(file).entries] == [1, 2]
    assert check_list(file).entries[0].enterprise == "杭州湘湖新材料有限公司"
    # a second page still at the first version is refused: nothing overwritten
    again = asgi(app, "POST", f"/api/district/save/list/{quote(id)}", body, **csrf_of(app))
    assert again.status == 409 and file.read_text("utf-8") == text
    # the check reads what the page holds, not the file
    data["county"] = "不存在区"
    body = json.dumps(data, ensure_ascii=False).encode()
    checked = asgi(app, "POST", f"/api/district/check/list/{quote(id)}", body, **csrf_of(app))
    assert not checked.json()["valid"]
    assert any("不存在区" in f["message"] for f in checked.json()["findings"])


@pytest.mark.parametrize(
    "url",
    [
        "/district/list/staff/%2e%2e/staff/萧山区-推荐.yaml",
        "/district/list/advanced-cnc/application.yaml",  # an application is not a list
        "/district/list/../../etc/passwd-推荐.yaml",
        "/district/other/staff/萧山区-推荐.yaml",
        "/district/contacts/staff/萧山区-推荐.yaml",  # a list is not a contacts form
        "/district-tables/list/pdf/staff/萧山区-推荐.yaml",
        "/district/list/staff/没有-推荐.yaml",
    ],
)
def test_only_the_districts_files_are_served(workspace: Path, url: str) -> None:
    assert asgi(create_app(workspace), "GET", url).status == 404


def test_a_new_file_only_for_a_county_of_the_call(workspace: Path) -> None:
    app = create_app(workspace)
    form = {"content_type": "application/x-www-form-urlencoded", **csrf_of(app)}
    made = asgi(
        app, "POST", "/district/new", f"kind=list&county={quote('滨江区')}".encode(), **form
    )
    assert made.status == 200 and (workspace / "滨江区-推荐.yaml").is_file()
    starter = load(workspace / "滨江区-推荐.yaml").data
    assert starter["county"] == "滨江区" and starter["recommendations"] == []
    again = asgi(
        app, "POST", "/district/new", f"kind=list&county={quote('滨江区')}".encode(), **form
    )
    assert again.status == 409 and "已有" in again.json()["error"]
    unknown = asgi(
        app, "POST", "/district/new", f"kind=list&county={quote('../x')}".encode(), **form
    )
    assert unknown.status == 400
    no_csrf = asgi(
        app, "POST", "/district/new", b"kind=list&county=x", content_type=form["content_type"]
    )
    assert no_csrf.status == 403


def test_the_readmes_screenshot_of_a_list(
    workspace: Path,
    tmp_path: Path,
    page,  # type: ignore[no-untyped-def]
) -> None:
    """The README's picture of the 附件5 page (test_web_pages.py's rule: docs/images/ with
    REPORTGEN_SCREENSHOTS=1), one ordinary row over 萧山区's quota of its brand."""
    from .test_web_pages import IMAGES, SCREENSHOTS_VARIABLE, _png_size
    from .web_tools import VIEWPORT

    folder = IMAGES if os.environ.get(SCREENSHOTS_VARIABLE) == "1" else tmp_path / "images"
    folder.mkdir(parents=True, exist_ok=True)
    shot = folder / "web-district.png"
    with serve(workspace, "--no-pdf") as base:
        page.goto(f"{base}/district/list/{quote('staff/萧山区-推荐.yaml')}")
        page.get_by_label("从申报材料中添加").select_option("../坏的申报/application.yaml")
        page.get_by_role("button", name="添加", exact=True).click()
        page.locator('[data-problems-for="recommendations[2]"]').get_by_text(
            "未通过检查"
        ).wait_for()
        wait_saved(page)
        page.screenshot(path=shot)
    assert _png_size(shot) == (VIEWPORT["width"], VIEWPORT["height"])


def test_with_accounts_each_user_has_the_lists_of_their_folders(tmp_path: Path) -> None:
    """A district's staff sees and makes lists in the folders granted, never another's."""
    from reportgen.web.accounts import Accounts

    root = tmp_path / "工作目录"
    for county in ("萧山区", "富阳区"):  # each district's list, with its applications
        (root / county / "staff").mkdir(parents=True)
        list_file = f"{county}-推荐.yaml"
        shutil.copy(EXAMPLES / "staff" / list_file, root / county / "staff" / list_file)
        for name in ("advanced-cnc", "digital-vision"):
            shutil.copytree(EXAMPLES / name, root / county / name)
    Accounts(root).add("xiao", "correct horse battery", ["萧山区"])
    app = create_app(root)
    body = json.dumps({"name": "xiao", "password": "correct horse battery", "next": "/"})
    signed = asgi(app, "POST", "/login", body.encode(), content_type="application/json",
                  **csrf_of(app))  # fmt: skip
    cookie = signed.headers["set-cookie"].split(";", 1)[0]
    page = asgi(app, "GET", "/district", cookie=cookie).body.decode()
    assert "萧山区/staff/萧山区-推荐.yaml" in page and "富阳区/staff" not in page
    other = quote("富阳区/staff/富阳区-推荐.yaml")
    assert asgi(app, "GET", f"/district/list/{other}", cookie=cookie).status == 404
    assert asgi(app, "GET", f"/district-tables/list/docx/{other}", cookie=cookie).status == 404
    form = {"content_type": "application/x-www-form-urlencoded", **csrf_of(app)}
    made = asgi(app, "POST", "/district/new", f"kind=list&county={quote('滨江区')}".encode(),
                cookie=cookie, **form)  # fmt: skip
    assert made.status == 200 and (root / "萧山区" / "滨江区-推荐.yaml").is_file()
    city = asgi(app, "GET", "/district/city", cookie=cookie).body.decode()
    assert "杭州视谷智能检测技术有限公司" in city  # 萧山区's list
    assert "杭州富春精工数控机床有限公司" not in city  # 富阳区's is not this user's
