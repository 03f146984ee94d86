#!/usr/bin/env node
/*
 * Writes the raw-export fixtures of the Data import (issue 14) into test/fixtures/raw/:
 * a case list, a payment file and a call log, each once with Chinese headers in GBK and once
 * with English headers in UTF-8 (calls.en.csv with a BOM, payments.en.csv with CRLF as Excel
 * writes it), the same records in both; payments.en.xlsx; and one file per bad input.
 *
 *   node scripts/fixtures.js
 *
 * Zhang Wei's rows are written out below so the tests can add them up by hand; Li Na's and
 * Wang Fang's come from a seeded PRNG (same output on every run). Each file has duplicates
 * and blank rows. test/unit/data reads these files; rerun this after changing it.
 */
"use strict";
const fs = require("fs");
const path = require("path");
const { prng, encodeGbk, csvField } = require("./rawdata");

const OUT = path.join(__dirname, "..", "test", "fixtures", "raw");
const rnd = prng(20261130);
const pick = (list) => list[Math.floor(rnd() * list.length)];
const int = (lo, hi) => lo + Math.floor(rnd() * (hi - lo + 1));

const NAMES = { zh: ["张伟", "李娜", "王芳"], en: ["Zhang Wei", "Li Na", "Wang Fang"] };
const AGENCIES = { zh: ["华信", "正源"], en: ["Huaxin", "Zhengyuan"] };
const PRODUCTS = { zh: ["信用卡", "消费贷"], en: ["Credit card", "Consumer loan"] };
const bucketOf = (dpd) => (dpd <= 30 ? "M1" : dpd <= 60 ? "M2" : dpd <= 90 ? "M3" : dpd <= 120 ? "M4" : dpd <= 150 ? "M5" : "M6+");

// ---- the records (language-neutral; c = collector index, dates as [y, m, d]) ----------------

// Zhang Wei (c = 0), by hand: three October placements and one in September; A1001 twice.
const cases = [
  { account: "A1001", c: 0, placedOn: [2026, 10, 1], balance: 1000000, target: 200000, dpd: 15, agency: 0, product: 0 },
  { account: "A1002", c: 0, placedOn: [2026, 10, 1], balance: 2500050, target: 500000, dpd: 45, agency: 0, product: 1 },
  { account: "A1003", c: 0, placedOn: [2026, 10, 2], balance: 800000, target: 160000, dpd: 120, agency: 1, product: 0 },
  { account: "A1001", c: 0, placedOn: [2026, 10, 1], balance: 1000000, target: 200000, dpd: 15, agency: 0, product: 0 }, // duplicate
  { account: "A1004", c: 0, placedOn: [2026, 9, 1], balance: 1200000, target: 240000, dpd: 20, agency: 0, product: 0 },
];
const accountsOf = { 0: { 9: ["A1004"], 10: ["A1001", "A1002", "A1003"] }, 1: { 9: [], 10: [] }, 2: { 9: [], 10: [] } };
let nextAccount = 2001;
for (const c of [1, 2]) {
  for (const month of [9, 10]) {
    for (let k = 0; k < 4; k++) {
      const account = `A${nextAccount++}`;
      const balance = int(100000, 5000000);
      cases.push({ account, c, placedOn: [2026, month, int(1, 5)], balance, target: Math.round(balance / 5), dpd: int(1, 180), agency: int(0, 1), product: int(0, 1) });
      accountsOf[c][month].push(account);
    }
  }
}
cases.push({ ...cases[cases.length - 2] }); // Wang Fang's October case exported twice

// Zhang Wei's payments, by hand: October 1,200.00 + 3,450.50 + 800 (P0003 twice); September 2,000.00 + 150.25.
const payments = [
  { id: "P0001", account: "A1001", c: 0, amount: 120000, paidOn: [2026, 10, 3] },
  { id: "P0002", account: "A1002", c: 0, amount: 345050, paidOn: [2026, 10, 15] },
  { id: "P0003", account: "A1003", c: 0, amount: 80000, paidOn: [2026, 10, 28] },
  { id: "P0003", account: "A1003", c: 0, amount: 80000, paidOn: [2026, 10, 28] }, // duplicate
  { id: "P0004", account: "A1004", c: 0, amount: 200000, paidOn: [2026, 9, 12] },
  { id: "P0005", account: "A1004", c: 0, amount: 15025, paidOn: [2026, 9, 30], time: "23:59:00" },
];
let nextPayment = 101;
for (const c of [1, 2]) {
  for (const month of [9, 10]) {
    for (let k = 0; k < 5; k++) {
      payments.push({ id: `P0${nextPayment++}`, account: pick(accountsOf[c][month]), c, amount: int(10000, 500000), paidOn: [2026, month, int(1, 30)] });
    }
  }
}
payments.push({ id: `P0${nextPayment++}`, account: accountsOf[1][10][0], c: 1, amount: -20000, paidOn: [2026, 10, 20] }); // a refund
payments.push({ ...payments[8] }); // one of Li Na's exported twice

