const IN_WORDS = new Map<string, string>();

/**
 * Field and resource names in words, for messages: `email` -> "email",
 * `firstName` -> "first name", `profile.homePage` -> "profile home page",
 * `BlogPost` -> "blog post".
 */
export function inWords(name: string): string {
  let words = IN_WORDS.get(name);
  if (words === undefined) {
    words = toWords(name);
    // The names are the schema's (columns, entities, registry fields), so few: remembered
    // they cost a lookup per error instead of four regular expressions. The bound keeps
    // an unexpected caller from growing the map without limit.
    if (IN_WORDS.size < 1000) IN_WORDS.set(name, words);
  }
  return words;
}

function toWords(name: string): string {
  return name
    .replace(/\.\d+(?=\.|$)/gu, '') // list indexes say nothing in words
    .replace(/([a-z0-9])([A-Z])/gu, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/gu, '$1 $2')
    .replace(/[._\-\s]+/gu, ' ')
    .trim()
    .toLowerCase();
}

/** "a", "a and b", "a, b and c". */
export function listInWords(names: readonly string[]): string {
  const words = names.map(inWords);
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/** A machine name for a resource in `details`: `BlogPost` -> "blog_post". */
export function resourceKey(entityName: string): string {
  return inWords(entityName).replace(/ /gu, '_');
}

/**
 * `{subject}` in messages: the field in words ("first name"), "combination of a and b"
 * for a key of several columns, or the situation's noun ("value", "record") when the
 * field is unknown, so that every message stays a sentence.
 */
export function subjectOf(field: string | null, columns: readonly string[], fallback: string): string {
  if (field) return inWords(field);
  if (columns.length > 1) return `combination of ${listInWords(columns)}`;
  return fallback;
}
