/**
 * What ships and what it may reach: production dependencies and their licences, install
 * scripts, telemetry from the office-addin-* tools, the Content-Security-Policy of every
 * page, and HyperFormula (GPLv3) kept out of the production bundles.
 */
import { existsSync, readFileSync, readdirSync } from "fs";
import { join } from "path";
import { DIST, ROOT, distFile } from "../../helpers/bundle";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { POLICY, OFFICE_CDN } = require("../../../scripts/webpack/csp-plugin") as { POLICY: string; OFFICE_CDN: string };

interface LockEntry {
  version?: string;
  license?: string;
  dev?: boolean;
  devOptional?: boolean;
  optional?: boolean;
  hasInstallScript?: boolean;
}
const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { dependencies?: Record<string, string>; devDependencies: Record<string, string> };
const lock = JSON.parse(readFileSync(join(ROOT, "package-lock.json"), "utf8")) as { packages: Record<string, LockEntry> };

/** Licences a production dependency may carry. */
// BlueOak-1.0.0: a permissive, OSI-approved licence (graceful-fs, under read-excel-file's Node
// entry; the task pane's XLSX chunk does not contain it).
const ALLOWED_LICENCES = /^(MIT|ISC|0BSD|BSD-2-Clause|BSD-3-Clause|Apache-2\.0|BlueOak-1\.0\.0)$/;

/** Packages npm installs for production (`npm ci --omit=dev`). */
function productionPackages(): [string, LockEntry][] {
  return Object.entries(lock.packages).filter(([path, entry]) => path !== "" && !entry.dev && !entry.devOptional);
}

/**
 * A package of the old npm format declares `licenses: [{ type }]` instead of `license`, and the
 * lock then records none (json-bignum 0.0.3, MIT, under apache-arrow under @duckdb/duckdb-wasm):
 * read the installed package's own declaration.
 */
function legacyLicence(path: string): string | undefined {
  const file = join(ROOT, path, "package.json");
  if (!existsSync(file)) return undefined;
  const json = JSON.parse(readFileSync(file, "utf8")) as { licenses?: { type?: string }[] };
  const types = (json.licenses ?? []).map((l) => l.type);
  return types.length === 1 ? types[0] : undefined;
}

describe("dependencies", () => {
  test("every production dependency has an allowed licence and no install script", () => {
    const problems = productionPackages().flatMap(([path, entry]) => {
      const out: string[] = [];
      const licence = entry.license ?? legacyLicence(path) ?? "(none declared)";
      if (!ALLOWED_LICENCES.test(licence)) out.push(`${path}: licence ${licence}`);
      if (entry.hasInstallScript) out.push(`${path}: has an install script`);
      return out;
    });
    expect(problems).toEqual([]);
  });

  test("each production dependency is justified in the README", () => {
    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    expect(readme).toMatch(/^#+ Production dependencies/m);
    for (const name of Object.keys(pkg.dependencies ?? {})) expect(readme).toContain(`\`${name}\``);
  });

  test("HyperFormula (GPLv3) and the test tools are development dependencies only", () => {
    expect(pkg.dependencies?.hyperformula).toBeUndefined();
    expect(pkg.devDependencies.hyperformula).toBeDefined();
    expect(lock.packages["node_modules/hyperformula"].dev).toBe(true);
    for (const tool of ["playwright-core", "exceljs", "fast-check", "office-addin-mock"]) {
      expect(lock.packages[`node_modules/${tool}`].dev).toBe(true);
    }
  });

  test("versions are pinned exactly, so CI installs what was tested", () => {
    const loose = Object.entries({ ...pkg.dependencies, ...pkg.devDependencies }).filter(([name, range]) => !/^\d/.test(range) && name !== "@types/node");
    expect(loose).toEqual([]);
  });
});

describe("telemetry", () => {
  /** Every installed copy of office-addin-usage-data (the office-addin-* tools' telemetry). */
  const copies = Object.keys(lock.packages).filter((p) => p.endsWith("node_modules/office-addin-usage-data"));

  test("every copy of office-addin-usage-data installed here is inert", () => {
    expect(copies.length).toBeGreaterThan(0);
    for (const copy of copies) {
      const dir = join(ROOT, copy);
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const usage = require(join(dir, "lib", "usageData.js"));
      const instance = new usage.OfficeAddinUsageData({ projectName: "collectkpi", instrumentationKey: "x", raisePrompt: false });
      expect(instance.getUsageDataLevel()).toBe("off");
      const source = readFileSync(join(dir, "lib", "usageData.js"), "utf8");
      // No transport to send anything with: no Application Insights client, no HTTP.
      expect(source).not.toMatch(/require\(["'](applicationinsights|https?|node-fetch)["']\)/);
    }
    expect(existsSync(join(ROOT, "node_modules", "applicationinsights"))).toBe(false);
  });

  test("nothing the add-in serves mentions a telemetry endpoint", () => {
    for (const name of readdirSync(DIST).filter((n) => /\.(js|html|json)$/.test(n))) {
      expect(`${name}: ${readFileSync(join(DIST, name), "utf8")}`).not.toMatch(/applicationinsights|usage-data|visualstudio\.com|\.monitor\.azure\.com/i);
    }
  });
});

describe("Content-Security-Policy", () => {
  const pages = readdirSync(DIST).filter((n) => n.endsWith(".html"));

  test("the policy allows only the add-in's own origin and office.js from Microsoft's CDN", () => {
    const origins = POLICY.match(/https?:\/\/[^\s;']+/g) ?? [];
    expect([...new Set(origins)]).toEqual([OFFICE_CDN]);
    expect(POLICY).toMatch(/default-src 'self'/);
    expect(POLICY).toMatch(/connect-src 'self'(;|$)/);
    expect(POLICY).toMatch(/object-src 'none'/);
    expect(POLICY).not.toMatch(/unsafe-eval/);
    expect(POLICY).not.toMatch(/script-src[^;]*unsafe-inline/);
  });

  test("workers (DuckDB-Wasm's) come from the add-in's own origin only; the page compiles no WebAssembly", () => {
    expect(POLICY).toMatch(/worker-src 'self'(;|$)/);
    expect(POLICY).not.toMatch(/blob:/);
    expect(POLICY).not.toMatch(/wasm-unsafe-eval/);
  });

  test.each(pages.length ? pages : ["(no page built)"])("%s carries the policy and loads nothing else from outside", (page) => {
    const html = distFile(page);
    const metas = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]*)">/g) ?? [];
    expect(metas).toEqual([`<meta http-equiv="Content-Security-Policy" content="${POLICY}">`]);
    // The policy must come before anything it governs.
    expect(html.indexOf("Content-Security-Policy")).toBeLessThan(html.search(/<script|<link/i) === -1 ? Infinity : html.search(/<script|<link/i));
    const external = [...html.matchAll(/\b(?:src|href)=["']?(https?:\/\/[^"'\s>]+)/gi)].map((m) => m[1]);
    for (const url of external) expect(url.startsWith(`${OFFICE_CDN}/`)).toBe(true);
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>\s*\S/i); // no inline script: the policy would block it
  });
});

describe("production bundles", () => {
  test.each(["functions.js", "taskpane.js"])("%s carries no HyperFormula code", (name) => {
    const code = distFile(name);
    expect(code).not.toMatch(/HyperFormula|gpl-v3|handsontable/i);
  });
});
