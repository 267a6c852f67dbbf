"""The round-trip document of each file the server saved last, so the next save from the
same page need not read the YAML again (ruamel's round-trip load is two thirds of a save).

A kept document stands for the bytes that save wrote, by their sha256 (the version the
page sends back): a save whose file on disk is still that version takes it instead of
loading the file; a file changed since (the CLI, an editor) has another version and is
loaded as before. The document must then be what loading those bytes would give, or the
next save would write something else than it would have after a load. The merge leaves
it so where it only put new values into scalars, once two things are done after the
dump (Changes.settle): each new value is made what loading it as written gives (a value
the dumper had to quote, "123", loads as a quoted string, and stays quoted after), and
each comment the dumper pushed right of a longer value has the column it was written at.
A save that changed the document's shape (a key removed or added, a list of another
length) keeps nothing: the next save loads the file. tests/test_web_saving.py saves the
same edits both ways on the examples and compares every byte.

The text written is kept too, cut where each top-level key starts (`report:`): dumping
a top-level key alone writes just that part (with the comments after it, which ruamel
holds in the key before the next), so a save dumps again only the keys whose values
changed (an edit changes one or two) and takes the others' parts as they were.
"""

from __future__ import annotations

import io
import re
import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml.emitter import RoundTripEmitter
from ruamel.yaml.error import CommentMark

# What ruamel does not read back as it wrote it, so that only loading tells what the next
# save writes (such a file is loaded again on every save): a line break other than \n
# written as it is (ruamel's emitter counts the columns after it otherwise than its
# reader: the comments that follow move on every save), and a block kept with its
# trailing blank lines (`|+`: its reader takes the blank line before a comment into it),
# and a %YAML directive (the loader remembers it, and reads and writes by its version).
_UNSTABLE = re.compile("\\A%|[\r\x85\u2028\u2029]|[|>][1-9]?\\+[1-9]?$", re.MULTILINE)
_OPEN_END = re.compile(r"^\.\.\.$", re.MULTILINE)  # a dump's end after a |+ block
_ANCHOR = re.compile(r"(?:^|[\s\[{,])&[^\s\[\]{},]", re.MULTILINE)  # and so maybe aliases
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")  # a top-level key written as it is
KEPT = 32  # files: a document of the examples' size takes about 0.3 MB


@dataclass
class Document:
    loaded: Any  # ruamel's round-trip document, as loading the text would give it
    parts: list[str] | None  # the text, one part per top-level key (cut()); None: not cut


class Kept:
    """The last document saved per file, by the version written; safe between threads."""

    def __init__(self, size: int = KEPT) -> None:
        self._size = size
        self._documents: OrderedDict[Path, tuple[str, Document]] = OrderedDict()
        self._lock = threading.Lock()

    def take(self, file: Path, version: str) -> Document | None:
        """The document of `file` at `version`, removed: a save changes it in place, so
        two saves of one file never share it (the second loads the file)."""
        with self._lock:
            kept = self._documents.pop(file, None)
        return kept[1] if kept is not None and kept[0] == version else None

    def keep(self, file: Path, version: str, document: Document) -> None:
        with self._lock:
            self._documents[file] = (version, document)
            self._documents.move_to_end(file)
            while len(self._documents) > self._size:
                self._documents.popitem(last=False)


