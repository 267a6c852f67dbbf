"""YAML text → plain data and the position of every key, built from parser events.

Why not ruamel's constructor: building the data ourselves from the (C) parser's event
stream is what lets us, in one pass and ~5x faster than composing nodes,
- record the line and column of every key and list item;
- refuse duplicate keys, tags that would construct objects, and more than one document;
- bound alias expansion: an alias adds the full size of what it names to the count, so
  a "billion laughs" file is refused after a few events instead of expanded by whoever
  walks the data later;
- keep non-integer numbers as `Decimal` (money must stay exact) and dates as text.
Scalars are resolved by the YAML 1.2 core schema, as ruamel's default resolver does.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from typing import Any

from reportgen.errors import InputError
from reportgen.findings import Loc, format_path
from reportgen.messages import Phrase
from reportgen.source.text import join_surrogates

MAX_VALUES = 50_000  # values built from one file, aliases expanded; a real one has ~1,000
MAX_DEPTH = 64

_parsers = threading.local()
_STANDARD = "tag:yaml.org,2002:"
_NULL = re.compile(r"~|null|Null|NULL|")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"[-+]?[0-9][0-9_]*|0o[0-7_]+|0x[0-9a-fA-F_]+")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?")
_MAY_NOT_BE_TEXT = frozenset("0123456789+-.~nNtTfF")
_SPECIAL_FLOAT = {
    ".inf": "Infinity",
    "+.inf": "Infinity",
    "-.inf": "-Infinity",
    ".nan": "NaN",
}


def load_yaml(text: str) -> tuple[Any, dict[Loc, tuple[int, int]]]:
    """libyaml (C) parses ~20x faster but is YAML 1.1: it rejects some valid YAML 1.2,
    such as `[ISO 9001:2015]` in flow style. Only then is the pure YAML 1.2 parser
    asked, and its verdict (data or error) is final."""
    from ruamel.yaml import main
    from ruamel.yaml.error import YAMLError

    CParser = getattr(main, "CParser", None)  # None without ruamel.yaml.clib

    written = text
    text, restore = _stand_ins(text)
    if CParser is not None:
        try:
            return _restored(_Builder().run(_c_events(CParser, text)), restore)
        except YAMLError:
            pass
    try:
        return _restored(_Builder().run(_pure_events(text)), restore)
    except YAMLError as exc:
        raise _syntax_error(exc, written) from None  # its lines and columns are the same


# Characters YAML refuses in a file or takes for line breaks (\x0b from Word, U+2028),
# though JSON carries them: each is read as a private-use stand-in, one character for
# one so every line and column stays put, and put back in the data. The checks then
# warn about them as they do for JSON (characters.py, lenient.py).
_REFUSED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\u2028\u2029\ufffe\uffff]")
_STAND_IN = 0xF0000  # Supplementary Private Use Area-A: printable to YAML
_STAND_INS = re.compile("[\U000f0000-\U000fffff]")


def _stand_ins(text: str) -> tuple[str, dict[int, str] | None]:
    if not _REFUSED.search(text) or _STAND_INS.search(text):
        return text, None
    return _REFUSED.sub(lambda m: chr(_STAND_IN + ord(m.group())), text), {
        _STAND_IN + ord(c): c for c in set(_REFUSED.findall(text))
    }


def _restored(
    result: tuple[Any, dict[Loc, tuple[int, int]]], restore: dict[int, str] | None
) -> tuple[Any, dict[Loc, tuple[int, int]]]:
    if restore is None:
        return result
    data, positions = result

    def back(value: Any) -> Any:
        if isinstance(value, str):
            return value.translate(restore)
        if isinstance(value, dict):
            return {back(k): back(v) for k, v in value.items()}
        if isinstance(value, list):
            return [back(v) for v in value]
        return value

    return back(data), {tuple(back(p) for p in loc): at for loc, at in positions.items()}


def _c_events(parser_class: Any, text: str) -> Iterator[Any]:
    parser = parser_class(text)
    try:
        while parser.check_event():
            yield parser.get_event()
    finally:
        parser.dispose()


def _pure_events(text: str) -> Iterator[Any]:
    yaml = getattr(_parsers, "pure", None)
    if yaml is None:
        from ruamel.yaml import YAML

        yaml = _parsers.pure = YAML(typ="safe", pure=True)
    try:
        yield from yaml.parse(text)
    finally:
        yaml.doc_infos.clear()  # YAML.parse appends one per call: a leak in long runs


def _syntax_error(exc: Any, text: str) -> InputError:
    """The slip behind a parser error where it is a known one (yaml_hints.py), on its own
    line; else the parser's verdict, explained where we can."""
    from reportgen.source.yaml_hints import explain_problem, find_slip

    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    if mark is not None:
        problem = getattr(exc, "problem", None) or getattr(exc, "context", None) or ""
        line, column = mark.line + 1, mark.column + 1
    else:
        position = getattr(exc, "position", None)  # ReaderError: a character YAML forbids
        line = text.count("\n", 0, position) + 1 if isinstance(position, int) else None
        column, problem = None, str(exc).splitlines()[0]
    slip = find_slip(text, line)
    if slip is not None:
        return InputError(slip.code, line=slip.line, column=slip.column, **slip.params)
    return InputError(
        "yaml_syntax", line=line, column=column, problem=problem, meaning=explain_problem(problem)
    )


