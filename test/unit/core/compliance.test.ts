/**
 * CONTACTBREACHES (metrics.md section 2, compliance) on small call logs counted by hand.
 * Default rules: more than 3 calls to one debtor on one calendar day, or a call at or after
 * 22:00 or before 08:00; each call counts at most once.
 */
import { NUM, V, cell, col, err, row, runCases } from "./harness";

const DAY = 45000; // 2023-03-15 as an Excel date serial
/** An Excel date-time: day serial + hours/24 + minutes/1440. */
const at = (day: number, hours: number, minutes = 0): number => day + hours / 24 + minutes / 1440;

describe("CONTACTBREACHES: the frequency rule", () => {
  runCases([
    // 3 calls to A in a day: within the limit → 0
    ["CONTACTBREACHES", [col("A", "A", "A"), col(at(DAY, 9), at(DAY, 11), at(DAY, 14))], 0],
    // 4 calls to A in a day: the 4th breaks it → 1
    ["CONTACTBREACHES", [col("A", "A", "A", "A"), col(at(DAY, 9), at(DAY, 11), at(DAY, 14), at(DAY, 16))], 1],
    // 6 calls: the 4th, 5th and 6th → 3
    ["CONTACTBREACHES", [col("A", "A", "A", "A", "A", "A"),
      col(at(DAY, 9), at(DAY, 10), at(DAY, 11), at(DAY, 12), at(DAY, 13), at(DAY, 14))], 3],
    // the same 4 calls in any order → still 1
    ["CONTACTBREACHES", [col("A", "A", "A", "A"), col(at(DAY, 16), at(DAY, 9), at(DAY, 14), at(DAY, 11))], 1],
    // different debtors don't combine: 2 to A + 2 to B → 0
    ["CONTACTBREACHES", [col("A", "B", "A", "B"), col(at(DAY, 9), at(DAY, 10), at(DAY, 11), at(DAY, 12))], 0],
    // different days don't combine: 2 calls on day 1 and 2 on day 2 → 0
    ["CONTACTBREACHES", [col("A", "A", "A", "A"), col(at(DAY, 9), at(DAY, 15), at(DAY + 1, 9), at(DAY + 1, 15))], 0],
    // 3 calls late on day 1 (21:00, 21:30, 21:54) and 1 the next morning at 09:00: 3 + 1, no breach
    ["CONTACTBREACHES", [col("A", "A", "A", "A"), col(at(DAY, 21), at(DAY, 21, 30), at(DAY, 21, 54), at(DAY + 1, 9))], 0],
    // numeric debtor ids group like text ones: 4 calls to 1001 → 1
    ["CONTACTBREACHES", [col(1001, 1001, 1001, 1001), col(at(DAY, 9), at(DAY, 10), at(DAY, 11), at(DAY, 12))], 1],
    // ids are trimmed: "A " and "A" are the same debtor → 4 calls → 1
    ["CONTACTBREACHES", [col("A", "A ", " A", "A"), col(at(DAY, 9), at(DAY, 10), at(DAY, 11), at(DAY, 12))], 1],
    // custom max_per_day 2: 3 calls → the 3rd breaks it → 1; with the default 3 → 0
    ["CONTACTBREACHES", [col("A", "A", "A"), col(at(DAY, 9), at(DAY, 10), at(DAY, 11)), 2], 1],
    ["CONTACTBREACHES", [col("A", "A", "A"), col(at(DAY, 9), at(DAY, 10), at(DAY, 11))], 0],
    // max_per_day 1: the 2nd and 3rd → 2
    ["CONTACTBREACHES", [col("A", "A", "A"), col(at(DAY, 9), at(DAY, 10), at(DAY, 11)), 1], 2],
  ]);
});

