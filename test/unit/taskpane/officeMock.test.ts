/**
 * The writer against Microsoft's office-addin-mock, as the shared-runtime template tests its
 * task pane: the skeleton path reads the active cell, then writes it only when empty.
 */
import { OfficeMockObject } from "office-addin-mock";

// office-addin-mock needs only the OfficeApp enum from office-addin-manifest, whose main
// entry pulls in an ESM-only dependency (strip-bom) that jest on Node 20 cannot require.
// Load just the enum's own CommonJS file instead.
jest.mock("office-addin-manifest", () => jest.requireActual("office-addin-manifest/lib/officeApp"));
import type { XlRequestContext } from "../../../src/taskpane/excelApi";
import type { Host } from "../../../src/taskpane/host";
import { insertFormulaSkeleton } from "../../../src/taskpane/writer";

function mockHost(cell: { address: string; formulas: unknown[][]; values: unknown[][] }): { host: Host; mock: OfficeMockObject } {
  const mock = new OfficeMockObject({
    context: {
      workbook: {
        range: { ...cell },
        getActiveCell: function () {
          return (this as { range: unknown }).range;
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

test("writes the skeleton into an empty active cell", async () => {
  const { host, mock } = mockHost({ address: "Sheet1!B4", formulas: [[""]], values: [[""]] });
  const result = await insertFormulaSkeleton(host, "PTPRATE");
  expect(result).toMatchObject({ written: true, address: "B4", formula: "=COLLECT.PTPRATE(promises, contacted)" });
  expect(range(mock).formulas).toEqual([["=COLLECT.PTPRATE(promises, contacted)"]]);
});

test("leaves a non-empty active cell alone", async () => {
  const { host, mock } = mockHost({ address: "Sheet1!C2", formulas: [["=SUM(A:A)"]], values: [[10]] });
  const result = await insertFormulaSkeleton(host, "PTPRATE");
  expect(result).toEqual({ written: false, address: "C2", syncs: 1 });
  expect(range(mock).formulas).toEqual([["=SUM(A:A)"]]);
});
