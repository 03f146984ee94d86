import { Benchmark, Benchmarks, requireMetric } from "./benchmarks";
import { Cell, Grid, finite, toNumber } from "./grid";
import { Language, parseLanguage } from "./language";
import { detailedError } from "./messages";

export type Level = "excellent" | "meets" | "below";

export const LEVEL_LABELS: Readonly<Record<Language, Readonly<Record<Level, string>>>> = {
  en: { excellent: "Excellent", meets: "Meets", below: "Below" },
  zh: { excellent: "优秀", meets: "达标", below: "未达标" },
};

export type Band = "excellent" | "good" | "pass" | "fail";
export const BAND_LABELS: Readonly<Record<Language, Readonly<Record<Band, string>>>> = {
  en: { excellent: "Excellent", good: "Good", pass: "Pass", fail: "Fail" },
  zh: { excellent: "优秀", good: "良好", pass: "合格", fail: "不合格" },
};
/** SCOREGRADE bands, highest first: a score at or above `from` gets the band. */
export const SCORE_BANDS: readonly { band: Band; from: number }[] = [
  { band: "excellent", from: 90 },
  { band: "good", from: 80 },
  { band: "pass", from: 60 },
  { band: "fail", from: 0 },
];

/** KPISCORE is capped here (完成率法 caps over-achievement at 120%). */
export const SCORE_CAP = 120;

/** True when `value` reaches `threshold` in the metric's direction. */
export function reaches(b: Benchmark, value: number, threshold: number): boolean {
  return b.direction === "higher" ? value >= threshold : value <= threshold;
}

/** The highest level `value` reaches; a blank threshold is skipped; both blank is #N/A. */
export function levelOf(b: Benchmark, value: number): Level {
  if (b.meets === undefined && b.excellent === undefined) {
    throw detailedError("notAvailable", "noThresholds", b.metric.id);
  }
  if (b.excellent !== undefined && reaches(b, value, b.excellent)) return "excellent";
  if (b.meets !== undefined && reaches(b, value, b.meets)) return "meets";
  return "below";
}

function measuredValue(value: Cell | Grid, param = "value"): number {
  const v = toNumber(value, param);
  if (v < 0) throw detailedError("invalidNumber", "negative", param);
  return v;
}

/** BENCHMARK(metric, [level], [benchmarks]) */
export function benchmarkOf(metric: unknown, level: unknown, table?: Grid | null): number {
  const m = requireMetric(metric);
  // 0: Excel desktop hands an empty cell over as 0 (office-js#4702); 0 is never a level.
  const text = level === null || level === undefined || level === "" || level === 0 ? "meets" : String(level).trim().toLowerCase();
  const key = text === "meets" || text === "达标" ? "meets" : text === "excellent" || text === "优秀" ? "excellent" : undefined;
  if (key === undefined) throw detailedError("invalidValue", "unknownLevel", String(level));
  const threshold = new Benchmarks(table).of(m)[key];
  if (threshold === undefined) throw detailedError("notAvailable", "thresholdBlank", m.id, key);
  return threshold;
}

/** GRADE(metric, value, [benchmarks], [language]) */
export function grade(metric: unknown, value: Cell | Grid, table?: Grid | null, language?: unknown): string {
  const m = requireMetric(metric);
  const lang = parseLanguage(language);
  const v = measuredValue(value);
  return LEVEL_LABELS[lang][levelOf(new Benchmarks(table).of(m), v)];
}

/**
 * Target-achievement score (完成率法) of one value against its benchmark, 0–120.
 * Target: meets, else excellent. Higher is better: 100 × value / target; lower is
 * better: 100 × target / value, with value 0 scoring the cap.
 */
export function scoreAgainst(b: Benchmark, value: number): number {
  const target = b.meets ?? b.excellent;
  if (target === undefined) throw detailedError("notAvailable", "noThresholds", b.metric.id);
  let score: number;
  if (b.direction === "higher") {
    // A zero target is met by any value: 100 for exactly 0, the cap above it.
    score = target === 0 ? (value === 0 ? 100 : SCORE_CAP) : (100 * value) / target;
  } else {
    score = value === 0 ? SCORE_CAP : (100 * target) / value;
  }
  return finite(Math.min(SCORE_CAP, Math.max(0, score)), "KPISCORE");
}

/** KPISCORE(metric, value, [benchmarks]) */
export function kpiScore(metric: unknown, value: Cell | Grid, table?: Grid | null): number {
  const m = requireMetric(metric);
  const v = measuredValue(value);
  return scoreAgainst(new Benchmarks(table).of(m), v);
}

/** SCOREGRADE(score, [language]) */
export function scoreGrade(score: Cell | Grid, language?: unknown): string {
  const lang = parseLanguage(language);
  const s = toNumber(score, "score");
  if (s < 0 || s > SCORE_CAP) throw detailedError("invalidNumber", "scoreRange");
  const band = SCORE_BANDS.find((b) => s >= b.from) as { band: Band };
  return BAND_LABELS[lang][band.band];
}
