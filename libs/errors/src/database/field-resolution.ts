import { ConstraintIndex, KnownConstraint } from './constraint-index.js';
import { PostgresErrorFields, QueryFailure } from './driver-error.js';
import { parseKeyDetail } from './key-detail.js';
import { ConstraintRule } from './options.js';
import { columnOfCulprit, readStatement } from './statement.js';

/**
 * Which request field(s) a database error is about. The sources, most trusted first:
 * the app's constraint registry (`chosenField`), what the catalog and entity metadata
 * say about the constraint, the column PostgreSQL names, and last the key printed in
 * the error's `detail`. Columns become fields through the entity properties that map
 * them (`first_name` -> `firstName`); a column no entity maps keeps its own name.
 */
export class FieldResolver {
  constructor(private readonly index: ConstraintIndex) {}

  /** The constraint the error names, as the catalog or the entity metadata know it. */
  knownConstraint(error: PostgresErrorFields): KnownConstraint | undefined {
    return error.constraint ? this.index.constraint(error.constraint, error.table, error.schema) : undefined;
  }

  /** The fields of a key (unique, exclusion, foreign key): the known constraint, else the key in `detail`. */
  keyFields(error: PostgresErrorFields, known: KnownConstraint | undefined): string[] {
    if (known && known.columns.length > 0) return this.constraintFields(error, known);
    const parsed = parseKeyDetail(error.detail);
    return parsed ? this.fieldsOf(parsed.columns, error.table, error.schema) : [];
  }

  /**
   * The fields a known constraint covers. A check's `detail` prints the whole failing
   * row, not a key, so for checks this is the only source.
   */
  constraintFields(error: PostgresErrorFields, known: KnownConstraint | undefined): string[] {
    if (!known) return [];
    return this.fieldsOf(known.columns, known.table ?? error.table, known.schema ?? error.schema);
  }

  /** The field of the column PostgreSQL names (not-null violations). */
  columnField(error: PostgresErrorFields): string | null {
    return error.column ? this.index.fieldOf(error.column, error.table, error.schema) : null;
  }

  /**
   * Data errors (22xxx) name no column: the field is the column of the one parameter that
   * `isCulprit` recognises (given `clue`, what the message tells about the bad value),
   * when the statement shows that column.
   */
  culpritField<C>(failure: QueryFailure, isCulprit: (value: unknown, clue: C) => boolean, clue: C): string | null {
    if (!failure.query) return null;
    const statement = readStatement(failure.query);
    const column = columnOfCulprit(statement, failure.parameters, isCulprit, clue);
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

/**
 * The registry's field wins, null included (the rule says the error is about the whole
 * body); otherwise the field, when the key has exactly one.
 */
export function chosenField(rule: ConstraintRule | undefined, fields: readonly string[]): string | null {
  if (rule && rule.field !== undefined) return rule.field;
  return fields.length === 1 ? fields[0] : null;
}
