/**
 * Splits SQL text on the commas that are not inside parentheses or quotes: the key list
 * of a `detail` (`lower(a), b`), a column list, a VALUES tuple. A doubled quote inside a
 * quoted part is an escaped quote, not its end.
 */
export function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote: string | undefined;
  let start = 0;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (quote) {
      if (char === quote) {
        if (text[index + 1] === quote) index++;
        else quote = undefined;
      }
      continue;
    }
    if (char === '"' || char === "'") quote = char;
    else if (char === '(') depth++;
    else if (char === ')') depth--;
    else if (char === ',' && depth === 0) {
      parts.push(text.slice(start, index));
      start = index + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

/** Index of the parenthesis closing the one at `open`, skipping quoted identifiers and strings. */
export function closingParenthesis(text: string, open: number): number {
  let depth = 0;
  let quote: string | undefined;
  for (let index = open; index < text.length; index++) {
    const char = text[index];
    if (quote) {
      if (char === quote) {
        if (text[index + 1] === quote)
          index++; // doubled quote inside a quoted name
        else quote = undefined;
      }
      continue;
    }
    if (char === '"' || char === "'") quote = char;
    else if (char === '(') depth++;
    else if (char === ')') {
      depth--;
      if (depth === 0) return index;
    }
  }
  return -1;
}

const SQL_WORDS = new Set([
  'and',
  'or',
  'not',
  'null',
  'true',
  'false',
  'is',
  'in',
  'collate',
  'desc',
  'asc',
  'case',
  'when',
  'then',
  'else',
  'end',
  'cast',
  'as',
]);

/**
 * The column names an expression mentions: quoted identifiers, and bare words that are
 * neither function names (followed by "("), type casts (after "::"), string literals,
 * nor SQL keywords. `lower((username)::text)` -> ["username"]. PostgreSQL quotes names in
 * double quotes, MySQL in backquotes.
 */
export function referencedIdentifiers(expression: string): string[] {
  const identifiers: string[] = [];
  const pattern = /"((?:[^"]|"")+)"|`((?:[^`]|``)+)`|'(?:[^']|'')*'|(::\s*)?([A-Za-z_][A-Za-z0-9_$]*)(\s*\()?/gu;
  for (const match of expression.matchAll(pattern)) {
    const [, quoted, backquoted, cast, bare, call] = match;
    if (quoted !== undefined) identifiers.push(quoted.replace(/""/gu, '"'));
    else if (backquoted !== undefined) identifiers.push(backquoted.replace(/``/gu, '`'));
    else if (bare !== undefined && !cast && !call && !SQL_WORDS.has(bare.toLowerCase())) identifiers.push(bare);
  }
  return identifiers;
}
