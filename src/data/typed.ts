/**
 * Headers + rows + a confirmed mapping → typed records, or the problems that stop the import
 * (at most 20, each with its source row, header and value). Duplicates are dropped here, so
 * every later step (aggregate.ts, the owned table, its SUMIFS) sees the same rows.
 */
import { MAX_PROBLEMS, shorten } from "./limits";
import type { ColumnMapping, DataProblem, DataProblemCode, DatasetKind, FieldId, FieldType, RawCell, RawTable } from "./model";
import { FIELDS } from "./schema";

/** Fields every record may carry (when mapped). */
interface Common {
  /** The 1-based source row, for messages. */
  readonly row: number;
  readonly collector: string;
  /** "YYYY-MM" of the record's date (placement, payment, call). */
  readonly month: string;
  readonly agency?: string;
  readonly product?: string;
  readonly dpd?: number;
  readonly bucket?: string;
}

export interface CaseRecord extends Common {
  readonly account: string;
  /** Excel serial day (1900 system), whole days. */
  readonly placedOn: number;
  readonly balanceCents?: number;
  readonly targetCents?: number;
}

export interface PaymentRecord extends Common {
  readonly amountCents: number;
  /** Excel serial day, whole days. */
  readonly paidOn: number;
  readonly paymentId?: string;
  readonly account?: string;
}

export interface CallRecord extends Common {
  readonly account: string;
  /** Excel serial date and time (the fraction is the time of day, as written in the file). */
  readonly calledAt: number;
  /** Seconds. */
  readonly duration: number;
  /** The connected flag, or duration > 0 when no connected column is mapped. */
  readonly connected: boolean;
  readonly rightParty: boolean;
  readonly promise: boolean;
  readonly callId?: string;
}

export interface RecordOf {
  cases: CaseRecord;
  payments: PaymentRecord;
  calls: CallRecord;
}

export interface ImportStats {
  /** Data rows read (blank lines not included). */
  readonly rows: number;
  readonly kept: number;
  /** Rows dropped as duplicates (a payment id, a call id, or a case's account + collector + month seen before). */
  readonly duplicates: number;
  /** Rows whose every cell is blank. */
  readonly blankRows: number;
  /** Blank lines the CSV reader skipped. */
  readonly blankLines: number;
}

export interface TypedTable<K extends DatasetKind = DatasetKind> {
  readonly kind: K;
  readonly records: readonly RecordOf[K][];
  /** The fields with a column, in FIELDS order. */
  readonly mapped: readonly FieldId[];
  /** Header text per mapped field (what SavedImport keeps). */
  readonly headers: Readonly<Partial<Record<FieldId, string>>>;
  readonly stats: ImportStats;
}

export type TypedResult<K extends DatasetKind> = { readonly ok: true; readonly table: TypedTable<K> } | { readonly ok: false; readonly problems: readonly DataProblem[] };

/** The key under which Excel's SUMIFS/COUNTIFS see a name: they ignore case, so we do too. */
export function collectorKey(name: string): string {
  return name.toLowerCase();
}

// ---- dates ----------------------------------------------------------------------------

const MS_PER_DAY = 86_400_000;
/** Excel's serial of 1970-01-01 in the 1900 date system. */
const UNIX_EPOCH_SERIAL = 25_569;

/**
 * The Excel serial (1900 system) of a calendar date. Check by hand for 2026-10-01: from
 * 1970-01-01 it is 56 years with 14 leap days (1972 … 2024) = 56 × 365 + 14 = 20,454 days,
 * plus Jan–Sep 2026 = 31+28+31+30+31+30+31+31+30 = 273, so 20,727 days; 20,727 + 25,569 =
 * 46,296, as Excel shows for =DATE(2026,10,1).
 */
export function serialOf(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / MS_PER_DAY + UNIX_EPOCH_SERIAL;
}

