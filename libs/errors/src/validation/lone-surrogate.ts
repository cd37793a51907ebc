/** A UTF-16 surrogate not part of a pair: JSON can carry one (`"\ud800"`), Unicode text cannot. */
const LONE_SURROGATE = /\p{Surrogate}/u;

/**
 * The field (`profile.links.1.url`, as the flattener names fields) of the first string in
 * `value` that holds a lone surrogate, in a key or a value; null for the value itself,
 * undefined when there is none. Walks with its own stack, so any nesting is fine.
 */
export function fieldWithLoneSurrogate(value: unknown): string | null | undefined {
  const pending: Array<[unknown, string | null]> = [[value, null]];
  while (pending.length > 0) {
    const [current, path] = pending.pop()!;
    if (typeof current === 'string') {
      if (LONE_SURROGATE.test(current)) return path;
    } else if (typeof current === 'object' && current !== null) {
      const entries = Object.entries(current as Record<string, unknown>);
      for (let index = entries.length - 1; index >= 0; index--) {
        const [key, inner] = entries[index];
        const innerPath = path === null ? key : `${path}.${key}`;
        if (LONE_SURROGATE.test(key)) return innerPath;
        pending.push([inner, innerPath]);
      }
    }
  }
  return undefined;
}
