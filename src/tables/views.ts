import { Table } from './table.entity';
import { TableColumn } from './table-column.entity';

export interface ColumnView {
  id: number;
  table_id: number;
  name: string;
  type: string;
  type_options: Record<string, number> | null;
}

export interface TableView {
  id: number;
  name: string;
  owner_id: number;
  created_at: string;
  columns: ColumnView[];
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
