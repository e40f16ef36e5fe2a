"""Batches in memory: validating → in_progress → completed (or failed), read from the clock.

The input file is checked when the batch is created (each line JSON, its url the batch's
endpoint); a batch that passes answers every request with a canned 200 in its output file,
written the first time the batch is seen completed.
"""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.sandbox.content import open_content
from app.sandbox.processing import Processing
from app.sandbox.records import new_id
from app.sandbox.store import Store

BATCH_ENDPOINTS = (
    "/v1/responses",
    "/v1/chat/completions",
    "/v1/embeddings",
    "/v1/completions",
    "/v1/moderations",
    "/v1/images/generations",
    "/v1/images/edits",
    "/v1/videos",
)
WINDOW_SECONDS = 24 * 3600
MAX_ERRORS = 100


@dataclass(frozen=True)
class InputScan:
    custom_ids: list[str]
    errors: list[dict[str, Any]]


def scan_input(paths: list[Path], endpoint: str) -> InputScan:
    """Check each request line of a batch input file (run off the event loop)."""
    custom_ids: list[str] = []
    errors: list[dict[str, Any]] = []

    def problem(line: int, code: str, message: str, param: str | None) -> None:
        if len(errors) < MAX_ERRORS:
            errors.append({"code": code, "message": message, "param": param, "line": line})

    with open_content(paths) as source:
        for number, raw in enumerate(source, start=1):
            if not raw.strip():
                continue
            try:
                request = json.loads(raw)
            except ValueError:
                problem(number, "invalid_json_line", "This line is not valid JSON.", None)
                continue
            if not isinstance(request, dict):
                problem(number, "invalid_json_line", "Each line must be a JSON object.", None)
                continue
            if request.get("url") != endpoint:
                problem(
                    number,
                    "mismatched_endpoint",
                    f"The url of this request does not match the batch's endpoint {endpoint}.",
                    "url",
                )
            custom_ids.append(str(request.get("custom_id", number)))
    if not custom_ids and not errors:
        problem(0, "empty_file", "The input file contains no requests.", None)
    return InputScan(custom_ids, errors)


@dataclass
class BatchRecord:
    id: str
    endpoint: str
    input_file_id: str
    completion_window: str
    metadata: dict[str, Any]
    created_at: int
    seq: int
    start_at: float  # validation ends: in_progress, or failed
    done_at: float
    scan: InputScan
    cancelled_at: int | None = None
    output_file_id: str | None = None

    def status(self, now: float) -> str:
        if self.cancelled_at is not None:
            return "cancelled"
        if now < self.start_at:
            return "validating"
        if self.scan.errors:
            return "failed"
        return "in_progress" if now < self.done_at else "completed"

    def to_json(self, now: float) -> dict[str, Any]:
        status = self.status(now)
        started = int(self.start_at) if status in ("in_progress", "completed") else None
        done = int(self.done_at) if status == "completed" else None
        total = len(self.scan.custom_ids) if status != "failed" else 0
        finished = total if status == "completed" else 0
        errors = {"object": "list", "data": self.scan.errors} if status == "failed" else None
        return {
            "id": self.id,
            "object": "batch",
            "endpoint": self.endpoint,
            "errors": errors,
            "input_file_id": self.input_file_id,
            "completion_window": self.completion_window,
            "status": status,
            "output_file_id": self.output_file_id,
            "error_file_id": None,
            "created_at": self.created_at,
            "in_progress_at": started,
            "expires_at": self.created_at + WINDOW_SECONDS,
            "finalizing_at": done,
            "completed_at": done,
            "failed_at": int(self.start_at) if status == "failed" else None,
            "expired_at": None,
            "cancelling_at": self.cancelled_at,
            "cancelled_at": self.cancelled_at,
            "request_counts": {"total": total, "completed": finished, "failed": 0},
            "metadata": self.metadata,
        }


class Batches:
    def __init__(self, processing: Processing, store: Store) -> None:
        self.processing = processing
        self.store = store
        self.batches: dict[str, BatchRecord] = {}
        self._seq = 0

    def now(self) -> float:
        return self.processing.clock()

    def create(
        self, *, endpoint: str, input_file_id: str, metadata: dict[str, Any], scan: InputScan
    ) -> BatchRecord:
        now = self.now()
        delay = self.processing.delay
        self._seq += 1
        batch = BatchRecord(
            id=new_id("batch_"),
            endpoint=endpoint,
            input_file_id=input_file_id,
            completion_window="24h",
            metadata=metadata,
            created_at=int(now),
            seq=self._seq,
            start_at=now + delay,
            done_at=now + 2 * delay,
            scan=scan,
        )
        self.batches[batch.id] = batch
        return batch

    def ordered(self) -> list[BatchRecord]:
        return sorted(self.batches.values(), key=lambda b: (b.created_at, b.seq), reverse=True)

    def settle(self, batch: BatchRecord) -> None:
        """Write the output file of a batch that has just been seen completed."""
        if batch.output_file_id is not None or batch.status(self.now()) != "completed":
            return
        tmp = self.store.new_tmp_path()
        lines = [
            json.dumps(
                {
                    "id": new_id("batch_req_"),
                    "custom_id": custom_id,
                    "response": {
                        "status_code": 200,
                        "request_id": "req_" + secrets.token_hex(16),
                        "body": {"object": "sandbox.response", "note": "answered by the sandbox"},
                    },
                    "error": None,
                }
            )
            for custom_id in batch.scan.custom_ids
        ]
        data = ("\n".join(lines) + "\n").encode()
        tmp.write_bytes(data)
        record = self.store.add_file(
            tmp, len(data), f"{batch.id}_output.jsonl", "batch_output", None
        )
        batch.output_file_id = record.id
