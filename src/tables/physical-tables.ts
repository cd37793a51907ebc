import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SCHEMAS, Schemas } from '../database/database.constants';
import { MariadbUserTables } from './sql/mariadb-user-tables';
import { PostgresUserTables } from './sql/postgres-user-tables';
import { UserTablesSql } from './sql/user-tables-sql';

/**
 * Names and SQL fragments of the real tables behind user-defined tables. A table's
 * physical name is `t_<id>` in the user-tables schema: the client's name is only
 * metadata, so it can never collide with the indexes and sequences PostgreSQL creates
 * next to each table (`t_1_pkey`, `t_1_id_seq`). Column names are the client's own,
 * always quoted.
 */
@Injectable()
export class PhysicalTables {
  /** Columns every user table has, and names PostgreSQL reserves for system columns. */
  static readonly RESERVED_COLUMNS: ReadonlySet<string> = new Set([
    'id',
    'ctid',
    'xmin',
    'xmax',
    'cmin',
    'cmax',
    'tableoid',
  ]);

  /** How this app's database writes the SQL of user tables (src/tables/sql). */
  readonly sql: UserTablesSql;

  constructor(@Inject(SCHEMAS) schemas: Schemas, dataSource: DataSource) {
    this.sql =
      dataSource.options.type === 'mariadb'
        ? new MariadbUserTables(schemas.userTables)
        : new PostgresUserTables(schemas.userTables);
  }

  tableName(tableId: number): string {
    return `t_${tableId}`;
  }

  /** `"user_tables"."t_1"` */
  ref(tableId: number): string {
    return this.sql.ref(tableId);
  }

  createTable(tableId: number): string {
    return this.sql.createTable(tableId);
  }

  dropTable(tableId: number): string {
    return this.sql.dropTable(tableId);
  }
}
