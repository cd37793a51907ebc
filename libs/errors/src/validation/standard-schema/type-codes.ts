import { ErrorCode } from '../../codes/error-code.js';
import {
  INVALID_VALUE,
  IS_ARRAY,
  IS_BOOLEAN,
  IS_DATE,
  IS_INT,
  IS_NUMBER,
  IS_OBJECT,
  IS_STRING,
} from '../../codes/validation.codes.js';

// The type a schema library expected -> the code class-validator's type rule answers
// with, so a string sent as a number is one code whichever library said it.
const TYPE_CODES: ReadonlyMap<string, ErrorCode> = new Map([
  ['string', IS_STRING],
  ['number', IS_NUMBER],
  ['bigint', IS_NUMBER],
  ['int', IS_INT],
  ['integer', IS_INT],
  ['boolean', IS_BOOLEAN],
  ['array', IS_ARRAY],
  ['tuple', IS_ARRAY],
  ['object', IS_OBJECT],
  ['record', IS_OBJECT],
  ['loose_object', IS_OBJECT],
  ['strict_object', IS_OBJECT],
  ['date', IS_DATE],
  ['Date', IS_DATE],
  ['Array', IS_ARRAY],
]);

/** The code for "not of the expected type"; INVALID_VALUE for types class-validator has no rule for. */
export function typeCode(expected: unknown): ErrorCode {
  return (typeof expected === 'string' ? TYPE_CODES.get(expected) : undefined) ?? INVALID_VALUE;
}
