"""reportgen as people install it: a wheel built from the checkout, installed with its
dependencies into a fresh venv outside the checkout, run from a folder elsewhere.

The checkout's own tests import reportgen from the checkout, where every data file is at
hand; only an installed wheel shows a template, a policy or fonts.conf left out of the
package data, or a path that assumes the repository (issue 13: `无法读取模板
…/site-packages/templates/docx/report_book.docx`).
"""

from __future__ import annotations

import fnmatch
import json
import os
import shutil
import subprocess
import sys
import time
import tomllib
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from docx import Document

from reportgen.source import load

from .conftest import ADVANCED, ROOT
from .pdf_tools import needs_libreoffice, pdf_text

# what pip says when it cannot reach the index: only then is the test skipped, never
# for a failure of the build or of the package itself
NETWORK_TROUBLE = (
    "Failed to establish a new connection",
    "Temporary failure in name resolution",
    "Name or service not known",
    "Network is unreachable",
    "No route to host",
    "Connection refused",
    "Connection reset",
    "Read timed out",
    "ConnectTimeoutError",
    "ProxyError",
    "Max retries exceeded",
    "Could not fetch URL",
)
ENTERPRISE = load(ADVANCED).data["enterprise"]["name"]


@dataclass(frozen=True)
class Installed:
    wheel: Path
    venv: Path
    home: Path  # a folder outside the checkout: the cwd of every command
    environment: dict[str, str]

    def run(self, *args: str | Path, check: bool = True) -> subprocess.CompletedProcess[str]:
        result = subprocess.run(
            [str(self.venv / "bin" / "reportgen"), *map(str, args)],
            capture_output=True, text=True, cwd=self.home, env=self.environment, timeout=600,
        )  # fmt: skip
        if check:
            assert result.returncode == 0, result.stdout + result.stderr
        return result

    def python(self, code: str) -> str:
        return subprocess.run(
            [str(self.venv / "bin" / "python"), "-c", code],
            capture_output=True, text=True, cwd=self.home, env=self.environment, check=True,
        ).stdout.strip()  # fmt: skip


def _checkout_files() -> list[str]:
    """The checkout's files as git sees them: tracked, and new ones not ignored (a data
    file just added is expected in the wheel before it is committed)."""
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout: the files to build from are the ones git tracks")
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        capture_output=True, cwd=ROOT, check=True,
    ).stdout.decode()  # fmt: skip
    return sorted(name for name in listed.split("\0") if name and (ROOT / name).is_file())


def _pip(args: list[str], environment: dict[str, str]) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "pip", "--disable-pip-version-check", *args],
        capture_output=True, text=True, env=environment, timeout=900,
    )  # fmt: skip
    if result.returncode == 0:
        return
    output = result.stdout + result.stderr
    if trouble := network_trouble(output):
        pytest.skip(f"pip cannot reach the package index ({trouble}): {output[-600:]}")
    pytest.fail(f"pip {args[0]} failed:\n{output}", pytrace=False)


def network_trouble(pip_output: str) -> str | None:
    return next((marker for marker in NETWORK_TROUBLE if marker in pip_output), None)


def test_only_an_unreachable_index_skips() -> None:
    unreachable = (
        "WARNING: Retrying (Retry(total=4, connect=None, read=None, redirect=None, status=None))"
        " after connection broken by 'NewConnectionError(\"HTTPConnection(host='127.0.0.1',"
        " port=9): Failed to establish a new connection: [Errno 111] Connection refused\")':"
        " /simple/pydantic/\nERROR: No matching distribution found for pydantic<3,>=2.7"
    )
    assert network_trouble(unreachable) == "Failed to establish a new connection"
    # the index answered and has no such version: a broken requirement, not the network
    assert network_trouble("ERROR: No matching distribution found for pydantic<3,>=9") is None
    assert network_trouble("error: invalid command 'bdist_wheel'") is None


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Installed]:
    """The wheel, built once from a copy of the checkout's files (pip builds in the source
    folder: a build/ there could put files deleted since into the wheel, and the checkout
    stays clean) and installed once, dependencies from the index, into a fresh venv."""
    base = tmp_path_factory.mktemp("wheel")
    assert not base.is_relative_to(ROOT), "the venv must be outside the checkout"
    source = base / "source"
    for name in _checkout_files():
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, source / name)
    # nothing of the checkout on the path: the venv's reportgen must be the wheel's
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in ("PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP", "VIRTUAL_ENV")
    } | {"PYTHONNOUSERSITE": "1"}

    started = time.monotonic()
    _pip(["wheel", "--no-deps", "-q", "-w", str(base / "dist"), str(source)], environment)
    (wheel,) = (base / "dist").glob("reportgen-*.whl")
    built = time.monotonic()
    venv = base / "venv"
    # the venv's own pip is not needed: this one installs into it (ensurepip costs ~5-20 s)
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    # (--no-compile saves ~15 s of the install, and the first commands spend it again)
    _pip(["--python", str(venv / "bin" / "python"), "install", "-q", str(wheel)], environment)
    done = time.monotonic()
    print(f"wheel built in {built - started:.1f} s, installed in {done - built:.1f} s")

    home = base / "home"
    home.mkdir()
    yield Installed(wheel, venv, home, environment)
    shutil.rmtree(venv)  # ~380 MB, made again in half a minute; the outputs stay


