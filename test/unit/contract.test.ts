/**
 * The contract test: shared/spec/metrics.md (beside the repo, as CI lays it out), the
 * catalogue in src/core, the generated dist/functions.json, the HyperFormula plugin and
 * the README's function reference all name the same functions, with the same parameters
 * in the same order, and the catalogue carries the default benchmarks of section 4.
 *
 * dist/functions.json is built by `npm run build`, which `npm test` runs before jest.
 */
import { existsSync, readFileSync } from "fs";
import { resolve } from "path";
import { CATALOGUE, allFunctionNames, findMetric } from "../../src/core";
import { CollectPlugin, NAMESPACE, collectFunctionNames } from "../../src/engine/hyperformula";

const ROOT = resolve(__dirname, "../..");
const METRICS_MD = resolve(__dirname, "../../../shared/spec/metrics.md");
const FUNCTIONS_JSON = resolve(ROOT, "dist/functions.json");
const README = resolve(ROOT, "README.md");

// ---------------------------------------------------------------------------------------
// metrics.md, parsed

interface ContractParam {
  name: string;
  optional: boolean;
}
interface ContractFunction {
  name: string;
  params: ContractParam[];
  /** KPI functions only (section 2 table). */
  metric?: { id: string; zh: string; formula: string; kind: "P" | "R" };
}
interface ContractBenchmark {
  id: string;
  direction: "higher" | "lower";
  meets?: number;
  excellent?: number;
  redLine: boolean;
}

function readContract(): string {
  if (!existsSync(METRICS_MD)) {
    throw new Error(`The contract ${METRICS_MD} is missing. CI copies shared/ beside the repo (../shared/spec/metrics.md); do the same locally.`);
  }
  return readFileSync(METRICS_MD, "utf8");
}

function parseParams(list: string): ContractParam[] {
  if (list.trim() === "") return [];
  return list.split(",").map((p) => {
    const t = p.trim();
    const opt = /^\[(\w+)\]$/.exec(t);
    return opt ? { name: opt[1], optional: true } : { name: t, optional: false };
  });
}

