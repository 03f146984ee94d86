/**
 * The browser and server of the end-to-end tests: Debian's Chromium (never a download of
 * Playwright's own), headless, with a fresh profile and no background traffic, over a
 * static server of dist/ on a free port.
 */
import { existsSync, mkdtempSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join, resolve } from "path";
import { BrowserContext, Page, chromium } from "playwright-core";
import { PreviewServer, serve } from "../../scripts/preview-server";

export const ROOT = resolve(__dirname, "../..");
export const DIST = join(ROOT, "dist");
export const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
  "--disable-sync",
  "--disable-quic",
];

export interface Session {
  readonly server: PreviewServer;
  readonly context: BrowserContext;
  /** Every URL the browser requested, in order (all frames, all pages). */
  readonly requests: string[];
  close(): Promise<void>;
}

export async function startSession(viewport = { width: 1440, height: 900 }): Promise<Session> {
  if (!existsSync(join(DIST, "preview.html"))) throw new Error("dist/preview.html is missing: run `npm run build` first (npm run test:e2e does).");
  if (!existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}: apt-get install chromium (or set CHROMIUM_PATH).`);
  const server = await serve({ root: DIST, port: 0 });
  const profile = mkdtempSync(join(tmpdir(), "collectkpi-e2e-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport,
    locale: "en-US",
  });
  const requests: string[] = [];
  context.on("request", (request) => requests.push(request.url()));
  return {
    server,
    context,
    requests,
    close: async () => {
      await context.close();
      await server.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** A new page of the session whose script errors (uncaught, and console.error) are pushed onto `errors`. */
export async function newPage(session: Session, errors: string[]): Promise<Page> {
  const page = await session.context.newPage();
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  return page;
}
