/**
 * The templates: declarative sheet specs derived from the metric catalogue. The task pane
 * writer and the browser preview render exactly these (src/templates/types.ts).
 */
import { BENCHMARKS_TEMPLATE } from "./benchmarks";
import { MONTHLY_TEMPLATE } from "./monthly";
import { VINTAGE_TEMPLATE } from "./vintage";
import { ROLLRATE_TEMPLATE } from "./rollrate";
import { teamTemplate } from "./team";
import { TEAM_SHEETS } from "./teams";
import type { TemplateDef } from "./types";

export * from "./types";
export { STRINGS, GRADE_LANGUAGE } from "./strings";
export type { TemplateId, InputKey } from "./strings";
export { TEAM_ROWS, MAX_TEAM_ROWS } from "./team";

/**
 * In gallery order: the team sheets (the outsourced agencies last of them), the monthly trend
 * and the cohort curves (issue 15), roll rates; the Benchmarks sheet last (the pane opens it
 * from its own tab).
 */
export const TEMPLATES: readonly TemplateDef[] = [...TEAM_SHEETS.map(teamTemplate), MONTHLY_TEMPLATE, VINTAGE_TEMPLATE, ROLLRATE_TEMPLATE, BENCHMARKS_TEMPLATE];

export function templateById(id: string): TemplateDef | undefined {
  return TEMPLATES.find((t) => t.id === id);
}
