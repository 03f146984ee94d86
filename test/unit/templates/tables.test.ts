/**
 * Team sheets as Excel tables (issue 14, item 3): the structured references the templates write
 * and the renaming a writer does when a table name is taken. Expected texts are written out by
 * hand from Microsoft's rules ("Using structured references with Excel tables",
 * support.microsoft.com: ', [, ] and # in a column name are escaped with ').
 */
import { STRINGS, TEMPLATES } from "../../../src/templates";
import { renameTable, structuredColumn } from "../../../src/templates/sheet";
import { TEAM_TABLE_NAMES } from "../../../src/templates/team";
import { relativeForm } from "../../../src/excel-sim/structured";
import { LANGUAGES, TEAM_IDS, allBuilds, letters, template } from "./support";

describe("structuredColumn", () => {
  test("a plain name, a name with spaces and brackets, a Chinese name with a line feed", () => {
    expect(structuredColumn("CK_M1", "Recovered")).toBe("CK_M1[[Recovered]]");
    expect(structuredColumn("CK_M1", "Target (¥)")).toBe("CK_M1[[Target (¥)]]");
    expect(structuredColumn("T", "回收金额\n（元）")).toBe("T[[回收金额\n（元）]]");
  });

  test("' [ ] # are escaped with a '", () => {
    expect(structuredColumn("T", "# calls")).toBe("T[['# calls]]");
    expect(structuredColumn("T", "Rate [%]")).toBe("T[[Rate '[%']]]");
    expect(structuredColumn("T", "Collector's")).toBe("T[[Collector''s]]");
  });
});

describe("renameTable", () => {
  test("every reference to the table, case aside, and nothing else", () => {
    expect(renameTable("=SUM(CK_M1[[Recovered]])/SUM(ck_m1[[Target]])", "CK_M1", "CK_M1_2")).toBe("=SUM(CK_M1_2[[Recovered]])/SUM(CK_M1_2[[Target]])");
    // A longer table name that starts the same, a name ending with it, a cell reference: untouched.
    expect(renameTable("=CK_M10[[A]]+XCK_M1[[A]]+CK_M1!A1+CK_M1[[A]]", "CK_M1", "T")).toBe("=CK_M10[[A]]+XCK_M1[[A]]+CK_M1!A1+T[[A]]");
  });

  test("text inside a string literal stays as typed", () => {
    expect(renameTable('=IF(CK_M1[[A]]="CK_M1[[A]]","",1)', "CK_M1", "T")).toBe('=IF(T[[A]]="CK_M1[[A]]","",1)');
    expect(renameTable('="say ""CK_M1[x]"""&CK_M1[[A]]', "CK_M1", "T")).toBe('="say ""CK_M1[x]"""&T[[A]]');
  });

  test("a constant and the same name are returned as they are", () => {
    expect(renameTable("CK_M1[[A]]", "CK_M1", "T")).toBe("CK_M1[[A]]");
    expect(renameTable("=CK_M1[[A]]", "CK_M1", "ck_m1")).toBe("=CK_M1[[A]]");
  });
});

describe.each(LANGUAGES)("every team sheet is one table (%s)", (language) => {
  test.each(TEAM_IDS)("%s: header to TEAM TOTAL, its own name, unique column names", (id) => {
    for (const options of [{ language, sample: true }, { language, sample: false, rowCount: 1 }, { language, sample: false, rowCount: 37 }]) {
      const s = template(id).build(options);
      const { headerRow, totalRow } = s.layout!;
      expect(s.table).toEqual({ name: TEAM_TABLE_NAMES[id as keyof typeof TEAM_TABLE_NAMES], range: `A${headerRow}:${letters(s.cells[0].length - 1)}${totalRow}`, showTotals: true });
      const headers = s.cells[headerRow - 1].map((h) => String(h).toLowerCase());
      expect(new Set(headers).size).toBe(headers.length);
      expect(headers).not.toContain("");
      // TEAM TOTAL (or ALL AGENCIES) is the total row's label.
      expect([STRINGS[language].total, STRINGS[language].agencyTotal]).toContain(s.cells[totalRow! - 1][0]);
    }
  });

  test("table names are unique across templates and are valid Excel names", () => {
    const names = TEMPLATES.map((t) => t.build({ language, sample: true }).table?.name).filter((n): n is string => n !== undefined);
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
    // A letter or _ first; letters, digits, _ and . after; not a cell reference such as M1.
    for (const n of names) expect([n, /^[A-Za-z_][A-Za-z0-9_.]*$/.test(n) && !/^[A-Za-z]{1,3}\d+$/.test(n)]).toEqual([n, true]);
  });
});

describe("every data column of a team table is one calculated column or typed values", () => {
  // Excel turns a table column written with formulas into a calculated column and may copy one
  // row's formula over the others when they differ (OfficeDev/office-js#5909, #6745: "the
  // formula set in the first or last row is used for every cell"). So within the body of each
  // column, every formula must be the same in R1C1 terms; then that can change nothing, and the
  // formula Excel fills into an added row is the right one.
  test.each(allBuilds().filter(([, s]) => TEAM_IDS.includes(s.templateId)).map(([label, s]) => [label, s] as const))("%s", (_, s) => {
    const { firstRow, lastRow } = s.layout!;
    let calculated = 0;
    for (let c = 0; c < s.cells[0].length; c++) {
      const forms = new Set<string>();
      let constants = 0;
      for (let r = firstRow; r <= lastRow; r++) {
        const v = s.cells[r - 1][c];
        if (typeof v === "string" && v.startsWith("=")) forms.add(relativeForm(v, r - 1, c));
        else if (v !== null) constants++;
      }
      // A column is formulas on every row (one form) or none.
      expect([c, forms.size <= 1, forms.size === 0 || constants === 0]).toEqual([c, true, true]);
      calculated += forms.size;
    }
    expect(calculated).toBeGreaterThan(0);
  });
});

describe("nothing in a team table spills", () => {
  // "Spilled array formulas aren't supported in Excel tables" (support.microsoft.com, "How to
  // correct a #SPILL! error": Spill range in table). Every cell of a team table must be one value:
  // no spilling COLLECT function (ROLLRATES, LOSSFACTORS, VINTAGE, METRICS) between its header and total row.
  test.each(allBuilds().filter(([, s]) => TEAM_IDS.includes(s.templateId)).map(([label, s]) => [label, s] as const))("%s", (_, s) => {
    const [first, last] = s.table!.range.split(":");
    const top = Number(/\d+$/.exec(first)![0]);
    const bottom = Number(/\d+$/.exec(last)![0]);
    for (let r = top; r <= bottom; r++) {
      for (const v of s.cells[r - 1]) if (typeof v === "string") expect(v).not.toMatch(/COLLECT\.(ROLLRATES|LOSSFACTORS|VINTAGE|METRICS)\(/);
    }
  });
});
