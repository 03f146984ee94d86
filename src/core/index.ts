/** The metric core: pure TypeScript, no Office, no DOM. Every host builds on this. */
export * from "./errors";
export * from "./messages";
export * from "./grid";
export * from "./catalogue";
export * from "./kpi";
export * from "./language";
export * from "./columns";
export * from "./benchmarks";
export * from "./grading";
export * from "./scorecard";
export * from "./portfolio";
export * from "./vintage";
export * from "./compliance";
export * from "./metricsTable";
export * from "./benchmarksName";
