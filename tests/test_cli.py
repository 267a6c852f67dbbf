"""The command line: CLI.md's contract, through click's runner and as a real process."""

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from reportgen.cli import cli

from .conftest import ADVANCED, ROOT, VALID_EXAMPLES

INVALID = ROOT / "examples" / "invalid"
EXE = str(Path(sys.executable).with_name("reportgen"))


def run(*args: str, stdin: str | bytes | None = None) -> Any:
    return CliRunner().invoke(cli, list(args), input=stdin)


def json_out(*args: str, stdin: str | None = None) -> tuple[int, list[dict[str, Any]]]:
    result = run("validate", "--format", "json", *args, stdin=stdin)
    return result.exit_code, json.loads(result.stdout)


def test_valid_examples_exit_0() -> None:
    result = run("validate", *map(str, VALID_EXAMPLES))
    assert result.exit_code == 0, result.output
    assert "通过检查" in result.output and "共 3 个文件" in result.output


def test_json_contract() -> None:
    code, payload = json_out(
        str(ADVANCED), str(INVALID / "launch-too-early.yaml"), "no/such/file.yaml"
    )
    assert code == 1
    assert [entry["valid"] for entry in payload] == [True, False, False]
    assert set(payload[0]) == {"file", "valid", "problems"}
    problem = next(p for p in payload[1]["problems"] if p["code"] == "launch_window")
    assert set(problem) == {"code", "severity", "path", "line", "column", "message", "clause"}
    assert problem["severity"] == "error" and problem["path"] == "product.launch_date"
    assert isinstance(problem["line"], int) and problem["clause"] == "附件2 二、4"
    assert "2022-12-31" in problem["message"] and "2023-01-01" in problem["message"]
    unreadable = payload[2]["problems"][0]
    assert (
        unreadable["code"] == "file_not_found"
        and unreadable["path"] == ""
        and unreadable["line"] is None
    )


def test_valid_is_false_iff_there_is_an_error() -> None:
    _, payload = json_out(*map(str, sorted(INVALID.glob("*.yaml"))[:8]), *map(str, VALID_EXAMPLES))
    for entry in payload:
        has_error = any(p["severity"] == "error" for p in entry["problems"])
        assert entry["valid"] is not has_error


def test_unparseable_file_still_gets_its_object(tmp_path: Path) -> None:
    broken = tmp_path / "application.yaml"
    broken.write_text("enterprise: [\n", encoding="utf-8")
    code, payload = json_out(str(broken))
    assert code == 1 and payload[0]["problems"][0]["code"] == "yaml_syntax"


def test_english_messages() -> None:
    _, payload = json_out("--lang", "en", str(INVALID / "launch-too-early.yaml"))
    message = next(p["message"] for p in payload[0]["problems"] if p["code"] == "launch_window")
    assert "outside" in message and not any("\u4e00" <= ch <= "\u9fff" for ch in message)


def test_lang_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REPORTGEN_LANG", "en")
    result = run("validate", str(INVALID / "launch-too-early.yaml"))
    assert "fails with" in result.output


def test_stdin_json_and_yaml() -> None:
    text = ADVANCED.read_text(encoding="utf-8")
    code, payload = json_out("-", stdin=text)
    assert payload[0]["file"] == "-"
    # evidence paths are relative to the working directory for stdin: here they are missing
    assert {p["code"] for p in payload[0]["problems"]} >= {"evidence_missing_file"}
    assert code == 1
    code, payload = json_out("-", stdin='{"format_version": 1}')
    assert "missing_field" in {p["code"] for p in payload[0]["problems"]}


@pytest.mark.parametrize(
    "args",
    [
        ["validate"],
        ["validate", "--format", "xml", "a.yaml"],
        ["no-such-command"],
        ["validate", "--bogus", "x"],
    ],
)
def test_usage_errors_exit_2(args: list[str]) -> None:
    assert run(*args).exit_code == 2


def test_help_is_chinese() -> None:
    for args in (["--help"], ["validate", "--help"], ["init", "--help"], ["schema", "--help"]):
        result = run(*args)
        assert result.exit_code == 0
        assert any("\u4e00" <= ch <= "\u9fff" for ch in result.output), args


def test_user_text_that_looks_like_markup_prints_literally(tmp_path: Path) -> None:
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "application.yaml").write_text(
        ADVANCED.read_text(encoding="utf-8").replace(
            "launch_date: 2023-09-01", 'launch_date: "[bold]{{x}}[/]"'
        ),
        encoding="utf-8",
    )
    result = run("validate", str(folder / "application.yaml"))
    assert "[bold]{{x}}[/]" in result.output


def test_init_writes_a_file_whose_only_errors_are_what_to_replace(tmp_path: Path) -> None:
    target = tmp_path / "新申报"
    result = run("init", str(target))
    assert result.exit_code == 0, result.output
    application = target / "application.yaml"
    text = application.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=application.schema.json")
    assert json.loads((target / "application.schema.json").read_text(encoding="utf-8"))["title"]
    code, payload = json_out(str(application))
    problems = payload[0]["problems"]
    errors = [p for p in problems if p["severity"] == "error"]
    assert code == 1
    assert {p["code"] for p in errors} == {"starter_example", "starter_prompt", "starter_figures"}
    by_path = {p["path"]: p for p in errors}
    for path in (
        "enterprise.name",
        "enterprise.legal_representative",
        "commitment.signatory",
        "product.patents[0].number",
        "product.new_product_proof.number",
        "report.brand.reputation.customers[0].name",
        "report.quality.safety.text",
    ):
        assert path in by_path and by_path[path]["line"] is not None, path  # fmt: skip
    assert "“张三”是 reportgen init 模板中的示例内容" in by_path["commitment.signatory"]["message"]
    assert "section_short" not in {p["code"] for p in problems}  # the prompt says it all
    assert "evidence_placeholder" in {p["code"] for p in problems}
    again = run("init", str(target))
    assert again.exit_code == 1 and "已存在" in again.output
    assert run("init", "--force", str(target)).exit_code == 0


def test_schema_command_writes_the_file(tmp_path: Path) -> None:
    out = tmp_path / "s.json"
    assert run("schema", "-o", str(out)).exit_code == 0
    assert json.loads(out.read_text(encoding="utf-8")) == json.loads(run("schema").stdout)


# -- as a real process: the console script, exit codes, no traceback


def process(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "REPORTGEN_LANG": "zh"}
    return subprocess.run(
        [EXE, *args],
        input=stdin.decode() if stdin else None,
        capture_output=True,
        text=True,
        env=env,
    )


def test_process_exit_codes_and_no_traceback() -> None:
    assert process("validate", str(ADVANCED)).returncode == 0
    assert process("validate", str(INVALID / "billion-laughs.yaml")).returncode == 1
    assert process("validate").returncode == 2
    cases = sorted(INVALID.glob("*.yaml"))
    result = process("validate", "--format", "json", *map(str, cases))
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert [entry["valid"] for entry in json.loads(result.stdout)] == [False] * len(cases)


def test_process_version_and_help() -> None:
    assert process("--version").stdout.strip() == "reportgen 0.3.0"
    assert "检查申报文件" in process("--help").stdout


def test_process_reads_stdin() -> None:
    result = process(
        "validate", "--format", "json", "-", stdin=b'{"format_version": 1, "call": "zj-2026"}'
    )
    assert result.returncode == 1 and json.loads(result.stdout)[0]["file"] == "-"
