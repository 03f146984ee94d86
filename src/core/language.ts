import { detailedError } from "./messages";

export type Language = "en" | "zh";

/**
 * The language of a host's UI tag (Office.context.displayLanguage, ?lang=): "zh-CN",
 * "zh-TW", "zh_Hans", "zh" → zh; anything else, or none, → en. The task pane and the
 * messages behind Excel's errors both follow it.
 */
export function languageOfTag(tag: string | null | undefined): Language {
  return typeof tag === "string" && /^zh(-|_|$)/i.test(tag.trim()) ? "zh" : "en";
}

/**
 * The language argument of GRADE, SCOREGRADE and METRICS. It is an argument, never the
 * user's UI language, so a shared workbook reads the same for everyone.
 */
export function parseLanguage(value: unknown): Language {
  // 0: Excel desktop hands an empty cell over as 0 (office-js#4702); 0 is never a language.
  if (value === null || value === undefined || value === "" || value === 0) return "en";
  const text = String(value).trim().toLowerCase();
  if (text === "en" || text.startsWith("en-") || text === "english") return "en";
  if (text === "zh" || text.startsWith("zh-") || text === "中文" || text === "chinese") return "zh";
  throw detailedError("invalidValue", "unknownLanguage", String(value));
}
