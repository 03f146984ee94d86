/**
 * The Functions browser's help must not drift from the JSDoc that becomes functions.json,
 * nor from the catalogue's parameter lists.
 */
import { readFileSync } from "fs";
import { join } from "path";
import { CATALOGUE, allFunctionNames } from "../../../src/core";
import { FUNCTION_HELP, functionHelp, skeletonFormula } from "../../../src/taskpane/functionHelp";

interface JsDoc {
  summary: string;
  params: { name: string; optional: boolean; help: string }[];
}

/** @customfunction blocks of functions.ts: first line and @param lines. */
function parseJsDoc(): Map<string, JsDoc> {
  const source = readFileSync(join(__dirname, "../../../src/functions/functions.ts"), "utf8");
  const out = new Map<string, JsDoc>();
  for (const block of source.split("/**").slice(1)) {
    const body = block.split("*/")[0];
    const fn = /@customfunction (\w+)/.exec(body)?.[1];
    if (fn === undefined) continue;
    const lines = body.split("\n").map((l) => l.replace(/^\s*\*\s?/, "").trim()).filter((l) => l !== "");
    const params = [...body.matchAll(/@param (\[?)(\w+)\]? (.*)/g)].map((m) => ({ name: m[2], optional: m[1] === "[", help: m[3].trim() }));
    out.set(fn, { summary: lines[0], params });
  }
  return out;
}

const jsdoc = parseJsDoc();

test("there is help for every COLLECT function, and only for those", () => {
  expect(FUNCTION_HELP.map((h) => h.fn).sort()).toEqual([...allFunctionNames()].sort());
  expect([...jsdoc.keys()].sort()).toEqual([...allFunctionNames()].sort());
});

test.each(FUNCTION_HELP.map((h) => [h.fn, h] as const))("%s: parameters and English help equal the JSDoc", (fn, help) => {
  const doc = jsdoc.get(fn);
  expect(doc).toBeDefined();
  expect(help.params.map((p) => ({ name: p.name, optional: p.optional, help: p.help.en }))).toEqual(doc!.params);
  if (help.summary !== undefined) expect(help.summary.en).toBe(doc!.summary);
  for (const p of help.params) expect(p.help.zh.trim()).not.toBe("");
});

test("KPI parameters are the catalogue's, in order", () => {
  for (const m of CATALOGUE.filter((x) => x.fn !== undefined)) {
    expect([m.fn, functionHelp(m.fn!)?.params.map((p) => p.name)]).toEqual([m.fn, [...m.params]]);
  }
});

test("skeletons are valid formulas with required parameters only", () => {
  expect(skeletonFormula("CUMRECOVERY")).toBe("=COLLECT.CUMRECOVERY(current, historical, outstanding)");
  expect(skeletonFormula("collect.contactbreaches")).toBe("=COLLECT.CONTACTBREACHES(debtor_ids, call_times)");
  expect(skeletonFormula("BENCHMARK", "complaint_rate")).toBe('=COLLECT.BENCHMARK("complaint_rate")');
  expect(() => skeletonFormula("SUM")).toThrow(/not a COLLECT function/);
  for (const h of FUNCTION_HELP) expect(skeletonFormula(h.fn)).toMatch(/^=COLLECT\.[A-Z]+\([^()]*\)$/);
});
