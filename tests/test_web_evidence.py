"""Evidence in the browser and the import of an application file (reportgen/web/evidence.py).

The browser tests drive Debian's chromium against a real `reportgen serve` (tests/web_tools)
and look at the disk after: what a clerk uploads by the button or by dropping files lands
in evidence/ under a safe name, is listed with its preview, is refused with the CLI's own
message when it is not what it says, is replaced only when confirmed, and is deleted; the
live check follows. The routes' refusals are asked of the app in-process (`asgi()`,
tests/web_tools: Starlette's TestClient needs httpx, which reportgen does not otherwise use), and
the size limit of a body that does not stop is asked of the real server too."""

from __future__ import annotations

import base64
import http.client
import os
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from reportgen.errors import InputError
from reportgen.messages import text
from reportgen.policy import BUILTIN
from reportgen.source import load, load_bytes
from reportgen.web import drawing as web_drawing
from reportgen.web.app import create_app

from .conftest import ADVANCED
from .web_tools import CNC, Asked, advanced_workspace, asgi, csrf_of, serve, wait_saved

EXAMPLE_EVIDENCE = ADVANCED.parent / "evidence"
PDF = (EXAMPLE_EVIDENCE / "audit-2023-2025.pdf").read_bytes()
PNG = (EXAMPLE_EVIDENCE / "quality-award.png").read_bytes()
LIMIT = BUILTIN.latest().evidence_max_bytes  # the call's limit of the example (20 MB)


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    return advanced_workspace(tmp_path)


def _evidence(workspace: Path) -> Path:
    return workspace / "advanced-cnc" / "evidence"


def _editor(tab: Any, base: str) -> None:
    tab.goto(f"{base}/edit/{CNC}")
    tab.wait_for_selector("#finding-count:not(:empty)")  # the first check has answered
    tab.wait_for_selector("#evidence-list li")  # the list of evidence/ has come


def _listed(tab: Any, name: str) -> Any:
    return tab.locator(f'#evidence-list li[data-name="{name}"]')


def _loaded(image: Any) -> bool:
    """Whether the image has been drawn (lazy: once scrolled to, as a person would)."""
    image.scroll_into_view_if_needed()
    image.page.wait_for_function(
        "i => i.complete && i.naturalWidth > 0", arg=image.element_handle(), timeout=5000
    )
    return True


_DROP = """(zone, files) => {
    const data = new DataTransfer();
    for (const [name, type, b64] of files) {
        const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
        data.items.add(new File([bytes], name, {type}));
    }
    for (const kind of ["dragenter", "dragover", "drop"]) {
        const options = {dataTransfer: data, bubbles: true, cancelable: true};
        zone.dispatchEvent(new DragEvent(kind, options));
    }
}"""


def _drop(tab: Any, *files: tuple[str, bytes]) -> None:
    """Files dropped on the drop zone, as a file manager's drag does (a DataTransfer with
    File objects, made in the page)."""
    payload = [(name, "", base64.b64encode(data).decode()) for name, data in files]
    tab.locator("#evidence-drop").evaluate(_DROP, payload)


def _messages(tab: Any) -> Any:
    return tab.locator("#evidence-messages")


