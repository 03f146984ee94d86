/**
 * The COLLECT custom functions. This file is the one input of the metadata plugin:
 * its JSDoc becomes functions.json (names, parameter order and help). Each function is
 * a thin wrapper: Excel values in, the core, Excel values or CustomFunctions.Error out.
 * Names and parameter order are the contract of shared/spec/metrics.md.
 *
 * Scalar parameters (metric ids, values to grade, levels, languages, CONTACTBREACHES'
 * rules) and SCORE's metric ids are typed `any`: Excel converts a typed parameter "before
 * calling the function" but documents nothing of what text, "", TRUE or an empty cell become
 * (Custom functions JSON autogeneration, Types), while `any` is passed unconverted on every
 * host. The core then answers with its own message, the same on desktop and on the web. Amount
 * and count ranges stay `number[][]`, as metrics.md section 1 declares them.
 */
import {
  Amount,
  Grid,
  benchmarkOf,
  computeKpi,
  computeKpi2,
  contactBreaches,
  contactRules,
  grade,
  kpiScore,
  lossFactors,
  metricOfFunction,
  metricsTable,
  parseLanguage,
  rollRates,
  score,
  scoreGrade,
  vintage,
} from "../core";
import { excelErrorOf, run, runSpill } from "./excel";

// The KPI wrappers are the per-cell hot path (one call per collector per KPI column), so
// they call the core in a plain try/catch: no closure and no argument array per call.
function kpi(fn: string, numerator: Amount, denominator: Amount): number {
  try {
    return computeKpi2(metricOfFunction(fn), numerator, denominator);
  } catch (e) {
    throw excelErrorOf(e);
  }
}

function kpi3(fn: string, first: Amount, second: Amount, denominator: Amount): number {
  try {
    return computeKpi(metricOfFunction(fn), [first, second, denominator]);
  } catch (e) {
    throw excelErrorOf(e);
  }
}

/**
 * Recovery achievement rate (回收金额达成率): recovered / target. Ranges are summed, so a team's rate is the ratio of its sums.
 * @customfunction RECOVERYRATE
 * @helpurl https://localhost:3000/functions.html#RECOVERYRATE
 * @param recovered Amount actually recovered: one cell or a range (summed).
 * @param target Target recovery amount for the same period: one cell or a range (summed).
 * @returns The achievement rate as a fraction (0.85 is 85%); may exceed 1.
 */
export function recoveryRate(recovered: number[][], target: number[][]): number {
  return kpi("RECOVERYRATE", recovered, target);
}

/**
 * Cumulative recovery rate (累计回收率): (current + historical) / outstanding.
 * @customfunction CUMRECOVERY
 * @helpurl https://localhost:3000/functions.html#CUMRECOVERY
 * @param current Amount recovered in the current period: one cell or a range (summed).
 * @param historical Amount recovered in earlier periods: one cell or a range (summed).
 * @param outstanding Total amount to be collected: one cell or a range (summed).
 * @returns The cumulative recovery rate as a fraction.
 */
export function cumRecovery(current: number[][], historical: number[][], outstanding: number[][]): number {
  return kpi3("CUMRECOVERY", current, historical, outstanding);
}

/**
 * Effective talk-time ratio (有效通话时长占比): substantive talk time / total talk time.
 * @customfunction TALKRATIO
 * @helpurl https://localhost:3000/functions.html#TALKRATIO
 * @param effective_talk Substantive talk time (any unit, same as total_talk): one cell or a range.
 * @param total_talk Total talk time in the same unit: one cell or a range.
 * @returns The share of talk time that was substantive, from 0 to 1.
 */
export function talkRatio(effective_talk: number[][], total_talk: number[][]): number {
  return kpi("TALKRATIO", effective_talk, total_talk);
}

