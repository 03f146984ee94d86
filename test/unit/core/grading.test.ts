/**
 * BENCHMARK, GRADE, KPISCORE, SCORE, SCOREGRADE and METRICS (metrics.md section 3) as
 * case tables through the core and functions.ts. Thresholds are the section 4 defaults,
 * typed here from metrics.md, not read from the catalogue.
 */
import { CATALOGUE, METRICS_HEADER } from "../../../src/core";
import { NA, NUM, V, DIV, callCore, callExcel, check, col, err, outcome, row, runCases } from "./harness";

/** One Benchmarks table row: Metric ID, Name, Direction, Meets, Excellent, Unit, Red line, Source. */
const bench = (id: unknown, direction: unknown, meets: unknown, excellent: unknown, redLine: unknown = false): unknown[] => [
  id, `name of ${String(id)}`, direction, meets, excellent, "%", redLine, "our own",
];
const HEADER = ["Metric ID", "Name", "Direction", "Meets", "Excellent", "Unit", "Red line", "Source"];
/** Our institution: recovery meets 0.9 / excellent 1.1; ptp_rate gets thresholds the default lacks. */
const OURS = [
  bench("recovery_achievement", "higher", 0.9, 1.1),
  bench("ptp_rate", "higher", 0.3, 0.5),
  bench("compliance_pass_rate", "higher", 0.95, "", true),
];

describe("BENCHMARK: the defaults of metrics.md section 4", () => {
  runCases([
    ["BENCHMARK", ["recovery_achievement"], 0.85],
    ["BENCHMARK", ["recovery_achievement", "excellent"], 1.2],
    ["BENCHMARK", ["recovery_achievement", "meets"], 0.85],
    // level is case-insensitive, blank means meets, and the Chinese level names work too
    ["BENCHMARK", ["recovery_achievement", "Excellent"], 1.2],
    ["BENCHMARK", ["recovery_achievement", ""], 0.85],
    ["BENCHMARK", ["recovery_achievement", null], 0.85],
    ["BENCHMARK", ["recovery_achievement", "优秀"], 1.2],
    ["BENCHMARK", ["complaint_rate"], 0.003],
    ["BENCHMARK", ["complaint_rate", "excellent"], 0.001],
    ["BENCHMARK", ["per_capita_recovery"], 80000],
    ["BENCHMARK", ["per_capita_recovery", "excellent"], 150000],
    ["BENCHMARK", ["compliance_pass_rate"], 0.98],
    ["BENCHMARK", ["optimization_suggestions"], 2],
    ["BENCHMARK", ["avg_handling_days", "excellent"], 5],
    ["BENCHMARK", ["cumulative_recovery", "excellent"], 0.65],
    // a blank threshold is #N/A, naming the metric and the column to fill
    ["BENCHMARK", ["cumulative_recovery"], err(NA, "cumulative_recovery", "meets", "Meets")],
    ["BENCHMARK", ["effective_talk_ratio", "excellent"], err(NA, "effective_talk_ratio", "Excellent")],
    ["BENCHMARK", ["ptp_rate"], err(NA, "ptp_rate")],
    // ids are matched case- and space-insensitively
    ["BENCHMARK", [" Complaint_Rate "], 0.003],
    // unknown metric: #N/A naming it and where to look
    ["BENCHMARK", ["recovery_rate"], err(NA, "recovery_rate", "METRICS")],
    // a metric that is not text, or blank
    ["BENCHMARK", [42], err(V, "metric")],
    ["BENCHMARK", [""], err(V, "metric")],
    // an unknown level
    ["BENCHMARK", ["recovery_achievement", "best"], err(V, "best", "meets", "excellent")],
  ]);
});

