import { MAX_DATA_ROWS, parseCsv } from "../../../src/data";
import { rawTable } from "./load";

const ok = async (text: string, options = {}) => {
  const r = await parseCsv(text, options);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r;
};
const problems = async (text: string) => {
  const r = await parseCsv(text);
  if (r.ok) throw new Error("parsed");
  return r.problems;
};

describe("parseCsv: delimiters, line ends, blank lines", () => {
  test.each([
    [",", "a,b\n1,2\n"],
    ["\t", "a\tb\n1\t2\n"],
    [";", "a;b\n1;2\n"],
  ])("delimiter %j is detected", async (d, text) => {
    const r = await ok(text);
    expect(r.delimiter).toBe(d);
    expect(r.table.headers).toEqual(["a", "b"]);
    expect(r.table.rows).toEqual([["1", "2"]]);
  });

  test("semicolon files with decimal commas keep them (Excel in comma-decimal locales)", async () => {
    const r = await ok('agent;amount\nZhang Wei;"1200,50"\nLi Na;80\n');
    expect(r.delimiter).toBe(";");
    expect(r.table.rows).toEqual([["Zhang Wei", "1200,50"], ["Li Na", "80"]]);
  });

  test("blank lines are skipped and counted; source rows keep the file's line numbers (header = line 1)", async () => {
    const r = await ok("\na,b\n1,2\n\n  \n3,4\n");
    // lines: 1 blank, 2 header, 3 data, 4 blank, 5 blank (spaces), 6 data
    expect(r.table.blankLines).toBe(3);
    expect(r.table.rows).toEqual([["1", "2"], ["3", "4"]]);
    expect(Array.from(r.table.sourceRows)).toEqual([3, 6]);
  });

  test("CRLF line ends (payments.en.csv): no \\r left in any value", async () => {
    const t = await rawTable("payments.en.csv");
    expect(t.headers).toEqual(["Payment ID", "Account", "Agent", "Payment Amount", "Payment Date"]);
    expect(t.rows.flat().some((v) => String(v).includes("\r"))).toBe(false);
    expect(t.sourceRows[0]).toBe(2);
    expect(t.rows[1]).toEqual(["P0002", "A1002", "Zhang Wei", "3,450.50", "2026-10-15"]);
  });

  test("quoted delimiters and escaped quotes are one value", async () => {
    const r = await ok('a,b\n"1,200.00","say ""hi"""\n');
    expect(r.table.rows).toEqual([["1,200.00", 'say "hi"']]);
  });

  test("the header's cells are trimmed", async () => {
    expect((await ok(" Agent , Amount \nx,1\n")).table.headers).toEqual(["Agent", "Amount"]);
  });

  test("only blank lines: no-header", async () => {
    expect(await problems("\n\n")).toEqual([expect.objectContaining({ code: "no-header" })]);
  });
});

