/**
 * Expected errors (a 4xx) need no stack trace, and capturing one is the most expensive
 * part of building an Error. The constructor calls `withoutStackTrace()` before `super()`
 * and `restoreStackTraces()` right after (a constructor cannot hand `super()` to a callback).
 */
export function withoutStackTrace(skip = true): number {
  const limit = Error.stackTraceLimit;
  if (skip) Error.stackTraceLimit = 0;
  return limit;
}

/** Puts back the limit `withoutStackTrace()` returned. */
export function restoreStackTraces(limit: number): void {
  Error.stackTraceLimit = limit;
}
