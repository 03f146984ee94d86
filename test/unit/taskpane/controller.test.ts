/**
 * The pane's logic without a DOM: statuses in both languages, the two-step reset, search,
 * tab keys, and error messages that say what happened.
 */
import { CATALOGUE, allFunctionNames } from "../../../src/core";
import { SimError, SimWorkbook, createSimHost } from "../../../src/excel-sim";
import { PaneController, formatThreshold, nextTabIndex } from "../../../src/taskpane/controller";
import { STRINGS, languageOf, pickLanguage, setLanguageOverride } from "../../../src/taskpane/strings";
import { WriterError } from "../../../src/taskpane/writer";
import { TEST_TEMPLATES } from "./fixtures";

function pane(options: { excelApi?: string; language?: "en" | "zh" } = {}) {
  const book = new SimWorkbook();
  const host = createSimHost(book, { excelApi: options.excelApi });
  return { book, host, controller: new PaneController(host, TEST_TEMPLATES, options.language ?? "en") };
}

describe("templates", () => {
  test("cards: every template but Benchmarks, with catalogue metric names in the pane's language", () => {
    const { controller } = pane({ language: "zh" });
    const cards = controller.cards();
    expect(cards.map((c) => c.id)).toEqual(["m1", "rollrate"]);
    expect(cards[0]).toEqual({ id: "m1", title: "标题 m1", description: "适用于 m1 团队。", metrics: [{ id: "contact_coverage", name: "联系覆盖率" }] });
  });

  test("insert reports the sheet created, and the Benchmarks sheet created with it", async () => {
    const { controller, book } = pane();
    expect(await controller.insertTemplate("m1", true)).toEqual({
      tone: "success",
      text: "Created sheet 'M1', and the sheet 'Benchmarks' with the benchmarks it uses.",
    });
    expect(book.requireSheet("M1").input(4, 0)).toBe("Agent 1"); // sample data
    expect(await controller.insertTemplate("m1", false)).toEqual({ tone: "success", text: "Created sheet 'M1 (2)'." });
    expect(book.requireSheet("M1 (2)").input(4, 0)).toBe("");
    expect(await controller.openBenchmarks()).toEqual({
      tone: "success",
      text: "This workbook already has its Benchmarks: opened 'Benchmarks'. Your values were kept.",
    });
  });

  test("an unsupported Excel gets a plain sentence naming the feature and version", async () => {
    const { controller, book } = pane({ excelApi: "1.7" });
    const status = await controller.insertTemplate("m1", false);
    expect(status.tone).toBe("error");
    expect(status.text).toBe(
      "This version of Excel does not support data validation (ExcelApi 1.8), which this action needs. Nothing was changed. Update Excel, or use Excel on the web."
    );
    expect(book.stats.syncs).toBe(0);
    const zh = await pane({ excelApi: "1.7", language: "zh" }).controller.insertTemplate("m1", false);
    expect(zh.text).toContain("数据验证（ExcelApi 1.8）");
  });
});

