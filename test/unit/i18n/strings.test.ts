/**
 * The UI string tables (task pane, templates, the converter's reasons) say the same things in both languages:
 * the same keys and list lengths, message functions with the same parameters that show the
 * same arguments, Chinese text in the Chinese table and none in the English one. Untranslated
 * Chinese entries must be deliberate: identical to the English (CollectKPI, M1, M2-M3).
 */
import { STRINGS as TASKPANE } from "../../../src/taskpane/strings";
import { STRINGS as TEMPLATES } from "../../../src/templates/strings";
import { REASONS } from "../../../src/portable/reasons";
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
