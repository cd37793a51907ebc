import { KnownConstraint } from '../../constraint-index.js';
import { referencedIdentifiers } from '../../sql-text.js';

/** Anything that runs SQL and answers rows: a TypeORM DataSource, a mysql2 pool's wrapper. */
export interface Queryable {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

/**
 * Reads the unique keys, foreign keys and checks of the current database from
 * information_schema, because MySQL reports a unique violation by the index's name
 * (`users_email_key`, or TypeORM's generated `IDX_...`), and migrations add keys that no
 * entity mentions. A functional index (MySQL 8) has no column; it then covers the
 * columns its expression names.
 */
const UNIQUE_KEYS = `
  SELECT INDEX_NAME AS name, TABLE_SCHEMA AS schema_name, TABLE_NAME AS table_name,
         COLUMN_NAME AS column_name, SEQ_IN_INDEX AS position
    FROM information_schema.STATISTICS
   WHERE TABLE_SCHEMA = DATABASE() AND NON_UNIQUE = 0
   ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX`;

const FOREIGN_KEYS = `
  SELECT CONSTRAINT_NAME AS name, TABLE_SCHEMA AS schema_name, TABLE_NAME AS table_name,
         COLUMN_NAME AS column_name, ORDINAL_POSITION AS position,
         REFERENCED_TABLE_NAME AS referenced_table, REFERENCED_TABLE_SCHEMA AS referenced_schema
    FROM information_schema.KEY_COLUMN_USAGE
   WHERE TABLE_SCHEMA = DATABASE() AND REFERENCED_TABLE_NAME IS NOT NULL
   ORDER BY TABLE_NAME, CONSTRAINT_NAME, ORDINAL_POSITION`;

const CHECKS = `
  SELECT tc.CONSTRAINT_NAME AS name, tc.TABLE_SCHEMA AS schema_name, tc.TABLE_NAME AS table_name,
         cc.CHECK_CLAUSE AS check_clause
    FROM information_schema.TABLE_CONSTRAINTS tc
    JOIN information_schema.CHECK_CONSTRAINTS cc
      ON cc.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA AND cc.CONSTRAINT_NAME = tc.CONSTRAINT_NAME
   WHERE tc.TABLE_SCHEMA = DATABASE() AND tc.CONSTRAINT_TYPE = 'CHECK'`;

const COLUMNS = `
  SELECT TABLE_NAME AS table_name, COLUMN_NAME AS column_name
    FROM information_schema.COLUMNS
   WHERE TABLE_SCHEMA = DATABASE()`;

interface KeyRow {
  name: string;
  schema_name: string;
  table_name: string;
  column_name: string | null;
  referenced_table?: string;
  referenced_schema?: string;
}

interface CheckRow {
  name: string;
  schema_name: string;
  table_name: string;
  check_clause: string;
}

interface ColumnRow {
  table_name: string;
  column_name: string;
}

export async function loadMysqlCatalogConstraints(source: Queryable): Promise<KnownConstraint[]> {
  const keys = (await source.query(UNIQUE_KEYS)) as KeyRow[];
  const foreignKeys = (await source.query(FOREIGN_KEYS)) as KeyRow[];
  const checks = (await source.query(CHECKS)) as CheckRow[];
  const columns = columnsByTable((await source.query(COLUMNS)) as ColumnRow[]);
  return [
    ...groupKeys(keys),
    ...groupKeys(foreignKeys),
    ...checks.map((check) => ({
      name: check.name,
      table: check.table_name,
      schema: check.schema_name,
      columns: [
        ...new Set(
          referencedIdentifiers(check.check_clause).filter((name) => columns.get(check.table_name)?.has(name)),
        ),
      ],
    })),
  ];
}

/** One row per key column -> one constraint per (table, key name). */
function groupKeys(rows: readonly KeyRow[]): KnownConstraint[] {
  const byKey = new Map<string, KnownConstraint>();
  for (const row of rows) {
    const id = `${row.table_name}\u0000${row.name}`;
    let constraint = byKey.get(id);
    if (!constraint) {
      constraint = {
        name: row.name,
        table: row.table_name,
        schema: row.schema_name,
        columns: [],
        ...(row.referenced_table
          ? { referencedTable: row.referenced_table, referencedSchema: row.referenced_schema ?? undefined }
          : {}),
      };
      byKey.set(id, constraint);
    }
    if (row.column_name !== null && !constraint.columns.includes(row.column_name)) {
      constraint.columns.push(row.column_name);
    }
  }
  return [...byKey.values()];
}

function columnsByTable(rows: readonly ColumnRow[]): Map<string, Set<string>> {
  const tables = new Map<string, Set<string>>();
  for (const row of rows) {
    let columns = tables.get(row.table_name);
    if (!columns) tables.set(row.table_name, (columns = new Set()));
    columns.add(row.column_name);
  }
  return tables;
}
