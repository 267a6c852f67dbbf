"""The call's policy is data: complete, consistent, and next year's is a new file."""

import copy
from pathlib import Path

import pytest
from pydantic import ValidationError

from reportgen.errors import PolicyError
from reportgen.model import Category
from reportgen.policy import POLICY_DIR, Policy, load_policy
from reportgen.source import load


def test_zj_2026_has_the_call_s_figures() -> None:
    policy = load_policy("zj-2026")
    assert policy.financial_years == [2023, 2024, 2025]
    assert str(policy.launch_window.start) == "2023-01-01"
    assert str(policy.launch_window.end) == "2024-12-31"
    assert policy.sales_thresholds == {
        Category.advanced: 800,
        Category.digital: 600,
        Category.consumer: 600,
    }
    assert policy.mountain_island_sales_thresholds[Category.advanced] == 500
    assert len(policy.tracks) == 16 and "历史经典产业" in policy.tracks
    assert sum(len(c) for c in policy.divisions.values()) == 90
    assert len(policy.divisions) == 11


def test_mountain_island_lists_and_their_sources() -> None:
    policy = load_policy("zj-2026")
    current = {c for cs in policy.mountain_island.counties.values() for c in cs}
    assert len(current) == 25
    assert {"洞头区", "嵊泗县"} <= current and not {"平阳县", "柯城区", "莲都区"} & current
    assert policy.mountain_island_previous is not None
    previous = {c for cs in policy.mountain_island_previous.counties.values() for c in cs}
    assert len(previous) == 26
    assert "2024" in policy.mountain_island.source


def test_hangzhou_quotas_and_brands() -> None:
    policy = load_policy("zj-2026")
    quotas = policy.quotas["杭州市"]
    assert sum(q.city_quota for q in quotas.values()) == 60
    assert quotas["滨江区"].city_quota == 7 and quotas["拱墅区"].city_quota == 1
    brands = {b.county: b for b in policy.cluster_brands}
    assert brands["萧山区"].cluster == "智能物联" and brands["萧山区"].quota == 2
    assert brands["临平区"].cluster == "现代纺织与服装"
    assert brands["钱塘区"].cluster == "生物医药与医疗器械"


def test_every_rule_has_a_clause() -> None:
    policy = load_policy("zj-2026")
    for key, rule in policy.rules.items():
        assert rule.clause and rule.text, key


def test_unknown_call_is_a_clear_error() -> None:
    with pytest.raises(PolicyError) as caught:
        load_policy("zj-1999")
    assert "zj-2026" in caught.value.message()
    with pytest.raises(PolicyError):
        load_policy("../pyproject")


def test_a_new_call_is_only_data() -> None:
    data = copy.deepcopy(load(POLICY_DIR / "zj-2026.yaml").data)
    data["call"] = "zj-2027"
    data["financial_years"] = [2024, 2025, 2026]
    data["launch_window"] = {"start": "2024-01-01", "end": "2025-12-31"}
    policy = Policy.model_validate(data)
    assert policy.launch_window.contains(__import__("datetime").date(2025, 6, 1))


@pytest.mark.parametrize(
    "breakage",
    [
        lambda d: d["sales_thresholds"].pop("consumer"),
        lambda d: d["cluster_brands"][0].update(cluster="不存在的赛道"),
        lambda d: d["quotas"]["杭州市"].update({"不存在区": {"city_quota": 1}}),
        lambda d: d.update(launch_window={"start": "2025-01-01", "end": "2023-01-01"}),
        lambda d: d.update(unexpected=1),
    ],
)
def test_inconsistent_policies_are_refused(breakage) -> None:  # type: ignore[no-untyped-def]
    data = copy.deepcopy(load(Path(POLICY_DIR / "zj-2026.yaml")).data)
    breakage(data)
    with pytest.raises(ValidationError):
        Policy.model_validate(data)
