"""佐证材料: every reference resolves, every file is there, inside, of an accepted type.

Files are judged by their content (magic bytes), not their name: a renamed .docx is not
a PDF. Paths must stay inside the application's folder — the folder is what a
consultant zips and sends, and what reportgen may read.
"""

from __future__ import annotations

import errno
import os
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path, PurePosixPath
from typing import Protocol

from reportgen.checks.base import Collector, suggest
from reportgen.errors import os_reason
from reportgen.findings import Loc, Severity
from reportgen.messages import Named, Phrase
from reportgen.model import Application, EvidenceKind
from reportgen.policy import RuleKey
from reportgen.source.files import file_sha256, open_regular

# Placeholder files written by `reportgen init` carry this marker, so validate can remind
# the user to replace them with the real documents.
PLACEHOLDER_MARKER = b"REPORTGEN-PLACEHOLDER"
_HEAD_BYTES = 4096
_SUFFIXES = {"pdf": {".pdf"}, "jpeg": {".jpg", ".jpeg"}, "png": {".png"}, "ofd": {".ofd"}}
_FINANCIAL_KINDS = (EvidenceKind.financial_statement, EvidenceKind.sales_proof)


def check(app: Application, out: Collector) -> None:
    counts = Counter(item.id for item in app.evidence)
    for i, item in enumerate(app.evidence):
        if counts[item.id] > 1:
            out.error("evidence_duplicate_id", ("evidence", i, "id"), "application", id=item.id)
        _check_file(item.file, ("evidence", i, "file"), out)
    _same_files(app, out)
    _references(app, out)
    _financial_coverage(app, out)


def _same_files(app: Application, out: Collector) -> None:
    """The same document listed twice: by its path, or by its content under another name.
    Only files of equal size are read: a scan can be large, and most differ in size."""
    found: list[tuple[int, Path, int]] = []  # evidence index, path, size
    for i, item in enumerate(app.evidence):
        try:
            path = evidence_path(out.source.base_dir, item.file)
            if path is not None and path.is_file():
                found.append((i, path, path.stat().st_size))
        except (OSError, ValueError):
            continue  # reported by _check_file
    sizes = Counter(size for _, size in {(path, size) for _, path, size in found})
    seen: dict[str, int] = {}  # path or content digest -> the first item with it
    for i, path, size in found:
        keys = [("path", str(path))]
        if sizes[size] > 1:  # another file of this size: compare the contents
            digest = _digest(path, out.policy.evidence_max_bytes)
            keys += [("content", digest)] if digest else []
        for how, key in keys:
            first = seen.get(key)
            if first is not None:
                out.warning(
                    "evidence_same_file",
                    ("evidence", i, "file"),
                    other=first + 1,
                    other_id=app.evidence[first].id,
                    same=how,
                )
                break
        else:
            seen.update({key: i for _, key in keys})


def _references(app: Application, out: Collector) -> None:
    by_id = {item.id: item for item in app.evidence}
    ids = list(by_id)
    proof = app.product.new_product_proof
    proof_loc: Loc = ("product", "new_product_proof", "evidence")
    item = by_id.get(proof.evidence)
    if item is None:
        out.error(
            "evidence_unknown_id",
            proof_loc,
            "new_product_proof",
            id=proof.evidence,
            suggestion=suggest(proof.evidence, ids),
            ids=ids,
        )
    elif item.kind is not EvidenceKind.new_product_proof:
        out.error(
            "new_product_proof_kind",
            proof_loc,
            "new_product_proof",
            id=item.id,
            kind=item.kind.value,
            kind_label=_kind(item.kind),
        )
    for loc, ref in _other_references(app):
        if ref not in by_id:
            out.error(
                "evidence_unknown_id",
                loc,
                "application",
                id=ref,
                suggestion=suggest(ref, ids),
                ids=ids,
            )


class _Referring(Protocol):
    @property
    def evidence(self) -> str | None: ...


def _other_references(app: Application) -> list[tuple[Loc, str]]:
    refs: list[tuple[Loc, str]] = []
    tech = app.report.technology
    groups: tuple[tuple[Loc, Sequence[_Referring]], ...] = (
        (("product", "patents"), app.product.patents),
        (("product", "standards"), app.product.standards),
        (("enterprise", "quality", "awards"), app.enterprise.quality.awards),
        (
            ("report", "technology", "advancement", "science_awards"),
            tech.advancement.science_awards,
        ),
        (("report", "technology", "innovation", "design_awards"), tech.innovation.design_awards),
    )
    for loc, items in groups:
        refs += [((*loc, i, "evidence"), x.evidence) for i, x in enumerate(items) if x.evidence]
    return refs


def _financial_coverage(app: Application, out: Collector) -> None:
    years = set(out.policy.financial_years)
    covered: set[int] = set()
    for item in app.evidence:
        if item.kind in _FINANCIAL_KINDS:
            covered |= set(item.years) if item.years is not None else years
    missing = sorted(years - covered)
    if missing:
        out.error(
            "financial_evidence_missing",
            ("evidence",),
            "sales_threshold",
            years=missing,
        )


