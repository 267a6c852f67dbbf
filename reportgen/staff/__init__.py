"""reportgen staff: the tables district 经信 staff send upward, from data, checked.

    checked, files = recommend("滨江区/推荐.yaml", Path("out"))   # 附件5 .docx + .xlsx
    checked, files = contacts("滨江区/人员.yaml", Path("out"))    # 附件3
    lists, files = collect(["滨江区/推荐.yaml", …], Path("out"))  # the city's view

With errors nothing is written unless `draft` (then the title says 草稿).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from reportgen.checks.base import Collector
from reportgen.findings import Finding, has_errors, sort_findings
from reportgen.messages import text
from reportgen.policy import BUILTIN, Policies, Policy
from reportgen.source import Source
from reportgen.staff.checks import (
    CheckedList,
    Entry,
    check_list,
    county_known,
    read_staff_file,
    same_text,
)
from reportgen.staff.model import ContactsForm
from reportgen.staff.tables import Form, write_form

__all__ = ["CheckedContacts", "CheckedList", "check_contacts", "check_list", "collect"]
__all__ += ["QuotaUse", "city_view", "contacts", "quota_use", "recommend"]


def _columns(*columns: tuple[str, int]) -> list[tuple[str, int]]:
    """(heading, relative width) of a form's columns; headings are messages staff.column.*"""
    return [(_zh(f"staff.column.{name}"), width) for name, width in columns]


def _zh(key: str, /, **params: object) -> str:
    """The forms' words: official forms, in Chinese."""
    return text(key, "zh", **params)


RECOMMEND_COLUMNS = _columns(
    ("number", 2), ("enterprise", 8), ("product", 8), ("category", 7), ("track", 6), ("brand", 5)
)
CONTACT_COLUMNS = _columns(("county", 3), ("office", 3), ("name", 2), ("title", 2), ("mobile", 4))


def _row(entry: Entry) -> list[str]:
    brand = _zh("word.yes" if entry.brand else "word.no")
    return [str(entry.number), entry.enterprise, entry.product, entry.category, entry.track, brand]


def recommend(
    file: str | Path, out: Path, *, draft: bool = False, policies: Policies = BUILTIN
) -> tuple[CheckedList, list[Path]]:
    """The 推荐汇总表 (附件5) of one district's list: its title and notes are the call's."""
    checked = check_list(file, policies)
    data, policy = checked.data, checked.policy
    if data is None or policy is None or (not checked.valid and not draft):
        return checked, []
    table = policy.recommendation_list
    form = Form(
        table.attachment,
        table.title,
        RECOMMEND_COLUMNS,
        [_row(e) for e in checked.entries],
        above=[_zh("staff.form.unit", unit=data.unit)],
        below=[_zh("staff.form.filled_by", name=data.filled_by.name, phone=data.filled_by.phone)],
        notes=policy.table_notes(table),
        draft=not checked.valid,
        when=_opened(policy),
    )
    return checked, write_form(form, out, f"{form.title}-{data.county}")


@dataclass
class CheckedContacts:
    file: str
    source: Source | None = None
    data: ContactsForm | None = None
    policy: Policy | None = None
    findings: list[Finding] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return not has_errors(self.findings)


def check_contacts(
    file: str | Path, policies: Policies = BUILTIN, *, raw: bytes | None = None
) -> CheckedContacts:
    """A district's 附件3 form, checked; a form naming no call is for the latest one.
    With `raw`, the form as the page has it."""
    result = CheckedContacts(str(file))
    source, data, policy, findings = read_staff_file(
        file, ContactsForm, lambda d: d.call or policies.latest().call, policies, raw
    )
    result.source, result.data, result.policy = source, data, policy
    if source is None or data is None or policy is None:
        result.findings = findings
        return result
    out = Collector(source, policy)
    county_known(data.county, policy, out, ("county",))
    for i, member in enumerate(data.staff):
        loc = ("staff", i, "county")
        if county_known(member.county, policy, out, loc) and member.county != data.county:
            out.warning("contacts_county_mismatch", loc, found=member.county, county=data.county)
    seen: dict[tuple[str, str], int] = {}
    for i, member in enumerate(data.staff):
        person = (same_text(member.name), same_text(member.mobile))
        if person in seen:  # the same person twice, perhaps with a space more
            out.warning(
                "contacts_duplicate", ("staff", i), first=seen[person] + 1, name=member.name
            )
        seen.setdefault(person, i)
    result.findings = sort_findings(source.findings + out.findings)
    return result


