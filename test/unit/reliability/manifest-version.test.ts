/**
 * The manifest's <Version> moves whenever the functions metadata changes (Excel caches
 * functions.json for about a day per version), checked against the committed stamp.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const stamp = require("../../../scripts/metadata-stamp.js") as {
  check(): string | undefined;
  compareVersions(a: string, b: string): number;
};

describe("manifest version and functions metadata", () => {
  test("the metadata built now is the one stamped for the manifest's version", () => {
    expect(stamp.check()).toBeUndefined();
  });

  test("versions compare numerically, part by part", () => {
    expect(stamp.compareVersions("1.0.10.0", "1.0.9.0")).toBe(1);
    expect(stamp.compareVersions("1.0.0.0", "1.0.0.0")).toBe(0);
    expect(stamp.compareVersions("1.0.0", "1.0.0.1")).toBe(-1);
  });
});
