import type { ApiError } from '../contract/api-error.js';
import { serializeErrors } from '../contract/serialize.js';

/** The Content-Type of the contract array. */
export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/**
 * One error answer, finished: the status, every header the contract asks for, in the
 * order they are written, and the serialized body. Transports only put it on the wire.
 */
export interface ErrorAnswer {
  readonly status: number;
  /** Extra headers (Retry-After), the request id, Content-Language, Vary, Content-Type. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** The body's text: the rendered array (already exactly the four keys) or a Problem Details object. */
export function serializeBody(body: readonly ApiError[] | object): string {
  return Array.isArray(body) ? serializeErrors(body as readonly ApiError[]) : JSON.stringify(body);
}

/** A Vary value with `extra` added to what is already there (CORS may have set `Origin`). */
export function mergeVary(existing: unknown, extra: string): string {
  if (typeof existing !== 'string' || existing.trim() === '') return extra;
  if (existing.trim() === '*') return existing;
  const present = new Set(existing.split(',').map((name) => name.trim().toLowerCase()));
  const missing = extra.split(', ').filter((name) => !present.has(name.toLowerCase()));
  return missing.length === 0 ? existing : `${existing}, ${missing.join(', ')}`;
}
