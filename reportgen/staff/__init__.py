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
__all__ += ["contacts", "recommend"]

RECOMMEND_COLUMNS = [
    ("序号", 2),
    ("企业名称", 8),
    ("产品名称及型号", 8),
    ("产品类别\n（先进制造类、数字技术融合类、特色（消费品）类）", 7),
    ("所在“415X”先进制造业集群赛道", 6),
    ("是否以先进制造业集群品牌名额推荐", 5),
]
CONTACT_COLUMNS = [
    ("区、县（市）", 3),
    ("科室", 3),
    ("姓名", 2),
    ("职务", 2),
    ("手机号码\n（浙政钉号码）", 4),
]


def _row(entry: Entry) -> list[str]:
    brand = "是" if entry.brand else "否"
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
        above=[f"填报单位（盖章）：{data.unit}"],
        below=[f"填报人：{data.filled_by.name}　　　　联系电话（手机）：{data.filled_by.phone}"],
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


def check_contacts(file: str | Path, policies: Policies = BUILTIN) -> CheckedContacts:
    """A district's 附件3 form, checked; a form naming no call is for the latest one."""
    result = CheckedContacts(str(file))
    source, data, policy, findings = read_staff_file(
        file, ContactsForm, lambda d: d.call or policies.latest().call, policies
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
        above=[f"区、县（市）：{data.county}"],
        notes=policy.table_notes(table),
        draft=not checked.valid,
        when=_opened(policy),
    )
    return checked, write_form(form, out, f"{form.title}-{data.county}")


COLLECT_COLUMNS = [
    ("区、县（市）", 3),
    ("名额使用\n（普通；集群品牌）", 4),
    ("序号", 2),
    *RECOMMEND_COLUMNS[1:],
]


def collect(
    files: list[str | Path], out: Path, *, draft: bool = False, policies: Policies = BUILTIN
) -> tuple[list[CheckedList], list[Path]]:
    """A city's view: per county in the policy's order, quota use and its 附件5 rows,
    then every problem of every list."""
    lists = [check_list(f, policies) for f in files]
    readable = [c for c in lists if c.data is not None and c.policy is not None]
    if not readable or (any(not c.valid for c in lists) and not draft):
        return lists, []
    policy = readable[0].policy
    assert policy is not None
    by_county = {c.data.county: c for c in readable if c.data is not None}
    city = next(filter(None, map(policy.city_of, by_county)), None)
    order = list(policy.quotas.get(city or "", {}) or policy.divisions.get(city or "", []))
    order += [k for k in by_county if k not in order]
    rows = []
    for county in order:
        checked = by_county.get(county)
        if checked is None:
            rows.append([county, _usage(policy, county, []), "", "（未报送）", "", "", "", ""])
            continue
        usage = _usage(policy, county, checked.entries)
        rows += [[county, usage, *_row(e)] for e in checked.entries] or [
            [county, usage, "", "（无推荐）", "", "", "", ""]
        ]
    problems = [
        f"{c.data.county if c.data else c.file}：{f.message()}"
        for c in lists
        for f in c.findings
        if f.severity in ("error", "warning")
    ]
    form = Form(
        "全市汇总",
        f"{policy.recommendation_list.title}（{city or '全市'}）",
        COLLECT_COLUMNS,
        rows,
        notes=["发现的问题：", *problems] if problems else ["各区、县（市）推荐表均通过检查。"],
        draft=any(not c.valid for c in lists),
        when=_opened(policy),
    )
    return lists, write_form(form, out, form.title)


def _opened(policy: Policy) -> datetime:
    """The day the call opened: the date the forms carry (tables.Form.when)."""
    return datetime.combine(policy.application_window.start, datetime.min.time())


def _usage(policy: Policy, county: str, entries: list[Entry]) -> str:
    city = policy.city_of(county) or ""
    quota = policy.quotas.get(city, {}).get(county)
    ordinary = sum(not e.brand for e in entries)
    text = f"{ordinary}/{quota.city_quota}" if quota else f"{ordinary}/—"
    brand = policy.brand_of(county)
    branded = sum(e.brand for e in entries)
    return text + (f"；{branded}/{brand.quota}（{brand.name}）" if brand else "")
