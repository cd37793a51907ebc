import 'reflect-metadata';
import { Body, Controller, Delete, Inject, Param, ParseIntPipe, Post } from '@nestjs/common';
import { PGlite } from '@electric-sql/pglite';
import { eq } from 'drizzle-orm';
import { drizzle as drizzleMysql } from 'drizzle-orm/mysql2';
import { check as mysqlCheck, int, mysqlTable, varchar as mysqlVarchar } from 'drizzle-orm/mysql-core';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { check, integer, pgSchema, serial, varchar } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import mysql from 'mysql2/promise';
import { Pool } from 'pg';
import { ErrorsModule } from 'nest-error-contract';
import { drizzleSchema } from 'nest-error-contract/drizzle';
import { readDatabaseFailure } from 'nest-error-contract/typeorm';
import { ADAPTERS, TestApp, createTestApp, expectContract } from '../support/test-app';
import { ALL_DATABASES, DatabaseKind, TEST_DATABASE_URL, mariadbUrl, onMariadbServer } from '../support/databases';

/**
 * Drizzle on PGlite, PostgreSQL and MariaDB, through a Nest app on both adapters: the
 * same requests get the same bodies as through TypeORM (test/database/database-errors),
 * the field map learnt from the Drizzle tables handed to ErrorsModule.
 */
const DB_SCHEMA = `nec_drizzle_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;

function pgTables() {
  const schema = pgSchema(DB_SCHEMA);
  const members = schema.table(
    'members',
    {
      id: serial('id').primaryKey(),
      email: varchar('email', { length: 100 }).notNull().unique(),
      displayName: varchar('display_name', { length: 10 }).notNull(),
      age: integer('age').notNull().default(0),
    },
    (table) => [check('members_age_not_negative', sql`${table.age} >= 0`)],
  );
  const posts = schema.table('posts', {
    id: serial('id').primaryKey(),
    authorId: integer('author_id')
      .notNull()
      .references(() => members.id),
  });
  return { members, posts };
}

function mysqlTables() {
  const members = mysqlTable(
    'members',
    {
      id: int('id').autoincrement().primaryKey(),
      email: mysqlVarchar('email', { length: 100 }).notNull().unique(),
      displayName: mysqlVarchar('display_name', { length: 10 }).notNull(),
      age: int('age').notNull().default(0),
    },
    (table) => [mysqlCheck('members_age_not_negative', sql`${table.age} >= 0`)],
  );
  const posts = mysqlTable('posts', {
    id: int('id').autoincrement().primaryKey(),
    authorId: int('author_id')
      .notNull()
      .references(() => members.id),
  });
  return { members, posts };
}

const PG_DDL = [
  `CREATE SCHEMA "${DB_SCHEMA}"`,
  `CREATE TABLE "${DB_SCHEMA}".members (id serial PRIMARY KEY, email varchar(100) NOT NULL CONSTRAINT members_email_unique UNIQUE,
     display_name varchar(10) NOT NULL, age integer NOT NULL DEFAULT 0, CONSTRAINT members_age_not_negative CHECK (age >= 0))`,
  `CREATE TABLE "${DB_SCHEMA}".posts (id serial PRIMARY KEY, author_id integer NOT NULL
     CONSTRAINT posts_author_id_members_id_fk REFERENCES "${DB_SCHEMA}".members (id))`,
];

const MYSQL_DDL = [
  `CREATE TABLE members (id int AUTO_INCREMENT PRIMARY KEY, email varchar(100) NOT NULL, display_name varchar(10) NOT NULL,
     age int NOT NULL DEFAULT 0, CONSTRAINT members_email_unique UNIQUE (email), CONSTRAINT members_age_not_negative CHECK (age >= 0))`,
  `CREATE TABLE posts (id int AUTO_INCREMENT PRIMARY KEY, author_id int NOT NULL,
     CONSTRAINT posts_author_id_members_id_fk FOREIGN KEY (author_id) REFERENCES members (id))`,
];

interface DrizzleDatabase {
  schema: Record<string, unknown>;
  insertMember(body: Record<string, unknown>): Promise<unknown>;
  insertPost(authorId: number): Promise<unknown>;
  deleteMember(id: number): Promise<unknown>;
  close(): Promise<void>;
}

let sharedPglite: PGlite | undefined;

async function openDrizzle(kind: DatabaseKind): Promise<DrizzleDatabase> {
  if (kind === 'mariadb') {
    const database = `nec_test_drizzle_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    await onMariadbServer([`CREATE DATABASE \`${database}\``]);
    const pool = mysql.createPool({ uri: mariadbUrl(database), connectionLimit: 3 });
    for (const statement of MYSQL_DDL) await pool.query(statement);
    const tables = mysqlTables();
    const db = drizzleMysql(pool);
    return {
      schema: tables,
      insertMember: (body) => db.insert(tables.members).values(body as never),
      insertPost: (authorId) => db.insert(tables.posts).values({ authorId }),
      deleteMember: (id) => db.delete(tables.members).where(eq(tables.members.id, id)),
      async close() {
        await pool.end();
        await onMariadbServer([`DROP DATABASE IF EXISTS \`${database}\``]);
      },
    };
  }
  const tables = pgTables();
  if (kind === 'pglite') {
    sharedPglite ??= await PGlite.create();
    for (const statement of PG_DDL) await sharedPglite.query(statement);
    const db = drizzlePglite(sharedPglite);
    return {
      schema: tables,
      insertMember: (body) => db.insert(tables.members).values(body as never),
      insertPost: (authorId) => db.insert(tables.posts).values({ authorId }),
      deleteMember: (id) => db.delete(tables.members).where(eq(tables.members.id, id)),
      async close() {
        await sharedPglite?.query(`DROP SCHEMA "${DB_SCHEMA}" CASCADE`);
      },
    };
  }
  const pool = new Pool({ connectionString: TEST_DATABASE_URL, max: 3 });
  for (const statement of PG_DDL) await pool.query(statement);
  const db = drizzlePg(pool);
  return {
    schema: tables,
    insertMember: (body) => db.insert(tables.members).values(body as never),
    insertPost: (authorId) => db.insert(tables.posts).values({ authorId }),
    deleteMember: (id) => db.delete(tables.members).where(eq(tables.members.id, id)),
    async close() {
      await pool.query(`DROP SCHEMA "${DB_SCHEMA}" CASCADE`);
      await pool.end();
    },
  };
}

