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
"""

from __future__ import annotations

import io
import re
import threading
from collections import OrderedDict
from pathlib import Path
from typing import Any

from ruamel.yaml.emitter import RoundTripEmitter
from ruamel.yaml.error import CommentMark

# What ruamel does not read back as it wrote it, so that only loading tells what the next
# save writes (such a file is loaded again on every save): a line break other than \n
# written as it is (ruamel's emitter counts the columns after it otherwise than its
# reader: the comments that follow move on every save), and a block kept with its
# trailing blank lines (`|+`: its reader takes the blank line before a comment into it).
_UNSTABLE = re.compile("[\r\x85\u2028\u2029]|[|>][1-9]?\\+[1-9]?$", re.MULTILINE)
KEPT = 32  # files: a document of the examples' size is about 1 MB in memory


class Kept:
    """The last document saved per file, by the version written; safe between threads."""

    def __init__(self, size: int = KEPT) -> None:
        self._size = size
        self._documents: OrderedDict[Path, tuple[str, Any]] = OrderedDict()
        self._lock = threading.Lock()

    def take(self, file: Path, version: str) -> Any | None:
        """The document of `file` at `version`, removed: a save changes it in place, so
        two saves of one file never share it (the second loads the file)."""
        with self._lock:
            kept = self._documents.pop(file, None)
        return kept[1] if kept is not None and kept[0] == version else None

    def keep(self, file: Path, version: str, document: Any) -> None:
        with self._lock:
            self._documents[file] = (version, document)
            self._documents.move_to_end(file)
            while len(self._documents) > self._size:
                self._documents.popitem(last=False)

    def forget(self, file: Path) -> None:
        with self._lock:
            self._documents.pop(file, None)


class Changes:
    """What a merge did to a loaded document: the new scalars it put in (container, key,
    whether inside a flow collection), or that it changed the shape (nothing is kept)."""

    def __init__(self) -> None:
        self.scalars: list[tuple[Any, Any, bool]] = []
        self.reshaped = False

    def settle(self, yaml: Any, written: str) -> bool:
        """Each new scalar as loading what the dump wrote gives it: dumped and loaded in
        the same context (block or flow decides the quoting), all of one context at once.
        False: the document cannot be kept."""
        from ruamel.yaml.comments import CommentedSeq

        if self.reshaped or _UNSTABLE.search(written):
            return False
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
