"""Walk the models along a path: Chinese labels and the field names that exist there.

`label(("product", "launch_date"))` -> "申报产品 › 上市时间"; used by messages that name a
field the way an enterprise reads it, and by "did you mean …" for unknown keys.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from pydantic import BaseModel

from reportgen.findings import Loc
from reportgen.messages import text


def _unwrap(annotation: Any) -> tuple[type[BaseModel] | None, bool]:
    """The model inside `X | None`, `list[X]`, `Annotated[X, …]`; and whether it is a list."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            model, is_list = _unwrap(arg)
            if model is not None:
                return model, is_list
        return None, False
    if origin is list:
        return _unwrap(typing.get_args(annotation)[0])[0], True
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation, False
    return None, False


def walk(root: type[BaseModel], loc: Loc) -> tuple[list[str], type[BaseModel] | None, Loc]:
    """Labels of the parts of `loc` that name fields, the model reached, and the clean loc.

    Union branches pydantic adds to error locations ('decimal', 'str', …) are dropped.
    """
    labels: list[str] = []
    clean: list[str | int] = []
    model: type[BaseModel] | None = root
    expecting_index = False
    for part in loc:
        if isinstance(part, int):
            if expecting_index:
                labels.append(text("word.item", "zh", number=part + 1))  # labels are Chinese
                clean.append(part)
                expecting_index = False
            continue
        if model is None or part not in model.model_fields:
            if model is not None:  # an unknown key: keep it, it is what the user wrote
                labels.append(part)
                clean.append(part)
            model = None
            continue
        info = model.model_fields[part]
        labels.append(info.title or part)
        clean.append(part)
        model, expecting_index = _unwrap(info.annotation)
    return labels, (model if not expecting_index else None), tuple(clean)


def label(root: type[BaseModel], loc: Loc) -> str:
    return " › ".join(walk(root, loc)[0])


@lru_cache(maxsize=256)
def field_names(model: type[BaseModel]) -> Sequence[str]:
    return tuple(model.model_fields)


def model_at(root: type[BaseModel], loc: Loc) -> type[BaseModel] | None:
    """The model whose fields are the keys at `loc` (a mapping in the file), if any."""
    return walk(root, loc)[1]
