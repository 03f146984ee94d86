/**
 * Item 6: what Excel downloads and how long functions.js takes to start. Sizes are of the
 * production (minified) build; office.js comes from Microsoft's CDN and is not ours.
 */
import { execFileSync } from "child_process";
import { readFileSync, statSync } from "fs";
import { join } from "path";
import { gzipSync } from "zlib";
import { declaredFunctions } from "./bundle";
import { median } from "./measure";

export interface LoadResult {
  readonly functionsJsBytes: number;
  readonly functionsJsGzipBytes: number;
  /** Every script the task pane page loads from the add-in's own origin, with sizes. */
  readonly taskpaneScripts: { src: string; bytes: number }[];
  readonly inlineScriptBytes: number;
  readonly taskpaneJsBytes: number;
  readonly taskpaneJsGzipBytes: number;
  readonly excluded: string[];
  /** Median ms to compile and evaluate functions.js and register every function, each in a fresh process. */
  readonly registerMs: number;
  readonly registerSamples: number[];
  readonly registered: number;
  readonly declared: number;
  readonly missing: string[];
}

export function load(distDir: string, runs: number): LoadResult {
  const functionsJs = readFileSync(join(distDir, "functions.js"));
  const html = readFileSync(join(distDir, "taskpane.html"), "utf8");
  const taskpaneScripts: { src: string; bytes: number }[] = [];
  const excluded: string[] = [];
  let inlineScriptBytes = 0;
  const contents: Buffer[] = [];
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    const src = /\bsrc\s*=\s*["']?([^"'\s>]+)/i.exec(m[1])?.[1];
    if (src === undefined) {
      inlineScriptBytes += Buffer.byteLength(m[2]);
      contents.push(Buffer.from(m[2]));
    } else if (/^(https?:)?\/\//i.test(src)) {
      excluded.push(src);
    } else {
      const path = join(distDir, src.split(/[?#]/)[0]);
      taskpaneScripts.push({ src, bytes: statSync(path).size });
      contents.push(readFileSync(path));
    }
  }
  const all = Buffer.concat(contents);

  const samples: number[] = [];
  let registered: string[] = [];
  const child = join(__dirname, "load-child.js");
  for (let r = 0; r < runs; r++) {
    const out = JSON.parse(execFileSync(process.execPath, [child, join(distDir, "functions.js")], { encoding: "utf8" })) as {
      ms: number;
      registered: string[];
    };
    samples.push(out.ms);
    registered = out.registered;
  }
  const declared = declaredFunctions(distDir);
  return {
    functionsJsBytes: functionsJs.length,
    functionsJsGzipBytes: gzipSync(functionsJs, { level: 9 }).length,
    taskpaneScripts,
    inlineScriptBytes,
    taskpaneJsBytes: all.length,
    taskpaneJsGzipBytes: gzipSync(all, { level: 9 }).length,
    excluded,
    registerMs: median(samples),
    registerSamples: samples,
    registered: registered.length,
    declared: declared.length,
    missing: declared.filter((id) => !registered.includes(id)),
  };
}
