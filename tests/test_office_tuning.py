"""How reportgen runs its offices to convert fast: which fields it refreshes, the core each
office runs on, the allocator it runs with (docs/pdf.md, "Where one book's time goes")."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reportgen import convert
from reportgen.convert import ConverterPool, needs_refresh, office_cores
from reportgen.convert.libreoffice import ALLOCATOR_VARIABLE, find_allocator

from .pdf_tools import needs_libreoffice

pytestmark = needs_libreoffice


def test_fields_are_refreshed_only_where_layout_does_not_compute_them(
    documents: dict[str, Path],
) -> None:
    from reportgen.source.packages import check_package

    fields = check_package(documents["book"].read_bytes(), "book.docx")
    assert fields == {"TOC", "PAGE"}  # the contents and the footers' page numbers
    assert not needs_refresh(fields)
    assert needs_refresh(fields | {"DATE"}) and needs_refresh(frozenset({"DOCPROPERTY"}))


CORES = sorted(getattr(os, "sched_getaffinity", lambda _: set())(0))  # Linux only


@pytest.mark.skipif(len(CORES) < 2, reason="one core (or not Linux): no office to pin")
def test_as_many_offices_as_cores_run_each_on_its_own_one_fewer_anywhere(
    documents: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    two = CORES[:2]  # this process may use only these two, as if on a two-core machine
    monkeypatch.setattr(convert, "usable_cores", lambda: two)
    with ConverterPool(2) as pool:
        both = [pool.submit(documents["letter"], tmp_path / f"{i}.pdf") for i in range(2)]
        assert all(future.result() for future in both)
        cores = sorted(sorted(os.sched_getaffinity(pid)) for pid in pool.pids())
    assert cores == [[two[0]], [two[1]]]
    assert office_cores(3) == [None] * 3  # more offices than cores
    monkeypatch.setattr(convert, "usable_cores", lambda: [*two, two[0] + 1000])
    assert office_cores(2) == [None, None]  # two offices on a bigger machine: not crowded
    monkeypatch.undo()
    with ConverterPool(1) as pool:
        pool.convert(documents["letter"], tmp_path / "one.pdf")
        (pid,) = pool.pids()
        assert sorted(os.sched_getaffinity(pid)) == CORES


def _maps(pid: int) -> str:
    return Path(f"/proc/{pid}/maps").read_text()


@pytest.mark.skipif(find_allocator() is None, reason="tcmalloc (libtcmalloc-minimal4) missing")
def test_offices_run_with_tcmalloc_unless_told_not_to(
    documents: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with ConverterPool(1) as pool:
        pool.convert(documents["letter"], tmp_path / "a.pdf")
        (pid,) = pool.pids()
        assert "libtcmalloc_minimal" in _maps(pid)
    monkeypatch.setenv(ALLOCATOR_VARIABLE, "")
    find_allocator.cache_clear()
    try:
        with ConverterPool(1) as pool:
            pool.convert(documents["letter"], tmp_path / "b.pdf")
            (pid,) = pool.pids()
            assert "tcmalloc" not in _maps(pid)
    finally:
        find_allocator.cache_clear()
    assert (tmp_path / "b.pdf").read_bytes().startswith(b"%PDF")
