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

/**
 * A client's key (a column or option name) in a message. One that is empty or starts or
 * ends with white space is quoted (`""`, `" "`), so the message stays a readable sentence.
 */
export function shownName(name: string): string {
  return name === '' || name.trim() !== name ? JSON.stringify(name) : name;
}

/** "There is no column <name> in this table.", on the request key that named it. */
export function unknownColumn(field: string, name: string): DomainError {
  return new DomainError(UNKNOWN_COLUMN, {
    field,
    details: { column: name },
    params: { column: shownName(name) },
  });
}
