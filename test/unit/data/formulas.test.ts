/**
 * formulas.ts against aggregate.ts: the owned tables written into a HyperFormula workbook with
 * a name per column, the data-input formulas evaluated per collector and month, and each
 * result compared with the JavaScript aggregate (counts exactly, money to the cent).
 */
import fc from "fast-check";
import { HyperFormula, type RawCellContent } from "hyperformula";
import {
  type AggregateOptions,
  DATA_INPUTS,
  type DataInput,
  type Datasets,
  type DatasetKind,
  type FieldId,
  type GroupField,
  type OwnedCell,
  type Stage,
  type TypedTable,
  aggregate,
  columnName,
  dataInputFormula,
  ownedRows,
  suggestMapping,
  tableColumns,
  typeRows,
} from "../../../src/data";
import { typed } from "./load";

const SHEET: Record<DatasetKind, string> = { cases: "Cases", payments: "Payments", calls: "Calls" };

function colLetter(i: number): string {
  let s = "";
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}
/** Text as text (HyperFormula would read "2026-10-03" as a date and "=x" as a formula). */
const cell = (v: OwnedCell): RawCellContent => (typeof v === "string" ? `'${v}` : v);

/**
 * A workbook with one sheet per imported kind and a scorecard sheet: B1 the month start,
 * column A the collectors (and B the group value when split), then one formula per input.
 */
function evaluate(data: Datasets, options: AggregateOptions) {
  const sheets: Record<string, RawCellContent[][]> = {};
  const names: { name: string; expression: string }[] = [];
  const mapped: Partial<Record<DatasetKind, readonly FieldId[]>> = {};
  for (const kind of ["cases", "payments", "calls"] as const) {
    const table = data[kind] as TypedTable | undefined;
    if (!table) continue;
    mapped[kind] = table.mapped;
    const cols = tableColumns(kind, table.mapped);
    const body = ownedRows(table);
    sheets[SHEET[kind]] = [cols.map((c) => c.key), ...body.map((r) => r.map(cell))];
    const last = Math.max(2, body.length + 1);
    cols.forEach((c, j) => names.push({ name: c.name, expression: `=${SHEET[kind]}!$${colLetter(j)}$2:$${colLetter(j)}$${last}` }));
  }
  const { rows } = aggregate(data, options);
  const card: RawCellContent[][] = [];
  rows.forEach((r, i) => {
    const line = i + 1;
    const formulas = DATA_INPUTS.map((input) => {
      const f = dataInputFormula(input, {
        rowLabel: `$A${line}`,
        monthStart: `$B${line}`,
        stage: options.stage,
        group: options.by ? { field: options.by as GroupField, cell: `$C${line}` } : undefined,
        mapped,
      });
      return f === undefined ? null : `=${f}`;
    });
    card.push([`'${r.collector}`, r.monthStart, r.group === undefined || r.group === "" ? null : `'${r.group}`, ...formulas]);
  });
  sheets.Card = card;
  const hf = HyperFormula.buildFromSheets(sheets, { licenseKey: "gpl-v3" }, names);
  const card0 = hf.getSheetId("Card") as number;
  return rows.map((r, i) => {
    const got: Partial<Record<DataInput, unknown>> = {};
    DATA_INPUTS.forEach((input, k) => {
      const v = hf.getCellValue({ sheet: card0, row: i, col: 3 + k });
      if (v !== null) got[input] = v;
    });
    return { row: r, got };
  });
}

/** Formula results equal the aggregate: the same inputs, counts exactly, money to the cent, minutes to 1e-9. */
function expectSame(data: Datasets, options: AggregateOptions = {}) {
  const results = evaluate(data, options);
  for (const { row, got } of results) {
    expect(Object.keys(got).sort()).toEqual(Object.keys(row.values).sort());
    for (const [input, want] of Object.entries(row.values) as [DataInput, number][]) {
      const v = got[input];
      if (typeof v !== "number") throw new Error(`${row.collector} ${row.month} ${input}: ${String(v)}`);
      if (input === "recovered" || input === "outstanding" || input === "target") expect(Math.round(v * 100)).toBe(Math.round(want * 100));
      else if (input === "totalTalk" || input === "effectiveTalk") expect(v).toBeCloseTo(want, 9);
      else expect(v).toBe(want);
    }
  }
  return results.length;
}