@pytest.fixture(scope="module")
def wheel_names(installed: Installed) -> set[str]:
    with zipfile.ZipFile(installed.wheel) as wheel:
        return set(wheel.namelist())


@pytest.mark.slow
def test_every_file_under_reportgen_is_in_the_wheel(wheel_names: set[str]) -> None:
    """Data files and modules alike (a folder without __init__.py would be left out
    too), and nothing from outside reportgen/ (tests, tools)."""
    expected = {name for name in _checkout_files() if name.startswith("reportgen/")}
    assert expected - wheel_names == set(), "add them to pyproject's package-data"
    outside = {name.split("/")[0] for name in wheel_names} - {"reportgen"}
    assert all(top.endswith(".dist-info") for top in outside), outside
    assert "reportgen/py.typed" in wheel_names  # the library's types reach its users' mypy


def test_every_package_data_pattern_matches_a_file() -> None:
    """A pattern that matches nothing is a file that moved or was removed: the
    package-data then promises what the wheel lacks."""
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    patterns = pyproject["tool"]["setuptools"]["package-data"]["reportgen"]
    files = [name.removeprefix("reportgen/") for name in _checkout_files()]
    unmatched = [p for p in patterns if not any(fnmatch.fnmatch(f, p) for f in files)]
    assert unmatched == []


@pytest.mark.slow
def test_reportgen_is_imported_from_the_venv(installed: Installed) -> None:
    imported = Path(installed.python("import reportgen; print(reportgen.__file__)"))
    site = Path(installed.python("import sysconfig; print(sysconfig.get_paths()['purelib'])"))
    assert imported == site / "reportgen" / "__init__.py"
    assert not imported.is_relative_to(ROOT)


def _docx_text(path: Path) -> str:
    document = Document(str(path))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


@pytest.mark.slow
def test_render_init_and_validate_from_the_wheel(installed: Installed) -> None:
    client = installed.home / "advanced-cnc"
    shutil.copytree(ADVANCED.parent, client)
    assert installed.run("validate", client / "application.yaml").returncode == 0
    out = installed.home / "out-docx"
    installed.run("render", client / "application.yaml", "--no-pdf", "-o", out)
    documents = sorted(out.glob("*.docx"))
    # the report book, the commitment letter and the check report
    assert len(documents) == 3, [p.name for p in out.iterdir()]
    for document in documents:
        assert ENTERPRISE in _docx_text(document), document.name
    assert not list(out.glob("*.pdf"))
    assert (out / "manifest.json").is_file()

    # the starter comes from the package too, and validate names what is left to replace
    installed.run("init", "mine")
    starter = installed.home / "mine" / "application.yaml"
    assert starter.is_file() and any((starter.parent / "evidence").glob("*.pdf"))
    checked = installed.run("validate", "--format", "json", starter, check=False)
    assert checked.returncode == 1, checked.stdout + checked.stderr
    (result,) = json.loads(checked.stdout)
    errors = {p["code"] for p in result["problems"] if p["severity"] == "error"}
    # only what the starter holds for the enterprise to replace (checks/leftovers.py
    # compares with the package's copy), and its evidence is known for a placeholder
    assert errors and all(code.startswith("starter_") for code in errors), errors
    assert "evidence_placeholder" in {p["code"] for p in result["problems"]}


@pytest.mark.slow
@needs_libreoffice
def test_render_with_pdfs_from_the_wheel(installed: Installed) -> None:
    """fonts.conf and the UNO bridge are read from site-packages by LibreOffice's own
    processes: only a real conversion shows that they are there."""
    doctor = installed.run("doctor", check=False)
    assert doctor.returncode == 0, doctor.stdout + doctor.stderr
    client = installed.home / "advanced-cnc-pdf"
    shutil.copytree(ADVANCED.parent, client)
    out = installed.home / "out-pdf"
    installed.run("render", client / "application.yaml", "-o", out)
    pdfs = sorted(out.glob("*.pdf"))
    assert len(pdfs) == 2, [p.name for p in out.iterdir()]  # the book and the letter
    for pdf in pdfs:
        assert ENTERPRISE in pdf_text(pdf).replace("\n", ""), pdf.name
