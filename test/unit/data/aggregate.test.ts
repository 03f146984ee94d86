import fc from "fast-check";
import { type AggregateRow, type DataInput, type Datasets, type RawCell, type Stage, aggregate, firstContacts, stageOf, suggestMapping, typeRows } from "../../../src/data";
import { typed } from "./load";

const at = (rows: readonly AggregateRow[], collector: string, month: string, group?: string) => {
  const row = rows.find((r) => r.collector === collector && r.month === month && r.group === group);
  if (!row) throw new Error(`no row ${collector} ${month} ${group}`);
  return row.values;
};

async function fixtures(lang: "zh.gbk" | "en"): Promise<Datasets> {
  return {
    cases: await typed(`cases.${lang}.csv`, "cases"),
    payments: await typed(`payments.${lang}.csv`, "payments"),
    calls: await typed(`calls.${lang}.csv`, "calls"),
  };
}

describe("the fixtures, added up by hand (Zhang Wei's rows are written out in scripts/fixtures.js)", () => {
  test.each([
    ["en", "Zhang Wei"],
    ["zh.gbk", "张伟"],
  ] as const)("%s: %s, October and September", async (lang, name) => {
    const { rows, inputs } = aggregate(await fixtures(lang));
    expect(inputs).toEqual(["recovered", "assigned", "outstanding", "target", "attempts", "contacted", "rightParty", "promises", "totalTalk", "effectiveTalk"]);
    expect(at(rows, name, "2026-10")).toEqual({
      recovered: 5450.5, // 1,200.00 + 3,450.50 + 800.00; the repeated P0003 dropped
      assigned: 3, // A1001, A1002, A1003 placed in October; A1001's second row dropped
      outstanding: 43000.5, // 10,000.00 + 25,000.50 + 8,000.00
      target: 8600, // 2,000 + 5,000 + 1,600
      attempts: 6, // C0001 … C0006; the repeated C0002 dropped
      contacted: 3, // A1001 (first at C0002), A1002 (C0003), A1003 (C0006); C0001 and C0005 not connected
      rightParty: 3, // C0002, C0004, C0006
      promises: 2, // C0002, C0006
      totalTalk: 8, // (0 + 125 + 60 + 200 + 0 + 95) s = 480 s = 8 min
      effectiveTalk: 7, // right-party calls: (125 + 200 + 95) s = 420 s = 7 min
    });
    expect(at(rows, name, "2026-09")).toEqual({
      recovered: 2150.25, // 2,000.00 + 150.25 (paid 2026-09-30 23:59: still September)
      assigned: 1, // A1004
      outstanding: 12000,
      target: 2400,
      attempts: 1, // C0007
      contacted: 1,
      rightParty: 1,
      promises: 0,
      totalTalk: 5, // 300 s
      effectiveTalk: 5,
    });
  });

  test("Li Na's October refund nets off: her October = Σ of her October payment rows, −200.00 included", async () => {
    const data = await fixtures("en");
    const payments = (data.payments?.records ?? []).filter((p) => p.collector === "Li Na" && p.month === "2026-10");
    expect(payments.some((p) => p.amountCents === -20000)).toBe(true);
    const cents = payments.reduce((s, p) => s + p.amountCents, 0);
    expect(at(aggregate(data).rows, "Li Na", "2026-10").recovered).toBe(cents / 100);
  });

  test("Chinese and English fixtures give the same numbers for every collector and month", async () => {
    const zh = aggregate(await fixtures("zh.gbk")).rows;
    const en = aggregate(await fixtures("en")).rows;
    const names: Record<string, string> = { 张伟: "Zhang Wei", 李娜: "Li Na", 王芳: "Wang Fang" };
    expect(zh.map((r) => ({ ...r, collector: names[r.collector] }))).toEqual(en);
    expect(en.map((r) => `${r.collector} ${r.month}`)).toEqual(["Zhang Wei 2026-09", "Zhang Wei 2026-10", "Li Na 2026-09", "Li Na 2026-10", "Wang Fang 2026-09", "Wang Fang 2026-10"]);
  });

  test("stage M1 from dpd, Zhang Wei in October: only A1001 (dpd 15) and its calls", async () => {
    const { rows } = aggregate(await fixtures("en"), { stage: "m1" });
    // recovered is absent: the payment file has neither dpd nor bucket, so it has no stage
    expect(at(rows, "Zhang Wei", "2026-10")).toEqual({
      assigned: 1, // A1001 (dpd 15)
      outstanding: 10000,
      target: 2000,
      attempts: 3, // C0001, C0002, C0004 (A1001, dpd 15)
      contacted: 1, // A1001
      rightParty: 2, // C0002, C0004
      promises: 1, // C0002
      totalTalk: 325 / 60, // (0 + 125 + 200) s
      effectiveTalk: 325 / 60, // (125 + 200) s
    });
  });

  test("a stage asked of data without dpd or bucket: that input is not available", async () => {
    const { inputs, rows } = aggregate(await fixtures("en"), { stage: "m4plus" });
    expect(inputs).not.toContain("recovered"); // payments carry neither dpd nor bucket
    expect(at(rows, "Zhang Wei", "2026-10")).toEqual({
      assigned: 1, // A1003, dpd 120
      outstanding: 8000,
      target: 1600,
      attempts: 2, // C0005, C0006
      contacted: 1, // C0006
      rightParty: 1,
      promises: 1,
      totalTalk: 95 / 60,
      effectiveTalk: 95 / 60,
    });
  });

  test("by agency: Zhang Wei's October cases split Huaxin 2 (A1001, A1002), Zhengyuan 1 (A1003); payments and calls have no agency", async () => {
    const { rows, inputs } = aggregate(await fixtures("en"), { by: "agency" });
    expect(inputs).toEqual(["assigned", "outstanding", "target"]);
    expect(at(rows, "Zhang Wei", "2026-10", "Huaxin")).toEqual({ assigned: 2, outstanding: 35000.5, target: 7000 });
    expect(at(rows, "Zhang Wei", "2026-10", "Zhengyuan")).toEqual({ assigned: 1, outstanding: 8000, target: 1600 });
  });

  test("by bucket, from the bucket text as written", async () => {
    const { rows } = aggregate({ cases: (await fixtures("zh.gbk")).cases }, { by: "bucket" });
    expect(at(rows, "张伟", "2026-10", "M2阶段")).toEqual({ assigned: 1, outstanding: 25000.5, target: 5000 });
  });
});

