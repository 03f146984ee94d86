/**
 * The function reference pages the add-in serves (dist/functions.html and
 * dist/functions.zh-cn.html), generated at build time from functions.json (and its zh-CN
 * twin) and the catalogue. One anchor per function, `id="RECOVERYRATE"`, which every
 * @helpurl points at, so Excel's "Help on this function" lands on it.
 *
 * Static HTML with one stylesheet and no script: it must work under the add-in's
 * Content-Security-Policy and in any browser Excel opens it in.
 */
import { CATALOGUE, Metric, plainExcelFormula } from "../core/catalogue";
import type { Language } from "../core/language";
import type { FunctionMetadata, FunctionsMetadata, ParameterMetadata } from "../i18n/metadata";
import { REFERENCE_PAGE } from "../i18n/metadata";
import { ExampleValue, KPI_EXAMPLES, OTHER_EXAMPLES } from "./examples";
import { GroupId, REFERENCE_STRINGS, ReferenceStrings } from "./strings";

export const NAMESPACE = "COLLECT";
/** The stylesheet both pages link to (emitted from src/reference/reference.css). */
export const REFERENCE_CSS = "functions.css";

const KPI_BY_FN: ReadonlyMap<string, Metric> = new Map(
  CATALOGUE.filter((m) => m.fn !== undefined).map((m) => [m.fn as string, m])
);

const GROUP_OF: Readonly<Record<string, GroupId>> = {
  ROLLRATES: "portfolio",
  LOSSFACTORS: "portfolio",
  VINTAGE: "portfolio",
  CONTACTBREACHES: "compliance",
  BENCHMARK: "scoring",
  GRADE: "scoring",
  KPISCORE: "scoring",
  SCORE: "scoring",
  SCOREGRADE: "scoring",
  METRICS: "scoring",
};
const GROUP_ORDER: readonly GroupId[] = ["kpi", "portfolio", "compliance", "scoring", "other"];

