import { Injectable } from '@nestjs/common';
import { DATABASE_CODES, DomainError, DomainErrors, classifySqlState, translateDatabaseError } from '@app/errors';
import { DataSource } from 'typeorm';
import { Page } from '../common/page-query.dto';
import { quoteIdentifier, sqlStateOf } from '../database/sql';
import { RECORD_VALUE_NOT_SCALAR, UNKNOWN_COLUMN } from '../errors/app-error-codes';
import { baseType, sqlType } from './column-types';
import { PhysicalTables } from './physical-tables';
import { TableColumn } from './table-column.entity';
import { TablesService } from './tables.service';

export interface RecordView {
  id: number;
  values: Record<string, unknown>;
}

type Scalar = string | number | boolean | null;

/**
 * Records of user tables. Values go to PostgreSQL as parameters, as text cast to the
 * column's base type, so PostgreSQL itself is the judge of what a column accepts.
 *
 * Why errors are caught here rather than through the translator's registry: the
 * translator learns the schema once at start-up, while these tables are created at run
 * time, and the field a client needs (`values.<column>`) depends on this route, not on
 * the table. This service knows the exact columns and values it sent, so it asks the
 * library's pure translator what went wrong (code, details) and re-aims the error at the
 * right field; what it cannot attribute is rethrown untouched, and the global filter
 * still answers it in the contract.
 */
@Injectable()
export class RecordsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly physical: PhysicalTables,
    private readonly tables: TablesService,
  ) {}

  async insert(tableId: number, values: Record<string, unknown>): Promise<RecordView> {
    await this.tables.getTable(tableId);
    const columns = await this.tables.columnsOf(tableId);
    const byName = new Map(columns.map((column) => [column.name, column]));
    const problems = DomainErrors.collect();
    const entries: Array<[TableColumn, Scalar]> = [];
    for (const [name, value] of Object.entries(values)) {
      const column = byName.get(name);
      const field = `values.${name}`;
      if (!column) {
        problems.add(
          new DomainError(UNKNOWN_COLUMN, { field, details: { column: name }, params: { column: shown(name) } }),
        );
      } else if (value !== null && !['string', 'number', 'boolean'].includes(typeof value)) {
        problems.add(new DomainError(RECORD_VALUE_NOT_SCALAR, { field, details: { column: name } }));
      } else {
        entries.push([column, value as Scalar]);
      }
    }
    problems.throwIfAny();

    const table = this.physical.ref(tableId);
    const returning = this.physical.selectList(columns);
    const sql =
      entries.length === 0
        ? `INSERT INTO ${table} DEFAULT VALUES RETURNING ${returning}`
        : `INSERT INTO ${table} (${entries.map(([column]) => quoteIdentifier(column.name)).join(', ')}) ` +
          `VALUES (${entries.map(([column], index) => `$${index + 1}::text::${baseType(column.type)}`).join(', ')}) ` +
          `RETURNING ${returning}`;
    try {
      const rows = (await this.dataSource.query(
        sql,
        entries.map(([, value]) => asText(value)),
      )) as Array<Record<string, unknown>>;
      return recordView(rows[0], columns);
    } catch (error) {
      throw (await this.attribute(error, entries)) ?? error;
    }
  }

  async list(tableId: number, limit: number, offset: number): Promise<Page<RecordView>> {
    await this.tables.getTable(tableId);
    const columns = await this.tables.columnsOf(tableId);
    const table = this.physical.ref(tableId);
    const rows = (await this.dataSource.query(
      `SELECT ${this.physical.selectList(columns)} FROM ${table} ORDER BY "id" LIMIT $1 OFFSET $2`,
      [limit, offset],
    )) as Array<Record<string, unknown>>;
    const [{ count }] = (await this.dataSource.query(`SELECT count(*)::int AS count FROM ${table}`)) as Array<{
      count: number;
    }>;
    return { count, results: rows.map((row) => recordView(row, columns)) };
  }

  /** A failed insert as a domain error on `values.<column>`, or undefined to rethrow it as it is. */
  private async attribute(
    error: unknown,
    entries: ReadonlyArray<[TableColumn, Scalar]>,
  ): Promise<DomainError | undefined> {
    const sqlState = sqlStateOf(error);
    if (!sqlState) return undefined;
    const situation = classifySqlState(sqlState);
    if (situation === 'unique') {
      const translated = translate(error);
      if (!translated) return undefined;
      const columns = (translated.details?.columns as string[] | undefined) ?? [];
      const subject = columns.length === 1 ? `value for ${columns[0]}` : `combination of ${wordList(columns)}`;
      return new DomainError(translated.code, {
        field: columns.length === 1 ? `values.${columns[0]}` : null,
        details: { columns },
        params: { subject },
        cause: error,
      });
    }
    if (!['too-long', 'out-of-range', 'invalid-text', 'invalid-date-time', 'invalid-bytes'].includes(situation)) {
      return undefined;
    }
    const culprit = await this.findCulprit(error, entries);
    if (!culprit) return undefined;
    const translated = translate(culprit.error);
    if (!translated) return undefined;
    const name = culprit.column.name;
    return new DomainError(translated.code, {
      field: `values.${name}`,
      details: translated.details,
      params: { subject: translated.code.name === 'NUMBER_OUT_OF_RANGE' ? `${name} column` : `value for ${name}` },
      cause: error,
    });
  }

  /**
   * PostgreSQL names no column for a bad value (22xxx), so each value is tried on its
   * own against its column's type; the first one rejected is the culprit. This runs
   * only after a failure, and the statement that failed is repeated for no row.
   */
  private async findCulprit(
    failure: unknown,
    entries: ReadonlyArray<[TableColumn, Scalar]>,
  ): Promise<{ column: TableColumn; error: unknown } | undefined> {
    for (const [column, value] of entries) {
      if (value === null) continue;
      const text = asText(value)!;
      const length = column.type === 'VARCHAR' ? column.type_options?.length : undefined;
      // An explicit cast to varchar(n) truncates instead of failing: compare lengths here.
      if (length !== undefined && [...text].length > length) return { column, error: failure };
      try {
        await this.dataSource.query(`SELECT $1::text::${sqlType(column.type, column.type_options)} AS value`, [text]);
      } catch (error) {
        if (sqlStateOf(error)) return { column, error };
        throw error;
      }
    }
    return undefined;
  }
}

/** What the library's pure translator makes of a database error: its code and details. */
function translate(error: unknown) {
  const translation = translateDatabaseError(error, { requestId: '' });
  const first = translation?.errors[0]?.error;
  const code = first && DATABASE_CODES.find((candidate) => candidate.code === first.error_code);
  return code ? { code, details: first.details } : undefined;
}

function asText(value: Scalar): string | null {
  return value === null ? null : String(value);
}

function wordList(names: readonly string[]): string {
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

function recordView(row: Record<string, unknown>, columns: readonly TableColumn[]): RecordView {
  const values: Record<string, unknown> = {};
  for (const column of columns) values[column.name] = row[column.name] ?? null;
  return { id: Number(row.id), values };
}

/** A column name in a message; an empty one is shown as "". */
function shown(name: string): string {
  return name === '' ? '""' : name;
}
