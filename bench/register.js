/*
 * Lets Node require the TypeScript sources (bench/*.ts and src/**.ts) directly: each file is
 * transpiled to CommonJS with the project's TypeScript (type checking is `tsc -p bench`).
 */
"use strict";
const fs = require("fs");
const ts = require("typescript");

const COMPILER_OPTIONS = {
  module: ts.ModuleKind.CommonJS,
  target: ts.ScriptTarget.ES2020,
  esModuleInterop: true,
  isolatedModules: true,
  sourceMap: false,
};

require.extensions[".ts"] = function compileTypeScript(module, filename) {
  const source = fs.readFileSync(filename, "utf8");
  const { outputText } = ts.transpileModule(source, { compilerOptions: COMPILER_OPTIONS, fileName: filename });
  module._compile(outputText, filename);
};
