/**
 * The checks every engine passes (PostgreSQL, ClickHouse; DuckDB runs the same in
 * duckdb.test.ts with its own extras): the shipped fixtures, Zhang Wei's October by hand; every
 * view against aggregate.ts and the core; a generated data set; a team's own benchmarks.
 */
import { type DialectName, type SqlOptions, type SqlScript, generateSqlScript } from "../../../src/sql";
import { OVERRIDES, type RawSets, coreKpis, datasets, engineKpis, expectSameKpis, expectVariety, fixtureSets, generatedSets, insertStatements, sqlOptions } from "./data";

export interface Engine {
  /** Runs the script's parts and the inserts on a fresh database (dropping what a previous load made). */
  load(script: SqlScript, inserts: readonly string[], options: SqlOptions): Promise<void>;
  rows(select: string): Promise<Record<string, unknown>[]>;
}

export async function loadSets(engine: Engine, dialect: DialectName, sets: RawSets, extra: SqlOptions = {}): Promise<SqlScript> {
  const options = sqlOptions(sets, extra);
  const script = generateSqlScript(dialect, options);
  const inserts = Object.values(sets).flatMap((set) => insertStatements(dialect, set, options));
  await engine.load(script, inserts, options);
  return script;
}

export function engineSuite(dialect: DialectName, engine: () => Engine, extra: SqlOptions = {}): void {
  test("the fixtures: Zhang Wei's October, added up by hand", async () => {
    const e = engine();
    await loadSets(e, dialect, await fixtureSets(), extra);
    const found = (await e.rows("SELECT * FROM kpi WHERE collector = 'Zhang Wei'")).find((r) => String(r.month).startsWith("2026-10"));
    if (found === undefined) throw new Error("no row for Zhang Wei, 2026-10");
    const num = (k: string) => Number(found[k]);
    expect({
      recovered: num("recovered"), // 1,200.00 + 3,450.50 + 800.00; P0003's second row dropped by its payment id
      target: num("target"), // 2,000 + 5,000 + 1,600; A1001's second October row dropped
      assigned: num("assigned"), // A1001, A1002, A1003
      attempts: num("attempts"), // C0001 … C0006; C0002's second row dropped by its call id
      contacted: num("contacted"), // A1001, A1002, A1003 each had a connected call
      right_party: num("right_party"), // C0002, C0004, C0006
      promises: num("promises"), // C0002, C0006
      total_talk: num("total_talk"), // 480 s / 60
      effective_talk: num("effective_talk"), // (125 + 200 + 95) s / 60
      contact_coverage: num("contact_coverage"), // 3 / 3
      rpc_rate: num("rpc_rate"), // 3 / 6
      effective_talk_ratio: num("effective_talk_ratio"), // 7 / 8
      effective_talk_ratio_score: num("effective_talk_ratio_score"), // 100 × 0.875 / 0.6 = 145.8, capped at 120
    }).toEqual({
      recovered: 5450.5, target: 8600, assigned: 3, attempts: 6, contacted: 3, right_party: 3, promises: 2, total_talk: 8, effective_talk: 7,
      contact_coverage: 1, rpc_rate: 0.5, effective_talk_ratio: 0.875, effective_talk_ratio_score: 120,
    });
    expect({
      grades: [found.recovery_achievement_grade, found.contact_coverage_grade, found.rpc_rate_grade, found.effective_talk_ratio_grade],
      band: found.score_grade,
      reasons: [found.recovery_achievement_reason, found.score_reason, found.score_veto],
    }).toEqual({
      grades: ["Below", "Meets", null, "Meets"], // 0.634 < 0.85; 1 ≥ 0.95; rpc_rate has no default benchmark; 0.875 ≥ 0.6
      band: "Good", // 80 ≤ 89.79 < 90
      reasons: [null, null, null],
    });
    expect(num("recovery_achievement")).toBeCloseTo(5450.5 / 8600, 15); // 0.633779…
    expect(num("recovery_achievement_score")).toBeCloseTo(74.5622435, 6); // 100 × 0.633779 / 0.85
    expect(num("contact_coverage_score")).toBeCloseTo(105.2631579, 6); // 100 × 1 / 0.95
    expect(num("ptp_rate")).toBeCloseTo(2 / 3, 15);
    // (30 × 74.5622435 + 10 × 120 + 10 × 105.2631579) / (30 + 10 + 10) = 4489.4988840 / 50
    expect(num("score")).toBeCloseTo(89.7899777, 6);
  });

  test("the fixtures: every view equals aggregate.ts and the core, row by row", async () => {
    const e = engine();
    const sets = await fixtureSets();
    const script = await loadSets(e, dialect, sets, extra);
    expect(script.outputs.map((o) => o.view)).toEqual(["kpi", "kpi_by_stage", "kpi_by_agency", "kpi_by_product"]);
    for (const out of script.outputs) expectSameKpis(engineKpis(await e.rows(`SELECT * FROM ${out.view}`), out), coreKpis(datasets(sets), out));
  });

  test("a generated data set (duplicates, two spellings per collector, refunds, tied call times): every view equals the core", async () => {
    const e = engine();
    const sets = generatedSets(6000);
    const script = await loadSets(e, dialect, sets, extra);
    const all = [];
    for (const out of script.outputs) {
      const core = coreKpis(datasets(sets), out);
      expectSameKpis(engineKpis(await e.rows(`SELECT * FROM ${out.view}`), out), core);
      all.push(...core);
    }
    expectVariety(all);
  });

  test("stages from the bucket text when there is no dpd column (M1, m2, M3阶段, M4+, 31-60, 90+, 1~30, C, M0 …): equal to the core", async () => {
    const e = engine();
    const sets = generatedSets(3000, 5, "bucket");
    expect(sets.calls?.typed.mapped).toContain("bucket");
    expect(sets.calls?.typed.mapped).not.toContain("dpd");
    const script = await loadSets(e, dialect, sets, extra);
    const out = script.outputs.find((o) => o.group === "stage");
    if (out === undefined) throw new Error("no stage view");
    const core = coreKpis(datasets(sets), out);
    // Every stage is reached from bucket text.
    expect(new Set(core.map((r) => r.group))).toEqual(new Set(["M1", "M2-M3", "M4+"]));
    expectSameKpis(engineKpis(await e.rows(`SELECT * FROM ${out.view}`), out), core);
  });

  test("a team's own benchmarks and weights (a red-line veto, a Chinese direction): equal to the core", async () => {
    const e = engine();
    const sets = generatedSets(3000);
    const script = await loadSets(e, dialect, sets, { ...extra, ...OVERRIDES });
    let vetoed = 0;
    for (const out of script.outputs) {
      const rows = await e.rows(`SELECT * FROM ${out.view}`);
      expectSameKpis(engineKpis(rows, out), coreKpis(datasets(sets), out, OVERRIDES));
      vetoed += rows.filter((r) => r.score_veto === "contact_coverage" && Number(r.score) === 0).length;
    }
    expect(vetoed).toBeGreaterThan(0);
  });
}