def evidence_path(base: Path, name: str) -> Path | None:
    """The resolved file of evidence `name`, or None if it lies outside `base`: absolute,
    a drive letter, `..`, or a symlink leading out. Windows separators are accepted.
    Raises OSError (a symlink loop too) or ValueError (a NUL)."""
    relative = PurePosixPath(name.replace("\\", "/"))
    if relative.is_absolute() or re.match(r"[A-Za-z]:", name) or ".." in relative.parts:
        return None
    try:
        resolved = (base / relative).resolve()
    except RuntimeError:  # Python 3.11's word for a loop of symlinks
        raise OSError(errno.ELOOP, os.strerror(errno.ELOOP), name) from None
    return resolved if resolved.is_relative_to(base.resolve()) else None


def evidence_sha256(base: Path, name: str, limit: int) -> str | None:
    """SHA-256 of evidence `name`, or None when it is outside `base`, missing or unreadable
    (validate reports those). A file over `limit` bytes (the call's upload limit, an error
    already) is not read: its size and time of change stand for its content."""
    try:
        path = evidence_path(base, name)
    except (OSError, ValueError):
        return None
    return None if path is None or not path.is_file() else _digest(path, limit)


def _digest(path: Path, limit: int) -> str | None:
    try:
        status = path.stat()
        if status.st_size > limit:
            return f"size {status.st_size} changed {status.st_mtime_ns}"
        return _sha256(path, status.st_dev, status.st_ino, status.st_size, status.st_mtime_ns)
    except OSError:  # gone or unreadable since: _check_file says so
        return None


@lru_cache(maxsize=4096)
def _sha256(path: Path, device: int, inode: int, size: int, changed_ns: int) -> str:
    """A file's digest, read once per process for as long as its stat is the same: the
    check (same-content evidence), the manifest and batch's up-to-date test all ask for
    it, and a scan can be 20 MB. Any write changes size or time, and with it the key."""
    return file_sha256(path)


def _check_file(name: str, loc: Loc, out: Collector) -> None:
    try:
        resolved = evidence_path(out.source.base_dir, name)
        if resolved is None:
            out.error("evidence_outside", loc, "application", file=name)
            return
        if not resolved.exists():
            out.error("evidence_missing_file", loc, "application", file=name)
            return
        examined = examine(resolved, name, out.policy.evidence_max_bytes)
    except (OSError, ValueError) as exc:  # ValueError: a NUL in the path
        out.error("evidence_unreadable", loc, "application", file=name, **os_reason(exc))
        return
    for problem in examined.problems:
        out.add(problem.code, problem.severity, loc, problem.rule, **problem.params)


@dataclass(frozen=True)
class Problem:
    code: str
    severity: Severity
    rule: RuleKey | None
    params: dict[str, str]


@dataclass(frozen=True)
class Examined:
    size: int
    kind: str | None  # 'pdf' | 'jpeg' | 'png' | 'ofd' by content; None: none of them
    problems: list[Problem]

    @property
    def refused(self) -> bool:
        return any(p.severity == "error" for p in self.problems)


def examine(path: Path, name: str, limit: int) -> Examined:
    """What the checks say of one evidence file by its content (`name` is how messages
    call it): over the call's `limit` of bytes, not a PDF/JPEG/PNG/OFD, an extension
    that is not its type, a placeholder of `reportgen init`. The browser's upload asks
    the same. Raises OSError (NotRegularFile: a folder, device or FIFO)."""
    problems: list[Problem] = []
    with open_regular(path) as handle:
        size = os.fstat(handle.fileno()).st_size
        head = handle.read(_HEAD_BYTES)
    if size > limit:
        mb = {"size_mb": f"{size / 1048576:.1f}", "limit_mb": f"{limit / 1048576:.0f}"}
        problems.append(Problem("evidence_too_large", "error", "application", {"file": name, **mb}))
    kind = file_type(head, path)
    if kind is None:
        problems.append(Problem("evidence_file_type", "error", "application", {"file": name}))
        return Examined(size, kind, problems)
    if path.suffix.lower() not in _SUFFIXES[kind]:
        problems.append(
            Problem(
                "evidence_extension_mismatch", "warning", None, {"file": name, "kind": kind.upper()}
            )
        )
    if PLACEHOLDER_MARKER in head:
        problems.append(Problem("evidence_placeholder", "warning", "application", {"file": name}))
    return Examined(size, kind, problems)


def file_type(head: bytes, path: Path) -> str | None:
    """'pdf' | 'jpeg' | 'png' | 'ofd' by content, or None."""
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"PK\x03\x04"):  # OFD (GB/T 33190) is a zip with OFD.xml at its root
        import zipfile  # with shutil, bz2 and lzma: ~7 ms of start-up, for OFD files only

        try:
            with zipfile.ZipFile(path) as archive:
                return "ofd" if "OFD.xml" in archive.namelist() else None
        except (zipfile.BadZipFile, OSError):
            return None
    return None


def _kind(kind: EvidenceKind) -> Named:
    """'供货合同（supply_contract）'; the code alone for an English reader."""
    return Named(Phrase("word.label_value", label=kind.label, value=kind.value), kind.value)
