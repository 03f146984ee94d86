/**
 * Item 5: task pane writes. For each template, the context.sync() calls and range write
 * calls the writer makes, counted with the in-memory Excel simulator (src/excel-sim).
 */
import { existsSync } from "fs";
import { join } from "path";
import { ROOT } from "./bundle";

export interface TemplateWrites {
  readonly template: string;
  readonly syncs: number;
  readonly rangeWrites: number;
}

export type TaskpaneResult = { available: true; templates: TemplateWrites[] } | { available: false; reason: string };

const NEEDED = ["src/excel-sim", "src/taskpane/writer.ts", "src/templates/index.ts"];

export async function taskpaneWrites(): Promise<TaskpaneResult> {
  const missing = NEEDED.filter((p) => !existsSync(join(ROOT, p)));
  if (missing.length > 0) return { available: false, reason: `not built yet: ${missing.join(", ")} missing` };
  return { available: false, reason: "the simulator exists but the bench does not drive it yet" };
}
