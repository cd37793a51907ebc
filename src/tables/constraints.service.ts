import { Injectable } from '@nestjs/common';
import { ConflictError, DomainErrors } from 'nest-error-contract';
import { DataSource } from 'typeorm';
import { situationOf } from '../database/sql';
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
    const sql = this.physical.sql;
    const prefix = `${this.physical.tableName(tableId)}_uq_`;
    try {
      const name = await this.dataSource.transaction(async (manager) => {
        // A schema change: the columns are read under the table's lock, so none of them
        // can be renamed or dropped before the constraint exists (TablesService.lockTable).
        await this.tables.lockTable(manager, tableId, 'change');
        const known = new Set((await this.tables.columnsOf(tableId, manager)).map((column) => column.name));
        const problems = DomainErrors.collect();
        dto.columns.forEach((name, index) => {
          if (!known.has(name)) problems.add(unknownColumn(`columns.${index}`, name));
        });
        problems.throwIfAny();
        // Taken first so that two requests cannot pick the same constraint name.
        for (const statement of sql.lockForConstraint(tableId)) await manager.query(statement);
        const names = sql.constraintNames(tableId, prefix);
        const existing = (await manager.query(names.sql, names.parameters)) as Array<{ name: string }>;
        const next = Math.max(0, ...existing.map((row) => Number(row.name.slice(prefix.length)) || 0)) + 1;
        const constraint = `${prefix}${next}`;
        await manager.query(sql.addUnique(tableId, constraint, dto.columns));
        return constraint;
      });
      return { name, type: 'unique', columns: [...dto.columns] };
    } catch (error) {
      if (situationOf(error) === 'unique') {
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