describe("BENCHMARK: overrides from the workbook's Benchmarks table", () => {
  runCases([
    // without the header row
    ["BENCHMARK", ["recovery_achievement", "meets", OURS], 0.9],
    ["BENCHMARK", ["recovery_achievement", "excellent", OURS], 1.1],
    // with the header row
    ["BENCHMARK", ["recovery_achievement", "meets", [HEADER, ...OURS]], 0.9],
    // a Chinese header row is skipped just as well
    ["BENCHMARK", ["ptp_rate", "meets", [["指标ID", "指标名称", "方向", "达标", "优秀", "单位", "红线", "来源"], ...OURS]], 0.3],
    // a metric without a default gets its threshold from the table
    ["BENCHMARK", ["ptp_rate", "excellent", OURS], 0.5],
    // a metric missing from the table falls back to the default
    ["BENCHMARK", ["complaint_rate", "meets", OURS], 0.003],
    ["BENCHMARK", ["per_capita_recovery", "excellent", [HEADER, ...OURS]], 150000],
    // a row that blanks a threshold makes it #N/A (the table wins over the default)
    ["BENCHMARK", ["compliance_pass_rate", "excellent", OURS], err(NA, "compliance_pass_rate")],
    // only the first five columns are needed
    ["BENCHMARK", ["recovery_achievement", "meets", [["recovery_achievement", "", "higher", 0.7, 1]]], 0.7],
    // the id in the table is matched case- and space-insensitively
    ["BENCHMARK", ["recovery_achievement", "meets", [bench(" RECOVERY_ACHIEVEMENT", "higher", 0.7, 1)]], 0.7],
    // blank rows inside the table are fine
    ["BENCHMARK", ["ptp_rate", "meets", [HEADER, bench(null, null, null, null, null), ...OURS]], 0.3],
    // a duplicate row: #VALUE!, saying which metric to clean up
    ["BENCHMARK", ["recovery_achievement", "meets", [...OURS, bench("recovery_achievement", "higher", 0.8, 1)]],
      err(V, "recovery_achievement", "more than once")],
    // … but a duplicate of another metric does not break this one
    ["BENCHMARK", ["complaint_rate", "meets", [...OURS, bench("recovery_achievement", "higher", 0.8, 1)]], 0.003],
    // text in Meets: #VALUE! naming the row, the column and what it found
    ["BENCHMARK", ["recovery_achievement", "meets", [bench("recovery_achievement", "higher", "85%", 1.2)]],
      err(V, "recovery_achievement", "Meets", "85%")],
    // a boolean in Excellent is not a number either
    ["BENCHMARK", ["recovery_achievement", "excellent", [bench("recovery_achievement", "higher", 0.85, true)]],
      err(V, "recovery_achievement", "Excellent")],
    // a broken row for one metric leaves the others alone
    ["BENCHMARK", ["ptp_rate", "meets", [bench("recovery_achievement", "higher", "85%", 1.2), ...OURS.slice(1)]], 0.3],
    // swapped Meets / Excellent (excellent below meets for a higher-is-better metric): #VALUE!, "Swap"
    ["BENCHMARK", ["recovery_achievement", "meets", [bench("recovery_achievement", "higher", 1.2, 0.85)]],
      err(V, "recovery_achievement", "Swap")],
    // … and the other way round for a lower-is-better one
    ["BENCHMARK", ["complaint_rate", "meets", [bench("complaint_rate", "lower", 0.001, 0.003)]], err(V, "complaint_rate", "Swap")],
    // equal thresholds are not swapped
    ["BENCHMARK", ["complaint_rate", "excellent", [bench("complaint_rate", "lower", 0.002, 0.002)]], 0.002],
    // an unknown direction
    ["BENCHMARK", ["recovery_achievement", "meets", [bench("recovery_achievement", "sideways", 0.85, 1.2)]],
      err(V, "recovery_achievement", "sideways")],
    // a negative threshold
    ["BENCHMARK", ["recovery_achievement", "meets", [bench("recovery_achievement", "higher", -0.85, 1.2)]],
      err(V, "recovery_achievement", "negative")],
    // an empty table (every cell blank): #N/A, saying how to refill it
    ["BENCHMARK", ["recovery_achievement", "meets", [[null, "", null, null, null, null, null, null]]], err(NA, "benchmarks", "empty")],
    // a table too narrow to hold Meets and Excellent
    ["BENCHMARK", ["recovery_achievement", "meets", [["recovery_achievement", "x", "higher"]]], err(V, "benchmarks", "Excellent")],
    // a header-only table: every metric falls back to its default
    ["BENCHMARK", ["recovery_achievement", "meets", [HEADER]], 0.85],
    // null (an omitted optional argument) means the defaults
    ["BENCHMARK", ["recovery_achievement", "meets", null], 0.85],
  ]);
});

