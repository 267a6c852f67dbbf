"""A new call is data only: the made-up zj-2027 (tests/fixtures/zj-2027.yaml), given with
--policy, checks and renders an application end to end through the command line, and a
policy file lacking a rule is refused with exit 1, naming the file and the key.

What the tests expect is read from the fixture, not written here twice."""

from __future__ import annotations

import json
import re
import shutil
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from docx import Document

from reportgen.checks.validation import check_file
from reportgen.cli import cli
from reportgen.model import Category
from reportgen.policy import Policies, load_policy, read_policy

from .conftest import ADVANCED, ROOT, example_data

FIXTURE = ROOT / "tests" / "fixtures" / "zj-2027.yaml"
NEW = read_policy(FIXTURE)
OLD = load_policy("zj-2026")


def run(*args: str | Path, lang: str = "zh") -> Any:
    return CliRunner(env={"REPORTGEN_LANG": lang}).invoke(cli, [str(a) for a in args])


def app_2027(folder: Path, *, rd_factor: Decimal = Decimal(1), shift_launch: bool = True) -> Path:
    """examples/advanced-cnc moved to the new call: its financial years those of the new
    call, its dates as many years later, `rd_expense` times `rd_factor`; written as JSON
    beside a copy of its evidence."""
    shutil.copytree(ADVANCED.parent, folder)
    (folder / "application.yaml").unlink()
    data = example_data()
    years = NEW.financial_years[0] - OLD.financial_years[0]

    def later(day: Any) -> str:
        day = date.fromisoformat(str(day))
        return day.replace(year=day.year + years).isoformat()

    data["call"] = NEW.call
    for row in data["financials"]:
        row["year"] += years
        row["rd_expense"] = Decimal(str(row["rd_expense"])) * rd_factor
    product = data["product"]
    if shift_launch:
        product["launch_date"] = later(product["launch_date"])
    product["new_product_proof"]["date"] = later(product["new_product_proof"]["date"])
    data["commitment"]["date"] = NEW.application_window.start.isoformat()
    path = folder / "application.json"
    path.write_text(json.dumps(data, ensure_ascii=False, default=str), "utf-8")
    return path


def problems(path: Path, *args: str | Path) -> tuple[int, list[dict[str, Any]]]:
    result = run("validate", "--format", "json", path, *args)
    return result.exit_code, json.loads(result.stdout)[0]["problems"]


def test_the_fixture_differs_where_a_new_call_would() -> None:
    assert (NEW.call, NEW.year) != (OLD.call, OLD.year) and NEW.title != OLD.title
    assert NEW.rd_ratio_min != OLD.rd_ratio_min and NEW.sales_thresholds != OLD.sales_thresholds
    assert NEW.launch_window != OLD.launch_window
    assert NEW.application_window != OLD.application_window
    assert NEW.letter != OLD.letter and NEW.recommendation_list != OLD.recommendation_list


def test_findings_follow_the_new_call_s_thresholds(tmp_path: Path) -> None:
    path = app_2027(tmp_path / "client")
    code, found = problems(path, "--policy", FIXTURE)
    assert code == 1
    rd = [p for p in found if p["code"] == "rd_ratio"]
    assert len(rd) == 1 and rd[0]["clause"] == NEW.clause("rd_ratio")
    assert f"低于 {NEW.rd_ratio_min:.2f}%" in rd[0]["message"]
    assert all(f"{year}年" in rd[0]["message"] for year in NEW.financial_years)
    assert [p["code"] for p in found if p["severity"] == "error"] == ["rd_ratio"]
    # the same figures under the old call: the R&D ratio that fails now passed then
    new, old = check_file(path, policies=Policies.including([FIXTURE])), check_file(ADVANCED)
    assert new.deciding is not None and old.deciding is not None
    assert new.deciding.rd.overall == old.deciding.rd.overall
    assert OLD.rd_ratio_min <= old.deciding.rd.overall < NEW.rd_ratio_min
    assert old.valid and "rd_ratio" not in {f.code for f in old.findings}
    assert new.deciding.sales.threshold == NEW.sales_thresholds[Category.advanced]