function parseFunctions(md: string): ContractFunction[] {
  const out: ContractFunction[] = [];
  for (const line of md.split("\n")) {
    const kpi = /^\|\s*`([A-Z]+)\(([^)]*)\)`\s*\|\s*`([a-z_]+)`\s*\|\s*([^|]+?)\s*\|\s*([^|]+?)\s*\|\s*([PR])\s*\|/.exec(line);
    if (kpi) {
      out.push({
        name: kpi[1],
        params: parseParams(kpi[2]),
        metric: { id: kpi[3], zh: kpi[4], formula: kpi[5], kind: kpi[6] as "P" | "R" },
      });
      continue;
    }
    const other = /^- `([A-Z]+)\(([^`]*)\)`/.exec(line);
    if (other) out.push({ name: other[1], params: parseParams(other[2]) });
  }
  return out;
}

function parseBenchmarks(md: string): ContractBenchmark[] {
  const section = md.slice(md.indexOf("## 4."), md.indexOf("## 5."));
  const rule = /higher for ([^;]+); lower for ([^.]+)\./.exec(section);
  if (!rule) throw new Error("metrics.md section 4: the sentence giving the direction of the rows without a figure was not found");
  const names = (s: string) => s.split(/,\s*|\s+and\s+/).map((x) => x.trim()).filter(Boolean);
  const higher = new Set(names(rule[1]));
  const lower = new Set(names(rule[2]));
  const num = (s: string): number | undefined => (s.trim() === "" ? undefined : Number(s.trim()));
  const out: ContractBenchmark[] = [];
  for (const line of section.split("\n")) {
    const m = /^\|\s*([a-z_]+(?:,\s*[a-z_]+)*)\s*\|\s*(higher|lower|see formula)\s*\|([^|]*)\|([^|]*)\|[^|]*\|\s*([^|]*?)\s*\|/.exec(line);
    if (!m) continue;
    for (const id of m[1].split(/,\s*/)) {
      const direction = m[2] === "see formula" ? (higher.has(id) ? "higher" : lower.has(id) ? "lower" : undefined) : m[2];
      if (direction === undefined) throw new Error(`metrics.md section 4: no direction for ${id}`);
      out.push({ id, direction: direction as "higher" | "lower", meets: num(m[3]), excellent: num(m[4]), redLine: /yes/.test(m[5]) });
    }
  }
  return out;
}

const md = readContract();
const CONTRACT_MD = parseFunctions(md);
const BENCHMARKS = parseBenchmarks(md);

// ---------------------------------------------------------------------------------------
// Beyond metrics.md: issue 15 (README, "Beyond metrics.md"). metrics.md is read-only here; the
// outsourced-agency metrics and VINTAGE extend it in its own conventions, so they are checked
// like its functions, from this table: KPI functions after the contract's, VINTAGE among the
// portfolio functions. Their thresholds stay blank: no source gives a figure.

const AGENCY_METRICS = ["agency_recovery_rate", "commission_cost_ratio", "contact_breach_rate"] as const;
const EXTENSIONS: ContractFunction[] = [
  ...AGENCY_METRICS.map((id) => {
    const m = findMetric(id)!;
    return { name: m.fn as string, params: m.params.map((name) => ({ name, optional: false })), metric: { id, zh: m.name.zh, formula: m.formula.en, kind: m.kind } };
  }),
  {
    name: "VINTAGE",
    params: [
      { name: "placed", optional: false },
      { name: "recovered", optional: false },
      { name: "months_observed", optional: true },
      { name: "pooled", optional: true },
    ],
  },
];
const EXTENSION_NAMES = new Set(EXTENSIONS.map((f) => f.name));
/** Every function: metrics.md's and the extensions'. */
const CONTRACT = [...CONTRACT_MD, ...EXTENSIONS];

/** Parameters that take a range (declared number[][] / any[][]: dimensionality "matrix"). */
const MATRIX_PARAMS = new Set(["balances", "roll_rates", "placed", "recovered", "months_observed", "debtor_ids", "call_times", "benchmarks", "metrics", "values", "weights"]);
const isMatrixParam = (fn: ContractFunction, p: ContractParam) => fn.metric !== undefined || MATRIX_PARAMS.has(p.name);
/** Functions whose result spills. */
const SPILLING = new Set(["ROLLRATES", "LOSSFACTORS", "VINTAGE", "METRICS"]);

// ---------------------------------------------------------------------------------------
// dist/functions.json

interface JsonParam {
  name: string;
  description?: string;
  type?: string;
  dimensionality?: string;
  optional?: boolean;
}
interface JsonFunction {
  id: string;
  name: string;
  description?: string;
  helpUrl?: string;
  parameters: JsonParam[];
  result: { type?: string; dimensionality?: string };
}

function functionsJson(): JsonFunction[] {
  if (!existsSync(FUNCTIONS_JSON)) {
    throw new Error("dist/functions.json is missing: run `npm run build` before jest (`npm test` does both).");
  }
  return (JSON.parse(readFileSync(FUNCTIONS_JSON, "utf8")) as { functions: JsonFunction[] }).functions;
}

// ---------------------------------------------------------------------------------------
// The README function reference, rendered from the catalogue and functions.json

const START = "<!-- functions:start -->";
const END = "<!-- functions:end -->";

const cellText = (s: string | number | undefined) => (s === undefined ? "" : String(s).replace(/\|/g, "\\|").replace(/\n/g, " "));
const signature = (name: string, params: { name: string; optional?: boolean }[]) =>
  `\`${name}(${params.map((p) => (p.optional ? `[${p.name}]` : p.name)).join(", ")})\``;

