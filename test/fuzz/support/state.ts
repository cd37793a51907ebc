import { DataSource } from 'typeorm';

/**
 * Everything the app stores, as one comparable text: its own tables (users, tables,
 * columns) and, for each user table, its columns, constraints and rows. Sequences are
 * left out: a refused insert may use up an id, which changes nothing a client sees.
 */
export async function stateOf(dataSource: DataSource, schemas: { app: string; userTables: string }): Promise<string> {
  const app = quote(schemas.app);
  const [{ own }] = (await dataSource.query(
    `SELECT json_build_object(
       'users', (SELECT coalesce(json_agg(row_to_json(u) ORDER BY u.id), '[]') FROM ${app}.users u),
       'tables', (SELECT coalesce(json_agg(row_to_json(t) ORDER BY t.id), '[]') FROM ${app}.tables t),
       'columns', (SELECT coalesce(json_agg(row_to_json(c) ORDER BY c.id), '[]') FROM ${app}.columns c),
       'definitions', (SELECT coalesce(json_agg(json_build_array(table_name, column_name, data_type,
            character_maximum_length, numeric_precision, numeric_scale, is_nullable) ORDER BY table_name, ordinal_position), '[]')
          FROM information_schema.columns WHERE table_schema = $1),
       'constraints', (SELECT coalesce(json_agg(json_build_array(conrelid::regclass::text, conname, pg_get_constraintdef(oid)) ORDER BY conname), '[]')
          FROM pg_constraint WHERE connamespace = $1::regnamespace)
     )::text AS own`,
    [schemas.userTables],
  )) as Array<{ own: string }>;
  const tables = (await dataSource.query(`SELECT tablename FROM pg_tables WHERE schemaname = $1 ORDER BY tablename`, [
    schemas.userTables,
  ])) as Array<{ tablename: string }>;
  const rows: string[] = [];
  for (const { tablename } of tables) {
    const [{ content }] = (await dataSource.query(
      `SELECT coalesce(json_agg(row_to_json(r) ORDER BY r.id), '[]')::text AS content FROM ${quote(schemas.userTables)}.${quote(tablename)} r`,
    )) as Array<{ content: string }>;
    rows.push(`${tablename}: ${content}`);
  }
  return `${own}\n${rows.join('\n')}`;
}

function quote(name: string): string {
  return `"${name.replace(/"/gu, '""')}"`;
}
