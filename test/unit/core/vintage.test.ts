/**
 * VINTAGE (issue 15): cohort recovery curves, cumulative recovered ÷ placed by month since
 * placement; blank ("") for a month a cohort has not reached; errors in their own cells.
 * Worked by hand, through the core and through functions.ts.
 */
import { DIV, NUM, V, cell, col, err, row, runCases } from "./harness";

// Three cohorts (placement months Jan, Feb, Mar) of a 3-month window:
//            placed   month 1  month 2  month 3
//   Jan       1,000      100      150       50     cumulative 100, 250, 300
//   Feb       2,000      300      200        –     cumulative 300, 500
//   Mar       2,000      300        –        –     cumulative 300
const PLACED = col(1000, 2000, 2000);
const TRIANGLE = [
  [100, 150, 50],
  [300, 200, null],
  [300, null, null],
];
// The same as Excel desktop hands it over: an empty cell arrives as 0 (src/hosts/profiles.ts).
const TRIANGLE_DESKTOP = [
  [100, 150, 50],
  [300, 200, 0],
  [300, 0, 0],
];
// Jan: 100/1000 = 0.1, 250/1000 = 0.25, 300/1000 = 0.3
// Feb: 300/2000 = 0.15, 500/2000 = 0.25, not reached
// Mar: 300/2000 = 0.15, not reached, not reached
const CURVES = [
  [0.1, 0.25, 0.3],
  [0.15, 0.25, ""],
  [0.15, "", ""],
];
// Pooled over the cohorts that reached each month:
// month 1, all three: (100 + 300 + 300) / (1,000 + 2,000 + 2,000) = 700 / 5,000 = 0.14
// month 2, Jan and Feb: (250 + 500) / (1,000 + 2,000) = 750 / 3,000 = 0.25
// month 3, Jan only: 300 / 1,000 = 0.3
const POOLED = [[0.14, 0.25, 0.3]];

describe("VINTAGE: cell (i, k) = Σ recovered[i][1..k] / placed[i]; months not reached are blank", () => {
  runCases([
    ["VINTAGE", [PLACED, TRIANGLE], CURVES],
    // Trailing zeros are months not reached too: desktop and web read the same.
    ["VINTAGE", [PLACED, TRIANGLE_DESKTOP], CURVES],
    ["VINTAGE", [PLACED, TRIANGLE, null, false], CURVES],
    ["VINTAGE", [PLACED, TRIANGLE, null, 0], CURVES],
    ["VINTAGE", [PLACED, TRIANGLE, undefined, ""], CURVES],
    // One cohort: 100 / 1,000 = 0.1, (100 + 200) / 1,000 = 0.3
    ["VINTAGE", [cell(1000), row(100, 200)], [[0.1, 0.3]]],
    // A blank inside the reached months counts 0: 100, 100 + 0, 100 + 0 + 50 over 1,000
    ["VINTAGE", [cell(1000), row(100, null, 50)], [[0.1, 0.1, 0.15]]],
    // A ratio, not capped: fees after placement, 80 + 40 = 120 over 100 = 1.2
    ["VINTAGE", [cell(100), row(80, 40)], [[0.8, 1.2]]],
    // A cohort with nothing placed and nothing recovered is a blank row, not an error
    ["VINTAGE", [col(1000, null), [[100, 200], [null, null]]], [[0.1, 0.3], ["", ""]]],
  ]);
});

describe("VINTAGE with months_observed: exactly that many months, a recovered 0 included", () => {
  runCases([
    // Feb recovered 0 in its 2nd month: (300 + 0) / 2,000 = 0.15, shown because it was observed
    ["VINTAGE", [PLACED, [[100, 150, 50], [300, 0, 0], [300, 0, 0]], col(3, 2, 1)], [
      [0.1, 0.25, 0.3],
      [0.15, 0.15, ""],
      [0.15, "", ""],
    ]],
    // Without it, that 0 reads as a month not reached
    ["VINTAGE", [PLACED, [[100, 150, 50], [300, 0, 0], [300, 0, 0]]], [
      [0.1, 0.25, 0.3],
      [0.15, "", ""],
      [0.15, "", ""],
    ]],
    // Cells after the observed months are not read: Jan observed 2 months, its 50 in month 3 is left out
    ["VINTAGE", [cell(1000), row(100, 150, 50), cell(2)], [[0.1, 0.25, ""]]],
    // More months observed than the block has: all of them
    ["VINTAGE", [cell(1000), row(100, 150), cell(5)], [[0.1, 0.25]]],
    // 0 months observed: blank
    ["VINTAGE", [cell(1000), row(100, 150), cell(0)], [["", ""]]],
    // Pooled with the observed 0: month 2 is Jan and Feb, (250 + 300) / 3,000 = 0.183333…
    ["VINTAGE", [PLACED, [[100, 150, 50], [300, 0, 0], [300, 0, 0]], col(3, 2, 1), true], [[0.14, 550 / 3000, 0.3]]],
  ]);
});