export function renderFunctionReference(json: JsonFunction[]): string {
  const lines: string[] = [
    START,
    "<!-- Generated from src/core/catalogue.ts and dist/functions.json: edit those, then paste what test/unit/contract.test.ts prints. -->",
    "",
    "KPI functions: every parameter takes one cell or a range (summed).",
    "",
    "| function | metric id | 中文 | formula | kind | direction | meets | excellent |",
    "| --- | --- | --- | --- | --- | --- | --- | --- |",
  ];
  for (const m of CATALOGUE) {
    const fn = m.fn === undefined ? "— (typed in)" : signature(m.fn, m.params.map((name) => ({ name })));
    lines.push(
      `| ${fn} | \`${m.id}\` | ${cellText(m.name.zh)} | ${cellText(m.formula.en)} | ${m.kind} | ${m.direction} | ${cellText(m.meets)} | ${cellText(m.excellent)} |`
    );
  }
  lines.push("", "Portfolio, compliance, benchmark and scorecard functions (`[x]` is optional):", "", "| function | what it does |", "| --- | --- |");
  const kpiNames = new Set(CATALOGUE.map((m) => m.fn));
  for (const name of allFunctionNames().filter((n) => !kpiNames.has(n))) {
    const f = json.find((j) => j.id === name);
    if (f === undefined) throw new Error(`dist/functions.json has no ${name}`);
    lines.push(`| ${signature(name, f.parameters)} | ${cellText(f.description)} |`);
  }
  lines.push(END);
  return lines.join("\n");
}

