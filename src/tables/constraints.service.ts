import { Injectable } from '@nestjs/common';
import { ConflictError, DomainErrors } from 'nest-error-contract';
import { DataSource } from 'typeorm';
import { quoteIdentifier, sqlStateOf } from '../database/sql';
import { DUPLICATE_VALUES } from '../errors/app-error-codes';
import { unknownColumn } from './column-names';
import { PhysicalTables } from './physical-tables';
import { CreateConstraintDto } from './tables.dto';
import { TablesService } from './tables.service';
import { ConstraintView } from './views';

/** Real constraints on user tables (unique only, for now). */
@Injectable()
export class ConstraintsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly physical: PhysicalTables,
    private readonly tables: TablesService,
  ) {}

  async add(tableId: number, dto: CreateConstraintDto): Promise<ConstraintView> {
    await this.tables.getTable(tableId);
    const known = new Set((await this.tables.columnsOf(tableId)).map((column) => column.name));
    const problems = DomainErrors.collect();
    dto.columns.forEach((name, index) => {
      if (!known.has(name)) problems.add(unknownColumn(`columns.${index}`, name));
    });
    problems.throwIfAny();

    const table = this.physical.ref(tableId);
    const prefix = `${this.physical.tableName(tableId)}_uq_`;
    try {
      const name = await this.dataSource.transaction(async (manager) => {
        // The lock ALTER TABLE would take anyway, taken first so that two requests
        // cannot pick the same constraint name.
        await manager.query(`LOCK TABLE ${table} IN ACCESS EXCLUSIVE MODE`);
        const existing = (await manager.query(
          `SELECT conname::text AS name FROM pg_constraint WHERE conrelid = $1::regclass AND starts_with(conname::text, $2)`,
          [table, prefix],
        )) as Array<{ name: string }>;
        const next = Math.max(0, ...existing.map((row) => Number(row.name.slice(prefix.length)) || 0)) + 1;
        const constraint = `${prefix}${next}`;
        await manager.query(
          `ALTER TABLE ${table} ADD CONSTRAINT ${quoteIdentifier(constraint)} UNIQUE (${dto.columns.map(quoteIdentifier).join(', ')})`,
        );
        return constraint;
      });
      return { name, type: 'unique', columns: [...dto.columns] };
    } catch (error) {
      if (sqlStateOf(error) === '23505') {
        throw new ConflictError('table', {
          code: DUPLICATE_VALUES,
          field: 'columns',
          details: { columns: [...dto.columns] },
          cause: error,
        });
      }
      throw error;
    }
  }
}
