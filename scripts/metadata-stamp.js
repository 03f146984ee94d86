#!/usr/bin/env node
/* Excel caches functions.json (and its zh-CN twin) for about a day, keyed by the add-in's
 * version: a changed function list under an unchanged version leaves users on stale
 * metadata. This records which metadata the current manifest <Version> ships, so a test
 * fails when the metadata changes without a version bump.
 *
 *   node scripts/metadata-stamp.js          check (exit 1 when a bump is owed)
 *   node scripts/metadata-stamp.js --write  after bumping <Version>, record the new stamp
 */
"use strict";
const { createHash } = require("crypto");
const { existsSync, readFileSync, writeFileSync } = require("fs");
const path = require("path");

const ROOT = path.resolve(__dirname, "..");
const STAMP = path.join(ROOT, "test", "golden", "metadata-stamp.json");
const FILES = ["functions.json", "functions.zh-cn.json"];

/** The metadata's content hash, independent of whitespace and of the deployment URL. */
function metadataHash() {
  const hash = createHash("sha256");
  for (const name of FILES) {
    const file = path.join(ROOT, "dist", name);
    if (!existsSync(file)) continue;
    const text = readFileSync(file, "utf8").replace(/https:\/\/[^"]*?\/functions(\.zh-cn)?\.html/g, "HELP$1");
    hash.update(name).update(JSON.stringify(JSON.parse(text)));
  }
  return hash.digest("hex");
}

function manifestVersion() {
  const xml = readFileSync(path.join(ROOT, "manifest.xml"), "utf8");
  const m = xml.match(/<Version>([\d.]+)<\/Version>/);
  if (!m) throw new Error("manifest.xml has no <Version>");
  return m[1];
}

/** -1, 0, 1 comparing dotted versions numerically. */
function compareVersions(a, b) {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] || 0) - (pb[i] || 0);
    if (d !== 0) return Math.sign(d);
  }
  return 0;
}

/** What is owed, or undefined when the stamp matches the build. */
function check() {
  if (!existsSync(path.join(ROOT, "dist", "functions.json"))) return "dist/functions.json is missing: run `npm run build` first";
  const stamp = JSON.parse(readFileSync(STAMP, "utf8"));
  const hash = metadataHash();
  const version = manifestVersion();
  if (compareVersions(version, stamp.version) < 0) return `manifest.xml <Version> ${version} is older than the stamped ${stamp.version}`;
  if (hash === stamp.sha256) return undefined;
  if (compareVersions(version, stamp.version) === 0) {
    return `functions.json changed since version ${stamp.version} was stamped: bump <Version> in manifest.xml, then run \`npm run metadata:stamp\``;
  }
  return `manifest.xml is at ${version} but the stamp still records ${stamp.version}: run \`npm run metadata:stamp\``;
}

module.exports = { metadataHash, manifestVersion, compareVersions, check, STAMP };

if (require.main === module) {
  if (process.argv.includes("--write")) {
    const stamp = { version: manifestVersion(), sha256: metadataHash(), files: FILES };
    writeFileSync(STAMP, `${JSON.stringify(stamp, null, 2)}\n`);
    console.log(`stamped metadata ${stamp.sha256.slice(0, 12)} as version ${stamp.version}`);
  } else {
    const owed = check();
    if (owed) {
      console.error(owed);
      process.exit(1);
    }
    console.log("metadata stamp matches manifest version");
  }
}
