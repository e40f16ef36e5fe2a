"""Fine-tuning files: chat, preference (DPO) or legacy prompt/completion examples, not mixed."""

from __future__ import annotations

from typing import Any

from app.validation.batch import show
from app.validation.model import Collector

MIN_EXAMPLES = 10
ROLES = ("system", "developer", "user", "assistant", "tool", "function")
_ROLES = frozenset(ROLES)
# Content part types each role may use (OpenAI's chat message schemas).
PART_TYPES: dict[str, frozenset[str]] = {
    "system": frozenset({"text"}),
    "developer": frozenset({"text"}),
    "user": frozenset({"text", "image_url", "input_audio", "file"}),
    "assistant": frozenset({"text", "refusal"}),
    "tool": frozenset({"text"}),
    "function": frozenset({"text"}),
}
_PLAIN_ROLES = frozenset({"system", "developer", "user"})
_WEIGHTS = (0, 1)
KIND_NAMES = {
    "chat": "a chat example",
    "preference": "a preference (DPO) example",
    "completion": "a prompt/completion example",
}
# OpenAI's guide calls them preferred_output / non_preferred_output; the spec's schema says
# preferred_completion / non_preferred_completion. Either spelling is accepted.
PREFERRED_KEYS = ("preferred_output", "preferred_completion")
NON_PREFERRED_KEYS = ("non_preferred_output", "non_preferred_completion")
_PREFERENCE_KEYS = frozenset({"input", *PREFERRED_KEYS, *NON_PREFERRED_KEYS})


