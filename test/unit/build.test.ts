/**
 * The production build in dist/ (`npm test` runs `npm run build` first).
 *
 * functions.js must be a self-contained classic script that Excel can load in its
 * custom-functions context, where only `CustomFunctions` is certain to exist: loading it
 * registers every function in functions.json and touches neither the DOM nor Office.
 */
import { existsSync, readdirSync, readFileSync } from "fs";
import { join } from "path";
import * as vm from "vm";
import { DIST, ROOT, distFile, loadFunctionsScript } from "../helpers/bundle";

describe("dist/ (production build)", () => {
  test("has the add-in's files", () => {
    for (const name of ["functions.js", "functions.json", "taskpane.html", "taskpane.js", "manifest.xml"]) {
      expect(existsSync(join(DIST, name))).toBe(true);
    }
    const assets = readdirSync(join(DIST, "assets"));
    for (const size of [16, 32, 64, 80]) expect(assets).toContain(`icon-${size}.png`);
  });

  test("manifest.xml is the source manifest, with PROD_URL applied when given", () => {
    const source = readFileSync(join(ROOT, "manifest.xml"), "utf8");
    const built = distFile("manifest.xml");
    const prodUrl = (process.env.PROD_URL ?? "").trim();
    const expected = prodUrl ? source.split("https://localhost:3000/").join(prodUrl.endsWith("/") ? prodUrl : `${prodUrl}/`) : source;
    expect(built).toBe(expected);
  });

  test("taskpane.html loads office.js, then functions.js (shared runtime), then taskpane.js", () => {
    const html = distFile("taskpane.html");
    const scripts = [...html.matchAll(/<script\b[^>]*?\bsrc=["']?([^"'\s>]+)/gi)].map((m) => m[1]);
    expect(scripts).toEqual(["https://appsforoffice.microsoft.com/lib/1/hosted/office.js", "functions.js", "taskpane.js"]);
    expect(html).toMatch(/<title>CollectKPI<\/title>/);
  });

  describe("functions.js and functions.json", () => {
    const metadata = JSON.parse(distFile("functions.json")) as { functions: { id: string; name: string }[] };
    const ids = metadata.functions.map((f) => f.id);
    const code = distFile("functions.js");

    test("functions.json lists functions with unique ids", () => {
      expect(ids.length).toBeGreaterThan(0);
      expect(new Set(ids).size).toBe(ids.length);
      for (const f of metadata.functions) expect(f.name).toMatch(/^[A-Z][A-Z0-9_.]*$/);
    });

    test("functions.js is one classic script: no module syntax, no chunk loading", () => {
      expect(() => new vm.Script(code)).not.toThrow();
      expect(code).not.toMatch(/webpackChunk|importScripts|__webpack_require__\.e\b/);
    });

    test("loading it registers every function of functions.json, once, and touches no DOM or Office", () => {
      const { associations, touched } = loadFunctionsScript(code);
      expect(touched).toEqual([]);
      const registered = associations.map((a) => a.id);
      expect([...registered].sort()).toEqual([...ids].sort());
      for (const { id, fn } of associations) expect({ id, type: typeof fn }).toEqual({ id, type: "function" });
    });
  });
});
