import { type DataProblem, type DatasetKind, type RawCell, type RawTable, monthOf, monthStart, parseCsv, serialOf, suggestMapping, typeRows } from "../../../src/data";
import { EN_NAME, bytes, typed } from "./load";

function table(headers: string[], rows: RawCell[][]): RawTable {
  return { headers, rows, sourceRows: rows.map((_, i) => i + 2), blankLines: 0 };
}
function run<K extends DatasetKind>(kind: K, headers: string[], rows: RawCell[][]) {
  return typeRows(kind, table(headers, rows), suggestMapping(kind, headers));
}
/** One payment row with this amount and date. */
function payment(amount: RawCell, date: RawCell = "2026-10-03") {
  const r = run("payments", ["Agent", "Amount", "Payment Date"], [["Zhang Wei", amount, date]]);
  return r.ok ? r.table.records[0] : r.problems[0];
}
/** One call row with these cells. */
function call(cells: { at?: RawCell; duration?: RawCell; connected?: RawCell; rpc?: RawCell }) {
  const r = run("calls", ["Agent", "Account", "Call Time", "Duration", "Connected", "RPC"], [["Zhang Wei", "A1", cells.at ?? "2026-10-03 10:00:00", cells.duration ?? 60, "connected" in cells ? (cells.connected as RawCell) : "Y", cells.rpc ?? "N"]]);
  return r.ok ? r.table.records[0] : r.problems[0];
}

describe("dates → Excel serial days (1900 system) and months", () => {
  test("2026-10-01 is 46296 (see serialOf's comment for the count by hand)", () => {
    expect(serialOf(2026, 10, 1)).toBe(46296);
    // 1900-03-01 is 61 in Excel (its phantom 1900-02-29 is 60); 2024-02-29 exists: 2024-03-01 − 1
    expect(serialOf(1900, 3, 1)).toBe(61);
    expect(serialOf(2024, 2, 29)).toBe(serialOf(2024, 3, 1) - 1);
    expect(monthOf(46296.99)).toBe("2026-10");
    expect(monthOf(46295)).toBe("2026-09");
    expect(monthStart("2026-10")).toBe(46296);
  });

  // 2026-10-03 = 46296 + 2 = 46298
  test.each<[RawCell, number]>([
    ["2026-10-03", 46298],
    ["2026/10/3", 46298],
    ["2026.10.03", 46298],
    ["20261003", 46298],
    ["2026年10月3日", 46298],
    [" 2026-10-03 ", 46298],
    [46298, 46298],
    [new Date(Date.UTC(2026, 9, 3)), 46298],
  ])("payment date %p → %d", (v, serial) => {
    expect(payment(100, v)).toMatchObject({ paidOn: serial, month: "2026-10" });
  });

  test("a payment's time of day is dropped; the date part decides the month (no time zone shift)", () => {
    expect(payment(100, "2026-09-30 23:59:00")).toMatchObject({ paidOn: 46295, month: "2026-09" });
    expect(payment(100, "2026-09-30T23:59:00+08:00")).toMatchObject({ paidOn: 46295, month: "2026-09" });
  });

  test("a call keeps its time as the serial's fraction: 14:05 = (14 × 3600 + 5 × 60) / 86400 = 0.586805…", () => {
    expect(call({ at: "2026-10-03 14:05:00" })).toMatchObject({ calledAt: 46298 + 50700 / 86400, month: "2026-10" });
    expect(call({ at: "2026年10月3日 14:05" })).toMatchObject({ calledAt: 46298 + 50700 / 86400 });
    expect(call({ at: new Date(Date.UTC(2026, 9, 31, 23, 30)) })).toMatchObject({ month: "2026-10" });
  });

  test.each<RawCell>(["2026-13-01", "2026-02-29", "2026-09-31", "10/03/2026", "03.10.2026", "yesterday", "2026-10-03 25:00", "2026-10/03", 0, -5, true])("bad-date: %p", (v) => {
    expect(payment(100, v)).toMatchObject({ code: "bad-date", row: 2, column: "Payment Date" });
  });
});