describe("stageOf", () => {
  test.each<[number | undefined, string | undefined, Stage | undefined]>([
    [1, undefined, "m1"],
    [30, undefined, "m1"],
    [31, undefined, "m2m3"],
    [90, undefined, "m2m3"],
    [91, undefined, "m4plus"],
    [400, undefined, "m4plus"],
    [0, undefined, undefined],
    [-3, undefined, undefined],
    [15, "M4", "m1"], // a number of days wins over the bucket text
    [undefined, "M1", "m1"],
    [undefined, "m1", "m1"],
    [undefined, "M1阶段", "m1"],
    [undefined, "M2", "m2m3"],
    [undefined, "M3", "m2m3"],
    [undefined, "M2-M3", "m2m3"],
    [undefined, "Ｍ３", "m2m3"],
    [undefined, "M4", "m4plus"],
    [undefined, "M4+", "m4plus"],
    [undefined, "M6+", "m4plus"],
    [undefined, "M12", "m4plus"],
    [undefined, "31-60", "m2m3"],
    [undefined, "1-30天", "m1"],
    [undefined, "90+", "m4plus"],
    [undefined, "C", undefined],
    [undefined, "M0", undefined],
    [undefined, "核销", undefined],
    [undefined, undefined, undefined],
  ])("dpd %p, bucket %p → %p", (dpd, bucket, stage) => {
    expect(stageOf(dpd, bucket)).toBe(stage);
  });
});

describe("firstContacts", () => {
  test("1 on each account's earliest connected call in its collector-month, whatever the file order", () => {
    const calls = typeRows("calls", { headers: ["Agent", "Account", "Call Time", "Duration", "Connected"], rows: [
      ["Zhang Wei", "A1", "2026-10-05 10:00", 30, "Y"],
      ["Zhang Wei", "A1", "2026-10-02 10:00", 0, "N"],
      ["ZHANG WEI", "A1", "2026-10-03 10:00", 20, "Y"], // same collector for SUMIFS, earlier: the first
      ["Li Na", "A1", "2026-10-06 10:00", 20, "Y"], // another collector: counts for her
      ["Zhang Wei", "A1", "2026-11-01 10:00", 20, "Y"], // another month
    ], sourceRows: [2, 3, 4, 5, 6], blankLines: 0 }, { collector: 0, account: 1, calledAt: 2, duration: 3, connected: 4 });
    if (!calls.ok) throw new Error("typed");
    expect(Array.from(firstContacts(calls.table.records))).toEqual([0, 0, 1, 1, 1]);
  });
});

