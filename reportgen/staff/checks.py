"""A district's recommendation list checked against the call (附件4 quotas, 附件5 注3
cluster brands) and against the applications it points to; its rows resolved.

Every problem names the rows (第 N 条, in recommendation order) and the line in the list.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel

from reportgen.checks.base import Collector, suggest
from reportgen.checks.validation import check_file, input_finding, policy_finding
from reportgen.errors import InputError, PolicyError
from reportgen.findings import Finding, Loc, has_errors, sort_findings
from reportgen.messages import Phrase
from reportgen.model.parsing import InvalidApplication, parse_as
from reportgen.policy import BUILTIN, Policies, Policy
from reportgen.source import Source, load, load_bytes
from reportgen.staff.model import Recommendation, RecommendationList

_MAX_PROBLEMS = 3  # of an application's errors, quoted in the list's finding


@dataclass(frozen=True)
class Entry:
    """One row of 附件5."""

    number: int  # 序号: the recommendation order
    enterprise: str
    product: str  # 产品名称及型号
    category: str  # its Chinese label
    track: str
    brand: bool  # recommended on a cluster brand's quota


@dataclass
class CheckedList:
    """A recommendation list after checking: what could be read, its rows, every finding."""

    file: str
    source: Source | None = None
    data: RecommendationList | None = None
    policy: Policy | None = None
    entries: list[Entry] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return not has_errors(self.findings)


M = TypeVar("M", bound=BaseModel)


def read_staff_file(
    file: str | Path,
    model: type[M],
    call: Callable[[M], str],
    policies: Policies,
    raw: bytes | None = None,
) -> tuple[Source | None, M | None, Policy | None, list[Finding]]:
    """Load, parse and find the policy of a staff file (`call` names it, among
    `policies`); what failed, as findings. With `raw` (JSON: the page's form, not yet
    saved), that is read as the file would be, paths relative to the file's folder."""
    source = data = None
    try:
        if raw is None:
            source = load(file)
        else:
            path = Path(file)
            source = load_bytes(raw, name=path.name, base_dir=path.parent, format="json")
        data = parse_as(model, source)
        return source, data, policies.get(call(data)), []
    except InputError as exc:
        return source, data, None, [input_finding(exc)]
    except InvalidApplication as exc:
        return source, data, None, sort_findings(exc.findings)
    except PolicyError as exc:
        assert source is not None
        return source, data, None, [policy_finding(exc, source)]


def check_list(
    file: str | Path, policies: Policies = BUILTIN, *, raw: bytes | None = None
) -> CheckedList:
    """A district's recommendation list, and the applications it names, checked
    against its call (among `policies`); with `raw`, the list as the page has it."""
    result = CheckedList(str(file))
    source, data, policy, findings = read_staff_file(
        file, RecommendationList, lambda d: d.call, policies, raw
    )
    result.source, result.data, result.policy = source, data, policy
    if source is None or data is None or policy is None:
        result.findings = findings
        return result
    out = Collector(source, policy)
    county_known(data.county, policy, out, ("county",))
    for i, recommendation in enumerate(data.recommendations):
        entry = _entry(i, recommendation, source.base_dir, policies, out)
        if entry is not None:
            result.entries.append(entry)
    _duplicates(result.entries, out)
    _quotas(data.county, result.entries, policy, out)
    result.findings = sort_findings(source.findings + out.findings)
    return result


def county_known(county: str, policy: Policy, out: Collector, loc: Loc) -> bool:
    if policy.city_of(county) is not None:
        return True
    counties = [c for names in policy.divisions.values() for c in names]
    out.error("staff_county_unknown", loc, county=county, suggestion=suggest(county, counties))
    return False


