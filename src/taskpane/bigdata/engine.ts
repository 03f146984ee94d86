/**
 * DuckDB-Wasm in a Web Worker, over a File the user chose: the file is registered with the
 * worker as a browser file handle (the worker reads it in slices with FileReaderSync; it is
 * never uploaded, never copied whole into the pane), the plan's SQL runs there, and only the
 * per collector × month rows come back. Loaded with import() only when a file goes to the engine
 * (its own chunk, "duckdb"); the .wasm and worker files are served by the add-in's own origin
 * (webpack.config.js copies them into duckdb/), never from a CDN.
 *
 * Cancel terminates the worker: whatever the engine was doing stops at once, and the pane has
 * written nothing (the aggregates are written only after the run, by writer.ts).
 */
import { AsyncDuckDB, type DuckDBBundles, DuckDBDataProtocol, VoidLogger, selectBundle } from "@duckdb/duckdb-wasm";
import type { DataProblem } from "../../data/model";
import { type EnginePlan, firstLine, problemFromDuckDb, problemOf } from "./plan";

/** Where webpack puts the engine's files, relative to the page. */
export const ENGINE_DIR = "duckdb/";

/** Our own URLs for duckdb-wasm's two single-threaded bundles (MVP, and EH: WebAssembly exceptions). */
export function engineBundles(base: string): DuckDBBundles {
  const at = (file: string) => new URL(ENGINE_DIR + file, base).href;
  return {
    mvp: { mainModule: at("duckdb-mvp.wasm"), mainWorker: at("duckdb-browser-mvp.worker.js") },
    eh: { mainModule: at("duckdb-eh.wasm"), mainWorker: at("duckdb-browser-eh.worker.js") },
  };
}

export type EnginePhase = "loading" | "reading" | "aggregating";

export interface EngineRows {
  readonly ok: true;
  /** Data rows in the file (blank ones included), blank rows, rows kept after duplicates. */
  readonly stats: { readonly rows: number; readonly blank: number; readonly kept: number };
  readonly rows: readonly Record<string, string | number | boolean | null>[];
  /** "eh" or "mvp": the bundle selectBundle chose. */
  readonly bundle: string;
}
export type EngineResult = EngineRows | { readonly ok: false; readonly problems: readonly DataProblem[] } | { readonly ok: false; readonly cancelled: true } | { readonly ok: false; readonly error: string };

export interface EngineRun {
  readonly done: Promise<EngineResult>;
  /** Terminates the worker; `done` resolves as cancelled. */
  cancel(): void;
}

class Cancelled extends Error {}

/** An Arrow cell as plain JavaScript (BIGINT counts arrive as bigint). */
function plain(v: unknown): string | number | boolean | null {
  if (v === null || v === undefined) return null;
  if (typeof v === "bigint") return Number(v);
  if (typeof v === "number" || typeof v === "string" || typeof v === "boolean") return v;
  return String(v);
}

/**
 * Runs `plan` over `file` (registered in the engine as `fileName`, the name the plan reads).
 * `base` is the page's URL, for the engine's files. `onPhase` says what the engine is doing;
 * the loading phase comes with the fraction of the .wasm downloaded.
 */
export function runEngine(file: Blob, fileName: string, plan: EnginePlan, base: string, onPhase: (phase: EnginePhase, fraction?: number) => void): EngineRun {
  let worker: Worker | undefined;
  let db: AsyncDuckDB | undefined;
  let cancelled = false;
  let reject: (e: unknown) => void = () => undefined;
  let fail: (e: Error) => void = () => undefined;
  const stop = new Promise<never>((_, r) => {
    reject = r;
    fail = r;
  });
  stop.catch(() => undefined); // a cancel after the run has ended rejects nothing anyone awaits
  // Every await races the cancel, so a terminated worker (whose promises never settle) cannot hang the pane.
  const step = <T>(p: Promise<T>): Promise<T> => Promise.race([p, stop]);

  const run = async (): Promise<EngineResult> => {
    try {
      onPhase("loading", 0);
      const bundle = await step(selectBundle(engineBundles(base)));
      worker = new Worker(bundle.mainWorker as string);
      // A worker that fails outside a request (its script or the .wasm cannot load) answers nothing: fail the run.
      worker.addEventListener("error", (event) => fail(new Error(event.message || "the engine's worker failed to start")));
      if (cancelled) throw new Cancelled();
      db = new AsyncDuckDB(new VoidLogger(), worker);
      await step(
        db.instantiate(bundle.mainModule, bundle.pthreadWorker, (p) => {
          if (p.bytesTotal > 0) onPhase("loading", Math.min(1, p.bytesLoaded / p.bytesTotal));
        })
      );
      await step(db.registerFileHandle(fileName, file, DuckDBDataProtocol.BROWSER_FILEREADER, true));
      const conn = await step(db.connect());
      const query = async (sql: string) => ((await step(conn.query(sql))).toArray() as { toJSON(): Record<string, unknown> }[]).map((r) => r.toJSON());

      onPhase("reading");
      for (const sql of plan.load) await query(sql);
      const problems = await query(plan.problems);
      if (problems.length > 0) return { ok: false, problems: problems.map((r) => problemOf(Number(plain(r.row_no)), String(r.problem))) };

      onPhase("aggregating");
      for (const sql of plan.script) await query(sql);
      const [stats] = await query(plan.stats);
      const rows = (await query(plan.query)).map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, plain(v)])));
      return {
        ok: true,
        stats: { rows: Number(plain(stats.rows)), blank: Number(plain(stats.blank)), kept: Number(plain(stats.kept)) },
        rows,
        bundle: bundle.mainModule.includes("-eh.") ? "eh" : "mvp",
      };
    } catch (e) {
      if (cancelled || e instanceof Cancelled) return { ok: false, cancelled: true };
      const message = e instanceof Error ? e.message : String(e);
      const problem = problemFromDuckDb(message);
      return problem !== undefined ? { ok: false, problems: [problem] } : { ok: false, error: firstLine(message) };
    } finally {
      // The engine's memory (the file's rows) goes with its worker.
      worker?.terminate();
    }
  };

  return {
    done: run(),
    cancel: () => {
      if (cancelled) return;
      cancelled = true;
      worker?.terminate();
      reject(new Cancelled());
    },
  };
}