/** "YYYY-MM" of a serial (its date part). */
export function monthOf(serial: number): string {
  const d = new Date((Math.floor(serial) - UNIX_EPOCH_SERIAL) * MS_PER_DAY);
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`;
}

/** The serial of the first day of a "YYYY-MM" month. */
export function monthStart(month: string): number {
  return serialOf(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 1);
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
function validDate(y: number, m: number, d: number): boolean {
  if (y < 1900 || y > 9999 || m < 1 || m > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return d <= (m === 2 && leap ? 29 : DAYS_IN_MONTH[m - 1]);
}

// y-m-d with -, / or . (the same separator twice), an optional time, an ignored zone suffix
const DATE_YMD = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?:(?:T|\s+)(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?(?:Z|[+-]\d{2}:?\d{2})?$/;
const DATE_COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
const DATE_ZH = /^(\d{4})年(\d{1,2})月(\d{1,2})日?(?:\s*(\d{1,2})[:：时](\d{2})(?:[:：分](\d{2})秒?)?)?$/;
/** The last serial Excel shows as a date (9999-12-31). */
const MAX_SERIAL = 2_958_465;

/** Days from 1970-01-01 to a valid y-m-d (proleptic Gregorian; Hinnant's days_from_civil): Date.UTC's day count without the call. */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  return era * 146_097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719_468;
}

/** The value of the two ASCII digits at i, or -1. */
function twoDigits(s: string, i: number): number {
  const a = s.charCodeAt(i) - 48;
  const b = s.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/**
 * The common forms YYYY-MM-DD, YYYY-MM-DD hh:mm and YYYY-MM-DD hh:mm:ss (space or T) read by
 * char codes, without a regex or a Date: the serial parseDate's regex path gives, or -1 when
 * the text is not exactly one of these forms or not a valid date (the regex path then decides).
 */
function fastDate(s: string): number {
  const n = s.length;
  if ((n !== 10 && n !== 16 && n !== 19) || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return -1;
  const hi = twoDigits(s, 0);
  const lo = twoDigits(s, 2);
  const mo = twoDigits(s, 5);
  const d = twoDigits(s, 8);
  if (hi < 0 || lo < 0 || mo < 0 || d < 0) return -1;
  const y = hi * 100 + lo;
  if (!validDate(y, mo, d)) return -1;
  let seconds = 0;
  if (n > 10) {
    const sep = s.charCodeAt(10);
    if ((sep !== 32 && sep !== 84) || s.charCodeAt(13) !== 58) return -1;
    const hh = twoDigits(s, 11);
    const mm = twoDigits(s, 14);
    let ss = 0;
    if (n === 19) {
      if (s.charCodeAt(16) !== 58) return -1;
      ss = twoDigits(s, 17);
    }
    if (hh < 0 || hh > 23 || mm < 0 || mm > 59 || ss < 0 || ss > 59) return -1;
    seconds = hh * 3600 + mm * 60 + ss;
  }
  const serial = daysFromCivil(y, mo, d) + UNIX_EPOCH_SERIAL;
  return n > 10 ? serial + seconds / 86_400 : serial;
}

function parseDate(v: RawCell): number | Bad {
  if (typeof v === "string") {
    const fast = fastDate(v);
    if (fast >= 0) return fast;
  }
  if (v instanceof Date) {
    // Readers of XLSX hand dates over as UTC instants of the cell's wall-clock value.
    const t = v.getTime();
    return Number.isFinite(t) ? t / MS_PER_DAY + UNIX_EPOCH_SERIAL : BAD_DATE;
  }
  if (typeof v === "number") return v >= 1 && v < MAX_SERIAL + 1 ? v : BAD_DATE;
  if (typeof v !== "string") return BAD_DATE;
  const s = v.trim();
  let m = DATE_YMD.exec(s);
  let y: number, mo: number, d: number;
  let hh = 0,
    mm = 0,
    ss = 0;
  if (m) {
    [y, mo, d] = [Number(m[1]), Number(m[3]), Number(m[4])];
    if (m[5] !== undefined) [hh, mm, ss] = [Number(m[5]), Number(m[6]), Number(m[7] ?? 0)];
  } else if ((m = DATE_COMPACT.exec(s))) {
    [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  } else if ((m = DATE_ZH.exec(s))) {
    [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (m[4] !== undefined) [hh, mm, ss] = [Number(m[4]), Number(m[5]), Number(m[6] ?? 0)];
  } else return BAD_DATE;
  if (!validDate(y, mo, d) || hh > 23 || mm > 59 || ss > 59) return BAD_DATE;
  return serialOf(y, mo, d) + (hh * 3600 + mm * 60 + ss) / 86_400;
}

// ---- amounts, numbers, durations, flags -------------------------------------------------

const AMOUNT = /^([-+])?\s*(?:¥|CNY|RMB)?\s*([-+])?\s*(\d{1,3}(?:,\d{3})+|\d+)?(?:\.(\d+))?\s*(?:元|CNY|RMB)?$/i;

/** Money in integer cents, so sums are exact to the cent. Half a cent rounds away from zero. */
function parseAmount(v: RawCell): number | Bad {
  if (typeof v === "number") {
    if (!Number.isFinite(v)) return NOT_A_NUMBER;
    // toPrecision(15) undoes the binary error of ×100 (1.005 × 100 = 100.49999…).
    return Math.round(Math.abs(Number((v * 100).toPrecision(15)))) * Math.sign(v) || 0;
  }
  if (typeof v !== "string") return NOT_A_NUMBER;
  const fast = fastCents(v);
  if (fast >= 0) return fast;
  let m = AMOUNT.exec(v.trim());
  // Full-width digits, ￥ and the Chinese comma, folded only when the plain form fails.
  if (!m) m = AMOUNT.exec(v.normalize("NFKC").replace(/，/g, ",").trim());
  if (!m || (m[3] === undefined && m[4] === undefined) || (m[1] && m[2])) return NOT_A_NUMBER;
  const whole = m[3] === undefined ? 0 : Number(m[3].replace(/,/g, ""));
  const frac = m[4] ?? "";
  const cents = whole * 100 + Number((frac + "00").slice(0, 2)) + (frac.length > 2 && frac[2] >= "5" ? 1 : 0);
  return (m[1] ?? m[2]) === "-" ? -cents || 0 : cents;
}

/** Up to 15 ASCII digits (an exact integer), or -1. */
function fastDigits(s: string): number {
  const n = s.length;
  if (n === 0 || n > 15) return -1;
  let x = 0;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    x = x * 10 + c;
  }
  return x;
}

/** "1234", "1234.5" or "1234.56" (digits only, at most 13 before the point) in cents, or -1 (the regex path decides). */
function fastCents(s: string): number {
  const dot = s.indexOf(".");
  if (dot < 0) {
    const whole = s.length <= 13 ? fastDigits(s) : -1;
    return whole < 0 ? -1 : whole * 100;
  }
  const decimals = s.length - dot - 1;
  if (dot === 0 || dot > 13 || decimals < 1 || decimals > 2) return -1;
  const whole = fastDigits(s.slice(0, dot));
  const frac = fastDigits(s.slice(dot + 1));
  if (whole < 0 || frac < 0) return -1;
  return whole * 100 + (decimals === 1 ? frac * 10 : frac);
}

const NUMBER = /^[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?$/;
function parseNumber(v: RawCell): number | Bad {
  let n: number;
  if (typeof v === "number") n = v;
  else if (typeof v === "string" && (n = fastDigits(v)) >= 0) return n;
  else if (typeof v === "string" && NUMBER.test(v.trim()) && /\d/.test(v)) n = Number(v.trim().replace(/,/g, ""));
  else return NOT_A_NUMBER;
  if (!Number.isFinite(n)) return NOT_A_NUMBER;
  return n < 0 ? OUT_OF_RANGE : n;
}

const CLOCK = /^(?:(\d+):)?(\d{1,2}):(\d{2})(?:\.\d+)?$/;
const SECONDS = /^(\d+(?:\.\d+)?)\s*(?:s|sec|秒)?$/i;
/** Seconds, from a number, "mm:ss", "hh:mm:ss" or "95s"/"95秒"; a time-formatted XLSX cell arrives as a Date. */
function parseDuration(v: RawCell): number | Bad {
  if (typeof v === "number") return !Number.isFinite(v) ? NOT_A_NUMBER : v < 0 ? OUT_OF_RANGE : v;
  if (v instanceof Date) {
    const s = Math.round((v.getTime() - Date.UTC(1899, 11, 30)) / 1000);
    return Number.isFinite(s) && s >= 0 ? s : NOT_A_NUMBER;
  }
  if (typeof v !== "string") return NOT_A_NUMBER;
  const whole = fastDigits(v);
  if (whole >= 0) return whole;
  const s = v.trim();
  if (s.startsWith("-") && parseDuration(s.slice(1)) !== NOT_A_NUMBER) return OUT_OF_RANGE;
  let m = SECONDS.exec(s);
  if (m) return Number(m[1]);
  m = CLOCK.exec(s);
  if (m) {
    const [h, min, sec] = [Number(m[1] ?? 0), Number(m[2]), Number(m[3])];
    if (sec > 59 || (m[1] !== undefined && min > 59)) return NOT_A_NUMBER;
    return h * 3600 + min * 60 + sec;
  }
  return NOT_A_NUMBER;
}

const TRUE_WORDS = new Set(["是", "y", "yes", "true", "1", "接通", "已接通", "本人", "t"]);
const FALSE_WORDS = new Set(["否", "n", "no", "false", "0", "未接通", "非本人", "f"]);
function parseFlag(v: RawCell): boolean | Bad {
  if (typeof v === "boolean") return v;
  if (typeof v === "number") return v === 1 ? true : v === 0 ? false : BAD_FLAG;
  if (typeof v !== "string") return BAD_FLAG;
  if (v.length === 1) {
    // The one-character words of TRUE_WORDS / FALSE_WORDS, without trim, lower-case and a Set.
    switch (v.charCodeAt(0)) {
      case 0x59: // Y
      case 0x79: // y
      case 0x54: // T
      case 0x74: // t
      case 0x31: // 1
      case 0x662f: // 是
        return true;
      case 0x4e: // N
      case 0x6e: // n
      case 0x46: // F
      case 0x66: // f
      case 0x30: // 0
      case 0x5426: // 否
        return false;
    }
  }
  const s = v.trim().toLowerCase();
  return TRUE_WORDS.has(s) ? true : FALSE_WORDS.has(s) ? false : BAD_FLAG;
}

function parseText(v: RawCell): string {
  if (typeof v === "string") return v.trim();
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v);
}

class Bad {
  constructor(readonly code: DataProblemCode) {}
}
const BAD_DATE = new Bad("bad-date");
const NOT_A_NUMBER = new Bad("not-a-number");
const OUT_OF_RANGE = new Bad("out-of-range");
const BAD_FLAG = new Bad("bad-flag");

type Value = string | number | boolean;
const T_TEXT = 0;
const T_NUMBER = 1;
const T_AMOUNT = 2;
const T_DATE = 3;
const T_FLAG = 4;
const T_DURATION = 5;
const TYPE_CODE: Record<FieldType, number> = { text: T_TEXT, number: T_NUMBER, amount: T_AMOUNT, date: T_DATE, flag: T_FLAG, duration: T_DURATION };

function isBlank(v: RawCell): boolean {
  if (typeof v === "string") {
    if (v.length === 0) return true;
    const c = v.charCodeAt(0);
    // A printable ASCII first character is not white space: no trim needed.
    if (c > 0x20 && c < 0x7f) return false;
    return v.trim() === "";
  }
  return v === null || v === undefined;
}

const WHAT: Record<DataProblemCode, string> = {
  "not-a-number": "is not a number",
  "bad-date": "is not a date (write 2026-10-03, 2026/10/3, 20261003 or 2026年10月3日)",
  "bad-flag": "is not yes/no (是/否, Y/N, 1/0, 接通/未接通)",
  "out-of-range": "cannot be negative",
  "blank-required": "is blank, and the column is required",
  "missing-column": "",
  "quoted-newline": "",
  "ragged-row": "",
  "unknown-encoding": "",
  "empty-file": "",
  "too-many-rows": "",
  "no-header": "",
  "unreadable-file": "",
};

// ---- rows → records --------------------------------------------------------------------

/**
 * Types every row of `table` under `mapping`. Fails with missing-column problems when a
 * required field has no column, otherwise with up to 20 value problems; a failed import
 * writes nothing, so there is no partial result.
 */
export function typeRows<K extends DatasetKind>(kind: K, table: RawTable, mapping: ColumnMapping): TypedResult<K> {
  const defs = FIELDS[kind].filter((d) => {
    const i = mapping[d.id];
    return i !== undefined && Number.isInteger(i) && i >= 0 && i < table.headers.length;
  });
  const missing = FIELDS[kind].filter((d) => d.required && !defs.includes(d));
  if (missing.length > 0) {
    return {
      ok: false,
      problems: missing.map((d) => ({ code: "missing-column" as const, value: d.id, message: `No column is mapped to the required field "${d.id}".` })),
    };
  }
  const cols = defs.map((d) => mapping[d.id] as number);
  const headers: Partial<Record<FieldId, string>> = {};
  defs.forEach((d, k) => (headers[d.id] = table.headers[cols[k]]));

  const problems: DataProblem[] = [];
  const records: RecordOf[K][] = [];
  const slots = defs.map((d) => SLOT[d.id]);
  const vals: (Value | undefined)[] = new Array(FIELD_IDS.length);
  const build = BUILDERS[kind] as (row: number, v: readonly (Value | undefined)[], month: (serial: number) => string, connectedMapped: boolean) => RecordOf[K];
  const seen = new KeySet(table.rows.length);
  let duplicates = 0;
  let blankRows = 0;
  const connectedMapped = defs.some((d) => d.id === "connected");
  const months = new Map<number, string>();
  const month = (serial: number): string => {
    const day = Math.floor(serial);
    let m = months.get(day);
    if (m === undefined) months.set(day, (m = monthOf(day)));
    return m;
  };

  const types = defs.map((d) => TYPE_CODE[d.type]);
  const required = defs.map((d) => d.required);
  const count = defs.length;
  const rowsIn = table.rows;
  rows: for (let r = 0; r < rowsIn.length; r++) {
    const cells = rowsIn[r];
    let blank = true;
    for (let c = 0; c < cells.length; c++) {
      if (!isBlank(cells[c])) {
        blank = false;
        break;
      }
    }
    if (blank) {
      blankRows++;
      continue;
    }
    // Only the mapped fields' slots are ever written: reset those (fill() of all 18 was a hot line in Chromium).
    for (let k = 0; k < count; k++) vals[slots[k]] = undefined;
    for (let k = 0; k < count; k++) {
      const v = cells[cols[k]] ?? null;
      if (isBlank(v)) {
        if (required[k]) {
          problems.push(problem("blank-required", table.sourceRows[r], headers[defs[k].id] as string, ""));
          if (problems.length >= MAX_PROBLEMS) break rows;
        }
        continue;
      }
      // A switch of direct calls, not a table of functions: each call site sees one parser.
      let parsed: Value | Bad;
      switch (types[k]) {
        case T_TEXT:
          parsed = parseText(v);
          break;
        case T_DATE:
          parsed = parseDate(v);
          break;
        case T_DURATION:
          parsed = parseDuration(v);
          break;
        case T_FLAG:
          parsed = parseFlag(v);
          break;
        case T_AMOUNT:
          parsed = parseAmount(v);
          break;
        default:
          parsed = parseNumber(v);
      }
      // Parsers give a string, number or boolean, or a Bad: typeof is cheaper than instanceof here.
      if (typeof parsed === "object") {
        problems.push(problem(parsed.code, table.sourceRows[r], headers[defs[k].id] as string, v));
        if (problems.length >= MAX_PROBLEMS) break rows;
        continue;
      }
      vals[slots[k]] = parsed;
    }
    if (problems.length > 0) continue; // keep reading for more problems, build nothing
    const rec = build(table.sourceRows[r], vals, month, connectedMapped);
    const key = dedupKey(kind, rec as unknown as Record<string, unknown>);
    if (key !== undefined) {
      if (!seen.add(key)) {
        duplicates++;
        continue;
      }
    }
    records.push(rec);
  }
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    table: {
      kind,
      records,
      mapped: defs.map((d) => d.id),
      headers,
      stats: { rows: table.rows.length, kept: records.length, duplicates, blankRows, blankLines: table.blankLines },
    },
  };
}

// Each record is built by one object literal per kind, so every record of a kind has the
// same shape (V8 keeps them fast and small; a million calls is the bench's size).
const FIELD_IDS: readonly FieldId[] = ["collector", "account", "agency", "product", "dpd", "bucket", "placedOn", "balance", "target", "paymentId", "amount", "paidOn", "callId", "calledAt", "duration", "connected", "rightParty", "promise"];
const SLOT = Object.fromEntries(FIELD_IDS.map((id, i) => [id, i])) as Record<FieldId, number>;
const S = SLOT;
type Vals = readonly (Value | undefined)[];
type MonthOf = (serial: number) => string;
const str = (v: Value | undefined) => v as string | undefined;
const num = (v: Value | undefined) => v as number | undefined;
const flag = (v: Value | undefined) => v === true;

const BUILDERS: { [K in DatasetKind]: (row: number, v: Vals, month: MonthOf, connectedMapped: boolean) => RecordOf[K] } = {
  cases: (row, v, month) => {
    const placedOn = Math.floor(v[S.placedOn] as number); // whole days: the table shows a date
    return {
      row,
      collector: v[S.collector] as string,
      month: month(placedOn),
      agency: str(v[S.agency]),
      product: str(v[S.product]),
      dpd: num(v[S.dpd]),
      bucket: str(v[S.bucket]),
      account: v[S.account] as string,
      placedOn,
      balanceCents: num(v[S.balance]),
      targetCents: num(v[S.target]),
    };
  },
  payments: (row, v, month) => {
    const paidOn = Math.floor(v[S.paidOn] as number);
    return {
      row,
      collector: v[S.collector] as string,
      month: month(paidOn),
      agency: str(v[S.agency]),
      product: str(v[S.product]),
      dpd: num(v[S.dpd]),
      bucket: str(v[S.bucket]),
      amountCents: v[S.amount] as number,
      paidOn,
      paymentId: str(v[S.paymentId]),
      account: str(v[S.account]),
    };
  },
  calls: (row, v, month, connectedMapped) => {
    const duration = v[S.duration] as number;
    return {
      row,
      collector: v[S.collector] as string,
      month: month(v[S.calledAt] as number),
      agency: str(v[S.agency]),
      product: str(v[S.product]),
      dpd: num(v[S.dpd]),
      bucket: str(v[S.bucket]),
      account: v[S.account] as string,
      calledAt: v[S.calledAt] as number,
      duration,
      // Without a connected column, a call with talk time was answered.
      connected: connectedMapped ? flag(v[S.connected]) : duration > 0,
      rightParty: flag(v[S.rightParty]),
      promise: flag(v[S.promise]),
      callId: str(v[S.callId]),
    };
  },
};

/**
 * A set of strings for the dedup of a million ids. While the ids come in ascending order (an
 * export sorted by id, repeats next to each other) a repeat can only be the previous id, so one
 * string comparison per row decides; at the first id out of order the ids so far go into a hash
 * table and every later id is looked up there: open addressing over one Int32Array sized once
 * for every row (no rehash as it grows), each slot the key's FNV-1a hash beside its index, so a
 * probe reads one cache line and compares strings only when the hashes agree. A Set<string>
 * spent more time growing and hashing than the rest of the row's typing.
 */
class KeySet {
  private readonly keys: string[] = [];
  /** [hash, index + 1] per slot; index + 1 = 0 is an empty slot. Empty while the ids ascend. */
  private slots = new Int32Array(0);
  private mask = 0;
  private ascending = true;
  constructor(private readonly capacity: number) {}
  /** Adds `key`; false when it was there already. */
  add(key: string): boolean {
    if (this.ascending) {
      const n = this.keys.length;
      if (n === 0 || key > this.keys[n - 1]) {
        this.keys.push(key);
        return true;
      }
      if (key === this.keys[n - 1]) return false;
      this.hashAll();
    }
    const h = hashOf(key);
    const slots = this.slots;
    const mask = this.mask;
    for (let i = (h ^ (h >>> 15)) & mask; ; i = (i + 1) & mask) {
      const j = slots[2 * i + 1];
      if (j === 0) {
        this.keys.push(key);
        slots[2 * i] = h;
        slots[2 * i + 1] = this.keys.length;
        return true;
      }
      if (slots[2 * i] === h && this.keys[j - 1] === key) return false;
    }
  }
  /** Leaves the ascending mode: the (distinct) keys so far into the hash table. */
  private hashAll(): void {
    this.ascending = false;
    let size = 16;
    while (size < Math.max(this.capacity, this.keys.length + 1) * 2) size *= 2;
    const slots = (this.slots = new Int32Array(size * 2));
    const mask = (this.mask = size - 1);
    for (let k = 0; k < this.keys.length; k++) {
      const h = hashOf(this.keys[k]);
      let i = (h ^ (h >>> 15)) & mask;
      while (slots[2 * i + 1] !== 0) i = (i + 1) & mask;
      slots[2 * i] = h;
      slots[2 * i + 1] = k + 1;
    }
  }
}

/** FNV-1a over the string's UTF-16 code units, as an int32. */
function hashOf(key: string): number {
  let h = -2_128_831_035; // the offset basis 0x811c9dc5 as an int32
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return h;
}

function dedupKey(kind: DatasetKind, rec: Record<string, unknown>): string | undefined {
  if (kind === "payments") return rec.paymentId === undefined ? undefined : (rec.paymentId as string);
  if (kind === "calls") return rec.callId === undefined ? undefined : (rec.callId as string);
  return `${rec.account as string}\u0000${collectorKey(rec.collector as string)}\u0000${rec.month as string}`;
}

function problem(code: DataProblemCode, row: number, column: string, v: RawCell): DataProblem {
  const value = shorten(v instanceof Date ? v.toISOString() : String(v ?? ""));
  const what = code === "blank-required" ? WHAT[code] : `"${value}" ${WHAT[code]}`;
  return { code, row, column, value, message: `Row ${row}, column "${column}": ${what}.` };
}
