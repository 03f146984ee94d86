/**
 * The bridge between the core and Excel's custom-functions runtime: core errors become
 * `CustomFunctions.Error`, nothing else ever escapes to a cell.
 */
import { ErrorCode, Language, MetricError, SpillCell, guard, languageOfTag, localMessage } from "../core";

// Excel shows a custom message only for #VALUE! and #N/A; the others refuse one.
const MESSAGE_ALLOWED: ReadonlySet<ErrorCode> = new Set<ErrorCode>(["invalidValue", "notAvailable"]);

/**
 * The language of those messages: Excel's display language, as most users run Chinese Excel.
 * Set explicitly (tests), or read from Office.context.displayLanguage the first time an error
 * needs it: the functions share their page with the task pane (shared runtime), so office.js
 * is there, but loading functions.js must not touch Office (test/unit/build.test.ts), and
 * nothing is read on the path of a function that succeeds.
 */
let messageLanguage: Language | undefined;

/** "zh-CN" (any zh-*) → Chinese messages; any other tag → English; null → follow Office's display language again. */
export function setMessageLanguage(tag: string | null): void {
  messageLanguage = tag === null ? undefined : languageOfTag(tag);
}

function currentLanguage(): Language {
  if (messageLanguage !== undefined) return messageLanguage;
  try {
    const tag = typeof Office !== "undefined" ? Office.context?.displayLanguage : undefined;
    // Before Office is ready there is no context yet: answer English and ask again next time.
    if (typeof tag !== "string" || tag === "") return "en";
    messageLanguage = languageOfTag(tag);
    return messageLanguage;
  } catch {
    return "en";
  }
}

export function toExcelError(error: MetricError): CustomFunctions.Error {
  const code = CustomFunctions.ErrorCode[error.code];
  return MESSAGE_ALLOWED.has(error.code)
    ? new CustomFunctions.Error(code, localMessage(error.message, error.detail, currentLanguage()))
    : new CustomFunctions.Error(code);
}

/** The Excel error for anything a computation threw: a core error as its code, else #VALUE!. */
export function excelErrorOf(thrown: unknown): CustomFunctions.Error {
  return toExcelError(guard(() => {
    throw thrown;
  }) as MetricError);
}

/** Runs one computation; a core error is thrown as the Excel error it stands for. */
export function run<T>(compute: () => T): T {
  const result = guard(compute);
  if (result instanceof MetricError) throw toExcelError(result);
  return result;
}

/** Runs a spilling computation: errors stay in their own cells. */
export function runSpill(compute: () => (SpillCell | "")[][]): (number | "" | CustomFunctions.Error)[][] {
  const grid = run(compute);
  return grid.map((row) => row.map((cell) => (cell instanceof MetricError ? toExcelError(cell) : cell)));
}
