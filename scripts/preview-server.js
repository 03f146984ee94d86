/* A tiny static file server over dist/ for the browser preview and its end-to-end tests:
 * no dev server, no certificates, nothing but Node's http module. Plain http is enough:
 * the preview runs no Office code (Office needs https; the preview does not).
 *
 *   const { serve } = require("./preview-server");
 *   const server = await serve({ root: "dist", port: 0 });   // 0: any free port
 *   server.url  // "http://127.0.0.1:54321/"
 *   await server.close();
 */
"use strict";
const fs = require("fs");
const http = require("http");
const path = require("path");

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  // DuckDB-Wasm (issue 17): WebAssembly.compileStreaming refuses any other type.
  ".wasm": "application/wasm",
};

/**
 * Serves `root` on host:port. Resolves once listening.
 * @param {{ root: string, port?: number, host?: string, index?: string, onRequest?: (url: string) => void }} options
 * @returns {Promise<{ url: string, port: number, host: string, close: () => Promise<void> }>}
 */
function serve(options) {
  const root = path.resolve(options.root);
  const host = options.host || "127.0.0.1";
  const index = options.index || "preview.html";

  const server = http.createServer((req, res) => {
    if (options.onRequest) options.onRequest(req.url || "/");
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { Allow: "GET, HEAD" }).end();
      return;
    }
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url || "/", "http://localhost").pathname);
    } catch {
      res.writeHead(400).end("Bad request");
      return;
    }
    if (pathname === "/") {
      res.writeHead(302, { Location: `/${index}` }).end();
      return;
    }
    const file = path.join(root, path.normalize(pathname));
    if (file !== root && !file.startsWith(root + path.sep)) {
      res.writeHead(403).end("Forbidden");
      return;
    }
    fs.stat(file, (error, stat) => {
      if (error || !stat.isFile()) {
        res.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" }).end(`Not found: ${pathname}`);
        return;
      }
      res.writeHead(200, {
        "Content-Type": TYPES[path.extname(file).toLowerCase()] || "application/octet-stream",
        "Content-Length": stat.size,
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
      });
      if (req.method === "HEAD") res.end();
      else fs.createReadStream(file).pipe(res);
    });
  });

  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port === undefined ? 0 : options.port, host, () => {
      server.off("error", reject);
      const { port } = server.address();
      resolve({
        url: `http://${host}:${port}/`,
        port,
        host,
        close: () =>
          new Promise((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}

module.exports = { serve };
