"""The Policy model: what a call's YAML file must hold, so that a file lacking a rule the
checks, the documents or the staff tables need is refused when it is read, naming the
key, rather than failing later deep inside a check.

Errors raised by the validators here are `PydanticCustomError`s whose type is a message
code (messages/zh.py, en.py) and whose context holds its params: loading.py turns them
into a PolicyError in the reader's language.
"""

from __future__ import annotations

import hashlib
import string
from datetime import date
from decimal import Decimal
from typing import Annotated, Literal, get_args

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from reportgen.model.product import Category
from reportgen.model.report import SUBSECTIONS

# Every rule key a check cites (Collector's `rule`; mypy holds the checks to this list).
# A policy must give each its clause and text, and may give no other.
RuleKey = Literal[
    "legal_person",
    "rd_base",
    "rd_ratio",
    "quality_system",
    "core_ip",
    "launch_window",
    "new_product_proof",
    "sales_threshold",
    "cluster_track",
    "cluster_brand",
    "provincial_state_owned",
    "application",
    "outline",
    "quota",
]
RULE_KEYS: tuple[str, ...] = get_args(RuleKey)

Wording = Annotated[str, Field(min_length=1)]  # a text a document prints: never empty


def _missing(*keys: str) -> PydanticCustomError:
    return PydanticCustomError("policy_missing_key", "missing {key}", {"key": list(keys)})


def _problem(code: str, **params: object) -> PydanticCustomError:
    return PydanticCustomError(code, code, params)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Window(_Strict):
    start: date
    end: date

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    @model_validator(mode="after")
    def _ordered(self) -> Window:
        if self.start > self.end:
            raise _problem("policy_window_order", start=str(self.start), end=str(self.end))
        return self


class Rule(_Strict):
    """One requirement of the call and where it is written."""

    clause: str | None
    text: Wording


class CountyList(_Strict):
    """A list of counties by city, with where it comes from (shown in the check report)."""

    source: str
    counties: dict[str, list[str]]

    def has(self, county: str) -> bool:
        return any(county in names for names in self.counties.values())


class ClusterBrand(_Strict):
    name: str
    city: str
    county: str
    cluster: str  # one of the tracks: the brand's products must be in it
    description: str
    quota: int = Field(ge=0)


class CountyQuota(_Strict):
    city_quota: int = Field(ge=0)


class Letter(_Strict):
    """The 承诺书: the platform's own is not published, so the call's file says to whom it
    is written, what is applied for and what the enterprise commits to (DOMAIN.md)."""

    addressee: Wording  # 浙江省经济和信息化厅
    subject: Wording  # what is applied for: 申报<subject>，申报产品为“…”
    commitments: list[Wording] = Field(min_length=1)


PLACEHOLDERS = ("tracks", "brands", "brand_batch")  # what a StaffTable's notes may name


class StaffTable(_Strict):
    """A table district staff send (附件5, 附件3) as the call prints it: its attachment
    number, title and notes. Notes may name the call's own lists as {tracks}, {brands}
    and {brand_batch}, so that they are written once, in `tracks` and `cluster_brands`."""

    attachment: Wording  # 附件5
    title: Wording
    notes: list[str] = Field(default_factory=list)

    @field_validator("notes")
    @classmethod
    def _known_placeholders(cls, notes: list[str]) -> list[str]:
        for note in notes:
            try:
                names = {
                    name for _, name, _, _ in string.Formatter().parse(note) if name is not None
                }
            except ValueError:  # a lone { or }
                names = {"{"}
            unknown = names - set(PLACEHOLDERS)
            if unknown:
                raise _problem(
                    "policy_placeholder", found=sorted(unknown), allowed=list(PLACEHOLDERS)
                )
        return notes


