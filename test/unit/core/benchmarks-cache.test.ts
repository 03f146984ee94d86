/**
 * The core keeps the last Benchmarks table it read and reuses what it parsed while a later
 * table holds the same key cells (src/core/benchmarks.ts, LastTable): Excel hands every cell
 * a fresh copy of the range. These tests check that no edit can slip past that comparison:
 * after any sequence of tables (copies, edits in place of a reused array, moved, duplicated,
 * added or removed rows, another table in between), SCORE, BENCHMARK and GRADE give exactly
 * what a core that never saw an earlier table gives.
 *
 * That reference is a second instance of the core (jest.isolateModules), made to forget its
 * last table before every call by reading an unrelated table first.
 */
import fc from "fast-check";
import * as core from "../../../src/core";

let reference!: typeof core;
jest.isolateModules(() => {
  reference = require("../../../src/core") as typeof core;
});

type Table = unknown[][];
type Outcome = { value: number | string } | { error: string; message: string };

/** A table no generated table can match (other length, other width), read to forget the last table. */
const UNRELATED: Table = [["ptp_rate", "x", "higher", 0.123, 0.456, "%", false, "", "", "", "extra"]];

function outcomeOf(call: () => number | string): Outcome {
  try {
    return { value: call() };
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    if (e instanceof Error && typeof code === "string") return { error: code, message: e.message };
    throw e;
  }
}

/** One question asked of a table: a SCORE over some metrics, a BENCHMARK or a GRADE. */
type Ask =
  | { kind: "score"; metrics: string[]; values: number[]; weights: number[] }
  | { kind: "benchmark"; metric: string; level: "meets" | "excellent" }
  | { kind: "grade"; metric: string; value: number };

function ask(c: typeof core, q: Ask, table: Table): Outcome {
  const t = table as core.Grid;
  switch (q.kind) {
    case "score":
      return outcomeOf(() => c.score([q.metrics], [q.values], [q.weights], t));
    case "benchmark":
      return outcomeOf(() => c.benchmarkOf(q.metric, q.level, t));
    case "grade":
      return outcomeOf(() => c.grade(q.metric, q.value, t));
  }
}

/** What a core that never saw an earlier table answers. */
function fresh(q: Ask, table: Table): Outcome {
  reference.benchmarkOf("ptp_rate", "meets", UNRELATED as core.Grid);
  return ask(reference, q, table);
}

/** Asks the core under test, then checks it against a fresh reading of the same cells. */
function expectFresh(q: Ask, table: Table, where = ""): void {
  const got = ask(core, q, table);
  expect({ where, q, got }).toEqual({ where, q, got: fresh(q, table) });
}

const deepCopy = (t: Table): Table => t.map((row) => [...row]);

/** The Benchmarks sheet's body as the template writes it: every catalogue metric with its defaults. */
const base = (): Table =>
  core.CATALOGUE.map((m) => [m.id, m.name.en, m.direction, m.meets ?? "", m.excellent ?? "", m.unit.en, m.redLine, m.source.en]);

/** Our institution's table: other thresholds, a red line on complaints, an unknown id and a row without an id. */
const ours = (): Table => [
  ["recovery_achievement", "Recovery", "higher", 0.9, 1.1, "%", false, ""],
  ["complaint_rate", "Complaints", "lower", 0.002, 0.001, "%", true, ""],
  ["compliance_pass_rate", "Compliance", "higher", 0.95, "", "%", true, ""],
  ["not_a_metric", "Ours only", "higher", 1, 2, "", false, ""],
  ["", "a note", "", "", "", "", "", ""],
  ["ptp_rate", "PTP", "higher", 0.3, 0.5, "%", false, ""],
];

const KEY_COLUMNS = [0, 2, 3, 4, 6];
/** For each key column, a cell that differs from every value the tables above hold there. */
const CHANGED: Record<number, unknown> = { 0: "ptp_rate", 2: "lower", 3: 0.5, 4: 2, 6: "maybe" };

const SCORE_ALL: Ask = {
  kind: "score",
  metrics: ["recovery_achievement", "complaint_rate", "compliance_pass_rate", "ptp_rate", "avg_handling_days"],
  values: [0.9, 0.002, 0.97, 0.4, 6],
  weights: [3, 2, 2, 1, 1],
};
/** One question per metric a table above may hold: each row is asked about by something. */
const QUESTIONS: Ask[] = [
  SCORE_ALL,
  ...core.CATALOGUE.map((m): Ask => ({ kind: "score", metrics: [m.id], values: [0.5], weights: [1] })),
  ...core.CATALOGUE.map((m): Ask => ({ kind: "benchmark", metric: m.id, level: "excellent" })),
  { kind: "grade", metric: "recovery_achievement", value: 0.95 },
];

