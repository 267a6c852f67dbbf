"""Mutated examples never crash reportgen: the answer is always findings (exit 0 or 1)."""

import copy
import io
import json
import re
import resource
import shutil
import tempfile
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.console import Console

from reportgen.checks.validation import Checked, check_file, check_source
from reportgen.cli import cli
from reportgen.cli.output import print_text, to_json
from reportgen.errors import ReportgenError
from reportgen.render import TEMPLATE_DIR, render
from reportgen.source import load_bytes

from .conftest import EXAMPLES, VALID_EXAMPLES, example_data

PIECES = [
    "a",
    "中",
    "文",
    " ",
    "\t",
    "\n",
    "\u202e",
    "\u200b",
    "\ufeff",
    "😀",
    "\x00",
    "\x07",
    "&",
    "<",
    "{{",
    "}}",
    "{%",
    "'",
    '"',
    "\\",
    "[",
    "]",
    ":",
    "#",
    "- ",
    "0",
    "9",
    ".",
    "𠀀",
    "\ud7ff",
]
ODD_TEXT = st.lists(st.sampled_from(PIECES), max_size=12).map("".join)
VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.decimals(allow_nan=True, allow_infinity=True),
    ODD_TEXT,
    st.lists(ODD_TEXT, max_size=3),
    st.dictionaries(ODD_TEXT, ODD_TEXT, max_size=3),
)


def paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix] if prefix else []
    if isinstance(value, dict):
        for key, child in value.items():
            found += paths(child, (*prefix, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found += paths(child, (*prefix, index))
    return found


def mutate(data: dict[str, Any], path: tuple[Any, ...], how: str, new: Any, name: str) -> None:
    parent: Any = data
    for part in path[:-1]:
        parent = parent[part]
    last = path[-1]
    if how == "replace":
        parent[last] = copy.deepcopy(new)  # never the same object twice: no cycles
    elif how == "delete":
        del parent[last]
    elif how == "rename" and isinstance(parent, dict):
        parent[name] = parent.pop(last)
    elif how == "unicode" and isinstance(parent[last], str):
        parent[last] = name + parent[last] + name


def assert_answered(result: Checked) -> None:
    if not result.valid:
        assert any(f.severity == "error" for f in result.findings)
    for lang in ("zh", "en"):
        json.loads(to_json([result], lang))
        print_text([result], lang, Console(file=io.StringIO()))


EXAMPLE_DATA = [example_data(path) for path in VALID_EXAMPLES]


@pytest.mark.slow
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    which=st.integers(min_value=0, max_value=len(VALID_EXAMPLES) - 1),
    pick=st.integers(min_value=0),
    how=st.sampled_from(["replace", "delete", "rename", "unicode"]),
    new=VALUES,
    name=ODD_TEXT,
    rounds=st.integers(min_value=1, max_value=3),
)
def test_structural_mutations_give_findings(
    which: int, pick: int, how: str, new: Any, name: str, rounds: int
) -> None:
    data = json.loads(json.dumps(EXAMPLE_DATA[which], default=str))
    for _ in range(rounds):
        candidates = paths(data)
        if not candidates:
            break
        mutate(data, candidates[pick % len(candidates)], how, new, name)
    raw = json.dumps(
        data, ensure_ascii=False, default=lambda d: str(d) if isinstance(d, Decimal) else d
    )
    base = VALID_EXAMPLES[which].parent
    assert_answered(
        check_source(load_bytes(raw.encode(), name="t.json", base_dir=base, format="json"))
    )


@settings(max_examples=150, deadline=None)
@given(
    position=st.integers(min_value=0),
    garbage=st.binary(min_size=1, max_size=8)
    | ODD_TEXT.map(lambda t: t.encode("utf-8", "surrogatepass")),
    delete=st.integers(min_value=0, max_value=40),
)
def test_byte_mutations_of_yaml_give_findings(position: int, garbage: bytes, delete: int) -> None:
    raw = (EXAMPLES / "consumer-tea" / "application.yaml").read_bytes()
    at = position % len(raw)
    mutated = raw[:at] + garbage + raw[at + delete :]
    from reportgen.errors import InputError

    try:
        source = load_bytes(
            mutated, name="t.yaml", base_dir=EXAMPLES / "consumer-tea", format="yaml"
        )
    except InputError as exc:
        assert exc.code and exc.message("zh") and exc.message("en")
        return
    assert_answered(check_source(source))


@settings(max_examples=25, deadline=None)
@given(text=ODD_TEXT)
def test_cli_never_raises(text: str, tmp_path_factory: Any) -> None:
    folder = tmp_path_factory.mktemp("c")
    (folder / "application.yaml").write_text(
        f"format_version: 1\ncall: {json.dumps(text)}\n", encoding="utf-8"
    )
    result = CliRunner().invoke(cli, ["validate", str(folder / "application.yaml")])
    assert result.exit_code in (0, 1), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert check_file(folder / "application.yaml").findings


# ------------------------------------------------- through render, templates included
RENDER_EXAMPLES = 60
_PEAK_GROWTH_MB = 600  # a render takes ~150 MB; a runaway template would take gigabytes


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _render_answers(checked: Checked, template_dir: Path | None = None) -> None:
    """render() ends in documents or in reportgen's own error: nothing else."""
    with tempfile.TemporaryDirectory() as out:
        try:
            render(checked, Path(out), draft=True, template_dir=template_dir)
        except ReportgenError as error:
            assert error.code != "render_bug", error.message()  # a bug of ours, caught
            assert error.message("zh") and error.message("en")


@pytest.mark.slow
@settings(max_examples=RENDER_EXAMPLES, deadline=20_000,
          suppress_health_check=[HealthCheck.too_slow])  # fmt: skip
@given(
    which=st.integers(min_value=0, max_value=len(VALID_EXAMPLES) - 1),
    pick=st.integers(min_value=0),
    how=st.sampled_from(["replace", "delete", "rename", "unicode"]),
    new=VALUES,
    name=ODD_TEXT,
)
def test_mutated_applications_render_or_say_why(
    which: int, pick: int, how: str, new: Any, name: str
) -> None:
    data = json.loads(json.dumps(EXAMPLE_DATA[which], default=str))
    candidates = paths(data)
    mutate(data, candidates[pick % len(candidates)], how, new, name)
    raw = json.dumps(data, ensure_ascii=False, default=str).encode()
    base = VALID_EXAMPLES[which].parent
    before = _peak_mb()
    _render_answers(check_source(load_bytes(raw, name="t.json", base_dir=base, format="json")))
    assert _peak_mb() - before < _PEAK_GROWTH_MB


JINJA_PIECES = [
    "{{", "}}", "{%", "%}", "{#", "#}", " for x in ", " endfor ", " if ", " endif ",
    "range(", "10**9", "9**99999", "*", "|center(", "|list", ")", "(", "product.name",
    "enterprise", "'x'", "[", "]", ".", "__class__", "format_map(", "<", "&", "\"", "~",
    " macro f() ", " endmacro ", "f()", " include 'x' ", " set a = ", "loop.index",
    "1//0", "'a'-1", "{{ 1//0 }}", "{{ [1][5] }}", "{{ 'x'*10**9 }}",
]  # fmt: skip
JINJA = st.lists(st.sampled_from(JINJA_PIECES), min_size=1, max_size=10).map("".join)
BOOK = (TEMPLATE_DIR / "report_book.docx").read_bytes()


@pytest.mark.slow
@settings(
    max_examples=RENDER_EXAMPLES,
    deadline=20_000,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(snippet=JINJA, position=st.integers(min_value=0), raw=st.booleans())
def test_mutated_templates_render_or_say_why(
    snippet: str, position: int, raw: bool, tmp_path: Path
) -> None:
    """Jinja written into the book's text (escaped as Word would, or raw into the XML)."""
    templates = tmp_path / f"t{abs(hash((snippet, position, raw)))}"
    shutil.copytree(TEMPLATE_DIR, templates, ignore=shutil.ignore_patterns("*.py"))
    with zipfile.ZipFile(io.BytesIO(BOOK)) as source:
        parts = {n: source.read(n) for n in source.namelist()}
    xml = parts["word/document.xml"].decode()
    texts = [m.end() for m in re.finditer(r"<w:t(?: [^>]*)?>", xml)]
    at = texts[position % len(texts)]
    written = snippet if raw else snippet.replace("&", "&amp;").replace("<", "&lt;")
    parts["word/document.xml"] = (xml[:at] + written + xml[at:]).encode()
    with zipfile.ZipFile(templates / "report_book.docx", "w") as book:
        for name, data in parts.items():
            book.writestr(name, data)
    before = _peak_mb()
    _render_answers(check_file(EXAMPLES / "advanced-cnc" / "application.yaml"), templates)
    assert _peak_mb() - before < _PEAK_GROWTH_MB