describe("amounts in integer cents", () => {
  test.each<[RawCell, number]>([
    ["1200", 120000],
    ["1,200.00", 120000],
    ["3,450.50", 345050],
    ["¥1,200.5", 120050],
    ["￥3,450.50", 345050],
    ["CNY 80", 8000],
    ["80元", 8000],
    ["1234567.891", 123456789], // 0.891 → 89 cents (the third decimal 1 rounds down)
    ["0.005", 1], // half a cent rounds away from zero
    [".5", 50],
    ["-200.00", -20000], // a refund: negative amounts are kept and net off (docs/data-import.md)
    ["-¥200", -20000],
    ["１，２００．００", 120000], // full-width digits and comma, as some Chinese exports write them
    [1200.5, 120050],
    [1.005, 101], // 1.005 × 100 is 100.49999… in binary; the amount is 1.005, so 100.5 → 101
    [0.1 + 0.2, 30],
  ])("%p → %d cents", (v, cents) => {
    expect(payment(v)).toMatchObject({ amountCents: cents });
  });

  test.each<RawCell>(["12O0.00", "abc", "1,20,0", "1.2.3", "--5", "-", "¥", "1 200", true, Number.NaN, new Date(0)])("not-a-number: %p", (v) => {
    expect(payment(v)).toMatchObject({ code: "not-a-number", row: 2, column: "Amount" });
  });
});

describe("durations, flags, connected", () => {
  test.each<[RawCell, number]>([
    [95, 95],
    ["95", 95],
    ["95秒", 95],
    ["95s", 95],
    ["02:05", 125],
    ["1:02:03", 3723],
    ["0:00", 0],
    [new Date(Date.UTC(1899, 11, 30, 0, 2, 5)), 125], // a time-formatted XLSX cell
  ])("duration %p → %d s", (v, s) => {
    expect(call({ duration: v })).toMatchObject({ duration: s });
  });

  test.each<[RawCell, string]>([
    ["abc", "not-a-number"],
    ["1:75", "not-a-number"],
    ["-5", "out-of-range"],
    [-5, "out-of-range"],
  ])("duration %p → %s", (v, code) => {
    expect(call({ duration: v })).toMatchObject({ code, row: 2, column: "Duration" });
  });

  test.each<[RawCell, boolean]>([
    ["是", true],
    ["否", false],
    ["Y", true],
    ["n", false],
    ["Yes", true],
    ["no", false],
    ["TRUE", true],
    ["false", false],
    ["1", true],
    [0, false],
    [true, true],
    ["接通", true],
    ["已接通", true],
    ["未接通", false],
    ["", false],
    [null, false],
  ])("flag %p → %p", (v, b) => {
    expect(call({ connected: v })).toMatchObject({ connected: b });
  });

  test.each<RawCell>(["maybe", "2", 2, "是的"])("bad-flag: %p", (v) => {
    expect(call({ connected: v })).toMatchObject({ code: "bad-flag", column: "Connected" });
  });

  test("without a connected column, a call with talk time counts as connected", () => {
    const r = run("calls", ["Agent", "Account", "Call Time", "Duration"], [
      ["Zhang Wei", "A1", "2026-10-03", 0],
      ["Zhang Wei", "A1", "2026-10-03", 12],
    ]);
    expect(r.ok && r.table.records.map((c) => c.connected)).toEqual([false, true]);
  });
});

describe("problems: located, at most 20, nothing typed when any", () => {
  const problemsOf = async (file: string, kind: DatasetKind): Promise<readonly DataProblem[]> => {
    const parsed = await parseCsv(new TextDecoder().decode(bytes(file)));
    if (!parsed.ok) throw new Error("not parsed");
    const r = typeRows(kind, parsed.table, suggestMapping(kind, parsed.table.headers));
    return r.ok ? [] : r.problems;
  };

  test("bad-amount.csv: row 4, column Amount, value 12O0.00 (a letter O)", async () => {
    expect(await problemsOf("bad-amount.csv", "payments")).toEqual([expect.objectContaining({ code: "not-a-number", row: 4, column: "Amount", value: "12O0.00" })]);
  });

  test("bad-date.csv: row 3 (month 13) and row 5 (a US date; line 4 is blank)", async () => {
    expect(await problemsOf("bad-date.csv", "payments")).toEqual([
      expect.objectContaining({ code: "bad-date", row: 3, column: "Payment Date", value: "2026-13-01" }),
      expect.objectContaining({ code: "bad-date", row: 5, column: "Payment Date", value: "10/03/2026" }),
    ]);
  });

  test("a blank required cell: blank-required with its row and column; a blank optional cell is fine", () => {
    const r = run("payments", ["Agent", "Amount", "Payment Date", "Payment ID"], [
      ["Zhang Wei", "10", "2026-10-01", ""],
      ["", "10", "2026-10-01", "P2"],
    ]);
    expect(!r.ok && r.problems).toEqual([expect.objectContaining({ code: "blank-required", row: 3, column: "Agent" })]);
  });

  test("a required field without a column: missing-column naming the field", () => {
    const r = typeRows("calls", table(["Agent", "Account"], [["a", "b"]]), { collector: 0, account: 1 });
    expect(!r.ok && r.problems.map((p) => [p.code, p.value])).toEqual([
      ["missing-column", "calledAt"],
      ["missing-column", "duration"],
    ]);
  });

  test("no more than 20 problems are listed", () => {
    const rows = Array.from({ length: 50 }, () => ["Zhang Wei", "x", "y"]);
    const r = run("payments", ["Agent", "Amount", "Payment Date"], rows);
    expect(!r.ok && r.problems.length).toBe(20);
    // row 2 has two problems (amount and date), so the 20th problem is row 11's date
    expect(!r.ok && r.problems[19]).toMatchObject({ row: 11, column: "Payment Date" });
  });
});

