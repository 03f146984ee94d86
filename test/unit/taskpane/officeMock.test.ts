/**
 * The writer against Microsoft's office-addin-mock, as the shared-runtime template tests its
 * task pane: "Insert into active cell" reads the active cell and the sheet names, then writes it only when empty.
 */
import { OfficeMockObject } from "office-addin-mock";

// office-addin-mock needs only the OfficeApp enum from office-addin-manifest, whose main
// entry pulls in an ESM-only dependency (strip-bom) that jest on Node 20 cannot require.
// Load just the enum's own CommonJS file instead.
jest.mock("office-addin-manifest", () => jest.requireActual("office-addin-manifest/lib/officeApp"));
import type { XlRequestContext } from "../../../src/taskpane/excelApi";
import type { Host } from "../../../src/taskpane/host";
import { ParsedArgument, insertFunctionCall, parseArgument, readSelection } from "../../../src/taskpane/writer";

function mockHost(cell: { address: string; formulas: unknown[][]; values: unknown[][] }): { host: Host; mock: OfficeMockObject } {
  const mock = new OfficeMockObject({
    context: {
      workbook: {
        range: { ...cell },
        selected: { address: "Sheet1!B2:B9" },
        worksheets: { items: [{ name: "Sheet1" }] },
        getActiveCell: function () {
          return (this as { range: unknown }).range;
        },
        getSelectedRange: function () {
          return (this as { selected: unknown }).selected;
        },
      },
    },
  });
  const host: Host = {
    // The mock is untyped; it stands in for Excel's RequestContext here only.
    run: (batch) => batch((mock as unknown as { context: XlRequestContext }).context),
    isSetSupported: () => true,
    displayLanguage: "en-US",
  };
  return { host, mock };
}

const range = (mock: OfficeMockObject) => (mock as unknown as { context: { workbook: { range: { formulas: unknown } } } }).context.workbook.range;

const ARGS = ["B2:B9", "C2:C9"].map((t) => parseArgument(t) as ParsedArgument);

test("writes the call with its arguments into an empty active cell", async () => {
  const { host, mock } = mockHost({ address: "Sheet1!B14", formulas: [[""]], values: [[""]] });
  const result = await insertFunctionCall(host, "PTPRATE", ARGS);
  expect(result).toMatchObject({ written: true, address: "B14", formula: "=COLLECT.PTPRATE(B2:B9,C2:C9)" });
  expect(range(mock).formulas).toEqual([["=COLLECT.PTPRATE(B2:B9,C2:C9)"]]);
});

test("Use selection reads Excel's selected range (getSelectedRange)", async () => {
  const { host } = mockHost({ address: "Sheet1!B14", formulas: [[""]], values: [[""]] });
  expect(await readSelection(host)).toBe("Sheet1!B2:B9");
});

test("leaves a non-empty active cell alone", async () => {
  const { host, mock } = mockHost({ address: "Sheet1!C2", formulas: [["=SUM(A:A)"]], values: [[10]] });
  const result = await insertFunctionCall(host, "PTPRATE", ARGS);
  expect(result).toEqual({ written: false, address: "C2", reason: "notEmpty", syncs: 1 });
  expect(range(mock).formulas).toEqual([["=SUM(A:A)"]]);
});
