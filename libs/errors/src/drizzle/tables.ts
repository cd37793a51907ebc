import { Column, SQL, getTableColumns, is } from 'drizzle-orm';
import { MySqlTable, getTableConfig as mysqlTableConfig } from 'drizzle-orm/mysql-core';
import { PgTable, getTableConfig as pgTableConfig } from 'drizzle-orm/pg-core';
import type { SchemaConstraint, SchemaTable } from '../database/options.js';

/** What one Drizzle table says about its constraints, read through Drizzle's own `getTableConfig`. */
interface TableFacts {
  name: string;
  schema: string | undefined;
  columns: Column[];
  primaryKeyNames: (columns: readonly string[]) => string[];
  indexes: Array<{ config: { name?: string; unique: boolean; columns: unknown[] } }>;
  uniqueConstraints: Array<{ getName(): string; columns: Column[] }>;
  foreignKeys: Array<{ getName(): string; reference(): { columns: Column[]; foreignTable: unknown } }>;
  checks: Array<{ name: string; value: SQL }>;
  primaryKeys: Array<{ getName(): string; columns: Column[] }>;
}

/**
 * A Drizzle table (pg-core or mysql-core) as this library needs it, or undefined for
 * anything else the schema module exports (relations, enums, views, SQLite tables).
 * PostgreSQL names a primary key `<table>_pkey`; MySQL calls every one `PRIMARY`.
 */
export function tableFacts(value: unknown): TableFacts | undefined {
  if (is(value, PgTable)) {
    const config = pgTableConfig(value);
    return { ...config, primaryKeyNames: () => [`${config.name}_pkey`] } as unknown as TableFacts;
  }
  if (is(value, MySqlTable)) {
    const config = mysqlTableConfig(value);
    return { ...config, schema: undefined, primaryKeyNames: () => ['PRIMARY'] } as unknown as TableFacts;
  }
  return undefined;
}

/** The table's property keys by column name: `first_name` -> `firstName`. */
export function fieldsByColumn(table: object): Map<string, string> {
  const fields = new Map<string, string>();
  for (const [key, column] of Object.entries(getTableColumns(table as never) as Record<string, Column>)) {
    fields.set(column.name, key);
  }
  return fields;
}

/** `varchar({ length: 30 })` -> 30, per column. */
export function maxLengths(columns: readonly Column[]): Map<string, number> {
  const lengths = new Map<string, number>();
  for (const column of columns) {
    const length = (column as unknown as { length?: unknown }).length;
    if (typeof length === 'number' && Number.isInteger(length) && length > 0) lengths.set(column.name, length);
  }
  return lengths;
}

/** The columns a key part or a check's SQL names (Drizzle keeps them as Column objects in the SQL's chunks). */
export function columnsOf(parts: readonly unknown[]): string[] {
  const names: string[] = [];
  const visit = (part: unknown, depth: number): void => {
    if (depth > 20) return;
    if (is(part, Column)) names.push(part.name);
    else if (is(part, SQL)) for (const chunk of part.queryChunks) visit(chunk, depth + 1);
    // An index's `.on(table.column)` part (pg-core's IndexedColumn) carries the column's name.
    else if (typeof part === 'object' && part !== null && typeof (part as { name?: unknown }).name === 'string') {
      names.push((part as { name: string }).name);
    }
  };
  for (const part of parts) visit(part, 0);
  return [...new Set(names)];
}

/** Every named key and check of a table, with its columns. */
export function constraintsOf(facts: TableFacts): SchemaConstraint[] {
  const table = facts.name;
  const schema = facts.schema;
  const constraint = (name: string, columns: string[]): SchemaConstraint => ({ name, table, schema, columns });
  const constraints: SchemaConstraint[] = [];
  for (const column of facts.columns) {
    if (column.isUnique && column.uniqueName) constraints.push(constraint(column.uniqueName, [column.name]));
  }
  const primary = facts.columns.filter((column) => column.primary).map((column) => column.name);
  if (primary.length > 0)
    for (const name of facts.primaryKeyNames(primary)) constraints.push(constraint(name, primary));
  for (const key of facts.primaryKeys) constraints.push(constraint(key.getName(), columnsOf(key.columns)));
  for (const unique of facts.uniqueConstraints)
    constraints.push(constraint(unique.getName(), columnsOf(unique.columns)));
  for (const { config } of facts.indexes) {
    if (config.unique && config.name) constraints.push(constraint(config.name, columnsOf(config.columns)));
  }
  for (const foreignKey of facts.foreignKeys) {
    const reference = foreignKey.reference();
    const referenced = tableFacts(reference.foreignTable);
    constraints.push({
      ...constraint(foreignKey.getName(), columnsOf(reference.columns)),
      ...(referenced ? { referencedTable: referenced.name, referencedSchema: referenced.schema } : {}),
    });
  }
  for (const check of facts.checks) constraints.push(constraint(check.name, columnsOf([check.value])));
  return constraints;
}

export function schemaTable(facts: TableFacts, value: object, entityName: string): SchemaTable {
  return {
    table: facts.name,
    schema: facts.schema,
    fieldsByColumn: fieldsByColumn(value),
    entityName,
    maxLengthByColumn: maxLengths(facts.columns),
  };
}
