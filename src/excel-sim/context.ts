/**
 * Office.js-style proxies over a SimWorkbook: the request context, worksheets, ranges,
 * names, tables, formats, validation and conditional formats that the task pane's writer
 * uses (the XlRequestContext subset), with Office.js semantics:
 *
 * - writes and method calls are queued and reach the workbook only at `context.sync()`,
 *   in order; the first failing one rejects the sync and drops the rest (earlier ones stay);
 * - a property is readable only after `load()` and the sync that follows (else
 *   PropertyNotLoaded), or after the caller set it on that proxy;
 * - `*OrNullObject` proxies report `isNullObject` after the sync; using a null object throws
 *   ItemNotFound at the sync;
 * - `formulas` of a cell without a formula of its own is its value (a spilled cell's too);
 *   spills (ExcelApi 1.12) and special cells (1.9) as documented; an API above the context's
 *   `excelApi` fails its sync with ApiNotFound;
 * - on a host profile with a payload limit (Excel on the web, 5 MB), a larger request or
 *   response fails the sync with RequestPayloadSizeLimitExceeded / ResponsePayloadSizeLimitExceeded.
 *
 * Every sync and every applied range write is counted in `workbook.stats` and logged.
 */
import type {
  XlCellValue,
  XlCellValueConditionalFormat,
  XlChart,
  XlChartCollection,
  XlChartSeries,
  XlChartSeriesCollection,
  XlChartType,
  XlColorScaleConditionalFormat,
  XlConditionalFormat,
  XlConditionalFormatCollection,
  XlDataValidation,
  XlFreezePanes,
  XlNamedItem,
  XlNamedItemCollection,
  XlRange,
  XlRangeAreas,
  XlRangeCollection,
  XlRangeFill,
  XlRangeFont,
  XlRangeFormat,
  XlRequestContext,
  XlSetting,
  XlSettingCollection,
  XlSpecialCellType,
  XlSpecialCellValueType,
  XlTable,
  XlTableCollection,
  XlTableRow,
  XlTableRowCollection,
  XlWorkbook,
  XlWorksheet,
  XlWorksheetCollection,
} from "../taskpane/excelApi";
import { MAX_COLUMNS, MAX_ROWS, Rect, contains, formatAddress, intersects, parseAddress, qualifiedAddress, rectsOfCells } from "./a1";
import { SimError, notLoaded } from "./errors";
import { payloadBytes as countBytes, utf8Bytes } from "../hosts/payload";
import { SimCellFormat, SimConditionalFormat, SimName, SimSheet, SimTable, SimValue, SimWorkbook } from "./model";
import { DEFAULT_CHART_SIZE, SimChart, SimChartRef, SimChartSeries, SimColorScaleCriteria } from "./charts";
import { SpillMap, spillMap } from "./spill";
import { tableParts } from "./structured";

type Op = () => void;

interface QueuedOp {
  readonly op: Op;
  /** What the request carries for this op (a written grid, a format value), counted against the payload limit. */
  readonly request?: unknown;
  /** True for an op that changes nothing (resolving a proxy, loading): cached spill areas stay valid. */
  readonly read: boolean;
}

/** A load's values, delivered with the sync's response. */
interface Delivery {
  readonly bytes: () => number;
  readonly deliver: () => void;
}

export interface SimContextOptions {
  /** The highest ExcelApi version the host supports (createSimHost's excelApi; default "1.17"). */
  readonly excelApi?: string;
}

/** "1.10" >= "1.9": compares dotted versions numerically (also what createSimHost's isSetSupported answers with). */
export function versionAtLeast(version: string, minimum: string): boolean {
  const a = version.split(".").map(Number);
  const b = minimum.split(".").map(Number);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x !== y) return x > y;
  }
  return true;
}

/**
 * Roughly the bytes a value takes in Office's JSON payload (src/hosts/payload.ts); plain objects
 * count as their JSON. Proxies (collection items) count 0 here: their loaded properties count
 * where they are loaded.
 */
export function payloadBytes(value: unknown): number {
  return countBytes(value, (object) => {
    if (object instanceof SimProxy) return 0;
    try {
      return utf8Bytes(JSON.stringify(object) ?? "");
    } catch {
      return 0;
    }
  });
}

export class SimRequestContext implements XlRequestContext {
  readonly workbook: WorkbookProxy;
  private queue: QueuedOp[] = [];
  /** Syncs made on this context. */
  syncCount = 0;
  /** The highest ExcelApi version this context answers (isSetSupported's, from createSimHost). */
  readonly excelApi: string;
  /** Loaded values waiting for the sync's response (undefined outside a sync). */
  private responses: Delivery[] | undefined;
  /** Spill areas per sheet, valid until an op that may change the workbook runs. */
  private readonly spills = new Map<SimSheet, SpillMap>();

  constructor(
    readonly book: SimWorkbook,
    options: SimContextOptions = {}
  ) {
    this.workbook = new WorkbookProxy(this);
    this.excelApi = options.excelApi ?? "1.17";
  }

  /** @internal `request`: the data the op sends (counted against a payload limit); `read`: the op changes nothing. */
  enqueue(op: Op, options: { readonly request?: unknown; readonly read?: boolean } = {}): void {
    this.queue.push({ op, request: options.request, read: options.read === true });
  }

  get hasPendingRequests(): boolean {
    return this.queue.length > 0;
  }

  /**
   * Runs the queued ops in order. On a host with a payload limit (Excel on the web, 5 MB:
   * hosts/profiles.ts), a request whose data exceeds it fails before anything runs (the queued
   * ops are dropped, the workbook unchanged), and a response whose loaded values exceed it
   * fails the sync with none of them delivered, as RichApi.Error RequestPayloadSizeLimitExceeded
   * and ResponsePayloadSizeLimitExceeded do. Bytes are counted roughly as the JSON of the values
   * written and of the values loaded.
   */
  async sync(): Promise<void> {
    const ops = this.queue;
    this.queue = [];
    this.syncCount++;
    this.book.stats.syncs++;
    await Promise.resolve(); // a round trip: never synchronous
    const limit = this.book.host.payloadLimitBytes;
    if (limit !== undefined) {
      let request = 0;
      for (const o of ops) if (o.request !== undefined) request += payloadBytes(o.request);
      if (request > limit) {
        throw new SimError("RequestPayloadSizeLimitExceeded", `The request payload size has exceeded the limit (${request} bytes, limit ${limit}).`);
      }
    }
    const responses: Delivery[] = [];
    this.responses = responses;
    this.spills.clear();
    try {
      this.book.batch(() => {
        for (const o of ops) {
          if (!o.read) this.spills.clear();
          o.op();
        }
      });
    } catch (e) {
      // The ops before the failing one ran; what they loaded is there, as before payload limits.
      for (const r of responses) r.deliver();
      throw e;
    } finally {
      this.responses = undefined;
      this.spills.clear();
    }
    this.book.recalculate();
    if (limit !== undefined) {
      let response = 0;
      for (const r of responses) response += r.bytes();
      if (response > limit) {
        throw new SimError("ResponsePayloadSizeLimitExceeded", `The response payload size has exceeded the limit (${response} bytes, limit ${limit}).`);
      }
    }
    for (const r of responses) r.deliver();
  }

  /** @internal A load's values reach its proxy with the sync's response (at once outside a sync). */
  respond(bytes: () => number, deliver: () => void): void {
    if (this.responses === undefined) deliver();
    else this.responses.push({ bytes, deliver });
  }

  /** @internal Inside a queued op: fails the sync as Excel does for an API its version lacks. */
  requireApi(version: string, member: string): void {
    if (!versionAtLeast(this.excelApi, version)) {
      throw new SimError("ApiNotFound", `${member} needs ExcelApi ${version}; this Excel supports ExcelApi ${this.excelApi}.`);
    }
  }

  /** @internal The sheet's spill areas, inside a queued op. */
  spillsOf(sheet: SimSheet): SpillMap {
    let map = this.spills.get(sheet);
    if (map === undefined) {
      map = spillMap(sheet);
      this.spills.set(sheet, map);
    }
    return map;
  }

  /** @internal A range write that reached the workbook. */
  logRangeWrite(target: string, member: string, value?: unknown): void {
    this.book.stats.rangeWrites++;
    this.book.log.push({ target, member, value });
  }
}

/** Excel.run over a SimWorkbook: a fresh context per batch; pending requests are synced at the end. */
export async function runSim<T>(book: SimWorkbook, batch: (context: SimRequestContext) => Promise<T>, options: SimContextOptions = {}): Promise<T> {
  book.stats.runs++;
  const context = new SimRequestContext(book, options);
  const result = await batch(context);
  if (context.hasPendingRequests) await context.sync();
  return result;
}

function parseLoad(propertyNames: string | string[] | undefined): string[] {
  if (propertyNames === undefined) return [];
  const list = Array.isArray(propertyNames) ? propertyNames : propertyNames.split(",");
  return list.map((p) => p.trim()).filter((p) => p !== "");
}

/** Shared proxy plumbing: the loaded/set property cache and queued loads. */
abstract class SimProxy {
  protected readonly cache = new Map<string, unknown>();

  constructor(protected readonly ctx: SimRequestContext) {}

  protected read<T>(property: string): T {
    if (!this.cache.has(property)) throw notLoaded(property);
    return this.cache.get(property) as T;
  }

  protected queueLoad(properties: readonly string[], loadable: readonly string[]): void {
    for (const p of properties) {
      if (!loadable.includes(p)) throw new SimError("NotImplemented", `excel-sim cannot load "${p}" on ${this.constructor.name}`);
    }
    this.ctx.enqueue(
      () => {
        this.ctx.book.recalculate();
        const loaded = properties.map((p) => [p, this.compute(p)] as const);
        this.ctx.respond(
          () => loaded.reduce((n, [p, v]) => n + this.responseBytes(p, v), 0),
          () => {
            for (const [p, v] of loaded) this.cache.set(p, v);
          }
        );
      },
      { read: true }
    );
  }

  protected abstract compute(property: string): unknown;

  /** What a loaded value adds to the response (payload limits). */
  protected responseBytes(_property: string, value: unknown): number {
    return payloadBytes(value);
  }
}

// ---------------------------------------------------------------- workbook

class WorkbookProxy implements XlWorkbook {
  readonly worksheets: WorksheetCollectionProxy;
  readonly names: NamedItemCollectionProxy;
  readonly tables: TableCollectionProxy;
  private settingsProxy: SettingCollectionProxy | undefined;

  constructor(private readonly ctx: SimRequestContext) {
    this.worksheets = new WorksheetCollectionProxy(ctx);
    this.names = new NamedItemCollectionProxy(ctx);
    this.tables = new TableCollectionProxy(ctx, undefined);
  }

  /** [ExcelApi 1.4] The add-in's settings saved with the workbook. */
  get settings(): SettingCollectionProxy {
    return (this.settingsProxy ??= new SettingCollectionProxy(this.ctx));
  }

