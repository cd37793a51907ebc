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
 * What a value holds besides problems: `plain-data` when it is JSON-shaped data that Nest's
 * ValidationPipe would not change (every object plain, with a prototype of
 * `Object.prototype` or null and no own `__proto__`, `constructor` or `prototype` key;
 * every array dense; no binary value), `other-data` otherwise (a Date, a Buffer, a class
 * instance, a sparse array, a query object with its own prototype...).
 */
export type InputData = 'plain-data' | 'other-data';

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
  const found = checkInput(value, limits);
  return typeof found === 'string' ? undefined : found;
}

/**
 * scanInput, also telling a value without a problem that is plain data from one that is
 * not (InputData), in the same walk: the validation pipe then spares plain data the
 * walks Nest's ValidationPipe makes to clean a value (closing array gaps, deleting
 * prototype keys), which would change nothing in it.
 */
export function checkInput(value: unknown, limits: InputLimits): InputProblem | InputData {
  // Nearly every value is fine: it is walked once without naming any field, and only a
  // value with a problem is walked again to find the first one and its path.
  const found = walkInput(value, limits);
  return found === PROBLEM ? firstInputProblem(value, limits)! : found;
}

const PROBLEM = 'problem';

/** Whether `firstInputProblem` finds anything (the same walk, with no paths and no order), and what the value holds if not. */
function walkInput(value: unknown, limits: InputLimits): InputData | typeof PROBLEM {
  let plain = true;
  let arraysInherit: boolean | undefined;
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const current = pending.pop();
    if (typeof current === 'string') {
      if (!(current as MaybeWellFormed).isWellFormed()) return PROBLEM;
    } else if (Array.isArray(current)) {
      if (current.length > limits.maxArrayLength) return PROBLEM;
      // A gap would read an index some prototype holds: then nothing is called plain.
      if (plain && arraysInherit === undefined) arraysInherit = inheritedIndexes();
      if (arraysInherit) plain = false;
      for (let index = 0; index < current.length; index++) {
        const item: unknown = current[index];
        // JSON has no undefined: an undefined item may be a gap, which Nest closes.
        if (item === undefined && plain && !Object.hasOwn(current, index)) plain = false;
        pending.push(item);
      }
    } else if (typeof current === 'object' && current !== null) {
      if (ArrayBuffer.isView(current)) {
        plain = false;
        continue;
      }
      if (plain && !isPlainObject(current)) plain = false;
      const keys = Object.keys(current);
      if (keys.length > limits.maxProperties) return PROBLEM;
      for (let index = 0; index < keys.length; index++) {
        const name = keys[index];
        if (!(name as MaybeWellFormed).isWellFormed()) return PROBLEM;
        pending.push((current as Record<string, unknown>)[name]);
      }
    }
  }
  return plain ? 'plain-data' : 'other-data';
}

/** Whether arrays inherit an enumerable property (a polluted Array or Object prototype). */
function inheritedIndexes(): boolean {
  for (const _ in NO_ITEMS) return true;
  return false;
}
const NO_ITEMS: readonly unknown[] = Object.freeze([]);

/** An object Nest's clean-up walks would leave as it is: see InputData. */
function isPlainObject(object: object): boolean {
  const prototype: unknown = Object.getPrototypeOf(object);
  return (
    (prototype === Object.prototype || prototype === null) &&
    !Object.hasOwn(object, '__proto__') &&
    !Object.hasOwn(object, 'constructor') &&
    !Object.hasOwn(object, 'prototype')
  );
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