class Changes:
    """What a merge did to a loaded document: the new scalars it put in (container, key,
    whether inside a flow collection) and under which top-level keys, or that it changed
    the shape (nothing is kept)."""

    def __init__(self) -> None:
        self.scalars: list[tuple[Any, Any, bool]] = []
        self.sections: set[Any] = set()
        self.reshaped = False

    def settle(self, yaml: Any, written: str) -> bool:
        """Each new scalar as loading what the dump wrote gives it: dumped and loaded in
        the same context (block or flow decides the quoting), all of one context at once.
        False: the document cannot be kept."""
        from ruamel.yaml.comments import CommentedSeq

        if self.reshaped or _UNSTABLE.search(written) or _ANCHOR.search(written):
            return False  # an anchor: objects shared, or aliased, which loading makes anew
        for flow in (False, True):
            places = [(c, k) for c, k, f in self.scalars if f is flow]
            if not places:
                continue
            holder = CommentedSeq(container[key] for container, key in places)
            holder.fa.set_flow_style() if flow else holder.fa.set_block_style()
            out = io.StringIO()
            yaml.dump(holder, out)
            for (container, key), value in zip(places, yaml.load(out.getvalue()), strict=True):
                container[key] = value
        return True


def dump(yaml: Any, document: Document, changes: Changes) -> str | None:
    """The text of the merged `document`: the parts of the top-level keys with changes
    dumped again, the others' as they were; None when it cannot be put together so."""
    root, parts = document.loaded, document.parts
    if changes.reshaped or parts is None or len(parts) != len(root):
        return None
    keys, last = list(root), len(root) - 1
    again = {
        i: _dump_key(yaml, root, key, i == 0, i == last)
        for i, key in enumerate(keys)
        if key in changes.sections
    }
    # a part dumped alone that ends open (a |+ block: the dump ends it with `...`) or that
    # ruamel reads back otherwise is not what the whole's dump has there
    if any(_UNSTABLE.search(part) or _OPEN_END.search(part) for part in again.values()):
        return None
    return "".join(again.get(i, part) for i, part in enumerate(parts))


def _dump_key(yaml: Any, root: Any, key: Any, first: bool, last: bool) -> str:
    """What a dump of `root` writes for `key`: the key alone in a mapping, with its
    comments, and the document's first comments if first, its last ones if last."""
    from ruamel.yaml.comments import CommentedMap

    alone = CommentedMap()
    alone[key] = root[key]
    if key in root.ca.items:
        alone.ca.items[key] = root.ca.items[key]
    # [before, after the document's start]: a list of its own, as the representer appends
    # the last comments to it (root's has grown so with every dump of it)
    start = root.ca.comment[:2] if first and root.ca.comment else [None, None]
    alone.ca.comment = start
    if last:
        alone.ca.end = root.ca.end
    out = io.StringIO()
    yaml.dump(alone, out)
    return out.getvalue()


def cut(text: str, root: Any) -> list[str] | None:
    """`text`, the dump of the mapping `root`, cut before each top-level key's line (the
    first part from the start: the file's first comments). None when a key is not a plain
    name, or there may be anchors (an alias dumped alone would be written out in full)."""
    from ruamel.yaml.comments import CommentedMap

    if not isinstance(root, CommentedMap) or root.tag.value or root.merge:
        return None
    if getattr(root.yaml_anchor(), "value", None) is not None:
        return None
    keys = list(root)
    if not keys or not all(isinstance(k, str) and _NAME.fullmatch(k) for k in keys):
        return None
    if text.startswith(("%", "---")) or _ANCHOR.search(text):
        return None
    starts = [0]
    for key in keys[1:]:
        found = re.compile(rf"^{key}:(?= |$)", re.MULTILINE).search(text, starts[-1] + 1)
        if found is None:
            return None
        starts.append(found.start())
    return [text[a:b] for a, b in zip(starts, [*starts[1:], len(text)], strict=True)]


class Emitter(RoundTripEmitter):
    """ruamel's, but a comment written further right than its column (the value before it
    got longer) gets the column it was written at, as loading the file would give it:
    written after a shorter value later, it stays there (so it does after a load)."""

    def write_comment(self, comment: Any, pre: bool = False) -> None:
        column = self.column
        super().write_comment(comment, pre)
        value = comment.value
        # ruamel's rule: at its column, or one space after the text if that is further
        if column and value.strip() and value[0] != "\n" and comment.start_mark.column <= column:
            comment.start_mark = CommentMark(column + 1)