describe("benchmarks: the reset needs an explicit confirm step", () => {
  test("requestReset only asks; nothing touches the workbook until confirmReset", async () => {
    const { controller, book } = pane();
    await controller.openBenchmarks();
    const bench = book.requireSheet("Benchmarks");
    book.setCellInput(bench.id, 4, 3, 0.5);
    const stats = { ...book.stats };

    const ask = controller.requestReset();
    expect(ask).toEqual({ tone: "warning", text: STRINGS.en.resetQuestion });
    expect(controller.resetState).toBe("confirming");
    expect(book.stats).toEqual(stats);
    expect(bench.input(4, 3)).toBe(0.5);

    expect(controller.cancelReset()).toEqual({ tone: "info", text: STRINGS.en.resetCancelled });
    expect(controller.resetState).toBe("idle");
    // Confirming without asking first does nothing.
    expect(await controller.confirmReset()).toEqual({ tone: "info", text: STRINGS.en.resetCancelled });
    expect(book.stats).toEqual(stats);
    expect(bench.input(4, 3)).toBe(0.5);

    controller.requestReset();
    const done = await controller.confirmReset();
    expect(done).toEqual({ tone: "success", text: `Reset ${CATALOGUE.length} rows to the defaults.` });
    expect(bench.input(4, 3)).toBe(0.85);
    expect(controller.resetState).toBe("idle");
  });

  test("check lists problems with their metric; without benchmarks it says how to get them", async () => {
    const { controller, book } = pane();
    expect(await controller.checkBenchmarks()).toEqual({ tone: "warning", text: STRINGS.en.noBenchmarks });
    await controller.openBenchmarks();
    expect((await controller.checkBenchmarks()).text).toBe(`All benchmark rows in Benchmarks!A5:H${4 + CATALOGUE.length} are valid.`);
    book.setCellInput(book.requireSheet("Benchmarks").id, 9, 2, "sideways");
    const status = await controller.checkBenchmarks();
    expect(status.tone).toBe("warning");
    expect(status.text).toBe(`1 problem in Benchmarks!A5:H${4 + CATALOGUE.length}:`);
    // The message names the row's metric: it is said once, not twice (issue 16).
    expect(status.details).toEqual(['Benchmarks row complaint_rate: Direction "sideways" is not known. Type higher or lower.']);
    for (const line of status.details ?? []) expect(line.split("complaint_rate").length - 1).toBe(1);
  });

  test("in Chinese, the problems are listed in Chinese, with the sheet's column names", async () => {
    const { controller, book } = pane({ language: "zh" });
    await controller.openBenchmarks();
    const bench = book.requireSheet("Benchmarks");
    book.setCellInput(bench.id, 9, 2, "sideways"); // complaint_rate: Direction
    book.setCellInput(bench.id, 4, 4, 0.5); // recovery_achievement: Excellent 0.5 below Meets 0.85
    const status = await controller.checkBenchmarks();
    expect(status.text).toBe(`Benchmarks!A5:H${4 + CATALOGUE.length} 中有 2 个问题：`);
    expect(status.details).toEqual([
      "基准表 recovery_achievement 行：优秀值低于达标值，但该指标越高越好。请交换这两个值。",
      "基准表 complaint_rate 行：方向“sideways”无法识别。请填写“越高越好”或“越低越好”（或 higher / lower）。",
    ]);
  });

  test("a problem of the whole table, or one whose message does not name the metric, keeps its label", async () => {
    const { controller, book } = pane();
    await controller.openBenchmarks();
    const bench = book.requireSheet("Benchmarks");
    book.setCellInput(bench.id, 9, 0, "recovery_achievement"); // complaint_rate's row now repeats recovery_achievement
    const status = await controller.checkBenchmarks();
    expect(status.details?.length).toBeGreaterThan(0);
    for (const line of status.details ?? []) expect(line.split("recovery_achievement").length - 1).toBe(1);
  });

  test("reset without benchmarks: a warning, not a crash", async () => {
    const { controller } = pane();
    controller.requestReset();
    expect(await controller.confirmReset()).toEqual({ tone: "warning", text: STRINGS.en.noBenchmarks });
  });
});