describe("GRADE: both directions, blank thresholds skipped, both languages", () => {
  runCases([
    // higher is better; recovery_achievement meets 0.85, excellent 1.2
    ["GRADE", ["recovery_achievement", 1.3], "Excellent"],
    ["GRADE", ["recovery_achievement", 1.2], "Excellent"], // at the threshold reaches it
    ["GRADE", ["recovery_achievement", 1.0], "Meets"],
    ["GRADE", ["recovery_achievement", 0.85], "Meets"],
    ["GRADE", ["recovery_achievement", 0.8499], "Below"],
    ["GRADE", ["recovery_achievement", 0], "Below"],
    // lower is better; complaint_rate meets 0.003, excellent 0.001
    ["GRADE", ["complaint_rate", 0], "Excellent"],
    ["GRADE", ["complaint_rate", 0.0005], "Excellent"],
    ["GRADE", ["complaint_rate", 0.001], "Excellent"],
    ["GRADE", ["complaint_rate", 0.002], "Meets"],
    ["GRADE", ["complaint_rate", 0.003], "Meets"],
    ["GRADE", ["complaint_rate", 0.0031], "Below"],
    ["GRADE", ["complaint_rate", 0.5], "Below"],
    // zh-CN labels, both directions
    ["GRADE", ["recovery_achievement", 1.3, null, "zh-CN"], "优秀"],
    ["GRADE", ["recovery_achievement", 0.9, null, "zh-CN"], "达标"],
    ["GRADE", ["recovery_achievement", 0.5, null, "zh-CN"], "未达标"],
    ["GRADE", ["complaint_rate", 0.0005, null, "zh-CN"], "优秀"],
    ["GRADE", ["complaint_rate", 0.002, null, "zh-CN"], "达标"],
    ["GRADE", ["complaint_rate", 0.004, null, "zh-CN"], "未达标"],
    // en-US explicitly, and other spellings of the two languages
    ["GRADE", ["recovery_achievement", 0.9, null, "en-US"], "Meets"],
    ["GRADE", ["recovery_achievement", 0.9, null, "zh"], "达标"],
    ["GRADE", ["recovery_achievement", 0.9, null, "ZH-cn"], "达标"],
    // cumulative_recovery: meets blank is skipped; excellent 0.65
    ["GRADE", ["cumulative_recovery", 0.65], "Excellent"],
    ["GRADE", ["cumulative_recovery", 0.5], "Below"],
    // effective_talk_ratio: excellent blank is skipped, so 0.9 is only Meets (meets 0.6)
    ["GRADE", ["effective_talk_ratio", 0.9], "Meets"],
    ["GRADE", ["effective_talk_ratio", 0.59], "Below"],
    // avg_handling_days: lower is better, excellent 5 only
    ["GRADE", ["avg_handling_days", 5], "Excellent"],
    ["GRADE", ["avg_handling_days", 6], "Below"],
    // both thresholds blank: #N/A naming the metric
    ["GRADE", ["ptp_rate", 0.5], err(NA, "ptp_rate", "Meets", "Excellent")],
    // … unless the workbook's table gives some: ptp_rate 0.3 / 0.5
    ["GRADE", ["ptp_rate", 0.4, OURS], "Meets"],
    ["GRADE", ["ptp_rate", 0.5, OURS, "zh-CN"], "优秀"],
    // an overridden direction is honoured: recovery as lower-is-better with 0.5 / 0.4
    ["GRADE", ["recovery_achievement", 0.45, [bench("recovery_achievement", "lower", 0.5, 0.4)]], "Meets"],
    // errors
    ["GRADE", ["recovery_rate", 0.9], err(NA, "recovery_rate")],
    ["GRADE", ["recovery_achievement", "90%"], err(V, "value")],
    ["GRADE", ["recovery_achievement", true], err(V, "value")],
    ["GRADE", ["recovery_achievement", null], err(V, "value", "blank")],
    ["GRADE", ["recovery_achievement", -0.1], err(NUM, "value", "negative")],
    ["GRADE", ["recovery_achievement", 0.9, null, "fr-FR"], err(V, "fr-FR", "zh-CN")],
  ]);
});

