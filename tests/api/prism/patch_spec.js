// Writes the official OpenAPI spec with the test's listed exceptions applied, as JSON for Prism.
// usage: node patch_spec.js SPEC.yaml EXCEPTIONS.json OUT.json
// EXCEPTIONS.json: [{"pointer": "/components/schemas/...", "schema": {...}, "add": false}];
// a replaced pointer must exist (an added one must not), so a stale exception is noticed.
"use strict";
const fs = require("fs");
const yaml = require("js-yaml");

const [specPath, exceptionsPath, outPath] = process.argv.slice(2);
const spec = yaml.safeLoad(fs.readFileSync(specPath, "utf8"));
const exceptions = JSON.parse(fs.readFileSync(exceptionsPath, "utf8"));
for (const { pointer, schema, add } of exceptions) {
  const keys = pointer.split("/").slice(1).map((k) => k.replace(/~1/g, "/").replace(/~0/g, "~"));
  const last = keys.pop();
  let node = spec;
  for (const key of keys) {
    node = node === undefined ? undefined : node[key];
  }
  if (node === undefined || (last in node) === Boolean(add)) {
    console.error(`exception does not fit the spec (${add ? "already there" : "not found"}): ${pointer}`);
    process.exit(2);
  }
  node[last] = schema;
}
fs.writeFileSync(outPath, JSON.stringify(spec));
