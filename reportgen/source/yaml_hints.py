"""What a YAML syntax error most likely is, in the reader's words, on the line of the slip.

The parser reports where it gave up, often the line after the real one (`county：富阳区`
reads as a plain scalar, and only the next key fails), and in English. Files are typed
with Chinese keyboards and pasted from Word, so the usual slips are known: a tab or a
full-width space for indentation, a full-width colon, no space after the colon, an
unclosed quote, `: ` inside a value, text of a `|` block not indented. Each has its own
message with the text to type. Lines inside `|`/`>` blocks are text and never a slip.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from reportgen.messages import Phrase

_KEY = r"[A-Za-z_][A-Za-z0-9_]*"
_ENTRY = re.compile(
    rf"^(?P<indent> *)(?P<dash>- +)?(?P<key>{_KEY})(?P<sep>[ \u3000]*[:：])(?P<rest>.*)$"
)
_BLOCK_START = re.compile(r"(^|[:-])\s*[|>][+-]?[0-9]?\s*(#.*)?$")

# the parser's words → what they usually mean here, as a message yaml_meaning.<name>
# (the slips above are looked for first)
_PROBLEMS = (
    ("mapping values are not allowed", "mapping_values"),
    ("could not find expected ':'", "expected_colon"),
    ("did not find expected key", "expected_key"),
    ("did not find expected '-' indicator", "expected_dash"),
    ("expected ',' or '}'", "flow_mapping"),
    ("expected ',' or ']'", "flow_sequence"),
    ("found unknown escape character", "escape"),
    ("expected <block end>", "block_end"),
    ("found unexpected end of stream", "end_of_stream"),
    ("cannot start any token", "token"),
)


@dataclass(frozen=True)
class Slip:
    code: str
    line: int
    column: int
    params: dict[str, str]


def explain_problem(problem: str) -> Phrase | str:
    """What a parser message means, or '' when there is nothing to add to it."""
    meaning = next((name for english, name in _PROBLEMS if english in problem), None)
    return Phrase(f"yaml_meaning.{meaning}") if meaning else ""


def find_slip(text: str, error_line: int | None) -> Slip | None:
    """The known slip nearest before the line the parser stopped at (or that line, or
    the one after, which it sometimes names), outside block scalars. Searched backwards:
    a valid value quoted over two lines earlier on is not the error."""
    lines = list(_lines(text))
    if error_line is not None:
        lines = [entry for entry in lines if entry[0] <= error_line + 1]
    for number, line, block_indent in reversed(lines):
        slip = _slip(number, line, block_indent, at_error=number == error_line)
        if slip is not None:
            return slip
    return None


def _lines(text: str) -> Iterator[tuple[int, str, int | None]]:
    """Lines that are YAML structure (not block-scalar text, comments or blank), each with
    the indentation of the block it has just left, if it leaves one by too little."""
    block: int | None = None  # indentation of the key that opened a | or > block
    left: int | None = None
    for number, line in enumerate(text.split("\n"), start=1):
        stripped = line.strip(" ")
        indent = len(line) - len(line.lstrip(" "))
        if block is not None:
            if not stripped or indent > block:
                left = block
                continue
            block = None
        if not stripped or stripped.startswith("#"):
            continue
        yield number, line, left if left is not None and indent <= left else None
        left = None
        if _BLOCK_START.search(line.split(" #")[0].rstrip()):
            block = indent


def _slip(number: int, line: str, block_indent: int | None, at_error: bool) -> Slip | None:
    leading = re.match(r"^[ \t\u3000]*", line)
    whitespace = leading.group() if leading else ""
    if "\t" in whitespace:
        return Slip("yaml_tab_indent", number, whitespace.index("\t") + 1, {})
    if "\u3000" in whitespace:
        return Slip("yaml_fullwidth_space", number, whitespace.index("\u3000") + 1, {})
    entry = _ENTRY.match(line)
    if entry is None:
        item = line.lstrip(" ").startswith(("- ", "-\t")) or line.strip() == "-"
        if block_indent is not None and not item:  # text of a | block, not indented enough
            return Slip("yaml_block_indent", number, 1, {})
        return None
    key, sep, rest = entry.group("key"), entry.group("sep"), entry.group("rest")
    column = entry.start("sep") + 1
    value = _visible(rest.strip(" \u3000"))
    if sep.endswith("："):
        return Slip("yaml_fullwidth_colon", number, column, {"key": key, "value": value})
    if rest and rest[0] not in " \t" and not rest.startswith("//"):
        what = "fullwidth" if rest[0] == "\u3000" else "none"
        return Slip("yaml_colon_space", number, column, {"key": key, "value": value, "what": what})
    if value[:1] in ("'", '"') and not _closed(value):
        return Slip("yaml_unclosed_quote", number, entry.start("rest") + 2, {"quote": value[0]})
    if at_error and ": " in value and value[:1] not in "'\"{[|>":
        quoted = value.replace("\\", "\\\\").replace('"', '\\"')
        return Slip("yaml_colon_in_value", number, column, {"key": key, "value": quoted})
    return None


def _visible(text: str) -> str:
    """Invisible characters pasted into a value, shown as the escapes a reader can see."""
    return re.sub(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]", lambda m: f"\\u{ord(m.group()):04x}", text)


def _closed(value: str) -> bool:
    quote, body = value[0], value[1:]
    if quote == "'":
        return "'" in body.replace("''", "")
    escaped = re.sub(r"\\.", "", body)
    return '"' in escaped
