/**
 * The team sheets as data: which inputs, which metrics (metrics.md section 5), and the
 * sample month of a Chinese consumer-finance collection centre (fixed numbers, so tests
 * and screenshots are stable). Sample rows respect the proportion bounds (contacted ≤
 * assigned …), so every formula computes.
 *
 * Ranks: the scorecard ranks its composite score. Every other sheet ranks its rows by one
 * headline KPI of metrics.md section 5: the result the sheet exists for — the money recovered
 * where the sheet has it (recovery achievement against target for the M1, M2–M3 and team
 * leader sheets, whose other KPIs are the process that leads to it; cumulative recovery for
 * M4+, whose accounts are judged on the share of the debt recovered, not on a monthly target),
 * and the channel's own outcome elsewhere (agreements signed by the robot, on-site recovery
 * conversion of field visits). Each is graded against a default benchmark, so the rank sits
 * beside a grade that means something out of the box, except M4+'s, which has only an
 * Excellent threshold (65%).
 */
import type { InputColumn, TeamSheetDef } from "./team";

const money = (key: InputColumn["key"], sample: number[]): InputColumn => ({ key, format: "currency", sample });
const count = (key: InputColumn["key"], sample: number[]): InputColumn => ({ key, format: "count", sample });

/**
 * Balanced scorecard 综合考核: results, process, quality, efficiency. Zhang Wei (row 3)
 * beats his recovery target (110%) with a compliance pass rate of 126/130 = 96.9%: the
 * red-line veto makes his composite 0. Zhao Min (row 7) joined mid-month (0.5 FTE) and
 * scores a Pass, Yang Lei a Good, the rest Excellent.
 */
export const SCORECARD: TeamSheetDef = {
  id: "scorecard",
  rowKind: "collector",
  inputs: [
    money("target", [120000, 110000, 130000, 100000, 120000, 105000, 60000, 125000]),
    money("recovered", [112000, 121000, 143000, 104000, 131000, 71000, 36000, 138000]),
    money("historical", [165000, 150000, 180000, 120000, 190000, 110000, 30000, 200000]),
    money("outstanding", [460000, 430000, 500000, 360000, 475000, 410000, 300000, 500000]),
    { key: "totalTalk", format: "minutes", sample: [2400, 2250, 2600, 2100, 2500, 2300, 1800, 2550] },
    { key: "effectiveTalk", format: "minutes", sample: [1560, 1420, 1430, 1340, 1680, 1250, 900, 1690] },
    count("cases", [420, 390, 450, 360, 430, 400, 260, 440]),
    count("firstOnTime", [420, 388, 441, 360, 430, 392, 247, 440]),
    count("inspected", [120, 110, 130, 100, 125, 115, 80, 130]),
    count("passed", [119, 109, 126, 99, 125, 114, 79, 128]),
    count("handled", [1250, 1180, 1320, 1040, 1290, 1150, 820, 1310]),
    count("complaints", [2, 4, 6, 1, 0, 3, 4, 3]),
    { key: "fte", format: "fte", sample: [1, 1, 1, 1, 1, 1, 0.5, 1] },
    count("closed", [85, 78, 92, 70, 96, 66, 30, 101]),
    count("closedDays", [510, 480, 590, 400, 470, 450, 200, 560]),
  ],
  kpis: [
    { metric: "recovery_achievement", args: ["recovered", "target"] },
    { metric: "cumulative_recovery", args: ["recovered", "historical", "outstanding"] },
    { metric: "effective_talk_ratio", args: ["effectiveTalk", "totalTalk"] },
    { metric: "first_contact_timeliness", args: ["firstOnTime", "cases"] },
    { metric: "compliance_pass_rate", args: ["passed", "inspected"] },
    { metric: "complaint_rate", args: ["complaints", "handled"] },
    { metric: "per_capita_recovery", args: ["recovered", "fte"] },
    { metric: "avg_handling_days", args: ["closedDays", "closed"] },
  ],
  // Results 40, process 20, quality 20, efficiency 20.
  weights: [30, 10, 10, 10, 10, 10, 10, 10],
};