/** Function names in the README's reference tables (the first column's `NAME(`). */
function readmeFunctionNames(section: string): string[] {
  return [...section.matchAll(/^\|\s*`([A-Z]+)\(/gm)].map((m) => m[1]);
}

// ---------------------------------------------------------------------------------------

describe("metrics.md is readable", () => {
  it("names 22 KPI functions and 9 others, and the default benchmark of every metric", () => {
    expect(CONTRACT_MD.filter((f) => f.metric).length).toBe(22);
    expect(CONTRACT_MD.filter((f) => !f.metric).map((f) => f.name)).toEqual([
      "ROLLRATES", "LOSSFACTORS", "CONTACTBREACHES", "BENCHMARK", "GRADE", "KPISCORE", "SCORE", "SCOREGRADE", "METRICS",
    ]);
    expect(BENCHMARKS.length).toBe(23);
  });
});

describe("the catalogue follows metrics.md", () => {
  it("allFunctionNames() is the contract's functions, in its order, with issue 15's after the KPIs and among the portfolio functions", () => {
    expect(allFunctionNames().filter((n) => !EXTENSION_NAMES.has(n))).toEqual(CONTRACT_MD.map((f) => f.name));
    const names = allFunctionNames();
    expect(names.slice(22, 25)).toEqual(["AGENCYRECOVERY", "COMMISSIONCOST", "BREACHRATE"]);
    expect(names.indexOf("VINTAGE")).toBe(names.indexOf("LOSSFACTORS") + 1);
  });

  for (const f of CONTRACT.filter((c) => c.metric)) {
    const contract = f.metric!;
    it(`${f.name} computes ${contract.id}: Chinese name, formula, kind and parameters as metrics.md says`, () => {
      const m = findMetric(contract.id);
      expect(m).toBeDefined();
      expect(m!.id).toBe(contract.id);
      expect(m!.fn).toBe(f.name);
      expect(m!.kind).toBe(contract.kind);
      expect(m!.params).toEqual(f.params.map((p) => p.name));
      const plain = (s: string) => s.replace(/（/g, "(").replace(/）/g, ")").replace(/\s+/g, "");
      expect(plain(m!.name.zh)).toBe(plain(contract.zh));
      // metrics.md may add the unit in parentheses after the formula; the catalogue keeps the unit apart
      expect(m!.formula.en).toBe(contract.formula.replace(/\s*\([^()]*\)$/, ""));
    });
  }

  it("has a record for every metric of section 4, and otherwise only issue 15's agency metrics", () => {
    expect(CATALOGUE.map((m) => m.id).sort()).toEqual([...BENCHMARKS.map((b) => b.id), ...AGENCY_METRICS].sort());
  });

  for (const id of AGENCY_METRICS) {
    it(`${id} (issue 15): no invented threshold, no red line, a source that says why`, () => {
      const m = findMetric(id)!;
      expect({ meets: m.meets, excellent: m.excellent, redLine: m.redLine }).toEqual({ meets: undefined, excellent: undefined, redLine: false });
      expect(m.source.en).toMatch(/No figure/);
      expect(m.area.en).toBe("Outsourced agencies");
    });
  }

  for (const b of BENCHMARKS) {
    it(`${b.id}: direction ${b.direction}, meets ${b.meets ?? "blank"}, excellent ${b.excellent ?? "blank"}, red line ${b.redLine}`, () => {
      const m = findMetric(b.id)!;
      expect({ direction: m.direction, meets: m.meets, excellent: m.excellent, redLine: m.redLine }).toEqual({
        direction: b.direction,
        meets: b.meets,
        excellent: b.excellent,
        redLine: b.redLine,
      });
    });
  }
});

describe("dist/functions.json follows metrics.md", () => {
  it("registers exactly the contract's functions; each id equals its name", () => {
    const json = functionsJson();
    expect(json.map((f) => f.id).sort()).toEqual(allFunctionNames().sort());
    for (const f of json) expect(f.name).toBe(f.id);
  });

  for (const c of CONTRACT) {
    it(`${c.name}: parameters in contract order, described, ranges as matrix, optional ones optional`, () => {
      const f = functionsJson().find((j) => j.id === c.name);
      if (f === undefined) throw new Error(`dist/functions.json has no ${c.name}`);
      expect(f.parameters.map((p) => p.name)).toEqual(c.params.map((p) => p.name));
      c.params.forEach((p, i) => {
        const j = f.parameters[i];
        expect({ param: p.name, described: typeof j.description === "string" && j.description.trim().length > 0 }).toEqual({
          param: p.name,
          described: true,
        });
        expect({ param: p.name, optional: j.optional === true }).toEqual({ param: p.name, optional: p.optional });
        if (isMatrixParam(c, p)) expect({ param: p.name, dimensionality: j.dimensionality }).toEqual({ param: p.name, dimensionality: "matrix" });
        else expect({ param: p.name, dimensionality: j.dimensionality ?? "scalar" }).toEqual({ param: p.name, dimensionality: "scalar" });
      });
      expect(typeof f.description === "string" && f.description.length > 0).toBe(true);
      expect(f.result.dimensionality ?? "scalar").toBe(SPILLING.has(c.name) ? "matrix" : "scalar");
    });
  }
});

describe("the HyperFormula plugin covers the same functions", () => {
  it("collectFunctionNames() is COLLECT.<every contract function>", () => {
    expect(collectFunctionNames().sort()).toEqual(allFunctionNames().map((n) => `${NAMESPACE}.${n}`).sort());
  });

  for (const c of CONTRACT) {
    it(`${NAMESPACE}.${c.name}: as many parameters as the contract, the same ones optional`, () => {
      const impl = CollectPlugin.implementedFunctions[`${NAMESPACE}.${c.name}`];
      expect(impl).toBeDefined();
      const params = impl.parameters ?? [];
      expect(params.map((p) => p.optionalArg === true)).toEqual(c.params.map((p) => p.optional));
    });
  }
});

describe("README.md's function reference", () => {
  const readme = existsSync(README) ? readFileSync(README, "utf8") : "";

  it("names exactly the contract's functions", () => {
    const section = readme.slice(readme.indexOf(START), readme.indexOf(END));
    expect(readmeFunctionNames(section).sort()).toEqual(allFunctionNames().sort());
  });

  it("is the table generated from the catalogue and functions.json (paste the expected text on a difference)", () => {
    const expected = renderFunctionReference(functionsJson());
    const start = readme.indexOf(START);
    const end = readme.indexOf(END);
    const actual = start < 0 || end < 0 ? "(no section between the markers)" : readme.slice(start, end + END.length);
    if (actual !== expected) {
      throw new Error(`README.md's function reference differs from the catalogue. Replace the section with:\n\n${expected}\n`);
    }
  });
});
