/**
 * The simulator's charts and colour scales (issue 15), as the Excel JavaScript API reference
 * describes them: charts.add makes one series per column or row of its source, getItemAt past
 * the last series fails, setPosition places at a cell (and sizes to an end cell), the 1.7 and
 * 1.8 members fail the sync on an older Excel, and a colour scale's criteria colour numbers only.
 */
import { SimWorkbook, colorScaleFill, createSimHost, formatAddress, runSim } from "../../src/excel-sim";

function book(): SimWorkbook {
  const b = new SimWorkbook(["Data"]);
  const sheet = b.requireSheet("Data");
  // A1:C4: a header row and three rows of numbers.
  b.setCellInput(sheet.id, 0, 0, "Month");
  for (let r = 1; r <= 3; r++) for (let c = 0; c < 3; c++) b.setCellInput(sheet.id, r, c, r * 10 + c);
  return b;
}

describe("worksheet.charts", () => {
  test.each([
    ["Columns", ["A2:A4", "B2:B4", "C2:C4"]],
    ["Rows", ["A2:C2", "A3:C3", "A4:C4"]],
    ["Auto", ["A2:A4", "B2:B4", "C2:C4"]],
  ] as const)("add(type, source, %s): a series per column or row, named Series1 …", async (by, values) => {
    const b = book();
    await runSim(b, async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItem("Data");
      sheet.charts.add("Line", sheet.getRange("A2:C4"), by);
      await ctx.sync();
    });
    const chart = b.requireSheet("Data").charts[0];
    expect(chart.name).toBe("Chart 1");
    expect(chart.series.map((s) => formatAddress(s.values!.rect))).toEqual(values);
    expect(chart.series.map((s) => s.name)).toEqual(["Series1", "Series2", "Series3"]);
    expect([chart.width, chart.height]).toEqual([360, 216]);
  });

  test("series, title, legend, axis format, position: what the writer sets, and items/name loads", async () => {
    const b = book();
    const names = await runSim(b, async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItem("Data");
      const chart = sheet.charts.add("ColumnClustered", sheet.getRange("B2:B4"), "Columns");
      chart.name = "mine";
      chart.title.text = "Title";
      chart.legend.position = "Bottom";
      chart.axes.valueAxis.numberFormat = "0%";
      const s = chart.series.add("Second");
      s.setValues(sheet.getRange("C2:C4"));
      s.setXAxisValues(sheet.getRange("A2:A4"));
      s.chartType = "Line";
      s.format.line.lineStyle = "Dash";
      chart.setPosition("B6", "D10");
      const all = sheet.charts.load("items/name");
      await ctx.sync();
      return all.items.map((c) => c.name);
    });
    expect(names).toEqual(["mine"]);
    const chart = b.requireSheet("Data").charts[0];
    expect(chart).toMatchObject({ name: "mine", title: "Title", legendPosition: "Bottom", valueAxisNumberFormat: "0%", anchor: { row: 5, column: 1 } });
    // B6 to the far edge of D10: three 48-point columns, five 15-point rows.
    expect([chart.left, chart.top, chart.width, chart.height]).toEqual([48, 75, 144, 75]);
    expect(chart.series[1]).toMatchObject({ name: "Second", chartType: "Line", line: { lineStyle: "Dash" } });
    expect(formatAddress(chart.series[1].values!.rect)).toBe("C2:C4");
  });

  test("getItemAt past the last series fails the sync (ItemNotFound); a block as a series' values is refused", async () => {
    const b = book();
    await expect(
      runSim(b, async (ctx) => {
        const sheet = ctx.workbook.worksheets.getItem("Data");
        sheet.charts.add("Line", sheet.getRange("B2:B4"), "Columns").series.getItemAt(1).name = "x";
        await ctx.sync();
      })
    ).rejects.toMatchObject({ code: "ItemNotFound" });
    await expect(
      runSim(b, async (ctx) => {
        const sheet = ctx.workbook.worksheets.getItem("Data");
        sheet.charts.add("Line", sheet.getRange("B2:B4"), "Columns").series.getItemAt(0).setValues(sheet.getRange("B2:C4"));
        await ctx.sync();
      })
    ).rejects.toMatchObject({ code: "InvalidArgument" });
  });

  test.each([
    ["1.6", "ChartSeriesCollection.add"],
    ["1.7", "ChartAxis.numberFormat"],
  ])("on ExcelApi %s, %s fails the sync with ApiNotFound", async (version, member) => {
    const b = book();
    const host = createSimHost(b, { excelApi: version });
    await expect(
      host.run(async (ctx) => {
        const sheet = ctx.workbook.worksheets.getItem("Data");
        const chart = sheet.charts.add("Line", sheet.getRange("B2:B4"), "Columns");
        if (member.startsWith("ChartSeries")) chart.series.add("x");
        else chart.axes.valueAxis.numberFormat = "0%";
        await ctx.sync();
      })
    ).rejects.toMatchObject({ code: "ApiNotFound" });
  });
});

describe("colour scales", () => {
  const criteria = {
    minimum: { type: "LowestValue", color: "#F8696B" },
    midpoint: { type: "Percentile", formula: "50", color: "#FFEB84" },
    maximum: { type: "HighestValue", color: "#63BE7B" },
  };

  test("the ends take their colours, the midpoint (50th percentile) yellow, text none", () => {
    const block = [10, 20, 30, 40, 50];
    expect(colorScaleFill(criteria, 10, block)).toBe("#F8696B");
    expect(colorScaleFill(criteria, 30, block)).toBe("#FFEB84");
    expect(colorScaleFill(criteria, 50, block)).toBe("#63BE7B");
    expect(colorScaleFill(criteria, 40, block)).toBe("#B1D580");
    expect(colorScaleFill(criteria, "", block)).toBeUndefined();
    // Every value the same: the minimum's colour, as Excel shows a flat block.
    expect(colorScaleFill(criteria, 5, [5, 5])).toBe("#F8696B");
  });

  test("added through the API: ColorScale formats read criteria; a CellValue format has no colour scale", async () => {
    const b = book();
    await runSim(b, async (ctx) => {
      const range = ctx.workbook.worksheets.getItem("Data").getRange("A2:C4");
      range.conditionalFormats.add("ColorScale").colorScale.criteria = criteria as Excel.ConditionalColorScaleCriteria;
      expect(() => range.conditionalFormats.add("CellValue").colorScale).toThrow(/not a color scale/);
      await ctx.sync();
    });
    const sheet = b.requireSheet("Data");
    expect(sheet.effectiveFormat(1, 0).fill).toBe("#F8696B");
    expect(sheet.effectiveFormat(3, 2).fill).toBe("#63BE7B");
    expect(sheet.effectiveFormat(0, 0).fill).toBeUndefined();
  });

  test("a colour that is not #RRGGBB is refused", async () => {
    const b = book();
    await expect(
      runSim(b, async (ctx) => {
        ctx.workbook.worksheets.getItem("Data").getRange("A2:C4").conditionalFormats.add("ColorScale").colorScale.criteria = {
          minimum: { type: "LowestValue", color: "red" },
          maximum: { type: "HighestValue", color: "#63BE7B" },
        };
        await ctx.sync();
      })
    ).rejects.toMatchObject({ code: "InvalidArgument" });
  });
});
