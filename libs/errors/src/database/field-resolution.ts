import { ConstraintIndex, KnownConstraint } from './constraint-index.js';
import { QueryFailure } from './failure.js';
import { DatabaseErrorFacts } from './kinds.js';
import { ConstraintRule } from './options.js';
import { columnOfCulprit, readStatement } from './statement.js';

/**
 * Which request field(s) a database error is about. The sources, most trusted first:
 * the app's constraint registry (`chosenField`), what the catalog, the entity metadata
 * or the Drizzle tables say about the constraint, the column the error names, and last
 * the key printed in its message. Columns become fields through the properties that map
 * them (`first_name` -> `firstName`); a column nothing maps keeps its own name.
 *
 * MySQL's duplicate-key message names the key but not its table (index names are
 * unique per table only), so the table of the failed statement stands in for it.
 */
export class FieldResolver {
  constructor(private readonly index: ConstraintIndex) {}

  /** The constraint the error names, as the catalog or the schema knows it. */
  knownConstraint(error: DatabaseErrorFacts, failure?: QueryFailure): KnownConstraint | undefined {
    if (!error.constraint) return undefined;
    return this.index.constraint(error.constraint, tableOf(error, failure), error.schema);
  }

  /** The fields of a key (unique, exclusion, foreign key): the known constraint, else the key in the message. */
  keyFields(error: DatabaseErrorFacts, known: KnownConstraint | undefined, failure?: QueryFailure): string[] {
    if (known && known.columns.length > 0) return this.constraintFields(error, known, failure);
    return error.keyColumns ? this.fieldsOf(error.keyColumns, tableOf(error, failure), error.schema) : [];
  }

  /**
   * The fields a known constraint covers. A check's message names no key, so for checks
   * this is the only source.
   */
  constraintFields(error: DatabaseErrorFacts, known: KnownConstraint | undefined, failure?: QueryFailure): string[] {
    if (!known) return [];
    return this.fieldsOf(known.columns, known.table ?? tableOf(error, failure), known.schema ?? error.schema);
  }

  /** The field of the column the error names (not-null violations, MySQL's data errors). */
  columnField(error: DatabaseErrorFacts, failure: QueryFailure): string | null {
    return error.column ? this.index.fieldOf(error.column, tableOf(error, failure), error.schema) : null;
  }

  /** The length limit of the column the error names, from the schema (MySQL's messages do not say it). */
  maxLengthOf(error: DatabaseErrorFacts, failure: QueryFailure): number | undefined {
    return error.column ? this.index.maxLengthOf(error.column, tableOf(error, failure), error.schema) : undefined;
  }

  /**
   * Data errors that name no column (PostgreSQL's 22xxx): the field is the column of the
   * one parameter that `isCulprit` recognises (given `clue`, what the message tells
   * about the bad value), when the statement shows that column.
   */
  culpritField<C>(failure: QueryFailure, isCulprit: (value: unknown, clue: C) => boolean, clue: C): string | null {
    if (!failure.query) return null;
    const statement = readStatement(failure.query);
    const column = columnOfCulprit(statement, failure.parameters, isCulprit, clue);
    return column ? this.index.fieldOf(column, statement.table, undefined) : null;
  }

  /**
   * The field of the one parameter longer than `maxLength`, among the columns whose
   * limit is that one (or unknown): a long value in a wider column is not the culprit.
   */
  tooLongField(failure: QueryFailure, maxLength: number): string | null {
    if (!failure.query) return null;
    const statement = readStatement(failure.query);
    const couldHold = (column: string) => {
      const limit = this.index.maxLengthOf(column, statement.table, undefined);
      return limit === undefined || limit === maxLength;
    };
    const column = columnOfCulprit(statement, failure.parameters, isLongerThan, maxLength, couldHold);
    return column ? this.index.fieldOf(column, statement.table, undefined) : null;
  }

  /** The entity that maps a table (`BlogPost`), to name the resource in messages. */
  entityName(table: string | undefined, schema: string | undefined): string | undefined {
    return this.index.table(table, schema)?.entityName;
  }

  private fieldsOf(columns: readonly string[], table: string | undefined, schema: string | undefined): string[] {
    const fields: string[] = [];
    for (const column of columns) fields.push(this.index.fieldOf(column, table, schema));
    return fields;
  }
}

/** Longer than the column allows, counted as the databases count: in characters, not UTF-16 units. */
function isLongerThan(value: unknown, maxLength: number): boolean {
  return typeof value === 'string' && value.length > maxLength && [...value].length > maxLength;
}

/** The table the error names, else the one the failed statement writes. */
function tableOf(error: DatabaseErrorFacts, failure: QueryFailure | undefined): string | undefined {
  if (error.table) return error.table;
  return failure?.query ? readStatement(failure.query).table : undefined;
}

/**
 * The registry's field wins, null included (the rule says the error is about the whole
 * body); otherwise the field, when the key has exactly one.
 */
export function chosenField(rule: ConstraintRule | undefined, fields: readonly string[]): string | null {
  if (rule && rule.field !== undefined) return rule.field;
  return fields.length === 1 ? fields[0] : null;
}
