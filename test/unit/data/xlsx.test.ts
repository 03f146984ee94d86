import { aggregate, readXlsx, suggestMapping, typeRows } from "../../../src/data";
import { bytes, typed } from "./load";

describe("readXlsx", () => {
  test("payments.en.xlsx: headers, numbers as numbers, dates as Dates, sheet rows as source rows", async () => {
    const r = await readXlsx(bytes("payments.en.xlsx"));
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.table.headers).toEqual(["Payment ID", "Account", "Agent", "Payment Amount", "Payment Date"]);
    expect(r.table.rows[1].slice(0, 4)).toEqual(["P0002", "A1002", "Zhang Wei", 3450.5]);
    expect(r.table.rows[1][4]).toEqual(new Date(Date.UTC(2026, 9, 15)));
    expect(Array.from(r.table.sourceRows).slice(0, 3)).toEqual([2, 3, 4]);
  });

  test("the XLSX gives the same payments and the same aggregates as the CSV (duplicates dropped alike)", async () => {
    const r = await readXlsx(bytes("payments.en.xlsx"));
    if (!r.ok) throw new Error("not read");
    const x = typeRows("payments", r.table, suggestMapping("payments", r.table.headers));
    if (!x.ok) throw new Error(JSON.stringify(x.problems));
    const csv = await typed("payments.en.csv", "payments");
    const strip = (p: object) => ({ ...p, row: 0 });
    expect(x.table.records.map(strip)).toEqual(csv.records.map(strip));
    expect(x.table.stats.duplicates).toBe(2);
    // Zhang Wei's October: 1,200.00 + 3,450.50 + 800.00 = 5,450.50 (P0003 twice, counted once)
    expect(aggregate({ payments: x.table }).rows.find((row) => row.collector === "Zhang Wei" && row.month === "2026-10")?.values.recovered).toBe(5450.5);
  });

  test("not an XLSX (a CSV, an old binary .xls signature): unreadable-file, never an exception", async () => {
    for (const b of [bytes("payments.en.csv"), Uint8Array.of(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0)]) {
      const r = await readXlsx(b);
      expect(r).toMatchObject({ ok: false, cancelled: false, problems: [{ code: "unreadable-file" }] });
    }
  });

  test("0 bytes: empty-file", async () => {
    expect(await readXlsx(new Uint8Array(0))).toMatchObject({ ok: false, problems: [{ code: "empty-file" }] });
  });
});
