import { ConstraintKind, SchemaConstraint, SchemaTable } from './options.js';

/**
 * What the translator knows about the schema, built once at start-up so translating an
 * error is a couple of map lookups: constraint and index names -> table and columns, and
 * per table, database column -> request field (the entity property).
 */
export type KnownConstraint = SchemaConstraint;

export type KnownTable = SchemaTable;

export type { ConstraintKind };

function tableKey(table: string, schema: string | undefined): string {
  return schema ? `${schema}\u0000${table}` : table;
}

export class ConstraintIndex {
  private readonly constraintsByTable = new Map<string, KnownConstraint>();
  private readonly constraintsByName = new Map<string, KnownConstraint>();
  private readonly tables = new Map<string, KnownTable>();

  /** Earlier sources win: pass the catalog before metadata, the ground truth before the guess. */
  constructor(constraints: Iterable<KnownConstraint>, tables: Iterable<KnownTable>) {
    for (const table of tables) {
      const key = tableKey(table.table, table.schema);
      if (!this.tables.has(key)) this.tables.set(key, table);
      if (!this.tables.has(table.table)) this.tables.set(table.table, table);
    }
    for (const constraint of constraints) {
      const scoped = `${tableKey(constraint.table ?? '', constraint.schema)}\u0000${constraint.name}`;
      const unscoped = `${constraint.table ?? ''}\u0000${constraint.name}`;
      if (!this.constraintsByTable.has(scoped)) this.constraintsByTable.set(scoped, constraint);
      if (!this.constraintsByTable.has(unscoped)) this.constraintsByTable.set(unscoped, constraint);
      if (!this.constraintsByName.has(constraint.name)) this.constraintsByName.set(constraint.name, constraint);
    }
  }

  /**
   * Constraint names are unique per table in PostgreSQL (index names per schema), so the
   * error's table and schema disambiguate; the bare name is the last resort.
   */
  constraint(name: string, table: string | undefined, schema: string | undefined): KnownConstraint | undefined {
    if (table) {
      const found =
        this.constraintsByTable.get(`${tableKey(table, schema)}\u0000${name}`) ??
        this.constraintsByTable.get(`${table}\u0000${name}`);
      if (found) return found;
    }
    return this.constraintsByName.get(name);
  }

  table(table: string | undefined, schema: string | undefined): KnownTable | undefined {
    if (!table) return undefined;
    return this.tables.get(tableKey(table, schema)) ?? this.tables.get(table);
  }

  /** The request field behind a column: the entity property, else the column name itself. */
  fieldOf(column: string, table: string | undefined, schema: string | undefined): string {
    return this.table(table, schema)?.fieldsByColumn.get(column) ?? column;
  }

  /** A column's length limit, where the schema says it (MySQL's messages do not). */
  maxLengthOf(column: string, table: string | undefined, schema: string | undefined): number | undefined {
    return this.table(table, schema)?.maxLengthByColumn?.get(column);
  }

  constraintNames(): string[] {
    return [...this.constraintsByName.keys()];
  }

  /** The table an entity (by its class name) maps to. */
  tableOfEntity(entityName: string): KnownTable | undefined {
    for (const table of this.tables.values()) if (table.entityName === entityName) return table;
    return undefined;
  }

  /** Every known constraint of any kind, each once (the first source's), in no set order. */
  allConstraints(): KnownConstraint[] {
    return [...this.constraintsByName.values()];
  }
}
