/**
 * A fake `CustomFunctions` global, as Excel's runtime provides it to functions.js: the
 * Error class (code + optional message), the ErrorCode enum with the real string values,
 * and `associate`. Importing this module installs it, so import it before (or at least
 * before calling) anything from src/functions.
 */

/** The real string values of `CustomFunctions.ErrorCode` (custom-functions-runtime). */
export const ErrorCode = {
  invalidValue: "#VALUE!",
  notAvailable: "#N/A",
  divisionByZero: "#DIV/0!",
  invalidNumber: "#NUM!",
  nullReference: "#NULL!",
  invalidName: "#NAME?",
  invalidReference: "#REF!",
} as const;

export type ErrorCodeValue = (typeof ErrorCode)[keyof typeof ErrorCode];

/** What a function throws, or puts into one cell of a spilled result. */
export class FakeCustomFunctionsError extends Error {
  readonly code: string;

  constructor(code: string, message?: string) {
    super(message);
    this.name = "CustomFunctions.Error";
    this.code = code;
    // Like the real class: `message` is absent when none was given (only #VALUE! and #N/A show one).
    if (message === undefined) Object.defineProperty(this, "message", { value: undefined, enumerable: false });
  }
}

/** Functions registered through CustomFunctions.associate, by id. */
export const associations = new Map<string, unknown>();

export const fakeCustomFunctions = {
  Error: FakeCustomFunctionsError,
  ErrorCode,
  associate(id: string | Record<string, unknown>, fn?: unknown): void {
    if (typeof id === "string") associations.set(id, fn);
    else for (const [k, v] of Object.entries(id)) associations.set(k, v);
  },
};

(globalThis as unknown as { CustomFunctions: typeof fakeCustomFunctions }).CustomFunctions = fakeCustomFunctions;

/** True when `value` is an error object the fake runtime made. */
export function isExcelError(value: unknown): value is FakeCustomFunctionsError {
  return value instanceof FakeCustomFunctionsError;
}

/**
 * Calls `fn` and returns what Excel would show: the value, or the thrown
 * CustomFunctions.Error. Anything else thrown is re-thrown, so a raw exception fails the test.
 */
export function excelCall<T>(fn: () => T): T | FakeCustomFunctionsError {
  try {
    return fn();
  } catch (e) {
    if (isExcelError(e)) return e;
    throw e;
  }
}
