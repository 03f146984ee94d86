/*
 * One cold load of functions.js, in a fresh Node process so no compilation cache helps:
 * evaluate the script in a context that has only CustomFunctions (as Excel's custom-
 * functions runtime does) and count what it registers. Prints one JSON line.
 */
"use strict";
const fs = require("fs");
const vm = require("vm");

const file = process.argv[2];
const code = fs.readFileSync(file, "utf8");
const registered = [];
class CustomFunctionsError extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}
const sandbox = {
  CustomFunctions: {
    associate(id, fn) {
      if (typeof id === "string") registered.push(id);
      else registered.push(...Object.keys(id));
    },
    Error: CustomFunctionsError,
    ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A", divisionByZero: "#DIV/0!", invalidNumber: "#NUM!" },
  },
};
const context = vm.createContext(sandbox);
const t0 = process.hrtime.bigint();
new vm.Script(code, { filename: "functions.js" }).runInContext(context);
const t1 = process.hrtime.bigint();
process.stdout.write(JSON.stringify({ ms: Number(t1 - t0) / 1e6, registered }) + "\n");