def contacts(
    file: str | Path, out: Path, *, draft: bool = False, policies: Policies = BUILTIN
) -> tuple[CheckedContacts, list[Path]]:
    """The 工作人员信息汇总表 (附件3): its title and notes are the call's."""
    checked = check_contacts(file, policies)
    data, policy = checked.data, checked.policy
    if data is None or policy is None or (not checked.valid and not draft):
        return checked, []
    table = policy.contacts_list
    form = Form(
        table.attachment,
        table.title,
        CONTACT_COLUMNS,
        [[m.county, m.office, m.name, m.title, m.mobile] for m in data.staff],
        above=[_zh("staff.form.county", county=data.county)],
        notes=policy.table_notes(table),
        draft=not checked.valid,
        when=_opened(policy),
    )
    return checked, write_form(form, out, f"{form.title}-{data.county}")


COLLECT_COLUMNS = [*_columns(("county", 3), ("quota_use", 4)), *RECOMMEND_COLUMNS]


def collect(
    files: list[str | Path], out: Path, *, draft: bool = False, policies: Policies = BUILTIN
) -> tuple[list[CheckedList], list[Path]]:
    """A city's view: per county in the policy's order, quota use and its 附件5 rows,
    then every problem of every list."""
    lists = [check_list(f, policies) for f in files]
    view = city_view(lists)
    if view is None or (any(not c.valid for c in lists) and not draft):
        return lists, []
    policy, city, counties = view
    rows = []
    for county, checked in counties:
        if checked is None:
            not_sent = _zh("staff.form.not_sent")
            rows.append([county, _usage(policy, county, []), "", not_sent, "", "", "", ""])
            continue
        usage = _usage(policy, county, checked.entries)
        rows += [[county, usage, *_row(e)] for e in checked.entries] or [
            [county, usage, "", _zh("staff.form.none_recommended"), "", "", "", ""]
        ]
    problems = [
        _zh("staff.form.problem", county=c.data.county if c.data else c.file, message=f.message())
        for c in lists
        for f in c.findings
        if f.severity in ("error", "warning")
    ]
    form = Form(
        _zh("staff.form.whole_city_annex"),
        _zh(
            "staff.form.city_title",
            title=policy.recommendation_list.title,
            city=city or _zh("staff.form.whole_city"),
        ),
        COLLECT_COLUMNS,
        rows,
        notes=[_zh("staff.form.problems"), *problems]
        if problems
        else [_zh("staff.form.all_passed")],
        draft=any(not c.valid for c in lists),
        when=_opened(policy),
    )
    return lists, write_form(form, out, form.title)


def city_view(
    lists: list[CheckedList],
) -> tuple[Policy, str | None, list[tuple[str, CheckedList | None]]] | None:
    """The city of the lists (that of the first county known), and each of its counties in
    the call's order (附件4) with its list, None where it sent none; counties of other
    cities after. None when no list could be read."""
    readable = [c for c in lists if c.data is not None and c.policy is not None]
    if not readable:
        return None
    policy = readable[0].policy
    assert policy is not None
    by_county = {c.data.county: c for c in readable if c.data is not None}
    city = next(filter(None, map(policy.city_of, by_county)), None)
    order = list(policy.quotas.get(city or "", {}) or policy.divisions.get(city or "", []))
    order += [k for k in by_county if k not in order]
    return policy, city, [(county, by_county.get(county)) for county in order]


def _opened(policy: Policy) -> datetime:
    """The day the call opened: the date the forms carry (tables.Form.when)."""
    return datetime.combine(policy.application_window.start, datetime.min.time())


@dataclass(frozen=True)
class QuotaUse:
    """A county's use of its quotas (附件4; 附件5 注3): what the city table and the
    list page show."""

    county: str
    ordinary: int
    quota: int | None  # None: the call gives this county no quota
    branded: int
    brand: str | None  # the county's cluster brand, if it has one
    brand_quota: int

    @property
    def over(self) -> bool:
        over_ordinary = self.quota is not None and self.ordinary > self.quota
        return over_ordinary or self.branded > self.brand_quota


def quota_use(policy: Policy, county: str, entries: list[Entry]) -> QuotaUse:
    quota = policy.quotas.get(policy.city_of(county) or "", {}).get(county)
    brand = policy.brand_of(county)
    return QuotaUse(
        county,
        sum(not e.brand for e in entries),
        quota.city_quota if quota else None,
        sum(e.brand for e in entries),
        brand.name if brand else None,
        brand.quota if brand else 0,
    )


def _usage(policy: Policy, county: str, entries: list[Entry]) -> str:
    use = quota_use(policy, county, entries)
    used = f"{use.ordinary}/{use.quota if use.quota is not None else '—'}"
    if use.brand is None:
        return used
    return used + _zh(
        "staff.form.brand_usage", used=use.branded, quota=use.brand_quota, brand=use.brand
    )
