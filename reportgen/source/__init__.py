"""The load stage. A file → `Source`: plain data, the line and column of every key and
list item. Entry points: `load(path)`, `load_bytes(raw, name=…, base_dir=…)`.

Reads bytes (size-limited), decodes UTF-8 (with or without BOM; GB18030 with a warning),
and parses YAML (yaml_data.py) or JSON. Numbers that are not integers become `Decimal`,
never float: money must stay exact.
"""

from __future__ import annotations

import bisect
import codecs
import json
import re
import sys
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from pathlib import Path
from typing import Any, Literal

from reportgen.errors import FileTooLarge, InputError, os_reason
from reportgen.findings import Finding, Loc, format_path
from reportgen.source.files import read_regular
from reportgen.source.text import join_surrogates
from reportgen.source.yaml_data import MAX_DEPTH, load_yaml

MAX_BYTES = 5 * 1024 * 1024

Format = Literal["yaml", "json"]


@dataclass
class Source:
    """One loaded file: its data, where every key sits, and what loading noticed."""

    name: str
    base_dir: Path
    data: dict[str, Any]
    positions: dict[Loc, tuple[int, int]]
    format: Format
    raw: bytes = field(repr=False)
    findings: list[Finding] = field(default_factory=list)

    @cached_property
    def sha256(self) -> str:
        """Digest of the file as read (the manifest's input_sha256)."""
        import hashlib  # loads OpenSSL: only when a digest is wanted, not for validate

        return hashlib.sha256(self.raw).hexdigest()

    def locate(self, loc: Loc) -> tuple[int | None, int | None]:
        """Line and column (1-based) of `loc`, or of its nearest ancestor that exists."""
        for end in range(len(loc), -1, -1):
            position = self.positions.get(tuple(loc[:end]))
            if position is not None:
                return position
        return None, None


def load(file: str | Path, *, stdin: Any = None) -> Source:
    """Read an application (or any reportgen data file); `"-"` reads standard input."""
    name = str(file)
    if name == "-":
        stream = stdin if stdin is not None else sys.stdin.buffer
        raw = stream.read(MAX_BYTES + 1)
        if isinstance(raw, str):
            raw = raw.encode("utf-8")
        if len(raw) > MAX_BYTES:
            raise InputError("file_too_large", size=len(raw), limit=MAX_BYTES)
        return load_bytes(raw, name="-", base_dir=Path.cwd())
    path = Path(file)
    try:
        if path.is_dir():
            raise InputError("file_unreadable", file=name, reason="Is a directory", errno="EISDIR")
        raw = read_regular(path, MAX_BYTES)  # not /dev/zero, not a FIFO that never ends
    except FileNotFoundError:
        raise InputError("file_not_found", file=name) from None
    except FileTooLarge:
        raise InputError("file_too_large", size=_size(path), limit=MAX_BYTES) from None
    except OSError as exc:
        raise InputError("file_unreadable", file=name, **os_reason(exc)) from None
    fmt: Format | None = "json" if path.suffix.lower() == ".json" else None
    if path.suffix.lower() in (".yaml", ".yml"):
        fmt = "yaml"
    return load_bytes(raw, name=name, base_dir=path.parent, format=fmt)


def _size(path: Path) -> int | str:
    try:
        return path.stat().st_size
    except OSError:
        return "?"


def load_bytes(raw: bytes, *, name: str, base_dir: Path, format: Format | None = None) -> Source:
    text, findings = _decode(raw)
    if not text.strip():
        raise InputError("file_empty")
    if format is None:
        format = "json" if text.lstrip()[:1] in ("{", "[") else "yaml"
    if format == "json":
        data, positions = _load_json(text)
    else:
        data, positions = load_yaml(text)
    if data is None:  # only comments, or `~`
        raise InputError("file_empty")
    if not isinstance(data, dict):
        raise InputError("not_a_mapping", line=1, column=1, found=_kind_of(data))
    return Source(name, base_dir, data, positions, format, raw, findings)


