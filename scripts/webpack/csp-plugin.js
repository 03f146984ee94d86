/* Puts one Content-Security-Policy <meta> into every HTML page the build emits, so no
 * page of the add-in (task pane, preview, function reference) can load or send anything
 * except to its own origin, and office.js from Microsoft's CDN. Workbook data never
 * leaves the machine through the add-in.
 */
"use strict";

const OFFICE_CDN = "https://appsforoffice.microsoft.com";

/** The policy, as one string; exported so the tests check pages against the same text. */
const POLICY = [
  "default-src 'self'",
  `script-src 'self' ${OFFICE_CDN}`,
  // Inline style attributes are set from code for column widths; no inline script is allowed.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  // DuckDB-Wasm (issue 17, src/taskpane/bigdata/engine.ts): its Web Worker is a script file of
  // our own origin (dist/duckdb/*.worker.js). Without worker-src a worker falls back to script-src,
  // which also allows Office's CDN; 'self' alone is narrower. No blob: (duckdb-wasm makes a blob
  // worker only for a cross-origin worker URL, and ours is same-origin), and no 'wasm-unsafe-eval':
  // the WebAssembly is compiled inside that worker, whose policy is the one its own HTTP response
  // carries (a page's <meta> policy does not reach a worker loaded from a URL), so the page itself
  // never compiles WebAssembly. Checked in headless Chromium (test/e2e/bigdata.e2e.test.ts).
  "worker-src 'self'",
  "frame-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join("; ");

const META = `<meta http-equiv="Content-Security-Policy" content="${POLICY}">`;

class ContentSecurityPolicyPlugin {
  apply(compiler) {
    const { Compilation, sources } = compiler.webpack;
    compiler.hooks.thisCompilation.tap("ContentSecurityPolicyPlugin", (compilation) => {
      compilation.hooks.processAssets.tap(
        // After HtmlWebpackPlugin and any page generator have emitted their HTML.
        { name: "ContentSecurityPolicyPlugin", stage: Compilation.PROCESS_ASSETS_STAGE_OPTIMIZE_INLINE },
        (assets) => {
          for (const name of Object.keys(assets).filter((n) => n.endsWith(".html"))) {
            const html = assets[name].source().toString();
            if (/http-equiv=["']Content-Security-Policy["']/i.test(html)) {
              compilation.errors.push(new Error(`${name} sets its own Content-Security-Policy; remove it, the build adds the one policy.`));
              continue;
            }
            if (!/<head[^>]*>/i.test(html)) {
              compilation.errors.push(new Error(`${name} has no <head>, so no Content-Security-Policy can be added.`));
              continue;
            }
            const withPolicy = html.replace(/<head([^>]*)>/i, (head) => `${head}\n    ${META}`);
            compilation.updateAsset(name, new sources.RawSource(withPolicy));
          }
        }
      );
    });
  }
}

module.exports = { ContentSecurityPolicyPlugin, POLICY, OFFICE_CDN };
