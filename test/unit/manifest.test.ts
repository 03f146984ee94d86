/**
 * manifest.xml: well-formed, internally consistent (every resid resolves, one shared
 * runtime page), least privilege, one HTTPS origin, and icons that really exist.
 */
import { existsSync, readFileSync } from "fs";
import { join, resolve } from "path";
import { descendants, elementsNamed, parseXml, pathOf, XmlElement } from "../helpers/xml";
import { distinctColours, isPng, readPngInfo } from "../helpers/png";

const ROOT = resolve(__dirname, "../..");
const source = readFileSync(join(ROOT, "manifest.xml"), "utf8");
const manifest = parseXml(source, "manifest.xml");

/** The order the OfficeApp schema requires for the elements this manifest uses. */
const ROOT_ORDER = [
  "Id",
  "AlternateId",
  "Version",
  "ProviderName",
  "DefaultLocale",
  "DisplayName",
  "Description",
  "IconUrl",
  "HighResolutionIconUrl",
  "SupportUrl",
  "AppDomains",
  "Hosts",
  "Requirements",
  "DefaultSettings",
  "Permissions",
  "VersionOverrides",
];

/** Resource collections, by the element that defines them under Resources. */
type ResourceKind = "Images" | "Urls" | "ShortStrings" | "LongStrings";

/** Which collection a resid must point into, by the local name of the referring element. */
const RESID_KIND: Record<string, ResourceKind> = {
  Image: "Images",
  SourceLocation: "Urls",
  Runtime: "Urls",
  FunctionFile: "Urls",
  LearnMoreUrl: "Urls",
  Namespace: "ShortStrings",
  Label: "ShortStrings",
  Title: "ShortStrings",
  Description: "LongStrings",
};
const MAX_LENGTH: Record<ResourceKind, number> = { Images: 2048, Urls: 2048, ShortStrings: 125, LongStrings: 250 };

function only(local: string, within: XmlElement = manifest): XmlElement {
  const found = elementsNamed(within, local);
  if (found.length !== 1) throw new Error(`expected one <${local}>, found ${found.length}`);
  return found[0];
}

function child(parent: XmlElement, local: string): XmlElement {
  const found = parent.children.find((c) => c.local === local);
  if (!found) throw new Error(`<${parent.local}> has no <${local}>`);
  return found;
}

const resources = only("Resources");
const resourceById = new Map<string, { kind: ResourceKind; value: string }>();
for (const collection of resources.children) {
  for (const entry of collection.children) {
    resourceById.set(entry.attributes.id, { kind: collection.local as ResourceKind, value: entry.attributes.DefaultValue });
  }
}

function resolveResid(resid: string): string {
  const resource = resourceById.get(resid);
  if (!resource) throw new Error(`resid "${resid}" is not defined in Resources`);
  return resource.value;
}

const referrers = descendants(manifest).filter((e) => e.attributes.resid !== undefined && !pathOf(e).includes("/Resources/"));