/**
 * First-contact timeliness (案件跟进及时率): cases first contacted within the deadline / cases.
 * @customfunction FIRSTCONTACT
 * @helpurl https://localhost:3000/functions.html#FIRSTCONTACT
 * @param contacted_on_time Cases first contacted within the deadline: one cell or a range.
 * @param cases Cases assigned: one cell or a range.
 * @returns The share of cases contacted on time, from 0 to 1.
 */
export function firstContact(contacted_on_time: number[][], cases: number[][]): number {
  return kpi("FIRSTCONTACT", contacted_on_time, cases);
}

/**
 * Compliance QA pass rate (合规质检通过率): QA-passed calls / inspected calls. A red-line metric.
 * @customfunction COMPLIANCE
 * @helpurl https://localhost:3000/functions.html#COMPLIANCE
 * @param passed Inspected calls that passed QA: one cell or a range.
 * @param inspected Calls inspected by QA: one cell or a range.
 * @returns The QA pass rate, from 0 to 1.
 */
export function compliance(passed: number[][], inspected: number[][]): number {
  return kpi("COMPLIANCE", passed, inspected);
}

/**
 * Complaint rate (客户投诉率): complaints / accounts handled. Format the cell as ‰.
 * @customfunction COMPLAINTRATE
 * @helpurl https://localhost:3000/functions.html#COMPLAINTRATE
 * @param complaints Complaints received: one cell or a range.
 * @param accounts Accounts handled in the same period: one cell or a range.
 * @returns Complaints per account as a fraction (0.003 is 3‰).
 */
export function complaintRate(complaints: number[][], accounts: number[][]): number {
  return kpi("COMPLAINTRATE", complaints, accounts);
}

/**
 * Recovery per collector (人均产能): monthly recovered amount / collectors.
 * @customfunction PERCAPITA
 * @helpurl https://localhost:3000/functions.html#PERCAPITA
 * @param recovered Amount recovered in the month: one cell or a range.
 * @param collectors Number of collectors (head count): one cell or a range.
 * @returns CNY recovered per collector per month.
 */
export function perCapita(recovered: number[][], collectors: number[][]): number {
  return kpi("PERCAPITA", recovered, collectors);
}

/**
 * Average handling days (个案平均处理时长): days spent on closed accounts / accounts closed.
 * @customfunction HANDLINGDAYS
 * @helpurl https://localhost:3000/functions.html#HANDLINGDAYS
 * @param total_days Days spent on the closed accounts: one cell or a range.
 * @param accounts Accounts closed: one cell or a range.
 * @returns Days per closed account (lower is better).
 */
export function handlingDays(total_days: number[][], accounts: number[][]): number {
  return kpi("HANDLINGDAYS", total_days, accounts);
}

/**
 * Contact coverage (联系覆盖率): accounts reached / accounts assigned.
 * @customfunction CONTACTCOVERAGE
 * @helpurl https://localhost:3000/functions.html#CONTACTCOVERAGE
 * @param contacted Accounts reached: one cell or a range.
 * @param assigned Accounts assigned: one cell or a range.
 * @returns The share of assigned accounts reached, from 0 to 1.
 */
export function contactCoverage(contacted: number[][], assigned: number[][]): number {
  return kpi("CONTACTCOVERAGE", contacted, assigned);
}

/**
 * Promise-to-pay rate (还款承诺获取率): promises to pay obtained / accounts contacted.
 * @customfunction PTPRATE
 * @helpurl https://localhost:3000/functions.html#PTPRATE
 * @param promises Promises to pay obtained: one cell or a range.
 * @param contacted Accounts contacted: one cell or a range.
 * @returns The share of contacted accounts that promised to pay, from 0 to 1.
 */
export function ptpRate(promises: number[][], contacted: number[][]): number {
  return kpi("PTPRATE", promises, contacted);
}

/**
 * Installment-plan rate (分期方案达成率): installment plans agreed / accounts offered a plan.
 * @customfunction INSTALLMENTRATE
 * @helpurl https://localhost:3000/functions.html#INSTALLMENTRATE
 * @param agreed Installment plans agreed: one cell or a range.
 * @param eligible Accounts offered a plan: one cell or a range.
 * @returns The share of offers agreed, from 0 to 1.
 */
