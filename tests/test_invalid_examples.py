"""examples/invalid/: each file breaks one rule and produces that rule's finding."""

import filecmp
import subprocess
import sys
from pathlib import Path

import pytest

from reportgen.checks.validation import check_file

from .conftest import ROOT

INVALID = ROOT / "examples" / "invalid"
FILES = sorted(INVALID.glob("*.yaml"))


def expected_code(path: Path) -> str:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# expect: "), path
    return first.removeprefix("# expect: ").strip()


def test_there_are_at_least_fifteen() -> None:
    assert len(FILES) >= 15


# errors that follow from the one broken rule itself
CONSEQUENCES = {"misspelt-key": {"missing_field"}}  # lanch_date: launch_date is missing


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_each_breaks_its_rule(path: Path) -> None:
    result = check_file(path)
    errors = {f.code for f in result.findings if f.severity == "error"}
    assert not result.valid
    assert expected_code(path) in errors
    assert errors - {expected_code(path)} <= CONSEQUENCES.get(path.stem, set())
    for finding in result.findings:
        assert finding.message("zh") and finding.message("en")


def test_checked_in_files_are_what_the_script_writes(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "make_invalid_examples.py"), str(tmp_path)],
        check=True,
    )
    written = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*") if p.is_file())
    checked_in = sorted(p.relative_to(INVALID) for p in INVALID.rglob("*") if p.is_file())
    assert written == checked_in
    for relative in written:
        assert filecmp.cmp(tmp_path / relative, INVALID / relative, shallow=False), relative
