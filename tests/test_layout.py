"""The code's layout is the pipeline's (DESIGN.md): one package per stage, each importing
only the stages before it; a small top level; modules a reader can hold in mind."""

from __future__ import annotations

import ast
from pathlib import Path

from .conftest import ROOT

PACKAGE = ROOT / "reportgen"
# the stages in pipeline order; a module may import from its own stage or earlier ones
STAGES = [
    "source",
    "model",
    "policy",
    "checks",
    "context",
    "render",
    "convert",
    "batch",
    "staff",
    "starter",
    "importing",
    "web",
    "cli",
]
TOP_LEVEL = {"__init__.py", "__main__.py", "errors.py", "findings.py"}
MAX_LINES = 400


def _imports(path: Path) -> list[tuple[int, str]]:
    """Every reportgen module `path` imports, at any depth (lazy imports count too)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
        elif isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
    return [(line, name) for line, name in found if name.startswith("reportgen.")]


def test_no_stage_imports_a_later_one() -> None:
    backwards = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).parts
        if len(parts) < 2 or parts[0] not in STAGES:
            continue
        stage = STAGES.index(parts[0])
        for line, name in _imports(path):
            target = name.split(".")[1]
            if target in STAGES and STAGES.index(target) > stage:
                backwards.append(f"{path.relative_to(ROOT)}:{line} imports {name}")
    assert backwards == []


def test_every_package_is_a_stage_and_the_top_level_is_small() -> None:
    packages = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()}
    assert packages == {*STAGES, "messages"}
    modules = {p.name for p in PACKAGE.glob("*.py")}
    assert modules <= TOP_LEVEL and len(modules) <= 5


def test_the_top_level_imports_no_stage_at_import_time() -> None:
    # errors, findings and messages are what every stage uses: they must not need a stage
    for name in ("errors.py", "findings.py"):
        eager = [
            n
            for n in ast.parse((PACKAGE / name).read_text("utf-8")).body
            if isinstance(n, ast.ImportFrom) and (n.module or "").startswith("reportgen.")
        ]
        assert all(n.module == "reportgen.messages" for n in eager), name


def test_no_module_is_over_the_limit() -> None:
    long = {
        str(path.relative_to(ROOT)): lines
        for path in [*PACKAGE.rglob("*.py"), *(ROOT / "tools").rglob("*.py")]
        if (lines := len(path.read_text("utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}


def test_each_stage_says_its_entry_point() -> None:
    for stage in STAGES:
        doc = ast.get_docstring(ast.parse((PACKAGE / stage / "__init__.py").read_text("utf-8")))
        assert doc, f"reportgen/{stage}/__init__.py has no docstring"