def _decode(raw: bytes) -> tuple[str, list[Finding]]:
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8) :]
    elif raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return raw.decode("utf-16"), []
        except UnicodeDecodeError as error:  # a lone surrogate, an odd number of bytes
            line = raw[: error.start].count("\n".encode(error.encoding)) + 1
            raise InputError("encoding_invalid", line=line, near=line) from None
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as utf8_error:
        # Windows tools (Notepad before 2019, WPS, Excel's CSV) still write GBK/GB18030
        try:
            text = raw.decode("gb18030")
        except UnicodeDecodeError as gb_error:
            # a UTF-8 file fails both at its bad bytes; a GB18030 one fails UTF-8 at its
            # first Chinese character, and GB18030 at the bad bytes: the later is right
            offset = max(utf8_error.start, gb_error.start)
            line = raw[:offset].count(b"\n") + 1
            raise InputError("encoding_invalid", line=line, near=line) from None
        return text, [Finding("encoding_gb18030", "warning")]


# ---------------------------------------------------------------------------- JSON


def _load_json(text: str) -> tuple[Any, dict[Loc, tuple[int, int]]]:
    _check_depth(text)  # json.loads recurses: 10,000 levels are a RecursionError
    try:
        data = json.loads(text, parse_float=Decimal, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        raise InputError(
            "json_syntax", line=exc.lineno, column=exc.colno, problem=exc.msg
        ) from None
    except ValueError as exc:
        raise InputError("json_syntax", problem=str(exc)) from None
    if _SURROGATE_ESCAPE.search(text):  # rare: only then look at every string
        data = _joined(data)
    return data, _json_positions(text)


_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_BRACKETS = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]', re.S)


def _check_depth(text: str) -> None:
    """The same nesting limit as YAML's (yaml_data.MAX_DEPTH), said at its line."""
    depth = 0
    for match in _BRACKETS.finditer(text):
        token = match.group()
        if token in ("{", "["):
            depth += 1
            if depth > MAX_DEPTH:
                line = text.count("\n", 0, match.start()) + 1
                raise InputError("nesting_too_deep", line=line, limit=MAX_DEPTH)
        elif token in ("}", "]"):
            depth -= 1


def _joined(value: Any) -> Any:
    """json.loads pairs valid surrogate escapes itself; a lone one cannot be written."""
    if isinstance(value, str):
        text = join_surrogates(value)
        if text is None:
            raise InputError("invalid_unicode")
        return text
    if isinstance(value, dict):
        return {_joined(k): _joined(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_joined(v) for v in value]
    return value


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


_JSON_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\]:,]|[^\s{}\[\]:,"]+', re.S)


def _json_positions(text: str) -> dict[Loc, tuple[int, int]]:
    """Walk the tokens of already-valid JSON to find every key's and item's position.

    Also the one place that sees duplicate keys with their line: json.loads keeps the last.
    """
    line_starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]

    def where(offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(line_starts, offset)
        return line, offset - line_starts[line - 1] + 1

    positions: dict[Loc, tuple[int, int]] = {}
    # frames: [loc, is_object, next index (arrays), keys seen (objects)]
    frames: list[tuple[Loc, bool, list[int], set[str]]] = []
    value_loc: Loc = ()
    expecting_key = False
    for match in _JSON_TOKEN.finditer(text):
        token, offset = match.group(), match.start()
        if token == ":":
            expecting_key = False
            continue
        if token == ",":
            if frames and frames[-1][1]:
                expecting_key = True
            elif frames:
                frames[-1][2][0] += 1
            continue
        if token in ("}", "]"):
            frames.pop()
            expecting_key = False
            continue
        if expecting_key and token.startswith('"'):
            loc, _, _, seen = frames[-1]
            key = json.loads(token)
            if key in seen:
                line, column = where(offset)
                raise InputError(
                    "duplicate_key",
                    path=format_path((*loc, key)),
                    line=line,
                    column=column,
                    key=key,
                    first_line=positions[(*loc, key)][0],
                )
            seen.add(key)
            value_loc = (*loc, key)
            positions[value_loc] = where(offset)
            continue
        if frames and not frames[-1][1]:  # an array item
            value_loc = (*frames[-1][0], frames[-1][2][0])
            positions.setdefault(value_loc, where(offset))
        elif not frames:
            positions.setdefault((), where(offset))
        if token in ("{", "["):
            frames.append((value_loc, token == "{", [0], set()))
            expecting_key = token == "{"
    return positions


def _kind_of(value: Any) -> str:
    if isinstance(value, list):
        return "list"
    if value is None:
        return "null"
    return type(value).__name__
