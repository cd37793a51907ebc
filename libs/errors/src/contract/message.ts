/**
 * Contract messages are sentences: trimmed, ending with a period, no trailing spaces.
 * A message that ends with other punctuation (`?`, `!`, `:`) still gets a period so
 * clients can rely on the rule without exceptions.
 */
export function asSentence(text: string): string {
  const trimmed = text.trim();
  if (trimmed.length === 0) return 'The request could not be processed.';
  const first = trimmed[0];
  const upper = first.toUpperCase();
  const capitalised = upper === first ? trimmed : upper + trimmed.slice(1);
  return capitalised.endsWith('.') ? capitalised : `${capitalised}.`;
}

/**
 * Fills `{name}` placeholders from `values`. Arrays are joined with ", ". Unknown
 * placeholders are left as written so a missing value is visible in tests, never
 * silently blank.
 */
export function fillTemplate(template: string, values: Record<string, unknown>): string {
  return compileTemplate(template)((key) => (Object.hasOwn(values, key) ? values[key] : MISSING));
}

/** Returned by a lookup for a key it does not have. */
export const MISSING: unique symbol = Symbol('missing');

/**
 * The one way a message's `{name}` placeholders are looked up, in every locale: the
 * occurrence's params first, then its details, then `{field}` (own keys only).
 */
export function messageLookup(
  params: Readonly<Record<string, unknown>> | undefined,
  details: Readonly<Record<string, unknown>> | null,
  field: string | null,
): (key: string) => unknown {
  return (key) =>
    params && Object.hasOwn(params, key)
      ? params[key]
      : details && Object.hasOwn(details, key)
        ? details[key]
        : key === 'field'
          ? field
          : MISSING;
}

/**
 * Splits a template once into literal text and placeholder names, so filling it per
 * error is a few concatenations (error paths are hot paths). Values are inserted once
 * and never re-read as a template.
 */
export function compileTemplate(template: string): (lookup: (key: string) => unknown) => string {
  let compiled = COMPILED.get(template);
  if (!compiled) {
    compiled = compile(template);
    // Templates are app-authored and few; the bound keeps an unexpected caller from
    // growing the cache without limit.
    if (COMPILED.size < 1000) COMPILED.set(template, compiled);
  }
  return compiled;
}

const COMPILED = new Map<string, (lookup: (key: string) => unknown) => string>();

function compile(template: string): (lookup: (key: string) => unknown) => string {
  const literals: string[] = [];
  const keys: string[] = [];
  let last = 0;
  for (const match of template.matchAll(/\{([a-zA-Z0-9_]+)\}/gu)) {
    literals.push(template.slice(last, match.index));
    keys.push(match[1]);
    last = match.index + match[0].length;
  }
  literals.push(template.slice(last));
  if (keys.length === 0) return () => template;
  return (lookup) => {
    let text = literals[0];
    for (let index = 0; index < keys.length; index++) {
      const value = lookup(keys[index]);
      text +=
        value === MISSING ? `{${keys[index]}}` : Array.isArray(value) ? value.map(String).join(', ') : String(value);
      text += literals[index + 1];
    }
    return text;
  };
}
