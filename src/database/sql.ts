/**
 * SQL identifiers built from user input (table and column names) are always quoted, with
 * embedded double quotes doubled, even though the DTOs already restrict names to
 * letters, digits and underscores: the quoting is what makes them safe, the DTO rule is
 * what makes them pleasant.
 */
export function quoteIdentifier(name: string): string {
  if (name.includes('\u0000')) throw new Error('An SQL identifier cannot contain a NUL character.');
  return `"${name.replace(/"/gu, '""')}"`;
}

/** `"schema"."name"` */
export function qualified(schema: string, name: string): string {
  return `${quoteIdentifier(schema)}.${quoteIdentifier(name)}`;
}

/**
 * The SQLSTATE of a failed query (TypeORM's QueryFailedError wraps the driver's error in
 * `driverError`). The library does not export its own reader of this shape.
 */
export function sqlStateOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const driverError = (error as { driverError?: { code?: unknown } }).driverError;
  const code = driverError?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/u.test(code) ? code : undefined;
}

/** The driver error's `detail` (only parsed, never sent to the client). */
export function detailOf(error: unknown): string | undefined {
  const detail = (error as { driverError?: { detail?: unknown } } | null)?.driverError?.detail;
  return typeof detail === 'string' ? detail : undefined;
}
