// Jest runs TypeScript through SWC. NestJS 12 ships ESM-only packages, which Jest's
// CommonJS runtime cannot load untransformed, so SWC also transforms those packages
// (see transformIgnorePatterns) into CommonJS. Decorator metadata is emitted the way
// tsc does, so Nest's DI and class-validator see real metadata in tests.
/** @type {import('jest').Config} */
const swcConfig = {
  jsc: {
    target: 'es2022',
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    keepClassNames: true,
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};

/** Packages published as ESM only, transformed to CommonJS for Jest (mercurius is CommonJS but
 * loads the ESM-only quick-lru with `import()`, which Jest's CommonJS runtime cannot run). */
const ESM_PACKAGES =
  '@nestjs|@electric-sql|arktype|arkregex|@ark|file-type|strtok3|token-types|@tokenizer|uint8array-extras|load-esm|uid|content-disposition|mercurius|quick-lru';

module.exports = {
  // Two cores on CI: one worker per core.
  maxWorkers: 2,
  // PGlite boots a whole PostgreSQL in WebAssembly (seconds on a busy 2-core box).
  testTimeout: 60_000,
  rootDir: __dirname,
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js', 'mjs', 'cjs', 'json'],
  testRegex: '.*\\.(spec|e2e-spec)\\.ts$',
  // The sample app records the errors it answers; after the run, each must be listed by
  // its OpenAPI document for that route (test/app/support/drift).
  globalSetup: '<rootDir>/test/app/support/drift/global-setup.ts',
  globalTeardown: '<rootDir>/test/app/support/drift/global-teardown.ts',
  roots: ['<rootDir>/libs/errors/src', '<rootDir>/libs/errors/test', '<rootDir>/src', '<rootDir>/test'],
  transform: {
    '^.+\\.(t|j|mj|cj)s$': ['@swc/jest', swcConfig],
  },
  transformIgnorePatterns: [
    // The second lookahead reaches ESM packages nested in a CommonJS one's node_modules
    // (@fastify/static's content-disposition).
    `/node_modules/(?!(${ESM_PACKAGES})/)(?!.*/node_modules/(${ESM_PACKAGES})/)`,
  ],
  // The workspace packages are imported by name, as an app imports them; in tests the
  // names resolve to their TypeScript sources (no build needed, no stale dist). The
  // packages are ESM compiled for NodeNext, so their relative imports end in `.js`:
  // SWC resolves those to the `.ts` files here. The built packages are tested as a user
  // installs them by the consumer test (test/consumer).
  moduleNameMapper: {
    '^nest-error-contract$': '<rootDir>/libs/errors/src/index.ts',
    '^nest-error-contract/typeorm$': '<rootDir>/libs/errors/src/database/index.ts',
    '^nest-error-contract/swagger$': '<rootDir>/libs/errors/src/swagger/index.ts',
    '^nest-error-contract/graphql$': '<rootDir>/libs/errors/src/transports/graphql/index.ts',
    '^nest-error-contract/drizzle$': '<rootDir>/libs/errors/src/drizzle/index.ts',
    '^typeorm-pglite$': '<rootDir>/libs/typeorm-pglite/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
};
