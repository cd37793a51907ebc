import { PGlite } from '@electric-sql/pglite';
import { Client } from 'pg';
import { buildApiDocument } from '../../../src/api-docs';
import { AppModule } from '../../../src/app.module';
import { configureApp, fastifyAdapterOptions } from '../../../src/app.setup';
import { DatabaseConfig } from '../../../src/config';
import { DatabaseKind, TEST_DATABASE_URL } from '../../support/databases';
import { AdapterName, TestApp, createTestApp } from '../../support/test-app';
import { recordAnswers, recordDocumented } from './drift/answers';

export { ADAPTERS } from '../../support/test-app';
export { DATABASES } from '../../support/databases';
export type { AdapterName } from '../../support/test-app';
export type { DatabaseKind } from '../../support/databases';

export const API = '/api/v0';

/**
 * The sample app, booted exactly as `npm start` builds it (AppModule.forRoot +
 * configureApp), on one database and one HTTP adapter. Each app gets schemas of its own,
 * so test files running in parallel on the real server never meet; on PGlite a test file
 * shares one in-memory instance between its apps (PGlite takes a while to boot).
 */
export interface SampleApp extends TestApp {
  kind: DatabaseKind;
  schemas: { app: string; userTables: string };
}

let sharedPglite: Promise<PGlite> | undefined;
let counter = 0;

afterAll(async () => {
  if (!sharedPglite) return;
  const instance = await sharedPglite;
  sharedPglite = undefined;
  await instance.close();
});

function uniqueSchemas(kind: DatabaseKind): { app: string; userTables: string } {
  counter += 1;
  const base = `sample_${kind === 'pglite' ? 'lite' : 'pg'}_${process.pid}_${counter}_${Math.random().toString(36).slice(2, 7)}`;
  return { app: base, userTables: `${base}_tables` };
}

export async function startSampleApp(
  kind: DatabaseKind,
  adapter: AdapterName,
  options: {
    dataDir?: string;
    schemas?: { app: string; userTables: string };
    url?: string;
    /**
     * Record the app's answers for the documentation drift check (default true). The
     * fuzzer opts out: it sends what no client of the document would (bodies to routes
     * that take none), and judges its answers by its own invariants.
     */
    recordForDrift?: boolean;
    /** `POST /users` per client and minute (the app's THROTTLE_LIMIT). */
    throttleLimit?: number;
  } = {},
): Promise<SampleApp> {
  const schemas = options.schemas ?? uniqueSchemas(kind);
  const database: DatabaseConfig =
    kind === 'postgres'
      ? {
          kind,
          url: options.url ?? TEST_DATABASE_URL,
          schema: schemas.app,
          userTablesSchema: schemas.userTables,
          poolSize: 4,
        }
      : options.dataDir
        ? { kind, dataDir: options.dataDir, schema: schemas.app, userTablesSchema: schemas.userTables }
        : {
            kind,
            instance: await (sharedPglite ??= PGlite.create()),
            schema: schemas.app,
            userTablesSchema: schemas.userTables,
          };
  // Every error the app answers is recorded for the drift check against its OpenAPI
  // document (test/app/support/drift), which the first app of each worker writes out.
  const app = await createTestApp(
    adapter,
    { imports: [AppModule.forRoot({ database, throttleLimit: options.throttleLimit })] },
    {
      configure: (nest) => {
        configureApp(nest);
        if (options.recordForDrift !== false) recordAnswers(nest, adapter);
      },
      fastifyOptions: fastifyAdapterOptions(),
    },
  );
  recordDocumented(() => buildApiDocument(app.app));
  return {
    ...app,
    kind,
    schemas,
    async close() {
      await app.close();
      if (kind === 'postgres') await dropSchemas(schemas);
    },
  };
}

async function dropSchemas(schemas: { app: string; userTables: string }): Promise<void> {
  const client = new Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schemas.userTables}" CASCADE`);
    await client.query(`DROP SCHEMA IF EXISTS "${schemas.app}" CASCADE`);
  } finally {
    await client.end();
  }
}

/** Every (database, adapter) pair this run covers, for describe.each. */
export function matrix(
  databases: readonly DatabaseKind[],
  adapters: readonly AdapterName[],
): Array<[DatabaseKind, AdapterName]> {
  return databases.flatMap((kind) => adapters.map((adapter): [DatabaseKind, AdapterName] => [kind, adapter]));
}

let unique = 0;
/** A short alphanumeric suffix, unique within the test file. */
export function uid(): string {
  unique += 1;
  return `${unique}${Math.random().toString(36).slice(2, 6)}`;
}
