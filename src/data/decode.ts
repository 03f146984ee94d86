/**
 * Bytes of a picked file to text. CSV files saved by Chinese Excel are GBK (GB18030 is its
 * superset, and every browser and Node 20 decode it); everything else we meet is UTF-8.
 */
import type { DataProblem } from "./model";

export type DecodeResult = { readonly ok: true; readonly text: string; readonly encoding: "utf-8" | "gb18030" } | { readonly ok: false; readonly problem: DataProblem };

export function decodeBytes(bytes: Uint8Array): DecodeResult {
  if (bytes.length === 0) return { ok: false, problem: { code: "empty-file", message: "The file is empty (0 bytes)." } };
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    return {
      ok: false,
      problem: { code: "unknown-encoding", value: "UTF-16", message: "The file is UTF-16 (Excel's \"Unicode text\"); save it as CSV UTF-8 or CSV instead." },
    };
  }
  const hasBom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  try {
    // ignoreBOM: true keeps a BOM in the text, so we strip exactly one ourselves either way.
    const text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(hasBom ? bytes.subarray(3) : bytes);
    return { ok: true, text, encoding: "utf-8" };
  } catch {
    // not UTF-8: try GB18030 below
  }
  if (!hasBom) {
    let text: string | undefined;
    try {
      text = new TextDecoder("gb18030").decode(bytes);
    } catch {
      text = undefined; // a runtime without the GB18030 decoder: report the encoding as unknown
    }
    if (text !== undefined && looksLikeText(text)) return { ok: true, text, encoding: "gb18030" };
  }
  return {
    ok: false,
    problem: { code: "unknown-encoding", message: "The file is neither UTF-8 nor GBK/GB18030 text (a binary file, or another encoding)." },
  };
}

/** GB18030 decodes almost any bytes; a binary file shows itself by replacement characters and control codes. */
function looksLikeText(text: string): boolean {
  // eslint-disable-next-line no-control-regex
  return !/[\uFFFD\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(text);
}
