// One runner, two projects: unit tests need nothing running; integration tests use the servers
// that test/global-setup.ts starts (Temporal dev server, S3 server, PostgreSQL, solver).
const transform = { '^.+\\.(t|j|mj)sx?$': ['@swc/jest'] };
// zarrita and its dependencies ship ES modules only; let swc turn them into CommonJS for jest.
// @kubernetes/client-node 1.x (and openid-client, which it imports) are ES modules only as well.
const transformIgnorePatterns = ['/node_modules/(?!(zarrita|@zarrita|numcodecs|reference-spec-reader|unzipit|@kubernetes/client-node|openid-client|oauth4webapi|jose)/)'];

// zarrita's package exports only an `import` condition, which jest's CommonJS resolver skips.
const moduleNameMapper = {
  '^zarrita$': '<rootDir>/node_modules/zarrita/dist/src/index.js',
  '^@zarrita/storage$': '<rootDir>/node_modules/@zarrita/storage/dist/src/index.js',
  '^@zarrita/storage/(.*)$': '<rootDir>/node_modules/@zarrita/storage/dist/src/$1.js',
};

module.exports = {
  projects: [
    { displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'], transform, transformIgnorePatterns, moduleNameMapper, testEnvironment: 'node' },
    {
      displayName: 'integration',
      testMatch: ['<rootDir>/test/integration/**/*.test.ts'],
      transform,
      transformIgnorePatterns,
      testEnvironment: 'node',
      moduleNameMapper,
      // Servers start only when integration tests are selected.
      globalSetup: '<rootDir>/test/global-setup.ts',
      globalTeardown: '<rootDir>/test/global-teardown.ts',
    },
  ],
  testTimeout: 120000,
  // npm run build:dist output (a copy of the Prisma client among it) is not a module source.
  modulePathIgnorePatterns: ['<rootDir>/dist/'],
};
