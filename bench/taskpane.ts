/**
 * Item 5: task pane writes. For each template, the context.sync() calls and range write
 * calls the task pane's writer makes, counted by the in-memory Excel (src/excel-sim) that
 * the unit tests also use: the writer code is the task pane's own, only Excel is simulated.
 *
 * Two cases per template, as the task pane meets them: a fresh workbook (a template that
 * reads CollectBenchmarks then creates the Benchmarks sheet in the same batch), and a
 * workbook that already has the Benchmarks sheet.
 */
import { existsSync } from "fs";
import { join } from "path";
import { ROOT } from "./bundle";

export interface TemplateWrites {
  readonly template: string;
  /** "fresh workbook" or "Benchmarks present". */
  readonly workbook: string;
  readonly syncs: number;
  readonly rangeWrites: number;
  readonly runs: number;
}

export type TaskpaneResult = { available: true; templates: TemplateWrites[] } | { available: false; reason: string };

const NEEDED = ["src/excel-sim/index.ts", "src/taskpane/writer.ts", "src/templates/index.ts"];

export async function taskpaneWrites(): Promise<TaskpaneResult> {
  const missing = NEEDED.filter((p) => !existsSync(join(ROOT, p)));
  if (missing.length > 0) return { available: false, reason: `not built yet: ${missing.join(", ")} missing` };
  // Loaded only now: these modules are written in parallel with the bench.
  const sim = await import("../src/excel-sim");
  const { insertTemplate } = await import("../src/taskpane/writer");
  const { TEMPLATES } = await import("../src/templates");

  const benchmarksDef = TEMPLATES.find((t) => t.id === "benchmarks");
  const benchmarksSpec = benchmarksDef?.build({ language: "en", sample: false });
  const templates: TemplateWrites[] = [];
  for (const def of TEMPLATES) {
    for (const withBenchmarks of [false, true]) {
      if (withBenchmarks && def === benchmarksDef) continue; // that insertion only opens the sheet
      const book = new sim.SimWorkbook();
      const host = sim.createSimHost(book);
      if (withBenchmarks && benchmarksSpec) await insertTemplate(host, benchmarksSpec);
      const before = { ...book.stats };
      const spec = def.build({ language: "en", sample: true });
      await insertTemplate(host, spec, { benchmarks: benchmarksSpec });
      templates.push({
        template: def.id,
        workbook: withBenchmarks ? "Benchmarks present" : "fresh workbook",
        syncs: book.stats.syncs - before.syncs,
        rangeWrites: book.stats.rangeWrites - before.rangeWrites,
        runs: book.stats.runs - before.runs,
      });
    }
  }
  return { available: true, templates };
}
