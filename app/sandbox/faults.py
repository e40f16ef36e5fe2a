"""Fault injection: seeded random failures plus scripted rules that fire deterministically."""

from __future__ import annotations

import math
import random
import re
import time
from dataclasses import dataclass, field
from typing import Any

from app.sandbox.config import SandboxConfig, parse_kinds
from app.sandbox.errors import default_message
from app.sandbox.ratelimit import TokenBucket

# Before the work: drop (cut mid-body), stall (silent for stall_seconds, then cut), hang (take
# the whole body, then silent until the client leaves; `seconds` bounds it).
BEFORE_WORK_KINDS = ("drop", "stall", "hang")
# After the work (the request is served): drop_response (the answer is lost), trickle (the
# answer at `rate` bytes/s), hang_after (no answer, the connection held open),
# complete_without_file / part_wrong_upload (the answer bent: file null / another upload_id).
ANSWER_KINDS = (
    "drop_response",
    "trickle",
    "hang_after",
    "complete_without_file",
    "part_wrong_upload",
)
# Instead of the work: the Upload is cancelled / expires, and complete's answer says so.
INSTEAD_KINDS = ("complete_cancelled", "complete_expired")
ACTION_KINDS = (*BEFORE_WORK_KINDS, *ANSWER_KINDS, *INSTEAD_KINDS)
RULE_FIELDS = {
    "method",
    "path_regex",
    "status",
    "kind",
    "times",
    "skip",
    "message",
    "headers",
    "after_bytes",
    "seconds",
    "rate",
    "answer_bytes",
    "upload_id",
}


@dataclass
class Fault:
    """What to do to one request instead of serving it."""

    kind: str  # "status" or one of ACTION_KINDS
    status: int | None = None
    message: str | None = None
    headers: dict[str, str] = field(default_factory=dict)
    after_bytes: int | None = None  # drop/stall/hang: body bytes to read first
    seconds: float | None = None  # stall/hang/hang_after: how long to hold (None: default)
    rate: float | None = None  # trickle: answer bytes per second (None: 1)
    answer_bytes: int | None = None  # answer bytes sent at once before the drop/hang/trickle
    upload_id: str | None = None  # part_wrong_upload: the id to name (None: a new one)

    @property
    def label(self) -> str:
        return str(self.status) if self.kind == "status" else self.kind


@dataclass
class ScriptRule:
    path_regex: re.Pattern[str]
    method: str | None
    fault: Fault
    times: int
    skip: int = 0  # matching requests to let through before the rule fires

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
            "seconds": self.fault.seconds,
            "rate": self.fault.rate,
            "answer_bytes": self.fault.answer_bytes,
            "upload_id": self.fault.upload_id,
            "times": self.times,
            "skip": self.skip,
        }


def _number(data: dict[str, Any], key: str, low: float, high: float | None = None) -> float:
    value = data[key]
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"{key} must be a number")
    if value < low or (high is not None and value > high):
        raise ValueError(f"{key} is out of range")
    return float(value)


def _count(data: dict[str, Any], key: str, default: int, *, low: int) -> int:
    value = data.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int) or value < low:
        raise ValueError(f"{key} must be an integer of at least {low}")
    return value


def _optional_count(data: dict[str, Any], key: str) -> int | None:
    return None if data.get(key) is None else _count(data, key, 0, low=0)


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
        "clock_skew",
        "files_rpm",
        "files_burst",
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
        self.clock_skew = config.clock_skew
        self.files_limit = TokenBucket(config.files_rpm, config.files_burst)
        if config.script is not None:
            self.update({"script": config.script})

    def server_time(self) -> float:
        """The sandbox's wall clock: real time plus the configured skew."""
        return time.time() + self.clock_skew

    # ---- deciding ------------------------------------------------------------------------
    def decide(self, method: str, path: str) -> Fault | None:
        for rule in self.script:
            if rule.matches(method, path):
                if rule.skip > 0:
                    rule.skip -= 1
                    continue
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
        if "clock_skew" in data:
            new["clock_skew"] = _number(data, "clock_skew", -1e9, 1e9)
        limits = self._limits(data)
        if "script" in data:
            if not isinstance(data["script"], list):
                raise ValueError("script must be a list of rules")
            new["script"] = [self._parse_rule(raw) for raw in data["script"]]
        for key, value in new.items():
            setattr(self, key, value)
        if "seed" in new:
            self.rng = random.Random(new["seed"])
        if limits is not None:
            self.files_limit.configure(*limits)

    def _limits(self, data: dict[str, Any]) -> tuple[float, int | None] | None:
        """files_rpm / files_burst → the bucket's new (rpm, burst); it restarts full."""
        if "files_rpm" not in data and "files_burst" not in data:
            return None
        rpm = self.files_limit.rpm
        if "files_rpm" in data:
            rpm = 0.0 if data["files_rpm"] is None else _number(data, "files_rpm", 0.0)
        burst = self.files_limit.burst
        if "files_burst" in data:
            raw = data["files_burst"]
            if raw is not None and (isinstance(raw, bool) or not isinstance(raw, int) or raw < 1):
                raise ValueError("files_burst must be a positive integer or null")
            burst = raw
        return rpm, burst

    def _parse_rule(self, raw: Any) -> ScriptRule:
        if not isinstance(raw, dict):
            raise ValueError("each script rule must be an object")
        unknown = sorted(set(raw) - RULE_FIELDS)
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
        times = _count(raw, "times", 1, low=1)
        method = raw.get("method")
        fault = self.make_fault(
            kind, raw.get("message"), {str(k): str(v) for k, v in headers.items()}
        )
        fault.after_bytes = _optional_count(raw, "after_bytes")
        fault.answer_bytes = _optional_count(raw, "answer_bytes")
        if raw.get("seconds") is not None:
            fault.seconds = _number(raw, "seconds", 0.0)
        if raw.get("rate") is not None:
            fault.rate = _number(raw, "rate", 0.001)
        if raw.get("upload_id") is not None:
            fault.upload_id = str(raw["upload_id"])
        return ScriptRule(
            path_regex=pattern,
            method=str(method).upper() if method else None,
            fault=fault,
            times=times,
            skip=_count(raw, "skip", 0, low=0),
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
            "clock_skew": self.clock_skew,
            "files_rpm": self.files_limit.rpm,
            "files_burst": self.files_limit.burst,
            "files_limit": self.files_limit.snapshot(),
        }
