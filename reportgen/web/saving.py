"""Saving the editor's data into the application's YAML file, as a person would edit it.

The file is read with ruamel's round-trip loader and the new values are put into it key
by key, so keys keep their order and most comments stay; a value of another shape (a
list of another length) replaces the old one, and its comments go with it. The file is
written atomically; the version before is kept as application.yaml.bak. A file changed
on disk since the page loaded it (the CLI, another tab) is not overwritten: SaveConflict.
"""

from __future__ import annotations

import io
import re
import shutil
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from reportgen.errors import SaveConflict
from reportgen.source.files import write_atomic
from reportgen.web.workspace import version

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _yaml() -> Any:
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.allow_unicode = True
    yaml.width = 4096  # a long paragraph stays one scalar line rather than folded
    yaml.indent(mapping=2, sequence=4, offset=2)
    # figures as written: 1850.00 stays 1850.00 (a Decimal), not a float's 1850.0
    yaml.representer.add_representer(
        Decimal, lambda r, d: r.represent_scalar("tag:yaml.org,2002:float", str(d))
    )
    return yaml


def save(file: Path, data: dict[str, Any], expected: str) -> str:
    """Write `data` into `file` if it is still at version `expected`; the new version."""
    if version(file) != expected:
        raise SaveConflict(str(file))
    yaml = _yaml()
    try:
        document = yaml.load(file.read_text("utf-8")) if file.suffix != ".json" else None
    except Exception:  # a file the round-trip loader cannot read: written anew
        document = None
    merged = _merge(document, data) if document is not None else data
    out = io.StringIO()
    if file.suffix == ".json":
        import json

        out.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")
    else:
        yaml.dump(merged, out)
    if file.exists():
        shutil.copy2(file, file.with_name(file.name + ".bak"))
    write_atomic(file, out.getvalue().encode("utf-8"))
    return version(file)


def _merge(old: Any, new: Any) -> Any:
    """`new`, keeping `old`'s containers (and so their comments) where the shapes agree."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if isinstance(old, CommentedMap) and isinstance(new, dict):
        for key in [k for k in old if k not in new]:
            del old[key]
        for key, value in new.items():
            old[key] = _merge(old[key], value) if key in old else value
        return old
    if isinstance(old, CommentedSeq) and isinstance(new, list) and len(old) == len(new):
        for i, value in enumerate(new):
            old[i] = _merge(old[i], value)
        return old
    if isinstance(old, date) and isinstance(new, str) and _ISO_DATE.fullmatch(new):
        return date.fromisoformat(new)  # a date stays a YAML date, not a quoted string
    return new
