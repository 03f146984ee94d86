/**
 * The documented host behaviours (src/hosts/profiles.ts), each checked where it bites: through
 * the built functions.js with arguments shaped as each host passes them, and through the
 * preview's engine. Expected values are worked by hand from metrics.md section 4.
 */
import { EXCEL_HOSTS, EXCEL_HOST_IDS, ExcelHostProfile, argumentCell } from "../../../src/hosts/profiles";
import { SimWorkbook } from "../../../src/excel-sim";
import { attachEngine } from "../../../src/preview/engine";
import { TEMPLATES } from "../../../src/templates";
import type { CellInput } from "../../../src/templates/types";
import { CustomFunctionsError, loadFunctionsScript } from "../../helpers/bundle";

const bundle = loadFunctionsScript();
const GRADE = bundle.fn("GRADE");
const KPISCORE = bundle.fn("KPISCORE");
const BENCHMARK = bundle.fn("BENCHMARK");
const SCORE = bundle.fn("SCORE");

type Cells = CellInput[][];

/** The Benchmarks body as the template writes it (blank thresholds are null: empty cells). */
function body(): Cells {
  const spec = TEMPLATES.find((t) => t.id === "benchmarks")!.build({ language: "en", sample: false });
  const { firstRow, lastRow } = spec.layout!;
  return spec.cells.slice(firstRow - 1, lastRow).map((row) => [...row]);
}

/** A range argument as `host` hands it to a custom function: an empty cell becomes its empty value. */
const direct = (host: ExcelHostProfile, cells: Cells): unknown[][] => cells.map((row) => row.map((v) => argumentCell(host, v)));
/** The same cells through CollectBenchmarks, =IF(body="","",body): an empty cell is "" on every host. */
const throughName = (cells: Cells): unknown[][] => cells.map((row) => row.map((v) => (v === null ? "" : v)));

function outcome(call: () => unknown): unknown {
  try {
    return call();
  } catch (e) {
    if (e instanceof CustomFunctionsError) return e.code;
    throw e;
  }
}

const rowOf = (cells: Cells, id: string): CellInput[] => cells.find((r) => r[0] === id)!;

describe("why CollectBenchmarks hands blanks on as \"\" (issue 12, measured through functions.js)", () => {
  test("desktop, the plain range: a blank threshold reads as 0, with wrong answers", () => {
    const desktop = direct(EXCEL_HOSTS.desktop, body());
    // compliance_pass_rate: Meets 0.98, Excellent blank → 0, "below Meets": the row is refused.
    expect(outcome(() => GRADE("compliance_pass_rate", 0.99, desktop))).toBe("#VALUE!");
    // cumulative_recovery: Meets blank → 0, so 0.5 "Meets" instead of Below: wrong, silently.
    expect(outcome(() => GRADE("cumulative_recovery", 0.5, desktop))).toBe("Meets");
  });

  test.each(EXCEL_HOST_IDS)("%s, through the name: blanks are \"not set\"", (id) => {
    const cells = throughName(body());
    // 0.99 ≥ Meets 0.98; Excellent is not set → Meets.
    expect(outcome(() => GRADE("compliance_pass_rate", 0.99, cells))).toBe("Meets");
    // 0.5 < Excellent 0.65; Meets is not set → Below.
    expect(outcome(() => GRADE("cumulative_recovery", 0.5, cells))).toBe("Below");
    // KPISCORE against Excellent where Meets is blank: 100 × 0.5 / 0.65 = 76.923…
    expect(outcome(() => KPISCORE("cumulative_recovery", 0.5, cells))).toBeCloseTo(76.92307692307692, 10);
    expect(outcome(() => BENCHMARK("cumulative_recovery", "meets", cells))).toBe("#N/A");
    // SCORE of recovery 0.9 (weight 2) and compliance 0.99 (weight 1): scores 100×0.9/0.85 = 105.882…
    // and 100×0.99/0.98 = 101.020…; (2 × 105.882… + 101.020…) / 3 = 104.262…
    const score = outcome(() => SCORE([["recovery_achievement", "compliance_pass_rate"]], [[0.9, 0.99]], [[2, 1]], cells));
    expect(score).toBeCloseTo((2 * (100 * 0.9) / 0.85 + (100 * 0.99) / 0.98) / 3, 10);
  });

  test.each(EXCEL_HOST_IDS)("%s: a typed 0 is a threshold, never \"not set\"", () => {
    const cells = body();
    rowOf(cells, "cumulative_recovery")[3] = 0; // Meets 0
    // A typed 0 is not empty, so the name passes it on as 0 on either host.
    const passed = throughName(cells);
    // 0.5 ≥ Meets 0 but < Excellent 0.65 → Meets; KPISCORE: target 0, higher is better → the cap 120.
    expect(outcome(() => GRADE("cumulative_recovery", 0.5, passed))).toBe("Meets");
    expect(outcome(() => KPISCORE("cumulative_recovery", 0.5, passed))).toBe(120);
    expect(outcome(() => BENCHMARK("cumulative_recovery", "meets", passed))).toBe(0);
  });
});

