/** Limits and helpers the readers and the typed step share (kept apart so typed.ts needs no CSV parser). */

/** Data rows that fit under the header in one worksheet (1,048,576 rows in all). */
export const MAX_DATA_ROWS = 1_048_575;
/** More problems than this are not worth reading; the import stops collecting. */
export const MAX_PROBLEMS = 20;

/** A value as a message quotes it: at most 60 characters. */
export function shorten(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}
