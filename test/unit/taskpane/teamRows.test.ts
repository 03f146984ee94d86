/**
 * The pure parts of Refresh's new collector rows (src/taskpane/teamRows.ts): moving a row's
 * formulas down, the team table names, a reporting month from its serial. Expected texts are
 * written out by hand.
 */
import { translateRows as shiftRows } from "../../../src/portable/formula";
import { isTeamTable, monthOfSerial, noteLanguage } from "../../../src/taskpane/teamRows";
import { STRINGS } from "../../../src/templates/strings";

// Refresh copies the table's last row down with the formula tool the simulator's calculated columns use.
describe("shiftRows (translateRows)", () => {
  test("relative rows move, absolute rows and columns stay", () => {
    expect(shiftRows('=IF(F6="","",COLLECT.RECOVERYRATE(E6,F6))', 1)).toBe('=IF(F7="","",COLLECT.RECOVERYRATE(E7,F7))');
    // The data-bound input: the label $A6 moves, the month cell $B$2 does not.
    expect(shiftRows("=SUMIFS(CK_Payments_Amount,CK_Payments_Collector,$A6,CK_Payments_Month,$B$2)", 3)).toBe("=SUMIFS(CK_Payments_Amount,CK_Payments_Collector,$A9,CK_Payments_Month,$B$2)");
    // The composite: ids and weights ($T$3:$AA$3, $T$4:$AA$4) stay, its own row T6:AA6 moves.
    expect(shiftRows('=IF(COUNT(T6:AA6)=0,"",COLLECT.SCORE($T$3:$AA$3,T6:AA6,$T$4:$AA$4,CollectBenchmarks))', 2)).toBe(
      '=IF(COUNT(T8:AA8)=0,"",COLLECT.SCORE($T$3:$AA$3,T8:AA8,$T$4:$AA$4,CollectBenchmarks))'
    );
  });

  test("structured references, names, text and other sheets' absolute cells are not references to move", () => {
    expect(shiftRows('=IF(Q5="","",SUMPRODUCT(ISNUMBER(CK_M1[[Recovery achievement rate]])*(CK_M1[[Recovery achievement rate]]>Q5))+1)', 1)).toBe(
      '=IF(Q6="","",SUMPRODUCT(ISNUMBER(CK_M1[[Recovery achievement rate]])*(CK_M1[[Recovery achievement rate]]>Q6))+1)'
    );
    expect(shiftRows('=IF(A5="A5","B5",Benchmarks!$C$7)', 1)).toBe('=IF(A6="A5","B5",Benchmarks!$C$7)');
    expect(shiftRows("=CollectBenchmarks", 4)).toBe("=CollectBenchmarks");
  });

  test("the forms Excel may show inside the same table (no table name, [@…]) stay as they are (the docs do not say which form range.formulas returns)", () => {
    expect(shiftRows('=IF(Q5="","",SUMPRODUCT(ISNUMBER([Recovery achievement rate])*([Recovery achievement rate]>Q5))+1)', 1)).toBe(
      '=IF(Q6="","",SUMPRODUCT(ISNUMBER([Recovery achievement rate])*([Recovery achievement rate]>Q6))+1)'
    );
    expect(shiftRows('=IF([@[Target (¥)]]="","",COLLECT.RECOVERYRATE(K5,[@[Target (¥)]]))', 2)).toBe('=IF([@[Target (¥)]]="","",COLLECT.RECOVERYRATE(K7,[@[Target (¥)]]))');
  });

  test("a constant is returned as it is", () => {
    expect(shiftRows("A5", 1)).toBe("A5");
    expect(shiftRows("=A5", 0)).toBe("=A5");
  });
});

describe("team tables and months", () => {
  test("the writer's names of team tables, with the suffix a second copy gets; nothing else", () => {
    for (const name of ["CK_M1", "ck_scorecard", "CK_M2M3_2", "CK_Agencies_12"]) expect([name, isTeamTable(name)]).toEqual([name, true]);
    for (const name of ["CK_Payments", "CK_M1x", "CollectBenchmarksTable", "CK_M1_", "Table1"]) expect([name, isTeamTable(name)]).toEqual([name, false]);
  });

  test("an Excel serial's month; no month for text, blank or 0", () => {
    // 46296 = 2026-10-01 (45658 = 2025-01-01, + 365 + 273 days); 46326 = 2026-10-31; 46327 = 2026-11-01.
    expect([monthOfSerial(46296), monthOfSerial(46326), monthOfSerial(46327)]).toEqual(["2026-10", "2026-10", "2026-11"]);
    expect([monthOfSerial("2026-10"), monthOfSerial(null), monthOfSerial(0), monthOfSerial(""), monthOfSerial(Number.NaN)]).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });
});

describe("noteLanguage: only the note the template wrote is rewritten by Refresh", () => {
  test("the English and the Chinese note, with or without a source", () => {
    expect(noteLanguage(STRINGS.en.data.note("payments.csv · 5 rows · 2026-11-30 21:03"))).toBe("en");
    expect(noteLanguage(STRINGS.zh.data.note("回款.csv · 5 行 · 2026-11-30 21:03"))).toBe("zh");
    expect(noteLanguage(STRINGS.en.data.note(undefined))).toBe("en");
  });

  test("anything else the analyst typed there is not a note", () => {
    for (const text of ["Targets from the October plan", "Data: payments.csv", "", 46296, null, `${STRINGS.en.data.note("x")} (checked)`]) {
      expect([text, noteLanguage(text)]).toEqual([text, undefined]);
    }
  });
});