export function installmentRate(agreed: number[][], eligible: number[][]): number {
  return kpi("INSTALLMENTRATE", agreed, eligible);
}

/**
 * Legal-process completion rate (司法催收流程完成率): legal procedures completed / procedures started.
 * @customfunction LEGALCOMPLETION
 * @helpurl https://localhost:3000/functions.html#LEGALCOMPLETION
 * @param completed Legal procedures completed: one cell or a range.
 * @param initiated Legal procedures started: one cell or a range.
 * @returns The share of procedures completed, from 0 to 1.
 */
export function legalCompletion(completed: number[][], initiated: number[][]): number {
  return kpi("LEGALCOMPLETION", completed, initiated);
}

/**
 * Bot-to-agent handoff accuracy (机器人识别转人工准确率): correct transfers / transfers.
 * @customfunction ROBOTHANDOFF
 * @helpurl https://localhost:3000/functions.html#ROBOTHANDOFF
 * @param correct Bot-to-agent transfers that were correct: one cell or a range.
 * @param transferred Bot-to-agent transfers: one cell or a range.
 * @returns The share of correct transfers, from 0 to 1.
 */
export function robotHandoff(correct: number[][], transferred: number[][]): number {
  return kpi("ROBOTHANDOFF", correct, transferred);
}

/**
 * Bot repayment-agreement rate (自动还款协议签订率): agreements signed by the bot / debtors it reached.
 * @customfunction AUTOAGREEMENT
 * @helpurl https://localhost:3000/functions.html#AUTOAGREEMENT
 * @param signed Repayment agreements signed through the bot: one cell or a range.
 * @param reached Debtors the bot reached: one cell or a range.
 * @returns The share of reached debtors who signed, from 0 to 1.
 */
export function autoAgreement(signed: number[][], reached: number[][]): number {
  return kpi("AUTOAGREEMENT", signed, reached);
}

/**
 * Effective field-visit rate (有效外访率): visits where the debtor was met / visits.
 * @customfunction FIELDEFFECTIVE
 * @helpurl https://localhost:3000/functions.html#FIELDEFFECTIVE
 * @param met Visits where the debtor was met: one cell or a range.
 * @param visits Field visits made: one cell or a range.
 * @returns The share of effective visits, from 0 to 1.
 */
export function fieldEffective(met: number[][], visits: number[][]): number {
  return kpi("FIELDEFFECTIVE", met, visits);
}

/**
 * On-site recovery conversion (现场回收转化率): amount recovered on site / amount owed by visited debtors.
 * @customfunction FIELDCONVERSION
 * @helpurl https://localhost:3000/functions.html#FIELDCONVERSION
 * @param recovered_on_site Amount recovered during visits: one cell or a range.
 * @param amount_visited Amount owed by the debtors visited: one cell or a range.
 * @returns The conversion as a fraction.
 */
export function fieldConversion(recovered_on_site: number[][], amount_visited: number[][]): number {
  return kpi("FIELDCONVERSION", recovered_on_site, amount_visited);
}

/**
 * New-hire retention (新人留存率): new hires still employed / new hires.
 * @customfunction RETENTION
 * @helpurl https://localhost:3000/functions.html#RETENTION
 * @param retained New hires still employed: one cell or a range.
 * @param hired New hires in the period: one cell or a range.
 * @returns The retention rate, from 0 to 1.
 */
export function retention(retained: number[][], hired: number[][]): number {
  return kpi("RETENTION", retained, hired);
}

/**
 * Promise-kept rate (承诺兑现率): promises paid in full by their date / promises falling due.
 * @customfunction PTPKEPT
 * @helpurl https://localhost:3000/functions.html#PTPKEPT
 * @param kept Promises paid in full by their date: one cell or a range.
 * @param due Promises that fell due: one cell or a range.
 * @returns The share of promises kept, from 0 to 1.
 */