/** M1 (1–30 dpd): the early-stage phone team. */
export const M1: TeamSheetDef = {
  id: "m1",
  rowKind: "collector",
  inputs: [
    count("assigned", [620, 580, 650, 540, 600, 560, 300, 610]),
    count("contacted", [596, 549, 612, 520, 585, 521, 262, 590]),
    count("firstOnTime", [620, 580, 646, 540, 600, 552, 291, 610]),
    count("attempts", [3100, 2950, 3300, 2700, 3050, 2800, 1500, 3080]),
    count("rightParty", [1240, 1150, 1290, 1100, 1300, 1030, 520, 1260]),
    count("promises", [410, 372, 398, 366, 421, 340, 150, 405]),
    count("promisesDue", [380, 350, 372, 340, 400, 318, 130, 388]),
    count("promisesKept", [304, 266, 290, 282, 336, 229, 88, 318]),
    money("target", [180000, 170000, 190000, 160000, 175000, 165000, 90000, 185000]),
    money("recovered", [171000, 176800, 168000, 158500, 193000, 131000, 62000, 190500]),
  ],
  kpis: [
    { metric: "contact_coverage", args: ["contacted", "assigned"] },
    { metric: "ptp_rate", args: ["promises", "contacted"] },
    { metric: "first_contact_timeliness", args: ["firstOnTime", "assigned"] },
    { metric: "rpc_rate", args: ["rightParty", "attempts"] },
    { metric: "ptp_kept_rate", args: ["promisesKept", "promisesDue"] },
    { metric: "recovery_achievement", args: ["recovered", "target"] },
  ],
  headline: "recovery_achievement",
};

/** M2–M3 (31–90 dpd): the mid-stage team. */
export const M2M3: TeamSheetDef = {
  id: "m2m3",
  rowKind: "collector",
  inputs: [
    count("offered", [140, 125, 150, 118, 132, 120, 60, 145]),
    count("agreed", [46, 38, 55, 33, 49, 31, 12, 51]),
    count("promisesDue", [210, 190, 225, 176, 205, 185, 90, 220]),
    count("promisesKept", [134, 112, 150, 105, 141, 98, 41, 149]),
    money("target", [220000, 200000, 240000, 190000, 210000, 200000, 110000, 230000]),
    money("recovered", [205000, 214000, 198000, 171000, 236000, 150000, 72000, 241000]),
    money("historical", [310000, 280000, 335000, 260000, 300000, 270000, 80000, 325000]),
    money("outstanding", [1450000, 1320000, 1560000, 1240000, 1400000, 1300000, 700000, 1500000]),
  ],
  kpis: [
    { metric: "installment_rate", args: ["agreed", "offered"] },
    { metric: "ptp_kept_rate", args: ["promisesKept", "promisesDue"] },
    { metric: "recovery_achievement", args: ["recovered", "target"] },
    { metric: "cumulative_recovery", args: ["recovered", "historical", "outstanding"] },
  ],
  headline: "recovery_achievement",
};

/** M4+ (90+ dpd): late stage and legal. */
export const M4PLUS: TeamSheetDef = {
  id: "m4plus",
  rowKind: "collector",
  inputs: [
    count("legalStarted", [24, 18, 30, 15, 22, 20, 8, 26]),
    count("legalCompleted", [17, 11, 24, 9, 18, 12, 3, 21]),
    count("closed", [40, 34, 46, 28, 42, 30, 12, 44]),
    count("closedDays", [196, 187, 221, 168, 176, 195, 90, 198]),
    money("recovered", [96000, 82000, 121000, 64000, 105000, 71000, 22000, 112000]),
    money("historical", [610000, 540000, 690000, 470000, 630000, 500000, 120000, 660000]),
    money("outstanding", [1900000, 1750000, 2100000, 1600000, 1850000, 1700000, 800000, 2000000]),
  ],
  kpis: [
    { metric: "legal_completion", args: ["legalCompleted", "legalStarted"] },
    { metric: "avg_handling_days", args: ["closedDays", "closed"] },
    { metric: "cumulative_recovery", args: ["recovered", "historical", "outstanding"] },
  ],
  headline: "cumulative_recovery",
};

