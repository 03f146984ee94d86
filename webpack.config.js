/* Build of the CollectKPI add-in, in the layout of OfficeDev/Excel-Custom-Functions-Shared.
 *
 *   functions.js    the custom functions (self-contained classic script, no DOM at load time)
 *   functions.json  generated from the JSDoc of src/functions/functions.ts
 *   taskpane.html   the shared-runtime page: loads functions.js and taskpane.js
 *   preview.html    the browser preview: the real task pane beside a simulated workbook
 *
 * `webpack --mode production` needs no certificates; only `webpack serve` asks for them.
 * PROD_URL=https://example.com/collectkpi/ rewrites https://localhost:3000/ in the manifests and in
 * functions*.json (help URLs); without it a production build keeps the localhost URLs.
 */
/* eslint-disable no-undef */
const path = require("path");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const { ContentSecurityPolicyPlugin } = require("./scripts/webpack/csp-plugin");
const { ZhMetadataPlugin } = require("./scripts/webpack/zh-metadata-plugin");
const { MetadataFlagsPlugin } = require("./scripts/webpack/metadata-flags-plugin");
const { ReferencePagePlugin } = require("./scripts/webpack/reference-plugin");
const preview = require("./scripts/preview-webpack");

const urlDev = "https://localhost:3000/";
const port = Number(process.env.npm_package_config_dev_server_port || 3000);

/** The production origin from PROD_URL (with a trailing slash), or the dev URL when unset. */
function productionUrl() {
  const url = (process.env.PROD_URL || "").trim();
  if (!url) return urlDev;
  if (!/^https:\/\//.test(url)) throw new Error(`PROD_URL must start with https:// (got "${url}")`);
  return url.endsWith("/") ? url : `${url}/`;
}

/** Rewrites the dev URL in emitted functions.json (its @helpurl links) for a production URL. */
class RewriteUrlsPlugin {
  constructor(from, to, test) {
    Object.assign(this, { from, to, test });
  }
  apply(compiler) {
    const { Compilation, sources } = compiler.webpack;
    compiler.hooks.thisCompilation.tap("RewriteUrlsPlugin", (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: "RewriteUrlsPlugin", stage: Compilation.PROCESS_ASSETS_STAGE_ADDITIONS },
        (assets) => {
          for (const name of Object.keys(assets).filter((n) => this.test.test(n))) {
            const text = assets[name].source().toString();
            compilation.updateAsset(name, new sources.RawSource(text.split(this.from).join(this.to)));
          }
        }
      );
    });
  }
}

/** HTTPS options from office-addin-dev-certs, or undefined (plain http) when they cannot be made. */
async function devServerHttpsOptions() {
  try {
    const devCerts = require("office-addin-dev-certs");
    const { ca, key, cert } = await devCerts.getHttpsServerOptions();
    return { ca, key, cert };
  } catch (error) {
    const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
    console.warn(
      `\n[collectkpi] No trusted dev certificate (${reason}).\n` +
        `[collectkpi] Serving over plain http://localhost:${port}/ instead; Office needs https, the browser preview does not.\n`
    );
    return undefined;
  }
}

module.exports = async (env = {}, options = {}) => {
  const dev = options.mode === "development";
  const serving = Boolean(env.WEBPACK_SERVE);
  const urlProd = dev ? urlDev : productionUrl();
  const httpsOptions = serving ? await devServerHttpsOptions() : undefined;

  return {
    mode: dev ? "development" : "production",
    target: ["web", "es2020"],
    devtool: dev ? "source-map" : false,
    entry: {
      // asyncChunks: false keeps any import() inside functions.js: Excel loads it as one script.
      functions: { import: "./src/functions/functions.ts", asyncChunks: false },
      taskpane: "./src/taskpane/taskpane.ts",
      // The browser preview (preview.html, preview-pane.html): see scripts/preview-webpack.js.
      ...preview.entries,
    },
    output: {
      path: path.resolve(__dirname, "dist"),
      filename: "[name].js",
      clean: true,
    },
    resolve: {
      extensions: [".ts", ".js"],
    },
    module: {
      rules: [
        {
          test: /\.ts$/,
          exclude: /node_modules/,
          use: {
            loader: "ts-loader",
            // Type checking is `npm run typecheck` (tsc); the bundle only needs transpiling.
            options: { transpileOnly: true, configFile: path.resolve(__dirname, "tsconfig.json") },
          },
        },
        {
          test: /\.(png|jpg|jpeg|gif|ico|svg)$/,
          type: "asset/resource",
          generator: { filename: "assets/[name][ext][query]" },
        },
      ],
    },
    // The preview's lazily loaded formula engine is large on purpose, and so is DuckDB-Wasm (fetched
    // only for a file beyond the grid); every other asset keeps the size hint.
    performance: { assetFilter: (name) => preview.performanceAssetFilter(name) && !/^duckdb(\/|\.js$)/.test(name) },
    optimization: {
      // terser's reduce_funcs turns single-use functions into function expressions at
      // their call site, which costs a closure per per-cell call (measured by npm run bench).
      minimizeOptions: { javascript: { compress: { passes: 2, reduce_funcs: false } } },
      // Every entry carries its own runtime: functions.js must run alone.
      runtimeChunk: false,
      splitChunks: false,
    },
    plugins: [
      new CustomFunctionsMetadataPlugin({
        output: "functions.json",
        input: "./src/functions/functions.ts",
      }),
      // No allowCustomDataForDataTypeAny: #VALUE! on every function in Excel 2021 (office-js#3504).
      new MetadataFlagsPlugin(),
      // functions.zh-cn.json: Chinese help for the same functions, built from functions.json.
      new ZhMetadataPlugin(),
      // functions.html and functions.zh-cn.html: the reference every @helpurl points at.
      new ReferencePagePlugin(),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        // Shared runtime: the task pane page is also the functions' page.
        chunks: ["functions", "taskpane"],
        chunksSortMode: "manual",
      }),
      ...(urlProd === urlDev ? [] : [new RewriteUrlsPlugin(urlDev, urlProd, /^functions.*\.json$/)]),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "assets/[name][ext]" },
          // DuckDB-Wasm (issue 17): the engine's two single-threaded bundles, served from the add-in's
          // own origin (never a CDN) and fetched only when a file beyond the grid is aggregated
          // (src/taskpane/bigdata/engine.ts picks one with selectBundle). The COI bundle needs
          // cross-origin isolation, which an Office task pane does not have, so it is not copied.
          ...["duckdb-mvp.wasm", "duckdb-eh.wasm", "duckdb-browser-mvp.worker.js", "duckdb-browser-eh.worker.js"].map((file) => ({
            from: `node_modules/@duckdb/duckdb-wasm/dist/${file}`,
            to: `duckdb/${file}`,
            // Already minified; terser would spend a minute on it for nothing.
            info: { minimized: true },
          })),
          {
            from: "manifest*.xml",
            to: "[name][ext]",
            transform(content) {
              const text = content.toString();
              return urlProd === urlDev ? text : text.split(urlDev).join(urlProd);
            },
          },
        ],
      }),
      ...preview.plugins(),
      // Last: every HTML page emitted above gets the one Content-Security-Policy.
      new ContentSecurityPolicyPlugin(),
    ],
    devServer: {
      headers: { "Access-Control-Allow-Origin": "*" },
      server: httpsOptions ? { type: "https", options: httpsOptions } : { type: "http" },
      port,
      static: { directory: path.resolve(__dirname, "dist") },
    },
  };
};
