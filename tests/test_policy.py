"""The call's policy is data: complete, consistent, and next year's is a new file."""

import ast
import copy
import json
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from reportgen.errors import PolicyError
from reportgen.model import SUBSECTIONS, Category
from reportgen.policy import (
    BUILTIN,
    POLICY_DIR,
    RULE_KEYS,
    Policies,
    Policy,
    available_calls,
    load_policy,
    read_policy,
)
from reportgen.source import load

from .conftest import ROOT


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


def test_every_subsection_has_the_outline_s_guidance() -> None:
    policy = load_policy("zj-2026")
    guidance = [policy.guidance(part, section) for (part, section), _, _ in SUBSECTIONS]
    assert len(guidance) == 11 and all(text.strip() for text in guidance)
    assert len(set(guidance)) == 11  # each its own, not one text copied
    assert policy.guidance("technology", "advancement").startswith("主要包括产品拥有的核心技术")


def _policy_file(tmp_path: Path, edit: Any) -> Path:
    data = copy.deepcopy(load(POLICY_DIR / "zj-2026.yaml").data)
    edit(data)
    path = tmp_path / "policy.json"  # JSON is YAML: the loader reads both
    path.write_text(json.dumps(data, ensure_ascii=False, default=str), "utf-8")
    return path


@pytest.mark.parametrize("key", RULE_KEYS)
def test_a_policy_lacking_a_rule_names_it(tmp_path: Path, key: str) -> None:
    path = _policy_file(tmp_path, lambda d: d["rules"].pop(key))
    with pytest.raises(PolicyError) as caught:
        read_policy(path)
    assert caught.value.code == "policy_missing_key"
    for lang in ("zh", "en"):
        assert f"rules.{key}" in caught.value.message(lang)
        assert str(path) in caught.value.message(lang)


@pytest.mark.parametrize(
    ("edit", "key"),
    [
        (lambda d: d.pop("letter"), "letter"),
        (lambda d: d["letter"].update(commitments=[]), "letter.commitments"),
        (lambda d: d["outline"]["brand"].pop("reputation"), "outline.brand.reputation"),
        (lambda d: d["outline"]["brand"].update(reputation=""), "outline.brand.reputation"),
        (lambda d: d["sales_thresholds"].pop("digital"), "sales_thresholds.digital"),
        (lambda d: d.pop("cluster_brand_batch"), "cluster_brand_batch"),
        (lambda d: d["recommendation_list"].pop("title"), "recommendation_list.title"),
        (lambda d: d["cluster_brands"][1].update(cluster="无"), "cluster_brands[1].cluster"),
    ],
)
def test_what_documents_print_is_required_too(tmp_path: Path, edit: Any, key: str) -> None:
    with pytest.raises(PolicyError) as caught:
        read_policy(_policy_file(tmp_path, edit))
    assert key in caught.value.message() and key in caught.value.message("en")


def test_the_rule_keys_are_those_the_checks_cite() -> None:
    """RuleKey (which mypy holds every Collector call to) lists no rule no check cites."""
    cited = set()
    for module in (ROOT / "reportgen").rglob("*.py"):
        for node in ast.walk(ast.parse(module.read_text("utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
                continue
            position = {"error": 2, "warning": 2, "info": 2, "add": 3}.get(node.func.attr)
            if position is not None and len(node.args) > position:
                rule = node.args[position]
                if isinstance(rule, ast.Constant) and isinstance(rule.value, str):
                    cited.add(rule.value)
    assert cited == set(RULE_KEYS)


def test_built_in_files_are_named_by_their_call() -> None:
    for call in available_calls():
        policy = load_policy(call)
        assert policy.call == call and str(policy.year) in policy.title


def test_the_recommendation_notes_read_as_the_call_prints_them() -> None:
    policy = load_policy("zj-2026")
    notes = policy.table_notes(policy.recommendation_list)
    assert notes[0].endswith("高端新材料以及历史经典产业。")
    assert notes[-1] == (  # 附件5's last line, the brand list's batch included
        "入选2025年首批先进制造业集群品牌培育名单的：萧山区“中国视谷”（视觉智能产业集群）、"
        "临平区“临平家纺与服装”（现代纺织与服装产业集群）、钱塘区“杭州医药港”（生物医药与医疗器械产业集群）。"
    )
    none = policy.model_copy(update={"cluster_brands": []})
    assert none.table_notes(policy.recommendation_list) == notes[:-1]  # no brands, no line


def test_a_given_file_replaces_the_built_in_call_of_its_name(tmp_path: Path) -> None:
    built_in = load_policy("zj-2026")
    stricter = built_in.rd_ratio_min + 1
    path = _policy_file(tmp_path, lambda d: d.update(rd_ratio_min=str(stricter)))
    policies = Policies.including([path])
    assert policies.get("zj-2026").rd_ratio_min == stricter
    assert policies.calls() == available_calls()  # the same calls, one of them replaced
    assert policies.get("zj-2026").digest() != built_in.digest()
    assert BUILTIN.get("zj-2026") is built_in
