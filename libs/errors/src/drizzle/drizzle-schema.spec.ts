import { relations } from 'drizzle-orm';
import { int, mysqlTable, uniqueIndex as mysqlUniqueIndex, varchar as mysqlVarchar } from 'drizzle-orm/mysql-core';
import { integer, pgTable, primaryKey, serial, text, unique, uniqueIndex, varchar } from 'drizzle-orm/pg-core';
import { buildDatabaseTranslator } from '../database/database.translator.js';
import { drizzleSchema } from './index.js';

const people = pgTable(
  'people',
  {
    id: serial('id').primaryKey(),
    email: varchar('email', { length: 200 }).notNull().unique(),
    handle: text('handle').notNull(),
    firstName: varchar('first_name', { length: 40 }),
  },
  (table) => [uniqueIndex('people_handle_idx').on(table.handle)],
);
const memberships = pgTable(
  'memberships',
  {
    personId: integer('person_id').notNull(),
    teamName: text('team_name').notNull(),
    nickname: text('nickname'),
  },
  (table) => [
    primaryKey({ columns: [table.personId, table.teamName] }),
    unique('memberships_nickname_team').on(table.nickname, table.teamName),
  ],
);
const peopleRelations = relations(people, ({ many }) => ({ memberships: many(memberships) }));
const accounts = mysqlTable(
  'accounts',
  { id: int('id').primaryKey(), login: mysqlVarchar('login', { length: 30 }) },
  (table) => [mysqlUniqueIndex('accounts_login_idx').on(table.login)],
);

describe('drizzleSchema', () => {
  const schema = drizzleSchema(
    { people, memberships, peopleRelations, accounts },
    { resourceNames: { people: 'Person' } },
  );

  it('lists unique columns, unique indexes, composite keys and primary keys with their columns', () => {
    const byName = new Map(schema.constraints.map((constraint) => [constraint.name, constraint]));
    expect(byName.get('people_email_unique')).toMatchObject({ table: 'people', columns: ['email'] });
    expect(byName.get('people_handle_idx')).toMatchObject({ table: 'people', columns: ['handle'] });
    expect(byName.get('people_pkey')).toMatchObject({ columns: ['id'] });
    expect(byName.get('memberships_nickname_team')).toMatchObject({ columns: ['nickname', 'team_name'] });
    expect(byName.get('memberships_person_id_team_name_pk')).toMatchObject({ columns: ['person_id', 'team_name'] });
    expect(byName.get('accounts_login_idx')).toMatchObject({ table: 'accounts', columns: ['login'] });
    expect(byName.get('PRIMARY')).toMatchObject({ table: 'accounts', columns: ['id'] });
  });

  it('maps columns to property keys, keeps varchar lengths, names resources, and skips what is not a table', () => {
    expect(schema.tables.map((table) => [table.table, table.entityName])).toEqual([
      ['people', 'Person'],
      ['memberships', 'membership'],
      ['accounts', 'account'],
    ]);
    const peopleTable = schema.tables[0];
    expect(peopleTable.fieldsByColumn.get('first_name')).toBe('firstName');
    expect(peopleTable.maxLengthByColumn?.get('first_name')).toBe(40);
  });

  it('feeds the translator: a duplicate on a unique index answers with the property', () => {
    const translate = buildDatabaseTranslator({ schema });
    const error = Object.assign(new Error('duplicate key value violates unique constraint "people_handle_idx"'), {
      code: '23505',
      severity: 'ERROR',
      constraint: 'people_handle_idx',
      table: 'people',
      detail: 'Key (handle)=(ann) already exists.',
    });
    expect(translate(error, { requestId: 'r' })?.errors[0].error).toEqual({
      message: 'This handle is already in use.',
      error_code: '3001',
      field: 'handle',
      details: { columns: ['handle'] },
    });
  });
});
