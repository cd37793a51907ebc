// The `nest-error-contract/typeorm` entry point: PostgreSQL errors surfaced by TypeORM,
// for use outside the filter (a queue worker, a service that wants to inspect a
// failure) and the transaction retry helper. ErrorsModule uses the same translator; an
// app needs this entry only for these extras. Nothing here imports typeorm or pg: errors
// are recognised by shape, so a second copy of either in node_modules still works.
import { Translation } from '../translators/translator.js';
import { DatabaseTranslationContext, buildDatabaseTranslator } from './database.translator.js';
import { DatabaseErrorOptions } from './options.js';
import { learnSchema } from './schema.js';

export type { ConstraintRule, DatabaseErrorOptions } from './options.js';
export type { DatabaseTranslationContext } from './database.translator.js';
export { classifySqlState } from './sqlstate.js';
export type { DatabaseSituation } from './sqlstate.js';
export { readDatabaseFailure } from './driver-error.js';
export type { EntityNotFound, PostgresErrorFields, QueryFailure } from './driver-error.js';
export { isRetryableTransactionError, runTransactionWithRetry } from './retry.js';
export type { TransactionIsolationLevel, TransactionRetryOptions, TransactionRunner } from './retry.js';

/** A database translator: the contract errors for a database failure, or undefined for other errors. */
export type DatabaseTranslator = (exception: unknown, context: DatabaseTranslationContext) => Translation | undefined;

/** What `createDatabaseTranslator` reads the schema from, and where it reports. */
export interface DatabaseTranslatorSetup {
  /** An initialized TypeORM DataSource: its catalog and entity metadata map constraints to fields. */
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
