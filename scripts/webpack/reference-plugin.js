/* Emits the function reference pages (functions.html, functions.zh-cn.html and their
 * stylesheet) from functions.json, functions.zh-cn.json and the catalogue, with the
 * generator in src/reference. Every @helpurl points at an anchor of these pages.
 */
"use strict";
const fs = require("fs");
const path = require("path");
const { loadTs } = require("./load-ts");

const ROOT = path.resolve(__dirname, "../..");

class ReferencePagePlugin {
  constructor(options = {}) {
    this.module = options.module || path.join(ROOT, "src/reference/page.ts");
    this.stylesheet = options.stylesheet || path.join(ROOT, "src/reference/reference.css");
  }

  apply(compiler) {
    const { Compilation, WebpackError, sources } = compiler.webpack;
    compiler.hooks.thisCompilation.tap("ReferencePagePlugin", (compilation) => {
      compilation.hooks.processAssets.tap(
        // After ZhMetadataPlugin (ADDITIONAL), before the Content-Security-Policy is added to every page.
        { name: "ReferencePagePlugin", stage: Compilation.PROCESS_ASSETS_STAGE_PRE_PROCESS },
        () => {
          const english = compilation.getAsset("functions.json");
          const chinese = compilation.getAsset("functions.zh-cn.json");
          // Either is missing only when an earlier plugin has already failed the build.
          if (!english || !chinese) return;
          const { exports, files } = loadTs(this.module);
          for (const file of [...files, this.stylesheet]) compilation.fileDependencies.add(file);

          const read = (asset) => JSON.parse(asset.source.source().toString());
          let pages;
          try {
            pages = exports.renderReferencePages(read(english), read(chinese));
          } catch (error) {
            compilation.errors.push(new WebpackError(`function reference: ${error instanceof Error ? error.stack : String(error)}`));
            return;
          }
          for (const [name, html] of Object.entries(pages)) compilation.emitAsset(name, new sources.RawSource(html));
          compilation.emitAsset(exports.REFERENCE_CSS, new sources.RawSource(fs.readFileSync(this.stylesheet, "utf8")));
        }
      );
    });
  }
}

module.exports = { ReferencePagePlugin };