describe("KPISCORE: target achievement, capped at 120, floored at 0", () => {
  runCases([
    // higher is better, target = meets 0.85: 100 × 0.85 / 0.85 = 100
    ["KPISCORE", ["recovery_achievement", 0.85], 100],
    // 100 × 0.425 / 0.85 = 50
    ["KPISCORE", ["recovery_achievement", 0.425], 50],
    // 100 × 1.02 / 0.85 = 120, exactly the cap
    ["KPISCORE", ["recovery_achievement", 1.02], 120],
    // 100 × 1.5 / 0.85 = 176.5 → capped at 120
    ["KPISCORE", ["recovery_achievement", 1.5], 120],
    // 100 × 0 / 0.85 = 0: the floor
    ["KPISCORE", ["recovery_achievement", 0], 0],
    // per_capita_recovery: 100 × 60000 / 80000 = 75
    ["KPISCORE", ["per_capita_recovery", 60000], 75],
    // lower is better, target = meets 0.003: 100 × 0.003 / 0.006 = 50
    ["KPISCORE", ["complaint_rate", 0.006], 50],
    ["KPISCORE", ["complaint_rate", 0.003], 100],
    // 100 × 0.003 / 0.002 = 150 → capped at 120
    ["KPISCORE", ["complaint_rate", 0.002], 120],
    // lower is better and value 0: the cap, not a division by zero
    ["KPISCORE", ["complaint_rate", 0], 120],
    // a huge value of a lower-is-better metric tends to 0: 100 × 0.003 / 1e308 ≈ 3e-309
    ["KPISCORE", ["complaint_rate", 1e308], 100 * 0.003 / 1e308],
    // meets blank: the excellent threshold is the target; cumulative_recovery 100 × 0.52 / 0.65 = 80
    ["KPISCORE", ["cumulative_recovery", 0.52], 80],
    // avg_handling_days (lower, excellent 5 only): 100 × 5 / 10 = 50
    ["KPISCORE", ["avg_handling_days", 10], 50],
    // both blank: #N/A
    ["KPISCORE", ["ptp_rate", 0.5], err(NA, "ptp_rate")],
    // from the workbook's table: ptp_rate meets 0.3: 100 × 0.27 / 0.3 = 90
    ["KPISCORE", ["ptp_rate", 0.27, OURS], 90],
    // a table row whose meets is 0 is met by anything: 0 → 100, above 0 → the cap
    ["KPISCORE", ["ptp_rate", 0, [bench("ptp_rate", "higher", 0, "")]], 100],
    ["KPISCORE", ["ptp_rate", 0.1, [bench("ptp_rate", "higher", 0, "")]], 120],
    // errors
    ["KPISCORE", ["nope", 1], err(NA, "nope")],
    ["KPISCORE", ["recovery_achievement", "high"], err(V, "value")],
    ["KPISCORE", ["recovery_achievement", -1], err(NUM, "value")],
    ["KPISCORE", ["recovery_achievement", 1e308 * 10], err(NUM, "value")],
  ]);
});

