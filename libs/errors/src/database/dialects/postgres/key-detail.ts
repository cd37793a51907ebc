import { closingParenthesis, referencedIdentifiers, splitTopLevel } from '../../sql-text.js';
/**
 * The fallback reader for PostgreSQL's `detail` text, used only when neither the
 * constraint registry, the catalog nor TypeORM's metadata knows the constraint:
 *
 *     Key (email)=(a@b.c) already exists.
 *     Key (lower(username))=(michaeljordan) already exists.
 *     Key (owner_id, "Display Name")=(7, Tom, Jerry) already exists.
 *     Key (author_id)=(42) is not present in table "users".
 *
 * Key expressions are split on top-level commas, respecting parentheses and quoted
 * identifiers. Values are printed unquoted by PostgreSQL, so a value containing ", "
 * makes the split ambiguous: values are returned only when the count matches the key
 * columns exactly (or when the caller knows the count from the index definition).
 */
export interface KeyDetail {
  /** The key expressions as printed: `email`, `lower(username)`, `"Display Name"`. */
  expressions: string[];
  /** The column names each expression references (unquoted), in order, without duplicates. */
  columns: string[];
  /** The key values as text, when they could be split unambiguously. */
  values: string[] | undefined;
}

const KEY_PREFIX = 'Key (';

export function parseKeyDetail(detail: string | undefined, expectedValueCount?: number): KeyDetail | undefined {
  if (!detail || !detail.startsWith(KEY_PREFIX)) return undefined;
  const keyEnd = closingParenthesis(detail, KEY_PREFIX.length - 1);
  if (keyEnd < 0 || detail.slice(keyEnd, keyEnd + 3) !== ')=(') return undefined;
  const expressions = splitTopLevel(detail.slice(KEY_PREFIX.length, keyEnd)).map((part) => part.trim());
  const columns = unique(expressions.flatMap(referencedIdentifiers));
  const values = readValues(detail.slice(keyEnd + 3), expectedValueCount ?? expressions.length);
  return { expressions, columns, values };
}

/** Reads `(v1, v2) already exists.` / `(v) is not present in table "t".` */
const VALUE_ENDINGS = [
  ') already exists.',
  ') is not present in table ',
  ') is still referenced from table ',
  ') conflicts with existing key ',
];

function readValues(rest: string, count: number): string[] | undefined {
  // The English endings are the reliable delimiters; a localised server falls back to the last ") ".
  const endings = VALUE_ENDINGS.map((ending) => rest.lastIndexOf(ending)).filter((index) => index >= 0);
  const end = endings.length > 0 ? Math.min(...endings) : rest.lastIndexOf(') ');
  if (end < 0) return undefined;
  const text = rest.slice(0, end);
  if (count === 1) return [text];
  const values = text.split(', ');
  return values.length === count ? values : undefined;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
