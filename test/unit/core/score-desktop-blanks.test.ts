/**
 * SCORE skips a cell whose metric id is blank, with its value and weight. Excel on the web
 * hands an empty cell inside a range over as null; Excel desktop hands it over as 0
 * (OfficeDev/office-js issues 4702, 5262, 1951). Both must give the same composite, through
 * the core and through functions.ts.
 */
import { DIV, NA, V, callCore, callExcel, check, err, outcome } from "./harness";

const paths = ["core", "excel"] as const;
const call = (path: (typeof paths)[number], args: unknown[]) => outcome(path, () => (path === "core" ? callCore : callExcel)("SCORE", args));

/** The blank cell as each host hands it over. */
const BLANKS: [string, unknown][] = [
  ["web (null)", null],
  ["desktop (0)", 0],
  ["empty text", ""],
];

describe.each(paths)("SCORE through %s: a blank metric id is skipped, however the host hands it over", (path) => {
  // recovery 0.9 against meets 0.85: 100 × 0.9 / 0.85.
  const alone = (100 * 0.9) / 0.85;

  test.each(BLANKS)("metrics [[recovery_achievement, blank]] with a blank id from %s", (_host, blank) => {
    for (const [, value] of BLANKS) {
      for (const [, weight] of BLANKS) {
        const where = `id ${String(blank)}, value ${String(value)}, weight ${String(weight)}`;
        check(path, call(path, [[["recovery_achievement", blank]], [[0.9, value]], [[1, weight]]]), alone, where);
      }
    }
  });

  test("null and 0 in the id cell give the same result, whatever the skipped column's value and weight", () => {
    for (const value of [null, 0, 0.5, "", "text", -1]) {
      for (const weight of [null, 0, 3, 1e308]) {
        const web = call(path, [[["recovery_achievement", null]], [[0.9, value]], [[2, weight]]]);
        const desktop = call(path, [[["recovery_achievement", 0]], [[0.9, value]], [[2, weight]]]);
        expect({ value, weight, desktop }).toEqual({ value, weight, desktop: web });
        check(path, desktop, alone, `value ${String(value)}, weight ${String(weight)}`);
      }
    }
  });

  test("a desktop blank in a column of metrics, with 0 in the skipped value and weight", () => {
    // (1 × 100 + 1 × 50) / 2: complaint 0.006 against meets 0.003 is 50.
    const ids = [["recovery_achievement"], [0], ["complaint_rate"], [0]];
    const values = [[0.85], [0], [0.006], [0]];
    const weights = [[1], [0], [1], [0]];
    check(path, call(path, [ids, values, weights]), 75, "column");
  });

  test("a row of metrics that is all blank on desktop has no weight at all: #DIV/0!", () => {
    check(path, call(path, [[[0, 0]], [[0, 0]], [[0, 0]]]), err(DIV), "all blank");
  });

  test("desktop blanks do not hide real problems of the cells that are scored", () => {
    // The scored cell's own value is blank (0 would be a value: 0 % recovered).
    check(path, call(path, [[["recovery_achievement", 0]], [[null, 0]], [[1, 0]]]), err(V, "recovery_achievement"), "value blank");
    check(path, call(path, [[["recovery_achievement", 0]], [[0, 0]], [[1, 0]]]), 0, "value 0");
    // A number other than 0 is not a blank: it is not a metric id.
    check(path, call(path, [[["recovery_achievement", 1]], [[0.9, 0.9]], [[1, 1]]]), err(V, "metrics"), "id 1");
    // An unknown id is still #N/A.
    check(path, call(path, [[["recovery_achievement", "nope"]], [[0.9, 0.9]], [[1, 1]]]), err(NA, "nope"), "unknown id");
  });
});
