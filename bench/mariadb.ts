import { createConnection } from 'mysql2/promise';
import { DataSource } from 'typeorm';
import { BenchUser, TAKEN_USER } from './apps';

/**
 * The MariaDB side of the benches: the users table of the PGlite scenarios in a
 * database of the bench's own (created here, dropped by `closeMariaDb`), reached through
 * TypeORM and mysql2 as an app would. MariaDB is optional on a developer's machine: when
 * it cannot be reached, the caller gets the reason and skips the MariaDB path.
 */
const URL_OF_SERVER = new URL(process.env.TEST_MARIADB_URL ?? 'mysql://root@127.0.0.1:3306/test');
/** The server the tests use (`TEST_MARIADB_URL`, as in CI); the database in it is ignored. */
const SERVER = {
  host: URL_OF_SERVER.hostname,
  port: Number(URL_OF_SERVER.port || 3306),
  user: decodeURIComponent(URL_OF_SERVER.username),
  password: decodeURIComponent(URL_OF_SERVER.password),
};

/**
 * The same index name as on PostgreSQL, so the same constraint registry entry maps it.
 * The column's collation compares case-insensitively, which is what PostgreSQL's
 * `lower(username)` expression index does there: `Taken` collides with `taken`.
 */
const SETUP_SQL = ['CREATE UNIQUE INDEX username_unique_lowercase ON users (username)'];

export type MariaDbOpening = { dataSource: DataSource } | { skipped: string };

export async function openMariaDb(database: string): Promise<MariaDbOpening> {
  try {
    const connection = await createConnection({ ...SERVER, connectTimeout: 3000 });
    try {
      await connection.query(`DROP DATABASE IF EXISTS \`${database}\``);
      await connection.query(`CREATE DATABASE \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci`);
    } finally {
      await connection.end();
    }
  } catch (error) {
    return { skipped: `MariaDB at ${SERVER.host}:${SERVER.port} is not reachable (${reasonOf(error)})` };
  }
  const dataSource = new DataSource({
    type: 'mariadb',
    host: SERVER.host,
    port: SERVER.port,
    username: SERVER.user,
    password: SERVER.password,
    database,
    entities: [BenchUser],
    synchronize: true,
    logging: false,
  });
  await dataSource.initialize();
  for (const statement of SETUP_SQL) await dataSource.query(statement);
  await dataSource.getRepository(BenchUser).insert(TAKEN_USER);
  return { dataSource };
}

/** Closes the DataSource and drops the bench's database. */
export async function closeMariaDb(dataSource: DataSource, database: string): Promise<void> {
  await dataSource.query(`DROP DATABASE IF EXISTS \`${database}\``);
  await dataSource.destroy();
}

function reasonOf(error: unknown): string {
  if (error instanceof Error) return (error as Error & { code?: string }).code ?? error.message;
  return String(error);
}