def test_a_launch_date_in_the_old_window_is_late_for_the_new_call(tmp_path: Path) -> None:
    path = app_2027(tmp_path / "client", rd_factor=Decimal("1.2"), shift_launch=False)
    code, found = problems(path, "--policy", FIXTURE)
    assert code == 1
    late = next(p for p in found if p["code"] == "launch_window")
    assert NEW.launch_window.start.isoformat() in late["message"]
    launched = date.fromisoformat(str(example_data()["product"]["launch_date"]))
    assert OLD.launch_window.contains(launched) and not NEW.launch_window.contains(launched)


def test_renders_the_new_call_s_documents(tmp_path: Path) -> None:
    path = app_2027(tmp_path / "client", rd_factor=Decimal("1.2"))
    out = tmp_path / "out"
    result = run("render", path, "--no-pdf", "-o", out, "--policy", FIXTURE)
    assert result.exit_code == 0, result.output
    letter = [p.text for p in Document(str(next(out.glob("*-承诺书.docx")))).paragraphs]
    assert f"{NEW.letter.addressee}：" in letter
    assert any(f"申报{NEW.letter.subject}，" in line for line in letter)
    numbered = [f"{n}.{text}" for n, text in enumerate(NEW.letter.commitments, start=1)]
    assert [line for line in letter if re.match(r"\d+\.", line)] == numbered
    assert set(NEW.letter.commitments) - set(OLD.letter.commitments)  # a text 2026 lacks
    assert OLD.letter.subject not in "\n".join(letter)
    book = Document(str(next(out.glob("*-浙江制造精品报告书.docx"))))
    assert NEW.title in [p.text for p in book.paragraphs]
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    assert manifest["call"] == NEW.call and manifest["status"] in ("ok", "warnings")


def test_batch_and_staff_tables_use_the_given_policy(tmp_path: Path) -> None:
    path = app_2027(tmp_path / "clients" / "a", rd_factor=Decimal("1.2"))
    result = run("batch", tmp_path / "clients", "-o", tmp_path / "b", "--no-pdf",
                 "--policy", FIXTURE)  # fmt: skip
    assert result.exit_code == 0, result.output
    [row] = json.loads((tmp_path / "b" / "summary.json").read_text("utf-8"))["rows"]
    assert row["status"] in ("ok", "warnings")
    assert row["sales_threshold"] == float(NEW.sales_thresholds[Category.advanced])
    listing = tmp_path / "滨江区-推荐.yaml"
    listing.write_text(
        f"format_version: 1\ncall: {NEW.call}\nunit: 杭州市滨江区经济和信息化局\ncounty: 滨江区\n"
        "filled_by: {name: 王某, phone: '13900000000'}\n"
        f"recommendations:\n  - application: {path.relative_to(tmp_path)}\n",
        "utf-8",
    )
    result = run("staff", "recommend", listing, "-o", tmp_path / "s", "--policy", FIXTURE)
    assert result.exit_code == 0, result.output
    table = Document(str(tmp_path / "s" / f"{NEW.recommendation_list.title}-滨江区.docx"))
    texts = [p.text for p in table.paragraphs]
    assert NEW.recommendation_list.title in texts
    assert texts[-len(NEW.recommendation_list.notes) :] == NEW.table_notes(NEW.recommendation_list)
    assert any(NEW.cluster_brand_batch in t for t in texts)
    assert "（未通过检查）" not in "".join(texts)


def test_a_form_naming_no_call_is_for_the_latest_by_year(tmp_path: Path) -> None:
    # named so that sorting by name would put it first: the year decides
    early_name = tmp_path / "a-next.yaml"
    text = FIXTURE.read_text("utf-8")
    early_name.write_text(text.replace("call: zj-2027", "call: a-next"), "utf-8")
    form = tmp_path / "人员.yaml"
    form.write_text(
        "county: 滨江区\nstaff:\n  - {county: 滨江区, office: 产业科, name: 李某, title: 科长, "
        "mobile: '13900000001'}\n",
        "utf-8",
    )
    result = run("staff", "contacts", form, "-o", tmp_path / "s", "--policy", early_name)
    assert result.exit_code == 0, result.output
    table = Document(str(next((tmp_path / "s").glob("*.docx"))))
    note = [p.text for p in table.paragraphs][-1]
    assert note == NEW.contacts_list.notes[-1] != OLD.contacts_list.notes[-1]
    assert Policies.including([early_name]).latest().call == "a-next"
    older = tmp_path / "zz-old.yaml"  # sorts last by name, but an earlier year
    older.write_text(
        text.replace("call: zj-2027", "call: zz-old").replace(
            "year: 2027", f"year: {OLD.year - 1}"
        ),
        "utf-8",
    )
    assert Policies.including([older]).latest().call == OLD.call


