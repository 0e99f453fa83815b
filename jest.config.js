/** One jest run for every workspace: unit tests next to the code, end-to-end tests in test/. */
export default {
  testEnvironment: '<rootDir>/jest.environment.cjs',
  roots: ['<rootDir>/packages', '<rootDir>/apps', '<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: '<rootDir>/tsconfig.base.json' }],
  },
  // Sources import './x.js' (NodeNext); in tests they resolve to './x.ts'.
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  // Workspace packages resolve to their TypeScript sources, so tests need no build.
  testEnvironmentOptions: { customExportConditions: ['knowhow-source', 'node', 'node-addons'] },
  testTimeout: 60_000,
  // Prints one line per group of tests skipped here (no Postgres server, no model), and why.
  globalSetup: '<rootDir>/test/support/report-skipped.ts',
};
