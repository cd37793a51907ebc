import { buildDatabaseTranslator } from './database.translator.js';

const translateDatabaseError = buildDatabaseTranslator();

/** Hand-made errors: extra unit tests; the real statements are in test/database. */
function queryFailed(driverError: Record<string, unknown>, query = 'SELECT 1', parameters: unknown[] = []) {
  return Object.assign(new Error(String(driverError.message ?? 'x')), {
    name: 'QueryFailedError',
    query,
    parameters,
    driverError,
  });
}

describe('database translator on hand-made errors', () => {
  const context = { requestId: 'r-1' };

  it('does not claim other errors', () => {
    expect(translateDatabaseError(new Error('boom'), context)).toBeUndefined();
    expect(translateDatabaseError({ code: 'ECONNREFUSED', port: 6379, syscall: 'connect' }, context)).toBeUndefined();
    expect(translateDatabaseError(null, context)).toBeUndefined();
  });

  it("never shows an enum's (the app schema's) type name, only PostgreSQL's own types", () => {
    const enumError = queryFailed({
      code: '22P02',
      message: 'invalid input value for enum internal_billing_state: "s"',
    });
    const translated = translateDatabaseError(enumError, context)!.errors[0].error;
    expect(JSON.stringify(translated)).not.toContain('internal_billing_state');
    expect(translated.details).toEqual({ type: null });
    const uuidError = queryFailed({ code: '22P02', message: 'invalid input syntax for type uuid: "abc"' });
    expect(translateDatabaseError(uuidError, context)!.errors[0].error.details).toEqual({ type: 'uuid' });
  });

  it('recognises QueryFailedError by shape, from any copy of typeorm', () => {
    const error = queryFailed({
      code: '23505',
      constraint: 'users_email_key',
      table: 'users',
      detail: 'Key (email)=(a@b.c) already exists.',
    });
    expect(translateDatabaseError(error, context)?.errors).toEqual([
      {
        status: 409,
        error: {
          message: 'This email is already in use.',
          error_code: '3001',
          field: 'email',
          details: { columns: ['email'] },
        },
      },
    ]);
  });

  it('claims a raw socket error on the database port as unavailable', () => {
    const translation = translateDatabaseError(
      Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED', port: 5432 }),
      context,
    );
    expect(translation?.errors[0]).toMatchObject({ status: 503, error: { error_code: '3031' } });
    expect(translation?.headers).toEqual({ 'Retry-After': '1' });
  });

  it('uses the configured Retry-After', () => {
    const translate = buildDatabaseTranslator({ retryAfterSeconds: 7 });
    const translation = translate(queryFailed({ code: '53300' }), context);
    expect(translation?.headers).toEqual({ 'Retry-After': '7' });
    expect(translation?.errors[0].error.details).toEqual({
      request_id: 'r-1',
      retry_after_seconds: 7,
      retryable: true,
    });
  });

  it('tells a missing parent from a still-referenced row by the statement when there is no detail', () => {
    const insert = queryFailed(
      { code: '23503', table: 'posts', constraint: 'fk' },
      'INSERT INTO "posts"("author_id") VALUES ($1)',
      [9],
    );
    const remove = queryFailed(
      { code: '23503', table: 'posts', constraint: 'fk' },
      'DELETE FROM "users" WHERE "id" = $1',
      [9],
    );
    expect(translateDatabaseError(insert, context)?.errors[0].status).toBe(400);
    expect(translateDatabaseError(remove, context)?.errors[0]).toMatchObject({
      status: 409,
      error: { error_code: '3004', field: null },
    });
  });

  it('classifies unknown SQLSTATEs as a logged 500', () => {
    const driverError = { code: 'XX000', message: 'internal' };
    const translation = translateDatabaseError(queryFailed(driverError), context);
    expect(translation?.errors).toEqual([
      {
        status: 500,
        error: {
          message: 'Something went wrong on our side. Quote the request id if you report it.',
          error_code: '5000',
          field: null,
          details: { request_id: 'r-1' },
        },
      },
    ]);
    expect(translation?.logged).toBe(driverError);
  });
});
