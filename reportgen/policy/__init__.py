"""The rules of one call as data: `calls/<call>.yaml`, validated by `Policy`.

Next year's call is a new YAML file beside zj-2026.yaml, or a file given with --policy;
no code changes. Checks, documents and staff tables ask the policy for every date,
threshold, list, clause and printed text that changes with a call or a city.
"""

from reportgen.policy.loading import (
    BUILTIN,
    POLICY_DIR,
    Policies,
    available_calls,
    load_policy,
    policy_path,
    read_policy,
)
from reportgen.policy.model import (
    RULE_KEYS,
    ClusterBrand,
    CountyList,
    CountyQuota,
    Letter,
    Policy,
    Rule,
    RuleKey,
    StaffTable,
    Window,
)

__all__ = ["BUILTIN", "POLICY_DIR", "RULE_KEYS", "ClusterBrand", "CountyList", "CountyQuota"]
__all__ += ["Letter", "Policies", "Policy", "Rule", "RuleKey", "StaffTable", "Window"]
__all__ += ["available_calls", "load_policy", "policy_path", "read_policy"]
