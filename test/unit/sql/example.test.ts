/**
 * scripts/sql-example.js, the README's worked example, runs: a generated call log (with a case
 * list and payments) read by DuckDB with read_csv and the generated script over it.
 */
import { execFileSync } from "child_process";
import { join } from "path";

jest.setTimeout(120_000);

test("the worked example prints November's KPIs for each of its 40 collectors", () => {
  const out = execFileSync(process.execPath, [join(__dirname, "..", "..", "..", "scripts", "sql-example.js"), "--rows", "20000", "--json"], { encoding: "utf8" });
  const { rows, kpis } = JSON.parse(out) as { rows: number; kpis: Record<string, unknown>[] };
  expect(rows).toBe(20000);
  // Agent 01 … Agent 40, one November row each.
  expect(kpis.map((k) => k.collector)).toEqual(Array.from({ length: 40 }, (_, i) => `Agent ${String(i + 1).padStart(2, "0")}`));
  expect(new Set(kpis.map((k) => k.month))).toEqual(new Set(["2026-11"]));
  // Calls alternate October / November by row, and no call id repeats: 20,000 / 2 = 10,000 November attempts.
  expect(kpis.reduce((s, k) => s + Number(k.attempts), 0)).toBe(10000);
  for (const k of kpis) {
    for (const id of ["contact_coverage", "ptp_rate", "rpc_rate", "effective_talk_ratio"]) {
      expect(Number(k[id])).toBeGreaterThan(0);
      expect(Number(k[id])).toBeLessThanOrEqual(1);
    }
    expect(["Excellent", "Good", "Pass", "Fail"]).toContain(k.score_grade);
  }
});
