/**
 * The raw data model of the Data import (issue 14): what a collection system exports at month
 * end, and the fields the import maps each export's columns to. Core layer: no Office, no DOM.
 *
 * Three exports, each a table with one row per event:
 *   cases     案件表: one row per account placed with a collector (the month of placement is
 *             the month it counts in); its balance, target, days past due.
 *   payments  回款表: one row per payment received; a payment id counted once.
 *   calls     通话记录: one row per call attempt; connected, right-party and promise flags.
 *
 * The definitions of each aggregate (grain, duplicates, contacts, months) are in
 * docs/data-import.md; aggregate.ts implements them and formulas.ts writes them as SUMIFS.
 */

export type DatasetKind = "cases" | "payments" | "calls";

/** A canonical field of the raw data model; the import maps one source column to each. */
export type FieldId =
  // shared
  | "collector" // 催收员 / 坐席: the row's owner (required everywhere)
  | "account" // 案件编号 / 合同号 / 账户
  | "agency" // 委外机构
  | "product" // 产品
  | "dpd" // 逾期天数 (a number of days)
  | "bucket" // 账龄 / 逾期阶段 (M1, M2, M3, M4+ …, text)
  // cases
  | "placedOn" // 分案日期: the date the account was placed with the collector
  | "balance" // 欠款金额 / 剩余本金: outstanding at placement
  | "target" // 目标回款 / 回款目标: the collector's target on the account
  // payments
  | "paymentId" // 回款流水号 / 交易号
  | "amount" // 回款金额 / 还款金额
  | "paidOn" // 还款日期
  // calls
  | "callId" // 通话编号 / 呼叫ID
  | "calledAt" // 呼叫时间 / 拨打时间
  | "duration" // 通话时长 (seconds)
  | "connected" // 是否接通
  | "rightParty" // 是否本人 / 本人接通
  | "promise"; // 承诺还款 / PTP

/** duration: seconds, or mm:ss / hh:mm:ss text. */
export type FieldType = "text" | "number" | "amount" | "date" | "flag" | "duration";

export interface FieldDef {
  readonly id: FieldId;
  readonly type: FieldType;
  readonly required: boolean;
  /** Header synonyms, matched after trimming, lower-casing and dropping spaces, "_" and "-" (and, optionally, a bracketed unit such as （秒）): schema.ts normalizeHeader. */
  readonly synonyms: readonly string[];
}

/** A source column chosen for each field (by header index), as the user confirmed it. */
export type ColumnMapping = Readonly<Partial<Record<FieldId, number>>>;

/** What the workbook keeps so that Refresh runs the same import again. */
export interface SavedImport {
  readonly version: 1;
  readonly kind: DatasetKind;
  /** "file:<name>" (the user picks the file again on Refresh) or "range:<Sheet!A1:Z99>" / "table:<Name>". */
  readonly source: string;
  /** Header text per mapped field (headers, not indexes: a re-export may reorder columns). */
  readonly mapping: Readonly<Partial<Record<FieldId, string>>>;
  /** The sheet and table the import owns (written by it, rewritten by Refresh). */
  readonly dataSheet: string;
  readonly table: string;
}

export type DataProblemCode =
  | "missing-column"
  | "not-a-number"
  | "bad-date"
  | "bad-flag"
  | "quoted-newline"
  | "ragged-row"
  | "unknown-encoding"
  | "empty-file"
  | "too-many-rows"
  | "no-header"
  | "blank-required"
  // a number that cannot be what the field means (a negative duration or days past due)
  | "out-of-range"
  // an XLSX file the reader cannot open (not a zip, an old .xls, no sheet)
  | "unreadable-file";

/** A problem in the input, located for the message: row is the 1-based line/row of the source, column the header text. */
export interface DataProblem {
  readonly code: DataProblemCode;
  readonly row?: number;
  readonly column?: string;
  /** The offending text as read (shortened), when there is one. */
  readonly value?: string;
  /** One English sentence for logs and tests; the pane words its own message from code, row, column and value. */
  readonly message?: string;
}

/** A cell as a reader hands it over: CSV gives text; XLSX and workbook ranges also give numbers, booleans and dates. */
export type RawCell = string | number | boolean | Date | null;

/** What a reader (CSV, XLSX, a workbook range) gives the typed step: headers and data rows. */
export interface RawTable {
  readonly headers: readonly string[];
  readonly rows: readonly (readonly RawCell[])[];
  /** The 1-based line (CSV) or sheet row (XLSX) of each data row, for messages; the header is row 1. */
  readonly sourceRows: ArrayLike<number>;
  /** Blank lines the reader skipped. */
  readonly blankLines: number;
}
