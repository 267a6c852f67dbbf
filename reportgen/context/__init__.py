"""The context stage. Application + Policy → Context (entry point `build_context`):
everything the templates show, computed and formatted.

Templates compute nothing: every number, ratio, label, table row and generated sentence
is here, built and tested in Python. Figures are written the Chinese way (万元 with
thousands separators; as precise as typed, or two decimals when computed); labels are
Chinese. The Context is typed (types.py), and docs/templates.md's variable table is
generated from those types (describe.py). The render stage fills in what it makes
itself: the narratives as Word XML (`text`), the charts (PNG bytes, wrapped for Word
there) and the check report (`check`).
"""

from __future__ import annotations

from collections.abc import Sequence

from reportgen.checks.financials import Deciding, deciding, is_mountain_island
from reportgen.context import economics
from reportgen.context.report import award, generated, report
from reportgen.context.types import (
    Call,
    Commitment,
    Contact,
    Context,
    Enterprise,
    EvidenceRow,
    FindingRow,
    Honor,
    Letter,
    Patent,
    Product,
    ProductionBase,
    Proof,
    Quality,
    RdInstitution,
    Standard,
)
from reportgen.context.words import DASH, YES_NO, YesNo, chinese_date, joined
from reportgen.findings import Finding, sort_findings
from reportgen.model import SUBSECTIONS, Application
from reportgen.policy import Policy

__all__ = [
    "DASH",
    "YES_NO",
    "Context",
    "YesNo",
    "build_context",
    "chinese_date",
    "section_texts",
]


def build_context(
    app: Application,
    policy: Policy,
    findings: Sequence[Finding] = (),
    *,
    draft: bool = False,
    decided: Deciding | None = None,
) -> Context:
    """The context of one application; `decided` is the check's own figures
    (Checked.deciding), computed again only when not given."""
    rows = sorted(app.financials, key=lambda r: r.year)
    decided = decided or deciding(app, policy)
    sales, rd = decided.sales, decided.rd
    ordered = sort_findings(findings)
    return Context(
        call=Call(id=policy.call, title=policy.title, year=str(policy.year)),
        letter=_letter(policy),
        enterprise=_enterprise(app, policy),
        product=_product(app),
        years=tuple(str(r.year) for r in rows),
        financial_table=economics.financial_table(rows),
        sales=economics.sales(app, sales),
        rd=economics.rd(rd),
        criteria=tuple(economics.criteria(app, policy, sales, rd)),
        growth=economics.growth(rows),
        shares=economics.shares(rows, app.report.brand.market_share.peer_profit_margin),
        report=report(app),
        generated=generated(app),
        evidence=tuple(
            EvidenceRow(id=e.id, kind=e.kind.label, title=e.title, file=e.file)
            for e in app.evidence
        ),
        commitment=Commitment(
            signatory=app.commitment.signatory or app.enterprise.legal_representative,
            date=chinese_date(app.commitment.date),
        ),
        draft=draft,
        draft_errors=tuple(_finding_row(f) for f in ordered if f.is_error),
        warnings=tuple(_finding_row(f) for f in ordered if not f.is_error),
    )


def _enterprise(app: Application, policy: Policy) -> Enterprise:
    ent = app.enterprise
    mountain, listed = is_mountain_island(app, policy)
    quality, institution, contact = ent.quality, ent.rd_institution, ent.contact
    return Enterprise(
        name=ent.name,
        credit_code=ent.credit_code,
        city=ent.city,
        county=ent.county,
        address=ent.address,
        founded=chinese_date(ent.founded),
        legal_representative=ent.legal_representative,
        contact=Contact(contact.name, contact.title, contact.phone, contact.email),
        provincial_state_owned=YES_NO[ent.provincial_state_owned],
        mountain_island=YES_NO[mountain],
        mountain_island_listed=YES_NO[listed],
        mountain_island_source=policy.mountain_island.source,
        rd_institution=RdInstitution(institution.name, institution.level, institution.in_province),
        # no space before the full-width bracket: 浙江省…研究院（省级）
        rd_institution_text=institution.name
        + (f"（{institution.level}）" if institution.level else ""),
        production_base=ProductionBase(
            ent.production_base.in_province, ent.production_base.address
        ),
        quality=Quality(
            capability_evaluated=YES_NO[quality.capability_evaluated],
            benchmark=quality.benchmark.label,
            certifications=tuple(quality.certifications),
            certifications_text=joined(quality.certifications) or DASH,
            awards=tuple(award(a) for a in quality.awards),
        ),
        honors=tuple(Honor(h.name or h.kind.label, str(h.year or DASH)) for h in ent.honors),
        is_little_giant=any(h.kind.value == "little_giant" for h in ent.honors),
        is_single_champion=any(h.kind.value == "single_champion" for h in ent.honors),
    )


def _letter(policy: Policy) -> Letter:
    """The 承诺书's words that change with the call (its policy's `letter`); the
    commitments numbered as the book's lists are (公文: 1.)."""
    letter = policy.letter
    return Letter(
        addressee=letter.addressee,
        subject=letter.subject,
        commitments=tuple(f"{n}.{text}" for n, text in enumerate(letter.commitments, start=1)),
    )


def _product(app: Application) -> Product:
    product = app.product
    proof = product.new_product_proof
    return Product(
        name=product.name,
        models=joined(product.models) or DASH,
        category=product.category.label,
        cluster_track=product.cluster_track,
        cluster_brand_quota=YES_NO[product.cluster_brand_quota],
        launch_date=chinese_date(product.launch_date),
        proof=Proof(
            kind=proof.kind.label,
            issuer=proof.issuer,
            number=proof.number or DASH,
            date=chinese_date(proof.date),
        ),
        core_technologies=tuple(product.core_technologies),
        core_technologies_text=joined(product.core_technologies) or DASH,
        strategic_roles=joined(product.strategic_roles) or DASH,
        patents=tuple(
            Patent(p.number, p.title, p.kind.label, p.status.label) for p in product.patents
        ),
        standards=tuple(
            Standard(s.code, s.title, s.level.label, s.role.label) for s in product.standards
        ),
    )


def _finding_row(finding: Finding) -> FindingRow:
    return FindingRow(
        code=finding.code,
        path=finding.path,
        line=str(finding.line or DASH),
        message=finding.message("zh"),
        clause=finding.clause or DASH,
    )


def section_texts(app: Application) -> dict[str, str]:
    """The Markdown of the eleven subsections, keyed 'technology_advancement' etc."""
    return {
        f"{part}_{section}": getattr(getattr(app.report, part), section).text
        for (part, section), _, _ in SUBSECTIONS
    }
