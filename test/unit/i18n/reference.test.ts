/**
 * The function reference pages: an anchor for every function of functions.json, every
 * help URL (English and Chinese metadata) lands on one, the pages link to each other and to
 * their stylesheet, carry no script, and every worked example computes what it says.
 */
import { HyperFormula } from "hyperformula";
import { CATALOGUE, BENCHMARK_COLUMNS } from "../../../src/core";
import { registerCollectFunctions } from "../../../src/engine/hyperformula";
import { FunctionsMetadata } from "../../../src/i18n/metadata";
import { ExampleValue, KPI_EXAMPLES, OTHER_EXAMPLES } from "../../../src/reference/examples";
import { kpiExampleFormula } from "../../../src/reference/page";
import { distFile } from "../../helpers/bundle";
import { hasChinese } from "./text";

const english = JSON.parse(distFile("functions.json")) as FunctionsMetadata;
const chinese = JSON.parse(distFile("functions.zh-cn.json")) as FunctionsMetadata;
const pages: Record<string, string> = {
  "functions.html": distFile("functions.html"),
  "functions.zh-cn.html": distFile("functions.zh-cn.html"),
};

/** Text with the HTML entities the generator writes turned back into characters. */
function decode(html: string): string {
  return html.replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

/** Attribute values of one attribute in a page, quoted or not (the build may minify HTML). */
function attributeValues(html: string, attribute: string): string[] {
  const re = new RegExp(`\\s${attribute}=(?:"([^"]*)"|'([^']*)'|([^\\s"'>]+))`, "gi");
  return [...html.matchAll(re)].map((m) => m[1] ?? m[2] ?? m[3]);
}

describe.each(Object.keys(pages))("%s", (page) => {
  const html = pages[page];
  const ids = attributeValues(html, "id");

  test("ids are unique", () => {
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });

  test("has an anchor for every function of functions.json", () => {
    const missing = english.functions.map((f) => f.id).filter((id) => !ids.includes(id));
    expect(missing).toEqual([]);
  });

  test("every in-page link lands on an anchor; other links go to the other page or the stylesheet", () => {
    const hrefs = attributeValues(html, "href");
    const broken = hrefs.filter((h) => h.startsWith("#") && !ids.includes(h.slice(1)));
    expect(broken).toEqual([]);
    const external = hrefs.filter((h) => !h.startsWith("#"));
    expect([...new Set(external)].sort()).toEqual(["functions.css", page === "functions.html" ? "functions.zh-cn.html" : "functions.html"]);
  });

  test("static: no script, no inline style, one stylesheet that the build emits", () => {
    expect(html).not.toMatch(/<script\b/i);
    expect(html).not.toMatch(/\sstyle=/i);
    expect(html).not.toMatch(/<style\b/i);
    expect(distFile("functions.css")).toMatch(/article\.function/);
  });

  test("declares its language", () => {
    expect(attributeValues(html, "lang")[0]).toBe(page === "functions.html" ? "en" : "zh-CN");
  });
});

describe("help URLs", () => {
  test.each([
    ["functions.json", english],
    ["functions.zh-cn.json", chinese],
  ] as const)("every helpUrl of %s resolves to an anchor of an emitted page", (_file, metadata) => {
    const unresolved = metadata.functions.flatMap((f) => {
      const url = new URL(f.helpUrl ?? "");
      const page = url.pathname.split("/").pop() ?? "";
      const html = pages[page];
      if (html === undefined) return [`${f.id}: ${page} is not emitted`];
      return url.hash === `#${f.id}` && attributeValues(html, "id").includes(f.id) ? [] : [`${f.id}: ${url.href}`];
    });
    expect(unresolved).toEqual([]);
  });
});

describe("content", () => {
  const zh = pages["functions.zh-cn.html"];
  const en = pages["functions.html"];

  test("each KPI function shows its formula, metric id, direction, benchmark and source in the page's language", () => {
    for (const m of CATALOGUE.filter((x) => x.fn !== undefined)) {
      for (const [html, language] of [[en, "en"], [zh, "zh"]] as const) {
        const article = html.split(/<article\b/).find((a) => new RegExp(`^[^>]*\\bid="?${m.fn}\\b`).test(a)) ?? "";
        const text = decode(article);
        expect({ fn: m.fn, language, formula: text.includes(m.formula[language]), id: text.includes(m.id), source: text.includes(m.source[language]) }).toEqual({
          fn: m.fn,
          language,
          formula: true,
          id: true,
          source: true,
        });
      }
    }
  });

  test("the Chinese page shows the Chinese parameter help of functions.zh-cn.json", () => {
    const text = decode(zh);
    for (const f of chinese.functions) for (const p of f.parameters) expect(text).toContain(p.description!);
  });

  test("the Chinese page's own words are Chinese (outside code, ids and function names)", () => {
    const prose = zh
      .replace(/<head>[\s\S]*<\/head>/, "")
      .replace(/<code[^>]*>[\s\S]*?<\/code>/g, "")
      .replace(/<[^>]+>/g, "\n")
      .split("\n")
      .map((line) => line.trim())
      .filter((line) => /[A-Za-z]/.test(line) && !hasChinese(line));
    // The only Latin-only lines allowed: the link to the English page, and brand or error names.
    expect(prose.filter((line) => !/^(English|CollectKPI|#[A-Z/0!?]+|[a-z_]+|[A-Z0-9]+|M\d.*|%|‰)$/.test(line))).toEqual([]);
  });
});

describe("worked examples", () => {
  registerCollectFunctions();

  /** A workbook with the Benchmarks table at its defaults, named CollectBenchmarks, as the templates insert it. */
  function workbook(): HyperFormula {
    const rows = CATALOGUE.map((m) => [m.id, m.name.en, m.direction, m.meets ?? null, m.excellent ?? null, m.unit.en, m.redLine, m.source.en]);
    const hf = HyperFormula.buildFromSheets({ Benchmarks: [[...BENCHMARK_COLUMNS], ...rows], Sheet1: [] }, { licenseKey: "gpl-v3" });
    hf.addNamedExpression("CollectBenchmarks", `=Benchmarks!$A$2:$H$${rows.length + 1}`);
    return hf;
  }
  const hf = workbook();
  const sheet = hf.getSheetId("Sheet1")!;

  function evaluate(formula: string): unknown[][] {
    hf.setCellContents({ sheet, row: 0, col: 0 }, [[formula]]);
    const values = hf.getSheetValues(sheet);
    hf.setCellContents({ sheet, row: 0, col: 0 }, [[null]]);
    return values;
  }

  function expectValue(formula: string, expected: ExampleValue): void {
    const values = evaluate(formula);
    if (typeof expected === "number") {
      expect([formula, values[0][0]]).toEqual([formula, expect.closeTo(expected, 12)]);
    } else if (typeof expected === "string") {
      expect([formula, values[0][0]]).toEqual([formula, expected]);
    } else if ("rows" in expected) {
      expect([formula, values.length, values[0].length]).toEqual([formula, expected.rows, expected.columns]);
    } else {
      const got = values.slice(0, expected.length).map((row) => row.slice(0, expected[0].length));
      // A blank cell of a spilled result ("": VINTAGE's months not reached) is the empty text.
      expect([formula, got]).toEqual([formula, expected.map((row) => row.map((v) => (typeof v === "string" ? v : expect.closeTo(v, 12))))]);
    }
  }

  test("every function of functions.json has at least one example", () => {
    const without = english.functions.map((f) => f.id).filter((id) => KPI_EXAMPLES[id] === undefined && (OTHER_EXAMPLES[id] ?? []).length === 0);
    expect(without).toEqual([]);
  });

  test.each(Object.entries(KPI_EXAMPLES))("%s example computes its stated result", (fn, example) => {
    expectValue(kpiExampleFormula(fn, example.args), example.result);
  });

  test.each(Object.entries(OTHER_EXAMPLES).flatMap(([fn, list]) => list.flatMap((e) => (["en", "zh"] as const).map((l) => [fn, l, e] as const))))(
    "%s example (%s) computes its stated result",
    (_fn, language, example) => {
      expectValue(example.formula[language], example.result[language]);
    }
  );

  test("examples appear on the pages as written", () => {
    for (const [fn, example] of Object.entries(KPI_EXAMPLES)) {
      for (const html of Object.values(pages)) expect(html).toContain(kpiExampleFormula(fn, example.args));
    }
    for (const list of Object.values(OTHER_EXAMPLES)) {
      for (const e of list) {
        expect(decode(pages["functions.html"])).toContain(e.formula.en);
        expect(decode(pages["functions.zh-cn.html"])).toContain(e.formula.zh);
      }
    }
  });
});
