import { ConstraintIndex, KnownConstraint } from './constraint-index.js';
import { loadMysqlCatalogConstraints } from './dialects/mysql/catalog.js';
import { loadCatalogConstraints } from './dialects/postgres/catalog.js';
import { DatabaseDialectName } from './kinds.js';
import { DatabaseErrorOptions } from './options.js';
import { DEFAULT_DATABASE_PORTS } from './socket-errors.js';
import { DataSourceLike, constraintsFromMetadata, isDataSourceLike, tablesFromMetadata } from './typeorm-metadata.js';
import { unknownConstraintReports } from './verify.js';

/** What the translator knows about the app's database, learnt once at start-up. */
export interface SchemaKnowledge {
  /** Constraint and index names -> tables, columns and entity properties. */
  index: ConstraintIndex;
  /** The port(s) the database listens on, to recognise its raw connection errors. */
  databasePorts: ReadonlySet<number>;
}

export const NO_SCHEMA_KNOWLEDGE: SchemaKnowledge = {
  index: new ConstraintIndex([], []),
  databasePorts: DEFAULT_DATABASE_PORTS,
};

/** What the options alone tell (the Drizzle tables handed over), before any DataSource is read. */
export function declaredKnowledge(options: DatabaseErrorOptions): SchemaKnowledge {
  if (!options.schema) return NO_SCHEMA_KNOWLEDGE;
  const constraints = options.inferFromSchema === false ? [] : options.schema.constraints;
  return { index: new ConstraintIndex(constraints, options.schema.tables), databasePorts: DEFAULT_DATABASE_PORTS };
}

/**
 * Reads the constraint catalog (PostgreSQL's pg_constraint, MySQL's information_schema)
 * and TypeORM's entity metadata of an initialized DataSource, adds the tables handed
 * over in `options.schema`, and checks the constraint registry against what the
 * database really has (a misspelt constraint name is reported, or fails start-up with
 * `verifyConstraints: 'throw'`). Reports go to `warn`; nothing here runs per request.
 */
export async function learnSchema(
  options: DatabaseErrorOptions,
  dataSource: unknown,
  warn: (message: string) => void,
): Promise<SchemaKnowledge> {
  const source = usableDataSource(dataSource, warn);
  const catalog = source ? await readCatalog(source, warn) : undefined;
  const index = schemaIndex(options, source, catalog);
  verifyRegistry(options, source, catalog, index, warn);
  return { index, databasePorts: databasePortsOf(dataSource) };
}

function usableDataSource(dataSource: unknown, warn: (message: string) => void): DataSourceLike | undefined {
  if (dataSource === undefined) return undefined;
  if (!isDataSourceLike(dataSource)) {
    warn(
      'The database error translator was given something that is not a TypeORM DataSource; constraint names are not mapped from the schema.',
    );
    return undefined;
  }
  if (dataSource.isInitialized === false) {
    warn(
      'The TypeORM DataSource is not initialized yet; constraint names are not mapped from the schema nor verified.',
    );
    return undefined;
  }
  return dataSource;
}

/** The dialect of a TypeORM DataSource, by its `type` option. */
export function dialectOfDataSource(dataSource: DataSourceLike): DatabaseDialectName {
  const type = dataSource.options?.type;
  return type === 'mysql' || type === 'mariadb' || type === 'aurora-mysql' ? 'mysql' : 'postgres';
}

async function readCatalog(
  dataSource: DataSourceLike,
  warn: (message: string) => void,
): Promise<KnownConstraint[] | undefined> {
  const dialect = dialectOfDataSource(dataSource);
  try {
    return dialect === 'mysql'
      ? await loadMysqlCatalogConstraints(dataSource)
      : await loadCatalogConstraints(dataSource);
  } catch (error) {
    warn(
      `Could not read constraints from the ${dialect === 'mysql' ? 'MySQL' : 'PostgreSQL'} catalog (${(error as Error).message}); ` +
        'falling back to TypeORM metadata for constraint names.',
    );
    return undefined;
  }
}

function schemaIndex(
  options: DatabaseErrorOptions,
  dataSource: DataSourceLike | undefined,
  catalog: KnownConstraint[] | undefined,
): ConstraintIndex {
  if (!dataSource) return declaredKnowledge(options).index;
  const declared = options.schema;
  const tables = [...tablesFromMetadata(dataSource), ...(declared?.tables ?? [])];
  if (options.inferFromSchema === false) return new ConstraintIndex([], tables);
  // The catalog first: it is what the database really has; declared tables and metadata fill the gaps.
  return new ConstraintIndex(
    [...(catalog ?? []), ...(declared?.constraints ?? []), ...constraintsFromMetadata(dataSource)],
    tables,
  );
}

function verifyRegistry(
  options: DatabaseErrorOptions,
  dataSource: DataSourceLike | undefined,
  catalog: KnownConstraint[] | undefined,
  index: ConstraintIndex,
  warn: (message: string) => void,
): void {
  const mode = options.verifyConstraints ?? 'warn';
  const registered = Object.keys(options.constraints ?? {});
  if (mode === false || registered.length === 0) return;
  if (!dataSource && !options.schema) {
    warn(
      `No TypeORM DataSource is available: the ${registered.length} constraint name(s) of the database error registry were not checked.`,
    );
    return;
  }
  const existing = new Set(catalog ? catalog.map((constraint) => constraint.name) : index.constraintNames());
  const reports = unknownConstraintReports(registered, existing);
  if (reports.length === 0) return;
  if (mode === 'throw') throw new Error(reports.join('\n'));
  for (const report of reports) warn(report);
}

/** The port(s) in the DataSource's options, besides the databases' defaults. */
function databasePortsOf(dataSource: unknown): ReadonlySet<number> {
  const ports = new Set(DEFAULT_DATABASE_PORTS);
  const options = (dataSource as { options?: { port?: unknown; url?: unknown } } | undefined)?.options;
  if (typeof options?.port === 'number') ports.add(options.port);
  if (typeof options?.url === 'string') {
    const port = /:\/\/[^/]*:(\d+)(?:\/|$)/u.exec(options.url)?.[1];
    if (port) ports.add(Number(port));
  }
  return ports;
}
