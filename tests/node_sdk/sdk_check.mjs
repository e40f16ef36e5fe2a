// The official Node SDK (npm `openai`) against a running sandbox.
// Driven by tests/node_sdk/test_node_sdk.py: the base URL comes in SANDBOX_BASE_URL and the
// (fake) key in OPENAI_API_KEY, never on the command line. Every check asserts; on success
// one JSON line with what was seen goes to stdout.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import OpenAI, { toFile } from "openai";

const baseURL = process.env.SANDBOX_BASE_URL;
const apiKey = process.env.OPENAI_API_KEY;
assert.ok(baseURL && /^http:\/\/127\.0\.0\.1:\d+\/v1$/.test(baseURL), `bad base URL ${baseURL}`);
assert.ok(apiKey, "OPENAI_API_KEY is not set");

const client = new OpenAI({ baseURL, apiKey, maxRetries: 0 });
const seen = {};

async function rejects(promise, ErrorClass, status) {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof ErrorClass, `expected ${ErrorClass.name}, got ${error}`);
    assert.equal(error.status, status);
    assert.equal(typeof error.message, "string");
    return error;
  }
  assert.fail(`expected ${ErrorClass.name}`);
}

// Files: create, list with auto-pagination, retrieve, content, delete.
const texts = ["alpha\n", "beta\n", "gamma\n", "delta\n", "epsilon\n"];
const created = [];
for (const [index, text] of texts.entries()) {
  const file = await client.files.create({
    file: await toFile(Buffer.from(text), `note-${index}.txt`),
    purpose: "assistants",
  });
  assert.equal(file.object, "file");
  assert.equal(file.bytes, Buffer.byteLength(text));
  assert.equal(file.filename, `note-${index}.txt`);
  assert.equal(file.status, "processed");
  created.push(file.id);
}
const batch = await client.files.create({
  file: await toFile(Buffer.from('{"custom_id": "a"}\n'), "requests.jsonl"),
  purpose: "batch",
});
assert.ok(batch.expires_at > batch.created_at, "a batch file expires");

const listed = [];
for await (const file of client.files.list({ limit: 2, purpose: "assistants" })) {
  listed.push(file.id);
}
assert.deepEqual([...listed].sort(), [...created].sort());
assert.deepEqual(listed, [...created].reverse(), "newest first");
const firstPage = await client.files.list({ limit: 2 });
assert.equal(firstPage.data.length, 2);
assert.ok(firstPage.hasNextPage());
seen.listed = listed.length;

const retrieved = await client.files.retrieve(created[1]);
assert.equal(retrieved.id, created[1]);
assert.equal(retrieved.filename, "note-1.txt");
const content = await client.files.content(created[1]);
assert.equal(await content.text(), texts[1]);
const deleted = await client.files.delete(created[0]);
assert.deepEqual([deleted.id, deleted.deleted, deleted.object], [created[0], true, "file"]);
await rejects(client.files.retrieve(created[0]), OpenAI.NotFoundError, 404);

// Uploads: create, parts (sent out of order), complete with md5, cancel.
const chunks = [Buffer.alloc(3000, 1), Buffer.alloc(2000, 2), Buffer.alloc(1000, 3)];
const whole = Buffer.concat(chunks);
const upload = await client.uploads.create({
  bytes: whole.length,
  filename: "blob.bin",
  purpose: "assistants",
  mime_type: "application/octet-stream",
});
assert.deepEqual([upload.object, upload.status, upload.file], ["upload", "pending", null]);
const parts = {};
for (const index of [2, 0, 1]) {
  parts[index] = await client.uploads.parts.create(upload.id, {
    data: await toFile(chunks[index], "part"),
  });
  assert.equal(parts[index].object, "upload.part");
  assert.equal(parts[index].upload_id, upload.id);
}
const done = await client.uploads.complete(upload.id, {
  part_ids: [parts[0].id, parts[1].id, parts[2].id],
  md5: createHash("md5").update(whole).digest("hex"),
});
assert.equal(done.status, "completed");
assert.equal(done.file.bytes, whole.length);
const assembled = Buffer.from(await (await client.files.content(done.file.id)).arrayBuffer());
assert.ok(assembled.equals(whole), "the parts were assembled in the order given");

const dropped = await client.uploads.create({
  bytes: 10,
  filename: "later.jsonl",
  purpose: "batch",
  mime_type: "text/jsonl",
});
const cancelled = await client.uploads.cancel(dropped.id);
assert.equal(cancelled.status, "cancelled");
const late = await rejects(
  client.uploads.parts.create(dropped.id, { data: await toFile(Buffer.from("x"), "p") }),
  OpenAI.BadRequestError,
  400,
);
assert.match(late.message, /cancelled/);

// Error classes.
const wrongKey = new OpenAI({ baseURL, apiKey: "sk-not-the-key", maxRetries: 0 });
const denied = await rejects(wrongKey.files.list(), OpenAI.AuthenticationError, 401);
assert.equal(denied.code, "invalid_api_key");
const missing = await rejects(client.files.retrieve("file-missing"), OpenAI.NotFoundError, 404);
assert.equal(missing.param, "id");
const badPurpose = await rejects(
  client.files.create({ file: await toFile(Buffer.from("x"), "x.txt"), purpose: "nonsense" }),
  OpenAI.BadRequestError,
  400,
);
assert.equal(badPurpose.type, "invalid_request_error");
await rejects(client.uploads.cancel("upload_missing"), OpenAI.NotFoundError, 404);
seen.errors = [denied.constructor.name, missing.constructor.name, badPurpose.constructor.name];

seen.files = created.length + 1;
seen.upload = done.file.id;
console.log(JSON.stringify(seen));
