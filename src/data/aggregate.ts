/**
 * Typed records → the data inputs of the templates, per collector × month (and optionally per
 * bucket, agency or product). Each definition here is written once more as a native SUMIFS
 * in formulas.ts, and a test checks that both give the same numbers; docs/data-import.md
 * says them in words.
 */
import type { DatasetKind, FieldId } from "./model";
import { type CallRecord, type CaseRecord, type PaymentRecord, type TypedTable, collectorKey, monthStart } from "./typed";

/** The template input keys (src/templates/strings.ts InputKey) the raw data can give. */
export type DataInput = "recovered" | "assigned" | "outstanding" | "target" | "attempts" | "contacted" | "rightParty" | "promises" | "totalTalk" | "effectiveTalk";

export const DATA_INPUTS: readonly DataInput[] = ["recovered", "assigned", "outstanding", "target", "attempts", "contacted", "rightParty", "promises", "totalTalk", "effectiveTalk"];

export type Stage = "m1" | "m2m3" | "m4plus";
export type GroupField = "bucket" | "agency" | "product";

/** The dataset and the fields an input reads (besides collector and the date). */
export const INPUT_SOURCE: Readonly<Record<DataInput, { readonly kind: DatasetKind; readonly needs: readonly FieldId[] }>> = {
  recovered: { kind: "payments", needs: ["amount"] },
  assigned: { kind: "cases", needs: [] },
  outstanding: { kind: "cases", needs: ["balance"] },
  target: { kind: "cases", needs: ["target"] },
  attempts: { kind: "calls", needs: [] },
  contacted: { kind: "calls", needs: ["account"] },
  rightParty: { kind: "calls", needs: ["rightParty"] },
  promises: { kind: "calls", needs: ["promise"] },
  totalTalk: { kind: "calls", needs: ["duration"] },
  effectiveTalk: { kind: "calls", needs: ["duration", "rightParty"] },
};

/**
 * The delinquency stage of a row: from days past due when there is a number (M1 = 1–30,
 * M2–M3 = 31–90, M4+ = 91 and over; 0 or less is current, no stage), else from the bucket
 * text ("M1", "M2", "M3阶段", "M4+", "M6+", "31-60", "90+"; "C" and "M0" are current).
 */
export function stageOf(dpd?: number, bucket?: string): Stage | undefined {
  if (dpd !== undefined && Number.isFinite(dpd)) {
    if (dpd >= 1 && dpd <= 30) return "m1";
    if (dpd >= 31 && dpd <= 90) return "m2m3";
    if (dpd >= 91) return "m4plus";
    return undefined;
  }
  if (bucket === undefined) return undefined;
  const b = bucket.normalize("NFKC").replace(/\s+/g, "").toUpperCase();
  let m = /^M(\d+)/.exec(b);
  if (m) {
    const n = Number(m[1]);
    return n === 0 ? undefined : n === 1 ? "m1" : n <= 3 ? "m2m3" : "m4plus";
  }
  if ((m = /^(\d+)\+$/.exec(b))) return stageOf(Number(m[1]) + 1);
  if ((m = /^(\d+)[-~–—至到](\d+)/.exec(b))) return stageOf(Number(m[1]) === 0 ? 1 : Number(m[1]));
  return undefined;
}

export const STAGE_LABEL: Readonly<Record<Stage, string>> = { m1: "M1", m2m3: "M2-M3", m4plus: "M4+" };

/** A record's stage as the formulas see it: from dpd when dpd is mapped, else from the bucket. */
export function recordStage(rec: { dpd?: number; bucket?: string }, mapped: readonly FieldId[]): Stage | undefined {
  return mapped.includes("dpd") ? stageOf(rec.dpd) : mapped.includes("bucket") ? stageOf(undefined, rec.bucket) : undefined;
}

/**
 * 1 on the first connected call of each account in its collector-month (earliest calledAt,
 * then file order), 0 elsewhere: Σ of this column over any filter counts distinct contacted
 * accounts, so a native SUMIFS can do what COUNT DISTINCT would. Under a stage or group
 * filter an account counts where its first connected call of the month falls.
 */