// ---- laws over generated data --------------------------------------------------------------

const COLLECTORS = ["Zhang Wei", "zhang wei", "Li Na", "王芳"];
const ACCOUNTS = ["A1", "A2", "A3", "A4", "A5"];
const day = fc.integer({ min: 0, max: 60 }).map((d) => new Date(Date.UTC(2026, 8, 15 + d)).toISOString().slice(0, 10));
const paymentRow = fc.tuple(fc.constantFrom(...COLLECTORS), fc.integer({ min: -50_000, max: 5_000_000 }), day, fc.option(fc.integer({ min: 1, max: 30 }).map((i) => `P${i}`), { nil: "" }));
const callRow = fc.tuple(fc.constantFrom(...COLLECTORS), fc.constantFrom(...ACCOUNTS), day, fc.integer({ min: 0, max: 600 }), fc.boolean(), fc.boolean(), fc.boolean(), fc.integer({ min: 0, max: 150 }));

const cents = (c: number) => `${c < 0 ? "-" : ""}${Math.floor(Math.abs(c) / 100)}.${String(Math.abs(c) % 100).padStart(2, "0")}`;
function payments(rows: readonly (readonly [string, number, string, string])[]) {
  const r = typeRows("payments", { headers: ["Agent", "Amount", "Date", "Payment ID"], rows: rows.map(([c, a, d, id]) => [c, cents(a), d, id]), sourceRows: rows.map((_, i) => i + 2), blankLines: 0 }, { collector: 0, amount: 1, paidOn: 2, paymentId: 3 });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.table;
}
function calls(rows: readonly (readonly [string, string, string, number, boolean, boolean, boolean, number])[]) {
  const headers = ["Agent", "Account", "Call Time", "Duration", "Connected", "RPC", "PTP", "DPD"];
  const raw: RawCell[][] = rows.map(([c, a, d, s, con, rpc, ptp, dpd]) => [c, a, d, s, con ? "Y" : "N", con && rpc ? "Y" : "N", ptp ? "是" : "否", dpd]);
  const r = typeRows("calls", { headers, rows: raw, sourceRows: rows.map((_, i) => i + 2), blankLines: 0 }, suggestMapping("calls", headers));
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.table;
}
const key = (r: AggregateRow) => `${r.collector.toLowerCase()}|${r.month}`;
function byKey(rows: readonly AggregateRow[]): Map<string, Partial<Record<DataInput, number>>> {
  return new Map(rows.map((r) => [key(r), r.values]));
}

