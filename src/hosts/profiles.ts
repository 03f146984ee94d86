/**
 * How each Excel host really behaves where it matters to CollectKPI: one table of documented
 * behaviours, each with its source. The simulator (src/excel-sim), the preview's formula engine
 * (src/engine) and the test helpers read this table; nothing else asks "is this desktop?".
 *
 * Pure data: no Office, no DOM. Where Microsoft's docs are silent the entry says so, and the
 * code that reads it handles every possibility (see the note below ALL_HOSTS).
 */

export type ExcelHostId = "desktop" | "web";

export interface ExcelHostProfile {
  readonly id: ExcelHostId;
  /** What the preview shows for the active profile. */
  readonly label: { readonly en: string; readonly zh: string };
  /**
   * What a custom function receives for an empty cell inside a cell or range argument.
   * Desktop: 0. Web: null. OfficeDev/office-js#4702 ("Empty cells are passed as zero in
   * desktop and null in office web"), #5262 (desktop, an `any` matrix: `[1, …, 8, 0, 0]`),
   * #1951 (a repeating matrix: a numeric zero, "cannot disambiguate from legitimate zero
   * cells"). Microsoft's answer in #4702 says newer builds pass null ("changed as a bug fix",
   * with no requirement set to detect it), so code must treat 0 and null alike wherever a
   * blank can reach it, and never rely on telling an empty cell from a typed 0.
   */
  readonly emptyCell: 0 | null;
  /**
   * A whole-column reference (A:A, 1,048,576 rows) passed to a custom function. Web: #CALC!
   * instead of a call (OfficeDev/office-js#4613, Office-Addin-Scripts#866). Desktop passes it.
   */
  readonly wholeColumnArgument: "passed" | "#CALC!";
  /**
   * Bytes one `context.sync()` may send or receive. Web: 5 MB, else RichApi.Error
   * RequestPayloadSizeLimitExceeded / ResponsePayloadSizeLimitExceeded ("Excel on the web has
   * a payload size limit for requests and responses of 5MB", Resource limits and performance
   * optimization for Office Add-ins; the codes: Office Add-ins docs, "Application-specific
   * API error handling"). Desktop documents no such limit: undefined.
   */
  readonly payloadLimitBytes?: number;
}

/** 5 MB as the web's limit counts it (the docs give "5MB"; 5 × 1024 × 1024 is the stricter reading of the two). */
export const WEB_PAYLOAD_LIMIT_BYTES = 5_000_000;

export const EXCEL_HOSTS: Readonly<Record<ExcelHostId, ExcelHostProfile>> = {
  desktop: {
    id: "desktop",
    label: { en: "Excel desktop", zh: "Excel 桌面版" },
    emptyCell: 0,
    wholeColumnArgument: "passed",
  },
  web: {
    id: "web",
    label: { en: "Excel on the web", zh: "Excel 网页版" },
    emptyCell: null,
    wholeColumnArgument: "#CALC!",
    payloadLimitBytes: WEB_PAYLOAD_LIMIT_BYTES,
  },
};

export const EXCEL_HOST_IDS: readonly ExcelHostId[] = ["desktop", "web"];

/**
 * Behaviours every host shares, with their sources.
 */
export const ALL_HOSTS = {
  /**
   * An optional argument left out arrives as null: "When no value is specified for an optional
   * parameter, Excel assigns it the value null" (Custom functions parameter options, Optional
   * parameters). TypeScript default values therefore never apply.
   */
  omittedOptional: null,
  /**
   * `Range.formulas` of a cell without a formula of its own is its value ("If a cell has no
   * formula, its value is returned instead", Excel.Range.formulas reference). That includes the
   * cells a dynamic array spills into: only the anchor holds the formula. Find spills with
   * getSpillParentOrNullObject (ExcelApi 1.12), never with `formulas === ""`.
   */
  formulasOfValueCell: "value",
  /**
   * Text typed with a leading apostrophe ('=COLLECT.X(…), '0.9) comes back from `formulas`
   * and `values` without it (OfficeDev/office-js#6687, closed as a feature request). Writing
   * `formulas` back would turn that text into a formula or a number: never round-trip them.
   */
  apostropheText: "dropped",
  /**
   * Errors inside an `any` range: without allowErrorForDataTypeAny the function is not called
   * and the cell shows the error (Custom functions errors, "Errors as custom function inputs",
   * implied rather than stated). With allowCustomDataForDataTypeAny on, errors arrive as rich
   * error objects ({ type: "Error", errorType: "Div0", … }; office-js#4385). CollectKPI turns
   * that flag off (office-js#3504: #VALUE! on every function in Excel 2021 with it set) and
   * the core still reads a rich error object as its error code.
   */
  errorInAnyRange: "not called",
} as const;

/*
 * What Microsoft does not document, and how CollectKPI copes with every possibility.
 *
 * - Parameters typed `number`: "Excel will convert values into that type before calling the
 *   function" (Custom functions JSON autogeneration, Types), but no page says what text, "",
 *   TRUE or an empty cell become. CollectKPI declares every parameter that may meet those
 *   `any` (no conversion: "If the type is any, no conversion will be performed", same page),
 *   so the core sees the cell as it is and answers with its own message, on every host.
 * - A workbook name that evaluates to an array (CollectBenchmarks, =IF(body="","",body)) passed
 *   to a matrix parameter: not documented. Dynamic-array Excel evaluates it to the array. A
 *   host that passed only the first element (office-js#580, Excel Online in 2019) would give the
 *   core a 1 × 1 table, which it refuses with #VALUE! ("narrower than its first five columns"):
 *   never a silent wrong grade.
 */

export function excelHost(id: string | null | undefined): ExcelHostProfile {
  return id === "web" ? EXCEL_HOSTS.web : EXCEL_HOSTS.desktop;
}

/** The profile the engine and the simulator use when none is given: the preview's default (desktop) or what a test run chose. */
let defaultHost: ExcelHostProfile = EXCEL_HOSTS.desktop;

export function defaultExcelHost(): ExcelHostProfile {
  return defaultHost;
}

/** For test set-up (jest runs the template, function and pane suites once per profile). */
export function setDefaultExcelHost(id: ExcelHostId): void {
  defaultHost = EXCEL_HOSTS[id];
}

/**
 * A cell's value as a custom function receives it inside a cell or range argument on `host`:
 * an empty cell becomes the host's empty value; everything else arrives as it is.
 */
export function argumentCell<T>(host: ExcelHostProfile, value: T | null | undefined): T | 0 | null {
  return value === null || value === undefined ? host.emptyCell : value;
}