const DRIZZLE = Symbol('drizzle');

@Controller('members')
class MembersController {
  constructor(@Inject(DRIZZLE) private readonly db: DrizzleDatabase) {}
  @Post() async create(@Body() body: Record<string, unknown>) {
    await this.db.insertMember(body);
    return { created: true };
  }
  @Post(':id/posts') async post(@Param('id', ParseIntPipe) id: number) {
    await this.db.insertPost(id);
    return { created: true };
  }
  @Delete(':id') async remove(@Param('id', ParseIntPipe) id: number) {
    await this.db.deleteMember(id);
    return { deleted: true };
  }
}

const LEAKS = ['Failed query', 'insert into', 'violates', 'Duplicate', 'members_', 'posts_', 'nec_', 'params'];

afterAll(async () => {
  await sharedPglite?.close();
});

describe.each(ALL_DATABASES)('Drizzle on %s', (kind) => {
  let db: DrizzleDatabase;
  beforeAll(async () => {
    db = await openDrizzle(kind);
  }, 60_000);
  afterAll(() => db?.close());

  it('throws what the translator reads: DrizzleQueryError around the driver error, with the statement', async () => {
    await db.insertMember({ email: 'first@x.io', displayName: 'Ann' });
    let thrown: unknown;
    await db.insertMember({ email: 'first@x.io', displayName: 'Ann' }).catch((error: unknown) => (thrown = error));
    expect((thrown as Error).constructor.name).toBe('DrizzleQueryError');
    expect(readDatabaseFailure(thrown)).toMatchObject({
      kind: 'query',
      driverError: { situation: 'unique', constraint: 'members_email_unique' },
      query: expect.stringMatching(/^insert into/iu),
    });
  });

  describe.each(ADAPTERS)('through a Nest app with %s', (adapter) => {
    let app: TestApp;
    beforeAll(async () => {
      app = await createTestApp(adapter, {
        imports: [ErrorsModule.forRoot({ database: { schema: drizzleSchema(db.schema) } })],
        controllers: [MembersController],
        providers: [{ provide: DRIZZLE, useValue: db }],
      });
    }, 60_000);
    afterAll(() => app?.close());

    function expectNoLeak(body: unknown): void {
      const text = JSON.stringify(body);
      for (const leak of LEAKS) expect(text).not.toContain(leak);
    }

    it('answers a taken email with 409 and the field, as through TypeORM', async () => {
      const email = `${adapter}@x.io`;
      await app.http().post('/members').send({ email, displayName: 'Ann' }).expect(201);
      const response = await app.http().post('/members').send({ email, displayName: 'Bob' });
      expect(response.status).toBe(409);
      expect(expectContract(response)).toEqual([
        {
          message: 'This email is already in use.',
          error_code: '3001',
          field: 'email',
          details: { columns: ['email'] },
        },
      ]);
      expectNoLeak(response.body);
    });

    it('answers a value too long with 400, the field and max_length', async () => {
      const response = await app
        .http()
        .post('/members')
        .send({ email: `long-${adapter}@x.io`, displayName: 'much too long a name' });
      expect(response.status).toBe(400);
      expect(expectContract(response)).toEqual([
        {
          message: 'The display name is too long.',
          error_code: '3010',
          field: 'displayName',
          details: { max_length: 10 },
        },
      ]);
      expectNoLeak(response.body);
    });

    it('answers a failed check with 400 about the checked field', async () => {
      const response = await app
        .http()
        .post('/members')
        .send({ email: `check-${adapter}@x.io`, displayName: 'A', age: -1 });
      expect(response.status).toBe(400);
      expect(expectContract(response)).toEqual([
        { message: 'The age is not valid.', error_code: '3006', field: 'age', details: { columns: ['age'] } },
      ]);
      expectNoLeak(response.body);
    });

    it('answers a missing parent with 400 and a referenced parent with 409', async () => {
      const missing = await app.http().post('/members/424242/posts');
      expect(missing.status).toBe(400);
      expect(expectContract(missing)).toEqual([
        {
          message: 'The author id refers to a record that does not exist.',
          error_code: '3003',
          field: 'authorId',
          details: { columns: ['authorId'], resource: 'member' },
        },
      ]);
      expectNoLeak(missing.body);
    });
  });
});
