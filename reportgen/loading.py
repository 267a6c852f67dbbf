"""YAML/JSON → plain data, with the line and column of every key and list item.

YAML is composed into nodes by ruamel.yaml's (C) safe parser and turned into data here,
by hand, because that one walk gives us everything the safe constructor would not:
positions for every path, refusal of duplicate keys and of object-building tags, and a
bound on alias expansion (a "billion laughs" file composes into a handful of shared
nodes; expanding it is what would blow up, so that is where we count).
Numbers that are not integers become `Decimal`, never float: money must stay exact.
"""

from __future__ import annotations

import bisect
import codecs
import hashlib
import json
import re
import sys
import threading
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Literal

from reportgen.errors import InputError
from reportgen.findings import Finding, Loc

MAX_BYTES = 5 * 1024 * 1024
# values built from one file, aliases expanded: far above any real application (~1,000)
MAX_VALUES = 50_000
MAX_DEPTH = 64

Format = Literal["yaml", "json"]


@dataclass
class Source:
    """One loaded file: its data, where every key sits, and what loading noticed."""

    name: str
    base_dir: Path
    data: dict[str, Any]
    positions: dict[Loc, tuple[int, int]]
    format: Format
    sha256: str
    findings: list[Finding] = field(default_factory=list)

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
        size = path.stat().st_size
        if path.is_dir():
            raise InputError("file_unreadable", file=name, reason="是一个文件夹")
        if size > MAX_BYTES:
            raise InputError("file_too_large", size=size, limit=MAX_BYTES)
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError("file_not_found", file=name) from None
    except OSError as exc:
        raise InputError("file_unreadable", file=name, reason=exc.strerror or str(exc)) from None
    fmt: Format | None = "json" if path.suffix.lower() == ".json" else None
    if path.suffix.lower() in (".yaml", ".yml"):
        fmt = "yaml"
    return load_bytes(raw, name=name, base_dir=path.parent, format=fmt)


def load_bytes(raw: bytes, *, name: str, base_dir: Path, format: Format | None = None) -> Source:
    digest = hashlib.sha256(raw).hexdigest()
    text, findings = _decode(raw)
    if not text.strip():
        raise InputError("file_empty")
    if format is None:
        format = "json" if text.lstrip()[:1] in ("{", "[") else "yaml"
    if format == "json":
        data, positions = _load_json(text)
    else:
        data, positions = _load_yaml(text)
    if not isinstance(data, dict):
        raise InputError("not_a_mapping", line=1, column=1, found=_kind_of(data))
    return Source(name, base_dir, data, positions, format, digest, findings)


def _decode(raw: bytes) -> tuple[str, list[Finding]]:
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8) :]
    elif raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return raw.decode("utf-16"), []
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as utf8_error:
        # Windows tools (Notepad before 2019, WPS, Excel's CSV) still write GBK/GB18030
        try:
            text = raw.decode("gb18030")
        except UnicodeDecodeError:
            line = raw[: utf8_error.start].count(b"\n") + 1
            raise InputError("encoding_invalid", line=line) from None
        return text, [Finding("encoding_gb18030", "warning")]


# ---------------------------------------------------------------------------- YAML

_yaml_parsers = threading.local()

_SCALAR_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "!",
}
_MAP_TAG = "tag:yaml.org,2002:map"
_SEQ_TAG = "tag:yaml.org,2002:seq"
_MERGE_TAG = "tag:yaml.org,2002:merge"
_SPECIAL_FLOATS = {".inf": "Infinity", "+.inf": "Infinity", "-.inf": "-Infinity", ".nan": "NaN"}


def _yaml(pure: bool) -> Any:
    name = "pure" if pure else "fast"
    parser = getattr(_yaml_parsers, name, None)
    if parser is None:
        from ruamel.yaml import YAML

        parser = YAML(typ="safe", pure=pure)
        setattr(_yaml_parsers, name, parser)
    return parser


def _compose(text: str) -> Any:
    """libyaml (C) composes ~8x faster but is YAML 1.1: it rejects some valid YAML 1.2,
    such as `[ISO 9001:2015]` in flow style. Only then is the pure YAML 1.2 parser asked;
    its verdict is final. Both resolve scalars the same way (ruamel's 1.2 resolver)."""
    from ruamel.yaml.error import YAMLError

    try:
        return _yaml(pure=False).compose(text)
    except YAMLError:
        return _yaml(pure=True).compose(text)


