/*
 * Raw collection exports for tests and the bench (issue 14): a seeded PRNG, a GBK encoder,
 * and a fast call-log generator. Plain CommonJS with no dependencies, so the bench and
 * scripts/fixtures.js both require it.
 */
"use strict";

/** mulberry32: a small seeded PRNG; the same seed gives the same files on every machine. */
function prng(seed) {
  let a = seed >>> 0;
  return function next() {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let gbkTable;
/**
 * Text → GBK bytes. Node has a GB18030 decoder but no encoder, so the table is the decoder
 * run once over every two-byte sequence (lead 0x81–0xFE, trail 0x40–0xFE without 0x7F).
 */
function encodeGbk(text) {
  if (!gbkTable) {
    gbkTable = new Map();
    const decoder = new TextDecoder("gb18030");
    for (let lead = 0x81; lead <= 0xfe; lead++) {
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        if (trail === 0x7f) continue;
        const ch = decoder.decode(Uint8Array.of(lead, trail));
        if (ch.length === 1 && ch !== "\ufffd" && !gbkTable.has(ch)) gbkTable.set(ch, [lead, trail]);
      }
    }
  }
  const out = [];
  for (const ch of text) {
    const code = ch.codePointAt(0);
    if (code < 0x80) out.push(code);
    else {
      const bytes = gbkTable.get(ch);
      if (!bytes) throw new Error(`No GBK code for ${JSON.stringify(ch)}`);
      out.push(bytes[0], bytes[1]);
    }
  }
  return Buffer.from(out);
}

/** A CSV field, quoted only when it must be. */
function csvField(v) {
  const s = v === null || v === undefined ? "" : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const pad = (n, w = 2) => String(n).padStart(w, "0");

/**
 * A call log of `rows` calls as CSV text (English headers, UTF-8, LF): 8 columns, 50
 * collectors, 200,000 accounts, two months (October and November 2026), about 1 in 200
 * call ids repeated (duplicates for the import to drop). 1,000,000 rows take about a second.
 *
 * Columns: Call ID, Agent, Account, Call Time, Duration (s), Connected, RPC, PTP.
 */
function generateCallLog(rows, seed = 1) {
  const rnd = prng(seed);
  const two = Array.from({ length: 100 }, (_, i) => pad(i));
  const agents = Array.from({ length: 50 }, (_, i) => `Agent ${two[i + 1]}`);
  const parts = ["Call ID,Agent,Account,Call Time,Duration (s),Connected,RPC,PTP"];
  const flags = ["N,N,N", "Y,N,N", "Y,Y,N", "Y,Y,Y"];
  let id = 0;
  for (let i = 0; i < rows; i++) {
    const dup = rnd() < 0.005 && id > 0;
    const callId = dup ? id : ++id;
    const month = rnd() < 0.5 ? "2026-10-" : "2026-11-";
    const day = 1 + Math.floor(rnd() * 28);
    const sec = Math.floor(rnd() * 36000) + 8 * 3600;
    const connected = rnd() < 0.35;
    const rpc = connected && rnd() < 0.6;
    const ptp = rpc && rnd() < 0.3;
    const duration = connected ? 5 + Math.floor(rnd() * 400) : 0;
    const account = 1000000 + Math.floor(rnd() * 200000);
    parts.push(
      "C" + (10000000 + callId).toString().slice(1) + "," + agents[Math.floor(rnd() * 50)] + ",A" + String(account).slice(1) + "," +
        month + two[day] + " " + two[Math.floor(sec / 3600)] + ":" + two[Math.floor(sec / 60) % 60] + ":" + two[sec % 60] + "," +
        duration + "," + flags[connected ? (rpc ? (ptp ? 3 : 2) : 1) : 0]
    );
  }
  return parts.join("\n") + "\n";
}

module.exports = { prng, encodeGbk, csvField, generateCallLog };
