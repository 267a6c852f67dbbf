"""The JSON Schema: current, Chinese help on every key, and it accepts the examples."""

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from reportgen.model.schema import application_schema

from .conftest import ROOT, VALID_EXAMPLES

CHECKED_IN = ROOT / "schemas" / "application.schema.json"


def test_checked_in_schema_is_current() -> None:
    current = json.dumps(application_schema(), ensure_ascii=False, indent=2) + "\n"
    assert CHECKED_IN.read_text(encoding="utf-8") == current, "run `make schema`"


def _properties(schema: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    found = list(schema.get("properties", {}).items())
    for definition in schema.get("$defs", {}).values():
        found += [
            (f"{definition['title']}.{k}", v) for k, v in definition.get("properties", {}).items()
        ]
    return found


def test_every_key_has_a_chinese_title_and_description() -> None:
    properties = _properties(application_schema())
    assert len(properties) > 100
    for name, prop in properties:
        assert prop.get("title"), name
        assert prop.get("description"), name
        assert any("\u4e00" <= ch <= "\u9fff" for ch in prop["title"]), name


def _check_jsonschema() -> str:
    exe = shutil.which("check-jsonschema") or str(
        Path(__import__("sys").executable).with_name("check-jsonschema")
    )
    if not Path(exe).exists():
        pytest.skip("check-jsonschema is not installed")  # make test installs it
    return exe


def test_examples_validate_against_the_schema() -> None:
    files = [str(p) for p in VALID_EXAMPLES]
    result = subprocess.run(
        [_check_jsonschema(), "--schemafile", str(CHECKED_IN), *files],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_schema_rejects_a_format_error(tmp_path: Path) -> None:
    bad = tmp_path / "application.yaml"
    bad.write_text(
        VALID_EXAMPLES[0]
        .read_text(encoding="utf-8")
        .replace("category: advanced", "category: premium")
    )
    result = subprocess.run(
        [_check_jsonschema(), "--schemafile", str(CHECKED_IN), str(bad)], capture_output=True
    )
    assert result.returncode == 1
