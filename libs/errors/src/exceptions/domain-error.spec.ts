import { defineErrorCode } from '../codes/error-code.js';
import {
  ConflictError,
  DomainError,
  DomainErrors,
  InvalidInputError,
  NotFoundError,
  DEFAULT_MAX_DOMAIN_ERRORS,
  contractErrorOf,
  setDomainStackTraces,
  setMaxDomainErrors,
} from './domain-error.js';
import { translateDomainError } from '../translators/domain.translator.js';

function failure(run: () => void): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('did not throw');
}

const COLUMN_NAME_TAKEN = defineErrorCode('6101', 'COLUMN_NAME_TAKEN', 409, 'There is already a column named {name}.');

describe('domain exceptions', () => {
  it('carry code, status and the contract object, and are Errors', () => {
    const error = new NotFoundError('user');
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('NotFoundError');
    expect(contractErrorOf(error)).toEqual({
      status: 404,
      error: { message: 'The user was not found.', error_code: '4004', field: null, details: { resource: 'user' } },
    });
  });

  it('take an app code with its own template', () => {
    const error = new ConflictError('column', { code: COLUMN_NAME_TAKEN, field: 'name', params: { name: 'price' } });
    expect(contractErrorOf(error)).toEqual({
      status: 409,
      error: { message: 'There is already a column named price.', error_code: '6101', field: 'name', details: null },
    });
  });

  it('skip the stack trace of an expected error unless asked', () => {
    expect(new InvalidInputError('bad').stack).not.toMatch(/\n\s+at /);
    setDomainStackTraces(true);
    try {
      expect(new InvalidInputError('bad').stack).toMatch(/\n\s+at /);
    } finally {
      setDomainStackTraces(false);
    }
    expect(Error.stackTraceLimit).toBeGreaterThan(0);
  });

  it('are named after their class, which a subclass may rename, and never list the name as an own key', () => {
    class QuotaExceeded extends DomainError {
      constructor() {
        super(COLUMN_NAME_TAKEN, { params: { name: 'x' } });
      }
    }
    class Renamed extends DomainError {
      constructor() {
        super(COLUMN_NAME_TAKEN, { params: { name: 'x' } });
        this.name = 'ColumnTaken';
      }
    }
    expect(new QuotaExceeded().name).toBe('QuotaExceeded');
    expect(String(new QuotaExceeded())).toBe('QuotaExceeded: There is already a column named x.');
    expect(new Renamed().name).toBe('ColumnTaken');
    expect(new NotFoundError('user').stack).toMatch(/^NotFoundError: The user was not found\./u);
    expect(Object.keys(new ConflictError('user'))).not.toContain('name');
    expect(new DomainErrors([new NotFoundError('a')]).name).toBe('DomainErrors');
  });

  it('take every option of a resource error, beside the resource', () => {
    const cause = new Error('inner');
    const error = new NotFoundError('user', {
      field: 'id',
      params: { id: 7 },
      template: 'No {resource} has the id {id}.',
      status: 410,
      cause,
    });
    expect(contractErrorOf(error)).toEqual({
      status: 410,
      error: { message: 'No user has the id 7.', error_code: '4004', field: 'id', details: { resource: 'user' } },
    });
    expect(error.cause).toBe(cause);
    expect(contractErrorOf(new InvalidInputError('Too many.', { field: 'items', details: { max: 3 } })).error).toEqual({
      message: 'Too many.',
      error_code: '4000',
      field: 'items',
      details: { max: 3 },
    });
  });

  it('render their message once, when it is first read', () => {
    let reads = 0;
    const counted = defineErrorCode('6102', 'COUNTED', 409, 'Taken: {name}');
    const error = new DomainError(counted, {
      params: {
        get name() {
          reads++;
          return 'price';
        },
      },
    });
    expect(reads).toBe(0);
    expect(error.message).toBe('Taken: price.');
    expect(contractErrorOf(error).error.message).toBe('Taken: price.');
    expect(reads).toBe(1);
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

  it('keeps at most DomainErrors.maxErrors - 1 errors and counts the rest, building no more', () => {
    const problems = DomainErrors.collect();
    let built = 0;
    for (let index = 0; index < 13_000 && !problems.full; index++) {
      built++;
      problems.add(new InvalidInputError(`Option ${index} is unknown.`, { field: `type_options.k${index}` }));
    }
    // A loop that stops when the collector is full builds maxErrors + 1 errors, whatever the input.
    expect(built).toBe(DomainErrors.maxErrors + 1);
    for (let index = 0; index < 49; index++) problems.add(new InvalidInputError('More.'));
    expect(problems.size).toBe(150);
    const thrown = failure(() => problems.throwIfAny()) as DomainErrors;
    expect(thrown.errors).toHaveLength(99);
    expect(thrown.omitted).toBe(51);
    const translated = translateDomainError(thrown, {} as Parameters<typeof translateDomainError>[1])!.errors.map(
      (item) => item.error,
    );
    expect(translated).toHaveLength(100);
    expect(translated[99]).toEqual({
      message: '51 more validation errors were left out.',
      error_code: '2003',
      field: null,
      details: { omitted: 51, max_errors: 100 },
    });
  });

  it('caps a DomainErrors built directly the same way', () => {
    const many = Array.from({ length: 250 }, () => new InvalidInputError('Bad.'));
    const thrown = new DomainErrors(many);
    expect(thrown.errors).toHaveLength(99);
    expect(thrown.omitted).toBe(151);
    expect(new DomainErrors(many.slice(0, 100)).omitted).toBe(0);
  });

  describe('under a cap the app set (ErrorsModule domainErrors.maxErrors)', () => {
    afterEach(() => setMaxDomainErrors(DEFAULT_MAX_DOMAIN_ERRORS));

    it('stops the collection at that cap and reports it in details.max_errors', () => {
      setMaxDomainErrors(10);
      expect(DomainErrors.maxErrors).toBe(10);
      const problems = DomainErrors.collect();
      let built = 0;
      for (let index = 0; index < 13_000 && !problems.full; index++) {
        built++;
        problems.add(new InvalidInputError('Unknown.', { field: `type_options.k${index}` }));
      }
      expect(built).toBe(11);
      const thrown = failure(() => problems.throwIfAny()) as DomainErrors;
      expect(thrown.errors).toHaveLength(9);
      expect(thrown.omitted).toBe(2);
      const translated = translateDomainError(thrown, {} as Parameters<typeof translateDomainError>[1])!.errors;
      expect(translated.map((item) => item.error)[9]).toEqual({
        message: '2 more validation errors were left out.',
        error_code: '2003',
        field: null,
        details: { omitted: 2, max_errors: 10 },
      });
    });

    it('reports the cap a collection was cut at, not one set after it was built', () => {
      setMaxDomainErrors(10);
      const thrown = new DomainErrors(Array.from({ length: 30 }, () => new InvalidInputError('Bad.')));
      setMaxDomainErrors(DEFAULT_MAX_DOMAIN_ERRORS);
      const translated = translateDomainError(thrown, {} as Parameters<typeof translateDomainError>[1])!.errors;
      expect(translated).toHaveLength(10);
      expect(translated[9].error.details).toEqual({ omitted: 21, max_errors: 10 });
    });

    it('is read-only on the class: only ErrorsModule sets it', () => {
      expect(() => {
        (DomainErrors as unknown as { maxErrors: number }).maxErrors = 5;
      }).toThrow(TypeError);
      expect(DomainErrors.maxErrors).toBe(DEFAULT_MAX_DOMAIN_ERRORS);
    });
  });

  it('flattens a nested DomainErrors', () => {
    const inner = new DomainErrors([new InvalidInputError('a'), new InvalidInputError('b')]);
    expect(DomainErrors.collect().add(inner).size).toBe(2);
  });
});