function groupOf(id: string): GroupId {
  return KPI_BY_FN.has(id) ? "kpi" : GROUP_OF[id] ?? "other";
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
const esc = escapeHtml;

/** A number as the page prints it: thousands grouped, no floating-point noise. */
export function formatNumber(value: number): string {
  const clean = Number(value.toPrecision(12));
  const text = String(Math.abs(clean));
  if (/e/i.test(text)) return String(clean);
  const [whole, fraction] = text.split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${clean < 0 ? "-" : ""}${grouped}${fraction ? `.${fraction}` : ""}`;
}

/** A metric value in its display unit: 85%, 3‰, 80,000 元/人/月. */
export function formatMetricValue(metric: Metric, value: number, language: Language): string {
  switch (metric.format) {
    case "percent":
      return `${formatNumber(value * 100)}%`;
    case "permille":
      return `${formatNumber(value * 1000)}‰`;
    default:
      return `${formatNumber(value)} ${metric.unit[language]}`;
  }
}

/** A fraction result with its display form: 0.85 (85%). */
function formatKpiResult(metric: Metric, value: number, language: Language): string {
  const shown = formatMetricValue(metric, value, language);
  if (metric.format !== "percent" && metric.format !== "permille") return shown;
  return language === "zh" ? `${formatNumber(value)}（${shown}）` : `${formatNumber(value)} (${shown})`;
}

function formatExampleValue(value: ExampleValue, s: ReferenceStrings): string {
  if (typeof value === "number") return formatNumber(value);
  if (typeof value === "string") return value;
  if ("rows" in value) return s.tableResult(value.rows, value.columns);
  // A blank cell of a spilled result (VINTAGE's months not reached) shows as "", as in an array constant.
  return `{${value.map((row) => row.map((v) => (typeof v === "string" ? `"${v}"` : String(Number(v.toPrecision(12))))).join(",")).join(";")}}`;
}

/** `=COLLECT.RECOVERYRATE({300000;550000}, {400000;600000})` */
export function kpiExampleFormula(fn: string, args: readonly (readonly number[])[]): string {
  const text = args.map((a) => (a.length === 1 ? String(a[0]) : `{${a.join(";")}}`));
  return `=${NAMESPACE}.${fn}(${text.join(", ")})`;
}

/** `(300,000 + 550,000) ÷ (400,000 + 600,000) = 850,000 ÷ 1,000,000` : every parameter but the last is the numerator. */
function kpiWork(args: readonly (readonly number[])[]): string {
  const numerator = args.slice(0, -1).flat();
  const denominator = args[args.length - 1];
  const side = (terms: readonly number[]) =>
    terms.length === 1 ? formatNumber(terms[0]) : `(${terms.map(formatNumber).join(" + ")})`;
  const sum = (terms: readonly number[]) => terms.reduce((a, b) => a + b, 0);
  const expression = `${side(numerator)} ÷ ${side(denominator)}`;
  const summed = numerator.length > 1 || denominator.length > 1 ? ` = ${formatNumber(sum(numerator))} ÷ ${formatNumber(sum(denominator))}` : "";
  return `${expression}${summed}`;
}

function syntax(fn: FunctionMetadata): string {
  const params = fn.parameters.map((p) => (p.optional ? `[${p.name}]` : p.name));
  return `=${NAMESPACE}.${fn.name}(${params.join(", ")})`;
}

function titleOf(fn: FunctionMetadata, language: Language): string {
  const metric = KPI_BY_FN.get(fn.id);
  if (metric !== undefined) return metric.name[language];
  return REFERENCE_STRINGS[language].otherTitles[fn.id] ?? "";
}

function parameterRow(p: ParameterMetadata, s: ReferenceStrings): string {
  const optional = p.optional ? ` <span class="optional">(${esc(s.optional)})</span>` : "";
  const type = s.typeText(p.type ?? "any", p.dimensionality === "matrix");
  return `<tr><td><code>${esc(p.name)}</code>${optional}</td><td>${esc(type)}</td><td>${esc(p.description ?? "")}</td></tr>`;
}

function parametersTable(fn: FunctionMetadata, s: ReferenceStrings): string {
  if (fn.parameters.length === 0) return `<p>${esc(s.noParameters)}</p>`;
  const head = s.parameterColumns.map((c) => `<th scope="col">${esc(c)}</th>`).join("");
  return [
    `<table class="params">`,
    `<thead><tr>${head}</tr></thead>`,
    `<tbody>`,
    ...fn.parameters.map((p) => parameterRow(p, s)),
    `</tbody>`,
    `</table>`,
  ].join("\n");
}

function fact(term: string, definition: string): string {
  return `<dt>${esc(term)}</dt><dd>${definition}</dd>`;
}

function metricFacts(metric: Metric, language: Language, s: ReferenceStrings): string[] {
  const threshold = (value: number | undefined) => (value === undefined ? esc(s.notSet) : esc(formatMetricValue(metric, value, language)));
  const plain = plainExcelFormula(metric);
  const facts = [
    fact(s.formula, esc(metric.formula[language])),
    ...(plain !== undefined ? [fact(s.plainExcel, `<code>${esc(plain)}</code> — ${esc(s.plainExcelNote)}`)] : []),
    fact(s.metricId, `<code>${esc(metric.id)}</code>`),
    fact(s.kind, esc(s.kindText[metric.kind])),
    fact(s.direction, esc(s.directionText[metric.direction])),
    fact(s.benchmark, `${esc(s.meets)} ${threshold(metric.meets)} · ${esc(s.excellent)} ${threshold(metric.excellent)}`),
    fact(s.source, esc(metric.source[language])),
  ];
  if (metric.redLine) facts.push(fact(s.redLine, esc(s.redLineText)));
  return facts;
}

function returnsText(fn: FunctionMetadata, s: ReferenceStrings): string {
  const result = fn.result ?? {};
  if (result.dimensionality === "matrix") return s.returnsText.matrix;
  const type = String(result.type ?? "any");
  return type === "number" || type === "string" ? s.returnsText[type] : s.returnsText.any;
}

interface RenderedExample {
  formula: string;
  result: string;
  explain: string;
}

function examplesOf(fn: FunctionMetadata, language: Language, s: ReferenceStrings): RenderedExample[] {
  const metric = KPI_BY_FN.get(fn.id);
  const kpi = KPI_EXAMPLES[fn.id];
  if (metric !== undefined && kpi !== undefined) {
    return [
      {
        formula: kpiExampleFormula(fn.name, kpi.args),
        result: formatKpiResult(metric, kpi.result, language),
        explain: `${kpiWork(kpi.args)} = ${formatNumber(kpi.result)}`,
      },
    ];
  }
  return (OTHER_EXAMPLES[fn.id] ?? []).map((e) => ({
    formula: e.formula[language],
    result: formatExampleValue(e.result[language], s),
    explain: e.explain[language],
  }));
}

function examplesBlock(fn: FunctionMetadata, language: Language, s: ReferenceStrings): string {
  const examples = examplesOf(fn, language, s);
  if (examples.length === 0) return "";
  const items = examples.map(
    (e) =>
      `<div class="example"><p><code class="formula">${esc(e.formula)}</code> <span class="gives">${esc(s.gives)}</span> <code class="result">${esc(e.result)}</code></p>` +
      `<p class="explain">${esc(e.explain)}</p></div>`
  );
  return [`<h4>${esc(examples.length > 1 ? s.examples : s.example)}</h4>`, ...items].join("\n");
}

function functionArticle(fn: FunctionMetadata, language: Language, s: ReferenceStrings): string {
  const metric = KPI_BY_FN.get(fn.id);
  const title = titleOf(fn, language);
  const facts = [
    fact(s.syntax, `<code>${esc(syntax(fn))}</code>`),
    ...(metric !== undefined ? metricFacts(metric, language, s) : []),
    fact(s.returns, esc(returnsText(fn, s))),
  ];
  return [
    `<article class="function" id="${esc(fn.id)}">`,
    `<h3><code>${esc(`${NAMESPACE}.${fn.name}`)}</code>${title ? ` <span class="title">${esc(title)}</span>` : ""}</h3>`,
    `<p class="description">${esc(fn.description ?? "")}</p>`,
    `<dl class="facts">${facts.join("")}</dl>`,
    `<h4>${esc(s.parameters)}</h4>`,
    parametersTable(fn, s),
    examplesBlock(fn, language, s),
    `<p class="top"><a href="#contents">${esc(s.backToTop)}</a></p>`,
    `</article>`,
  ]
    .filter((line) => line !== "")
    .join("\n");
}

function metricIndex(language: Language, s: ReferenceStrings, documented: ReadonlySet<string>): string {
  const head = s.metricColumns.map((c) => `<th scope="col">${esc(c)}</th>`).join("");
  const rows = CATALOGUE.map((m) => {
    const fn =
      m.fn === undefined
        ? esc(s.typedIn)
        : documented.has(m.fn)
          ? `<a href="#${esc(m.fn)}"><code>${esc(m.fn)}</code></a>`
          : `<code>${esc(m.fn)}</code>`;
    const value = (v: number | undefined) => (v === undefined ? "" : esc(m.format === "percent" || m.format === "permille" ? formatMetricValue(m, v, language) : formatNumber(v)));
    return (
      `<tr><td><code>${esc(m.id)}</code></td><td>${esc(m.name[language])}</td><td>${fn}</td>` +
      `<td>${esc(s.directionText[m.direction])}</td><td class="num">${value(m.meets)}</td><td class="num">${value(m.excellent)}</td><td>${esc(m.unit[language])}</td></tr>`
    );
  });
  return [
    `<section id="metric-ids">`,
    `<h2>${esc(s.metricIndex)}</h2>`,
    `<p>${esc(s.metricIndexIntro)}</p>`,
    `<table class="metrics">`,
    `<thead><tr>${head}</tr></thead>`,
    `<tbody>`,
    ...rows,
    `</tbody>`,
    `</table>`,
    `</section>`,
  ].join("\n");
}

function conventions(s: ReferenceStrings): string {
  const head = s.errorColumns.map((c) => `<th scope="col">${esc(c)}</th>`).join("");
  return [
    `<section id="conventions">`,
    `<h2>${esc(s.conventions)}</h2>`,
    `<ul>`,
    ...s.conventionItems.map((item) => `<li>${esc(item)}</li>`),
    `</ul>`,
    `<p>${esc(s.benchmarksArgument)}</p>`,
    `<h3>${esc(s.errorsTitle)}</h3>`,
    `<table class="errors">`,
    `<thead><tr>${head}</tr></thead>`,
    `<tbody>`,
    ...s.errorRows.map(([code, when]) => `<tr><td><code>${esc(code)}</code></td><td>${esc(when)}</td></tr>`),
    `</tbody>`,
    `</table>`,
    `</section>`,
  ].join("\n");
}

/** One reference page, from the functions metadata in that page's language. */
export function renderReferencePage(language: Language, metadata: FunctionsMetadata): string {
  const s = REFERENCE_STRINGS[language];
  const other: Language = language === "en" ? "zh" : "en";
  const groups = GROUP_ORDER.map((group) => ({ group, functions: metadata.functions.filter((f) => groupOf(f.id) === group) })).filter(
    (g) => g.functions.length > 0
  );

  const nav = [
    `<nav id="contents" aria-labelledby="contents-title">`,
    `<h2 id="contents-title">${esc(s.contents)}</h2>`,
    `<ul class="toc">`,
    `<li><a href="#conventions">${esc(s.conventions)}</a></li>`,
    ...groups.map(
      ({ group, functions }) =>
        `<li><a href="#group-${group}">${esc(s.groups[group])}</a><ul class="fn-list">` +
        functions.map((f) => `<li><a href="#${esc(f.id)}"><code>${esc(f.name)}</code></a> ${esc(titleOf(f, language))}</li>`).join("") +
        `</ul></li>`
    ),
    `<li><a href="#metric-ids">${esc(s.metricIndex)}</a></li>`,
    `</ul>`,
    `</nav>`,
  ].join("\n");

  const sections = groups.map(({ group, functions }) =>
    [
      `<section id="group-${group}">`,
      `<h2>${esc(s.groups[group])}</h2>`,
      ...functions.map((f) => functionArticle(f, language, s)),
      `</section>`,
    ].join("\n")
  );

  return [
    `<!DOCTYPE html>`,
    `<html lang="${esc(s.htmlLang)}">`,
    `<head>`,
    `<meta charset="utf-8">`,
    `<meta name="viewport" content="width=device-width, initial-scale=1">`,
    `<title>${esc(s.title)}</title>`,
    `<link rel="stylesheet" href="${REFERENCE_CSS}">`,
    `<link rel="alternate" hreflang="${esc(REFERENCE_STRINGS[other].htmlLang)}" href="${REFERENCE_PAGE[other]}">`,
    `</head>`,
    `<body>`,
    `<header>`,
    `<p class="language"><a href="${REFERENCE_PAGE[other]}" hreflang="${esc(s.otherLanguageTag)}" lang="${esc(s.otherLanguageTag)}">${esc(s.otherLanguage)}</a></p>`,
    `<h1>${esc(s.title)}</h1>`,
    `<p>${esc(s.intro)}</p>`,
    `</header>`,
    nav,
    `<main>`,
    conventions(s),
    ...sections,
    metricIndex(language, s, new Set(metadata.functions.map((f) => f.id))),
    `</main>`,
    `</body>`,
    `</html>`,
    ``,
  ].join("\n");
}

/** Both pages by file name: the English one from functions.json, the Chinese one from functions.zh-cn.json. */
export function renderReferencePages(english: FunctionsMetadata, chinese: FunctionsMetadata): Record<string, string> {
  return {
    [REFERENCE_PAGE.en]: renderReferencePage("en", english),
    [REFERENCE_PAGE.zh]: renderReferencePage("zh", chinese),
  };
}