describe.each([
  ["the template's table", base],
  ["our own table", ours],
])("%s, asked again after one key cell changed", (_name, make) => {
  const rows = make().length;

  test("in place, in the same arrays: every key cell of every row", () => {
    for (let r = 0; r < rows; r++) {
      for (const c of KEY_COLUMNS) {
        const table = make();
        for (const q of QUESTIONS) ask(core, q, table); // read, every row asked about
        const before = table[r][c];
        table[r][c] = CHANGED[c] === before ? "changed" : CHANGED[c];
        for (const q of QUESTIONS) expectFresh(q, table, `row ${r}, column ${c}, in place`);
        table[r][c] = before; // and back
        for (const q of QUESTIONS) expectFresh(q, table, `row ${r}, column ${c}, back`);
      }
    }
  });

  test("in a fresh copy that differs in one key cell, for every key cell of every row", () => {
    const original = make();
    for (let r = 0; r < rows; r++) {
      for (const c of KEY_COLUMNS) {
        for (const q of QUESTIONS) ask(core, q, deepCopy(original));
        const copy = deepCopy(original);
        copy[r][c] = CHANGED[c] === copy[r][c] ? "changed" : CHANGED[c];
        for (const q of QUESTIONS) expectFresh(q, copy, `row ${r}, column ${c}, copy`);
      }
    }
  });

  test("a row changed while other metrics were asked is seen when its metric is asked", () => {
    for (let r = 0; r < rows; r++) {
      const table = make();
      for (const q of QUESTIONS) ask(core, q, table);
      // Only recovery is asked while row r changes; then everything is asked.
      table[r][3] = 0.123;
      table[r][2] = table[r][2] === "lower" ? "higher" : "lower";
      expectFresh({ kind: "benchmark", metric: "recovery_achievement", level: "meets" }, deepCopy(table), `row ${r}`);
      for (const q of QUESTIONS) expectFresh(q, deepCopy(table), `row ${r}`);
    }
  });

  test("rows moved, duplicated, added or removed", () => {
    const edits: [string, (t: Table) => void][] = [
      ["first and last swapped", (t) => ([t[0], t[t.length - 1]] = [t[t.length - 1], t[0]])],
      ["reversed", (t) => t.reverse()],
      ["first row duplicated at the end", (t) => t.push([...t[0]])],
      ["a row added", (t) => t.push(["avg_handling_days", "Days", "lower", 4, 3, "d", false, ""])],
      ["the first row removed", (t) => t.shift()],
      ["the last row removed", (t) => t.pop()],
      ["a row made narrower", (t) => (t[1].length = 5)],
      ["every row made narrower", (t) => t.forEach((row) => (row.length = 5))],
      ["every row too narrow", (t) => t.forEach((row) => (row.length = 4))],
      ["every cell blanked", (t) => t.forEach((row) => row.fill(null))],
      ["every id blanked", (t) => t.forEach((row) => (row[0] = ""))],
    ];
    for (const [what, edit] of edits) {
      for (const inPlace of [true, false]) {
        const table = make();
        for (const q of QUESTIONS) ask(core, q, table);
        const edited = inPlace ? table : deepCopy(table);
        edit(edited);
        for (const q of QUESTIONS) expectFresh(q, edited, `${what}${inPlace ? ", in place" : ""}`);
        // And back to the original cells.
        for (const q of QUESTIONS) expectFresh(q, make(), `${what}, then the original`);
      }
    }
  });
});

test("two different tables in turn, each asked in turn, give their own answers", () => {
  const a = base();
  const b = ours();
  for (let i = 0; i < 3; i++) {
    for (const q of QUESTIONS) {
      expectFresh(q, i % 2 ? deepCopy(a) : a, "a");
      expectFresh(q, i % 2 ? deepCopy(b) : b, "b");
    }
  }
});

test("SCORE, GRADE and BENCHMARK interleaved on different tables do not disturb each other", () => {
  const a = ours();
  const b = ours();
  b[0][3] = 0.5; // recovery meets 0.5 in b, 0.9 in a
  const recovery: Ask = { kind: "score", metrics: ["recovery_achievement"], values: [0.45], weights: [1] };
  expect(ask(core, recovery, a)).toEqual({ value: 50 });
  expect(ask(core, { kind: "benchmark", metric: "recovery_achievement", level: "meets" }, b)).toEqual({ value: 0.5 });
  expect(ask(core, recovery, deepCopy(a))).toEqual({ value: 50 });
  expect(ask(core, recovery, deepCopy(b))).toEqual({ value: 90 });
  expect(ask(core, { kind: "grade", metric: "recovery_achievement", value: 0.6 }, a)).toEqual({ value: "Below" });
});

test("a Benchmarks lookup made before another table was read still answers from its own table", () => {
  const a = ours();
  const kept = new core.Benchmarks(a as core.Grid);
  const b = deepCopy(a);
  b[0][3] = 0.5;
  expect(new core.Benchmarks(b as core.Grid).of(core.CATALOGUE[0]).meets).toBe(0.5);
  expect(kept.of(core.CATALOGUE[0]).meets).toBe(0.9);
});

