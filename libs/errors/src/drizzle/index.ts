// The `nest-error-contract/drizzle` entry point: the field map learnt from Drizzle table
// definitions. Drizzle's errors themselves (DrizzleQueryError, and the raw pg, PGlite and
// mysql2 errors of older versions) need nothing from here: the filter recognises them by
// shape. This entry imports drizzle-orm, an optional peer; the root entry never does.
import type { DatabaseSchemaDescription, SchemaConstraint, SchemaTable } from '../database/options.js';
import { constraintsOf, schemaTable, tableFacts } from './tables.js';

export type { DatabaseSchemaDescription } from '../database/options.js';

export interface DrizzleSchemaOptions {
  /**
   * The resource name of a table in messages and `details.resource`, by the key the
   * table has in the schema: `{ users: 'User' }`. Default: the key without a plural
   * "s" (`users` -> `user`, `blogPosts` -> `blogPost`).
   */
  resourceNames?: Readonly<Record<string, string>>;
}

/**
 * Describes the tables of a Drizzle schema (the module of `pgTable`/`mysqlTable`
 * definitions, as passed to `drizzle({ schema })`) for the database translator: unique
 * constraints and indexes, primary and foreign keys and checks with their columns, and
 * each column's property key, so that a duplicate key answers with the request field.
 * Pass the result as `ErrorsModule.forRoot({ database: { schema: drizzleSchema(schema) } })`
 * or to `createDatabaseTranslator({ schema })`. Other exports of the module (relations,
 * enums) are skipped.
 */
export function drizzleSchema(
  schema: Readonly<Record<string, unknown>>,
  options: DrizzleSchemaOptions = {},
): DatabaseSchemaDescription {
  const constraints: SchemaConstraint[] = [];
  const tables: SchemaTable[] = [];
  for (const [key, value] of Object.entries(schema)) {
    const facts = tableFacts(value);
    if (!facts) continue;
    constraints.push(...constraintsOf(facts));
    tables.push(schemaTable(facts, value as object, options.resourceNames?.[key] ?? singular(key)));
  }
  return { constraints, tables };
}

function singular(key: string): string {
  return key.length > 1 && key.endsWith('s') && !key.endsWith('ss') ? key.slice(0, -1) : key;
}
