"""What the templates can name, read from the Context's own types.

Every field of the context's dataclasses is annotated `Annotated[type, Doc(zh, en)]`;
this module turns those into the variable table of docs/templates.md
(`variables()`, `markdown_table()`), and tells `reportgen templates check` what an
expression like `enterprise.contact.name` leads to (`member()`, `element()`), so the
documentation, the check and the code cannot tell three different stories.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any


@dataclass(frozen=True)
class Doc:
    """A field's description: Chinese, and English where the documentation has it."""

    zh: str
    en: str = ""


@dataclass(frozen=True)
class Keys:
    """The keys a mapping field holds (`text.technology_advancement`, `charts.sales`)."""

    names: tuple[str, ...]


@dataclass(frozen=True)
class Variable:
    """One row of the variable table: `product.patents[].number`, its type, its doc."""

    name: str
    type: str
    zh: str
    en: str


# An expression whose type is not one of ours (a string's method, a filter's result):
# nothing more can be said about what follows it.
UNKNOWN: Any = object()


@cache
def field_types(cls: type) -> dict[str, tuple[Any, tuple[Any, ...]]]:
    """field name → (type without Annotated, its metadata), for a dataclass."""
    hints = typing.get_type_hints(cls, include_extras=True)
    out = {}
    for field in dataclasses.fields(cls):
        hint = hints[field.name]
        if typing.get_origin(hint) is typing.Annotated:
            out[field.name] = (hint.__origin__, hint.__metadata__)
        else:
            out[field.name] = (hint, ())
    return out


def _meta(metadata: tuple[Any, ...], kind: type[Any]) -> Any:
    return next((m for m in metadata if isinstance(m, kind)), None)


def _without_none(tp: Any) -> Any:
    """`X | None` → X: a template reads the field as an X (None prints as None)."""
    if isinstance(tp, types.UnionType) or typing.get_origin(tp) is typing.Union:
        rest = [a for a in typing.get_args(tp) if a is not type(None)]
        return rest[0] if len(rest) == 1 else UNKNOWN
    return tp


def _is_record(tp: Any) -> bool:
    return isinstance(tp, type) and dataclasses.is_dataclass(tp)


def _is_sequence(tp: Any) -> bool:
    origin = typing.get_origin(tp)
    return isinstance(origin, type) and issubclass(origin, Sequence) and origin is not str


def _is_mapping(tp: Any) -> bool:
    origin = typing.get_origin(tp)
    return isinstance(origin, type) and issubclass(origin, Mapping)


def member(tp: Any, name: str, keys: tuple[str, ...] | None = None) -> Any:
    """The type of `x.name` where x is a `tp`: a field's type, a known key's value type,
    None when `tp` is one of ours and has no such member, UNKNOWN when `tp` is not ours
    (then anything may follow, as far as this module knows)."""
    tp = _without_none(tp)
    if _is_record(tp):
        found = field_types(tp).get(name)
        return None if found is None else found[0]
    if _is_mapping(tp) and keys is not None:
        return typing.get_args(tp)[1] if name in keys else None
    return UNKNOWN


def member_keys(tp: Any, name: str) -> tuple[str, ...] | None:
    """The keys the mapping field `name` of `tp` declares (Keys), if any."""
    tp = _without_none(tp)
    if not _is_record(tp) or name not in field_types(tp):
        return None
    keys = _meta(field_types(tp)[name][1], Keys)
    return None if keys is None else keys.names


def element(tp: Any) -> Any:
    """The type of one item when a template loops over a `tp` (UNKNOWN if not a list)."""
    tp = _without_none(tp)
    if _is_sequence(tp):
        args = typing.get_args(tp)
        return args[0] if args else UNKNOWN
    return UNKNOWN


def mapping_value(tp: Any) -> Any:
    """The type of a value when a template loops over `tp.items()`."""
    tp = _without_none(tp)
    return typing.get_args(tp)[1] if _is_mapping(tp) else UNKNOWN


def type_name(tp: Any) -> str:
    """How the table writes a type: `str`, `list[Patent]`, `dict[str, Markup]`."""
    if tp is type(None):
        return "None"
    if isinstance(tp, types.UnionType) or typing.get_origin(tp) is typing.Union:
        return " | ".join(type_name(a) for a in typing.get_args(tp))
    if _is_sequence(tp):
        return f"list[{type_name(typing.get_args(tp)[0])}]"
    if _is_mapping(tp):
        key, value = typing.get_args(tp)
        return f"dict[{type_name(key)}, {type_name(value)}]"
    return str(getattr(tp, "__name__", tp))


def variables(cls: type, prefix: str = "") -> list[Variable]:
    """Every variable a template can reach from a `cls`, depth first, in field order.
    Items of a list are written `[]` (`product.patents[].number`)."""
    rows = []
    for name, (tp, metadata) in field_types(cls).items():
        doc = _meta(metadata, Doc)
        if doc is None:
            raise TypeError(f"{cls.__name__}.{name} has no Doc: the table would lack it")
        zh, keys = doc.zh, _meta(metadata, Keys)
        if keys is not None:
            zh += "（键：" + "、".join(f"`{k}`" for k in keys.names) + "）"
        path = prefix + name
        rows.append(Variable(path, type_name(tp), zh, doc.en))
        inner = _without_none(tp)
        if _is_record(inner):
            rows += variables(inner, path + ".")
        elif _is_record(element(inner)):
            rows += variables(element(inner), path + "[].")
    return rows


def names(cls: type) -> list[str]:
    """Every name a template can write, the keys of mappings spelt out
    (`generated.brand_building`): what a misspelt name is compared with."""
    out = []
    for v in variables(cls):
        out.append(v.name)
        parent, _, field = v.name.rpartition(".")
        keys = member_keys(_record_at(cls, parent), field)
        out += [f"{v.name}.{key}" for key in keys or ()]
    return out


def _record_at(cls: type, path: str) -> Any:
    """The dataclass at `path` ('enterprise.contact', 'product.patents[]') below `cls`."""
    tp: Any = cls
    for part in filter(None, path.split(".")):
        tp = member(tp, part.removesuffix("[]"))
        if part.endswith("[]"):
            tp = element(tp)
    return tp


def markdown_table(cls: type) -> str:
    """The variable table of docs/templates.md (tools/variables.py writes it there)."""
    lines = ["| 变量 variable | 类型 type | 说明 | content |", "|---|---|---|---|"]
    for v in variables(cls):
        cells = (f"`{v.name}`", f"`{v.type}`", v.zh, v.en)
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return "\n".join(lines) + "\n"
