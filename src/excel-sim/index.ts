/**
 * excel-sim: an in-memory workbook with the part of the Excel JavaScript API that CollectKPI
 * uses. Unit tests run the task pane's writer against it; the browser preview renders its
 * data model (model.ts) and recalculates it. No DOM and no Office at run time.
 */
export * from "./a1";
export { SimError, type SimErrorCode } from "./errors";
export * from "./model";
export * from "./charts";
export { SimRequestContext, runSim, payloadBytes, type SimContextOptions } from "./context";
export { spillMap, type SpillMap } from "./spill";
export { createSimHost, versionAtLeast, type SimHostOptions } from "./host";
