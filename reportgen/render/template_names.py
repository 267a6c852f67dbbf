"""The variables a template names that the Context lacks, found without rendering.

docxtpl (and Jinja's `meta.find_undeclared_variables`) give the top-level names a
template reads; a misspelt attribute (`{{ enterprise.nmae }}`) is not among them and
would only fail when rendered. So the template's syntax tree is walked here, following
the Context's types (context/describe.py) through attribute access, keys, loops
(`{% for p in product.patents %}` makes `p` a Patent), `{% set %}` and `.items()`.
Where a value's type is not one of ours (a string method, a filter's result, a macro's
argument) nothing more is claimed. Guarded reads (`x is defined`, `x|default(…)`)
are left alone: they do not fail on a missing variable.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from jinja2 import meta, nodes

from reportgen.context import Context
from reportgen.context import describe as d

# what a mapping answers to besides its keys: a template may loop over text.items()
_MAPPING_METHODS = frozenset({"items", "keys", "values", "get"})
_GUARDS = frozenset({"defined", "undefined", "default", "d"})


@dataclass(frozen=True)
class _Typed:
    """What an expression is: its type (or d.UNKNOWN), a mapping's keys, its path."""

    type: Any
    path: str = ""
    keys: tuple[str, ...] | None = None
    items_of: Any = None  # set for `m.items()`: the type of m's values


_UNKNOWN = _Typed(d.UNKNOWN)


def missing_variables(tree: nodes.Template, known: set[str]) -> list[tuple[str, int]]:
    """The variables `tree` reads that the Context lacks ('unknown_thing',
    'enterprise.nmae'), each once with the line it first appears on, in that order;
    `known` are names defined anyway (Jinja's globals)."""
    top = meta.find_undeclared_variables(tree) - known - set(_top_level())
    lines: dict[str, int] = {}
    for name in tree.find_all(nodes.Name):
        if name.name in top:
            lines.setdefault(name.name, name.lineno)
    walker = _Walker()
    walker.statements(tree.body, {})
    found = [*lines.items(), *walker.missing]
    first: dict[str, int] = {}
    for variable, line in sorted(found, key=lambda item: item[1]):
        first.setdefault(variable, line)
    return list(first.items())


def _top_level() -> dict[str, tuple[Any, tuple[Any, ...]]]:
    return d.field_types(Context)


@dataclass
class _Walker:
    missing: list[tuple[str, int]] = field(default_factory=list)  # (path, line)

    def statements(self, body: list[nodes.Node], scope: dict[str, _Typed]) -> None:
        for node in body:
            self.statement(node, scope)

    def statement(self, node: nodes.Node, scope: dict[str, _Typed]) -> None:
        if isinstance(node, nodes.For):
            looped = self.expression(node.iter, scope)
            inner = dict(scope) | {"loop": _UNKNOWN}
            self._bind_loop(node.target, looped, inner)
            if node.test is not None:
                self.expression(node.test, inner)
            self.statements(node.body, inner)
            self.statements(node.else_, scope)
        elif isinstance(node, nodes.Assign):
            self._bind(node.target, self.expression(node.node, scope), scope)
        elif isinstance(node, nodes.AssignBlock):
            self.statements(node.body, dict(scope))
            self._bind(node.target, _UNKNOWN, scope)
        elif isinstance(node, nodes.With):
            inner = dict(scope)
            for target, given in zip(node.targets, node.values, strict=False):
                self._bind(target, self.expression(given, scope), inner)
            self.statements(node.body, inner)
        elif isinstance(node, nodes.Macro | nodes.CallBlock):
            if isinstance(node, nodes.CallBlock):
                self.expression(node.call, scope)
            for default in node.defaults:
                self.expression(default, scope)
            inner = dict(scope) | {a.name: _UNKNOWN for a in node.args} | {"caller": _UNKNOWN}
            self.statements(node.body, inner)
            if isinstance(node, nodes.Macro):
                scope[node.name] = _UNKNOWN
        elif isinstance(node, nodes.Expr):
            self.expression(node, scope)
        else:  # Output, If, Scope, FilterBlock …: their expressions and statements in turn
            for child in node.iter_child_nodes():
                self.statement(child, scope)

    def _bind(self, target: nodes.Node, value: _Typed, scope: dict[str, _Typed]) -> None:
        if isinstance(target, nodes.Name):
            scope[target.name] = value
        elif isinstance(target, nodes.Tuple):
            for item in target.items:
                self._bind(item, _UNKNOWN, scope)

    def _bind_loop(self, target: nodes.Node, looped: _Typed, scope: dict[str, _Typed]) -> None:
        pair = isinstance(target, nodes.Tuple) and len(target.items) == 2
        if looped.items_of is not None and pair:  # for key, value in m.items()
            assert isinstance(target, nodes.Tuple)
            self._bind(target.items[0], _Typed(str), scope)
            self._bind(target.items[1], _Typed(looped.items_of, looped.path + "[]"), scope)
            return
        if looped.type is d.UNKNOWN or looped.items_of is not None:
            self._bind(target, _UNKNOWN, scope)
        else:
            self._bind(target, _Typed(d.element(looped.type), looped.path + "[]"), scope)

    def expression(self, node: nodes.Node, scope: dict[str, _Typed]) -> _Typed:
        if isinstance(node, nodes.Name):
            if node.name in scope:
                return scope[node.name]
            if node.name in _top_level():
                return _Typed(
                    _top_level()[node.name][0], node.name, d.member_keys(Context, node.name)
                )
            return _UNKNOWN  # a global, or a name find_undeclared_variables reports
        if isinstance(node, nodes.Getattr):
            return self._member(self.expression(node.node, scope), node.attr, node.lineno)
        if isinstance(node, nodes.Getitem):
            base = self.expression(node.node, scope)
            if isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, str):
                return self._member(base, node.arg.value, node.lineno)
            self.expression(node.arg, scope)
            if base.type is d.UNKNOWN:
                return _UNKNOWN
            value = d.mapping_value(base.type) if base.keys is not None else None
            return _Typed(value if value is not None else d.element(base.type), base.path + "[]")
        if isinstance(node, nodes.Call) and isinstance(node.node, nodes.Getattr):
            self._arguments(node, scope)
            base = self.expression(node.node.node, scope)
            if base.keys is not None and node.node.attr == "items":
                return _Typed(base.type, base.path, None, d.mapping_value(base.type))
            self._member(base, node.node.attr, node.lineno)
            return _UNKNOWN
        if isinstance(node, nodes.Test | nodes.Filter) and node.name in _GUARDS:
            self._arguments(node, scope)  # the guarded value itself may be missing
            return _UNKNOWN
        for child in node.iter_child_nodes():
            self.expression(child, scope)
        return _UNKNOWN

    def _arguments(self, node: nodes.Call | nodes.Filter | nodes.Test, scope: Any) -> None:
        for argument in [*node.args, *node.kwargs, node.dyn_args, node.dyn_kwargs]:
            if argument is not None:
                self.expression(argument, scope)

    def _member(self, base: _Typed, name: str, line: int) -> _Typed:
        if base.type is d.UNKNOWN:
            return _UNKNOWN
        path = f"{base.path}.{name}"
        if base.keys is not None and name in _MAPPING_METHODS:
            return _UNKNOWN  # text.items, charts.keys: the mapping's own methods
        found = d.member(base.type, name, base.keys)
        if found is None:
            self.missing.append((path, line))
            return _UNKNOWN
        return _Typed(found, path, d.member_keys(base.type, name))