/** AI collection robot: one row per bot campaign. */
export const ROBOT: TeamSheetDef = {
  id: "robot",
  rowKind: "campaign",
  inputs: [
    count("transferred", [1850, 1420, 960, 1210, 780, 1330, 640, 510]),
    count("transferredCorrect", [1554, 1150, 826, 944, 671, 1037, 544, 398]),
    count("botReached", [12400, 9800, 6100, 7300, 5200, 8600, 4100, 3300]),
    count("botSigned", [2108, 1372, 1098, 876, 884, 1118, 533, 363]),
  ],
  kpis: [
    { metric: "robot_handoff_accuracy", args: ["transferredCorrect", "transferred"] },
    { metric: "auto_agreement_rate", args: ["botSigned", "botReached"] },
  ],
  headline: "auto_agreement_rate",
};

/** Field visits 外访. */
export const FIELD: TeamSheetDef = {
  id: "field",
  rowKind: "fieldCollector",
  inputs: [
    count("visits", [64, 58, 70, 52, 61, 55, 30, 66]),
    count("visitsMet", [29, 21, 31, 22, 27, 19, 10, 30]),
    money("visitedOwed", [1280000, 1120000, 1450000, 980000, 1190000, 1060000, 520000, 1330000]),
    money("recoveredOnSite", [246000, 178000, 281000, 192000, 231000, 150000, 64000, 252000]),
  ],
  kpis: [
    { metric: "field_effective_rate", args: ["visitsMet", "visits"] },
    { metric: "field_conversion", args: ["recoveredOnSite", "visitedOwed"] },
  ],
  headline: "field_conversion",
};

/** Team leaders 团队长: retention, typed-in suggestions, their team's recovery. */
export const LEADER: TeamSheetDef = {
  id: "leader",
  rowKind: "leader",
  inputs: [
    count("hired", [6, 4, 8, 5, 3, 6, 7, 4]),
    count("retained", [6, 3, 7, 4, 3, 5, 5, 4]),
    money("teamTarget", [2400000, 2100000, 2650000, 1900000, 2250000, 2000000, 1700000, 2500000]),
    money("teamRecovered", [2316000, 2205000, 2380000, 1590000, 2475000, 1650000, 1290000, 2610000]),
  ],
  kpis: [
    { metric: "new_hire_retention", args: ["retained", "hired"] },
    { metric: "optimization_suggestions", typed: [3, 2, 4, 1, 2, 3, 0, 2] },
    { metric: "recovery_achievement", args: ["teamRecovered", "teamTarget"] },
  ],
  headline: "recovery_achievement",
};

/**
 * Outsourced agencies 委外 (issue 15): one row per agency, on the same placements and period.
 * Ranked by recovery on the placed amount, the result an agency is paid for; its cost
 * (commission per unit recovered) and conduct (contact-rule breaches, complaints) beside it.
 * Six sample agencies; their recovery rates are 11.5%, 13%, 9.2%, 13.5%, 11% and 9%, so D
 * ranks 1st and F 6th. No source gives a threshold for the agency metrics: their grades say
 * "No benchmark" until one is typed in the Benchmarks sheet; the complaint rate is graded.
 */
export const AGENCIES: TeamSheetDef = {
  id: "agencies",
  rowKind: "agency",
  sampleRows: 6,
  inputs: [
    money("placed", [12000000, 8500000, 10000000, 6000000, 9200000, 4800000]),
    money("recovered", [1380000, 1105000, 920000, 810000, 1012000, 432000]),
    money("commission", [331200, 243100, 248400, 170100, 253000, 125280]),
    count("handled", [4200, 3100, 3600, 2300, 3400, 1900]),
    count("breaches", [6, 2, 15, 1, 9, 8]),
    count("complaints", [9, 4, 11, 3, 7, 6]),
  ],
  kpis: [
    { metric: "agency_recovery_rate", args: ["recovered", "placed"] },
    { metric: "commission_cost_ratio", args: ["commission", "recovered"] },
    { metric: "contact_breach_rate", args: ["breaches", "handled"] },
    { metric: "complaint_rate", args: ["complaints", "handled"] },
  ],
  headline: "agency_recovery_rate",
};

export const TEAM_SHEETS: readonly TeamSheetDef[] = [SCORECARD, M1, M2M3, M4PLUS, ROBOT, FIELD, LEADER, AGENCIES];