describe("parseCsv: structural problems carry the line and column", () => {
  test("quoted-newline.csv: line 3, column Agent", async () => {
    const text = (await import("fs")).readFileSync(`${__dirname}/../../fixtures/raw/quoted-newline.csv`, "utf8");
    expect(await problems(text)).toEqual([expect.objectContaining({ code: "quoted-newline", row: 3, column: "Agent", value: "Li\nNa" })]);
  });

  test("ragged.csv: line 5 has five fields for four headers (line 4 is blank)", async () => {
    const text = (await import("fs")).readFileSync(`${__dirname}/../../fixtures/raw/ragged.csv`, "utf8");
    expect(await problems(text)).toEqual([expect.objectContaining({ code: "ragged-row", row: 5 })]);
  });

  test("a row with too few fields is ragged too; every ragged row is listed, up to 20", async () => {
    const lines = ["a,b,c", ...Array.from({ length: 50 }, (_, i) => (i % 2 ? "1,2,3" : "1,2"))];
    const found = await problems(lines.join("\n"));
    expect(found).toHaveLength(20);
    expect(found.slice(0, 2).map((p) => p.row)).toEqual([2, 4]);
  });

  test("a quote never closed runs to the end of the file: quoted-newline at its line", async () => {
    expect(await problems('a,b\n1,2\n3,"four\n5,6\n')).toEqual([expect.objectContaining({ code: "quoted-newline", row: 3, column: "b" })]);
  });

  test("a quoted newline found in a later slice keeps the right line number", async () => {
    const body = Array.from({ length: 500 }, (_, i) => `${i},x`).join("\n");
    const r = await parseCsv(`a,b\n${body}\n9,"x\ny"\n`, { sliceSize: 64 });
    expect(!r.ok && r.problems).toEqual([expect.objectContaining({ code: "quoted-newline", row: 502, column: "b" })]);
  });

  test(`${MAX_DATA_ROWS.toLocaleString("en-US")} data rows fit; one more is too-many-rows`, async () => {
    const fits = "n\n" + "1\n".repeat(MAX_DATA_ROWS);
    const r = await parseCsv(fits);
    expect(r.ok && r.table.rows.length).toBe(MAX_DATA_ROWS);
    const over = await parseCsv(fits + "1\n");
    // the header is line 1, so the first row past the grid is line 1,048,577
    expect(!over.ok && over.problems).toEqual([expect.objectContaining({ code: "too-many-rows", row: 1_048_577 })]);
  });
});

describe("parseCsv: slices, progress, cancel", () => {
  const text = "id,agent,note\n" + Array.from({ length: 2000 }, (_, i) => `${i},"Agent ${i % 7}","a ""quoted"", note"`).join("\n") + "\n";

  test("any slice size gives the same table as one slice", async () => {
    const whole = await ok(text, { sliceSize: 1 << 30 });
    for (const sliceSize of [1, 7, 64, 1000]) {
      const sliced = await ok(text, { sliceSize });
      expect(sliced.table.rows).toEqual(whole.table.rows);
      expect(Array.from(sliced.table.sourceRows)).toEqual(Array.from(whole.table.sourceRows));
    }
    expect(whole.table.rows[5]).toEqual(["5", "Agent 5", 'a "quoted", note']);
  });

  test("a stray quote inside an unquoted value does not make a slice end inside a quoted one", async () => {
    const lines = ["id,desc"];
    for (let i = 0; i < 200; i++) lines.push(i === 3 ? `${i},5" screen` : i === 150 ? `${i},"a, b"` : `${i},plain`);
    const text = lines.join("\n") + "\n";
    const whole = await ok(text, { sliceSize: 1 << 30 });
    expect(whole.table.rows[3]).toEqual(["3", '5" screen']);
    expect(whole.table.rows[150]).toEqual(["150", "a, b"]);
    for (const sliceSize of [10, 100, 333]) expect((await ok(text, { sliceSize })).table.rows).toEqual(whole.table.rows);
    // and a quoted newline after the stray quote is still found at its line
    const bad = await parseCsv(text.replace('150,"a, b"', '150,"a\nb"'), { sliceSize: 100 });
    expect(!bad.ok && bad.problems).toEqual([expect.objectContaining({ code: "quoted-newline", row: 152, column: "desc" })]);
  });

  test("progress rises to 1", async () => {
    const seen: number[] = [];
    await ok(text, { sliceSize: 5000, onProgress: (f: number) => seen.push(f) });
    expect(seen.length).toBeGreaterThan(5);
    expect(seen.every((f, i) => i === 0 || f >= seen[i - 1])).toBe(true);
    expect(seen[seen.length - 1]).toBe(1);
  });

  test("a cancel between slices ends the parse with cancelled and no table", async () => {
    const signal = { aborted: false };
    const r = await parseCsv(text, {
      sliceSize: 5000,
      signal,
      onProgress: (f) => {
        if (f > 0.3) signal.aborted = true;
      },
    });
    expect(r).toEqual({ ok: false, cancelled: true, problems: [] });
  });
});
