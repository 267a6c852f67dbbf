"""The rules of one call as data: `policy/<call>.yaml`, validated by `Policy`.

Next year's call is a new YAML file beside zj-2026.yaml; no code changes. Checks ask
the policy for every date, threshold, list and clause they use.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from reportgen.errors import PolicyError
from reportgen.model.product import Category
from reportgen.source.files import package_file

POLICY_DIR = package_file("reportgen.policy", "calls")


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
            raise ValueError(f"window starts ({self.start}) after it ends ({self.end})")
        return self


class Rule(_Strict):
    """One requirement of the call and where it is written."""

    clause: str | None
    text: str


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


class Policy(_Strict):
    call: str
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
    cluster_brands: list[ClusterBrand] = Field(default_factory=list)
    rules: dict[str, Rule]

    @model_validator(mode="after")
    def _consistent(self) -> Policy:
        for what, thresholds in (
            ("sales_thresholds", self.sales_thresholds),
            ("mountain_island_sales_thresholds", self.mountain_island_sales_thresholds),
        ):
            if set(thresholds) != set(Category):
                raise ValueError(f"{what} must name every category: {[c.value for c in Category]}")
        for brand in self.cluster_brands:
            if brand.cluster not in self.tracks:
                raise ValueError(f"cluster brand {brand.name}: {brand.cluster} is not a track")
            if brand.county not in self.divisions.get(brand.city, []):
                raise ValueError(f"cluster brand {brand.name}: {brand.county} not in {brand.city}")
        for city, counties in self.quotas.items():
            unknown = set(counties) - set(self.divisions.get(city, []))
            if unknown:
                raise ValueError(f"quotas of {city} name unknown counties: {sorted(unknown)}")
        return self

    def rule(self, key: str) -> Rule:
        return self.rules[key]

    def clause(self, key: str) -> str | None:
        return self.rules[key].clause

    def city_of(self, county: str) -> str | None:
        for city, counties in self.divisions.items():
            if county in counties:
                return city
        return None

    def brand_of(self, county: str) -> ClusterBrand | None:
        return next((b for b in self.cluster_brands if b.county == county), None)


def available_calls() -> list[str]:
    return sorted(p.stem for p in POLICY_DIR.glob("*.yaml"))


def policy_path(call: str) -> Path:
    """The file of `call`'s policy; PolicyError if there is none."""
    path = POLICY_DIR / f"{call}.yaml"
    if not call or "/" in call or "\\" in call or not path.is_file():
        raise PolicyError("unknown_call", call=call, available="、".join(available_calls()))
    return path


@lru_cache(maxsize=8)
def load_policy(call: str) -> Policy:
    """The policy of `call` (e.g. "zj-2026"), read once per process."""
    path = policy_path(call)
    from reportgen.source import load

    source = load(path)
    try:
        return Policy.model_validate(source.data)
    except ValidationError as exc:
        raise PolicyError("policy_invalid", call=call, problem=str(exc)) from None