describe("laws", () => {
  test("aggregating two parts and adding equals aggregating the whole (calls split by account, so distinct contacts add up too)", () => {
    fc.assert(
      fc.property(fc.array(callRow, { maxLength: 40 }), fc.subarray(ACCOUNTS), fc.constantFrom<Stage | undefined>(undefined, "m1", "m2m3", "m4plus"), (rows, part, stage) => {
        const whole = byKey(aggregate({ calls: calls(rows) }, { stage }).rows);
        const a = byKey(aggregate({ calls: calls(rows.filter((r) => part.includes(r[1]))) }, { stage }).rows);
        const b = byKey(aggregate({ calls: calls(rows.filter((r) => !part.includes(r[1]))) }, { stage }).rows);
        for (const [k, v] of whole) {
          for (const input of Object.keys(v) as DataInput[]) {
            const sum = (a.get(k)?.[input] ?? 0) + (b.get(k)?.[input] ?? 0);
            expect(v[input]).toBeCloseTo(sum, 9);
          }
        }
        expect([...a.keys(), ...b.keys()].every((k) => whole.has(k))).toBe(true);
      })
    );
  });

  test("payments split anywhere add up to the cent (ids unique to a part)", () => {
    fc.assert(
      fc.property(fc.array(paymentRow, { maxLength: 40 }), fc.nat(), (rows, cut) => {
        const unique = rows.map(([c, a, d], i) => [c, a, d, `P${i}`] as const);
        const at = cut % (unique.length + 1);
        const whole = byKey(aggregate({ payments: payments(unique) }).rows);
        const a = byKey(aggregate({ payments: payments(unique.slice(0, at)) }).rows);
        const b = byKey(aggregate({ payments: payments(unique.slice(at)) }).rows);
        for (const [k, v] of whole) {
          const sumCents = Math.round((a.get(k)?.recovered ?? 0) * 100) + Math.round((b.get(k)?.recovered ?? 0) * 100);
          expect(Math.round((v.recovered as number) * 100)).toBe(sumCents);
        }
      })
    );
  });

  test("dedup is idempotent: the data exported twice, or the kept rows typed again, change nothing", () => {
    fc.assert(
      fc.property(fc.array(paymentRow, { maxLength: 40 }), (rows) => {
        const withIds = rows.filter((r) => r[3] !== "");
        const once = payments(withIds);
        const twice = payments([...withIds, ...withIds]);
        expect(twice.records.map((r) => ({ ...r, row: 0 }))).toEqual(once.records.map((r) => ({ ...r, row: 0 })));
        const again = payments(once.records.map((p) => [p.collector, p.amountCents, new Date(Date.UTC(1899, 11, 30 + p.paidOn)).toISOString().slice(0, 10), p.paymentId ?? ""] as const));
        expect(again.stats.duplicates).toBe(0);
        expect(again.records.length).toBe(once.records.length);
      })
    );
  });

  test("contacted ≤ distinct accounts called, ≤ attempts; right-party ≤ attempts; effective talk ≤ total talk", () => {
    fc.assert(
      fc.property(fc.array(callRow, { maxLength: 40 }), (rows) => {
        const table = calls(rows);
        for (const r of aggregate({ calls: table }).rows) {
          const v = r.values as Record<DataInput, number>;
          const accounts = new Set(table.records.filter((c) => c.collector.toLowerCase() === r.collector.toLowerCase() && c.month === r.month).map((c) => c.account));
          expect(v.contacted).toBeLessThanOrEqual(accounts.size);
          expect(v.contacted).toBeLessThanOrEqual(v.attempts);
          expect(v.rightParty).toBeLessThanOrEqual(v.attempts);
          expect(v.effectiveTalk).toBeLessThanOrEqual(v.totalTalk);
        }
      })
    );
  });

  test("Σ over collectors of recovered = Σ of the month's kept payments, to the cent; collectors differing only in case are one", () => {
    fc.assert(
      fc.property(fc.array(paymentRow, { maxLength: 40 }), (rows) => {
        const table = payments(rows);
        const agg = aggregate({ payments: table }).rows;
        for (const month of new Set(table.records.map((p) => p.month))) {
          const total = table.records.filter((p) => p.month === month).reduce((s, p) => s + p.amountCents, 0);
          const sum = agg.filter((r) => r.month === month).reduce((s, r) => s + Math.round((r.values.recovered as number) * 100), 0);
          expect(sum).toBe(total);
          expect(agg.filter((r) => r.month === month && r.collector.toLowerCase() === "zhang wei").length).toBeLessThanOrEqual(1);
        }
      })
    );
  });

  test("stages partition the rows that have one: the three stage aggregates add up to the unfiltered one less the current accounts", () => {
    fc.assert(
      fc.property(fc.array(callRow, { maxLength: 40 }), (rows) => {
        const staged = rows.filter((r) => r[7] >= 1); // dpd 0 is current: no stage
        const all = byKey(aggregate({ calls: calls(staged) }).rows);
        const parts = (["m1", "m2m3", "m4plus"] as const).map((stage) => byKey(aggregate({ calls: calls(staged) }, { stage }).rows));
        for (const [k, v] of all) {
          for (const input of ["attempts", "rightParty", "promises", "totalTalk", "contacted"] as const) {
            expect(parts.reduce((s, p) => s + (p.get(k)?.[input] ?? 0), 0)).toBeCloseTo(v[input] as number, 9);
          }
        }
      })
    );
  });
});