/** Every absolute URL the manifest points at. */
function allUrls(): string[] {
  const values = descendants(manifest)
    .map((e) => e.attributes.DefaultValue)
    .filter((value): value is string => value !== undefined && /^[a-z][a-z0-9+.-]*:\/\//i.test(value));
  const texts = elementsNamed(manifest, "AppDomain").map((e) => e.text.trim());
  return [...values, ...texts];
}

describe("manifest.xml", () => {
  test("is well-formed XML with the OfficeApp root and namespaces", () => {
    expect(manifest.local).toBe("OfficeApp");
    expect(manifest.uri).toBe("http://schemas.microsoft.com/office/appforoffice/1.1");
    expect(manifest.attributes["xsi:type"]).toBe("TaskPaneApp");
    expect(() => parseXml("<a><b></a>")).toThrow(); // the parser really is strict
  });

  test("top-level elements follow the schema order", () => {
    const names = manifest.children.map((c) => c.local);
    const positions = names.map((name) => ROOT_ORDER.indexOf(name));
    expect(positions).not.toContain(-1);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    for (const required of ["Id", "Version", "ProviderName", "DefaultLocale", "DisplayName", "Description", "IconUrl", "Hosts", "DefaultSettings", "Permissions"]) {
      expect(names).toContain(required);
    }
  });

  test("identity: GUID id, four-part version, CollectKPI names", () => {
    expect(child(manifest, "Id").text.trim()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
    expect(child(manifest, "Version").text.trim()).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(child(manifest, "ProviderName").text.trim()).toBe("CollectKPI");
    expect(child(manifest, "DisplayName").attributes.DefaultValue).toBe("CollectKPI");
    expect(child(manifest, "Description").attributes.DefaultValue.length).toBeLessThanOrEqual(250);
    expect(only("Host", child(manifest, "Hosts")).attributes.Name).toBe("Workbook");
  });

  test("asks for exactly ReadWriteDocument", () => {
    expect(child(manifest, "Permissions").text.trim()).toBe("ReadWriteDocument");
  });

  test("requires the shared runtime", () => {
    const sets = elementsNamed(child(manifest, "Requirements"), "Set").map((s) => [s.attributes.Name, s.attributes.MinVersion]);
    expect(sets).toContainEqual(["SharedRuntime", "1.1"]);
  });

  test("resource ids are unique, short enough, and strings within Office's limits", () => {
    const ids = resources.children.flatMap((collection) => collection.children.map((e) => e.attributes.id));
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id.length).toBeLessThanOrEqual(32);
    for (const [id, { kind, value }] of resourceById) {
      expect({ id, ok: value.length > 0 && value.length <= MAX_LENGTH[kind] }).toEqual({ id, ok: true });
    }
  });

  test("every resid resolves to a resource of the right kind", () => {
    expect(referrers.length).toBeGreaterThan(10);
    const problems = referrers.flatMap((e) => {
      const resid = e.attributes.resid;
      const resource = resourceById.get(resid);
      if (!resource) return [`${pathOf(e)}: resid "${resid}" is not defined`];
      const expected = RESID_KIND[e.local];
      if (expected && resource.kind !== expected) return [`${pathOf(e)}: resid "${resid}" is in ${resource.kind}, expected ${expected}`];
      return [];
    });
    expect(problems).toEqual([]);
  });

  test("shared runtime: Runtime, CustomFunctions Page, FunctionFile and the task pane use one page", () => {
    const runtime = only("Runtime");
    expect(runtime.attributes.lifetime).toBe("long");
    const customFunctions = elementsNamed(manifest, "ExtensionPoint").find((e) => e.attributes["xsi:type"] === "CustomFunctions");
    expect(customFunctions).toBeDefined();
    const page = child(child(customFunctions as XmlElement, "Page"), "SourceLocation");
    const functionFile = only("FunctionFile");
    const showTaskpane = elementsNamed(manifest, "Action").filter((a) => a.attributes["xsi:type"] === "ShowTaskpane");
    expect(showTaskpane.length).toBeGreaterThan(0);

    const resid = runtime.attributes.resid;
    expect(page.attributes.resid).toBe(resid);
    expect(functionFile.attributes.resid).toBe(resid);
    for (const action of showTaskpane) expect(child(action, "SourceLocation").attributes.resid).toBe(resid);
    const defaultPage = child(child(manifest, "DefaultSettings"), "SourceLocation").attributes.DefaultValue;
    expect(resolveResid(resid)).toBe(defaultPage);
    expect(defaultPage).toMatch(/\/taskpane\.html$/);
  });

  test("custom functions: namespace COLLECT, functions.js and functions.json", () => {
    const customFunctions = elementsNamed(manifest, "ExtensionPoint").find((e) => e.attributes["xsi:type"] === "CustomFunctions") as XmlElement;
    expect(resolveResid(child(customFunctions, "Namespace").attributes.resid)).toBe("COLLECT");
    expect(resolveResid(child(child(customFunctions, "Script"), "SourceLocation").attributes.resid)).toMatch(/\/functions\.js$/);
    expect(resolveResid(child(child(customFunctions, "Metadata"), "SourceLocation").attributes.resid)).toMatch(/\/functions\.json$/);
  });

  test("every URL is https and on one origin", () => {
    const urls = allUrls();
    expect(urls.length).toBeGreaterThan(5);
    for (const url of urls) expect(url).toMatch(/^https:\/\//);
    const origins = new Set(urls.map((url) => new URL(url).origin));
    expect([...origins]).toEqual(["https://localhost:3000"]);
  });

  describe("icons", () => {
    /** [url, size in px] for every distinct icon reference. */
    const references: [string, number][] = [
      [child(manifest, "IconUrl").attributes.DefaultValue, 32],
      [child(manifest, "HighResolutionIconUrl").attributes.DefaultValue, 64],
      ...elementsNamed(manifest, "Image")
        .filter((e) => e.attributes.resid !== undefined)
        .map((e): [string, number] => [resolveResid(e.attributes.resid), Number(e.attributes.size)]),
    ];
    const icons = [...new Map(references.map(([url, size]) => [`${url} ${size}`, [url, size] as [string, number]])).values()];

    test.each(icons)("%s is a real %d px PNG in assets/", (url, size) => {
      const { pathname } = new URL(url);
      expect(pathname).toMatch(/^\/assets\/[\w.-]+\.png$/);
      const file = join(ROOT, pathname);
      expect(existsSync(file)).toBe(true);
      const data = readFileSync(file);
      expect(isPng(data)).toBe(true);
      const { width, height } = readPngInfo(data);
      expect([width, height]).toEqual([size, size]);
      expect(distinctColours(data)).toBeGreaterThan(2);
    });
  });
});
