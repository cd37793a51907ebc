/**
 * Contract messages are sentences: trimmed, ending with a period, no trailing spaces.
 * A message that ends with other punctuation (`?`, `!`, `:`) still gets a period so
 * clients can rely on the rule without exceptions.
 */
export function asSentence(text: string): string {
  const trimmed = text.replace(/\s+$/u, '').replace(/^\s+/u, '');
  if (trimmed.length === 0) return 'The request could not be processed.';
  const capitalised = trimmed[0].toUpperCase() + trimmed.slice(1);
  return capitalised.endsWith('.') ? capitalised : `${capitalised}.`;
}

/**
 * Fills `{name}` placeholders from `values`. Arrays are joined with ", ". Unknown
 * placeholders are left as written so a missing value is visible in tests, never
 * silently blank.
 */
export function fillTemplate(template: string, values: Record<string, unknown>): string {
  return template.replace(/\{([a-zA-Z0-9_]+)\}/gu, (placeholder, key: string) => {
    // Own keys only: `{constructor}` or `{toString}` must not reach Object.prototype.
    if (!Object.hasOwn(values, key)) return placeholder;
    const value = values[key];
    if (Array.isArray(value)) return value.map(String).join(', ');
    return String(value);
  });
}
