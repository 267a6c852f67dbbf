"""Who may apply and with what (附件2 二、1–4; 附件5 注1; 附件2 三、2–3).

Sales and R&D figures are in financials.py; evidence files in evidence.py.
"""

from __future__ import annotations

from reportgen.checks.base import Collector, suggest
from reportgen.messages import Phrase
from reportgen.model import Application, QualityBenchmark, StandardRole, credit_code


def check(app: Application, out: Collector) -> None:
    _legal_person(app, out)
    _location(app, out)
    _quality(app, out)
    _core_ip(app, out)
    _launch(app, out)
    _track_and_brand(app, out)


def _legal_person(app: Application, out: Collector) -> None:
    ent = app.enterprise
    if not ent.independent_legal_person:
        out.error(
            "independent_legal_person", ("enterprise", "independent_legal_person"), "legal_person"
        )
    if not ent.rd_institution.in_province:
        out.error(
            "rd_institution_outside", ("enterprise", "rd_institution", "in_province"), "rd_base"
        )
    if not ent.production_base.in_province:
        out.error(
            "production_base_outside", ("enterprise", "production_base", "in_province"), "rd_base"
        )
    if ent.provincial_state_owned:
        out.info(
            "provincial_state_owned",
            ("enterprise", "provincial_state_owned"),
            "provincial_state_owned",
        )


def _location(app: Application, out: Collector) -> None:
    ent, divisions = app.enterprise, out.policy.divisions
    if ent.city not in divisions:
        out.error(
            "unknown_city",
            ("enterprise", "city"),
            city=ent.city,
            suggestion=suggest(ent.city, list(divisions)),
            cities=list(divisions),
        )
    elif ent.county not in divisions[ent.city]:
        actual_city = out.policy.city_of(ent.county)
        out.error(
            "unknown_county",
            ("enterprise", "county"),
            county=ent.county,
            city=ent.city,
            actual_city=actual_city or "",
            suggestion=suggest(ent.county, divisions[ent.city]),
            counties=divisions[ent.city],
        )
    if not credit_code.is_zhejiang(ent.credit_code):
        out.warning(
            "credit_code_region",
            ("enterprise", "credit_code"),
            region=credit_code.region(ent.credit_code),
        )


def _quality(app: Application, out: Collector) -> None:
    quality = app.enterprise.quality
    if not quality.capability_evaluated:
        out.warning(
            "quality_capability_evaluation",
            ("enterprise", "quality", "capability_evaluated"),
            "quality_system",
        )
    if quality.benchmark is QualityBenchmark.none:
        out.info("quality_benchmark", ("enterprise", "quality", "benchmark"), "quality_system")


def _core_ip(app: Application, out: Collector) -> None:
    product = app.product
    leads_standard = any(s.role is StandardRole.lead for s in product.standards)
    if not product.patents and not leads_standard:
        out.warning("core_ip", ("product", "patents"), "core_ip")
    if not product.core_technologies:
        out.warning("core_technologies_missing", ("product", "core_technologies"), "core_ip")


def _launch(app: Application, out: Collector) -> None:
    window, launched = out.policy.launch_window, app.product.launch_date
    if not window.contains(launched):
        out.error(
            "launch_window",
            ("product", "launch_date"),
            "launch_window",
            date=launched.isoformat(),
            start=window.start.isoformat(),
            end=window.end.isoformat(),
            side="early" if launched < window.start else "late",
        )
    if launched < app.enterprise.founded:
        out.error(
            "launch_before_founding",
            ("product", "launch_date"),
            date=launched.isoformat(),
            founded=app.enterprise.founded.isoformat(),
        )


def _track_and_brand(app: Application, out: Collector) -> None:
    product, tracks = app.product, out.policy.tracks
    if product.cluster_track not in tracks:
        out.error(
            "cluster_track",
            ("product", "cluster_track"),
            "cluster_track",
            track=product.cluster_track,
            suggestion=suggest(product.cluster_track, tracks),
            tracks=tracks,
        )
    if not product.cluster_brand_quota:
        return
    brand = out.policy.brand_of(app.enterprise.county)
    if brand is None:
        brands = [
            Phrase("word.brand_of_county", county=b.county, brand=b.name)
            for b in out.policy.cluster_brands
        ]
        out.error(
            "cluster_brand_county",
            ("product", "cluster_brand_quota"),
            "cluster_brand",
            county=app.enterprise.county,
            brands=brands,
        )
    elif product.cluster_track != brand.cluster:
        out.error(
            "cluster_brand_track",
            ("product", "cluster_track"),
            "cluster_brand",
            track=product.cluster_track,
            brand=brand.name,
            cluster=brand.cluster,
            county=brand.county,
        )
