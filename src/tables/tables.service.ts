import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { NotFoundError } from 'nest-error-contract';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { TABLE_NOT_FOUND } from '../errors/app-error-codes';
import { PhysicalTables } from './physical-tables';
import { Table } from './table.entity';
import { TableColumn } from './table-column.entity';
import { CreateTableDto } from './tables.dto';
import { TableView, tableView, toDate } from './views';

@Injectable()
export class TablesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly physical: PhysicalTables,
    @InjectRepository(Table) private readonly tables: Repository<Table>,
    @InjectRepository(TableColumn) private readonly columns: Repository<TableColumn>,
  ) {}

  /**
   * The metadata row first, then the real table, in one transaction. A taken name
   * (`tables_name_key`) and a missing owner (`tables_owner_id_fkey`) fail the insert
   * and reach the library's translator untouched: the registry names the field.
   */
  async create(dto: CreateTableDto): Promise<TableView> {
    const table = await this.dataSource.transaction(async (manager) => {
      const inserted = await manager
        .createQueryBuilder()
        .insert()
        .into(Table)
        .values({ name: dto.name, owner_id: dto.owner_id })
        .returning('*')
        .execute();
      const row = (inserted.raw as Array<Record<string, unknown>>)[0];
      const created = manager.create(Table, { ...(row as Partial<Table>), created_at: toDate(row.created_at) });
      await manager.query(this.physical.createTable(created.id));
      return created;
    });
    return tableView(table, []);
  }

  async findOne(id: number): Promise<TableView> {
    const table = await this.getTable(id);
    const columns = await this.columns.find({ where: { table_id: id }, order: { id: 'ASC' } });
    return tableView(table, columns);
  }

  async remove(id: number): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await this.lockTable(manager, id, 'change');
      await manager.delete(Table, { id });
      await manager.query(this.physical.dropTable(id));
    });
  }

  /**
   * The table's metadata row, locked until the end of `manager`'s transaction, or
   * TABLE_NOT_FOUND (404). This row lock is what serializes work on one user table:
   * a schema change (`change`: adding, renaming, retyping or dropping a column, a
   * constraint, dropping the table) takes it exclusively, a statement that depends on
   * the schema (`use`: inserting or listing records) takes it shared, and each then
   * reads the columns again under the lock. Without it, a statement built from columns
   * read a moment earlier can reach a table whose column was renamed or dropped in
   * between, and PostgreSQL answers 42703/42P01 (a 500). A request that waited for a
   * table dropped meanwhile finds no row: 404.
   */
  async lockTable(manager: EntityManager, id: number, purpose: 'change' | 'use'): Promise<Table> {
    const table = await this.findLocked(manager, id, purpose);
    if (!table) throw tableNotFound(id);
    return table;
  }

  /** lockTable without the 404: null when the table is gone. */
  findLocked(manager: EntityManager, id: number, purpose: 'change' | 'use'): Promise<Table | null> {
    return manager.findOne(Table, {
      where: { id },
      lock: { mode: purpose === 'change' ? 'pessimistic_write' : 'pessimistic_read' },
    });
  }

  /** The table or TABLE_NOT_FOUND (404). */
  async getTable(id: number, manager: EntityManager = this.dataSource.manager): Promise<Table> {
    const table = await manager.findOneBy(Table, { id });
    if (!table) throw tableNotFound(id);
    return table;
  }

  async columnsOf(tableId: number, manager: EntityManager = this.dataSource.manager): Promise<TableColumn[]> {
    return manager.find(TableColumn, { where: { table_id: tableId }, order: { id: 'ASC' } });
  }
}

export function tableNotFound(id: number): NotFoundError {
  return new NotFoundError('table', { code: TABLE_NOT_FOUND, details: { id } });
}
