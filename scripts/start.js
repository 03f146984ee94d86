#!/usr/bin/env node
/* `npm start`: run the add-in where it can run.
 *
 *   Windows, macOS  build, then sideload into Excel with office-addin-debugging
 *                   (extra arguments pass through: `npm start -- web --document <url>`)
 *   elsewhere       Excel desktop does not exist: run the `preview` script if there is one,
 *                   else build and serve dist/ with the webpack dev server.
 */
"use strict";
const { spawnSync } = require("child_process");
const path = require("path");

const root = path.resolve(__dirname, "..");
const pkg = require(path.join(root, "package.json"));
const args = process.argv.slice(2);
const port = (pkg.config && pkg.config.dev_server_port) || 3000;

/** Runs a command to completion in the project root; exits with its status if it fails. */
function run(command, commandArgs) {
  const result = spawnSync(command, commandArgs, { cwd: root, stdio: "inherit" });
  if (result.error) throw result.error;
  if (result.status !== 0) process.exit(result.status === null ? 1 : result.status);
}

/** `npm run <script> [-- args]`, through the npm that started us when known (no shell needed on Windows). */
function npmRun(script, scriptArgs = []) {
  const tail = scriptArgs.length ? ["--", ...scriptArgs] : [];
  if (process.env.npm_execpath) {
    run(process.execPath, [process.env.npm_execpath, "run", script, ...tail]);
  } else {
    run(process.platform === "win32" ? "npm.cmd" : "npm", ["run", script, ...tail]);
  }
}

if (process.platform === "win32" || process.platform === "darwin") {
  npmRun("build:dev");
  const debugging = require.resolve("office-addin-debugging/cli.js", { paths: [root] });
  run(process.execPath, [debugging, "start", "manifest.xml", ...args]);
} else if (pkg.scripts && pkg.scripts.preview) {
  npmRun("preview", args);
} else {
  npmRun("build:dev");
  console.log(
    `\nExcel desktop is not available on ${process.platform}. Serving the add-in at ` +
      `https://localhost:${port}/taskpane.html (http:// when no dev certificate can be made).\n`
  );
  npmRun("dev-server", args);
}
