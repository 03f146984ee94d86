/* Emits functions.zh-cn.json beside the functions.json that CustomFunctionsMetadataPlugin
 * generates: the same functions, parameters and types, with the Chinese descriptions of
 * src/i18n (manifest.xml points Chinese Excel at it with a bt:Override).
 *
 * The build fails when a function or parameter of functions.json has no Chinese text, so a
 * new function or a renamed parameter cannot ship half-translated.
 */
"use strict";
const path = require("path");
const { loadTs } = require("./load-ts");

const ROOT = path.resolve(__dirname, "../..");

class ZhMetadataPlugin {
  constructor(options = {}) {
    this.input = options.input || "functions.json";
    this.output = options.output || "functions.zh-cn.json";
    this.module = options.module || path.join(ROOT, "src/i18n/metadata.ts");
  }

  apply(compiler) {
    const { Compilation, WebpackError, sources } = compiler.webpack;
    compiler.hooks.thisCompilation.tap("ZhMetadataPlugin", (compilation) => {
      compilation.hooks.processAssets.tap(
        // Before RewriteUrlsPlugin (ADDITIONS), which then rewrites this file's help URLs too.
        { name: "ZhMetadataPlugin", stage: Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL },
        () => {
          const english = compilation.getAsset(this.input);
          // No functions.json: CustomFunctionsMetadataPlugin has already reported why.
          if (!english) return;
          const { exports, files } = loadTs(this.module);
          for (const file of files) compilation.fileDependencies.add(file);

          const { metadata, missing, unused } = exports.localizeMetadata(JSON.parse(english.source.source().toString()));
          if (missing.length > 0) {
            compilation.errors.push(
              new WebpackError(
                `${this.output}: no Chinese text for ${missing.join(", ")}. ` +
                  "Add it to src/i18n/functions.zh.ts (KPI descriptions come from the catalogue's zh name and formula)."
              )
            );
            return;
          }
          if (unused.length > 0) {
            compilation.warnings.push(
              new WebpackError(`${this.output}: src/i18n/functions.zh.ts translates what functions.json does not have: ${unused.join(", ")}.`)
            );
          }
          compilation.emitAsset(this.output, new sources.RawSource(`${JSON.stringify(metadata, null, 2)}\n`));
        }
      );
    });
  }
}

module.exports = { ZhMetadataPlugin };