export function ptpKept(kept: number[][], due: number[][]): number {
  return kpi("PTPKEPT", kept, due);
}

/**
 * Right-party contact rate (本人接通率): calls that reached the debtor / call attempts.
 * @customfunction RPCRATE
 * @helpurl https://localhost:3000/functions.html#RPCRATE
 * @param right_party_contacts Calls that reached the debtor in person: one cell or a range.
 * @param attempts Call attempts: one cell or a range.
 * @returns The right-party contact rate, from 0 to 1.
 */
export function rpcRate(right_party_contacts: number[][], attempts: number[][]): number {
  return kpi("RPCRATE", right_party_contacts, attempts);
}

/**
 * Entry rate (入催率): amount still unpaid the day after the due date / amount due.
 * @customfunction ENTRYRATE
 * @helpurl https://localhost:3000/functions.html#ENTRYRATE
 * @param unpaid_after_due Amount still unpaid the day after the due date: one cell or a range.
 * @param amount_due Amount that fell due: one cell or a range.
 * @returns The entry rate, from 0 to 1 (lower is better).
 */
export function entryRate(unpaid_after_due: number[][], amount_due: number[][]): number {
  return kpi("ENTRYRATE", unpaid_after_due, amount_due);
}

/**
 * Cure rate (回正率): balance of last month's bucket now current / that bucket's balance last month.
 * @customfunction CURERATE
 * @helpurl https://localhost:3000/functions.html#CURERATE
 * @param cured Balance of last month's bucket that is current now: one cell or a range.
 * @param bucket_balance_prior That bucket's balance last month: one cell or a range.
 * @returns The cure rate, from 0 to 1.
 */
export function cureRate(cured: number[][], bucket_balance_prior: number[][]): number {
  return kpi("CURERATE", cured, bucket_balance_prior);
}

/**
 * Roll rate (迁徙率): balance in bucket n+1 this month / balance in bucket n last month.
 * @customfunction ROLLRATE
 * @helpurl https://localhost:3000/functions.html#ROLLRATE
 * @param next_bucket_now Balance in the next bucket this month: one cell or a range.
 * @param bucket_prior Balance in the bucket last month: one cell or a range.
 * @returns The roll rate as a fraction (lower is better).
 */
export function rollRate(next_bucket_now: number[][], bucket_prior: number[][]): number {
  return kpi("ROLLRATE", next_bucket_now, bucket_prior);
}

/**
 * Recovery rate on the placed amount (委外回收率): amount the agency recovered / amount placed with it. Ranges are summed.
 * @customfunction AGENCYRECOVERY
 * @helpurl https://localhost:3000/functions.html#AGENCYRECOVERY
 * @param recovered Amount the agency recovered on its placements: one cell or a range (summed).
 * @param placed Amount placed with the agency: one cell or a range (summed).
 * @returns The recovery rate as a fraction (0.35 is 35%); may exceed 1.
 */
export function agencyRecovery(recovered: number[][], placed: number[][]): number {
  return kpi("AGENCYRECOVERY", recovered, placed);
}

/**
 * Commission cost per unit recovered (单位回收佣金成本): commission paid / amount recovered. Lower is better.
 * @customfunction COMMISSIONCOST
 * @helpurl https://localhost:3000/functions.html#COMMISSIONCOST
 * @param commission Commission paid to the agency: one cell or a range (summed).
 * @param recovered Amount the agency recovered in the same period: one cell or a range (summed).
 * @returns Commission per unit recovered as a fraction (0.2 is 0.20 CNY per CNY recovered).
 */
export function commissionCost(commission: number[][], recovered: number[][]): number {
  return kpi("COMMISSIONCOST", commission, recovered);
}

