import { decodeBytes } from "../../../src/data";
import { bytes } from "./load";

describe("decodeBytes", () => {
  test("UTF-8 without a BOM", () => {
    const r = decodeBytes(new TextEncoder().encode("催收员,amount\n张伟,1\n"));
    expect(r).toEqual({ ok: true, text: "催收员,amount\n张伟,1\n", encoding: "utf-8" });
  });

  test("UTF-8 with a BOM: the BOM is stripped (calls.en.csv)", () => {
    const r = decodeBytes(bytes("calls.en.csv"));
    expect(r.ok && r.encoding).toBe("utf-8");
    expect(r.ok && r.text.startsWith("Call ID,Agent")).toBe(true);
  });

  test("GBK bytes (Chinese Excel's CSV) decode as GB18030", () => {
    const r = decodeBytes(bytes("payments.zh.gbk.csv"));
    expect(r.ok && r.encoding).toBe("gb18030");
    expect(r.ok && r.text.split("\n")[0]).toBe("回款流水号,案件编号,催收员,回款金额,还款日期");
    expect(r.ok && r.text).toContain("￥3,450.50");
  });

  test("a pure-ASCII file is UTF-8", () => {
    expect(decodeBytes(new TextEncoder().encode("a,b\n1,2")).ok).toBe(true);
  });

  test("0 bytes: empty-file", () => {
    expect(decodeBytes(bytes("empty.csv"))).toMatchObject({ ok: false, problem: { code: "empty-file" } });
  });

  test("UTF-16 (a BOM of either byte order): unknown-encoding, and the message says UTF-16", () => {
    for (const b of [bytes("utf16.csv"), Uint8Array.of(0xfe, 0xff, 0, 0x61)]) {
      const r = decodeBytes(b);
      expect(r).toMatchObject({ ok: false, problem: { code: "unknown-encoding", value: "UTF-16" } });
      expect(!r.ok && r.problem.message).toMatch(/UTF-16/);
    }
  });

  test("binary bytes (NULs, control codes): unknown-encoding, not GB18030 garbage", () => {
    expect(decodeBytes(bytes("binary.csv"))).toMatchObject({ ok: false, problem: { code: "unknown-encoding" } });
  });

  test("a UTF-8 BOM followed by invalid UTF-8 is not guessed as GBK", () => {
    expect(decodeBytes(Uint8Array.of(0xef, 0xbb, 0xbf, 0xd5, 0xc5, 0xff))).toMatchObject({ ok: false, problem: { code: "unknown-encoding" } });
  });
});
