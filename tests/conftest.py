"""Shared helpers: the examples, and checking edited copies of them."""

from __future__ import annotations

import copy
import json
import os
import shutil
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

# a message key without a message, or a message without a param it names, fails the test
# (a user gets the message as well as it can be shown): in this process and the commands
# the tests start, which inherit the environment
os.environ["REPORTGEN_STRICT_MESSAGES"] = "1"

from reportgen.checks.validation import Checked, check_file, check_source
from reportgen.convert.office import STARTS_LOG
from reportgen.render import TEMPLATE_DIR, render
from reportgen.source import load, load_bytes

from .pdf_tools import LIBREOFFICE_MISSING, office_starts, our_offices

# the browser tests' fixtures, defined once for the session (a module importing them
# itself would get a second session-wide Playwright, which refuses to start in the first's
# event loop); importing web_tools loads no Playwright
from .web_tools import browser, page  # noqa: F401

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
VALID_EXAMPLES = sorted(EXAMPLES.glob("*/application.yaml"))
ADVANCED = EXAMPLES / "advanced-cnc" / "application.yaml"


def example_data(path: Path = ADVANCED) -> dict[str, Any]:
    return copy.deepcopy(load(path).data)


def check_data(data: dict[str, Any], base_dir: Path = ADVANCED.parent) -> Checked:
    """Check `data` as if it were an application file in `base_dir` (evidence found there)."""
    raw = json.dumps(data, ensure_ascii=False, default=str).encode()
    return check_source(load_bytes(raw, name="test.json", base_dir=base_dir, format="json"))


def codes(result: Checked, severity: str | None = None) -> set[str]:
    return {f.code for f in result.findings if severity is None or f.severity == severity}


def finding(result: Checked, code: str) -> Any:
    matches = [f for f in result.findings if f.code == code]
    assert matches, f"no {code} in {[(f.code, f.message()) for f in result.findings]}"
    return matches[0]


def pytest_configure(config: pytest.Config) -> None:
    # Every office this session's reportgens start, in this process or in one a test runs,
    # appends a line here (convert/office.py); the variable also tells this session's
    # offices from those of a parallel run (pdf_tools.our_offices).
    folder = tempfile.mkdtemp(prefix="tests-office-starts-")
    os.environ[STARTS_LOG] = os.path.join(folder, "starts")


def pytest_unconfigure(config: pytest.Config) -> None:
    if log := os.environ.pop(STARTS_LOG, None):
        shutil.rmtree(os.path.dirname(log), ignore_errors=True)


@pytest.hookimpl(tryfirst=True)  # before `-m` selects by marker
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # a test that drives the browser (tests/web_tools.py's `browser`, or `page` through it)
    # is marked `browser`, whether or not it says so: `pytest -m "not browser"` leaves it out
    for item in items:
        if "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)
    if LIBREOFFICE_MISSING is None:
        return
    skip = pytest.mark.skip(reason=f"{LIBREOFFICE_MISSING} (run scripts/setup.sh)")
    for item in items:
        if item.get_closest_marker("office") is not None:
            item.add_marker(skip)


_STARTS_BEFORE = pytest.StashKey[int]()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item: pytest.Item) -> Iterator[None]:
    # before the test's fixtures: an office a module-scoped fixture starts is its first
    # test's (that test carries the marker then)
    item.stash[_STARTS_BEFORE] = office_starts()
    return (yield)


@pytest.fixture(autouse=True)
def no_office_left_behind(request: pytest.FixtureRequest) -> Iterator[None]:
    """After every test: no LibreOffice process that reportgen started is still running,
    and a test that started one is marked `office`, so `pytest -m "not office"` never
    starts LibreOffice."""
    yield
    assert our_offices() == [], "a LibreOffice process of reportgen outlived its test"
    started = office_starts() - request.node.stash[_STARTS_BEFORE]
    if started and request.node.get_closest_marker("office") is None:
        pytest.fail(
            f"started LibreOffice {started} time(s) without the `office` marker: add "
            "@needs_libreoffice from tests/pdf_tools.py (pytestmark = … for a whole module)",
            pytrace=False,
        )


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The advanced example's book and letter as .docx, and a damaged .docx."""
    out = tmp_path_factory.mktemp("docx")
    rendered = {o.kind: o.path for o in render(check_file(ADVANCED), out)}
    # plain names, so the tests' own file names say which is which
    book, letter = out / "book.docx", out / "letter.docx"
    rendered["report_book"].rename(book)
    rendered["commitment_letter"].rename(letter)
    damaged = out / "damaged.docx"
    damaged.write_bytes(b"PK\x03\x04 not really a zip")
    return {"book": book, "letter": letter, "damaged": damaged}


@pytest.fixture
def app_dir(tmp_path: Path) -> Path:
    """A writable copy of the advanced example's folder."""
    target = tmp_path / "client"
    shutil.copytree(ADVANCED.parent, target)
    return target


Edit = Callable[[dict[str, Any]], None]


def template_copy(tmp_path: Path) -> Path:
    """A copy of the default templates a test may edit."""
    custom = tmp_path / "templates"
    shutil.copytree(TEMPLATE_DIR, custom, ignore=shutil.ignore_patterns("*.py"))
    return custom


def edit_template(path: Path, old: str, new: str, part: str = "word/document.xml") -> None:
    """Replace `old` by `new` once in one XML part of the .docx at `path`."""
    with zipfile.ZipFile(path) as source:
        entries = {n: source.read(n) for n in source.namelist()}
    xml = entries[part].decode()
    assert old in xml
    entries[part] = xml.replace(old, new, 1).encode()
    with zipfile.ZipFile(path, "w") as target:
        for name, data in entries.items():
            target.writestr(name, data)
