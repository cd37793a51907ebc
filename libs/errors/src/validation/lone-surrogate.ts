import { scanInput } from './input-scan.js';

/**
 * The field (`profile.links.1.url`, as the flattener names fields) of the first string in
 * `value` that holds a lone surrogate, in a key or a value; null for the value itself,
 * undefined when there is none. Walks with its own stack, so any nesting is fine.
 */
export function fieldWithLoneSurrogate(value: unknown): string | null | undefined {
  const problem = scanInput(value, { maxArrayLength: Infinity, maxProperties: Infinity });
  return problem?.kind === 'lone-surrogate' ? problem.field : undefined;
}
