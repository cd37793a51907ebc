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