describe("duplicates and blank rows", () => {
  test("a payment id seen before is dropped; payments without an id are all kept", () => {
    const r = run("payments", ["Payment ID", "Agent", "Amount", "Date"], [
      ["P1", "Zhang Wei", "10", "2026-10-01"],
      ["P1", "Zhang Wei", "10", "2026-10-01"],
      ["", "Zhang Wei", "10", "2026-10-01"],
      ["", "Zhang Wei", "10", "2026-10-01"],
      [null, "", "  ", null],
    ]);
    expect(r.ok && r.table.stats).toEqual({ rows: 5, kept: 3, duplicates: 1, blankRows: 1, blankLines: 0 });
  });

  test("a case with the same account, collector (in any letter case, as SUMIFS compares) and month is dropped", () => {
    const r = run("cases", ["Account", "Collector", "Placement Date"], [
      ["A1", "Zhang Wei", "2026-10-01"],
      ["A1", "zhang wei", "2026-10-20"], // same month
      ["A1", "Zhang Wei", "2026-11-01"], // next month: a new placement
      ["A1", "Li Na", "2026-10-01"], // another collector
    ]);
    expect(r.ok && r.table.records.map((c) => [c.collector, c.month])).toEqual([
      ["Zhang Wei", "2026-10"],
      ["Zhang Wei", "2026-11"],
      ["Li Na", "2026-10"],
    ]);
  });

  test("the fixtures: counts of rows, duplicates, blank rows and lines (scripts/fixtures.js)", async () => {
    // cases: 22 records (5 of Zhang Wei's, 16 generated, 1 repeat) and a row of empty cells; A1001 and A2015 repeated
    // payments: 28 records (6 + 20 + a refund + 1 repeat) + empty row; P0003 and P0103 repeated
    // calls: 41 records (8 + 32 + 1 repeat) + empty row; C0002 and one of Li Na's repeated
    for (const lang of ["zh.gbk", "en"]) {
      expect((await typed(`cases.${lang}.csv`, "cases")).stats).toEqual({ rows: 23, kept: 20, duplicates: 2, blankRows: 1, blankLines: 1 });
      expect((await typed(`payments.${lang}.csv`, "payments")).stats).toEqual({ rows: 29, kept: 26, duplicates: 2, blankRows: 1, blankLines: 1 });
      expect((await typed(`calls.${lang}.csv`, "calls")).stats).toEqual({ rows: 42, kept: 39, duplicates: 2, blankRows: 1, blankLines: 1 });
    }
  });

  test("the Chinese GBK and English UTF-8 fixtures give the same records", async () => {
    for (const kind of ["cases", "payments", "calls"] as const) {
      const zh = await typed(`${kind}.zh.gbk.csv`, kind);
      const en = await typed(`${kind}.en.csv`, kind);
      const neutral = (r: object) => {
        const o = { ...(r as Record<string, unknown>) };
        o.collector = EN_NAME[o.collector as string] ?? o.collector;
        delete o.agency;
        delete o.product;
        delete o.bucket; // 账龄 "M1阶段" against "M1": the same stage (aggregate.test.ts)
        return o;
      };
      expect(zh.records.map(neutral)).toEqual(en.records.map(neutral));
    }
  });
});