def test_an_application_naming_another_call_is_the_unknown_call_finding(tmp_path: Path) -> None:
    path = app_2027(tmp_path / "client")
    path.write_text(path.read_text("utf-8").replace(NEW.call, "zj-2099"), "utf-8")
    code, found = problems(path, "--policy", FIXTURE)
    assert code == 1
    [unknown] = [p for p in found if p["code"] == "unknown_call"]
    assert NEW.call in unknown["message"] and OLD.call in unknown["message"]


def _without_rule(tmp_path: Path, key: str) -> Path:
    rule = rf"\n  {key}:\n    clause: .*\n    text: .*"
    text, count = re.subn(rule, "", FIXTURE.read_text("utf-8"))
    assert count == 1
    broken = tmp_path / "broken.yaml"
    broken.write_text(text, "utf-8")
    return broken


STAFF = ROOT / "examples" / "staff"


@pytest.mark.parametrize(
    "command",
    [
        ["validate", ADVANCED],
        ["render", ADVANCED, "--no-pdf", "-o"],
        ["batch", ADVANCED, "--no-pdf", "-o"],
        ["staff", "recommend", STAFF / "萧山区-推荐.yaml", "-o"],
        ["staff", "contacts", STAFF / "萧山区-工作人员.yaml", "-o"],
        ["staff", "collect", STAFF / "萧山区-推荐.yaml", "-o"],
    ],
    ids=lambda c: " ".join(map(str, c[:2])),
)
def test_a_policy_lacking_a_rule_is_exit_1_naming_it(tmp_path: Path, command: list[Any]) -> None:
    broken = _without_rule(tmp_path, "rd_ratio")
    out = [tmp_path / "out"] if command[-1] == "-o" else []
    args = [*command, *out, "--policy", broken]
    for lang, says in (
        ("zh", "缺少必需的键 rules.rd_ratio"),
        ("en", "lacks the required key rules.rd_ratio"),
    ):
        result = run(*args, lang=lang)
        assert result.exit_code == 1, result.output
        assert says in result.output and str(broken) in result.output
        assert "内部错误" not in result.output and "Traceback" not in result.output
        assert result.exception is None or isinstance(result.exception, SystemExit)
    assert not (tmp_path / "out").exists()  # stopped before anything was looked at


@pytest.mark.parametrize(
    ("content", "zh", "en"),
    [
        (None, "找不到文件", "not found"),
        ("call: [zj-2027\n", "YAML", "YAML"),
        ("call: zj-2027\n", "缺少必需的键 year", "lacks the required key year"),
        (lambda t: t.replace("rd_ratio_min: 5", "rd_ratio_min: many"),
         "rd_ratio_min 的值不符合要求", "rd_ratio_min is not valid"),
        (lambda t: t.replace("  rd_base:", "  rd_bsae:"), "不认识的键 rules.rd_bsae",
         "unknown key rules.rd_bsae"),
        (lambda t: t.replace("{brands}。", "{brand}。"), "占位符 brand 不可用",
         "placeholders brand"),
    ],
    ids=["missing", "yaml", "empty", "type", "typo", "placeholder"],
)  # fmt: skip
def test_a_bad_policy_file_is_one_clear_line(
    tmp_path: Path, content: Any, zh: str, en: str
) -> None:
    bad = tmp_path / "bad.yaml"
    if callable(content):
        bad.write_text(content(FIXTURE.read_text("utf-8")), "utf-8")
    elif content is not None:
        bad.write_text(content, "utf-8")
    for lang, says in (("zh", zh), ("en", en)):
        result = run("validate", ADVANCED, "--policy", bad, lang=lang)
        assert result.exit_code == 1 and says in result.output, result.output
        assert str(bad) in result.output and "Traceback" not in result.output
        assert len(result.output.strip().splitlines()) == 1


def test_one_call_in_two_files_is_refused(tmp_path: Path) -> None:
    copy = tmp_path / "copy.yaml"
    shutil.copy(FIXTURE, copy)
    result = run("validate", ADVANCED, "--policy", FIXTURE, "--policy", copy)
    assert result.exit_code == 1 and str(copy) in result.output and NEW.call in result.output
