import { Injectable } from '@nestjs/common';
import { DatabaseCodes, DomainError, DomainErrors } from 'nest-error-contract';
import { classifySqlState, translateDatabaseError } from 'nest-error-contract/typeorm';
import { DataSource } from 'typeorm';
import { Page } from '../common/page-query.dto';
import { quoteIdentifier, sqlStateOf } from '../database/sql';
import { RECORD_VALUE_NOT_SCALAR } from '../errors/app-error-codes';
import { unknownColumn } from './column-names';
import { baseType, sqlType } from './column-types';
import { PhysicalTables } from './physical-tables';
import { TableColumn } from './table-column.entity';
import { TablesService } from './tables.service';
import { RecordView } from './views';

type Scalar = string | number | boolean | null;

/** A UTF-16 surrogate not part of a pair (JSON allows `"\ud800"`); a pair is one code point under /u. */
const LONE_SURROGATE = /\p{Surrogate}/u;

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

  /**
   * `values` must be the client's own parsed object (see JsonBodyField): every own key is
   * read, whatever its name, and looked up in a Map, so no key can resolve to an
   * inherited member.
   */
  async insert(tableId: number, values: Record<string, unknown>): Promise<RecordView> {
    await this.tables.getTable(tableId);
    const columns = await this.tables.columnsOf(tableId);
    const byName = new Map(columns.map((column) => [column.name, column]));
    const problems = DomainErrors.collect();
    const entries: Array<[TableColumn, Scalar]> = [];
    for (const name of Object.keys(values)) {
      const value = values[name];
      const column = byName.get(name);
      const field = `values.${name}`;
      if (!column) {
        problems.add(unknownColumn(field, name));
      } else if (value !== null && !['string', 'number', 'boolean'].includes(typeof value)) {
        problems.add(new DomainError(RECORD_VALUE_NOT_SCALAR, { field, details: { column: name } }));
      } else if (typeof value === 'string' && LONE_SURROGATE.test(value)) {
        // The library's INVALID_CHARACTERS (3014) rather than an app code: it is the code
        // this route already answers for the other string PostgreSQL cannot store (a NUL
        // character, SQLSTATE 22021), so a client handles "this text cannot be stored" once.
        // The check is ours because no SQLSTATE ever comes: the driver encodes a lone
        // surrogate as U+FFFD and PostgreSQL would store the replacement silently.
        problems.add(
          new DomainError(DatabaseCodes.INVALID_CHARACTERS, { field, params: { subject: `value for ${name}` } }),
        );
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
        // Class 22 (data exception) is the value's fault; anything else (a lost
        // connection...) is not, and is answered as it is.
        if (sqlStateOf(error)?.startsWith('22')) return { column, error };
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
  const code = first && Object.values(DatabaseCodes).find((candidate) => candidate.code === first.error_code);
  return code ? { code, details: first.details } : undefined;
}

function asText(value: Scalar): string | null {
  return value === null ? null : String(value);
}

function wordList(names: readonly string[]): string {
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/**
 * A record as the API answers it. `values` has no prototype, so every column name is
 * written as a plain own key and can never reach a setter (on `{}`,
 * `values['__proto__'] = x` sets the prototype); the row is read by own keys only.
 */
function recordView(row: Record<string, unknown>, columns: readonly TableColumn[]): RecordView {
  const values = Object.create(null) as Record<string, unknown>;
  for (const column of columns) {
    values[column.name] = (Object.hasOwn(row, column.name) ? row[column.name] : undefined) ?? null;
  }
  return { id: Number(row.id), values };
}