// Zhang Wei's calls, by hand (dpd of A1001 15, A1002 45, A1003 120, A1004 20); C0002 twice.
const calls = [
  { id: "C0001", c: 0, account: "A1001", at: [2026, 10, 2, "09:15:00"], seconds: 0, connected: false, rpc: false, ptp: false, dpd: 15 },
  { id: "C0002", c: 0, account: "A1001", at: [2026, 10, 2, "14:30:00"], seconds: 125, connected: true, rpc: true, ptp: true, dpd: 15 },
  { id: "C0003", c: 0, account: "A1002", at: [2026, 10, 5, "10:00:00"], seconds: 60, connected: true, rpc: false, ptp: false, dpd: 45 },
  { id: "C0004", c: 0, account: "A1001", at: [2026, 10, 8, "11:00:00"], seconds: 200, connected: true, rpc: true, ptp: false, dpd: 15 },
  { id: "C0005", c: 0, account: "A1003", at: [2026, 10, 9, "16:45:00"], seconds: 0, connected: false, rpc: false, ptp: false, dpd: 120 },
  { id: "C0002", c: 0, account: "A1001", at: [2026, 10, 2, "14:30:00"], seconds: 125, connected: true, rpc: true, ptp: true, dpd: 15 }, // duplicate
  { id: "C0006", c: 0, account: "A1003", at: [2026, 10, 20, "09:00:00"], seconds: 95, connected: true, rpc: true, ptp: true, dpd: 120 },
  { id: "C0007", c: 0, account: "A1004", at: [2026, 9, 28, "10:00:00"], seconds: 300, connected: true, rpc: true, ptp: false, dpd: 20 },
];
let nextCall = 101;
const dpdOf = new Map(cases.map((k) => [k.account, k.dpd]));
for (const c of [1, 2]) {
  for (const month of [9, 10]) {
    for (let k = 0; k < 8; k++) {
      const account = pick(accountsOf[c][month]);
      const connected = rnd() < 0.5;
      const rpc = connected && rnd() < 0.6;
      const at = [2026, month, int(1, 30), `${String(int(8, 19)).padStart(2, "0")}:${String(int(0, 59)).padStart(2, "0")}:00`];
      calls.push({ id: `C0${nextCall++}`, c, account, at, seconds: connected ? int(10, 600) : 0, connected, rpc, ptp: rpc && rnd() < 0.4, dpd: dpdOf.get(account) });
    }
  }
}
calls.push({ ...calls[12] }); // one of Li Na's calls logged twice

// ---- formats ----------------------------------------------------------------------------

const p2 = (n) => String(n).padStart(2, "0");
const iso = ([y, m, d]) => `${y}-${p2(m)}-${p2(d)}`;
const money = (cents, grouping) => {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  const whole = String(Math.floor(abs / 100));
  return `${sign}${grouping ? whole.replace(/\B(?=(\d{3})+$)/g, ",") : whole}.${p2(abs % 100)}`;
};
const mmss = (s) => `${p2(Math.floor(s / 60))}:${p2(s % 60)}`;
const yn = (b, lang) => (lang === "zh" ? (b ? "是" : "否") : b ? "Y" : "N");

function csv(header, rows, newline = "\n") {
  return [header, ...rows].map((r) => r.map(csvField).join(",")).join(newline) + newline;
}
/** Blank lines and a row of empty cells, as exports and hand edits leave them. */
function withBlanks(rows, width) {
  const out = [...rows];
  out.splice(3, 0, []);
  out.splice(8, 0, Array(width).fill(""));
  return out;
}

function casesCsv(lang) {
  const zh = lang === "zh";
  const header = zh ? ["案件编号", "催收员", "分案日期", "委案金额", "目标回款", "逾期天数", "账龄", "委外机构", "产品"] : ["Case ID", "Collector", "Placement Date", "Balance", "Target", "DPD", "Bucket", "Agency", "Product"];
  const rows = cases.map((k, i) => [
    k.account,
    NAMES[lang][k.c],
    zh ? `${k.placedOn[0]}/${k.placedOn[1]}/${k.placedOn[2]}` : iso(k.placedOn),
    zh ? (i % 2 ? `￥${money(k.balance, true)}` : money(k.balance, false)) : money(k.balance, false),
    money(k.target, zh),
    k.dpd,
    zh ? `${bucketOf(k.dpd)}阶段` : bucketOf(k.dpd),
    AGENCIES[lang][k.agency],
    PRODUCTS[lang][k.product],
  ]);
  return csv(header, withBlanks(rows, header.length));
}

function paymentsCsv(lang) {
  const zh = lang === "zh";
  const header = zh ? ["回款流水号", "案件编号", "催收员", "回款金额", "还款日期"] : ["Payment ID", "Account", "Agent", "Payment Amount", "Payment Date"];
  const rows = payments.map((p, i) => [
    p.id,
    p.account,
    NAMES[lang][p.c],
    zh ? (i % 3 === 0 ? `${money(p.amount, false)}元` : i % 3 === 1 ? `￥${money(p.amount, true)}` : money(p.amount, true)) : money(p.amount, true),
    (zh ? `${p.paidOn[0]}年${p.paidOn[1]}月${p.paidOn[2]}日` : iso(p.paidOn)) + (p.time ? ` ${p.time}` : ""),
  ]);
  return csv(header, withBlanks(rows, header.length), zh ? "\n" : "\r\n");
}

