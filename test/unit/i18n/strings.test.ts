/**
 * The UI string tables (task pane, templates, the converter's reasons) say the same things in both languages:
 * the same keys and list lengths, message functions with the same parameters that show the
 * same arguments, Chinese text in the Chinese table and none in the English one. Untranslated
 * Chinese entries must be deliberate: identical to the English (CollectKPI, M1, M2-M3).
 */
import { STRINGS as TASKPANE } from "../../../src/taskpane/strings";
import { STRINGS as TEMPLATES } from "../../../src/templates/strings";
import { REASONS } from "../../../src/portable/reasons";
import { Messages, MessagesZh } from "../../../src/core/messages";
import { MetricError, localMessage, lossFactors, rollRates } from "../../../src/core";
import { hasChinese } from "./text";

type Leaf = string | ((...args: never[]) => string);

/** Every string or function in a table, by path (".templates.m1.sheet", ".sampleRows.collector[0]"). */
function leaves(value: unknown, path = "", out = new Map<string, Leaf>()): Map<string, Leaf> {
  if (typeof value === "string" || typeof value === "function") out.set(path, value as Leaf);
  else if (Array.isArray(value)) value.forEach((v, i) => leaves(v, `${path}[${i}]`, out));
  else if (value !== null && typeof value === "object") for (const [k, v] of Object.entries(value)) leaves(v, `${path}.${k}`, out);
  return out;
}

/** English entries that name the other language on purpose. */
const ENGLISH_MAY_SAY_CHINESE: Readonly<Record<string, readonly string[]>> = {
  // "Name, metric id, 中文 or function": the search box accepts Chinese names.
  "taskpane/strings.ts": [".searchPlaceholder"],
  "templates/strings.ts": [],
  "portable/reasons.ts": [],
};

/** Messages whose argument is a list: each gets a list of three markers. */
const LIST_ARGUMENTS = new Set(["sheetList"]);

/** Distinct markers as arguments, so a message that drops or repeats one is seen. */
function render(leaf: Leaf): { text: string; shown: string[] } {
  if (typeof leaf === "string") return { text: leaf, shown: [] };
  if (LIST_ARGUMENTS.has(leaf.name)) {
    const list = ["«0»", "«1»", "«2»"];
    const text = (leaf as (a: string[]) => string)(list);
    return { text, shown: list.filter((a) => text.includes(a)) };
  }
  const args = Array.from({ length: leaf.length }, (_, i) => `«${i}»`);
  const text = (leaf as (...a: string[]) => string)(...args);
  return { text, shown: args.filter((a) => text.includes(a)) };
}

describe.each([
  ["taskpane/strings.ts", TASKPANE],
  ["templates/strings.ts", TEMPLATES],
  ["portable/reasons.ts", REASONS],
] as const)("src/%s", (name, table) => {
  const en = leaves(table.en);
  const zh = leaves(table.zh);

  test("English and Chinese have the same keys and list lengths", () => {
    expect([...zh.keys()].sort()).toEqual([...en.keys()].sort());
    expect(en.size).toBeGreaterThan(10);
  });

  test("every entry is non-empty; message functions take the same parameters and show the same arguments", () => {
    const problems: string[] = [];
    for (const [path, enLeaf] of en) {
      const zhLeaf = zh.get(path);
      if (zhLeaf === undefined) continue;
      if (typeof enLeaf !== typeof zhLeaf) {
        problems.push(`${path}: ${typeof enLeaf} in English, ${typeof zhLeaf} in Chinese`);
        continue;
      }
      if (typeof enLeaf === "function" && enLeaf.length !== (zhLeaf as Leaf & { length: number }).length) {
        problems.push(`${path}: ${enLeaf.length} parameters in English, ${(zhLeaf as (...a: never[]) => string).length} in Chinese`);
        continue;
      }
      const e = render(enLeaf);
      const z = render(zhLeaf);
      if (e.text.trim() === "" || z.text.trim() === "") problems.push(`${path}: empty`);
      if (e.shown.join() !== z.shown.join()) problems.push(`${path}: shows ${e.shown.join() || "nothing"} in English, ${z.shown.join() || "nothing"} in Chinese`);
    }
    expect(problems).toEqual([]);
  });

  test("Chinese entries are Chinese, or deliberately the same as the English", () => {
    const untranslated = [...zh]
      .map(([path, leaf]) => [path, render(leaf).text] as const)
      .filter(([path, text]) => !hasChinese(text) && text !== render(en.get(path)!).text)
      .map(([path, text]) => `${path}: ${text}`);
    expect(untranslated).toEqual([]);
  });

  test("English entries have no Chinese", () => {
    const allowed = ENGLISH_MAY_SAY_CHINESE[name];
    const chinese = [...en]
      .filter(([path]) => !allowed.includes(path))
      .map(([path, leaf]) => [path, render(leaf).text] as const)
      .filter(([, text]) => hasChinese(text))
      .map(([path, text]) => `${path}: ${text}`);
    expect(chinese).toEqual([]);
  });
});

