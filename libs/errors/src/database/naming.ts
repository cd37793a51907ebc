/**
 * Field and resource names in words, for messages: `email` -> "email",
 * `firstName` -> "first name", `profile.homePage` -> "profile home page",
 * `BlogPost` -> "blog post".
 */
export function inWords(name: string): string {
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