function callsCsv(lang) {
  const zh = lang === "zh";
  const header = zh
    ? ["通话编号", "催收员", "案件编号", "通话开始时间", "通话时长", "是否接通", "是否本人", "承诺还款", "逾期天数"]
    : ["Call ID", "Agent", "Account", "Call Time", "Duration (s)", "Connected", "RPC", "PTP", "DPD"];
  const rows = calls.map((k) => [k.id, NAMES[lang][k.c], k.account, `${iso(k.at)} ${k.at[3]}`, zh ? mmss(k.seconds) : k.seconds, yn(k.connected, lang), yn(k.rpc, lang), yn(k.ptp, lang), k.dpd]);
  return csv(header, withBlanks(rows, header.length));
}

async function paymentsXlsx(file) {
  const ExcelJS = require("exceljs");
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Payments");
  ws.addRow(["Payment ID", "Account", "Agent", "Payment Amount", "Payment Date"]);
  for (const p of payments) {
    const [y, m, d] = p.paidOn;
    const [hh, mm, ss] = (p.time ?? "00:00:00").split(":").map(Number);
    ws.addRow([p.id, p.account, NAMES.en[p.c], p.amount / 100, new Date(Date.UTC(y, m - 1, d, hh, mm, ss))]);
  }
  ws.getColumn(5).numFmt = "yyyy-mm-dd";
  ws.getColumn(4).numFmt = "#,##0.00";
  // exceljs stamps the current time into docProps and into each zip entry; fix both so a
  // rerun gives the same bytes (JSZip is exceljs's own zip library).
  const fixed = new Date(Date.UTC(2026, 10, 30));
  wb.created = wb.modified = fixed;
  const JSZip = require(require.resolve("jszip", { paths: [path.dirname(require.resolve("exceljs"))] }));
  const zip = await JSZip.loadAsync(await wb.xlsx.writeBuffer());
  const out = new JSZip();
  for (const name of Object.keys(zip.files).sort()) {
    if (!zip.files[name].dir) out.file(name, await zip.files[name].async("uint8array"), { date: fixed, createFolders: false });
  }
  fs.writeFileSync(file, await out.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
}

// The bad inputs: each has one kind of problem at a known line.
const BAD = {
  "bad-amount.csv": "Payment ID,Agent,Amount,Payment Date\nP1,Zhang Wei,100.00,2026-10-01\nP2,Zhang Wei,250.50,2026-10-02\nP3,Li Na,12O0.00,2026-10-03\n",
  "bad-date.csv": "Payment ID,Agent,Amount,Payment Date\nP1,Zhang Wei,100.00,2026-10-01\nP2,Zhang Wei,250.50,2026-13-01\n\nP3,Li Na,80.00,10/03/2026\n",
  "ragged.csv": "Payment ID,Agent,Amount,Payment Date\nP1,Zhang Wei,100.00,2026-10-01\nP2,Zhang Wei,250.50,2026-10-02\n\nP3,Li Na,80.00,2026-10-03,extra\n",
  "quoted-newline.csv": 'Payment ID,Agent,Amount,Payment Date\nP1,Zhang Wei,100.00,2026-10-01\nP2,"Li\nNa",250.50,2026-10-02\nP3,Li Na,80.00,2026-10-03\n',
};

async function main() {
  fs.mkdirSync(OUT, { recursive: true });
  const write = (name, data) => fs.writeFileSync(path.join(OUT, name), data);
  write("cases.zh.gbk.csv", encodeGbk(casesCsv("zh")));
  write("payments.zh.gbk.csv", encodeGbk(paymentsCsv("zh")));
  write("calls.zh.gbk.csv", encodeGbk(callsCsv("zh")));
  write("cases.en.csv", casesCsv("en"));
  write("payments.en.csv", paymentsCsv("en"));
  write("calls.en.csv", "\ufeff" + callsCsv("en"));
  for (const [name, text] of Object.entries(BAD)) write(name, text);
  // Excel's "Unicode text": UTF-16LE with its BOM.
  write("utf16.csv", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("Payment ID,Agent\nP1,Zhang Wei\n", "utf16le")]));
  write("empty.csv", "");
  // Neither UTF-8 nor GBK text: bytes with NULs and control codes, as a binary file has.
  write("binary.csv", Buffer.from(Array.from({ length: 256 }, (_, i) => (i * 37 + 11) % 256)));
  await paymentsXlsx(path.join(OUT, "payments.en.xlsx"));
  console.log(`wrote ${fs.readdirSync(OUT).length} files to ${path.relative(process.cwd(), OUT)}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