/**
 * Contact-rule breach rate (违规联系率): calls breaking contact rules / accounts handled. Format the cell as ‰.
 * @customfunction BREACHRATE
 * @helpurl https://localhost:3000/functions.html#BREACHRATE
 * @param breaches Calls that broke a contact rule (for example COLLECT.CONTACTBREACHES of the call log): one cell or a range.
 * @param accounts Accounts handled in the same period: one cell or a range.
 * @returns Breaches per account as a fraction (0.002 is 2‰); lower is better.
 */
export function breachRate(breaches: number[][], accounts: number[][]): number {
  return kpi("BREACHRATE", breaches, accounts);
}

/**
 * Roll rates of a month × bucket grid of balances (迁徙率矩阵), spilled. A zero balance gives #DIV/0! in its own cell only.
 * @customfunction ROLLRATES
 * @helpurl https://localhost:3000/functions.html#ROLLRATES
 * @param balances Month-end balances: rows are consecutive months (oldest first), columns are buckets from current through M1, M2, … to write-off.
 * @returns A (months−1) × (buckets−1) grid: each cell is next month's balance in the next bucket / this month's balance.
 */
export function rollRatesGrid(balances: number[][]): any[][] {
  return runSpill(() => rollRates(balances as Grid));
}

/**
 * Loss factors from one row of roll rates (损失因子): factor of bucket i is r_i × … × r_k, spilled.
 * @customfunction LOSSFACTORS
 * @helpurl https://localhost:3000/functions.html#LOSSFACTORS
 * @param roll_rates One row (or column) of roll rates: current→M1, M1→M2, … up to write-off.
 * @returns The share of each bucket's balance expected to reach write-off, in the same orientation.
 */
export function lossFactorsRow(roll_rates: number[][]): any[][] {
  return runSpill(() => lossFactors(roll_rates as Grid));
}

/**
 * Cohort recovery curves (回收曲线): cumulative recovered / amount placed by month since placement, spilled. Months a cohort has not reached are blank.
 * @customfunction VINTAGE
 * @helpurl https://localhost:3000/functions.html#VINTAGE
 * @param placed Amount placed per cohort (placement month): one column, one cell per row of recovered.
 * @param recovered Amount recovered in month 1, 2, … after placement (not cumulative): one row per cohort, one column per month.
 * @param [months_observed] Months each cohort has reached, one column (e.g. =COUNT of its row). Left out: a cohort has reached the months up to its last amount other than blank or 0.
 * @param [pooled] FALSE (default): one curve per cohort. TRUE: one row, Σ cumulative recovered / Σ placed over the cohorts that reached each month.
 * @returns Cohorts × months of cumulative recovery rates (or one pooled row); blank where a cohort has not reached the month.
 */
export function vintageCurves(placed: number[][], recovered: number[][], months_observed?: number[][], pooled?: any): any[][] {
  return runSpill(() => vintage(placed as Grid, recovered as Grid, months_observed as Grid | undefined, pooled));
}

/**
 * Counts calls that break contact-frequency or quiet-hours rules (违规联系次数). Each call counts at most once.
 * @customfunction CONTACTBREACHES
 * @helpurl https://localhost:3000/functions.html#CONTACTBREACHES
 * @param debtor_ids The debtor of each call (id or name), one cell per call.
 * @param call_times Date and time of each call (Excel date-time), in any order, same number of cells as debtor_ids.
 * @param [max_per_day] Connected calls allowed per debtor per calendar day; later calls are breaches. Default 3.
 * @param [quiet_start] Start of quiet hours as a time (22:00 is 0.9167). Default 22:00.
 * @param [quiet_end] End of quiet hours as a time (08:00 is 0.3333). Default 08:00.
 * @returns The number of calls that break a rule.
 */
export function contactBreachCount(
  debtor_ids: any[][],
  call_times: number[][],
  max_per_day?: any,
  quiet_start?: any,
  quiet_end?: any
): number {
  return run(() => contactBreaches(debtor_ids, call_times, contactRules(max_per_day, quiet_start, quiet_end)));
}

