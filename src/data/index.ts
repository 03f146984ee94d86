/** The Data import's core (issue 14): bytes → text → rows → typed records → inputs and formulas. No Office, no DOM. */
export * from "./model";
export * from "./limits";
export * from "./decode";
export * from "./csv";
export * from "./xlsx";
export * from "./schema";
export * from "./typed";
export * from "./aggregate";
export * from "./formulas";
