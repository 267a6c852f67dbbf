"""The library a server calls: data in memory checked like a file, rendered to a folder."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from docx import Document

import reportgen
from reportgen.render import default_output_folder

from .conftest import ADVANCED, example_data


def _where(result: reportgen.Checked) -> list[tuple[str, str, str, int | None]]:
    return [(f.code, f.severity, f.path, f.line) for f in result.findings]


def test_yaml_bytes_give_the_findings_of_the_file_with_their_lines(tmp_path: Path) -> None:
    text = ADVANCED.read_text("utf-8").replace("launch_date: 2023", "launch_date: 2019", 1)
    (tmp_path / "application.yaml").write_text(text, "utf-8")
    shutil.copytree(ADVANCED.parent / "evidence", tmp_path / "evidence")
    from_file = reportgen.check_file(tmp_path / "application.yaml")
    in_memory = reportgen.check_bytes(text.encode(), name="application.yaml", base_dir=tmp_path)
    assert not in_memory.valid and _where(in_memory) == _where(from_file)
    launch = next(f for f in in_memory.findings if f.path == "product.launch_date")
    assert (
        launch.line
        == text.splitlines().index(
            next(line for line in text.splitlines() if "launch_date: 2019" in line)
        )
        + 1
    )


def test_a_mapping_is_checked_as_the_same_values_in_a_file(tmp_path: Path) -> None:
    data = example_data()
    for row in data["financials"]:
        row["rd_expense"] = 0
    (tmp_path / "application.json").write_text(
        json.dumps(data, ensure_ascii=False, default=str), "utf-8"
    )
    shutil.copytree(ADVANCED.parent / "evidence", tmp_path / "evidence")
    from_file = reportgen.check_file(tmp_path / "application.json")
    in_memory = reportgen.check_data(data, name="form", base_dir=ADVANCED.parent)
    assert "rd_ratio" in {f.code for f in in_memory.findings}
    assert [(f.code, f.path) for f in in_memory.findings] == [
        (f.code, f.path) for f in from_file.findings
    ]
    assert in_memory.deciding is not None and in_memory.deciding.rd.overall is not None
    assert in_memory.file == "form"


def test_a_mapping_that_is_not_json_like_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="JSON-like"):
        reportgen.check_data({"a": {(1, 2): 3}}, name="x", base_dir=Path("."))


def test_render_and_convert_are_callable_after_their_packages_are_imported() -> None:
    import reportgen.convert.office
    import reportgen.render.docx  # the packages are now attributes of reportgen

    assert callable(reportgen.render) and callable(reportgen.convert)
    with pytest.raises(reportgen.RenderRefused):
        reportgen.render(reportgen.Checked("x"), Path("never-written"))
    assert not Path("never-written").exists()


def test_render_to_a_folder_and_the_default_folder(tmp_path: Path) -> None:
    checked = reportgen.check_data(example_data(), name="form.json", base_dir=ADVANCED.parent)
    assert checked.valid, [f.message() for f in checked.findings]
    outputs = reportgen.render(checked, tmp_path / "docs")
    kinds = {(o.kind, o.format) for o in outputs}
    assert {("report_book", "docx"), ("commitment_letter", "docx")} <= kinds
    book = next(o.path for o in outputs if o.kind == "report_book" and o.format == "docx")
    assert data_name() in "\n".join(p.text for p in Document(str(book)).paragraphs)
    manifest = json.loads((tmp_path / "docs" / "manifest.json").read_text("utf-8"))
    assert {o["path"] for o in manifest["outputs"]} == {o.path.name for o in outputs}
    assert default_output_folder(tmp_path / "a" / "application.yaml") == tmp_path / "a" / "out"
    assert default_output_folder("-") == Path.cwd() / "out"


def data_name() -> str:  # on the cover, in a paragraph
    return str(example_data()["product"]["name"])


def test_two_documents_for_one_pdf_are_refused_by_the_library(tmp_path: Path) -> None:
    from reportgen.convert import pdf_paths
    from reportgen.errors import SameTarget

    a, b = tmp_path / "a" / "x.docx", tmp_path / "b" / "x.docx"
    assert pdf_paths([a, b]) == [a.with_suffix(".pdf"), b.with_suffix(".pdf")]
    with pytest.raises(SameTarget) as refused:
        pdf_paths([a, b], tmp_path / "pdf")
    assert str(tmp_path / "pdf" / "x.pdf") in refused.value.message()
