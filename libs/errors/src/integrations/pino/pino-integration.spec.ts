import { Logger } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { AnsweredError } from '../answered-error.js';
import { structuredLoggerOf } from './pino-logger.js';
import { serverErrorMessage, serverErrorRecord } from './server-error-record.js';

const answer = (error: unknown, codes = ['5000']): AnsweredError => ({
  status: 500,
  codes,
  requestId: 'req-9',
  method: 'GET',
  path: '/boom',
  error,
});

describe('serverErrorRecord', () => {
  it('keeps the class, message, stack, cause and safe driver fields; drops parameters, query and detail', () => {
    const driverError = Object.assign(new Error('duplicate key'), {
      code: '23505',
      constraint: 'users_email_key',
      detail: 'Key (email)=(secret@example.com) already exists.',
    });
    const failed = new QueryFailedError('INSERT INTO users VALUES ($1)', ['secret@example.com'], driverError);
    const wrapped = new Error('saving the user failed', { cause: failed });
    const record = serverErrorRecord(answer(wrapped));
    expect(Object.keys(record)).toEqual(['request_id', 'error_code', 'status', 'err']);
    const err = record.err as Error & { cause: Record<string, unknown> };
    expect(err).toBeInstanceOf(Error);
    expect(err.message).toBe('saving the user failed');
    expect(err.stack).toBe(wrapped.stack);
    expect(err.cause).toBeInstanceOf(QueryFailedError);
    expect({ ...err.cause }).toEqual({ code: '23505', constraint: 'users_email_key' });
    expect(JSON.stringify(record)).not.toContain('secret@example.com');
  });

  it('lists every code of an answer with several, and describes a thrown non-error without its value', () => {
    const record = serverErrorRecord(answer({ token: 'secret' }, ['5000', '3030']));
    expect(record.error_codes).toEqual(['5000', '3030']);
    expect(record.err).toEqual({ type: 'object', message: 'a object was thrown' });
    expect(serverErrorMessage(answer(undefined, ['5000', '3030']))).toBe('500 [5000,3030] GET /boom');
  });
});

describe('structuredLoggerOf', () => {
  const pinoLike = { assign: () => undefined, logger: { child: () => undefined } };

  it('finds nestjs-pino behind Nest’s Logger, or given directly, by its shape', () => {
    const nestjsPinoLogger = { logger: pinoLike, error: () => undefined, log: () => undefined, warn: () => undefined };
    expect(structuredLoggerOf(nestjsPinoLogger)).toBe(nestjsPinoLogger);
    const pinoLogger = { ...pinoLike, error: () => undefined, log: () => undefined, warn: () => undefined };
    expect(structuredLoggerOf(pinoLogger)).toBe(pinoLogger);
    const nest = new Logger('ErrorContract');
    expect(structuredLoggerOf(nest)).toBeUndefined();
    Logger.overrideLogger(nestjsPinoLogger);
    expect(structuredLoggerOf(nest)).toBe(nest);
  });
});
