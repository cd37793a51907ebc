import { StandardSchemaIssue } from './issue.js';

type Segment = NonNullable<StandardSchemaIssue['path']>[number];

/** A path segment's key: segments are keys, or objects with a `key` (valibot's, the spec's `PathSegment`). */
export function keyOf(segment: Segment): PropertyKey {
  return typeof segment === 'object' && segment !== null ? segment.key : segment;
}

/**
 * The contract's `field` for an issue: the path's keys joined with dots, zero-based list
 * indexes as numbers (`profile.links.1.url`), behind the parameter's own name when the
 * schema validates one parameter (`@Param('id', { schema })` -> `id`). `null` when the
 * issue is about the whole value.
 */
export function fieldOf(prefix: string | undefined, path: StandardSchemaIssue['path'], extra?: string): string | null {
  let field = prefix ?? '';
  if (path) {
    for (const segment of path) {
      const key = String(keyOf(segment));
      field = field === '' ? key : `${field}.${key}`;
    }
  }
  if (extra !== undefined) field = field === '' ? extra : `${field}.${extra}`;
  return field === '' ? null : field;
}

/**
 * True when the value the issue is about is absent from the validated input: its parent
 * is an object without that key. Walks the path once, so the cost is the path's length.
 */
export function isMissing(input: unknown, path: StandardSchemaIssue['path']): boolean {
  if (!path || path.length === 0) return input === undefined;
  let parent = input;
  for (let index = 0; index < path.length - 1; index++) {
    if (typeof parent !== 'object' || parent === null) return false;
    parent = (parent as Record<PropertyKey, unknown>)[keyOf(path[index])];
  }
  if (typeof parent !== 'object' || parent === null) return false;
  const key = keyOf(path[path.length - 1]);
  return !Object.hasOwn(parent, key) || (parent as Record<PropertyKey, unknown>)[key] === undefined;
}
