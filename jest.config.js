/**
 * Unit tests: test/unit/**. End-to-end tests (test/e2e) have their own runner and are not run here.
 *
 * Two projects: "desktop" runs every unit test as Excel desktop behaves (the default profile of
 * src/hosts/profiles.ts); "web" runs the suites whose answer depends on the host (templates,
 * functions, task pane, Make portable, data loss, hosts) again as Excel on the web behaves.
 */
const transform = {
  // Transpile only (tsconfig has isolatedModules): `npm run typecheck` does the type checking.
  "^.+\\.ts$": ["ts-jest", { tsconfig: "<rootDir>/tsconfig.json", diagnostics: false }],
};
const common = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testPathIgnorePatterns: ["/node_modules/", "<rootDir>/test/e2e/", "<rootDir>/dist/"],
  transform,
  moduleFileExtensions: ["ts", "js", "json"],
};

/** @type {import("jest").Config} */
module.exports = {
  projects: [
    { ...common, displayName: "desktop", testMatch: ["<rootDir>/test/unit/**/*.test.ts"] },
    {
      ...common,
      displayName: "web",
      setupFiles: ["<rootDir>/test/setup/web.ts"],
      testMatch: [
        "<rootDir>/test/unit/templates/**/*.test.ts",
        "<rootDir>/test/unit/functions/**/*.test.ts",
        "<rootDir>/test/unit/taskpane/**/*.test.ts",
        "<rootDir>/test/unit/portable/**/*.test.ts",
        "<rootDir>/test/unit/hosts/**/*.test.ts",
        "<rootDir>/test/unit/reliability/dataloss*.test.ts",
      ],
    },
  ],
};
