// One runner, two projects: unit tests need nothing running; integration tests use the servers
// that test/global-setup.ts starts (Temporal dev server, S3 server, PostgreSQL, solver).
const transform = { '^.+\\.(t|j|mj)sx?$': ['@swc/jest'] };
// zarrita and its dependencies ship ES modules only; let swc turn them into CommonJS for jest.
const transformIgnorePatterns = ['/node_modules/(?!(zarrita|@zarrita|numcodecs|reference-spec-reader|unzipit)/)'];

module.exports = {
  projects: [
    { displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'], transform, transformIgnorePatterns, testEnvironment: 'node' },
    {
      displayName: 'integration',
      testMatch: ['<rootDir>/test/integration/**/*.test.ts'],
      transform,
      transformIgnorePatterns,
      testEnvironment: 'node',
    },
  ],
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
  testTimeout: 120000,
};
