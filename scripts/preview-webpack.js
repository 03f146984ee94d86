/* The browser preview's part of the build (webpack.config.js spreads these in):
 *
 *   preview.html       the workbook view (preview.js) beside the task pane's frame; the formula
 *                      engine (HyperFormula, GPLv3, a dev dependency) is an async chunk of
 *                      preview.js only, never part of functions.js or taskpane.js
 *   preview-pane.html  taskpane.html without office.js: the Office shim, then the real taskpane.js
 *   preview.css        the preview's stylesheet
 */
"use strict";
const fs = require("fs");
const path = require("path");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");

const root = path.resolve(__dirname, "..");
const TASKPANE_HTML = path.join(root, "src/taskpane/taskpane.html");

const entries = {
  preview: "./src/preview/preview.ts",
  "preview-office": "./src/preview/officeShim.ts",
};

/** taskpane.html with the office.js <script> (and its comment) removed: the preview loads nothing from outside. */
function paneHtml() {
  const html = fs.readFileSync(TASKPANE_HTML, "utf8");
  const withoutOffice = html
    .replace(/[ \t]*<!--[^>]*?office\.js[\s\S]*?-->\s*\n?/gi, "")
    .replace(/[ \t]*<script\b[^>]*\bsrc=["'][^"']*office(?:\.debug)?\.js["'][^>]*>\s*<\/script>\s*\n?/gi, "");
  if (/office(\.debug)?\.js/i.test(withoutOffice.replace(/<!--[\s\S]*?-->/g, ""))) {
    throw new Error("preview-pane.html: could not remove the office.js script from src/taskpane/taskpane.html");
  }
  return withoutOffice.replace(/<title>([^<]*)<\/title>/i, "<title>$1 (preview)</title>");
}

function plugins() {
  return [
    new HtmlWebpackPlugin({
      filename: "preview.html",
      template: "./src/preview/preview.html",
      chunks: ["preview"],
    }),
    new HtmlWebpackPlugin({
      filename: "preview-pane.html",
      templateContent: () => paneHtml(),
      // The shim must define Office and Excel before the task pane starts.
      chunks: ["preview-office", "taskpane"],
      chunksSortMode: "manual",
    }),
    new CopyWebpackPlugin({ patterns: [{ from: "src/preview/preview.css", to: "preview.css" }] }),
  ];
}

/**
 * webpack's size hint, minus the preview's engine chunk: HyperFormula is ~800 KiB on purpose,
 * fetched only by the preview after its page shows. Every other asset keeps the default check.
 */
function performanceAssetFilter(name) {
  return !/\.map$/.test(name) && !/^preview-engine\.js$/.test(name);
}

module.exports = { entries, plugins, paneHtml, performanceAssetFilter };
