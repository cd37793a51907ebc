import { DomainError, ErrorCollector } from 'nest-error-contract';
import { INVALID_TYPE_OPTION } from '../../errors/app-error-codes';
import { ColumnType, TypeOptions, readsAsText } from '../column-types';
import { TableColumn } from '../table-column.entity';
import { UserTablesSql } from './user-tables-sql';

/** MariaDB's limits where they are narrower than PostgreSQL's (decimal(65, 30), a row of 65,535 bytes). */
const MARIADB_LIMITS: Partial<Record<ColumnType, Record<string, { min: number; max: number }>>> = {
  NUMERIC: { precision: { min: 1, max: 65 }, scale: { min: 0, max: 30 } },
  // 16,383 four-byte characters fill a row; longer texts are TEXT columns.
  VARCHAR: { length: { min: 1, max: 16383 } },
};

/** PostgreSQL's boolean input words (`t`, `yes`, `on`, `1`...), which MariaDB's tinyint(1) does not read. */
const TRUE_WORDS = new Set(['t', 'true', 'y', 'yes', 'on', '1']);
const FALSE_WORDS = new Set(['f', 'false', 'n', 'no', 'off', '0']);

/**
 * MariaDB. Tables are `t_<id>` in the user-tables database. Values are written as text
 * into the columns themselves: in strict mode MariaDB rejects what a column cannot hold
 * (1366 incorrect value, 1406 too long, 1264 out of range, 1292 bad date) and names
 * the column, which PostgreSQL does not. What differs from PostgreSQL:
 *
 * - NUMERIC without precision is decimal(65, 30) (MariaDB has no unbounded numeric),
 *   VARCHAR without length is a TEXT column; precision, scale and length have MariaDB's
 *   narrower limits (INVALID_TYPE_OPTION with its min and max).
 * - BOOLEAN is tinyint(1): PostgreSQL's boolean words are read here and answered as
 *   true/false; another text is refused by MariaDB as an integer.
 * - A DDL statement commits the transaction it runs in (MariaDB has no transactional
 *   DDL), so the metadata row and the real table change one after the other.
 */
export class MariadbUserTables implements UserTablesSql {
  readonly name = 'mariadb' as const;
  readonly transactionalDdl = false;

  constructor(private readonly database: string) {}

  ref(tableId: number): string {
    return `${this.quote(this.database)}.${this.quote(`t_${tableId}`)}`;
  }

