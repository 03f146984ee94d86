#!/usr/bin/env node
/*
 * npm run sql -- --dialect <duckdb|postgres|clickhouse|spark> [--out file] [--no-seed] [--expect-tables]
 *               [--cluster <name> [--database <db>]]
 *
 * Writes the metric catalogue as one SQL script (src/sql/generate.ts): raw tables, de-duplication,
 * per collector × month inputs, KPIs with NULL + reason, grades, scores, composite. The TypeScript
 * sources are transpiled on the fly the way the bench loads them (bench/register.js), so no build
 * is needed. docs/sql.md describes the result.
 */
"use strict";
const fs = require("fs");
const path = require("path");
require("../bench/register.js");
const { DIALECTS, generateSql } = require("../src/sql/index.ts");

function usage(message) {
  if (message) process.stderr.write(`sql: ${message}\n`);
  process.stderr.write(`usage: npm run sql -- --dialect <${DIALECTS.join("|")}> [--out file] [--no-seed] [--expect-tables] [--cluster <name> [--database <db>]]\n`);
  process.exit(2);
}

const args = process.argv.slice(2);
const options = {};
let dialect;
let out;
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  const value = () => (i + 1 < args.length ? args[++i] : usage(`${a} needs a value`));
  if (a === "--dialect") dialect = value();
  else if (a === "--out") out = value();
  else if (a === "--no-seed") options.seed = false;
  else if (a === "--expect-tables") options.tables = "expect";
  else if (a === "--cluster") options.cluster = { ...options.cluster, cluster: value() };
  else if (a === "--database") options.cluster = { ...options.cluster, database: value() };
  else if (a === "--help" || a === "-h") usage();
  else usage(`unknown argument ${a}`);
}
if (!DIALECTS.includes(dialect)) usage(dialect === undefined ? "--dialect is required" : `unknown dialect "${dialect}"`);
if (options.cluster && options.cluster.cluster === undefined) usage("--database goes with --cluster");

let sql;
try {
  sql = generateSql(dialect, options);
} catch (e) {
  usage(e.message);
}
// `npm run sql -- … | head` closes the pipe early: that is not an error.
process.stdout.on("error", (e) => process.exit(e.code === "EPIPE" ? 0 : 1));
if (out === undefined) process.stdout.write(sql);
else {
  fs.writeFileSync(path.resolve(out), sql);
  process.stderr.write(`sql: wrote ${out} (${dialect}, ${sql.length} characters)\n`);
}
