/* Loads a TypeScript module of src/ into the webpack process, so that build plugins can run
 * the same code the add-in ships (the catalogue, the zh-CN translations, the reference page
 * generator) instead of a second copy in JavaScript.
 *
 * Transpile only (types are `npm run typecheck`'s job), CommonJS, no global require hook:
 * relative imports of .ts files are loaded the same way, anything else goes to Node's require.
 * Every call starts from an empty cache, so a watch rebuild sees edited sources.
 */
"use strict";
const fs = require("fs");
const Module = require("module");
const path = require("path");
const ts = require("typescript");

const COMPILER_OPTIONS = {
  module: ts.ModuleKind.CommonJS,
  target: ts.ScriptTarget.ES2020,
  esModuleInterop: true,
  isolatedModules: true,
};

/** The .ts file a relative import names, or undefined when it is not a .ts module. */
function resolveTs(request, fromDir) {
  const base = path.resolve(fromDir, request);
  for (const candidate of [base, `${base}.ts`, path.join(base, "index.ts")]) {
    if (candidate.endsWith(".ts") && fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  return undefined;
}

/**
 * Loads `file` (a .ts module) and everything it imports relatively.
 * @returns {{ exports: any, files: string[] }} the module's exports and every source file read
 */
function loadTs(file) {
  const cache = new Map();

  function load(filename) {
    const cached = cache.get(filename);
    if (cached) return cached.exports;
    const source = fs.readFileSync(filename, "utf8");
    const { outputText } = ts.transpileModule(source, { compilerOptions: COMPILER_OPTIONS, fileName: filename });
    const mod = new Module(filename, module);
    mod.filename = filename;
    mod.paths = Module._nodeModulePaths(path.dirname(filename));
    cache.set(filename, mod);
    const requireFrom = (request) => {
      if (request.startsWith(".")) {
        const target = resolveTs(request, path.dirname(filename));
        if (target) return load(target);
      }
      return Module.createRequire(filename)(request);
    };
    const wrapper = new Function("exports", "require", "module", "__filename", "__dirname", outputText);
    wrapper.call(mod.exports, mod.exports, requireFrom, mod, filename, path.dirname(filename));
    return mod.exports;
  }

  const exports = load(path.resolve(file));
  return { exports, files: [...cache.keys()] };
}

module.exports = { loadTs };
