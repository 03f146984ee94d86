/**
 * Typing Chinese into a selected cell of the preview's grid, as in zh-CN Excel: select a cell, type
 * through the IME, Enter. The grid's keyboard focus is a visually hidden textarea over the selected
 * cell (WorkbookView.keys), so the IME has an editable target: its commit (or text inserted without
 * a composition) starts the edit of the cell with the text. The keys the grid had keep working:
 * a printable key starts an edit with it, arrows move, F2 edits, Shift+F10 opens a table row's menu.
 *
 * The composition goes through the DevTools protocol (Input.imeSetComposition, then Input.insertText
 * to commit), which headless Chromium runs as a real IME would: compositionstart / update / end.
 */
import type { CDPSession, Page } from "playwright-core";
import { PREVIEW_STRINGS } from "../../src/preview/strings";
import { Session, newPage, startSession } from "./browser";
import { previewPage } from "./previewPage";

const S = PREVIEW_STRINGS.zh;

let session: Session;
let page: Page;
let cdp: CDPSession;
const pageErrors: string[] = [];
const preview = previewPage(() => page);
const { cell, expectCell } = preview;

const nameBox = () => page.locator(".pv-namebox");
const editor = () => page.locator(".pv-grid td.pv-editing input.pv-editor");

/** What has the keyboard focus: its tag, class, label, and whether it is inside the grid. */
async function focused(): Promise<{ tag: string; className: string; label: string | null; inGrid: boolean }> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return { tag: el?.tagName ?? "", className: el?.className ?? "", label: el?.getAttribute("aria-label") ?? null, inGrid: el?.closest(".pv-gridwrap") !== null };
  });
}

/** The grid's focus target has the focus: the hidden textarea, labelled as the grid. */
async function expectGridFocus(): Promise<void> {
  expect(await focused()).toEqual({ tag: "TEXTAREA", className: "pv-keys", label: S.gridLabel, inGrid: true });
  expect(await preview.gridHasFocus()).toBe(true);
}

beforeAll(async () => {
  session = await startSession();
  page = await newPage(session, pageErrors);
  cdp = await page.context().newCDPSession(page);
  await preview.open(session.server.url, "zh");
});

afterAll(async () => {
  await session?.close();
});

afterEach(() => {
  expect(pageErrors).toEqual([]);
});