def test_upload_by_button_and_by_drop_listed_with_previews_and_checked_again(
    workspace: Path,
    tmp_path: Path,
    page: Any,
) -> None:
    folder = _evidence(workspace)
    (folder / "quality-award.png").unlink()  # E7 names it: the check says it is missing
    chosen = tmp_path / "chosen"
    chosen.mkdir()
    (chosen / "2025年销售证明.pdf").write_bytes(PDF)
    (chosen / "证书扫描.png").write_bytes(PNG)
    with serve(workspace, "--no-pdf") as base:
        _editor(page, base)
        missing = page.locator('[data-problems="evidence.6.file"]')
        assert "找不到佐证材料文件" in missing.inner_text()

        page.get_by_label("选择文件上传").set_input_files(
            [chosen / "2025年销售证明.pdf", chosen / "证书扫描.png"]
        )
        pdf_item, png_item = _listed(page, "2025年销售证明.pdf"), _listed(page, "证书扫描.png")
        assert _loaded(png_item.locator("img")) and _loaded(pdf_item.locator("img"))
        assert "已上传“证书扫描.png”" in _messages(page).inner_text()
        assert "1 KB" in pdf_item.inner_text()
        # each new file got a row of the evidence list, its 材料类型 left to choose
        assert page.locator('[data-path="evidence.8.file"]').input_value() == (
            "evidence/2025年销售证明.pdf"
        )
        assert page.locator('[data-path="evidence.8.id"]').input_value() == "E9"
        assert page.locator('[data-path="evidence.9.title"]').input_value() == "证书扫描"
        page.locator('[data-problems="evidence.9.kind"] .problem').wait_for()

        _drop(page, ("quality-award.png", PNG))
        _listed(page, "quality-award.png").locator("img").wait_for()
        # the live check ran again: E7's file is there now
        page.wait_for_function(
            "document.querySelector('[data-problems=\"evidence.6.file\"]').textContent === ''"
        )
        assert page.locator('[data-path="evidence.10.file"]').count() == 0  # E7 lists it
        assert "材料清单：E7" in _listed(page, "quality-award.png").inner_text()

        preview = _listed(page, "证书扫描.png").locator("img").get_attribute("src")
        answer = page.request.get(base + preview)
        assert answer.status == 200 and answer.headers["content-type"] == "image/png"
        assert answer.body() == PNG
        first_page = page.request.get(base + pdf_item.locator("img").get_attribute("src"))
        assert first_page.headers["content-type"] == "image/png"
        assert first_page.body().startswith(b"\x89PNG\r\n\x1a\n")
        wait_saved(page)
    assert (folder / "2025年销售证明.pdf").read_bytes() == PDF
    assert (folder / "证书扫描.png").read_bytes() == PNG
    assert (folder / "quality-award.png").read_bytes() == PNG
    rows = load(workspace / CNC).data["evidence"]
    assert rows[8] == {"id": "E9", "title": "2025年销售证明", "file": "evidence/2025年销售证明.pdf"}
    assert _no_upload_left(folder)


def _no_upload_left(folder: Path) -> bool:
    return not [p for p in folder.iterdir() if p.name.startswith(".upload-")]


def test_bad_files_are_refused_and_names_made_safe(
    workspace: Path,
    page: Any,
) -> None:
    folder = _evidence(workspace)
    before = sorted(p.name for p in folder.iterdir())
    with serve(workspace, "--no-pdf") as base:
        _editor(page, base)
        _drop(page, ("营业执照.pdf", b"this is text, not a PDF\n"))
        _messages(page).locator(".problem.error").wait_for()
        said = text("evidence_file_type", "zh", file="营业执照.pdf")
        assert _messages(page).inner_text().strip() == said
        assert sorted(p.name for p in folder.iterdir()) == before  # nothing written

        _drop(page, ("../../evil.pdf", PDF), ("报告\u202egpj.exe\x07.pdf", PDF))
        _listed(page, "evil.pdf").wait_for()
        _listed(page, "报告gpj.exe_.pdf").wait_for()
        assert "已上传为“报告gpj.exe_.pdf”" in _messages(page).inner_text()
    assert (folder / "evil.pdf").read_bytes() == PDF
    assert not (workspace / "evil.pdf").exists() and not (workspace.parent / "evil.pdf").exists()
    assert (folder / "报告gpj.exe_.pdf").is_file()
    assert _no_upload_left(folder)


def test_replace_only_when_confirmed_and_delete(
    workspace: Path,
    page: Any,
) -> None:
    folder = _evidence(workspace)
    answers = ["dismiss", "accept", "accept"]  # the replace asked twice, then the delete
    asked: list[str] = []

    def dialog(box: Any) -> None:
        asked.append(box.message)
        box.accept() if answers.pop(0) == "accept" else box.dismiss()

    page.on("dialog", dialog)
    newer = PNG + b"\0" * 64  # still a PNG by its first bytes, another file by its digest
    with serve(workspace, "--no-pdf") as base:
        _editor(page, base)
        _drop(page, ("quality-award.png", newer))
        _messages(page).get_by_text("保留了原有的同名文件").wait_for()
        assert asked == ["evidence/ 中已有“quality-award.png”：用新文件替换它吗？"]
        assert (folder / "quality-award.png").read_bytes() == PNG

        _drop(page, ("quality-award.png", newer))
        _messages(page).get_by_text("已上传“quality-award.png”").wait_for()
        assert (folder / "quality-award.png").read_bytes() == newer

        _listed(page, "quality-award.png").get_by_role("button", name="删除").click()
        _messages(page).get_by_text("已删除“quality-award.png”").wait_for()
        assert asked[-1] == "删除 evidence/quality-award.png？删除后不能恢复。"
        _listed(page, "quality-award.png").wait_for(state="detached")  # the list again
        # E7 names the file: the check says at once that it is gone
        page.locator('[data-problems="evidence.6.file"] .problem.error').wait_for()
    assert not (folder / "quality-award.png").exists()
    assert (folder / "audit-2023-2025.pdf").is_file()  # the others stay
    assert answers == []


