import { FIELDS, guessKind, missingRequired, normalizeHeader, suggestMapping } from "../../../src/data";
import { rawTable } from "./load";

describe("header synonyms", () => {
  test("normalizing: trim, case, spaces, _ and -, full-width letters; bare drops a bracketed unit", () => {
    expect(normalizeHeader(" Paid_On ")).toEqual({ full: "paidon", bare: "paidon" });
    expect(normalizeHeader("通话时长（秒）")).toEqual({ full: "通话时长秒", bare: "通话时长" });
    expect(normalizeHeader("Duration (s)").bare).toBe("duration");
    expect(normalizeHeader("ＤＰＤ").full).toBe("dpd");
  });

  test.each([
    ["calls", ["坐席", "借据号", "拨打时间", "通话时长（秒）", "是否接通", "本人接通", "PTP"], { collector: 0, account: 1, calledAt: 2, duration: 3, connected: 4, rightParty: 5, promise: 6 }],
    ["calls", ["Agent Name", "Loan ID", "Called At", "Talk Time", "Answered", "RPC"], { collector: 0, account: 1, calledAt: 2, duration: 3, connected: 4, rightParty: 5 }],
    ["payments", ["员工姓名", "实还金额", "回款日期", "交易流水号"], { collector: 0, amount: 1, paidOn: 2, paymentId: 3 }],
    ["cases", ["催收人员", "合同号", "委案日期", "剩余本金", "回款目标", "账龄", "催收机构", "产品类型"], { collector: 0, account: 1, placedOn: 2, balance: 3, target: 4, bucket: 5, agency: 6, product: 7 }],
  ] as const)("%s: %j", (kind, headers, expected) => {
    expect(suggestMapping(kind, headers)).toEqual(expected);
  });

  test("an exact synonym wins over a header that merely contains one (接通 inside 本人接通)", () => {
    expect(suggestMapping("calls", ["本人接通", "接通"])).toMatchObject({ rightParty: 0, connected: 1 });
  });

  test("a header containing a synonym is suggested when nothing matches exactly", () => {
    expect(suggestMapping("payments", ["催收员姓名 (组长审核)", "本月回款金额", "还款日期"])).toEqual({ collector: 0, amount: 1, paidOn: 2 });
  });

  test("a header goes to one field only", () => {
    const m = suggestMapping("payments", ["date"]);
    expect(Object.keys(m)).toEqual(["paidOn"]);
  });

  test("the fixtures' headers, Chinese and English, map every column", async () => {
    for (const [file, kind, width] of [
      ["cases.zh.gbk.csv", "cases", 9],
      ["cases.en.csv", "cases", 9],
      ["payments.zh.gbk.csv", "payments", 5],
      ["payments.en.csv", "payments", 5],
      ["calls.zh.gbk.csv", "calls", 9],
      ["calls.en.csv", "calls", 9],
    ] as const) {
      const t = await rawTable(file);
      expect(guessKind(t.headers)).toBe(kind);
      const m = suggestMapping(kind, t.headers);
      expect(Object.values(m).sort((a, b) => (a as number) - (b as number))).toEqual(Array.from({ length: width }, (_, i) => i));
      expect(missingRequired(kind, m)).toEqual([]);
    }
  });

  test("guessKind: undefined for headers of no export", () => {
    expect(guessKind(["name", "email", "phone"])).toBeUndefined();
    expect(guessKind([])).toBeUndefined();
  });

  test("missingRequired names each required field without a column (or with one past the headers)", () => {
    expect(missingRequired("calls", { collector: 0, account: 1 })).toEqual(["calledAt", "duration"]);
    expect(missingRequired("payments", { collector: 0, amount: 1, paidOn: 9 }, 3)).toEqual(["paidOn"]);
    expect(missingRequired("cases", {})).toEqual(["collector", "account", "placedOn"]);
  });

  test("required fields per kind are as the brief says", () => {
    const required = (k: keyof typeof FIELDS) => FIELDS[k].filter((f) => f.required).map((f) => f.id);
    expect(required("cases")).toEqual(["collector", "account", "placedOn"]);
    expect(required("payments")).toEqual(["collector", "amount", "paidOn"]);
    expect(required("calls")).toEqual(["collector", "account", "calledAt", "duration"]);
  });
});
