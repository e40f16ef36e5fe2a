"""Real-shaped example files for the validation tests (batch requests, fine-tuning examples)."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from app.validation import Report

MODEL = "gpt-4.1-mini-2025-04-14"

# One realistic request body per endpoint the Batch API accepts.
BATCH_BODIES: dict[str, dict[str, Any]] = {
    "/v1/responses": {
        "model": "gpt-4.1-mini",
        "instructions": "Answer in one short paragraph.",
        "input": "Summarise the plot of Hamlet.",
        "max_output_tokens": 400,
    },
    "/v1/chat/completions": {
        "model": "gpt-4o-mini",
        "messages": [
            {"role": "system", "content": "You are a helpful assistant."},
            {"role": "user", "content": "Translate 'good morning' into French."},
        ],
        "max_tokens": 200,
        "temperature": 0.2,
    },
    "/v1/embeddings": {
        "model": "text-embedding-3-small",
        "input": ["The food was delicious and the waiter was friendly.", "Terrible service."],
        "encoding_format": "float",
    },
    "/v1/completions": {
        "model": "gpt-3.5-turbo-instruct",
        "prompt": "Write a haiku about autumn:",
        "max_tokens": 64,
    },
    "/v1/moderations": {
        "model": "omni-moderation-latest",
        "input": [
            {"type": "text", "text": "Is this comment acceptable?"},
            {"type": "image_url", "image_url": {"url": "https://example.com/photo.png"}},
        ],
    },
    "/v1/images/generations": {
        "model": "gpt-image-1",
        "prompt": "A watercolour painting of a lighthouse at dawn",
        "size": "1024x1024",
        "n": 1,
    },
    "/v1/images/edits": {
        "model": "gpt-image-1",
        "prompt": "Add a red scarf to the cat",
        "images": [{"image_url": "https://example.com/cat.png"}],
    },
    "/v1/videos": {
        "model": "sora-2",
        "prompt": "A paper boat drifting down a rainy street, close-up",
        "seconds": "4",
        "size": "720x1280",
    },
}


def batch_request(url: str, index: int, **changes: Any) -> dict[str, Any]:
    row: dict[str, Any] = {
        "custom_id": f"request-{index}",
        "method": "POST",
        "url": url,
        "body": copy.deepcopy(BATCH_BODIES[url]),
    }
    row.update(changes)
    return row


def batch_rows(url: str = "/v1/chat/completions", count: int = 3) -> list[dict[str, Any]]:
    return [batch_request(url, i) for i in range(1, count + 1)]


WEATHER_TOOL = {
    "type": "function",
    "function": {
        "name": "get_current_weather",
        "description": "Get the current weather in a given location",
        "parameters": {
            "type": "object",
            "properties": {
                "location": {"type": "string", "description": "City and country"},
                "unit": {"type": "string", "enum": ["celsius", "fahrenheit"]},
            },
            "required": ["location"],
        },
    },
}


def chat_with_tools(city: str = "San Francisco, USA") -> dict[str, Any]:
    return {
        "messages": [
            {"role": "system", "content": "You are a weather assistant."},
            {"role": "user", "content": f"What is the weather in {city}?"},
            {
                "role": "assistant",
                "tool_calls": [
                    {
                        "id": "call_id",
                        "type": "function",
                        "function": {
                            "name": "get_current_weather",
                            "arguments": json.dumps({"location": city, "unit": "celsius"}),
                        },
                    }
                ],
            },
            {"role": "tool", "tool_call_id": "call_id", "content": "21.0"},
            {"role": "assistant", "content": f"It is 21 degrees celsius in {city}."},
        ],
        "tools": [copy.deepcopy(WEATHER_TOOL)],
        "parallel_tool_calls": False,
    }


def chat_simple(n: int = 0) -> dict[str, Any]:
    return {
        "messages": [
            {"role": "developer", "content": "Marv is a factual chatbot that is also sarcastic."},
            {"role": "user", "content": f"What's the capital of country number {n}?"},
            {"role": "assistant", "content": "Paris, as if everyone doesn't know.", "weight": 1},
        ]
    }


def chat_vision() -> dict[str, Any]:
    return {
        "messages": [
            {"role": "system", "content": "You identify dog breeds."},
            {
                "role": "user",
                "content": [
                    {"type": "text", "text": "What breed is this dog?"},
                    {"type": "image_url", "image_url": {"url": "https://example.com/dog.jpg"}},
                ],
            },
            {"role": "assistant", "content": "A border collie."},
        ]
    }


def preference(n: int = 0) -> dict[str, Any]:
    return {
        "input": {
            "messages": [
                {"role": "user", "content": f"Hello, how cold is San Francisco today? ({n})"}
            ],
            "tools": [],
            "parallel_tool_calls": True,
        },
        "preferred_output": [
            {"role": "assistant", "content": "Today in San Francisco it is 14 degrees celsius."}
        ],
        "non_preferred_output": [
            {"role": "assistant", "content": "It is not particularly cold in San Francisco."}
        ],
    }


def legacy(n: int = 0) -> dict[str, Any]:
    return {"prompt": f"Company: BHFF insurance {n}\nProduct: allround\n\n###\n\n",
            "completion": " Yes, we cover that. END"}  # fmt: skip


def write_jsonl(path: Path, rows: list[Any], *, newline: str = "\n", end: str = "\n") -> Path:
    """Write rows (dicts are JSON-encoded, strings written as they are) as JSON Lines."""
    lines = [r if isinstance(r, str) else json.dumps(r) for r in rows]
    path.write_bytes((newline.join(lines) + end).encode("utf-8"))
    return path


def messages(report: Report) -> list[str]:
    return [f.message for f in report.findings]


TICKET = (
    "the invoice shows a late fee although the payment left our account on time please "
    "check the statement and refund the difference to the original card thanks"
)
WORDS = TICKET.split(" ")


def write_big_batch(path: Path, target_bytes: int, *, line_bytes: int = 4096) -> int:
    """A realistic chat-completions batch file of about `target_bytes`; returns its requests.

    Each line carries a different support ticket of about `line_bytes`, written in blocks so
    the generator itself stays small in memory."""
    system = "You are a support agent. Classify the ticket and draft a short reply."
    repeat = max(1, line_bytes // 160)
    texts = [" ".join((WORDS[i:] + WORDS[:i]) * repeat) for i in range(len(WORDS))]
    count = written = 0
    with path.open("w", encoding="utf-8", newline="\n") as stream:
        block: list[str] = []
        while written < target_bytes:
            ticket = f"Ticket {count}: {texts[count % len(texts)]}"
            line = json.dumps(
                {
                    "custom_id": f"ticket-{count:07d}",
                    "method": "POST",
                    "url": "/v1/chat/completions",
                    "body": {
                        "model": "gpt-4o-mini",
                        "messages": [
                            {"role": "system", "content": system},
                            {"role": "user", "content": ticket},
                        ],
                        "max_tokens": 300,
                        "temperature": 0.3,
                    },
                }
            )
            block.append(line)
            written += len(line) + 1
            count += 1
            if len(block) == 1000:
                stream.write("\n".join(block) + "\n")
                block.clear()
        if block:
            stream.write("\n".join(block) + "\n")
    return count
