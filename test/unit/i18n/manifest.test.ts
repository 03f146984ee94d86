/**
 * manifest.xml in Chinese Office: every user-visible string and the help and metadata URLs
 * have a zh-CN override; the overridden URLs are HTTPS, on the add-in's one origin, and name
 * files the build emits; the namespace stays COLLECT in every language.
 */
import { existsSync, readFileSync } from "fs";
import { join } from "path";
import { DIST, ROOT } from "../../helpers/bundle";
import { elementsNamed, parseXml, XmlElement } from "../../helpers/xml";
import { hasChinese } from "./text";

const manifest = parseXml(readFileSync(join(ROOT, "manifest.xml"), "utf8"), "manifest.xml");
const LOCALE = "zh-CN";
const MAX = { ShortStrings: 125, LongStrings: 250, Urls: 2048 } as const;

/** The zh-CN override of a localizable element (root Override, or bt:Override in Resources). */
function zhOverride(element: XmlElement): string | undefined {
  const overrides = element.children.filter((c) => c.local === "Override" && c.attributes.Locale === LOCALE);
  if (overrides.length > 1) throw new Error(`<${element.name}> has ${overrides.length} ${LOCALE} overrides`);
  return overrides[0]?.attributes.Value;
}

function only(local: string): XmlElement {
  const found = elementsNamed(manifest, local).filter((e) => e.parent === manifest);
  if (found.length !== 1) throw new Error(`expected one top-level <${local}>`);
  return found[0];
}

function resource(collection: keyof typeof MAX, id: string): XmlElement {
  const found = elementsNamed(manifest, collection).flatMap((c) => c.children).find((e) => e.attributes.id === id);
  if (!found) throw new Error(`no ${collection} resource ${id}`);
  return found;
}

/** A URL override: https, same origin as its default, and a file the build emits. */
function expectEmittedUrl(value: string | undefined, defaultValue: string, file: string): void {
  expect(value).toBeDefined();
  const url = new URL(value!);
  expect(url.protocol).toBe("https:");
  expect(url.origin).toBe(new URL(defaultValue).origin);
  expect(url.pathname).toBe(`/${file}`);
  expect(existsSync(join(DIST, file))).toBe(true);
}

describe("manifest.xml zh-CN overrides", () => {
  test("display name and description are Chinese, within Office's limits", () => {
    const name = zhOverride(only("DisplayName"));
    const description = zhOverride(only("Description"));
    expect(name).toBeDefined();
    expect(description).toBeDefined();
    expect(hasChinese(name!)).toBe(true);
    expect(hasChinese(description!)).toBe(true);
    expect(name!.length).toBeLessThanOrEqual(125);
    expect(description!.length).toBeLessThanOrEqual(250);
  });

  test("SupportUrl opens the Chinese reference page", () => {
    const support = only("SupportUrl");
    expectEmittedUrl(zhOverride(support), support.attributes.DefaultValue, "functions.zh-cn.html");
  });

  test("the functions metadata URL points Chinese Excel at functions.zh-cn.json", () => {
    const metadata = resource("Urls", "Functions.Metadata.Url");
    expect(new URL(metadata.attributes.DefaultValue).pathname).toBe("/functions.json");
    expectEmittedUrl(zhOverride(metadata), metadata.attributes.DefaultValue, "functions.zh-cn.json");
  });

  test("Learn more opens the Chinese reference page", () => {
    const learnMore = resource("Urls", "GetStarted.LearnMoreUrl");
    expectEmittedUrl(zhOverride(learnMore), learnMore.attributes.DefaultValue, "functions.zh-cn.html");
  });

  test("every other URL override (if any) is https on the add-in's origin", () => {
    for (const url of elementsNamed(manifest, "Urls").flatMap((c) => c.children)) {
      const value = zhOverride(url);
      if (value === undefined) continue;
      expect(new URL(value).origin).toBe(new URL(url.attributes.DefaultValue).origin);
      expect(value).toMatch(/^https:\/\//);
    }
  });

  test.each(["ShortStrings", "LongStrings"] as const)("every %s resource but the namespace has a Chinese override within the limit", (collection) => {
    const strings = elementsNamed(manifest, collection).flatMap((c) => c.children);
    expect(strings.length).toBeGreaterThan(0);
    for (const s of strings.filter((e) => e.attributes.id !== "Functions.Namespace")) {
      const value = zhOverride(s);
      expect({ id: s.attributes.id, chinese: value !== undefined && hasChinese(value), fits: (value ?? "").length <= MAX[collection] }).toEqual({
        id: s.attributes.id,
        chinese: true,
        fits: true,
      });
    }
  });

  test("the namespace stays COLLECT in every language", () => {
    const namespace = resource("ShortStrings", "Functions.Namespace");
    expect(namespace.attributes.DefaultValue).toBe("COLLECT");
    expect(namespace.children.filter((c) => c.local === "Override")).toEqual([]);
  });

  test("overrides are well-formed: a Locale and a Value, in the right namespace", () => {
    const overrides = elementsNamed(manifest, "Override");
    expect(overrides.length).toBeGreaterThanOrEqual(10);
    for (const o of overrides) {
      expect(o.attributes.Locale).toBe(LOCALE);
      expect(o.attributes.Value.trim()).not.toBe("");
      const inResources = o.parent?.parent?.local === "Urls" || o.parent?.parent?.local === "ShortStrings" || o.parent?.parent?.local === "LongStrings";
      expect(o.uri).toBe(
        inResources ? "http://schemas.microsoft.com/office/officeappbasictypes/1.0" : "http://schemas.microsoft.com/office/appforoffice/1.1"
      );
    }
  });
});
