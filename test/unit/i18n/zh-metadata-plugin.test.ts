/**
 * The build itself refuses to ship half-translated metadata: a webpack compilation with the
 * real ZhMetadataPlugin fails when functions.json has a function or parameter that
 * src/i18n/functions.zh.ts does not translate, and emits functions.zh-cn.json when it has not.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import webpack from "webpack";
import { distFile } from "../../helpers/bundle";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ZhMetadataPlugin } = require("../../../scripts/webpack/zh-metadata-plugin") as {
  ZhMetadataPlugin: new () => webpack.WebpackPluginInstance;
};

/** Stands in for CustomFunctionsMetadataPlugin: puts a given functions.json into the compilation. */
class GivenMetadata {
  constructor(private readonly json: string) {}
  apply(compiler: webpack.Compiler) {
    compiler.hooks.compilation.tap("GivenMetadata", (compilation) => {
      compilation.emitAsset("functions.json", new compiler.webpack.sources.RawSource(this.json));
    });
  }
}

function build(functionsJson: string): Promise<{ errors: string[]; output: string }> {
  const dir = mkdtempSync(join(tmpdir(), "zh-metadata-"));
  writeFileSync(join(dir, "entry.js"), "export {};\n");
  const compiler = webpack({
    mode: "production",
    context: dir,
    entry: "./entry.js",
    output: { path: join(dir, "out") },
    plugins: [new GivenMetadata(functionsJson), new ZhMetadataPlugin()],
  });
  return new Promise((resolve, reject) => {
    compiler.run((error, stats) => {
      compiler.close(() => undefined);
      if (error || !stats) return reject(error);
      const errors = stats.compilation.errors.map((e) => e.message);
      let output = "";
      try {
        output = readFileSync(join(dir, "out", "functions.zh-cn.json"), "utf8");
      } catch {
        output = "";
      }
      rmSync(dir, { recursive: true, force: true });
      resolve({ errors, output });
    });
  });
}

const real = distFile("functions.json");

test("the real functions.json builds, and yields functions.zh-cn.json", async () => {
  const { errors, output } = await build(real);
  expect(errors).toEqual([]);
  expect(JSON.parse(output)).toEqual(JSON.parse(distFile("functions.zh-cn.json")));
}, 30000);

test("a function without a translation fails the build, naming it", async () => {
  const metadata = JSON.parse(real);
  metadata.functions.push({ id: "NEWFN", name: "NEWFN", description: "New.", parameters: [{ name: "amount", type: "number" }], result: { type: "number" } });
  const { errors, output } = await build(JSON.stringify(metadata));
  expect(errors).toHaveLength(1);
  expect(errors[0]).toMatch(/no Chinese text for NEWFN, NEWFN\(amount\)/);
  expect(output).toBe("");
}, 30000);