async function fixtures(lang: "zh.gbk" | "en"): Promise<Datasets> {
  return { cases: await typed(`cases.${lang}.csv`, "cases"), payments: await typed(`payments.${lang}.csv`, "payments"), calls: await typed(`calls.${lang}.csv`, "calls") };
}

describe("formula text", () => {
  const mapped = { payments: ["collector", "amount", "paidOn"], cases: ["collector", "account", "placedOn", "bucket"], calls: ["collector", "account", "calledAt", "duration", "rightParty", "dpd"] } as const;

  test("recovered: one SUMIFS over the payment columns, the month from its first day to EDATE(…,1)", () => {
    expect(dataInputFormula("recovered", { rowLabel: "$A6", monthStart: "$B$2", mapped })).toBe(
      'SUMIFS(CK_Payments_Amount,CK_Payments_Collector,$A6,CK_Payments_PaidOn,">="&$B$2,CK_Payments_PaidOn,"<"&EDATE($B$2,1))'
    );
  });

  test("contacted sums FirstContact; talk is seconds / 60; right-party is the flag = 1; stage by dpd bounds", () => {
    const ctx = { rowLabel: "$A6", monthStart: "$B$2", mapped, stage: "m2m3" as Stage };
    const when = 'CK_Calls_Collector,$A6,CK_Calls_CalledAt,">="&$B$2,CK_Calls_CalledAt,"<"&EDATE($B$2,1),CK_Calls_Dpd,">=31",CK_Calls_Dpd,"<=90"';
    expect(dataInputFormula("contacted", ctx)).toBe(`SUMIFS(CK_Calls_FirstContact,${when})`);
    expect(dataInputFormula("attempts", ctx)).toBe(`COUNTIFS(${when})`);
    expect(dataInputFormula("effectiveTalk", ctx)).toBe(`SUMIFS(CK_Calls_Duration,${when},CK_Calls_RightParty,1)/60`);
  });

  test("stage by the normalized Stage column when only a bucket is mapped", () => {
    expect(dataInputFormula("assigned", { rowLabel: "$A6", monthStart: "$B$2", mapped, stage: "m4plus" })).toBe(
      'COUNTIFS(CK_Cases_Collector,$A6,CK_Cases_PlacedOn,">="&$B$2,CK_Cases_PlacedOn,"<"&EDATE($B$2,1),CK_Cases_Stage,"M4+")'
    );
    expect(tableColumns("cases", mapped.cases).map((c) => c.name)).toEqual(["CK_Cases_Collector", "CK_Cases_Account", "CK_Cases_PlacedOn", "CK_Cases_Bucket", "CK_Cases_Stage"]);
  });

  test("undefined when the data cannot give the input", () => {
    const ctx = { rowLabel: "$A6", monthStart: "$B$2", mapped };
    expect(dataInputFormula("promises", ctx)).toBeUndefined(); // no promise column
    expect(dataInputFormula("outstanding", ctx)).toBeUndefined(); // no balance column
    expect(dataInputFormula("recovered", { ...ctx, stage: "m1" })).toBeUndefined(); // payments without dpd or bucket
    expect(dataInputFormula("recovered", { ...ctx, mapped: { cases: mapped.cases } })).toBeUndefined(); // no payments imported
    expect(dataInputFormula("attempts", { ...ctx, group: { field: "agency", cell: "$C6" } })).toBeUndefined(); // calls without agency
  });

  test("only SUMIFS, COUNTIFS, EDATE and (for a split) IF: Excel 2010, LibreOffice 7, WPS", () => {
    const all = { cases: ["collector", "account", "placedOn", "balance", "target", "dpd", "agency"], payments: ["collector", "amount", "paidOn", "dpd", "agency"], calls: ["collector", "account", "calledAt", "duration", "connected", "rightParty", "promise", "dpd", "agency"] } as const;
    for (const [stage, group] of [undefined, "m1", "m2m3", "m4plus"].flatMap((s) => [[s, undefined], [s, { field: "agency", cell: "$C6" }]] as const)) {
      for (const input of DATA_INPUTS) {
        const f = dataInputFormula(input, { rowLabel: "$A6", monthStart: "$B$2", mapped: all, stage: stage as Stage | undefined, group });
        const functions = (f as string).match(/[A-Z][A-Z0-9.]*(?=\()/g) ?? [];
        expect(functions.length).toBeGreaterThan(1);
        expect(functions.filter((name) => !["SUMIFS", "COUNTIFS", "EDATE", "IF"].includes(name))).toEqual([]);
      }
    }
  });

  test("columnName and the calls table's FirstContact column", () => {
    expect(columnName("payments", "paidOn")).toBe("CK_Payments_PaidOn");
    expect(tableColumns("calls", ["collector", "account", "calledAt", "duration"]).map((c) => c.name)).toEqual(["CK_Calls_Collector", "CK_Calls_Account", "CK_Calls_CalledAt", "CK_Calls_Duration", "CK_Calls_FirstContact"]);
  });
});

describe("formulas evaluated by HyperFormula = aggregate.ts", () => {
  test.each(["en", "zh.gbk"] as const)("the %s fixtures: every collector, month and input", async (lang) => {
    expect(expectSame(await fixtures(lang))).toBe(6);
  });

  test.each(["m1", "m2m3", "m4plus"] as const)("the fixtures, stage %s (dpd bounds)", async (stage) => {
    expect(expectSame(await fixtures("en"), { stage })).toBeGreaterThan(0);
  });

  test("stage by bucket only (the Stage column): cases without their dpd column", async () => {
    const t = await typed("cases.zh.gbk.csv", "cases");
    const noDpd = typeRows("cases", { headers: ["案件编号", "催收员", "分案日期", "委案金额", "账龄"], rows: t.records.map((c) => [c.account, c.collector, c.placedOn, c.balanceCents === undefined ? null : c.balanceCents / 100, c.bucket ?? null]), sourceRows: t.records.map((c) => c.row), blankLines: 0 }, { account: 0, collector: 1, placedOn: 2, balance: 3, bucket: 4 });
    if (!noDpd.ok) throw new Error("typed");
    for (const stage of ["m1", "m2m3", "m4plus"] as const) expect(expectSame({ cases: noDpd.table }, { stage })).toBeGreaterThan(0);
  });

  test("split by agency and by product", async () => {
    const { cases } = await fixtures("zh.gbk");
    expect(expectSame({ cases }, { by: "agency" })).toBeGreaterThan(6);
    expect(expectSame({ cases }, { by: "product", stage: "m4plus" })).toBeGreaterThan(0);
  });

  test("split by agency where some cases have none (kept in-house): the blank group's formula counts the blank cells", () => {
    const headers = ["Account", "Collector", "Placement Date", "Balance", "Agency"];
    const rows = [
      ["A1", "Zhang Wei", "2026-10-01", "100.10", "Huaxin"],
      ["A2", "Zhang Wei", "2026-10-02", "200.20", ""],
      ["A3", "Zhang Wei", "2026-10-03", "300.30", null],
      ["A4", "Li Na", "2026-10-03", "400.40", "huaxin"], // SUMIFS ignores case: one Huaxin group
    ];
    const cases = typeRows("cases", { headers, rows, sourceRows: [2, 3, 4, 5], blankLines: 0 }, suggestMapping("cases", headers));
    if (!cases.ok) throw new Error("typed");
    const { rows: agg } = aggregate({ cases: cases.table }, { by: "agency" });
    // Zhang Wei, no agency: A2 + A3 = 200.20 + 300.30 = 500.50
    expect(agg.find((r) => r.collector === "Zhang Wei" && r.group === "")?.values).toEqual({ assigned: 2, outstanding: 500.5 });
    expect(expectSame({ cases: cases.table }, { by: "agency" })).toBe(3);
  });

  test("generated call logs and payments (collectors in mixed case, refunds, several stages)", () => {
    const collector = fc.constantFrom("Zhang Wei", "ZHANG WEI", "Li Na", "王芳");
    const when = fc.tuple(fc.integer({ min: 0, max: 70 }), fc.integer({ min: 0, max: 86399 })).map(([d, s]) => {
      const t = new Date(Date.UTC(2026, 8, 10 + d, 0, 0, s));
      return t.toISOString().slice(0, 19).replace("T", " ");
    });
    const call = fc.tuple(collector, fc.constantFrom("A1", "A2", "A3"), when, fc.integer({ min: 0, max: 900 }), fc.constantFrom("Y", "N"), fc.constantFrom("Y", "N"), fc.constantFrom("Y", "N", ""), fc.integer({ min: 0, max: 200 }));
    const payment = fc.tuple(collector, fc.integer({ min: -100_000, max: 10_000_000 }), when, fc.integer({ min: 0, max: 200 }));
    fc.assert(
      fc.property(fc.array(call, { maxLength: 30 }), fc.array(payment, { maxLength: 30 }), fc.constantFrom<Stage | undefined>(undefined, "m1", "m2m3", "m4plus"), (cs, ps, stage) => {
        const callHeaders = ["Agent", "Account", "Call Time", "Duration", "Connected", "RPC", "PTP", "DPD"];
        const calls = typeRows("calls", { headers: callHeaders, rows: cs.map((c) => [...c]), sourceRows: cs.map((_, i) => i + 2), blankLines: 0 }, suggestMapping("calls", callHeaders));
        const payments = typeRows("payments", { headers: ["Agent", "Amount", "Date", "DPD"], rows: ps.map(([c, cents, d, dpd]) => [c, cents / 100, d, dpd]), sourceRows: ps.map((_, i) => i + 2), blankLines: 0 }, { collector: 0, amount: 1, paidOn: 2, dpd: 3 });
        if (!calls.ok || !payments.ok) throw new Error("typed");
        expectSame({ calls: calls.table, payments: payments.table }, { stage });
      }),
      { numRuns: 40 }
    );
  });
});

describe("a whole team's month (no rowLabel: the Monthly trend sheet)", () => {
  const mapped = { payments: ["collector", "amount", "paidOn"] } as const;

  test("no collector criterion; a row's formula keeps it", () => {
    expect(dataInputFormula("recovered", { monthStart: "$A5", mapped })).toBe('SUMIFS(CK_Payments_Amount,CK_Payments_PaidOn,">="&$A5,CK_Payments_PaidOn,"<"&EDATE($A5,1))');
    expect(dataInputFormula("recovered", { rowLabel: "", monthStart: "$A5", mapped })).toBe(dataInputFormula("recovered", { monthStart: "$A5", mapped }));
    expect(dataInputFormula("recovered", { rowLabel: "$A6", monthStart: "$B$2", mapped })).toContain("CK_Payments_Collector,$A6,");
  });

  test("evaluated over the fixtures: each month's team formula = the sum of aggregate()'s rows of that month, for every input", async () => {
    const data = await fixtures("en");
    const names: { name: string; expression: string }[] = [];
    const sheets: Record<string, RawCellContent[][]> = {};
    const mappedAll: Partial<Record<DatasetKind, readonly FieldId[]>> = {};
    for (const kind of ["cases", "payments", "calls"] as const) {
      const table = data[kind] as TypedTable;
      mappedAll[kind] = table.mapped;
      const cols = tableColumns(kind, table.mapped);
      const body = ownedRows(table);
      sheets[SHEET[kind]] = [cols.map((c) => c.key), ...body.map((r) => r.map(cell))];
      cols.forEach((c, j) => names.push({ name: c.name, expression: `=${SHEET[kind]}!$${colLetter(j)}$2:$${colLetter(j)}$${body.length + 1}` }));
    }
    const { rows } = aggregate(data);
    const months = [...new Set(rows.map((r) => r.monthStart))].sort((a, b) => a - b);
    sheets.Trend = months.map((m, i) => [m, ...DATA_INPUTS.map((input) => `=${dataInputFormula(input, { monthStart: `$A${i + 1}`, mapped: mappedAll }) as string}`)]);
    const hf = HyperFormula.buildFromSheets(sheets, { licenseKey: "gpl-v3" }, names);
    const sheet = hf.getSheetId("Trend") as number;
    months.forEach((m, i) => {
      DATA_INPUTS.forEach((input, k) => {
        const want = rows.filter((r) => r.monthStart === m).reduce((sum, r) => sum + (r.values[input] ?? 0), 0);
        expect([m, input, hf.getCellValue({ sheet, row: i, col: 1 + k })]).toEqual([m, input, expect.closeTo(want, 6)]);
      });
    });
    expect(months).toHaveLength(2);
    // October 2026 recovered, by hand from payments.en.csv (the repeated P0003 counted once):
    // Zhang Wei 1,200.00 + 3,450.50 + 800.00 = 5,450.50; Li Na 635.75 + 4,790.69 + 596.50 + 2,869.79
    // + 3,666.76 − 200.00 = 12,359.49; Wang Fang 1,693.92 + 4,843.22 + 2,337.32 + 3,628.62 + 2,481.17
    // = 14,984.25; the team 5,450.50 + 12,359.49 + 14,984.25 = 32,794.24.
    expect(hf.getCellValue({ sheet, row: 1, col: 1 + DATA_INPUTS.indexOf("recovered") })).toBeCloseTo(32794.24, 6);
  });
});
