"""Where a finding is, as a person reads it: the part of the outline it belongs to (the
four parts of 附件2-1, the file, the basics, the evidence) and the field's Chinese name.

Shared by the console, the check report and batch rows, so all three group alike.
"""

from __future__ import annotations

from reportgen.findings import Finding, parse_path
from reportgen.messages import text
from reportgen.model import Application
from reportgen.model.paths import label

# the part of the outline a finding belongs to, by the start of its path; first match wins
_GROUPS: tuple[tuple[str, str], ...] = (
    ("report.technology", "technology"),
    ("product.patents", "technology"),
    ("product.standards", "technology"),
    ("product.core_technologies", "technology"),
    ("product.strategic_roles", "technology"),
    ("report.quality", "quality"),
    ("enterprise.quality", "quality"),
    ("report.brand", "brand"),
    ("report.competitiveness", "competitiveness"),
    ("financials", "competitiveness"),
    ("product.new_product_proof.evidence", "evidence"),
    ("evidence", "evidence"),
    ("commitment", "evidence"),
)
GROUP_ORDER = ("file", "basics", "technology", "quality", "brand", "competitiveness", "evidence")


def group_of(finding: Finding) -> str:
    if not finding.path:
        return "file"
    for prefix, group in _GROUPS:
        if finding.path == prefix or finding.path.startswith((prefix + ".", prefix + "[")):
            return group
    return "basics"


def where(finding: Finding, lang: str) -> str:
    """'申报产品 › 上市时间 (product.launch_date, 第 31 行)'; in English the path alone."""
    line = text("line", lang, line=finding.line) if finding.line is not None else ""
    if not finding.path:
        name, details = text("group.file", lang), [line]
    elif lang == "en":
        name, details = finding.path, [line]
    else:
        name, details = label(Application, parse_path(finding.path)), [finding.path, line]
    shown = [d for d in details if d]
    return f"{name} ({', '.join(shown)})" if shown else name