describe("functions", () => {
  test("lists every catalogue metric and every COLLECT function", () => {
    const { controller } = pane();
    const all = controller.searchFunctions("");
    expect(all.filter((e) => e.metric).map((e) => e.key)).toEqual(CATALOGUE.map((m) => m.id));
    const fns = new Set(all.map((e) => e.help?.fn).filter((f) => f !== undefined));
    expect([...fns].sort()).toEqual([...allFunctionNames()].sort());
  });

  test.each([
    ["recovery", ["recovery_achievement", "cumulative_recovery", "per_capita_recovery", "field_conversion", "agency_recovery_rate", "VINTAGE"]],
    ["投诉", ["complaint_rate"]],
    ["RECOVERYRATE", ["recovery_achievement"]],
    ["=collect.grade(", ["GRADE", "SCOREGRADE"]],
    ["ptp_kept", ["ptp_kept_rate"]],
    ["field rate", ["field_effective_rate"]],
    ["nothing like this", []],
  ])("search %p", (query, keys) => {
    expect(pane().controller.searchFunctions(query).map((e) => e.key)).toEqual(keys);
  });

  test("details: formula, parameters, kind, direction, default benchmark, source", () => {
    const { controller } = pane();
    const d = controller.details(controller.entry("complaint_rate")!);
    expect(d.title).toBe("Complaint rate");
    expect(d.description).toBe("complaints / accounts handled");
    expect(d.skeleton).toBe("=COLLECT.COMPLAINTRATE(complaints, accounts)");
    expect(d.params.map((p) => p.name)).toEqual(["complaints", "accounts"]);
    expect(d.facts).toEqual(
      expect.arrayContaining([
        { label: "Kind", value: "Ratio: may exceed 100%" },
        { label: "Direction", value: "Lower is better" },
        { label: "Default benchmark", value: "Meets 3‰ · Excellent 1‰" },
        { label: "Source", value: "Within 3‰; excellent teams below 1‰." },
      ])
    );
    const zh = pane({ language: "zh" }).controller;
    const z = zh.details(zh.entry("compliance_pass_rate")!);
    expect(z.facts).toEqual(expect.arrayContaining([{ label: "红线", value: "不达标则综合得分为 0（一票否决）。" }]));
    expect(z.params[0].help).toBe("质检通过的通话数：单元格或区域（求和）。");
  });

  test("a typed-in metric offers GRADE; other functions show their summary", () => {
    const { controller } = pane();
    const typed = controller.details(controller.entry("optimization_suggestions")!);
    expect(typed.skeleton).toBe('=COLLECT.GRADE("optimization_suggestions", value)');
    const score = controller.details(controller.entry("SCORE")!);
    expect(score.skeleton).toBe("=COLLECT.SCORE(metrics, values, weights)");
    expect(score.description).toMatch(/red-line veto/);
    expect(controller.details(controller.entry("METRICS")!).skeleton).toBe("=COLLECT.METRICS()");
  });

  test("insert into the active cell: written with the given arguments, or refused when the cell holds something", async () => {
    const { controller, book } = pane();
    book.select("Sheet1", "C3");
    const entry = controller.entry("recovery_achievement")!;
    expect(controller.argumentFields(entry).map((f) => [f.name, f.initial])).toEqual([["recovered", ""], ["target", ""]]);
    expect(await controller.insertFunction(entry, ["A1:A2", "B1:B2"])).toEqual({ tone: "success", text: "Wrote =COLLECT.RECOVERYRATE(A1:A2,B1:B2) in C3." });
    expect(await controller.insertFunction(entry, ["A1:A2", "B1:B2"])).toEqual({
      tone: "warning",
      text: "C3 is not empty, so nothing was written. Select an empty cell and try again.",
    });
    expect(book.requireSheet("Sheet1").input(2, 2)).toBe("=COLLECT.RECOVERYRATE(A1:A2,B1:B2)");
  });

  test("never a formula with placeholder names (#NAME?): each missing or unusable argument is asked for, nothing written (issue 16)", async () => {
    const { controller, book } = pane();
    book.select("Sheet1", "D4");
    const entry = controller.entry("recovery_achievement")!;
    const writes = book.stats.rangeWrites;
    expect(await controller.insertFunction(entry, ["", ""])).toEqual({ tone: "warning", text: STRINGS.en.argumentMissing("recovered") });
    expect(await controller.insertFunction(entry, ["B2:B9", "target"])).toEqual({ tone: "warning", text: STRINGS.en.argumentInvalid("target", "target") });
    expect(await controller.insertFunction(entry, ["B2:B9", "D1:D9"])).toEqual({ tone: "warning", text: STRINGS.en.argumentCircular("D4", "target") });
    expect(await controller.insertFunction(entry, ["Gone!B2:B9", "C2:C9"])).toEqual({ tone: "warning", text: STRINGS.en.argumentNoSheet("recovered", "Gone") });
    expect(book.stats.rangeWrites).toBe(writes);
    expect(book.requireSheet("Sheet1").input(3, 3)).toBe("");
    expect(STRINGS.zh.argumentMissing("recovered")).toContain("recovered");
  });

  test("Use selection gives the selection's address; GRADE starts with its metric id filled in", async () => {
    const { controller, book } = pane();
    book.select("Sheet1", "B7");
    expect(await controller.useSelection()).toEqual({ address: "Sheet1!B7" });
    const typed = controller.entry("optimization_suggestions")!;
    const fields = controller.argumentFields(typed);
    expect(fields.map((f) => [f.name, f.initial])).toEqual([["metric", '"optimization_suggestions"'], ["value", ""]]);
    book.select("Sheet1", "C7");
    expect(await controller.insertFunction(typed, [fields[0].initial, "Sheet1!B7"])).toEqual({
      tone: "success",
      text: 'Wrote =COLLECT.GRADE("optimization_suggestions",B7) in C7.',
    });
    // METRICS takes nothing: written as it is.
    book.select("Sheet1", "E1");
    expect((await controller.insertFunction(controller.entry("METRICS")!, [])).text).toBe("Wrote =COLLECT.METRICS() in E1.");
  });

  test("the function reference page: the whole page, and each function's anchor, in the pane's language", () => {
    const { controller } = pane();
    expect(controller.referenceUrl()).toBe("functions.html");
    expect(controller.referenceUrl(controller.entry("recovery_achievement")!)).toBe("functions.html#RECOVERYRATE");
    expect(controller.referenceUrl(controller.entry("optimization_suggestions")!)).toBe("functions.html#GRADE");
    expect(controller.referenceUrl(controller.entry("SCORE")!)).toBe("functions.html#SCORE");
    const zh = pane({ language: "zh" }).controller;
    expect(zh.referenceUrl()).toBe("functions.zh-cn.html");
    expect(zh.referenceUrl(zh.entry("complaint_rate")!)).toBe("functions.zh-cn.html#COMPLAINTRATE");
    expect(controller.details(controller.entry("complaint_rate")!).fn).toBe("COMPLAINTRATE");
    expect(STRINGS.en.referenceFor("SCORE")).toBe("COLLECT.SCORE in the function reference");
  });

  test("thresholds are shown as the sheet shows them", () => {
    const find = (id: string) => CATALOGUE.find((m) => m.id === id)!;
    expect(formatThreshold(find("recovery_achievement"), 0.85, "en")).toBe("85%");
    expect(formatThreshold(find("complaint_rate"), 0.003, "en")).toBe("3‰");
    expect(formatThreshold(find("per_capita_recovery"), 80000, "en")).toBe("80,000 CNY / person / month");
    expect(formatThreshold(find("avg_handling_days"), 5, "zh")).toBe("5 天/户");
  });
});

