/**
 * The generated DuckDB script on DuckDB itself (@duckdb/node-api, embedded): the shipped
 * fixtures (hand-computed below) and a generated data set, loaded with their duplicates, give
 * per collector × month (and per stage, agency, product) the inputs of aggregate.ts and the
 * values, reasons, grades, scores and composite of the core.
 */
import { DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";
import { generateSqlScript, type SqlOptions, type SqlScript } from "../../../src/sql";
import { OVERRIDES, type RawSets, coreKpis, datasets, engineKpis, expectSameKpis, expectVariety, fixtureSets, generatedSets, insertStatements, sqlOptions } from "./data";

async function load(sets: RawSets, extra: SqlOptions = {}): Promise<{ c: DuckDBConnection; script: SqlScript }> {
  const instance = await DuckDBInstance.create(":memory:");
  const c = await instance.connect();
  const options = sqlOptions(sets, extra);
  const script = generateSqlScript("duckdb", options);
  for (const s of [...script.tables, ...script.seed]) await c.run(s);
  for (const set of Object.values(sets)) for (const s of insertStatements("duckdb", set, options)) await c.run(s);
  for (const s of script.views) await c.run(s);
  return { c, script };
}

async function rows(c: DuckDBConnection, sql: string): Promise<Record<string, unknown>[]> {
  return (await c.runAndReadAll(sql)).getRowObjectsJson() as Record<string, unknown>[];
}

jest.setTimeout(120_000);

describe("DuckDB runs the generated SQL", () => {
  test("the fixtures: Zhang Wei's October, added up by hand", async () => {
    const sets = await fixtureSets();
    const { c } = await load(sets);
    const [z] = await rows(c, "SELECT * FROM kpi WHERE collector = 'Zhang Wei' AND month = DATE '2026-10-01'");
    expect({ ...z, month: String(z.month) }).toMatchObject({
      month: "2026-10-01",
      recovered: 5450.5, // 1,200.00 + 3,450.50 + 800.00; P0003's second row dropped by its payment id
      target: 8600, // 2,000 + 5,000 + 1,600; A1001's second October row dropped
      assigned: "3", // A1001, A1002, A1003 (BIGINT comes back as text in JSON)
      attempts: "6", // C0001 … C0006; C0002's second row dropped by its call id
      contacted: "3", // A1001, A1002, A1003 each had a connected call
      right_party: "3", // C0002, C0004, C0006
      promises: "2", // C0002, C0006
      total_talk: 8, // 480 s / 60
      effective_talk: 7, // (125 + 200 + 95) s / 60
      recovery_achievement_reason: null,
      recovery_achievement_grade: "Below", // 0.634 < meets 0.85
      contact_coverage: 1, // 3 / 3
      contact_coverage_grade: "Meets", // ≥ 0.95; no Excellent threshold
      rpc_rate: 0.5, // 3 / 6
      rpc_rate_grade: null, // no default benchmark
      rpc_rate_score: null,
      effective_talk_ratio: 0.875, // 7 / 8
      effective_talk_ratio_grade: "Meets", // ≥ 0.60
      effective_talk_ratio_score: 120, // 100 × 0.875 / 0.6 = 145.8, capped at 120
      score_reason: null,
      score_veto: null,
      score_grade: "Good", // 80 ≤ 89.79 < 90
    });
    expect(z.recovery_achievement).toBeCloseTo(5450.5 / 8600, 15); // 0.633779…
    expect(z.recovery_achievement_score).toBeCloseTo(74.5622435, 6); // 100 × 0.633779 / 0.85
    expect(z.contact_coverage_score).toBeCloseTo(105.2631579, 6); // 100 × 1 / 0.95
    expect(z.ptp_rate).toBeCloseTo(2 / 3, 15);
    // (30 × 74.5622435 + 10 × 120 + 10 × 105.2631579) / (30 + 10 + 10) = 4489.4988840 / 50
    expect(z.score).toBeCloseTo(89.7899777, 6);
  });

  test("the fixtures: every view equals aggregate.ts and the core, row by row", async () => {
    const sets = await fixtureSets();
    const { c, script } = await load(sets);
    expect(script.outputs.map((o) => o.view)).toEqual(["kpi", "kpi_by_stage", "kpi_by_agency", "kpi_by_product"]);
    for (const out of script.outputs) {
      const core = coreKpis(datasets(sets), out);
      expect(core.length).toBeGreaterThan(0);
      expectSameKpis(engineKpis(await rows(c, `SELECT * FROM ${out.view}`), out), core);
    }
  });

  test("a generated data set (12 collectors in two spellings, duplicates, refunds, ties): every view equals the core", async () => {
    const sets = generatedSets(6000);
    // Duplicates are really there for the engine to drop.
    expect((sets.calls?.records.length ?? 0) - (sets.calls?.typed.records.length ?? 0)).toBeGreaterThan(20);
    expect((sets.payments?.records.length ?? 0) - (sets.payments?.typed.records.length ?? 0)).toBeGreaterThan(5);
    expect((sets.cases?.records.length ?? 0) - (sets.cases?.typed.records.length ?? 0)).toBeGreaterThan(5);
    const { c, script } = await load(sets);
    const all = [];
    for (const out of script.outputs) {
      const core = coreKpis(datasets(sets), out);
      expect(core.length).toBeGreaterThan(10);
      expectSameKpis(engineKpis(await rows(c, `SELECT * FROM ${out.view}`), out), core);
      all.push(...core);
    }
    expectVariety(all);
  });

  test("the same data against a team's own benchmarks and weights (a red-line veto, a Chinese direction): equal to the core", async () => {
    const sets = generatedSets(3000);
    const { c, script } = await load(sets, OVERRIDES);
    let vetoed = 0;
    for (const out of script.outputs) {
      const engine = await rows(c, `SELECT * FROM ${out.view}`);
      expectSameKpis(engineKpis(engine, out), coreKpis(datasets(sets), out, OVERRIDES));
      vetoed += engine.filter((r) => r.score_veto === "contact_coverage" && r.score === 0).length;
    }
    expect(vetoed).toBeGreaterThan(0);
  });

  test("a bad benchmark row (Excellent below Meets for a higher-is-better metric) leaves that metric ungraded, with the problem in the composite's reason", async () => {
    const sets = await fixtureSets();
    const benchmarks = OVERRIDES.benchmarks.map((b) => (b.metric === "effective_talk_ratio" ? { ...b, meets: 0.6, excellent: 0.5 } : b));
    const { c } = await load(sets, { benchmarks });
    const [z] = await rows(c, "SELECT * FROM kpi WHERE collector = 'Zhang Wei' AND month = DATE '2026-10-01'");
    // GRADE and KPISCORE give #VALUE! for that row (benchmarks.ts benchmarkOrder); SCORE over it too.
    expect(z).toMatchObject({ effective_talk_ratio: 0.875, effective_talk_ratio_grade: null, effective_talk_ratio_score: null, score: null, score_reason: "effective_talk_ratio: thresholds out of order" });
  });
});
