// The `nest-error-contract/typeorm` entry point: database errors (PostgreSQL and
// MySQL/MariaDB, through TypeORM, Drizzle or a raw driver) for use outside the filter (a
// queue worker, a service that wants to inspect a failure) and the transaction retry
// helper. ErrorsModule uses the same translator; an app needs this entry only for these
// extras. Nothing here imports typeorm, pg or mysql2: errors are recognised by shape, so
// a second copy of any of them in node_modules still works.
import { Translation } from '../translators/translator.js';
import { EntityNotFound } from './failure.js';
import { DatabaseErrorSummary } from './kinds.js';
import { readFailure } from './read-failure.js';
import { DatabaseTranslationContext, buildDatabaseTranslator } from './database.translator.js';
import { DatabaseErrorOptions } from './options.js';
import { learnSchema } from './schema.js';

export type {
  ConstraintKind,
  ConstraintRule,
  DatabaseErrorOptions,
  DatabaseSchemaDescription,
  SchemaConstraint,
  SchemaTable,
} from './options.js';
export type { DatabaseTranslationContext } from './database.translator.js';
export { classifySqlState } from './dialects/postgres/sqlstate.js';
export type { DatabaseDialectName, DatabaseErrorSummary, DatabaseSituation } from './kinds.js';
export type { EntityNotFound, PostgresErrorFields } from './read-failure.js';
export { isRetryableTransactionError, runTransactionWithRetry } from './retry.js';
export type { TransactionIsolationLevel, TransactionRetryOptions, TransactionRunner } from './retry.js';

/** A failed statement, as `readDatabaseFailure` reports it. */
export interface QueryFailure {
  kind: 'query';
  /** What the database's error says: its dialect, code, kind of failure and the names it carries. */
  driverError: DatabaseErrorSummary;
  /** The SQL, when an ORM (TypeORM, Drizzle) reported it; never shown to clients. */
  query: string | undefined;
  parameters: readonly unknown[] | undefined;
  /** What to log for a 5xx: the driver's own error object. */
  logged: unknown;
}

/**
 * Reads any thrown value as a database failure (TypeORM's, Drizzle's, or a raw pg,
 * PGlite or mysql2 error), or undefined when it is not one.
 */
export function readDatabaseFailure(
  exception: unknown,
  databasePorts?: ReadonlySet<number>,
): QueryFailure | EntityNotFound | undefined {
  return readFailure(exception, databasePorts);
}

/** A database translator: the contract errors for a database failure, or undefined for other errors. */
export type DatabaseTranslator = (exception: unknown, context: DatabaseTranslationContext) => Translation | undefined;

/** What `createDatabaseTranslator` reads the schema from, and where it reports. */
export interface DatabaseTranslatorSetup {
  /** An initialized TypeORM DataSource (PostgreSQL or MySQL/MariaDB): its catalog and entity metadata map constraints to fields. */
  dataSource?: unknown;
  /** Where start-up reports (a misspelt constraint name...) go. Default: `console.warn`. */
  warn?: (message: string) => void;
}

/**
 * The one way to translate database errors outside the filter (a queue worker, a service
 * that inspects a failure). Builds a translator with the same options as
 * `ErrorsModule.forRoot({ database })`: reads the constraint catalog and entity metadata
 * of the DataSource once (none given: fields come from PostgreSQL's `column` and the key
 * in its `detail`), checks the constraint registry against it, and returns a function
 * that does map lookups per error and returns undefined for anything not a database error.
 */
export async function createDatabaseTranslator(
  options: DatabaseErrorOptions = {},
  setup: DatabaseTranslatorSetup = {},
): Promise<DatabaseTranslator> {
  const knowledge = await learnSchema(options, setup.dataSource, setup.warn ?? ((message) => console.warn(message)));
  return buildDatabaseTranslator(options, knowledge);
}
