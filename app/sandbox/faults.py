"""Fault injection: seeded random failures plus scripted rules that fire deterministically."""

from __future__ import annotations

import math
import random
import re
from dataclasses import dataclass, field
from typing import Any

from app.sandbox.config import SandboxConfig, parse_kinds
from app.sandbox.errors import default_message

ACTION_KINDS = ("drop", "stall", "drop_response")


@dataclass
class Fault:
    """What to do to one request instead of serving it."""

    kind: str  # "status" | "drop" | "stall" | "drop_response"
    status: int | None = None
    message: str | None = None
    headers: dict[str, str] = field(default_factory=dict)
    after_bytes: int | None = None  # drop/stall: body bytes to read first (None: half)

    @property
    def label(self) -> str:
        return str(self.status) if self.kind == "status" else self.kind


@dataclass
class ScriptRule:
    path_regex: re.Pattern[str]
    method: str | None
    fault: Fault
    times: int

    def matches(self, method: str, path: str) -> bool:
        if self.times <= 0:
            return False
        if self.method is not None and self.method != method:
            return False
        return self.path_regex.search(path) is not None

    def to_json(self) -> dict[str, Any]:
        return {
            "method": self.method,
            "path_regex": self.path_regex.pattern,
            "kind": self.fault.label,
            "message": self.fault.message,
            "headers": self.fault.headers,
            "after_bytes": self.fault.after_bytes,
            "times": self.times,
        }


def _number(data: dict[str, Any], key: str, low: float, high: float | None = None) -> float:
    value = data[key]
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"{key} must be a number")
    if value < low or (high is not None and value > high):
        raise ValueError(f"{key} is out of range")
    return float(value)


class FaultPlan:
    """The current fault settings; changed at run time through POST /_sandbox/faults."""

    SETTINGS = (
        "fail_rate",
        "fail_kinds",
        "seed",
        "throughput",
        "latency",
        "stall_seconds",
        "retry_after",
        "script",
    )

    def __init__(self, config: SandboxConfig) -> None:
        self.fail_rate = config.fail_rate
        self.fail_kinds: tuple[str, ...] = tuple(config.fail_kinds)
        self.seed = config.seed
        self.rng = random.Random(config.seed)
        self.throughput = config.throughput
        self.latency = config.latency
        self.stall_seconds = config.stall_seconds
        self.retry_after = config.retry_after
        self.script: list[ScriptRule] = []

    # ---- deciding ------------------------------------------------------------------------
    def decide(self, method: str, path: str) -> Fault | None:
        for rule in self.script:
            if rule.matches(method, path):
                rule.times -= 1
                return rule.fault
        if self.fail_rate > 0 and self.fail_kinds and self.rng.random() < self.fail_rate:
            return self.make_fault(self.rng.choice(self.fail_kinds))
        return None

    def make_fault(
        self, kind: str, message: str | None = None, headers: dict[str, str] | None = None
    ) -> Fault:
        if kind in ACTION_KINDS:
            return Fault(kind=kind, headers=dict(headers or {}))
        status = int(kind)
        extra = dict(headers or {})
        if status == 429:
            extra.setdefault("Retry-After", str(math.ceil(self.retry_after)))
            extra.setdefault("retry-after-ms", str(int(self.retry_after * 1000)))
        return Fault(
            kind="status", status=status, message=message or default_message(status), headers=extra
        )

    # ---- changing ------------------------------------------------------------------------
    def update(self, data: dict[str, Any]) -> None:
        """Apply a partial update; raises ValueError (and changes nothing) if any value is bad."""
        unknown = sorted(set(data) - set(self.SETTINGS))
        if unknown:
            raise ValueError(f"unknown setting {unknown[0]}")
        new: dict[str, Any] = {}
        if "fail_rate" in data:
            new["fail_rate"] = _number(data, "fail_rate", 0.0, 1.0)
        if "fail_kinds" in data:
            kinds = data["fail_kinds"]
            text = ",".join(str(k) for k in kinds) if isinstance(kinds, list) else str(kinds)
            new["fail_kinds"] = parse_kinds(text)
        if "seed" in data:
            if data["seed"] is not None and not isinstance(data["seed"], int):
                raise ValueError("seed must be an integer or null")
            new["seed"] = data["seed"]
        if "throughput" in data:
            new["throughput"] = (
                None if data["throughput"] is None else _number(data, "throughput", 1.0)
            )
        for key in ("latency", "stall_seconds", "retry_after"):
            if key in data:
                new[key] = _number(data, key, 0.0)
        if "script" in data:
            if not isinstance(data["script"], list):
                raise ValueError("script must be a list of rules")
            new["script"] = [self._parse_rule(raw) for raw in data["script"]]
        for key, value in new.items():
            setattr(self, key, value)
        if "seed" in new:
            self.rng = random.Random(new["seed"])

    def _parse_rule(self, raw: Any) -> ScriptRule:
        if not isinstance(raw, dict):
            raise ValueError("each script rule must be an object")
        allowed = {
            "method",
            "path_regex",
            "status",
            "kind",
            "times",
            "message",
            "headers",
            "after_bytes",
        }
        unknown = sorted(set(raw) - allowed)
        if unknown:
            raise ValueError(f"unknown rule field {unknown[0]}")
        try:
            pattern = re.compile(str(raw.get("path_regex", ".*")))
        except re.error as exc:
            raise ValueError(f"bad path_regex: {exc}") from exc
        kind = raw.get("kind")
        status = raw.get("status")
        if (kind is None) == (status is None):
            raise ValueError("a rule needs exactly one of status or kind")
        if status is not None:
            if isinstance(status, bool) or not isinstance(status, int) or not 100 <= status < 600:
                raise ValueError("status must be an HTTP status code")
            kind = str(status)
        kind = str(kind)
        if kind not in ACTION_KINDS and not (kind.isdigit() and 100 <= int(kind) < 600):
            raise ValueError(f"unknown rule kind {kind}; use a status or one of {ACTION_KINDS}")
        headers = raw.get("headers") or {}
        if not isinstance(headers, dict):
            raise ValueError("headers must be an object")
        times = raw.get("times", 1)
        if isinstance(times, bool) or not isinstance(times, int) or times < 1:
            raise ValueError("times must be a positive integer")
        after_bytes = raw.get("after_bytes")
        if after_bytes is not None and (not isinstance(after_bytes, int) or after_bytes < 0):
            raise ValueError("after_bytes must be a non-negative integer")
        method = raw.get("method")
        fault = self.make_fault(
            kind, raw.get("message"), {str(k): str(v) for k, v in headers.items()}
        )
        fault.after_bytes = after_bytes
        return ScriptRule(
            path_regex=pattern,
            method=str(method).upper() if method else None,
            fault=fault,
            times=times,
        )

    def snapshot(self) -> dict[str, Any]:
        return {
            "fail_rate": self.fail_rate,
            "fail_kinds": list(self.fail_kinds),
            "seed": self.seed,
            "throughput": self.throughput,
            "latency": self.latency,
            "stall_seconds": self.stall_seconds,
            "retry_after": self.retry_after,
            "script": [rule.to_json() for rule in self.script],
        }
