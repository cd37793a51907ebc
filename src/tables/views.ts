import { ApiProperty } from '@nestjs/swagger';
import { PAGE_COUNT } from '../common/page-query.dto';
import { COLUMN_TYPES } from './column-types';
import { Table } from './table.entity';
import { TableColumn } from './table-column.entity';

// The answers of the tables routes; the OpenAPI document's schemas are these classes.

const ID = { type: 'integer', minimum: 1, example: 1 } as const;

export class ColumnView {
  @ApiProperty(ID)
  id!: number;

  @ApiProperty(ID)
  table_id!: number;

  @ApiProperty({ example: 'title' })
  name!: string;

  @ApiProperty({ enum: COLUMN_TYPES, example: 'VARCHAR' })
  type!: string;

  @ApiProperty({ type: 'object', nullable: true, additionalProperties: { type: 'integer' }, example: { length: 80 } })
  type_options!: Record<string, number> | null;
}

export class TableView {
  @ApiProperty(ID)
  id!: number;

  @ApiProperty({ example: 'books' })
  name!: string;

  @ApiProperty(ID)
  owner_id!: number;

  @ApiProperty({ format: 'date-time', example: '2026-01-01T00:00:00.000Z' })
  created_at!: string;

  @ApiProperty({ type: () => [ColumnView] })
  columns!: ColumnView[];
}

export class ConstraintView {
  @ApiProperty({ example: 'ut_1_title_key' })
  name!: string;

  @ApiProperty({ enum: ['unique'] })
  type!: 'unique';

  @ApiProperty({ type: [String], example: ['title'] })
  columns!: string[];
}

export class RecordView {
  @ApiProperty(ID)
  id!: number;

  @ApiProperty({
    type: 'object',
    additionalProperties: { anyOf: [{ type: 'string', nullable: true }, { type: 'number' }, { type: 'boolean' }] },
    example: { title: 'Dune', pages: 412 },
  })
  values!: Record<string, unknown>;
}

export class RecordPage {
  @PAGE_COUNT
  count!: number;

  @ApiProperty({ type: () => [RecordView] })
  results!: RecordView[];
}

export function columnView(column: TableColumn): ColumnView {
  return {
    id: column.id,
    table_id: column.table_id,
    name: column.name,
    type: column.type,
    type_options: orderedOptions(column.type_options),
  };
}

/** jsonb reorders keys (shortest first); the API answers in a fixed order. */
function orderedOptions(options: TableColumn['type_options']): Record<string, number> | null {
  if (!options) return null;
  const ordered: Record<string, number> = {};
  for (const key of ['precision', 'scale', 'length'] as const) {
    if (options[key] !== undefined) ordered[key] = options[key];
  }
  return ordered;
}

/** A timestamptz as TypeORM or a raw RETURNING row gives it (Date or text). */
export function toDate(value: unknown): Date {
  return value instanceof Date ? value : new Date(String(value));
}

export function tableView(table: Table, columns: readonly TableColumn[]): TableView {
  return {
    id: table.id,
    name: table.name,
    owner_id: table.owner_id,
    created_at: table.created_at.toISOString(),
    columns: columns.map(columnView),
  };
}
