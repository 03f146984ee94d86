/**
 * The fields of each export and the header synonyms that suggest a mapping. Chinese exports
 * name one column many ways (催收员, 坐席, 员工姓名 …); a suggestion is only a suggestion,
 * the user confirms it in the pane.
 */
import type { ColumnMapping, DatasetKind, FieldDef, FieldId, FieldType } from "./model";

const f = (id: FieldId, type: FieldType, required: boolean, synonyms: readonly string[]): FieldDef => ({ id, type, required, synonyms });

const SYN: Record<FieldId, readonly string[]> = {
  collector: ["催收员", "坐席", "催收人员", "员工姓名", "催收员姓名", "坐席姓名", "collector", "agent", "agent name", "owner"],
  account: ["案件编号", "合同号", "账户", "账号", "借据号", "客户账号", "account", "account id", "account no", "case id", "loan id"],
  agency: ["委外机构", "催收机构", "agency"],
  product: ["产品", "产品类型", "product"],
  dpd: ["逾期天数", "dpd", "days past due"],
  bucket: ["账龄", "逾期阶段", "bucket", "stage"],
  placedOn: ["分案日期", "委案日期", "placement date", "placed on", "assigned on"],
  balance: ["欠款金额", "剩余本金", "委案金额", "balance", "outstanding"],
  target: ["目标回款", "回款目标", "target"],
  paymentId: ["回款流水号", "交易流水号", "交易号", "payment id", "transaction id"],
  amount: ["回款金额", "还款金额", "实还金额", "amount", "payment amount"],
  paidOn: ["还款日期", "回款日期", "payment date", "paid on", "date"],
  callId: ["通话编号", "呼叫ID", "call id"],
  calledAt: ["呼叫时间", "拨打时间", "通话开始时间", "通话时间", "call time", "called at", "call start"],
  duration: ["通话时长", "通话时长(秒)", "duration", "talk time", "duration (s)"],
  connected: ["是否接通", "接通", "connected", "answered"],
  rightParty: ["是否本人", "本人接通", "right party", "rpc"],
  promise: ["承诺还款", "ptp", "promise to pay", "promise"],
};

const shared = (): FieldDef[] => [
  f("agency", "text", false, SYN.agency),
  f("product", "text", false, SYN.product),
  f("dpd", "number", false, SYN.dpd),
  f("bucket", "text", false, SYN.bucket),
];

/** The fields of each export, required ones first. */
export const FIELDS: Readonly<Record<DatasetKind, readonly FieldDef[]>> = {
  cases: [
    f("collector", "text", true, SYN.collector),
    f("account", "text", true, SYN.account),
    f("placedOn", "date", true, SYN.placedOn),
    f("balance", "amount", false, SYN.balance),
    f("target", "amount", false, SYN.target),
    ...shared(),
  ],
  payments: [
    f("collector", "text", true, SYN.collector),
    f("amount", "amount", true, SYN.amount),
    f("paidOn", "date", true, SYN.paidOn),
    f("paymentId", "text", false, SYN.paymentId),
    f("account", "text", false, SYN.account),
    ...shared(),
  ],
  calls: [
    f("collector", "text", true, SYN.collector),
    f("account", "text", true, SYN.account),
    f("calledAt", "date", true, SYN.calledAt),
    f("duration", "duration", true, SYN.duration),
    f("callId", "text", false, SYN.callId),
    f("connected", "flag", false, SYN.connected),
    f("rightParty", "flag", false, SYN.rightParty),
    f("promise", "flag", false, SYN.promise),
    ...shared(),
  ],
};

export const DATASET_KINDS: readonly DatasetKind[] = ["cases", "payments", "calls"];

export function fieldDef(kind: DatasetKind, id: FieldId): FieldDef | undefined {
  return FIELDS[kind].find((d) => d.id === id);
}

/**
 * A header in comparable form: trimmed, lower-case, without spaces, "_" and "-", full-width
 * letters and brackets folded to ASCII. `bare` also drops a bracketed unit or note, so
 * "通话时长（秒）" and "Duration (s)" match "通话时长" and "duration".
 */
export function normalizeHeader(header: string): { full: string; bare: string } {
  const folded = header
    .normalize("NFKC") // full-width ＡＢＣ（）→ ABC()
    .trim()
    .toLowerCase()
    .replace(/[\s_\-]+/g, "");
  return { full: folded.replace(/[()[\]]/g, ""), bare: folded.replace(/\([^)]*\)|\[[^\]]*\]/g, "") };
}

const normalizedSynonyms = new Map<FieldDef, string[]>();
function synonymsOf(def: FieldDef): string[] {
  let list = normalizedSynonyms.get(def);
  if (!list) {
    list = [...new Set(def.synonyms.flatMap((s) => [normalizeHeader(s).full, normalizeHeader(s).bare]))].filter((s) => s.length > 0);
    normalizedSynonyms.set(def, list);
  }
  return list;
}

/**
 * A suggested column per field: an exact synonym first (every field), then a header that
 * contains a synonym (the longest synonym wins). A header goes to one field only.
 */
export function suggestMapping(kind: DatasetKind, headers: readonly string[]): ColumnMapping {
  const norm = headers.map(normalizeHeader);
  const taken = new Set<number>();
  const mapping: Partial<Record<FieldId, number>> = {};
  for (const def of FIELDS[kind]) {
    const syns = synonymsOf(def);
    const i = norm.findIndex((h, k) => !taken.has(k) && (syns.includes(h.full) || syns.includes(h.bare)));
    if (i >= 0) {
      mapping[def.id] = i;
      taken.add(i);
    }
  }
  for (const def of FIELDS[kind]) {
    if (mapping[def.id] !== undefined) continue;
    let best = -1;
    let bestLength = 0;
    for (const syn of synonymsOf(def)) {
      // One- and two-letter synonyms (none today) would match by accident inside longer words.
      if (syn.length < 2) continue;
      norm.forEach((h, k) => {
        if (!taken.has(k) && h.full.includes(syn) && syn.length > bestLength) {
          best = k;
          bestLength = syn.length;
        }
      });
    }
    if (best >= 0) {
      mapping[def.id] = best;
      taken.add(best);
    }
  }
  return mapping;
}

/** The required fields the mapping leaves without a column (or points past the headers). */
export function missingRequired(kind: DatasetKind, mapping: ColumnMapping, headerCount = Infinity): FieldId[] {
  return FIELDS[kind].filter((d) => d.required && !isColumn(mapping[d.id], headerCount)).map((d) => d.id);
}

function isColumn(i: number | undefined, count: number): boolean {
  return i !== undefined && Number.isInteger(i) && i >= 0 && i < count;
}

/**
 * Which export the headers look like: the kind whose required fields are best covered
 * (all of them beats most of them), optional fields breaking ties; undefined when no kind
 * finds at least two of its required fields.
 */
export function guessKind(headers: readonly string[]): DatasetKind | undefined {
  let best: DatasetKind | undefined;
  let bestScore = -1;
  for (const kind of DATASET_KINDS) {
    const mapping = suggestMapping(kind, headers);
    const required = FIELDS[kind].filter((d) => d.required);
    const found = required.filter((d) => mapping[d.id] !== undefined).length;
    if (found < 2) continue;
    const optional = Object.keys(mapping).length - found;
    const score = (found === required.length ? 1000 : 0) + (found / required.length) * 100 + optional;
    if (score > bestScore) {
      best = kind;
      bestScore = score;
    }
  }
  return best;
}
