"""Loading: positions, encodings, and refusal of unsafe or malformed files."""

import io
import time
from decimal import Decimal
from pathlib import Path

import pytest

from reportgen.errors import InputError
from reportgen.source import MAX_BYTES, load, load_bytes

HERE = Path(".")


def load_text(text: str, fmt: str | None = None):  # type: ignore[no-untyped-def]
    return load_bytes(text.encode(), name="t", base_dir=HERE, format=fmt)  # type: ignore[arg-type]


def refused(text: str | bytes, fmt: str | None = None) -> InputError:
    raw = text.encode() if isinstance(text, str) else text
    with pytest.raises(InputError) as caught:
        load_bytes(raw, name="t", base_dir=HERE, format=fmt)  # type: ignore[arg-type]
    return caught.value


def test_yaml_positions_of_keys_and_items() -> None:
    source = load_text("a: 1\nb:\n  c: x\n  items:\n    - p\n    - {q: 1}\n")
    assert source.positions[("a",)] == (1, 1)
    assert source.positions[("b", "c")] == (3, 3)
    assert source.positions[("b", "items", 0)] == (5, 7)
    assert source.positions[("b", "items", 1, "q")][0] == 6
    # a path that does not exist is placed at its nearest ancestor
    assert source.locate(("b", "items", 0, "missing")) == (5, 7)


def test_json_positions_match_yaml() -> None:
    source = load_text('{"a": 1,\n "b": {"c": "x",\n  "items": ["p", {"q": 1}]}}')
    assert source.positions[("a",)] == (1, 2)
    assert source.positions[("b", "c")] == (2, 8)
    assert source.positions[("b", "items", 1, "q")] == (3, 19)


def test_numbers_are_exact_decimals_and_dates_stay_text() -> None:
    data = load_text("m: 0.1\nn: 12\nd: 2023-09-01\nz: 0571\nt: true\ns: yes\nk: ~\n").data
    assert data["m"] == Decimal("0.1") and isinstance(data["m"], Decimal)
    assert data["n"] == 12
    assert data["d"] == "2023-09-01"
    assert data["z"] == "0571"  # a code with a leading zero keeps it
    assert data["t"] is True
    assert data["s"] == "yes"  # YAML 1.2: only true/false are booleans
    assert data["k"] is None
    assert load_text('{"m": 0.1}').data["m"] == Decimal("0.1")


def test_yaml_12_flow_lists_with_colons_parse() -> None:
    # FORMAT.md writes this; libyaml (YAML 1.1) rejects it, the pure 1.2 parser accepts it
    data = load_text("certifications: [ISO 9001:2015, IATF 16949:2016]\n").data
    assert data["certifications"] == ["ISO 9001:2015", "IATF 16949:2016"]


def test_merge_keys_and_small_aliases_work() -> None:
    data = load_text("base: &b {x: 1, y: 2}\nitem:\n  <<: *b\n  y: 3\nlist: [*b, *b]\n").data
    assert data["item"] == {"x": 1, "y": 3}
    assert data["list"] == [{"x": 1, "y": 2}] * 2


def test_utf8_bom_is_accepted() -> None:
    source = load_bytes("\ufeffname: 测试\n".encode(), name="t", base_dir=HERE)
    assert source.data == {"name": "测试"} and not source.findings


def test_gb18030_is_accepted_with_a_warning() -> None:
    source = load_bytes("name: 杭州示例有限公司\n".encode("gb18030"), name="t", base_dir=HERE)
    assert source.data == {"name": "杭州示例有限公司"}
    assert [f.code for f in source.findings] == ["encoding_gb18030"]
    assert source.findings[0].severity == "warning"


@pytest.mark.parametrize(
    ("text", "code", "line"),
    [
        ("a: 1\nb: 2\na: 3\n", "duplicate_key", 3),
        ('{"a": 1,\n"a": 2}', "duplicate_key", 2),
        ("a: [1\n", "yaml_syntax", 2),
        ('{"a": }', "json_syntax", 1),
        ("- 1\n- 2\n", "not_a_mapping", 1),
        ("   \n# only a comment\n", "file_empty", None),
        ("a: !!python/object/apply:os.system [id]\n", "forbidden_tag", 1),
        ("a: !custom 1\n", "forbidden_tag", 1),
        ("a: 1\n---\nb: 2\n", "yaml_multiple_documents", 2),
        ("? [1, 2]\n: x\n", "invalid_key", 1),
        ("a: *nowhere\n", "yaml_syntax", 1),
        ('{"a": NaN}', "json_syntax", None),
    ],
)
def test_bad_files_are_refused_with_code_and_line(text: str, code: str, line: int | None) -> None:
    error = refused(text)
    assert error.code == code
    assert error.line == line
    assert error.message()  # renders in Chinese without a missing parameter


def test_duplicate_key_names_the_first_occurrence() -> None:
    error = refused("a: 1\nb: 2\na: 3\n")
    assert error.params["first_line"] == 1 and error.path == "a"


def test_billion_laughs_is_refused_quickly() -> None:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [{', '.join([f'*{previous}'] * 10)}]")
    start = time.perf_counter()
    error = refused("\n".join(lines) + "\n")
    assert error.code == "alias_limit"
    assert time.perf_counter() - start < 2.0


def test_deep_nesting_is_refused() -> None:
    assert refused("a: " + "[" * 100 + "]" * 100 + "\n").code == "nesting_too_deep"


def test_files_over_5_mb_are_refused(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_bytes(b"a: " + b"x" * MAX_BYTES + b"\n")
    with pytest.raises(InputError) as caught:
        load(big)
    assert caught.value.code == "file_too_large"


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        load(tmp_path / "none.yaml")
    assert caught.value.code == "file_not_found"
    with pytest.raises(InputError) as caught:
        load(tmp_path)
    assert caught.value.code == "file_unreadable"


def test_invalid_bytes_are_refused() -> None:
    assert refused(b"a: \xff\xfe\xfa\n\x81\x30").code == "encoding_invalid"


def test_control_characters_yaml_forbids_are_read_as_json_reads_them() -> None:
    # the checks warn of them (control_characters) wherever they are, as for JSON
    source = load_text('a: x\x01y\x0bz\u2028!\nb: ["\x1f"]\n')
    assert source.data == {"a": "x\x01y\x0bz\u2028!", "b": ["\x1f"]}
    assert source.positions[("b",)] == (2, 1)


def test_stdin_detects_json_and_yaml() -> None:
    assert load("-", stdin=io.BytesIO(b'{"a": 1}')).format == "json"
    assert load("-", stdin=io.BytesIO(b"a: 1\n")).format == "yaml"
    assert load("-", stdin=io.BytesIO("a: 测试\n".encode())).data == {"a": "测试"}


def test_escaped_surrogate_pairs_are_joined_and_lone_ones_refused() -> None:
    assert load_text('a: "\\ud840\\udc00"\n').data == {"a": "\U00020000"}
    assert load_text('"\\ud840\\udc00": 1\n').data == {"\U00020000": 1}
    assert refused('a: "\\ud840x"\n').code == "invalid_unicode"
    assert load_text('{"a": "\\ud840\\udc00"}').data == {"a": "\U00020000"}
    assert refused('{"a": ["\\udc00"]}').code == "invalid_unicode"