test("an error of a row is given for every copy, and cleared once the row is fixed", () => {
  const bad = ours();
  bad[0][3] = "ninety";
  const q: Ask = { kind: "score", metrics: ["recovery_achievement", "ptp_rate"], values: [0.9, 0.3], weights: [1, 1] };
  for (let i = 0; i < 3; i++) {
    const got = ask(core, q, deepCopy(bad));
    expect(got).toMatchObject({ error: "invalidValue", message: expect.stringContaining("recovery_achievement") });
  }
  const fixed = deepCopy(bad);
  fixed[0][3] = 0.9;
  expect(ask(core, q, fixed)).toEqual({ value: 100 });
});

describe("any sequence of tables", () => {
  const ASKED = ["recovery_achievement", "complaint_rate", "compliance_pass_rate", "ptp_rate", "cumulative_recovery", " Complaint_Rate "];
  const POOLS: Record<number, unknown[]> = {
    0: ["recovery_achievement", "complaint_rate", "compliance_pass_rate", "ptp_rate", "cumulative_recovery", "COMPLAINT_RATE ", "nope", "", null, 0, 42],
    2: ["higher", "lower", "越低越好", "高", "sideways", "", null, 1],
    3: [0, 0.002, 0.5, 0.85, 0.9, 1.2, 2, -1, "", null, "abc", true],
    4: [0, 0.001, 0.5, 0.85, 0.9, 1.2, 2, -1, "", null, "abc"],
    6: [true, false, "是", "no", "maybe", "", null, 1, 0],
  };
  const small = (): Table => [
    ["recovery_achievement", "Recovery", "higher", 0.85, 1.2, "%", false, ""],
    ["complaint_rate", "Complaints", "lower", 0.003, 0.001, "%", false, ""],
    ["compliance_pass_rate", "Compliance", "higher", 0.98, "", "%", true, ""],
    ["", "", "", "", "", "", "", ""],
  ];
  const index = fc.nat({ max: 99 });
  const step = fc.oneof(
    fc.record({ op: fc.constant("copy" as const) }),
    fc.record({ op: fc.constant("set" as const), row: index, column: fc.constantFrom(...KEY_COLUMNS), pick: index, inPlace: fc.boolean() }),
    fc.record({ op: fc.constant("swap" as const), row: index, other: index, inPlace: fc.boolean() }),
    fc.record({ op: fc.constant("duplicate" as const), row: index, inPlace: fc.boolean() }),
    fc.record({ op: fc.constant("remove" as const), row: index, inPlace: fc.boolean() }),
    fc.record({ op: fc.constant("width" as const), row: index, width: fc.constantFrom(5, 6, 7, 8, 9), inPlace: fc.boolean() }),
    fc.record({ op: fc.constant("other" as const) }),
    fc.record({ op: fc.constant("back" as const) })
  );
  const question = fc.oneof(
    fc.record({
      kind: fc.constant("score" as const),
      metrics: fc.uniqueArray(fc.constantFrom(...ASKED), { minLength: 1, maxLength: 4 }),
      values: fc.constant([0.9, 0.002, 0.97, 0.4]),
      weights: fc.constant([3, 2, 2, 1]),
    }),
    fc.record({ kind: fc.constant("benchmark" as const), metric: fc.constantFrom(...ASKED), level: fc.constantFrom("meets" as const, "excellent" as const) }),
    fc.record({ kind: fc.constant("grade" as const), metric: fc.constantFrom(...ASKED), value: fc.constantFrom(0, 0.5, 0.9, 1.5) })
  );

  test("every answer is the answer of a fresh reading", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(step, fc.array(question, { minLength: 1, maxLength: 3 })), { minLength: 1, maxLength: 25 }), (steps) => {
        let table = small();
        let previous = table;
        for (const [s, questions] of steps) {
          const at = (i: number): number => i % Math.max(1, table.length);
          const target = (inPlace: boolean): Table => (inPlace ? table : (table = deepCopy(table)));
          switch (s.op) {
            case "copy":
              table = deepCopy(table);
              break;
            case "set": {
              const t = target(s.inPlace);
              if (t.length > 0) t[at(s.row)][s.column] = POOLS[s.column][s.pick % POOLS[s.column].length];
              break;
            }
            case "swap": {
              const t = target(s.inPlace);
              if (t.length > 0) [t[at(s.row)], t[at(s.other)]] = [t[at(s.other)], t[at(s.row)]];
              break;
            }
            case "duplicate": {
              const t = target(s.inPlace);
              if (t.length > 0) t.splice(at(s.row), 0, [...t[at(s.row)]]);
              break;
            }
            case "remove": {
              const t = target(s.inPlace);
              if (t.length > 1) t.splice(at(s.row), 1);
              break;
            }
            case "width": {
              const t = target(s.inPlace);
              if (t.length > 0) {
                const row = t[at(s.row)];
                while (row.length < s.width) row.push("");
                row.length = s.width;
              }
              break;
            }
            case "other":
              previous = table;
              table = ours();
              break;
            case "back":
              [table, previous] = [previous, table];
              break;
          }
          for (const q of questions) expectFresh(q as Ask, table);
        }
      }),
      { numRuns: 400 }
    );
  });
});
