#!/usr/bin/env node
/*
 * The worked example of README "Beyond Excel's row limit": a call log of N rows (default
 * 1,000,000; try --rows 50000000), a case list and a payment file, written as CSV into a temporary
 * folder, read by DuckDB (@duckdb/node-api) with read_csv, and the generated DuckDB script
 * (the same text `npm run sql -- --dialect duckdb` writes) run over them; prints the per-collector
 * KPIs of the last month. --json prints the rows as JSON instead; --keep keeps the CSV files.
 *
 * row_no, the file order the duplicate rule and the first-contact tie-break need, is
 * row_number() OVER () over read_csv: DuckDB documents that an empty OVER () keeps the file's
 * order (https://duckdb.org/docs/stable/sql/dialect/order_preservation).
 */
"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");
require("../bench/register.js");
const { generateSql } = require("../src/sql/index.ts");
const { prng } = require("./rawdata.js");

const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const rowsArg = args.indexOf("--rows");
const ROWS = rowsArg >= 0 ? Number(args[rowsArg + 1]) : 1_000_000;
if (!Number.isInteger(ROWS) || ROWS < 1) {
  process.stderr.write("usage: node scripts/sql-example.js [--rows N] [--json] [--keep]\n");
  process.exit(2);
}

const pad = (n) => String(n).padStart(2, "0");

/** Writes the three CSV files, streaming the call log in chunks so 50 million rows fit in memory. */
function writeData(dir) {
  const rnd = prng(2026);
  const collectors = Array.from({ length: 40 }, (_, i) => `Agent ${pad(i + 1)}`);
  const accounts = Math.max(100, Math.floor(ROWS / 12));
  const months = ["2026-10", "2026-11"];
  const dpdOf = (a) => 1 + ((a * 7919) % 120);
  const collectorOf = (a) => collectors[a % collectors.length];

  const cases = ["account,collector,placed_on,balance,target,dpd"];
  for (let a = 0; a < accounts; a++) {
    for (const m of months) cases.push(`A${a},${collectorOf(a)},${m}-01,${(2000 + rnd() * 18000).toFixed(2)},${(400 + rnd() * 3000).toFixed(2)},${dpdOf(a)}`);
  }
  fs.writeFileSync(path.join(dir, "cases.csv"), cases.join("\n") + "\n");

  const payments = ["payment_id,account,collector,amount,paid_on"];
  for (let i = 0; i < accounts; i++) {
    const a = Math.floor(rnd() * accounts);
    payments.push(`P${i},A${a},${collectorOf(a)},${(rnd() * 3000).toFixed(2)},${months[i % 2]}-${pad(1 + Math.floor(rnd() * 28))}`);
  }
  fs.writeFileSync(path.join(dir, "payments.csv"), payments.join("\n") + "\n");

  const fd = fs.openSync(path.join(dir, "calls.csv"), "w");
  fs.writeSync(fd, "call_id,collector,account,called_at,duration,connected,right_party,promise,dpd\n");
  let chunk = [];
  for (let i = 0; i < ROWS; i++) {
    const a = Math.floor(rnd() * accounts);
    const connected = rnd() < 0.3;
    const rpc = connected && rnd() < 0.6;
    const ptp = rpc && rnd() < 0.3;
    const sec = 8 * 3600 + Math.floor(rnd() * 36000);
    chunk.push(
      `C${i},${collectorOf(a)},A${a},${months[i % 2]}-${pad(1 + Math.floor(rnd() * 28))} ${pad(Math.floor(sec / 3600))}:${pad(Math.floor(sec / 60) % 60)}:${pad(sec % 60)},` +
        `${connected ? 5 + Math.floor(rnd() * 400) : 0},${connected},${rpc},${ptp},${dpdOf(a)}`
    );
    if (chunk.length === 100_000) {
      fs.writeSync(fd, chunk.join("\n") + "\n");
      chunk = [];
    }
  }
  if (chunk.length > 0) fs.writeSync(fd, chunk.join("\n") + "\n");
  fs.closeSync(fd);
}

