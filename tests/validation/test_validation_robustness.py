"""Any JSON in any place gives findings, never an exception: every value of real examples is
replaced in turn by values of every JSON type."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from validation_examples import (
    BATCH_BODIES,
    batch_request,
    chat_vision,
    chat_with_tools,
    legacy,
    preference,
)

from app.validation import validate

ODD_VALUES: list[Any] = [None, 0, 2, 1.5, True, "", "user", [], ["user"], {}, {"role": []}]


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield prefix
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _paths(item, (*prefix, index))


def _variants(example: dict[str, Any]) -> Iterator[dict[str, Any]]:
    for path in _paths(example):
        if not path:
            continue
        for odd in ODD_VALUES:
            variant = copy.deepcopy(example)
            target = variant
            for step in path[:-1]:
                target = target[step]
            target[path[-1]] = odd
            yield variant


def _check(tmp_path: Path, purpose: str, examples: list[dict[str, Any]]) -> None:
    lines = [json.dumps(v) for example in examples for v in _variants(example)]
    path = tmp_path / "odd.jsonl"
    path.write_text("\n".join(lines) + "\n")
    report = validate(path, purpose, max_findings=100_000)
    assert report.lines == len(lines)
    assert not report.ok  # plenty of the variants are broken
    for finding in report.findings:
        assert finding.message.startswith(("Line ", "This file")), finding
        assert "Traceback" not in finding.message


@pytest.mark.parametrize("url", sorted(BATCH_BODIES))
def test_batch_lines_of_any_shape(tmp_path: Path, url: str) -> None:
    _check(tmp_path, "batch", [batch_request(url, 1)])


def test_fine_tune_lines_of_any_shape(tmp_path: Path) -> None:
    _check(tmp_path, "fine-tune", [chat_with_tools(), chat_vision(), preference(), legacy()])