  quote(name: string): string {
    if (name.includes('\u0000')) throw new Error('An SQL identifier cannot contain a NUL character.');
    return `\`${name.replace(/`/gu, '``')}\``;
  }

  createTable(tableId: number): string {
    return `CREATE TABLE ${this.ref(tableId)} (\`id\` int NOT NULL AUTO_INCREMENT PRIMARY KEY) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`;
  }

  dropTable(tableId: number): string {
    return `DROP TABLE IF EXISTS ${this.ref(tableId)}`;
  }

  columnType(type: ColumnType, options: TypeOptions | null): string {
    switch (type) {
      case 'BOOLEAN':
        return 'tinyint(1)';
      case 'DATE':
        return 'date';
      case 'INTEGER':
        return 'int';
      case 'TEXT':
        return 'longtext';
      case 'NUMERIC':
        if (options?.precision === undefined) return 'decimal(65,30)';
        return `decimal(${options.precision},${options.scale ?? 0})`;
      case 'VARCHAR':
        return options?.length === undefined ? 'longtext' : `varchar(${options.length})`;
    }
  }

  checkTypeLimits(type: ColumnType, options: TypeOptions | null, problems: ErrorCollector): void {
    const limits = MARIADB_LIMITS[type];
    if (!limits || !options) return;
    for (const [option, value] of Object.entries(options)) {
      const limit = limits[option];
      if (limit && (value < limit.min || value > limit.max)) {
        problems.add(
          new DomainError(INVALID_TYPE_OPTION, {
            field: `type_options.${option}`,
            details: { option, min: limit.min, max: limit.max },
          }),
        );
      }
    }
  }

  addColumn(tableId: number, name: string, type: ColumnType, options: TypeOptions | null): string {
    return `ALTER TABLE ${this.ref(tableId)} ADD COLUMN ${this.quote(name)} ${this.columnType(type, options)} NULL`;
  }

  renameColumn(tableId: number, from: string, to: string): string {
    return `ALTER TABLE ${this.ref(tableId)} RENAME COLUMN ${this.quote(from)} TO ${this.quote(to)}`;
  }

  retypeColumn(tableId: number, name: string, type: ColumnType, options: TypeOptions | null): string {
    return `ALTER TABLE ${this.ref(tableId)} MODIFY COLUMN ${this.quote(name)} ${this.columnType(type, options)} NULL`;
  }

  dropColumn(tableId: number, name: string): string {
    return `ALTER TABLE ${this.ref(tableId)} DROP COLUMN ${this.quote(name)}`;
  }

  constraintNames(tableId: number, prefix: string) {
    return {
      sql:
        'SELECT DISTINCT INDEX_NAME AS name FROM information_schema.STATISTICS ' +
        'WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND LEFT(INDEX_NAME, CHAR_LENGTH(?)) = ?',
      parameters: [this.database, `t_${tableId}`, prefix, prefix],
    };
  }

  lockForConstraint(tableId: number): string[] {
    // A row lock on the table's metadata row serialises two requests of the same table.
    return [`SELECT id FROM tables WHERE id = ${Number(tableId)} FOR UPDATE`];
  }

  addUnique(tableId: number, constraint: string, columns: readonly string[]): string {
    return `ALTER TABLE ${this.ref(tableId)} ADD CONSTRAINT ${this.quote(constraint)} UNIQUE (${columns.map((name) => this.quote(name)).join(', ')})`;
  }

  insertRecord(tableId: number, columns: readonly TableColumn[], written: readonly TableColumn[]): string {
    const names = written.map((column) => this.quote(column.name)).join(', ');
    const values = written.map(() => '?').join(', ');
    return `INSERT INTO ${this.ref(tableId)} (${names}) VALUES (${values}) RETURNING ${this.selectList(columns)}`;
  }

  recordParameter(column: TableColumn, value: string | number | boolean | null): unknown {
    if (value === null) return null;
    if (column.type === 'BOOLEAN') {
      const word = String(value).trim().toLowerCase();
      if (TRUE_WORDS.has(word)) return 1;
      if (FALSE_WORDS.has(word)) return 0;
    }
    return String(value);
  }

  refusedValue(column: TableColumn, value: string | number | boolean | null): string | undefined {
    if (value === null) return undefined;
    const text = String(value).trim();
    if (column.type === 'INTEGER' && !/^[+-]?\d+$/u.test(text))
      return /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/iu.test(text) ? 'integer' : undefined;
    if (column.type === 'BOOLEAN') {
      const word = text.toLowerCase();
      return TRUE_WORDS.has(word) || FALSE_WORDS.has(word) ? undefined : 'boolean';
    }
    return undefined;
  }

  uniqueKeyColumns(tableId: number, key: string) {
    return {
      sql:
        'SELECT COLUMN_NAME AS name FROM information_schema.STATISTICS ' +
        'WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND INDEX_NAME = ? ORDER BY SEQ_IN_INDEX',
      parameters: [this.database, `t_${tableId}`, key],
    };
  }

  listRecords(tableId: number, columns: readonly TableColumn[]): string {
    return `SELECT ${this.selectList(columns)} FROM ${this.ref(tableId)} ORDER BY \`id\` LIMIT ? OFFSET ?`;
  }

  countRecords(tableId: number): string {
    return `SELECT COUNT(*) AS count FROM ${this.ref(tableId)}`;
  }

  readValue(column: TableColumn, value: unknown): unknown {
    if (value === null || value === undefined) return null;
    if (column.type === 'BOOLEAN') return Number(value) !== 0;
    // decimal(65,30) stands for PostgreSQL's unbounded numeric: its padding zeros are not the value's.
    if (column.type === 'NUMERIC' && column.type_options?.precision === undefined && typeof value === 'string') {
      return value.includes('.') ? value.replace(/0+$/u, '').replace(/\.$/u, '') : value;
    }
    return value;
  }

  /** Numeric and date as text, so values come back exactly as stored. */
  private selectList(columns: readonly TableColumn[]): string {
    const parts = ['`id`'];
    for (const column of columns) {
      const name = this.quote(column.name);
      parts.push(readsAsText(column.type) ? `CAST(${name} AS CHAR) AS ${name}` : name);
    }
    return parts.join(', ');
  }
}
