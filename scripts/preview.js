#!/usr/bin/env node
/* `npm run preview`: CollectKPI without Excel, on any machine (and `npm start` where Excel
 * desktop does not exist). Builds the add-in, then serves dist/ and prints the preview's URL:
 * the real task pane beside a workbook whose formula engine runs the COLLECT functions.
 *
 *   npm run preview                      build (development) and serve http://localhost:3000/preview.html
 *   npm run preview -- --port 8080       another port (default config.dev_server_port; the next free one if taken)
 *   npm run preview -- --watch           rebuild on every source change (reload the page to see it)
 *   npm run preview -- --no-build        serve dist/ as it is
 *   npm run preview -- --host 0.0.0.0    listen on every interface (default localhost only)
 *
 * Plain http, no certificate: the preview runs no Office code, and nothing leaves the machine.
 */
"use strict";
const { spawn, spawnSync } = require("child_process");
const fs = require("fs");
const path = require("path");
const { serve } = require("./preview-server");

const root = path.resolve(__dirname, "..");
const dist = path.join(root, "dist");
const pkg = require(path.join(root, "package.json"));

function parseArgs(argv) {
  const options = { port: Number((pkg.config && pkg.config.dev_server_port) || 3000), host: "localhost", build: true, watch: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const next = argv[++i];
      if (next === undefined) throw new Error(`${arg} needs a value`);
      return next;
    };
    if (arg === "--port" || arg === "-p") options.port = Number(value());
    else if (arg.startsWith("--port=")) options.port = Number(arg.slice(7));
    else if (arg === "--host") options.host = value();
    else if (arg.startsWith("--host=")) options.host = arg.slice(7);
    else if (arg === "--watch" || arg === "-w") options.watch = true;
    else if (arg === "--no-build") options.build = false;
    else if (arg === "--help" || arg === "-h") options.help = true;
    else throw new Error(`unknown option ${arg} (try --help)`);
  }
  if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535) throw new Error("--port must be 0–65535");
  return options;
}

const webpackCli = () => require.resolve("webpack-cli/bin/cli.js", { paths: [root] });

/** Tries `port`, then the next ports, when one is taken. */
async function listen(options) {
  for (let attempt = 0; attempt < 20; attempt++) {
    const port = options.port === 0 ? 0 : options.port + attempt;
    try {
      return await serve({ root: dist, port, host: options.host });
    } catch (error) {
      if (error && error.code === "EADDRINUSE" && options.port !== 0) continue;
      throw error;
    }
  }
  throw new Error(`ports ${options.port}–${options.port + 19} are all taken; pass --port`);
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  if (options.help) {
    const header = fs.readFileSync(__filename, "utf8").split("\n").slice(1, 13);
    console.log(header.map((line) => line.replace(/^(\/\*| \*\/?) ?/, "")).join("\n"));
    return;
  }
  let watcher;
  if (options.watch) {
    watcher = spawn(process.execPath, [webpackCli(), "--mode", "development", "--watch"], { cwd: root, stdio: "inherit" });
    // The first build writes dist/; serve once it is there.
    const deadline = Date.now() + 120_000;
    while (!fs.existsSync(path.join(dist, "preview.html")) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
  } else if (options.build) {
    const result = spawnSync(process.execPath, [webpackCli(), "--mode", "development"], { cwd: root, stdio: "inherit" });
    if (result.status !== 0) process.exit(result.status === null ? 1 : result.status);
  }
  if (!fs.existsSync(path.join(dist, "preview.html"))) {
    console.error("dist/preview.html is missing: run without --no-build.");
    process.exit(1);
  }

  const server = await listen(options);
  const shownHost = options.host === "0.0.0.0" || options.host === "::" ? "localhost" : options.host;
  const url = `http://${shownHost.includes(":") ? `[${shownHost}]` : shownHost}:${server.port}/preview.html`;
  console.log(
    `\n  CollectKPI preview, no Excel needed:  ${url}\n` +
      `  (中文界面: ${url}?lang=zh)\n\n` +
      "  Served over plain http from dist/: the preview runs no Office code, so it needs no certificate,\n" +
      "  and it loads nothing from outside this server.\n" +
      (options.watch ? "  Rebuilding on every change; reload the page to see it.\n" : "") +
      "  Press Ctrl+C to stop.\n"
  );

  const stop = () => {
    if (watcher) watcher.kill();
    server.close().then(() => process.exit(0));
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((error) => {
  console.error(`[collectkpi] ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