describe("VINTAGE pooled: Σ cumulative / Σ placed over the cohorts that reached each month", () => {
  runCases([
    ["VINTAGE", [PLACED, TRIANGLE, null, true], POOLED],
    ["VINTAGE", [PLACED, TRIANGLE_DESKTOP, null, 1], POOLED],
    // A month no cohort reached is blank: month 3 of a block where Jan reached 2 months only
    ["VINTAGE", [col(1000, 2000), [[100, 150, null], [300, null, null]], null, true], [[(100 + 300) / 3000, 0.25, ""]]],
    // Nothing placed over the cohorts that reached a month: #DIV/0! in that month
    ["VINTAGE", [col(0, null), [[10, 20], [5, null]], null, true], [[err(DIV, "placed", "month 1"), err(DIV, "placed", "month 2")]]],
    // A bad cohort errors the months it reached; month 1 = (100 + 50) / 2,000 = 0.075
    ["VINTAGE", [col(1000, 1000), [[100, "x"], [50, null]], null, true], [[0.075, err(V, "recovered", "row 1, column 2")]]],
  ]);
});

describe("VINTAGE errors: in their own cells, or for the whole call when the shapes do not fit", () => {
  runCases([
    // Text in Jan's month 2 errors months 2 and 3 of Jan (their sums include it), nothing else
    ["VINTAGE", [PLACED, [[100, "n/a", 50], [300, 200, null], [300, null, null]]], [
      [0.1, err(V, "recovered", "row 1, column 2"), err(V, "recovered", "row 1, column 2")],
      [0.15, 0.25, ""],
      [0.15, "", ""],
    ]],
    // A negative amount likewise, with #NUM!
    ["VINTAGE", [cell(1000), row(100, -5, 50)], [[0.1, err(NUM, "recovered", "negative"), err(NUM, "recovered")]]],
    // Placed 0 with recoveries: #DIV/0! in the months reached, naming the cohort
    ["VINTAGE", [col(1000, 0), [[100, 200], [50, null]]], [[0.1, 0.3], [err(DIV, "placed", "cohort 2"), ""]]],
    // Placed as text or negative errors the cohort's row
    ["VINTAGE", [col("lots", 1000), [[100, 200], [50, null]]], [[err(V, "placed", "row 1"), err(V, "placed")], [0.05, ""]]],
    ["VINTAGE", [col(-1000, 1000), [[100, 200], [50, null]]], [[err(NUM, "placed", "negative"), err(NUM, "placed")], [0.05, ""]]],
    // months_observed not a whole number of 0 or more, or text: the cohort's row
    ["VINTAGE", [col(1000, 2000), [[100, 200], [50, null]], col(1.5, 1)], [[err(NUM, "months_observed", "cohort 1"), err(NUM)], [0.025, ""]]],
    ["VINTAGE", [col(1000, 2000), [[100, 200], [50, null]], col(2, "one")], [[0.1, 0.3], [err(V, "months_observed"), err(V, "months_observed")]]],
    // A result past the largest number: 1e10 / 1e-300 → #NUM!
    ["VINTAGE", [cell(1e-300), row(1e10)], [[err(NUM, "recovery curve")]]],
    // Shapes: placed must be one column with one cell per cohort
    ["VINTAGE", [col(1000, 2000), TRIANGLE], err(V, "placed", "one column", "3")],
    ["VINTAGE", [row(1000, 2000, 2000), TRIANGLE], err(V, "placed", "one column")],
    ["VINTAGE", [PLACED, TRIANGLE, col(3, 2)], err(V, "months_observed", "one column")],
    ["VINTAGE", [PLACED, []], err(V, "recovered")],
    // pooled must be TRUE or FALSE
    ["VINTAGE", [PLACED, TRIANGLE, null, "yes"], err(V, "pooled", "TRUE or FALSE")],
    ["VINTAGE", [PLACED, TRIANGLE, null, 2], err(V, "pooled")],
  ]);
});
