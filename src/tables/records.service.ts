import { Injectable } from '@nestjs/common';
import {
  DatabaseCodes,
  DomainError,
  DomainErrors,
  StandardSchemaIssue,
  ValidationFailedException,
  standardSchemaIssuesToErrors,
} from 'nest-error-contract';
import { createDatabaseTranslator, readDatabaseFailure } from 'nest-error-contract/typeorm';
import { DataSource } from 'typeorm';
import { Page } from '../common/page-query.dto';
import { situationOf, sqlStateOf } from '../database/sql';
import { baseType, sqlType } from './column-types';
import { PhysicalTables } from './physical-tables';
import { recordValuesSchema } from './record-values.schema';
import { TableColumn } from './table-column.entity';
import { TablesService } from './tables.service';
import { RecordView } from './views';

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

  /**
   * `values` must be the client's own parsed object (see JsonBodyField): every own key is
   * read, whatever its name, and looked up in a Map, so no key can resolve to an
   * inherited member.
   */
  async insert(tableId: number, values: Record<string, unknown>): Promise<RecordView> {
    let entries: Array<[TableColumn, Scalar]> = [];
    try {
      return await this.dataSource.transaction(async (manager) => {
        // The columns are read under the table's shared lock and the insert runs under
        // it, so no column can be renamed or dropped in between (TablesService.lockTable).
        await this.tables.lockTable(manager, tableId, 'use');
        const columns = await this.tables.columnsOf(tableId, manager);
        entries = await this.checkValues(values, columns);
        const dialect = this.physical.sql;
        const sql = dialect.insertRecord(
          tableId,
          columns,
          entries.map(([column]) => column),
        );
        const rows = (await manager.query(
          sql,
          entries.map(([column, value]) => dialect.recordParameter(column, value)),
        )) as Array<Record<string, unknown>>;
        return this.recordView(rows[0], columns);
      });
    } catch (error) {
      // Attributed after the rollback: the transaction cannot run the probes once a statement failed.
      throw (await this.attribute(error, entries)) ?? error;
    }
  }

  /**
   * The values to insert, in the client's order, or every problem with them at once: the
   * schema built from the table's columns first, then what only the database dialect
   * knows (a value it refuses for the column's type).
   */
  private async checkValues(
    values: Record<string, unknown>,
    columns: readonly TableColumn[],
  ): Promise<Array<[TableColumn, Scalar]>> {
    await validateValues(columns, values);
    const byName = new Map(columns.map((column) => [column.name, column]));
    const problems = DomainErrors.collect();
    const entries: Array<[TableColumn, Scalar]> = [];
    for (const name of Object.keys(values)) {
      // At most DomainErrors.maxErrors objects in one answer.
      if (problems.full) break;
      const column = byName.get(name)!;
      const value = values[name] as Scalar;
      const refused = this.physical.sql.refusedValue(column, value);
      if (refused) {
        problems.add(
          new DomainError(DatabaseCodes.INVALID_VALUE_FOR_TYPE, {
            field: `values.${name}`,
            details: { type: refused },
            params: { subject: `value for ${name}`, type: refused },
          }),
        );
      } else {
        entries.push([column, value]);
      }
    }
    problems.throwIfAny();
    return entries;
  }

  async list(tableId: number, limit: number, offset: number): Promise<Page<RecordView>> {
    return this.dataSource.transaction(async (manager) => {
      // Shared lock: the table cannot be dropped nor its columns changed while it is read.
      await this.tables.lockTable(manager, tableId, 'use');
      const columns = await this.tables.columnsOf(tableId, manager);
      const dialect = this.physical.sql;
      const rows = (await manager.query(dialect.listRecords(tableId, columns), [limit, offset])) as Array<
        Record<string, unknown>
      >;
      const [{ count }] = (await manager.query(dialect.countRecords(tableId))) as Array<{ count: unknown }>;
      return { count: Number(count), results: rows.map((row) => this.recordView(row, columns)) };
    });
  }

  private recordView(row: Record<string, unknown>, columns: readonly TableColumn[]): RecordView {
    const view = recordView(row, columns);
    for (const column of columns)
      view.values[column.name] = this.physical.sql.readValue(column, view.values[column.name]);
    return view;
  }

  /** A failed insert as a domain error on `values.<column>`, or undefined to rethrow it as it is. */
  private async attribute(
    error: unknown,
    entries: ReadonlyArray<[TableColumn, Scalar]>,
  ): Promise<DomainError | undefined> {
    const situation = situationOf(error);
    if (!situation) return undefined;
    if (situation === 'unique') {
      const translated = await translate(error);
      if (!translated) return undefined;
      let columns = (translated.details?.columns as string[] | undefined) ?? [];
      // MariaDB names the key, not its columns: the key is read from the table itself.
      if (columns.length === 0) columns = await this.uniqueKeyColumns(tableIdOf(entries), error);
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
    const culprit = namedCulprit(error, entries) ?? (await this.findCulprit(error, entries));
    if (!culprit) return undefined;
    const translated = await translate(culprit.error);
    if (!translated) return undefined;
    const name = culprit.column.name;
    return new DomainError(translated.code, {
      field: `values.${name}`,
      details: withColumnFacts(translated.code.name, translated.details, culprit.column),
      params: { subject: translated.code.name === 'NUMBER_OUT_OF_RANGE' ? `${name} column` : `value for ${name}` },
      cause: error,
    });
  }

  private async uniqueKeyColumns(tableId: number | undefined, error: unknown): Promise<string[]> {
    const failure = readDatabaseFailure(error);
    const key = failure?.kind === 'query' ? failure.driverError.constraint : undefined;
    if (tableId === undefined || key === undefined) return [];
    const query = this.physical.sql.uniqueKeyColumns(tableId, key);
    const rows = (await this.dataSource.query(query.sql, query.parameters)) as Array<{ name: string }>;
    return rows.map((row) => row.name);
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

/**
 * Checks `values` against the schema of the table's columns (record-values.schema.ts):
 * every value's problem at once, each on `values.<column>`, answered by the library as
 * validation errors are (the client's language, the cap on errors).
 */
async function validateValues(columns: readonly TableColumn[], values: Record<string, unknown>): Promise<void> {
  const result = await recordValuesSchema(columns)['~standard'].validate(values);
  if (result.issues) {
    // In the order of the request's keys, as the client wrote them
    const position = new Map(Object.keys(values).map((key, index) => [key, index]));
    const at = (issue: StandardSchemaIssue) => position.get(String(issue.path?.[0])) ?? -1;
    const issues = [...result.issues].sort((a, b) => at(a) - at(b));
    throw new ValidationFailedException(
      standardSchemaIssuesToErrors(issues, { vendor: 'zod', input: values, parameter: 'values' }),
    );
  }
}

/**
 * MariaDB names the column of a bad value (PostgreSQL does not): the culprit is that
 * column, when it is one the statement wrote.
 */
function namedCulprit(
  error: unknown,
  entries: ReadonlyArray<[TableColumn, Scalar]>,
): { column: TableColumn; error: unknown } | undefined {
  const failure = readDatabaseFailure(error);
  const named = failure?.kind === 'query' ? failure.driverError.column : undefined;
  const entry = named === undefined ? undefined : entries.find(([column]) => column.name === named);
  return entry ? { column: entry[0], error } : undefined;
}

function tableIdOf(entries: ReadonlyArray<[TableColumn, Scalar]>): number | undefined {
  return entries[0]?.[0].table_id;
}

/**
 * What the column's definition adds where the database's message says less (MariaDB's
 * too-long and out-of-range messages name neither the limit nor the type).
 */
function withColumnFacts(
  code: string,
  details: Record<string, unknown> | null | undefined,
  column: TableColumn,
): Record<string, unknown> | null {
  if (code === 'VALUE_TOO_LONG' && details?.max_length === null && column.type_options?.length !== undefined) {
    return { ...details, max_length: column.type_options.length };
  }
  if (code === 'NUMBER_OUT_OF_RANGE' && !details && column.type === 'INTEGER') return { type: baseType(column.type) };
  return details ?? null;
}

// Without a DataSource: only the error's own fields are read, no catalog.
const databaseTranslator = createDatabaseTranslator();

/** What the library's pure translator makes of a database error: its code and details. */
async function translate(error: unknown) {
  const translation = (await databaseTranslator)(error, { requestId: '' });
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