describe("SCORE: weighted mean of KPISCOREs, with the red-line veto", () => {
  const ids = row("recovery_achievement", "compliance_pass_rate", "complaint_rate");
  // recovery 0.935 → 100 × 0.935 / 0.85 = 110; compliance 0.98 → 100; complaint 0.006 → 100 × 0.003 / 0.006 = 50
  const values = row(0.935, 0.98, 0.006);
  const weights = row(0.5, 0.2, 0.3);
  runCases([
    // (0.5 × 110 + 0.2 × 100 + 0.3 × 50) / (0.5 + 0.2 + 0.3) = (55 + 20 + 15) / 1 = 90
    ["SCORE", [ids, values, weights], 90],
    // the same scorecard as columns
    ["SCORE", [col("recovery_achievement", "compliance_pass_rate", "complaint_rate"), col(0.935, 0.98, 0.006), col(0.5, 0.2, 0.3)], 90],
    // weights need not add up to 1: (5 × 110 + 2 × 100 + 3 × 50) / 10 = 90
    ["SCORE", [ids, values, row(5, 2, 3)], 90],
    // the veto: compliance 0.97 < 0.98 makes the composite 0, however good the rest
    ["SCORE", [ids, row(1.2, 0.97, 0), weights], 0],
    // … even when the red-line metric carries no weight
    ["SCORE", [ids, row(1.2, 0.97, 0), row(0.5, 0, 0.5)], 0],
    ["SCORE", [ids, row(1.2, 0.97, 0), row(0.5, null, 0.5)], 0],
    // exactly at the threshold is no veto: (0.5 × 110 + 0.2 × 100 + 0.3 × 50) = 90 as above
    ["SCORE", [ids, row(0.935, 0.98, 0.006), weights], 90],
    // blank weights are 0: (0.5 × 110 + 0 + 0.5 × 50) / (0.5 + 0.5) = 80
    ["SCORE", [ids, values, row(0.5, "", 0.5)], 80],
    ["SCORE", [ids, values, row(0.5, null, 0.5)], 80],
    // a blank metric cell is skipped with its value and weight: only recovery, 100 × 0.85 / 0.85 = 100
    ["SCORE", [row("recovery_achievement", null, ""), row(0.85, "", null), row(1, 1, 1)], 100],
    // a scorecard of capped scores stays at 120: recovery 2 → 120, complaint 0 → 120
    ["SCORE", [row("recovery_achievement", "complaint_rate"), row(2, 0), row(1 / 3, 2 / 3)], 120],
    // the workbook's table lowers compliance meets to 0.95: no veto, compliance 100 × 0.97 / 0.95
    ["SCORE", [ids, row(0.935, 0.97, 0.006), weights, OURS], 0.5 * (100 * 0.935 / 0.9) + 0.2 * (100 * 0.97 / 0.95) + 0.3 * 50],
    // the table can make another metric a red line: complaint 0.006 misses 0.003 → 0
    ["SCORE", [ids, values, weights, [bench("complaint_rate", "lower", 0.003, 0.001, true)]], 0],
    // … or take the red line off compliance: (0.5 × 110 + 0.2 × 100 × 0.97 / 0.98 + 0.3 × 50)
    ["SCORE", [ids, row(0.935, 0.97, 0.006), weights, [bench("compliance_pass_rate", "higher", 0.98, "", false)]],
      0.5 * 110 + 0.2 * (100 * 0.97 / 0.98) + 0.3 * 50],
    // shapes must match: #VALUE! naming both ranges
    ["SCORE", [ids, row(0.935, 0.98), weights], err(V, "metrics", "values")],
    ["SCORE", [ids, values, col(0.5, 0.2, 0.3)], err(V, "metrics", "weights")],
    ["SCORE", [ids, col(0.935, 0.98, 0.006), weights], err(V, "metrics", "values")],
    // weights adding up to 0: #DIV/0!
    ["SCORE", [ids, values, row(0, 0, "")], err(DIV, "weights")],
    // a negative weight: #NUM!
    ["SCORE", [ids, values, row(0.5, -0.2, 0.3)], err(NUM, "weights", "negative")],
    // text where a weight or value is needed: #VALUE!
    ["SCORE", [ids, values, row(0.5, "20%", 0.3)], err(V, "weights")],
    ["SCORE", [ids, row(0.935, "98%", 0.006), weights], err(V, "values")],
    // a metric with a blank value: #VALUE!, naming the metric
    ["SCORE", [ids, row(0.935, null, 0.006), weights], err(V, "compliance_pass_rate", "blank")],
    // a negative value: #NUM!
    ["SCORE", [ids, row(0.935, 0.98, -0.006), weights], err(NUM, "values", "negative")],
    // an unknown metric id: #N/A; a number where an id belongs: #VALUE!
    ["SCORE", [row("recovery_achievement", "recovery_rate"), row(1, 1), row(1, 1)], err(NA, "recovery_rate")],
    ["SCORE", [row("recovery_achievement", 7), row(1, 1), row(1, 1)], err(V, "metrics")],
    // a metric without thresholds: #N/A
    ["SCORE", [row("recovery_achievement", "ptp_rate"), row(1, 0.5), row(1, 1)], err(NA, "ptp_rate")],
    // only the ratios of the weights matter: 1e308 each (whose sum is beyond the largest number) is
    // (110 + 100 + 50) / 3 = 86.67, and 5e-324 each (the smallest number) the same
    ["SCORE", [ids, values, row(1e308, 1e308, 1e308)], (110 + 100 + 50) / 3],
    ["SCORE", [ids, values, row(5e-324, 5e-324, 5e-324)], (110 + 100 + 50) / 3],
    // a tiny weight beside a normal one counts for (almost) nothing: 110 × 1 / 1 = 110
    ["SCORE", [ids, values, row(1, 0, 5e-324)], 110],
  ]);
});