class _Frame:
    """An open mapping or sequence while its events arrive."""

    __slots__ = ("anchor", "key", "loc", "merged", "merging", "size", "value")

    def __init__(self, loc: Loc, value: dict[str, Any] | list[Any], anchor: str | None) -> None:
        self.loc = loc
        self.value: Any = value  # dict or list; Any keeps the hot loop free of casts
        self.anchor = anchor
        self.size = 1
        self.key: str | None = None  # mappings: the key whose value comes next
        self.merging = False  # mappings: the next value is merged (`<<: …`)
        self.merged: dict[str, Any] = {}


class _Builder:
    """One pass over the events; the hot loop is flat on purpose (~500 events a file)."""

    def __init__(self) -> None:
        self.positions: dict[Loc, tuple[int, int]] = {}
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.count = 0
        self.stack: list[_Frame] = []
        self.root: Any = None

    def run(self, events: Iterator[Any]) -> tuple[Any, dict[Loc, tuple[int, int]]]:
        from ruamel.yaml import events as ev

        stack, positions = self.stack, self.positions
        documents = 0
        for event in events:
            kind = type(event)
            top = stack[-1] if stack else None
            awaiting_key = (
                top is not None and top.key is None and not top.merging and type(top.value) is dict
            )
            if kind is ev.ScalarEvent:
                if awaiting_key:
                    self._key(top, event)  # type: ignore[arg-type]
                    continue
                loc = self._value_loc(top, event)
                self._count(1, event, loc)
                value = event.value
                if event.ctag is None and not event.style:
                    if value and value[0] not in _MAY_NOT_BE_TEXT:
                        self._place(top, value, 1, event.anchor, event)
                        continue
                    self._place(top, _plain(value), 1, event.anchor, event)
                else:
                    self._place(top, self._tagged(event, loc), 1, event.anchor, event)
            elif kind is ev.MappingStartEvent or kind is ev.SequenceStartEvent:
                is_mapping = kind is ev.MappingStartEvent
                tag = _tag(event)
                if tag not in (None, "!", _STANDARD + ("map" if is_mapping else "seq")):
                    raise InputError("forbidden_tag", path=self._path(), line=_line(event), tag=tag)
                if awaiting_key:
                    raise InputError("invalid_key", path=self._path(), line=_line(event))
                loc = self._value_loc(top, event)
                if len(stack) >= MAX_DEPTH:
                    raise InputError(
                        "nesting_too_deep",
                        path=format_path(loc),
                        line=_line(event),
                        limit=MAX_DEPTH,
                    )
                self._count(1, event, loc)
                stack.append(_Frame(loc, {} if is_mapping else [], event.anchor))
            elif kind is ev.MappingEndEvent or kind is ev.SequenceEndEvent:
                frame = stack.pop()
                value = frame.value
                if frame.merged:
                    value = {**frame.merged, **value}
                self._place(stack[-1] if stack else None, value, frame.size, frame.anchor, event)
            elif kind is ev.AliasEvent:
                if awaiting_key:
                    raise InputError("invalid_key", path=self._path(), line=_line(event))
                if event.anchor not in self.anchors:
                    raise InputError(
                        "yaml_syntax",
                        line=_line(event),
                        problem=f"found undefined alias *{event.anchor}",
                        meaning=Phrase("yaml_meaning.undefined_alias", anchor=event.anchor),
                    )
                value, size = self.anchors[event.anchor]
                loc = self._value_loc(top, event)
                self._count(size, event, loc)
                self._place(top, value, size, None, event)
            elif kind is ev.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise InputError("yaml_multiple_documents", line=_line(event))
        return self.root, positions

    def _place(
        self, parent: _Frame | None, value: Any, size: int, anchor: str | None, event: Any
    ) -> None:
        if anchor is not None:
            self.anchors[anchor] = (value, size)
        if parent is None:
            self.root = value
            return
        parent.size += size
        container = parent.value
        if type(container) is list:
            container.append(value)
        elif parent.merging:
            parent.merged.update(self._merge_source(value, event))
            parent.merging = False
        else:
            container[parent.key] = value
            parent.key = None

    def _key(self, frame: _Frame, event: Any) -> None:
        text = event.value
        if text == "<<" and not event.style and event.ctag is None:
            frame.merging = True
            return
        if event.style == '"':  # only double quotes have escapes
            key = _text(event, frame.loc)
        elif event.ctag is None and (event.style or not text or text[0] not in _MAY_NOT_BE_TEXT):
            key = text
        else:
            key = str(_plain(text) if event.ctag is None else self._tagged(event, frame.loc))
        container = frame.value
        position = (event.start_mark.line + 1, event.start_mark.column + 1)
        if key in container:
            raise InputError(
                "duplicate_key",
                path=format_path((*frame.loc, key)),
                line=position[0],
                column=position[1],
                key=key,
                first_line=self.positions[(*frame.loc, key)][0],
            )
        container[key] = None  # reserved: a duplicate is seen even before its value
        frame.key = key
        self.positions[(*frame.loc, key)] = position

    def _value_loc(self, top: _Frame | None, event: Any) -> Loc:
        """The location of the value starting with `event`; records list items' positions."""
        if top is None:
            self.positions.setdefault((), _mark(event))
            return ()
        if type(top.value) is list:
            loc = (*top.loc, len(top.value))
            self.positions[loc] = _mark(event)
            return loc
        return top.loc if top.merging else (*top.loc, top.key or "")

    def _merge_source(self, value: Any, event: Any) -> dict[str, Any]:
        sources = value if isinstance(value, list) else [value]
        merged: dict[str, Any] = {}
        for source in reversed(sources):  # the first mapping listed wins, as YAML says
            if not isinstance(source, dict):
                raise InputError("invalid_merge", path=self._path(), line=_line(event))
            merged.update(source)
        return merged

    def _count(self, size: int, event: Any, loc: Loc) -> None:
        self.count += size
        if self.count > MAX_VALUES:
            raise InputError(
                "alias_limit", path=format_path(loc), line=_line(event), limit=MAX_VALUES
            )

    def _path(self) -> str:
        return format_path(self.stack[-1].loc) if self.stack else ""

    def _tagged(self, event: Any, loc: Loc) -> Any:
        """A quoted or block scalar (text), or one with an explicit standard tag."""
        tag = _tag(event)
        if tag in (None, "!", _STANDARD + "str", _STANDARD + "timestamp"):
            return _text(event, loc) if event.style == '"' else event.value
        if tag in (_STANDARD + "int", _STANDARD + "float", _STANDARD + "bool", _STANDARD + "null"):
            return _plain(event.value)
        raise InputError("forbidden_tag", path=format_path(loc), line=_line(event), tag=tag)


