"""manifest.json: what was written from what, so a later run can tell it is current.

`input_sha256` is the application file's digest (CLI.md); `inputs_sha256` covers
everything a document depends on — the file, its evidence files (their digests are
printed in the book), the templates, the policy, reportgen's version and the draft flag
— and is what `batch` compares to skip an application whose documents are up to date.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportgen import __version__
from reportgen.checks.validation import Checked
from reportgen.errors import RenderError, os_reason
from reportgen.findings import status
from reportgen.render.names import is_plain
from reportgen.source.files import file_sha256, write_atomic

MANIFEST = "manifest.json"


@dataclass(frozen=True)
class Output:
    kind: str  # report_book | commitment_letter | check_report | manifest
    format: str  # docx | pdf | md | json
    path: Path

    def to_dict(self, root: Path) -> dict[str, str]:
        return {
            "kind": self.kind,
            "format": self.format,
            "path": self.path.relative_to(root).as_posix(),
            "sha256": file_sha256(self.path),
        }


def inputs_sha256(
    checked: Checked, templates: list[Path], *, draft: bool, strict: bool = False
) -> str:
    """One digest of every input of the documents (see the module's docstring).
    `strict`: an evidence file the check found but that cannot be read now (deleted or
    moved since) is a RenderError, not a digest of nothing."""
    from reportgen.checks.evidence import evidence_sha256
    from reportgen.checks.pictures import pictures_in, texts

    app, source = checked.application, checked.source
    assert app is not None and source is not None and checked.policy is not None
    parts = [f"reportgen {__version__}", f"draft {draft}", f"application {source.sha256}"]
    parts.append(f"policy {checked.policy.digest()}")  # built in or given with --policy
    parts += [f"template {t.name} {_template_sha256(t)}" for t in templates]
    refused = {f.path for f in checked.findings if f.is_error}  # the check said why already
    for i, item in enumerate(app.evidence):
        digest = evidence_sha256(source.base_dir, item.file, checked.policy.evidence_max_bytes)
        if digest is None and strict and f"evidence[{i}].file" not in refused:
            raise RenderError("evidence_changed", file=item.file)
        parts.append(f"evidence {item.file} {digest}")
    for _, text in texts(app):  # the pictures the report book shows
        for _, target in pictures_in(text):
            digest = evidence_sha256(source.base_dir, target, checked.policy.evidence_max_bytes)
            parts.append(f"picture {target} {digest}")
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()


def _template_sha256(template: Path) -> str:
    try:
        return file_sha256(template)
    except OSError as exc:  # a FIFO or a device named as a template
        raise RenderError("template_unreadable", template=str(template), **os_reason(exc)) from None


def status_of(checked: Checked, *, draft: bool) -> str:
    decided = status(checked.findings)
    return "draft" if decided == "errors" and draft else decided


def manifest_of(checked: Checked, *, draft: bool, inputs: str) -> dict[str, Any]:
    """The manifest of a rendering, without its outputs (written() adds them)."""
    assert checked.source is not None and checked.policy is not None
    return {
        "reportgen": __version__,
        "call": checked.policy.call,
        "application": Path(checked.file).name,
        "input_sha256": checked.source.sha256,
        "inputs_sha256": inputs,
        "status": status_of(checked, draft=draft),
        "outputs": [],
        "findings": [f.to_dict("zh") for f in checked.findings],
    }


def write_manifest(out_dir: Path, manifest: dict[str, Any], outputs: list[Output]) -> Path:
    """Write `manifest` into `out_dir` listing `outputs`: once, after every output."""
    listed = manifest | {"outputs": [o.to_dict(out_dir) for o in outputs]}
    path = out_dir / MANIFEST
    write_atomic(path, (json.dumps(listed, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
    return path


def read_manifest(out_dir: Path) -> dict[str, Any] | None:
    """The manifest in `out_dir`, or None when there is none or it cannot be read."""
    try:
        manifest = json.loads((out_dir / MANIFEST).read_text("utf-8"))
    except (OSError, ValueError):
        return None
    return manifest if isinstance(manifest, dict) else None


def listed_outputs(out_dir: Path, manifest: dict[str, Any] | None = None) -> list[Output]:
    """The outputs the manifest in `out_dir` lists (read unless given). Entries that are
    not well formed, or whose path is not a plain file name in `out_dir` — reportgen
    writes no other — are left out, so nothing outside the folder is ever touched."""
    if manifest is None:
        manifest = read_manifest(out_dir) or {}
    outputs = []
    for entry in manifest.get("outputs", []):
        if not isinstance(entry, dict):
            continue
        kind, format, name = (entry.get(k) for k in ("kind", "format", "path"))
        if not (isinstance(kind, str) and isinstance(format, str) and isinstance(name, str)):
            continue
        if not is_plain(name):
            continue
        outputs.append(Output(kind, format, out_dir / name))
    return outputs