def test_a_file_over_the_calls_limit_is_refused(
    workspace: Path,
    tmp_path: Path,
    page: Any,
) -> None:
    # the call's own limit, not a test's: a file one byte over it, written sparse
    big = tmp_path / "扫描件.pdf"
    with big.open("wb") as out:
        out.write(b"%PDF-1.4\n")
        out.truncate(LIMIT + 1)
    with serve(workspace, "--no-pdf") as base:
        _editor(page, base)
        page.get_by_label("选择文件上传").set_input_files(big)
        _messages(page).locator(".problem.error").wait_for()
        said = text("evidence_too_large", "zh", file="扫描件.pdf", size_mb="20.0", limit_mb="20")
        assert _messages(page).inner_text().strip() == said
    assert not (_evidence(workspace) / "扫描件.pdf").exists()


def test_import_an_application_file_lands_in_its_editor(
    workspace: Path,
    tmp_path: Path,
    page: Any,
) -> None:
    source = ADVANCED.read_text("utf-8").replace(
        "name: 杭州富春精工数控机床有限公司", "name: 宁波导入测试有限公司", 1
    )
    assert "宁波导入测试有限公司" in source
    upload = tmp_path / "客户发来的.yaml"
    upload.write_text(source, "utf-8")
    broken = tmp_path / "坏的.yaml"
    broken.write_bytes(b"enterprise: {name: x\n")
    with pytest.raises(InputError) as loading:
        load_bytes(broken.read_bytes(), name="坏的.yaml", base_dir=tmp_path)
    with serve(workspace, "--no-pdf") as base:
        page.goto(base)
        page.get_by_label("导入申报文件（YAML、JSON）或去年的报告书（Word）").set_input_files(
            broken
        )
        page.get_by_role("button", name="导入", exact=True).click()
        problem = page.locator("#import-problem")
        problem.filter(has_text="无法导入").wait_for()
        assert problem.inner_text() == text(
            "web.import.failed", "zh", file="坏的.yaml", problem=loading.value.message("zh")
        )

        page.get_by_label("导入申报文件（YAML、JSON）或去年的报告书（Word）").set_input_files(
            upload
        )
        page.get_by_label("存入文件夹").fill("宁波 导入")
        page.get_by_role("button", name="导入", exact=True).click()
        page.wait_for_url(f"{base}/edit/{quote('宁波 导入')}/application.yaml")
        page.wait_for_selector("#finding-count:not(:empty)")
        assert page.get_by_label("企业名称").input_value() == "宁波导入测试有限公司"
    # the file as uploaded (byte for byte: test_import_refusals_and_json), then saved by
    # the editor it opened in
    imported = load(workspace / "宁波 导入" / "application.yaml").data
    expected = load_bytes(source.encode(), name="x.yaml", base_dir=tmp_path).data
    for part in ("enterprise", "product", "financials", "evidence"):
        assert imported[part] == expected[part], part
    assert not (workspace / "坏的").exists()


# -- the routes, in-process


@pytest.fixture
def app(workspace: Path) -> Any:
    return create_app(workspace)


def _upload(
    app: Any, name: str, body: bytes | Iterable[bytes], *, replace: bool = False, **h: str
) -> Asked:
    query = f"name={quote(name, safe='')}" + ("&replace=1" if replace else "")
    return asgi(app, "POST", f"/api/evidence/{CNC}?{query}", body, **{**csrf_of(app), **h})


def test_every_request_that_changes_something_needs_the_pages_token(
    app: Any, workspace: Path
) -> None:
    for method, url in (
        ("POST", f"/api/evidence/{CNC}?name=a.pdf"),
        ("DELETE", f"/api/evidence/{CNC}?name=audit-2023-2025.pdf"),
        ("POST", "/api/import?file=a.yaml&name=a"),
    ):
        assert asgi(app, method, url, PDF).status == 403, url
        evil = {**csrf_of(app), "origin": "http://evil.example"}
        assert asgi(app, method, url, PDF, **evil).status == 403, url
    assert (_evidence(workspace) / "audit-2023-2025.pdf").is_file()
    assert not (_evidence(workspace) / "a.pdf").exists() and not (workspace / "a").exists()


