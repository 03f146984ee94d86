import { Cell, Grid, cellCount, errorOfCell, isBlank } from "./grid";
import { detailedError } from "./messages";

const SECONDS_PER_DAY = 86400;

export interface ContactRules {
  /** More connected calls than this to one debtor on one calendar day break the rule. */
  readonly maxPerDay: number;
  /** Quiet hours as Excel time fractions; the window wraps midnight when start > end. */
  readonly quietStart: number;
  readonly quietEnd: number;
}

/** GB/T 45251-2025 public summaries: at most 3 connected calls a day, no calls 22:00–08:00. */
export const DEFAULT_RULES: ContactRules = { maxPerDay: 3, quietStart: 22 / 24, quietEnd: 8 / 24 };

export function contactRules(maxPerDay: unknown, quietStart: unknown, quietEnd: unknown): ContactRules {
  const max = isBlank(maxPerDay as Cell) ? DEFAULT_RULES.maxPerDay : maxPerDay;
  // Text or TRUE/FALSE is not a number (#VALUE!); a number that is not a whole count of 1 or more is #NUM!.
  if (typeof max !== "number") throw detailedError("invalidValue", "maxPerDay");
  if (!Number.isInteger(max) || max < 1) throw detailedError("invalidNumber", "maxPerDay");
  return {
    maxPerDay: max,
    quietStart: timeOfDay(quietStart, "quiet_start", DEFAULT_RULES.quietStart),
    quietEnd: timeOfDay(quietEnd, "quiet_end", DEFAULT_RULES.quietEnd),
  };
}

function timeOfDay(value: unknown, param: string, fallback: number): number {
  if (isBlank(value as Cell)) return fallback;
  if (typeof value !== "number") throw detailedError("invalidValue", "timeOfDay", param);
  if (!(value >= 0 && value <= 1)) throw detailedError("invalidNumber", "timeOfDay", param);
  return value;
}

/** Whole seconds since midnight, so 22:00 typed in Excel equals 22/24 despite float noise. */
function secondOfDay(fraction: number): number {
  return Math.round(fraction * SECONDS_PER_DAY) % SECONDS_PER_DAY;
}

/**
 * CONTACTBREACHES: calls that break the frequency rule (the (max+1)-th or later call of
 * one debtor on one calendar day, by time) or fall inside quiet hours; each call counts
 * once. Grouping is O(n) with a Map; only the (debtor, day) groups over the limit are
 * sorted, so a 1,000,000-call log costs about one pass, not a full sort.
 */
export function contactBreaches(debtorIds: Grid, callTimes: Grid, rules: ContactRules = DEFAULT_RULES): number {
  const n = cellCount(debtorIds);
  if (n !== cellCount(callTimes)) throw detailedError("invalidValue", "countsDiffer", "debtor_ids", "call_times");
  const quietFrom = secondOfDay(rules.quietStart);
  const quietTo = rules.quietEnd >= 1 ? SECONDS_PER_DAY : secondOfDay(rules.quietEnd);
  const inQuiet = (sec: number): boolean =>
    quietFrom === quietTo ? false : quietFrom < quietTo ? sec >= quietFrom && sec < quietTo : sec >= quietFrom || sec < quietTo;

  // Pass 1: read both ranges in reading order, group by (debtor, day).
  const seconds = new Int32Array(n);
  const group = new Int32Array(n);
  const debtorIndex = new Map<Cell, number>();
  const groupIndex = new Map<number, number>();
  const groupSize: number[] = [];
  let i = 0;
  let valid = 0;
  const timesIter = cellIterator(callTimes);
  for (const row of debtorIds) {
    for (const id of row) {
      const t = timesIter();
      const at = i++;
      // Excel desktop hands an empty cell over as 0, the web as null (office-js#4702, #1951):
      // a time of 0 (serial 0 is never a real call) and a debtor id of 0 are blank, like null
      // and "", so an empty row of a whole-column log is skipped on both hosts.
      const noDebtor = isBlank(id) || id === 0;
      if (isBlank(t) || t === 0) {
        if (noDebtor) continue; // an empty row of the log
        throw detailedError("invalidValue", "callTime", at);
      }
      if (typeof t !== "number" || !Number.isFinite(t)) throw detailedError("invalidValue", "callTime", at);
      if (t < 0 || t >= 2958466) throw detailedError("invalidNumber", "callTime", at);
      if (noDebtor) throw detailedError("invalidValue", "debtorBlank", at);
      if (typeof id === "object") throw errorOfCell(id, "debtor_ids", at) ?? detailedError("invalidValue", "debtorBlank", at);
      const key = typeof id === "string" ? id.trim() : id;
      let d = debtorIndex.get(key);
      if (d === undefined) debtorIndex.set(key, (d = debtorIndex.size));
      let totalSeconds = Math.round(t * SECONDS_PER_DAY);
      const day = Math.floor(totalSeconds / SECONDS_PER_DAY);
      totalSeconds -= day * SECONDS_PER_DAY;
      // 2958466 days < 2^22, so (debtor, day) packs exactly into one double.
      const gk = d * 4194304 + day;
      let g = groupIndex.get(gk);
      if (g === undefined) {
        groupIndex.set(gk, (g = groupSize.length));
        groupSize.push(0);
      }
      groupSize[g]++;
      seconds[valid] = totalSeconds;
      group[valid] = g;
      valid++;
    }
  }

  // Pass 2: quiet-hour calls count in every group; groups over the limit need ranks.
  let breaches = 0;
  const crowded = new Map<number, number[]>();
  for (let k = 0; k < valid; k++) {
    const g = group[k];
    if (groupSize[g] > rules.maxPerDay) {
      let list = crowded.get(g);
      if (list === undefined) crowded.set(g, (list = []));
      list.push(seconds[k]);
    } else if (inQuiet(seconds[k])) {
      breaches++;
    }
  }
  for (const list of crowded.values()) {
    list.sort((a, b) => a - b);
    // The first maxPerDay calls of the day break only the quiet-hours rule; the rest break the frequency rule.
    for (let k = 0; k < list.length; k++) if (k >= rules.maxPerDay || inQuiet(list[k])) breaches++;
  }
  return breaches;
}

function cellIterator(grid: Grid): () => Cell {
  let r = 0;
  let c = 0;
  return () => {
    while (r < grid.length && c >= grid[r].length) {
      r++;
      c = 0;
    }
    return r < grid.length ? grid[r][c++] : null;
  };
}