describe("Chinese into a selected cell (?lang=zh)", () => {
  test("the grid keeps its label; its focus target is an editable textarea over the selected cell, not aria-hidden", async () => {
    expect(await page.locator(".pv-gridwrap").getAttribute("aria-label")).toBe(S.gridLabel);
    await cell("A1").click();
    await expectGridFocus();
    const keys = page.locator("textarea.pv-keys");
    expect(await keys.getAttribute("aria-hidden")).toBeNull();
    // One Tab stop for the grid: the textarea (the grid itself is reachable by click only).
    expect(await page.locator(".pv-gridwrap").getAttribute("tabindex")).toBe("-1");
    // Over the selected cell (where the IME shows its candidates), invisible, and click-through.
    const box = await keys.boundingBox();
    const a1 = await preview.boxOf("A1");
    expect(box).not.toBeNull();
    expect(Math.abs((box?.x ?? 0) - a1.x)).toBeLessThanOrEqual(1);
    expect(Math.abs((box?.y ?? 0) - a1.y)).toBeLessThanOrEqual(1);
    expect(await keys.evaluate((el) => [getComputedStyle(el).opacity, getComputedStyle(el).pointerEvents])).toEqual(["0", "none"]);
    await cell("B2").click();
    const b2 = await preview.boxOf("B2");
    const moved = await keys.boundingBox();
    expect(Math.abs((moved?.x ?? 0) - b2.x)).toBeLessThanOrEqual(1);
    expect(Math.abs((moved?.y ?? 0) - b2.y)).toBeLessThanOrEqual(1);
  });

  test("insertText 李娜 on the selected A1, Enter: A1 shows 李娜 and the selection moves to A2", async () => {
    await cell("A1").click();
    await page.keyboard.insertText("李娜");
    // The edit started with the text, in the cell's editor.
    expect(await editor().inputValue()).toBe("李娜");
    expect(await page.locator(".pv-formula").inputValue()).toBe("李娜");
    await page.keyboard.press("Enter");
    await expectCell("A1", "李娜");
    expect(await nameBox().inputValue()).toBe("A2");
    expect(await page.locator(".pv-status").textContent()).toBe(S.edited("A1"));
    await expectGridFocus();
    // The textarea holds nothing between edits.
    expect(await page.locator("textarea.pv-keys").inputValue()).toBe("");
  });

  test("keyboard.type 王芳 (Playwright inserts each character): B1 shows 王芳", async () => {
    await cell("B1").click();
    await page.keyboard.type("王芳");
    await page.keyboard.press("Enter");
    await expectCell("B1", "王芳");
    expect(await nameBox().inputValue()).toBe("B2");
  });

  test("a real composition (Input.imeSetComposition, commit by Input.insertText): pinyin shows at the cell, arrows and Enter belong to the IME, the commit starts the edit", async () => {
    await cell("C1").click();
    const events: string[] = [];
    await page.exposeFunction("ckImeEvent", (e: string) => events.push(e));
    await page.evaluate(() => {
      const keys = document.querySelector("textarea.pv-keys") as HTMLTextAreaElement;
      const log = (window as unknown as { ckImeEvent: (e: string) => void }).ckImeEvent;
      for (const type of ["compositionstart", "compositionupdate", "compositionend"]) keys.addEventListener(type, (e) => log(`${type}:${(e as CompositionEvent).data}`));
    });
    await cdp.send("Input.imeSetComposition", { text: "l", selectionStart: 1, selectionEnd: 1 });
    await cdp.send("Input.imeSetComposition", { text: "li", selectionStart: 2, selectionEnd: 2 });
    // Composing: the pinyin is in the focus target, shown over C1; no edit yet, the cell unchanged.
    const keys = page.locator("textarea.pv-keys");
    expect(await keys.inputValue()).toBe("li");
    expect(await keys.getAttribute("class")).toBe("pv-keys pv-keys--composing");
    expect(await keys.evaluate((el) => getComputedStyle(el).opacity)).toBe("1");
    const c1 = await preview.boxOf("C1");
    const box = await keys.boundingBox();
    expect(Math.abs((box?.x ?? 0) - c1.x)).toBeLessThanOrEqual(1);
    expect(Math.abs((box?.y ?? 0) - c1.y)).toBeLessThanOrEqual(1);
    expect(await editor().count()).toBe(0);
    expect(await nameBox().inputValue()).toBe("C1");
    // The IME's keys during the composition (keyCode 229, isComposing): no move, no commit.
    for (const key of ["ArrowDown", "Enter", "Tab"]) {
      await cdp.send("Input.dispatchKeyEvent", { type: "rawKeyDown", key: "Process", code: key === "Tab" ? "Tab" : key, windowsVirtualKeyCode: 229, nativeVirtualKeyCode: 229 });
      await cdp.send("Input.dispatchKeyEvent", { type: "keyUp", key: "Process", code: key === "Tab" ? "Tab" : key, windowsVirtualKeyCode: 229, nativeVirtualKeyCode: 229 });
    }
    expect(await nameBox().inputValue()).toBe("C1");
    expect(await editor().count()).toBe(0);
    // The commit: the edit starts with 李, the focus in C1's editor.
    await cdp.send("Input.insertText", { text: "李" });
    expect(await editor().inputValue()).toBe("李");
    expect((await focused()).className).toBe("pv-editor");
    expect(await keys.inputValue()).toBe("");
    expect(await keys.getAttribute("class")).toBe("pv-keys");
    expect(events[0]).toBe("compositionstart:");
    expect(events).toContain("compositionupdate:li");
    expect(events[events.length - 1]).toBe("compositionend:李");
    // The second character composes in the editor itself (an input: the IME's own target).
    await cdp.send("Input.imeSetComposition", { text: "na", selectionStart: 2, selectionEnd: 2 });
    await cdp.send("Input.insertText", { text: "娜" });
    expect(await editor().inputValue()).toBe("李娜");
    await page.keyboard.press("Enter");
    await expectCell("C1", "李娜");
    expect(await nameBox().inputValue()).toBe("C2");
    await expectGridFocus();
  });

  test("a composition given up (empty commit) leaves the cell as it was and the grid's keys working", async () => {
    await cell("D1").click();
    await cdp.send("Input.imeSetComposition", { text: "zh", selectionStart: 2, selectionEnd: 2 });
    await cdp.send("Input.imeSetComposition", { text: "", selectionStart: 0, selectionEnd: 0 });
    expect(await editor().count()).toBe(0);
    expect(await page.locator("textarea.pv-keys").getAttribute("class")).toBe("pv-keys");
    await expectCell("D1", "");
    await page.keyboard.press("ArrowDown");
    expect(await nameBox().inputValue()).toBe("D2");
  });

  test("a Latin key still starts an edit with that key; arrows, Tab, F2, Backspace and Delete as before", async () => {
    await cell("A3").click();
    await page.keyboard.press("K");
    expect(await editor().inputValue()).toBe("K");
    await page.keyboard.type("PI");
    await page.keyboard.press("Tab");
    await expectCell("A3", "KPI");
    expect(await nameBox().inputValue()).toBe("B3");
    await page.keyboard.press("ArrowLeft");
    expect(await nameBox().inputValue()).toBe("A3");
    await page.keyboard.press("ArrowUp");
    await page.keyboard.press("ArrowUp");
    expect(await nameBox().inputValue()).toBe("A1");
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowLeft");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowDown");
    expect(await nameBox().inputValue()).toBe("A3");
    // F2 edits the cell's content, the caret at the end.
    await page.keyboard.press("ArrowUp");
    await page.keyboard.press("ArrowUp");
    await page.keyboard.press("F2");
    expect(await editor().inputValue()).toBe("李娜");
    await page.keyboard.press("Escape");
    await expectCell("A1", "李娜");
    await expectGridFocus();
    // Shift+Enter moves up, Enter down (no edit).
    await page.keyboard.press("Enter");
    expect(await nameBox().inputValue()).toBe("A2");
    await page.keyboard.press("Shift+Enter");
    expect(await nameBox().inputValue()).toBe("A1");
    // Backspace starts an empty edit; Escape keeps the cell.
    await page.keyboard.press("Backspace");
    expect(await editor().inputValue()).toBe("");
    await page.keyboard.press("Escape");
    await expectCell("A1", "李娜");
    // Delete clears the selected cell (D3 here: typed first).
    await cell("D3").click();
    await page.keyboard.type("x");
    await page.keyboard.press("Enter");
    await expectCell("D3", "x");
    await cell("D3").click();
    await page.keyboard.press("Delete");
    await expectCell("D3", "");
  });

  test("double-click still edits; Escape in the Name box and the formula bar gives the grid the focus back", async () => {
    await cell("A1").dblclick();
    expect(await editor().inputValue()).toBe("李娜");
    await page.keyboard.press("Escape");
    await nameBox().click();
    await page.keyboard.press("Escape");
    await expectGridFocus();
    await page.locator(".pv-formula").click();
    await page.keyboard.press("Escape");
    await expectGridFocus();
    // The Name box goes to a cell and leaves the focus on the grid, over that cell.
    await nameBox().click();
    await page.keyboard.type("E5");
    await page.keyboard.press("Enter");
    await expectGridFocus();
    await page.keyboard.insertText("张伟");
    await page.keyboard.press("Enter");
    await expectCell("E5", "张伟");
  });

  test("Shift+F10 on a table row still opens the table-row menu (在上方插入表格行 …); Escape gives the grid its focus back", async () => {
    await preview.insert("m1", "zh", true);
    await expectCell("A13", "团队合计");
    await cell("A9").click();
    await page.keyboard.press("Shift+F10");
    await page.getByRole("menu").waitFor();
    expect(await page.getByRole("menu").getAttribute("aria-label")).toBe(S.tableRowMenuLabel("CK_M1"));
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(S.insertRowAbove);
    await page.keyboard.press("Escape");
    await page.getByRole("menu").waitFor({ state: "hidden" });
    await expectGridFocus();
    // The menu key too; outside the table nothing opens.
    await page.keyboard.press("ContextMenu");
    await page.getByRole("menu").waitFor();
    await page.keyboard.press("Escape");
    await page.getByRole("menu").waitFor({ state: "hidden" });
    await cell("A14").click();
    await page.keyboard.press("Shift+F10");
    await page.waitForTimeout(100);
    expect(await page.getByRole("menu").isHidden()).toBe(true);
    await page.keyboard.press("Escape");
  });

  test("Chinese into a team sheet's cell: a collector's name in A9 of M1", async () => {
    await cell("A9").click();
    await cdp.send("Input.imeSetComposition", { text: "zhaomin", selectionStart: 7, selectionEnd: 7 });
    await cdp.send("Input.insertText", { text: "赵敏" });
    expect(await editor().inputValue()).toBe("赵敏");
    await page.keyboard.press("Enter");
    await expectCell("A9", "赵敏");
    expect(await nameBox().inputValue()).toBe("A10");
  });
});
