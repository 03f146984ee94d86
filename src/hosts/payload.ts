/**
 * Roughly the bytes a value takes in Office's JSON payload, as Excel on the web counts a
 * request or response against its 5 MB limit (profiles.ts, payloadLimitBytes). One counter for
 * the simulator, which enforces the limit, and for Make portable, which stays under it.
 */

/** UTF-8 bytes of a string, without Buffer (the preview and the task pane run in a browser). */
export function utf8Bytes(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    n += code < 0x80 ? 1 : code < 0x800 || (code >= 0xd800 && code < 0xe000) ? 2 : 3;
  }
  return n;
}

/**
 * Bytes of a cell value or a grid of them (strings, numbers, booleans, null, nested arrays).
 * `other` counts anything else (the simulator's plain objects); by default it counts 0.
 */
export function payloadBytes(value: unknown, other: (value: object) => number = () => 0): number {
  if (value === null || value === undefined) return 4;
  if (typeof value === "string") return utf8Bytes(value) + 2;
  if (typeof value === "number" || typeof value === "boolean") return String(value).length;
  if (Array.isArray(value)) {
    let n = 2;
    for (const v of value) n += payloadBytes(v, other) + 1;
    return n;
  }
  return typeof value === "object" ? other(value) : 0;
}
