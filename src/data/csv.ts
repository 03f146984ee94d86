/**
 * CSV text to headers and rows, through papaparse. The text is cut into slices at line ends
 * outside quotes and each slice is parsed on its own, so a long file reports progress, can be
 * cancelled between slices, and still runs at papaparse's full speed (its fast path for
 * slices without quotes). Structural problems (a quoted newline, a ragged row, too many
 * rows) are found here, with the file's own line numbers; values are judged in typed.ts.
 */
import Papa from "papaparse";
import { MAX_DATA_ROWS, MAX_PROBLEMS, shorten } from "./limits";
import type { DataProblem, RawTable } from "./model";

export interface CancelSignal {
  readonly aborted: boolean;
}

export interface ParseOptions {
  /** Called after each slice with the fraction of the text read (0–1). */
  readonly onProgress?: (fraction: number) => void;
  /** Checked before each slice; once aborted, the parse ends with `cancelled`. */
  readonly signal?: CancelSignal;
  /** Characters per slice (default 1 MiB); small values are for tests. */
  readonly sliceSize?: number;
}

export type ParseResult =
  | { readonly ok: true; readonly table: RawTable; readonly delimiter: string }
  | { readonly ok: false; readonly cancelled: boolean; readonly problems: readonly DataProblem[] };

const DELIMITERS = [",", "\t", ";"];
/** How long the parse runs before it lets the page take events. */
const YIELD_MS = 30;

export async function parseCsv(input: string, options: ParseOptions = {}): Promise<ParseResult> {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const newline = detectNewline(text);
  // A final line break ends the last line; it does not start an empty one.
  const end = text.endsWith(newline) ? text.length - newline.length : text.length;
  const delimiter = detectDelimiter(text, newline);
  const sliceSize = Math.max(1, options.sliceSize ?? 1 << 20);

  let headers: string[] | undefined;
  const rows: string[][] = [];
  const sourceRows: number[] = [];
  const problems: DataProblem[] = [];
  let blankLines = 0;
  let line = 0; // the last line number handed out
  let pos = 0;
  let lastYield = Date.now();
  let nextQuote = -1;

  const fail = (): ParseResult => ({ ok: false, cancelled: false, problems });

  while (pos < end) {
    if (options.signal?.aborted) return { ok: false, cancelled: true, problems: [] };
    let cut: number;
    let slice: string;
    let data: string[][];
    // The quote count can be thrown off by a stray " inside an unquoted value (5" screen); if
    // papaparse then finds the slice ending inside a quoted value, take a slice twice as long.
    let quoted = true;
    // The next quote at or after pos, found once per stretch of text without one: searching from
    // each slice would read the rest of a quote-free file once per slice.
    if (nextQuote < pos) {
      nextQuote = text.indexOf('"', pos);
      if (nextQuote < 0) nextQuote = text.length;
    }
    for (let size = sliceSize; ; size *= 2) {
      cut = sliceEnd(text, pos, end, size, newline, nextQuote);
      slice = text.slice(pos, cut);
      if (nextQuote >= cut) {
        // No quote: papaparse's own fast mode (split at line breaks, then at the separator), without its bookkeeping.
        quoted = false;
        data = splitRows(slice, newline, delimiter);
        break;
      }
      const parsed = Papa.parse<string[]>(slice, { delimiter, newline: newline as "\n", quoteChar: '"', skipEmptyLines: false });
      data = parsed.data;
      if (cut >= end || !parsed.errors.some((e) => e.code === "MissingQuotes")) break;
    }
    // Every line break outside quotes ends a record: when the counts agree, no field holds one.
    // Without quotes every line is one row; only a lone \n in a \r\n file can still break a record.
    const breaks = quoted || newline === "\r\n" ? countOf(slice, newline) : data.length - 1;
    const spansLines = data.length !== breaks + 1 || (newline === "\r\n" && countOf(slice, "\n") !== breaks);
    for (let i = 0; i < data.length; i++) {
      const fields = data[i];
      line++;
      if (fields.length === 1 && fields[0].trim() === "") {
        blankLines++;
        continue;
      }
      if (spansLines) {
        const j = fields.findIndex((f) => f.includes("\n") || f.includes("\r"));
        if (j >= 0) {
          const column = headers === undefined ? undefined : headers[j];
          problems.push({
            code: "quoted-newline",
            row: line,
            column,
            value: shorten(fields[j]),
            message: `Line ${line}${column === undefined ? "" : `, column "${column}"`}: a quoted value runs over more than one line (or a quote is never closed).`,
          });
          // Line numbers after this point would be guesses: stop here.
          return fail();
        }
      }
      if (headers === undefined) {
        headers = fields.map((h) => h.trim());
        continue;
      }
      if (fields.length !== headers.length) {
        if (problems.length < MAX_PROBLEMS) {
          problems.push({
            code: "ragged-row",
            row: line,
            value: shorten(fields.join(delimiter)),
            message: `Line ${line} has ${fields.length} fields; the header has ${headers.length}.`,
          });
        }
        continue;
      }
      if (rows.length === MAX_DATA_ROWS) {
        problems.push({ code: "too-many-rows", row: line, message: `More than ${MAX_DATA_ROWS.toLocaleString("en-US")} data rows: past the worksheet's 1,048,576 rows.` });
        return fail();
      }
      rows.push(fields);
      sourceRows.push(line);
    }
    pos = cut + newline.length;
    options.onProgress?.(Math.min(1, pos / Math.max(1, end)));
    // Let the pane paint its progress bar and take a click on Cancel (a frame's time at most apart).
    if (pos < end && Date.now() - lastYield >= YIELD_MS) {
      await new Promise<void>((resolve) => setTimeout(resolve, 0));
      lastYield = Date.now();
    }
  }
  // A slice that ended at the line break before an empty last line leaves that line unread
  // (pos lands on end): it is blank, as it is when one slice reads the whole text.
  if (pos === end && end > 0) {
    line++;
    blankLines++;
  }
  if (headers === undefined) return { ok: false, cancelled: false, problems: [{ code: "no-header", message: "The file has no header line (it holds only blank lines)." }] };
  if (problems.length > 0) return fail();
  return { ok: true, delimiter, table: { headers, rows, sourceRows, blankLines } };
}