class FineTuneChecker:
    """Checks each example line; call `finish()` after the last line."""

    def __init__(self, out: Collector) -> None:
        self.out = out
        self.kind: str | None = None
        self.kind_line = 0
        self.mixed = False
        self.examples = 0
        self.saw_assistant = False  # set by _messages for the list it last checked

    def __call__(self, line: int, obj: dict[str, Any]) -> None:
        self.examples += 1
        if "messages" in obj:
            kind = "chat"
        elif not _PREFERENCE_KEYS.isdisjoint(obj):
            kind = "preference"
        elif "prompt" in obj or "completion" in obj:
            kind = "completion"
        else:
            self.out.error(
                f'Line {line:,} is not a fine-tuning example: it needs "messages" (chat), '
                '"input" with "preferred_output" and "non_preferred_output" (preference), '
                'or "prompt" and "completion".',
                line,
            )
            return
        if kind != self.kind:
            self._kind_changed(line, kind)
        if kind == "chat":
            self._chat(line, obj)
        elif kind == "preference":
            self._preference(line, obj)
        elif type(obj.get("prompt")) is not str or type(obj.get("completion")) is not str:
            self._completion(line, obj)

    def _kind_changed(self, line: int, kind: str) -> None:
        if self.kind is None:
            self.kind, self.kind_line = kind, line
        elif not self.mixed:
            self.mixed = True
            self.out.error(
                f"Line {line:,} is {KIND_NAMES[kind]}, but line {self.kind_line:,} is "
                f"{KIND_NAMES[self.kind]}. Use one kind of example throughout the file.",
                line,
            )

    def finish(self) -> None:
        if 0 < self.examples < MIN_EXAMPLES:
            self.out.warning(
                f"This file has only {self.examples:,} example"
                f"{'' if self.examples == 1 else 's'}; a fine-tuning job needs at least "
                f"{MIN_EXAMPLES} (a validation file may have fewer)."
            )

    # --- the three kinds -------------------------------------------------------------------

    def _chat(self, line: int, obj: dict[str, Any]) -> None:
        if self._messages(line, obj["messages"], "messages"):
            if "tools" in obj or "functions" in obj or "parallel_tool_calls" in obj:
                self._tools(line, obj, "")
            if not self.saw_assistant:
                self.out.warning(
                    f"Line {line:,} has no assistant message, so supervised fine-tuning has "
                    "nothing to learn from it.",
                    line,
                    "messages",
                )

    def _preference(self, line: int, obj: dict[str, Any]) -> None:
        prompt = obj.get("input")
        if type(prompt) is not dict:
            self._error(line, "input", 'must be an object with "messages"', prompt)
        elif "messages" not in prompt:
            self._error(line, "input.messages", "is missing", None)
        elif self._messages(line, prompt["messages"], "input.messages"):
            self._tools(line, prompt, "input.")
        for keys in (PREFERRED_KEYS, NON_PREFERRED_KEYS):
            key = next((k for k in keys if k in obj), None)
            if key is None:
                self._error(line, keys[0], "is missing", None)
            elif self._messages(line, obj[key], key):
                for index, message in enumerate(obj[key]):
                    if message.get("role") != "assistant":
                        self._error(line, f"{key}[{index}].role", 'must be "assistant"',
                                    message.get("role"))  # fmt: skip

    def _completion(self, line: int, obj: dict[str, Any]) -> None:
        for name in ("prompt", "completion"):
            value = obj.get(name)
            if type(value) is not str:
                wanted = "is missing" if value is None else "must be text"
                self._error(line, name, wanted, value)

    # --- parts -------------------------------------------------------------------------------

    def _error(self, line: int, field: str, problem: str, value: object) -> None:
        found = "" if value is None else f", found {show(value)}"
        self.out.error(f'Line {line:,}: "{field}" {problem}{found}.', line, field)

    def _messages(self, line: int, messages: object, field: str) -> bool:
        """True when `messages` is a non-empty list of valid messages."""
        if type(messages) is not list or not messages:
            self._error(line, field, "must be a non-empty list of messages", messages)
            return False
        errors_before = self.out.error_count
        saw_assistant = False
        for index, message in enumerate(messages):
            if type(message) is dict:
                # Fast path: a plain text message needs no closer look.
                role = message.get("role")
                if role == "assistant":
                    saw_assistant = True
                    if (
                        type(message.get("content")) is str
                        and "tool_calls" not in message
                        and message.get("weight", 1) in _WEIGHTS
                    ):
                        continue
                elif (
                    type(role) is str
                    and role in _PLAIN_ROLES
                    and type(message.get("content")) is str
                ):
                    continue
            self._message(line, message, f"{field}[{index}]")
        self.saw_assistant = saw_assistant
        return self.out.error_count == errors_before

    def _message(self, line: int, message: object, where: str) -> None:
        if type(message) is not dict:
            self._error(line, where, "must be an object with a role and content", message)
            return
        role = message.get("role")
        if type(role) is not str or role not in _ROLES:
            problem = "is missing" if role is None else f"must be one of {', '.join(ROLES)}"
            self._error(line, f"{where}.role", problem, role)
            return
        content = message.get("content")
        if role == "assistant":
            if "weight" in message and message["weight"] not in _WEIGHTS:
                self._error(line, f"{where}.weight", "must be 0 or 1", message["weight"])
            calls = message.get("tool_calls")
            if calls is not None:
                self._tool_calls(line, calls, f"{where}.tool_calls")
            if content is None and (calls or message.get("function_call")):
                return
        elif role == "tool" and type(message.get("tool_call_id")) is not str:
            self._error(line, f"{where}.tool_call_id", "must be the id of the tool call",
                        message.get("tool_call_id"))  # fmt: skip
        elif role == "function":
            if type(message.get("name")) is not str:
                self._error(line, f"{where}.name", "must be the function's name",
                            message.get("name"))  # fmt: skip
            if content is None:
                return
        self._content(line, content, role, f"{where}.content")

    def _content(self, line: int, content: object, role: str, where: str) -> None:
        if type(content) is str:
            return
        if type(content) is not list or not content:
            problem = "is missing" if content is None else "must be text or a list of parts"
            self._error(line, where, problem, content)
            return
        allowed = PART_TYPES[role]
        for index, part in enumerate(content):
            at = f"{where}[{index}]"
            kind = part.get("type") if type(part) is dict else None
            if type(kind) is not str or kind not in allowed:
                self._error(line, f"{at}.type", f"must be one of {', '.join(sorted(allowed))}",
                            kind)  # fmt: skip
            elif kind == "text" and type(part.get("text")) is not str:
                self._error(line, f"{at}.text", "must be text", part.get("text"))
            elif kind == "image_url":
                image = part.get("image_url")
                if type(image) is not dict or type(image.get("url")) is not str:
                    self._error(line, f"{at}.image_url", 'must be an object with a "url"', image)

    def _tool_calls(self, line: int, calls: object, where: str) -> None:
        if type(calls) is not list:
            self._error(line, where, "must be a list", calls)
            return
        for index, call in enumerate(calls):
            at = f"{where}[{index}]"
            function = call.get("function") if type(call) is dict else None
            if type(function) is not dict or type(function.get("name")) is not str:
                self._error(line, f"{at}.function", 'must be an object with a "name"', function)
            elif type(function.get("arguments")) is not str:
                self._error(line, f"{at}.function.arguments", "must be a JSON text string",
                            function.get("arguments"))  # fmt: skip

    def _tools(self, line: int, obj: dict[str, Any], prefix: str) -> None:
        tools = obj.get("tools")
        if tools is not None:
            if type(tools) is not list:
                self._error(line, f"{prefix}tools", "must be a list", tools)
            else:
                for index, tool in enumerate(tools):
                    function = tool.get("function") if type(tool) is dict else None
                    if type(function) is not dict or type(function.get("name")) is not str:
                        self._error(line, f"{prefix}tools[{index}].function",
                                    'must be an object with a "name"', function)  # fmt: skip
        parallel = obj.get("parallel_tool_calls")
        if parallel is not None and type(parallel) is not bool:
            self._error(line, f"{prefix}parallel_tool_calls", "must be true or false", parallel)
        functions = obj.get("functions")
        if functions is not None and (
            type(functions) is not list
            or not all(type(f) is dict and type(f.get("name")) is str for f in functions)
        ):
            self._error(line, f"{prefix}functions", 'must be a list of objects with a "name"',
                        functions)  # fmt: skip
