#!/usr/bin/env node
/* Screenshots of CollectKPI in Chinese, for checking by eye (truncation, wrong characters):
 * the task pane in the browser preview, templates inserted with sample data, the Benchmarks
 * sheet, and the function reference pages. Writes docs/screenshots/zh-*.png (and
 * reference-en.png). Needs a production build with the preview (`npm run build`) and a
 * Chromium; CHROMIUM overrides /usr/bin/chromium.
 *
 *   node scripts/screenshots-zh.js
 */
"use strict";
const path = require("path");
const { chromium } = require("playwright-core");
const { serve } = require("./preview-server");

const ROOT = path.resolve(__dirname, "..");
const DIST = path.join(ROOT, "dist");
const OUT = path.join(ROOT, "docs", "screenshots");
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"];

async function preview(browser, url) {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: "zh-CN" });
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(`${url}preview.html?lang=zh`);
  const pane = page.frameLocator("iframe");
  await pane.locator(".ck-card").first().waitFor({ timeout: 30000 });
  await page.screenshot({ path: path.join(OUT, "zh-taskpane.png") });

  const grid = page.locator(".pv-gridwrap");
  /** Inserts the card whose title contains `title`, with sample data; one screenshot per horizontal position. */
  async function insert(title, shots) {
    const card = pane.locator(".ck-card").filter({ has: pane.locator(".ck-card__title", { hasText: title }) });
    await card.locator("input[type=checkbox]").check();
    await card.locator(".ck-card__actions button").click();
    await page.waitForTimeout(2500);
    for (const [name, scrollLeft] of shots) {
      await grid.evaluate((e, left) => (e.scrollLeft = left), scrollLeft);
      await page.waitForTimeout(300);
      await page.screenshot({ path: path.join(OUT, name) });
    }
    await grid.evaluate((e) => (e.scrollLeft = 0));
  }
  await insert("综合考核", [
    ["zh-template-scorecard.png", 0],
    ["zh-template-scorecard-grades.png", 100000],
  ]);
  await insert("迁徙率", [["zh-template-rollrate.png", 0]]);

  await page.locator(".pv-tabs .pv-tab", { hasText: /^基准$/ }).click();
  await page.waitForTimeout(800);
  await page.screenshot({ path: path.join(OUT, "zh-template-benchmarks.png") });

  await pane.locator(".ck-tab").nth(1).click();
  await pane.locator(".ck-fn").first().click();
  await page.waitForTimeout(400);
  await page.screenshot({ path: path.join(OUT, "zh-taskpane-functions.png") });
  await page.close();
  return errors;
}

async function reference(browser, url) {
  for (const [file, name] of [
    ["functions.zh-cn.html", "zh-reference.png"],
    ["functions.zh-cn.html#COMPLIANCE", "zh-reference-compliance.png"],
    ["functions.html", "reference-en.png"],
  ]) {
    const page = await browser.newPage({ viewport: { width: 1100, height: 1400 } });
    await page.goto(`${url}${file}`);
    await page.screenshot({ path: path.join(OUT, name) });
    await page.close();
  }
}

async function main() {
  const server = await serve({ root: DIST, port: 0 });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium", args: ARGS });
  try {
    const errors = await preview(browser, server.url);
    await reference(browser, server.url);
    if (errors.length > 0) console.error(`page errors:\n${errors.join("\n")}`);
    console.log(`screenshots in ${path.relative(ROOT, OUT)}/`);
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
