import { Injectable } from '@nestjs/common';
import { ConflictError, DomainError, DomainErrors, ErrorCollector, NotFoundError } from 'nest-error-contract';
import { DataSource, EntityManager } from 'typeorm';
import { situationOf } from '../database/sql';
import { COLUMN_DATA_NOT_CONVERTIBLE, COLUMN_NAME_TAKEN, COLUMN_NOT_FOUND } from '../errors/app-error-codes';
import { CheckedType, ColumnType, TypeOptions, checkType, sqlType } from './column-types';
import { PhysicalTables } from './physical-tables';
import { TableColumn } from './table-column.entity';
import { CreateColumnDto, UpdateColumnDto } from './tables.dto';
import { TablesService } from './tables.service';
import { ColumnView, columnView } from './views';

/**
 * Columns of user tables are real columns: adding one is ALTER TABLE ... ADD COLUMN,
 * renaming and retyping are ALTER TABLE ... RENAME / ALTER COLUMN ... TYPE ... USING.
 * Every check runs before anything is changed and all problems are thrown together
 * (a PATCH with a taken name and the type FOOD are one response of two objects).
 */
@Injectable()
export class ColumnsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly physical: PhysicalTables,
    private readonly tables: TablesService,
  ) {}

  async add(tableId: number, dto: CreateColumnDto): Promise<ColumnView> {
    await this.tables.getTable(tableId);
    const problems = DomainErrors.collect();
    await this.checkNameFree(tableId, dto.name, undefined, problems);
    const checked = checkType(dto.type, dto.type_options, problems);
    if (checked) this.physical.sql.checkTypeLimits(checked.type, checked.options, problems);
    problems.throwIfAny();
    const { type, options } = checked as CheckedType;
    const column = await this.dataSource.transaction(async (manager) => {
      // The unique constraint columns_table_id_name_key backs the check above against a
      // concurrent request; the translator answers it with the same 409 on `name`.
      const saved = await manager.save(TableColumn, { table_id: tableId, name: dto.name, type, type_options: options });
      await manager.query(this.physical.sql.addColumn(tableId, dto.name, type, options));
      return saved;
    });
    return columnView(column);
  }

  async update(id: number, dto: UpdateColumnDto): Promise<ColumnView> {
    const column = await this.getColumn(id);
    const problems = DomainErrors.collect();
    const rename = dto.name !== undefined && dto.name !== column.name;
    if (rename) await this.checkNameFree(column.table_id, dto.name!, column.id, problems);
    let target: CheckedType = { type: column.type, options: column.type_options };
    if (dto.type !== undefined || dto.type_options !== undefined) {
      // A new type starts without options unless some are sent; options alone apply to the current type.
      const checked = checkType(dto.type ?? column.type, dto.type_options, problems);
      if (checked) this.physical.sql.checkTypeLimits(checked.type, checked.options, problems);
      if (checked) target = checked;
    }
    problems.throwIfAny();

    const oldName = column.name;
    const newName = rename ? dto.name! : oldName;
    const retype = sqlType(target.type, target.options) !== sqlType(column.type, column.type_options);
    if (!rename && !retype && sameOptions(target.options, column.type_options)) return columnView(column);

    // Only the retyping step's failures are conversion failures (see `retype`): the
    // metadata update can lose a race on columns_table_id_name_key to a concurrent rename,
    // which must reach the translator as it is (409 COLUMN_NAME_TAKEN on `name`).
    await this.dataSource.transaction(async (manager) => {
      const metadata = () =>
        manager.update(
          TableColumn,
          { id },
          { name: newName, type: target.type, type_options: target.options as TypeOptions | null },
        );
      // Where each DDL statement commits on its own (MariaDB), the real column changes
      // first, so that a conversion that fails leaves the metadata as it was.
      if (this.physical.sql.transactionalDdl) await metadata();
      if (rename) await manager.query(this.physical.sql.renameColumn(column.table_id, oldName, newName));
      if (retype) await this.retype(manager, column.table_id, newName, target.type, target.options);
      if (!this.physical.sql.transactionalDdl) await metadata();
    });
    return columnView({ ...column, name: newName, type: target.type, type_options: target.options });
  }

  async remove(id: number): Promise<void> {
    const column = await this.getColumn(id);
    await this.dataSource.transaction(async (manager) => {
      const result = await manager.delete(TableColumn, { id });
      if (!result.affected) throw columnNotFound(id);
      // Unique constraints that include the column go with it.
      await manager.query(this.physical.sql.dropColumn(column.table_id, column.name));
    });
  }

  async getColumn(id: number, manager: EntityManager = this.dataSource.manager): Promise<TableColumn> {
    const column = await manager.findOneBy(TableColumn, { id });
    if (!column) throw columnNotFound(id);
    return column;
  }

  /**
   * Every stored value goes through text to the new type's base type; the column's own
   * length or precision then applies as an assignment, so a value too long is an error
   * rather than silently truncated.
   */
  private async retype(
    manager: EntityManager,
    tableId: number,
    name: string,
    type: ColumnType,
    options: TypeOptions | null,
  ): Promise<void> {
    try {
      await manager.query(this.physical.sql.retypeColumn(tableId, name, type, options));
    } catch (error) {
      // Thrown inside the transaction, so it is rolled back all the same.
      throw conversionFailure(error, type) ?? error;
    }
  }

  private async checkNameFree(tableId: number, name: string, exceptId: number | undefined, problems: ErrorCollector) {
    const existing = await this.dataSource.manager.findOneBy(TableColumn, { table_id: tableId, name });
    const taken = PhysicalTables.RESERVED_COLUMNS.has(name) || (existing !== null && existing.id !== exceptId);
    if (taken) problems.add(new ConflictError('column', { code: COLUMN_NAME_TAKEN, field: 'name' }));
  }
}

function sameOptions(a: TypeOptions | null, b: TypeOptions | null): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

const CONVERSION_REASONS: Record<string, string> = {
  'invalid-text': 'invalid_value',
  // MariaDB's 1265 "Data truncated": a stored value the new type cannot take.
  'invalid-value': 'invalid_value',
  'too-long': 'too_long',
  'out-of-range': 'out_of_range',
  'invalid-date-time': 'invalid_date',
  unique: 'not_unique',
};

/**
 * ALTER COLUMN ... TYPE fails on the first stored value the new type rejects (or when
 * converted values collide in a unique constraint). That is about the requested `type`,
 * not about any record the client sent, so it is answered here with the app's own code
 * rather than the translator's record-level codes.
 */
function conversionFailure(error: unknown, type: ColumnType): DomainError | undefined {
  const situation = situationOf(error);
  if (!situation) return undefined;
  const reason = CONVERSION_REASONS[situation];
  if (!reason) return undefined;
  return new DomainError(COLUMN_DATA_NOT_CONVERTIBLE, {
    field: 'type',
    params: { type },
    details: { type, reason },
    cause: error,
  });
}

export function columnNotFound(id: number): NotFoundError {
  return new NotFoundError('column', { code: COLUMN_NOT_FOUND, details: { id } });
}
