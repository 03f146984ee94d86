/**
 * Values written as SQL literals of a dialect: what a loader (the tests, scripts/sql-example.js)
 * needs to INSERT typed records into the raw tables.
 */
import { DIALECT, type DialectName } from "./dialect";

export type SqlValue = string | number | boolean | null | undefined | { readonly date: string } | { readonly timestamp: string };

export function sqlLiteral(dialect: DialectName, v: SqlValue): string {
  const d = DIALECT[dialect];
  if (v === null || v === undefined) return "NULL";
  if (typeof v === "boolean") return d.flagLiteral(v);
  if (typeof v === "number") {
    if (!Number.isFinite(v)) throw new Error(`not a finite number: ${v}`);
    return String(v);
  }
  if (typeof v === "string") return d.str(v);
  // ClickHouse reads a quoted 'YYYY-MM-DD [hh:mm:ss]' into a Date or DateTime column of VALUES.
  if ("date" in v) return dialect === "clickhouse" ? d.str(v.date) : `DATE ${d.str(v.date)}`;
  return dialect === "clickhouse" ? d.str(v.timestamp) : `TIMESTAMP ${d.str(v.timestamp)}`;
}

/** Excel serial (1900 system) → "YYYY-MM-DD" and "YYYY-MM-DD hh:mm:ss", the wall-clock time as written (no zone). */
export function serialToIso(serial: number): { date: string; timestamp: string } {
  const ms = Math.round((serial - 25_569) * 86_400) * 1000;
  const iso = new Date(ms).toISOString();
  return { date: iso.slice(0, 10), timestamp: `${iso.slice(0, 10)} ${iso.slice(11, 19)}` };
}
