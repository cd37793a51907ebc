import { ErrorTranslator, Translation } from '../translators/translator';
import { loadCatalogConstraints } from './catalog';
import { ConstraintIndex, KnownConstraint } from './constraint-index';
import { DatabaseTranslationContext, buildDatabaseTranslator } from './database.translator';
import { DatabaseErrorOptions } from './options';
import { DataSourceLike, constraintsFromMetadata, isDataSourceLike, tablesFromMetadata } from './typeorm-metadata';
import { unknownConstraintReports } from './verify';

export type { ConstraintRule, DatabaseErrorOptions } from './options';
export type { DatabaseTranslationContext } from './database.translator';
export { buildDatabaseTranslator } from './database.translator';
export { ConstraintIndex } from './constraint-index';
export type { KnownConstraint, KnownTable } from './constraint-index';
export { classifySqlState } from './sqlstate';
export type { DatabaseSituation } from './sqlstate';
export { parseKeyDetail } from './key-detail';
export { readDatabaseFailure } from './driver-error';
export type { EntityNotFound, PostgresErrorFields, QueryFailure } from './driver-error';
export { RETRYABLE_SQLSTATES, isRetryableTransactionError, runTransactionWithRetry } from './retry';
export type { TransactionIsolationLevel, TransactionRetryOptions, TransactionRunner } from './retry';

/** What the module hands the database translator at start-up. */
export interface DatabaseTranslatorSetup {
  /** TypeORM DataSource found in the app's DI container, when there is one. */
  dataSource?: unknown;
  /** Where start-up reports (misspelt constraint names...) go. */
  warn: (message: string) => void;
}

/**
 * Builds the database translator once at start-up (ErrorsModule calls this):
 * reads the constraint catalog and TypeORM's entity metadata when a DataSource is
 * available, checks the constraint registry against the real catalog, and returns a
 * translator that only does map lookups per error.
 */
export async function createDatabaseTranslator(
  options: DatabaseErrorOptions,
  setup: DatabaseTranslatorSetup,
): Promise<ErrorTranslator> {
  const dataSource = usableDataSource(setup);
  const catalog = dataSource ? await readCatalog(dataSource, setup.warn) : undefined;
  const index = schemaIndex(options, dataSource, catalog);
  verifyRegistry(options, dataSource, catalog, index, setup.warn);
  const translate = buildDatabaseTranslator(options, index, databasePortsOf(setup.dataSource));
  return (exception, context) => translate(exception, context);
}

/** The port(s) the app's database listens on, to recognise its raw connection errors. */
function databasePortsOf(dataSource: unknown): ReadonlySet<number> {
  const ports = new Set([5432]);
  const options = (dataSource as { options?: { port?: unknown; url?: unknown; replication?: unknown } } | undefined)
    ?.options;
  if (typeof options?.port === 'number') ports.add(options.port);
  if (typeof options?.url === 'string') {
    const port = /:\/\/[^/]*:(\d+)(?:\/|$)/u.exec(options.url)?.[1];
    if (port) ports.add(Number(port));
  }
  return ports;
}

/**
 * The translator without start-up I/O, for use outside the filter (a queue worker, a
 * GraphQL resolver): pass an initialized DataSource to map constraints through entity
 * metadata (the catalog is not read, so constraints created only in migrations need
 * a registry entry).
 */
export function createDatabaseTranslatorSync(
  options: DatabaseErrorOptions = {},
  dataSource?: unknown,
): (exception: unknown, context: DatabaseTranslationContext) => Translation | undefined {
  const source = isDataSourceLike(dataSource) && dataSource.isInitialized !== false ? dataSource : undefined;
  return buildDatabaseTranslator(options, schemaIndex(options, source, undefined));
}

let defaultTranslator: ReturnType<typeof buildDatabaseTranslator> | undefined;

/**
 * The pure function: translates one error with default options and no schema
 * knowledge (fields come from PostgreSQL's `column` and the `detail` fallback).
 * Returns undefined when the error is not a database error.
 */
export function translateDatabaseError(
  exception: unknown,
  context: DatabaseTranslationContext,
): Translation | undefined {
  defaultTranslator ??= buildDatabaseTranslator();
  return defaultTranslator(exception, context);
}

function usableDataSource(setup: DatabaseTranslatorSetup): DataSourceLike | undefined {
  if (setup.dataSource === undefined) return undefined;
  if (!isDataSourceLike(setup.dataSource)) {
    setup.warn(
      'The database error translator was given something that is not a TypeORM DataSource; constraint names are not mapped from the schema.',
    );
    return undefined;
  }
  if (setup.dataSource.isInitialized === false) {
    setup.warn(
      'The TypeORM DataSource is not initialized yet; constraint names are not mapped from the schema nor verified.',
    );
    return undefined;
  }
  return setup.dataSource;
}

async function readCatalog(
  dataSource: DataSourceLike,
  warn: (message: string) => void,
): Promise<KnownConstraint[] | undefined> {
  try {
    return await loadCatalogConstraints(dataSource);
  } catch (error) {
    warn(
      `Could not read constraints from the PostgreSQL catalog (${(error as Error).message}); ` +
        'falling back to TypeORM metadata for constraint names.',
    );
    return undefined;
  }
}

function schemaIndex(
  options: DatabaseErrorOptions,
  dataSource: DataSourceLike | undefined,
  catalog: KnownConstraint[] | undefined,
): ConstraintIndex {
  if (!dataSource) return new ConstraintIndex([], []);
  const tables = tablesFromMetadata(dataSource);
  if (options.inferFromSchema === false) return new ConstraintIndex([], tables);
  // The catalog first: it is what the database really has; metadata fills the gaps.
  return new ConstraintIndex([...(catalog ?? []), ...constraintsFromMetadata(dataSource)], tables);
}

function verifyRegistry(
  options: DatabaseErrorOptions,
  dataSource: DataSourceLike | undefined,
  catalog: KnownConstraint[] | undefined,
  index: ConstraintIndex,
  warn: (message: string) => void,
): void {
  const mode = options.verifyConstraints ?? 'warn';
  const registered = Object.keys(options.constraints ?? {});
  if (mode === false || registered.length === 0) return;
  if (!dataSource) {
    warn(
      `No TypeORM DataSource is available: the ${registered.length} constraint name(s) of the database error registry were not checked.`,
    );
    return;
  }
  const existing = new Set(catalog ? catalog.map((constraint) => constraint.name) : index.constraintNames());
  const reports = unknownConstraintReports(registered, existing);
  if (reports.length === 0) return;
  if (mode === 'throw') throw new Error(reports.join('\n'));
  for (const report of reports) warn(report);
}
