/**
 * ROLLRATES and LOSSFACTORS (metrics.md section 2, portfolio): spilled results whose
 * errors stay in their own cells. Worked by hand.
 */
import { DIV, NUM, V, cell, col, err, row, runCases } from "./harness";

// Month-end balances, rows = months (oldest first), columns = current, M1, M2.
//            current   M1   M2
const BALANCES = [
  [1000, 100, 50], // month 1
  [1050, 80, 60], //  month 2
  [1100, 40, 20], //  month 3
];
// With month 2's M1 balance 0: the roll rate out of it cannot be computed.
const WITH_ZERO = [
  [1000, 100, 50],
  [1050, 0, 60],
  [1100, 40, 20],
];

describe("ROLLRATES: cell (t, n) = balances[t+1][n+1] / balances[t][n]", () => {
  runCases([
    // (0,0) = 80 / 1000;  (0,1) = 60 / 100
    // (1,0) = 40 / 1050;  (1,1) = 20 / 80
    ["ROLLRATES", [BALANCES], [
      [80 / 1000, 60 / 100],
      [40 / 1050, 20 / 80],
    ]],
    // a zero denominator is #DIV/0! in its own cell only:
    // (0,0) = 0 / 1000 = 0;  (0,1) = 60 / 100 = 0.6
    // (1,0) = 40 / 1050;     (1,1) = 20 / 0 → #DIV/0!
    ["ROLLRATES", [WITH_ZERO], [
      [0, 0.6],
      [40 / 1050, err(DIV, "balances", "bucket 2", "month 2")],
    ]],
    // a blank balance is 0 (null and "" alike)
    ["ROLLRATES", [[[1000, 100, 50], [1050, null, 60], [1100, 40, ""]]], [
      [0, 0.6],
      [40 / 1050, err(DIV, "balances")],
    ]],
    // text at month 2 / M1 errors the two cells that use it (as next of (0,0), as prior of (1,1))
    ["ROLLRATES", [[[1000, 100, 50], [1050, "n/a", 60], [1100, 40, 20]]], [
      [err(V, "balances", "row 2, column 2"), 0.6],
      [40 / 1050, err(V, "balances", "row 2, column 2")],
    ]],
    // a negative balance likewise, with #NUM!
    ["ROLLRATES", [[[1000, 100, 50], [1050, -5, 60], [1100, 40, 20]]], [
      [err(NUM, "balances", "negative"), 0.6],
      [40 / 1050, err(NUM, "balances", "negative")],
    ]],
    // a rate too large for Excel: 1e308 / 0.5 → #NUM! in that cell only; (0,1) = 1 / 1 = 1
    ["ROLLRATES", [[[0.5, 1], [1, 1e308]]], [[err(NUM, "roll rate")]]],
    ["ROLLRATES", [[[0.5, 1, 1], [1, 1e308, 1]]], [[err(NUM, "roll rate"), 1]]],
    // 2 months × 2 buckets is the smallest grid: 30 / 100
    ["ROLLRATES", [[[100, 10], [90, 30]]], [[0.3]]],
    // more buckets than months: (0,n) = balances[1][n+1] / balances[0][n] = 10/100, 4/20, 3/6
    ["ROLLRATES", [[[100, 20, 6, 1], [110, 10, 4, 3]]], [[10 / 100, 4 / 20, 3 / 6]]],
    // too small a grid: one month or one bucket is #VALUE! for the whole result
    ["ROLLRATES", [row(1000, 100, 50)], err(V, "balances", "2 rows")],
    ["ROLLRATES", [col(1000, 1050, 1100)], err(V, "balances", "2 columns")],
    ["ROLLRATES", [cell(1000)], err(V, "balances")],
  ]);
});

describe("LOSSFACTORS: factor i = r_i × … × r_k, in the input's orientation", () => {
  runCases([
    // rates 0.2, 0.5, 0.4: factors 0.2 × 0.5 × 0.4 = 0.04, 0.5 × 0.4 = 0.2, 0.4
    ["LOSSFACTORS", [row(0.2, 0.5, 0.4)], [[0.04, 0.2, 0.4]]],
    // the same as a column gives a column
    ["LOSSFACTORS", [col(0.2, 0.5, 0.4)], [[0.04], [0.2], [0.4]]],
    // one rate is its own factor
    ["LOSSFACTORS", [cell(0.3)], [[0.3]]],
    // roll rates may exceed 1: 1.5 × 0.5 = 0.75, 0.5
    ["LOSSFACTORS", [row(1.5, 0.5)], [[0.75, 0.5]]],
    // a blank rate is 0: 0.2 × 0 × 0.4 = 0, 0 × 0.4 = 0, 0.4
    ["LOSSFACTORS", [row(0.2, null, 0.4)], [[0, 0, 0.4]]],
    // a bad rate errors itself and the factors before it (their products include it), never those after
    ["LOSSFACTORS", [row(0.2, "x", 0.4)], [[err(V, "roll_rates"), err(V, "roll_rates", "column 2"), 0.4]]],
    ["LOSSFACTORS", [col(0.2, 0.5, -0.4)], [[err(NUM, "roll_rates")], [err(NUM, "roll_rates")], [err(NUM, "roll_rates", "row 3")]]],
    ["LOSSFACTORS", [row(true, 0.5, 0.4)], [[err(V, "roll_rates"), 0.2, 0.4]]],
    // a product beyond the largest number: 1e308 × 10 → #NUM! in that factor and those before it
    ["LOSSFACTORS", [row(0.5, 1e308, 10)], [[err(NUM), err(NUM), 10]]],
    // a block is neither one row nor one column
    ["LOSSFACTORS", [[[0.2, 0.5], [0.4, 0.1]]], err(V, "roll_rates", "one row or one column")],
  ]);
});
