/**
 * Timing and heap helpers. Absolute times on a shared machine are noise, so every
 * measurement is a median of interleaved runs and the bench reports ratios of numbers
 * taken in the same run, side by side.
 */
import * as v8 from "v8";

declare const gc: () => void;

/** Keeps results alive so that the JIT cannot drop the work that produced them. */
export let sink = 0;
export function consume(value: unknown): void {
  if (typeof value === "number") sink += value === value ? value : 0;
  else if (value !== undefined && value !== null) sink += 1;
}

export function median(samples: readonly number[]): number {
  const s = [...samples].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export interface Timing {
  /** Median milliseconds per run. */
  readonly ms: number;
  readonly samples: number[];
}

/**
 * Times each candidate `runs` times after `warmup` untimed calls, interleaving them
 * (a, b, c, a, b, c, …) so that a slow patch of the machine hits every candidate alike.
 */
export function timeInterleaved(
  candidates: Readonly<Record<string, () => unknown>>,
  runs: number,
  warmup = 3
): Record<string, Timing> {
  const names = Object.keys(candidates);
  for (let w = 0; w < warmup; w++) for (const name of names) consume(candidates[name]());
  const samples: Record<string, number[]> = {};
  for (const name of names) samples[name] = [];
  for (let r = 0; r < runs; r++) {
    for (const name of names) {
      const fn = candidates[name];
      const t0 = performance.now();
      const result = fn();
      const t1 = performance.now();
      consume(result);
      samples[name].push(t1 - t0);
    }
  }
  const out: Record<string, Timing> = {};
  for (const name of names) out[name] = { ms: median(samples[name]), samples: samples[name] };
  return out;
}

function usedHeap(): number {
  return v8.getHeapStatistics().used_heap_size;
}

/**
 * Bytes allocated on the V8 heap while `fn` runs, garbage included: the heap growth
 * between garbage collections, summed with the GC profiler. Because nothing allocated
 * is freed before it is counted, this is an upper bound on the peak extra heap.
 */
export function allocatedBytes(fn: () => unknown): number {
  gc();
  gc();
  const profiler = new v8.GCProfiler();
  profiler.start();
  const before = usedHeap();
  consume(fn());
  const after = usedHeap();
  const stats = profiler.stop().statistics;
  let total = 0;
  let previous = before;
  for (const s of stats) {
    total += s.beforeGC.heapStatistics.usedHeapSize - previous;
    previous = s.afterGC.heapStatistics.usedHeapSize;
  }
  return total + (after - previous);
}

/** The measuring overhead of allocatedBytes itself, once its own code is warm. */
export function allocationBaseline(): number {
  let least = Infinity;
  for (let i = 0; i < 8; i++) least = Math.min(least, allocatedBytes(() => 0));
  return least;
}