describe("SCOREGRADE: bands at 60 / 80 / 90, both languages", () => {
  runCases([
    ["SCOREGRADE", [0], "Fail"],
    ["SCOREGRADE", [59.99], "Fail"],
    ["SCOREGRADE", [60], "Pass"],
    ["SCOREGRADE", [79.99], "Pass"],
    ["SCOREGRADE", [80], "Good"],
    ["SCOREGRADE", [89.99], "Good"],
    ["SCOREGRADE", [90], "Excellent"],
    ["SCOREGRADE", [120], "Excellent"],
    ["SCOREGRADE", [59.99, "zh-CN"], "不合格"],
    ["SCOREGRADE", [60, "zh-CN"], "合格"],
    ["SCOREGRADE", [80, "zh-CN"], "良好"],
    ["SCOREGRADE", [90, "zh-CN"], "优秀"],
    ["SCOREGRADE", [90, "en-US"], "Excellent"],
    // outside 0–120 is not a SCORE result
    ["SCOREGRADE", [120.01], err(NUM, "score")],
    ["SCOREGRADE", [-1], err(NUM, "score")],
    ["SCOREGRADE", ["90"], err(V, "score")],
    ["SCOREGRADE", [null], err(V, "score")],
    ["SCOREGRADE", [90, "de-DE"], err(V, "de-DE")],
  ]);
});

describe("METRICS: the catalogue as a spilled table with a header row", () => {
  const rows = CATALOGUE.length + 1;
  for (const [language, header] of [
    [undefined, ["Metric ID", "Name", "Formula", "Direction", "Meets", "Excellent", "Unit", "Source"]],
    ["en-US", ["Metric ID", "Name", "Formula", "Direction", "Meets", "Excellent", "Unit", "Source"]],
    ["zh-CN", ["指标ID", "指标名称", "计算公式", "方向", "达标", "优秀", "单位", "来源"]],
  ] as const) {
    for (const path of ["core", "excel"] as const) {
      it(`METRICS(${language ?? ""}) through ${path}: ${rows} rows × 8 columns, header first`, () => {
        const got = outcome(path, () => (path === "core" ? callCore : callExcel)("METRICS", language === undefined ? [] : [language]));
        expect(Array.isArray(got)).toBe(true);
        const table = got as (string | number)[][];
        expect(table.length).toBe(rows);
        for (const r of table) expect(r.length).toBe(8);
        expect(table[0]).toEqual(header);
        expect(table[0]).toEqual([...METRICS_HEADER[language === "zh-CN" ? "zh" : "en"]]);
        expect(table.slice(1).map((r) => r[0])).toEqual(CATALOGUE.map((m) => m.id));
        for (const r of table) for (const v of r) expect(typeof v === "string" || Number.isFinite(v)).toBe(true);
        const recovery = table.find((r) => r[0] === "recovery_achievement") as (string | number)[];
        expect(recovery.slice(3, 6)).toEqual([language === "zh-CN" ? "越高越好" : "higher", 0.85, 1.2]);
        // a blank threshold stays blank, it is not 0
        const ptp = table.find((r) => r[0] === "ptp_rate") as (string | number)[];
        expect(ptp.slice(4, 6)).toEqual(["", ""]);
        const complaints = table.find((r) => r[0] === "complaint_rate") as (string | number)[];
        expect(complaints[3]).toBe(language === "zh-CN" ? "越低越好" : "lower");
        if (language === "zh-CN") expect(complaints[1]).toBe("客户投诉率");
      });
    }
  }
  runCases([["METRICS", ["klingon"], err(V, "klingon")]]);
});

describe("the bridge: a thrown core error is an Excel error with the right code", () => {
  it("#DIV/0! and #NUM! carry no message (Excel cannot show one); #VALUE! and #N/A do", () => {
    check("excel", outcome("excel", () => callExcel("RECOVERYRATE", [[[1]], [[0]]])), err(DIV), "div");
    check("excel", outcome("excel", () => callExcel("RECOVERYRATE", [[[-1]], [[1]]])), err(NUM), "num");
    check("excel", outcome("excel", () => callExcel("RECOVERYRATE", [[["x"]], [[1]]])), err(V, "recovered"), "value");
    check("excel", outcome("excel", () => callExcel("GRADE", ["x", 1])), err(NA, "x"), "na");
  });
});

