import { defineErrorCode } from '../codes/error-code.js';
import { ConflictError, DomainError, DomainErrors, InvalidInputError, NotFoundError } from './domain-error.js';

const COLUMN_NAME_TAKEN = defineErrorCode('6101', 'COLUMN_NAME_TAKEN', 409, 'There is already a column named {name}.');

describe('domain exceptions', () => {
  it('carry code, status and the contract object, and are Errors', () => {
    const error = new NotFoundError('user');
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('NotFoundError');
    expect(error.toErrorWithStatus()).toEqual({
      status: 404,
      error: { message: 'The user was not found.', error_code: '4004', field: null, details: { resource: 'user' } },
    });
  });

  it('take an app code with its own template', () => {
    const error = new ConflictError('column', { code: COLUMN_NAME_TAKEN, field: 'name', params: { name: 'price' } });
    expect(error.toErrorWithStatus()).toEqual({
      status: 409,
      error: { message: 'There is already a column named price.', error_code: '6101', field: 'name', details: null },
    });
  });

  it('skip the stack trace of an expected error unless asked', () => {
    expect(new InvalidInputError('bad').stack).not.toMatch(/\n\s+at /);
    DomainError.captureStackTraces = true;
    try {
      expect(new InvalidInputError('bad').stack).toMatch(/\n\s+at /);
    } finally {
      DomainError.captureStackTraces = false;
    }
    expect(Error.stackTraceLimit).toBeGreaterThan(0);
  });

  it('keep the cause for the log', () => {
    const cause = new Error('driver said no');
    expect(new InvalidInputError('bad', { cause }).cause).toBe(cause);
  });
});

describe('DomainErrors.collect', () => {
  it('throws nothing when empty, the error itself when one, DomainErrors when several', () => {
    expect(() => DomainErrors.collect().throwIfAny()).not.toThrow();
    const single = new InvalidInputError('bad', { field: 'a' });
    expect(() => DomainErrors.collect().add(single).throwIfAny()).toThrow(single);
    const several = DomainErrors.collect().add(single).add(new NotFoundError('b'));
    try {
      several.throwIfAny();
      throw new Error('did not throw');
    } catch (thrown) {
      expect(thrown).toBeInstanceOf(DomainErrors);
      expect((thrown as DomainErrors).errors.map((error) => error.code.code)).toEqual(['4000', '4004']);
    }
  });

  it('flattens a nested DomainErrors', () => {
    const inner = new DomainErrors([new InvalidInputError('a'), new InvalidInputError('b')]);
    expect(DomainErrors.collect().add(inner).size).toBe(2);
  });
});
