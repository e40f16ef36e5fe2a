"""Fine-tuning files: chat (with tools, with images), preference (DPO) and legacy examples."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from validation_examples import (
    chat_simple,
    chat_vision,
    chat_with_tools,
    legacy,
    messages,
    preference,
    write_jsonl,
)

from app.validation import Severity, validate

Example = Callable[[int], dict[str, Any]]


def _file(tmp_path: Path, rows: list[Any], name: str = "train.jsonl") -> Path:
    return write_jsonl(tmp_path / name, rows)


def _chat_tools(n: int) -> dict[str, Any]:
    return chat_with_tools(f"City {n}")


def _vision(n: int) -> dict[str, Any]:
    return chat_vision()


def _preference_spec_names(n: int) -> dict[str, Any]:
    row = preference(n)
    row["preferred_completion"] = row.pop("preferred_output")
    row["non_preferred_completion"] = row.pop("non_preferred_output")
    return row


@pytest.mark.parametrize(
    "example",
    [chat_simple, _chat_tools, _vision, preference, _preference_spec_names, legacy],
    ids=["chat", "chat-tools", "chat-vision", "dpo", "dpo-spec-names", "legacy"],
)
def test_real_shaped_examples_pass(tmp_path: Path, example: Example) -> None:
    report = validate(_file(tmp_path, [example(n) for n in range(10)]), "fine-tune")
    assert report.findings == ()
    assert report.lines == 10 and report.mime_type == "text/jsonl"


def test_fewer_than_ten_examples_is_a_warning(tmp_path: Path) -> None:
    report = validate(_file(tmp_path, [chat_simple(n) for n in range(7)]), "fine-tune")
    assert report.ok
    assert messages(report) == [
        "This file has only 7 examples; a fine-tuning job needs at least 10 "
        "(a validation file may have fewer)."
    ]
    assert report.findings[0].severity is Severity.WARNING


def test_mixing_kinds_names_the_first_line_that_differs(tmp_path: Path) -> None:
    rows = [chat_simple(n) for n in range(10)] + [preference(1), legacy(2)]
    report = validate(_file(tmp_path, rows), "fine-tune")
    (finding,) = report.findings
    assert finding.line == 11
    assert finding.message == (
        "Line 11 is a preference (DPO) example, but line 1 is a chat example. "
        "Use one kind of example throughout the file."
    )


def test_a_line_of_no_known_kind(tmp_path: Path) -> None:
    rows = [chat_simple(n) for n in range(10)] + [{"question": "hi", "answer": "hello"}]
    report = validate(_file(tmp_path, rows), "fine-tune")
    (finding,) = report.findings
    assert finding.line == 11
    assert finding.message.startswith("Line 11 is not a fine-tuning example")


def _broken_chat(change: Callable[[dict[str, Any]], None]) -> list[dict[str, Any]]:
    rows = [chat_with_tools(f"City {n}") for n in range(10)]
    change(rows[3])
    return rows


CHAT_BREAKS: list[tuple[str, Callable[[dict[str, Any]], None], str, str]] = [
    (
        "bad role",
        lambda r: r["messages"][1].update(role="human"),
        "messages[1].role",
        'Line 4: "messages[1].role" must be one of system, developer, user, assistant, tool, '
        'function, found "human".',
    ),
    (
        "no role",
        lambda r: r["messages"][1].pop("role"),
        "messages[1].role",
        'Line 4: "messages[1].role" is missing.',
    ),
    (
        "no content",
        lambda r: r["messages"][1].pop("content"),
        "messages[1].content",
        'Line 4: "messages[1].content" is missing.',
    ),
    (
        "content a number",
        lambda r: r["messages"][0].update(content=5),
        "messages[0].content",
        'Line 4: "messages[0].content" must be text or a list of parts, found 5.',
    ),
    (
        "assistant without content or calls",
        lambda r: r["messages"][2].pop("tool_calls"),
        "messages[2].content",
        'Line 4: "messages[2].content" is missing.',
    ),
    (
        "tool call arguments not text",
        lambda r: r["messages"][2]["tool_calls"][0]["function"].update(arguments={"a": 1}),
        "messages[2].tool_calls[0].function.arguments",
        'Line 4: "messages[2].tool_calls[0].function.arguments" must be a JSON text string, '
        'found {"a": 1}.',
    ),
    (
        "tool message without tool_call_id",
        lambda r: r["messages"][3].pop("tool_call_id"),
        "messages[3].tool_call_id",
        'Line 4: "messages[3].tool_call_id" must be the id of the tool call.',
    ),
    (
        "weight 2",
        lambda r: r["messages"][4].update(weight=2),
        "messages[4].weight",
        'Line 4: "messages[4].weight" must be 0 or 1, found 2.',
    ),
    (
        "messages empty",
        lambda r: r.update(messages=[]),
        "messages",
        'Line 4: "messages" must be a non-empty list of messages, found [].',
    ),
    (
        "message not an object",
        lambda r: r["messages"].insert(0, "hello"),
        "messages[0]",
        'Line 4: "messages[0]" must be an object with a role and content, found "hello".',
    ),
    (
        "tools not a list",
        lambda r: r.update(tools={"type": "function"}),
        "tools",
        'Line 4: "tools" must be a list, found {"type": "function"}.',
    ),
    (
        "tool without a function name",
        lambda r: r["tools"][0]["function"].pop("name"),
        "tools[0].function",
        'Line 4: "tools[0].function" must be an object with a "name"',
    ),
    (
        "parallel_tool_calls not a boolean",
        lambda r: r.update(parallel_tool_calls="yes"),
        "parallel_tool_calls",
        'Line 4: "parallel_tool_calls" must be true or false, found "yes".',
    ),
    (
        "functions without names",
        lambda r: r.update(functions=[{"description": "x"}]),
        "functions",
        'Line 4: "functions" must be a list of objects with a "name"',
    ),
    (
        "assistant part of the wrong type",
        lambda r: r["messages"][4].update(content=[{"type": "image_url", "image_url": {}}]),
        "messages[4].content[0].type",
        'Line 4: "messages[4].content[0].type" must be one of refusal, text, found "image_url".',
    ),
]


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [case[1:] for case in CHAT_BREAKS],
    ids=[case[0] for case in CHAT_BREAKS],
)
def test_chat_rules(
    tmp_path: Path, change: Callable[[dict[str, Any]], None], field: str, message: str
) -> None:
    report = validate(_file(tmp_path, _broken_chat(change)), "fine-tune")
    assert not report.ok
    (finding,) = report.findings
    assert (finding.line, finding.field) == (4, field)
    assert finding.message.startswith(message)


def test_vision_example_needs_an_image_url(tmp_path: Path) -> None:
    rows = [chat_vision() for _ in range(10)]
    rows[0]["messages"][1]["content"][1]["image_url"] = "https://example.com/dog.jpg"
    report = validate(_file(tmp_path, rows), "fine-tune")
    assert messages(report) == [
        'Line 1: "messages[1].content[1].image_url" must be an object with a "url", '
        'found "https://example.com/dog.jpg".'
    ]


def test_chat_without_an_assistant_message_is_a_warning(tmp_path: Path) -> None:
    rows = [chat_simple(n) for n in range(10)]
    rows[5]["messages"].pop()
    report = validate(_file(tmp_path, rows), "fine-tune")
    assert report.ok
    assert messages(report) == [
        "Line 6 has no assistant message, so supervised fine-tuning has nothing to learn from it."
    ]


PREFERENCE_BREAKS: list[tuple[str, Callable[[dict[str, Any]], None], str]] = [
    ("no input", lambda r: r.pop("input"), 'Line 1: "input" must be an object with "messages".'),
    (
        "input without messages",
        lambda r: r["input"].pop("messages"),
        'Line 1: "input.messages" is missing.',
    ),
    (
        "bad input role",
        lambda r: r["input"]["messages"][0].update(role="customer"),
        'Line 1: "input.messages[0].role" must be one of',
    ),
    (
        "no non-preferred output",
        lambda r: r.pop("non_preferred_output"),
        'Line 1: "non_preferred_output" is missing.',
    ),
    (
        "preferred output not a list",
        lambda r: r.update(preferred_output={"role": "assistant", "content": "Hi"}),
        'Line 1: "preferred_output" must be a non-empty list of messages',
    ),
    (
        "preferred output from the user",
        lambda r: r["preferred_output"][0].update(role="user"),
        'Line 1: "preferred_output[0].role" must be "assistant", found "user".',
    ),
]


@pytest.mark.parametrize(
    ("change", "message"),
    [case[1:] for case in PREFERENCE_BREAKS],
    ids=[case[0] for case in PREFERENCE_BREAKS],
)
def test_preference_rules(
    tmp_path: Path, change: Callable[[dict[str, Any]], None], message: str
) -> None:
    rows = [preference(n) for n in range(10)]
    change(rows[0])
    report = validate(_file(tmp_path, rows), "fine-tune")
    assert not report.ok
    (finding,) = report.findings
    assert finding.line == 1 and finding.message.startswith(message)


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        ({"prompt": "Hello"}, ['Line 1: "completion" is missing.']),
        ({"prompt": 5, "completion": "x"}, ['Line 1: "prompt" must be text, found 5.']),
        ({"completion": ["a"]}, ['Line 1: "prompt" is missing.',
                                 'Line 1: "completion" must be text, found ["a"].']),
    ],
)  # fmt: skip
def test_legacy_rules(tmp_path: Path, row: dict[str, Any], expected: list[str]) -> None:
    rows = [row] + [legacy(n) for n in range(10)]
    assert messages(validate(_file(tmp_path, rows), "fine-tune")) == expected


def test_fine_tune_file_must_be_jsonl(tmp_path: Path) -> None:
    path = _file(tmp_path, [chat_simple(n) for n in range(10)], name="train.csv")
    assert messages(validate(path, "fine-tune")) == [
        'A fine-tuning file must be a ".jsonl" file (JSON Lines); this one ends in ".csv".'
    ]