export function firstContacts(calls: readonly CallRecord[]): Uint8Array {
  const out = new Uint8Array(calls.length);
  // collector key → month → account → index of its first connected call. The collector as
  // written finds its months without lower-casing it again, and no key string is built per call.
  const byKey = new Map<string, Map<string, Map<string, number>>>();
  const bySpelling = new Map<string, Map<string, Map<string, number>>>();
  for (let i = 0; i < calls.length; i++) {
    const c = calls[i];
    if (!c.connected) continue;
    let months = bySpelling.get(c.collector);
    if (months === undefined) {
      const ck = collectorKey(c.collector);
      months = byKey.get(ck);
      if (months === undefined) byKey.set(ck, (months = new Map()));
      bySpelling.set(c.collector, months);
    }
    let accounts = months.get(c.month);
    if (accounts === undefined) months.set(c.month, (accounts = new Map()));
    const j = accounts.get(c.account);
    if (j === undefined || c.calledAt < calls[j].calledAt) accounts.set(c.account, i);
  }
  for (const months of byKey.values()) for (const accounts of months.values()) for (const i of accounts.values()) out[i] = 1;
  return out;
}

export interface AggregateOptions {
  /** Split each collector-month further by this field (when the datasets map it). */
  readonly by?: GroupField;
  /** Count only rows of this stage (datasets without dpd or bucket then give nothing). */
  readonly stage?: Stage;
}

export interface AggregateRow {
  /** The collector as first spelled in the data (rows differing only in case are one collector, as in SUMIFS). */
  readonly collector: string;
  readonly month: string;
  /** Excel serial of the month's first day. */
  readonly monthStart: number;
  /** The value of the `by` field ("" for a blank cell). */
  readonly group?: string;
  /** Every available input; 0 where the data has no rows. Money in yuan (exact to the cent), talk in minutes. */
  readonly values: Readonly<Partial<Record<DataInput, number>>>;
}

export interface Aggregates {
  /** The inputs these datasets can give under these options. */
  readonly inputs: readonly DataInput[];
  readonly rows: readonly AggregateRow[];
}

export interface Datasets {
  readonly cases?: TypedTable<"cases">;
  readonly payments?: TypedTable<"payments">;
  readonly calls?: TypedTable<"calls">;
}

/** Whether `input` can be computed from `mapped` (fields per kind) under the options. */
export function inputAvailable(input: DataInput, mapped: Readonly<Partial<Record<DatasetKind, readonly FieldId[]>>>, options: AggregateOptions = {}): boolean {
  const { kind, needs } = INPUT_SOURCE[input];
  const fields = mapped[kind];
  if (!fields) return false;
  if (!needs.every((f) => fields.includes(f))) return false;
  if (options.stage && !fields.includes("dpd") && !fields.includes("bucket")) return false;
  if (options.by && !fields.includes(options.by)) return false;
  return true;
}

interface Acc {
  collector: string;
  month: string;
  group?: string;
  // integer cents and whole counts: exact; seconds summed as given
  recoveredCents: number;
  assigned: number;
  outstandingCents: number;
  targetCents: number;
  attempts: number;
  contacted: number;
  rightParty: number;
  promises: number;
  talkSeconds: number;
  effectiveSeconds: number;
}