describe("CONTACTBREACHES: the quiet-hours rule (default 22:00–08:00)", () => {
  runCases([
    // a 23:30 call → quiet → 1
    ["CONTACTBREACHES", [cell("B"), cell(at(DAY, 23, 30))], 1],
    // 02:00 and 07:59 are quiet → 2; 12:00 is not
    ["CONTACTBREACHES", [col("B", "B", "B"), col(at(DAY, 2), at(DAY, 7, 59), at(DAY, 12))], 2],
    // exactly 22:00 (45000 + 22/24) is quiet: "at or after quiet_start"
    ["CONTACTBREACHES", [cell("B"), cell(45000 + 22 / 24)], 1],
    // 21:59 is not
    ["CONTACTBREACHES", [cell("B"), cell(at(DAY, 21, 59))], 0],
    // exactly 08:00 (45000 + 8/24) is not quiet: "before quiet_end"
    ["CONTACTBREACHES", [cell("B"), cell(45000 + 8 / 24)], 0],
    // 22:00 typed as the sum of hours and minutes (float noise) is still 22:00 → quiet
    ["CONTACTBREACHES", [cell("B"), cell(45000 + 21 / 24 + 60 / 1440)], 1],
    // midnight 00:00 is quiet
    ["CONTACTBREACHES", [cell("B"), cell(DAY + 1)], 1],
    // custom window not wrapping midnight, 12:00–14:00: 12:00 and 13:59 quiet, 14:00 and 23:30 not → 2
    ["CONTACTBREACHES", [col("C", "D", "E", "F"), col(at(DAY, 12), at(DAY, 13, 59), at(DAY, 14), at(DAY, 23, 30)), null, 0.5, 14 / 24], 2],
    // a custom wrapping window 20:00–09:00: 20:00 and 08:30 quiet, 19:59 and 09:00 not → 2
    ["CONTACTBREACHES", [col("C", "D", "E", "F"), col(at(DAY, 20), at(DAY, 8, 30), at(DAY, 19, 59), at(DAY, 9)), null, 20 / 24, 9 / 24], 2],
    // only quiet_start given: 21:00–08:00; 21:30 is quiet now → 1
    ["CONTACTBREACHES", [cell("B"), cell(at(DAY, 21, 30)), null, 21 / 24], 1],
    // quiet_start = quiet_end: no quiet hours → 0
    ["CONTACTBREACHES", [cell("B"), cell(at(DAY, 3)), null, 0.5, 0.5], 0],
    // quiet_end 1 (24:00): 12:00–24:00 → a 23:30 call is quiet → 1
    ["CONTACTBREACHES", [cell("B"), cell(at(DAY, 23, 30)), null, 0.5, 1], 1],
  ]);
});

describe("CONTACTBREACHES: each call counts at most once", () => {
  runCases([
    // 4 calls, the 4th at 23:30: it is both the 4th and in quiet hours → 1, not 2
    ["CONTACTBREACHES", [col("A", "A", "A", "A"), col(at(DAY, 9), at(DAY, 11), at(DAY, 14), at(DAY, 23, 30))], 1],
    // 4 calls, the 1st at 07:00: 07:00 is quiet (1) and 11:00 is the 4th (1) → 2
    ["CONTACTBREACHES", [col("A", "A", "A", "A"), col(at(DAY, 7), at(DAY, 9), at(DAY, 10), at(DAY, 11))], 2],
    // 5 calls all in quiet hours (22:00…23:00): every call breaks a rule, each once → 5
    ["CONTACTBREACHES", [col("A", "A", "A", "A", "A"),
      col(at(DAY, 22), at(DAY, 22, 15), at(DAY, 22, 30), at(DAY, 22, 45), at(DAY, 23))], 5],
    // a mixed log in any order: A has 4 daytime calls on day 1 (1 breach), B one 23:30 call (1),
    // C one call on day 1 and one on day 2 (0), A one call on day 2 at 06:00 (1) → 3
    ["CONTACTBREACHES", [
      col("C", "A", "B", "A", "A", "C", "A", "A"),
      col(at(DAY, 10), at(DAY, 15), at(DAY, 23, 30), at(DAY, 9), at(DAY + 1, 6), at(DAY + 1, 10), at(DAY, 12), at(DAY, 13)),
    ], 3],
  ]);
});

