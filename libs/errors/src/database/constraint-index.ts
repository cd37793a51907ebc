/**
 * What the translator knows about the schema, built once at start-up so translating an
 * error is a couple of map lookups: constraint and index names -> table and columns, and
 * per table, database column -> request field (the entity property).
 */
export interface KnownConstraint {
  name: string;
  table: string | undefined;
  schema: string | undefined;
  /** Database column names in key order (columns referenced by expressions included). */
  columns: string[];
  /** What the constraint checks, when the catalog or the metadata said so. */
  kind?: ConstraintKind;
  /** For foreign keys: the referenced table. */
  referencedTable?: string;
  referencedSchema?: string;
}

export type ConstraintKind = 'primary-key' | 'unique' | 'check' | 'foreign-key' | 'exclusion';

export interface KnownTable {
  table: string;
  schema: string | undefined;
  /** Database column name -> field name as the client sends it (entity property path). */
  fieldsByColumn: ReadonlyMap<string, string>;
  /** The entity's name (`BlogPost`), when an entity maps this table. */
  entityName: string | undefined;
}

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
