/**
 * The fast paths of the import (issue 14's bench item 8) give exactly what the general paths
 * give: a quote-free CSV slice split without papaparse, dates/amounts/durations/numbers/flags
 * read by char codes before their regexes, and the dedup's own hash set. Each law compares
 * the fast form of a value with a form only the general path reads.
 */
import fc from "fast-check";
import { type RawCell, type RawTable, parseCsv, suggestMapping, typeRows } from "../../../src/data";

function table(headers: string[], rows: RawCell[][]): RawTable {
  return { headers, rows, sourceRows: rows.map((_, i) => i + 2), blankLines: 0 };
}

describe("CSV: a slice without quotes is split as papaparse's fast mode splits it", () => {
  const cell = fc.stringMatching(/^[a-z0-9 .:-]{0,6}$/);
  const line = fc.oneof(
    { weight: 8, arbitrary: fc.array(cell, { minLength: 3, maxLength: 3 }).map((c) => c.join(",")) },
    { weight: 1, arbitrary: fc.array(cell, { minLength: 1, maxLength: 5 }).map((c) => c.join(",")) }, // ragged, or blank
    { weight: 1, arbitrary: fc.constantFrom("", "  ", "\t") }
  );

  test("law: the same table, line numbers and problems whether each slice goes the fast way or through papaparse", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(line, { minLength: 1, maxLength: 40 }), fc.constantFrom("\n", "\r\n"), fc.boolean(), fc.integer({ min: 1, max: 64 }), fc.nat(), async (lines, nl, finalBreak, sliceSize, at) => {
        // One line holds a quote: with one big slice papaparse parses everything, with small
        // slices every slice without it (before and after) goes the fast way.
        const quotedAt = 1 + (at % (lines.length + 1));
        const all = ["agent,amount,date", ...lines];
        all.splice(quotedAt, 0, 'x,"1",y');
        const text = all.join(nl) + (finalBreak ? nl : "");
        const general = await parseCsv(text, { sliceSize: 1 << 20 });
        const fast = await parseCsv(text, { sliceSize });
        expect(fast).toEqual(general);
      }),
      { numRuns: 300 }
    );
  });

  test("a lone \\n inside a line of a \\r\\n file is still a quoted-newline problem on the fast way", async () => {
    const text = 'a,b\r\n1,2\r\n3\n,4\r\n5,6\r\n"7",8\r\n';
    const r = await parseCsv(text, { sliceSize: 4 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems).toEqual([expect.objectContaining({ code: "quoted-newline", row: 3, column: "a" })]);
    expect(r).toEqual(await parseCsv(text));
  });

  test("an empty last line after a slice's end is a blank line, as in one slice (it was lost before)", async () => {
    const text = 'agent,amount,date\nx,"1",y\n\n';
    expect((await parseCsv(text, { sliceSize: 1 })).ok && (await parseCsv(text, { sliceSize: 1 }))).toMatchObject({ table: { blankLines: 1 } });
    expect(await parseCsv(text, { sliceSize: 1 })).toEqual(await parseCsv(text));
    expect(await parseCsv("a,b\n1,2\n\n", { sliceSize: 3 })).toEqual(await parseCsv("a,b\n1,2\n\n"));
  });

  test("without any quote, the rows are those of the whole-file parse", async () => {
    const text = "agent,amount\n\nA,1\n  \nB,2\nC,3,4\n";
    const r = await parseCsv(text, { sliceSize: 3 });
    expect(r).toEqual(await parseCsv(text));
  });
});

