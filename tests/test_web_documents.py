"""The documents in the browser (reportgen/web/documents.py), the workspace's last render,
the note about comments a save dropped, and the guard's refusals in the page's language.

The routes are asked in-process (tests/web_tools' asgi(), no office: the Word documents
only); rendering with PDFs, the progress and the preview of the pages in a real browser
are in tests/test_web.py."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from reportgen.messages import text
from reportgen.source import load
from reportgen.starter import write_starter
from reportgen.web import jsondata
from reportgen.web.app import create_app
from reportgen.web.workspace import version

from .web_tools import CNC, advanced_workspace, asgi, csrf_of


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    return advanced_workspace(tmp_path)


@pytest.fixture
def app(workspace: Path) -> Any:
    return create_app(workspace)  # no converter: Word documents only


def _render(app: Any, id: str = CNC, query: str = "") -> list[dict[str, Any]]:
    answer = asgi(app, "POST", f"/api/render/{quote(id)}{query}", b"{}", **csrf_of(app))
    assert answer.status == 200 and answer.headers["content-type"] == "application/x-ndjson"
    return [json.loads(line) for line in answer.body.decode("utf-8").splitlines()]


def test_a_render_says_each_step_then_offers_what_it_made(app: Any, workspace: Path) -> None:
    lines = _render(app)
    assert [line.get("step") for line in lines[:-1]] == ["check", "documents"]
    result = lines[-1]["result"]
    assert {(f["kind"], f["format"]) for f in result["files"]} == {
        ("report_book", "docx"), ("commitment_letter", "docx"), ("check_report", "docx")
    }  # fmt: skip
    assert result["stale"] is False and result["rendered"][:2] == "20"
    assert asgi(app, "GET", f"/api/documents/{CNC}").json() == result  # the page's reload
    book = next(f["name"] for f in result["files"] if f["kind"] == "report_book")
    download = asgi(app, "GET", f"/files/{CNC}?name={quote(book)}")
    assert download.status == 200 and download.body[:2] == b"PK"
    # only what the manifest lists: not the manifest, not the application, not a path
    for name in ("manifest.json", "../application.yaml", "", book + ".pdf"):
        assert asgi(app, "GET", f"/files/{CNC}?name={quote(name)}").status == 404, name
        assert asgi(app, "GET", f"/document-page/{CNC}?name={quote(name)}&page=1").status == 404
    # a Word file has no pages to draw
    assert asgi(app, "GET", f"/document-page/{CNC}?name={quote(book)}&page=1").status == 404


def test_errors_refuse_the_render_unless_a_draft_is_asked(app: Any, workspace: Path) -> None:
    file = workspace / CNC
    file.write_text(file.read_text("utf-8").replace("2023-09-01", "2022-12-31"), "utf-8")
    refused = _render(app)[-1]["result"]
    assert refused == {"refused": text("web.documents.refused", "zh", errors=1)}
    assert "--draft" not in refused["refused"]  # the CLI's words: the page has no options
    drafted = _render(app, query="?draft=1")[-1]["result"]
    assert len(drafted["files"]) == 3


def test_the_workspace_shows_when_each_was_last_rendered(app: Any, workspace: Path) -> None:
    write_starter(workspace / "新客户")

    def row(name: str) -> str:
        page = asgi(app, "GET", "/").body.decode("utf-8")
        return next(r for r in page.split("<tr") if name in r)

    assert "未生成" in row("富春精工")
    result = _render(app)[-1]["result"]
    assert result["rendered"] in row("富春精工") and "之后有修改" not in row("富春精工")
    assert "未生成" in row("新客户")
    file = workspace / CNC
    file.write_text(file.read_text("utf-8").replace("2023-09-01", "2023-09-02"), "utf-8")
    assert "之后有修改" in row("富春精工")
    assert asgi(app, "GET", f"/api/documents/{CNC}").json()["stale"] is True


def test_a_save_that_drops_comments_says_how_many(app: Any, workspace: Path) -> None:
    file = write_starter(workspace / "新客户")
    id = "新客户/application.yaml"
    data = json.loads(jsondata.dumps(load(file).data))

    def saved(data: dict[str, Any]) -> dict[str, Any]:
        body = json.dumps({"data": data, "version": version(file)}, ensure_ascii=False)
        answer = asgi(app, "POST", f"/api/save/{quote(id)}", body.encode(), **csrf_of(app))
        assert answer.status == 200
        return answer.json()  # type: ignore[no-any-return]

    written = file.read_bytes()
    assert saved(data)["comments_lost"] == 0  # the same data: every comment kept
    # and every byte: null, [], the quoted phone number, the comments' columns, as written
    assert file.read_bytes() == written
    data["enterprise"]["name"] = "杭州新客户科技有限公司"
    saved(data)
    assert file.with_name("application.yaml.bak").read_bytes() == written  # the one before
    before, after = written.decode().splitlines(), file.read_text("utf-8").splitlines()
    changed = [(a, b) for a, b in zip(before, after, strict=True) if a != b]
    assert len(changed) == 1 and "杭州新客户科技有限公司" in changed[0][1]
    data["evidence"] = data["evidence"][:-1]  # a list of another length: its comments go
    assert saved(data)["comments_lost"] >= 1
    assert saved(data)["comments_lost"] == 0  # gone already: said once
    assert "# 征集批次" in file.read_text("utf-8")  # the others stay


def test_the_guard_refuses_in_the_pages_language(app: Any, workspace: Path) -> None:
    english = asgi(app, "POST", f"/api/check/{CNC}", b"{}", cookie="reportgen_lang=en")
    assert english.status == 403 and english.body.decode() == text("web.cross_site", "en")
    chinese = asgi(app, "POST", f"/api/check/{CNC}", b"{}")
    assert chinese.status == 403 and chinese.body.decode() == text("web.cross_site", "zh")
    token = create_app(workspace, token="s3cret")
    refused = asgi(token, "GET", "/?lang=en")
    assert refused.status == 403 and refused.body.decode() == text("web.token_needed", "en")


def test_selects_show_their_choices_not_the_yaml_values(app: Any) -> None:
    page = asgi(app, "GET", f"/edit/{CNC}").body.decode("utf-8")
    category = page.split('data-path="product.category"', 1)[1].split("</div>", 1)[0]
    assert '<option value="advanced">先进制造类</option>' in category
    assert "advanced 先进制造类 |" not in category  # the schema's help for YAML writers
    island = page.split('data-path="enterprise.mountain_island"', 1)[1].split("</select>", 1)[0]
    assert '<option value="">（不指定）</option>' in island
    assert '<option value="true">是</option><option value="false">否</option>' in island
