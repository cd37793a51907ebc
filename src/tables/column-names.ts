import { DomainError } from 'nest-error-contract';
import { UNKNOWN_COLUMN } from '../errors/app-error-codes';

/**
 * Names every JavaScript object already has (`__proto__`, `constructor`, `toString`,
 * `valueOf`, `hasOwnProperty`...). They are refused as column names: a record's values
 * are a JSON object keyed by column name, and in a plain object such a key collides with
 * the inherited member (`values['__proto__'] = x` sets the prototype instead; body
 * parsers, Nest's ValidationPipe and class-transformer drop or refuse such keys), so
 * clients could not reliably send or read that column.
 */
export const OBJECT_PROTOTYPE_MEMBERS: readonly string[] = Object.freeze(
  Object.getOwnPropertyNames(Object.prototype).sort(),
);

/** A column name in a message; an empty one is shown as "". */
function shownColumnName(name: string): string {
  return name === '' ? '""' : name;
}

/** "There is no column <name> in this table.", on the request key that named it. */
export function unknownColumn(field: string, name: string): DomainError {
  return new DomainError(UNKNOWN_COLUMN, {
    field,
    details: { column: name },
    params: { column: shownColumnName(name) },
  });
}