def _plain(value: str) -> Any:
    """A plain scalar by the YAML 1.2 core schema; dates stay text for the models."""
    if value and value[0] not in _MAY_NOT_BE_TEXT:  # most scalars: names, prose, keys
        return value
    if _NULL.fullmatch(value):
        return None
    if value in _BOOL:
        return _BOOL[value]
    if _INT.fullmatch(value):
        body = value.replace("_", "").lstrip("+-")
        # 0571… is a phone number or a code, not the integer 571: keep what was written
        if len(body) > 1 and body[0] == "0" and body[1].isdigit():
            return value
        base = {"0o": 8, "0x": 16}.get(body[:2], 10)
        number = int(body[2:] if base != 10 else body, base)
        return -number if value.startswith("-") else number
    special = _SPECIAL_FLOAT.get(value.lower())
    if special or _FLOAT.fullmatch(value):
        try:
            return Decimal(special or value.replace("_", ""))
        except InvalidOperation:
            return value
    return value


def _text(event: Any, loc: Loc) -> str:
    text = join_surrogates(event.value)
    if text is None:
        raise InputError("invalid_unicode", path=format_path(loc), line=_line(event))
    return text


def _tag(event: Any) -> str | None:
    ctag = event.ctag
    return None if ctag is None else str(ctag)


def _mark(event: Any) -> tuple[int, int]:
    return event.start_mark.line + 1, event.start_mark.column + 1


def _line(event: Any) -> int:
    return int(event.start_mark.line) + 1