def test_names_from_requests_never_leave_evidence(app: Any, workspace: Path) -> None:
    outside = workspace.parent / "outside.png"
    outside.write_bytes(PNG)
    folder = _evidence(workspace)
    (folder / "link.png").symlink_to(outside)
    (folder / "notes.txt").write_text("<script>alert(1)</script>", "utf-8")
    (folder / "sub").mkdir()
    for name in ("../application.yaml", "..", ".", "", "/etc/passwd", "sub", "link.png",
                 "a\x00.png", "..\\application.yaml", "notes.txt", "missing.png"):  # fmt: skip
        for route in ("/evidence/", "/evidence-preview/"):
            asked = asgi(app, "GET", f"{route}{CNC}?name={quote(name, safe='')}")
            assert asked.status == 404, (route, name)
            assert b"Traceback" not in asked.body
    assert asgi(app, "GET", "/evidence/../outside/application.yaml?name=x.png").status == 404
    assert asgi(app, "GET", f"/api/evidence/{CNC}/..").status == 404
    asked = asgi(app, "DELETE", f"/api/evidence/{CNC}?name=..%2Fapplication.yaml", **csrf_of(app))
    assert asked.status == 404 and (workspace / CNC).is_file()
    # a link is listed by nobody, served by nobody, and its target is never touched
    names = [f["name"] for f in asgi(app, "GET", f"/api/evidence/{CNC}").json()["files"]]
    assert "link.png" not in names and "sub" not in names
    assert "notes.txt" in names  # listed, with the check's error, to be deleted
    served = asgi(app, "GET", f"/evidence/{CNC}?name=quality-award.png")
    assert served.headers["content-type"] == "image/png" and served.body == PNG
    assert served.headers["x-content-type-options"] == "nosniff"
    assert outside.read_bytes() == PNG


def test_uploaded_names_are_plain_and_short(app: Any, workspace: Path) -> None:
    folder = _evidence(workspace)
    long = "很长的名字" * 40 + ".pdf"
    for given, stored in (
        ("../../evil.pdf", "evil.pdf"),
        ("C:\\Users\\王\\扫描.pdf", "扫描.pdf"),
        ("\u202etxt.pdf", "txt.pdf"),
        (".hidden.pdf", "hidden.pdf"),
        ("a\x00\x1b.pdf", "a__.pdf"),
    ):
        asked = _upload(app, given, PDF)
        assert asked.status == 200 and asked.json()["name"] == stored, given
        assert (folder / stored).read_bytes() == PDF
    asked = _upload(app, long, PDF)
    stored = asked.json()["name"]
    assert stored.endswith(".pdf") and len(stored.encode()) <= 200
    assert (folder / stored).is_file()
    assert sorted(workspace.parent.iterdir()) == [workspace]  # nothing beside the workspace


def test_replace_needs_to_be_asked(app: Any, workspace: Path) -> None:
    file = _evidence(workspace) / "audit-2023-2025.pdf"
    newer = PDF + b"\n%%more"
    asked = _upload(app, "audit-2023-2025.pdf", newer)
    assert asked.status == 409 and "audit-2023-2025.pdf" in asked.json()["exists"]
    assert file.read_bytes() == PDF
    assert _upload(app, "audit-2023-2025.pdf", newer, replace=True).status == 200
    assert file.read_bytes() == newer
    (_evidence(workspace) / "folder.pdf").mkdir()  # a folder in the way is not replaced
    assert _upload(app, "folder.pdf", PDF, replace=True).status == 400
    assert (_evidence(workspace) / "folder.pdf").is_dir() and _no_upload_left(_evidence(workspace))
    # a PNG named .pdf is taken, with the CLI's warning
    warned = _upload(app, "award.pdf", PNG).json()["warnings"]
    assert warned == [text("evidence_extension_mismatch", "zh", file="award.pdf", kind="PNG")]


def test_the_limit_stops_the_reading(app: Any, workspace: Path) -> None:
    megabyte = b"\0" * (1 << 20)

    def endless() -> Iterator[bytes]:  # 100 MB announced by nobody, sent as it is read
        yield b"%PDF-1.4\n"
        for _ in range(100):
            yield megabyte

    asked = _upload(app, "huge.pdf", endless())
    assert asked.status == 413 and "超过 20 MB" in asked.json()["error"]
    assert asked.chunks_read <= LIMIT // len(megabyte) + 2  # stopped just past 20 MB
    announced = _upload(app, "huge.pdf", endless(), content_length=str(100 << 20))
    assert announced.status == 413 and announced.chunks_read == 0  # not a byte read
    assert not (_evidence(workspace) / "huge.pdf").exists() and _no_upload_left(
        _evidence(workspace)
    )


