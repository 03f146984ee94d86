/**
 * Loads the built dist/functions.js the way Excel does: a fresh context that defines only
 * `CustomFunctions` (and the global aliases), collecting the `associate` calls. Used by the
 * build test and the fuzzer, so both exercise the shipped bundle, not the sources.
 */
import { existsSync, readFileSync } from "fs";
import { join, resolve } from "path";
import * as vm from "vm";

export const ROOT = resolve(__dirname, "../..");
export const DIST = join(ROOT, "dist");

export function distFile(name: string): string {
  const file = join(DIST, name);
  if (!existsSync(file)) throw new Error(`dist/${name} is missing: run \`npm run build\` before jest`);
  return readFileSync(file, "utf8");
}

/** Globals that functions.js must not read while loading. */
export const HOST_GLOBALS = [
  "document",
  "navigator",
  "location",
  "localStorage",
  "sessionStorage",
  "fetch",
  "XMLHttpRequest",
  "importScripts",
  "Office",
  "Excel",
  "OfficeRuntime",
  "OfficeExtension",
];

/** The real string values of CustomFunctions.ErrorCode. */
export const ERROR_CODES = {
  invalidValue: "#VALUE!",
  notAvailable: "#N/A",
  divisionByZero: "#DIV/0!",
  invalidNumber: "#NUM!",
  nullReference: "#NULL!",
  invalidName: "#NAME?",
  invalidReference: "#REF!",
};

/** The fake CustomFunctions.Error: what a function throws or puts into a spilled cell. */
export class CustomFunctionsError extends Error {
  constructor(
    readonly code: string,
    message?: string
  ) {
    super(message);
  }
}

export interface LoadedBundle {
  associations: { id: string; fn: unknown }[];
  touched: string[];
  /** The function registered under `id`; throws when none is. */
  fn(id: string): (...args: unknown[]) => unknown;
}

/**
 * Runs functions.js in a fresh context that defines only CustomFunctions (and the global
 * aliases). `displayLanguage` gives the context an Office whose display language it is (the
 * shared runtime's), read only after loading; without it, Office is a host global the
 * script must not touch.
 */
export function loadFunctionsScript(code: string = distFile("functions.js"), displayLanguage?: string): LoadedBundle {
  const associations: LoadedBundle["associations"] = [];
  const touched: string[] = [];
  const sandbox: Record<string, unknown> = {
    CustomFunctions: {
      associate(id: string, fn: unknown) {
        associations.push({ id, fn });
      },
      Error: CustomFunctionsError,
      ErrorCode: ERROR_CODES,
    },
  };
  for (const name of HOST_GLOBALS) {
    if (name === "Office" && displayLanguage !== undefined) {
      sandbox.Office = { context: { displayLanguage } };
      continue;
    }
    Object.defineProperty(sandbox, name, {
      configurable: true,
      get() {
        touched.push(name);
        return undefined;
      },
    });
  }
  const context = vm.createContext(sandbox);
  vm.runInContext("var self = globalThis; var window = globalThis;", context);
  new vm.Script(code, { filename: "functions.js" }).runInContext(context, { timeout: 5000 });
  return {
    associations,
    touched,
    fn(id: string) {
      const found = associations.find((a) => a.id === id);
      if (!found || typeof found.fn !== "function") throw new Error(`functions.js registers no function ${id}`);
      return found.fn as (...args: unknown[]) => unknown;
    },
  };
}
