"""figures, messages, files, findings: the small helpers every stage uses."""

import errno
import os
from decimal import Decimal
from pathlib import Path

import pytest

from reportgen.errors import RenderError
from reportgen.findings import format_path, parse_path
from reportgen.messages import text
from reportgen.model import figures
from reportgen.source.files import write_atomic


def test_money_and_percent_the_chinese_way() -> None:
    assert figures.money(Decimal("12345.675")) == "12,345.68"  # half-up, like accountants
    assert figures.money(Decimal("0")) == "0.00"
    assert figures.money(Decimal("-5.5")) == "-5.50"
    assert figures.percent(Decimal("3.004")) == "3.00%"
    assert figures.ratio_percent(Decimal(3), Decimal(0)) is None
    assert figures.ratio_percent(Decimal(3), Decimal(100)) == Decimal(3)
    assert figures.average([]) == 0
    assert figures.average([Decimal(1), Decimal(2)]) == Decimal("1.5")


def test_paths_round_trip() -> None:
    loc = ("financials", 0, "product_sales")
    assert format_path(loc) == "financials[0].product_sales"
    assert parse_path("financials[0].product_sales") == loc
    assert format_path(()) == "" and parse_path("") == ()


def test_messages_join_lists_and_say_yes_no_per_language() -> None:
    params = {"years": [2023, 2024]}
    assert text("financial_evidence_missing", "zh", **params).startswith("2023、2024")
    assert "2023, 2024" in text("financial_evidence_missing", "en", **params)
    said = {"declared": True, "listed": False, "county": "x", "source": "s"}
    zh = text("mountain_island_override", "zh", **said)
    assert "为是" in zh and "为否" in zh


def test_write_atomic_leaves_no_partial_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out" / "a.json"
    write_atomic(target, b"old")

    def fail(*_args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(RenderError) as failure:
        write_atomic(target, b"new")
    assert failure.value.exit_code == 3
    assert failure.value.message() == f"无法写入 {target}：磁盘已满"
    assert failure.value.message("en") == f"cannot write {target}: No space left on device"
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in target.parent.iterdir()) == ["a.json"]


def test_written_files_have_the_mode_of_any_new_file(tmp_path: Path) -> None:
    # mkstemp's 0600 would hide the documents from colleagues sharing the folder
    target = tmp_path / "shared.docx"
    write_atomic(target, b"x")
    (tmp_path / "plain").write_bytes(b"x")
    assert target.stat().st_mode & 0o777 == (tmp_path / "plain").stat().st_mode & 0o777
