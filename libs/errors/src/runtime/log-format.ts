/**
 * Text for the server log (never for a client): the error's stack, or for thrown
 * non-errors a safe rendering of the value, followed by its cause chain. Logged once
 * per 5xx so the real failure is never lost behind the generic body.
 */
export function describeForLog(value: unknown, depth = 0): string {
  if (depth > 5) return '(cause chain truncated)';
  if (value instanceof Error) {
    const text = (value.stack ?? `${value.name}: ${value.message}`) + driverFields(value);
    const cause = (value as { cause?: unknown }).cause;
    return cause === undefined ? text : `${text}\nCaused by: ${describeForLog(cause, depth + 1)}`;
  }
  if (value === undefined) return 'undefined was thrown';
  if (value === null) return 'null was thrown';
  if (typeof value === 'object') {
    try {
      return `a non-Error object was thrown: ${JSON.stringify(value)}`;
    } catch {
      return `a non-Error object was thrown: ${Object.prototype.toString.call(value)}`;
    }
  }
  return `a ${typeof value} was thrown: ${String(value)}`;
}

/** What PostgreSQL says beside its message (SQLSTATE, detail, constraint...): for the log only. */
const DRIVER_FIELDS = ['code', 'detail', 'hint', 'schema', 'table', 'column', 'constraint', 'routine'] as const;

function driverFields(error: Error): string {
  const record = error as unknown as Record<string, unknown>;
  const present = DRIVER_FIELDS.filter((key) => typeof record[key] === 'string' && record[key] !== '');
  return present.length === 0 ? '' : `\n  ${present.map((key) => `${key}=${JSON.stringify(record[key])}`).join(' ')}`;
}