describe.each(EXCEL_HOST_IDS)("bad input on %s: a clear error or \"not set\", never a silent wrong grade", (id) => {
  const host = EXCEL_HOSTS[id];
  test.each([
    // [Meets cell of compliance_pass_rate, GRADE of 0.99, why]
    [null, "#N/A", "blank: neither threshold is set"],
    ["", "#N/A", "\"\" (a formula's empty text) is blank too"],
    [0, "Meets", "0 is a threshold: 0.99 ≥ 0"],
    ["abc", "#VALUE!", "text is refused"],
    ["0.9", "#VALUE!", "a number typed as text is refused"],
    [true, "#VALUE!", "TRUE is refused"],
  ] as const)("threshold %p → %p (%s)", (meets, expected, _why) => {
    const cells = body();
    rowOf(cells, "compliance_pass_rate")[3] = meets;
    expect(outcome(() => GRADE("compliance_pass_rate", 0.99, throughName(cells)))).toBe(expected);
  });

  test.each([
    // [value cell as typed, GRADE of it against the defaults (Meets 0.98)]
    ["", "#VALUE!"],
    ["abc", "#VALUE!"],
    ["0.99", "#VALUE!"],
    [true, "#VALUE!"],
    [0.99, "Meets"],
    [0, "Below"],
  ] as const)("value %p → %p", (value, expected) => {
    expect(outcome(() => GRADE("compliance_pass_rate", argumentCell(host, value)))).toBe(expected);
  });

  test("an empty value cell: the one difference the hosts force (documented)", () => {
    // Desktop hands the empty cell over as 0 and the function grades 0 (below 0.98: Below); the
    // web hands over null and the function says #VALUE! "value is blank". Templates never meet
    // it: they guard every grade with IF(value="","",…).
    expect(outcome(() => GRADE("compliance_pass_rate", argumentCell(host, null)))).toBe(id === "desktop" ? "Below" : "#VALUE!");
  });

  test("a rich error object (allowCustomDataForDataTypeAny on) reads as its own error", () => {
    const div0 = { type: "Error", errorType: "Div0", basicValue: "#DIV/0!" };
    expect(outcome(() => bundle.fn("RECOVERYRATE")([[1], [div0]], [[2], [3]]))).toBe("#DIV/0!");
    expect(outcome(() => GRADE("compliance_pass_rate", { type: "Error", errorType: "NotAvailable" }))).toBe("#N/A");
  });
});

describe("the preview engine follows the profile", () => {
  function evaluate(id: "desktop" | "web", formula: string, cells: [string, unknown][] = []): unknown {
    const book = new SimWorkbook(["Data"]);
    book.host = EXCEL_HOSTS[id];
    const engine = attachEngine(book);
    const sheet = book.requireSheet("Data");
    for (const [a1, v] of cells) {
      const m = /^([A-Z])(\d+)$/.exec(a1)!;
      book.setCellInput(sheet.id, Number(m[2]) - 1, m[1].charCodeAt(0) - 65, v as never);
    }
    book.recalculate();
    return engine.evaluate(sheet.id, formula).value;
  }

  test("a whole-column argument: computed on desktop, #CALC! on the web (office-js#4613)", () => {
    const data: [string, unknown][] = [["A1", 50], ["A2", 30], ["B1", 100], ["B2", 50]];
    // (50 + 30) / (100 + 50) = 0.5333…
    expect(evaluate("desktop", "=COLLECT.RECOVERYRATE(A:A,B:B)", data)).toBeCloseTo(80 / 150, 12);
    expect(evaluate("web", "=COLLECT.RECOVERYRATE(A:A,B:B)", data)).toBe("#CALC!");
    expect(evaluate("web", "=COLLECT.RECOVERYRATE(A1:A2,B1:B2)", data)).toBeCloseTo(80 / 150, 12);
  });

  test("an empty value cell reaches GRADE as each host passes it", () => {
    // complaint_rate is lower-is-better: 0 ≤ Excellent 0.001 → Excellent on desktop (0); the web's null is "value is blank".
    expect(evaluate("desktop", '=COLLECT.GRADE("complaint_rate",C1)')).toBe("Excellent");
    expect(evaluate("web", '=COLLECT.GRADE("complaint_rate",C1)')).toBe("#VALUE!");
    // Through the template's guard both say "".
    for (const id of EXCEL_HOST_IDS) expect(evaluate(id, '=IF(C1="","",COLLECT.GRADE("complaint_rate",C1))')).toBe("");
  });
});