  getActiveCell(): RangeProxy {
    return new RangeProxy(this.ctx, () => {
      const sheet = this.ctx.book.activeSheet;
      return { sheet, rect: { ...sheet.selection, rowCount: 1, columnCount: 1 } };
    });
  }

  /**
   * [ExcelApi 1.1] "Gets the currently selected (single) range from the workbook" (Excel.Workbook
   * reference): the range SimWorkbook.selectRange chose, else the active cell.
   */
  getSelectedRange(): RangeProxy {
    return new RangeProxy(this.ctx, () => {
      const sheet = this.ctx.book.activeSheet;
      return { sheet, rect: sheet.selectedRect ?? { ...sheet.selection, rowCount: 1, columnCount: 1 } };
    });
  }
}

// ---------------------------------------------------------------- worksheets

class WorksheetCollectionProxy extends SimProxy implements XlWorksheetCollection {
  private itemProps: string[] = [];

  get items(): WorksheetProxy[] {
    return this.read("items");
  }

  load(propertyNames?: string | string[]): this {
    const props = parseLoad(propertyNames).map((p) => p.replace(/^items\//, ""));
    this.itemProps = props.filter((p) => p !== "items");
    this.queueLoad(["items"], ["items"]);
    return this;
  }

  protected compute(): WorksheetProxy[] {
    return this.ctx.book.sheets.map((sheet) => WorksheetProxy.loaded(this.ctx, sheet, this.itemProps));
  }

  add(name?: string): WorksheetProxy {
    return new WorksheetProxy(this.ctx, () => {
      const sheet = this.ctx.book.addSheet(name);
      this.ctx.book.log.push({ target: "worksheets", member: "add", value: sheet.name });
      return sheet;
    });
  }

  getItem(key: string): WorksheetProxy {
    return new WorksheetProxy(this.ctx, () => this.ctx.book.sheet(key) ?? null, false, key);
  }

  getItemOrNullObject(key: string): WorksheetProxy {
    return new WorksheetProxy(this.ctx, () => this.ctx.book.sheet(key) ?? null, true, key);
  }

  getActiveWorksheet(): WorksheetProxy {
    return new WorksheetProxy(this.ctx, () => this.ctx.book.activeSheet);
  }
}

const WORKSHEET_PROPS = ["name", "position", "id", "isNullObject"];

class WorksheetProxy extends SimProxy implements XlWorksheet {
  /** undefined until the request that finds it ran; null for a null object. */
  private entity: SimSheet | null | undefined;
  private tablesProxy: TableCollectionProxy | undefined;
  private freezeProxy: FreezePanesProxy | undefined;
  private chartsProxy: ChartCollectionProxy | undefined;

  constructor(
    ctx: SimRequestContext,
    resolve: (() => SimSheet | null) | null,
    nullable = false,
    private readonly label = "worksheet"
  ) {
    super(ctx);
    if (resolve !== null) {
      ctx.enqueue(() => {
        const sheet = resolve();
        if (sheet === null && !nullable) throw new SimError("ItemNotFound", `The worksheet "${label}" does not exist.`);
        this.entity = sheet;
        this.cache.set("isNullObject", sheet === null);
      });
    }
  }

  /** A proxy for a sheet that is already known (collection items). */
  static loaded(ctx: SimRequestContext, sheet: SimSheet, props: readonly string[]): WorksheetProxy {
    const proxy = new WorksheetProxy(ctx, null);
    proxy.entity = sheet;
    proxy.cache.set("isNullObject", false);
    for (const p of props) {
      if (!WORKSHEET_PROPS.includes(p)) throw new SimError("NotImplemented", `excel-sim cannot load worksheet "${p}"`);
      proxy.cache.set(p, proxy.compute(p));
    }
    return proxy;
  }

  /** @internal The sheet, inside a queued request. */
  sheet(): SimSheet {
    if (this.entity === undefined) throw new SimError("InvalidOperation", "excel-sim: worksheet used before its request ran");
    if (this.entity === null) throw new SimError("ItemNotFound", `The worksheet "${this.label}" does not exist (null object).`);
    return this.entity;
  }

  get name(): string {
    return this.read("name");
  }
  /**
   * Renames the sheet at the next sync, as Office.js does; every formula that refers to it
   * follows (SimWorkbook.renameSheet). An invalid or taken name rejects that sync.
   */
  set name(name: string) {
    this.cache.set("name", name);
    this.ctx.enqueue(() => {
      const sheet = this.sheet();
      const old = sheet.name;
      this.ctx.book.renameSheet(sheet.id, name);
      this.ctx.book.log.push({ target: old, member: "name", value: name });
    });
  }
  get isNullObject(): boolean {
    return this.read("isNullObject");
  }

  /** Deletes the sheet at the next sync; references to it become #REF! (SimWorkbook.removeSheet). The last sheet cannot go. */
  delete(): void {
    this.ctx.enqueue(() => {
      const sheet = this.sheet();
      this.ctx.book.removeSheet(sheet.id);
      this.ctx.book.log.push({ target: sheet.name, member: "delete" });
    });
  }

  get tables(): TableCollectionProxy {
    return (this.tablesProxy ??= new TableCollectionProxy(this.ctx, this));
  }
  get freezePanes(): FreezePanesProxy {
    return (this.freezeProxy ??= new FreezePanesProxy(this.ctx, this));
  }
  /** [ExcelApi 1.1] Worksheet.charts. */
  get charts(): ChartCollectionProxy {
    return (this.chartsProxy ??= new ChartCollectionProxy(this.ctx, this));
  }

  load(propertyNames?: string | string[]): this {
    this.queueLoad(parseLoad(propertyNames ?? "name"), WORKSHEET_PROPS);
    return this;
  }

  protected compute(property: string): unknown {
    if (this.entity === null || this.entity === undefined) return property === "isNullObject" ? this.entity === null : null;
    const sheet = this.entity;
    switch (property) {
      case "name":
        return sheet.name;
      case "id":
        return sheet.id;
      case "position":
        return this.ctx.book.sheets.indexOf(sheet);
      case "isNullObject":
        return false;
      default:
        return undefined;
    }
  }

  getRange(address?: string): RangeProxy {
    return new RangeProxy(this.ctx, () => {
      const sheet = this.sheet();
      if (address === undefined || address === "") return { sheet, rect: { row: 0, column: 0, rowCount: MAX_ROWS, columnCount: MAX_COLUMNS } };
      const parsed = parseAddress(address);
      if (parsed.sheet !== undefined && parsed.sheet.toLowerCase() !== sheet.name.toLowerCase()) {
        throw new SimError("InvalidArgument", `"${address}" is on another sheet.`);
      }
      return { sheet, rect: parsed };
    });
  }

  /** [ExcelApi 1.4] The used range (formatted cells too unless valuesOnly); a null object on an empty sheet. */
  getUsedRangeOrNullObject(valuesOnly = false): RangeProxy {
    return new RangeProxy(
      this.ctx,
      () => {
        const sheet = this.sheet();
        const rect = sheet.usedRange(valuesOnly);
        return rect === null ? null : { sheet, rect };
      },
      true
    );
  }

  activate(): void {
    this.ctx.enqueue(() => {
      const sheet = this.sheet();
      this.ctx.book.activate(sheet);
      this.ctx.book.log.push({ target: sheet.name, member: "activate" });
    });
  }
}

class FreezePanesProxy implements XlFreezePanes {
  constructor(
    private readonly ctx: SimRequestContext,
    private readonly worksheet: WorksheetProxy
  ) {}

  private apply(member: string, value: unknown, fn: (sheet: SimSheet) => void): void {
    this.ctx.enqueue(() => {
      const sheet = this.worksheet.sheet();
      fn(sheet);
      this.ctx.book.log.push({ target: sheet.name, member: `freezePanes.${member}`, value });
    });
  }

  freezeRows(count = 1): void {
    this.apply("freezeRows", count, (sheet) => sheet.setFreeze(count, 0));
  }
  freezeColumns(count = 1): void {
    this.apply("freezeColumns", count, (sheet) => sheet.setFreeze(0, count));
  }
  freezeAt(frozenRange: XlRange | string): void {
    const address = typeof frozenRange === "string" ? frozenRange : undefined;
    const range = frozenRange instanceof RangeProxy ? frozenRange : undefined;
    if (address === undefined && range === undefined) throw new SimError("NotImplemented", "excel-sim freezes at an address or a sim range");
    this.apply("freezeAt", address ?? "range", (sheet) => {
      const rect = address !== undefined ? parseAddress(address) : (range as RangeProxy).resolved().rect;
      sheet.setFreeze(rect.row + rect.rowCount, rect.column + rect.columnCount);
    });
  }
}

// ---------------------------------------------------------------- ranges

interface RangeTarget {
  readonly sheet: SimSheet;
  readonly rect: Rect;
}

const RANGE_PROPS = ["address", "rowCount", "columnCount", "formulas", "values", "numberFormat", "isNullObject"];

class RangeProxy extends SimProxy implements XlRange {
  /** undefined until the request that finds it ran; null for a null object (getUsedRangeOrNullObject on an empty sheet). */
  private entity: RangeTarget | null | undefined;
  private formatProxy: RangeFormatProxy | undefined;
  private validationProxy: DataValidationProxy | undefined;
  private cfProxy: ConditionalFormatCollectionProxy | undefined;
  private sheetProxy: WorksheetProxy | undefined;

  /** `resolve` null: a range already known (RangeCollection items), see `loaded`. */
  constructor(ctx: SimRequestContext, resolve: (() => RangeTarget | null) | null, nullable = false) {
    super(ctx);
    if (resolve === null) return;
    ctx.enqueue(
      () => {
        const target = resolve();
        if (target === null && !nullable) throw new SimError("ItemNotFound", "The range does not exist.");
        this.entity = target;
        this.cache.set("isNullObject", target === null);
      },
      { read: true }
    );
  }

  /** @internal A range already resolved, with `props` loaded (inside a queued op). */
  static loaded(ctx: SimRequestContext, target: RangeTarget, props: readonly string[]): RangeProxy {
    const proxy = new RangeProxy(ctx, null);
    proxy.entity = target;
    proxy.cache.set("isNullObject", false);
    for (const p of props) {
      if (!RANGE_PROPS.includes(p)) throw new SimError("NotImplemented", `excel-sim cannot load range "${p}"`);
      proxy.cache.set(p, proxy.compute(p));
    }
    return proxy;
  }

  /** @internal The bytes of the properties loaded so far (a collection's response). */
  loadedBytes(): number {
    let n = 0;
    for (const [p, v] of this.cache) if (p !== "isNullObject") n += payloadBytes(v);
    return n;
  }

  /** @internal The sheet and rectangle, inside a queued request. */
  resolved(): RangeTarget {
    if (this.entity === undefined) throw new SimError("InvalidOperation", "excel-sim: range used before its request ran");
    if (this.entity === null) throw new SimError("ItemNotFound", "The range does not exist (null object).");
    return this.entity;
  }

  get isNullObject(): boolean {
    return this.read("isNullObject");
  }

  /** @internal Queues a write to this range and counts it. */
  write(member: string, value: unknown, apply: (target: RangeTarget) => void): void {
    this.ctx.enqueue(
      () => {
        const target = this.resolved();
        apply(target);
        this.ctx.logRangeWrite(qualifiedAddress(target.sheet.name, target.rect), member, value);
      },
      { request: value }
    );
  }

  get address(): string {
    return this.read("address");
  }
  get rowCount(): number {
    return this.read("rowCount");
  }
  get columnCount(): number {
    return this.read("columnCount");
  }

  get formulas(): XlCellValue[][] {
    return this.read("formulas");
  }
  set formulas(grid: XlCellValue[][]) {
    this.setInputs("formulas", grid);
  }
  get values(): XlCellValue[][] {
    return this.read("values");
  }
  set values(grid: XlCellValue[][]) {
    this.setInputs("values", grid);
  }

  private setInputs(member: "formulas" | "values", grid: XlCellValue[][]): void {
    this.cache.set(member, grid);
    const copy = grid.map((row) => row.map((v) => checkInput(v)));
    this.write(member, copy, ({ sheet, rect }) => sheet.writeInputs(rect, fit(copy, rect)));
  }

  get numberFormat(): (string | null)[][] {
    return this.read("numberFormat");
  }
  set numberFormat(grid: (string | null)[][]) {
    this.cache.set("numberFormat", grid);
    const copy = grid.map((row) => [...row]);
    this.write("numberFormat", copy, ({ sheet, rect }) => sheet.writeNumberFormats(rect, fit(copy, rect)));
  }

  /**
   * [ExcelApi 1.9] Range.getTables: "a scoped collection of tables that overlap with the range";
   * with fullyContained, "only tables that are fully contained within the range bounds" (Excel.Range
   * reference).
   */
  getTables(fullyContained = false): TableCollectionProxy {
    return new TableCollectionProxy(this.ctx, undefined, () => {
      this.ctx.requireApi("1.9", "Range.getTables");
      const { sheet, rect } = this.resolved();
      return (t) =>
        t.sheetId === sheet.id &&
        (fullyContained
          ? t.rect.row >= rect.row && t.rect.column >= rect.column && t.rect.row + t.rect.rowCount <= rect.row + rect.rowCount && t.rect.column + t.rect.columnCount <= rect.column + rect.columnCount
          : intersects(t.rect, rect));
    });
  }

  /**
   * [ExcelApi 1.1] Range.clear: "Contents" clears values and formulas and keeps formats; "All"
   * (the default) would clear formats too, which excel-sim does not model.
   */
  clear(applyTo: "Contents" | "All" = "All"): void {
    if (applyTo !== "Contents") throw new SimError("NotImplemented", "excel-sim clears contents only");
    this.write("clear", applyTo, ({ sheet, rect }) => {
      const cells: { row: number; column: number }[] = [];
      for (const { row, column, cell } of sheet.cells()) {
        if ((cell.formula !== undefined || cell.value !== null) && contains(rect, row, column)) cells.push({ row, column });
      }
      for (const r of rectsOfCells(cells)) sheet.writeInputs(r, Array.from({ length: r.rowCount }, () => Array<SimValue>(r.columnCount).fill("")));
    });
  }

  get format(): RangeFormatProxy {
    return (this.formatProxy ??= new RangeFormatProxy(this));
  }
  get dataValidation(): DataValidationProxy {
    return (this.validationProxy ??= new DataValidationProxy(this));
  }
  get conditionalFormats(): ConditionalFormatCollectionProxy {
    return (this.cfProxy ??= new ConditionalFormatCollectionProxy(this.ctx, this));
  }
  get worksheet(): WorksheetProxy {
    return (this.sheetProxy ??= new WorksheetProxy(this.ctx, () => this.resolved().sheet));
  }

  load(propertyNames?: string | string[]): this {
    this.queueLoad(parseLoad(propertyNames ?? RANGE_PROPS), RANGE_PROPS);
    return this;
  }

  /**
   * [ExcelApi 1.12] The anchor of the dynamic array that spills into this cell (an anchor gives
   * itself, as VBA's Range.SpillParent does). "If it's not a spilled cell, or more than one cell
   * is given, then this method returns an object with its isNullObject property set to true"
   * (Excel.Range reference). Spill areas: spill.ts.
   */
  getSpillParentOrNullObject(): RangeProxy {
    return new RangeProxy(
      this.ctx,
      () => {
        this.ctx.requireApi("1.12", "Range.getSpillParentOrNullObject");
        const { sheet, rect } = this.resolved();
        if (rect.rowCount !== 1 || rect.columnCount !== 1) return null;
        const area = this.ctx.spillsOf(sheet).areaAt(rect.row, rect.column);
        return area === undefined ? null : { sheet, rect: { row: area.row, column: area.column, rowCount: 1, columnCount: 1 } };
      },
      true
    );
  }

  /**
   * [ExcelApi 1.12] Called on an anchor: the whole area it spills into. "If the range isn't an
   * anchor cell or the spill range can't be found", or for several cells, a null object.
   */
  getSpillingToRangeOrNullObject(): RangeProxy {
    return new RangeProxy(
      this.ctx,
      () => {
        this.ctx.requireApi("1.12", "Range.getSpillingToRangeOrNullObject");
        const { sheet, rect } = this.resolved();
        if (rect.rowCount !== 1 || rect.columnCount !== 1) return null;
        const area = this.ctx.spillsOf(sheet).areas.get(rect.row * MAX_COLUMNS + rect.column);
        return area === undefined ? null : { sheet, rect: area };
      },
      true
    );
  }

  /**
   * [ExcelApi 1.9] The cells of this range that hold a formula of their own ("Formulas") or a
   * constant ("Constants"), optionally only those whose value is of `cellValueType`, as
   * rectangles (RangeAreas); a null object when there are none. A spilled cell is neither: it
   * has no input of its own (the docs do not say how Excel counts it; Make portable never relies
   * on it). Other cell types are not modelled.
   */
  getSpecialCellsOrNullObject(cellType: XlSpecialCellType, cellValueType?: XlSpecialCellValueType): RangeAreasProxy {
    return new RangeAreasProxy(this.ctx, () => {
      this.ctx.requireApi("1.9", "Range.getSpecialCellsOrNullObject");
      if (cellType !== "Formulas" && cellType !== "Constants") throw new SimError("NotImplemented", `excel-sim finds Formulas and Constants, not ${String(cellType)}`);
      const { sheet, rect } = this.resolved();
      const wanted = valueTypeFilter(cellValueType);
      const found: { row: number; column: number }[] = [];
      for (const { row, column, cell } of sheet.cells()) {
        if (row < rect.row || row >= rect.row + rect.rowCount || column < rect.column || column >= rect.column + rect.columnCount) continue;
        const isFormula = cell.formula !== undefined;
        if (cellType === "Formulas" ? !isFormula : isFormula || cell.value === null) continue;
        if (wanted(sheet.valueAt(row, column))) found.push({ row, column });
      }
      return found.length === 0 ? null : { sheet, rects: rectsOfCells(found) };
    });
  }

  protected compute(property: string): unknown {
    // Office.js: a null object's properties load as null.
    if (this.entity === null) return property === "isNullObject" ? true : null;
    if (property === "isNullObject") return false;
    const { sheet, rect } = this.resolved();
    const grid = <T>(cell: (row: number, column: number) => T): T[][] => {
      if (rect.rowCount * rect.columnCount > 1_000_000) throw new SimError("NotImplemented", "excel-sim reads at most a million cells at once");
      return Array.from({ length: rect.rowCount }, (_, r) => Array.from({ length: rect.columnCount }, (_, c) => cell(rect.row + r, rect.column + c)));
    };
    switch (property) {
      case "address":
        return qualifiedAddress(sheet.name, rect);
      case "rowCount":
        return rect.rowCount;
      case "columnCount":
        return rect.columnCount;
      case "formulas":
        // "If a cell has no formula, its value is returned instead" (Excel.Range.formulas), on
        // every host: a constant, "" for an empty cell, and the value a dynamic array spilled
        // into a cell (only the anchor holds the formula; hosts/profiles.ts ALL_HOSTS
        // formulasOfValueCell). Text typed with a leading apostrophe is stored without it, so
        // it comes back without it from `formulas` and `values` alike (office-js#6687,
        // ALL_HOSTS apostropheText).
        return grid((r, c) => sheet.getCell(r, c)?.formula ?? sheet.valueAt(r, c));
      case "values":
        return grid((r, c) => sheet.valueAt(r, c));
      case "numberFormat":
        return grid((r, c) => sheet.getCell(r, c)?.numberFormat ?? "General");
      default:
        return undefined;
    }
  }
}

const ERROR_VALUE = /^#(NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|N\/A|SPILL!|CALC!|GETTING_DATA|BUSY!|FIELD!|BLOCKED!|CONNECT!|UNKNOWN!)$/;

/** Excel.SpecialCellValueType ("All", "Errors", "NumbersText", "ErrorsLogicalNumber" …) as a test on a cell's value. */
function valueTypeFilter(type: XlSpecialCellValueType | undefined): (value: SimValue) => boolean {
  if (type === undefined || type === "All") return () => true;
  const text = String(type);
  const errors = text.includes("Errors");
  const logical = text.includes("Logical");
  const numbers = text.includes("Number");
  const texts = text.includes("Text");
  return (value) =>
    typeof value === "boolean" ? logical : typeof value === "number" ? numbers : ERROR_VALUE.test(value) ? errors : texts;
}

// ---------------------------------------------------------------- range areas (getSpecialCells)

interface AreasTarget {
  readonly sheet: SimSheet;
  readonly rects: readonly Rect[];
}

const RANGE_AREAS_PROPS = ["address", "areaCount", "cellCount", "isNullObject"];

/** [ExcelApi 1.9] Excel.RangeAreas: rectangles of one sheet; `areas` loads them as ranges. */
class RangeAreasProxy extends SimProxy implements XlRangeAreas {
  /** undefined until the request that finds it ran; null for a null object. */
  private entity: AreasTarget | null | undefined;
  private areasProxy: RangeCollectionProxy | undefined;

  constructor(ctx: SimRequestContext, resolve: () => AreasTarget | null) {
    super(ctx);
    ctx.enqueue(
      () => {
        const target = resolve();
        this.entity = target;
        this.cache.set("isNullObject", target === null);
      },
      { read: true }
    );
  }

  private target(): AreasTarget {
    if (this.entity === undefined) throw new SimError("InvalidOperation", "excel-sim: range areas used before their request ran");
    if (this.entity === null) throw new SimError("ItemNotFound", "The range areas do not exist (null object).");
    return this.entity;
  }

  /** "Sheet1!A1:B4, Sheet1!D1:D4": each area with its sheet, as the RangeAreas.address reference shows. */
  get address(): string {
    return this.read("address");
  }
  get areaCount(): number {
    return this.read("areaCount");
  }
  get cellCount(): number {
    return this.read("cellCount");
  }
  get isNullObject(): boolean {
    return this.read("isNullObject");
  }
  get areas(): RangeCollectionProxy {
    return (this.areasProxy ??= new RangeCollectionProxy(this.ctx, () => {
      const { sheet, rects } = this.target();
      return rects.map((rect) => ({ sheet, rect }));
    }));
  }

  load(propertyNames?: string | string[]): this {
    this.queueLoad(parseLoad(propertyNames ?? RANGE_AREAS_PROPS), RANGE_AREAS_PROPS);
    return this;
  }

  protected compute(property: string): unknown {
    if (this.entity === null) return property === "isNullObject" ? true : null;
    const { sheet, rects } = this.target();
    switch (property) {
      case "address":
        return rects.map((rect) => qualifiedAddress(sheet.name, rect)).join(", ");
      case "areaCount":
        return rects.length;
      case "cellCount":
        return rects.reduce((n, r) => n + r.rowCount * r.columnCount, 0);
      case "isNullObject":
        return false;
      default:
        return undefined;
    }
  }
}

/** Excel.RangeCollection (RangeAreas.areas): `load("items/address,items/formulas")` loads each range's properties. */
class RangeCollectionProxy extends SimProxy implements XlRangeCollection {
  private itemProps: string[] = [];

  constructor(
    ctx: SimRequestContext,
    private readonly targets: () => RangeTarget[]
  ) {
    super(ctx);
  }

  get items(): RangeProxy[] {
    return this.read("items");
  }

  load(propertyNames?: string | string[]): this {
    const props = parseLoad(propertyNames).map((p) => p.replace(/^items\//, "")).filter((p) => p !== "items");
    for (const p of props) if (!RANGE_PROPS.includes(p)) throw new SimError("NotImplemented", `excel-sim cannot load range "${p}"`);
    this.itemProps = props;
    this.queueLoad(["items"], ["items"]);
    return this;
  }

  protected compute(): RangeProxy[] {
    return this.targets().map((t) => RangeProxy.loaded(this.ctx, t, this.itemProps));
  }

  protected responseBytes(_property: string, value: unknown): number {
    return (value as RangeProxy[]).reduce((n, item) => n + item.loadedBytes(), 0);
  }
}

function checkInput(value: unknown): SimValue | null {
  if (value === null || typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "number" && Number.isFinite(value)) return value;
  throw new SimError("InvalidArgument", `excel-sim: ${String(value)} cannot be written to a cell`);
}

/** Office.js accepts a 1×1 array for any range (applied to every cell); otherwise shapes must match. */
function fit<T>(grid: T[][], rect: Rect): T[][] {
  if (grid.length === 1 && grid[0].length === 1 && rect.rowCount * rect.columnCount > 1 && rect.rowCount * rect.columnCount <= 1_000_000) {
    return Array.from({ length: rect.rowCount }, () => Array.from({ length: rect.columnCount }, () => grid[0][0]));
  }
  return grid;
}

class RangeFormatProxy implements XlRangeFormat {
  readonly font: RangeFontProxy;
  readonly fill: RangeFillProxy;
  private readonly set = new Map<string, unknown>();

  constructor(private readonly range: RangeProxy) {
    this.font = new RangeFontProxy(range);
    this.fill = new RangeFillProxy(range);
  }

  private cell(member: string, value: unknown, apply: (f: SimCellFormat) => void): void {
    this.set.set(member, value);
    this.range.write(`format.${member}`, value, ({ sheet, rect }) => sheet.formatCells(rect, apply));
  }
  private get<T>(member: string): T {
    if (!this.set.has(member)) throw notLoaded(member);
    return this.set.get(member) as T;
  }

  get columnWidth(): number {
    return this.get("columnWidth");
  }
  set columnWidth(points: number) {
    this.set.set("columnWidth", points);
    this.range.write("format.columnWidth", points, ({ sheet, rect }) => sheet.setColumnWidth(rect, points));
  }
  get wrapText(): boolean {
    return this.get("wrapText");
  }
  set wrapText(wrap: boolean) {
    this.cell("wrapText", wrap, (f) => (f.wrapText = wrap));
  }
  get horizontalAlignment(): Excel.RangeFormat["horizontalAlignment"] {
    return this.get("horizontalAlignment");
  }
  set horizontalAlignment(value: Excel.RangeFormat["horizontalAlignment"]) {
    this.cell("horizontalAlignment", value, (f) => (f.horizontalAlignment = String(value)));
  }
  get verticalAlignment(): Excel.RangeFormat["verticalAlignment"] {
    return this.get("verticalAlignment");
  }
  set verticalAlignment(value: Excel.RangeFormat["verticalAlignment"]) {
    this.cell("verticalAlignment", value, (f) => (f.verticalAlignment = String(value)));
  }
}

class RangeFontProxy implements XlRangeFont {
  private readonly set = new Map<string, unknown>();
  constructor(private readonly range: RangeProxy) {}

  private put(member: "bold" | "italic" | "color" | "size", value: boolean | string | number): void {
    this.set.set(member, value);
    this.range.write(`format.font.${member}`, value, ({ sheet, rect }) =>
      sheet.formatCells(rect, (f) => {
        f.font = { ...f.font, [member]: value };
      })
    );
  }
  private get<T>(member: string): T {
    if (!this.set.has(member)) throw notLoaded(member);
    return this.set.get(member) as T;
  }

  get bold(): boolean {
    return this.get("bold");
  }
  set bold(value: boolean) {
    this.put("bold", value);
  }
  get italic(): boolean {
    return this.get("italic");
  }
  set italic(value: boolean) {
    this.put("italic", value);
  }
  get color(): string {
    return this.get("color");
  }
  set color(value: string) {
    this.put("color", value);
  }
  get size(): number {
    return this.get("size");
  }
  set size(value: number) {
    this.put("size", value);
  }
}

class RangeFillProxy implements XlRangeFill {
  private value: string | undefined;
  constructor(private readonly range: RangeProxy) {}

  get color(): string {
    if (this.value === undefined) throw notLoaded("color");
    return this.value;
  }
  set color(value: string) {
    this.value = value;
    this.range.write("format.fill.color", value, ({ sheet, rect }) => sheet.formatCells(rect, (f) => (f.fill = value)));
  }
}

const ALERT_MESSAGE_MAX = 225;
const ALERT_TITLE_MAX = 32;

class DataValidationProxy implements XlDataValidation {
  private ruleValue: Excel.DataValidationRule | undefined;
  private alertValue: Excel.DataValidationErrorAlert | undefined;
  constructor(private readonly range: RangeProxy) {}

  get rule(): Excel.DataValidationRule {
    if (this.ruleValue === undefined) throw notLoaded("rule");
    return this.ruleValue;
  }
  set rule(rule: Excel.DataValidationRule) {
    const kinds = Object.keys(rule).filter((k) => rule[k as keyof Excel.DataValidationRule] !== undefined);
    if (kinds.length !== 1) throw new SimError("InvalidArgument", "A data validation rule must have exactly one criterion.");
    if (kinds[0] !== "decimal" && kinds[0] !== "wholeNumber") throw new SimError("NotImplemented", `excel-sim models decimal and wholeNumber rules, not ${kinds[0]}`);
    const basic = rule.decimal ?? rule.wholeNumber;
    for (const f of [basic?.formula1, basic?.formula2]) {
      if (f !== undefined && typeof f !== "number" && typeof f !== "string") throw new SimError("NotImplemented", "excel-sim: range operands in validation");
    }
    this.ruleValue = rule;
    const copy: Excel.DataValidationRule = JSON.parse(JSON.stringify(rule));
    this.range.write("dataValidation.rule", copy, ({ sheet, rect }) => {
      sheet.validationFor(rect).rule = copy;
    });
  }

  get errorAlert(): Excel.DataValidationErrorAlert {
    if (this.alertValue === undefined) throw notLoaded("errorAlert");
    return this.alertValue;
  }
  set errorAlert(alert: Excel.DataValidationErrorAlert) {
    if ((alert.message ?? "").length > ALERT_MESSAGE_MAX) {
      throw new SimError("InvalidArgument", `The error alert message is longer than ${ALERT_MESSAGE_MAX} characters.`);
    }
    if ((alert.title ?? "").length > ALERT_TITLE_MAX) {
      throw new SimError("InvalidArgument", `The error alert title is longer than ${ALERT_TITLE_MAX} characters.`);
    }
    this.alertValue = alert;
    const copy = { ...alert };
    this.range.write("dataValidation.errorAlert", copy, ({ sheet, rect }) => {
      sheet.validationFor(rect).errorAlert = copy;
    });
  }
}

class ConditionalFormatCollectionProxy implements XlConditionalFormatCollection {
  constructor(
    private readonly ctx: SimRequestContext,
    private readonly range: RangeProxy
  ) {}

  /**
   * [ExcelApi 1.6] ConditionalFormatCollection.add(type): "CellValue" rules and "ColorScale"
   * heat maps (learn.microsoft.com/javascript/api/excel/excel.conditionalformatcollection#excel-excel-conditionalformatcollection-add-member(1)).
   */
  add(type: "CellValue" | "ColorScale"): ConditionalFormatProxy {
    if (type !== "CellValue" && type !== "ColorScale") throw new SimError("NotImplemented", `excel-sim models CellValue and ColorScale conditional formats, not ${String(type)}`);
    const proxy = new ConditionalFormatProxy(this.range, type);
    this.range.write("conditionalFormats.add", type, ({ sheet, rect }) => {
      this.ctx.requireApi("1.6", "ConditionalFormatCollection.add");
      proxy.bind(sheet.addConditionalFormat(rect, type));
    });
    return proxy;
  }
}

class ConditionalFormatProxy implements XlConditionalFormat {
  private entity: SimConditionalFormat | undefined;
  readonly cellValue: XlCellValueConditionalFormat;
  private readonly colorScaleProxy: XlColorScaleConditionalFormat;

  constructor(
    range: RangeProxy,
    private readonly type: "CellValue" | "ColorScale" = "CellValue"
  ) {
    const cf = (): SimConditionalFormat => {
      if (this.entity === undefined) throw new SimError("InvalidOperation", "excel-sim: conditional format used before it was added");
      return this.entity;
    };
    let rule: Excel.ConditionalCellValueRule | undefined;
    const fill = { color: "" };
    const font = { color: "", bold: false };
    this.cellValue = {
      get rule(): Excel.ConditionalCellValueRule {
        if (rule === undefined) throw notLoaded("rule");
        return rule;
      },
      set rule(value: Excel.ConditionalCellValueRule) {
        rule = value;
        const copy = { ...value };
        range.write("conditionalFormats.cellValue.rule", copy, () => (cf().rule = copy));
      },
      format: {
        fill: {
          get color(): string {
            return fill.color;
          },
          set color(value: string) {
            fill.color = value;
            range.write("conditionalFormats.cellValue.format.fill.color", value, () => (cf().format.fill = value));
          },
        },
        font: {
          get color(): string {
            return font.color;
          },
          set color(value: string) {
            font.color = value;
            range.write("conditionalFormats.cellValue.format.font.color", value, () => (cf().format.fontColor = value));
          },
          get bold(): boolean {
            return font.bold;
          },
          set bold(value: boolean) {
            font.bold = value;
            range.write("conditionalFormats.cellValue.format.font.bold", value, () => (cf().format.bold = value));
          },
        },
      },
    };
    let criteria: Excel.ConditionalColorScaleCriteria | undefined;
    this.colorScaleProxy = {
      get criteria(): Excel.ConditionalColorScaleCriteria {
        if (criteria === undefined) throw notLoaded("criteria");
        return criteria;
      },
      set criteria(value: Excel.ConditionalColorScaleCriteria) {
        criteria = value;
        const copy = simCriteria(value);
        range.write("conditionalFormats.colorScale.criteria", copy, () => (cf().criteria = copy));
      },
    };
  }

  /**
   * [ExcelApi 1.6] ConditionalFormat.colorScale: "Returns the color scale conditional format
   * properties if the current conditional format is a ColorScale type" (Excel.ConditionalFormat
   * reference); criteria minimum, midpoint and maximum (Excel.ConditionalColorScaleCriteria),
   * each with a type, a formula and a colour (Excel.ConditionalColorScaleCriterion).
   */
  get colorScale(): XlColorScaleConditionalFormat {
    if (this.type !== "ColorScale") throw new SimError("InvalidOperation", "This conditional format is not a color scale.");
    return this.colorScaleProxy;
  }

  /** @internal */
  bind(entity: SimConditionalFormat): void {
    this.entity = entity;
  }
}

// ---------------------------------------------------------------- tables

class TableCollectionProxy extends SimProxy implements XlTableCollection {
  private itemProps: string[] = [];

  constructor(
    ctx: SimRequestContext,
    private readonly worksheet: WorksheetProxy | undefined,
    /** A scoped collection (Range.getTables): which tables it holds, decided inside the queued load. */
    private readonly scope?: () => (table: SimTable) => boolean
  ) {
    super(ctx);
  }

  get items(): TableProxy[] {
    return this.read("items");
  }

  load(propertyNames?: string | string[]): this {
    this.itemProps = parseLoad(propertyNames).map((p) => p.replace(/^items\//, "")).filter((p) => p !== "items");
    this.queueLoad(["items"], ["items"]);
    return this;
  }

  protected compute(): TableProxy[] {
    const sheet = this.worksheet?.sheet();
    const inScope = this.scope?.();
    return this.ctx.book.tables
      .filter((t) => sheet === undefined || t.sheetId === sheet.id)
      .filter((t) => inScope === undefined || inScope(t))
      .map((t) => TableProxy.loaded(this.ctx, t, this.itemProps));
  }

  /** [ExcelApi 1.1] */
  getItem(key: string): TableProxy {
    return TableProxy.find(this.ctx, key, false);
  }

  /** [ExcelApi 1.4] */
  getItemOrNullObject(key: string): TableProxy {
    return TableProxy.find(this.ctx, key, true);
  }

  add(address: string, hasHeaders: boolean): TableProxy {
    const proxy = new TableProxy(this.ctx);
    this.ctx.enqueue(() => {
      const parsed = parseAddress(address);
      const sheet = this.worksheet !== undefined ? this.worksheet.sheet() : parsed.sheet !== undefined ? this.ctx.book.sheet(parsed.sheet) : undefined;
      if (sheet === undefined) throw new SimError("InvalidArgument", `"${address}" does not name a sheet.`);
      if (parsed.whole !== undefined) throw new SimError("NotImplemented", "excel-sim: tables over whole rows or columns");
      const table = this.ctx.book.addTable(sheet, parsed, hasHeaders);
      proxy.bind(table);
      this.ctx.logRangeWrite(qualifiedAddress(sheet.name, parsed), "tables.add", hasHeaders);
    });
    return proxy;
  }
}

class TableProxy extends SimProxy implements XlTable {
  /** undefined until added or found; null for a null object. */
  private entity: SimTable | null | undefined;
  private sheetProxy: WorksheetProxy | undefined;
  private rowsProxy: TableRowCollectionProxy | undefined;

  static loaded(ctx: SimRequestContext, table: SimTable, props: readonly string[]): TableProxy {
    const proxy = new TableProxy(ctx);
    proxy.entity = table;
    proxy.cache.set("isNullObject", false);
    for (const p of props) proxy.cache.set(p, proxy.compute(p));
    return proxy;
  }

  /** tables.getItem / getItemOrNullObject: found at the sync (ItemNotFound, or a null object). */
  static find(ctx: SimRequestContext, key: string, nullable: boolean): TableProxy {
    const proxy = new TableProxy(ctx);
    ctx.enqueue(
      () => {
        const table = ctx.book.table(key) ?? null;
        if (table === null && !nullable) throw new SimError("ItemNotFound", `The table "${key}" does not exist.`);
        proxy.entity = table;
        proxy.cache.set("isNullObject", table === null);
      },
      { read: true }
    );
    return proxy;
  }

  /** @internal */
  bind(table: SimTable): void {
    this.entity = table;
    this.cache.set("isNullObject", false);
  }

  private table(): SimTable {
    if (this.entity === undefined) throw new SimError("InvalidOperation", "excel-sim: table used before it was added");
    if (this.entity === null) throw new SimError("ItemNotFound", "The table does not exist (null object).");
    return this.entity;
  }

  get isNullObject(): boolean {
    return this.read("isNullObject");
  }

  get name(): string {
    return this.read("name");
  }
  set name(name: string) {
    this.cache.set("name", name);
    this.ctx.enqueue(() => {
      const table = this.table();
      this.ctx.book.renameTable(table, name);
      this.ctx.book.log.push({ target: "tables", member: "name", value: name });
    });
  }

  /** [ExcelApi 1.2] The sheet the table is on. */
  get worksheet(): WorksheetProxy {
    return (this.sheetProxy ??= new WorksheetProxy(this.ctx, () => this.ctx.book.sheet(this.table().sheetId) ?? null));
  }

  private part(which: "all" | "header" | "body" | "total"): RangeProxy {
    return new RangeProxy(this.ctx, () => {
      const table = this.table();
      const sheet = this.ctx.book.sheet(table.sheetId);
      if (sheet === undefined) throw new SimError("ItemNotFound", "The table's sheet does not exist.");
      const r = table.rect;
      const parts = tableParts(table);
      if (which === "all") return { sheet, rect: r };
      if (which === "header") {
        if (parts.header === undefined) throw new SimError("ItemNotFound", "The table has no header row.");
        return { sheet, rect: { ...r, rowCount: 1 } };
      }
      if (which === "total") {
        // Table.getTotalRowRange: "Gets the range object associated with the totals row of the table";
        // with showTotals off there is none (ItemNotFound, as for a missing header row).
        if (parts.total === undefined) throw new SimError("ItemNotFound", "The table has no total row (showTotals is false).");
        return { sheet, rect: { ...r, row: parts.total, rowCount: 1 } };
      }
      // Excel keeps one (blank) body row in a table with no data: the body is never empty; the total row is not part of it.
      return { sheet, rect: { ...r, row: parts.bodyTop, rowCount: parts.bodyCount } };
    });
  }

  /** [ExcelApi 1.1] Header, body and total rows. */
  getRange(): RangeProxy {
    return this.part("all");
  }
  /** [ExcelApi 1.1] */
  getHeaderRowRange(): RangeProxy {
    return this.part("header");
  }
  /** [ExcelApi 1.1] */
  getDataBodyRange(): RangeProxy {
    return this.part("body");
  }
  /** [ExcelApi 1.1] Table.getTotalRowRange: ItemNotFound while showTotals is off. */
  getTotalRowRange(): RangeProxy {
    return this.part("total");
  }

  /** [ExcelApi 1.1] Table.rows: the data rows, by position. */
  get rows(): TableRowCollectionProxy {
    return (this.rowsProxy ??= new TableRowCollectionProxy(this.ctx, () => this.table()));
  }

  /** [ExcelApi 1.3] Table.showTotals (SimWorkbook.setTableTotals). */
  get showTotals(): boolean {
    return this.read("showTotals");
  }
  set showTotals(on: boolean) {
    this.setFlag("showTotals", on, (table) => this.ctx.book.setTableTotals(table, on));
  }
  /** [ExcelApi 1.3] Table.showHeaders, read only here (the simulator cannot hide or show a header row). */
  get showHeaders(): boolean {
    return this.read("showHeaders");
  }

  /** [ExcelApi 1.3] Table.showFilterButton: stored (the simulator draws no buttons). */
  get showFilterButton(): boolean {
    return this.read("showFilterButton");
  }
  set showFilterButton(on: boolean) {
    this.setFlag("showFilterButton", on, (table) => {
      table.showFilterButton = on;
      this.ctx.book.changed({ kind: "names" });
    });
  }
  /** [ExcelApi 1.3] Table.showBandedRows: stored (the simulator draws no table style). */
  get showBandedRows(): boolean {
    return this.read("showBandedRows");
  }
  set showBandedRows(on: boolean) {
    this.setFlag("showBandedRows", on, (table) => {
      table.showBandedRows = on;
      this.ctx.book.changed({ kind: "names" });
    });
  }

  private setFlag(member: "showTotals" | "showFilterButton" | "showBandedRows", on: boolean, apply: (table: SimTable) => void): void {
    this.cache.set(member, on);
    this.ctx.enqueue(
      () => {
        this.ctx.requireApi("1.3", `Table.${member}`);
        const table = this.table();
        apply(table);
        this.ctx.book.log.push({ target: table.name, member, value: on });
      },
      { request: on }
    );
  }

  /**
   * [ExcelApi 1.13] Table.resize(newRange): same top row, overlapping the old range
   * (SimWorkbook.resizeTable, which cites the reference).
   */
  resize(newRange: XlRange | string): void {
    const range = newRange instanceof RangeProxy ? newRange : undefined;
    if (range === undefined && typeof newRange !== "string") throw new SimError("NotImplemented", "excel-sim resizes to an address or a sim range");
    this.ctx.enqueue(
      () => {
        this.ctx.requireApi("1.13", "Table.resize");
        const table = this.table();
        let rect: Rect;
        if (range !== undefined) {
          const target = range.resolved();
          if (target.sheet.id !== table.sheetId) throw new SimError("InvalidArgument", "The new range is on another sheet.");
          rect = target.rect;
        } else {
          const parsed = parseAddress(String(newRange));
          const sheet = this.ctx.book.sheet(table.sheetId);
          if (parsed.sheet !== undefined && parsed.sheet.toLowerCase() !== sheet?.name.toLowerCase()) throw new SimError("InvalidArgument", "The new range is on another sheet.");
          rect = { row: parsed.row, column: parsed.column, rowCount: parsed.rowCount, columnCount: parsed.columnCount };
        }
        this.ctx.book.resizeTable(table, rect);
        this.ctx.book.log.push({ target: table.name, member: "resize", value: formatAddress(rect) });
      },
      { request: typeof newRange === "string" ? newRange : "range" }
    );
  }

  load(propertyNames?: string | string[]): this {
    this.queueLoad(parseLoad(propertyNames ?? "name"), ["name", "style", "isNullObject", "showTotals", "showHeaders", "showFilterButton", "showBandedRows"]);
    return this;
  }

  protected compute(property: string): unknown {
    if (property === "isNullObject") return this.entity === null;
    if (property === "showTotals" || property === "showHeaders" || property === "showFilterButton" || property === "showBandedRows") this.ctx.requireApi("1.3", `Table.${property}`);
    // A null object's properties load as null (reading them is the caller's mistake, not the sync's).
    if (this.entity === null) return null;
    const table = this.table();
    if (property === "name") return table.name;
    if (property === "style") return table.style;
    if (property === "showTotals") return table.showTotals;
    if (property === "showHeaders") return table.hasHeaders;
    if (property === "showFilterButton") return table.showFilterButton;
    if (property === "showBandedRows") return table.showBandedRows;
    throw new SimError("NotImplemented", `excel-sim cannot load table "${property}"`);
  }
}

/** A value that arrives with the sync (OfficeExtension.ClientResult): reading it before throws, as Excel's does. */
class SimClientResult<T> {
  private loaded = false;
  private result: T | undefined;

  /** @internal */
  set(value: T): void {
    this.result = value;
    this.loaded = true;
  }

  get value(): T {
    if (!this.loaded) throw notLoaded("value");
    return this.result as T;
  }
}

/**
 * [ExcelApi 1.1] Excel.TableRowCollection (learn.microsoft.com/javascript/api/excel/excel.tablerowcollection):
 * the data rows of a table (the header and total rows are not among them).
 */
class TableRowCollectionProxy implements XlTableRowCollection {
  constructor(
    private readonly ctx: SimRequestContext,
    private readonly table: () => SimTable
  ) {}

  /** [ExcelApi 1.4] The number of data rows. */
  getCount(): SimClientResult<number> {
    const result = new SimClientResult<number>();
    this.ctx.enqueue(
      () => {
        this.ctx.requireApi("1.4", "TableRowCollection.getCount");
        const count = tableParts(this.table()).bodyCount;
        this.ctx.respond(
          () => 8,
          () => result.set(count)
        );
      },
      { read: true }
    );
    return result;
  }

  /**
   * [ExcelApi 1.1] TableRowCollection.add(index, values, alwaysInsert): rows inserted into the
   * body at `index` (SimWorkbook.insertTableRows, which cites the documentation). `values`: one
   * array per row (their number is the number of rows; none: one blank row, calculated columns
   * filled). `alwaysInsert` [ExcelApi 1.15]: "Specifies whether the new rows will be inserted
   * into the table when new rows are added. If true, the new rows will be inserted into the
   * table. If false, the new rows will be added below the table." The simulator inserts (true,
   * the default); false is not simulated (NotImplemented).
   */
  add(index?: number | null, values?: (string | number | boolean)[][], alwaysInsert?: boolean): TableRowProxy {
    const row = new TableRowProxy(this.ctx, this.table, () => rowIndex);
    let rowIndex = -1;
    this.ctx.enqueue(
      () => {
        if (alwaysInsert !== undefined) this.ctx.requireApi("1.15", "TableRowCollection.add(alwaysInsert)");
        if (alwaysInsert === false) throw new SimError("NotImplemented", "excel-sim inserts table rows into the table (alwaysInsert false is not simulated)");
        if (values !== undefined && (!Array.isArray(values) || values.length === 0)) throw new SimError("InvalidArgument", "values must be a non-empty two-dimensional array.");
        const table = this.table();
        const sheet = this.ctx.book.requireSheet(table.sheetId);
        const rect = this.ctx.book.insertTableRows(table, index ?? undefined, values?.length ?? 1, values);
        rowIndex = rect.row - tableParts(table).bodyTop;
        this.ctx.logRangeWrite(qualifiedAddress(sheet.name, rect), "rows.add", values ?? null);
      },
      { request: values ?? [] }
    );
    return row;
  }

  /** [ExcelApi 1.1] The data row at a 0-based position (ItemNotFound past the last, at the sync). */
  getItemAt(index: number): TableRowProxy {
    return new TableRowProxy(this.ctx, this.table, () => index);
  }
}

/** [ExcelApi 1.1] Excel.TableRow: a row has no id, only its position at the time of each call. */
class TableRowProxy implements XlTableRow {
  constructor(
    private readonly ctx: SimRequestContext,
    private readonly table: () => SimTable,
    private readonly index: () => number
  ) {}

  private rect(): { table: SimTable; rect: Rect } {
    const table = this.table();
    const parts = tableParts(table);
    const i = this.index();
    if (!Number.isInteger(i) || i < 0 || i >= parts.bodyCount) throw new SimError("ItemNotFound", `The table has no data row ${i}.`);
    return { table, rect: { row: parts.bodyTop + i, column: table.rect.column, rowCount: 1, columnCount: table.rect.columnCount } };
  }

  /** [ExcelApi 1.1] The row's cells in the table's columns. */
  getRange(): RangeProxy {
    return new RangeProxy(this.ctx, () => {
      const { table, rect } = this.rect();
      return { sheet: this.ctx.book.requireSheet(table.sheetId), rect };
    });
  }

  /** [ExcelApi 1.1] TableRow.delete (SimWorkbook.deleteTableRow, which cites the documentation). */
  delete(): void {
    this.ctx.enqueue(() => {
      const { table, rect } = this.rect();
      const sheet = this.ctx.book.requireSheet(table.sheetId);
      this.ctx.book.deleteTableRow(table, rect.row - tableParts(table).bodyTop);
      this.ctx.logRangeWrite(qualifiedAddress(sheet.name, rect), "rows.delete");
    });
  }
}

// ---------------------------------------------------------------- settings

/**
 * [ExcelApi 1.4] Excel.SettingCollection: key-value pairs saved with the workbook
 * (learn.microsoft.com/javascript/api/excel/excel.settingcollection). `add` "sets or adds the
 * specified setting"; values are JSON-serialized (Excel.Setting.value: "Represents the value
 * stored for this setting", any JSON value).
 */
class SettingCollectionProxy implements XlSettingCollection {
  constructor(private readonly ctx: SimRequestContext) {}

  add(key: string, value: unknown): SettingProxy {
    const json = JSON.stringify(value);
    const proxy = new SettingProxy(this.ctx, key);
    this.ctx.enqueue(
      () => {
        this.ctx.requireApi("1.4", "SettingCollection.add");
        if (key === "") throw new SimError("InvalidArgument", "A setting needs a key.");
        this.ctx.book.settings.set(key, json);
        proxy.found(true);
        this.ctx.book.log.push({ target: "settings", member: "add", value: key });
      },
      { request: json }
    );
    return proxy;
  }

  getItemOrNullObject(key: string): SettingProxy {
    const proxy = new SettingProxy(this.ctx, key);
    this.ctx.enqueue(
      () => {
        this.ctx.requireApi("1.4", "SettingCollection.getItemOrNullObject");
        proxy.found(this.ctx.book.settings.has(key));
      },
      { read: true }
    );
    return proxy;
  }
}

class SettingProxy extends SimProxy implements XlSetting {
  private exists: boolean | undefined;

  constructor(
    ctx: SimRequestContext,
    readonly key: string
  ) {
    super(ctx);
  }

  /** @internal */
  found(exists: boolean): void {
    this.exists = exists;
    this.cache.set("isNullObject", !exists);
  }

  get isNullObject(): boolean {
    return this.read("isNullObject");
  }
  get value(): unknown {
    return this.read("value");
  }

  load(propertyNames?: string | string[]): this {
    this.queueLoad(parseLoad(propertyNames ?? "key,value"), ["key", "value", "isNullObject"]);
    return this;
  }

  protected compute(property: string): unknown {
    if (property === "isNullObject") return this.exists !== true;
    if (property === "key") return this.key;
    const json = this.ctx.book.settings.get(this.key);
    if (json === undefined) return null;
    return JSON.parse(json) as unknown;
  }

  /** [ExcelApi 1.4] */
  delete(): void {
    this.ctx.enqueue(() => {
      this.ctx.book.settings.delete(this.key);
      this.ctx.book.log.push({ target: "settings", member: "delete", value: this.key });
    });
  }
}

// ---------------------------------------------------------------- names

class NamedItemCollectionProxy extends SimProxy implements XlNamedItemCollection {
  private itemProps: string[] = [];

  get items(): NamedItemProxy[] {
    return this.read("items");
  }

  load(propertyNames?: string | string[]): this {
    this.itemProps = parseLoad(propertyNames).map((p) => p.replace(/^items\//, "")).filter((p) => p !== "items");
    this.queueLoad(["items"], ["items"]);
    return this;
  }

  protected compute(): NamedItemProxy[] {
    return this.ctx.book.names.map((n) => NamedItemProxy.loaded(this.ctx, n, this.itemProps));
  }

  add(name: string, reference: XlRange | string, comment = ""): NamedItemProxy {
    const range = reference instanceof RangeProxy ? reference : undefined;
    if (range === undefined && typeof reference !== "string") throw new SimError("NotImplemented", "excel-sim names refer to an address or a sim range");
    return new NamedItemProxy(this.ctx, () => {
      let sheet: SimSheet | undefined;
      let rect: Rect;
      if (range !== undefined) {
        ({ sheet, rect } = range.resolved());
      } else {
        const text = String(reference);
        if (text.startsWith("=") && !isAddress(text.slice(1))) {
          // Office.js: a reference that is not an address is a formula the name evaluates.
          const item = this.ctx.book.addFormulaName(name, text, comment);
          this.ctx.book.log.push({ target: "names", member: "add", value: `${name}${text}` });
          return item;
        }
        const parsed = parseAddress(text.replace(/^=/, ""));
        sheet = parsed.sheet !== undefined ? this.ctx.book.sheet(parsed.sheet) : undefined;
        rect = parsed;
      }
      if (sheet === undefined) throw new SimError("InvalidArgument", `The reference of "${name}" must name a sheet.`);
      const item = this.ctx.book.addName(name, sheet, rect, comment);
      this.ctx.book.log.push({ target: "names", member: "add", value: `${name}=${qualifiedAddress(sheet.name, rect)}` });
      return item;
    });
  }

  getItem(name: string): NamedItemProxy {
    return new NamedItemProxy(this.ctx, () => this.ctx.book.name(name) ?? null, false, name);
  }

  getItemOrNullObject(name: string): NamedItemProxy {
    return new NamedItemProxy(this.ctx, () => this.ctx.book.name(name) ?? null, true, name);
  }
}

const NAME_PROPS = ["name", "type", "value", "formula", "comment", "visible", "isNullObject"];

function isAddress(text: string): boolean {
  try {
    parseAddress(text);
    return true;
  } catch {
    return false;
  }
}

class NamedItemProxy extends SimProxy implements XlNamedItem {
  private entity: SimName | null | undefined;

  constructor(
    ctx: SimRequestContext,
    resolve: (() => SimName | null) | null,
    nullable = false,
    private readonly label = "name"
  ) {
    super(ctx);
    if (resolve !== null) {
      ctx.enqueue(() => {
        const item = resolve();
        if (item === null && !nullable) throw new SimError("ItemNotFound", `The name "${label}" does not exist.`);
        this.entity = item;
        this.cache.set("isNullObject", item === null);
      });
    }
  }

  static loaded(ctx: SimRequestContext, item: SimName, props: readonly string[]): NamedItemProxy {
    const proxy = new NamedItemProxy(ctx, null, false, item.name);
    proxy.entity = item;
    proxy.cache.set("isNullObject", false);
    for (const p of props) {
      if (!NAME_PROPS.includes(p)) throw new SimError("NotImplemented", `excel-sim cannot load name "${p}"`);
      proxy.cache.set(p, proxy.compute(p));
    }
    return proxy;
  }

  private item(): SimName {
    if (this.entity === undefined) throw new SimError("InvalidOperation", "excel-sim: name used before its request ran");
    if (this.entity === null) throw new SimError("ItemNotFound", `The name "${this.label}" does not exist (null object).`);
    return this.entity;
  }

  get name(): string {
    return this.read("name");
  }
  get type(): Excel.NamedItem["type"] {
    return this.read("type");
  }
  /** [ExcelApi 1.7] "=Benchmarks!$A$5:$H$27", "=0.85", "=IF(…)". */
  get formula(): string {
    return this.read("formula");
  }
  set formula(formula: string) {
    this.cache.set("formula", formula);
    this.ctx.enqueue(() => {
      const item = this.item();
      this.ctx.book.setNameFormula(item, formula);
      this.ctx.book.log.push({ target: "names", member: "formula", value: `${item.name}${formula}` });
    });
  }
  get visible(): boolean {
    return this.read("visible");
  }
  set visible(visible: boolean) {
    this.cache.set("visible", visible);
    this.ctx.enqueue(() => {
      const item = this.item();
      this.ctx.book.setNameVisible(item, visible);
      this.ctx.book.log.push({ target: "names", member: "visible", value: `${item.name}=${String(visible)}` });
    });
  }
  get isNullObject(): boolean {
    return this.read("isNullObject");
  }

  load(propertyNames?: string | string[]): this {
    this.queueLoad(parseLoad(propertyNames ?? "name,type,value"), NAME_PROPS);
    return this;
  }

  protected compute(property: string): unknown {
    if (this.entity === null || this.entity === undefined) return property === "isNullObject" ? this.entity === null : null;
    const item = this.entity;
    const sheet = item.constant === undefined ? this.ctx.book.sheet(item.sheetId) : undefined;
    const reference = item.formula !== undefined
      ? item.formula
      : item.constant !== undefined
      ? typeof item.constant === "string" ? `="${item.constant.replace(/"/g, '""')}"` : `=${String(item.constant).toUpperCase()}`
      : sheet !== undefined ? `=${qualifiedAddress(sheet.name, item.rect).replace(/!(.*)$/, (_, a: string) => `!${formatAddress(parseAddress(a), true)}`)}` : "=#REF!";
    switch (property) {
      case "name":
        return item.name;
      case "type":
        return this.ctx.book.nameType(item);
      case "value":
      case "formula":
        return reference;
      case "comment":
        return item.comment;
      case "visible":
        return item.visible;
      case "isNullObject":
        return false;
      default:
        return undefined;
    }
  }

  getRange(): RangeProxy {
    return new RangeProxy(this.ctx, () => {
      const item = this.item();
      // A structured reference to a table column ("=CK_Payments[Amount]") is a range: the column's body now.
      const column = item.formula !== undefined ? this.ctx.book.tableColumnOf(item.formula) : undefined;
      if (column !== undefined) return column;
      if (item.constant !== undefined || item.formula !== undefined) throw new SimError("InvalidArgument", `The name "${item.name}" is not a range.`);
      const sheet = this.ctx.book.sheet(item.sheetId);
      if (sheet === undefined) throw new SimError("InvalidReference", `The name "${item.name}" refers to #REF!.`);
      return { sheet, rect: item.rect };
    });
  }

  delete(): void {
    this.ctx.enqueue(() => {
      const item = this.item();
      this.ctx.book.deleteName(item.name);
      this.ctx.book.log.push({ target: "names", member: "delete", value: item.name });
    });
  }
}

/** Excel.ConditionalColorScaleCriteria as the simulator keeps it (colours checked as #RRGGBB). */
function simCriteria(value: Excel.ConditionalColorScaleCriteria): SimColorScaleCriteria {
  const one = (c: Excel.ConditionalColorScaleCriterion | undefined, which: string): SimColorScaleCriteria["minimum"] => {
    if (c === undefined) throw new SimError("InvalidArgument", `The color scale needs a ${which} criterion.`);
    if (typeof c.color !== "string" || !/^#[0-9a-f]{6}$/i.test(c.color)) throw new SimError("InvalidArgument", `The ${which} colour must be #RRGGBB.`);
    return { type: String(c.type), formula: c.formula ?? null, color: c.color };
  };
  return {
    minimum: one(value.minimum, "minimum"),
    ...(value.midpoint !== undefined ? { midpoint: one(value.midpoint, "midpoint") } : {}),
    maximum: one(value.maximum, "maximum"),
  };
}

// ---------------------------------------------------------------- charts (issue 15)

/** Excel's default row height in points (Calibri 11): the simulator's rows are all this tall. */
const ROW_HEIGHT_POINTS = 15;

/** A range proxy's sheet and cells as a chart keeps them (inside a queued op). */
function chartRef(range: XlRange): SimChartRef {
  if (!(range instanceof RangeProxy)) throw new SimError("NotImplemented", "excel-sim charts read sim ranges");
  const { sheet, rect } = range.resolved();
  return { sheetId: sheet.id, rect: { row: rect.row, column: rect.column, rowCount: rect.rowCount, columnCount: rect.columnCount } };
}

/** Points from the sheet's left edge to column `column`, and from its top to row `row`. */
function cellOffset(sheet: SimSheet, row: number, column: number): { top: number; left: number } {
  let left = 0;
  for (let c = 0; c < column; c++) left += sheet.columnWidth(c);
  return { top: row * ROW_HEIGHT_POINTS, left };
}

const CHART_PROPS = ["name", "top", "left", "width", "height", "isNullObject"];

/**
 * [ExcelApi 1.1] Excel.ChartCollection (learn.microsoft.com/javascript/api/excel/excel.chartcollection):
 * add(type, sourceData, seriesBy) "Creates a new chart"; a series per column ("Columns") or
 * per row ("Rows") of the source; "Auto" takes series by columns unless the source has more
 * columns than rows, as Excel's chart wizard does. The new chart is "Chart N", 360 × 216 points.
 */
class ChartCollectionProxy extends SimProxy implements XlChartCollection {
  private itemProps: string[] = [];

  constructor(
    ctx: SimRequestContext,
    private readonly worksheet: WorksheetProxy
  ) {
    super(ctx);
  }

  get items(): ChartProxy[] {
    return this.read("items");
  }

  load(propertyNames?: string | string[]): this {
    const props = parseLoad(propertyNames).map((p) => p.replace(/^items\//, "")).filter((p) => p !== "items");
    for (const p of props) if (!CHART_PROPS.includes(p)) throw new SimError("NotImplemented", `excel-sim cannot load chart "${p}"`);
    this.itemProps = props;
    this.queueLoad(["items"], ["items"]);
    return this;
  }

  protected compute(): ChartProxy[] {
    const sheet = this.worksheet.sheet();
    return sheet.charts.map((chart) => ChartProxy.loaded(this.ctx, sheet, chart, this.itemProps));
  }

  add(type: XlChartType, sourceData: XlRange, seriesBy: "Auto" | "Columns" | "Rows" = "Auto"): ChartProxy {
    const proxy = new ChartProxy(this.ctx);
    this.ctx.enqueue(
      () => {
        this.ctx.requireApi("1.1", "ChartCollection.add");
        if (type !== "Line" && type !== "ColumnClustered") throw new SimError("NotImplemented", `excel-sim draws Line and ColumnClustered charts, not ${String(type)}`);
        const sheet = this.worksheet.sheet();
        const source = chartRef(sourceData);
        const { rect } = source;
        const byRows = seriesBy === "Rows" || (seriesBy === "Auto" && rect.columnCount > rect.rowCount);
        const count = byRows ? rect.rowCount : rect.columnCount;
        const series: SimChartSeries[] = Array.from({ length: count }, (_, i) => ({
          name: `Series${i + 1}`,
          values: {
            sheetId: source.sheetId,
            rect: byRows ? { row: rect.row + i, column: rect.column, rowCount: 1, columnCount: rect.columnCount } : { row: rect.row, column: rect.column + i, rowCount: rect.rowCount, columnCount: 1 },
          },
          line: {},
        }));
        const taken = new Set(this.ctx.book.sheets.flatMap((s) => s.charts.map((c) => c.name.toLowerCase())));
        let n = 1;
        while (taken.has(`chart ${n}`)) n++;
        const chart: SimChart = { name: `Chart ${n}`, type, title: "", top: 0, left: 0, ...DEFAULT_CHART_SIZE, series };
        proxy.bind(sheet, sheet.addChart(chart));
        this.ctx.book.log.push({ target: sheet.name, member: "charts.add", value: { type, seriesBy, source: formatAddress(rect) } });
      },
      { request: { type, seriesBy } }
    );
    return proxy;
  }
}

/** [ExcelApi 1.1] Excel.Chart (learn.microsoft.com/javascript/api/excel/excel.chart). */
class ChartProxy extends SimProxy implements XlChart {
  private entity: { sheet: SimSheet; chart: SimChart } | undefined;
  private seriesProxy: ChartSeriesCollectionProxy | undefined;
  readonly title: { text: string };
  readonly legend: { position: Excel.ChartLegend["position"] };
  readonly axes: { readonly valueAxis: { numberFormat: string } };

  constructor(ctx: SimRequestContext) {
    super(ctx);
    const self = this;
    const values = new Map<string, unknown>();
    const get = <T>(member: string): T => {
      if (!values.has(member)) throw notLoaded(member);
      return values.get(member) as T;
    };
    // ChartTitle.text (1.1).
    this.title = {
      get text(): string {
        return get("title.text");
      },
      set text(text: string) {
        values.set("title.text", text);
        self.change("title.text", text, (chart) => (chart.title = text));
      },
    };
    // ChartLegend.position (1.1): "Top", "Bottom", "Left", "Right", "Corner", "Custom", "Invalid".
    this.legend = {
      get position(): Excel.ChartLegend["position"] {
        return get("legend.position");
      },
      set position(position: Excel.ChartLegend["position"]) {
        values.set("legend.position", position);
        self.change("legend.position", position, (chart) => (chart.legendPosition = String(position)));
      },
    };
    // ChartAxes.valueAxis (1.1); ChartAxis.numberFormat "Specifies the format code for the axis tick label" (ExcelApi 1.8).
    this.axes = {
      valueAxis: {
        get numberFormat(): string {
          return get("axes.valueAxis.numberFormat");
        },
        set numberFormat(format: string) {
          values.set("axes.valueAxis.numberFormat", format);
          self.change("axes.valueAxis.numberFormat", format, (chart) => (chart.valueAxisNumberFormat = format), "1.8");
        },
      },
    };
  }

  static loaded(ctx: SimRequestContext, sheet: SimSheet, chart: SimChart, props: readonly string[]): ChartProxy {
    const proxy = new ChartProxy(ctx);
    proxy.bind(sheet, chart);
    for (const p of props) proxy.cache.set(p, proxy.compute(p));
    return proxy;
  }

  /** @internal */
  bind(sheet: SimSheet, chart: SimChart): void {
    this.entity = { sheet, chart };
    this.cache.set("isNullObject", false);
  }

  /** @internal The chart, inside a queued op. */
  target(): { sheet: SimSheet; chart: SimChart } {
    if (this.entity === undefined) throw new SimError("InvalidOperation", "excel-sim: chart used before it was added");
    return this.entity;
  }

  /** @internal Queues a change of the chart (after the API set it needs is checked). */
  change(member: string, value: unknown, apply: (chart: SimChart, sheet: SimSheet) => void, version = "1.1"): void {
    this.ctx.enqueue(
      () => {
        this.ctx.requireApi(version, `Chart.${member}`);
        const { sheet, chart } = this.target();
        apply(chart, sheet);
        sheet.chartChanged();
        this.ctx.book.log.push({ target: chart.name, member, value });
      },
      { request: value }
    );
  }

  private setNumber(member: "top" | "left" | "width" | "height", value: number): void {
    if (!Number.isFinite(value) || value < 0) throw new SimError("InvalidArgument", `The chart's ${member} must be a number of points ≥ 0.`);
    this.cache.set(member, value);
    this.change(member, value, (chart) => {
      chart[member] = value;
      // Moved by points: no longer placed at a cell.
      if (member === "top" || member === "left") delete chart.anchor;
    });
  }

  get name(): string {
    return this.read("name");
  }
  /** [ExcelApi 1.1] Chart.name; unique on the sheet. */
  set name(name: string) {
    this.cache.set("name", name);
    this.change("name", name, (chart, sheet) => {
      if (sheet.charts.some((c) => c !== chart && c.name.toLowerCase() === name.toLowerCase())) throw new SimError("ItemAlreadyExists", `A chart named "${name}" exists on this sheet.`);
      chart.name = name;
    });
  }
  get top(): number {
    return this.read("top");
  }
  set top(points: number) {
    this.setNumber("top", points);
  }
  get left(): number {
    return this.read("left");
  }
  set left(points: number) {
    this.setNumber("left", points);
  }
  get width(): number {
    return this.read("width");
  }
  set width(points: number) {
    this.setNumber("width", points);
  }
  get height(): number {
    return this.read("height");
  }
  set height(points: number) {
    this.setNumber("height", points);
  }

  get series(): ChartSeriesCollectionProxy {
    return (this.seriesProxy ??= new ChartSeriesCollectionProxy(this.ctx, this));
  }

  /**
   * [ExcelApi 1.1] Chart.setPosition(startCell, endCell?): "Positions the chart relative to cells
   * on the worksheet"; with endCell "the chart's width and height will be set to fully cover up
   * this cell/range", else the size stays (Excel.Chart reference). The simulator's rows are all
   * 15 points tall.
   */
  setPosition(startCell: XlRange | string, endCell?: XlRange | string): void {
    const where = (cell: XlRange | string, sheet: SimSheet): Rect => {
      if (typeof cell !== "string") {
        const ref = chartRef(cell);
        if (ref.sheetId !== sheet.id) throw new SimError("InvalidArgument", "The chart's position must be on its own sheet.");
        return ref.rect;
      }
      const parsed = parseAddress(cell);
      if (parsed.sheet !== undefined && parsed.sheet.toLowerCase() !== sheet.name.toLowerCase()) throw new SimError("InvalidArgument", "The chart's position must be on its own sheet.");
      return parsed;
    };
    const label = typeof startCell === "string" ? startCell : "range";
    this.change("setPosition", endCell === undefined ? label : [label, typeof endCell === "string" ? endCell : "range"], (chart, sheet) => {
      const start = where(startCell, sheet);
      const at = cellOffset(sheet, start.row, start.column);
      chart.anchor = { row: start.row, column: start.column };
      chart.top = at.top;
      chart.left = at.left;
      if (endCell !== undefined) {
        const end = where(endCell, sheet);
        const far = cellOffset(sheet, end.row + end.rowCount, end.column + end.columnCount);
        chart.width = Math.max(0, far.left - at.left);
        chart.height = Math.max(0, far.top - at.top);
      }
    });
  }

  load(propertyNames?: string | string[]): this {
    this.queueLoad(parseLoad(propertyNames ?? "name"), CHART_PROPS);
    return this;
  }

  protected compute(property: string): unknown {
    if (property === "isNullObject") return false;
    const { chart } = this.target();
    switch (property) {
      case "name":
        return chart.name;
      case "top":
        return chart.top;
      case "left":
        return chart.left;
      case "width":
        return chart.width;
      case "height":
        return chart.height;
      default:
        return undefined;
    }
  }
}

/** [ExcelApi 1.1] Excel.ChartSeriesCollection (learn.microsoft.com/javascript/api/excel/excel.chartseriescollection). */
class ChartSeriesCollectionProxy implements XlChartSeriesCollection {
  constructor(
    private readonly ctx: SimRequestContext,
    private readonly chart: ChartProxy
  ) {}

  /** [ExcelApi 1.1] getItemAt(index): the series at that position; ItemNotFound beyond the last. */
  getItemAt(index: number): ChartSeriesProxy {
    const proxy = new ChartSeriesProxy(this.ctx, this.chart);
    this.ctx.enqueue(
      () => {
        const { chart } = this.chart.target();
        const series = chart.series[index];
        if (series === undefined) throw new SimError("ItemNotFound", `The chart has no series ${index}.`);
        proxy.bind(series);
      },
      { read: true }
    );
    return proxy;
  }

  /** [ExcelApi 1.7] add(name?, index?): "Add a new series to the collection"; it has no values until setValues. */
  add(name?: string, index?: number): ChartSeriesProxy {
    const proxy = new ChartSeriesProxy(this.ctx, this.chart);
    this.ctx.enqueue(
      () => {
        this.ctx.requireApi("1.7", "ChartSeriesCollection.add");
        const { sheet, chart } = this.chart.target();
        const series: SimChartSeries = { name: name ?? `Series${chart.series.length + 1}`, line: {} };
        const at = index === undefined ? chart.series.length : Math.min(Math.max(0, index), chart.series.length);
        chart.series.splice(at, 0, series);
        proxy.bind(series);
        sheet.chartChanged();
        this.ctx.book.log.push({ target: chart.name, member: "series.add", value: series.name });
      },
      { request: name ?? "" }
    );
    return proxy;
  }
}

/** [ExcelApi 1.1] Excel.ChartSeries (learn.microsoft.com/javascript/api/excel/excel.chartseries). */
class ChartSeriesProxy implements XlChartSeries {
  private entity: SimChartSeries | undefined;
  private readonly set = new Map<string, unknown>();
  readonly format: { readonly line: { color: string; lineStyle: Excel.ChartLineFormat["lineStyle"]; weight: number } };

  constructor(
    private readonly ctx: SimRequestContext,
    private readonly chart: ChartProxy
  ) {
    const self = this;
    // ChartSeriesFormat.line: Excel.ChartLineFormat — color (ExcelApi 1.1), lineStyle and weight
    // (ExcelApi 1.7) (learn.microsoft.com/javascript/api/excel/excel.chartlineformat).
    this.format = {
      line: {
        get color(): string {
          return self.get("format.line.color");
        },
        set color(color: string) {
          self.put("format.line.color", color, "1.1", (s) => (s.line.color = color));
        },
        get lineStyle(): Excel.ChartLineFormat["lineStyle"] {
          return self.get("format.line.lineStyle");
        },
        set lineStyle(style: Excel.ChartLineFormat["lineStyle"]) {
          self.put("format.line.lineStyle", style, "1.7", (s) => (s.line.lineStyle = String(style)));
        },
        get weight(): number {
          return self.get("format.line.weight");
        },
        set weight(points: number) {
          self.put("format.line.weight", points, "1.7", (s) => (s.line.weight = points));
        },
      },
    };
  }

  /** @internal */
  bind(series: SimChartSeries): void {
    this.entity = series;
  }

  private series(): SimChartSeries {
    if (this.entity === undefined) throw new SimError("InvalidOperation", "excel-sim: series used before its request ran");
    return this.entity;
  }

  private get<T>(member: string): T {
    if (!this.set.has(member)) throw notLoaded(member);
    return this.set.get(member) as T;
  }

  private put(member: string, value: unknown, version: string, apply: (series: SimChartSeries) => void): void {
    this.set.set(member, value);
    this.ctx.enqueue(
      () => {
        this.ctx.requireApi(version, `ChartSeries.${member}`);
        const series = this.series();
        apply(series);
        const { sheet, chart } = this.chart.target();
        sheet.chartChanged();
        this.ctx.book.log.push({ target: `${chart.name}/${series.name}`, member, value });
      },
      { request: value }
    );
  }

  get name(): string {
    return this.get("name");
  }
  /** [ExcelApi 1.1] The name in the legend. */
  set name(name: string) {
    this.put("name", name, "1.1", (s) => (s.name = name));
  }
  get chartType(): Excel.ChartSeries["chartType"] {
    return this.get("chartType");
  }
  /** [ExcelApi 1.7] */
  set chartType(type: Excel.ChartSeries["chartType"]) {
    this.put("chartType", type, "1.7", (s) => (s.chartType = String(type)));
  }
  get markerStyle(): Excel.ChartSeries["markerStyle"] {
    return this.get("markerStyle");
  }
  /** [ExcelApi 1.7] "None", "Circle" … */
  set markerStyle(style: Excel.ChartSeries["markerStyle"]) {
    this.put("markerStyle", style, "1.7", (s) => (s.markerStyle = String(style)));
  }

  /** [ExcelApi 1.7] setValues(sourceData): "Sets the values for a series" from one row or column. */
  setValues(sourceData: XlRange): void {
    this.put("setValues", "range", "1.7", (s) => (s.values = oneLine(chartRef(sourceData), "values")));
  }
  /** [ExcelApi 1.7] setXAxisValues(sourceData): "Sets the values of the x-axis for a series". */
  setXAxisValues(sourceData: XlRange): void {
    this.put("setXAxisValues", "range", "1.7", (s) => (s.xValues = oneLine(chartRef(sourceData), "x-axis values")));
  }
}

/** A series' values are one row or one column (Excel refuses a block: "InvalidArgument"). */
function oneLine(ref: SimChartRef, what: string): SimChartRef {
  if (ref.rect.rowCount !== 1 && ref.rect.columnCount !== 1) throw new SimError("InvalidArgument", `A series' ${what} must be one row or one column.`);
  return ref;
}
