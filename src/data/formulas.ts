/**
 * The import's owned table and the native formulas over it. Each table column gets a
 * workbook name (CK_Payments_Amount …), and each data input becomes one SUMIFS or COUNTIFS
 * of those names with the row's collector and the month — functions Excel 2010,
 * LibreOffice 7 and WPS all have — so a scorecard follows its raw rows without the add-in.
 * aggregate.ts computes the same numbers in JavaScript; a test holds the two together.
 */
import { type AggregateOptions, type DataInput, type GroupField, INPUT_SOURCE, type Stage, STAGE_LABEL, firstContacts, inputAvailable, recordStage } from "./aggregate";
import type { DatasetKind, FieldId } from "./model";
import { FIELDS } from "./schema";
import type { TypedTable } from "./typed";

/** A column of the owned table: a mapped field, or one the import derives. */
export type OwnedKey = FieldId | "firstContact" | "stage";

export interface OwnedColumn {
  readonly key: OwnedKey;
  /** The workbook name over the column's body, e.g. CK_Calls_FirstContact. */
  readonly name: string;
  /** How the writer formats it. */
  readonly format: "text" | "date" | "datetime" | "money" | "number" | "flag";
}

const KIND_NAME: Record<DatasetKind, string> = { cases: "Cases", payments: "Payments", calls: "Calls" };

/** The workbook name of a column of the owned table of `kind`. */
export function columnName(kind: DatasetKind, key: OwnedKey): string {
  return `CK_${KIND_NAME[kind]}_${key[0].toUpperCase()}${key.slice(1)}`;
}

/** The date that puts a row of each kind into a month. */
export const DATE_FIELD: Readonly<Record<DatasetKind, FieldId>> = { cases: "placedOn", payments: "paidOn", calls: "calledAt" };

/**
 * The owned table's columns: the mapped fields in FIELDS order, then FirstContact (calls)
 * and Stage (when only a bucket column says the stage, so the formulas can match a
 * normalized M1 / M2-M3 / M4+ instead of each export's own bucket words).
 */
export function tableColumns(kind: DatasetKind, mapped: readonly FieldId[]): OwnedColumn[] {
  const cols: OwnedColumn[] = FIELDS[kind]
    .filter((d) => mapped.includes(d.id))
    .map((d) => ({
      key: d.id,
      name: columnName(kind, d.id),
      format: d.type === "amount" ? "money" : d.type === "date" ? (d.id === "calledAt" ? "datetime" : "date") : d.type === "flag" ? "flag" : d.type === "text" ? "text" : "number",
    }));
  if (kind === "calls") cols.push({ key: "firstContact", name: columnName(kind, "firstContact"), format: "flag" });
  if (usesStageColumn(mapped)) cols.push({ key: "stage", name: columnName(kind, "stage"), format: "text" });
  return cols;
}

function usesStageColumn(mapped: readonly FieldId[]): boolean {
  return mapped.includes("bucket") && !mapped.includes("dpd");
}

export type OwnedCell = string | number | null;

/**
 * The owned table's body, one array per kept record, in tableColumns order: dates as serial
 * numbers, money in yuan, flags as 1/0 (a numeric criterion 1 matches them in every
 * spreadsheet), durations in seconds, blank optional cells as null.
 */
export function ownedRows(table: TypedTable): OwnedCell[][] {
  const cols = tableColumns(table.kind, table.mapped);
  const first = table.kind === "calls" ? firstContacts(table.records as TypedTable<"calls">["records"]) : undefined;
  return (table.records as readonly object[]).map((r, i) => {
    const rec = r as Record<string, unknown>;
    return cols.map((c): OwnedCell => {
      switch (c.key) {
        case "firstContact":
          return (first as Uint8Array)[i];
        case "stage": {
          const s = recordStage(rec as { dpd?: number; bucket?: string }, table.mapped);
          return s === undefined ? null : STAGE_LABEL[s];
        }
        case "amount":
          return (rec.amountCents as number) / 100;
        case "balance":
        case "target": {
          const cents = rec[`${c.key}Cents`] as number | undefined;
          return cents === undefined ? null : cents / 100;
        }
        default: {
          const v = rec[c.key];
          if (typeof v === "boolean") return v ? 1 : 0;
          return v === undefined ? null : (v as string | number);
        }
      }
    });
  });
}

export interface FormulaContext {
  /** The cell holding the row's collector, e.g. "$A6"; undefined or "": the whole team (no collector criterion), as the Monthly trend sheet reads it. */
  readonly rowLabel?: string;
  /** The cell holding the month's first day as a date serial, e.g. "$B$2". */
  readonly monthStart: string;
  readonly stage?: Stage;
  /** A further split: the field and the cell holding its value for this row (an empty cell: the rows where the field is blank). */
  readonly group?: { readonly field: GroupField; readonly cell: string };
  /** The mapped fields of each imported kind (a kind not imported is absent). */
  readonly mapped: Readonly<Partial<Record<DatasetKind, readonly FieldId[]>>>;
}

const DPD_BOUNDS: Readonly<Record<Stage, readonly string[]>> = { m1: ['">=1"', '"<=30"'], m2m3: ['">=31"', '"<=90"'], m4plus: ['">=91"'] };

/**
 * The formula (without "=") that computes `input` for one row (or, without rowLabel, the whole
 * team) and month over the owned tables, or undefined when the imported data cannot give it (its kind not imported, a
 * needed field not mapped, a stage asked of data without dpd or bucket).
 */
export function dataInputFormula(input: DataInput, ctx: FormulaContext): string | undefined {
  const options: AggregateOptions = { stage: ctx.stage, by: ctx.group?.field };
  if (!inputAvailable(input, ctx.mapped, options)) return undefined;
  const kind = INPUT_SOURCE[input].kind;
  const mapped = ctx.mapped[kind] as readonly FieldId[];
  const n = (key: OwnedKey) => columnName(kind, key);
  const date = n(DATE_FIELD[kind]);
  const criteria = [...(ctx.rowLabel ? [n("collector"), ctx.rowLabel] : []), date, `">="&${ctx.monthStart}`, date, `"<"&EDATE(${ctx.monthStart},1)`];
  if (ctx.stage) {
    if (mapped.includes("dpd")) for (const bound of DPD_BOUNDS[ctx.stage]) criteria.push(n("dpd"), bound);
    else criteria.push(n("stage"), `"${STAGE_LABEL[ctx.stage]}"`);
  }
  // A blank group cell would be read as 0 (Excel) or refused (#VALUE!): "=" matches the blank cells.
  if (ctx.group) criteria.push(n(ctx.group.field), `IF(${ctx.group.cell}="","=",${ctx.group.cell})`);
  const c = criteria.join(",");
  switch (input) {
    case "recovered":
      return `SUMIFS(${n("amount")},${c})`;
    case "outstanding":
      return `SUMIFS(${n("balance")},${c})`;
    case "target":
      return `SUMIFS(${n("target")},${c})`;
    case "assigned":
    case "attempts":
      return `COUNTIFS(${c})`;
    case "contacted":
      return `SUMIFS(${n("firstContact")},${c})`;
    case "rightParty":
      return `COUNTIFS(${c},${n("rightParty")},1)`;
    case "promises":
      return `COUNTIFS(${c},${n("promise")},1)`;
    case "totalTalk":
      return `SUMIFS(${n("duration")},${c})/60`;
    case "effectiveTalk":
      return `SUMIFS(${n("duration")},${c},${n("rightParty")},1)/60`;
  }
}
