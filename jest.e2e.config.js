/**
 * End-to-end tests (test/e2e): the built preview (dist/) in headless Chromium, driven by
 * playwright-core against the system browser (CHROMIUM_PATH, default /usr/bin/chromium).
 * `npm run test:e2e` builds first. One browser at a time: the suites share nothing but are heavy.
 */
/** @type {import("jest").Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test/e2e"],
  testMatch: ["<rootDir>/test/e2e/**/*.e2e.test.ts"],
  transform: {
    "^.+\\.ts$": ["ts-jest", { tsconfig: "<rootDir>/tsconfig.json", diagnostics: false }],
  },
  moduleFileExtensions: ["ts", "js", "json"],
  testTimeout: 60_000,
  maxWorkers: 1,
};
