"""Saving the editor's data into the application's YAML file, as a person would edit it.

The file is read with ruamel's round-trip loader and the new values are put into it key
by key, so keys keep their order and most comments stay; a value of another shape (a
list of another length) replaces the old one, and its comments go with it. The file is
written atomically; the version before is kept as application.yaml.bak. A file changed
on disk since the page loaded it (the CLI, another tab) is not overwritten: SaveConflict.
The comments a save could not keep are counted, so the page can say so.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from reportgen.errors import SaveConflict
from reportgen.source.files import write_atomic
from reportgen.web.workspace import version

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_COMMENT = re.compile(r"(?:^|[ \t])(#.*)$", re.MULTILINE)


def _yaml() -> Any:
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True  # "13800000000" stays in double quotes (see _merge)
    yaml.allow_unicode = True
    yaml.width = 4096  # a long paragraph stays one scalar line rather than folded
    yaml.indent(mapping=2, sequence=4, offset=2)
    # null as reportgen init writes it (ruamel's round trip writes nothing after the colon)
    yaml.representer.add_representer(
        type(None), lambda r, d: r.represent_scalar("tag:yaml.org,2002:null", "null")
    )
    # figures as written: 1850.00 stays 1850.00 (a Decimal), not a float's 1850.0
    yaml.representer.add_representer(
        Decimal, lambda r, d: r.represent_scalar("tag:yaml.org,2002:float", str(d))
    )
    return yaml


@dataclass(frozen=True)
class Saved:
    version: str  # what the next save must name (workspace.version)
    comments_lost: int  # comments of the file before that the file after no longer has


def save(file: Path, data: dict[str, Any], expected: str) -> Saved:
    """Write `data` into `file` if it is still at version `expected`."""
    if version(file) != expected:
        raise SaveConflict(str(file))
    yaml = _yaml()
    raw = file.read_bytes() if file.exists() else b""
    before = raw.decode("utf-8")
    try:
        document = yaml.load(before) if file.suffix != ".json" else None
    except Exception:  # a file the round-trip loader cannot read: written anew
        document = None
    merged = _merge(document, data) if document is not None else data
    out = io.StringIO()
    if file.suffix == ".json":
        import json

        out.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")
    else:
        yaml.dump(merged, out)
    if file.exists():  # atomic too: a server killed meanwhile leaves no half of a .bak
        write_atomic(file.with_name(file.name + ".bak"), raw)
    write_atomic(file, out.getvalue().encode("utf-8"))
    lost = _comments(before) - _comments(out.getvalue()) if file.suffix != ".json" else Counter()
    return Saved(version(file), lost.total())


def _comments(text: str) -> Counter[str]:
    """A YAML text's comments: `#` at a line's start or after a space, to the line's end
    (a `#` inside a quoted value with a space before it counts too: rare, and only ever
    makes the page say a comment went that did not)."""
    return Counter(m.group(1).strip() for m in _COMMENT.finditer(text))


def _merge(old: Any, new: Any) -> Any:
    """`new`, keeping `old`'s containers (and so their comments) where the shapes agree,
    and its scalars where the value is the same (a quoted "0571…", a `|` block, 1850.00)."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.scalarstring import ScalarString

    if isinstance(old, CommentedMap) and isinstance(new, dict):
        # the page sends no empty values: a key it left out that the file has as null, []
        # or "" stays as written, with its comment (for the model, absent is the same)
        for key in [k for k in old if k not in new and not _empty(old[k])]:
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
    if isinstance(old, ScalarString) and isinstance(new, str):
        return old if old == new else type(old)(new)  # quoted stays quoted, a block a block
    if _number(old) and _number(new) and old == new:
        return old  # 1850.00 as written, not as the page's number prints it
    return new


def _empty(value: Any) -> bool:
    return value is None or (isinstance(value, (str, list, dict)) and len(value) == 0)


def _number(value: Any) -> bool:
    return isinstance(value, (int, float, Decimal)) and not isinstance(value, bool)