describe("typed values: the char-code fast paths equal the regex paths", () => {
  const call = (at: RawCell, duration: RawCell = "60", flag: RawCell = "Y") => {
    const r = typeRows("calls", table(["Agent", "Account", "Call Time", "Duration", "Connected"], [["A", "1", at, duration, flag]]), suggestMapping("calls", ["Agent", "Account", "Call Time", "Duration", "Connected"]));
    return r.ok ? r.table.records[0] : r.problems[0].code;
  };
  const payment = (amount: RawCell, dpd: RawCell = "5") => {
    const headers = ["Agent", "Amount", "Payment Date", "DPD"];
    const r = typeRows("payments", table(headers, [["A", amount, "2026-10-03", dpd]]), suggestMapping("payments", headers));
    return r.ok ? r.table.records[0] : r.problems[0].code;
  };
  const two = (n: number) => String(n).padStart(2, "0");

  test("law: YYYY-MM-DD hh:mm:ss (fast) = YYYY/MM/DD hh:mm:ss (regex), valid or not, with and without a time", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1890, max: 9999 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
        fc.integer({ min: 0, max: 24 }),
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 0, max: 60 }),
        fc.constantFrom(0, 1, 2),
        (y, m, d, hh, mm, ss, form) => {
          const time = form === 0 ? "" : form === 1 ? ` ${two(hh)}:${two(mm)}` : ` ${two(hh)}:${two(mm)}:${two(ss)}`;
          const date = `${two(m)}-${two(d)}`;
          expect(call(`${y}-${date}${time}`)).toEqual(call(`${y}/${date.replace("-", "/")}${time}`));
          expect(call(`${y}-${date}T${time.slice(1)}`.replace(/T$/, ""))).toEqual(call(`${y}/${date.replace("-", "/")}${time}`));
        }
      ),
      { numRuns: 2000 }
    );
  });

  test("leap days and the ends of the range", () => {
    expect(call("2024-02-29 00:00:00")).toMatchObject({ calledAt: 45351 });
    expect(call("2026-02-29 10:00:00")).toBe("bad-date");
    expect(call("1900-03-01")).toMatchObject({ calledAt: 61 });
    expect(call("1899-12-31")).toBe("bad-date");
    expect(call("9999-12-31 23:59:59")).toMatchObject({ calledAt: 2958465 + 86399 / 86400 });
    expect(call("2000-02-29 12:00:00")).toEqual(call("2000/2/29 12:00:00"));
    expect(call("2100-02-29")).toBe("bad-date");
  });

  test("law: digits (fast) = the same digits with a unit or a space (regex): amounts, durations, days past due", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{1,16}$/), fc.stringMatching(/^[0-9]{0,3}$/), (whole, frac) => {
        const amount = frac === "" ? whole : `${whole}.${frac}`;
        expect(payment(amount)).toEqual(payment(`¥${amount}`));
        expect(payment("1", whole)).toEqual(payment("1", ` ${whole}`));
        expect(call("2026-10-03 10:00:00", whole)).toEqual(call("2026-10-03 10:00:00", `${whole}s`));
      }),
      { numRuns: 1000 }
    );
  });

  test("law: a one-character flag (fast) = the same flag with a space around it (trim, lower-case, word sets)", () => {
    const chars = [..."YyNnTtFf10是否XxAa2-.接本"];
    for (const c of chars) expect(call("2026-10-03 10:00:00", "60", c)).toEqual(call("2026-10-03 10:00:00", "60", ` ${c} `));
  });

  test("law: the dedup keeps the first of each call id and counts the rest, as a Set would (ids ascending, then in any order)", () => {
    const id = fc.stringMatching(/^[ab]{0,3}$/);
    fc.assert(
      fc.property(fc.array(id, { maxLength: 40 }), fc.array(id, { maxLength: 40 }), (ascending, after) => {
        const ids = [...ascending.sort(), ...after];
        if (ids.length === 0) return;
        const headers = ["Call ID", "Agent", "Account", "Call Time", "Duration"];
        const rows = ids.map((id, i) => [id === "" ? "z" : id, "A", `acc${i}`, "2026-10-03 10:00:00", String(i)]);
        const r = typeRows("calls", table(headers, rows), suggestMapping("calls", headers));
        if (!r.ok) throw new Error(JSON.stringify(r.problems));
        const seen = new Set<string>();
        const kept = rows.filter((row) => !seen.has(row[0]) && seen.add(row[0]));
        expect(r.table.records.map((c) => c.account)).toEqual(kept.map((row) => row[2]));
        expect(r.table.stats.duplicates).toBe(rows.length - kept.length);
      }),
      { numRuns: 500 }
    );
  });
});