/**
 * The threshold of a metric (基准值), from the workbook's Benchmarks table or the built-in default.
 * @customfunction BENCHMARK
 * @helpurl https://localhost:3000/functions.html#BENCHMARK
 * @param metric Metric id, for example "recovery_achievement" (see COLLECT.METRICS()).
 * @param [level] "meets" (default) or "excellent".
 * @param [benchmarks] The Benchmarks table body (the name CollectBenchmarks); leave out for the defaults.
 * @returns The threshold, in the metric's own unit.
 */
export function benchmark(metric: any, level?: any, benchmarks?: any[][]): number {
  return run(() => benchmarkOf(metric, level, benchmarks));
}

/**
 * Grades a value against its benchmark (评级): Excellent, Meets or Below, honouring direction.
 * @customfunction GRADE
 * @helpurl https://localhost:3000/functions.html#GRADE
 * @param metric Metric id, for example "complaint_rate".
 * @param value The measured value, as a fraction (0.92 for 92%).
 * @param [benchmarks] The Benchmarks table body (the name CollectBenchmarks); leave out for the defaults.
 * @param [language] "en-US" (default) or "zh-CN" for 优秀 / 达标 / 未达标.
 * @returns The grade label.
 */
export function gradeOf(metric: any, value: any, benchmarks?: any[][], language?: any): string {
  return run(() => grade(metric, value, benchmarks, language));
}

/**
 * Target-achievement score of one value (完成率法), 0–120: 100 × value / target, or target / value when lower is better.
 * @customfunction KPISCORE
 * @helpurl https://localhost:3000/functions.html#KPISCORE
 * @param metric Metric id, for example "recovery_achievement".
 * @param value The measured value, as a fraction.
 * @param [benchmarks] The Benchmarks table body (the name CollectBenchmarks); leave out for the defaults.
 * @returns The score from 0 to 120.
 */
export function kpiScoreOf(metric: any, value: any, benchmarks?: any[][]): number {
  return run(() => kpiScore(metric, value, benchmarks));
}

/**
 * Weighted composite score (综合得分) with the red-line veto: a compliance miss makes it 0.
 * @customfunction SCORE
 * @helpurl https://localhost:3000/functions.html#SCORE
 * @param metrics Metric ids, one per cell (usually the scorecard's header row of ids).
 * @param values The measured values, same shape as metrics.
 * @param weights The weight of each metric, same shape as metrics (blank is 0).
 * @param [benchmarks] The Benchmarks table body (the name CollectBenchmarks); leave out for the defaults.
 * @returns Σ weight × KPISCORE / Σ weight, 0–120; 0 when a red-line metric misses its threshold.
 */
export function scoreOf(metrics: any[][], values: number[][], weights: number[][], benchmarks?: any[][]): number {
  return run(() => score(metrics, values, weights, benchmarks));
}

/**
 * Band of a composite score (综合评级): Excellent ≥ 90, Good ≥ 80, Pass ≥ 60, else Fail.
 * @customfunction SCOREGRADE
 * @helpurl https://localhost:3000/functions.html#SCOREGRADE
 * @param score A composite score from COLLECT.SCORE, 0–120.
 * @param [language] "en-US" (default) or "zh-CN" for 优秀 / 良好 / 合格 / 不合格.
 * @returns The band label.
 */
export function scoreGradeOf(score: any, language?: any): string {
  return run(() => scoreGrade(score, language));
}

/**
 * Lists every metric with its formula, direction and default benchmark (指标目录), spilled.
 * @customfunction METRICS
 * @helpurl https://localhost:3000/functions.html#METRICS
 * @param [language] "en-US" (default) or "zh-CN".
 * @returns A table with a header row: id, name, formula, direction, meets, excellent, unit, source.
 */
export function metrics(language?: any): any[][] {
  return run(() => metricsTable(parseLanguage(language)));
}
