/**
 * Refresh adds a row to each team sheet built from an import for every collector the new data
 * has and the sheet has not (issue 14). A team sheet's collector rows are an Excel table
 * (templates/team.ts), so the row is added with the table's own command (TableRowCollection.add,
 * ExcelApi 1.1: "Adds one or more rows to the table", inserted above the total row, the rows
 * below moving down) and TEAM TOTAL, the ranks and the scores, which read the table's columns,
 * count it at once. Nothing is removed: a collector no longer in the data keeps their row (and
 * whatever the analyst typed in it).
 *
 * The new row's formulas are those of the table's last row moved down, which is what Excel's
 * calculated columns put there too ("Use calculated columns in an Excel table",
 * support.microsoft.com); they are written explicitly rather than left to that AutoCorrect
 * option, which a user may have turned off (OfficeDev/office-js#2093).
 */
import { translateRows } from "../portable/formula";
import { literalText } from "../templates/sheet";
import type { Language } from "../core";
import { STRINGS } from "../templates/strings";
import { TEAM_TABLE_NAMES } from "../templates/team";
import type { XlCellValue } from "./excelApi";
import type { Host } from "./host";

/** "CK_M1", "CK_M1_2", …: the table of a team sheet, as the writer names it (uniqueTableName). */
const TEAM_TABLE = new RegExp(`^(${Object.values(TEAM_TABLE_NAMES).join("|")})(_\\d+)?$`, "i");

export function isTeamTable(name: string): boolean {
  return TEAM_TABLE.test(name);
}

/** "2026-10" of an Excel date serial (1900 system), or undefined when it is not a date. */
export function monthOfSerial(serial: XlCellValue): string | undefined {
  if (typeof serial !== "number" || !Number.isFinite(serial) || serial < 1) return undefined;
  const d = new Date(Math.round((serial - 25569) * 86_400_000));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`;
}

export interface AddedRows {
  readonly sheet: string;
  readonly table: string;
  /** The collectors added, in the order written. */
  readonly added: readonly string[];
}

/**
 * For every team table whose formulas read the import's names (`CK_Payments_…`), adds a row for
 * each collector of `collectorsFor(month)` (month: the sheet's reporting month in B2, "YYYY-MM";
 * undefined when B2 holds no date) that the table lacks (compared without case, as SUMIFS
 * does). Two syncs to read, and one to write the rows and the refreshed note in C2 (none when
 * no team sheet reads the import).
 */
export async function addNewCollectors(
  host: Host,
  importTable: string,
  collectorsFor: (month: string | undefined) => readonly string[],
  /** Where the data now comes from, in a language ("payments.csv · 6 rows · 2026-11-30 21:40"): the sheet's note in C2 says it again. */
  sourceLine?: (language: Language) => string
): Promise<AddedRows[]> {
  return host.run(async (context) => {
    const tables = context.workbook.tables.load("items/name");
    await context.sync();
    const team = tables.items.filter((t) => isTeamTable(t.name));
    const reads = team.map((t) => ({
      table: t,
      name: t.name,
      body: t.getDataBodyRange().load("formulas"),
      sheet: t.worksheet.load("name"),
      month: t.worksheet.getRange("B2").load("values"),
      note: t.worksheet.getRange("C2").load("values"),
    }));
    if (reads.length === 0) return [];
    await context.sync();
    const needle = `${importTable.toLowerCase()}_`;
    const out: AddedRows[] = [];
    let writes = 0;
    for (const r of reads) {
      const body = r.body.formulas;
      const bound = body[0].some((f) => typeof f === "string" && f.startsWith("=") && f.toLowerCase().includes(needle));
      if (!bound) continue;
      // The note in C2 names the data's rows and time at the build: said again with the refreshed
      // data, in the note's own language, unless the analyst wrote something else there.
      const language = sourceLine === undefined ? undefined : noteLanguage(r.note.values[0][0]);
      if (sourceLine !== undefined && language !== undefined) {
        r.note.values = [[STRINGS[language].data.note(sourceLine(language))]];
        writes++;
      }
      const present = new Set(body.map((row) => String(row[0] ?? "").trim().toLowerCase()).filter((k) => k !== ""));
      const added: string[] = [];
      for (const c of collectorsFor(monthOfSerial(r.month.values[0][0]))) {
        const key = c.trim().toLowerCase();
        if (key === "" || present.has(key)) continue;
        present.add(key);
        added.push(c);
      }
      if (added.length === 0) continue;
      const last = body[body.length - 1];
      const rows = added.map((label, i) =>
        last.map((f, column): string => (column === 0 ? literalText(label) : typeof f === "string" && f.startsWith("=") ? translateRows(f, i + 1) : ""))
      );
      r.table.rows.add(null, rows);
      writes++;
      out.push({ sheet: r.sheet.name, table: r.name, added });
    }
    if (writes > 0) await context.sync();
    return out;
  });
}

/** The language of a note the template wrote in C2 (templates/strings.ts data.note), or undefined when C2 holds anything else. */
export function noteLanguage(text: XlCellValue): Language | undefined {
  if (typeof text !== "string") return undefined;
  return (["en", "zh"] as const).find((l) => {
    const bare = STRINGS[l].data.note(undefined);
    const sourced = STRINGS[l].data.note("\u0000");
    const prefix = sourced.slice(0, sourced.indexOf("\u0000"));
    return text === bare || (text.startsWith(prefix) && text.endsWith(sourced.slice(sourced.indexOf("\u0000") + 1)));
  });
}
