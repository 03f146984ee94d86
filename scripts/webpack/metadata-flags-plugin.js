/* Drops allowCustomDataForDataTypeAny from the functions.json that CustomFunctionsMetadataPlugin
 * generates. custom-functions-metadata sets it to true on every build (since
 * Office-Addin-Scripts PR #829), and with it set:
 *   - Excel 2021 and other perpetual licences show #VALUE! for every function
 *     (OfficeDev/office-js#3504: data types are not delivered to non-subscription Excel);
 *   - errors and data types inside `any` ranges arrive as objects instead of the function not
 *     being called (office-js#4385).
 * No CollectKPI function takes or returns a data type, so nothing needs it. Runs before
 * ZhMetadataPlugin (stage ADDITIONAL; this one is ADDITIONAL - 1), which copies the English metadata.
 */
"use strict";

const FLAG = "allowCustomDataForDataTypeAny";

class MetadataFlagsPlugin {
  constructor(options = {}) {
    this.asset = options.asset || "functions.json";
  }

  apply(compiler) {
    const { Compilation, sources } = compiler.webpack;
    compiler.hooks.thisCompilation.tap("MetadataFlagsPlugin", (compilation) => {
      compilation.hooks.processAssets.tap({ name: "MetadataFlagsPlugin", stage: Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL - 1 }, () => {
        const asset = compilation.getAsset(this.asset);
        if (!asset) return; // CustomFunctionsMetadataPlugin has already reported why.
        const metadata = JSON.parse(asset.source.source().toString());
        if (!(FLAG in metadata)) return;
        delete metadata[FLAG];
        compilation.updateAsset(this.asset, new sources.RawSource(JSON.stringify(metadata, null, 4)));
      });
    });
  }
}

module.exports = { MetadataFlagsPlugin };
