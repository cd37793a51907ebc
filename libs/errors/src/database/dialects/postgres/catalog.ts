import { ConstraintKind, KnownConstraint } from '../../constraint-index.js';
import { referencedIdentifiers } from '../../sql-text.js';
import { DataSourceLike } from '../../typeorm-metadata.js';

/**
 * Reads every constraint and index of the app's schemas from the PostgreSQL catalog
 * (pg_constraint, pg_index), because apps create constraints in migrations that entity
 * metadata never mentions. For index keys that are expressions (`lower(username)`),
 * the columns they reference are taken from the key's definition.
 */
const CATALOG_QUERY = `
  SELECT c.conname::text AS name, c.contype::text AS kind, n.nspname::text AS schema, t.relname::text AS table_name,
         ARRAY(SELECT a.attname::text
                 FROM unnest(c.conkey) WITH ORDINALITY AS k(attnum, position)
                 JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum
                ORDER BY k.position) AS columns,
         ARRAY[]::text[] AS key_definitions,
         rt.relname::text AS referenced_table, rn.nspname::text AS referenced_schema,
         ARRAY(SELECT attname::text FROM pg_attribute WHERE attrelid = t.oid AND attnum > 0 AND NOT attisdropped) AS table_columns
    FROM pg_constraint c
    JOIN pg_class t ON t.oid = c.conrelid
    JOIN pg_namespace n ON n.oid = t.relnamespace
    LEFT JOIN pg_class rt ON rt.oid = c.confrelid
    LEFT JOIN pg_namespace rn ON rn.oid = rt.relnamespace
   WHERE n.nspname = ANY($1::text[]) OR n.nspname = ANY(current_schemas(false))
  UNION ALL
  SELECT i.relname::text, CASE WHEN x.indisunique THEN 'u' ELSE 'i' END, n.nspname::text, t.relname::text,
         ARRAY[]::text[],
         ARRAY(SELECT pg_get_indexdef(x.indexrelid, k, true) FROM generate_series(1, x.indnkeyatts) AS k ORDER BY k),
         NULL, NULL,
         ARRAY(SELECT attname::text FROM pg_attribute WHERE attrelid = t.oid AND attnum > 0 AND NOT attisdropped)
    FROM pg_index x
    JOIN pg_class i ON i.oid = x.indexrelid
    JOIN pg_class t ON t.oid = x.indrelid
    JOIN pg_namespace n ON n.oid = t.relnamespace
   WHERE n.nspname = ANY($1::text[]) OR n.nspname = ANY(current_schemas(false))`;

interface CatalogRow {
  name: string;
  /** pg_constraint.contype (`p`, `u`, `c`, `f`, `x`, `t`), or `u`/`i` for a (unique) index. */
  kind: string;
  schema: string;
  table_name: string;
  columns: string[];
  key_definitions: string[];
  referenced_table: string | null;
  referenced_schema: string | null;
  table_columns: string[];
}

/** The schemas the app's entities live in (plus the search path, added by the query). */
function schemasOf(dataSource: DataSourceLike): string[] {
  const schemas = new Set<string>();
  if (dataSource.driver?.schema) schemas.add(dataSource.driver.schema);
  for (const metadata of dataSource.entityMetadatas) if (metadata.schema) schemas.add(metadata.schema);
  return [...schemas];
}

const CONSTRAINT_KINDS: Readonly<Record<string, ConstraintKind>> = {
  p: 'primary-key',
  u: 'unique',
  c: 'check',
  f: 'foreign-key',
  x: 'exclusion',
};

export async function loadCatalogConstraints(dataSource: DataSourceLike): Promise<KnownConstraint[]> {
  const rows = (await dataSource.query(CATALOG_QUERY, [schemasOf(dataSource)])) as CatalogRow[];
  return rows.map((row) => {
    const tableColumns = new Set(row.table_columns);
    const columns =
      row.key_definitions.length > 0
        ? [
            ...new Set(
              row.key_definitions.flatMap((definition) =>
                referencedIdentifiers(definition).filter((name) => tableColumns.has(name)),
              ),
            ),
          ]
        : row.columns;
    const kind = CONSTRAINT_KINDS[row.kind];
    return {
      name: row.name,
      table: row.table_name,
      schema: row.schema,
      columns,
      ...(kind ? { kind } : {}),
      ...(row.referenced_table
        ? { referencedTable: row.referenced_table, referencedSchema: row.referenced_schema ?? undefined }
        : {}),
    };
  });
}
