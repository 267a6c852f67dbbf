"""The context stage. Application + Policy → Context (entry point `build_context`):
everything the templates show, computed and formatted.

Templates compute nothing: every number, ratio, label, table row and generated sentence
is here, built and tested in Python. Figures are written the Chinese way (万元 with
thousands separators; as precise as typed, or two decimals when computed); labels are
Chinese. docs/templates.md lists every variable. Charts are PNG bytes here; the render
stage wraps them for Word.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportgen.checks.financials import Deciding, deciding, is_mountain_island
from reportgen.context import economics
from reportgen.context.report import award, generated, report
from reportgen.context.words import DASH, YES_NO, chinese_date, joined
from reportgen.findings import Finding, sort_findings
from reportgen.model import SUBSECTIONS, Application
from reportgen.policy import Policy

Context = dict[str, Any]
__all__ = ["DASH", "YES_NO", "Context", "build_context", "chinese_date", "section_texts"]


def build_context(
    app: Application,
    policy: Policy,
    findings: Sequence[Finding] = (),
    *,
    draft: bool = False,
    decided: Deciding | None = None,
) -> Context:
    """`decided`: the sales and R&D tests as the check computed them (Checked.deciding);
    computed here only for a caller that has an Application but no check."""
    rows = sorted(app.financials, key=lambda r: r.year)
    decided = decided or deciding(app, policy)
    sales, rd = decided.sales, decided.rd
    peer_margin = app.report.brand.market_share.peer_profit_margin
    context: Context = {
        "call": {"id": policy.call, "title": policy.title, "year": str(policy.year)},
        "letter": _letter(policy),
        "enterprise": _enterprise(app, policy),
        "product": _product(app),
        "years": [str(r.year) for r in rows],
        "financial_table": economics.financial_table(rows),
        "sales": economics.sales(app, sales),
        "rd": economics.rd(rd),
        "criteria": economics.criteria(app, policy, sales, rd),
        "growth": economics.growth(rows),
        "shares": economics.shares(rows, peer_margin),
        "report": report(app),
        "generated": generated(app),
        "evidence": [
            {"id": e.id, "kind": e.kind.label, "title": e.title, "file": e.file}
            for e in app.evidence
        ],
        "commitment": {
            "signatory": app.commitment.signatory or app.enterprise.legal_representative,
            "date": chinese_date(app.commitment.date),
        },
        "draft": draft,
        "draft_errors": [_finding_row(f) for f in sort_findings(findings) if f.is_error],
        "warnings": [_finding_row(f) for f in sort_findings(findings) if not f.is_error],
    }
    return context


def _enterprise(app: Application, policy: Policy) -> dict[str, Any]:
    ent = app.enterprise
    mountain, listed = is_mountain_island(app, policy)
    quality = ent.quality
    institution = ent.rd_institution
    return {
        "name": ent.name,
        "credit_code": ent.credit_code,
        "city": ent.city,
        "county": ent.county,
        "address": ent.address,
        "founded": chinese_date(ent.founded),
        "legal_representative": ent.legal_representative,
        "contact": ent.contact.model_dump(),
        "provincial_state_owned": YES_NO[ent.provincial_state_owned],
        "mountain_island": YES_NO[mountain],
        "mountain_island_listed": YES_NO[listed],
        "mountain_island_source": policy.mountain_island.source,
        "rd_institution": institution.model_dump(),
        # no space before the full-width bracket: 浙江省…研究院（省级）
        "rd_institution_text": institution.name
        + (f"（{institution.level}）" if institution.level else ""),
        "production_base": ent.production_base.model_dump(),
        "quality": {
            "capability_evaluated": YES_NO[quality.capability_evaluated],
            "benchmark": quality.benchmark.label,
            "certifications": list(quality.certifications),
            "certifications_text": joined(quality.certifications) or DASH,
            "awards": [award(a) for a in quality.awards],
        },
        "honors": [
            {"name": h.name or h.kind.label, "year": str(h.year or DASH)} for h in ent.honors
        ],
        "is_little_giant": any(h.kind.value == "little_giant" for h in ent.honors),
        "is_single_champion": any(h.kind.value == "single_champion" for h in ent.honors),
    }


def _letter(policy: Policy) -> dict[str, Any]:
    """The 承诺书's words that change with the call (its policy's `letter`); the
    commitments numbered as the book's lists are (公文: 1.)."""
    letter = policy.letter
    return {
        "addressee": letter.addressee,
        "subject": letter.subject,
        "commitments": [f"{n}.{text}" for n, text in enumerate(letter.commitments, start=1)],
    }


def _product(app: Application) -> dict[str, Any]:
    product = app.product
    proof = product.new_product_proof
    return {
        "name": product.name,
        "models": joined(product.models) or DASH,
        "category": product.category.label,
        "cluster_track": product.cluster_track,
        "cluster_brand_quota": YES_NO[product.cluster_brand_quota],
        "launch_date": chinese_date(product.launch_date),
        "proof": {
            "kind": proof.kind.label,
            "issuer": proof.issuer,
            "number": proof.number or DASH,
            "date": chinese_date(proof.date),
        },
        "core_technologies": list(product.core_technologies),
        "core_technologies_text": joined(product.core_technologies) or DASH,
        "strategic_roles": joined(product.strategic_roles) or DASH,
        "patents": [
            {"number": p.number, "title": p.title, "kind": p.kind.label, "status": p.status.label}
            for p in product.patents
        ],
        "standards": [
            {"code": s.code, "title": s.title, "level": s.level.label, "role": s.role.label}
            for s in product.standards
        ],
    }


def _finding_row(finding: Finding) -> dict[str, str]:
    return {
        "code": finding.code,
        "path": finding.path,
        "line": str(finding.line or DASH),
        "message": finding.message("zh"),
        "clause": finding.clause or DASH,
    }


def section_texts(app: Application) -> dict[str, str]:
    """The Markdown of the eleven subsections, keyed 'technology_advancement' etc."""
    return {
        f"{part}_{section}": getattr(getattr(app.report, part), section).text
        for (part, section), _, _ in SUBSECTIONS
    }
