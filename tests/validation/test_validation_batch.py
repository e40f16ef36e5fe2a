"""Batch input files: every rule has a file that breaks it and one that passes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from validation_examples import (
    BATCH_BODIES,
    batch_request,
    batch_rows,
    messages,
    write_jsonl,
)

from app.validation import Severity, validate
from app.validation.batch import BATCH_URLS


@pytest.mark.parametrize("url", BATCH_URLS)
def test_a_realistic_batch_for_each_accepted_url_passes(tmp_path: Path, url: str) -> None:
    path = write_jsonl(tmp_path / "requests.jsonl", batch_rows(url, 5))
    report = validate(path, "batch")
    assert report.findings == ()
    assert report.ok and report.lines == 5
    assert report.mime_type == "text/jsonl"


def test_accepted_urls_are_the_ones_the_spec_lists() -> None:
    assert set(BATCH_URLS) == set(BATCH_BODIES) and len(BATCH_URLS) == 8


def test_duplicate_custom_id_names_both_lines(tmp_path: Path) -> None:
    rows = batch_rows(count=3)
    rows[2]["custom_id"] = "request-1"
    report = validate(write_jsonl(tmp_path / "dup.jsonl", rows), "batch")
    assert not report.ok
    (finding,) = report.findings
    assert finding.message.startswith('Line 3: custom_id "request-1" is already used on line 1.')
    assert (finding.line, finding.field, finding.severity) == (3, "custom_id", Severity.ERROR)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, 'Line 2 has no "custom_id".'),
        (42, 'Line 2: "custom_id" must be a non-empty text string, found 42.'),
        ("", 'Line 2: "custom_id" must be a non-empty text string, found "".'),
    ],
)
def test_custom_id_must_be_a_string(tmp_path: Path, value: object, expected: str) -> None:
    rows = batch_rows(count=2)
    if value is None:
        del rows[1]["custom_id"]
    else:
        rows[1]["custom_id"] = value
    report = validate(write_jsonl(tmp_path / "ids.jsonl", rows), "batch")
    assert messages(report) == [expected]
    assert report.findings[0].field == "custom_id"


def test_method_must_be_post(tmp_path: Path) -> None:
    rows = batch_rows(count=12)
    rows[11]["method"] = "GET"
    del rows[4]["method"]
    report = validate(write_jsonl(tmp_path / "method.jsonl", rows), "batch")
    assert messages(report) == [
        'Line 5 has no "method"; it must be "POST".',
        'Line 12: "method" must be "POST", found "GET".',
    ]
    assert [f.field for f in report.findings] == ["method", "method"]


def test_url_must_be_one_the_batch_api_accepts(tmp_path: Path) -> None:
    rows = batch_rows(count=2)
    for row in rows:
        row["url"] = "/v1/audio/transcriptions"
    report = validate(write_jsonl(tmp_path / "url.jsonl", rows), "batch")
    assert len(report.errors) == 2
    assert report.errors[0].message.startswith(
        'Line 1: "url" "/v1/audio/transcriptions" is not an endpoint the Batch API accepts'
    )
    assert report.errors[0].field == "url"


def test_one_url_across_the_file_names_the_first_line_that_differs(tmp_path: Path) -> None:
    rows = batch_rows("/v1/chat/completions", 2)
    rows += [batch_request("/v1/embeddings", i) for i in (3, 4, 5)]
    report = validate(write_jsonl(tmp_path / "urls.jsonl", rows), "batch")
    finding, model_finding = report.findings  # the embeddings lines use another model too
    assert (model_finding.line, model_finding.field) == (3, "body.model")
    assert finding.line == 3 and finding.field == "url"
    assert finding.message == (
        'Line 3: "url" is "/v1/embeddings", but line 1 uses "/v1/chat/completions". '
        "All requests in a batch file must go to the same url."
    )


def test_one_model_across_the_file(tmp_path: Path) -> None:
    rows = batch_rows(count=4)
    rows[2]["body"]["model"] = "gpt-4o"
    rows[3]["body"]["model"] = "gpt-4.1"
    report = validate(write_jsonl(tmp_path / "models.jsonl", rows), "batch")
    (finding,) = report.findings
    assert (finding.line, finding.field) == (3, "body.model")
    assert 'line 1 uses "gpt-4o-mini"' in finding.message
    assert "one model" in finding.message


def test_body_must_be_an_object(tmp_path: Path) -> None:
    rows = batch_rows(count=3)
    rows[1]["body"] = "hello"
    del rows[2]["body"]
    report = validate(write_jsonl(tmp_path / "body.jsonl", rows), "batch")
    assert messages(report) == [
        'Line 2: "body" must be a JSON object, found "hello".',
        'Line 3 has no "body" (the request itself).',
    ]


def test_body_needs_a_model_where_the_endpoint_requires_one(tmp_path: Path) -> None:
    rows = batch_rows("/v1/embeddings", 2)
    del rows[1]["body"]["model"]
    report = validate(write_jsonl(tmp_path / "nomodel.jsonl", rows), "batch")
    assert messages(report) == ['Line 2: "body" has no "model".']
    assert report.findings[0].field == "body.model"


def test_model_may_be_left_out_where_the_api_has_a_default(tmp_path: Path) -> None:
    rows = batch_rows("/v1/moderations", 3)
    for row in rows:
        del row["body"]["model"]
    assert validate(write_jsonl(tmp_path / "mod.jsonl", rows), "batch").findings == ()


def test_model_must_be_a_name(tmp_path: Path) -> None:
    rows = batch_rows(count=1)
    rows[0]["body"]["model"] = 4
    report = validate(write_jsonl(tmp_path / "m.jsonl", rows), "batch")
    assert messages(report) == ['Line 1: "body.model" must be a model name, found 4.']


def test_body_needs_the_fields_its_endpoint_requires(tmp_path: Path) -> None:
    rows = batch_rows("/v1/embeddings", 2)
    del rows[0]["body"]["input"]
    report = validate(write_jsonl(tmp_path / "noinput.jsonl", rows), "batch")
    assert messages(report) == ['Line 1: "body" has no "input", which /v1/embeddings requires.']
    assert report.findings[0].field == "body.input"


def _small_requests(count: int) -> str:
    body = json.dumps({"model": "omni-moderation-latest", "input": "hi"})
    return "".join(
        f'{{"custom_id":"r{i}","method":"POST","url":"/v1/moderations","body":{body}}}\n'
        for i in range(count)
    )


def test_at_most_50000_requests(tmp_path: Path) -> None:
    good = tmp_path / "full.jsonl"
    good.write_text(_small_requests(50_000))
    report = validate(good, "batch")
    assert report.findings == () and report.lines == 50_000

    bad = tmp_path / "over.jsonl"
    bad.write_text(_small_requests(50_312))
    report = validate(bad, "batch")
    assert messages(report) == [
        "This file has 50,312 requests; a batch file can have at most 50,000. "
        "Split it into several files."
    ]


def test_embeddings_batch_has_at_most_50000_inputs(tmp_path: Path) -> None:
    def rows(per_line: int) -> list[dict[str, object]]:
        made = batch_rows("/v1/embeddings", 3)
        for row in made:
            row["body"]["input"] = [f"text {n}" for n in range(per_line)]
        return made

    assert validate(write_jsonl(tmp_path / "ok.jsonl", rows(16_000)), "batch").ok
    report = validate(write_jsonl(tmp_path / "many.jsonl", rows(17_000)), "batch")
    assert messages(report) == [
        "This file has 51,000 embedding inputs in total; an embeddings batch can have at "
        "most 50,000. Split it into several files."
    ]


def test_a_token_list_counts_as_one_embedding_input(tmp_path: Path) -> None:
    rows = batch_rows("/v1/embeddings", 2)
    for row in rows:
        row["body"]["input"] = list(range(30_000))
    assert validate(write_jsonl(tmp_path / "tokens.jsonl", rows), "batch").findings == ()


def test_batch_file_must_be_jsonl(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "requests.json", batch_rows())
    report = validate(path, "batch")
    assert messages(report) == [
        'A batch file must be a ".jsonl" file (JSON Lines); this one ends in ".json".'
    ]
    assert report.mime_type == "application/json"


def test_batch_file_at_most_200_mb(tmp_path: Path) -> None:
    path = tmp_path / "huge.jsonl"
    with path.open("wb") as stream:  # sparse: takes no disk space
        stream.truncate(200 * 1024 * 1024 + 1)
    report = validate(path, "batch")
    assert messages(report) == [
        "This file is 200.1 MB; a batch file can be at most 200 MB. Split it into several files."
    ]
    assert report.lines is None  # not read: it cannot be used anyway


def test_every_problem_on_a_line_is_reported(tmp_path: Path) -> None:
    row = {"custom_id": 7, "method": "PUT", "url": "/v2/chat", "body": []}
    report = validate(write_jsonl(tmp_path / "bad.jsonl", [row]), "batch")
    assert [f.field for f in report.findings] == ["custom_id", "method", "url", "body"]
    assert all(f.line == 1 and f.message.startswith("Line 1") for f in report.findings)
