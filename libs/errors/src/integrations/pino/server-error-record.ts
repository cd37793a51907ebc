import type { AnsweredError } from '../answered-error.js';

/** How deep a cause chain is followed (a cycle or a very long chain stops here). */
const MAX_CAUSES = 5;

/**
 * What a driver error says beside its message that helps an operator and cannot carry a
 * client's data. Left out on purpose: `detail` (PostgreSQL puts the key's values in it),
 * `parameters` and `query` (TypeORM's QueryFailedError), `driverError` (the same again).
 */
const SAFE_FIELDS = ['code', 'errno', 'sqlState', 'severity', 'schema', 'table', 'column', 'constraint', 'routine'];

/**
 * The one structured record of an answered 5xx, for pino: `request_id`, `error_code`
 * (the first code; `error_codes` when there are several), `status`, and `err` as pino
 * serializes errors (type, message and stack with the cause chain appended). No request
 * body and no headers: pino-http's request binding says which request it was.
 */
export function serverErrorRecord(answer: AnsweredError): Record<string, unknown> {
  const record: Record<string, unknown> = {
    request_id: answer.requestId,
    error_code: answer.codes[0],
    status: answer.status,
  };
  if (answer.codes.length > 1) record.error_codes = [...answer.codes];
  record.err = loggableError(answer.error, 0);
  return record;
}

/** The record's message: what happened, in one line (the stack is in `err`). */
export function serverErrorMessage(answer: AnsweredError): string {
  const request = answer.method === undefined ? '' : ` ${answer.method} ${answer.path ?? ''}`;
  return `${answer.status} [${answer.codes.join(',')}]${request}`;
}

/**
 * A copy of the error that keeps its class (pino logs it as `type`), message, stack,
 * cause and the safe driver fields, and nothing else: pino's error serializer would
 * otherwise log every enumerable property, such as a failed query's parameters.
 */
function loggableError(value: unknown, depth: number): unknown {
  if (!(value instanceof Error)) return { type: typeof value, message: describeValue(value) };
  const copy = Object.create(Object.getPrototypeOf(value) as object) as Error;
  Object.defineProperty(copy, 'message', { value: value.message, enumerable: false, writable: true });
  Object.defineProperty(copy, 'stack', { value: value.stack, enumerable: false, writable: true });
  const source = value as unknown as Record<string, unknown>;
  for (const key of SAFE_FIELDS) {
    const field = source[key];
    if (typeof field === 'string' || typeof field === 'number')
      (copy as unknown as Record<string, unknown>)[key] = field;
  }
  const cause = (value as { cause?: unknown }).cause;
  if (cause !== undefined && depth < MAX_CAUSES) {
    Object.defineProperty(copy, 'cause', { value: loggableError(cause, depth + 1), enumerable: false });
  }
  return copy;
}

function describeValue(value: unknown): string {
  if (value === null || value === undefined) return `${String(value)} was thrown`;
  return `a ${typeof value} was thrown`;
}
