/**
 * The templates as data: registry, shapes, layout, sample data, formulas, languages and
 * the Benchmarks sheet, checked on the specs themselves (evaluate.test.ts computes them).
 */
import { BAND_LABELS, BENCHMARK_COLUMNS, Benchmarks, CATALOGUE, LEVEL_LABELS, defaultBenchmark, findMetric } from "../../../src/core";
import { collectFunctionNames } from "../../../src/engine/hyperformula";
import { BENCHMARKS_NAME, STRINGS, TEMPLATES, templateById } from "../../../src/templates";
import type { SheetSpec } from "../../../src/templates/types";
import {
  CHINESE,
  LANGUAGES,
  METRIC_IDS,
  ZH_FORMULA_LITERAL_ALLOW,
  allBuilds,
  callsOf,
  cellsOf,
  formulas,
  headerTexts,
  isFormula,
  columnIndex,
  letters,
  literals,
  metricColumn,
  strayLatin,
  TEAM_IDS,
  template,
} from "./support";

describe("registry", () => {
  test("one template per sheet of metrics.md section 5, in gallery order, Benchmarks last", () => {
    expect(TEMPLATES.map((t) => t.id)).toEqual([...TEAM_IDS, "monthly", "vintage", "rollrate", "benchmarks"]);
    for (const t of TEMPLATES) expect(templateById(t.id)).toBe(t);
    expect(templateById("nope")).toBeUndefined();
  });

  test("each sheet computes the metrics section 5 assigns to it", () => {
    const section5: Record<string, string[]> = {
      scorecard: [
        "recovery_achievement",
        "cumulative_recovery",
        "effective_talk_ratio",
        "first_contact_timeliness",
        "compliance_pass_rate",
        "complaint_rate",
        "per_capita_recovery",
        "avg_handling_days",
      ],
      m1: ["contact_coverage", "ptp_rate", "first_contact_timeliness", "rpc_rate", "ptp_kept_rate", "recovery_achievement"],
      m2m3: ["installment_rate", "ptp_kept_rate", "recovery_achievement", "cumulative_recovery"],
      m4plus: ["legal_completion", "avg_handling_days", "cumulative_recovery"],
      robot: ["robot_handoff_accuracy", "auto_agreement_rate"],
      field: ["field_effective_rate", "field_conversion"],
      leader: ["new_hire_retention", "optimization_suggestions", "recovery_achievement"],
      // Issue 15, beyond section 5: outsourced agencies, the monthly trend of a team, cohort curves.
      agencies: ["agency_recovery_rate", "commission_cost_ratio", "contact_breach_rate", "complaint_rate"],
      monthly: ["recovery_achievement", "effective_talk_ratio", "compliance_pass_rate", "complaint_rate", "per_capita_recovery"],
      vintage: [],
      rollrate: ["roll_rate"],
      benchmarks: [],
    };
    for (const t of TEMPLATES) expect([t.id, [...t.metrics].sort()]).toEqual([t.id, [...section5[t.id]].sort()]);
    for (const id of TEAM_IDS) {
      for (const language of LANGUAGES) {
        const spec = template(id).build({ language, sample: true });
        // The metric-id row lists exactly the template's metrics, one KPI column each.
        expect(spec.cells[2].filter((v) => typeof v === "string" && findMetric(v) !== undefined)).toEqual([...template(id).metrics]);
      }
    }
  });

  test("titles and descriptions exist in both languages and keep to their language", () => {
    for (const t of TEMPLATES) {
      expect(t.title.en.length).toBeGreaterThan(0);
      expect(t.description.zh.length).toBeGreaterThan(0);
      expect([t.id, CHINESE.test(t.title.en + t.description.en)]).toEqual([t.id, false]);
      expect([t.id, strayLatin(t.title.zh + t.description.zh)]).toEqual([t.id, undefined]);
    }
  });
});