describe("the last Benchmarks table is reused only while its cells are the same", () => {
  const { benchmarkOf, score } = require("../../../src/core") as typeof import("../../../src/core");
  const table = (): (string | number | boolean | null)[][] => [
    ["recovery_achievement", "Recovery achievement", "higher", 0.9, 1.1, "%", false, "ours"],
    ["compliance_pass_rate", "Compliance", "higher", 0.95, 0.98, "%", true, "ours"],
  ];

  test("a threshold edited in place (same arrays) is read again", () => {
    const t = table();
    expect(benchmarkOf("recovery_achievement", "meets", t)).toBe(0.9);
    t[0][3] = 0.8;
    expect(benchmarkOf("recovery_achievement", "meets", t)).toBe(0.8);
  });

  test("two tables in turn each give their own thresholds", () => {
    const a = table();
    const b = table();
    b[0][3] = 0.5;
    for (let i = 0; i < 3; i++) {
      expect(benchmarkOf("recovery_achievement", "meets", a)).toBe(0.9);
      expect(benchmarkOf("recovery_achievement", "meets", b)).toBe(0.5);
    }
  });

  test("an error in a row is given again for a fresh copy of the same table, and cleared when the row is fixed", () => {
    const bad = table();
    bad[0][3] = "ninety";
    const message = /recovery_achievement/;
    expect(() => benchmarkOf("recovery_achievement", "meets", bad)).toThrow(message);
    expect(() => benchmarkOf("recovery_achievement", "meets", bad.map((r) => [...r]))).toThrow(message);
    const fixed = bad.map((r) => [...r]);
    fixed[0][3] = 0.9;
    expect(benchmarkOf("recovery_achievement", "meets", fixed)).toBe(0.9);
  });

  test("a row that changed while another metric was asked is read again when its metric is asked", () => {
    // Only the asked metrics' rows are compared per call: compliance's row changes in a copy
    // while recovery is asked, then compliance is asked of that copy.
    const first = table();
    expect(benchmarkOf("compliance_pass_rate", "meets", first)).toBe(0.95);
    const copy = first.map((r) => [...r]);
    copy[1][3] = 0.9;
    expect(benchmarkOf("recovery_achievement", "meets", copy)).toBe(0.9);
    expect(benchmarkOf("compliance_pass_rate", "meets", copy)).toBe(0.9);
    // Direction swapped and order broken in a later copy: the row's error, not the old parse.
    const broken = copy.map((r) => [...r]);
    broken[1][2] = "lower";
    expect(() => benchmarkOf("compliance_pass_rate", "meets", broken)).toThrow(/compliance_pass_rate/);
  });

  test("a duplicated id in a copy is found, and so is its removal", () => {
    const dup = [...table(), ["recovery_achievement", "again", "higher", 0.5, 0.6, "%", false, ""]];
    expect(benchmarkOf("recovery_achievement", "meets", table())).toBe(0.9);
    expect(() => benchmarkOf("recovery_achievement", "meets", dup)).toThrow(/more than once/);
    expect(benchmarkOf("recovery_achievement", "meets", table())).toBe(0.9);
  });

  test("a table whose ids are all blank is never reused: emptied, it is #N/A", () => {
    const blankIds = table().map((r) => [null, ...r.slice(1)]);
    // No row for the metric: the default (0.85, metrics.md).
    expect(benchmarkOf("recovery_achievement", "meets", blankIds)).toBe(0.85);
    const empty = blankIds.map((r) => r.map(() => null));
    expect(() => benchmarkOf("recovery_achievement", "meets", empty)).toThrow(/empty/);
  });

  test("a red line turned off in a copy lifts SCORE's veto", () => {
    // compliance 0.9 < meets 0.95 with red line on: vetoed → 0; with it off, the compliance
    // KPISCORE is 0.9 / 0.95 × 100 = 94.736…, and the weighted mean over one metric is that.
    const on = table();
    expect(score([["compliance_pass_rate"]], [[0.9]], [[1]], on)).toBe(0);
    const off = on.map((r) => [...r]);
    off[1][6] = false;
    expect(score([["compliance_pass_rate"]], [[0.9]], [[1]], off)).toBeCloseTo((0.9 / 0.95) * 100, 10);
  });
});
