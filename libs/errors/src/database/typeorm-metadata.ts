import { ConstraintKind, KnownConstraint, KnownTable } from './constraint-index.js';
import { referencedIdentifiers } from './sql-text.js';

/**
 * The parts of TypeORM's metadata this library reads, typed structurally so that the
 * translator depends on no particular copy of typeorm at runtime.
 */
interface ColumnLike {
  databaseName: string;
  propertyPath: string;
  relationMetadata?: unknown;
  /** `@Column({ length: 30 })`: TypeORM keeps it as text. */
  length?: string | number;
}
interface KeyedLike {
  name: string;
  columns: ColumnLike[];
}
interface ForeignKeyLike extends KeyedLike {
  referencedEntityMetadata?: { tableName: string; schema?: string };
}
interface ExpressionLike {
  name: string;
  expression: string;
}
export interface EntityMetadataLike {
  name: string;
  tableName: string;
  tablePath: string;
  schema?: string;
  tableType?: string;
  columns: ColumnLike[];
  primaryColumns: ColumnLike[];
  uniques: KeyedLike[];
  indices: Array<KeyedLike & { isUnique: boolean }>;
  foreignKeys: ForeignKeyLike[];
  checks: ExpressionLike[];
  exclusions: ExpressionLike[];
}
export interface DataSourceLike {
  isInitialized?: boolean;
  options?: { type?: string; port?: unknown; url?: unknown; database?: unknown };
  entityMetadatas: readonly EntityMetadataLike[];
  namingStrategy?: { primaryKeyName(table: string, columnNames: string[]): string };
  driver?: { schema?: string };
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

export function isDataSourceLike(value: unknown): value is DataSourceLike {
  return (
    typeof value === 'object' &&
    value !== null &&
    Array.isArray((value as DataSourceLike).entityMetadatas) &&
    typeof (value as DataSourceLike).query === 'function'
  );
}

/**
 * A column can appear twice in metadata: as a plain `@Column() authorId` and as the join
 * column of `@ManyToOne() author`. The plain property is what a DTO mirroring the entity
 * sends, so it wins; a join column without one is named after its relation.
 */
function fieldsByColumn(columns: readonly ColumnLike[]): Map<string, string> {
  const fields = new Map<string, string>();
  for (const column of columns) {
    if (!column.relationMetadata) fields.set(column.databaseName, column.propertyPath);
  }
  for (const column of columns) {
    if (!fields.has(column.databaseName)) fields.set(column.databaseName, column.propertyPath);
  }
  return fields;
}

export function tablesFromMetadata(dataSource: DataSourceLike): KnownTable[] {
  const defaultSchema = dataSource.driver?.schema;
  return dataSource.entityMetadatas.map((metadata) => ({
    table: metadata.tableName,
    schema: metadata.schema ?? defaultSchema,
    fieldsByColumn: fieldsByColumn(metadata.columns),
    entityName: metadata.name,
    maxLengthByColumn: maxLengths(metadata.columns),
  }));
}

function maxLengths(columns: readonly ColumnLike[]): Map<string, number> {
  const lengths = new Map<string, number>();
  for (const column of columns) {
    const length = Number(column.length);
    if (column.length !== undefined && column.length !== '' && Number.isInteger(length) && length > 0) {
      lengths.set(column.databaseName, length);
    }
  }
  return lengths;
}

/** Unique constraints, unique indices, foreign keys, checks, exclusions and primary keys with their names. */
export function constraintsFromMetadata(dataSource: DataSourceLike): KnownConstraint[] {
  const defaultSchema = dataSource.driver?.schema;
  const constraints: KnownConstraint[] = [];
  for (const metadata of dataSource.entityMetadatas) {
    const schema = metadata.schema ?? defaultSchema;
    const table = metadata.tableName;
    const allColumns = new Set(metadata.columns.map((column) => column.databaseName));
    const keyed = (item: KeyedLike, kind: ConstraintKind): KnownConstraint => ({
      name: item.name,
      table,
      schema,
      columns: item.columns.map((column) => column.databaseName),
      kind,
    });
    const fromExpression = (item: ExpressionLike, kind: ConstraintKind): KnownConstraint => ({
      name: item.name,
      table,
      schema,
      columns: [...new Set(referencedIdentifiers(item.expression).filter((name) => allColumns.has(name)))],
      kind,
    });
    constraints.push(...metadata.uniques.map((item) => keyed(item, 'unique')));
    constraints.push(...metadata.indices.filter((index) => index.isUnique).map((item) => keyed(item, 'unique')));
    constraints.push(
      ...metadata.foreignKeys.map((foreignKey) => ({
        ...keyed(foreignKey, 'foreign-key'),
        referencedTable: foreignKey.referencedEntityMetadata?.tableName,
        referencedSchema: foreignKey.referencedEntityMetadata?.schema ?? defaultSchema,
      })),
    );
    constraints.push(
      ...metadata.checks.map((item) => fromExpression(item, 'check')),
      ...metadata.exclusions.map((item) => fromExpression(item, 'exclusion')),
    );
    if (metadata.primaryColumns.length > 0 && dataSource.namingStrategy) {
      const columns = metadata.primaryColumns.map((column) => column.databaseName);
      constraints.push({
        name: dataSource.namingStrategy.primaryKeyName(metadata.tablePath, columns),
        table,
        schema,
        columns,
        kind: 'primary-key',
      });
    }
  }
  return constraints;
}
