import { ErrorCollector } from 'nest-error-contract';
import { ColumnType, TypeOptions } from '../column-types';
import { TableColumn } from '../table-column.entity';

/**
 * The SQL of user-defined tables, per database: PostgreSQL (and PGlite) or MariaDB. The
 * services decide what to do and check the request; a dialect only says how its
 * database writes it. Identifiers are always quoted by the dialect's own rule; values
 * always travel as parameters.
 */
export interface UserTablesSql {
  readonly name: 'postgres' | 'mariadb';
  /** Whether DDL takes part in the transaction (PostgreSQL) or commits on its own (MariaDB). */
  readonly transactionalDdl: boolean;
  /** `"user_tables"."t_1"` / `` `db_user_tables`.`t_1` `` */
  ref(tableId: number): string;
  quote(name: string): string;
  createTable(tableId: number): string;
  dropTable(tableId: number): string;
  columnType(type: ColumnType, options: TypeOptions | null): string;
  /** Problems with a type this database cannot hold (MariaDB's narrower limits); none on PostgreSQL. */
  checkTypeLimits(type: ColumnType, options: TypeOptions | null, problems: ErrorCollector): void;
  addColumn(tableId: number, name: string, type: ColumnType, options: TypeOptions | null): string;
  renameColumn(tableId: number, from: string, to: string): string;
  /** Converts stored values; a value the new type rejects fails the statement. */
  retypeColumn(tableId: number, name: string, type: ColumnType, options: TypeOptions | null): string;
  dropColumn(tableId: number, name: string): string;
  /** Names of a table's unique constraints starting with `prefix` (to number a new one). */
  constraintNames(tableId: number, prefix: string): { sql: string; parameters: unknown[] };
  /** Statements that keep two requests from picking the same constraint name (inside the transaction). */
  lockForConstraint(tableId: number): string[];
  addUnique(tableId: number, constraint: string, columns: readonly string[]): string;
  /** INSERT ... RETURNING the record, values as parameters converted by `recordParameter`. */
  insertRecord(tableId: number, columns: readonly TableColumn[], written: readonly TableColumn[]): string;
  recordParameter(column: TableColumn, value: string | number | boolean | null): unknown;
  /**
   * The type a value is refused as, where this database would store something else than
   * PostgreSQL does (MariaDB rounds 1.5 into an integer and takes 7 as a boolean);
   * undefined when the database itself is the judge.
   */
  refusedValue(column: TableColumn, value: string | number | boolean | null): string | undefined;
  /** The columns of a table's unique key, by name (MariaDB's duplicate-key error names only the key). */
  uniqueKeyColumns(tableId: number, key: string): { sql: string; parameters: unknown[] };
  listRecords(tableId: number, columns: readonly TableColumn[]): string;
  countRecords(tableId: number): string;
  /** A value as the API answers it (MariaDB's booleans are 1 and 0). */
  readValue(column: TableColumn, value: unknown): unknown;
}