export function aggregate(data: Datasets, options: AggregateOptions = {}): Aggregates {
  const mapped: Partial<Record<DatasetKind, readonly FieldId[]>> = {};
  if (data.cases) mapped.cases = data.cases.mapped;
  if (data.payments) mapped.payments = data.payments.mapped;
  if (data.calls) mapped.calls = data.calls.mapped;
  const inputs = DATA_INPUTS.filter((i) => inputAvailable(i, mapped, options));
  const uses = (kind: DatasetKind) => inputs.some((i) => INPUT_SOURCE[i].kind === kind);

  const accs = new Map<string, Acc>();
  const names = new Map<string, string>(); // collector key → first spelling
  const order: string[] = [];
  type Keyed = { collector: string; month: string; agency?: string; product?: string; bucket?: string };
  // Without a split, most lookups hit this map by the collector text as written: no key string
  // is built per row (a million calls repeat a few hundred collector-months).
  const fast = new Map<string, Map<string, Acc>>();
  const acc = (rec: Keyed): Acc => {
    if (options.by !== undefined) return slowAcc(rec);
    let months = fast.get(rec.collector);
    let a = months?.get(rec.month);
    if (a) return a;
    a = slowAcc(rec);
    if (!months) fast.set(rec.collector, (months = new Map()));
    months.set(rec.month, a);
    return a;
  };
  const slowAcc = (rec: Keyed): Acc => {
    const ck = collectorKey(rec.collector);
    if (!names.has(ck)) {
      names.set(ck, rec.collector);
      order.push(ck);
    }
    const group = options.by === undefined ? undefined : (rec[options.by] ?? "");
    const key = `${ck}\u0000${rec.month}\u0000${group === undefined ? "" : group.toLowerCase()}`;
    let a = accs.get(key);
    if (!a) {
      a = { collector: names.get(ck) as string, month: rec.month, group, recoveredCents: 0, assigned: 0, outstandingCents: 0, targetCents: 0, attempts: 0, contacted: 0, rightParty: 0, promises: 0, talkSeconds: 0, effectiveSeconds: 0 };
      accs.set(key, a);
    }
    return a;
  };
  const keep = (rec: { dpd?: number; bucket?: string }, fields: readonly FieldId[]) => !options.stage || recordStage(rec, fields) === options.stage;

  if (data.cases && uses("cases")) {
    const f = data.cases.mapped;
    for (const c of data.cases.records as readonly CaseRecord[]) {
      if (!keep(c, f)) continue;
      const a = acc(c);
      a.assigned++;
      a.outstandingCents += c.balanceCents ?? 0;
      a.targetCents += c.targetCents ?? 0;
    }
  }
  if (data.payments && uses("payments")) {
    const f = data.payments.mapped;
    for (const p of data.payments.records as readonly PaymentRecord[]) {
      if (keep(p, f)) acc(p).recoveredCents += p.amountCents;
    }
  }
  if (data.calls && uses("calls")) {
    const f = data.calls.mapped;
    const calls = data.calls.records as readonly CallRecord[];
    const first = firstContacts(calls);
    for (let i = 0; i < calls.length; i++) {
      const c = calls[i];
      if (!keep(c, f)) continue;
      const a = acc(c);
      a.attempts++;
      a.contacted += first[i];
      a.talkSeconds += c.duration;
      if (c.rightParty) {
        a.rightParty++;
        a.effectiveSeconds += c.duration;
      }
      if (c.promise) a.promises++;
    }
  }

  const rank = new Map(order.map((k, i) => [k, i]));
  const rows = [...accs.values()]
    .sort((x, y) => (rank.get(collectorKey(x.collector)) as number) - (rank.get(collectorKey(y.collector)) as number) || x.month.localeCompare(y.month) || (x.group ?? "").localeCompare(y.group ?? ""))
    .map((a): AggregateRow => {
      const all: Record<DataInput, number> = {
        recovered: a.recoveredCents / 100,
        assigned: a.assigned,
        outstanding: a.outstandingCents / 100,
        target: a.targetCents / 100,
        attempts: a.attempts,
        contacted: a.contacted,
        rightParty: a.rightParty,
        promises: a.promises,
        totalTalk: a.talkSeconds / 60,
        effectiveTalk: a.effectiveSeconds / 60,
      };
      const values: Partial<Record<DataInput, number>> = {};
      for (const i of inputs) values[i] = all[i];
      return { collector: a.collector, month: a.month, monthStart: monthStart(a.month), ...(a.group === undefined ? {} : { group: a.group }), values };
    });
  return { inputs, rows };
}
