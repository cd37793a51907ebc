import {
  CHECK_VIOLATION,
  EXCLUSION_VIOLATION,
  RECORD_STILL_REFERENCED,
  REFERENCED_RECORD_NOT_FOUND,
  UNIQUE_VIOLATION,
} from '../codes/database.codes.js';
import { ErrorCode } from '../codes/error-code.js';
import type { ConstraintIndex, ConstraintKind, KnownConstraint, KnownTable } from '../database/constraint-index.js';
import type { ConstraintRule } from '../database/options.js';
import { DeclaredError, EntityReference } from '../declared-errors/error-responses.decorator.js';

/** The library's code for a failed constraint of each kind, written or deleted. */
const WRITE_CODES: Partial<Record<ConstraintKind, ErrorCode>> = {
  unique: UNIQUE_VIOLATION,
  exclusion: EXCLUSION_VIOLATION,
  check: CHECK_VIOLATION,
  'foreign-key': REFERENCED_RECORD_NOT_FOUND,
};
const WRITES = new Set(['POST', 'PUT', 'PATCH']);

type EntityError = DeclaredError & { details?: Record<string, unknown> };

/**
 * The database codes a handler writing (or deleting) the entity can answer, with the
 * code and field the translator gives each constraint: the registry's rule when there is
 * one, else the library's code on the constraint's column (null for several columns).
 * A primary key is left out: the app generates ids, a client does not choose them.
 */
export function entityErrors(
  reference: EntityReference,
  methods: readonly string[],
  schema: ConstraintIndex | undefined,
  rules: Readonly<Record<string, ConstraintRule>>,
  where: string,
): EntityError[] {
  const name = reference.entity.name;
  const table = schema?.tableOfEntity(name);
  if (!schema || !table) {
    throw new Error(
      `${where} declares the entity ${name}, which the database translator does not know: it learns the entities of ` +
        "the app's TypeORM DataSource at start-up (document the app after app.init()), or declare the codes instead.",
    );
  }
  const errors: EntityError[] = [];
  const constraints = schema.allConstraints();
  if (methods.some((method) => WRITES.has(method))) {
    for (const constraint of constraints.filter((item) => sameTable(item, table))) {
      const code = constraint.kind ? WRITE_CODES[constraint.kind] : undefined;
      if (code) errors.push(resolved(constraint, code, table, schema, rules));
    }
  }
  if (methods.includes('DELETE')) {
    for (const constraint of constraints) {
      if (constraint.kind !== 'foreign-key' || constraint.referencedTable !== table.table) continue;
      if (constraint.referencedSchema && table.schema && constraint.referencedSchema !== table.schema) continue;
      const rule = Object.hasOwn(rules, constraint.name) ? rules[constraint.name] : undefined;
      // The referring rows are another table's: no field of this request is about them.
      errors.push({ code: rule?.code ?? RECORD_STILL_REFERENCED, field: rule?.field ?? null, ...status(rule) });
    }
  }
  return errors;
}

function resolved(
  constraint: KnownConstraint,
  code: ErrorCode,
  table: KnownTable,
  schema: ConstraintIndex,
  rules: Readonly<Record<string, ConstraintRule>>,
): EntityError {
  const rule = Object.hasOwn(rules, constraint.name) ? rules[constraint.name] : undefined;
  const fields = constraint.columns.map((column) => schema.fieldOf(column, table.table, table.schema));
  const field = rule && rule.field !== undefined ? rule.field : fields.length === 1 ? fields[0] : null;
  const columns = fields.length > 0 ? fields : field ? [field] : [];
  const details = constraint.kind === 'foreign-key' ? undefined : { columns, ...rule?.details };
  return { code: rule?.code ?? code, field, ...status(rule), ...(details ? { details } : {}) };
}

function status(rule: ConstraintRule | undefined): { status?: number } {
  return rule?.status === undefined ? {} : { status: rule.status };
}

function sameTable(constraint: KnownConstraint, table: KnownTable): boolean {
  if (constraint.table !== table.table) return false;
  return !constraint.schema || !table.schema || constraint.schema === table.schema;
}
