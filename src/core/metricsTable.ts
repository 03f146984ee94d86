import { CATALOGUE } from "./catalogue";
import { Language } from "./language";

export const METRICS_HEADER: Readonly<Record<Language, readonly string[]>> = {
  en: ["Metric ID", "Name", "Formula", "Direction", "Meets", "Excellent", "Unit", "Source"],
  zh: ["指标ID", "指标名称", "计算公式", "方向", "达标", "优秀", "单位", "来源"],
};

export const DIRECTION_LABELS: Readonly<Record<Language, Readonly<Record<"higher" | "lower", string>>>> = {
  en: { higher: "higher", lower: "lower" },
  zh: { higher: "越高越好", lower: "越低越好" },
};

/** METRICS([language]): the catalogue as a table with a header row; blank thresholds stay blank. */
export function metricsTable(language: Language): (string | number)[][] {
  const rows = CATALOGUE.map((m) => [
    m.id,
    m.name[language],
    m.formula[language],
    DIRECTION_LABELS[language][m.direction],
    m.meets ?? "",
    m.excellent ?? "",
    m.unit[language],
    m.source[language],
  ]);
  return [[...METRICS_HEADER[language]], ...rows];
}
