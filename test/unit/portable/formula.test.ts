/** The formula tokenizer, parser and printer: awkward formulas, precedence, round trips. */
import fc from "fast-check";
import { FormulaSyntaxError, Node, parseFormula, parseReference, print, printFormula, printNumber, referenceSize } from "../../../src/portable/formula";

/** A compact, unambiguous rendering of the tree, to check how a formula was understood. */
function tree(n: Node): string {
  switch (n.type) {
    case "number":
      return `${n.value}`;
    case "string":
      return JSON.stringify(n.value);
    case "bool":
      return n.value ? "TRUE" : "FALSE";
    case "error":
      return n.code;
    case "ref":
      return `ref(${print(n)})`;
    case "name":
      return `name(${print(n)})`;
    case "structured":
      return `table(${n.text})`;
    case "call":
      return `${n.name}(${n.args.map(tree).join(", ")})`;
    case "unary":
      return `(${n.op}${tree(n.operand)})`;
    case "percent":
      return `(${tree(n.operand)}%)`;
    case "binary":
      return `(${tree(n.left)} ${n.op} ${tree(n.right)})`;
    case "array":
      return `{${n.rows.map((r) => r.map(tree).join(",")).join(";")}}`;
    case "paren":
      return tree(n.expr);
    case "missing":
      return "_";
    case "raw":
      return n.text;
  }
}

const understood = (f: string): string => tree(parseFormula(f));

describe("parseFormula", () => {
  it.each([
    ["=1+2*3", "(1 + (2 * 3))"],
    ["=(1+2)*3", "((1 + 2) * 3)"],
    ["=-2^2", "((-2) ^ 2)"],
    ["=2^-1", "(2 ^ (-1))"],
    ["=2^3^2", "((2 ^ 3) ^ 2)"],
    ["=50%*2", "((50%) * 2)"],
    ['="a"&1+2', '("a" & (1 + 2))'],
    ["=1+2=3", "((1 + 2) = 3)"],
    ["=A1<>B1", "(ref(A1) <> ref(B1))"],
    ["=A1<=-B1", "(ref(A1) <= (-ref(B1)))"],
    ["=1E-3+.5+2.5E+2", "((0.001 + 0.5) + 250)"],
    ["=$A$1+A$1+$A1", "((ref($A$1) + ref(A$1)) + ref($A1))"],
    ["=SUM(A:A,1:3,$B:$C)", "SUM(ref(A:A), ref(1:3), ref($B:$C))"],
    ["='M1 (2)'!B2:B9", "ref('M1 (2)'!B2:B9)"],
    ["=Sheet1!A1+'It''s'!$C$3", "(ref(Sheet1!A1) + ref('It''s'!$C$3))"],
    ["=[1]Sheet1!A1", "ref([1]Sheet1!A1)"],
    ["=INDEX(A1:A9,2):INDEX(A1:A9,5)", "(INDEX(ref(A1:A9), 2) : INDEX(ref(A1:A9), 5))"],
    ["=COLLECT.RECOVERYRATE(B5:B12,C5:C12)", "COLLECT.RECOVERYRATE(ref(B5:B12), ref(C5:C12))"],
    ["=_xldudf_COLLECT_RECOVERYRATE(B5,C5)", "_xldudf_COLLECT_RECOVERYRATE(ref(B5), ref(C5))"],
    ["=[2]!_xldudf_COLLECT_SCORE(A1:B1,A2:B2,A3:B3)", "[2]!_xldudf_COLLECT_SCORE(ref(A1:B1), ref(A2:B2), ref(A3:B3))"],
    ["=_xlfn.IFNA(NA(),1)", "_xlfn.IFNA(NA(), 1)"],
    ['=IF(A1,",(",")")', 'IF(ref(A1), ",(", ")")'],
    ['="say ""hi"", (twice)"', '"say \\"hi\\", (twice)"'],
    ["=IF(,1,)", "IF(_, 1, _)"],
    ["={1,2;3,-4}", "{1,2;3,-4}"],
    ['={"a",TRUE;#N/A,0.5}', '{"a",TRUE;#N/A,0.5}'],
    ["=TRUE+FALSE()", "(TRUE + FALSE())"],
    ["=#DIV/0!+#N/A", "(#DIV/0! + #N/A)"],
    ["=CollectBenchmarks", "name(CollectBenchmarks)"],
    ["=Sheet1!Rates*2", "(name(Sheet1!Rates) * 2)"],
    ["=LOG10(A1)+ATAN2(1,2)", "(LOG10(ref(A1)) + ATAN2(1, 2))"],
    ["=SUM(Sales[Amount])", "SUM(table(Sales[Amount]))"],
    ["= SUM( A1 , B2 ) ", "SUM(ref(A1), ref(B2))"],
    ["=R1C1Name", "name(R1C1Name)"],
  ])("%s", (formula, expected) => {
    expect(understood(formula)).toBe(expected);
  });

  it("reads the templates' formulas", () => {
    const f = `=IF(D6="","",IFNA(COLLECT.GRADE("contact_coverage",D6,CollectBenchmarks,"zh-CN"),"未设基准"))`;
    expect(understood(f)).toBe('IF((ref(D6) = ""), "", IFNA(COLLECT.GRADE("contact_coverage", ref(D6), name(CollectBenchmarks), "zh-CN"), "未设基准"))');
  });

  it.each([
    ["=SUM(A1:B2 B1:C3)", /intersection/],
    ['="open', /not closed/],
    ["=SUM(1,2", /expected/],
    ["=1+", /unexpected/],
    ["={1,2;3}", /differ in length/],
    ["={A1}", /array constants/],
    ["=#OOPS!", /error literal/],
    ["=", /empty/],
  ])("refuses %s", (formula, message) => {
    expect(() => parseFormula(formula)).toThrow(FormulaSyntaxError);
    expect(() => parseFormula(formula)).toThrow(message);
  });
});

