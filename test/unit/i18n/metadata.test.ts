/**
 * dist/functions.zh-cn.json, the metadata Chinese Excel loads (manifest bt:Override): the same
 * functions as dist/functions.json, in the same order, with the same names, parameters and
 * types, and Chinese help for every function and parameter.
 */
import { allFunctionNames } from "../../../src/core";
import { FunctionsMetadata, localizeMetadata, zhHelpUrl } from "../../../src/i18n/metadata";
import { FUNCTIONS_ZH } from "../../../src/i18n/functions.zh";
import { distFile } from "../../helpers/bundle";
import { hasChinese, invariantTokens } from "./text";

const english = JSON.parse(distFile("functions.json")) as FunctionsMetadata;
const chinese = JSON.parse(distFile("functions.zh-cn.json")) as FunctionsMetadata;

/** Everything of a function except the texts that are translated. */
function shape(metadata: FunctionsMetadata) {
  return {
    top: Object.keys(metadata).sort(),
    functions: metadata.functions.map(({ description: _d, helpUrl: _h, parameters, ...rest }) => ({
      ...rest,
      parameters: parameters.map(({ description: _pd, ...p }) => p),
    })),
  };
}

describe("functions.zh-cn.json against functions.json", () => {
  test("both list every COLLECT function", () => {
    expect(english.functions.map((f) => f.id).sort()).toEqual([...allFunctionNames()].sort());
  });

  test("same ids, names, order, parameters (names, order, types, dimensionality, optional), results and options", () => {
    expect(shape(chinese)).toEqual(shape(english));
  });

  test("function names stay English, as Excel's own names do in Chinese Excel", () => {
    for (const f of chinese.functions) {
      expect(f.name).toMatch(/^[A-Z][A-Z0-9_.]*$/);
      for (const p of f.parameters) expect(p.name).toMatch(/^[a-z][a-z0-9_]*$/);
    }
  });

  test.each(chinese.functions.map((f) => [f.id, f] as const))("%s: Chinese description and parameter help", (id, f) => {
    const en = english.functions.find((e) => e.id === id)!;
    expect(hasChinese(f.description ?? "")).toBe(true);
    expect(f.description).not.toBe(en.description);
    f.parameters.forEach((p, i) => {
      expect({ parameter: p.name, chinese: hasChinese(p.description ?? "") }).toEqual({ parameter: p.name, chinese: true });
      expect(p.description).not.toBe(en.parameters[i].description);
    });
  });

  test.each(english.functions.map((f) => [f.id, f] as const))(
    "%s: numbers, quoted values, references and error values of the English survive in the Chinese",
    (id, en) => {
      const zh = chinese.functions.find((f) => f.id === id)!;
      const names = en.parameters.map((p) => p.name);
      const missing = [
        ...invariantTokens(en.description ?? "", names).filter((t) => !(zh.description ?? "").includes(t)).map((t) => `description: ${t}`),
        ...en.parameters.flatMap((p, i) =>
          invariantTokens(p.description ?? "", names)
            .filter((t) => !(zh.parameters[i].description ?? "").includes(t))
            .map((t) => `${p.name}: ${t}`)
        ),
      ];
      expect(missing).toEqual([]);
    }
  );

  test("help URLs open the same anchor of the Chinese reference page", () => {
    chinese.functions.forEach((f, i) => {
      const en = english.functions[i];
      expect(en.helpUrl).toMatch(new RegExp(`/functions\\.html#${en.id}$`));
      expect(f.helpUrl).toBe(zhHelpUrl(en.helpUrl!));
      expect(f.helpUrl).toMatch(new RegExp(`/functions\\.zh-cn\\.html#${f.id}$`));
      expect(new URL(f.helpUrl!).origin).toBe(new URL(en.helpUrl!).origin);
    });
  });

  test("the built file is what the translations make of the built functions.json", () => {
    expect(localizeMetadata(english).metadata).toEqual(chinese);
  });
});

describe("the translations (src/i18n/functions.zh.ts)", () => {
  test("cover exactly the functions and parameters of functions.json: nothing missing, nothing stale", () => {
    const { missing, unused } = localizeMetadata(english);
    expect({ missing, unused }).toEqual({ missing: [], unused: [] });
  });

  test("a function or parameter without Chinese text is reported, and keeps its English text meanwhile", () => {
    const extra: FunctionsMetadata = {
      functions: [
        ...english.functions,
        { id: "NEWFN", name: "NEWFN", description: "New.", parameters: [{ name: "x", description: "An x.", type: "number" }], result: { type: "number" } },
      ],
    };
    const renamed: FunctionsMetadata = {
      functions: english.functions.map((f) =>
        f.id === "RECOVERYRATE" ? { ...f, parameters: f.parameters.map((p) => (p.name === "target" ? { ...p, name: "goal" } : p)) } : f
      ),
    };
    expect(localizeMetadata(extra).missing).toEqual(["NEWFN", "NEWFN(x)"]);
    expect(localizeMetadata(renamed)).toMatchObject({ missing: ["RECOVERYRATE(goal)"], unused: ["RECOVERYRATE(target)"] });
    const fallback = localizeMetadata(extra).metadata.functions.find((f) => f.id === "NEWFN")!;
    expect(fallback.description).toBe("New.");
  });

  test("every entry has text: no empty description, note or parameter help", () => {
    for (const [id, entry] of Object.entries(FUNCTIONS_ZH)) {
      for (const text of [entry.description, entry.note, ...Object.values(entry.params)]) {
        if (text !== undefined) expect({ id, text: text.trim() !== "" && hasChinese(text) }).toEqual({ id, text: true });
      }
    }
  });
});
