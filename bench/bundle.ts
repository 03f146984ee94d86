/**
 * The shipped bundle: a production build of dist/functions.js, loaded the way Excel loads
 * it (a classic script that finds only `CustomFunctions`), so the bench calls exactly the
 * code Excel calls.
 */
import { execFileSync } from "child_process";
import { existsSync, mkdtempSync, readFileSync } from "fs";
import { tmpdir } from "os";
import { join, resolve } from "path";
import * as vm from "vm";

export const ROOT = resolve(__dirname, "..");

/** Builds the add-in with webpack in production mode into a fresh temporary directory. */
export function buildProduction(): string {
  const out = mkdtempSync(join(tmpdir(), "collectkpi-bench-"));
  const webpack = join(ROOT, "node_modules", "webpack-cli", "bin", "cli.js");
  // Build output is progress, not results: it goes to stderr so that --json keeps stdout clean.
  execFileSync(process.execPath, [webpack, "--mode", "production", "--output-path", out], {
    cwd: ROOT,
    stdio: ["ignore", process.stderr, process.stderr],
  });
  return out;
}

export type ExcelFunction = (...args: any[]) => any;

/** The stand-in for Excel's CustomFunctions namespace. */
export function fakeCustomFunctions(registry: Map<string, ExcelFunction>): object {
  class CustomFunctionsError extends Error {
    constructor(
      readonly code: string,
      message?: string
    ) {
      super(message);
    }
  }
  return {
    associate(id: string | Record<string, ExcelFunction>, fn?: ExcelFunction): void {
      if (typeof id === "string") registry.set(id, fn as ExcelFunction);
      else for (const key of Object.keys(id)) registry.set(key, id[key]);
    },
    Error: CustomFunctionsError,
    ErrorCode: {
      invalidValue: "#VALUE!",
      notAvailable: "#N/A",
      divisionByZero: "#DIV/0!",
      invalidNumber: "#NUM!",
      nullReference: "#NULL!",
      invalidName: "#NAME?",
      invalidReference: "#REF!",
    },
  };
}

/**
 * Evaluates functions.js in this realm (so its arrays and ours are the same kind, and the
 * JIT treats both alike) with a fake CustomFunctions, and returns what it registered.
 */
export function loadFunctions(distDir: string): Map<string, ExcelFunction> {
  const file = join(distDir, "functions.js");
  if (!existsSync(file)) throw new Error(`${file} is missing: build first (npm run build) or drop --dist`);
  const registry = new Map<string, ExcelFunction>();
  const g = globalThis as { CustomFunctions?: object };
  const previous = g.CustomFunctions;
  g.CustomFunctions = fakeCustomFunctions(registry);
  try {
    vm.runInThisContext(readFileSync(file, "utf8"), { filename: file });
  } finally {
    g.CustomFunctions = previous;
  }
  return registry;
}

/** Function ids declared in functions.json (what Excel expects functions.js to register). */
export function declaredFunctions(distDir: string): string[] {
  const json = JSON.parse(readFileSync(join(distDir, "functions.json"), "utf8")) as { functions: { id: string }[] };
  return json.functions.map((f) => f.id);
}