/** The rows of a slice without quotes, exactly as papaparse's fast mode splits them. */
function splitRows(slice: string, newline: string, delimiter: string): string[][] {
  if (slice === "") return []; // papaparse gives no row for empty input
  const lines = slice.split(newline);
  const data: string[][] = new Array(lines.length);
  for (let i = 0; i < lines.length; i++) data[i] = lines[i].split(delimiter);
  return data;
}

function detectNewline(text: string): string {
  const lf = text.indexOf("\n");
  if (lf > 0 && text[lf - 1] === "\r") return "\r\n";
  if (lf >= 0) return "\n";
  return text.includes("\r") ? "\r" : "\n";
}

/**
 * The separator that splits the first lines most consistently into the header's width (ties:
 * the wider split, then the order comma, tab, semicolon). Papaparse's own guess reads only ten
 * rows and counts a final empty line against the right answer.
 */
function detectDelimiter(text: string, newline: string): string {
  let sample = text.slice(0, 64 * 1024);
  if (sample.length < text.length && sample.lastIndexOf(newline) > 0) sample = sample.slice(0, sample.lastIndexOf(newline));
  let best = ",";
  let bestScore = -1;
  for (const delimiter of DELIMITERS) {
    const rows = Papa.parse<string[]>(sample, { delimiter, newline: newline as "\n", skipEmptyLines: "greedy", preview: 50 }).data;
    if (rows.length === 0 || rows[0].length < 2) continue;
    const width = rows[0].length;
    const score = (rows.filter((r) => r.length === width).length / rows.length) * 1000 + Math.min(width, 999);
    if (score > bestScore) {
      best = delimiter;
      bestScore = score;
    }
  }
  return best;
}

/**
 * Where the slice from `pos` ends: at a line break near pos + size with an even number of
 * quote characters before it (so outside any quoted field; an escaped "" counts twice).
 */
function sliceEnd(text: string, pos: number, end: number, size: number, newline: string, nextQuote: number): number {
  if (end - pos <= size) return end;
  let cut = text.lastIndexOf(newline, pos + size);
  if (cut <= pos) cut = text.indexOf(newline, pos + size);
  if (cut < 0 || cut >= end) return end;
  if (nextQuote >= cut) return cut; // no quote in the slice
  let quotes = countOf(text, '"', pos, cut);
  while (quotes % 2 === 1) {
    const next = text.indexOf(newline, cut + newline.length);
    if (next < 0 || next >= end) return end;
    quotes += countOf(text, '"', cut, next);
    cut = next;
  }
  return cut;
}

function countOf(text: string, needle: string, from = 0, to = text.length): number {
  let n = 0;
  for (let i = text.indexOf(needle, from); i >= 0 && i < to; i = text.indexOf(needle, i + needle.length)) n++;
  return n;
}
