/**
 * The preview on each Excel host profile (?excel=desktop, ?excel=web; src/hosts/profiles.ts):
 * the header's badge names the active profile in the page's language, the same templates give
 * the same cells on both (the hand-computed checks of sampleChecks.ts), the one documented
 * difference a user can see in a cell shows (a whole-column argument: passed on desktop,
 * #CALC! on the web), and the badge's link switches the profile in place, keeping ?lang and the
 * workbook. Screenshots of the header with the badge (en, zh) go to docs/screenshots/.
 */
import { join } from "path";
import type { Page } from "playwright-core";
import { EXCEL_HOSTS, EXCEL_HOST_IDS, ExcelHostId } from "../../src/hosts/profiles";
import { PREVIEW_STRINGS } from "../../src/preview/strings";
import { STRINGS as PANE } from "../../src/taskpane/strings";
import { ROOT, Session, newPage, startSession } from "./browser";
import { previewPage } from "./previewPage";
import { expectM1Sample, expectScorecardSample } from "./sampleChecks";

const SHOTS = join(ROOT, "docs", "screenshots");

let session: Session;
let page: Page;
const pageErrors: string[] = [];
const preview = previewPage(() => page);
const { pane, expectCell, insert, typeInto } = preview;

const badge = () => page.locator(".pv-host__badge");
const hostLink = () => page.locator("a.pv-host__switch");

async function sheetTabs(): Promise<string[]> {
  return page.locator(".pv-tab").allTextContents();
}

beforeAll(async () => {
  session = await startSession();
  page = await newPage(session, pageErrors);
});

afterAll(async () => {
  await session?.close();
});

describe.each(EXCEL_HOST_IDS.map((id) => [id]))("?excel=%s", (excel: ExcelHostId) => {
  const host = EXCEL_HOSTS[excel];
  const other = EXCEL_HOSTS[excel === "web" ? "desktop" : "web"];

  test("the badge names the profile, and its link leads to the other one with the same language", async () => {
    await preview.open(session.server.url, "en", excel);
    expect(await page.locator("body").getAttribute("data-excel")).toBe(excel);
    expect(await badge().textContent()).toBe(host.label.en);
    expect(await badge().getAttribute("title")).toBe(PREVIEW_STRINGS.en.hostDetails(host));
    expect(await hostLink().textContent()).toBe(PREVIEW_STRINGS.en.hostSwitch(other.label.en));
    const href = new URL((await hostLink().getAttribute("href"))!, session.server.url);
    expect([href.pathname, href.searchParams.get("lang"), href.searchParams.get("excel")]).toEqual(["/preview.html", "en", other.id]);
  });

  test("M1 and the scorecard with sample data show the same cells as on every host", async () => {
    expect(await insert("m1", "en", true)).toBe(PANE.en.createdWithBenchmarks("M1", "Benchmarks"));
    await expectM1Sample(preview);
    expect(await insert("scorecard", "en", true)).toBe(PANE.en.created("Scorecard"));
    await expectScorecardSample(preview);
    expect(await sheetTabs()).toEqual(["Sheet1", "Benchmarks", "M1", "Scorecard"]);
  });

  test(`a whole-column argument ${host.wholeColumnArgument === "passed" ? "is passed" : "gives #CALC!"}, as on ${host.label.en}`, async () => {
    await page.locator('.pv-tab[data-sheet="Sheet1"]').click();
    await typeInto("A1", "50");
    await typeInto("B1", "100");
    await typeInto("C1", "=COLLECT.RECOVERYRATE(A:A,B:B)");
    await expectCell("C1", host.wholeColumnArgument === "passed" ? "0.5" : "#CALC!");
  });

  test("in Chinese the badge says the profile in Chinese", async () => {
    await page.getByRole("button", { name: "中文" }).click();
    await pane().getByRole("tab", { name: PANE.zh.tabTemplates }).waitFor();
    expect(await badge().textContent()).toBe(host.label.zh);
    expect(await hostLink().textContent()).toBe(PREVIEW_STRINGS.zh.hostSwitch(other.label.zh));
    const href = new URL((await hostLink().getAttribute("href"))!, session.server.url);
    expect([href.searchParams.get("lang"), href.searchParams.get("excel")]).toEqual(["zh", other.id]);
    // The page's own URL says both too: a reload keeps the language and the profile.
    const url = new URL(page.url());
    expect([url.searchParams.get("lang"), url.searchParams.get("excel")]).toEqual(["zh", excel]);
  });
});

describe("switching the profile in place", () => {
  test("the link switches to the other profile, keeps the workbook and ?lang, and recalculates", async () => {
    // After the web run above: Chinese, Excel on the web, C1 of Sheet1 is #CALC!.
    expect(await badge().textContent()).toBe(EXCEL_HOSTS.web.label.zh);
    await expectCell("C1", "#CALC!");
    await hostLink().click();
    await page.waitForFunction(() => document.body.dataset.excel === "desktop");
    expect(await badge().textContent()).toBe(EXCEL_HOSTS.desktop.label.zh);
    const url = new URL(page.url());
    expect([url.searchParams.get("lang"), url.searchParams.get("excel")]).toEqual(["zh", "desktop"]);
    expect(await sheetTabs()).toEqual(["Sheet1", "Benchmarks", "M1", "Scorecard"]);
    await expectCell("C1", "0.5");
    // The pane is reloaded (it reads the platform once, as in Excel) and still works.
    await pane().getByRole("tab", { name: PANE.zh.tabTemplates }).waitFor();
  });
});

describe("screenshots of the header with the badge", () => {
  test.each([
    ["en", "desktop"],
    ["zh", "web"],
  ] as const)("%s, Excel %s", async (language, excel) => {
    await preview.open(session.server.url, language, excel);
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.locator(".pv-header").screenshot({ path: join(SHOTS, `preview-host-${language}.png`) });
    expect(await badge().textContent()).toBe(EXCEL_HOSTS[excel].label[language]);
  });
});

describe("privacy and health", () => {
  test("no request left the local server, and no script error on any page", () => {
    const origin = session.server.url;
    expect(session.requests.filter((u) => !u.startsWith(origin) && !u.startsWith("data:") && !u.startsWith("blob:"))).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
