"""The applications' folders in OUT: which are current, and which an earlier run left.

A folder is current when its manifest has the inputs digest of now and every file it
lists is there with the digest it lists (a 0-byte or edited PDF is not current). A
folder made for an application whose product has since been renamed is removed: its
documents carry the old name, and beside the new folder they would look current.
"""

from __future__ import annotations

import json
from pathlib import Path

from reportgen.render import is_output_name, needs_pdf
from reportgen.render.manifest import MANIFEST, listed_outputs, read_manifest
from reportgen.render.names import is_plain
from reportgen.source.files import file_sha256, remove

SUMMARY_JSON = "summary.json"


def is_current(folder: Path, inputs: str, *, pdf: bool) -> bool:
    manifest = read_manifest(folder)
    if manifest is None or manifest.get("inputs_sha256") != inputs:
        return False
    entries = manifest.get("outputs", [])
    outputs = listed_outputs(folder, manifest)
    if len(outputs) != len(entries):
        return False  # an entry reportgen would not have written: render again
    for output, entry in zip(outputs, entries, strict=True):
        try:
            if file_sha256(output.path) != entry.get("sha256"):
                return False  # emptied, truncated or edited since
        except OSError:
            return False  # gone
    names = {o.path.name for o in outputs}
    documents = [o.path for o in outputs if needs_pdf(o)]
    return bool(documents) and (
        not pdf or all(d.with_suffix(".pdf").name in names for d in documents)
    )


def earlier_folders(out: Path) -> dict[str, str]:
    """Application file → its folder, as the last run's summary.json recorded them."""
    try:
        rows = json.loads((out / SUMMARY_JSON).read_text("utf-8")).get("rows", [])
    except (OSError, ValueError, AttributeError):
        return {}
    return {
        row["source"]: row["output"]
        for row in rows
        if isinstance(row, dict)
        and isinstance(row.get("source"), str)
        and isinstance(row.get("output"), str)
        and is_plain(row["output"])
    }


def remove_folder(folder: Path) -> None:
    """The documents reportgen wrote into `folder` (its manifest says which), the
    manifest first, then the folder if nothing else is in it."""
    outputs = [o.path for o in listed_outputs(folder) if is_output_name(o.path.name)]
    remove(folder / MANIFEST)
    for path in outputs:
        remove(path)
    try:
        folder.rmdir()
    except OSError:
        return  # the user's own files are in it: they stay, and so does the folder
