/**
 * The generated DuckDB script on DuckDB itself (@duckdb/node-api, embedded): the checks every
 * engine passes (suite.ts), plus what only needs one engine: the generated data really holds
 * duplicates to drop, and a bad benchmark row.
 */
import { DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";
import { OVERRIDES, fixtureSets, generatedSets } from "./data";
import { type Engine, engineSuite, loadSets } from "./suite";

jest.setTimeout(120_000);

function engine(): Engine {
  let c: DuckDBConnection | undefined;
  return {
    load: async (script, inserts) => {
      c = await (await DuckDBInstance.create(":memory:")).connect();
      for (const s of [...script.tables, ...script.seed, ...inserts, ...script.views]) await c.run(s);
    },
    rows: async (select) => ((await (c as DuckDBConnection).runAndReadAll(select)).getRowObjectsJson() as Record<string, unknown>[]),
  };
}

describe("DuckDB runs the generated SQL", () => {
  engineSuite("duckdb", engine);

  test("the generated data holds duplicates for the engines to drop (typed row by row versus the import)", () => {
    const sets = generatedSets(6000);
    // records: every row typed on its own; typed.records: what the import keeps.
    expect((sets.calls?.records.length ?? 0) - (sets.calls?.typed.records.length ?? 0)).toBeGreaterThan(20);
    expect((sets.payments?.records.length ?? 0) - (sets.payments?.typed.records.length ?? 0)).toBeGreaterThan(5);
    expect((sets.cases?.records.length ?? 0) - (sets.cases?.typed.records.length ?? 0)).toBeGreaterThan(5);
  });

  test("a bad benchmark row (Excellent below Meets for a higher-is-better metric) leaves that metric ungraded, with the problem in the composite's reason", async () => {
    const e = engine();
    const benchmarks = OVERRIDES.benchmarks.map((b) => (b.metric === "effective_talk_ratio" ? { ...b, meets: 0.6, excellent: 0.5 } : b));
    await loadSets(e, "duckdb", await fixtureSets(), { benchmarks });
    const [z] = await e.rows("SELECT * FROM kpi WHERE collector = 'Zhang Wei' AND month = DATE '2026-10-01'");
    // GRADE and KPISCORE give #VALUE! for that row (benchmarks.ts benchmarkOrder); SCORE over it too.
    expect(z).toMatchObject({ effective_talk_ratio: 0.875, effective_talk_ratio_grade: null, effective_talk_ratio_score: null, score: null, score_reason: "effective_talk_ratio: thresholds out of order" });
  });
});
