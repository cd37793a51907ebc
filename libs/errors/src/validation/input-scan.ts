/** A UTF-16 surrogate not part of a pair: JSON can carry one (`"\ud800"`), Unicode text cannot. */
const LONE_SURROGATE = /\p{Surrogate}/u;

/**
 * `String.prototype.isWellFormed` (Node 20): false exactly when the text holds a lone
 * surrogate, about three times faster than the regular expression. Not in the ES2023 lib.
 */
type MaybeWellFormed = string & { isWellFormed(): boolean };

/** What a request's value holds that the validation pipe answers before any rule runs. */
export type InputProblem =
  | { readonly kind: 'lone-surrogate'; readonly field: string | null }
  | { readonly kind: 'array-too-long'; readonly field: string | null; readonly length: number }
  | { readonly kind: 'too-many-properties'; readonly field: string | null; readonly count: number };

export interface InputLimits {
  /** An array longer than this is a problem; its items are then not looked at. */
  readonly maxArrayLength: number;
  /** An object with more keys than this is a problem; its values are then not looked at. */
  readonly maxProperties: number;
}

/**
 * The first problem in a client's value, depth first in document order: a string (value
 * or key) holding a lone surrogate, an array longer than the limit, or an object with
 * more keys than the limit. `field` is the
 * path as the flattener names fields (`profile.links.1.url`), null for the value itself.
 *
 * Each value visited at most twice (an over-long array not even that: its length is
 * read before its items), with its own stack, so neither the size nor the nesting of the
 * value can make it cost more than its length or overflow the stack.
 */
export function scanInput(value: unknown, limits: InputLimits): InputProblem | undefined {
  // Nearly every value is fine: it is walked once without naming any field, and only a
  // value with a problem is walked again to find the first one and its path.
  return hasInputProblem(value, limits) ? firstInputProblem(value, limits) : undefined;
}

/** Whether `firstInputProblem` finds anything: the same walk, with no paths and no order. */
function hasInputProblem(value: unknown, limits: InputLimits): boolean {
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const current = pending.pop();
    if (typeof current === 'string') {
      if (!(current as MaybeWellFormed).isWellFormed()) return true;
    } else if (Array.isArray(current)) {
      if (current.length > limits.maxArrayLength) return true;
      for (let index = 0; index < current.length; index++) pending.push(current[index]);
    } else if (typeof current === 'object' && current !== null && !ArrayBuffer.isView(current)) {
      const keys = Object.keys(current);
      if (keys.length > limits.maxProperties) return true;
      for (let index = 0; index < keys.length; index++) {
        const name = keys[index];
        if (!(name as MaybeWellFormed).isWellFormed()) return true;
        pending.push((current as Record<string, unknown>)[name]);
      }
    }
  }
  return false;
}

function firstInputProblem(value: unknown, limits: InputLimits): InputProblem | undefined {
  // [value, its path, the key it is under when that key is still to be checked]
  const pending: Array<[unknown, string | null, string | undefined]> = [[value, null, undefined]];
  while (pending.length > 0) {
    const [current, path, key] = pending.pop()!;
    if (key !== undefined && LONE_SURROGATE.test(key)) return { kind: 'lone-surrogate', field: path };
    if (typeof current === 'string') {
      if (LONE_SURROGATE.test(current)) return { kind: 'lone-surrogate', field: path };
    } else if (Array.isArray(current)) {
      if (current.length > limits.maxArrayLength)
        return { kind: 'array-too-long', field: path, length: current.length };
      for (let index = current.length - 1; index >= 0; index--) {
        pending.push([current[index], join(path, String(index)), undefined]);
      }
    } else if (typeof current === 'object' && current !== null && !ArrayBuffer.isView(current)) {
      const keys = Object.keys(current);
      if (keys.length > limits.maxProperties) return { kind: 'too-many-properties', field: path, count: keys.length };
      for (let index = keys.length - 1; index >= 0; index--) {
        const name = keys[index];
        pending.push([(current as Record<string, unknown>)[name], join(path, name), name]);
      }
    }
  }
  return undefined;
}

function join(path: string | null, key: string): string {
  return path === null ? key : `${path}.${key}`;
}
