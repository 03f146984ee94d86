#!/usr/bin/env node
/*
 * `npm run bench`: the performance bench of issue 7 (a script, never part of `npm test`).
 *
 *   npm run bench                      table on stdout
 *   npm run --silent bench -- --json   one JSON object on stdout (the table goes to stderr)
 *
 * Options: --no-peer (skip the HyperFormula peer: its 1,048,576-row workbook takes ~30 s and
 * ~2.5 GB), --dist DIR (measure an existing production build instead of building one),
 * --runs N (timed runs per measurement, default 9; medians are reported), --only 1,7 (some
 * items). Item 7 (issue 16) drives the built preview in headless Chromium (CHROMIUM_PATH or
 * /usr/bin/chromium, never a download): a 100,000 × 10 sheet against a 20 × 10 one.
 *
 * The bench measures the shipped bundle: it builds dist/functions.js with webpack in
 * production mode (into a temporary directory, so a build someone else is using is left
 * alone), loads it with a fake CustomFunctions, and calls the functions Excel would call.
 * The bench sources are TypeScript (bench/*.ts); they are transpiled on require, with
 * the project's own TypeScript, so no extra package is needed.
 */
"use strict";
const { spawnSync } = require("child_process");

// --expose-gc for the heap measures; a large old space for the HyperFormula peer workbook.
const NODE_FLAGS = ["--expose-gc", "--max-old-space-size=6144"];

if (typeof global.gc !== "function") {
  const child = spawnSync(process.execPath, [...NODE_FLAGS, __filename, ...process.argv.slice(2)], { stdio: "inherit" });
  process.exit(child.status === null ? 1 : child.status);
}

require("../bench/register");
require("../bench/main").main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    console.error(error && error.stack ? error.stack : error);
    process.exit(1);
  }
);