describe("CONTACTBREACHES: blanks and shapes", () => {
  runCases([
    // empty rows of the log are skipped (null, "" and 0 time with a blank id), as in a whole-column reference
    ["CONTACTBREACHES", [col("A", null, "", "A", null), col(at(DAY, 23), null, 0, at(DAY, 9), "")], 1],
    // a row and a column of the same number of cells pair up cell by cell: 4 calls to A → 1
    ["CONTACTBREACHES", [row("A", "A", "A", "A"), col(at(DAY, 9), at(DAY, 10), at(DAY, 11), at(DAY, 12))], 1],
    // an empty log → 0
    ["CONTACTBREACHES", [col(null, null), col(null, null)], 0],
    // different numbers of cells: #VALUE! naming both ranges
    ["CONTACTBREACHES", [col("A", "A", "A"), col(at(DAY, 9), at(DAY, 10))], err(V, "debtor_ids", "call_times")],
    ["CONTACTBREACHES", [[["A", "A"], ["A", "A"]], col(at(DAY, 9), at(DAY, 10), at(DAY, 11))], err(V, "debtor_ids", "call_times")],
    // a call whose time is text: #VALUE! naming call_times and the cell
    ["CONTACTBREACHES", [col("A", "A"), col(at(DAY, 9), "09:00")], err(V, "call_times", "cell 2")],
    ["CONTACTBREACHES", [col("A"), col(true)], err(V, "call_times")],
    // a debtor with no time: #VALUE! naming call_times
    ["CONTACTBREACHES", [col("A", "B"), col(at(DAY, 9), null)], err(V, "call_times", "cell 2")],
    ["CONTACTBREACHES", [col("A", "B"), col(at(DAY, 9), 0)], err(V, "call_times", "cell 2")],
    // a time with no debtor: #VALUE! naming debtor_ids
    ["CONTACTBREACHES", [col("A", ""), col(at(DAY, 9), at(DAY, 10))], err(V, "debtor_ids", "cell 2")],
    // a negative time: #NUM!
    ["CONTACTBREACHES", [col("A"), col(-1)], err(NUM, "call_times")],
    // a time past Excel's last date (31 Dec 9999 is 2958465): #NUM!
    ["CONTACTBREACHES", [col("A"), col(1e308)], err(NUM, "call_times")],
    // max_per_day: a whole number of 1 or more
    ["CONTACTBREACHES", [col("A"), col(at(DAY, 9)), 0], err(NUM, "max_per_day")],
    ["CONTACTBREACHES", [col("A"), col(at(DAY, 9)), 2.5], err(NUM, "max_per_day")],
    ["CONTACTBREACHES", [col("A"), col(at(DAY, 9)), -3], err(NUM, "max_per_day")],
    ["CONTACTBREACHES", [col("A"), col(at(DAY, 9)), "3"], err(V, "max_per_day")],
    ["CONTACTBREACHES", [col("A"), col(at(DAY, 9)), true], err(V, "max_per_day")],
    // quiet hours: a time of day from 0 to 1
    ["CONTACTBREACHES", [col("A"), col(at(DAY, 9)), 3, 1.5], err(NUM, "quiet_start")],
    ["CONTACTBREACHES", [col("A"), col(at(DAY, 9)), 3, 22 / 24, -0.1], err(NUM, "quiet_end")],
    ["CONTACTBREACHES", [col("A"), col(at(DAY, 9)), 3, "22:00"], err(V, "quiet_start")],
    ["CONTACTBREACHES", [col("A"), col(at(DAY, 9)), 3, 22 / 24, false], err(V, "quiet_end")],
  ]);
});
