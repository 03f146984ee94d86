/** Unit tests: test/unit/**. End-to-end tests (test/e2e) have their own runner and are not run here. */
/** @type {import("jest").Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["<rootDir>/test/unit/**/*.test.ts"],
  testPathIgnorePatterns: ["/node_modules/", "<rootDir>/test/e2e/", "<rootDir>/dist/"],
  transform: {
    // Transpile only (tsconfig has isolatedModules): `npm run typecheck` does the type checking.
    "^.+\\.ts$": ["ts-jest", { tsconfig: "<rootDir>/tsconfig.json", diagnostics: false }],
  },
  moduleFileExtensions: ["ts", "js", "json"],
};