describe("src/core/messages.ts: every message in Chinese (Chinese Excel's cell errors, the Chinese pane)", () => {
  test("each has an English original with the same parameters, shows every argument, and is Chinese", () => {
    for (const [key, zh] of Object.entries(MessagesZh)) {
      const en = (Messages as unknown as Record<string, (...a: string[]) => string>)[key];
      expect([key, typeof en]).toEqual([key, "function"]);
      expect([key, zh.length]).toEqual([key, en.length]);
      const args = Array.from({ length: zh.length }, (_, i) => `«${i}»`);
      const text = (zh as (...a: string[]) => string)(...args);
      // These arguments pick the wording (高于/低于, 达标/优秀) instead of being printed.
      const shown = key === "benchmarkOrder" || key === "thresholdBlank" ? args.slice(0, 1) : args;
      expect([key, shown.filter((a) => !text.includes(a))]).toEqual([key, []]);
      expect([key, hasChinese(text)]).toEqual([key, true]);
    }
  });

  test("the order message says which way is better, in both directions", () => {
    expect(MessagesZh.benchmarkOrder("complaint_rate", "lower")).toBe("基准表 complaint_rate 行：优秀值高于达标值，但该指标越低越好。请交换这两个值。");
    expect(MessagesZh.benchmarkOrder("contact_coverage", "higher")).toBe("基准表 contact_coverage 行：优秀值低于达标值，但该指标越高越好。请交换这两个值。");
    expect(MessagesZh.benchmarkCell("complaint_rate", "Meets", "abc")).toBe("基准表 complaint_rate 行：达标值为“abc”，不是数字。请填写数字或留空。");
  });

  test("a roll rate or loss factor beyond Excel's numbers is explained in Chinese, with no English phrase inside", () => {
    // Next month's 1e300 over this month's 1e-300 is 1e600: beyond the largest number.
    const [[rate]] = rollRates([
      [1e-300, 1],
      [1, 1e300],
    ]);
    const [[factor]] = lossFactors([[1e200, 1e200]]);
    for (const [e, zh] of [
      [rate, "该迁徙率超出了 Excel 能表示的范围。请检查输入中是否有异常大的数字。"],
      [factor, "该损失系数超出了 Excel 能表示的范围。请检查输入中是否有异常大的数字。"],
    ] as const) {
      expect(e).toBeInstanceOf(MetricError);
      const error = e as MetricError;
      expect(error.message).toMatch(/^This (roll rate|loss factor) is larger than Excel can hold\./);
      expect(localMessage(error.message, error.detail, "zh")).toBe(zh);
    }
  });

  test("every message of the core has a Chinese text", () => {
    expect(Object.keys(MessagesZh).sort()).toEqual(Object.keys(Messages).sort());
  });

  test("row and column positions are said in Chinese too", () => {
    expect(MessagesZh.notANumber("recovered", 2, 0)).toBe("recovered 必须是数字（区域第 3 行第 1 列），但其中有文本或 TRUE/FALSE。请清空该单元格或填写数字。");
    expect(MessagesZh.thresholdBlank("complaint_rate", "excellent")).toBe("complaint_rate 没有优秀阈值。请在基准表中填写（优秀值列）。");
  });
});