/** INSERT … SELECT row_number() OVER (), … FROM read_csv(…): the file order becomes row_no. */
function load(table, file, columns) {
  const names = Object.keys(columns);
  const spec = names.map((n) => `'${n}': '${columns[n]}'`).join(", ");
  return `INSERT INTO ${table} (row_no, ${names.join(", ")}) SELECT row_number() OVER () AS row_no, ${names.join(", ")} FROM read_csv('${file.replace(/'/g, "''")}', header = true, columns = {${spec}})`;
}

async function main() {
  const { DuckDBInstance } = require("@duckdb/node-api");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "collectkpi-sql-example-"));
  try {
    const t0 = Date.now();
    writeData(dir);
    const bytes = fs.statSync(path.join(dir, "calls.csv")).size;
    const t1 = Date.now();
    // The columns these files have (the generator writes only those into the tables).
    const sql = generateSql("duckdb", {
      fields: { cases: ["balance", "target", "dpd"], payments: ["paymentId", "account"], calls: ["callId", "connected", "rightParty", "promise", "dpd"] },
    });
    const db = await DuckDBInstance.create(":memory:");
    const c = await db.connect();
    await c.run(sql);
    await c.run(load("cases", path.join(dir, "cases.csv"), { account: "VARCHAR", collector: "VARCHAR", placed_on: "DATE", balance: "DECIMAL(18,2)", target: "DECIMAL(18,2)", dpd: "DOUBLE" }));
    await c.run(load("payments", path.join(dir, "payments.csv"), { payment_id: "VARCHAR", account: "VARCHAR", collector: "VARCHAR", amount: "DECIMAL(18,2)", paid_on: "DATE" }));
    await c.run(
      load("calls", path.join(dir, "calls.csv"), {
        call_id: "VARCHAR", collector: "VARCHAR", account: "VARCHAR", called_at: "TIMESTAMP", duration: "DOUBLE", connected: "BOOLEAN", right_party: "BOOLEAN", promise: "BOOLEAN", dpd: "DOUBLE",
      })
    );
    const t2 = Date.now();
    const reader = await c.runAndReadAll(
      `SELECT collector, strftime(month, '%Y-%m') AS month, attempts, contacted, assigned, recovered, target,
              contact_coverage, ptp_rate, rpc_rate, effective_talk_ratio, recovery_achievement, recovery_achievement_grade,
              score, score_grade, score_reason
       FROM kpi WHERE month = DATE '2026-11-01' ORDER BY collector`
    );
    const rows = reader.getRowObjectsJson();
    const t3 = Date.now();
    if (flag("--json")) {
      process.stdout.write(JSON.stringify({ rows: ROWS, csvBytes: bytes, kpis: rows }) + "\n");
      return;
    }
    const pct = (v) => (v === null ? "—" : `${(Number(v) * 100).toFixed(1)}%`);
    console.log(`${ROWS.toLocaleString("en")} calls (${(bytes / 1e6).toFixed(0)} MB CSV) written in ${((t1 - t0) / 1000).toFixed(1)} s; loaded by DuckDB in ${((t2 - t1) / 1000).toFixed(1)} s; KPIs in ${((t3 - t2) / 1000).toFixed(1)} s`);
    console.log("collector  month    attempts  coverage  PTP     RPC     talk    recovery        score");
    for (const r of rows) {
      console.log(
        `${String(r.collector).padEnd(10)} ${r.month}  ${String(r.attempts).padStart(8)}  ${pct(r.contact_coverage).padStart(8)}  ${pct(r.ptp_rate).padStart(6)}  ${pct(r.rpc_rate).padStart(6)}  ${pct(r.effective_talk_ratio).padStart(6)}  ${pct(r.recovery_achievement).padStart(6)} ${String(r.recovery_achievement_grade ?? "").padEnd(9)} ${r.score === null ? `— (${r.score_reason})` : `${Number(r.score).toFixed(1)} ${r.score_grade}`}`
      );
    }
  } finally {
    if (flag("--keep")) console.error(`files kept in ${dir}`);
    else fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e && e.message ? e.message : e);
  process.exit(1);
});