def _entry(
    i: int, rec: Recommendation, base_dir: Path, policies: Policies, out: Collector
) -> Entry | None:
    policy = out.policy
    loc = ("recommendations", i)
    number = i + 1
    if rec.application is None:
        missing = [
            label
            for label, value in (
                ("enterprise", rec.enterprise),
                ("product", rec.product),
                ("category", rec.category),
                ("cluster_track", rec.cluster_track),
            )
            if value is None
        ]
        if missing:
            out.error("recommendation_incomplete", loc, number=number, missing="、".join(missing))
            return None
        assert rec.enterprise and rec.product and rec.category and rec.cluster_track
        if rec.cluster_track not in policy.tracks:
            out.error(
                "recommendation_track_unknown",
                (*loc, "cluster_track"),
                "cluster_track",
                number=number,
                track=rec.cluster_track,
                suggestion=suggest(rec.cluster_track, policy.tracks),
            )
        return Entry(
            number,
            rec.enterprise,
            rec.product,
            rec.category.label,
            rec.cluster_track,
            bool(rec.cluster_brand_quota),
        )
    checked = check_file(base_dir / rec.application, policies=policies)
    errors = [f for f in checked.findings if f.is_error]
    if errors:
        problems = "；".join(f.message() for f in errors[:_MAX_PROBLEMS])
        out.error(
            "recommendation_application_errors",
            (*loc, "application"),
            number=number,
            file=rec.application,
            count=len(errors),
            problems=problems + ("……" if len(errors) > _MAX_PROBLEMS else ""),
        )
    app = checked.application
    if app is None:
        return None
    product = app.product
    name = product.name + (f"（{'、'.join(product.models)}）" if product.models else "")
    stated = {
        "enterprise": (rec.enterprise, app.enterprise.name),
        "category": (rec.category.label if rec.category else None, product.category.label),
        "cluster_track": (rec.cluster_track, product.cluster_track),
        "cluster_brand_quota": (rec.cluster_brand_quota, product.cluster_brand_quota),
    }
    for key, (listed, own) in stated.items():
        if listed is not None and listed != own:
            out.warning(
                "recommendation_differs",
                (*loc, key),
                number=number,
                key=key,
                listed=listed,
                own=own,
            )
    brand = (
        product.cluster_brand_quota if rec.cluster_brand_quota is None else rec.cluster_brand_quota
    )
    return Entry(
        number,
        rec.enterprise or app.enterprise.name,
        rec.product or name,
        (rec.category or product.category).label,
        rec.cluster_track or product.cluster_track,
        brand,
    )


def same_text(text: str) -> str:
    """`text` as a reader compares it: spaces anywhere, full-width forms and case aside
    (“杭州 某某 有限公司” and “杭州某某有限公司（滨江）” vs “(滨江)” are one name)."""
    return "".join(unicodedata.normalize("NFKC", text).split()).casefold()


def _duplicates(entries: list[Entry], out: Collector) -> None:
    first: dict[tuple[str, str], int] = {}
    products: dict[str, list[int]] = defaultdict(list)
    for entry in entries:
        key = (same_text(entry.enterprise), same_text(entry.product))
        if key in first:
            out.error(
                "recommendation_duplicate",
                ("recommendations", entry.number - 1),
                number=entry.number,
                first=first[key],
                enterprise=entry.enterprise,
                product=entry.product,
            )
        else:
            first[key] = entry.number
            products[same_text(entry.enterprise)].append(entry.number)
    for numbers in products.values():
        if len(numbers) > 1:
            out.warning(
                "recommendation_same_enterprise",
                ("recommendations", numbers[1] - 1),
                enterprise=next(e.enterprise for e in entries if e.number == numbers[0]),
                count=len(numbers),
                numbers="、".join(map(str, numbers)),
            )


def _numbers(entries: list[Entry]) -> str:
    return "、".join(str(e.number) for e in entries)


def _quotas(county: str, entries: list[Entry], policy: Policy, out: Collector) -> None:
    """附件4: ordinary recommendations within the county's quota; 附件5 注3: brand ones only
    where a brand is, at most its quota, and in its cluster."""
    city = policy.city_of(county)
    if city is None:
        return  # reported as an unknown county
    ordinary = [e for e in entries if not e.brand]
    branded = [e for e in entries if e.brand]
    quota = policy.quotas.get(city, {}).get(county)
    loc = ("recommendations",)
    if quota is None:
        out.warning("quota_unknown", ("county",), "quota", city=city, county=county)
    elif len(ordinary) > quota.city_quota:
        out.error(
            "quota_exceeded",
            loc,
            "quota",
            county=county,
            quota=quota.city_quota,
            count=len(ordinary),
            numbers=_numbers(ordinary[quota.city_quota :]),
        )
    if not branded:
        return
    brand = policy.brand_of(county)
    if brand is None:
        brands = [
            Phrase("word.brand_of_county", county=b.county, brand=b.name)
            for b in policy.cluster_brands
        ]
        out.error(
            "brand_quota_no_brand",
            loc,
            "cluster_brand",
            county=county,
            numbers=_numbers(branded),
            brands=brands,
        )
        return
    if len(branded) > brand.quota:
        out.error(
            "brand_quota_exceeded",
            loc,
            "cluster_brand",
            county=county,
            brand=brand.name,
            quota=brand.quota,
            count=len(branded),
            numbers=_numbers(branded[brand.quota :]),
        )
    for entry in branded:
        if entry.track != brand.cluster:
            out.error(
                "brand_quota_wrong_track",
                ("recommendations", entry.number - 1),
                "cluster_brand",
                number=entry.number,
                brand=brand.name,
                cluster=brand.cluster,
                track=entry.track,
            )
