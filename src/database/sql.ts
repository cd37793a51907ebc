import { readDatabaseFailure } from 'nest-error-contract/typeorm';
import type { DatabaseSituation } from 'nest-error-contract/typeorm';

/**
 * SQL identifiers built from user input (table and column names) are always quoted, with
 * embedded double quotes doubled, even though the DTOs already restrict names to
 * letters, digits and underscores: the quoting is what makes them safe, the DTO rule is
 * what makes them pleasant.
 */
export function quoteIdentifier(name: string): string {
  if (name.includes('\u0000')) throw new Error('An SQL identifier cannot contain a NUL character.');
  return `"${name.replace(/"/gu, '""')}"`;
}

/** `"schema"."name"` */
export function qualified(schema: string, name: string): string {
  return `${quoteIdentifier(schema)}.${quoteIdentifier(name)}`;
}

/**
 * The kind of a failed query (unique, too-long...), whatever the database, read by the
 * library; undefined for what is not a database error.
 */
export function situationOf(error: unknown): DatabaseSituation | undefined {
  const failure = readDatabaseFailure(error);
  return failure?.kind === 'query' ? failure.driverError.situation : undefined;
}

/**
 * The SQLSTATE of a failed query, read with the library's reader of TypeORM's and the
 * drivers' error shapes. Node's network codes, which the reader also reports for a
 * database that cannot be reached (ECONNREFUSED...), are not SQLSTATEs: undefined.
 */
export function sqlStateOf(error: unknown): string | undefined {
  const failure = readDatabaseFailure(error);
  const code = failure?.kind === 'query' ? failure.driverError.code : undefined;
  return code !== undefined && /^[0-9A-Z]{5}$/u.test(code) ? code : undefined;
}