def test_a_real_server_answers_a_body_too_large_before_its_end(workspace: Path) -> None:
    with serve(workspace, "--no-pdf") as base:
        host, port = base.removeprefix("http://").split(":")
        page_html = _get(host, int(port), f"/edit/{CNC}")
        token = page_html.split('name="csrf-token" content="', 1)[1].split('"', 1)[0]
        connection = http.client.HTTPConnection(host, int(port), timeout=20)
        connection.putrequest("POST", f"/api/evidence/{CNC}?name=huge.pdf")
        connection.putheader("X-CSRF-Token", token)
        connection.putheader("Transfer-Encoding", "chunked")
        connection.endheaders()
        block = b"\0" * (1 << 20)
        start = time.monotonic()
        for _ in range(LIMIT // len(block) + 2):  # past the limit, and never the last chunk
            connection.send(b"%x\r\n%s\r\n" % (len(block), block))
        answer = connection.getresponse()
        assert answer.status == 413 and time.monotonic() - start < 10
        connection.close()
    assert not (_evidence(workspace) / "huge.pdf").exists() and _no_upload_left(
        _evidence(workspace)
    )


def _get(host: str, port: int, path: str) -> str:
    connection = http.client.HTTPConnection(host, port, timeout=10)
    try:
        connection.request("GET", path)
        return connection.getresponse().read().decode("utf-8")
    finally:
        connection.close()


def test_previews_without_pdftoppm_or_of_a_broken_pdf_are_just_absent(
    app: Any, workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (_evidence(workspace) / "broken.pdf").write_bytes(b"%PDF-1.4\nnot a PDF at all\n")
    broken = asgi(app, "GET", f"/evidence-preview/{CNC}?name=broken.pdf")
    assert broken.status == 404 and b"Traceback" not in broken.body
    assert asgi(app, "GET", f"/evidence-preview/{CNC}?name=broken.pdf").status == 404  # remembered
    monkeypatch.setattr(web_drawing.shutil, "which", lambda name: None)
    files = {f["name"]: f for f in asgi(app, "GET", f"/api/evidence/{CNC}").json()["files"]}
    assert files["audit-2023-2025.pdf"]["preview"] is None
    assert files["quality-award.png"]["preview"] is not None  # an image is its own preview
    assert asgi(app, "GET", f"/evidence-preview/{CNC}?name=standard-zzb.pdf").status == 404


def test_import_refusals_and_json(app: Any, workspace: Path) -> None:
    def imported(body: bytes, file: str, name: str) -> Asked:
        url = f"/api/import?file={quote(file)}&name={quote(name, safe='')}"
        return asgi(app, "POST", url, body, **csrf_of(app))

    asked = imported(b"- 1\n- 2\n", "list.yaml", "列表")
    assert (
        asked.status == 422
        and "list" in asked.json()["error"]
        and not (workspace / "列表").exists()
    )
    too_big = imported(b"a: 1\n" + b"#" * (1 << 20), "big.yaml", "大")
    assert too_big.status == 413 and not (workspace / "大").exists()
    assert imported(ADVANCED.read_bytes(), "a.yaml", "advanced-cnc").status == 400  # exists
    asked = imported(ADVANCED.read_bytes(), "申报书.yml", "")  # no name: the file's
    assert asked.status == 200 and asked.json()["url"] == "/edit/申报书/application.yaml"
    assert (workspace / "申报书" / "application.yaml").read_bytes() == ADVANCED.read_bytes()
    data = load(ADVANCED).data
    import json

    raw = json.dumps(data, ensure_ascii=False, default=str).encode()
    asked = imported(raw, "客户.json", "../../逃出去")
    assert asked.status == 200
    made = [p for p in workspace.iterdir() if p.name not in ("advanced-cnc", "申报书")]
    assert len(made) == 1 and made[0].parent == workspace  # a plain folder in the workspace
    assert (made[0] / "application.json").read_bytes() == raw
    assert asked.json()["url"] == f"/edit/{made[0].name}/application.json"
    assert os.path.commonpath([made[0].resolve(), workspace.resolve()]) == str(workspace.resolve())


def test_the_evidence_part_speaks_the_pages_language(app: Any, workspace: Path) -> None:
    (_evidence(workspace) / "notes.txt").write_text("text", "utf-8")
    english = asgi(app, "GET", f"/edit/{CNC}?lang=en").body.decode("utf-8")
    assert "Choose files to upload" in english and '"uploaded":"uploaded “{file}”"' in english
    assert "PDF, JPEG, PNG or OFD files of at most 20 MB each" in english
    listed = asgi(app, "GET", f"/api/evidence/{CNC}", cookie="reportgen_lang=en").json()
    problems = {f["name"]: f["problems"] for f in listed["files"]}
    expected = text("evidence_file_type", "en", file="notes.txt")
    assert problems["notes.txt"] == [{"severity": "error", "message": expected}]
    chinese = asgi(app, "GET", f"/edit/{CNC}").body.decode("utf-8")
    assert "选择文件上传" in chinese and "Choose files" not in chinese
