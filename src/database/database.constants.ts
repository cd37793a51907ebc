/** Injection token of the resolved schema names (see AppModule.forRoot). */
export const SCHEMAS = Symbol('SCHEMAS');

export interface Schemas {
  /** The app's own tables: users, tables, columns (and TypeORM's migrations table). */
  app: string;
  /** Where the user-defined tables are created, as real PostgreSQL tables. */
  userTables: string;
}
