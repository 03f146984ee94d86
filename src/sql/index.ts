/** The metric catalogue compiled to SQL (issue 17): DuckDB, PostgreSQL, ClickHouse, Spark. Core layer: no Office, no DOM, no Node. */
export * from "./dialect";
export * from "./generate";
export * from "./literals";
