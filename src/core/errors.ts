/**
 * The one error type of the core. `code` uses the string values of Excel's
 * `CustomFunctions.ErrorCode`, so every host (custom functions, the preview's
 * formula engine) can map it without a table of its own.
 */
export type ErrorCode = "invalidValue" | "invalidNumber" | "divisionByZero" | "notAvailable";

/** What Excel shows in the cell for each code. */
export const EXCEL_ERROR_TEXT: Readonly<Record<ErrorCode, string>> = {
  invalidValue: "#VALUE!",
  invalidNumber: "#NUM!",
  divisionByZero: "#DIV/0!",
  notAvailable: "#N/A",
};

/** A message as data (its key in messages.ts and its arguments), so a UI can say it in its own language. */
export interface MessageDetail {
  readonly key: string;
  readonly args: readonly (string | number)[];
}

export class MetricError extends Error {
  readonly code: ErrorCode;
  /** The message as data (detailedError sets it on every core error), for a host to say in its language. */
  readonly detail?: MessageDetail;

  constructor(code: ErrorCode, message: string, detail?: MessageDetail) {
    super(message);
    this.name = "MetricError";
    this.code = code;
    if (detail !== undefined) this.detail = detail;
  }

  /** `#DIV/0!`, `#N/A`, … as the cell would show it. */
  get excelText(): string {
    return EXCEL_ERROR_TEXT[this.code];
  }
}

export function isMetricError(value: unknown): value is MetricError {
  return value instanceof MetricError;
}

/**
 * Runs `compute` and turns anything it throws into a MetricError, so that a host
 * never sees a raw exception even from a bug in the core.
 */
export function guard<T>(compute: () => T): T | MetricError {
  try {
    return compute();
  } catch (e) {
    if (e instanceof MetricError) return e;
    return new MetricError("invalidValue", `CollectKPI could not compute this cell (${String(e)}). Check the arguments.`);
  }
}