class Policy(_Strict):
    call: str
    year: int = Field(ge=2000, le=2999)  # the call's year: the latest call has the highest
    title: str
    source: str
    application_window: Window
    financial_years: list[int] = Field(min_length=1)
    launch_window: Window
    rd_ratio_min: Decimal = Field(gt=0, le=100)
    sales_thresholds: dict[Category, Decimal]
    mountain_island_sales_thresholds: dict[Category, Decimal]
    evidence_max_bytes: int = Field(gt=0)
    section_min_chars: int = Field(ge=0)
    tracks: list[str] = Field(min_length=1)
    divisions: dict[str, list[str]]  # 设区市 -> 区、县（市）
    mountain_island: CountyList
    mountain_island_previous: CountyList | None = None
    quotas: dict[str, dict[str, CountyQuota]] = Field(default_factory=dict)
    cluster_brand_batch: str | None = None  # the list the brands come from: 2025年首批
    cluster_brands: list[ClusterBrand] = Field(default_factory=list)
    rules: dict[RuleKey, Rule]
    letter: Letter
    recommendation_list: StaffTable
    contacts_list: StaffTable
    # 附件2-1: what each subsection covers ("主要包括…"), by part and section as in
    # model/report.py's SUBSECTIONS: shown to whoever writes it
    outline: dict[str, dict[str, Wording]]

    @field_validator("sales_thresholds", "mountain_island_sales_thresholds")
    @classmethod
    def _every_category(
        cls, thresholds: dict[Category, Decimal], info: ValidationInfo
    ) -> dict[Category, Decimal]:
        lacking = [c.value for c in Category if c not in thresholds]
        if lacking:
            raise _missing(*(f"{info.field_name}.{c}" for c in lacking))
        return thresholds

    @field_validator("rules")
    @classmethod
    def _every_rule(cls, rules: dict[str, Rule]) -> dict[str, Rule]:
        lacking = [key for key in RULE_KEYS if key not in rules]
        if lacking:
            raise _missing(*(f"rules.{key}" for key in lacking))
        return rules

    @field_validator("outline")
    @classmethod
    def _every_subsection(cls, outline: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
        wanted = [path for path, _, _ in SUBSECTIONS]
        lacking = [f"outline.{p}.{s}" for p, s in wanted if s not in outline.get(p, {})]
        if lacking:
            raise _missing(*lacking)
        given = [(p, s) for p, sections in outline.items() for s in sections]
        unknown = [f"outline.{p}.{s}" for p, s in given if (p, s) not in wanted]
        if unknown:
            raise _problem("policy_unknown_key", key=unknown)
        return outline

    @model_validator(mode="after")
    def _consistent(self) -> Policy:
        for i, brand in enumerate(self.cluster_brands):
            key = f"cluster_brands[{i}]"
            if brand.cluster not in self.tracks:
                raise _problem("policy_brand_track", key=f"{key}.cluster", track=brand.cluster)
            if brand.county not in self.divisions.get(brand.city, []):
                raise _problem(
                    "policy_brand_county", key=f"{key}.county", county=brand.county, city=brand.city
                )
        if self.cluster_brands and not self.cluster_brand_batch:
            raise _missing("cluster_brand_batch")
        for city, counties in self.quotas.items():
            unknown = sorted(set(counties) - set(self.divisions.get(city, [])))
            if unknown:
                raise _problem("policy_quota_county", key=f"quotas.{city}", counties=unknown)
        return self

    def rule(self, key: RuleKey) -> Rule:
        return self.rules[key]

    def clause(self, key: RuleKey) -> str | None:
        return self.rules[key].clause

    def guidance(self, part: str, section: str) -> str:
        """附件2-1's guidance for one subsection ("主要包括…"), e.g. ("technology",
        "advancement"): what the outline asks that subsection to cover."""
        return self.outline[part][section]

    def city_of(self, county: str) -> str | None:
        for city, counties in self.divisions.items():
            if county in counties:
                return city
        return None

    def brand_of(self, county: str) -> ClusterBrand | None:
        return next((b for b in self.cluster_brands if b.county == county), None)

    def table_notes(self, table: StaffTable) -> list[str]:
        """`table`'s notes with the call's lists filled in, as 附件5 prints them (注1's
        tracks end "…以及历史经典产业"); a note naming the brands is left out when the
        call has none."""
        *others, last = self.tracks
        tracks = "、".join(others) + "以及" + last if others else last
        brands = "、".join(f"{b.county}“{b.name}”（{b.description}）" for b in self.cluster_brands)
        values = {"tracks": tracks, "brands": brands, "brand_batch": self.cluster_brand_batch or ""}
        return [note.format_map(values) for note in table.notes if brands or "{brands}" not in note]

    def digest(self) -> str:
        """What the documents depend on, as a digest: the rules as read, not the file's
        bytes, so a call given by --policy and the same built-in call compare equal."""
        return hashlib.sha256(self.model_dump_json().encode("utf-8")).hexdigest()
