"""Finding a call's policy: the built-in files (calls/<call>.yaml, package data) and
files a user names (`--policy FILE`), each read once and checked against the model."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from reportgen.errors import InputError, PolicyError
from reportgen.findings import format_path
from reportgen.policy.model import Policy
from reportgen.source import Source, load
from reportgen.source.files import package_file

POLICY_DIR = package_file("reportgen.policy", "calls")


def available_calls() -> list[str]:
    """The built-in calls by name (for messages; the latest is Policies.latest())."""
    return sorted(p.stem for p in POLICY_DIR.glob("*.yaml"))


def policy_path(call: str) -> Path:
    """The file of the built-in `call`'s policy; PolicyError if there is none."""
    path = POLICY_DIR / f"{call}.yaml"
    if not call or "/" in call or "\\" in call or not path.is_file():
        raise PolicyError("unknown_call", call=call, available=available_calls())
    return path


@lru_cache(maxsize=8)
def load_policy(call: str) -> Policy:
    """The built-in policy of `call` (e.g. "zj-2026"), read once per process."""
    return read_policy(policy_path(call))


def read_policy(file: str | Path) -> Policy:
    """The policy in `file`. PolicyError naming the file, the key and its line when the
    file cannot be read or lacks or mistypes a key the model requires."""
    try:
        source = load(file)
    except InputError as exc:
        cause = {"code": exc.code, "params": exc.params}
        raise PolicyError("policy_unreadable", file=str(file), line=exc.line, cause=cause) from None
    try:
        return Policy.model_validate(source.data)
    except ValidationError as exc:
        raise _policy_error(exc, source) from None


def _policy_error(exc: ValidationError, source: Source) -> PolicyError:
    """The first of pydantic's errors as a PolicyError with a message code of ours (the
    others follow once it is fixed; `more` says how many there are)."""
    errors = exc.errors()
    first = errors[0]
    loc: tuple[str | int, ...] = tuple(first["loc"])
    kind, context = first["type"], dict(first.get("ctx") or {})
    params: dict[str, Any] = {}
    if kind == "literal_error" and loc[-1:] == ("[key]",):  # a key a dict may not have
        loc, code = loc[:-1], "policy_unknown_key"
    elif kind == "extra_forbidden":
        code = "policy_unknown_key"
    elif kind == "missing":
        code = "policy_missing_key"
    elif kind.startswith("policy_"):  # raised by the model's own validators
        code, params = kind, context
    else:  # a value of the wrong type or out of range: pydantic's words say which
        code, params = "policy_invalid", {"problem": first["msg"]}
    params.setdefault("key", format_path(loc))
    line, _ = source.locate(loc)
    return PolicyError(code, file=source.name, line=line, more=len(errors) - 1, **params)


@dataclass(frozen=True)
class Policies:
    """The calls an application may name: the built-in ones and those read from files
    a user gives (--policy). A given file comes first, so that a city's corrected copy
    of a built-in call replaces it. Picklable: batch workers receive it."""

    given: tuple[Policy, ...] = ()

    @classmethod
    def including(cls, files: Iterable[str | Path]) -> Policies:
        """The built-in calls and those of `files`, each read and checked now, so a bad
        file stops a command before any application is looked at."""
        given: dict[str, tuple[Policy, str]] = {}
        for file in files:
            policy = read_policy(file)
            if policy.call in given:
                first = given[policy.call][1]
                raise PolicyError("policy_same_call", call=policy.call, file=str(file), first=first)
            given[policy.call] = policy, str(file)
        return cls(tuple(policy for policy, _ in given.values()))

    def get(self, call: str) -> Policy:
        """The policy of `call`; PolicyError("unknown_call") naming the known ones."""
        for policy in self.given:
            if policy.call == call:
                return policy
        if call not in available_calls():
            raise PolicyError("unknown_call", call=call, available=self.calls())
        return load_policy(call)

    def calls(self) -> list[str]:
        return sorted({p.call for p in self.given} | set(available_calls()))

    def latest(self) -> Policy:
        """The call of the highest year (of two in one year, the later name): what a form
        that names no call is for. Chosen by year, since names need not sort by it."""
        return max(map(self.get, self.calls()), key=lambda p: (p.year, p.call))


BUILTIN = Policies()