describe("printFormula", () => {
  it.each([
    "=IF(D6=\"\",\"\",COLLECT.RECOVERYRATE(B6,C6))",
    "='M1 (2)'!B2:B9",
    "=SUM('It''s'!$A:$A,$1:$3)",
    "={1,2;3,-4}",
    "=-(A1+B1)%^2",
    "=_xldudf_COLLECT_SCORE($C$3:$J$3,C6:J6,$C$4:$J$4,CollectBenchmarks)",
    '="a ""quoted"" (text), too"&A1',
    "=IF(,1,)",
    "=1E-3",
  ])("prints %s back as it was written", (formula) => {
    expect(printFormula(parseFormula(formula))).toBe(formula);
  });

  it("round-trips random expressions", () => {
    const leaf = fc.oneof(
      fc.integer({ min: 0, max: 999 }).map(String),
      fc.constantFrom("A1", "$B$2", "C$3:D9", "'M1 (2)'!B2:B9", "Sheet1!A:A", "CollectBenchmarks", '"x,(y)"', '""""', "TRUE", "#N/A", "{1,2;3,4}", "2.5%")
    );
    const expr: fc.Arbitrary<string> = fc.letrec<{ e: string }>((tie) => ({
      e: fc.oneof(
        { depthSize: "small", withCrossShrink: true },
        leaf,
        fc.tuple(tie("e"), fc.constantFrom("+", "-", "*", "/", "^", "&", "=", "<>", "<=", ">="), tie("e")).map(([a, op, b]) => `${a}${op}${b}`),
        tie("e").map((e) => `(${e})`),
        tie("e").map((e) => `-${e}`),
        fc.tuple(fc.constantFrom("SUM", "IF", "COLLECT.GRADE", "_xldudf_COLLECT_KPISCORE"), fc.array(tie("e"), { maxLength: 3 })).map(([f, args]) => `${f}(${args.join(",")})`)
      ),
    })).e;
    fc.assert(
      fc.property(expr, (e) => {
        const once = printFormula(parseFormula(`=${e}`));
        expect(once).toBe(`=${e}`);
        expect(printFormula(parseFormula(once))).toBe(once);
      }),
      { numRuns: 300 }
    );
  });
});

describe("references and numbers", () => {
  it("measures references", () => {
    expect(referenceSize(parseReference("B5:D12")!)).toEqual({ rows: 8, columns: 3 });
    expect(referenceSize(parseReference("D12:B5")!)).toEqual({ rows: 8, columns: 3 });
    expect(referenceSize(parseReference("A:A")!)).toEqual({ rows: 1048576, columns: 1 });
    expect(parseReference("'Bench 2'!$A$2:$H$30")?.sheet).toBe("Bench 2");
    expect(parseReference("SUM(A1)")).toBeUndefined();
  });

  it("prints numbers without an exponent", () => {
    expect(printNumber(1e-12)).toBe("0.000000000001");
    expect(printNumber(1.5e21)).toBe("1500000000000000000000");
    expect(printNumber(-2.5e-7)).toBe("-0.00000025");
    expect(printNumber(0.003)).toBe("0.003");
    fc.assert(fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => Number(printNumber(x)) === (Object.is(x, -0) ? 0 : x)));
  });
});