describe.each(allBuilds())("%s", (_label, spec, variant, options) => {
  const sample = variant === "sample";
  const rows = spec.cells.length;
  const columns = spec.cells[0].length;
  const layout = spec.layout!;

  test("shape: rectangular cells, formats of the same shape, one width per column", () => {
    expect(spec.cells.every((row) => row.length === columns)).toBe(true);
    expect(spec.numberFormats.length).toBe(rows);
    expect(spec.numberFormats.every((row) => row.length === columns)).toBe(true);
    expect(spec.columnWidths.length).toBe(columns);
    expect(spec.columnWidths.every((w) => w >= 50 && w <= 400)).toBe(true);
  });

  test("a valid sheet name, freeze panes below the header and right of the labels", () => {
    expect(spec.name.length).toBeGreaterThanOrEqual(1);
    expect(spec.name.length).toBeLessThanOrEqual(31);
    expect(spec.name).not.toMatch(/[[\]:*?/\\]/);
    // The scorecard freezes its composite, score grade and rank with the labels (issue 16).
    expect(spec.freeze).toEqual({ rows: layout.headerRow, columns: spec.templateId === "scorecard" ? 4 : 1 });
  });

  if (spec.templateId === "scorecard") {
    test("the scorecard's result is where the eye is: composite, score grade and rank in B, C and D, beside the collector", () => {
      const s = STRINGS[spec.language];
      const header = headerTexts(spec);
      expect(header.slice(0, 4)).toEqual([s.rowKinds.collector, s.composite, s.compositeGrade, s.rank]);
      const row = layout.firstRow;
      expect(spec.cells[row - 1][1]).toMatch(/^=IF\(COUNT\([A-Z]+\d+:[A-Z]+\d+\)=0,"",COLLECT\.SCORE\(\$[A-Z]+\$3:\$[A-Z]+\$3,/);
      expect(spec.cells[row - 1][2]).toBe(`=IF(B${row}="","",COLLECT.SCOREGRADE(B${row},"${spec.language === "zh" ? "zh-CN" : "en-US"}"))`);
      expect(spec.cells[layout.totalRow! - 1][1]).toMatch(/COLLECT\.SCORE\(/);
      // The rank of the composite among the data rows (higher is better), blank with the composite.
      // Over the table's composite column (issue 14), so an added collector is ranked too.
      const composite = `${spec.table!.name}[[${spec.cells[layout.headerRow - 1][1]}]]`;
      expect(spec.cells[row - 1][3]).toBe(`=IF(B${row}="","",SUMPRODUCT(ISNUMBER(${composite})*(${composite}>B${row}))+1)`);
      expect(layout.rank).toBe(`D${row}:D${layout.lastRow}`);
      // The inputs follow them, from E.
      expect(layout.inputs[0].startsWith(`E${row}:`)).toBe(true);
    });
  }

  test("the layout and every range lie inside the grid", () => {
    expect(layout.firstRow).toBe(layout.headerRow + 1);
    expect(layout.lastRow).toBeLessThanOrEqual(rows);
    if (layout.totalRow !== undefined) expect(layout.totalRow).toBe(layout.lastRow + 1);
    // A month cell (and the note on the data) exactly when the sheet is bound to data.
    expect([layout.monthCell, layout.sourceCell]).toEqual(variant === "data" ? ["B2", "C2"] : [undefined, undefined]);
    const ranges = [
      ...(layout.monthCell !== undefined ? [layout.monthCell] : []),
      ...(layout.rank !== undefined ? [layout.rank] : []),
      ...layout.inputs,
      ...spec.styles.map((s) => s.range),
      ...spec.validations.map((v) => v.range),
      ...spec.conditionalFormats.map((c) => c.range),
      ...spec.names.map((n) => n.range),
      ...(spec.table ? [spec.table.range] : []),
    ];
    for (const range of ranges) for (const [r, c] of cellsOf(range)) expect([range, r < rows && c < columns]).toEqual([range, true]);
  });

  test(sample ? "sample data fills every input cell" : "every input cell is blank", () => {
    if (spec.templateId === "benchmarks") return; // the defaults, with or without sample
    if (spec.templateId === "rollrate" && variant !== "sample") expect(variant).toBe("blank"); // it has no row count and no data
    for (const range of layout.inputs) {
      for (const [r, c] of cellsOf(range)) {
        const v = spec.cells[r][c];
        // The cohort triangle: a month a cohort has not reached yet stays blank in the sample too.
        const notReached = spec.templateId === "vintage" && c >= 3 && v === null;
        if (sample && !notReached) expect([range, r, c, typeof v === "number" || (typeof v === "string" && !isFormula(v))]).toEqual([range, r, c, true]);
        else expect([range, r, c, v]).toEqual([range, r, c, null]);
      }
    }
    // Every data row has its label too (or none at all); bound to data, the data's labels in order.
    const labels = spec.cells.slice(layout.firstRow - 1, layout.lastRow).map((row) => row[0]);
    if (variant === "data") expect(labels).toEqual([...options.data!.rows]);
    else for (const label of labels) expect(label === null).toBe(!sample);
    if (variant === "rows") expect(labels.length).toBe(3);
  });

  test("inputs are validated as numbers ≥ 0; the scorecard's weights as 0–100", () => {
    const validated = new Set(spec.validations.flatMap((v) => cellsOf(v.range).map(([r, c]) => `${r},${c}`)));
    for (const range of layout.inputs) {
      for (const [r, c] of cellsOf(range)) {
        const labelColumn = spec.templateId === "rollrate" && c === 0; // month-end labels are text
        const statusColumn = spec.templateId === "benchmarks" && c === 6; // Red line: TRUE/FALSE
        if (!labelColumn && !statusColumn) expect([range, validated.has(`${r},${c}`)]).toEqual([range, true]);
      }
    }
    for (const v of spec.validations) {
      expect(v.message.length).toBeGreaterThan(0);
      // The month of a data-bound sheet takes any of Excel's dates, 1900-01-01 (1) to 9999-12-31 (2958465).
      // So does a column of months (the monthly trend, the cohorts' placement months).
      if (v.range === layout.monthCell || v.message === STRINGS[spec.language].validation.month) expect([v.min, v.max, v.message]).toEqual([1, 2958465, STRINGS[spec.language].validation.month]);
      else {
        expect(v.min).toBe(0);
        expect(v.max === undefined || v.max === 100).toBe(true);
      }
    }
    if (spec.templateId === "scorecard") expect(spec.validations.some((v) => v.max === 100 && v.range.endsWith("4"))).toBe(true);
  });

  test("every COLLECT function exists, and every threshold-using call passes CollectBenchmarks", () => {
    const known = new Set(collectFunctionNames());
    for (const { at, formula } of formulas(spec)) {
      for (const m of formula.matchAll(/COLLECT\.[A-Z]+/g)) expect([at, known.has(m[0])]).toEqual([at, true]);
      expect(formula).not.toMatch(/IFERROR/);
      const position: Record<string, number> = { BENCHMARK: 2, GRADE: 2, KPISCORE: 2, SCORE: 3 };
      for (const [fn, index] of Object.entries(position)) {
        for (const args of callsOf(formula, `COLLECT.${fn}`)) {
          expect([at, fn, args[index]]).toEqual([at, fn, BENCHMARKS_NAME]);
          if (fn !== "SCORE") expect([at, findMetric(args[0].replace(/"/g, ""))?.id]).toEqual([at, args[0].replace(/"/g, "")]);
        }
      }
      const gradeLanguage = spec.language === "zh" ? '"zh-CN"' : '"en-US"';
      for (const args of callsOf(formula, "COLLECT.GRADE")) expect([at, args[3]]).toEqual([at, gradeLanguage]);
      for (const args of callsOf(formula, "COLLECT.SCOREGRADE")) expect([at, args[1]]).toEqual([at, gradeLanguage]);
    }
  });

  test("no Chinese in an English sheet; no English in a Chinese one beyond the allow-lists", () => {
    const strings = spec.cells.flatMap((row) => row.filter((v): v is string => typeof v === "string"));
    if (spec.language === "en") {
      for (const s of [spec.name, ...strings, ...spec.validations.map((v) => v.message)]) expect([s, CHINESE.test(s)]).toEqual([s, false]);
      for (const f of spec.numberFormats.flat()) expect(CHINESE.test(f)).toBe(false);
      for (const c of spec.conditionalFormats) for (const r of c.rules) expect(CHINESE.test(r.equals)).toBe(false);
    } else {
      const shown = [spec.name, ...strings.filter((s) => !isFormula(s)), ...spec.validations.map((v) => v.message), ...spec.conditionalFormats.flatMap((c) => c.rules.map((r) => r.equals))];
      for (const s of shown) expect([s, strayLatin(s)]).toEqual([s, undefined]);
      for (const f of strings.filter(isFormula)) {
        for (const lit of literals(f)) {
          if (ZH_FORMULA_LITERAL_ALLOW.includes(lit)) continue;
          // A HYPERLINK's target is a cell reference, never shown: "#'基准'!D13".
          if (/^#'[^']+'![A-Z]+\d+$/.test(lit) && f.includes(`HYPERLINK("${lit}"`)) continue;
          expect([f, lit, /[A-Za-z]/.test(lit)]).toEqual([f, lit, false]);
        }
      }
      // Quoted literals of number formats ("天", not " days").
      for (const f of spec.numberFormats.flat()) for (const lit of literals(f)) expect([f, /[A-Za-z]/.test(lit)]).toEqual([f, false]);
    }
  });

  test("grade and score-band cells are coloured by the labels of the sheet's language", () => {
    const levels = Object.values(LEVEL_LABELS[spec.language]);
    const bands = Object.values(BAND_LABELS[spec.language]);
    for (const cf of spec.conditionalFormats) {
      const labels = cf.rules.map((r) => r.equals).sort();
      expect([levels.sort(), bands.sort()]).toContainEqual(labels);
    }
    if (TEAM_IDS.includes(spec.templateId)) {
      // Every grade (or the score grade) column from the first data row to TEAM TOTAL, nothing else: not the rank.
      const s = STRINGS[spec.language];
      const header = headerTexts(spec);
      const graded = header.flatMap((h, c) => (h === s.compositeGrade || template(spec.templateId).metrics.some((m) => h === s.gradeHeader(findMetric(m)!.name[spec.language])) ? [c] : []));
      const coloured = spec.conditionalFormats.flatMap((cf) => cellsOf(cf.range));
      expect(coloured.length).toBe(graded.length * (layout.totalRow! - layout.firstRow + 1));
      for (const [r, c] of coloured) expect([r + 1 >= layout.firstRow && r + 1 <= layout.totalRow!, graded.includes(c)]).toEqual([true, true]);
    }
  });

  test("building is deterministic", () => {
    const again = template(spec.templateId).build(options);
    expect(again).toEqual(spec);
  });
});

describe.each(TEAM_IDS.flatMap((id) => LANGUAGES.map((language) => [id, language] as const)))("team sheet %s %s", (id, language) => {
  const spec = template(id).build({ language, sample: true });
  const { firstRow, lastRow, totalRow, headerRow } = spec.layout!;
  /** A column's body as the template must write it: TABLE[[header]], the header's ' [ ] # escaped with '. */
  const bodyOf = (c: number): string => `${spec.table!.name}[[${String(spec.cells[headerRow - 1][c]).replace(/['#[\]]/g, "'$&")}]]`;

  test("each KPI column calls its metric's function on its own row, and on the whole rows in TEAM TOTAL", () => {
    for (const metric of template(id).metrics) {
      const m = findMetric(metric)!;
      const col = metricColumn(spec, metric);
      const c = spec.cells[2].indexOf(metric);
      if (m.fn === undefined) {
        // Typed in (optimization_suggestions): an input cell; the total is the mean per row.
        expect(spec.cells[firstRow - 1][c]).toEqual(expect.any(Number));
        const typed = bodyOf(c);
        expect(spec.cells[totalRow! - 1][c]).toBe(`=IF(COUNT(${typed})=0,"",AVERAGE(${typed}))`);
        continue;
      }
      for (let r = firstRow; r <= lastRow; r++) {
        const [args] = callsOf(spec.cells[r - 1][c] as string, `COLLECT.${m.fn}`);
        expect(args.length).toBe(m.params.length);
        for (const a of args) expect(a).toMatch(new RegExp(`^[A-Z]+${r}$`));
      }
      // TEAM TOTAL: the same columns, the whole body of each through the table (a row added is counted).
      const [firstArgs] = callsOf(spec.cells[firstRow - 1][c] as string, `COLLECT.${m.fn}`);
      const [totalArgs] = callsOf(spec.cells[totalRow! - 1][c] as string, `COLLECT.${m.fn}`);
      expect(totalArgs).toEqual(firstArgs.map((a) => bodyOf(columnIndex(a.replace(/\d+$/, "")))));
      expect(col).toBe(letters(c));
    }
  });

  test("number formats follow the catalogue: % for rates, ¥ for money, days, ‰ shown from the fraction", () => {
    for (const metric of template(id).metrics) {
      const m = findMetric(metric)!;
      const c = spec.cells[2].indexOf(metric);
      const fmt = spec.numberFormats[firstRow - 1][c];
      const expected = {
        percent: "0.0%",
        permille: "0.00%",
        currency: '"¥"#,##0',
        days: language === "zh" ? '0.0"天"' : '0.0" days"',
        count: "#,##0",
      }[m.format];
      expect([metric, fmt]).toEqual([metric, expected]);
      if (m.format === "permille") {
        // The ‰ column beside the KPI block shows value × 1000 with a literal ‰; the KPI stays the fraction.
        const header = STRINGS[language].permilleHeader(m.name[language]);
        const d = headerTexts(spec).indexOf(header);
        expect(d).toBeGreaterThan(c);
        expect(spec.cells[firstRow - 1][d]).toBe(`=IF(${letters(c)}${firstRow}="","",${letters(c)}${firstRow}*1000)`);
        expect(spec.numberFormats[firstRow - 1][d]).toBe('0.00"‰"');
      }
    }
  });

  test("the TEAM TOTAL and benchmark rows are labelled, below the data rows", () => {
    const S = STRINGS[language];
    expect(spec.cells[totalRow! - 1][0]).toBe(id === "agencies" ? S.agencyTotal : S.total);
    expect(spec.cells[totalRow!][0]).toBe(S.benchmarkMeets);
    expect(spec.cells[totalRow! + 1][0]).toBe(S.benchmarkExcellent);
    expect(spec.styles).toContainEqual({ range: expect.stringMatching(new RegExp(`^A${totalRow}:[A-Z]+${totalRow}$`)), role: "total" });
  });
});

describe.each(LANGUAGES)("Benchmarks sheet %s", (language) => {
  const spec: SheetSpec = template("benchmarks").build({ language, sample: false });
  const { firstRow, lastRow, headerRow } = spec.layout!;
  const body = spec.cells.slice(firstRow - 1, lastRow);

  test("an Excel table with the columns of metrics.md section 3, and CollectBenchmarks over its body", () => {
    expect(spec.table).toEqual({ name: "CollectBenchmarksTable", range: `A${headerRow}:H${lastRow}` });
    // The name hands blanks on as "" (=IF(body="","",body)): desktop Excel would pass an empty threshold as 0.
    expect(spec.names).toEqual([{ name: BENCHMARKS_NAME, range: `A${firstRow}:H${lastRow}`, blanksAsEmpty: true }]);
    expect(spec.cells[headerRow - 1]).toEqual(language === "en" ? [...BENCHMARK_COLUMNS] : [...STRINGS.zh.benchmarkColumns]);
    expect(spec.cells.length).toBe(lastRow);
  });

  test("one row per catalogue metric, in catalogue order, each id once, values = the defaults with their source", () => {
    expect(body.map((row) => row[0])).toEqual(CATALOGUE.map((m) => m.id));
    expect(new Set(body.map((row) => row[0])).size).toBe(CATALOGUE.length);
    CATALOGUE.forEach((m, i) => {
      const row = body[i];
      expect([m.id, row[1], row[3], row[4], row[5], row[6], row[7]]).toEqual([
        m.id,
        m.name[language],
        m.meets ?? null,
        m.excellent ?? null,
        m.unit[language],
        m.redLine,
        m.source[language],
      ]);
    });
  });

  test("the core reads every row back as the default benchmark, with no problems", () => {
    const grid = body.map((row) => row.map((v) => (v === null ? null : v)));
    const lookup = new Benchmarks(grid);
    for (const m of CATALOGUE) expect(lookup.of(m)).toEqual(defaultBenchmark(m));
    expect(Benchmarks.problems(grid)).toEqual([]);
  });
});

test("the language checks themselves: they catch English in Chinese and allow only the listed words", () => {
  expect(strayLatin("KPI得分")).toBe("KPI");
  expect(strayLatin("指标ID")).toBe("ID");
  expect(strayLatin("团队合计 TEAM TOTAL")).toBe("TEAM");
  expect(strayLatin("M4+阶段考核（逾期90天以上）")).toBeUndefined();
  expect(strayLatin("M2–M3阶段 contact_coverage")).toBeUndefined();
  expect(strayLatin("M10")).toBeUndefined(); // digits only after the stage term
  expect(strayLatin("MX")).toBe("MX");
  expect(CHINESE.test("Target (¥) – M1→M2 ‰")).toBe(false);
  expect(CHINESE.test("目标（元）")).toBe(true);
  expect(CHINESE.test("（")).toBe(true);
});

describe("header widths: a long header wraps onto two lines at most", () => {
  const { twoLineWidth } = require("../../../src/templates/team") as typeof import("../../../src/templates/team");

  test("a 13-character Chinese header", () => {
    // 13 full-width characters × 11.5 pt = 149.5; half of it 74.75, + 10 padding = 84.75 → 85
    expect(twoLineWidth("案件跟进及时率（首联）得分")).toBe(85);
  });

  test("an English header wraps at spaces, so its longest word must fit a line", () => {
    // 28 characters × 6.6 = 184.8, half 92.4 (longest word "collector" 9 × 6.6 = 59.4 is less); + 10 = 102.4 → 103
    expect(twoLineWidth("Recovery per collector score")).toBe(103);
    // one 20-letter word cannot break: 20 × 6.6 = 132 > 66 (half); + 10 = 142
    expect(twoLineWidth("Abcdefghijklmnopqrst")).toBe(142);
  });

  test("never wider than 150 pt", () => {
    // 40 × 11.5 / 2 + 10 = 240 → capped at 150
    expect(twoLineWidth("案".repeat(40))).toBe(150);
  });

  test("every team template column is at least as wide as its header needs", () => {
    let checked = 0;
    for (const language of ["en", "zh"] as const) {
      for (const t of TEMPLATES) {
        const sheet = t.build({ language, sample: false });
        const row = sheet.layout?.headerRow;
        if (row === undefined || t.id === "benchmarks" || t.id === "rollrate") continue;
        sheet.cells[row - 1].forEach((cell, c) => {
          if (typeof cell !== "string" || cell === "") return;
          checked++;
          // A Chinese header's lines each fit on one line (below); an English one wraps at spaces.
          if (language === "zh" && CHINESE.test(cell)) return;
          expect([t.id, c, sheet.columnWidths[c] >= twoLineWidth(cell)]).toEqual([t.id, c, true]);
        });
      }
    }
    // seven team templates in two languages, each with a dozen or more headers
    expect(checked).toBeGreaterThan(7 * 2 * 10);
  });

  // Issue 16: "通话总时长（分/钟）", "累计回收率得/分" — the browser and Excel break CJK text between
  // any two characters, so a Chinese header may break only where the template put a line feed.
  const cjkWidth = (t: string): number => [...t].reduce((w, ch) => w + (CHINESE.test(ch) ? 11.5 : 6.6), 0) + 10;
  /** The chosen points: before a full-width parenthesis, or before the suffix the template adds to a metric name. */
  // The monthly trend sheet (issue 15) adds a KPI's change (环比) and its threshold columns (达标值, 优秀值).
  const SUFFIXES = ["得分", "评级", "‰", "环比", "达标值", "优秀值"];
  const chosen = (first: string, second: string): boolean => first.trim() !== "" && (second.startsWith("（") || SUFFIXES.some((x) => second.trim() === x));

  test("a Chinese header breaks only at a chosen point, on two lines at most, each fitting its column", () => {
    let split = 0;
    for (const t of TEMPLATES) {
      const sheet = t.build({ language: "zh", sample: false });
      const row = sheet.layout?.headerRow;
      if (row === undefined || t.id === "benchmarks" || t.id === "rollrate") continue;
      sheet.cells[row - 1].forEach((cell, c) => {
        if (typeof cell !== "string" || !CHINESE.test(cell)) return;
        const lines = cell.split("\n");
        expect([t.id, cell, lines.length <= 2]).toEqual([t.id, cell, true]);
        // Each line fits its column on one line: nothing else wraps.
        for (const line of lines) expect([t.id, line, cjkWidth(line.trim()) <= sheet.columnWidths[c]]).toEqual([t.id, line, true]);
        if (lines.length === 2) {
          split++;
          expect([t.id, cell, chosen(lines[0], lines[1])]).toEqual([t.id, cell, true]);
        }
      });
    }
    expect(split).toBeGreaterThan(10);
    // The two headers of the issue, as laid out now.
    const scorecard = template("scorecard").build({ language: "zh", sample: false });
    const headers = scorecard.cells[scorecard.layout!.headerRow - 1];
    expect(headers).toContain("通话总时长\n（分钟）");
    expect(headers).toContain("累计回收率\n得分");
    expect(headers).toContain("案件跟进及时率\n（首联）得分");
    expect(headerTexts(scorecard)).toContain("案件跟进及时率（首联）得分");
  });

  test("chineseHeader: one line when it fits, the narrowest chosen split, else one wider line", () => {
    const { chineseHeader } = require("../../../src/templates/team") as typeof import("../../../src/templates/team");
    expect(chineseHeader("累计回收率", 90)).toEqual({ text: "累计回收率", width: 90 });
    // 7 × 11.5 + 10 = 90.5 > 74: split before 得分; "累计回收率" needs 67.5 → the column keeps 74
    expect(chineseHeader("累计回收率得分", 74, [5])).toEqual({ text: "累计回收率\n得分", width: 74 });
    // no chosen point: one line, column widened (7 × 11.5 + 10 = 90.5 → 91), never a break inside 案件数
    expect(chineseHeader("按时首联案件数", 78)).toEqual({ text: "按时首联案件数", width: 91 });
  });

  test("a metric id fits its column on one line (9 pt note font, about 0.6 em a character)", () => {
    let checked = 0;
    for (const language of ["en", "zh"] as const) {
      for (const t of TEMPLATES) {
        const sheet = t.build({ language, sample: false });
        if (t.id === "benchmarks" || t.id === "rollrate") continue;
        sheet.cells[2].forEach((cell, c) => {
          if (typeof cell !== "string" || !METRIC_IDS.includes(cell)) return;
          checked++;
          expect([t.id, cell, sheet.columnWidths[c] >= cell.length * 9 * 0.6 + 8]).toEqual([t.id, cell, true]);
        });
      }
    }
    expect(checked).toBeGreaterThan(20);
  });
});

