/**
 * functions.zh-cn.json from the generated functions.json: the same document (ids, names,
 * parameter order, types, dimensionality, optionality, results), with Chinese descriptions
 * and help URLs that open the Chinese reference page. Function and parameter names stay
 * English, as Excel's own function names do in Chinese Excel.
 *
 * Pure data in, data out: the build plugin (scripts/webpack/zh-metadata-plugin.js) runs it
 * and fails the build when anything is missing; the tests run it too.
 */
import { CATALOGUE, Metric } from "../core/catalogue";
import { FUNCTIONS_ZH, FunctionZh } from "./functions.zh";

/** One parameter of functions.json, as custom-functions-metadata writes it. */
export interface ParameterMetadata {
  readonly name: string;
  readonly description?: string;
  readonly type?: string;
  readonly dimensionality?: string;
  readonly optional?: boolean;
  readonly [key: string]: unknown;
}

export interface FunctionMetadata {
  readonly id: string;
  readonly name: string;
  readonly description?: string;
  readonly helpUrl?: string;
  readonly parameters: readonly ParameterMetadata[];
  readonly result?: Readonly<Record<string, unknown>>;
  readonly [key: string]: unknown;
}

export interface FunctionsMetadata {
  readonly functions: readonly FunctionMetadata[];
  readonly [key: string]: unknown;
}

/** The files the build emits, by language. */
export const METADATA_FILE = { en: "functions.json", zh: "functions.zh-cn.json" } as const;
export const REFERENCE_PAGE = { en: "functions.html", zh: "functions.zh-cn.html" } as const;

const KPI_BY_FN: ReadonlyMap<string, Metric> = new Map(
  CATALOGUE.filter((m) => m.fn !== undefined).map((m) => [m.fn as string, m])
);

const RED_LINE_NOTE = "红线指标：不达标时综合得分（SCORE）为 0。";

/**
 * The Chinese description of a function, or undefined when there is none. A KPI function's is
 * derived from its catalogue record: name, formula, unit (when not a fraction), direction
 * (when lower is better), red line, then the table's note.
 */
export function zhDescription(id: string): string | undefined {
  const entry: FunctionZh | undefined = FUNCTIONS_ZH[id];
  const metric = KPI_BY_FN.get(id);
  if (metric !== undefined) {
    const parts = [`${metric.name.zh}：${metric.formula.zh}。`];
    if (metric.format !== "percent" && metric.format !== "permille") parts.push(`结果单位为${metric.unit.zh}。`);
    if (metric.direction === "lower") parts.push("越低越好。");
    if (metric.redLine) parts.push(RED_LINE_NOTE);
    if (entry?.note) parts.push(entry.note);
    return parts.join("");
  }
  const description = entry?.description?.trim();
  return description ? description : undefined;
}

/** The Chinese help of one parameter, or undefined when there is none. */
export function zhParameter(id: string, parameter: string): string | undefined {
  const entries = FUNCTIONS_ZH[id]?.params;
  const text = entries !== undefined && Object.prototype.hasOwnProperty.call(entries, parameter) ? entries[parameter].trim() : "";
  return text ? text : undefined;
}

/** A help URL of the English reference page, pointed at the same anchor of the Chinese one. */
export function zhHelpUrl(url: string): string {
  const at = url.lastIndexOf(`/${REFERENCE_PAGE.en}`);
  if (at < 0) return url;
  return `${url.slice(0, at)}/${REFERENCE_PAGE.zh}${url.slice(at + 1 + REFERENCE_PAGE.en.length)}`;
}

export interface Localized {
  readonly metadata: FunctionsMetadata;
  /** "RECOVERYRATE", "RECOVERYRATE(target)": what has no Chinese text. Empty when complete. */
  readonly missing: readonly string[];
  /** Translations for functions or parameters that functions.json does not have (stale entries). */
  readonly unused: readonly string[];
}

/** Translates functions.json into its zh-CN twin. Everything but descriptions and help URLs is copied. */
export function localizeMetadata(english: FunctionsMetadata): Localized {
  const missing: string[] = [];
  const functions = english.functions.map((fn): FunctionMetadata => {
    const description = zhDescription(fn.id);
    if (description === undefined) missing.push(fn.id);
    const parameters = fn.parameters.map((p): ParameterMetadata => {
      const help = zhParameter(fn.id, p.name);
      if (help === undefined) missing.push(`${fn.id}(${p.name})`);
      return { ...p, description: help ?? p.description };
    });
    return {
      ...fn,
      description: description ?? fn.description,
      ...(fn.helpUrl !== undefined ? { helpUrl: zhHelpUrl(fn.helpUrl) } : {}),
      parameters,
    };
  });

  const known = new Map(english.functions.map((f) => [f.id, new Set(f.parameters.map((p) => p.name))]));
  const unused: string[] = [];
  for (const [id, entry] of Object.entries(FUNCTIONS_ZH)) {
    const params = known.get(id);
    if (params === undefined) {
      unused.push(id);
      continue;
    }
    for (const name of Object.keys(entry.params)) if (!params.has(name)) unused.push(`${id}(${name})`);
  }
  return { metadata: { ...english, functions }, missing, unused };
}
