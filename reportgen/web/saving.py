"""Saving the editor's data into the application's YAML file, as a person would edit it.

The file is read with ruamel's round-trip loader and the new values are put into it key
by key, so keys keep their order and most comments stay; a value of another shape (a
list of another length) replaces the old one, and its comments go with it. The file is
written atomically; the version before is kept as application.yaml.bak. A file changed
on disk since the page loaded it (the CLI, another tab) is not overwritten: SaveConflict.
The comments a save could not keep are counted, so the page can say so.

The document a save wrote is kept in memory (kept.py) by the version it wrote: the next
save of that version merges into it rather than loading the file again, and writes the
same bytes a load would have led to.
"""

from __future__ import annotations

import hashlib
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
from reportgen.source.yaml_writing import round_trip_yaml
from reportgen.web.kept import Changes, Document, Emitter, Kept, cut, dump

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_COMMENT = re.compile(r"(?:^|[ \t])(#.*)$", re.MULTILINE)
_PLAIN = (str, int, bool, type(None))  # written by their value alone
_TOP = object()  # _merge at the document's root


def _yaml() -> Any:
    yaml = round_trip_yaml()
    yaml.Emitter = Emitter  # comments' columns as written (kept.py)
    return yaml


@dataclass(frozen=True)
class Saved:
    version: str  # what the next save must name (workspace.version)
    comments_lost: int  # comments of the file before that the file after no longer has


def save(file: Path, data: dict[str, Any], expected: str, kept: Kept | None = None) -> Saved:
    """Write `data` into `file` if it is still at version `expected` (workspace.version)."""
    try:
        raw: bytes | None = file.read_bytes()
    except FileNotFoundError:
        raw = None
    if (hashlib.sha256(raw).hexdigest() if raw is not None else "") != expected:
        raise SaveConflict(str(file))
    before = (raw or b"").decode("utf-8")
    yaml = _yaml()
    changes = Changes()
    document = kept.take(file, expected) if kept is not None else None
    if document is None and file.suffix != ".json":
        try:
            document = Document(yaml.load(before), None)
        except Exception:  # a file the round-trip loader cannot read: written anew
            document = None
    if file.suffix == ".json":
        import json

        text = json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n"
    elif document is None:
        text = _dumped(yaml, data)
    else:
        merged = _merge(document.loaded, data, changes)
        text = dump(yaml, document, changes) or _dumped(yaml, merged)
    written = text.encode("utf-8")
    if raw is not None:  # atomic too: a server killed meanwhile leaves no half of a .bak
        write_atomic(file.with_name(file.name + ".bak"), raw)
    write_atomic(file, written)
    now = hashlib.sha256(written).hexdigest()
    if kept is not None and document is not None and _settled(changes, yaml, text):
        kept.keep(file, now, Document(document.loaded, cut(text, document.loaded)))
    lost = _comments(before) - _comments(text) if file.suffix != ".json" else Counter()
    return Saved(now, lost.total())


def _dumped(yaml: Any, document: Any) -> str:
    out = io.StringIO()
    yaml.dump(document, out)
    return out.getvalue()


def _settled(changes: Changes, yaml: Any, written: str) -> bool:
    try:
        return changes.settle(yaml, written)
    except Exception:  # what ruamel dumped but cannot load back: the next save loads the file
        return False


def _comments(text: str) -> Counter[str]:
    """A YAML text's comments: `#` at a line's start or after a space, to the line's end
    (a `#` inside a quoted value with a space before it counts too: rare, and only ever
    makes the page say a comment went that did not)."""
    return Counter(m.group(1).strip() for m in _COMMENT.finditer(text))


def _merge(old: Any, new: Any, changes: Changes, flow: bool = False, section: Any = _TOP) -> Any:
    """`new`, keeping `old`'s containers (and so their comments) where the shapes agree,
    and its scalars where the value is the same (a quoted "0571…", a `|` block, 1850.00).
    `changes` is told of every new scalar put in (under which top-level key: `section`),
    and of every change of shape."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if isinstance(old, CommentedMap) and isinstance(new, dict):
        # the page sends no empty values: a key it left out that the file has as null, []
        # or "" stays as written, with its comment (for the model, absent is the same)
        for key in [k for k in old if k not in new and not _empty(old[k])]:
            del old[key]
            changes.reshaped = True
        inner = flow or bool(old.fa.flow_style())
        for key, value in new.items():
            if key in old:
                old[key] = _put(
                    old, key, value, changes, inner, key if section is _TOP else section
                )
            else:
                old[key] = value
                changes.reshaped = True
        return old
    if isinstance(old, CommentedSeq) and isinstance(new, list) and len(old) == len(new):
        inner = flow or bool(old.fa.flow_style())
        for i, value in enumerate(new):
            old[i] = _put(old, i, value, changes, inner, i if section is _TOP else section)
        return old
    changes.reshaped = True  # a container replaced (or the document not a mapping)
    return new


def _put(container: Any, key: Any, new: Any, changes: Changes, flow: bool, section: Any) -> Any:
    """What goes at container[key]: a container merged, a scalar as _scalar() says."""
    old = container[key]
    if isinstance(old, dict | list) or isinstance(new, dict | list):
        return _merge(old, new, changes, flow, section)
    value = _scalar(old, new)
    if value is not old:
        changes.scalars.append((container, key, flow))
        changes.sections.add(section)
    return value


def _scalar(old: Any, new: Any) -> Any:
    from ruamel.yaml.scalarstring import ScalarString

    if type(old) is type(new) and type(old) in _PLAIN and old == new:
        return old  # the same either way: not a new value (kept.py settles new ones)
    if isinstance(old, date) and isinstance(new, str) and _ISO_DATE.fullmatch(new):
        day = date.fromisoformat(new)  # a date stays a YAML date, not a quoted string
        return old if type(old) is date and old == day else day
    if isinstance(old, ScalarString) and isinstance(new, str):
        return old if old == new else type(old)(new)  # quoted stays quoted, a block a block
    if _number(old) and _number(new) and (old == new or _written_alike(old, new)):
        return old  # 1850.00 as written, not as the page's number prints it
    return new


def _written_alike(old: Any, new: Any) -> bool:
    """A float of the file and the page's Decimal that are written the same (the float
    that 3.1 loads as is not equal to Decimal("3.1"), but writing either gives 3.1)."""
    from ruamel.yaml.representer import RoundTripRepresenter
    from ruamel.yaml.scalarfloat import ScalarFloat

    if not isinstance(old, ScalarFloat) or not isinstance(new, Decimal):
        return False
    if getattr(old.yaml_anchor(any=True), "value", None) is not None:
        return False  # written with its anchor
    return bool(RoundTripRepresenter().represent_scalar_float(old).value == str(new))


def _empty(value: Any) -> bool:
    return value is None or (isinstance(value, (str, list, dict)) and len(value) == 0)


def _number(value: Any) -> bool:
    return isinstance(value, (int, float, Decimal)) and not isinstance(value, bool)