describe("errors always say something", () => {
  const { controller } = pane();
  test.each([
    [new WriterError({ code: "benchmarksShape", columns: 7, expected: 8 }), "The Benchmarks table has 7 columns where 8 are expected (Metric ID … Source), so it was not changed."],
    [new SimError("ItemNotFound", "The worksheet does not exist."), "Excel reported an error: The worksheet does not exist."],
    [new Error("boom"), "Something went wrong: boom"],
    ["a string", "Something went wrong: a string"],
  ])("%p", (error, text) => {
    expect(controller.describeError(error)).toEqual({ tone: "error", text });
  });
});

describe("tabs and language", () => {
  test("arrow keys wrap, Home and End jump, other keys do nothing", () => {
    expect(nextTabIndex("ArrowRight", 2, 3)).toBe(0);
    expect(nextTabIndex("ArrowLeft", 0, 3)).toBe(2);
    expect(nextTabIndex("ArrowDown", 0, 3)).toBe(1);
    expect(nextTabIndex("Home", 2, 3)).toBe(0);
    expect(nextTabIndex("End", 0, 3)).toBe(2);
    expect(nextTabIndex("a", 0, 3)).toBeUndefined();
  });

  test("zh-* is Chinese, anything else English; ?lang= and the override win", () => {
    expect(["zh-CN", "zh-TW", "ZH", "zh_Hans"].map(languageOf)).toEqual(["zh", "zh", "zh", "zh"]);
    expect(["en-US", "de-DE", "", "zhx"].map(languageOf)).toEqual(["en", "en", "en", "en"]);
    expect(pickLanguage("en-US", "?lang=zh")).toBe("zh");
    expect(pickLanguage("zh-CN", "?lang=en-US")).toBe("en");
    expect(pickLanguage("zh-CN", "")).toBe("zh");
    setLanguageOverride("en");
    expect(pickLanguage("zh-CN", "?lang=zh")).toBe("en");
    setLanguageOverride(undefined);
    expect(pickLanguage("zh-CN", "")).toBe("zh");
  });

  test("both languages have every string, none empty", () => {
    const keys = (o: object) => Object.keys(o).sort();
    expect(keys(STRINGS.zh)).toEqual(keys(STRINGS.en));
    for (const lang of ["en", "zh"] as const) {
      for (const [key, value] of Object.entries(STRINGS[lang])) {
        if (typeof value === "string") expect(`${key}:${value.trim() === "" ? "empty" : "ok"}`).toBe(`${key}:ok`);
      }
      expect(keys(STRINGS[lang].features)).toEqual(keys(STRINGS.en.features));
    }
  });
});