def _load_yaml(text: str) -> tuple[Any, dict[Loc, tuple[int, int]]]:
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    try:
        root = _compose(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise InputError(
            "yaml_syntax",
            line=mark.line + 1 if mark else None,
            column=mark.column + 1 if mark else None,
            problem=exc.problem or exc.context or "",
        ) from None
    except YAMLError as exc:  # ReaderError: characters YAML does not allow in a stream
        position = getattr(exc, "position", None)
        line = text.count("\n", 0, position) + 1 if isinstance(position, int) else None
        raise InputError("yaml_syntax", line=line, problem=str(exc).splitlines()[0]) from None
    if root is None:
        raise InputError("file_empty")
    builder = _NodeBuilder()
    return builder.build(root, ()), builder.positions


class _NodeBuilder:
    def __init__(self) -> None:
        self.positions: dict[Loc, tuple[int, int]] = {}
        self.count = 0

    def build(self, node: Any, loc: Loc, depth: int = 0) -> Any:
        self.count += 1
        if self.count > MAX_VALUES:
            raise InputError("alias_limit", line=_line(node), limit=MAX_VALUES)
        if depth > MAX_DEPTH:
            raise InputError("nesting_too_deep", path=_path(loc), line=_line(node), limit=MAX_DEPTH)
        self.positions.setdefault(loc, _mark(node))
        kind = type(node).__name__
        if kind == "ScalarNode":
            return _scalar(node, loc)
        if node.tag not in (_MAP_TAG if kind == "MappingNode" else _SEQ_TAG, "!"):
            raise _forbidden_tag(node, loc)
        if kind == "SequenceNode":
            return [self.build(item, (*loc, i), depth + 1) for i, item in enumerate(node.value)]
        return self._mapping(node, loc, depth)

    def _mapping(self, node: Any, loc: Loc, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        merged: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if type(key_node).__name__ != "ScalarNode":
                raise InputError("invalid_key", path=_path(loc), line=_line(key_node))
            if key_node.tag == _MERGE_TAG or (key_node.value == "<<" and not key_node.style):
                merged.update(self._merge_source(value_node, loc, depth))
                continue
            key = str(_scalar(key_node, loc))
            if key in result:
                raise InputError(
                    "duplicate_key",
                    path=_path((*loc, key)),
                    line=_line(key_node),
                    column=_mark(key_node)[1],
                    key=key,
                    first_line=self.positions[(*loc, key)][0],
                )
            self.positions[(*loc, key)] = _mark(key_node)
            result[key] = self.build(value_node, (*loc, key), depth + 1)
        # YAML merge keys: explicit keys win over merged ones
        return {**merged, **result} if merged else result

    def _merge_source(self, node: Any, loc: Loc, depth: int) -> dict[str, Any]:
        sources = node.value if type(node).__name__ == "SequenceNode" else [node]
        merged: dict[str, Any] = {}
        for source in reversed(sources):  # earlier sources win, as the YAML spec says
            value = self.build(source, loc, depth + 1)
            if not isinstance(value, dict):
                raise InputError("invalid_merge", path=_path(loc), line=_line(source))
            merged.update(value)
        return merged


def _scalar(node: Any, loc: Loc) -> Any:
    tag, value = node.tag, node.value
    if tag not in _SCALAR_TAGS:
        raise _forbidden_tag(node, loc)
    if tag == "tag:yaml.org,2002:int":
        body = value.replace("_", "").lstrip("+-")
        # 0571… is a phone number or a code, not the integer 571: keep what was written
        if len(body) > 1 and body[0] == "0" and body[1].isdigit():
            return value
        sign = -1 if value.startswith("-") else 1
        base = {"0o": 8, "0x": 16, "0b": 2}.get(body[:2].lower(), 10)
        return sign * int(body[2:] if base != 10 else body, base)
    if tag == "tag:yaml.org,2002:float":
        try:
            return Decimal(_SPECIAL_FLOATS.get(value.lower(), value))
        except InvalidOperation:
            return value
    if tag == "tag:yaml.org,2002:bool":
        return value.lower() in ("true", "yes", "on", "y")
    if tag == "tag:yaml.org,2002:null":
        return None
    return value  # str, and timestamps: dates stay text and the models parse them


def _forbidden_tag(node: Any, loc: Loc) -> InputError:
    return InputError("forbidden_tag", path=_path(loc), line=_line(node), tag=node.tag)


def _mark(node: Any) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _line(node: Any) -> int:
    return int(node.start_mark.line) + 1


def _path(loc: Loc) -> str:
    from reportgen.findings import format_path

    return format_path(loc)


# ---------------------------------------------------------------------------- JSON


def _load_json(text: str) -> tuple[Any, dict[Loc, tuple[int, int]]]:
    try:
        data = json.loads(text, parse_float=Decimal, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        raise InputError("json_syntax", line=exc.lineno, column=exc.colno, problem=exc.msg) from None
    except ValueError as exc:
        raise InputError("json_syntax", problem=str(exc)) from None
    return data, _json_positions(text)


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
                    path=_path((*loc, key)),
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
