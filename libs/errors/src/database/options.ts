import { ErrorCode } from '../codes/error-code.js';

/**
 * What the app says about one constraint or index, by name (a constraint-name map, as in Ecto's `unique_constraint(:email, name: :users_email_key)`;
 * or Ecto's `unique_constraint(:email, name: :users_email_key)`). A mapped constraint
 * always wins over what metadata or the catalog would infer.
 */
export interface ConstraintRule {
  /** The request key the error is about (`"email"`, `"profile.url"`), or null for the whole body. */
  field?: string | null;
  /** The message (a template: `{field}`, `{subject}` and `details` keys are filled in). */
  message?: string;
  /** An app code (range 6000-9999) to answer with instead of the library's code for the situation. */
  code?: ErrorCode;
  /** Overrides the status of the code. */
  status?: number;
  /** Extra machine-readable details merged into the error's details. */
  details?: Record<string, unknown>;
  /** Put the conflicting key values into `details.values` (off unless opted in). */
  exposeValues?: boolean;
}

/**
 * A description of the app's tables that the translator maps constraint names and
 * columns with, for apps whose schema no TypeORM DataSource describes: build it from
 * Drizzle tables with `drizzleSchema()` (`nest-error-contract/drizzle`).
 */
export interface DatabaseSchemaDescription {
  readonly constraints: readonly SchemaConstraint[];
  readonly tables: readonly SchemaTable[];
}

/** A constraint or unique index: its name, table and columns (database names). */
/** What a constraint checks. */
export type ConstraintKind = 'primary-key' | 'unique' | 'check' | 'foreign-key' | 'exclusion';

export interface SchemaConstraint {
  name: string;
  table: string | undefined;
  schema: string | undefined;
  columns: string[];
  /** What the constraint checks, when the catalog or the metadata said so. */
  kind?: ConstraintKind;
  /** For foreign keys: the referenced table. */
  referencedTable?: string;
  referencedSchema?: string;
}

/** A table: which request field each column is (the property that maps it). */
export interface SchemaTable {
  table: string;
  schema: string | undefined;
  fieldsByColumn: ReadonlyMap<string, string>;
  /** The name resources of this table are called by in messages (`BlogPost`). */
  entityName: string | undefined;
  /** Column -> length limit, where the schema says it (MySQL's messages do not). */
  maxLengthByColumn?: ReadonlyMap<string, number>;
}

export interface DatabaseErrorOptions {
  /**
   * The TypeORM DataSource whose catalog and entity metadata map constraint names to
   * request fields. Default: the DataSource that TypeOrmModule registered, found when
   * the app starts (ErrorsModule loads `typeorm` with `import()` to look it up).
   */
  dataSource?: object;
  /**
   * Tables described by another source than TypeORM: `drizzleSchema(schema)` from
   * `nest-error-contract/drizzle`. Used besides a DataSource's catalog and metadata.
   */
  schema?: DatabaseSchemaDescription;
  /** The constraint registry: constraint or index name -> rule. Checked against the database at start-up. */
  constraints?: Readonly<Record<string, ConstraintRule>>;
  /**
   * Message templates per library code, keyed by code name or number:
   * `{ UNIQUE_VIOLATION: 'That {subject} is taken.' }`. `{subject}` is the field in words.
   */
  messages?: Readonly<Record<string, string>>;
  /** Put the conflicting key values of unique/exclusion violations into `details.values`. Default false. */
  exposeValues?: boolean;
  /** The `Retry-After` header (and `details.retry_after_seconds`) of 503 answers. Default 1. */
  retryAfterSeconds?: number;
  /** Map unregistered constraints to fields through TypeORM's entity metadata and the catalog. Default true. */
  inferFromSchema?: boolean;
  /**
   * What to do at start-up with registry entries that name no constraint or index in the
   * database: 'warn' (default) reports them, 'throw' fails start-up, false skips the check.
   */
  verifyConstraints?: 'warn' | 'throw' | false;
}
